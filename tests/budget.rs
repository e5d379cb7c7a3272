//! The budget hierarchy (programme → kegiatan → sub-kegiatan): the arithmetic at every level
//! on a small report computed by hand, every nomenclature check with its exact place, the PK
//! page's budget table and the export's fields.

mod common;

use capaian::Site;
use capaian::finding::{Located, Severity};
use capaian::model::Rupiah;
use common::build::the_finding;
use common::html::{rows as rows_of, select, select_in, text, texts};
use common::toml::{entries, head_pk, realisation, spending};
use common::{Repo, line_of};

/// The head lists programme 2.08.02 by code only; the Sekretaris' PK holds it with its
/// kegiatan and sub-kegiatan, and a programme without code (`p2`).
fn kepala() -> String {
    head_pk(
        "  target = 80.0\n",
        r#"
[[program]]
id = "kepala-pug"
kode = "2.08.02"
nama = "Program Pengarusutamaan Gender dan Pemberdayaan Perempuan"
sasaran = ["s1"]
pagu = 1000000
pagu_perubahan = 800000
sumber_dana = "DAU"
"#,
    )
}

const SEKRETARIS: &str = r#"pejabat = "sekretaris"

[[sasaran]]
id = "s2"
nama = "Meningkatnya kualitas kelembagaan PUG"
mendukung = "s1"

  [[sasaran.indikator]]
  id = "lembaga"
  nama = "Lembaga yang menerapkan PUG"
  satuan = "lembaga"
  polaritas = "positif"
  target = 50.0

[[program]]
kode = "2.08.02"
nama = "Program Pengarusutamaan Gender dan Pemberdayaan Perempuan"
sasaran = ["s2"]
pagu = 1000000
pagu_perubahan = 800000
sumber_dana = "DAU, DAK Non Fisik"

  [[program.kegiatan]]
  kode = "2.08.02.2.01"
  nama = "Pelembagaan PUG pada Lembaga Pemerintah Kewenangan Kabupaten/Kota"
  pagu = 600000
  pagu_perubahan = 500000

    [[program.kegiatan.sub_kegiatan]]
    kode = "2.08.02.2.01.0001"
    nama = "Koordinasi dan Sinkronisasi Perumusan Kebijakan Pelaksanaan PUG"
    pagu = 400000
    pagu_perubahan = 300000
    sumber_dana = "DAU"

    [[program.kegiatan.sub_kegiatan]]
    kode = "2.08.02.2.01.0002"
    nama = "Sub kegiatan kedua"
    pagu = 200000
    sumber_dana = "DAK Non Fisik"

  [[program.kegiatan]]
  kode = "2.08.02.2.02"
  nama = "Pemberdayaan Perempuan Bidang Politik, Hukum, Sosial, dan Ekonomi"
  pagu = 300000

[[program]]
id = "p2"
nama = "Program tanpa kode"
sasaran = ["s2"]
pagu = 400000
"#;

/// capaian: ipg 72 of 80 = 90 %; lembaga 45 of 50 = 90 %.
fn realisasi_kepala() -> String {
    realisation("ipg", 4, "72.0", Some("Di bawah target."))
}

/// Spending 60,000 + 90,000 on sub-kegiatan .0001, 50,000 on .0002, 100,000 on `p2`.
fn realisasi_sekretaris() -> String {
    entries(&[
        realisation("lembaga", 4, "45.0", Some("Di bawah target.")),
        spending(("sub_kegiatan", "2.08.02.2.01.0001"), 1, 60_000),
        spending(("sub_kegiatan", "2.08.02.2.01.0001"), 2, 90_000),
        spending(("sub_kegiatan", "2.08.02.2.01.0002"), 2, 50_000),
        spending(("program", "p2"), 1, 100_000),
    ])
}

fn repo() -> Repo {
    let repo = Repo::new();
    repo.write("2025/pk/kepala.toml", &kepala());
    repo.write("2025/realisasi/kepala.toml", &realisasi_kepala());
    repo.write("2025/pk/sekretaris.toml", SEKRETARIS);
    repo.write("2025/realisasi/sekretaris.toml", &realisasi_sekretaris());
    repo
}

/// Every finding of the report, located.
fn findings(repo: &Repo) -> Vec<Located> {
    repo.findings()
}

#[track_caller]
fn close(actual: Option<f64>, expected: f64) {
    let a = actual.expect("a number");
    assert!((a - expected).abs() < 1e-9, "{a} != {expected}");
}

#[test]
fn the_fixture_has_no_budget_finding() {
    let repo = repo();
    let all = findings(&repo);
    let errors: Vec<&Located> = all
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let budget: Vec<&Located> = all
        .iter()
        .filter(|f| {
            f.place
                .as_ref()
                .is_some_and(|p| p.path.contains("realisasi") || p.path.contains("/pk/"))
                && (f.message.contains("pagu")
                    || f.message.contains("kode")
                    || f.message.contains("anggaran")
                    || f.message.contains("sub-kegiatan"))
        })
        .collect();
    assert!(budget.is_empty(), "{budget:#?}");
}

#[test]
fn serapan_and_efisiensi_at_every_level() {
    let site = Site::load(repo().content()).unwrap();
    let year = &site.computed.as_ref().expect("computed").years[&2025];
    let sek = year.pks.iter().find(|p| p.id == "sekretaris").unwrap();
    let pug = &sek.programmes[0];
    // Programme 2.08.02 (the id is its code): 60.000 + 90.000 + 50.000 = 200.000 of the revised
    // 800.000 = 25 %; its sasaran's mean capaian 90 → efisiensi 65.
    assert_eq!(pug.id, "2.08.02");
    assert_eq!(pug.code.as_deref(), Some("2.08.02"));
    assert_eq!(
        (pug.budget, pug.revised_budget),
        (Rupiah(1_000_000), Some(Rupiah(800_000)))
    );
    assert_eq!(pug.spent, Rupiah(200_000));
    assert_eq!(
        pug.spent_per_quarter,
        [Rupiah(60_000), Rupiah(140_000), Rupiah(0), Rupiah(0)]
    );
    close(pug.absorption, 25.0);
    close(pug.mean_achievement, 90.0);
    close(pug.efficiency, 65.0);
    // Kegiatan 2.08.02.2.01: 200.000 of the revised 500.000 = 40 %, efisiensi 50.
    let k1 = &pug.activities[0];
    assert_eq!(
        (k1.code.as_str(), k1.spent),
        ("2.08.02.2.01", Rupiah(200_000))
    );
    close(k1.absorption, 40.0);
    close(k1.efficiency, 50.0);
    // Sub-kegiatan .0001: 150.000 of the revised 300.000 = 50 %, efisiensi 40.
    let s1 = &k1.sub_activities[0];
    assert_eq!(s1.spent, Rupiah(150_000));
    close(s1.absorption, 50.0);
    close(s1.efficiency, 40.0);
    // Sub-kegiatan .0002 (no revision): 50.000 of 200.000 = 25 %, efisiensi 65.
    let s2 = &k1.sub_activities[1];
    close(s2.absorption, 25.0);
    close(s2.efficiency, 65.0);
    // Kegiatan 2.08.02.2.02: no spending, no serapan and no efisiensi.
    let k2 = &pug.activities[1];
    assert_eq!(
        (k2.reported, k2.absorption, k2.efficiency),
        (false, None, None)
    );
    // p2, no code: 100.000 of 400.000 = 25 %, as before the hierarchy existed.
    let p2 = &sek.programmes[1];
    close(p2.absorption, 25.0);
    close(p2.efficiency, 65.0);
    // The Sekretaris' total: murni 1.400.000, measured against 800.000 + 400.000 = 1.200.000;
    // 300.000 spent = 25 %; PK mean capaian 90 → efisiensi 65.
    assert_eq!(
        (
            sek.budget.budget,
            sek.budget.effective_budget,
            sek.budget.spent
        ),
        (Rupiah(1_400_000), Rupiah(1_200_000), Rupiah(300_000))
    );
    close(sek.budget.absorption, 25.0);
    close(sek.budget.efficiency, 65.0);
    // The head's programme records nothing itself: it shows the 200.000 recorded on 2.08.02 in
    // the Sekretaris' PK, against its own revised 800.000.
    let head = year.pks.iter().find(|p| p.id == "kepala").unwrap();
    let hp = &head.programmes[0];
    assert_eq!(
        (hp.spent, hp.from_pks.clone()),
        (Rupiah(200_000), vec!["sekretaris".to_string()])
    );
    close(hp.absorption, 25.0);
    close(hp.efficiency, 65.0);
    close(head.budget.absorption, 25.0);
    // The year counts 2.08.02 once: 1.000.000 + 400.000 murni, 1.200.000 measured, 300.000
    // spent = 25 %; mean capaian of both indicators 90 → efisiensi 65.
    assert_eq!(
        (
            year.budget.budget,
            year.budget.effective_budget,
            year.budget.spent
        ),
        (Rupiah(1_400_000), Rupiah(1_200_000), Rupiah(300_000))
    );
    close(year.budget.absorption, 25.0);
    close(year.budget.efficiency, 65.0);
}

/// The one finding whose message contains `message`: at `file`:`line`:`column`.
#[track_caller]
fn assert_finding(
    repo: &Repo,
    severity: Severity,
    message: &str,
    file: &str,
    needle: &str,
) -> Located {
    let all = findings(repo);
    let matching: Vec<&Located> = all.iter().filter(|f| f.message.contains(message)).collect();
    assert_eq!(matching.len(), 1, "one finding with {message:?}: {all:#?}");
    let f = matching[0].clone();
    assert_eq!(f.severity, severity, "{f}");
    let text = std::fs::read_to_string(repo.content().join(file)).unwrap();
    let line = line_of(&text, needle);
    let column = text.lines().nth(line - 1).unwrap().find(needle).unwrap() + 1;
    let place = f.place.as_ref().expect("placed");
    assert!(place.path.ends_with(file), "{} is not {file}", place.path);
    assert_eq!((place.line, place.column), (line, column), "{f}");
    f
}

const SEK: &str = "2025/pk/sekretaris.toml";
const SEK_R: &str = "2025/realisasi/sekretaris.toml";

#[test]
fn a_programme_code_of_the_wrong_shape() {
    let repo = repo();
    repo.edit(SEK, "kode = \"2.08.02\"", "kode = \"2.8.2\"");
    let f = assert_finding(
        &repo,
        Severity::Error,
        "`2.8.2` bukan kode program yang sah",
        SEK,
        "\"2.8.2\"",
    );
    assert_eq!(
        f.help.as_deref(),
        Some("mungkin maksudnya `2.08.02`? Kode program berbentuk `2.08.02` (Permendagri 90/2019)")
    );
}

#[test]
fn a_kegiatan_code_of_the_wrong_shape() {
    let repo = repo();
    repo.edit(SEK, "kode = \"2.08.02.2.02\"", "kode = \"2.08.02.3.02\"");
    assert_finding(
        &repo,
        Severity::Error,
        "`2.08.02.3.02` bukan kode kegiatan yang sah",
        SEK,
        "\"2.08.02.3.02\"",
    );
}

#[test]
fn a_sub_kegiatan_code_with_two_digits() {
    let repo = repo();
    repo.edit(
        SEK,
        "kode = \"2.08.02.2.01.0002\"",
        "kode = \"2.08.02.2.01.02\"",
    );
    let f = assert_finding(
        &repo,
        Severity::Error,
        "`2.08.02.2.01.02` bukan kode sub-kegiatan yang sah",
        SEK,
        "\"2.08.02.2.01.02\"",
    );
    assert!(
        f.help.as_deref().unwrap().contains("`2.08.02.2.01.0002`"),
        "{f:?}"
    );
}

#[test]
fn a_kegiatan_outside_its_programme() {
    let repo = repo();
    repo.edit(SEK, "kode = \"2.08.02.2.02\"", "kode = \"2.08.03.2.02\"");
    let f = assert_finding(
        &repo,
        Severity::Error,
        "kode kegiatan `2.08.03.2.02` tidak diawali kode program-nya `2.08.02`",
        SEK,
        "\"2.08.03.2.02\"",
    );
    assert!(
        f.help.as_deref().unwrap().contains("`2.08.02.2.02`"),
        "{f:?}"
    );
}

#[test]
fn a_sub_kegiatan_outside_its_kegiatan() {
    let repo = repo();
    repo.edit(
        SEK,
        "kode = \"2.08.02.2.01.0002\"",
        "kode = \"2.08.02.2.02.0002\"",
    );
    repo.edit(
        SEK_R,
        "sub_kegiatan = \"2.08.02.2.01.0002\"",
        "sub_kegiatan = \"2.08.02.2.02.0002\"",
    );
    assert_finding(
        &repo,
        Severity::Error,
        "kode sub-kegiatan `2.08.02.2.02.0002` tidak diawali kode kegiatan-nya `2.08.02.2.01`",
        SEK,
        "\"2.08.02.2.02.0002\"",
    );
}

#[test]
fn a_code_twice_in_a_pk() {
    let repo = repo();
    repo.edit(
        SEK,
        "kode = \"2.08.02.2.01.0002\"",
        "kode = \"2.08.02.2.01.0001\"",
    );
    repo.edit(
        SEK_R,
        "sub_kegiatan = \"2.08.02.2.01.0002\"",
        "program = \"p2\"",
    );
    // The second use, in the second sub-kegiatan table.
    let text = std::fs::read_to_string(repo.content().join(SEK)).unwrap();
    let second = text.rfind("\"2.08.02.2.01.0001\"").unwrap();
    let f = findings(&repo)
        .into_iter()
        .find(|f| f.message.contains("dipakai dua kali dalam PK ini"))
        .expect("a duplicate finding");
    let place = f.place.unwrap();
    assert_eq!(place.line, text[..second].matches('\n').count() + 1);
    assert_eq!(f.severity, Severity::Error);
}

#[test]
fn kegiatan_adding_up_to_more_than_their_programme() {
    let repo = repo();
    repo.edit(SEK, "pagu = 300000\n", "pagu = 500000\n");
    // 600.000 + 500.000 = 1.100.000 > 1.000.000 (murni); 500.000 + 500.000 > 800.000 (revised).
    let all = findings(&repo);
    let over: Vec<&Located> = all
        .iter()
        .filter(|f| f.message.contains("berjumlah"))
        .collect();
    assert_eq!(over.len(), 2, "{over:#?}");
    assert!(over.iter().all(|f| f.severity == Severity::Warning));
    let text = std::fs::read_to_string(repo.content().join(SEK)).unwrap();
    let murni = over
        .iter()
        .find(|f| f.message.contains("`pagu` kegiatan"))
        .unwrap();
    assert!(
        murni.message.contains("Rp 1.100.000") && murni.message.contains("Rp 1.000.000"),
        "{murni}"
    );
    assert_eq!(
        murni.place.as_ref().unwrap().line,
        line_of(&text, "pagu = 1000000")
    );
    let revised = over
        .iter()
        .find(|f| f.message.contains("`pagu_perubahan`"))
        .unwrap();
    assert_eq!(
        revised.place.as_ref().unwrap().line,
        line_of(&text, "pagu_perubahan = 800000")
    );
}

#[test]
fn a_revised_sub_kegiatan_under_a_kegiatan_without_revision() {
    let repo = repo();
    repo.edit(SEK, "  pagu_perubahan = 500000\n", "");
    assert_finding(
        &repo,
        Severity::Warning,
        "sub-kegiatan di bawah `2.08.02.2.01` punya `pagu_perubahan`",
        SEK,
        "600000",
    );
}

#[test]
fn a_negative_revised_budget() {
    let repo = repo();
    repo.edit(SEK, "pagu_perubahan = 300000", "pagu_perubahan = -300000");
    assert_finding(
        &repo,
        Severity::Error,
        "`pagu_perubahan` bernilai negatif",
        SEK,
        "-300000",
    );
}

#[test]
fn spending_on_an_unknown_sub_kegiatan_suggests_the_nearest_code() {
    let repo = repo();
    repo.edit(
        SEK_R,
        "sub_kegiatan = \"2.08.02.2.01.0002\"",
        "sub_kegiatan = \"2.08.02.2.01.0003\"",
    );
    let f = assert_finding(
        &repo,
        Severity::Error,
        "sub-kegiatan `2.08.02.2.01.0003` tidak ada dalam PK `sekretaris` tahun 2025",
        SEK_R,
        "\"2.08.02.2.01.0003\"",
    );
    assert_eq!(
        f.help.as_deref(),
        Some("mungkin maksudnya `2.08.02.2.01.0002`?")
    );
}

#[test]
fn spending_naming_both_or_neither() {
    let repo = repo();
    repo.edit(
        SEK_R,
        "sub_kegiatan = \"2.08.02.2.01.0002\"",
        "program = \"2.08.02\"\nsub_kegiatan = \"2.08.02.2.01.0002\"",
    );
    assert_finding(
        &repo,
        Severity::Error,
        "menyebut `program` dan `sub_kegiatan` sekaligus",
        SEK_R,
        "\"2.08.02.2.01.0002\"",
    );
    let repo = crate::repo();
    repo.edit(
        SEK_R,
        "sub_kegiatan = \"2.08.02.2.01.0002\"\ntriwulan = 2",
        "triwulan = 2",
    );
    let text = std::fs::read_to_string(repo.content().join(SEK_R)).unwrap();
    let f = findings(&repo)
        .into_iter()
        .find(|f| {
            f.message
                .contains("tidak menyebut `program` maupun `sub_kegiatan`")
        })
        .expect("a finding");
    // At the `triwulan` of that entry: the third [[anggaran]].
    let at = text.match_indices("[[anggaran]]").nth(2).unwrap().0;
    let line = text[..at].matches('\n').count() + 2;
    assert_eq!((f.severity, f.place.unwrap().line), (Severity::Error, line));
}

#[test]
fn one_quarter_on_a_programme_and_its_sub_kegiatan_is_a_warning() {
    let repo = repo();
    repo.write(
        SEK_R,
        &entries(&[
            realisasi_sekretaris(),
            spending(("program", "2.08.02"), 2, 10_000),
        ]),
    );
    let f = assert_finding(
        &repo,
        Severity::Warning,
        "triwulan 2 mencatat belanja pada program `2.08.02` dan pada sub-kegiatannya",
        SEK_R,
        "\"2.08.02\"",
    );
    assert_eq!(
        f.help.as_deref(),
        Some(
            "keduanya dijumlahkan ke serapan program; bila entri program ini adalah jumlah sub-kegiatannya, hapus entri ini"
        )
    );
    // Both are counted: 210.000 of 800.000.
    let site = Site::load(repo.content()).unwrap();
    let pug = &site.computed.unwrap().years[&2025].pks[1].programmes[0];
    assert_eq!(pug.spent, Rupiah(210_000));
}

#[test]
fn two_entries_for_a_sub_kegiatan_and_quarter() {
    let repo = repo();
    repo.edit(
        SEK_R,
        "sub_kegiatan = \"2.08.02.2.01.0001\"\ntriwulan = 2",
        "sub_kegiatan = \"2.08.02.2.01.0001\"\ntriwulan = 1",
    );
    let text = std::fs::read_to_string(repo.content().join(SEK_R)).unwrap();
    let f = findings(&repo)
        .into_iter()
        .find(|f| {
            f.message
                .contains("punya dua realisasi anggaran untuk triwulan 1")
        })
        .expect("a finding");
    let lines: Vec<usize> = text
        .match_indices("triwulan = 1")
        .map(|(i, _)| text[..i].matches('\n').count() + 1)
        .collect();
    // The entries in quarter 1: .0001, .0001 (the second), p2.
    assert_eq!(f.place.unwrap().line, lines[1]);
    assert_eq!(f.severity, Severity::Error);
}

#[test]
fn a_sub_kegiatan_over_its_budget() {
    let repo = repo();
    repo.edit(SEK_R, "realisasi = 90000", "realisasi = 290000");
    // 60.000 + 290.000 = 350.000 > the revised 300.000.
    let f = assert_finding(
        &repo,
        Severity::Warning,
        "sub-kegiatan `2.08.02.2.01.0001` telah membelanjakan Rp 350.000 dari pagu Rp 300.000",
        SEK_R,
        "290000",
    );
    assert_eq!(f.label, "melebihi pagu");
}

#[test]
fn the_pk_page_shows_programme_kegiatan_and_sub_kegiatan_rows() {
    let repo = repo();
    repo.build();
    let html = repo.page("2025/pk/sekretaris/index.html");
    let rows: Vec<(String, Vec<String>)> = select(&html, "table.anggaran-rinci tbody tr")
        .iter()
        .map(|r| {
            (
                r.value().attr("class").unwrap_or_default().to_string(),
                select_in(r, "td, th").into_iter().map(text).collect(),
            )
        })
        .collect();
    let kinds: Vec<(&str, &str)> = rows
        .iter()
        .map(|(c, cells)| (c.as_str(), cells[0].as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("tingkat-program", "2.08.02"),
            ("tingkat-kegiatan", "2.08.02.2.01"),
            ("tingkat-sub", "2.08.02.2.01.0001"),
            ("tingkat-sub", "2.08.02.2.01.0002"),
            ("tingkat-kegiatan", "2.08.02.2.02"),
            ("tingkat-program", ""),
        ]
    );
    // A cell with nothing to say (no code, no sumber dana, no revised pagu) is left empty:
    // the stylesheet draws its dash.
    assert!(repo.read_output("style.css").contains(
        r#"table.anggaran-rinci td:empty::before { content: "–"; color: var(--muted); }"#
    ));
    // Code, name, sumber dana, pagu murni, pagu perubahan, realisasi, serapan, efisiensi.
    let sub = &rows[2].1;
    assert_eq!(
        sub[..7],
        [
            "2.08.02.2.01.0001",
            "Koordinasi dan Sinkronisasi Perumusan Kebijakan Pelaksanaan PUG",
            "DAU",
            "Rp 400.000",
            "Rp 300.000",
            "Rp 150.000",
            "50,00%",
        ]
    );
    assert!(sub[7].starts_with("+40,00"), "{sub:?}");
    let programme = &rows[0].1;
    assert_eq!(
        programme[2..7],
        [
            "DAU, DAK Non Fisik",
            "Rp 1.000.000",
            "Rp 800.000",
            "Rp 200.000",
            "25,00%"
        ]
    );
    // The kegiatan without a revision shows none (an empty cell, where the stylesheet draws a
    // dash), nor a sumber dana of its own.
    assert_eq!(rows[4].1[2..5], ["", "Rp 300.000", ""]);
    let total = &rows_of(&html, "table.anggaran-rinci tfoot tr")[0];
    assert_eq!(
        total[2..6],
        ["Rp 1.400.000", "Rp 1.200.000", "Rp 300.000", "25,00%"]
    );
}

#[test]
fn the_export_has_the_hierarchy() {
    let repo = repo();
    repo.build();
    let json: serde_json::Value =
        serde_json::from_str(&repo.read_output("data/2025.json")).unwrap();
    let programmes = json["program"].as_array().unwrap();
    let pug = programmes
        .iter()
        .find(|p| p["pk"] == "sekretaris" && p["id"] == "2.08.02")
        .unwrap();
    assert_eq!(pug["kode"], "2.08.02");
    assert_eq!(pug["pagu"], 1_000_000);
    assert_eq!(pug["pagu_perubahan"], 800_000);
    assert_eq!(pug["sumber_dana"], "DAU, DAK Non Fisik");
    assert_eq!(pug["realisasi"], 200_000);
    assert_eq!(pug["serapan"], 25.0);
    assert_eq!(pug["efisiensi"], 65.0);
    let k1 = &pug["kegiatan"][0];
    assert_eq!(k1["kode"], "2.08.02.2.01");
    assert_eq!(k1["serapan"], 40.0);
    assert_eq!(k1["sumber_dana"], serde_json::Value::Null);
    let s1 = &k1["sub_kegiatan"][0];
    assert_eq!(s1["kode"], "2.08.02.2.01.0001");
    assert_eq!(s1["pagu_perubahan"], 300_000);
    assert_eq!(
        s1["realisasi_triwulan"],
        serde_json::json!([60_000, 90_000, 0, 0])
    );
    assert_eq!(s1["serapan"], 50.0);
    assert_eq!(s1["efisiensi"], 40.0);
    let k2 = &pug["kegiatan"][1];
    assert_eq!(k2["serapan"], serde_json::Value::Null);
    assert_eq!(k2["sub_kegiatan"], serde_json::json!([]));
    // A programme without code: null code, no kegiatan, numbers as before.
    let p2 = programmes.iter().find(|p| p["id"] == "p2").unwrap();
    assert_eq!(p2["kode"], serde_json::Value::Null);
    assert_eq!(p2["pagu_perubahan"], serde_json::Value::Null);
    assert_eq!(p2["kegiatan"], serde_json::json!([]));
    assert_eq!(p2["serapan"], 25.0);
    // The head's programme shows the Sekretaris' spending.
    let head = programmes.iter().find(|p| p["id"] == "kepala-pug").unwrap();
    assert_eq!(head["realisasi_dari"], serde_json::json!(["sekretaris"]));
    assert_eq!(pug["realisasi_dari"], serde_json::json!([]));
    assert_eq!(
        (head["realisasi"].clone(), head["serapan"].clone()),
        (serde_json::json!(200_000), serde_json::json!(25.0))
    );
}

#[test]
fn the_heads_programme_says_where_its_spending_is_recorded() {
    let repo = repo();
    repo.build();
    let html = repo.page("2025/pk/kepala/index.html");
    // Its own budget, with the Sekretaris' spending (200,000 of 800,000 = 25 %); under its
    // name and sasaran, where that spending is recorded.
    let rows = rows_of(&html, "table.anggaran-rinci tbody tr.tingkat-program");
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(
        rows[0][2..7],
        ["DAU", "Rp 1.000.000", "Rp 800.000", "Rp 200.000", "25,00%"],
        "{rows:?}"
    );
    let notes = texts(
        &html,
        "table.anggaran-rinci tbody tr.tingkat-program th span.small",
    );
    assert_eq!(
        notes,
        [
            "Meningkatnya kesetaraan gender",
            "Realisasi dicatat pada PK Sekretaris"
        ]
    );
    // Those sasaran are the page's own goals: each link is the goal's #id, found on the page.
    let links = select(
        &html,
        "table.anggaran-rinci tbody tr.tingkat-program th span.small a",
    );
    assert_eq!(links.len(), 1);
    for link in &links {
        let href = link.value().attr("href").unwrap();
        let id = href.strip_prefix('#').unwrap_or_else(|| panic!("{href}"));
        assert_eq!(select(&html, &format!("[id='{id}']")).len(), 1, "{href}");
    }
    // The Sekretaris' own programme says nothing of the kind.
    let html = repo.page("2025/pk/sekretaris/index.html");
    assert!(!text(html.root_element()).contains("Realisasi dicatat pada PK"));
}

#[test]
fn the_year_lists_a_programme_listed_in_two_pks_once() {
    let repo = repo();
    repo.build();
    let html = repo.page("2025/index.html");
    // The Sekretaris' 2.08.02 and p2, each a quarter spent with capaian 90 %; the head's
    // 2.08.02 is the same programme.
    assert_eq!(
        rows_of(&html, "table.budget tbody tr"),
        [
            [
                "1",
                "Program Pengarusutamaan Gender dan Pemberdayaan PerempuanSekretaris",
                "Rp 1.000.000",
                "Rp 200.000",
                "25,00%",
                "90,00%",
                "+65,00",
                "Efisien"
            ],
            [
                "2",
                "Program tanpa kodeSekretaris",
                "Rp 400.000",
                "Rp 100.000",
                "25,00%",
                "90,00%",
                "+65,00",
                "Efisien"
            ]
        ]
    );
    // Pagu 1,000,000 + 400,000; spent 200,000 + 100,000, a quarter of it.
    assert_eq!(
        rows_of(&html, "table.budget tfoot tr"),
        [[
            "",
            "Jumlah",
            "Rp 1.400.000",
            "Rp 300.000",
            "25,00%",
            "",
            "",
            ""
        ]]
    );
}

#[test]
fn the_heads_pk_may_list_a_programme_by_code_alone() {
    // Without ids both programmes take the id 2.08.02: no duplicate-id error, and the head's
    // shows the Sekretaris' spending.
    let repo = repo();
    repo.edit("2025/pk/kepala.toml", "id = \"kepala-pug\"\n", "");
    let errors: Vec<Located> = findings(&repo)
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let site = Site::load(repo.content()).unwrap();
    let year = &site.computed.as_ref().unwrap().years[&2025];
    let head = &year.pks[0].programmes[0];
    assert_eq!((head.id.as_str(), head.spent), ("2.08.02", Rupiah(200_000)));
    assert_eq!(year.budget.spent, Rupiah(300_000));
    // A written id used twice is still an error.
    repo.edit(
        "2025/pk/kepala.toml",
        "kode = \"2.08.02\"",
        "id = \"p2\"\nkode = \"2.08.02\"",
    );
    let spot = repo.place("2025/pk/sekretaris.toml", "id = \"p2\"", "\"p2\"");
    the_finding(
        &findings(&repo),
        Severity::Error,
        "2025/pk/sekretaris.toml",
        spot,
        "id program `p2` dipakai dua kali pada 2025",
    );
}
