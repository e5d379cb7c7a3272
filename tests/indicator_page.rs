//! What the indicator page says once: the reporter of all four quarters, the rule of the
//! year's realisation, this year's figures (the summary cards), the programmes (table 6) and
//! the links to the other years (the navigation's year switch).

mod common;

use common::Repo;
use common::html::{select, texts, words};

/// The fixture with the Sekretaris reporting every quarter of the TFR, and a year 2024.
fn reported_by_one() -> Repo {
    let repo = Repo::new();
    let realisations = common::REALISASI.replace(
        "indikator = \"tfr\"\n",
        "indikator = \"tfr\"\npelapor = \"sekretaris\"\n",
    );
    repo.write("2025/realisasi/kepala.toml", &realisations);
    repo.write("2024/pk/kepala.toml", common::PK);
    repo.write("2024/realisasi/kepala.toml", common::REALISASI);
    repo.try_build(None).expect("the fixture builds");
    repo
}

#[test]
fn one_reporter_of_every_quarter_is_named_once_above_the_table() {
    let repo = reported_by_one();
    let tfr = repo.page("2025/indikator/tfr/index.html");
    assert_eq!(
        texts(&tfr, "section[aria-labelledby=triwulan] > p:not(.note)"),
        ["Pelapor: Sekretaris Contoh, Sekretaris"]
    );
    let headers: Vec<String> = select(&tfr, "#tabel-triwulan thead th")
        .into_iter()
        .map(words)
        .collect();
    assert!(!headers.iter().any(|h| h == "Pelapor"), "{headers:?}");
    // Seven cells a quarter: the quarter, four figures, the category and the source.
    for row in select(&tfr, "#tabel-triwulan tbody tr") {
        assert_eq!(row.children().filter(|c| c.value().is_element()).count(), 7);
    }
    // Nor on the source line of the working.
    let sources = texts(&tfr, ".working-sources li");
    assert!(
        sources.iter().all(|s| !s.contains("Sekretaris")),
        "{sources:?}"
    );
    assert_eq!(
        texts(&tfr, "section[aria-labelledby=triwulan]")[0]
            .matches("Sekretaris Contoh")
            .count(),
        1
    );

    // The IPG has a reporter for TW IV only: the column stays, a dash where there is none.
    let ipg = repo.page("2025/indikator/ipg/index.html");
    assert_eq!(
        texts(&ipg, "section[aria-labelledby=triwulan] > p:not(.note)"),
        Vec::<String>::new()
    );
    let headers: Vec<String> = select(&ipg, "#tabel-triwulan thead th")
        .into_iter()
        .map(words)
        .collect();
    assert!(headers.iter().any(|h| h == "Pelapor"), "{headers:?}");
}

#[test]
fn what_the_page_holds_elsewhere_is_pointed_to() {
    let repo = reported_by_one();
    let ipg = repo.page("2025/indikator/ipg/index.html");
    // The rule of the year's realisation is the definition's, not repeated in the working.
    assert_eq!(texts(&ipg, ".working-steps .note"), Vec::<String>::new());
    assert!(
        texts(&ipg, "dl.facts div")
            .iter()
            .any(|d| d == "Realisasi tahunannilai triwulan terakhir yang dilaporkan"),
        "{:?}",
        texts(&ipg, "dl.facts div")
    );
    // Comparisons 1 and 7 point to the cards and to table 6, which are on the page.
    let pointers: Vec<String> = select(&ipg, "section[aria-labelledby=analisis] p > a")
        .into_iter()
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect();
    assert_eq!(pointers, ["#ringkasan", "#efisiensi"]);
    assert_eq!(select(&ipg, "#ringkasan .card-value").len(), 3);
    assert_eq!(
        texts(&ipg, "#efisiensi + table tbody td a"),
        ["Program Pengarusutamaan Gender"]
    );
    // The history's years are text; the navigation links to the IPG of each of them.
    let years = texts(
        &ipg,
        "section[aria-labelledby=analisis] table.narrow tbody th",
    );
    assert_eq!(years, ["2024", "2025"]);
    assert_eq!(
        select(&ipg, "section[aria-labelledby=analisis] table.narrow a").len(),
        0
    );
    let nav: Vec<String> = select(&ipg, "nav.site-nav a")
        .into_iter()
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect();
    for year in years {
        let page = format!("/{year}/indikator/ipg/");
        assert!(nav.contains(&page), "{page} not in {nav:?}");
    }
}
