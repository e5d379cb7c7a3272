//! Plausibility warnings (values that are valid data but that the editor probably did not
//! mean), each at the exact file, line and column of the value, in the site's language.

mod common;

use capaian::finding::{Located, Severity};
use common::Repo;
use common::build::{at, the_finding, today};

/// The warnings of the report checked on the fixture's `tanggal_laporan`; it must have no
/// errors.
fn warnings(repo: &Repo) -> Vec<Located> {
    let all = repo.checked_on(today()).located_findings();
    let errors: Vec<&Located> = all
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "unexpected errors: {errors:#?}");
    all.into_iter()
        .filter(|f| f.severity == Severity::Warning)
        .collect()
}

/// The one warning at `file:line:column`, whose message is `message`.
#[track_caller]
fn the_warning(repo: &Repo, file: &str, spot: (usize, usize), message: &str) -> Located {
    the_finding(&warnings(repo), Severity::Warning, file, spot, message)
}

/// Appends an indicator to the fixture's PK (under its goal) and realisations for it.
fn add_indicator(repo: &Repo, indicator: &str, entries: &[(u8, &str)]) {
    repo.edit(
        "2025/pk/kepala.toml",
        "[[program]]",
        &format!("  [[sasaran.indikator]]\n{indicator}\n\n[[program]]"),
    );
    let mut text = std::fs::read_to_string(repo.content().join("2025/realisasi/kepala.toml"))
        .expect("realisations");
    let at = text.find("[[anggaran]]").expect("a budget entry");
    let entries: String = entries
        .iter()
        .map(|(q, v)| {
            format!(
                "[[realisasi]]\nindikator = \"baru\"\ntriwulan = {q}\nnilai = {v}\nanalisis = \"Catatan.\"\n\n"
            )
        })
        .collect();
    text.insert_str(at, &entries);
    repo.write("2025/realisasi/kepala.toml", &text);
}

fn count(unit: &str, target: &str, extra: &str) -> String {
    format!(
        "  id = \"baru\"\n  nama = \"Indikator baru\"\n  satuan = \"{unit}\"\n  polaritas = \"positif\"\n  target = {target}\n{extra}"
    )
}

const REALISASI: &str = "2025/realisasi/kepala.toml";
const PK: &str = "2025/pk/kepala.toml";

/// The warnings that are about the values of the fixture: none of them is a plausibility
/// warning.
#[test]
fn the_fixture_is_plausible() {
    let repo = Repo::new();
    let all = warnings(&repo);
    let about_values: Vec<&Located> = all
        .iter()
        .filter(|w| {
            w.place.as_ref().is_some_and(|p| {
                p.path.ends_with("pk/kepala.toml") || p.path.ends_with("realisasi/kepala.toml")
            })
        })
        .collect();
    assert!(about_values.is_empty(), "{about_values:#?}");
}

#[test]
fn a_count_written_with_a_thousands_separator() {
    let repo = Repo::new();
    add_indicator(&repo, &count("orang", "1500", ""), &[(4, "1.550")]);
    let spot = repo.place(REALISASI, "indikator = \"baru\"", "1.550");
    let w = the_warning(
        &repo,
        REALISASI,
        spot,
        "realisasi triwulan 4 `baru` ditulis dengan tiga angka di belakang titik, sehingga dibaca 1,55: sebuah hitungan tidak berpecahan, titik itu tampaknya pemisah ribuan",
    );
    assert_eq!(w.label, "maksudnya 1550?");
    assert!(
        w.help.as_deref().unwrap_or("").contains("`nilai = 1550`"),
        "{w:#?}"
    );
}

#[test]
fn the_thousands_separator_is_said_in_english_on_an_english_site() {
    let repo = Repo::new();
    repo.edit("site.toml", "judul =", "bahasa = \"en\"\njudul =");
    add_indicator(&repo, &count("kasus", "12000", ""), &[(4, "12.000")]);
    let spot = repo.place(REALISASI, "indikator = \"baru\"", "12.000");
    let w = the_warning(
        &repo,
        REALISASI,
        spot,
        "the realisation of triwulan 4 of `baru` is written with three decimals, so it reads as 12: a count has no fractions, the dot looks like a thousands separator",
    );
    assert_eq!(w.label, "did you mean 12000?");
}

#[test]
fn a_true_index_of_one_and_a_half_is_not_questioned() {
    let repo = Repo::new();
    add_indicator(&repo, &count("indeks", "1.6", ""), &[(4, "1.5")]);
    let all = warnings(&repo);
    let spot = repo.place(REALISASI, "indikator = \"baru\"", "1.5");
    let here = at(&all, REALISASI, spot);
    assert!(here.is_empty(), "{here:#?}");
}

#[test]
fn a_share_a_thousand_times_below_its_target_gives_one_warning() {
    let repo = Repo::new();
    // No analysis: the missing analysis would repeat the same mistake.
    add_indicator(&repo, &count("%", "95", ""), &[(4, "0.095")]);
    repo.edit(
        REALISASI,
        "nilai = 0.095\nanalisis = \"Catatan.\"",
        "nilai = 0.095",
    );
    let spot = repo.place(REALISASI, "indikator = \"baru\"", "0.095");
    let w = the_warning(
        &repo,
        REALISASI,
        spot,
        "realisasi triwulan 4 `baru` (0,095) sekitar 1000 kali lebih kecil daripada targetnya untuk triwulan itu (sekitar 95)",
    );
    assert_eq!(w.label, "maksudnya 95?");
    let all = warnings(&repo);
    let about_it: Vec<&Located> = all
        .iter()
        .filter(|w| w.message.contains("`baru`"))
        .collect();
    assert_eq!(about_it.len(), 1, "{about_it:#?}");
}

#[test]
fn a_realisation_a_thousand_times_over_is_not_also_three_times_its_target() {
    let repo = Repo::new();
    repo.edit(REALISASI, "nilai = 91.8", "nilai = 91800");
    let spot = repo.place(REALISASI, "indikator = \"ipg\"", "91800");
    let w = the_warning(
        &repo,
        REALISASI,
        spot,
        "realisasi triwulan 4 `ipg` (91.800) sekitar 1000 kali lebih besar daripada targetnya untuk triwulan itu (sekitar 92,5)",
    );
    assert_eq!(w.label, "maksudnya 91.8?");
}

#[test]
fn over_three_times_the_target_is_a_likely_typo() {
    let repo = Repo::new();
    repo.edit(REALISASI, "nilai = 91.8", "nilai = 300");
    let spot = repo.place(REALISASI, "indikator = \"ipg\"", "300");
    let w = the_warning(
        &repo,
        REALISASI,
        spot,
        "realisasi `ipg` pada triwulan 4 lebih dari tiga kali targetnya",
    );
    assert_eq!(w.label, "target 92,5");
}

#[test]
fn a_negative_count() {
    let repo = Repo::new();
    add_indicator(&repo, &count("orang", "40", ""), &[(4, "-5")]);
    let spot = repo.place(REALISASI, "indikator = \"baru\"", "-5");
    let w = the_warning(
        &repo,
        REALISASI,
        spot,
        "realisasi triwulan 4 `baru` negatif (-5), padahal satuannya (orang) tidak bisa negatif",
    );
    assert!(
        w.help.as_deref().unwrap_or("").contains("`nilai = 5`"),
        "{w:#?}"
    );
}

#[test]
fn a_negative_growth_rate_is_data() {
    let repo = Repo::new();
    add_indicator(
        &repo,
        "  id = \"baru\"\n  nama = \"Laju pertumbuhan penduduk\"\n  satuan = \"%\"\n  polaritas = \"negatif\"\n  target = 1.2\n",
        &[(4, "-0.2")],
    );
    let all = warnings(&repo);
    let spot = repo.place(REALISASI, "indikator = \"baru\"", "-0.2");
    let here = at(&all, REALISASI, spot);
    assert!(here.is_empty(), "{here:#?}");
}

#[test]
fn a_negative_target_has_no_capaian_and_says_why() {
    let repo = Repo::new();
    add_indicator(
        &repo,
        "  id = \"baru\"\n  nama = \"Laju pertumbuhan penduduk\"\n  satuan = \"%\"\n  polaritas = \"negatif\"\n  target = -0.5\n",
        &[(4, "-0.4")],
    );
    let spot = repo.place(PK, "id = \"baru\"", "-0.5");
    let w = the_warning(
        &repo,
        PK,
        spot,
        "target `baru` negatif (-0,5): capaian tidak dapat dihitung terhadapnya",
    );
    assert_eq!(w.label, "target negatif");
    let site = repo.checked_on(today());
    let computed = site.computed.as_ref().expect("computed");
    let baru = computed.years[&2025]
        .pks
        .iter()
        .flat_map(|p| &p.goals)
        .flat_map(|g| &g.indicators)
        .find(|i| i.id == "baru")
        .expect("the indicator");
    assert_eq!(baru.achievement, None);
}

#[test]
fn a_negative_target_of_a_count_is_a_stray_minus() {
    let repo = Repo::new();
    add_indicator(&repo, &count("dokumen", "-12", ""), &[(4, "12")]);
    let spot = repo.place(PK, "id = \"baru\"", "-12");
    let w = the_warning(
        &repo,
        PK,
        spot,
        "target `baru` negatif (-12): capaian tidak dapat dihitung terhadapnya",
    );
    assert!(
        w.help.as_deref().unwrap_or("").contains("`target = 12`"),
        "{w:#?}"
    );
}

#[test]
fn quarters_of_a_sum_entered_as_running_totals() {
    let repo = Repo::new();
    add_indicator(
        &repo,
        &count(
            "orang",
            "120",
            "  akumulasi = \"jumlah\"\n  target_triwulan = [30, 60, 90, 120]\n",
        ),
        &[(1, "30"), (2, "60"), (3, "90"), (4, "118")],
    );
    let spot = repo.place(REALISASI, "nilai = 90", "118");
    let w = the_warning(
        &repo,
        REALISASI,
        spot,
        "realisasi triwulanan `baru` tampak kumulatif: 30, 60, 90, 118 dijumlahkan menjadi 298 (248,33% dari target 120)",
    );
    assert!(
        w.message.contains("298 (248,33% dari target 120)"),
        "{}",
        w.message
    );
    assert!(
        w.help.as_deref().unwrap_or("").contains("30, 30, 30, 28"),
        "{w:#?}"
    );
}

#[test]
fn the_fourth_quarter_target_differs_from_the_year_target() {
    let repo = Repo::new();
    repo.edit(
        PK,
        "target_triwulan = [2.1, 2.1, 2.1, 2.1]",
        "target_triwulan = [2.1, 2.1, 2.1, 2.0]",
    );
    let spot = repo.place(PK, "target_triwulan", "2.0]");
    let w = the_warning(
        &repo,
        PK,
        spot,
        "target triwulan IV `tfr` (2) berbeda dengan target tahunan (2,1)",
    );
    assert_eq!(w.label, "target s.d. akhir tahun");
}

#[test]
fn quarterly_targets_of_a_sum_written_as_each_quarter_own() {
    let repo = Repo::new();
    add_indicator(
        &repo,
        &count(
            "kegiatan",
            "100",
            "  akumulasi = \"jumlah\"\n  target_triwulan = [25, 25, 25, 25]\n",
        ),
        &[(1, "25"), (2, "25"), (3, "25"), (4, "25")],
    );
    let spot = repo.place(PK, "target_triwulan = [25, 25, 25, ", "25]");
    let w = the_warning(
        &repo,
        PK,
        spot,
        "target triwulan IV `baru` (25) berbeda dengan target tahunan (100)",
    );
    assert!(
        w.help
            .as_deref()
            .unwrap_or("")
            .contains("`target_triwulan = [25, 50, 75, 100]`"),
        "{w:#?}"
    );
}

#[test]
fn a_realisation_of_a_quarter_not_ended() {
    let repo = Repo::new();
    repo.edit(
        "site.toml",
        "tanggal_laporan = 2026-01-20",
        "tanggal_laporan = 2025-11-20",
    );
    repo.edit("2025/proses.toml", "2026-01-05", "2025-11-05");
    repo.edit("2025/proses.toml", "2026-01-06", "2025-11-06");
    let spot = repo.place(REALISASI, "indikator = \"ipg\"", "91.8");
    let w = the_warning(
        &repo,
        REALISASI,
        spot,
        "`ipg` mempunyai realisasi triwulan 4 tahun 2025, yang belum berakhir per tanggal laporan (20 November 2025)",
    );
    assert_eq!(w.label, "triwulan 4 berakhir 31 Desember 2025");
}

#[test]
fn a_pk_target_that_is_not_the_renstra_target() {
    let repo = Repo::new();
    repo.write(
        "renstra.toml",
        "periode = [2021, 2026]\n\n[[indikator]]\nid = \"ipg\"\nnama = \"IPG\"\nsatuan = \"indeks\"\ntarget = { 2025 = 92.0, 2026 = 92.5 }\n",
    );
    let spot = repo.place(PK, "id = \"ipg\"", "92.5");
    let w = the_warning(
        &repo,
        PK,
        spot,
        "target `ipg` tahun 2025 (92,5) berbeda dengan target Renstra (92)",
    );
    assert_eq!(w.label, "Renstra: 92");
}

#[test]
fn the_pk_target_equal_to_the_renstra_target_is_quiet() {
    let repo = Repo::new();
    repo.write(
        "renstra.toml",
        "periode = [2021, 2026]\n\n[[indikator]]\nid = \"ipg\"\nnama = \"IPG\"\nsatuan = \"indeks\"\ntarget = { 2025 = 92.50, 2026 = 93.0 }\n",
    );
    let all = warnings(&repo);
    let spot = repo.place(PK, "id = \"ipg\"", "92.5");
    let here = at(&all, PK, spot);
    assert!(here.is_empty(), "{here:#?}");
}

#[test]
fn a_year_folder_far_in_the_future() {
    let repo = Repo::new();
    repo.write("2099/pk/kepala.toml", common::PK);
    repo.write("2099/realisasi/kepala.toml", common::REALISASI);
    let w = the_warning(
        &repo,
        "2099/pk/kepala.toml",
        (1, 1),
        "folder tahun 2099 jauh dari tahun tanggal laporan (2026)",
    );
    assert_eq!(w.label, "di folder 2099/");
    // Its realisations of quarters not ended are that one mistake, not one warning each.
    let all = warnings(&repo);
    let future: Vec<&Located> = all
        .iter()
        .filter(|w| w.message.contains("belum berakhir"))
        .collect();
    assert!(future.is_empty(), "{future:#?}");
}

#[test]
fn a_year_folder_before_the_first_reports() {
    let repo = Repo::new();
    repo.write(
        "renstra.toml",
        "periode = [2021, 2026]\n\n[[indikator]]\nid = \"ipg\"\nnama = \"IPG\"\nsatuan = \"indeks\"\ntarget = { 2025 = 92.5 }\n",
    );
    repo.write("0999/pk/kepala.toml", common::PK);
    the_warning(
        &repo,
        "0999/pk/kepala.toml",
        (1, 1),
        "folder tahun 0999 di luar periode Renstra (2021–2026) dan jauh dari tahun tanggal laporan (2026)",
    );
}

#[test]
fn next_year_folder_is_expected() {
    let repo = Repo::new();
    repo.write("2027/pk/kepala.toml", common::PK);
    let all = warnings(&repo);
    assert!(
        !all.iter().any(|w| w.message.contains("folder tahun")),
        "{all:#?}"
    );
}

#[test]
fn a_circle_of_superiors() {
    let repo = Repo::new();
    repo.edit(
        "site.toml",
        "eselon = \"II\"",
        "eselon = \"II\"\natasan = \"sekretaris\"",
    );
    let spot = repo.place("site.toml", "atasan = \"sekretaris\"", "\"sekretaris\"");
    let w = the_warning(
        &repo,
        "site.toml",
        spot,
        "rantai `atasan` melingkar: `kepala` → `sekretaris` → `kepala`",
    );
    assert_eq!(w.label, "kembali ke `kepala`");
}

const STEP: &str = "\n[[langkah]]\nno = NO\nuraian = \"Mengarsipkan.\"\npelaksana = \"sekretaris\"\nkelengkapan = \"Arsip\"\nwaktu = \"10 menit\"\noutput = \"Arsip\"\n";

#[test]
fn an_sop_step_numbered_30() {
    let repo = Repo::new();
    let sop = format!("{}{}", common::SOP, STEP.replace("NO", "30"));
    repo.write("sop.toml", &sop);
    let spot = repo.place("sop.toml", "no = 30", "30");
    let w = the_warning(
        &repo,
        "sop.toml",
        spot,
        "langkah SOP bernomor 30, padahal SOP ini mempunyai 3 langkah (1 sampai 3)",
    );
    assert_eq!(w.label, "maksudnya 3?");
}

#[test]
fn an_sop_step_numbered_0() {
    let repo = Repo::new();
    let sop = format!("{}{}", common::SOP, STEP.replace("NO", "0"));
    repo.write("sop.toml", &sop);
    let spot = repo.place("sop.toml", "no = 0", "0");
    let w = the_warning(
        &repo,
        "sop.toml",
        spot,
        "langkah SOP bernomor 0, padahal SOP ini mempunyai 3 langkah (1 sampai 3)",
    );
    assert_eq!(w.label, "maksudnya 3?");
}

#[test]
fn a_process_date_years_away() {
    let repo = Repo::new();
    repo.edit(
        "2025/proses.toml",
        "tanggal = 2026-01-05",
        "tanggal = 2015-01-05",
    );
    let spot = repo.place("2025/proses.toml", "tanggal = 2015", "2015-01-05");
    let w = the_warning(
        &repo,
        "2025/proses.toml",
        spot,
        "langkah 1 bertanggal 5 Januari 2015, di luar tahun 2025 dan 2026",
    );
    assert_eq!(w.label, "tahun 2015?");
}

#[test]
fn a_renumbered_sop_step_is_shown_beside_the_errors_it_causes() {
    let repo = Repo::new();
    repo.edit("sop.toml", "no = 2", "no = 30");
    let all = repo.checked_on(today()).located_findings();
    assert!(
        all.iter()
            .any(|f| f.severity == Severity::Error && f.message.contains("langkah 2")),
        "proses.toml records step 2: {all:#?}"
    );
    let spot = repo.place("sop.toml", "no = 30", "30");
    let here = at(&all, "sop.toml", spot);
    assert_eq!(here.len(), 1, "{all:#?}");
    assert_eq!(here[0].severity, Severity::Warning);
    assert_eq!(here[0].label, "maksudnya 2?");
}

#[test]
fn a_whole_year_a_thousand_times_below_the_other_years() {
    let repo = Repo::new();
    for year in ["2023", "2024"] {
        repo.write(&format!("{year}/pk/kepala.toml"), common::PK);
        repo.write(&format!("{year}/realisasi/kepala.toml"), common::REALISASI);
        repo.write(
            &format!("{year}/proses.toml"),
            &common::PROSES.replace("2026-", &format!("{}-", year.parse::<i32>().unwrap() + 1)),
        );
    }
    repo.edit(PK, "target = 92.5", "target = 0.0925");
    repo.edit(REALISASI, "nilai = 91.8", "nilai = 0.0918");
    let target = repo.place(PK, "id = \"ipg\"", "0.0925");
    let w = the_warning(
        &repo,
        PK,
        target,
        "target `ipg` (0,0925) sekitar 1000 kali lebih kecil daripada angka indikator ini pada tahun-tahun lain (sekitar 92,15)",
    );
    assert_eq!(w.label, "maksudnya 92.5?");
    let value = repo.place(REALISASI, "indikator = \"ipg\"", "0.0918");
    let w = the_warning(
        &repo,
        REALISASI,
        value,
        "realisasi triwulan 4 `ipg` (0,0918) sekitar 1000 kali lebih kecil daripada angka indikator ini pada tahun-tahun lain (sekitar 92,15)",
    );
    assert_eq!(w.label, "maksudnya 91.8?");
    // The other years are not questioned for being unlike this one.
    let all = warnings(&repo);
    let elsewhere: Vec<&Located> = all
        .iter()
        .filter(|w| w.message.contains("1000 kali") && w.year != Some(2025))
        .collect();
    assert!(elsewhere.is_empty(), "{elsewhere:#?}");
}

#[test]
fn a_negative_percentage() {
    let repo = Repo::new();
    add_indicator(&repo, &count("%", "80", ""), &[(4, "-75.5")]);
    let spot = repo.place(REALISASI, "indikator = \"baru\"", "-75.5");
    let w = the_warning(
        &repo,
        REALISASI,
        spot,
        "realisasi triwulan 4 `baru` negatif (-75,5), padahal satuannya (%) tidak bisa negatif",
    );
    assert!(
        w.help.as_deref().unwrap_or("").contains("`nilai = 75.5`"),
        "{w:#?}"
    );
}

const RANGE: &str = "  id = \"baru\"\n  nama = \"Rasio jenis kelamin\"\n  satuan = \"%\"\n  polaritas = \"stabil\"\n  target_min = 8.0\n  target_maks = 12.0\n";

#[test]
fn a_range_is_three_times_over_at_its_upper_end() {
    let repo = Repo::new();
    add_indicator(&repo, RANGE, &[(4, "37")]);
    let spot = repo.place(REALISASI, "indikator = \"baru\"", "37");
    let w = the_warning(
        &repo,
        REALISASI,
        spot,
        "realisasi `baru` pada triwulan 4 lebih dari tiga kali targetnya",
    );
    assert_eq!(w.label, "target 12");
}

#[test]
fn a_range_with_a_negative_bound() {
    let repo = Repo::new();
    add_indicator(
        &repo,
        &RANGE.replace("target_min = 8.0", "target_min = -8.0"),
        &[(4, "10")],
    );
    let spot = repo.place(PK, "target_min", "-8.0");
    let w = the_warning(
        &repo,
        PK,
        spot,
        "target_min `baru` negatif (-8): capaian tidak dapat dihitung terhadapnya",
    );
    assert!(
        w.help.as_deref().unwrap_or("").contains("`target_min = 8`"),
        "{w:#?}"
    );
}

#[test]
fn a_range_that_leaves_out_the_renstra_target() {
    let repo = Repo::new();
    add_indicator(&repo, RANGE, &[(4, "10")]);
    repo.write(
        "renstra.toml",
        "periode = [2021, 2026]\n\n[[indikator]]\nid = \"baru\"\nnama = \"Rasio\"\nsatuan = \"%\"\ntarget = { 2025 = 14.0 }\n",
    );
    let spot = repo.place(PK, "target_min", "8.0");
    let w = the_warning(
        &repo,
        PK,
        spot,
        "target `baru` tahun 2025 (8–12) berbeda dengan target Renstra (14)",
    );
    assert_eq!(w.label, "Renstra: 14");
}

#[test]
fn in_a_year_in_progress_only_the_quarters_not_ended_are_questioned() {
    let repo = Repo::new();
    repo.edit(
        "site.toml",
        "tanggal_laporan = 2026-01-20",
        "tanggal_laporan = 2025-10-15",
    );
    repo.edit("2025/proses.toml", "2026-01-05", "2025-10-05");
    repo.edit("2025/proses.toml", "2026-01-06", "2025-10-06");
    let all = warnings(&repo);
    let future: Vec<&Located> = all
        .iter()
        .filter(|w| w.message.contains("belum berakhir"))
        .collect();
    // ipg and tfr report TW4, which ends on 31 December; tfr's TW1–TW3 have ended.
    let quarters: Vec<(&str, usize)> = future
        .iter()
        .map(|w| {
            let id = if w.message.contains("`ipg`") {
                "ipg"
            } else {
                "tfr"
            };
            (id, w.place.as_ref().map_or(0, |p| p.line))
        })
        .collect();
    let ipg = repo.place(REALISASI, "indikator = \"ipg\"", "91.8").0;
    let tfr = repo.place(REALISASI, "nilai = 2.1\n", "2.05").0;
    assert_eq!(quarters, vec![("ipg", ipg), ("tfr", tfr)]);
}

#[test]
fn a_year_folder_two_years_ahead_of_the_report() {
    let repo = Repo::new();
    repo.write(
        "renstra.toml",
        "periode = [2021, 2026]\n\n[[indikator]]\nid = \"ipg\"\nnama = \"IPG\"\nsatuan = \"indeks\"\ntarget = { 2025 = 92.5 }\n",
    );
    repo.write("2028/pk/kepala.toml", common::PK);
    the_warning(
        &repo,
        "2028/pk/kepala.toml",
        (1, 1),
        "folder tahun 2028 di luar periode Renstra (2021–2026) dan jauh dari tahun tanggal laporan (2026)",
    );
}

#[test]
fn an_official_who_is_their_own_superior() {
    let repo = Repo::new();
    repo.edit(
        "site.toml",
        "atasan = \"kepala\"",
        "atasan = \"sekretaris\"",
    );
    let spot = repo.place("site.toml", "atasan = \"sekretaris\"", "\"sekretaris\"");
    the_warning(
        &repo,
        "site.toml",
        spot,
        "rantai `atasan` melingkar: `sekretaris` → `sekretaris`",
    );
}

#[test]
fn a_process_end_date_years_away() {
    let repo = Repo::new();
    repo.edit(
        "2025/proses.toml",
        "tanggal = 2026-01-06",
        "tanggal = 2026-01-06\nselesai = 2036-01-06",
    );
    let spot = repo.place("2025/proses.toml", "selesai", "2036-01-06");
    the_warning(
        &repo,
        "2025/proses.toml",
        spot,
        "langkah 2 bertanggal 6 Januari 2036, di luar tahun 2025 dan 2026",
    );
}

#[test]
fn running_totals_are_said_in_english_on_an_english_site() {
    let repo = Repo::new();
    repo.edit("site.toml", "judul =", "bahasa = \"en\"\njudul =");
    add_indicator(
        &repo,
        &count("kasus", "40", "  akumulasi = \"jumlah\"\n"),
        &[(1, "10"), (2, "20"), (3, "30"), (4, "40")],
    );
    let spot = repo.place(REALISASI, "nilai = 30", "40");
    let w = the_warning(
        &repo,
        REALISASI,
        spot,
        "the quarterly realisations of `baru` look cumulative: 10, 20, 30, 40 add up to 100 (250.00% of the target 40)",
    );
    assert_eq!(w.label, "this alone is about the target");
    assert!(
        w.help
            .as_deref()
            .unwrap_or("")
            .contains("write 10, 10, 10, 10"),
        "{w:#?}"
    );
}

#[test]
fn a_quarterly_target_with_a_thousands_separator() {
    let repo = Repo::new();
    add_indicator(
        &repo,
        &count(
            "orang",
            "12000",
            "  akumulasi = \"akhir\"\n  target_triwulan = [3000, 6000, 9000, 12.000]\n",
        ),
        &[(1, "2900"), (2, "6100"), (3, "9050"), (4, "11800")],
    );
    let spot = repo.place(PK, "target_triwulan = [3000", "12.000");
    let w = the_warning(
        &repo,
        PK,
        spot,
        "target triwulan 4 `baru` ditulis dengan tiga angka di belakang titik, sehingga dibaca 12: sebuah hitungan tidak berpecahan, titik itu tampaknya pemisah ribuan",
    );
    assert_eq!(w.label, "maksudnya 12000?");
    assert!(
        w.help
            .as_deref()
            .unwrap_or("")
            .contains("12000 sebagai angka ke-4 `target_triwulan`"),
        "{w:#?}"
    );
    // Not also "the fourth quarter target differs from the year's".
    let all = warnings(&repo);
    let about: Vec<&Located> = all
        .iter()
        .filter(|w| w.message.contains("`baru`"))
        .collect();
    assert_eq!(about.len(), 1, "{about:#?}");
}

#[test]
fn the_fourth_quarter_target_of_a_mean_is_the_year_target() {
    let repo = Repo::new();
    add_indicator(
        &repo,
        &count(
            "hari",
            "10",
            "  akumulasi = \"rata_rata\"\n  target_triwulan = [10, 10, 10, 12]\n",
        ),
        &[(1, "10"), (2, "10"), (3, "10"), (4, "10")],
    );
    let spot = repo.place(PK, "target_triwulan = [10, 10, 10", "12]");
    let w = the_warning(
        &repo,
        PK,
        spot,
        "target triwulan IV `baru` (12) berbeda dengan target tahunan (10)",
    );
    assert!(
        w.help
            .as_deref()
            .unwrap_or("")
            .contains("rata-rata s.d. akhir tahun"),
        "{w:#?}"
    );
}

#[test]
fn running_totals_in_a_year_in_progress_without_quarterly_targets() {
    let repo = Repo::new();
    repo.edit(
        "site.toml",
        "tanggal_laporan = 2026-01-20",
        "tanggal_laporan = 2025-10-15",
    );
    repo.edit("2025/proses.toml", "2026-01-05", "2025-10-05");
    repo.edit("2025/proses.toml", "2026-01-06", "2025-10-06");
    // Three quarters of a yearly 400: 300 by the end of TW3, written as running totals.
    add_indicator(
        &repo,
        &count("kasus", "400", "  akumulasi = \"jumlah\"\n"),
        &[(1, "100"), (2, "200"), (3, "290")],
    );
    let spot = repo.place(REALISASI, "nilai = 200", "290");
    let w = the_warning(
        &repo,
        REALISASI,
        spot,
        "realisasi triwulanan `baru` tampak kumulatif: 100, 200, 290 dijumlahkan menjadi 590 (196,67% dari target 300)",
    );
    assert!(
        w.help
            .as_deref()
            .unwrap_or("")
            .contains("tulis 100, 100, 90"),
        "{w:#?}"
    );
}

#[test]
fn two_sop_steps_out_of_place_each_say_their_number() {
    let repo = Repo::new();
    let sop = format!(
        "{}{}{}",
        common::SOP,
        STEP.replace("NO", "30"),
        STEP.replace("NO", "40")
    );
    repo.write("sop.toml", &sop);
    let thirty = repo.place("sop.toml", "no = 30", "30");
    assert_eq!(
        the_warning(
            &repo,
            "sop.toml",
            thirty,
            "langkah SOP bernomor 30, padahal SOP ini mempunyai 4 langkah (1 sampai 4)"
        )
        .label,
        "maksudnya 3?"
    );
    let forty = repo.place("sop.toml", "no = 40", "40");
    assert_eq!(
        the_warning(
            &repo,
            "sop.toml",
            forty,
            "langkah SOP bernomor 40, padahal SOP ini mempunyai 4 langkah (1 sampai 4)"
        )
        .label,
        "maksudnya 4?"
    );
}

#[test]
fn a_negative_count_on_an_english_site() {
    let repo = Repo::new();
    repo.edit("site.toml", "judul =", "bahasa = \"en\"\njudul =");
    add_indicator(&repo, &count("lembaga", "12", ""), &[(4, "-12")]);
    let spot = repo.place(REALISASI, "indikator = \"baru\"", "-12");
    let w = the_warning(
        &repo,
        REALISASI,
        spot,
        "the realisation of triwulan 4 of `baru` is negative (-12), but its unit (lembaga) cannot be negative",
    );
    assert_eq!(w.label, "negative");
}

#[test]
fn a_renstra_without_the_indicator_is_no_yardstick() {
    let repo = Repo::new();
    repo.write(
        "renstra.toml",
        "periode = [2021, 2026]\n\n[[indikator]]\nid = \"lain\"\nnama = \"Lain\"\nsatuan = \"%\"\ntarget = { 2025 = 50.0 }\n",
    );
    let all = warnings(&repo);
    assert!(
        !all.iter().any(|w| w.message.contains("Renstra")),
        "{all:#?}"
    );
}

#[test]
fn a_process_date_years_away_is_shown_beside_the_order_error_it_causes() {
    let repo = Repo::new();
    repo.edit(
        "2025/proses.toml",
        "tanggal = 2026-01-06",
        "tanggal = 2016-01-06",
    );
    let all = repo.checked_on(today()).located_findings();
    let spot = repo.place("2025/proses.toml", "tanggal = 2016", "2016-01-06");
    let here = at(&all, "2025/proses.toml", spot);
    let error = here.iter().find(|f| f.severity == Severity::Error);
    let warning = here.iter().find(|f| f.severity == Severity::Warning);
    assert!(
        error.is_some_and(|e| e.message.contains("bertanggal sebelum langkah 1")),
        "{here:#?}"
    );
    assert_eq!(
        warning.map(|w| w.label.as_str()),
        Some("tahun 2016?"),
        "{here:#?}"
    );
    assert_eq!(here.len(), 2, "{here:#?}");
}
