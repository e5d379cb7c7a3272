//! What changed since the approval: the year's change page lists each value old → new, with
//! who changed it, the commit and the achievement now.

mod common;

use capaian::{BuildOptions, Site};
use common::Repo;
use common::git::{commit_all, init, short_head};
use scraper::{Html, Selector};

fn rows(html: &Html) -> Vec<Vec<String>> {
    let row = Selector::parse("table.changes tbody tr").unwrap();
    let cell = Selector::parse("th, td").unwrap();
    html.select(&row)
        .map(|r| {
            r.select(&cell)
                .map(|c| c.text().collect::<String>().trim().to_string())
                .collect()
        })
        .collect()
}

fn build(repo: &Repo) -> Site {
    let site = Site::load(repo.content()).unwrap();
    let _ = std::fs::remove_dir_all(repo.output());
    site.build(&BuildOptions {
        output: repo.output(),
        theme: None,
    })
    .unwrap();
    site
}

#[test]
fn a_value_changed_after_the_approval_is_listed_old_to_new() {
    // Approved on 2026-01-06 (the fixture's proses.toml); the data came in before.
    let repo = Repo::new();
    init(&repo);
    commit_all(&repo, "Anisa", "2026-01-04T09:00:00+07:00", "Data 2025");
    // Nothing changed yet: the page says so.
    build(&repo);
    let page = Html::parse_document(&repo.read_output("2025/perubahan/index.html"));
    assert!(rows(&page).is_empty());
    assert!(
        repo.read_output("2025/perubahan/index.html")
            .contains("Tidak ada nilai yang berubah")
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
    let site = build(&repo);
    let changes = &site.changes[&2025];
    assert_eq!(changes.values.len(), 1, "{:?}", changes.values);
    let page = Html::parse_document(&repo.read_output("2025/perubahan/index.html"));
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
    assert!(found[0][5].starts_with(&commit), "{:?}", found[0][5]);
    assert!(found[0][5].contains("Budi"), "{:?}", found[0][5]);
    // The year page links to it.
    assert!(
        repo.read_output("2025/index.html")
            .contains("href=\"/2025/perubahan/\"")
    );
}

#[test]
fn outside_git_there_is_no_change_page() {
    let repo = Repo::new();
    build(&repo);
    assert!(!repo.output().join("2025/perubahan/index.html").exists());
}
