//! The synthetic report of `bench/gen-content.rs` (the large content, here small):
//! valid, the size asked for, and the same for the same seed.

#[path = "../bench/gen-content.rs"]
#[allow(dead_code)]
mod gen_content;

mod common;

use capaian::Site;

fn generate(seed: u64) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    gen_content::write_content(&content, 3, 4, 5, seed);
    (dir, content)
}

#[test]
fn the_synthetic_report_is_valid_and_of_the_size_asked_for() {
    let (_dir, content) = generate(1);
    let site = Site::load(&content).expect("it loads");
    let messages: Vec<&str> = site
        .findings
        .list
        .iter()
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(site.findings.errors(), 0, "{messages:?}");
    // The only warning: the last year is a draft, as in a report in progress.
    assert_eq!(
        messages,
        ["2025 belum disetujui: halaman-halamannya diberi tanda DRAFT"]
    );
    assert_eq!(
        site.report.years.keys().copied().collect::<Vec<_>>(),
        [2023, 2024, 2025]
    );
    for year in site.report.years.values() {
        assert_eq!(year.pks.len(), 4, "{}", year.year);
        let indicators: usize = year.pks.iter().map(|pk| pk.indicators().count()).sum();
        assert_eq!(indicators, 4 * 5, "{}", year.year);
        let realisations: usize = year.realisations.values().map(|r| r.entries.len()).sum();
        assert_eq!(realisations, 4 * 5 * 4, "four quarters each, {}", year.year);
    }
    let computed = site.computed.as_ref().expect("computed");
    let charted = computed.years[&2025]
        .pks
        .iter()
        .flat_map(|p| &p.goals)
        .flat_map(|g| &g.indicators)
        .filter(|i| i.achievement.is_some())
        .count();
    assert_eq!(charted, 20, "every indicator has an achievement to chart");
}

#[test]
fn the_same_seed_gives_the_same_files_and_another_seed_other_numbers() {
    let (_a, one) = generate(7);
    let (_b, again) = generate(7);
    let (_c, other) = generate(8);
    assert_eq!(common::site::snapshot(&one), common::site::snapshot(&again));
    let names = |files: Vec<(String, Vec<u8>)>| files.into_iter().map(|f| f.0).collect::<Vec<_>>();
    assert_eq!(
        names(common::site::snapshot(&one)),
        names(common::site::snapshot(&other))
    );
    assert_ne!(common::site::snapshot(&one), common::site::snapshot(&other));
}
