//! `capaian form`: the SOP step-4 request form, appended without losing anything.

mod common;

use capaian::form::{FormQuarter, append, form};
use capaian::load::load;
use capaian::model::Quarter;
use common::Repo;

fn form_for(repo: &Repo, quarter: FormQuarter) -> capaian::form::Form {
    let loaded = load(&repo.content()).unwrap();
    let year = &loaded.report.years[&2025];
    let pk = year.pk("kepala").unwrap();
    form(
        year,
        pk,
        year.realisations.get("kepala"),
        quarter,
        &repo.content(),
        loaded.report.site.language,
    )
}

#[test]
fn asks_only_for_what_is_missing_and_keeps_every_value() {
    let repo = Repo::new();
    // ipg has TW4 only; tfr has all four quarters.
    let before =
        std::fs::read_to_string(repo.content().join("2025/realisasi/kepala.toml")).unwrap();
    let asked = form_for(&repo, FormQuarter::Quarter(Quarter::new(3).unwrap()));
    assert_eq!(asked.entries, 1, "{}", asked.text);
    assert!(
        asked
            .text
            .contains("# indikator = \"ipg\"\n# triwulan = 3\n")
    );
    assert!(
        asked
            .text
            .contains("Indeks Pembangunan Gender (indeks, positif): target 92.5")
    );
    append(&asked).unwrap();
    let after = std::fs::read_to_string(repo.content().join("2025/realisasi/kepala.toml")).unwrap();
    assert!(
        after.starts_with(&before),
        "the existing entries are kept byte for byte"
    );
    // The stub is commented out: the report still loads and checks with the same entries.
    let loaded = load(&repo.content()).unwrap();
    assert!(!loaded.findings.has_errors());
    assert_eq!(
        loaded.report.years[&2025].realisations["kepala"]
            .entries
            .len(),
        5
    );
    // A second run does not ask again.
    assert_eq!(
        form_for(&repo, FormQuarter::Quarter(Quarter::new(3).unwrap())).entries,
        0
    );
}

#[test]
fn a_filled_stub_becomes_an_entry() {
    let repo = Repo::new();
    std::fs::remove_file(repo.content().join("2025/realisasi/kepala.toml")).unwrap();
    let asked = form_for(&repo, FormQuarter::NextMissing);
    // ipg is yearly (no quarterly targets): TW4; tfr is quarterly: TW1.
    assert_eq!(asked.entries, 2);
    append(&asked).unwrap();
    let path = repo.content().join("2025/realisasi/kepala.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    // What an editor does: uncomment the tfr entry and fill in the value.
    let start = text.find("# [[realisasi]]\n# indikator = \"tfr\"").unwrap();
    let end = start + text[start..].find("# \"\"\"\n").unwrap() + "# \"\"\"\n".len();
    let filled = text[start..end]
        .lines()
        .map(|l| l.strip_prefix("# ").unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n")
        .replace("nilai = ", "nilai = 2.2");
    std::fs::write(
        &path,
        format!("{}{}\n{}", &text[..start], filled, &text[end..]),
    )
    .unwrap();
    let loaded = load(&repo.content()).unwrap();
    assert!(!loaded.findings.has_errors(), "{:?}", loaded.findings);
    let entries = &loaded.report.years[&2025].realisations["kepala"].entries;
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].value.as_number(), Some(2.2));
}
