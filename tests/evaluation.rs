//! The self-assessment against the LKE of PermenPAN-RB 88/2021: on a small report that meets
//! every criterion the data can show, each criterion made to fail on purpose (its state
//! changes, and its evidence points at the file and line to fix); the same on a copy of the
//! demo; the evaluation page in the internal edition only; and `check --format json`.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use capaian::Site;
use capaian::evaluation::{Assessment, Criterion, State, assess};
use capaian::model::Edition;
use common::html::{count, select};
use common::toml::{entries, head_pk, realisation, run, spending};
use common::{Repo, line_of};

/// The IPG with every key the self-assessment looks for.
fn pk_kepala() -> String {
    head_pk(
        r#"  target = 92.5
  standar_nasional = 91.6
  iku = true
  definisi = "Rasio IPM perempuan terhadap IPM laki-laki"
  rumus = "IPM perempuan / IPM laki-laki x 100"
  sumber_data = "BPS Kota Contoh"
  penanggung_jawab = "Sekretaris"
"#,
        "",
    )
}

const PK_SEKRETARIS: &str = r#"pejabat = "sekretaris"

[[sasaran]]
id = "sek-s1"
nama = "Tersusunnya data terpilah gender"
mendukung = "s1"

  [[sasaran.indikator]]
  id = "data-gender"
  nama = "Dokumen data terpilah gender yang tersusun"
  satuan = "dokumen"
  polaritas = "positif"
  target = 1

[[program]]
id = "p1"
nama = "Program Pengarusutamaan Gender"
sasaran = ["sek-s1"]
pagu = 1000000000
"#;

fn realisasi_kepala() -> String {
    realisation(
        "ipg",
        4,
        "92.5",
        Some("Target tercapai berkat pelatihan PUG."),
    )
}

fn realisasi_sekretaris() -> String {
    entries(&[
        realisation("data-gender", 4, "1", Some("Dokumen tersusun tepat waktu.")),
        spending(("program", "p1"), 4, 900_000_000),
    ])
}

const RENSTRA: &str = r#"periode = [2021, 2026]

[[tujuan]]
id = "t1"
nama = "Meningkatnya kualitas hidup perempuan"

[[indikator]]
id = "ipg"
tujuan = "t1"
nama = "Indeks Pembangunan Gender"
satuan = "indeks"
kondisi_awal = 90.1
target = { 2025 = 92.5, 2026 = 93.0 }
"#;

/// The SOP of `common` has two steps, the second approving; each quarter's run and the
/// year's run record both, on time; the review is the day before the signature.
fn proses() -> String {
    let runs = [
        run(Some(1), None, "2025-04-07", "2025-04-10"),
        run(Some(2), None, "2025-07-07", "2025-07-10"),
        run(Some(3), None, "2025-10-06", "2025-10-09"),
        run(None, None, "2026-01-05", "2026-01-06"),
    ];
    format!(
        r#"{}
[reviu]
instansi = "Inspektorat Kota Contoh"
nama = "Inspektur Contoh"
jabatan = "Inspektur"
tanggal = 2026-01-05
nomor = "700/01/ITK/I/2026"
"#,
        runs.join("\n")
    )
}

const TINDAK_LANJUT: &str = r#"[[rekomendasi]]
no = 1
uraian = "Menetapkan IKU dengan definisi operasional."
sumber = "LHE Inspektorat No. 700/118/ITK/2025, 14 Juli 2025"
status = "selesai"
tanggal = 2025-09-15
bukti = ["bukti/2025/kepdis-iku.pdf"]
keterangan = "Keputusan Kepala Dinas No. 800/215/IX/2025."
"#;

/// A report that meets every criterion the data can show, in 2025.
fn full() -> Repo {
    let repo = Repo::new();
    repo.write("2025/pk/kepala.toml", &pk_kepala());
    repo.write("2025/pk/sekretaris.toml", PK_SEKRETARIS);
    repo.write("2025/realisasi/kepala.toml", &realisasi_kepala());
    repo.write("2025/realisasi/sekretaris.toml", &realisasi_sekretaris());
    repo.write("renstra.toml", RENSTRA);
    repo.write("2025/proses.toml", &proses());
    repo.write("2025/tindak_lanjut.toml", TINDAK_LANJUT);
    repo.write("bukti/2025/kepdis-iku.pdf", "%PDF-1.4 keputusan\n");
    repo
}

fn load(content: &Path) -> Site {
    let site = Site::load(content).unwrap();
    assert_eq!(site.findings.errors(), 0, "{:#?}", site.located_findings());
    site
}

fn assessment(content: &Path, year: i32) -> Assessment {
    let site = load(content);
    assess(
        &site.report,
        Some(&site.sources),
        site.computed.as_ref().expect("computed"),
        year,
        site.report_date,
    )
    .expect("the year's assessment")
}

fn criterion<'a>(a: &'a Assessment, id: &str) -> &'a Criterion {
    a.kriteria
        .iter()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("no criterion {id}"))
}

/// The line of `needle` in a content file, for the evidence to point at.
fn line_in(repo_content: &Path, rel: &str, needle: &str) -> usize {
    line_of(&fs::read_to_string(repo_content.join(rel)).unwrap(), needle)
}

/// Asserts the criterion's state and that one of its evidence items is at `file:line` (and
/// mentions `words`).
fn assert_fails_at(a: &Assessment, id: &str, state: State, file: &str, line: usize, words: &str) {
    let c = criterion(a, id);
    assert_eq!(c.status, state, "{id}: {c:#?}");
    assert!(!c.saran.is_empty(), "{id} says what to do");
    assert!(
        c.bukti.iter().any(|b| b.berkas.as_deref() == Some(file)
            && b.baris == Some(line)
            && b.keterangan.contains(words)),
        "{id}: no evidence at {file}:{line} mentioning {words:?}: {:#?}",
        c.bukti
    );
}

#[test]
fn a_report_with_everything_meets_every_criterion_and_scores_a_hundred() {
    let repo = full();
    let a = assessment(&repo.content(), 2025);
    for c in &a.kriteria {
        assert_eq!(c.status, State::Terpenuhi, "{c:#?}");
        assert!(c.saran.is_empty(), "{c:#?}");
    }
    assert_eq!(a.kriteria.len(), 14);
    // Every component full: 30 + 30 + 15 + 25.
    assert!((a.skor - 100.0).abs() < 1e-9, "{}", a.skor);
    assert_eq!(a.bobot_dinilai, 100.0);
    assert_eq!(a.batas_lkjip, "2026-02-28");
    // What the data cannot show, left to the evaluator: 4 + 3 + 2 + 3 criteria of the LKE.
    let manual: Vec<String> = a
        .dinilai_manual
        .iter()
        .map(|m| format!("{:?}", m.komponen))
        .collect();
    assert_eq!(
        manual,
        [
            "Perencanaan",
            "Perencanaan",
            "Perencanaan",
            "Perencanaan",
            "Pengukuran",
            "Pengukuran",
            "Pengukuran",
            "Pelaporan",
            "Pelaporan",
            "EvaluasiInternal",
            "EvaluasiInternal",
            "EvaluasiInternal"
        ]
    );
    assert_eq!(
        a.dinilai_manual[0].kriteria,
        "Renstra, Renja dan rencana aksi telah ditetapkan dan dipublikasikan"
    );
    // Met criteria link to pages of the site.
    let budget = criterion(&a, "anggaran_sasaran");
    assert_eq!(
        budget.bukti[0].halaman.as_deref(),
        Some("2025/pk/sekretaris/")
    );
    let review = criterion(&a, "reviu_apip");
    assert_eq!(review.bukti[0].berkas.as_deref(), Some("2025/proses.toml"));
}

#[test]
fn each_planning_criterion_fails_on_purpose_at_its_place() {
    // A sasaran strategis without an IKU.
    let repo = full();
    repo.edit(
        "2025/pk/kepala.toml",
        "  penanggung_jawab = \"Sekretaris\"\n",
        "  penanggung_jawab = \"Sekretaris\"\n\n[[sasaran]]\nid = \"s2\"\nnama = \"Meningkatnya perlindungan anak\"\n\n  [[sasaran.indikator]]\n  id = \"kla\"\n  nama = \"Predikat KLA\"\n  satuan = \"predikat\"\n  polaritas = \"positif\"\n  skala = [\"Pratama\", \"Madya\"]\n  target = \"Madya\"\n  iku = false\n",
    );
    let a = assessment(&repo.content(), 2025);
    let line = line_in(&repo.content(), "2025/pk/kepala.toml", "id = \"s2\"");
    assert_fails_at(
        &a,
        "iku_sasaran",
        State::Sebagian,
        "2025/pk/kepala.toml",
        line,
        "s2",
    );
    // The new sasaran is neither cascaded nor financed either, at the same line.
    assert_fails_at(
        &a,
        "cascading",
        State::Sebagian,
        "2025/pk/kepala.toml",
        line,
        "s2",
    );
    assert_fails_at(
        &a,
        "anggaran_sasaran",
        State::Sebagian,
        "2025/pk/kepala.toml",
        line,
        "s2",
    );

    // An IKU without its definisi operasional.
    let repo = full();
    repo.edit(
        "2025/pk/kepala.toml",
        "  definisi = \"Rasio IPM perempuan terhadap IPM laki-laki\"\n",
        "",
    );
    let a = assessment(&repo.content(), 2025);
    let line = line_in(&repo.content(), "2025/pk/kepala.toml", "id = \"ipg\"");
    assert_fails_at(
        &a,
        "iku_lengkap",
        State::Belum,
        "2025/pk/kepala.toml",
        line,
        "definisi",
    );

    // A lower sasaran that names no superior's sasaran.
    let repo = full();
    repo.edit("2025/pk/sekretaris.toml", "mendukung = \"s1\"\n", "");
    let a = assessment(&repo.content(), 2025);
    let line = line_in(
        &repo.content(),
        "2025/pk/sekretaris.toml",
        "id = \"sek-s1\"",
    );
    assert_fails_at(
        &a,
        "cascading",
        State::Belum,
        "2025/pk/sekretaris.toml",
        line,
        "mendukung",
    );
    // … and the head's sasaran is no longer financed through it.
    let line = line_in(&repo.content(), "2025/pk/kepala.toml", "id = \"s1\"");
    assert_fails_at(
        &a,
        "anggaran_sasaran",
        State::Belum,
        "2025/pk/kepala.toml",
        line,
        "s1",
    );

    // A Renstra objective without an indicator; then no objective at all.
    let repo = full();
    repo.edit("renstra.toml", "tujuan = \"t1\"\n", "");
    let a = assessment(&repo.content(), 2025);
    let line = line_in(&repo.content(), "renstra.toml", "id = \"t1\"");
    assert_fails_at(
        &a,
        "renstra_tujuan",
        State::Belum,
        "renstra.toml",
        line,
        "t1",
    );
    repo.edit(
        "renstra.toml",
        "[[tujuan]]\nid = \"t1\"\nnama = \"Meningkatnya kualitas hidup perempuan\"\n",
        "",
    );
    let a = assessment(&repo.content(), 2025);
    assert_fails_at(
        &a,
        "renstra_tujuan",
        State::Belum,
        "renstra.toml",
        1,
        "tujuan",
    );

    // A PK target that is not the Renstra's.
    let repo = full();
    repo.edit("renstra.toml", "2025 = 92.5", "2025 = 92.0");
    let a = assessment(&repo.content(), 2025);
    let line = line_in(&repo.content(), "2025/pk/kepala.toml", "target = 92.5");
    assert_fails_at(
        &a,
        "target_renstra",
        State::Belum,
        "2025/pk/kepala.toml",
        line,
        "92",
    );

    // A programme without a budget.
    let repo = full();
    repo.edit("2025/pk/sekretaris.toml", "pagu = 1000000000", "pagu = 0");
    repo.edit(
        "2025/realisasi/sekretaris.toml",
        "realisasi = 900000000",
        "realisasi = 0",
    );
    let a = assessment(&repo.content(), 2025);
    let line = line_in(&repo.content(), "2025/pk/kepala.toml", "id = \"s1\"");
    assert_fails_at(
        &a,
        "anggaran_sasaran",
        State::Belum,
        "2025/pk/kepala.toml",
        line,
        "s1",
    );
}

#[test]
fn each_measurement_criterion_fails_on_purpose_at_its_place() {
    // TW II approved after the end of July.
    let repo = full();
    repo.edit(
        "2025/proses.toml",
        "triwulan = 2\ntanggal = 2025-07-10",
        "triwulan = 2\ntanggal = 2025-08-15",
    );
    let a = assessment(&repo.content(), 2025);
    let line = line_in(&repo.content(), "2025/proses.toml", "tanggal = 2025-08-15");
    assert_fails_at(
        &a,
        "pengumpulan_berkala",
        State::Sebagian,
        "2025/proses.toml",
        line,
        "TW 2",
    );

    // No quarterly run at all: the file's first line.
    let repo = full();
    let text = fs::read_to_string(repo.content().join("2025/proses.toml")).unwrap();
    let year_run = &text[text.find("[[langkah]]\nno = 1\ntanggal").unwrap()..];
    repo.write("2025/proses.toml", year_run);
    let a = assessment(&repo.content(), 2025);
    assert_fails_at(
        &a,
        "pengumpulan_berkala",
        State::Belum,
        "2025/proses.toml",
        1,
        "triwulan = 3",
    );

    // An indicator without its realisation.
    let repo = full();
    repo.write(
        "2025/realisasi/sekretaris.toml",
        "[[anggaran]]\nprogram = \"p1\"\ntriwulan = 4\nrealisasi = 900000000\n",
    );
    let a = assessment(&repo.content(), 2025);
    let line = line_in(
        &repo.content(),
        "2025/pk/sekretaris.toml",
        "id = \"data-gender\"",
    );
    assert_fails_at(
        &a,
        "realisasi_lengkap",
        State::Sebagian,
        "2025/pk/sekretaris.toml",
        line,
        "TW 4",
    );
}

#[test]
fn each_reporting_criterion_fails_on_purpose_at_its_place() {
    // No national standard nor benchmark: comparison 4 is missing.
    let repo = full();
    repo.edit("2025/pk/kepala.toml", "  standar_nasional = 91.6\n", "");
    let a = assessment(&repo.content(), 2025);
    let line = line_in(&repo.content(), "2025/pk/kepala.toml", "id = \"s1\"");
    assert_fails_at(
        &a,
        "tujuh_perbandingan",
        State::Belum,
        "2025/pk/kepala.toml",
        line,
        "4 standar",
    );

    // A realisation without analysis.
    let repo = full();
    repo.edit(
        "2025/realisasi/kepala.toml",
        "analisis = \"Target tercapai berkat pelatihan PUG.\"\n",
        "",
    );
    let a = assessment(&repo.content(), 2025);
    let line = line_in(
        &repo.content(),
        "2025/realisasi/kepala.toml",
        "indikator = \"ipg\"",
    );
    assert_fails_at(
        &a,
        "analisis",
        State::Sebagian,
        "2025/realisasi/kepala.toml",
        line,
        "ipg",
    );
    // Comparison 5 goes with it.
    assert_eq!(criterion(&a, "tujuh_perbandingan").status, State::Belum);

    // A programme without spending: no efficiency.
    let repo = full();
    repo.write(
        "2025/realisasi/sekretaris.toml",
        &realisation("data-gender", 4, "1", Some("Dokumen tersusun tepat waktu.")),
    );
    let a = assessment(&repo.content(), 2025);
    let line = line_in(&repo.content(), "2025/pk/sekretaris.toml", "id = \"p1\"");
    assert_fails_at(
        &a,
        "efisiensi",
        State::Belum,
        "2025/pk/sekretaris.toml",
        line,
        "p1",
    );

    // No review; then a review after the signature.
    let repo = full();
    let text = fs::read_to_string(repo.content().join("2025/proses.toml")).unwrap();
    repo.write("2025/proses.toml", &text[..text.find("[reviu]").unwrap()]);
    let a = assessment(&repo.content(), 2025);
    let review = criterion(&a, "reviu_apip");
    assert_eq!(review.status, State::Belum);
    assert!(review.bukti.is_empty());
    assert!(review.saran.contains("[reviu]"), "{}", review.saran);
    let repo = full();
    repo.edit(
        "2025/proses.toml",
        "tanggal = 2026-01-05\nnomor",
        "tanggal = 2026-01-09\nnomor",
    );
    let a = assessment(&repo.content(), 2025);
    let review = criterion(&a, "reviu_apip");
    assert_eq!(review.status, State::Sebagian, "{review:#?}");
    let file = review.bukti[0].berkas.as_deref();
    assert_eq!(file, Some("2025/proses.toml"));
    let line = review.bukti[0].baris.unwrap();
    let text = fs::read_to_string(repo.content().join("2025/proses.toml")).unwrap();
    assert!(
        line >= line_of(&text, "[reviu]") && line <= line_of(&text, "nomor = "),
        "the review's evidence is within [reviu]: line {line}"
    );

    // Signed after a deadline set in site.toml.
    let repo = full();
    repo.edit(
        "site.toml",
        "tanggal_laporan = 2026-01-20",
        "tanggal_laporan = 2026-01-20\nbatas_lkjip = \"01-05\"",
    );
    let a = assessment(&repo.content(), 2025);
    assert_eq!(a.batas_lkjip, "2026-01-05");
    let line = line_in(&repo.content(), "2025/proses.toml", "tanggal = 2026-01-06");
    assert_fails_at(
        &a,
        "tepat_waktu",
        State::Sebagian,
        "2025/proses.toml",
        line,
        "6 Januari 2026",
    );
}

#[test]
fn the_follow_up_of_recommendations_changes_the_internal_evaluation() {
    let repo = full();
    repo.edit(
        "2025/tindak_lanjut.toml",
        "status = \"selesai\"",
        "status = \"proses\"",
    );
    let a = assessment(&repo.content(), 2025);
    let line = line_in(
        &repo.content(),
        "2025/tindak_lanjut.toml",
        "status = \"proses\"",
    );
    assert_fails_at(
        &a,
        "tindak_lanjut",
        State::Sebagian,
        "2025/tindak_lanjut.toml",
        line,
        "1",
    );
    // Evaluasi Internal has this one criterion, in its pemanfaatan: ½ of 25.
    let internal = a.komponen.iter().find(|c| c.bobot == 25.0).unwrap();
    assert!((internal.skor.unwrap() - 12.5).abs() < 1e-9, "{internal:?}");

    let repo = full();
    repo.edit(
        "2025/tindak_lanjut.toml",
        "status = \"selesai\"",
        "status = \"belum\"",
    );
    let a = assessment(&repo.content(), 2025);
    assert_eq!(criterion(&a, "tindak_lanjut").status, State::Belum);
    assert!((a.skor - 75.0).abs() < 1e-9, "{}", a.skor);

    let repo = full();
    fs::remove_file(repo.content().join("2025/tindak_lanjut.toml")).unwrap();
    let a = assessment(&repo.content(), 2025);
    let c = criterion(&a, "tindak_lanjut");
    assert_eq!(c.status, State::Belum);
    assert!(c.saran.contains("2025/tindak_lanjut.toml"), "{}", c.saran);
}

#[test]
fn the_follow_up_file_is_checked() {
    let repo = full();
    repo.edit(
        "2025/tindak_lanjut.toml",
        "status = \"selesai\"",
        "status = \"selsai\"",
    );
    repo.edit(
        "2025/tindak_lanjut.toml",
        "bukti = [\"bukti/2025/kepdis-iku.pdf\"]",
        "bukti = [\"bukti/2025/tidak-ada.pdf\"]",
    );
    let site = Site::load(repo.content()).unwrap();
    let findings = site.located_findings();
    let text = fs::read_to_string(repo.content().join("2025/tindak_lanjut.toml")).unwrap();
    let at = |needle: &str| line_of(&text, needle);
    let status = findings
        .iter()
        .find(|f| f.message.contains("selsai"))
        .unwrap_or_else(|| panic!("{findings:#?}"));
    let place = status.place.as_ref().unwrap();
    assert!(place.path.ends_with("2025/tindak_lanjut.toml"));
    assert_eq!(place.line, at("status = "));
    assert_eq!(place.column, "status = ".len() + 1);
    assert!(
        status
            .help
            .as_deref()
            .unwrap()
            .contains("`status = \"selesai\"`")
    );
    let missing = findings
        .iter()
        .find(|f| f.message.contains("tidak-ada.pdf"))
        .unwrap_or_else(|| panic!("{findings:#?}"));
    assert_eq!(missing.place.as_ref().unwrap().line, at("bukti = "));

    // A duplicate number, a finished follow-up without evidence, a bad deadline.
    let repo = full();
    repo.write(
        "2025/tindak_lanjut.toml",
        "[[rekomendasi]]\nno = 1\nuraian = \"A\"\nstatus = \"belum\"\n\n[[rekomendasi]]\nno = 1\nuraian = \"B\"\nstatus = \"selesai\"\n",
    );
    repo.edit(
        "site.toml",
        "tanggal_laporan = 2026-01-20",
        "tanggal_laporan = 2026-01-20\nbatas_lkjip = \"02-30\"",
    );
    let site = Site::load(repo.content()).unwrap();
    let findings = site.located_findings();
    let messages: Vec<&str> = findings.iter().map(|f| f.message.as_str()).collect();
    let twice = findings
        .iter()
        .find(|f| f.message.contains("`no = 1` ditulis dua kali"))
        .unwrap_or_else(|| panic!("{messages:#?}"));
    assert_eq!(twice.place.as_ref().unwrap().line, 7);
    assert!(
        messages
            .iter()
            .any(|m| m.contains("rekomendasi 1 selesai tanpa `tanggal` dan `bukti`")),
        "{messages:#?}"
    );
    let deadline = findings
        .iter()
        .find(|f| f.message.contains("batas_lkjip"))
        .unwrap_or_else(|| panic!("{messages:#?}"));
    assert!(deadline.place.as_ref().unwrap().path.ends_with("site.toml"));
    // judul, tanggal_laporan, then batas_lkjip.
    assert_eq!(deadline.place.as_ref().unwrap().line, 3);
}

#[test]
fn on_a_copy_of_the_demo_criteria_fail_where_they_are_broken() {
    let dir = common::site::demo_copy();
    let content = dir.path().join("content");
    let before = assessment(&content, 2025);
    // The demo cascades every sasaran and records its follow-up of the 2024 evaluation.
    assert_eq!(criterion(&before, "cascading").status, State::Terpenuhi);
    assert_eq!(criterion(&before, "tepat_waktu").status, State::Terpenuhi);
    assert_ne!(criterion(&before, "tindak_lanjut").status, State::Belum);
    // Quarterly collection started in 2026; 2025 was collected once a year.
    assert_eq!(
        criterion(&before, "pengumpulan_berkala").status,
        State::Belum
    );

    // A Kepala Seksi's sasaran cut from its Kepala Bidang's.
    let pk = content.join("2025/pk/kasi-pug.toml");
    let text = fs::read_to_string(&pk).unwrap();
    let supports = text.find("mendukung").unwrap();
    let end = supports + text[supports..].find('\n').unwrap() + 1;
    fs::write(&pk, format!("{}{}", &text[..supports], &text[end..])).unwrap();
    // The evidence names the sasaran written just before the removed line.
    let goal_line = text[..supports]
        .rmatch_indices("id ")
        .next()
        .map(|(i, _)| text[..i].matches('\n').count() + 1)
        .unwrap();
    // Approval by the end of January only: the demo signed on 20 January.
    let site_toml = content.join("site.toml");
    let site_text = fs::read_to_string(&site_toml).unwrap();
    fs::write(
        &site_toml,
        site_text.replacen("zona_waktu", "batas_lkjip = \"01-15\"\nzona_waktu", 1),
    )
    .unwrap();
    // Every recommendation set back to "belum".
    let follow_up = content.join("2025/tindak_lanjut.toml");
    let tl = fs::read_to_string(&follow_up).unwrap();
    let tl = tl
        .replace("status     = \"selesai\"", "status     = \"belum\"")
        .replace("status     = \"proses\"", "status     = \"belum\"");
    fs::write(&follow_up, &tl).unwrap();

    let after = assessment(&content, 2025);
    assert_fails_at(
        &after,
        "cascading",
        State::Sebagian,
        "2025/pk/kasi-pug.toml",
        goal_line,
        "mendukung",
    );
    let c = criterion(&after, "tepat_waktu");
    assert_eq!(c.status, State::Sebagian, "{c:#?}");
    assert_eq!(c.bukti[0].berkas.as_deref(), Some("2025/proses.toml"));
    assert_fails_at(
        &after,
        "tindak_lanjut",
        State::Belum,
        "2025/tindak_lanjut.toml",
        line_of(&tl, "status     = \"belum\""),
        "1",
    );
    assert!(after.skor < before.skor, "{} < {}", after.skor, before.skor);
}

#[test]
fn only_the_internal_edition_has_the_evaluation_page() {
    let repo = full();
    repo.build();
    let html = repo.page("2025/evaluasi/index.html");
    let ids: Vec<String> = select(&html, "table.lke tbody tr")
        .iter()
        .filter_map(|r| r.value().attr("id").map(str::to_string))
        .collect();
    // The fourteen criteria the data shows, in the order of the LKE.
    assert_eq!(
        ids,
        [
            "kriteria-renstra_tujuan",
            "kriteria-iku_sasaran",
            "kriteria-iku_lengkap",
            "kriteria-cascading",
            "kriteria-target_renstra",
            "kriteria-anggaran_sasaran",
            "kriteria-pengumpulan_berkala",
            "kriteria-realisasi_lengkap",
            "kriteria-tujuh_perbandingan",
            "kriteria-analisis",
            "kriteria-efisiensi",
            "kriteria-reviu_apip",
            "kriteria-tepat_waktu",
            "kriteria-tindak_lanjut"
        ]
    );
    assert_eq!(count(&html, "tr.lke-terpenuhi"), 14);
    // The follow-up table, with its evidence linked.
    let links: Vec<&str> = select(&html, "table.tindak-lanjut tbody tr a")
        .iter()
        .filter_map(|a| a.attr("href"))
        .collect();
    assert_eq!(links, ["/bukti/2025/kepdis-iku.pdf"]);
    assert!(repo.output().join("bukti/2025/kepdis-iku.pdf").is_file());
    let year = repo.page("2025/index.html");
    assert_eq!(count(&year, "a[href='/2025/evaluasi/']"), 1);

    repo.build_edition(Edition::Public);
    let out = repo.output();
    assert!(out.join("2025/index.html").is_file());
    assert!(!out.join("2025/evaluasi").exists());
    assert_eq!(
        count(&repo.page("2025/index.html"), "a[href*='evaluasi/']"),
        0,
        "the public year page links no evaluation"
    );
    assert!(!out.join("bukti/2025/kepdis-iku.pdf").exists());
}

#[test]
fn check_as_json_carries_the_self_assessment() {
    let repo = full();
    repo.edit("2025/pk/kepala.toml", "  standar_nasional = 91.6\n", "");
    let output = Command::new(env!("CARGO_BIN_EXE_capaian"))
        .args(["check", "--format", "json", "--content"])
        .arg(repo.content())
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let years = json["evaluasi"].as_array().expect("evaluasi per year");
    assert_eq!(years.len(), 1);
    let year = &years[0];
    assert_eq!(year["tahun"], 2025);
    assert_eq!(year["batas_lkjip"], "2026-02-28");
    let components: Vec<(&str, f64)> = year["komponen"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["komponen"].as_str().unwrap(),
                c["bobot"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        components,
        [
            ("perencanaan", 30.0),
            ("pengukuran", 30.0),
            ("pelaporan", 15.0),
            ("evaluasi_internal", 25.0)
        ]
    );
    // Pelaporan: pemenuhan (review, on time) 1 at 0.2; kualitas (seven comparisons 0,
    // analysis 1, efficiency 1) 2/3 at 0.3: 15 × (0.2 + 0.2) / 0.5 = 12.
    let reporting = &year["komponen"][2];
    assert!(
        (reporting["skor"].as_f64().unwrap() - 12.0).abs() < 1e-9,
        "{reporting}"
    );
    assert!(
        (year["skor"].as_f64().unwrap() - 97.0).abs() < 1e-9,
        "{year}"
    );
    let seven = year["kriteria"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "tujuh_perbandingan")
        .unwrap();
    assert_eq!(seven["status"], "belum");
    assert_eq!(seven["komponen"], "pelaporan");
    assert_eq!(seven["bagian"], "kualitas");
    let evidence = &seven["bukti"][0];
    assert_eq!(evidence["berkas"], "2025/pk/kepala.toml");
    let text = fs::read_to_string(repo.content().join("2025/pk/kepala.toml")).unwrap();
    assert_eq!(evidence["baris"], line_of(&text, "id = \"s1\""));
    assert!(evidence["halaman"].is_null());
    assert_eq!(year["dinilai_manual"].as_array().unwrap().len(), 12);
}

#[test]
fn an_english_site_reads_its_assessment_and_findings_in_english() {
    let repo = full();
    repo.edit(
        "site.toml",
        "tanggal_laporan = 2026-01-20",
        "tanggal_laporan = 2026-01-20\nbahasa = \"en\"",
    );
    repo.edit(
        "2025/tindak_lanjut.toml",
        "status = \"selesai\"",
        "status = \"proses\"",
    );
    let a = assessment(&repo.content(), 2025);
    let c = criterion(&a, "tindak_lanjut");
    assert_eq!(c.status, State::Sebagian);
    assert_eq!(
        c.temuan,
        "0 of 1 recommendations followed up, 1 in progress"
    );
    assert_eq!(c.bukti[0].keterangan, "recommendation 1 is in progress");
    assert_eq!(
        a.komponen[3].nama,
        "Internal Performance Accountability Evaluation"
    );

    repo.edit(
        "2025/tindak_lanjut.toml",
        "status = \"proses\"",
        "status = \"done\"",
    );
    let site = Site::load(repo.content()).unwrap();
    let findings = site.located_findings();
    let status = findings
        .iter()
        .find(|f| f.message == "unknown follow-up status `done`")
        .unwrap_or_else(|| panic!("{findings:#?}"));
    assert_eq!(
        status.help.as_deref(),
        Some("did you mean `status = \"selesai\"`? the choices: belum, proses, selesai")
    );
}
