//! The public and internal editions, and the provenance the internal one shows: built from
//! temporary report repositories, some of them git repositories with
//! commits by two authors.

mod common;

use std::fs;
use std::path::Path;

use capaian::Site;
use capaian::model::Edition;
use common::Repo;
use common::git::{commit_all, first_commit, short_head};
use common::html::{count, rows, select, select_in, texts, words};
use common::site::snapshot;
use common::toml::{entries, realisation, spending};
use scraper::Html;

const REALISASI: &str = "2025/realisasi/kepala.toml";

/// Names that occur nowhere else in the fixture, so that finding one in a page means it leaked.
const ANISA: &str = "Anisa Rahmawati";
const BUDI: &str = "Budi Santoso";

/// The warnings about an approval the data no longer matches, as the user reads them.
fn stale_warnings(repo: &Repo) -> Vec<String> {
    Site::load(repo.content())
        .unwrap()
        .findings
        .list
        .iter()
        .filter(|f| f.message.contains("disetujui pada"))
        .map(|f| f.message.clone())
        .collect()
}

/// Every file of the build: its path under the output folder and its text (lossy).
fn every_file(root: &Path) -> Vec<(String, String)> {
    snapshot(root)
        .into_iter()
        .map(|(rel, bytes)| (rel, String::from_utf8_lossy(&bytes).into_owned()))
        .collect()
}

/// The cells of the column headed `header` in each quarter row of an indicator page, or `None`
/// without that column.
fn quarter_cells(page: &Html, header: &str) -> Option<Vec<String>> {
    let headers: Vec<String> = select(page, "table.quarters thead th")
        .into_iter()
        .map(words)
        .collect();
    let column = headers.iter().position(|h| h == header)?;
    Some(
        select(page, "table.quarters tbody tr")
            .iter()
            .map(|row| words(select_in(row, "th, td")[column]))
            .collect(),
    )
}

/// The provenance cell of each quarter row of an indicator page, or `None` without the column.
fn provenance_cells(page: &str) -> Option<Vec<String>> {
    quarter_cells(&Html::parse_document(page), "Dicatat")
}

/// The fixture as a git repository: Anisa's first commit, then Budi's correction of TFR TW II;
/// both before the approval of 2025 (recorded on 6 January 2026).
fn two_authors() -> (Repo, String, String) {
    let repo = Repo::new();
    first_commit(
        &repo,
        ANISA,
        "2026-01-04T09:00:00+08:00",
        "Realisasi 2025 awal",
    );
    let first = short_head(&repo);
    repo.edit(REALISASI, "nilai = 2.15", "nilai = 2.14");
    commit_all(
        &repo,
        BUDI,
        "2026-01-05T15:00:00+08:00",
        "Koreksi TFR TW II",
    );
    let second = short_head(&repo);
    (repo, first, second)
}

#[test]
fn each_realisation_shows_who_committed_it_and_the_year_lists_the_commits() {
    let (repo, first, second) = two_authors();
    repo.build();
    assert_eq!(
        stale_warnings(&repo),
        Vec::<String>::new(),
        "nothing changed after the approval"
    );

    let tfr = repo.read_output("2025/indikator/tfr/index.html");
    let cells = provenance_cells(&tfr).expect("the internal edition has the column");
    assert_eq!(
        cells,
        [
            format!("{ANISA} 4 Januari 2026 · {first}"),
            format!("{BUDI} 5 Januari 2026 · {second}"),
            format!("{ANISA} 4 Januari 2026 · {first}"),
            format!("{ANISA} 4 Januari 2026 · {first}"),
        ]
    );
    // IPG is reported for TW IV only: the other quarters have nothing to attribute.
    let ipg = repo.read_output("2025/indikator/ipg/index.html");
    assert_eq!(
        provenance_cells(&ipg).unwrap(),
        ["–", "–", "–", &format!("{ANISA} 4 Januari 2026 · {first}")]
    );

    let year = repo.page("2025/index.html");
    assert_eq!(
        rows(&year, "#riwayat-perubahan tbody tr"),
        [
            ["5 Januari 2026", &second, BUDI, "Koreksi TFR TW II"],
            ["4 Januari 2026", &first, ANISA, "Realisasi 2025 awal"],
        ]
    );
    assert_eq!(select(&year, "a[href='#riwayat-perubahan']").len(), 1);
}

#[test]
fn a_change_not_committed_yet_is_marked_so() {
    let (repo, ..) = two_authors();
    repo.edit(REALISASI, "nilai = 2.05", "nilai = 2.0");
    repo.build();
    let cells = provenance_cells(&repo.read_output("2025/indikator/tfr/index.html")).unwrap();
    assert_eq!(cells[3], "belum di-commit");
}

#[test]
fn content_outside_git_builds_without_provenance() {
    let repo = Repo::new();
    repo.build();
    let tfr = repo.read_output("2025/indikator/tfr/index.html");
    assert_eq!(provenance_cells(&tfr), None);
    let year = repo.page("2025/index.html");
    assert_eq!(count(&year, "#riwayat-perubahan"), 0);
    assert_eq!(count(&year, "a[href='#riwayat-perubahan']"), 0);
}

/// The fixture with a draft year 2026 beside the approved 2025: its numbers (77.77, 3.33,
/// Rp 987.654.321) and its narrative ("rahasia") occur nowhere in 2025.
fn with_draft_year() -> Repo {
    let repo = Repo::new();
    repo.write("2026/pk/kepala.toml", common::PK);
    repo.write(
        "2026/pages/pengantar.md",
        "+++\njudul = \"Kata Pengantar 2026\"\nbab = 0\n+++\nNarasi rahasia tahun berjalan.\n",
    );
    repo.write(
        "2026/realisasi/kepala.toml",
        &entries(&[
            realisation("ipg", 1, "77.77", Some("Angka rahasia draft."))
                + "pelapor = \"sekretaris\"\n",
            realisation("tfr", 1, "3.33", None),
            spending(("program", "p1"), 1, 987_654_321),
        ]),
    );
    repo
}

#[test]
fn the_public_edition_holds_only_approved_years() {
    let repo = with_draft_year();
    let left_out = repo.build_edition(Edition::Public).1;
    assert_eq!(left_out, [2026]);

    let files = every_file(&repo.output());
    assert!(files.iter().any(|(p, _)| p == "2025/index.html"));
    assert!(files.iter().any(|(p, _)| p == "data/2025.json"));
    for (path, text) in &files {
        assert!(
            !path.starts_with("2026"),
            "a page of the draft year: {path}"
        );
        assert!(
            !path.contains("2026."),
            "an export of the draft year: {path}"
        );
        for leak in [
            "77.77",
            "77,77",
            "3.33",
            "3,33",
            "987654321",
            "987.654.321",
            "987,654,321",
            "rahasia",
        ] {
            assert!(!text.contains(leak), "{path} holds the draft number {leak}");
        }
        // Pages, the site map, sitemap.xml and the search index alike.
        assert!(!text.contains("/2026/"), "{path} points to the draft year");
    }
    for (path, text) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = Html::parse_document(text);
        for a in select(&html, "a[href]") {
            let href = a.value().attr("href").unwrap();
            assert!(
                !href.contains("2026/"),
                "{path} links to the draft year: {href}"
            );
            assert!(
                !href.contains("validasi"),
                "{path} links to the findings: {href}"
            );
            assert!(
                !href.contains("formulir"),
                "{path} links to a request form: {href}"
            );
        }
        // The nav, the year switcher and the dashboard name approved years only.
        assert!(
            !text.contains(">2026<") && !text.contains("2026 <span class=\"nav-draft\""),
            "{path} names the draft year"
        );
    }
    let export: serde_json::Value =
        serde_json::from_str(&repo.read_output("data/2025.json")).unwrap();
    assert_eq!(export["tahun"], 2025);

    // No findings, no process records, no reporters.
    assert!(
        !files
            .iter()
            .any(|(p, _)| p.contains("validasi") || p.contains("formulir"))
    );
    let sop = repo.page("sop/index.html");
    assert!(select(&sop, ".compliance-table").is_empty());
    assert_eq!(
        select(&sop, "figure.flowchart svg").len(),
        1,
        "the SOP itself is public"
    );
    let ipg = repo.read_output("2025/indikator/ipg/index.html");
    assert!(
        !ipg.contains("Sekretaris Contoh"),
        "the reporter's name is on the public page"
    );
    let ipg = Html::parse_document(&ipg);
    let headers: Vec<String> = select(&ipg, "table.quarters thead th")
        .iter()
        .map(words)
        .collect();
    assert!(
        !headers.iter().any(|h| h == "Pelapor" || h == "Dicatat"),
        "{headers:?}"
    );
}

#[test]
fn the_internal_edition_holds_every_year_with_its_working_papers() {
    let repo = with_draft_year();
    let left_out = repo.build_edition(Edition::Internal).1;
    assert!(left_out.is_empty());
    assert_eq!(count(&repo.page("2026/index.html"), ".draft-banner"), 1);
    let data: serde_json::Value =
        serde_json::from_str(&repo.read_output("data/2026.json")).expect("JSON");
    let ipg = data["indikator"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "ipg")
        .expect("the IPG is exported");
    assert_eq!(ipg["triwulan"][0]["realisasi"], 77.77);
    assert_eq!(
        texts(&repo.page("2026/pengantar/index.html"), "main p"),
        ["Narasi rahasia tahun berjalan."]
    );
    // What the public edition must not hold is there in the internal one.
    for file in ["search-index.json", "sitemap.xml", "peta-situs/index.html"] {
        assert!(repo.read_output(file).contains("/2026/"), "{file}");
    }
    assert!(repo.output().join("2025/validasi/index.html").is_file());
    assert!(repo.output().join("2026/formulir").is_dir());
    let sop = repo.page("sop/index.html");
    assert_eq!(
        select(&sop, ".compliance-table").len(),
        1,
        "2025 has process records"
    );
    // The IPG's TW IV, reported by the Sekretaris.
    assert_eq!(
        quarter_cells(&repo.page("2025/indikator/ipg/index.html"), "Pelapor"),
        Some(vec![
            "–".into(),
            "–".into(),
            "–".into(),
            "Sekretaris Contoh Sekretaris".into()
        ])
    );
}

#[test]
fn a_change_committed_after_the_approval_is_flagged_and_the_public_edition_leaves_the_year_out() {
    let (repo, ..) = two_authors();
    repo.edit(REALISASI, "nilai = 2.1\n", "nilai = 2.0\n");
    commit_all(&repo, BUDI, "2026-02-03T14:30:00+08:00", "Ubah TFR TW III");
    let late = short_head(&repo);

    let site = Site::load(repo.content()).unwrap();
    let stale: Vec<_> = site
        .located_findings()
        .into_iter()
        .filter(|f| f.message.contains("disetujui pada"))
        .collect();
    assert_eq!(stale.len(), 1, "{stale:?}");
    assert_eq!(
        stale[0].message,
        format!(
            "2025 disetujui pada 2026-01-06, tetapi commit {late} oleh {BUDI} pada 2026-02-03 mengubah 2025/realisasi/kepala.toml setelah itu"
        )
    );
    let place = stale[0].place.as_ref().unwrap();
    assert!(place.path.ends_with("2025/proses.toml"), "{}", place.path);
    assert_eq!(
        place.line,
        common::line_of(common::PROSES, "tanggal = 2026-01-06")
    );
    assert_eq!(
        stale[0].help.as_deref(),
        Some(
            "mintakan persetujuan ulang atas data yang berubah dan catat langkah persetujuan (2) sebagai putaran baru (`putaran = 2`) di 2025/proses.toml; sampai saat itu situs menandai persetujuan 2025 sebagai kedaluwarsa dan edisi publik tidak memuatnya"
        )
    );

    repo.build();
    let year = repo.page("2025/index.html");
    let note = select(&year, ".stale-note");
    assert_eq!(note.len(), 1);
    assert_eq!(
        words(note[0]),
        format!(
            "Data berubah setelah disetujui Angka yang ditampilkan bukan lagi angka yang disetujui pada 6 Januari 2026. 3 Februari 2026 · {late} · {BUDI}: Ubah TFR TW III"
        )
    );
    for page in [
        "2025/index.html",
        "2025/pk/kepala/index.html",
        "2025/indikator/tfr/index.html",
        "index.html",
    ] {
        let html = Html::parse_document(&repo.read_output(page));
        assert_eq!(
            select(&html, ".stale-banner").len(),
            1,
            "{page} lacks the stale banner"
        );
    }

    // What was signed is no longer what the data says: the public edition holds no 2025.
    let left_out = repo.build_edition(Edition::Public).1;
    assert_eq!(left_out, [2025]);
    let site = Site::load(repo.content()).unwrap();
    let (public, _) = site.edition(Edition::Public);
    assert_eq!(
        public.left_out_note(2025),
        "edisi publik: 2025 tidak dimuat: datanya berubah setelah disetujui (catat persetujuan ulang sebagai putaran baru di 2025/proses.toml)"
    );
    for (path, text) in every_file(&repo.output()) {
        assert!(
            !path.starts_with("2025"),
            "a page of the stale year: {path}"
        );
        assert!(!text.contains("/2025/"), "{path} points to the stale year");
        assert!(
            !text.contains(BUDI) && !text.contains(ANISA),
            "{path} names a commit author"
        );
        assert!(!text.contains(&late), "{path} holds a commit id");
        // The stale year's numbers (IPG's realisation).
        for leak in ["91.8", "91,8"] {
            assert!(
                !text.contains(leak),
                "{path} holds {leak} of the stale year"
            );
        }
    }
}

#[test]
fn an_approved_year_brought_into_git_after_its_approval_is_not_flagged() {
    // An agency adopting capaian commits its already approved years in one go.
    let repo = Repo::new();
    first_commit(
        &repo,
        ANISA,
        "2026-11-20T09:00:00+08:00",
        "Impor laporan 2025",
    );
    assert_eq!(stale_warnings(&repo), Vec::<String>::new());

    // A change after the import is a change.
    repo.edit(REALISASI, "nilai = 2.1\n", "nilai = 2.0\n");
    commit_all(&repo, BUDI, "2026-11-21T09:00:00+08:00", "Ubah TFR TW III");
    let late = short_head(&repo);
    assert_eq!(
        stale_warnings(&repo),
        [format!(
            "2025 disetujui pada 2026-01-06, tetapi commit {late} oleh {BUDI} pada 2026-11-21 mengubah 2025/realisasi/kepala.toml setelah itu"
        )]
    );
}

#[test]
fn comments_committed_after_the_approval_change_no_number() {
    // `capaian form` appends its stubs as comments; a blank line changes nothing either.
    let (repo, ..) = two_authors();
    let path = repo.content().join(REALISASI);
    let mut text = fs::read_to_string(&path).unwrap();
    text.push_str("\n# [[realisasi]]\n# indikator = \"ipg\"\n# triwulan = 1\n# nilai =\n");
    fs::write(&path, text).unwrap();
    commit_all(
        &repo,
        BUDI,
        "2026-02-03T14:30:00+08:00",
        "Formulir TW I 2026",
    );
    assert_eq!(stale_warnings(&repo), Vec::<String>::new());
    // The change log still lists it: it did change the file.
    repo.build();
    let log = rows(&repo.page("2025/index.html"), "#riwayat-perubahan tbody tr");
    assert_eq!(log[0][2..], [BUDI, "Formulir TW I 2026"], "{log:?}");
}

#[test]
fn an_uncommitted_change_to_an_approved_year_is_flagged() {
    let (repo, ..) = two_authors();
    repo.edit(REALISASI, "nilai = 2.1\n", "nilai = 2.0\n");
    assert_eq!(
        stale_warnings(&repo),
        [
            "2025 disetujui pada 2026-01-06, tetapi 2025/realisasi/kepala.toml diubah sejak itu (belum di-commit)"
        ]
    );
}

/// A NIP (it encodes a date of birth: 1 January 1970).
const NIP: &str = "197001011995031001";

#[test]
fn the_public_edition_leaves_out_nips_unless_publik_nip_and_keeps_the_signer() {
    let repo = with_draft_year();
    repo.edit(
        "site.toml",
        "jabatan = \"Kepala Dinas\"",
        &format!("nip = \"{NIP}\"\njabatan = \"Kepala Dinas\""),
    );
    repo.build();
    assert_eq!(
        signer(&repo),
        format!("Kepala Contoh , Kepala Dinas NIP {NIP}"),
        "the internal edition shows the signer's NIP"
    );

    repo.build_edition(Edition::Public);
    for (path, text) in every_file(&repo.output()) {
        assert!(!text.contains(NIP), "{path} holds a NIP");
    }
    assert_eq!(
        signer(&repo),
        "Kepala Contoh , Kepala Dinas",
        "the signer's name and position stay"
    );

    repo.edit(
        "site.toml",
        "tanggal_laporan = 2026-01-20\n",
        "tanggal_laporan = 2026-01-20\npublik_nip = true\n",
    );
    repo.build_edition(Edition::Public);
    assert_eq!(
        signer(&repo),
        format!("Kepala Contoh , Kepala Dinas NIP {NIP}")
    );
}

/// Who signed the approval of 2025, as its year page says it (`<strong>name</strong>, position`
/// and the NIP, the text nodes apart).
fn signer(repo: &Repo) -> String {
    words(
        select(
            &repo.page("2025/index.html"),
            ".approval-box dl.approval dd",
        )[0],
    )
}
