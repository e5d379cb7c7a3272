//! What changed since the approval: the year's change page lists each value old → new, with
//! who changed it, the commit and the achievement now.

mod common;

use common::Repo;
use common::git::{commit_all, first_commit, short_head};
use common::html::{count, rows as rows_of, texts};
use scraper::Html;

fn rows(html: &Html) -> Vec<Vec<String>> {
    rows_of(html, "table.changes tbody tr")
}

#[test]
fn a_value_changed_after_the_approval_is_listed_old_to_new() {
    // Approved on 2026-01-06 (the fixture's proses.toml); the data came in before.
    let repo = Repo::new();
    first_commit(&repo, "Anisa", "2026-01-04T09:00:00+07:00", "Data 2025");
    // Nothing changed yet: the page says so.
    repo.build();
    let page = repo.page("2025/perubahan/index.html");
    assert!(rows(&page).is_empty());
    assert_eq!(
        texts(&page, "h1 ~ p:not(.lead)"),
        ["Tidak ada nilai yang berubah sejak persetujuan."]
    );

    // After the approval: TW III of the TFR corrected, a TW IV spending added.
    repo.edit(
        "2025/realisasi/kepala.toml",
        "nilai = 2.1\n",
        "nilai = 2.25\n",
    );
    commit_all(
        &repo,
        "Budi",
        "2026-02-03T10:00:00+07:00",
        "Koreksi TFR TW III",
    );
    let commit = short_head(&repo);
    let site = repo.build();
    let changes = &site.changes[&2025];
    assert_eq!(changes.values.len(), 1, "{:?}", changes.values);
    let page = repo.page("2025/perubahan/index.html");
    let found = rows(&page);
    assert_eq!(found.len(), 1, "{found:?}");
    // TW III: (2 × 2,1 − 2,25) / 2,1 × 100 = 92,857…
    assert_eq!(
        found[0][..5],
        [
            "Total Fertility Rate".to_string(),
            "TW III".to_string(),
            "2,1".to_string(),
            "2,25".to_string(),
            "92,86%".to_string(),
        ]
    );
    // The commit, its author and its day.
    assert_eq!(found[0][5], format!("{commit} · Budi · 3 Februari 2026"));
    // The year page's change log links to it.
    let year = repo.page("2025/index.html");
    assert_eq!(
        count(&year, "#riwayat-perubahan a[href='/2025/perubahan/']"),
        1
    );
}

#[test]
fn outside_git_there_is_no_change_page() {
    let repo = Repo::new();
    repo.build();
    assert!(!repo.output().join("2025/perubahan/index.html").exists());
    // Nor a link to one.
    let year = repo.page("2025/index.html");
    assert_eq!(count(&year, "a[href='/2025/perubahan/']"), 0);
}
