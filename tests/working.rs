//! "Cara menghitung": every achievement explains itself, and the explanation's result is the
//! number the tables and the export show.

mod common;

use std::fs;

use capaian::format::Format;
use capaian::model::Language;
use common::html::{select, select_in, text, texts};
use common::site::shared_demo;
use common::{Repo, line_of};
use scraper::{Html, Selector};

#[test]
fn every_explanation_of_the_demo_ends_in_the_exported_achievement() {
    let demo = shared_demo();
    let percent = |x: f64| Format::new(Language::Indonesian).percent(x);
    let mut explained = 0;
    for year in [2023, 2024, 2025, 2026] {
        let json: serde_json::Value = serde_json::from_str(
            &fs::read_to_string(demo.join(format!("data/{year}.json"))).unwrap(),
        )
        .unwrap();
        for indicator in json["indikator"].as_array().unwrap() {
            let id = indicator["id"].as_str().unwrap();
            let page =
                fs::read_to_string(demo.join(format!("{year}/indikator/{id}/index.html"))).unwrap();
            let html = Html::parse_document(&page);
            let results = texts(&html, "#cara-menghitung ~ dl code.working-result");
            match indicator["capaian_periode"].as_f64() {
                Some(shown) => {
                    assert_eq!(results.len(), 1, "{year} {id}: one result line");
                    let result = results[0].rsplit(" = ").next().unwrap();
                    assert_eq!(result, percent(shown), "{year} {id}: {}", results[0]);
                    // The card's achievement links to it.
                    let card = texts(&html, "#ringkasan a[href='#cara-menghitung']");
                    assert_eq!(card, vec![percent(shown)], "{year} {id}");
                    explained += 1;
                }
                None => assert!(
                    results.is_empty(),
                    "{year} {id} has no achievement to explain"
                ),
            }
        }
    }
    assert!(explained > 100, "only {explained} explanations");
}

#[test]
fn year_and_pk_tables_link_every_achievement_to_its_explanation() {
    let demo = shared_demo();
    for page in ["2025/index.html", "2025/pk/kepala/index.html"] {
        let html = Html::parse_document(&fs::read_to_string(demo.join(page)).unwrap());
        // Both tables place their figures by position: the achievement is the cell before the
        // category.
        let cells = Selector::parse(
            "table.tahunan td:nth-last-child(2), table.pk-indikator td:nth-last-child(2)",
        )
        .unwrap();
        let link = Selector::parse("a").unwrap();
        let mut linked = 0;
        for cell in html.select(&cells) {
            let text: String = cell.text().collect();
            if !text.trim_end().ends_with('%') && !text.contains("%") {
                continue;
            }
            let a = cell
                .select(&link)
                .next()
                .unwrap_or_else(|| panic!("{page}: {text} is not linked"));
            let href = a.value().attr("href").unwrap();
            assert!(href.ends_with("#cara-menghitung"), "{page}: {href}");
            linked += 1;
        }
        assert!(linked >= 5, "{page}: {linked} linked achievements");
    }
}

/// The fixture's TFR: negatif, target 2.1, TW IV 2.05 in a complete year.
#[test]
fn a_negatif_achievement_is_written_out_with_its_values_and_sources() {
    let repo = Repo::new();
    repo.build();
    let page = repo.read_output("2025/indikator/tfr/index.html");
    let html = Html::parse_document(&page);
    let steps = texts(&html, ".working-steps code");
    // (2 × 2,1 − 2,05) / 2,1 × 100 = 102,380952…
    assert_eq!(
        steps,
        vec![
            "R = 2,05".to_string(),
            "T = target tahunan = 2,1".to_string(),
            "(2 × 2,1 − 2,05) / 2,1 × 100 = 102,38%".to_string(),
        ]
    );
    let sources = texts(&html, ".working-sources li code");
    let realisasi = fs::read_to_string(repo.content().join("2025/realisasi/kepala.toml")).unwrap();
    let pk = fs::read_to_string(repo.content().join("2025/pk/kepala.toml")).unwrap();
    // The TW IV value 2.05 and the target 2.1, each at its line.
    let tw4 = line_of(&realisasi, "nilai = 2.05");
    let target = line_of(&pk, "target = 2.1");
    assert_eq!(
        sources,
        vec![
            format!("2025/realisasi/kepala.toml:{tw4}"),
            format!("2025/pk/kepala.toml:{target}"),
        ]
    );
    let band = texts(&html, ".working-steps dd");
    assert!(
        band.iter().any(|b| b == "102,38% ≥ 91 → Sangat Tinggi"),
        "{band:?}"
    );
}

#[test]
fn a_sum_shows_its_quarters_and_a_range_its_case() {
    let repo = Repo::new();
    repo.edit(
        "2025/pk/kepala.toml",
        "  polaritas = \"negatif\"\n  target = 2.1\n  target_triwulan = [2.1, 2.1, 2.1, 2.1]",
        "  polaritas = \"stabil\"\n  target_min = 2.0\n  target_maks = 2.1",
    );
    repo.edit(
        "2025/pk/kepala.toml",
        "  target = 92.5\n",
        "  target = 400\n  akumulasi = \"jumlah\"\n",
    );
    repo.write(
        "2025/realisasi/kepala.toml",
        r#"[[realisasi]]
indikator = "ipg"
triwulan = 1
nilai = 100
analisis = "Sesuai rencana."

[[realisasi]]
indikator = "ipg"
triwulan = 2
nilai = 120

[[realisasi]]
indikator = "tfr"
triwulan = 4
nilai = 2.31
analisis = "Di atas rentang."
"#,
    );
    repo.build();
    let ipg = Html::parse_document(&repo.read_output("2025/indikator/ipg/index.html"));
    assert_eq!(
        texts(&ipg, ".working-steps code"),
        vec![
            "R = 100 + 120 = 220".to_string(),
            "T = target tahunan = 400".to_string(),
            // 220 / 400 × 100 = 55
            "220 / 400 × 100 = 55,00%".to_string(),
        ]
    );
    let tfr = Html::parse_document(&repo.read_output("2025/indikator/tfr/index.html"));
    assert_eq!(
        texts(&tfr, ".working-steps code"),
        vec![
            "R = 2,31".to_string(),
            "T = target tahunan = 2–2,1".to_string(),
            // (2 × 2,1 − 2,31) / 2,1 × 100 = 90
            "di atas rentang: (2 × 2,1 − 2,31) / 2,1 × 100 = 90,00%".to_string(),
        ]
    );
    // The quarters' chart draws the range as its two bounds.
    let labels = texts(&tfr, "figure.chart svg text");
    for bound in ["Target tahunan 2", "Target tahunan 2,1"] {
        assert!(
            labels.iter().any(|t| t == bound),
            "{bound} not in {labels:?}"
        );
    }
}

#[test]
fn the_print_explains_every_achievement_and_lists_the_evidence_with_its_hash() {
    let demo = shared_demo();
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(demo.join("data/2025.json")).unwrap()).unwrap();
    let measured = json["indikator"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| !i["capaian_periode"].is_null())
        .count();
    let html =
        Html::parse_document(&fs::read_to_string(demo.join("2025/cetak/index.html")).unwrap());
    let methods = texts(&html, "#lampiran-metodologi table.metode tbody tr");
    assert_eq!(methods.len(), measured);
    // The annex is in the table of contents.
    assert_eq!(
        texts(&html, "a[href='#lampiran-metodologi']"),
        ["Metodologi Perhitungan"]
    );
    let mut listed = 0;
    for row in select(&html, "#lampiran-bukti table.evidence tbody tr") {
        let cells: Vec<String> = select_in(&row, "td").into_iter().map(text).collect();
        let bytes = fs::read(common::site::demo_content().join(&cells[2])).unwrap();
        assert_eq!(
            cells[3],
            capaian::evidence::sha256_hex(&bytes),
            "{}",
            cells[2]
        );
        listed += 1;
    }
    assert_eq!(listed, 2, "the demo's 2025 cites two evidence files");
}
