//! The corpus of bad inputs in `tests/bad/`: every case must give exit status 1 with
//! the exact findings (or a clear I/O error, exit 2), never panic, and leave the previous site
//! untouched.
//!
//! A case is a folder `tests/bad/<NN-name>/` holding:
//! - `case.toml`: how the case changes the `Repo` fixture of `tests/common` (all keys optional):
//!   ```toml
//!   about = "what is wrong, in one line"
//!   binary = true                 # also run the `capaian` binary on it
//!   remove = ["site.toml"]        # files or folders of content/ to delete
//!   folders = ["site.toml"]       # folders to create in content/
//!   repo_folders = [".git"]       # folders to create beside content/
//!   output = "content"            # build into this folder (relative to the repository)
//!   generate = "deep-markdown"    # a generator of this file (inputs too big to commit)
//!   built = ["dalam/index.html"]  # files the build must write (cases that exit 0)
//!   absent = ["Thumbs.db"]        # words no finding, error or warning, may hold
//!   [files]                       # whole files of content/, as text
//!   "2025/proses.toml" = "…"
//!   [[edit]]                      # replace the first occurrence of `from` in a file
//!   file = "2025/pk/kepala.toml"
//!   from = "target = 92.5"
//!   to = "target = 1e400"
//!   [[symlink]]                   # `{outside}` is a folder outside the repository
//!   path = "2025/pk/luar.toml"
//!   target = "{outside}/luar.toml"
//!   ```
//! - `files/`: files copied byte for byte over content/ (non-UTF-8 bytes, a BOM);
//! - `expected.txt`: `exit N`, then one line per finding as `path:line:column: error: message`
//!   (the errors must be exactly these; a `warning:` line must be among the warnings), or
//!   `io: <text>` for the message of an I/O error (exit 2). `#` starts a comment.
//!
//! Each case builds the good fixture first, then the bad one into the same output folder,
//! and compares the output byte for byte. Every case is a test of its own, named after its
//! folder: `cargo test --test bad 80-crlf` runs the cases whose name holds `80-crlf`.
//! `BAD_SHOW=1 cargo test --test bad -- --nocapture` prints what a user sees for every case;
//! `BAD_CASE=<part of a name>` runs only matching cases (the others are shown as ignored);
//! `BAD_BLESS=1` rewrites the `expected.txt` of failing cases from what they gave (read the
//! diff before you keep it).

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use annotate_snippets::Renderer;
use capaian::finding::Severity;
use capaian::{BuildError, BuildOptions, Site};
use common::Repo;
use common::site::snapshot;
use libtest_mimic::{Failed, Trial};
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    about: String,
    #[serde(default)]
    binary: bool,
    #[serde(default)]
    remove: Vec<String>,
    #[serde(default)]
    folders: Vec<String>,
    #[serde(default)]
    repo_folders: Vec<String>,
    #[serde(default)]
    output: Option<String>,
    #[serde(default)]
    generate: Option<String>,
    #[serde(default)]
    files: BTreeMap<String, String>,
    #[serde(default)]
    edit: Vec<Edit>,
    #[serde(default)]
    symlink: Vec<Symlink>,
    /// Files the build must have written (exit 0 only), relative to the output.
    #[serde(default)]
    built: Vec<String>,
    /// Words that no finding may hold: the files or mistakes a case says are not mentioned.
    #[serde(default)]
    absent: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Edit {
    file: String,
    from: String,
    to: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Symlink {
    path: String,
    target: String,
}

/// What `expected.txt` says.
#[derive(Debug)]
struct Expected {
    exit: i32,
    errors: Vec<String>,
    warnings: Vec<String>,
    io: Vec<String>,
}

/// What a run gave: exit status, findings as one-liners, the I/O error, the rendered text.
#[derive(Debug, Default)]
struct Outcome {
    exit: i32,
    errors: Vec<String>,
    warnings: Vec<String>,
    io: Option<String>,
    rendered: String,
}

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad")
}

fn case_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = fs::read_dir(corpus())
        .expect("tests/bad exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

fn read_expected(dir: &Path) -> Expected {
    let text = fs::read_to_string(dir.join("expected.txt")).expect("expected.txt");
    let mut expected = Expected {
        exit: -1,
        errors: vec![],
        warnings: vec![],
        io: vec![],
    };
    for line in text
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        if let Some(code) = line.strip_prefix("exit ") {
            expected.exit = code.trim().parse().expect("exit N");
        } else if let Some(io) = line.strip_prefix("io: ") {
            expected.io.push(io.to_string());
        } else if line.contains(" warning: ") || line.starts_with("warning: ") {
            expected.warnings.push(line.to_string());
        } else {
            expected.errors.push(line.to_string());
        }
    }
    assert!(
        expected.exit >= 0,
        "{}: expected.txt has no `exit N` line",
        dir.display()
    );
    expected
}

/// Writes the case into the fixture.
fn apply(case: &Case, dir: &Path, repo: &Repo, outside: &Path) {
    let content = repo.content();
    for rel in &case.remove {
        let path = content.join(rel);
        if path.is_dir() {
            fs::remove_dir_all(&path).unwrap();
        } else {
            fs::remove_file(&path).unwrap_or_else(|e| panic!("remove {rel}: {e}"));
        }
    }
    for rel in &case.folders {
        fs::create_dir_all(content.join(rel)).unwrap();
    }
    for rel in &case.repo_folders {
        fs::create_dir_all(repo.dir.path().join(rel)).unwrap();
    }
    for (rel, text) in &case.files {
        repo.write(rel, text);
    }
    for edit in &case.edit {
        repo.edit(&edit.file, &edit.from, &edit.to);
    }
    let overlay = dir.join("files");
    if overlay.is_dir() {
        for entry in walkdir::WalkDir::new(&overlay)
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_file())
        {
            let rel = entry.path().strip_prefix(&overlay).unwrap();
            let to = content.join(rel);
            fs::create_dir_all(to.parent().unwrap()).unwrap();
            fs::copy(entry.path(), to).unwrap();
        }
    }
    for link in &case.symlink {
        let target = link.target.replace("{outside}", &outside.to_string_lossy());
        if link.target.starts_with("{outside}") {
            // Something worth stealing: a file outside the report that must not be read.
            fs::write(&target, "pejabat = \"kepala\"\n# rahasia\n").unwrap();
        }
        let path = content.join(&link.path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::os::unix::fs::symlink(target, path).unwrap();
    }
    if let Some(generator) = &case.generate {
        generate(generator, repo, outside);
    }
}

/// Inputs too large or too odd to commit.
fn generate(name: &str, repo: &Repo, outside: &Path) {
    let content = repo.content();
    match name {
        // 10 MB of plausible entries: an export pasted in by mistake.
        "big-realisation" => {
            let entry = format!(
                "[[realisasi]]\nindikator = \"ipg\"\ntriwulan = 4\nnilai = 91.8\nanalisis = \"{}\"\n\n",
                "Capaian sesuai target. ".repeat(40)
            );
            let text = entry.repeat(10 * 1024 * 1024 / entry.len() + 1);
            assert!(text.len() >= 10 * 1024 * 1024);
            repo.write("2025/realisasi/kepala.toml", &text);
        }
        // The same entry 20,000 times: one mistake, copied. Printing stays fast and short.
        "many-duplicates" => {
            let entry = "[[realisasi]]\nindikator = \"ipg\"\ntriwulan = 4\nnilai = 91.8\nanalisis = \"Sama.\"\n\n";
            repo.write("2025/realisasi/kepala.toml", &entry.repeat(20_000));
        }
        // Just under the limit, with the error on the very last line.
        "large-realisation-error-at-end" => {
            let mut text = common::REALISASI.to_string();
            let comment = format!("# {}\n", "catatan ".repeat(12));
            while text.len() < 3 * 1024 * 1024 {
                text.push_str(&comment);
            }
            text.push_str("[[realisasi]]\nindikator = \"ipg\"\ntriwulan = 3\nnilai = \n");
            repo.write("2025/realisasi/kepala.toml", &text);
        }
        // 10,000 nested block quotes, list levels, emphasis and brackets in one page.
        "deep-markdown" => {
            let n = 10_000;
            let mut text = String::from("+++\njudul = \"Dalam\"\n+++\n\n");
            text.push_str(&"> ".repeat(n));
            text.push_str("kutipan\n\n");
            text.push_str(&"- ".repeat(n));
            text.push_str("butir\n\n");
            text.push_str(&"*".repeat(n));
            text.push_str("tebal");
            text.push_str(&"*".repeat(n));
            text.push_str("\n\n");
            text.push_str(&"[".repeat(n));
            text.push_str("tautan");
            text.push_str(&"](x)".repeat(n));
            text.push_str("\n\n");
            text.push_str(&"1. ".repeat(n));
            text.push_str("angka\n");
            repo.write("pages/dalam.md", &text);
        }
        // 10,000 nested arrays in a PK: the TOML parser must not overflow its stack.
        "deep-toml-arrays" => {
            let n = 10_000;
            repo.write(
                "2025/pk/kepala.toml",
                &format!("x = {}1{}\n{}", "[".repeat(n), "]".repeat(n), common::PK),
            );
        }
        // 10,000 nested inline tables.
        "deep-toml-tables" => {
            let n = 10_000;
            repo.write(
                "2025/pk/kepala.toml",
                &format!(
                    "x = {}1{}\n{}",
                    "{ a = ".repeat(n),
                    " }".repeat(n),
                    common::PK
                ),
            );
        }
        // One line of a megabyte, the error at its end.
        "long-line" => {
            let text = format!(
                "[[realisasi]]\nindikator = \"ipg\"\ntriwulan = 4\nnilai = 91.8\nanalisis = \"{}\" lagi\n",
                "panjang ".repeat(128 * 1024)
            );
            repo.write("2025/realisasi/kepala.toml", &text);
        }
        // A named pipe: reading it would block the build for ever.
        "fifo" => {
            let path = content.join("2025/realisasi/pipa.toml");
            let status = Command::new("mkfifo")
                .arg(&path)
                .status()
                .expect("mkfifo runs");
            assert!(status.success());
        }
        // A file name that is not UTF-8.
        "non-utf8-name" => {
            use std::os::unix::ffi::OsStrExt;
            let name = std::ffi::OsStr::from_bytes(b"kep\xe4la.toml");
            fs::write(content.join("2025/pk").join(name), common::PK).unwrap();
        }
        // A link to a folder outside the content folder.
        "symlink-folder-outside" => {
            fs::create_dir_all(outside.join("2024/pk")).unwrap();
            fs::write(outside.join("2024/pk/kepala.toml"), common::PK).unwrap();
            std::os::unix::fs::symlink(outside.join("2024"), content.join("2024")).unwrap();
        }
        other => panic!("unknown generator {other}"),
    }
}

/// Paths as the user typed them: relative to the repository.
fn relative(text: &str, repo: &Repo) -> String {
    let root = repo.dir.path().to_string_lossy().into_owned();
    text.replace(&format!("{root}/"), "").replace(&root, ".")
}

/// Loads and builds through the library, mapping the result to the CLI's exit statuses.
fn run_library(repo: &Repo, output: &Path) -> Outcome {
    let mut outcome = Outcome::default();
    let site = match Site::load(repo.content()) {
        Ok(site) => site,
        Err(e) => {
            outcome.exit = 2;
            outcome.io = Some(relative(&e.to_string(), repo));
            return outcome;
        }
    };
    let renderer = Renderer::plain();
    for finding in &site.findings.list {
        // Rendering is part of what must not panic.
        let text = finding.render(&site.sources, &renderer);
        outcome.rendered.push_str(&relative(&text, repo));
        outcome.rendered.push_str("\n\n");
    }
    for located in site.located_findings() {
        let line = relative(&located.to_string(), repo);
        match located.severity {
            Severity::Error => outcome.errors.push(line),
            Severity::Warning => outcome.warnings.push(line),
        }
    }
    outcome.exit = match site.build(&BuildOptions {
        output: output.to_path_buf(),
        theme: None,
    }) {
        Ok(_) => 0,
        Err(BuildError::Invalid(_) | BuildError::Render(_)) => 1,
        Err(e) => {
            outcome.io = Some(relative(&e.to_string(), repo));
            2
        }
    };
    outcome
}

/// Runs one case; returns what went wrong, if anything.
fn run_case(dir: &Path) -> Result<Outcome, String> {
    let name = dir.file_name().unwrap().to_string_lossy().into_owned();
    let case: Case = toml::from_str(
        &fs::read_to_string(dir.join("case.toml")).map_err(|e| format!("case.toml: {e}"))?,
    )
    .map_err(|e| format!("case.toml: {e}"))?;
    if case.about.trim().is_empty() {
        return Err("case.toml has no `about`".into());
    }
    let expected = read_expected(dir);
    let repo = Repo::new();
    let outside = tempfile::tempdir().unwrap();
    let output = case
        .output
        .as_ref()
        .map_or_else(|| repo.output(), |o| repo.dir.path().join(o));

    // The previous, good site.
    let site = Site::load(repo.content()).map_err(|e| format!("fixture: {e}"))?;
    site.build(&BuildOptions {
        output: repo.output(),
        theme: None,
    })
    .map_err(|e| format!("fixture build: {e}"))?;
    let before = snapshot(&repo.output());

    apply(&case, dir, &repo, outside.path());
    let content_applied = snapshot(&repo.content());
    let outcome = run_library(&repo, &output);

    let mut problems = Vec::new();
    if outcome.exit != expected.exit {
        problems.push(format!(
            "exit {} instead of {}",
            outcome.exit, expected.exit
        ));
    }
    if outcome.errors != expected.errors {
        problems.push(format!(
            "errors:\n  got:      {:#?}\n  expected: {:#?}",
            outcome.errors, expected.errors
        ));
    }
    for warning in &expected.warnings {
        if !outcome.warnings.contains(warning) {
            problems.push(format!(
                "missing warning {warning:?}; warnings: {:#?}",
                outcome.warnings
            ));
        }
    }
    for io in &expected.io {
        if !outcome
            .io
            .as_deref()
            .is_some_and(|m| m.contains(io.as_str()))
        {
            problems.push(format!(
                "I/O error {:?} does not contain {io:?}",
                outcome.io
            ));
        }
    }
    if outcome.io.is_some() && expected.io.is_empty() {
        problems.push(format!("unexpected I/O error {:?}", outcome.io));
    }
    for word in &case.absent {
        if let Some(finding) = outcome
            .errors
            .iter()
            .chain(&outcome.warnings)
            .find(|f| f.contains(word.as_str()))
        {
            problems.push(format!("a finding mentions {word:?}: {finding}"));
        }
    }
    // A failed build leaves the previous site byte for byte; a good one replaces it.
    if outcome.exit != 0 && snapshot(&repo.output()) != before {
        problems.push("the previous output was changed".into());
    }
    if outcome.exit == 0 && case.output.is_none() {
        for file in std::iter::once("index.html").chain(case.built.iter().map(String::as_str)) {
            if !repo.output().join(file).is_file() {
                problems.push(format!("exit 0 but no `{file}` in the output"));
            }
        }
    }
    // The build never writes into the content folder, nor leaves anything beside the output.
    if case.generate.as_deref() != Some("fifo") && snapshot(&repo.content()) != content_applied {
        problems.push("the content folder was changed".into());
    }
    let mut beside: Vec<String> = fs::read_dir(repo.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    beside.sort();
    let mut allowed: Vec<String> = vec!["content".into(), "output".into()];
    allowed.extend(
        case.repo_folders
            .iter()
            .map(|f| f.split('/').next().unwrap().to_string()),
    );
    if let Some(o) = &case.output {
        allowed.push(o.split('/').next().unwrap().to_string());
    }
    if let Some(stray) = beside.iter().find(|b| !allowed.contains(b)) {
        problems.push(format!("the build left `{stray}` beside the output"));
    }

    if case.binary {
        let bin = run_binary(&repo, case.output.as_deref().unwrap_or("output"));
        if bin.exit != expected.exit {
            problems.push(format!(
                "the binary exits {} instead of {}:\n{}",
                bin.exit, expected.exit, bin.rendered
            ));
        }
        for line in &expected.errors {
            // `path:line:col: error: message` is printed as `error: message` + ` --> path:line:col`.
            let (place, message) = match line.split_once(": error: ") {
                Some((place, message)) => (Some(place), message),
                None => (None, line.trim_start_matches("error: ")),
            };
            if !bin.rendered.contains(&format!("error: {message}\n")) {
                problems.push(format!(
                    "the binary does not print `error: {message}`:\n{}",
                    bin.rendered
                ));
            }
            if let Some(place) = place
                && !bin.rendered.contains(&format!("--> {place}\n"))
            {
                problems.push(format!(
                    "the binary does not point at {place}:\n{}",
                    bin.rendered
                ));
            }
        }
        for io in &expected.io {
            if !bin.rendered.contains(io.as_str()) {
                problems.push(format!(
                    "the binary does not print {io:?}:\n{}",
                    bin.rendered
                ));
            }
        }
        if bin.rendered.contains("panicked") {
            problems.push(format!("the binary panicked:\n{}", bin.rendered));
        }
    }
    if std::env::var_os("BAD_SHOW").is_some() {
        eprintln!(
            "==== {name}: {} (exit {})\n{}{}",
            case.about,
            outcome.exit,
            outcome.rendered,
            outcome
                .io
                .as_deref()
                .map(|e| format!("error: {e}\n"))
                .unwrap_or_default()
        );
    }
    if std::env::var_os("BAD_BLESS").is_some() && !problems.is_empty() {
        // Writes what the run gave as the expectation: review the diff before committing it.
        let mut text = format!("# {}\nexit {}\n", case.about, outcome.exit);
        for line in outcome.errors.iter().chain(&expected.warnings) {
            text.push_str(line);
            text.push('\n');
        }
        if let Some(io) = &outcome.io {
            text.push_str(&format!("io: {io}\n"));
        }
        fs::write(dir.join("expected.txt"), text).unwrap();
    }
    if problems.is_empty() {
        Ok(outcome)
    } else {
        Err(problems.join("\n"))
    }
}

/// `capaian build` in the repository, as a user runs it.
fn run_binary(repo: &Repo, output: &str) -> Outcome {
    let out = Command::new(env!("CARGO_BIN_EXE_capaian"))
        .args(["build", "--content", "content", "--output", output])
        .current_dir(repo.dir.path())
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs");
    Outcome {
        exit: out.status.code().unwrap_or(-1),
        rendered: relative(&String::from_utf8_lossy(&out.stderr), repo),
        ..Outcome::default()
    }
}

/// One named test per case of the corpus, and the tests below: `cargo test --test bad
/// 80-crlf` runs the cases whose name holds `80-crlf`; `--exact <name>` runs one.
fn main() {
    let args = libtest_mimic::Arguments::from_args();
    let dirs = case_dirs();
    assert!(
        dirs.len() >= 40,
        "the corpus has {} cases; the corpus keeps at least 40",
        dirs.len()
    );
    // Cases run on libtest-mimic's threads, with the default 2 MiB stack: deep inputs must not
    // need more.
    let mut trials: Vec<Trial> = dirs
        .into_iter()
        .map(|dir| {
            let name = dir.file_name().unwrap().to_string_lossy().into_owned();
            // `BAD_CASE=<part of a name>` still narrows the corpus, as before.
            let ignored = std::env::var("BAD_CASE").is_ok_and(|only| !name.contains(&only));
            Trial::test(name, move || {
                run_case(&dir).map(|_| ()).map_err(Failed::from)
            })
            .with_kind("case")
            .with_ignored_flag(ignored)
        })
        .collect();
    let tests: [(&str, fn()); 4] = [
        ("every_case_is_well_formed", every_case_is_well_formed),
        (
            "refuses_an_output_that_links_to_the_content",
            refuses_an_output_that_links_to_the_content,
        ),
        (
            "replacing_a_build_never_follows_a_link_out_of_it",
            replacing_a_build_never_follows_a_link_out_of_it,
        ),
        (
            "links_inside_the_content_are_followed",
            links_inside_the_content_are_followed,
        ),
    ];
    trials.extend(tests.into_iter().map(|(name, test)| {
        Trial::test(name, move || {
            test();
            Ok(())
        })
    }));
    libtest_mimic::run(&args, trials).exit();
}

fn every_case_is_well_formed() {
    for dir in case_dirs() {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let (number, rest) = name.split_once('-').unwrap_or(("", ""));
        assert!(
            (2..=3).contains(&number.len())
                && number.bytes().all(|b| b.is_ascii_digit())
                && !rest.is_empty(),
            "{name}: name it NN-what"
        );
        let case: Result<Case, _> =
            toml::from_str(&fs::read_to_string(dir.join("case.toml")).unwrap());
        assert!(case.is_ok(), "{name}/case.toml: {:?}", case.err());
        read_expected(&dir);
    }
}

// -- The output folder: cases that need more than a content folder ---------

/// An output folder that is a symbolic link to the content folder is the content folder.
fn refuses_an_output_that_links_to_the_content() {
    let repo = Repo::new();
    let link = repo.dir.path().join("situs");
    std::os::unix::fs::symlink(repo.content(), &link).unwrap();
    let before = snapshot(&repo.content());
    let site = Site::load(repo.content()).unwrap();
    let err = site
        .build(&BuildOptions {
            output: link.clone(),
            theme: None,
        })
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("is the content folder or holds it"),
        "{err}"
    );
    assert_eq!(
        snapshot(&repo.content()),
        before,
        "the content is untouched"
    );
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

/// A symbolic link planted in a previous build is removed with it, never followed: the files
/// it points at, outside the output, stay.
fn replacing_a_build_never_follows_a_link_out_of_it() {
    let repo = Repo::new();
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("precious.txt"), "precious").unwrap();
    let site = Site::load(repo.content()).unwrap();
    let options = BuildOptions {
        output: repo.output(),
        theme: None,
    };
    site.build(&options).unwrap();
    std::os::unix::fs::symlink(outside.path(), repo.output().join("linked-folder")).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("precious.txt"),
        repo.output().join("2025").join("linked-file.txt"),
    )
    .unwrap();
    site.build(&options).unwrap();
    assert!(!repo.output().join("linked-folder").exists());
    assert!(repo.output().join("index.html").is_file());
    assert_eq!(
        fs::read_to_string(outside.path().join("precious.txt")).unwrap(),
        "precious"
    );
    let left: Vec<_> = fs::read_dir(outside.path()).unwrap().collect();
    assert_eq!(
        left.len(),
        1,
        "nothing outside the output was deleted or added"
    );
}

/// A content folder reached through a symbolic link builds; a link inside it to another of
/// its files is read; only links out of it are refused (cases 47 to 49).
fn links_inside_the_content_are_followed() {
    let repo = Repo::new();
    fs::rename(
        repo.content().join("2025/proses.toml"),
        repo.content().join("proses-2025.toml.txt"),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        repo.content().join("proses-2025.toml.txt"),
        repo.content().join("2025/proses.toml"),
    )
    .unwrap();
    let via = repo.dir.path().join("lewat");
    std::os::unix::fs::symlink(repo.content(), &via).unwrap();
    let site = Site::load(&via).unwrap();
    let errors: Vec<String> = site
        .located_findings()
        .iter()
        .filter(|f| matches!(f.severity, Severity::Error))
        .map(|f| f.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    assert!(site.report.years[&2025].process.is_some());
}
