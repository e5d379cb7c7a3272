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
            text(select_in(line, "span:first-child")[0]),
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
            let label = text(select_in(entry, "span:first-child")[0]);
            assert!(label.starts_with(&format!("{word} ")), "{label}");
            assert!(
                text(caption[0]).contains(&label),
                "`#{id}` is captioned `{label}`"
            );
        }
    }
    let tables: Vec<String> = select(&document, "#daftar-tabel a > span:first-child")
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
    // The others' goals are in the annex, each indicator a row of its goal's table (found by
    // its name: the rows carry no id unless something in the document links to them).
    let document = Html::parse_document(&html);
    let detail = at(&html, "lampiran-capaian");
    for pk in &others {
        for goal in &pk.goals {
            let place = at(&html, &format!("sasaran-{}", *goal.id));
            assert!(
                place > detail,
                "the goal `{}` of {} is detailed in the annex, not in Bab III",
                *goal.id,
                pk.id
            );
            let names = cells(
                &document,
                &format!(
                    "#lampiran-capaian #sasaran-{} table.ukur tbody td:nth-child(2)",
                    *goal.id
                ),
            );
            for indicator in &goal.indicators {
                assert!(
                    names.iter().any(|n| n.starts_with(&indicator.name)),
                    "`{}` of {} is a row of its goal's table in the annex: {names:?}",
                    *indicator.id,
                    pk.id
                );
            }
        }
    }
    // Each sasaran of Bab III A: its indicators' table, one chart, the seven comparisons of
    // each indicator.
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

/// The texts of the cells of the elements `css` selects, row by row.
fn cells(document: &Html, css: &str) -> Vec<String> {
    select(document, css).iter().map(text).collect()
}

#[test]
fn the_annex_measures_each_lower_sasaran_in_one_table() {
    let document = Html::parse_document(&printed_html());
    let goal = "#lampiran-capaian #sasaran-sek-s1";
    // The head: the four quarters, then the demo's earlier years as columns; neither indicator
    // of the Sekretaris's goal is in the Renstra or has a standard, so no column for them
    // and one line that says so.
    assert_eq!(
        cells(
            &document,
            &format!("{goal} table.ukur thead tr.kelompok th")
        ),
        [
            "",
            "Realisasi s.d. triwulan",
            "",
            "Capaian tahun sebelumnya (%)"
        ]
    );
    assert_eq!(
        cells(
            &document,
            &format!("{goal} table.ukur thead tr:last-child th")
        ),
        [
            "No",
            "Indikator Kinerja",
            "Satuan",
            "Target",
            "I",
            "II",
            "III",
            "IV",
            "Realisasi 2025",
            "Capaian (%)",
            "Kategori",
            "2023",
            "2024"
        ]
    );
    assert_eq!(
        cells(&document, &format!("{goal} > p.note")),
        ["Tidak ada indikator dalam Renstra. Tidak ada standar nasional atau pembanding."]
    );
    // By hand, from {2023,2024,2025}/realisasi/sekretaris.toml and pk/sekretaris.toml.
    // Dokumen tepat waktu (akhir, target 100): the quarters 25, 50, 68,75, 100; 100/100;
    // 2023: 93,75/100 = 93,75%; 2024: 100/100.
    // A row is found by its number, as a reader of the print finds it: the annex's rows
    // carry no id unless something in the document links to them.
    let row = |nomor: &str| -> Vec<String> {
        select(&document, &format!("{goal} table.ukur tbody tr"))
            .iter()
            .map(|tr| {
                select_in(tr, "td")
                    .into_iter()
                    .map(text)
                    .collect::<Vec<_>>()
            })
            .find(|cells| cells.first().is_some_and(|c| c == nomor))
            .unwrap_or_default()
    };
    let dokumen = row("1.1.1");
    assert_eq!(dokumen[0], "1.1.1");
    assert!(dokumen[1].starts_with("Persentase dokumen perencanaan") && dokumen[1].contains('↑'));
    assert_eq!(
        dokumen[2..],
        [
            "%",
            "100",
            "25",
            "50",
            "68,75",
            "100",
            "100",
            "100,00",
            "Sangat Tinggi",
            "93,75",
            "100,00"
        ]
    );
    // IKM (rata_rata, target 82): 82,4; (82,4 + 83,1) / 2 = 82,75; + 84,0 → 83,17; + 83,6 →
    // 333,1 / 4 = 83,275, 83,275 / 82 = 101,55%. 2023: (78,6 + 80,4 + 81,2 + 80,9) / 4 =
    // 80,275 against 80 = 100,34%; 2024: (81,3 + 81,9 + 80,6 + 82,2) / 4 = 81,5 against 81 =
    // 100,62%.
    assert_eq!(
        row("1.1.2")[2..],
        [
            "nilai",
            "82",
            "82,4",
            "82,75",
            "83,17",
            "83,28",
            "83,28",
            "101,55",
            "Sangat Tinggi",
            "100,34",
            "100,62"
        ]
    );
    // Comparison 5: each analysis numbered to its row, the reporter named where it is not the
    // PK's official.
    let analyses = cells(&document, &format!("{goal} dl.analisis dt"));
    assert_eq!(
        analyses,
        [
            "1.1.1 TW II · Rina Marlina, S.E., M.Ak.",
            "1.1.1 TW III · Rina Marlina, S.E., M.Ak.",
            "1.1.1 TW IV · Rina Marlina, S.E., M.Ak.",
            "1.1.2 TW II · Abdul Rahman, S.Sos.",
            "1.1.2 TW IV · Abdul Rahman, S.Sos."
        ]
    );
    // Comparisons 6 and 7 once: the programme with its official, budget (7.480.000.000 in
    // pk/sekretaris.toml) and efficiency, linked to its row in Bab III B.
    let programmes = select(&document, &format!("{goal} table.ukur-program tbody tr"));
    assert_eq!(programmes.len(), 1);
    let programme: Vec<String> = select_in(&programmes[0], "td").iter().map(text).collect();
    assert_eq!(
        programme[..3],
        [
            "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
            "Sekretaris",
            "7.480.000.000"
        ]
    );
    assert_eq!(
        select_in(&programmes[0], "a")[0].value().attr("href"),
        Some("#program-penunjang")
    );

    // Every sasaran of the annex: one table, comparisons 6 and 7 once, no indicator written
    // out as in Bab III A.
    let goals = select(&document, "#lampiran-capaian section.cetak-sasaran");
    assert!(goals.len() >= 10, "{}", goals.len());
    for goal in &goals {
        let id = goal.value().attr("id").unwrap();
        assert_eq!(select_in(goal, "table.ukur").len(), 1, "{id}");
        let headings: Vec<String> = select_in(goal, ".judul-perbandingan")
            .iter()
            .map(text)
            .collect();
        assert_eq!(headings.len(), 2, "{id}: {headings:?}");
        assert!(
            headings[0].starts_with("5. ") && headings[1].starts_with("6–7. "),
            "{id}: {headings:?}"
        );
        assert!(select_in(goal, "table.ukur-program").len() <= 1, "{id}");
    }
    assert!(select(&document, "#lampiran-capaian .cetak-indikator").is_empty());
}

#[test]
fn bab_iii_a_shows_a_goals_programmes_once() {
    let report = demo_report();
    let head = head(&report);
    let document = Html::parse_document(&printed_html());
    let mut shown = 0;
    for goal in &head.goals {
        let section = format!("#capaian-kinerja #sasaran-{}", *goal.id);
        let first = format!("indikator-{}", *goal.indicators[0].id);
        let tables = select(&document, &format!("{section} table[id$='-program']"));
        assert!(tables.len() <= 1, "{}", *goal.id);
        if let Some(table) = tables.first() {
            shown += 1;
            assert_eq!(
                table.value().attr("id"),
                Some(format!("{first}-program").as_str())
            );
            // The other indicators of the goal point at it, under 6 and under 7.
            for indicator in &goal.indicators[1..] {
                let links = select(
                    &document,
                    &format!("#indikator-{} a[href='#{first}-program']", *indicator.id),
                );
                assert_eq!(links.len(), 2, "{}", *indicator.id);
            }
        }
    }
    assert!(shown >= 2, "the demo's goals have programmes: {shown}");
}

#[test]
fn every_link_inside_the_print_resolves_and_every_id_is_unique() {
    let document = Html::parse_document(&printed_html());
    let mut ids = std::collections::BTreeSet::new();
    for element in select(&document, "[id]") {
        let id = element.value().attr("id").unwrap();
        assert!(ids.insert(id.to_string()), "`#{id}` twice");
    }
    let links = select(&document, "a[href^='#']");
    assert!(links.len() > 100, "{}", links.len());
    for link in links {
        let href = link.value().attr("href").unwrap();
        let id = &href[1..];
        assert!(
            id.is_empty() || ids.contains(id),
            "`{href}` points at nothing"
        );
    }
    // Every page number of the lists has its heading.
    for place in select(&document, "[data-halaman-untuk]") {
        let id = place.value().attr("data-halaman-untuk").unwrap();
        assert!(ids.contains(id), "the page number of `#{id}`");
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
        // The code is the row's first cell.
        let code = text(select_in(row, "td:first-child")[0]);
        assert!(code.starts_with("2."), "a Permendagri 90/2019 code: {code}");
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

/// The methods annex, by hand from the demo's 2025/realisasi/sekretaris.toml and
/// 2025/pk/sekretaris.toml: the IKM (rata_rata, target 82) is the mean of its four quarters,
/// (82,4 + 83,1 + 84 + 83,6) / 4 = 83,275, and 83,275 / 82 = 101,55% ≥ 91, Sangat Tinggi. The
/// row says T without "target tahunan" (the annex's opening says it once), the band without
/// repeating the result, and each source as its file's number and line only: the values are
/// in the formula beside it.
#[test]
fn the_methods_annex_says_each_value_once_and_where_it_comes_from() {
    let document = Html::parse_document(&printed_html());
    let realisasi =
        std::fs::read_to_string(demo_content().join("2025/realisasi/sekretaris.toml")).unwrap();
    let pk = std::fs::read_to_string(demo_content().join("2025/pk/sekretaris.toml")).unwrap();
    // The lines of the IKM's `nilai` keys, in the order of the file (TW I to IV).
    let mut current = "";
    let mut quarters = Vec::new();
    for (n, line) in realisasi.lines().enumerate() {
        let line = line.trim();
        if line.starts_with("indikator") {
            current = line.rsplit('"').nth(1).unwrap_or_default();
        } else if line.starts_with("nilai") && current == "ikm" {
            quarters.push(n + 1);
        }
    }
    assert_eq!(quarters.len(), 4, "the demo's IKM has four quarters");
    let target = common::line_of(&pk, "target          = 82.0");
    let opening = select(&document, "#lampiran-metodologi > p");
    assert!(
        text(opening[0]).contains("T adalah target tahunan bila tidak disebut lain."),
        "{}",
        text(opening[0])
    );
    let table = select(&document, "#lampiran-metodologi table.metode")
        .into_iter()
        .find(|t| {
            select_in(t, "tbody td:first-child")
                .into_iter()
                .any(|c| text(c) == "1.1.2")
        })
        .expect("the Sekretaris's table has the IKM");
    let row = select_in(&table, "tbody tr")
        .into_iter()
        .find(|r| text(select_in(r, "td")[0]) == "1.1.2")
        .unwrap();
    let cells = select_in(&row, "td");
    // The working, line by line (each `<br>` ends one); the band on the formula's line.
    let lines: Vec<String> = cells[2]
        .text()
        .map(|t| t.replace('\u{a0}', " ").trim().to_string())
        .collect();
    assert_eq!(
        lines,
        [
            "R = (82,4 + 83,1 + 84 + 83,6) / 4 = 83,275",
            "T = 82",
            "83,275 / 82 × 100 = 101,55%",
            "≥ 91 → Sangat Tinggi"
        ]
    );
    // The demo's print is the internal edition: a reported value also names its commit,
    // `TW I (1:16, commit 2486fb8)`, whose hash depends on the test's repository.
    let sources: Vec<String> = text(cells[3])
        .split("; ")
        .map(|s| match s.split_once(" (") {
            Some((name, rest)) => {
                let (place, commit) = rest.trim_end_matches(')').split_once(", commit ").unwrap();
                assert!(
                    commit.len() >= 7 && commit.bytes().all(|b| b.is_ascii_hexdigit()),
                    "{s}"
                );
                format!("{name} {place}")
            }
            None => s.to_string(),
        })
        .collect();
    assert_eq!(
        sources.join("; "),
        format!(
            "TW I 1:{}; TW II 1:{}; TW III 1:{}; TW IV 1:{}; T 2:{target}",
            quarters[0], quarters[1], quarters[2], quarters[3]
        )
    );
    // The files the numbers stand for, above the table.
    let note = select(&document, "#lampiran-metodologi p.note")
        .into_iter()
        .map(text)
        .find(|n| n.contains("sekretaris"))
        .unwrap();
    assert_eq!(
        note,
        "Berkas: 1 = 2025/realisasi/sekretaris.toml; 2 = 2025/pk/sekretaris.toml"
    );
}
