//! Provenance from git: a temporary repository with commits by several authors.

mod common;

use capaian::load::{Loaded, load};
use capaian::model::Quarter;
use capaian::provenance::{Origin, Provenance, read};
use common::Repo;
use common::git::{commit_all, first_commit, git};

const REALISASI: &str = "2025/realisasi/kepala.toml";

/// The fixture committed by Ani on 10 January 2026.
fn repository() -> Repo {
    let repo = Repo::new();
    first_commit(
        &repo,
        "Ani",
        "2026-01-10T09:00:00+08:00",
        "Realisasi 2025 awal",
    );
    repo
}

fn provenance(repo: &Repo) -> (Loaded, Provenance) {
    let loaded = load(&repo.content()).unwrap();
    let provenance = read(&repo.content(), &loaded.report, &loaded.sources);
    (loaded, provenance)
}

fn q(n: i64) -> Quarter {
    Quarter::new(n).unwrap()
}

/// The author of the realisation of `indicator` in quarter `n`, or "uncommitted".
fn author_of(p: &Provenance, indicator: &str, n: i64) -> String {
    match p.realisation(2025, "kepala", indicator, q(n)) {
        Some(Origin::Committed(c)) => c.author.clone(),
        Some(Origin::Uncommitted) => "uncommitted".to_string(),
        None => "none".to_string(),
    }
}

fn every_author(p: &Provenance) -> Vec<String> {
    let mut authors = vec![author_of(p, "ipg", 4)];
    authors.extend((1..=4).map(|n| author_of(p, "tfr", n)));
    authors
}

#[test]
fn the_entry_changed_by_a_second_author_is_theirs_and_the_others_stay_with_the_first() {
    let repo = repository();
    repo.edit(REALISASI, "nilai = 2.15", "nilai = 2.14");
    commit_all(
        &repo,
        "Budi Santoso",
        "2026-02-03T14:30:00+08:00",
        "Koreksi TFR TW II",
    );

    let (_, p) = provenance(&repo);
    assert_eq!(
        every_author(&p),
        ["Ani", "Ani", "Budi Santoso", "Ani", "Ani"]
    );

    let Some(Origin::Committed(budi)) = p.realisation(2025, "kepala", "tfr", q(2)) else {
        panic!("TFR TW II has a commit")
    };
    assert_eq!(budi.subject, "Koreksi TFR TW II");
    assert_eq!(budi.email, "budi.santoso@contoh.go.id");
    assert_eq!(budi.date.to_string(), "2026-02-03");
    assert_eq!(budi.datetime, "2026-02-03T14:30:00+08:00");
    assert_eq!(budi.short.len(), 7);
    assert!(budi.id.starts_with(&budi.short));

    let spending = p
        .spending(2025, "kepala", "p1", q(4))
        .and_then(Origin::commit)
        .unwrap();
    assert_eq!(spending.author, "Ani");

    let log: Vec<&str> = p
        .changelog(2025)
        .iter()
        .map(|c| c.subject.as_str())
        .collect();
    assert_eq!(log, ["Koreksi TFR TW II", "Realisasi 2025 awal"]);
    assert!(p.changelog(2024).is_empty());
}

#[test]
fn a_change_not_yet_committed_is_marked_so() {
    let repo = repository();
    repo.edit(REALISASI, "nilai = 2.05", "nilai = 2.0");
    let (_, p) = provenance(&repo);
    assert_eq!(
        every_author(&p),
        ["Ani", "Ani", "Ani", "Ani", "uncommitted"]
    );
}

#[test]
fn entries_inserted_above_others_do_not_take_them_over() {
    let repo = repository();
    // A new entry at the top moves every other entry down by seven lines.
    let path = repo.content().join(REALISASI);
    let text = std::fs::read_to_string(&path).unwrap();
    let new = "[[realisasi]]\nindikator = \"ipg\"\ntriwulan = 2\nnilai = 91.0\nsumber = \"BPS\"\nanalisis = \"\"\"\nBaik.\n\"\"\"\n\n";
    std::fs::write(&path, format!("{new}{text}")).unwrap();
    commit_all(
        &repo,
        "Citra",
        "2026-03-01T08:00:00+08:00",
        "Realisasi IPG TW II",
    );
    let (loaded, p) = provenance(&repo);
    assert!(!loaded.findings.has_errors());
    assert_eq!(author_of(&p, "ipg", 2), "Citra");
    assert_eq!(every_author(&p), ["Ani"; 5]);
}

#[test]
fn a_merged_branch_is_credited_to_its_author_not_to_the_merger() {
    let repo = repository();
    let dir = repo.dir.path();
    git(
        dir,
        "Dewi",
        "2026-02-10T10:00:00+08:00",
        &["checkout", "-q", "-b", "tw3"],
    );
    repo.edit(REALISASI, "nilai = 2.1\n", "nilai = 2.12\n");
    commit_all(
        &repo,
        "Dewi",
        "2026-02-10T10:00:00+08:00",
        "Realisasi TFR TW III",
    );
    git(
        dir,
        "Eko",
        "2026-02-11T10:00:00+08:00",
        &["checkout", "-q", "main"],
    );
    repo.write("pages/catatan.md", "+++\njudul = \"Catatan\"\n+++\nIsi.\n");
    commit_all(&repo, "Eko", "2026-02-11T10:00:00+08:00", "Halaman catatan");
    git(
        dir,
        "Fajar",
        "2026-02-12T10:00:00+08:00",
        &["merge", "-q", "--no-ff", "tw3", "-m", "Gabung tw3"],
    );

    let (_, p) = provenance(&repo);
    assert_eq!(every_author(&p), ["Ani", "Ani", "Ani", "Dewi", "Ani"]);
    let dewi = p
        .realisation(2025, "kepala", "tfr", q(3))
        .and_then(Origin::commit)
        .unwrap();
    assert_eq!(dewi.subject, "Realisasi TFR TW III");
    assert_eq!(dewi.date.to_string(), "2026-02-10");
    // The change log is the main line: the merge, not the page commit (no realisation).
    let log: Vec<&str> = p
        .changelog(2025)
        .iter()
        .map(|c| c.subject.as_str())
        .collect();
    assert_eq!(log, ["Gabung tw3", "Realisasi 2025 awal"]);
}

#[test]
fn a_new_file_not_yet_added_is_uncommitted() {
    let repo = repository();
    repo.write("2025/realisasi/sekretaris.toml", "");
    repo.write(
        "2025/pk/sekretaris.toml",
        "pejabat = \"sekretaris\"\n[[sasaran]]\nid = \"s9\"\nnama = \"Tata kelola\"\n  [[sasaran.indikator]]\n  id = \"sakip\"\n  nama = \"Nilai SAKIP\"\n  satuan = \"nilai\"\n  polaritas = \"positif\"\n  target = 70\n",
    );
    repo.write(
        "2025/realisasi/sekretaris.toml",
        "[[realisasi]]\nindikator = \"sakip\"\ntriwulan = 4\nnilai = 71\n",
    );
    let (loaded, p) = provenance(&repo);
    assert!(!loaded.findings.has_errors(), "{:?}", loaded.findings);
    assert_eq!(
        p.realisation(2025, "sekretaris", "sakip", q(4)),
        Some(Origin::Uncommitted)
    );
    assert_eq!(author_of(&p, "ipg", 4), "Ani");
}

#[test]
fn content_outside_git_has_no_provenance_and_no_error() {
    let repo = Repo::new();
    let (_, p) = provenance(&repo);
    assert!(p.is_empty());
    assert_eq!(p.realisation(2025, "kepala", "ipg", q(4)), None);
    assert!(p.changelog(2025).is_empty());
}
