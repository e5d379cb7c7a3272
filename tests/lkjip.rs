//! The LKjIP format's data: IKU, word scores (`skor`), benchmarks (`pembanding`), the factors
//! of comparison 5, the Renstra's `[[tujuan]]` and word targets, the APIP's review (`[reviu]`)
//! and a second party written as a table. Each check is found at its file, line and column;
//! the pages are read as parsed HTML; the numbers are worked out by hand.

mod common;

use capaian::finding::{Located, Severity};
use capaian::model::Edition;
use common::Repo;
use common::build::{the_finding, today};
use common::html::{select, texts};
use scraper::Selector;

const PK: &str = r#"pejabat = "kepala"
pihak_kedua = { nama = "Budi Wicaksono, S.H.", jabatan = "Wali Kota Contoh", nip = "197001011990031001" }

[[sasaran]]
id = "s1"
nama = "Meningkatnya kesetaraan gender"

  [[sasaran.indikator]]
  id = "ipg"
  nama = "Indeks Pembangunan Gender"
  satuan = "indeks"
  polaritas = "positif"
  target = 92.5
  standar_nasional = 91.6
  iku = true
  definisi = "Rasio IPM perempuan terhadap IPM laki-laki"
  penanggung_jawab = "Kepala Bidang Pemberdayaan Perempuan"

    [[sasaran.indikator.pembanding]]
    nama = "Provinsi Contoh"
    nilai = 90.0
    tahun = 2024
    sumber = "BPS Provinsi Contoh"

    [[sasaran.indikator.pembanding]]
    nama = "Kota Tetangga"
    nilai = 93.0
    tahun = 2024
    sumber = "BPS Kota Tetangga"

  [[sasaran.indikator]]
  id = "kla"
  nama = "Predikat Kota Layak Anak"
  satuan = "predikat"
  polaritas = "positif"
  skala = ["Pratama", "Madya", "Nindya", "Utama", "KLA"]
  skor = [60, 70, 80, 90, 100]
  target = "Utama"
  iku = true
"#;

const REALISASI: &str = r#"[[realisasi]]
indikator = "ipg"
triwulan = 4
nilai = 91.8
analisis = "Sedikit di bawah target."
pendorong = "Kelas **kesetaraan** bagi perempuan."
penghambat = "Kesenjangan pengeluaran per kapita."
solusi = "- Pendampingan usaha perempuan."

[[realisasi]]
indikator = "kla"
triwulan = 4
nilai = "Nindya"
analisis = "Belum mencapai Utama."
"#;

const RENSTRA: &str = r#"periode = [2021, 2026]

[[indikator]]
id = "ipg"
nama = "Indeks Pembangunan Gender"
satuan = "indeks"
tujuan = "t1"
target = { 2025 = 92.5, 2026 = 93.0 }

[[tujuan]]
id = "t1"
nama = "Meningkatnya kualitas hidup perempuan dan anak"

  [[tujuan.indikator]]
  id = "kla"
  nama = "Predikat Kota Layak Anak"
  satuan = "predikat"
  kondisi_awal = "Pratama"
  target = { 2025 = "Utama", 2026 = "KLA" }
"#;

/// The fixture's SOP approves with steps 1 and 2; step 2 (the signature) is on 6 January.
const PROSES: &str = r#"[[langkah]]
no = 1
tanggal = 2026-01-05
oleh = "kepala"

[[langkah]]
no = 2
tanggal = 2026-01-06
oleh = "kepala"

[reviu]
instansi = "Inspektorat Kota Contoh"
nama = "Siti Aminah, S.E."
jabatan = "Inspektur"
nip = "196809121994032007"
tanggal = 2026-01-05
nomor = "700/015/ITKOT/I/2026"
"#;

fn repo() -> Repo {
    let repo = Repo::new();
    repo.write("2025/pk/kepala.toml", PK);
    repo.write("2025/realisasi/kepala.toml", REALISASI);
    repo.write("2025/proses.toml", PROSES);
    repo.write("renstra.toml", RENSTRA);
    repo
}

fn findings(repo: &Repo) -> Vec<Located> {
    repo.checked_on(today()).located_findings()
}

fn json(repo: &Repo) -> serde_json::Value {
    serde_json::from_str(&repo.read_output("data/2025.json")).expect("JSON")
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn the_fixture_has_no_finding_of_these_checks() {
    let all = findings(&repo());
    let errors: Vec<_> = all
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    for word in ["skor", "IKU", "pembanding", "tujuan", "reviu", "Renstra"] {
        assert!(
            !all.iter().any(|f| f.message.contains(word)),
            "unexpected finding on {word}: {all:#?}"
        );
    }
}

// --- skor -------------------------------------------------------------------------------------

#[test]
fn a_scored_ordinal_is_score_over_score() {
    let repo = repo();
    let site = repo.checked_on(today());
    let year = &site.computed.as_ref().expect("computed").years[&2025];
    let kla = year
        .pks
        .iter()
        .flat_map(|p| &p.goals)
        .flat_map(|g| &g.indicators)
        .find(|i| i.id == "kla")
        .expect("kla computed");
    // skor(Nindya) / skor(Utama) × 100 = 80 / 90 × 100; by rank it would be 3 / 4 = 75.
    assert!(close(kla.achievement.unwrap(), 800.0 / 9.0), "{kla:?}");
    // The Renstra's final word target (KLA, 100) is T of capaian_renstra: 80 / 100 × 100.
    assert!(close(
        kla.renstra.as_ref().unwrap().achievement.unwrap(),
        80.0
    ));

    repo.build();
    let html = repo.page("2025/indikator/kla/index.html");
    let working = texts(&html, ".working-result");
    assert_eq!(
        working,
        ["skor Nindya (80) / skor Utama (90) × 100 = 88,89%"]
    );
    let definition = texts(
        &html,
        "#definisi + dl dd, section[aria-labelledby=definisi] dd",
    );
    assert!(
        definition.contains(&"skor(R) / skor(T) × 100".to_string()),
        "{definition:?}"
    );
    let data = json(&repo);
    let kla = &data["indikator"][1];
    assert_eq!(kla["id"], "kla");
    assert!(close(kla["capaian"].as_f64().unwrap(), 800.0 / 9.0));
    assert_eq!(
        kla["skor"],
        serde_json::json!([60.0, 70.0, 80.0, 90.0, 100.0])
    );
    assert!(close(kla["capaian_renstra"].as_f64().unwrap(), 80.0));
}

#[test]
fn skor_on_a_numeric_indicator_is_an_error_at_the_scores() {
    let repo = repo();
    repo.edit(
        "2025/pk/kepala.toml",
        "  target = 92.5\n",
        "  target = 92.5\n  skor = [1, 2]\n",
    );
    let spot = repo.place("2025/pk/kepala.toml", "id = \"ipg\"", "[1, 2]");
    let f = the_finding(
        &findings(&repo),
        Severity::Error,
        "2025/pk/kepala.toml",
        spot,
        "`skor` pada `ipg`, padahal indikatornya tidak ordinal (tanpa `skala`)",
    );
    assert_eq!(
        f.help.as_deref(),
        Some(
            "`skor` memberi nilai pada setiap kata `skala`: hapus `skor`, atau tambahkan `skala` bila indikatornya berupa predikat"
        )
    );
}

#[test]
fn skor_of_another_length_than_the_scale_is_an_error() {
    let repo = repo();
    repo.edit(
        "2025/pk/kepala.toml",
        "skor = [60, 70, 80, 90, 100]",
        "skor = [60, 70, 80, 90]",
    );
    let spot = repo.place("2025/pk/kepala.toml", "id = \"kla\"", "[60, 70");
    the_finding(
        &findings(&repo),
        Severity::Error,
        "2025/pk/kepala.toml",
        spot,
        "`skor` `kla` berisi 4 nilai, padahal `skala` berisi 5 kata",
    );
}

#[test]
fn scores_that_do_not_rise_are_a_warning_at_the_first_that_does_not() {
    let repo = repo();
    repo.edit(
        "2025/pk/kepala.toml",
        "skor = [60, 70, 80, 90, 100]",
        "skor = [60, 70, 70, 90, 100]",
    );
    // The third score (Nindya's) is not above Madya's.
    let spot = repo.place("2025/pk/kepala.toml", "skor = [60, 70, ", "70, 90");
    the_finding(
        &findings(&repo),
        Severity::Warning,
        "2025/pk/kepala.toml",
        spot,
        "skor `kla` tidak naik: \"Nindya\" (70) tidak di atas \"Madya\" (70)",
    );
}

// --- iku --------------------------------------------------------------------------------------

#[test]
fn iku_outside_the_heads_pk_is_a_warning_at_the_flag() {
    let repo = repo();
    repo.write(
        "2025/pk/sekretaris.toml",
        r#"pejabat = "sekretaris"

[[sasaran]]
id = "sek-s1"
nama = "Meningkatnya kualitas perencanaan"

  [[sasaran.indikator]]
  id = "dokumen"
  nama = "Dokumen perencanaan tepat waktu"
  satuan = "%"
  polaritas = "positif"
  target = 100.0
  iku = true
"#,
    );
    let spot = repo.place("2025/pk/sekretaris.toml", "iku =", "true");
    let f = the_finding(
        &findings(&repo),
        Severity::Warning,
        "2025/pk/sekretaris.toml",
        spot,
        "`dokumen` ditandai IKU, tetapi bukan indikator PK kepala OPD",
    );
    assert!(f.help.unwrap().contains("PK kepala OPD"));
}

// --- pembanding -------------------------------------------------------------------------------

#[test]
fn a_word_benchmark_of_a_numeric_indicator_is_an_error_at_the_value() {
    let repo = repo();
    repo.edit("2025/pk/kepala.toml", "nilai = 90.0", "nilai = \"Tinggi\"");
    let spot = repo.place("2025/pk/kepala.toml", "Provinsi Contoh", "\"Tinggi\"");
    the_finding(
        &findings(&repo),
        Severity::Error,
        "2025/pk/kepala.toml",
        spot,
        "nilai pembanding `ipg` berupa kata (\"Tinggi\"), padahal indikatornya numerik",
    );
}

#[test]
fn a_benchmark_word_outside_the_scale_is_an_error_with_the_nearest_word() {
    let repo = repo();
    repo.write(
        "2025/pk/kepala.toml",
        &format!("{PK}\n    [[sasaran.indikator.pembanding]]\n    nama = \"Kota Tetangga\"\n    nilai = \"Nindia\"\n"),
    );
    let spot = repo.place("2025/pk/kepala.toml", "id = \"kla\"", "\"Nindia\"");
    let f = the_finding(
        &findings(&repo),
        Severity::Error,
        "2025/pk/kepala.toml",
        spot,
        "\"Nindia\" bukan kata skala `kla`",
    );
    assert!(f.help.unwrap().contains("\"Nindya\""));
}

#[test]
fn a_benchmark_of_a_later_year_is_a_warning() {
    let repo = repo();
    repo.edit(
        "2025/pk/kepala.toml",
        "tahun = 2024\n    sumber = \"BPS Kota",
        "tahun = 2026\n    sumber = \"BPS Kota",
    );
    let spot = repo.place("2025/pk/kepala.toml", "Kota Tetangga", "2026");
    the_finding(
        &findings(&repo),
        Severity::Warning,
        "2025/pk/kepala.toml",
        spot,
        "pembanding `ipg` bertahun 2026, setelah tahun laporan 2025",
    );
}

#[test]
fn comparison_four_lists_every_benchmark_with_its_source_and_gap() {
    let repo = repo();
    repo.build();
    let html = repo.page("2025/indikator/ipg/index.html");
    let selector = Selector::parse("table.benchmarks tbody tr").unwrap();
    let cell = Selector::parse("th, td").unwrap();
    let rows: Vec<Vec<String>> = html
        .select(&selector)
        .map(|tr| {
            tr.select(&cell)
                .map(|c| c.text().collect::<String>().trim().to_string())
                .collect()
        })
        .collect();
    // R = 91,8. Nasional: 91,8 − 91,6 = +0,2, 91,8 / 91,6 = 100,22 %; Provinsi: +1,8, 102 %;
    // Kota Tetangga: −1,2, 91,8 / 93 = 98,71 %.
    assert_eq!(
        rows,
        [
            [
                "Nasional",
                "–",
                "91,6",
                "91,8",
                "+0,2",
                "100,22%",
                "Setara atau lebih baik",
                "–"
            ],
            [
                "Provinsi Contoh",
                "2024",
                "90",
                "91,8",
                "+1,8",
                "102,00%",
                "Setara atau lebih baik",
                "BPS Provinsi Contoh"
            ],
            [
                "Kota Tetangga",
                "2024",
                "93",
                "91,8",
                "-1,2",
                "98,71%",
                "Lebih rendah kinerjanya",
                "BPS Kota Tetangga"
            ],
        ]
    );
    let data = json(&repo);
    let b = &data["indikator"][0]["pembanding"];
    assert_eq!(b.as_array().unwrap().len(), 3);
    assert_eq!(b[0]["nama"], "Nasional");
    assert!(b[0]["sumber"].is_null() && b[0]["tahun"].is_null());
    assert_eq!(b[2]["sumber"], "BPS Kota Tetangga");
    assert_eq!(b[2]["tahun"], 2024);
    assert!(close(b[2]["selisih"].as_f64().unwrap(), 91.8 - 93.0));
    assert!(close(
        b[2]["capaian"].as_f64().unwrap(),
        91.8 / 93.0 * 100.0
    ));
}

// --- comparison 5 -----------------------------------------------------------------------------

#[test]
fn comparison_five_shows_the_factors_under_their_headings() {
    let repo = repo();
    repo.build();
    let html = repo.page("2025/indikator/ipg/index.html");
    assert_eq!(
        texts(&html, "article.analysis h5.factor"),
        [
            "Faktor pendorong",
            "Faktor penghambat",
            "Solusi / langkah antisipatif"
        ]
    );
    assert_eq!(
        texts(&html, "article.analysis .factor-drivers strong"),
        ["kesetaraan"]
    );
    assert_eq!(
        texts(&html, "article.analysis .factor-obstacles"),
        ["Kesenjangan pengeluaran per kapita."]
    );
    assert_eq!(
        texts(&html, "article.analysis .factor-solutions li"),
        ["Pendampingan usaha perempuan."]
    );
    // An entry with an analysis only has no factor headings.
    let kla = repo.page("2025/indikator/kla/index.html");
    assert!(texts(&kla, "article.analysis h5.factor").is_empty());
    let data = json(&repo);
    let q = &data["indikator"][0]["triwulan"][0];
    assert_eq!(q["pendorong"], "Kelas **kesetaraan** bagi perempuan.");
    assert_eq!(q["penghambat"], "Kesenjangan pengeluaran per kapita.");
    assert_eq!(q["solusi"], "- Pendampingan usaha perempuan.");
    assert_eq!(q["analisis"], "Sedikit di bawah target.");
}

#[test]
fn factors_in_english_have_english_headings() {
    let repo = repo();
    repo.edit(
        "site.toml",
        "tanggal_laporan = 2026-01-20\n",
        "tanggal_laporan = 2026-01-20\nbahasa = \"en\"\n",
    );
    repo.build();
    let html = repo.page("2025/indikator/ipg/index.html");
    assert_eq!(
        texts(&html, "article.analysis h5.factor"),
        [
            "Driving factors",
            "Inhibiting factors",
            "Solutions / anticipating steps"
        ]
    );
}

// --- the printed annex of the lower echelons -----------------------------------------------

/// The Sekretaris's PK: a goal under `s1` with an indicator in the Renstra that has a national
/// standard and a benchmark, and one that has neither; the first has two analyses.
const PK_SEKRETARIS: &str = r#"pejabat = "sekretaris"

[[sasaran]]
id = "sek-s1"
nama = "Meningkatnya pengarusutamaan gender di perangkat daerah"
mendukung = "s1"

  [[sasaran.indikator]]
  id = "opd-pprg"
  nama = "Persentase perangkat daerah yang menerapkan PPRG"
  satuan = "%"
  polaritas = "positif"
  target = 80.0
  standar_nasional = 75.0

    [[sasaran.indikator.pembanding]]
    nama = "Provinsi Contoh"
    nilai = 90.0
    tahun = 2024
    sumber = "BPS Provinsi Contoh"

  [[sasaran.indikator]]
  id = "rapat-pug"
  nama = "Jumlah rapat koordinasi PUG"
  satuan = "kali"
  polaritas = "positif"
  target = 4.0
  akumulasi = "jumlah"

[[program]]
id = "pug-sek"
nama = "Program Pengarusutamaan Gender"
sasaran = ["sek-s1"]
pagu = 100000000
"#;

const REALISASI_SEKRETARIS: &str = r#"[[realisasi]]
indikator = "opd-pprg"
triwulan = 2
nilai = 60.0
analisis = "Separuh jalan."

[[realisasi]]
indikator = "opd-pprg"
triwulan = 4
nilai = 84.0
analisis = "Melampaui target."

[[realisasi]]
indikator = "rapat-pug"
triwulan = 1
nilai = 1.0

[[realisasi]]
indikator = "rapat-pug"
triwulan = 2
nilai = 2.0
"#;

#[test]
fn the_annex_gives_a_lower_goal_renstra_and_benchmark_columns_when_an_indicator_has_them() {
    let repo = repo();
    repo.write("2025/pk/sekretaris.toml", PK_SEKRETARIS);
    repo.write("2025/realisasi/sekretaris.toml", REALISASI_SEKRETARIS);
    repo.write(
        "renstra.toml",
        &format!(
            "{RENSTRA}\n[[indikator]]\nid = \"opd-pprg\"\nnama = \"Persentase perangkat daerah yang menerapkan PPRG\"\nsatuan = \"%\"\ntujuan = \"t1\"\ntarget = {{ 2025 = 80.0, 2026 = 96.0 }}\n"
        ),
    );
    repo.build();
    let html = repo.page("2025/cetak/index.html");
    let goal = "#lampiran-capaian #sasaran-sek-s1";
    // After this year's columns (tests/print.rs reads them) and with no earlier year: the
    // Renstra's two columns and the benchmarks'.
    let heads = texts(&html, &format!("{goal} table.ukur thead tr:last-child th"));
    assert_eq!(heads.len(), 14, "{heads:?}");
    assert_eq!(
        heads[10..],
        [
            "Kategori",
            "Target akhir Renstra (2026)",
            "Capaian terhadap target akhir Renstra (%)",
            "Pembanding"
        ]
    );
    // Over them, the earlier years' group is left out: the fixture has no earlier year.
    assert_eq!(
        texts(&html, &format!("{goal} table.ukur thead tr.kelompok th")),
        ["", "Realisasi s.d. triwulan", "", ""]
    );
    // A row by its number (its first cell), as a reader finds it: the annex's rows carry
    // no id unless something in the document links to them.
    let row = |nomor: &str| -> Vec<String> {
        let rows = Selector::parse(&format!("{goal} table.ukur tbody tr")).unwrap();
        let cell = Selector::parse("td").unwrap();
        html.select(&rows)
            .map(|tr| {
                tr.select(&cell)
                    .map(|c| {
                        c.text()
                            .collect::<Vec<_>>()
                            .join(" ")
                            .split_whitespace()
                            .collect::<Vec<_>>()
                            .join(" ")
                    })
                    .collect::<Vec<_>>()
            })
            .find(|cells| cells.first().is_some_and(|c| c == nomor))
            .unwrap_or_default()
    };
    // opd-pprg (akhir): TW II 60 and TW IV 84, nothing in TW I and III; 84 / 80 = 105,00%;
    // the Renstra's 2026 target 96: 84 / 96 = 87,50%; Nasional 75: 84 / 75 = 112,00%, at
    // least as good; Provinsi Contoh 90: 84 / 90 = 93,33%, below.
    assert_eq!(
        row("1.1.1")[2..],
        [
            "%",
            "80",
            "–",
            "60",
            "–",
            "84",
            "84",
            "105,00",
            "Sangat Tinggi",
            "96",
            "87,50",
            "Nasional: 75 (112,00%) ≥ Provinsi Contoh 2024: 90 (93,33%) < BPS Provinsi Contoh"
        ]
    );
    // rapat-pug (jumlah): 1, 1 + 2 = 3, then no report; 3 / 4 = 75,00%; neither column.
    assert_eq!(
        row("1.1.2")[2..],
        [
            "kali", "4", "1", "3", "–", "–", "3", "75,00", "Sedang", "–", "–", "–"
        ]
    );
    // Both columns are there, so no line says there are none; the analyses are numbered to
    // the rows, the indicator without one is named.
    assert!(texts(&html, &format!("{goal} > p.note")).is_empty());
    assert_eq!(
        texts(&html, &format!("{goal} dl.analisis dt")),
        ["1.1.1 TW II", "1.1.1 TW IV"]
    );
    assert_eq!(
        texts(&html, &format!("{goal} > p.empty")),
        ["Belum ada analisis untuk indikator 1.1.2."]
    );
    // Comparisons 6 and 7 once for the goal.
    assert_eq!(
        texts(
            &html,
            &format!("{goal} table.ukur-program tbody td:first-child")
        ),
        ["Program Pengarusutamaan Gender"]
    );
}

/// Two goals of the Sekretaris's PK carried by the same programme: the annex shows the
/// programme's table (comparisons 6 and 7) under the first and points the second at it.
#[test]
fn the_annex_shows_a_table_of_programmes_once_per_pk_and_points_at_it() {
    let repo = repo();
    let pk = PK_SEKRETARIS
        .replace(
            "[[program]]",
            "[[sasaran]]\nid = \"sek-s2\"\nnama = \"Tersedianya data terpilah gender\"\nmendukung = \"s1\"\n\n  [[sasaran.indikator]]\n  id = \"data-gender\"\n  nama = \"Jumlah data terpilah gender\"\n  satuan = \"dokumen\"\n  polaritas = \"positif\"\n  target = 2.0\n\n[[program]]",
        )
        .replace("sasaran = [\"sek-s1\"]", "sasaran = [\"sek-s1\", \"sek-s2\"]");
    repo.write("2025/pk/sekretaris.toml", &pk);
    repo.write("2025/realisasi/sekretaris.toml", REALISASI_SEKRETARIS);
    repo.build();
    let html = repo.page("2025/cetak/index.html");
    let first = "#lampiran-capaian #sasaran-sek-s1";
    let second = "#lampiran-capaian #sasaran-sek-s2";
    assert_eq!(
        texts(
            &html,
            &format!("{first} table.ukur-program tbody td:first-child")
        ),
        ["Program Pengarusutamaan Gender"]
    );
    assert!(texts(&html, &format!("{second} table.ukur-program")).is_empty());
    assert_eq!(
        texts(&html, &format!("{second} > p.note")),
        [
            "Tidak ada indikator dalam Renstra. Tidak ada standar nasional atau pembanding.",
            "Sama dengan sasaran 1.1."
        ]
    );
    // The pointer leads to the first goal, whose section keeps its id.
    assert_eq!(
        select(&html, &format!("{second} > p.note a"))
            .iter()
            .map(|a| a.value().attr("href").unwrap_or_default().to_string())
            .collect::<Vec<_>>(),
        ["#sasaran-sek-s1"]
    );
}

// --- Renstra ----------------------------------------------------------------------------------

#[test]
fn the_renstra_word_target_is_shown_on_the_indicator_page() {
    let repo = repo();
    repo.build();
    let html = repo.page("2025/indikator/kla/index.html");
    let facts = texts(&html, "section[aria-labelledby=analisis] dl.facts dd");
    // Period, baseline, this year's target, the final target, R, capaian Renstra.
    assert_eq!(
        facts,
        ["2021–2026", "Pratama", "Utama", "KLA", "Nindya", "80,00%"]
    );
    let data = json(&repo);
    assert_eq!(
        data["tujuan"],
        serde_json::json!([{
            "id": "t1",
            "nama": "Meningkatnya kualitas hidup perempuan dan anak",
            "indikator": ["kla", "ipg"]
        }])
    );
    assert_eq!(data["indikator"][0]["tujuan"], "t1");
    assert_eq!(data["indikator"][1]["tujuan"], "t1");
    assert_eq!(data["indikator"][0]["iku"], true);
}

#[test]
fn a_pk_word_target_other_than_the_renstras_is_a_warning_with_both() {
    let repo = repo();
    repo.edit("renstra.toml", "2025 = \"Utama\"", "2025 = \"Nindya\"");
    let spot = repo.place("2025/pk/kepala.toml", "target = \"Utama\"", "\"Utama\"");
    let f = the_finding(
        &findings(&repo),
        Severity::Warning,
        "2025/pk/kepala.toml",
        spot,
        "target `kla` tahun 2025 (\"Utama\") berbeda dengan target Renstra (\"Nindya\")",
    );
    assert_eq!(f.label, "Renstra: Nindya");
}

#[test]
fn a_numeric_pk_target_other_than_the_renstras_is_a_warning_too() {
    let repo = repo();
    repo.edit("renstra.toml", "2025 = 92.5", "2025 = 92.0");
    let spot = repo.place("2025/pk/kepala.toml", "id = \"ipg\"", "92.5");
    the_finding(
        &findings(&repo),
        Severity::Warning,
        "2025/pk/kepala.toml",
        spot,
        "target `ipg` tahun 2025 (92,5) berbeda dengan target Renstra (92)",
    );
}

#[test]
fn an_unknown_tujuan_is_an_error_with_the_nearest_id() {
    let repo = repo();
    repo.edit("renstra.toml", "tujuan = \"t1\"", "tujuan = \"t11\"");
    let spot = repo.place("renstra.toml", "tujuan = ", "\"t11\"");
    let f = the_finding(
        &findings(&repo),
        Severity::Error,
        "renstra.toml",
        spot,
        "tujuan `t11` tidak ada dalam Renstra",
    );
    assert_eq!(f.help.as_deref(), Some("mungkin maksudnya `t1`?"));
}

#[test]
fn renstra_targets_mixing_words_and_numbers_are_an_error() {
    let repo = repo();
    repo.edit("renstra.toml", "2026 = \"KLA\"", "2026 = 5");
    let spot = repo.place("renstra.toml", "id = \"kla\"", "\"Utama\"");
    the_finding(
        &findings(&repo),
        Severity::Error,
        "renstra.toml",
        spot,
        "target Renstra `kla` mencampur kata dan bilangan",
    );
}

// --- reviu ------------------------------------------------------------------------------------

#[test]
fn an_approved_year_without_a_review_is_a_warning_at_the_signature() {
    let repo = repo();
    let text = PROSES.split("[reviu]").next().unwrap().to_string();
    repo.write("2025/proses.toml", &text);
    let spot = repo.place("2025/proses.toml", "no = 2", "2026-01-06");
    let f = the_finding(
        &findings(&repo),
        Severity::Warning,
        "2025/proses.toml",
        spot,
        "tahun 2025 disetujui tanpa reviu APIP",
    );
    assert_eq!(
        f.help.as_deref(),
        Some(
            "catat reviu Inspektorat dalam 2025/proses.toml: tabel `[reviu]` dengan `instansi`, `nama`, `jabatan`, `tanggal` dan `nomor`; laporan kinerja direviu sebelum ditandatangani"
        )
    );
}

#[test]
fn a_review_after_the_signature_is_a_warning_at_its_date() {
    let repo = repo();
    repo.edit(
        "2025/proses.toml",
        "tanggal = 2026-01-05\nnomor",
        "tanggal = 2026-01-07\nnomor",
    );
    let spot = repo.place("2025/proses.toml", "[reviu]", "2026-01-07");
    the_finding(
        &findings(&repo),
        Severity::Warning,
        "2025/proses.toml",
        spot,
        "reviu laporan tahun 2025 bertanggal 2026-01-07, setelah laporan ditandatangani (2026-01-06)",
    );
}

#[test]
fn a_review_on_the_day_of_a_date_only_signature_is_not_after_it() {
    let repo = repo();
    repo.edit(
        "2025/proses.toml",
        "tanggal = 2026-01-05\nnomor",
        "tanggal = 2026-01-06\nnomor",
    );
    assert!(
        !findings(&repo).iter().any(|f| f.message.contains("reviu")),
        "{:#?}",
        findings(&repo)
    );
}

#[test]
fn the_review_is_on_the_year_page_and_in_the_export_nip_internal_only() {
    let repo = repo();
    repo.build();
    let html = repo.page("2025/index.html");
    let facts = texts(&html, "section.review-box dd");
    assert_eq!(
        facts,
        [
            "Inspektorat Kota Contoh",
            "Siti Aminah, S.E. · NIP 196809121994032007",
            "Inspektur",
            "5 Januari 2026",
            "700/015/ITKOT/I/2026"
        ]
    );
    let data = json(&repo);
    assert_eq!(data["reviu"]["nip"], "196809121994032007");
    assert_eq!(data["reviu"]["tanggal"], "2026-01-05");

    let public = Repo::new();
    for (rel, text) in [
        ("2025/pk/kepala.toml", PK),
        ("2025/realisasi/kepala.toml", REALISASI),
        ("2025/proses.toml", PROSES),
        ("renstra.toml", RENSTRA),
    ] {
        public.write(rel, text);
    }
    public.build_edition(Edition::Public);
    let html = public.page("2025/index.html");
    assert_eq!(
        texts(&html, "section.review-box dd")[1],
        "Siti Aminah, S.E."
    );
    assert!(json(&public)["reviu"]["nip"].is_null());
}

// --- pihak_kedua ------------------------------------------------------------------------------

#[test]
fn a_second_party_table_is_on_the_pk_page_and_in_the_export() {
    let repo = repo();
    repo.build();
    let html = repo.page("2025/pk/kepala/index.html");
    let sign = texts(&html, ".signatures .sign:first-child p");
    assert_eq!(
        sign,
        [
            "",
            "Pihak Kedua,",
            "Wali Kota Contoh,",
            "",
            "Budi Wicaksono, S.H.",
            "NIP 197001011990031001"
        ]
    );
    let data = json(&repo);
    assert_eq!(
        data["pk"][0]["pihak_kedua"],
        serde_json::json!({
            "nama": "Budi Wicaksono, S.H.",
            "jabatan": "Wali Kota Contoh",
            "nip": "197001011990031001"
        })
    );

    // Written as text, it is a name only.
    let plain = self::repo();
    plain.edit(
        "2025/pk/kepala.toml",
        "pihak_kedua = { nama = \"Budi Wicaksono, S.H.\", jabatan = \"Wali Kota Contoh\", nip = \"197001011990031001\" }",
        "pihak_kedua = \"Wali Kota Contoh\"",
    );
    plain.build();
    assert_eq!(
        json(&plain)["pk"][0]["pihak_kedua"],
        serde_json::json!({"nama": "Wali Kota Contoh", "jabatan": null, "nip": null})
    );
}

#[test]
fn the_public_edition_leaves_the_second_partys_nip_out() {
    let repo = repo();
    repo.build_edition(Edition::Public);
    let html = repo.page("2025/pk/kepala/index.html");
    let sign = texts(&html, ".signatures .sign:first-child p");
    assert!(
        sign.contains(&"Budi Wicaksono, S.H.".to_string()),
        "{sign:?}"
    );
    assert!(!sign.iter().any(|p| p.contains("NIP")), "{sign:?}");
    assert!(json(&repo)["pk"][0]["pihak_kedua"]["nip"].is_null());
}

#[test]
fn an_unknown_key_in_the_second_party_table_names_the_accepted_ones() {
    let repo = repo();
    repo.edit(
        "2025/pk/kepala.toml",
        "jabatan = \"Wali Kota Contoh\"",
        "jabtan = \"Wali Kota Contoh\"",
    );
    let all = findings(&repo);
    let f = all
        .iter()
        .find(|f| f.severity == Severity::Error)
        .unwrap_or_else(|| panic!("an error: {all:#?}"));
    assert_eq!(
        (f.message.as_str(), f.label.as_str(), f.help.as_deref()),
        (
            "kunci `jabtan` tidak dikenal",
            "kunci tidak dikenal",
            Some("mungkin maksudnya `jabatan`?")
        )
    );
}

#[test]
fn an_english_site_hears_the_checks_in_english() {
    let repo = repo();
    repo.edit(
        "site.toml",
        "tanggal_laporan = 2026-01-20\n",
        "tanggal_laporan = 2026-01-20\nbahasa = \"en\"\n",
    );
    repo.edit(
        "2025/pk/kepala.toml",
        "skor = [60, 70, 80, 90, 100]",
        "skor = [60, 70, 80, 90]",
    );
    let spot = repo.place("2025/pk/kepala.toml", "id = \"kla\"", "[60, 70");
    let f = the_finding(
        &findings(&repo),
        Severity::Error,
        "2025/pk/kepala.toml",
        spot,
        "`skor` of `kla` has 4 values but `skala` has 5 words",
    );
    assert_eq!(f.label, "4 scores for 5 words");
    assert_eq!(
        f.help.as_deref(),
        Some("write one score per word, in order: Pratama, Madya, Nindya, Utama, KLA")
    );
}
