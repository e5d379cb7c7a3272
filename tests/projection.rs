//! Early warning: in a year in progress each indicator gets its projected year-end value, and
//! the year page lists those projected below "Tinggi", worst first.

mod common;

use common::Repo;
use common::html::{count, texts};

const PK_2026: &str = r#"pejabat = "kepala"

[[sasaran]]
id = "s1"
nama = "Meningkatnya layanan"

  [[sasaran.indikator]]
  id = "layanan"
  nama = "Jumlah korban yang mendapat layanan"
  satuan = "orang"
  polaritas = "positif"
  target = 400
  akumulasi = "jumlah"

  [[sasaran.indikator]]
  id = "cakupan"
  nama = "Cakupan kelurahan"
  satuan = "%"
  polaritas = "positif"
  target = 80
"#;

const REALISASI_2026: &str = r#"[[realisasi]]
indikator = "layanan"
triwulan = 1
nilai = 50
analisis = "Di bawah rencana."

[[realisasi]]
indikator = "layanan"
triwulan = 2
nilai = 40

[[realisasi]]
indikator = "layanan"
triwulan = 3
nilai = 60

[[realisasi]]
indikator = "cakupan"
triwulan = 3
nilai = 79
"#;

fn build() -> Repo {
    let repo = Repo::new();
    repo.edit(
        "site.toml",
        "tanggal_laporan = 2026-01-20",
        "tanggal_laporan = 2026-11-20",
    );
    repo.write("2026/pk/kepala.toml", PK_2026);
    repo.write("2026/realisasi/kepala.toml", REALISASI_2026);
    repo.build();
    repo
}

#[test]
fn the_projection_is_exported_for_a_year_in_progress_and_null_for_a_complete_one() {
    let repo = build();
    let json: serde_json::Value =
        serde_json::from_str(&repo.read_output("data/2026.json")).unwrap();
    let layanan = json["indikator"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "layanan")
        .unwrap();
    // Running sums 50, 90, 150 and (0, 0): mean x 1.5, mean y 72.5;
    // Sxy = (−1.5)(−72.5) + (−0.5)(−22.5) + (0.5)(17.5) + (1.5)(77.5) = 108.75 + 11.25 + 8.75
    //     + 116.25 = 245; Sxx = 5 → slope 49; at TW IV 72.5 + 49 × 2.5 = 195. 195 / 400 = 48,75 %.
    let p = &layanan["proyeksi"];
    assert_eq!(p["metode"], "tren_linear");
    assert_eq!(p["dari_triwulan"], 3);
    assert!(
        (p["realisasi"].as_f64().unwrap() - 195.0).abs() < 1e-9,
        "{p}"
    );
    assert!((p["capaian"].as_f64().unwrap() - 48.75).abs() < 1e-9, "{p}");
    assert_eq!(p["kategori"], "Sangat Rendah");
    // 400 − 150 = 250 needed in TW IV.
    assert!((p["kebutuhan_per_triwulan"].as_f64().unwrap() - 250.0).abs() < 1e-9);
    let complete: serde_json::Value =
        serde_json::from_str(&repo.read_output("data/2025.json")).unwrap();
    for indicator in complete["indikator"].as_array().unwrap() {
        assert!(indicator["proyeksi"].is_null(), "{indicator}");
    }
}

#[test]
fn the_year_page_lists_the_indicators_at_risk_worst_first() {
    let repo = build();
    let html = repo.page("2026/index.html");
    let names = texts(&html, "table.at-risk tbody tr th a");
    // Cakupan: one quarter, a level: stays at 79 → 98,75 % (not at risk).
    assert_eq!(
        names,
        vec!["Jumlah korban yang mendapat layanan".to_string()]
    );
    let complete = repo.page("2025/index.html");
    assert_eq!(count(&complete, "table.at-risk"), 0);
}
