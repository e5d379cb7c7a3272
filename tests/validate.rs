//! Every error class that the core owns, with its exact file and line.

mod common;

use capaian::finding::{Located, Severity};
use capaian::load::load;
use capaian::validate::check;
use common::{Repo, line_of};

/// Loads and validates (without computing) and returns the findings located.
fn findings(repo: &Repo) -> Vec<Located> {
    let loaded = load(&repo.content()).expect("content folder readable");
    let mut list = loaded.findings.list.clone();
    list.extend(check(&loaded.report));
    list.iter().map(|f| f.locate(&loaded.sources)).collect()
}

/// The one error expected: its file (relative to content/), line and column, and its message.
#[track_caller]
fn assert_error(repo: &Repo, file: &str, (line, column): (usize, usize), message: &str) -> Located {
    let all = findings(repo);
    let errors: Vec<&Located> = all
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    assert_eq!(errors.len(), 1, "expected one error, got: {errors:#?}");
    let error = errors[0].clone();
    let place = error.place.as_ref().expect("the error has a place");
    assert!(
        place.path.ends_with(&format!("content/{file}")),
        "{} is not {file}",
        place.path
    );
    assert_eq!(
        (place.line, place.column),
        (line, column),
        "place of {error}"
    );
    assert_eq!(error.message, message);
    error
}

#[test]
fn the_fixture_is_clean() {
    let repo = Repo::new();
    let errors: Vec<_> = findings(&repo)
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn toml_syntax_error_points_at_the_line() {
    let repo = Repo::new();
    repo.edit("2025/pk/kepala.toml", "target = 92.5", "target = 92.5.1");
    let text = std::fs::read_to_string(repo.content().join("2025/pk/kepala.toml")).unwrap();
    assert_error(
        &repo,
        "2025/pk/kepala.toml",
        (line_of(&text, "92.5.1"), 16),
        "`92.5.1` bukan angka TOML",
    );
}

#[test]
fn unknown_key_has_a_did_you_mean() {
    let repo = Repo::new();
    repo.edit("site.toml", "judul =", "judull =");
    let error = assert_error(&repo, "site.toml", (1, 1), "kunci `judull` tidak dikenal");
    assert_eq!(error.help.as_deref(), Some("mungkin maksudnya `judul`?"));
    let place = error.place.unwrap();
    assert_eq!(place.column, 1);
}

#[test]
fn unknown_key_in_a_nested_table() {
    let repo = Repo::new();
    repo.edit(
        "2025/pk/kepala.toml",
        "  satuan = \"indeks\"",
        "  satuan = \"indeks\"\n  polarity = \"positif\"",
    );
    let text = std::fs::read_to_string(repo.content().join("2025/pk/kepala.toml")).unwrap();
    let error = assert_error(
        &repo,
        "2025/pk/kepala.toml",
        (line_of(&text, "polarity ="), 3),
        "kunci `polarity` tidak dikenal",
    );
    assert_eq!(
        error.help.as_deref(),
        Some("mungkin maksudnya `polaritas`?")
    );
}

#[test]
fn misspelt_word_has_a_did_you_mean() {
    let repo = Repo::new();
    repo.edit("2025/pk/kepala.toml", "\"negatif\"", "\"negatip\"");
    let text = std::fs::read_to_string(repo.content().join("2025/pk/kepala.toml")).unwrap();
    let error = assert_error(
        &repo,
        "2025/pk/kepala.toml",
        (line_of(&text, "negatip"), 15),
        "\"negatip\" bukan kata yang dikenal untuk `polaritas`",
    );
    let help = error.help.as_deref().unwrap_or("");
    assert!(help.starts_with("maksud Anda \"negatif\"?"), "{help}");
}

#[test]
fn missing_field() {
    let repo = Repo::new();
    repo.edit("2025/pk/kepala.toml", "  satuan = \"indeks\"\n", "");
    let error = assert_error(
        &repo,
        "2025/pk/kepala.toml",
        (8, 3),
        "kunci wajib `satuan` belum ada",
    );
    assert_eq!(
        error.help.as_deref(),
        Some("tambahkan `satuan = …` ke tabel ini (setiap kunci dijelaskan di docs/data.md)")
    );
}

#[test]
fn mistyped_field() {
    let repo = Repo::new();
    repo.edit(
        "2025/pk/kepala.toml",
        "pagu = 1250000000",
        "pagu = \"1,25 M\"",
    );
    assert_error(
        &repo,
        "2025/pk/kepala.toml",
        (27, 8),
        "seharusnya bilangan bulat, tertulis teks \"1,25 M\"",
    );
}

#[test]
fn bad_ids() {
    let repo = Repo::new();
    repo.edit("2025/pk/kepala.toml", "id = \"ipg\"", "id = \"../ipg\"");
    repo.edit(
        "2025/realisasi/kepala.toml",
        "indikator = \"ipg\"",
        "indikator = \"../ipg\"",
    );
    assert_error(
        &repo,
        "2025/pk/kepala.toml",
        (9, 8),
        "`../ipg` bukan id indikator yang sah",
    );
}

#[test]
fn ids_are_case_insensitive() {
    let repo = Repo::new();
    repo.edit("2025/pk/kepala.toml", "id = \"ipg\"", "id = \"IPG\"");
    assert!(
        findings(&repo)
            .iter()
            .all(|f| f.severity != Severity::Error)
    );
}

#[test]
fn the_same_indicator_twice_in_a_year_across_pks() {
    let repo = Repo::new();
    repo.write(
        "2025/pk/sekretaris.toml",
        &common::PK
            .replace("pejabat = \"kepala\"", "pejabat = \"sekretaris\"")
            .replace("\"s1\"", "\"s2\"")
            .replace("\"p1\"", "\"p2\"")
            .replace("\"tfr\"", "\"tfr2\""),
    );
    let error = assert_error(
        &repo,
        "2025/pk/sekretaris.toml",
        (9, 8),
        "id indikator `ipg` dipakai dua kali pada 2025",
    );
    assert!(error.help.unwrap().contains("di PK `kepala`"));
}

#[test]
fn the_same_sasaran_and_programme_twice() {
    let repo = Repo::new();
    repo.edit(
        "2025/pk/kepala.toml",
        "[[program]]",
        "[[sasaran]]\nid = \"s1\"\nnama = \"Lagi\"\n\n[[program]]",
    );
    let text = std::fs::read_to_string(repo.content().join("2025/pk/kepala.toml")).unwrap();
    let line = text
        .lines()
        .enumerate()
        .filter(|(_, l)| *l == "id = \"s1\"")
        .nth(1)
        .unwrap()
        .0
        + 1;
    assert_error(
        &repo,
        "2025/pk/kepala.toml",
        (line, 6),
        "id sasaran `s1` dipakai dua kali pada 2025",
    );
}

#[test]
fn two_pks_for_one_official() {
    let repo = Repo::new();
    repo.write(
        "2025/pk/kepala2.toml",
        &common::PK
            .replace("\"s1\"", "\"s9\"")
            .replace("\"p1\"", "\"p9\"")
            .replace("\"ipg\"", "\"idg\"")
            .replace("\"tfr\"", "\"asfr\""),
    );
    assert_error(
        &repo,
        "2025/pk/kepala2.toml",
        (1, 11),
        "kepala mempunyai dua PK pada 2025: `kepala` dan `kepala2`",
    );
}

#[test]
fn unknown_references() {
    let cases = [
        (
            "2025/pk/kepala.toml",
            "pejabat = \"kepala\"",
            "pejabat = \"kepla\"",
            "pejabat `kepla` tidak dikenal",
            Some("mungkin maksudnya `kepala`?"),
        ),
        (
            "2025/realisasi/kepala.toml",
            "indikator = \"ipg\"",
            "indikator = \"ipgg\"",
            "indikator `ipgg` tidak dikenal",
            Some("mungkin maksudnya `ipg`?"),
        ),
        (
            "2025/realisasi/kepala.toml",
            "program = \"p1\"",
            "program = \"p2\"",
            "program `p2` tidak dikenal",
            None,
        ),
        (
            "2025/realisasi/kepala.toml",
            "pelapor = \"sekretaris\"",
            "pelapor = \"sekertaris\"",
            "pejabat `sekertaris` tidak dikenal",
            Some("mungkin maksudnya `sekretaris`?"),
        ),
        (
            "2025/pk/kepala.toml",
            "sasaran = [\"s1\"]",
            "sasaran = [\"s2\"]",
            "sasaran `s2` tidak dikenal",
            None,
        ),
        (
            "2025/pk/kepala.toml",
            "nama = \"Meningkatnya kesetaraan gender\"",
            "nama = \"Meningkatnya kesetaraan gender\"\nmendukung = \"walikota-s1\"",
            "sasaran `walikota-s1` tidak dikenal",
            None,
        ),
        (
            "site.toml",
            "atasan = \"kepala\"",
            "atasan = \"bos\"",
            "pejabat `bos` tidak dikenal",
            None,
        ),
    ];
    for (file, from, to, message, help) in cases {
        let repo = Repo::new();
        repo.edit(file, from, to);
        let text = std::fs::read_to_string(repo.content().join(file)).unwrap();
        let needle = to.lines().last().unwrap();
        // At the value: its opening quote.
        let column = needle.find('"').unwrap() + 1;
        let error = assert_error(&repo, file, (line_of(&text, needle), column), message);
        if let Some(help) = help {
            assert_eq!(error.help.as_deref(), Some(help), "{message}");
        }
    }
}

#[test]
fn realisations_without_a_pk() {
    let repo = Repo::new();
    repo.write("2025/realisasi/kepla.toml", common::REALISASI);
    let error = assert_error(
        &repo,
        "2025/realisasi/kepla.toml",
        (1, 1),
        "tidak ada PK `kepla` pada 2025 untuk realisasi ini",
    );
    assert!(
        error
            .help
            .unwrap()
            .contains("mungkin maksudnya `realisasi/kepala.toml`?")
    );
}

#[test]
fn quarter_outside_one_to_four() {
    let repo = Repo::new();
    repo.edit(
        "2025/realisasi/kepala.toml",
        "triwulan = 4\nnilai = 91.8",
        "triwulan = 5\nnilai = 91.8",
    );
    assert_error(
        &repo,
        "2025/realisasi/kepala.toml",
        (3, 12),
        "triwulan 5 tidak ada",
    );
}

#[test]
fn two_entries_for_one_indicator_and_quarter() {
    let repo = Repo::new();
    repo.edit(
        "2025/realisasi/kepala.toml",
        "triwulan = 2\nnilai = 2.15",
        "triwulan = 1\nnilai = 2.15",
    );
    let text = std::fs::read_to_string(repo.content().join("2025/realisasi/kepala.toml")).unwrap();
    assert_error(
        &repo,
        "2025/realisasi/kepala.toml",
        (line_of(&text, "nilai = 2.15") - 1, 12),
        "`tfr` mempunyai dua realisasi untuk triwulan 1",
    );
}

#[test]
fn two_budget_entries_for_one_quarter() {
    let repo = Repo::new();
    repo.write(
        "2025/realisasi/kepala.toml",
        &format!(
            "{}\n[[anggaran]]\nprogram = \"p1\"\ntriwulan = 4\nrealisasi = 1\n",
            common::REALISASI
        ),
    );
    let text = std::fs::read_to_string(repo.content().join("2025/realisasi/kepala.toml")).unwrap();
    assert_error(
        &repo,
        "2025/realisasi/kepala.toml",
        (line_of(&text, "realisasi = 1\n") - 1, 12),
        "`p1` mempunyai dua realisasi anggaran untuk triwulan 4",
    );
}

#[test]
fn nan_and_infinite_numbers() {
    for (from, to, message) in [
        (
            "target = 92.5",
            "target = nan",
            "target `ipg` bernilai NaN, bukan angka",
        ),
        (
            "target = 92.5",
            "target = inf",
            "target `ipg` bernilai inf, bukan angka",
        ),
    ] {
        let repo = Repo::new();
        repo.edit("2025/pk/kepala.toml", from, to);
        let text = std::fs::read_to_string(repo.content().join("2025/pk/kepala.toml")).unwrap();
        // At the value, after the two spaces of the indicator's table and `target = `.
        assert_error(
            &repo,
            "2025/pk/kepala.toml",
            (line_of(&text, to), 12),
            message,
        );
    }
    let repo = Repo::new();
    repo.edit("2025/realisasi/kepala.toml", "nilai = 91.8", "nilai = -inf");
    assert_error(
        &repo,
        "2025/realisasi/kepala.toml",
        (4, 9),
        "realisasi `ipg` bernilai -inf, bukan angka",
    );
}

#[test]
fn negative_pagu() {
    let repo = Repo::new();
    repo.edit("2025/pk/kepala.toml", "pagu = 1250000000", "pagu = -5");
    assert_error(&repo, "2025/pk/kepala.toml", (27, 8), "pagu `p1` negatif");
}

#[test]
fn quarterly_targets_must_be_four_numbers() {
    let repo = Repo::new();
    repo.edit(
        "2025/pk/kepala.toml",
        "[2.1, 2.1, 2.1, 2.1]",
        "[2.1, 2.1, 2.1]",
    );
    assert_error(
        &repo,
        "2025/pk/kepala.toml",
        (21, 21),
        "`target_triwulan` `tfr` berisi 3 angka, bukan 4",
    );
}

#[test]
fn rumus_capaian_on_a_positif_indicator() {
    let repo = Repo::new();
    repo.edit(
        "2025/pk/kepala.toml",
        "target = 92.5",
        "target = 92.5\n  rumus_capaian = \"T/R\"",
    );
    assert_error(
        &repo,
        "2025/pk/kepala.toml",
        (14, 19),
        "`rumus_capaian` ditulis pada indikator positif `ipg`",
    );
}

#[test]
fn ordinal_words_must_be_in_the_scale() {
    let repo = Repo::new();
    repo.edit("2025/pk/kepala.toml", "[[program]]", "  [[sasaran.indikator]]\n  id = \"kla\"\n  nama = \"Predikat KLA\"\n  satuan = \"predikat\"\n  polaritas = \"positif\"\n  skala = [\"Pratama\", \"Madya\", \"Nindya\", \"Utama\", \"KLA\"]\n  target = \"Nindia\"\n\n[[program]]");
    let text = std::fs::read_to_string(repo.content().join("2025/pk/kepala.toml")).unwrap();
    let error = assert_error(
        &repo,
        "2025/pk/kepala.toml",
        (line_of(&text, "\"Nindia\""), 12),
        "\"Nindia\" bukan kata dalam `skala` `kla`",
    );
    assert!(
        error
            .help
            .unwrap()
            .starts_with("mungkin maksudnya \"Nindya\"?")
    );
}

#[test]
fn a_year_folder_must_have_four_digits() {
    let repo = Repo::new();
    repo.write("20x5/pk/kepala.toml", common::PK);
    assert_error(&repo, "20x5", (1, 1), "`20x5` bukan folder tahun");
}

#[test]
fn missing_site_toml() {
    let repo = Repo::new();
    std::fs::remove_file(repo.content().join("site.toml")).unwrap();
    let all = findings(&repo);
    assert!(
        all.iter().any(|f| f.severity == Severity::Error
            && f.message.contains("site.toml")
            && f.message.contains("tidak ada")),
        "{all:#?}"
    );
}

#[test]
fn every_finding_of_a_run_is_collected() {
    let repo = Repo::new();
    repo.edit("site.toml", "judul =", "judull =");
    repo.edit("2025/pk/kepala.toml", "pagu = 1250000000", "pagu = -5");
    repo.edit(
        "2025/realisasi/kepala.toml",
        "indikator = \"ipg\"",
        "indikator = \"ipgg\"",
    );
    let errors = findings(&repo)
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    assert_eq!(errors, 3);
}

// --- proses.toml against the SOP ---------------------------------------------------------

fn warnings(repo: &Repo) -> Vec<Located> {
    findings(repo)
        .into_iter()
        .filter(|f| f.severity == Severity::Warning)
        .collect()
}

#[test]
fn a_step_done_by_the_wrong_role() {
    let repo = Repo::new();
    repo.edit(
        "2025/proses.toml",
        "oleh = \"kepala\"",
        "oleh = \"sekretaris\"",
    );
    let error = assert_error(
        &repo,
        "2025/proses.toml",
        (4, 8),
        "langkah 1 dikerjakan oleh `sekretaris`, seorang sekretaris, padahal SOP memberikannya kepada kepala_opd",
    );
    assert_eq!(
        error.help.as_deref(),
        Some("SOP memberikan langkah 1 kepada kepala_opd: kepala")
    );
}

#[test]
fn a_step_dated_before_the_one_it_follows() {
    let repo = Repo::new();
    repo.edit(
        "2025/proses.toml",
        "tanggal = 2026-01-06",
        "tanggal = 2026-01-02",
    );
    assert_error(
        &repo,
        "2025/proses.toml",
        (8, 11),
        "langkah 2 bertanggal sebelum langkah 1",
    );
}

#[test]
fn a_step_over_its_time_standard_is_a_warning() {
    let repo = Repo::new();
    repo.edit(
        "2025/proses.toml",
        "tanggal = 2026-01-05",
        "tanggal = 2026-01-05T08:00:00\nselesai = 2026-01-05T09:25:00",
    );
    let found = warnings(&repo);
    let overrun = found
        .iter()
        .find(|f| f.message.contains("standar waktunya"))
        .expect("an overrun warning");
    assert_eq!(
        overrun.message,
        "langkah 1 memakan waktu 1 jam 25 menit, melebihi standar waktunya 10 menit"
    );
    assert_eq!(overrun.place.as_ref().unwrap().line, 4);
    assert!(
        findings(&repo)
            .iter()
            .all(|f| f.severity == Severity::Warning)
    );
}

#[test]
fn days_are_working_days() {
    let repo = Repo::new();
    let sop = common::SOP.replace(
        "waktu = \"10 menit\"\noutput = \"Disposisi\"",
        "waktu = \"2 hari\"\noutput = \"Disposisi\"",
    );
    repo.write("sop.toml", &sop);
    // Friday to Monday: two working days, within the standard.
    repo.edit(
        "2025/proses.toml",
        "tanggal = 2026-01-05",
        "tanggal = 2026-01-09\nselesai = 2026-01-12",
    );
    repo.edit(
        "2025/proses.toml",
        "tanggal = 2026-01-06",
        "tanggal = 2026-01-13",
    );
    assert!(
        warnings(&repo)
            .iter()
            .all(|f| !f.message.contains("time standard"))
    );
    // Friday to Tuesday: three.
    repo.edit(
        "2025/proses.toml",
        "selesai = 2026-01-12",
        "selesai = 2026-01-13",
    );
    let found = warnings(&repo);
    assert!(
        found.iter().any(|f| f.message
            == "langkah 1 memakan waktu 3 hari kerja, melebihi standar waktunya 2 hari"),
        "{found:#?}"
    );
}

#[test]
fn steps_missing_before_a_recorded_one_are_a_warning() {
    let repo = Repo::new();
    repo.write(
        "2025/proses.toml",
        "[[langkah]]\nno = 2\ntanggal = 2026-01-06\noleh = \"kepala\"\n",
    );
    let found = warnings(&repo);
    assert!(
        found
            .iter()
            .any(|f| f.message == "langkah 1 belum dicatat, padahal langkah 2 sudah"),
        "{found:#?}"
    );
}

#[test]
fn a_step_that_is_not_in_the_sop() {
    let repo = Repo::new();
    repo.edit("2025/proses.toml", "no = 2", "no = 7");
    assert_error(
        &repo,
        "2025/proses.toml",
        (7, 6),
        "SOP tidak mempunyai langkah 7",
    );
}
