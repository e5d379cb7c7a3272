//! What the indicator page says once: the reporter of all four quarters, the rule of the
//! year's realisation, this year's figures (the summary cards), the programmes (item 6, each
//! linked to its row on its PK's page) and the links to the other years (the navigation's year
//! switch); and what it leaves out: the later years in comparison 2, a cumulative column equal
//! to the values reported, the year's downloads.

mod common;

use std::sync::OnceLock;

use common::Repo;
use common::html::{rows, select, select_in, texts, words};
use common::site::{Demo, build_demo};
use scraper::Html;

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
    // Six cells a quarter: the quarter, three figures (the TFR's year is its last quarter, so
    // no column "s.d. triwulan"), the category and the source.
    for row in select(&tfr, "#tabel-triwulan tbody tr") {
        assert_eq!(row.children().filter(|c| c.value().is_element()).count(), 6);
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
    // Comparisons 1 and 7 point to the cards and to item 6, which are on the page.
    let pointers: Vec<String> = select(&ipg, "section[aria-labelledby=analisis] p > a")
        .into_iter()
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect();
    assert_eq!(pointers, ["#ringkasan", "#efisiensi"]);
    // The cards: a term and its figure each. 91.8 of 92.5 = 99.24 %.
    assert_eq!(
        texts(&ipg, "#ringkasan > div > dt"),
        ["Target", "Realisasi", "Capaian"]
    );
    assert_eq!(
        texts(&ipg, "#ringkasan dt + dd"),
        ["92,5", "91,8", "99,24%"]
    );
    // Item 6: p1 spent 1.1 of 1.25 billion = 88 %; the goal's mean achievement is
    // (99.24 + (2 × 2.1 − 2.05) / 2.1 × 100 = 102.38) / 2 = 100.81: efficiency +12,81.
    assert_eq!(
        texts(&ipg, "#efisiensi + p"),
        ["1 program menunjang sasaran ini; 1 efisien (efisiensi ≥ 0):"]
    );
    assert_eq!(
        texts(&ipg, "ul.efisiensi li"),
        ["Program Pengarusutamaan Gender +12,81"]
    );
    let links: Vec<&str> = select(&ipg, "ul.efisiensi a")
        .into_iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(links, ["/2025/pk/kepala/#program-p1"]);
    assert_eq!(
        select(&ipg, "section[aria-labelledby=analisis] table").len(),
        1
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

/// The demo, built once for the tests that read it.
fn demo() -> &'static Demo {
    static DEMO: OnceLock<Demo> = OnceLock::new();
    DEMO.get_or_init(build_demo)
}

fn demo_page(page: &str) -> Html {
    Html::parse_document(&std::fs::read_to_string(demo().root.join(page)).unwrap())
}

#[test]
fn the_history_shows_the_years_up_to_the_page() {
    // The demo's IPG: 90.84 of 91 in 2023 = 99.82 %, 91.62 of 91.5 in 2024 = 100.13 %; 2025
    // and 2026 are later than the 2024 page.
    let ipg = demo_page("2024/indikator/ipg/index.html");
    let history = "section[aria-labelledby=analisis] table.narrow tbody tr";
    assert_eq!(
        rows(&ipg, history),
        [
            ["2023", "91", "90,84", "99,82%", "Sangat Tinggi"],
            ["2024", "91,5", "91,62", "100,13%", "Sangat Tinggi"],
        ]
    );
    assert_eq!(
        select(&ipg, &format!("{history}.current"))
            .into_iter()
            .map(|r| words(select_in(&r, "th")[0]))
            .collect::<Vec<_>>(),
        ["2024"]
    );
    // The trend chart beside it is the file every year's page shares, the whole series.
    let trend = select(&ipg, "section[aria-labelledby=analisis] figure img");
    assert_eq!(trend.len(), 1);
    assert!(
        trend[0]
            .value()
            .attr("src")
            .is_some_and(|s| s.starts_with("/grafik/tren/ipg-")),
        "{:?}",
        trend[0].value().attr("src")
    );
    assert_eq!(
        texts(&ipg, "section[aria-labelledby=analisis] figcaption"),
        ["Tren Indeks Pembangunan Gender (IPG), 2022–2026"]
    );

    // The first year has no earlier one: one line says so, and the trend stays.
    let first = demo_page("2023/indikator/ipg/index.html");
    assert_eq!(
        select(&first, "section[aria-labelledby=analisis] table.narrow").len(),
        0
    );
    assert_eq!(
        texts(&first, "section[aria-labelledby=analisis] h3 + p.empty")[0],
        "Tahun 2023 adalah tahun pertama indikator ini: belum ada tahun sebelumnya untuk dibandingkan."
    );
    assert_eq!(
        select(&first, "section[aria-labelledby=analisis] figure img").len(),
        1
    );
}

#[test]
fn the_efficiency_names_each_programme_once_and_links_its_row() {
    let ipg = demo_page("2025/indikator/ipg/index.html");
    // The head's goal is carried out by its programme and the Kabid PP's, who is named.
    assert_eq!(
        texts(&ipg, "#efisiensi + p"),
        [
            "2 program menunjang sasaran ini (termasuk program sasaran bawahan); 2 efisien \
             (efisiensi ≥ 0):"
        ]
    );
    // The head's: 555,580,900 spent of the revised 585,200,000 = 94.94 %; its goal's mean
    // achievement (92.31 / 92 = 100.34 and 69.35 / 71 = 97.68) / 2 = 99.01: +4,07.
    assert_eq!(
        texts(&ipg, "ul.efisiensi li"),
        [
            "Program Pengarusutamaan Gender dan Pemberdayaan Perempuan +4,07",
            "Program Pengarusutamaan Gender dan Pemberdayaan Perempuan +6,49 (Kepala Bidang \
             Pengarusutamaan Gender dan Pemberdayaan Perempuan)",
        ]
    );
    let links: Vec<&str> = select(&ipg, "ul.efisiensi a")
        .into_iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(
        links,
        [
            "/2025/pk/kepala/#program-kepala-pug",
            "/2025/pk/kabid-pp/#program-pug"
        ]
    );
    // Each link lands on its programme's row, which shows the same efficiency.
    for (link, efficiency) in links.iter().zip(["+4,07", "+6,49"]) {
        let (page, anchor) = link.trim_start_matches('/').split_once('#').unwrap();
        let pk = demo_page(&format!("{page}index.html"));
        let row = select(&pk, &format!("tr[id='{anchor}']"));
        assert_eq!(row.len(), 1, "{link}");
        assert!(
            words(row[0]).contains(&format!("{efficiency} Efisien")),
            "{link}: {}",
            words(row[0])
        );
    }
    // The efficiency is defined where it is named, and the page has no programme table.
    let definition = select(&ipg, "#efisiensi + p abbr")[0].value().attr("title");
    assert_eq!(
        definition,
        Some("capaian sasaran − serapan anggaran, poin persen")
    );
    assert_eq!(
        select(&ipg, "section[aria-labelledby=analisis] table").len(),
        2
    );
    assert_eq!(select(&ipg, ".downloads").len(), 0);
}

#[test]
fn the_quarter_table_shows_the_cumulative_column_where_it_differs() {
    let demo = &demo().root;
    let mut shown = 0;
    let mut hidden = 0;
    for year in std::fs::read_dir(demo).unwrap().flatten() {
        let Ok(pages) = std::fs::read_dir(year.path().join("indikator")) else {
            continue;
        };
        for page in pages.flatten() {
            let html = Html::parse_document(
                &std::fs::read_to_string(page.path().join("index.html")).unwrap(),
            );
            let where_ = page.path().display().to_string();
            let headers: Vec<String> = select(&html, "#tabel-triwulan thead th")
                .into_iter()
                .map(words)
                .collect();
            let quarters = rows(&html, "#tabel-triwulan tbody tr");
            match headers.iter().position(|h| h == "Realisasi s.d. triwulan") {
                // Beside the value reported, and different from it in some quarter.
                Some(column) => {
                    shown += 1;
                    assert_eq!(headers[column - 1], "Nilai dilaporkan", "{where_}");
                    assert!(
                        quarters.iter().any(|q| q[column] != q[column - 1]),
                        "{where_}: {quarters:?}"
                    );
                    assert_eq!(
                        select(&html, "#tabel-triwulan.kumulatif + p.note").len(),
                        1,
                        "{where_}"
                    );
                }
                // An indicator whose year is its last quarter's value, and no note about it.
                None => {
                    hidden += 1;
                    assert!(
                        texts(&html, "dl.facts div").contains(
                            &"Realisasi tahunannilai triwulan terakhir yang dilaporkan".to_string()
                        ),
                        "{where_}"
                    );
                    assert!(
                        !texts(&html, "p.note")
                            .iter()
                            .any(|n| n.contains("Realisasi s.d. triwulan")),
                        "{where_}"
                    );
                }
            }
        }
    }
    assert!(shown > 0 && hidden > 0, "{shown} shown, {hidden} hidden");
    // A sum: the Elsimil counselling of 2025, 402 + 451 = 853, + 468 = 1,321, + 437 = 1,758.
    let catin = demo_page("2025/indikator/konseling-catin/index.html");
    let quarters: Vec<Vec<String>> = rows(&catin, "#tabel-triwulan tbody tr")
        .into_iter()
        .map(|q| q[..4].to_vec())
        .collect();
    assert_eq!(
        quarters,
        [
            ["TW I", "425", "402", "402"],
            ["TW II", "850", "451", "853"],
            ["TW III", "1.275", "468", "1.321"],
            ["TW IV", "1.700", "437", "1.758"],
        ]
    );
}
