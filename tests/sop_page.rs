//! The SOP on the site, on the demo report in `content/`: the SOP page with its flowchart and
//! each year's compliance, the approval of a signed year, the DRAFT mark of the year in
//! progress, and the printable realisation request forms.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use common::html::text;
use common::site::html_pages;
use scraper::{ElementRef, Html, Selector};

mod common;

const DRAFT_BANNER: &str = "DRAFT — belum disetujui Kepala OPD";

/// The demo built once for all tests of this file.
fn demo() -> &'static Path {
    common::site::shared_demo()
}

fn page(path: &str) -> Html {
    let text = std::fs::read_to_string(demo().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    Html::parse_document(&text)
}

fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap()
}

#[test]
fn the_sop_page_has_the_sop_text_and_its_flowchart() {
    let sop = page("sop/index.html");
    let identity = text(
        sop.select(&sel(".sop-identity"))
            .next()
            .expect("the identity sheet"),
    );
    for expected in [
        "065/017/DP3APPKB/2022",
        "SOP Pengumpulan Data Capaian Kinerja",
        "Dasar Hukum",
        "Peraturan MenPAN-RB Nomor 53 Tahun 2014",
        "Kualifikasi Pelaksana",
        "SOP Penyusunan Perjanjian Kinerja",
        "Perangkat Komputer",
        "Jika tidak dilaksanakan sesuai SOP",
        "Dokumen program, kegiatan dan anggaran",
    ] {
        assert!(
            identity.contains(expected),
            "the identity sheet lacks {expected:?}: {identity}"
        );
    }
    // The flowchart, inline and unescaped: one lane per `pelaksana`, in the SOP's order.
    let lanes: Vec<String> = sop
        .select(&sel("figure.flowchart svg g.lane"))
        .map(|g| g.value().attr("data-role").unwrap().to_string())
        .collect();
    assert_eq!(
        lanes,
        [
            "kepala_opd",
            "sekretaris",
            "kasubag_program",
            "fungsional_umum"
        ]
    );
    let boxes = sop.select(&sel("figure.flowchart svg rect.step")).count();
    assert_eq!(boxes, 12, "one box per step");
    // The navigation of every page leads to it.
    let nav: Vec<String> = page("2025/index.html")
        .select(&sel(".site-nav a"))
        .filter_map(|a| a.value().attr("href").map(String::from))
        .collect();
    assert!(nav.contains(&"/sop/".to_string()), "{nav:?}");
}

#[test]
fn the_compliance_of_a_signed_year_lists_every_step_and_marks_the_overrun() {
    let sop = page("sop/index.html");
    let years: Vec<String> = sop
        .select(&sel("section.compliance"))
        .map(|s| s.value().id().unwrap().to_string())
        .collect();
    assert_eq!(
        years,
        [
            "kepatuhan-2026",
            "kepatuhan-2025",
            "kepatuhan-2024",
            "kepatuhan-2023"
        ],
        "newest first"
    );

    let rows: Vec<ElementRef> = sop
        .select(&sel(
            "#kepatuhan-2024-tahunan-1 table.compliance-table tbody tr",
        ))
        .collect();
    assert_eq!(rows.len(), 12);
    let steps: Vec<&str> = rows
        .iter()
        .map(|r| r.value().attr("data-step").unwrap())
        .collect();
    assert_eq!(
        steps,
        [
            "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"
        ]
    );
    let over: Vec<&str> = rows
        .iter()
        .filter(|r| r.select(&sel(".mark-over")).next().is_some())
        .map(|r| r.value().attr("data-step").unwrap())
        .collect();
    assert_eq!(
        over,
        ["6"],
        "step 6 took 3 working days (Tue 14 to Thu 16 January 2025) against 2"
    );
    let cells = |i: usize| -> Vec<String> {
        common::html::select_in(&rows[i], "th, td")
            .into_iter()
            .map(common::html::words)
            .collect()
    };
    // Step 6: who, with the position; started, ended; its standard and the time it took.
    assert_eq!(
        cells(5)[2..7],
        [
            "Rahmat Hidayat, S.Stat. Penyusun Program Anggaran dan Pelaporan",
            "14 Januari 2025 08.00",
            "16 Januari 2025 15.00",
            "2 hari kerja",
            "3 hari kerja ✗\u{fe0e} Melebihi standar"
        ]
    );
    assert!(rows[5].value().attr("class").unwrap().contains("over"));
    // Within the standard, as elapsed time: step 3 took 1 h 55 min of its 2 hours.
    assert_eq!(
        cells(2)[5..7],
        ["2 jam", "1 jam 55 menit ✓\u{fe0e} Sesuai standar"]
    );
    // Step 11's output names the letter by its number.
    assert_eq!(
        cells(10)[7],
        "Surat Pengantar No. 800/031/DP3APPKB-PRG/I/2025 Nomor surat: 800/031/DP3APPKB-PRG/I/2025"
    );
    assert_eq!(
        sop.select(&sel("#kepatuhan-2024-tahunan-1 .mark-within"))
            .count(),
        11
    );

    // The draft year runs the SOP every quarter: TW I and TW II approved (and approved again
    // in a second run), TW III under way.
    let runs: Vec<&str> = sop
        .select(&sel("#kepatuhan-2026 .run"))
        .map(|r| r.value().id().unwrap())
        .collect();
    assert_eq!(
        runs,
        [
            "kepatuhan-2026-tw1-1",
            "kepatuhan-2026-tw1-2",
            "kepatuhan-2026-tw2-1",
            "kepatuhan-2026-tw2-2",
            "kepatuhan-2026-tw3-1"
        ]
    );
    for (run, signed) in [
        ("tw1-1", 1),
        ("tw1-2", 1),
        ("tw2-1", 1),
        ("tw2-2", 1),
        ("tw3-1", 0),
    ] {
        let approvals = sop
            .select(&sel(&format!("#kepatuhan-2026-{run} dl.approval")))
            .count();
        assert_eq!(approvals, signed, "{run}");
    }
    // In the run under way, the approval steps are listed as not recorded.
    let draft: Vec<ElementRef> = sop
        .select(&sel(
            "#kepatuhan-2026-tw3-1 table.compliance-table tbody tr",
        ))
        .collect();
    assert_eq!(draft.len(), 12);
    let missing: Vec<&str> = draft
        .iter()
        .filter(|r| r.value().attr("class").unwrap_or("").contains("missing"))
        .map(|r| r.value().attr("data-step").unwrap())
        .collect();
    assert_eq!(missing, ["9", "10", "11", "12"]);
}

#[test]
fn a_signed_year_shows_who_signed_when_and_the_letter_number() {
    for path in ["2024/index.html", "sop/index.html"] {
        let html = page(path);
        let scope = if path.starts_with("sop") {
            "#kepatuhan-2024 dl.approval"
        } else {
            "dl.approval"
        };
        let first = common::html::select(&html, scope)
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("{path} has no approval"));
        let approval: Vec<String> = common::html::select_in(&first, "dd")
            .into_iter()
            .map(common::html::words)
            .collect();
        // 2024 was approved again (putaran 2 after its narrative moved into the year folder,
        // putaran 3 after its data was completed to the LKjIP format): the approval in force
        // is the last run's.
        assert_eq!(
            approval,
            [
                "Dra. Hj. Rosmiati Lamba, M.Si. , Kepala Dinas NIP 196903141994032004",
                "3 Desember 2026 (SOP langkah 10)",
                "800/319/DP3APPKB-PRG/XII/2026 (SOP langkah 11)"
            ],
            "{path}"
        );
    }
    // The dashboard shows the latest year (a draft) and, per year, when each was signed.
    let home = page("index.html");
    let years = text(
        home.select(&sel(
            "#semua-tahun + table, section[aria-labelledby=semua-tahun] table",
        ))
        .next()
        .unwrap(),
    );
    assert!(years.contains("Dra. Hj. Rosmiati Lamba, M.Si. · 3 Desember 2026 · Nomor surat 800/320/DP3APPKB-PRG/XII/2026"), "{years}");
    assert!(
        home.select(&sel("dl.approval")).next().is_none(),
        "the latest year is not signed"
    );
    assert!(home.select(&sel(".draft-banner")).next().is_some());
}

#[test]
fn every_page_of_the_draft_year_carries_the_draft_mark_and_no_page_of_a_signed_year_does() {
    let files = html_pages(demo());
    let of = |year: &str| {
        files
            .iter()
            .filter(move |p| p.starts_with(&format!("{year}/")))
            .collect::<Vec<_>>()
    };
    let draft = of("2026");
    for kind in ["index.html", "pk/", "indikator/", "formulir/", "validasi/"] {
        assert!(
            draft.iter().any(|p| p.starts_with(&format!("2026/{kind}"))),
            "no 2026 page {kind}"
        );
    }
    for path in draft {
        let banner = page(path).select(&sel(".draft-banner")).next().map(text);
        assert_eq!(banner.as_deref(), Some(DRAFT_BANNER), "{path}");
    }
    for path in of("2024") {
        assert!(
            page(path).select(&sel(".draft-banner")).next().is_none(),
            "{path}"
        );
    }
}

#[test]
fn the_request_form_has_one_row_per_indicator_and_prefills_what_was_reported() {
    let form = page("2026/formulir/kasi-kb/tw1/index.html");
    let rows: Vec<ElementRef> = form.select(&sel("table.form-table tbody tr")).collect();
    // A row's cells from the end: indicator, unit, year target, quarter target, realisation,
    // evidence, analysis (the goal's name spans its rows, so only the first row has it).
    let cells = |row: &ElementRef| -> Vec<String> { row.select(&sel("td")).map(text).collect() };
    let names: Vec<String> = rows
        .iter()
        .map(|r| {
            let c = cells(r);
            c[c.len() - 7].clone()
        })
        .collect();
    assert_eq!(
        names,
        [
            "Jumlah peserta KB baru",
            "Persentase ibu bersalin yang mendapat pelayanan KB pascapersalinan"
        ],
        "the PK's indicators in order"
    );
    let first = text(rows[0]);
    assert!(
        first.contains("1.124"),
        "the reported TW I value is printed: {first}"
    );
    assert!(
        first.contains("New SIGA BKKBN"),
        "and its evidence: {first}"
    );
    let header: Vec<String> = form
        .select(&sel("table.form-table thead th"))
        .map(text)
        .collect();
    assert_eq!(header.len(), 9, "{header:?}");
    assert!(
        header[6].contains("Realisasi") && header[6].contains("TW I"),
        "{header:?}"
    );
    let sheet = text(form.select(&sel(".form-sheet")).next().unwrap());
    assert!(
        sheet.contains("Format Realisasi Capaian Kinerja")
            && sheet.contains("Triwulan I Tahun 2026"),
        "{sheet}"
    );
    assert!(
        sheet.contains("Hasnawati, S.ST., M.Keb."),
        "the official of the PK: {sheet}"
    );
    let signatures = text(form.select(&sel(".form-signatures")).next().unwrap());
    assert!(
        signatures.contains("Pelapor") && signatures.contains("Mengetahui"),
        "{signatures}"
    );
    assert!(
        signatures.contains("Yohanis Palinggi, S.KM., M.Kes."),
        "the Kabid acknowledges: {signatures}"
    );

    // The fourth quarter is not reported yet: every box is empty.
    let blank = page("2026/formulir/kasi-kb/tw4/index.html");
    let blank_rows: Vec<ElementRef> = blank.select(&sel("table.form-table tbody tr")).collect();
    assert_eq!(blank_rows.len(), 2);
    for row in &blank_rows {
        let c = cells(row);
        let hint = row.select(&sel("span.fill-hint")).map(text).last();
        assert_eq!(
            (Some(&c[c.len() - 3]), &c[c.len() - 2], &c[c.len() - 1]),
            (hint.as_ref(), &String::new(), &String::new()),
            "only the hint in the realisation box, nothing printed: {c:?}"
        );
    }

    // The PK page links to its four forms.
    let pk = page("2026/pk/kasi-kb/index.html");
    let links: Vec<&str> = pk
        .select(&sel(".form-links a"))
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(
        links,
        [
            "/2026/formulir/kasi-kb/tw1/",
            "/2026/formulir/kasi-kb/tw2/",
            "/2026/formulir/kasi-kb/tw3/",
            "/2026/formulir/kasi-kb/tw4/"
        ]
    );
}

#[test]
fn every_internal_link_of_the_demo_resolves() {
    // Each page once: its links, and the ids a fragment can point at.
    let pages: BTreeMap<String, (Vec<String>, BTreeSet<String>)> = html_pages(demo())
        .into_iter()
        .map(|path| {
            let html = page(&path);
            let links = html
                .select(&sel("[href], [src]"))
                .map(|e| {
                    e.value()
                        .attr("href")
                        .or(e.value().attr("src"))
                        .unwrap()
                        .to_string()
                })
                .collect();
            let ids = html
                .select(&sel("[id]"))
                .map(|e| e.value().id().unwrap().to_string())
                .collect();
            (path, (links, ids))
        })
        .collect();
    let mut checked = 0;
    for (path, (links, _)) in &pages {
        for url in links {
            if url.starts_with("http") || url.starts_with("mailto:") {
                continue;
            }
            let (target, fragment) = match url.split_once('#') {
                Some((t, f)) => (t, Some(f)),
                None => (url.as_str(), None),
            };
            let file = if target.is_empty() {
                path.clone()
            } else {
                let rest = target
                    .strip_prefix('/')
                    .unwrap_or_else(|| panic!("{path}: `{url}` is not root-relative"));
                if rest.is_empty() || rest.ends_with('/') {
                    format!("{rest}index.html")
                } else {
                    rest.to_string()
                }
            };
            assert!(
                demo().join(&file).is_file(),
                "{path}: `{url}` points at nothing"
            );
            if let (Some(fragment), Some((_, ids))) = (fragment, pages.get(&file)) {
                assert!(
                    ids.contains(fragment),
                    "{path}: `{url}`: {file} has no element with that id"
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 1000, "{checked} links checked");
}

#[test]
fn the_overruns_marked_are_the_overruns_validation_warns_about() {
    let site = capaian::Site::load(common::site::demo_content()).unwrap();
    let warned: BTreeSet<(Option<i32>, String)> = site
        .findings
        .list
        .iter()
        .filter(|f| f.message.contains("melebihi standar waktunya"))
        .map(|f| {
            let step = f.message.split_whitespace().nth(1).unwrap().to_string();
            (f.year, step)
        })
        .collect();
    let sop = page("sop/index.html");
    let marked: BTreeSet<(Option<i32>, String)> = sop
        .select(&sel("section.compliance"))
        .flat_map(|section| {
            let year: i32 = section
                .value()
                .id()
                .unwrap()
                .trim_start_matches("kepatuhan-")
                .parse()
                .unwrap();
            section
                .select(&sel("tr[data-step]"))
                .filter(|r| r.select(&sel(".mark-over")).next().is_some())
                .map(move |r| (Some(year), r.value().attr("data-step").unwrap().to_string()))
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(!marked.is_empty());
    assert_eq!(marked, warned);
}
