//! The narrative of a report: a year's pages (`<year>/pages/*.md`), the printed report of a
//! year built from that year's pages and the site pages with a `bab`, and the shortcodes that
//! quote the computed values.

mod common;

use std::process::Command;

use capaian::Site;
use capaian::finding::{Located, Severity};
use common::Repo;
use common::html::{select, select_in, texts, words};
use scraper::Html;

/// The fixture with a second year, 2024: the same PK, `ipg` realised at 90.5 instead of 91.8.
fn two_years() -> Repo {
    let repo = Repo::new();
    repo.write("2024/pk/kepala.toml", common::PK);
    repo.write(
        "2024/realisasi/kepala.toml",
        &common::REALISASI.replacen("nilai = 91.8", "nilai = 90.5", 1),
    );
    repo.write(
        "2024/proses.toml",
        &common::PROSES.replace("2026-01-0", "2025-01-0"),
    );
    repo
}

fn page(title: &str, order: i64, chapter: i64, body: &str) -> String {
    format!("+++\njudul = \"{title}\"\nurutan = {order}\nbab = {chapter}\n+++\n{body}")
}

fn load(repo: &Repo) -> Site {
    repo.site()
}

fn build(repo: &Repo) -> Site {
    repo.build()
}

fn html(repo: &Repo, rel: &str) -> Html {
    repo.page(rel)
}

/// The paragraphs of a page's article, each its text with white space folded.
fn paragraphs(document: &Html) -> Vec<String> {
    texts(document, "article p")
}

/// The figures (target, realisation, achievement: the fourth to sixth cells) of the year
/// table's row that links to indicator `id`, their text nodes apart ([`words`]).
fn row_of(year: &Html, id: &str) -> Vec<String> {
    let href = format!("/indikator/{id}/");
    let row = select(year, "table.indicators tbody tr")
        .into_iter()
        .find(|r| {
            select_in(r, "a")
                .iter()
                .any(|a| a.attr("href").is_some_and(|h| h.ends_with(&href)))
        })
        .unwrap_or_else(|| panic!("a row for {id}"));
    select_in(&row, "td:nth-child(n+4):nth-child(-n+6)")
        .into_iter()
        .map(words)
        .collect()
}

/// The text of the printed document (the part between the print's marks).
fn printed(repo: &Repo, year: i32) -> String {
    let document = html(repo, &format!("{year}/cetak/index.html"));
    texts(&document, "article.lkjip").concat()
}

fn findings_in(site: &Site, file: &str) -> Vec<Located> {
    site.located_findings()
        .into_iter()
        .filter(|f| f.place.as_ref().is_some_and(|p| p.path.ends_with(file)))
        .collect()
}

#[test]
fn the_print_of_a_year_holds_only_its_own_narrative() {
    let repo = two_years();
    repo.narrative_saying(2024, "Uraian khusus tahun dua ribu dua puluh empat");
    repo.narrative_saying(2025, "Uraian khusus tahun dua ribu dua puluh lima");
    build(&repo);
    let print_2024 = printed(&repo, 2024);
    let print_2025 = printed(&repo, 2025);
    for slug in [
        "ikhtisar",
        "pendahuluan",
        "perencanaan",
        "akuntabilitas",
        "penutup",
    ] {
        assert!(
            print_2024.contains(&format!("dua puluh empat ({slug})")),
            "{slug}"
        );
        assert!(
            print_2025.contains(&format!("dua puluh lima ({slug})")),
            "{slug}"
        );
    }
    assert!(
        !print_2024.contains("dua puluh lima"),
        "no word of 2025 in 2024"
    );
    assert!(
        !print_2025.contains("dua puluh empat"),
        "no word of 2024 in 2025"
    );
    // `bab = 0` (the Ikhtisar) is a chapter: `build` found no error, and it is printed first.
    assert!(print_2024.find("(ikhtisar)") < print_2024.find("(pendahuluan)"));
    // Each page of a year has its own URL under the year, linked from the year's pages.
    let year_page = html(&repo, "2024/index.html");
    let links = texts(&year_page, "nav.year-nav a");
    assert_eq!(
        links,
        [
            "Ikhtisar Eksekutif",
            "Pendahuluan",
            "Perencanaan Kinerja",
            "Akuntabilitas Kinerja",
            "Penutup"
        ]
    );
    assert!(repo.output().join("2024/penutup/index.html").exists());
    assert!(!repo.output().join("penutup/index.html").exists());
}

/// The demo: 2023's printed report quotes none of 2025's narrative, and the Ikhtisar of 2026, a
/// year in progress, quotes the headline of the home page.
#[test]
fn the_demo_narrative_fits_its_year() {
    let demo = common::site::build_demo();
    let read = |rel: &str| std::fs::read_to_string(demo.root.join(rel)).unwrap();
    let print = read("2023/cetak/index.html");
    let own = std::fs::read_to_string(common::site::demo_content().join("2023/pages/ikhtisar.md"))
        .unwrap();
    assert!(own.contains("Elsimil"));
    assert!(
        print.contains("Elsimil"),
        "2023's Ikhtisar is in 2023's print"
    );
    for words in [
        "Instruksi Presiden Nomor 1 Tahun 2025",
        "untuk pertama kalinya melampaui IPG nasional",
        "Capaian kinerja tahun 2025",
    ] {
        assert!(!print.contains(words), "2023's print holds `{words}`");
    }
    assert!(read("2025/cetak/index.html").contains("Instruksi Presiden Nomor 1 Tahun 2025"));

    let home = Html::parse_document(&read("index.html"));
    let headline = texts(&home, "dl.cards dt + dd")[0].clone();
    let measured = texts(&home, "dl.cards dt + dd")[1].clone();
    assert!(headline.ends_with('%'), "{headline}");
    let ikhtisar = Html::parse_document(&read("2026/ikhtisar/index.html"));
    let text = texts(&ikhtisar, "article").concat().replace('\n', " ");
    assert!(
        text.contains(&format!(
            "Rata-rata capaian indikator yang terukur sebesar {headline}"
        )),
        "{text}"
    );
    let (terukur, jumlah) = measured.split_once(" / ").unwrap();
    assert!(
        text.contains(&format!("Dari {jumlah} indikator"))
            && text.contains(&format!(
                "{terukur} indikator telah terukur s.d. Triwulan III"
            )),
        "{text}"
    );
}

#[test]
fn a_shortcode_renders_the_figure_of_the_year_table() {
    let repo = Repo::new();
    repo.narrative_saying(2025, "Isi");
    repo.write(
        "2025/pages/ikhtisar.md",
        &page(
            "Ikhtisar Eksekutif",
            0,
            0,
            "\n| indikator | target | realisasi | capaian |\n|---|---|---|---|\n\
             | ipg | {{ target(indikator=\"ipg\") }} | {{ realisasi(indikator=\"ipg\") }} | {{ capaian(indikator=\"ipg\") }} |\n\
             | tfr | {{ target(indikator=\"tfr\") }} | {{ realisasi(indikator=\"tfr\") }} | {{ capaian(indikator=\"tfr\") }} |\n\n\
             Rata-rata {{ ringkasan(nilai=\"rata_rata_capaian\") }}, serapan {{ ringkasan(nilai=\"serapan\") }} \
             dari {{ ringkasan(nilai=\"pagu\") }}, program {{ program(id=\"p1\", nilai=\"serapan\") }}.\n",
        ),
    );
    build(&repo);
    // The year's table: a row per indicator, its cells target, realisasi, capaian.
    let year = html(&repo, "2025/index.html");
    let ipg = row_of(&year, "ipg");
    let tfr = row_of(&year, "tfr");
    // By hand: 91.8 / 92.5 = 99.24%; (2 × 2.1 − 2.05) / 2.1 = 102.38%.
    assert_eq!(ipg, ["92,5", "91,8", "99,24%"]);
    assert_eq!(tfr, ["2,1", "2,05", "102,38%"]);

    for document in [
        html(&repo, "2025/ikhtisar/index.html"),
        Html::parse_document(&repo.read_output("2025/cetak/index.html")),
    ] {
        let cells = texts(&document, ".prose table td, .page-body table td");
        assert!(
            cells.windows(4).any(|w| w[0] == "ipg" && w[1..] == ipg[..]),
            "{cells:?}"
        );
        assert!(
            cells.windows(4).any(|w| w[0] == "tfr" && w[1..] == tfr[..]),
            "{cells:?}"
        );
    }
    let page = html(&repo, "2025/ikhtisar/index.html");
    // The summary cards of the year: mean (99.24 + 102.38) / 2 = 100.81%, serapan
    // 1,100,000,000 of 1,250,000,000 = 88%.
    let cards = texts(&year, "dl.cards dt + dd");
    assert_eq!(cards[0], "100,81%");
    assert_eq!(
        paragraphs(&page),
        ["Rata-rata 100,81%, serapan 88,00% dari Rp 1.250.000.000, program 88,00%."]
    );
}

#[test]
fn an_unknown_shortcode_name_or_indicator_is_an_error_at_its_place() {
    let repo = Repo::new();
    repo.narrative_saying(2025, "Isi");
    let text = page(
        "Ikhtisar Eksekutif",
        0,
        0,
        "\nBaris satu.\n\nIPG {{ capian(indikator=\"ipg\") }} dan\nTFR {{ capaian(indikator=\"tfrr\") }}.\nRata-rata {{ ringkasan(nilai=\"rerata\") }}.\n",
    );
    repo.write("2025/pages/ikhtisar.md", &text);
    let site = load(&repo);
    let errors = findings_in(&site, "content/2025/pages/ikhtisar.md");
    let at = |needle: &str| {
        let line = common::line_of(&text, needle);
        let start = text.find(needle).unwrap();
        let column = start - text[..start].rfind('\n').map_or(0, |i| i + 1) + 1;
        (line, column)
    };
    let places: Vec<(usize, usize, &str)> = errors
        .iter()
        .map(|f| {
            let p = f.place.as_ref().unwrap();
            (p.line, p.column, f.message.as_str())
        })
        .collect();
    let (l1, c1) = at("capian(");
    let (l2, c2) = at("tfrr");
    let (l3, c3) = at("rerata");
    assert_eq!((l1, c1), (9, 8), "by hand: line 9, after `IPG {{{{ `");
    assert_eq!(
        places,
        [
            (l1, c1, "shortcode `capian` tidak dikenal"),
            (l2, c2, "tahun 2025 tidak memiliki indikator `tfrr`"),
            (l3, c3, "`rerata` bukan nilai `ringkasan`"),
        ]
    );
    assert!(errors.iter().all(|f| f.severity == Severity::Error));
    assert!(
        errors[0]
            .help
            .as_deref()
            .unwrap()
            .starts_with("mungkin maksudnya `capaian`?")
    );
    assert!(
        errors[1]
            .help
            .as_deref()
            .unwrap()
            .starts_with("mungkin maksudnya `tfr`?")
    );
    assert_eq!(errors[1].year, Some(2025));

    // `capaian check` finds them too, and fails.
    let out = Command::new(env!("CARGO_BIN_EXE_capaian"))
        .args(["check", "--format", "json"])
        .current_dir(repo.dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let found = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["message"] == "tahun 2025 tidak memiliki indikator `tfrr`")
        .expect("the unknown indicator");
    assert_eq!(found["place"]["path"], "content/2025/pages/ikhtisar.md");
    assert_eq!(found["place"]["line"], l2);
    assert_eq!(found["place"]["column"], c2);
}

#[test]
fn a_chapter_without_a_page_is_a_warning() {
    let repo = Repo::new();
    repo.narrative_saying(2025, "Isi");
    std::fs::remove_file(repo.content().join("2025/pages/akuntabilitas.md")).unwrap();
    let site = load(&repo);
    let warnings: Vec<Located> = site
        .located_findings()
        .into_iter()
        .filter(|f| f.message.contains("laporan cetak"))
        .collect();
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    let warning = &warnings[0];
    assert_eq!(warning.severity, Severity::Warning);
    assert_eq!(warning.year, Some(2025));
    // At the year's folder.
    let place = warning.place.as_ref().expect("a place");
    assert!(place.path.ends_with("/content/2025"), "{}", place.path);
    assert_eq!((place.line, place.column), (1, 1));
    assert_eq!(warning.label, "folder tahun ini");
    assert_eq!(
        warning.message,
        "Bab III Akuntabilitas Kinerja laporan cetak tahun 2025 tidak memiliki halaman: tidak ada halaman dengan `bab = 3` di 2025/pages/ maupun di pages/"
    );
    assert_eq!(
        warning.help.as_deref(),
        Some("tulis 2025/pages/akuntabilitas.md dengan front matter `judul` dan `bab = 3`")
    );
    // The print still has the chapter, and builds.
    build(&repo);
    let print = html(&repo, "2025/cetak/index.html");
    assert_eq!(
        texts(&print, "section.bab h1.bab-judul"),
        [
            "Bab I Pendahuluan",
            "Bab II Perencanaan Kinerja",
            "Bab III Akuntabilitas Kinerja",
            "Bab IV Penutup"
        ]
    );
    // Bab III has its tables but no page of narrative; the others print theirs.
    let printed = paragraphs(&print);
    for slug in ["ikhtisar", "pendahuluan", "perencanaan", "penutup"] {
        assert!(
            printed.contains(&format!("Isi ({slug}).")),
            "{slug}: {printed:?}"
        );
    }
    assert!(!printed.contains(&"Isi (akuntabilitas).".to_string()));

    // No narrative at all: one warning for the year, not five.
    let bare = Repo::new();
    let site = load(&bare);
    let warnings: Vec<Located> = site
        .located_findings()
        .into_iter()
        .filter(|f| f.message.contains("laporan cetak"))
        .collect();
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert!(
        warnings[0]
            .message
            .starts_with("laporan cetak tahun 2025 tidak memuat narasi"),
        "{}",
        warnings[0].message
    );
}

#[test]
fn a_site_page_with_a_chapter_is_in_every_years_print_with_that_years_figures() {
    let repo = two_years();
    repo.narrative_saying(2024, "Isi");
    repo.narrative_saying(2025, "Isi");
    repo.write(
        "pages/profil.md",
        &page(
            "Profil Dinas",
            5,
            1,
            "\nRealisasi IPG tahun laporan ini {{ realisasi(indikator=\"ipg\") }}.\n",
        ),
    );
    // A site page without a chapter is in no print.
    repo.write(
        "pages/tentang.md",
        "+++\njudul = \"Tentang situs\"\n+++\nHalaman umum tanpa bab.\n",
    );
    build(&repo);
    let print_2024 = printed(&repo, 2024);
    let print_2025 = printed(&repo, 2025);
    assert!(print_2024.contains("Profil Dinas"));
    assert!(print_2025.contains("Profil Dinas"));
    for (year, realised) in [(2024, "90,5"), (2025, "91,8")] {
        let print = paragraphs(&html(&repo, &format!("{year}/cetak/index.html")));
        let quoted = format!("Realisasi IPG tahun laporan ini {realised}.");
        assert!(print.contains(&quoted), "{year}: {print:?}");
    }
    assert!(!print_2024.contains("Halaman umum tanpa bab"));
    // On its own URL the site page quotes the latest year.
    assert_eq!(
        paragraphs(&html(&repo, "profil/index.html")),
        ["Realisasi IPG tahun laporan ini 91,8."]
    );
}

/// In a year in progress the tables show the achievement up to the latest quarter ended, and
/// so does `capaian`: never the achievement against the year target.
#[test]
fn in_a_year_in_progress_a_shortcode_quotes_the_period_achievement() {
    let repo = Repo::new();
    repo.edit(
        "site.toml",
        "tanggal_laporan = 2026-01-20",
        "tanggal_laporan = 2025-08-15",
    );
    repo.edit(
        "2025/pk/kepala.toml",
        "target_triwulan = [2.1, 2.1, 2.1, 2.1]",
        "target_triwulan = [2.3, 2.2, 2.15, 2.1]",
    );
    // Reported up to the second quarter only.
    let realisations = common::REALISASI
        .split("[[realisasi]]")
        .filter(|entry| {
            !entry.contains("triwulan = 3") && !entry.contains("triwulan = 4\nnilai = 2.05")
        })
        .collect::<Vec<_>>()
        .join("[[realisasi]]");
    let realisations = realisations.replacen(
        "triwulan = 4\nnilai = 91.8",
        "triwulan = 2\nnilai = 91.8",
        1,
    );
    repo.write("2025/realisasi/kepala.toml", &realisations);
    repo.narrative_saying(2025, "Isi");
    repo.write(
        "2025/pages/ikhtisar.md",
        &page(
            "Ikhtisar Eksekutif",
            0,
            0,
            "\nTFR {{ ringkasan(nilai=\"periode\") }}: {{ capaian(indikator=\"tfr\") }}.\n",
        ),
    );
    build(&repo);
    let year = html(&repo, "2025/index.html");
    // By hand: s.d. TW II, R = 2.15 against T₂ = 2.2: (2 × 2.2 − 2.15) / 2.2 = 102.27%; against
    // the year target 2.1 it would be 97.62%.
    assert_eq!(row_of(&year, "tfr")[2], "102,27% s.d. Triwulan II");
    assert_eq!(
        paragraphs(&html(&repo, "2025/ikhtisar/index.html")),
        ["TFR s.d. Triwulan II: 102,27%."]
    );
}

#[test]
fn a_chapter_out_of_range_a_taken_name_and_a_later_year_are_errors() {
    let repo = two_years();
    repo.narrative_saying(2024, "Isi");
    repo.narrative_saying(2025, "Isi");
    let text = page(
        "Lain",
        9,
        5,
        "\nRealisasi 2025: {{ realisasi(indikator=\"ipg\", tahun=2025) }}.\n",
    );
    repo.write("2024/pages/lain.md", &text);
    repo.write("2024/pages/cetak.md", &page("Cetak", 9, 1, "\nIsi.\n"));
    let site = load(&repo);
    let lain: Vec<(usize, usize, String)> = findings_in(&site, "content/2024/pages/lain.md")
        .into_iter()
        .map(|f| {
            let p = f.place.unwrap();
            (p.line, p.column, f.message)
        })
        .collect();
    assert_eq!(
        lain,
        [
            (4, 7, "bab 5 tidak ada dalam laporan cetak".to_string()),
            (
                7,
                53,
                "halaman tahun 2024 mengutip tahun 2025 yang lebih kemudian".to_string()
            ),
        ]
    );
    let taken = findings_in(&site, "content/2024/pages/cetak.md");
    assert_eq!(taken.len(), 1, "{taken:#?}");
    assert_eq!(
        taken[0].message,
        "nama halaman `cetak` sudah dipakai situs untuk tahun 2024"
    );
    assert_eq!(taken[0].severity, Severity::Error);
}

/// A published year's page that quotes a year the public edition leaves out shows `–` there,
/// and the check says so at the quote.
#[test]
fn a_quote_of_a_year_left_out_of_the_public_edition_is_a_warning_and_a_dash() {
    let repo = two_years();
    // 2024 is a draft: its approval step (2) is not recorded.
    repo.write(
        "2024/proses.toml",
        "[[langkah]]\nno = 1\ntanggal = 2025-01-05\noleh = \"kepala\"\n",
    );
    repo.narrative_saying(2024, "Isi");
    repo.narrative_saying(2025, "Isi");
    let text = page(
        "Ikhtisar Eksekutif",
        0,
        0,
        "\nIPG naik dari {{ realisasi(indikator=\"ipg\", tahun=2024) }} menjadi {{ realisasi(indikator=\"ipg\") }}; TFR {{ realisasi(indikator=\"tfr\", tahun=2024) }}.\n",
    );
    repo.write("2025/pages/ikhtisar.md", &text);
    let site = build(&repo);
    let warnings = findings_in(&site, "content/2025/pages/ikhtisar.md");
    assert_eq!(
        warnings.len(),
        1,
        "one per page and quoted year: {warnings:#?}"
    );
    let place = warnings[0].place.as_ref().unwrap();
    assert_eq!(
        (place.line, place.column),
        (7, text.lines().nth(6).unwrap().find("2024").unwrap() + 1)
    );
    assert_eq!(
        warnings[0].message,
        "halaman tahun 2025 mengutip tahun 2024, yang tidak dimuat edisi publik: di sana kutipannya tampil sebagai –"
    );
    // Internal: the figure of 2024; public: a dash, never the draft's number.
    assert_eq!(
        paragraphs(&html(&repo, "2025/ikhtisar/index.html")),
        ["IPG naik dari 90,5 menjadi 91,8; TFR 2,05."]
    );
    let (public, _) = site.edition(capaian::model::Edition::Public);
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("site");
    common::build::build_into(&public, &output);
    let page = Html::parse_document(
        &std::fs::read_to_string(output.join("2025/ikhtisar/index.html")).unwrap(),
    );
    assert_eq!(paragraphs(&page), ["IPG naik dari – menjadi 91,8; TFR –."]);
    assert!(!output.join("2024").exists());
}
