//! Evidence files (`bukti`): checked at the path, hashed, copied into the internal site, and
//! in the public edition listed by name and SHA-256, published only with `bukti_publik`.

mod common;

use std::fs;

use capaian::evidence::sha256_hex;
use capaian::model::Edition;
use common::html::{count, select, select_in, text};
use common::{Repo, line_of};
use scraper::Html;

const TW4: &str = "indikator = \"ipg\"\ntriwulan = 4\nnilai = 91.8\n";

fn with_evidence(repo: &Repo, lines: &str) {
    repo.edit("2025/realisasi/kepala.toml", TW4, &format!("{TW4}{lines}"));
}

/// The one-line findings of a load: `path:line:column: severity: message`.
fn findings(repo: &Repo) -> Vec<String> {
    repo.findings()
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

/// The errors of a load, one line each ([`findings`]).
fn errors(repo: &Repo) -> Vec<String> {
    findings(repo)
        .into_iter()
        .filter(|f| f.contains(": error: "))
        .collect()
}

/// Where the evidence list stands in the realisations: `path:line:column` of its first path.
fn at_evidence(repo: &Repo) -> String {
    let (line, column) = repo.place("2025/realisasi/kepala.toml", "bukti = ", "\"");
    format!("2025/realisasi/kepala.toml:{line}:{column}")
}

/// Each evidence item of the indicator page's quarter table: its link (if any), its text and
/// the title holding the full hash.
fn evidence_items(page: &Html) -> Vec<(Option<String>, String, Option<String>)> {
    select(page, "table.quarters ul.bukti li")
        .iter()
        .map(|li| {
            let href = select_in(li, "a")
                .first()
                .and_then(|a| a.attr("href").map(String::from));
            let title = select_in(li, ".hash")
                .first()
                .and_then(|h| h.attr("title").map(String::from));
            (href, text(li), title)
        })
        .collect()
}

#[test]
fn a_missing_evidence_file_is_an_error_at_its_path() {
    let repo = Repo::new();
    with_evidence(&repo, "bukti = [\"bukti/2025/ipg.pdf\"]\n");
    let text = fs::read_to_string(repo.content().join("2025/realisasi/kepala.toml")).unwrap();
    let line = line_of(&text, "bukti = ");
    assert_eq!(
        errors(&repo),
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
        let errors = errors(&repo);
        assert_eq!(errors.len(), 1, "{path}: {errors:?}");
        let place = at_evidence(&repo);
        assert!(
            errors[0].starts_with(&format!("{place}: error: "))
                && errors[0].contains("tidak berada di dalam folder konten"),
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
    let errors = errors(&repo);
    assert_eq!(errors.len(), 1, "{errors:?}");
    let place = at_evidence(&repo);
    assert!(
        errors[0].starts_with(&format!("{place}: error: "))
            && errors[0].contains("tautan ke luar folder konten"),
        "{errors:?}"
    );
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

    let shown = format!("brs-ipg.pdf SHA-256 {}…", &hash[..12]);
    let title = Some(format!("SHA-256 {hash}"));
    repo.build();
    assert_eq!(
        fs::read(repo.output().join("bukti/2025/brs-ipg.pdf")).unwrap(),
        bytes
    );
    let page = repo.page("2025/indikator/ipg/index.html");
    assert_eq!(
        evidence_items(&page),
        [(
            Some("/bukti/2025/brs-ipg.pdf".to_string()),
            shown.clone(),
            title.clone()
        )],
        "linked, with its hash"
    );

    // Public: the name and the hash, not the file.
    repo.build_edition(Edition::Public);
    assert!(!repo.output().join("bukti/2025/brs-ipg.pdf").exists());
    let page = repo.page("2025/indikator/ipg/index.html");
    assert_eq!(
        evidence_items(&page),
        [(None, shown.clone(), title.clone())],
        "not linked in public"
    );
    assert_eq!(count(&page, "a[href^='/bukti/']"), 0);

    // Public with bukti_publik: published and linked.
    repo.edit(
        "2025/realisasi/kepala.toml",
        "bukti = [\"bukti/2025/brs-ipg.pdf\"]\n",
        "bukti = [\"bukti/2025/brs-ipg.pdf\"]\nbukti_publik = true\n",
    );
    repo.build_edition(Edition::Public);
    assert_eq!(
        fs::read(repo.output().join("bukti/2025/brs-ipg.pdf")).unwrap(),
        bytes
    );
    let page = repo.page("2025/indikator/ipg/index.html");
    assert_eq!(
        evidence_items(&page),
        [(Some("/bukti/2025/brs-ipg.pdf".to_string()), shown, title)]
    );
}

#[test]
fn the_demo_cites_evidence_and_links_it() {
    let demo = common::site::build_demo();
    let page = Html::parse_document(
        &fs::read_to_string(demo.root.join("2025/indikator/ipg/index.html")).unwrap(),
    );
    let bytes = fs::read(demo.root.join("bukti/2025/brs-bps-ipg-2025.pdf")).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    let items = evidence_items(&page);
    let hash = sha256_hex(&bytes);
    assert!(
        items.iter().any(|(href, _, title)| {
            href.as_deref() == Some("/bukti/2025/brs-bps-ipg-2025.pdf")
                && title.as_deref() == Some(&format!("SHA-256 {hash}"))
        }),
        "{items:?}"
    );
}

#[test]
fn an_evidence_file_changed_after_the_approval_makes_it_stale() {
    use common::git::{commit_all, first_commit, short_head};
    let repo = Repo::new();
    repo.write("bukti/2025/brs-ipg.pdf", "%PDF-1.4 versi 1\n");
    with_evidence(&repo, "bukti = [\"bukti/2025/brs-ipg.pdf\"]\n");
    // Committed before the approval of 2026-01-06 (the fixture's proses.toml).
    first_commit(&repo, "Anisa", "2026-01-04T09:00:00+07:00", "Data 2025");
    let stale = |repo: &Repo| -> Vec<String> {
        findings(repo)
            .into_iter()
            .filter(|f| f.contains("warning") && f.contains("disetujui pada"))
            .collect()
    };
    assert!(stale(&repo).is_empty(), "{:?}", stale(&repo));
    repo.write("bukti/2025/brs-ipg.pdf", "%PDF-1.4 versi 2\n");
    commit_all(&repo, "Budi", "2026-02-03T10:00:00+07:00", "Ganti bukti");
    // At the approval's date in proses.toml (its second step).
    let late = short_head(&repo);
    assert_eq!(
        stale(&repo),
        [format!(
            "2025/proses.toml:8:11: warning: 2025 disetujui pada 2026-01-06, tetapi commit {late} oleh Budi pada 2026-02-03 mengubah bukti/2025/brs-ipg.pdf setelah itu"
        )]
    );
}
