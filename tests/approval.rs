//! The approval of a year: its three states, the SOP's runs (quarterly, repeated), and the
//! approvals that go stale when a file feeding the year is committed after them, compared as
//! instants in the agency's time zone. Built from temporary report repositories in git.

mod common;

use capaian::Site;
use capaian::approval::State;
use capaian::finding::{Located, Severity};
use capaian::model::Edition;
use common::git::{commit_all, first_commit, short_head};
use common::html::{count, select, select_in, texts};
use common::toml::{run, step};
use common::{PROSES, Repo, line_of};
use scraper::Html;

const PK: &str = "2025/pk/kepala.toml";
const REALISASI: &str = "2025/realisasi/kepala.toml";
const SITE: &str = "site.toml";

fn located(repo: &Repo) -> Vec<Located> {
    repo.findings()
}

/// The findings whose message contains `needle`.
fn findings_with(repo: &Repo, needle: &str) -> Vec<Located> {
    located(repo)
        .into_iter()
        .filter(|f| f.message.contains(needle))
        .collect()
}

fn stale(repo: &Repo) -> Vec<Located> {
    findings_with(repo, "disetujui pada")
}

fn state(repo: &Repo) -> State {
    let site = Site::load(repo.content()).unwrap();
    site.computed.expect("computed").years[&2025]
        .approval
        .state
        .clone()
}

/// The fixture in git, its files committed on 4 January 2026 (before the approval of 2025,
/// recorded on 6 January 2026 without a time).
fn in_git() -> Repo {
    let repo = Repo::new();
    first_commit(&repo, "Anisa", "2026-01-04T09:00:00+07:00", "Data 2025");
    repo
}

#[test]
fn an_sop_without_approval_steps_approves_no_year_and_publishes_none() {
    let repo = Repo::new();
    repo.edit("sop.toml", "persetujuan = true\n", "");
    assert_eq!(state(&repo), State::TanpaPersetujuan);

    let warnings = findings_with(&repo, "SOP tidak memiliki langkah persetujuan");
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    let w = &warnings[0];
    assert_eq!(w.severity, Severity::Warning);
    let place = w.place.as_ref().unwrap();
    assert!(place.path.ends_with("sop.toml"), "{}", place.path);
    // At the last step's number: the SOP has two steps, neither approves.
    let sop = std::fs::read_to_string(repo.content().join("sop.toml")).unwrap();
    assert_eq!(place.line, line_of(&sop, "no = 2"));
    // No "not approved yet" warning per year: the SOP's warning says it once.
    assert!(findings_with(&repo, "diberi tanda DRAFT").is_empty());

    repo.build();
    let year = repo.read_output("2025/index.html");
    let html = Html::parse_document(&year);
    assert_eq!(
        texts(&html, "p.draft-note"),
        [
            "Laporan tahun ini belum disetujui: SOP tidak memiliki langkah persetujuan, sehingga tidak ada tahun yang dapat disetujui."
        ],
        "the year page says why"
    );
    assert!(!year.contains(">Disetujui<"), "no page says Disetujui");
    assert_eq!(count(&html, ".draft-banner"), 1);

    let left_out = repo.build_edition(Edition::Public).1;
    assert_eq!(left_out, [2025]);
    let home = repo.page("index.html");
    assert_eq!(count(&home, ".nothing-approved"), 1);
    assert!(!repo.output().join("2025").exists());
    assert!(!repo.output().join("data/2025.json").exists());
    let site = Site::load(repo.content()).unwrap();
    let (public, _) = site.edition(Edition::Public);
    assert_eq!(
        public.nothing_public_note().as_deref(),
        Some(
            "peringatan: edisi publik tidak memuat satu tahun pun: belum ada tahun yang disetujui; beranda situs menyatakannya"
        )
    );
}

#[test]
fn a_same_day_commit_after_a_date_only_approval_asks_for_a_time() {
    let repo = in_git();
    repo.edit(REALISASI, "nilai = 2.1\n", "nilai = 2.0\n");
    // 6 January 2026, 16:00 WIB: the day of the approval, which has no time.
    commit_all(
        &repo,
        "Budi",
        "2026-01-06T16:00:00+07:00",
        "Ubah TFR TW III",
    );
    let late = short_head(&repo);
    let found = findings_with(&repo, "hari yang sama");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        found[0].message,
        format!(
            "commit {late} oleh Budi mengubah 2025/realisasi/kepala.toml pada 2026-01-06 16:00, hari yang sama dengan persetujuan 2025 yang bertanggal tanpa jam: tidak dapat diketahui mana yang lebih dulu"
        )
    );
    assert_eq!(found[0].severity, Severity::Warning);
    let place = found[0].place.as_ref().unwrap();
    assert!(place.path.ends_with("2025/proses.toml"));
    assert_eq!(
        (place.line, place.column),
        (line_of(PROSES, "tanggal = 2026-01-06"), 11)
    );
    assert!(
        found[0]
            .help
            .as_deref()
            .unwrap()
            .contains("2026-01-06T14:00:00")
    );
    // It cannot be ordered: not taken as a change after the approval.
    assert!(stale(&repo).is_empty());
    assert!(matches!(state(&repo), State::Disetujui(_)));

    // The next day is after the whole day of the approval.
    repo.edit(REALISASI, "nilai = 2.0\n", "nilai = 1.9\n");
    commit_all(&repo, "Budi", "2026-01-07T08:00:00+07:00", "Ubah lagi");
    assert_eq!(stale(&repo).len(), 1);
}

#[test]
fn a_commit_in_another_time_zone_is_ordered_by_its_instant() {
    let repo = Repo::new();
    // The agency is in WITA (UTC+8) and approved at 14:00 its time: 13:00 WIB, 06:00 UTC.
    repo.edit(
        SITE,
        "tanggal_laporan = 2026-01-20\n",
        "tanggal_laporan = 2026-01-20\nzona_waktu = \"Asia/Makassar\"\n",
    );
    repo.edit(
        "2025/proses.toml",
        "tanggal = 2026-01-06\n",
        "tanggal = 2026-01-06T14:00:00\n",
    );
    first_commit(&repo, "Anisa", "2026-01-04T09:00:00+07:00", "Data 2025");

    // 12:59 WIB is 13:59 WITA: just before the approval.
    repo.edit(REALISASI, "nilai = 2.1\n", "nilai = 2.0\n");
    commit_all(&repo, "Budi", "2026-01-06T12:59:00+07:00", "Sebelum");
    assert!(stale(&repo).is_empty(), "{:?}", stale(&repo));
    assert!(findings_with(&repo, "hari yang sama").is_empty());

    // 13:01 WIB is 14:01 WITA: just after, although its own clock reads earlier than 14:00.
    repo.edit(REALISASI, "nilai = 2.0\n", "nilai = 1.9\n");
    commit_all(&repo, "Budi", "2026-01-06T13:01:00+07:00", "Sesudah");
    let after = short_head(&repo);
    let found = stale(&repo);
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].message,
        format!(
            "2025 disetujui pada 2026-01-06 14:00, tetapi commit {after} oleh Budi pada 2026-01-06 mengubah 2025/realisasi/kepala.toml setelah itu"
        )
    );
}

#[test]
fn an_unknown_time_zone_is_an_error_at_the_value() {
    let repo = Repo::new();
    repo.edit(
        SITE,
        "tanggal_laporan = 2026-01-20\n",
        "tanggal_laporan = 2026-01-20\nzona_waktu = \"Asia/Makasar\"\n",
    );
    let errors: Vec<Located> = located(&repo)
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(
        errors[0].message,
        "zona waktu \"Asia/Makasar\" tidak dikenal"
    );
    let place = errors[0].place.as_ref().unwrap();
    assert_eq!(place.line, line_of(common::SITE, "tanggal_laporan") + 1);
    assert_eq!(place.column, 14);
    assert!(
        errors[0]
            .help
            .as_deref()
            .unwrap()
            .contains("\"Asia/Makassar\"")
    );
}

#[test]
fn a_pk_target_changed_after_the_approval_makes_the_year_stale_until_approved_again() {
    let repo = in_git();
    repo.edit(PK, "target = 92.5", "target = 93.0");
    commit_all(
        &repo,
        "Budi",
        "2026-02-03T10:00:00+07:00",
        "Ubah target IPG",
    );
    let late = short_head(&repo);
    let found = stale(&repo);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        found[0].message,
        format!(
            "2025 disetujui pada 2026-01-06, tetapi commit {late} oleh Budi pada 2026-02-03 mengubah 2025/pk/kepala.toml setelah itu"
        )
    );
    assert_eq!(
        found[0].help.as_deref(),
        Some(
            "mintakan persetujuan ulang atas data yang berubah dan catat langkah persetujuan (2) sebagai putaran baru (`putaran = 2`) di 2025/proses.toml; sampai saat itu situs menandai persetujuan 2025 sebagai kedaluwarsa dan edisi publik tidak memuatnya"
        )
    );
    match state(&repo) {
        State::Disetujui(s) => assert_eq!(s.run.round, 1),
        other => panic!("{other:?}"),
    }
    // The public edition publishes only approved years that did not change since.
    assert_eq!(repo.build_edition(Edition::Public).1, [2025]);
    repo.build();
    let year = repo.page("2025/index.html");
    assert_eq!(count(&year, ".stale-note"), 1);

    // Re-approval: the approval steps again, as run 2; the records of run 1 stay.
    let mut proses = PROSES.to_string();
    proses.push('\n');
    proses.push_str(&run(None, Some(2), "2026-02-04", "2026-02-05"));
    repo.write("2025/proses.toml", &proses);
    assert!(stale(&repo).is_empty(), "{:?}", stale(&repo));
    assert!(
        located(&repo).iter().all(|f| f.severity != Severity::Error),
        "the same steps in run 2 are no duplicate: {:?}",
        located(&repo)
    );
    match state(&repo) {
        State::Disetujui(s) => {
            assert_eq!(s.run.round, 2);
            assert_eq!(s.date.to_string(), "2026-02-05");
        }
        other => panic!("{other:?}"),
    }
    assert!(repo.build_edition(Edition::Public).1.is_empty());
    let year = repo.page("2025/index.html");
    assert_eq!(
        texts(&year, ".approval-box dl.approval dd")[1],
        "5 Februari 2026 (SOP langkah 2)",
        "the new approval's date"
    );
    assert_eq!(count(&year, ".stale-note"), 0);

    // The SOP page: both runs of the year's report, each approved; the superseded one says
    // who signed it, the current one is the year's approval, shown above the runs.
    repo.build();
    let sop = repo.page("sop/index.html");
    let runs: Vec<String> = select(&sop, "#kepatuhan-2025 .run")
        .iter()
        .map(|r| r.value().id().unwrap().to_string())
        .collect();
    assert_eq!(
        runs,
        ["kepatuhan-2025-tahunan-1", "kepatuhan-2025-tahunan-2"]
    );
    assert_eq!(count(&sop, "#kepatuhan-2025 .run h3 .tag.ok"), 2);
    assert_eq!(count(&sop, "#kepatuhan-2025-tahunan-1 dl.approval"), 1);
    assert_eq!(count(&sop, "#kepatuhan-2025-tahunan-2 dl.approval"), 0);
    assert_eq!(count(&sop, "#kepatuhan-2025 > dl.approval"), 1);
}

#[test]
fn officials_changed_in_site_toml_make_the_approval_stale_other_keys_do_not() {
    let repo = in_git();
    repo.edit(
        SITE,
        "judul = \"Laporan Kinerja Dinas Contoh\"",
        "judul = \"Laporan Kinerja\"",
    );
    commit_all(&repo, "Budi", "2026-02-03T10:00:00+07:00", "Ubah judul");
    assert!(stale(&repo).is_empty(), "{:?}", stale(&repo));

    repo.edit(SITE, "nama = \"Kepala Contoh\"", "nama = \"Kepala Baru\"");
    commit_all(&repo, "Budi", "2026-02-04T10:00:00+07:00", "Ganti kepala");
    let found = stale(&repo);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        found[0].message,
        format!(
            "2025 disetujui pada 2026-01-06, tetapi commit {} oleh Budi pada 2026-02-04 mengubah site.toml setelah itu",
            short_head(&repo)
        )
    );

    // Uncommitted, too.
    let repo = in_git();
    repo.edit(
        SITE,
        "jabatan = \"Sekretaris\"",
        "jabatan = \"Sekretaris Dinas\"",
    );
    let found = stale(&repo);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        found[0].message,
        "2025 disetujui pada 2026-01-06, tetapi site.toml diubah sejak itu (belum di-commit)"
    );
}

#[test]
fn a_step_recorded_twice_in_one_run_is_an_error() {
    let repo = Repo::new();
    let mut proses = PROSES.to_string();
    proses.push_str(&format!("\n{}", step(2, None, None, "2026-01-07")));
    repo.write("2025/proses.toml", &proses);
    let errors: Vec<Located> = located(&repo)
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(
        errors[0].message,
        "langkah 2 dicatat dua kali dalam satu putaran (laporan tahunan, putaran 1)"
    );
    let place = errors[0].place.as_ref().unwrap();
    assert_eq!(
        (place.line, place.column),
        (line_of(&proses, "no = 2\ntanggal = 2026-01-07"), 6)
    );
}

#[test]
fn a_quarterly_run_approved_marks_its_quarter() {
    let repo = Repo::new();
    repo.write(
        "2025/proses.toml",
        &format!(
            "{}\n{}",
            run(Some(1), None, "2025-04-07", "2025-04-08"),
            step(1, Some(2), None, "2025-07-07")
        ),
    );
    let site = Site::load(repo.content()).unwrap();
    let approval = &site.computed.as_ref().unwrap().years[&2025].approval;
    assert_eq!(
        approval.state,
        State::Draft,
        "only the year's report approves the year"
    );
    assert_eq!(approval.quarters.keys().copied().collect::<Vec<_>>(), [1]);
    assert_eq!(approval.quarters[&1].date.to_string(), "2025-04-08");

    repo.build();
    let tfr = repo.page("2025/indikator/tfr/index.html");
    let rows: Vec<bool> = select(&tfr, "table.quarters tbody tr")
        .iter()
        .map(|r| !select_in(r, ".quarter-approved").is_empty())
        .collect();
    assert_eq!(rows, [true, false, false, false]);
    let year = repo.page("2025/index.html");
    assert_eq!(count(&year, ".quarters-approved"), 1);
    assert_eq!(count(&year, ".draft-banner"), 1);

    // The SOP page: one compliance table per run, the quarter's run approved.
    let sop = repo.page("sop/index.html");
    let runs: Vec<String> = select(&sop, "#kepatuhan-2025 .run")
        .iter()
        .map(|r| r.value().id().unwrap().to_string())
        .collect();
    assert_eq!(runs, ["kepatuhan-2025-tw1-1", "kepatuhan-2025-tw2-1"]);
    assert_eq!(count(&sop, "#kepatuhan-2025-tw1-1 dl.approval"), 1);
    assert_eq!(count(&sop, "#kepatuhan-2025-tw2-1 dl.approval"), 0);
    assert_eq!(count(&sop, "#kepatuhan-2025-tw2-1 tr.missing"), 1);
}

#[test]
fn a_repeated_run_may_start_at_the_step_the_data_was_corrected_at() {
    let skipped = |repo: &Repo| findings_with(repo, "belum dicatat, padahal");
    let repo = Repo::new();
    // Run 1 with step 2 alone skips step 1.
    repo.write("2025/proses.toml", &step(2, None, None, "2026-01-06"));
    assert_eq!(skipped(&repo).len(), 1);
    // Run 2 resumes the SOP at the approval: step 1 is not missing there.
    let mut proses = PROSES.to_string();
    proses.push_str(&format!("\n{}", step(2, None, Some(2), "2026-02-05")));
    repo.write("2025/proses.toml", &proses);
    assert!(skipped(&repo).is_empty(), "{:?}", skipped(&repo));
    match state(&repo) {
        State::Disetujui(s) => {
            assert_eq!((s.run.round, s.date.to_string()), (2, "2026-02-05".into()))
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_public_build_with_no_approved_year_exits_0_with_a_warning() {
    let repo = Repo::new();
    repo.edit("sop.toml", "persetujuan = true\n", "");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_capaian"))
        .args(["build", "--edition", "public"])
        .current_dir(repo.dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("edisi publik: 2025 tidak dimuat: SOP tidak memiliki langkah persetujuan"),
        "{stderr}"
    );
    assert!(
        stderr.contains("peringatan: edisi publik tidak memuat satu tahun pun"),
        "{stderr}"
    );
    assert_eq!(
        texts(&repo.page("index.html"), ".nothing-approved"),
        [
            "Belum ada tahun yang disetujui Kepala OPD: edisi publik ini belum memuat laporan kinerja tahun mana pun."
        ]
    );
}

#[test]
fn a_new_file_not_committed_yet_makes_the_approval_stale() {
    let repo = in_git();
    repo.write(
        "2025/pages/tambahan.md",
        "+++\njudul = \"Tambahan\"\n+++\nNarasi yang ditulis setelah persetujuan.\n",
    );
    let found = stale(&repo);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        found[0].message,
        "2025 disetujui pada 2026-01-06, tetapi 2025/pages/tambahan.md diubah sejak itu (belum di-commit)"
    );
    // Committed on a later day, it is a commit after the approval.
    commit_all(
        &repo,
        "Budi",
        "2026-02-03T10:00:00+07:00",
        "Narasi tambahan",
    );
    let found = stale(&repo);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        found[0].message,
        format!(
            "2025 disetujui pada 2026-01-06, tetapi commit {} oleh Budi pada 2026-02-03 mengubah 2025/pages/tambahan.md setelah itu",
            short_head(&repo)
        )
    );
}

#[test]
fn a_follow_up_file_changed_after_the_approval_makes_the_year_stale() {
    // The follow-up of the last evaluation prints in the report's annex: committed after the
    // approval, the approved report no longer says what the file says.
    let repo = in_git();
    repo.write(
        "2025/tindak_lanjut.toml",
        "[[rekomendasi]]\nno = 1\nuraian = \"Tetapkan IKU dengan keputusan kepala\"\nstatus = \"proses\"\n",
    );
    let found = stale(&repo);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        found[0].message,
        "2025 disetujui pada 2026-01-06, tetapi 2025/tindak_lanjut.toml diubah sejak itu (belum di-commit)"
    );
    commit_all(&repo, "Budi", "2026-02-03T10:00:00+07:00", "Tindak lanjut");
    let found = stale(&repo);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        found[0].message,
        format!(
            "2025 disetujui pada 2026-01-06, tetapi commit {} oleh Budi pada 2026-02-03 mengubah 2025/tindak_lanjut.toml setelah itu",
            short_head(&repo)
        )
    );
}

#[test]
fn a_quarter_approval_goes_stale_when_its_data_changes() {
    let repo = Repo::new();
    // TW I's run approved on 8 April 2025; the year's report not yet.
    repo.write(
        "2025/proses.toml",
        &run(Some(1), None, "2025-04-07", "2025-04-08"),
    );
    first_commit(&repo, "Anisa", "2025-04-01T09:00:00+07:00", "Data TW I");
    let quarter_warnings = |repo: &Repo| findings_with(repo, "data TW I 2025");
    let tw1_approved = |repo: &Repo| {
        let site = Site::load(repo.content()).unwrap();
        site.computed.unwrap().years[&2025]
            .approval
            .approved_quarters()
            == [1]
    };
    assert!(tw1_approved(&repo));

    // TW II's value changed after TW I's approval: TW I's data is as approved.
    repo.edit(REALISASI, "nilai = 2.15", "nilai = 2.14");
    commit_all(&repo, "Budi", "2025-07-10T09:00:00+07:00", "TW II");
    assert!(
        quarter_warnings(&repo).is_empty(),
        "{:?}",
        quarter_warnings(&repo)
    );
    assert!(tw1_approved(&repo));

    // TW I's value changed after its approval: no longer marked approved, and a warning.
    repo.edit(REALISASI, "nilai = 2.2\n", "nilai = 2.25\n");
    commit_all(&repo, "Budi", "2025-07-11T09:00:00+07:00", "Koreksi TW I");
    let late = short_head(&repo);
    let found = quarter_warnings(&repo);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        found[0].message,
        format!(
            "data TW I 2025 disetujui pada 2025-04-08, tetapi commit {late} oleh Budi pada 2025-07-11 mengubah 2025/realisasi/kepala.toml setelah itu"
        )
    );
    assert!(
        found[0]
            .help
            .as_deref()
            .unwrap()
            .contains("`triwulan = 1`, `putaran = 2`")
    );
    assert!(!tw1_approved(&repo));
    repo.build();
    let tfr = repo.read_output("2025/indikator/tfr/index.html");
    assert!(!tfr.contains("quarter-approved"));
}

#[test]
fn a_site_page_printed_as_a_chapter_feeds_every_year_a_page_without_bab_none() {
    let repo = Repo::new();
    repo.write(
        "pages/profil.md",
        "+++\njudul = \"Profil\"\nbab = 1\n+++\nProfil dinas.\n",
    );
    repo.write("pages/kontak.md", "+++\njudul = \"Kontak\"\n+++\nAlamat.\n");
    first_commit(&repo, "Anisa", "2026-01-04T09:00:00+07:00", "Data 2025");
    assert!(stale(&repo).is_empty(), "{:?}", stale(&repo));
    // After the approval of 2026-01-06: the contact page changes, then the profile.
    repo.write(
        "pages/kontak.md",
        "+++\njudul = \"Kontak\"\n+++\nAlamat baru.\n",
    );
    commit_all(&repo, "Budi", "2026-02-03T10:00:00+07:00", "Alamat");
    assert!(
        stale(&repo).is_empty(),
        "a page outside the print: {:?}",
        stale(&repo)
    );
    repo.write(
        "pages/profil.md",
        "+++\njudul = \"Profil\"\nbab = 1\n+++\nProfil baru.\n",
    );
    commit_all(&repo, "Budi", "2026-02-04T10:00:00+07:00", "Profil");
    let found = stale(&repo);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        found[0].message,
        format!(
            "2025 disetujui pada 2026-01-06, tetapi commit {} oleh Budi pada 2026-02-04 mengubah pages/profil.md setelah itu",
            short_head(&repo)
        )
    );
}
