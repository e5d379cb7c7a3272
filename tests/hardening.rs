//! What a hostile committer, a flaky machine or a user who stops a command must not be able to
//! do: publish files from outside the repository through a theme, leave half-written folders
//! behind, or blow a page up with a field of megabytes.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::Repo;

/// The repository with `tema = "<tema>"` as the first line of site.toml.
fn with_tema(tema: &str) -> Repo {
    let repo = Repo::new();
    repo.write("site.toml", &format!("tema = \"{tema}\"\n{}", common::SITE));
    repo
}

/// The errors of `capaian check` as `path:line:column: message`.
fn errors(repo: &Repo) -> Vec<String> {
    repo.findings()
        .into_iter()
        .filter(|f| f.severity == capaian::finding::Severity::Error)
        .map(|f| {
            let place = f.place.expect("located");
            let root = format!("{}/", repo.dir.path().display());
            let path = place.path.strip_prefix(&root).unwrap_or(&place.path);
            format!("{path}:{}:{}: {}", place.line, place.column, f.message)
        })
        .collect()
}

/// A folder outside the repository holding a private key, as `/etc/ssl` would.
fn outside() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let secrets = dir.path().join("ssl");
    fs::create_dir_all(secrets.join("private")).unwrap();
    fs::write(secrets.join("private/key.pem"), "PRIVATE KEY 123").unwrap();
    fs::create_dir_all(dir.path().join("theme/static")).unwrap();
    fs::write(dir.path().join("theme/static/x.css"), "body{}").unwrap();
    (dir, secrets)
}

/// Every file under `dir` that holds `needle`.
fn files_holding(dir: &Path, needle: &str) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .filter(|e| fs::read_to_string(e.path()).is_ok_and(|t| t.contains(needle)))
        .map(|e| e.path().to_path_buf())
        .collect()
}

/// The build of a report with `n` errors: refused, nothing written.
#[track_caller]
fn assert_refused(repo: &Repo, n: usize) {
    match repo.try_build(None) {
        Err(capaian::BuildError::Invalid(errors)) => assert_eq!(errors, n),
        other => panic!("expected the build refused for {n} error(s), got {other:?}"),
    }
    assert!(!repo.output().exists());
}

#[test]
fn a_tema_that_is_a_path_is_an_error_at_its_value() {
    let (_outside, _) = outside();
    for tema in [
        "../../outside-theme",
        "/etc",
        "themes/x",
        "..",
        ".git",
        "a\\\\b",
        "",
    ] {
        let repo = with_tema(tema);
        let found = errors(&repo);
        assert_eq!(
            found,
            vec![format!(
                "content/site.toml:1:8: `tema` harus nama folder di bawah themes/ di samping folder content, bukan jalur: `{}`",
                tema.replace("\\\\", "\\")
            )],
            "{tema}"
        );
        assert_refused(&repo, 1);
    }
}

#[test]
fn a_missing_theme_folder_is_an_error_with_the_nearest_name() {
    let repo = with_tema("biru");
    fs::create_dir_all(repo.dir.path().join("themes/biru-tua/templates")).unwrap();
    let located = repo.findings();
    let finding = located
        .iter()
        .find(|f| f.severity == capaian::finding::Severity::Error)
        .unwrap();
    assert_eq!(
        finding.message,
        "tidak ada folder tema `themes/biru` di samping folder content"
    );
    let place = finding.place.as_ref().unwrap();
    assert_eq!((place.line, place.column), (1, 8));
    assert!(place.path.ends_with("/content/site.toml"), "{}", place.path);
    assert!(
        finding
            .help
            .as_deref()
            .unwrap()
            .starts_with("mungkin maksudnya `tema = \"biru-tua\"`"),
        "{:?}",
        finding.help
    );
    // The built-in theme needs no folder; a folder of that name overrides it.
    assert!(errors(&with_tema("default")).is_empty());
    // In English where the site is.
    let english = Repo::new();
    english.write(
        "site.toml",
        &format!("tema = \"biru\"\nbahasa = \"en\"\n{}", common::SITE),
    );
    assert_eq!(
        errors(&english),
        vec![
            "content/site.toml:1:8: there is no theme folder `themes/biru` beside the content folder"
        ]
    );
}

#[cfg(unix)]
#[test]
fn a_theme_folder_linked_outside_is_refused_and_nothing_is_published() {
    use std::os::unix::fs::symlink;
    let (outside, secrets) = outside();
    // The theme folder itself a link, its static/ a link, a file in it a link, a dangling link.
    type Case<'a> = (&'a str, &'a dyn Fn(&Path));
    let cases: [Case; 4] = [
        ("themes/biru", &|themes: &Path| {
            symlink(outside.path().join("theme"), themes.join("biru")).unwrap();
        }),
        ("themes/biru/static", &|themes: &Path| {
            fs::create_dir_all(themes.join("biru/templates")).unwrap();
            symlink(&secrets, themes.join("biru/static")).unwrap();
        }),
        ("themes/biru/static/key.pem", &|themes: &Path| {
            fs::create_dir_all(themes.join("biru/static")).unwrap();
            symlink(
                secrets.join("private/key.pem"),
                themes.join("biru/static/key.pem"),
            )
            .unwrap();
        }),
        ("themes/biru/templates", &|themes: &Path| {
            fs::create_dir_all(themes.join("biru")).unwrap();
            symlink(themes.join("nowhere"), themes.join("biru/templates")).unwrap();
        }),
    ];
    for (link, make) in cases {
        let repo = with_tema("biru");
        let themes = repo.dir.path().join("themes");
        fs::create_dir_all(&themes).unwrap();
        make(&themes);
        let found = errors(&repo);
        assert_eq!(found.len(), 1, "{link}: {found:?}");
        assert!(
            found[0].starts_with(&format!(
                "content/site.toml:1:8: `{link}` adalah tautan simbolik yang "
            )),
            "{link}: {found:?}"
        );
        assert_refused(&repo, 1);
        assert!(
            files_holding(repo.dir.path(), "PRIVATE KEY").is_empty(),
            "{link}"
        );
    }
    // A link inside the theme that stays inside it is read like the file itself.
    let repo = with_tema("biru");
    let theme = repo.dir.path().join("themes/biru");
    fs::create_dir_all(theme.join("static")).unwrap();
    fs::write(theme.join("static/asli.css"), "p{color:teal}").unwrap();
    symlink(
        theme.join("static/asli.css"),
        theme.join("static/salinan.css"),
    )
    .unwrap();
    assert!(errors(&repo).is_empty());
    repo.try_build(None)
        .expect("a link within the theme is fine");
    assert_eq!(repo.read_output("salinan.css"), "p{color:teal}");
}

/// `--theme DIR` is the user's own choice, anywhere and even a link; links under it leading
/// out of it are still refused.
#[cfg(unix)]
#[test]
fn a_theme_given_on_the_command_line_may_be_anywhere_but_not_lead_out() {
    use std::os::unix::fs::symlink;
    let (outside, secrets) = outside();
    let repo = Repo::new();
    let linked = repo.dir.path().join("my-theme");
    symlink(outside.path().join("theme"), &linked).unwrap();
    repo.try_build(Some(linked))
        .expect("a theme folder given by the user");
    assert_eq!(repo.read_output("x.css"), "body{}");

    let theme = outside.path().join("theme");
    symlink(&secrets, theme.join("static/ssl")).unwrap();
    let err = repo.try_build(Some(theme.clone())).unwrap_err().to_string();
    assert_eq!(
        err,
        format!(
            "cannot read the theme file `{}`: it is a symbolic link that leads outside the theme folder `{}`, to `{}`; copy what the theme needs into its folder instead of linking to it; check that the theme folder and its files are readable",
            theme.join("static/ssl").display(),
            theme.display(),
            secrets.canonicalize().unwrap().display()
        )
    );
    assert!(files_holding(repo.dir.path(), "PRIVATE KEY").is_empty());
    // The previous site stays.
    assert_eq!(repo.read_output("x.css"), "body{}");
}

#[path = "../bench/gen-content.rs"]
#[allow(dead_code)]
mod gen_content;

/// A synthetic report large enough that a build takes a while, and a built site of it.
fn large_repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    gen_content::write_content(&dir.path().join("content"), 3, 8, 8, 7);
    let built = capaian_build(dir.path()).output().unwrap();
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    dir
}

fn capaian_build(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_capaian"));
    command
        .current_dir(dir)
        .args(["build", "--content", "content", "--output", "output"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    command
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Starts a build and waits until it has made its staging folder (made before the first
/// page is rendered, so the build is caught while writing).
#[allow(
    clippy::zombie_processes,
    reason = "the child is returned, and its caller waits for it"
)]
fn build_caught_writing(dir: &Path) -> std::process::Child {
    let before = names(dir);
    let mut child = capaian_build(dir).spawn().unwrap();
    let started = Instant::now();
    loop {
        let writing = names(dir).iter().any(|n| {
            n.starts_with(".output.capaian-new-")
                && !before.contains(n)
                && dir.join(n).join(".capaian-output").exists()
        });
        if writing {
            return child;
        }
        if started.elapsed() >= Duration::from_secs(120) {
            // No build left running (nor a zombie) behind the failure.
            let _ = child.kill();
            let _ = child.wait();
            panic!("the build never wrote into a staging folder");
        }
        std::thread::sleep(Duration::from_millis(1));
    }
}

/// A build killed with SIGKILL (nothing can clean up) leaves its staging folder; the next
/// build removes it, and leaves only `output/` beside the content.
#[test]
fn a_killed_build_then_a_good_one_leaves_only_the_output() {
    let repo = large_repo();
    let dir = repo.path();
    let left = || -> Vec<String> {
        names(dir)
            .into_iter()
            .filter(|n| n.starts_with(".output.capaian-"))
            .collect()
    };
    let mut previous = Vec::new();
    for _ in 0..2 {
        let mut child = build_caught_writing(dir);
        child.kill().unwrap();
        child.wait().unwrap();
        // The folder of this kill only: the build that was killed had removed the previous one.
        let now = left();
        assert_eq!(now.len(), 1, "{now:?}");
        assert_ne!(now, previous);
        previous = now;
    }
    let built = capaian_build(dir).output().unwrap();
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    assert_eq!(names(dir), ["content", "output"]);
}

/// SIGTERM (and Ctrl-C, the same handler) during a build deletes the staging folder before
/// exiting; the previous site stays as it was.
#[cfg(unix)]
#[test]
fn sigterm_during_a_build_cleans_up() {
    let repo = large_repo();
    let dir = repo.path();
    let before = fs::read(dir.join("output/index.html")).unwrap();
    let child = build_caught_writing(dir);
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{stderr}");
    assert!(
        stderr.contains("stopped; the unfinished files were removed"),
        "{stderr}"
    );
    assert_eq!(names(dir), ["content", "output"]);
    assert_eq!(fs::read(dir.join("output/index.html")).unwrap(), before);
}

/// Whether a process runs (a zombie that nobody reaped has ended).
#[cfg(unix)]
fn running(pid: &str) -> bool {
    fs::read_to_string(format!("/proc/{}/stat", pid.trim())).is_ok_and(|stat| {
        stat.rsplit(')')
            .next()
            .is_some_and(|rest| !rest.trim_start().starts_with('Z'))
    })
}

/// A fake `chromium` that writes where its profile is, starts a helper that keeps the
/// browser's stdout and stderr open, then runs `then`.
#[cfg(unix)]
fn fake_chromium(dir: &Path, then: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt as _;
    let d = dir.display();
    let script = format!(
        "#!/bin/sh\n\
         for a in \"$@\"; do case \"$a\" in --user-data-dir=*) p=\"${{a#--user-data-dir=}}\";; esac; done\n\
         mkdir -p \"$p\" && echo cookie > \"$p/Cookies\"\n\
         echo \"$p\" > {d}/profile.tmp && mv {d}/profile.tmp {d}/profile\n\
         sleep 300 &\n\
         echo $! > {d}/helper.tmp && mv {d}/helper.tmp {d}/helper\n\
         echo starting >&2\n\
         {then}\n"
    );
    let path = dir.join("chromium");
    fs::write(&path, script).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).unwrap();
    path
}

/// What the fake browser wrote: its helper's pid and its profile folder.
#[cfg(unix)]
fn helper_and_profile(dir: &Path) -> (String, PathBuf) {
    let started = Instant::now();
    while !dir.join("helper").exists() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the fake browser never started"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    let helper = fs::read_to_string(dir.join("helper")).unwrap();
    let profile = PathBuf::from(fs::read_to_string(dir.join("profile")).unwrap().trim());
    (helper, profile)
}

/// A browser that hangs, with a helper holding its pipes: stopped at the timeout, helper and
/// all, and its profile removed.
#[cfg(unix)]
#[test]
fn a_hanging_browser_is_stopped_with_its_helpers_and_its_profile_removed() {
    let dir = tempfile::tempdir().unwrap();
    let chromium = capaian::pdf::Chromium {
        path: fake_chromium(dir.path(), "sleep 300"),
        timeout: Duration::from_secs(2),
    };
    let started = Instant::now();
    let err = chromium
        .print(
            "http://127.0.0.1:9/2025/cetak/",
            &dir.path().join("out.pdf"),
        )
        .unwrap_err();
    let took = started.elapsed();
    assert!(
        matches!(err, capaian::pdf::PdfError::Timeout { .. }),
        "{err}"
    );
    assert!(took < Duration::from_secs(6), "{took:?}");
    let (helper, profile) = helper_and_profile(dir.path());
    assert!(
        !running(&helper),
        "the helper {helper} outlived the browser"
    );
    assert!(profile.starts_with(std::env::temp_dir()));
    assert!(!profile.parent().unwrap().exists(), "{}", profile.display());
    assert!(!dir.path().join("out.pdf").exists());
}

/// A browser that ends at once while a helper keeps its pipes open: no wait for the pipes,
/// the helper stopped, the profile removed.
#[cfg(unix)]
#[test]
fn a_helper_holding_the_pipes_does_not_hold_the_print() {
    let dir = tempfile::tempdir().unwrap();
    let chromium = capaian::pdf::Chromium {
        path: fake_chromium(dir.path(), "exit 3"),
        timeout: Duration::from_secs(60),
    };
    let started = Instant::now();
    let err = chromium
        .print(
            "http://127.0.0.1:9/2025/cetak/",
            &dir.path().join("out.pdf"),
        )
        .unwrap_err();
    let took = started.elapsed();
    let capaian::pdf::PdfError::Print { status, stderr, .. } = &err else {
        panic!("{err}");
    };
    assert_eq!(status, "3");
    assert_eq!(stderr, "starting");
    assert!(took < Duration::from_secs(10), "{took:?}");
    let (helper, profile) = helper_and_profile(dir.path());
    assert!(
        !running(&helper),
        "the helper {helper} outlived the browser"
    );
    assert!(!profile.parent().unwrap().exists(), "{}", profile.display());
}

/// Ctrl-C during `capaian pdf`: the browser's group is stopped and its profile removed
/// before the command exits.
#[cfg(unix)]
#[test]
fn ctrl_c_during_pdf_stops_the_browser_and_removes_its_profile() {
    let repo = Repo::new();
    let fake = tempfile::tempdir().unwrap();
    let chromium = fake_chromium(fake.path(), "sleep 300");
    let child = Command::new(env!("CARGO_BIN_EXE_capaian"))
        .current_dir(repo.dir.path())
        .args(["pdf", "--year", "2025"])
        .env("CAPAIAN_CHROMIUM", &chromium)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (helper, profile) = helper_and_profile(fake.path());
    assert!(profile.exists());
    let sent = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{stderr}");
    assert!(
        !running(&helper),
        "the helper {helper} outlived the command"
    );
    assert!(!profile.parent().unwrap().exists(), "{}", profile.display());
    assert_eq!(names(repo.dir.path()), ["content", "output"]);
}

/// A title, a name or a position of megabytes would be repeated on every page: over 500
/// characters a one-line field is an error at its value, in TOML files and pages alike.
#[test]
fn a_one_line_field_over_500_characters_is_an_error_at_its_value() {
    let repo = Repo::new();
    let long = "A".repeat(600);
    repo.edit(
        "site.toml",
        "judul = \"Laporan Kinerja Dinas Contoh\"",
        &format!("judul = \"{long}\""),
    );
    repo.edit(
        "site.toml",
        "jabatan = \"Sekretaris\"",
        &format!("jabatan = \"{}\"", "é".repeat(501)),
    );
    // Exactly the limit is fine.
    repo.edit(
        "site.toml",
        "wilayah = \"Kota Contoh\"",
        &format!("wilayah = \"{}\"", "w".repeat(500)),
    );
    // A multi-line string with short lines is one line of text all the same.
    let name = "Indeks Pembangunan Gender ".repeat(30);
    repo.edit(
        "2025/pk/kepala.toml",
        "nama = \"Indeks Pembangunan Gender\"",
        &format!(
            "nama = \"\"\"\n{}\"\"\"",
            name.replace("Gender ", "Gender\n")
        ),
    );
    repo.write(
        "pages/profil.md",
        &format!(
            "+++\njudul = \"{}\"\nurutan = 1\n+++\n# Profil\n",
            "P".repeat(700)
        ),
    );
    let jabatan_line = common::line_of(common::SITE, "jabatan = \"Sekretaris\"");
    let pk_line = common::line_of(common::PK, "nama = \"Indeks Pembangunan Gender\"");
    assert_eq!(
        errors(&repo),
        vec![
            "content/2025/pk/kepala.toml:".to_string()
                + &format!("{pk_line}:10: `nama` terlalu panjang: 780 karakter; isian satu baris paling banyak 500 karakter"),
            "content/pages/profil.md:2:9: `judul` terlalu panjang: 700 karakter; isian satu baris paling banyak 500 karakter".to_string(),
            "content/site.toml:1:9: `judul` terlalu panjang: 600 karakter; isian satu baris paling banyak 500 karakter".to_string(),
            format!("content/site.toml:{jabatan_line}:11: `jabatan` terlalu panjang: 501 karakter; isian satu baris paling banyak 500 karakter"),
        ]
    );
    assert_refused(&repo, 4);
}
