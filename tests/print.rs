//! The printed LKjIP (`/<year>/cetak/`), read as an evaluator reads it: the parts in the order
//! of the PermenPAN-RB 53/2014 annex, Bab III A by the sasaran strategis of the head's PK with
//! a line each in the contents, the IKU table and document, the budget down to sub-kegiatan,
//! the review statement, and the detail of the lower echelons only in the annex.
//!
//! The HTML tests always run (the demo is built into a temporary folder). The PDF test prints
//! the demo's 2025 report with Chromium and reads it with poppler; without them it is skipped
//! with a message, and with `CI` set it fails instead (the convention of tests/browser.rs).

use std::path::Path;
use std::process::Command;

use capaian::Site;
use capaian::model::{Pk, Report, Role};
use capaian::pdf::{self, PrintSource};
use scraper::Html;

mod common;

use common::browser::tools;
use common::html::{select, select_in, text};
use common::site::{build_demo, demo_content, shared_demo};

const YEAR: i32 = 2025;

/// The demo's model, to name what the print must hold without copying it here.
fn demo_report() -> Report {
    Site::load(demo_content()).expect("the demo loads").report
}

/// The head's PK: the one signed by the official whose `peran` is `kepala_opd`.
fn head(report: &Report) -> &Pk {
    report.years[&YEAR]
        .pks
        .iter()
        .find(|pk| {
            report
                .official(&pk.official)
                .is_some_and(|o| *o.role == Role::KepalaOpd)
        })
        .expect("the demo has the head's PK")
}

/// The printed report of 2025 of the demo, as HTML.
fn printed_html() -> String {
    std::fs::read_to_string(shared_demo().join(format!("{YEAR}/cetak/index.html"))).unwrap()
}

/// Where `id` is in the page: the byte offset of `id="…"`.
fn at(html: &str, id: &str) -> usize {
    html.find(&format!(" id=\"{id}\""))
        .unwrap_or_else(|| panic!("`#{id}` is in the print"))
}

#[test]
fn the_parts_come_in_the_order_of_the_annex() {
    let report = demo_report();
    let head = head(&report);
    let html = printed_html();
    let mut order: Vec<String> = [
        "sampul",
        "hal-pengantar",
        "hal-ikhtisar",
        "daftar-isi",
        "daftar-tabel",
        "daftar-gambar",
        "bab-1",
        "bab-2",
        "renstra",
        "iku",
        "perjanjian-kinerja",
        "bab-3",
        "capaian-kinerja",
    ]
    .map(String::from)
    .to_vec();
    order.extend(head.goals.iter().map(|g| format!("sasaran-{}", *g.id)));
    order.extend(
        [
            "realisasi-anggaran",
            "bab-4",
            "pengesahan",
            "lampiran",
            "lampiran-kepala",
            "lampiran-iku",
            "lampiran-reviu",
            "lampiran-tindak-lanjut",
            "lampiran-capaian",
            "lampiran-metodologi",
            "lampiran-bukti",
        ]
        .map(String::from),
    );
    for pair in order.windows(2) {
        assert!(
            at(&html, &pair[0]) < at(&html, &pair[1]),
            "`#{}` comes before `#{}`",
            pair[0],
            pair[1]
        );
    }
    let document = Html::parse_document(&html);
    // Bab III is lettered as the regulation letters it.
    let bab_iii = text(select(&document, "#capaian-kinerja > h2")[0]);
    assert_eq!(bab_iii, "A. Capaian Kinerja Organisasi");
    // The annex follows up the last evaluation's recommendations, one row each, with the
    // status the file gives.
    let follow_up = &report.years[&YEAR]
        .follow_up
        .as_ref()
        .unwrap()
        .recommendations;
    let rows = select(&document, "#lampiran-tindak-lanjut tbody tr");
    assert_eq!(rows.len(), follow_up.len());
    for (row, recommendation) in rows.iter().zip(follow_up) {
        assert_eq!(
            text(select_in(row, "th")[0]),
            recommendation.text.value.trim()
        );
    }
    assert!(
        select(&document, "#daftar-isi a[href='#lampiran-tindak-lanjut']").len() == 1,
        "the contents list the follow-up"
    );
    let budget = text(select(&document, "#realisasi-anggaran h2")[0]);
    assert_eq!(budget, "B. Realisasi Anggaran");
    // The Kata Pengantar and the report are signed by the head, with room to sign.
    let head_name = &report.official(&head.official).unwrap().name;
    for part in ["#hal-pengantar", "#pengesahan"] {
        let signature = select(&document, &format!("{part} .sign-name"));
        assert_eq!(signature.len(), 1, "{part} is signed once");
        assert_eq!(text(signature[0]), *head_name, "{part}");
        assert_eq!(
            select(&document, &format!("{part} .sign-space")).len(),
            1,
            "{part} leaves room to sign"
        );
    }
}

#[test]
fn the_contents_have_a_line_per_sasaran_strategis_and_the_lists_point_at_their_tables() {
    let report = demo_report();
    let head = head(&report);
    let document = Html::parse_document(&printed_html());
    let lines = select(&document, "#daftar-isi li.toc-3 a");
    for (n, goal) in head.goals.iter().enumerate() {
        let line = lines
            .iter()
            .find(|a| a.value().attr("href") == Some(&format!("#sasaran-{}", *goal.id)))
            .unwrap_or_else(|| panic!("a contents line for the goal `{}`", *goal.id));
        assert_eq!(
            text(select_in(line, ".toc-label")[0]),
            format!("Sasaran Strategis {}: {}", n + 1, goal.name)
        );
        assert!(
            select_in(line, "[data-halaman-untuk]").len() == 1,
            "the line has the place of its page number"
        );
    }
    // Every numbered table and figure is listed with its caption, and the caption is in the
    // document under the id its line points at: Tabel 2.1 …, Tabel 3.1 …, Gambar 3.1 ….
    for (list, word) in [("#daftar-tabel", "Tabel"), ("#daftar-gambar", "Gambar")] {
        let entries = select(&document, &format!("{list} li a"));
        assert!(
            entries.len() >= head.goals.len(),
            "{list}: {}",
            entries.len()
        );
        for entry in &entries {
            let id = entry.value().attr("href").unwrap().trim_start_matches('#');
            let caption = select(&document, &format!("[id=\"{id}\"]"));
            assert_eq!(caption.len(), 1, "`#{id}` exists once");
            let label = text(select_in(entry, ".toc-label")[0]);
            assert!(label.starts_with(&format!("{word} ")), "{label}");
            assert!(
                text(caption[0]).contains(&label),
                "`#{id}` is captioned `{label}`"
            );
        }
    }
    let tables: Vec<String> = select(&document, "#daftar-tabel .toc-label")
        .iter()
        .map(text)
        .collect();
    // One table per sasaran strategis in Bab III, numbered after the chapter.
    for (n, goal) in head.goals.iter().enumerate() {
        assert!(
            tables
                .iter()
                .any(|t| t.starts_with(&format!("Tabel 3.{} ", n + 1)) && t.ends_with(&goal.name)),
            "Tabel 3.{} is the goal `{}`: {tables:?}",
            n + 1,
            *goal.id
        );
    }
}

#[test]
fn bab_iii_a_holds_the_heads_indicators_and_the_annex_the_others() {
    let report = demo_report();
    let head = head(&report);
    let html = printed_html();
    let lampiran = at(&html, "lampiran");
    let bab_iii = at(&html, "capaian-kinerja");
    for (goal, indicator) in head.indicators() {
        let place = at(&html, &format!("indikator-{}", *indicator.id));
        assert!(
            bab_iii < place && place < lampiran,
            "the head's indicator `{}` (goal `{}`) is in Bab III A",
            *indicator.id,
            *goal.id
        );
    }
    let others: Vec<&Pk> = report.years[&YEAR]
        .pks
        .iter()
        .filter(|pk| pk.id != head.id)
        .collect();
    assert!(
        others.len() >= 10,
        "the demo's lower echelons: {}",
        others.len()
    );
    let detail = at(&html, "lampiran-capaian");
    for pk in &others {
        for (_, indicator) in pk.indicators() {
            let place = at(&html, &format!("indikator-{}", *indicator.id));
            assert!(
                place > detail,
                "`{}` of {} is detailed in the annex, not in Bab III",
                *indicator.id,
                pk.id
            );
        }
    }
    // Each sasaran of Bab III A: its indicators' table, one chart, the seven comparisons of
    // each indicator.
    let document = Html::parse_document(&html);
    for goal in &head.goals {
        let section = format!("#capaian-kinerja #sasaran-{}", *goal.id);
        assert_eq!(
            select(&document, &format!("{section} > figure.chart")).len(),
            1,
            "one chart for the goal `{}`",
            *goal.id
        );
        for indicator in &goal.indicators {
            let headings: Vec<String> = select(
                &document,
                &format!("#indikator-{} .judul-perbandingan", *indicator.id),
            )
            .iter()
            .map(text)
            .collect();
            let numbers: Vec<&str> = headings
                .iter()
                .map(|h| h.split_once('.').map_or("", |(n, _)| n))
                .collect();
            assert_eq!(
                numbers,
                ["1", "2", "3", "4", "5", "6", "7"],
                "{}: {headings:?}",
                *indicator.id
            );
        }
    }
}

#[test]
fn the_iku_table_the_budget_hierarchy_and_the_review_statement_are_printed() {
    let report = demo_report();
    let head = head(&report);
    let document = Html::parse_document(&printed_html());
    let iku: Vec<&str> = head
        .indicators()
        .filter(|(_, i)| i.is_iku())
        .map(|(_, i)| i.name.as_str())
        .collect();
    assert!(!iku.is_empty(), "the demo marks its IKU");
    // Bab II: the IKU table, one row per IKU; the annex: the IKU document with its columns.
    let rows = select(&document, "#iku table.iku tbody tr");
    assert_eq!(rows.len(), iku.len());
    for (row, name) in rows.iter().zip(&iku) {
        assert!(text(row).contains(name), "{}", text(row));
    }
    let columns: Vec<String> = select(&document, "#lampiran-iku table thead th")
        .iter()
        .map(text)
        .collect();
    assert_eq!(
        columns,
        [
            "No",
            "Indikator Kinerja Utama",
            "Definisi operasional",
            "Formula",
            "Sumber data",
            "Penanggung jawab"
        ]
    );
    let documented = select(&document, "#lampiran-iku table tbody tr");
    assert_eq!(documented.len(), iku.len());
    for row in &documented {
        let cells: Vec<String> = select_in(row, "td").iter().map(text).collect();
        assert!(
            cells.iter().all(|c| !c.is_empty() && c != "–"),
            "every column of an IKU is filled: {cells:?}"
        );
    }

    // Bab III B: programmes, kegiatan and sub-kegiatan with their codes, both budgets.
    let sub = select(&document, "#realisasi-anggaran tr.tingkat-sub");
    assert!(!sub.is_empty(), "sub-kegiatan rows");
    let kegiatan = select(&document, "#realisasi-anggaran tr.tingkat-kegiatan");
    for row in kegiatan.iter().chain(&sub) {
        let code = row.value().attr("data-kode").unwrap();
        assert!(code.starts_with("2."), "a Permendagri 90/2019 code: {code}");
        assert_eq!(text(select_in(row, "td.kode")[0]), code);
    }
    let columns: Vec<String> = select(&document, "#realisasi-anggaran table thead th")
        .iter()
        .map(text)
        .collect();
    assert_eq!(
        columns[3..5],
        ["Pagu Murni", "Pagu Perubahan"],
        "{columns:?}"
    );
    let budgets: Vec<(String, String)> = sub
        .iter()
        .map(|row| {
            let cells: Vec<String> = select_in(row, "td").iter().map(text).collect();
            (cells[3].clone(), cells[4].clone())
        })
        .collect();
    assert!(
        budgets.iter().all(|(murni, _)| murni.starts_with("Rp ")),
        "every sub-kegiatan has its pagu: {budgets:?}"
    );
    assert!(
        budgets
            .iter()
            .any(|(_, perubahan)| perubahan.starts_with("Rp ")),
        "the revised budgets of 2025 are printed beside the original: {budgets:?}"
    );

    // The annex: the review statement by the APIP, as proses.toml records it.
    let review = &report.years[&YEAR]
        .process
        .as_ref()
        .and_then(|p| p.review.as_ref())
        .expect("the demo's 2025 has [reviu]")
        .value;
    let statement = text(select(&document, "#lampiran-reviu")[0]);
    assert!(
        statement.starts_with("Pernyataan Telah Direviu"),
        "{statement}"
    );
    for part in [&review.nama, &review.jabatan, &review.nomor] {
        assert!(
            statement.contains(part.as_str()),
            "`{part}` in: {statement}"
        );
    }
    assert!(statement.contains("Kami telah mereviu Laporan Kinerja"));
}

#[test]
fn a_year_without_a_review_prints_no_statement() {
    let html = std::fs::read_to_string(shared_demo().join("2024/cetak/index.html")).unwrap();
    let report = demo_report();
    let reviewed = report.years[&2024]
        .process
        .as_ref()
        .is_some_and(|p| p.review.is_some());
    assert_eq!(
        html.contains("id=\"lampiran-reviu\""),
        reviewed,
        "the statement is printed exactly when [reviu] is recorded"
    );
    assert_eq!(html.contains("Pernyataan Telah Direviu"), reviewed);
}

// -- the PDF ----------------------------------------------------------------------------------

fn pages_text(pdf: &Path) -> Vec<String> {
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(out.status.success(), "pdftotext failed");
    String::from_utf8_lossy(&out.stdout)
        .split('\u{c}')
        .map(|page| {
            page.lines()
                .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect()
}

#[test]
fn the_pdf_reads_in_the_order_of_the_annex() {
    let Some(_tools) = tools() else { return };
    let report = demo_report();
    let head = head(&report);
    let demo = build_demo();
    let out = demo.root.parent().unwrap().join("lkjip-2025.pdf");
    pdf::print_pdf(
        PrintSource::Built {
            root: &demo.root,
            base_url: "/",
            page: "2025/cetak/",
        },
        &out,
    )
    .unwrap_or_else(|e| panic!("printing: {e}"));
    let pages = pages_text(&out);
    // The first page whose text holds `needle` (line by line), from page `from` on.
    let page_of = |needle: &str, from: usize| -> usize {
        pages
            .iter()
            .enumerate()
            .skip(from)
            .find(|(_, p)| p.lines().any(|l| l.contains(needle)))
            .map(|(n, _)| n)
            .unwrap_or_else(|| panic!("`{needle}` is printed after page {}", from + 1))
    };
    let cover = page_of("LAPORAN KINERJA INSTANSI PEMERINTAH", 0);
    assert_eq!(cover, 0, "the cover is the first page");
    let pengantar = page_of("KATA PENGANTAR", 0);
    let ikhtisar = page_of("IKHTISAR EKSEKUTIF", 0);
    let contents = page_of("DAFTAR ISI", 0);
    let tables = page_of("DAFTAR TABEL", 0);
    // Past the lists, the parts themselves.
    let after_lists = page_of("DAFTAR GAMBAR", 0) + 1;
    let bab_i = page_of("BAB I", after_lists);
    let bab_ii = page_of("BAB II", after_lists);
    let bab_iii = page_of("BAB III", after_lists);
    let mut sasaran = Vec::new();
    for (n, goal) in head.goals.iter().enumerate() {
        let line = format!("Sasaran Strategis {}:", n + 1);
        sasaran.push(page_of(&line, after_lists));
        // The contents name it with its page.
        let toc = pages[contents..tables].join("\n");
        let printed = toc
            .lines()
            .skip_while(|l| !l.starts_with(&line))
            .find_map(|l| l.rsplit(' ').next().filter(|n| n.parse::<usize>().is_ok()))
            .unwrap_or_else(|| panic!("the contents list `{line}` ({}):\n{toc}", goal.name));
        assert_eq!(
            printed,
            (sasaran[n] + 1).to_string(),
            "the contents give the page of `{line}`"
        );
    }
    let budget = page_of("B. Realisasi Anggaran", after_lists);
    let bab_iv = page_of("BAB IV", after_lists);
    let head_name = &report.official(&head.official).unwrap().name;
    let signed = page_of(head_name, bab_iv);
    let lampiran = page_of("LAMPIRAN", after_lists);
    let review = page_of("PERNYATAAN TELAH DIREVIU", lampiran);
    let detail = page_of("CAPAIAN KINERJA RINCI", lampiran);
    let mut order = vec![
        ("cover", cover),
        ("Kata Pengantar", pengantar),
        ("Ikhtisar Eksekutif", ikhtisar),
        ("Daftar Isi", contents),
        ("Daftar Tabel", tables),
        ("Bab I", bab_i),
        ("Bab II", bab_ii),
        ("Bab III", bab_iii),
    ];
    order.extend(sasaran.iter().map(|&p| ("a sasaran of Bab III A", p)));
    order.extend([
        ("Bab III B", budget),
        ("Bab IV", bab_iv),
        ("the signature", signed),
    ]);
    for pair in order.windows(2) {
        assert!(
            pair[0].1 <= pair[1].1,
            "{} (page {}) before {} (page {})",
            pair[0].0,
            pair[0].1 + 1,
            pair[1].0,
            pair[1].1 + 1
        );
    }
    assert!(signed < lampiran, "the report is signed before the annex");
    assert!(
        lampiran < review && review < detail,
        "the annex: review, then detail"
    );
    // The IKU table in Bab II, and no lower-echelon PK's detail before the annex.
    let iku = page_of("Tabel 2.2 Indikator Kinerja Utama", after_lists);
    assert!(bab_ii <= iku && iku < bab_iii);
    let sekretaris = page_of("Perjanjian Kinerja Sekretaris", after_lists);
    assert!(
        sekretaris > lampiran,
        "the Sekretaris' PK appears first in the annex (page {})",
        sekretaris + 1
    );
}
