//! Evidence files (`bukti`): checked at the path, hashed, copied into the internal site, and
//! in the public edition listed by name and SHA-256, published only with `bukti_publik`.

mod common;

use std::fs;

use capaian::evidence::sha256_hex;
use capaian::model::Edition;
use capaian::{BuildOptions, Site};
use common::{Repo, line_of};

const TW4: &str = "indikator = \"ipg\"\ntriwulan = 4\nnilai = 91.8\n";

fn with_evidence(repo: &Repo, lines: &str) {
    repo.edit("2025/realisasi/kepala.toml", TW4, &format!("{TW4}{lines}"));
}

/// The one-line findings of a load: `path:line:column: severity: message`.
fn findings(repo: &Repo) -> Vec<String> {
    let site = Site::load(repo.content()).unwrap();
    site.located_findings()
        .iter()
        .map(|f| {
            let mut line = f.to_string();
            // Paths relative to the content folder.
            if let Some(at) = line.find("content/") {
                line = line[at + "content/".len()..].to_string();
            }
            line
        })
        .collect()
}

#[test]
fn a_missing_evidence_file_is_an_error_at_its_path() {
    let repo = Repo::new();
    with_evidence(&repo, "bukti = [\"bukti/2025/ipg.pdf\"]\n");
    let text = fs::read_to_string(repo.content().join("2025/realisasi/kepala.toml")).unwrap();
    let line = line_of(&text, "bukti = ");
    let errors: Vec<String> = findings(&repo)
        .into_iter()
        .filter(|f| f.contains("error"))
        .collect();
    assert_eq!(
        errors,
        vec![format!(
            "2025/realisasi/kepala.toml:{line}:10: error: berkas bukti `bukti/2025/ipg.pdf` tidak ada"
        )]
    );
}

#[test]
fn paths_leading_out_of_the_content_folder_are_errors() {
    for path in [
        "../rahasia.pdf",
        "/etc/passwd",
        "bukti/../../x.pdf",
        "bukti\\\\x.pdf",
    ] {
        let repo = Repo::new();
        fs::write(repo.dir.path().join("rahasia.pdf"), b"secret").unwrap();
        with_evidence(&repo, &format!("bukti = [\"{path}\"]\n"));
        let errors: Vec<String> = findings(&repo)
            .into_iter()
            .filter(|f| f.contains("error"))
            .collect();
        assert_eq!(errors.len(), 1, "{path}: {errors:?}");
        assert!(
            errors[0].contains("tidak berada di dalam folder konten"),
            "{path}: {errors:?}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_link_leading_out_is_an_error() {
    let repo = Repo::new();
    fs::write(repo.dir.path().join("rahasia.pdf"), b"secret").unwrap();
    fs::create_dir_all(repo.content().join("bukti")).unwrap();
    std::os::unix::fs::symlink(
        repo.dir.path().join("rahasia.pdf"),
        repo.content().join("bukti/ipg.pdf"),
    )
    .unwrap();
    with_evidence(&repo, "bukti = [\"bukti/ipg.pdf\"]\n");
    let errors: Vec<String> = findings(&repo)
        .into_iter()
        .filter(|f| f.contains("error"))
        .collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].contains("tautan ke luar folder konten"),
        "{errors:?}"
    );
}

fn build(repo: &Repo, edition: Edition) -> Site {
    let (site, _) = Site::load(repo.content()).unwrap().edition(edition);
    let _ = fs::remove_dir_all(repo.output());
    site.build(&BuildOptions {
        output: repo.output(),
        theme: None,
    })
    .unwrap();
    site
}

#[test]
fn evidence_is_copied_and_linked_internally_and_only_hashed_in_public() {
    let repo = Repo::new();
    let bytes = b"%PDF-1.4 Berita Resmi Statistik IPG 2025\n";
    repo.write(
        "bukti/2025/brs-ipg.pdf",
        std::str::from_utf8(bytes).unwrap(),
    );
    with_evidence(&repo, "bukti = [\"bukti/2025/brs-ipg.pdf\"]\n");
    let hash = sha256_hex(bytes);

    build(&repo, Edition::Internal);
    assert_eq!(
        fs::read(repo.output().join("bukti/2025/brs-ipg.pdf")).unwrap(),
        bytes
    );
    let page = repo.read_output("2025/indikator/ipg/index.html");
    assert!(page.contains("href=\"/bukti/2025/brs-ipg.pdf\""), "linked");
    assert!(page.contains(&hash), "the hash is shown");

    // Public: the name and the hash, not the file.
    build(&repo, Edition::Public);
    assert!(!repo.output().join("bukti/2025/brs-ipg.pdf").exists());
    let page = repo.read_output("2025/indikator/ipg/index.html");
    assert!(!page.contains("href=\"/bukti/"), "not linked in public");
    assert!(page.contains("brs-ipg.pdf") && page.contains(&hash));

    // Public with bukti_publik: published and linked.
    repo.edit(
        "2025/realisasi/kepala.toml",
        "bukti = [\"bukti/2025/brs-ipg.pdf\"]\n",
        "bukti = [\"bukti/2025/brs-ipg.pdf\"]\nbukti_publik = true\n",
    );
    build(&repo, Edition::Public);
    assert_eq!(
        fs::read(repo.output().join("bukti/2025/brs-ipg.pdf")).unwrap(),
        bytes
    );
    let page = repo.read_output("2025/indikator/ipg/index.html");
    assert!(page.contains("href=\"/bukti/2025/brs-ipg.pdf\""));
}

#[test]
fn the_demo_cites_evidence_and_links_it() {
    let demo = common::site::build_demo();
    let page = fs::read_to_string(demo.root.join("2025/indikator/ipg/index.html")).unwrap();
    assert!(page.contains("href=\"/bukti/2025/brs-bps-ipg-2025.pdf\""));
    let bytes = fs::read(demo.root.join("bukti/2025/brs-bps-ipg-2025.pdf")).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    assert!(page.contains(&sha256_hex(&bytes)));
}

#[test]
fn an_evidence_file_changed_after_the_approval_makes_it_stale() {
    use common::git::{commit_all, init};
    let repo = Repo::new();
    repo.write("bukti/2025/brs-ipg.pdf", "%PDF-1.4 versi 1\n");
    with_evidence(&repo, "bukti = [\"bukti/2025/brs-ipg.pdf\"]\n");
    init(&repo);
    // Committed before the approval of 2026-01-06 (the fixture's proses.toml).
    commit_all(&repo, "Anisa", "2026-01-04T09:00:00+07:00", "Data 2025");
    let stale = |repo: &Repo| -> Vec<String> {
        findings(repo)
            .into_iter()
            .filter(|f| f.contains("warning") && f.contains("disetujui pada"))
            .collect()
    };
    assert!(stale(&repo).is_empty(), "{:?}", stale(&repo));
    repo.write("bukti/2025/brs-ipg.pdf", "%PDF-1.4 versi 2\n");
    commit_all(&repo, "Budi", "2026-02-03T10:00:00+07:00", "Ganti bukti");
    let found = stale(&repo);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("bukti/2025/brs-ipg.pdf"), "{found:?}");
}
