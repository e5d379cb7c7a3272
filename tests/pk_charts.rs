//! A PK page's charts refer to the page's tables of the same numbers instead of repeating them
//! in a `<desc>`: the chart of its indicators to the goals' sections (each holding the table of
//! its indicators' targets, realisations and capaian), the budget chart to the programmes' rows
//! of the budget table. Each keeps its `<title>`, and its bars carry the right numbers.

mod common;

use common::Repo;
use common::html::{select, texts};

#[test]
fn a_pk_pages_charts_are_described_by_its_tables() {
    let repo = Repo::new();
    repo.try_build(None).expect("the fixture builds");
    let page = repo.page("2025/pk/kepala/index.html");
    let svgs = select(&page, "main figure.chart svg");
    assert_eq!(svgs.len(), 3, "capaian, anggaran, efisiensi");

    // The indicators' chart: named by its title, described by the goal's section.
    let capaian = svgs[0].value();
    assert_eq!(capaian.attr("role"), Some("img"));
    assert_eq!(capaian.attr("aria-describedby"), Some("sasaran-s1"));
    assert_eq!(capaian.attr("aria-labelledby"), None);
    let section = texts(&page, "section#sasaran-s1 table")[0].clone();
    // The numbers the chart no longer says in words are in the table it points at.
    for number in ["92,5", "91,8", "2,1", "2,05"] {
        assert!(section.contains(number), "{number} not in {section}");
    }
    // The budget chart: described by the programme's row of the budget table, which has its
    // pagu (Rp 1.250.000.000) and realisasi (Rp 1.100.000.000).
    let anggaran = svgs[1].value();
    assert_eq!(anggaran.attr("aria-describedby"), Some("program-p1"));
    let row = texts(&page, "tr#program-p1")[0].clone();
    assert!(
        row.contains("1.250.000.000") && row.contains("1.100.000.000"),
        "{row}"
    );
    for id in ["sasaran-s1", "program-p1"] {
        assert_eq!(select(&page, &format!("#{id}")).len(), 1, "one #{id}");
    }
    // Neither repeats them: a title each, no description.
    assert_eq!(
        texts(&page, "main figure.chart svg > title")[..2],
        [
            "Target dan realisasi indikator kinerja",
            "Pagu dan realisasi anggaran per program"
        ]
    );
    assert_eq!(
        select(&page, "main figure.chart svg > desc").len(),
        1,
        "the efficiency's"
    );

    // Its bars: one target and one realisation bar per indicator, the target bars sharing one
    // group with their fill; the values are written beside them.
    let bars = |class: &str| {
        select(
            &page,
            &format!("main figure.chart svg g.bar.{class} > rect"),
        )
    };
    assert_eq!(bars("target").len(), 2);
    assert_eq!(bars("realisasi").len(), 2);
    let labels = texts(&page, "main figure.chart svg text");
    for label in ["92,5", "91,8", "2,1", "2,05", "99,24%"] {
        assert!(
            labels.iter().any(|l| l == label),
            "{label} not in {labels:?}"
        );
    }
}

#[test]
fn a_year_pages_budget_charts_are_described_by_its_budget_table() {
    let repo = Repo::new();
    repo.try_build(None).expect("the fixture builds");
    let page = repo.page("2025/index.html");
    let described: Vec<_> = select(&page, "main figure.chart svg[aria-describedby]");
    assert_eq!(described.len(), 2, "the budget and the efficiency chart");
    for svg in &described {
        assert_eq!(svg.value().attr("aria-describedby"), Some("tabel-anggaran"));
        assert_eq!(svg.value().attr("role"), Some("img"));
    }
    assert_eq!(
        texts(&page, "main figure.chart svg[aria-describedby] > title"),
        [
            "Pagu dan realisasi anggaran per program",
            "Serapan anggaran dan rata-rata capaian per program"
        ]
    );
    assert_eq!(
        select(&page, "main figure.chart svg[aria-describedby] > desc").len(),
        0
    );
    // The table has what the charts drew: pagu, realisasi and serapan 1,1 / 1,25 = 88%.
    let table = texts(&page, "table#tabel-anggaran tbody").join(" ");
    for number in ["1.250.000.000", "1.100.000.000", "88,00%"] {
        assert!(table.contains(number), "{number} not in {table}");
    }
    // The dashboard's budget chart has no table beside it: it describes itself.
    let home = repo.page("index.html");
    assert_eq!(select(&home, "table#tabel-anggaran").len(), 0);
    assert!(select(&home, "main figure.chart svg[aria-describedby]").is_empty());
}
