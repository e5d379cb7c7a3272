//! Browser tests: the demo report built into a temporary folder, checked in a real headless
//! Chromium (Debian `chromium`) and its printed PDF checked with poppler (`poppler-utils`).
//!
//! - every HTML page: each `href`/`src` of the site points at a file of the build (and at an
//!   element of it, for a `#fragment`); loaded in Chromium through the DevTools protocol, no
//!   console error, no uncaught exception, no failed request; laid out for print on its sheet,
//!   nothing wider than the sheet (Chromium would shrink the whole page to fit);
//! - `/2025/cetak/` printed with `capaian::pdf`: A4, the chapters in order, each on a page of
//!   its own, more than a handful of pages, none blank, page numbers in the table of contents;
//!   a draft year's print carries the DRAFT mark on every page.
//!
//! On a machine without Chromium or poppler they are skipped with a message saying what to
//! install; with `CI` set they fail instead.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use capaian::pdf::{self, PrintSource, Server};
use scraper::{Html, Selector};

mod common;

use common::browser::{Browser, tools};
use common::site::{build_demo, html_pages, url_of};

// -- (a) every page -----------------------------------------------------------------------

#[test]
fn every_link_and_asset_of_every_page_exists() {
    // No browser needed: this one always runs.
    let demo = build_demo();
    let pages = html_pages(&demo.root);
    assert!(pages.len() > 100, "the demo has its pages: {}", pages.len());
    let linked = Selector::parse("[href], [src]").unwrap();
    let with_id = Selector::parse("[id]").unwrap();
    let mut ids: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut documents = BTreeMap::new();
    for page in &pages {
        let html = std::fs::read_to_string(demo.root.join(page)).unwrap();
        let document = Html::parse_document(&html);
        let mut seen = BTreeSet::new();
        for element in document.select(&with_id) {
            let id = element.value().attr("id").unwrap().to_string();
            assert!(seen.insert(id.clone()), "{page}: the id `{id}` twice");
        }
        ids.insert(page.clone(), seen);
        documents.insert(page.clone(), document);
    }
    let mut broken = Vec::new();
    let mut checked = 0;
    for (page, document) in &documents {
        for element in document.select(&linked) {
            for attr in ["href", "src"] {
                let Some(url) = element.value().attr(attr) else {
                    continue;
                };
                if let Some(problem) = check_link(&demo.root, page, url, &ids) {
                    broken.push(format!("{page}: {attr}=\"{url}\": {problem}"));
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 1000, "the crawl saw the links: {checked}");
    assert!(
        broken.is_empty(),
        "{} broken link(s):\n{}",
        broken.len(),
        broken[..broken.len().min(60)].join("\n")
    );
}

/// What is wrong with a link of `page`, if anything.
fn check_link(
    root: &Path,
    page: &str,
    url: &str,
    ids: &BTreeMap<String, BTreeSet<String>>,
) -> Option<String> {
    let lower = url.to_ascii_lowercase();
    if lower.starts_with("http:")
        || lower.starts_with("https:")
        || lower.starts_with("mailto:")
        || lower.starts_with("tel:")
        || lower.starts_with("//")
    {
        return None;
    }
    if lower.starts_with("javascript:") || lower.starts_with("data:") {
        return Some("a script or data URL".into());
    }
    let (path, fragment) = match url.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment)),
        None => (url, None),
    };
    let path = path.split('?').next().unwrap_or("");
    let target = if path.is_empty() {
        page.to_string()
    } else {
        let absolute = if let Some(rest) = path.strip_prefix('/') {
            rest.to_string()
        } else {
            let dir = page.rsplit_once('/').map_or("", |(dir, _)| dir);
            normalise(&format!("{dir}/{path}"))?
        };
        if absolute.is_empty() || absolute.ends_with('/') {
            format!("{absolute}index.html")
        } else {
            absolute
        }
    };
    if !root.join(&target).is_file() {
        return Some(format!("no file `{target}` in the build"));
    }
    match fragment {
        Some(f) if !f.is_empty() && target.ends_with(".html") => {
            let found = ids.get(&target).is_some_and(|set| set.contains(f));
            (!found).then(|| format!("no element with id `{f}` in `{target}`"))
        }
        _ => None,
    }
}

/// `a/b/../c` → `a/c`; `None` above the root.
fn normalise(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    let trailing = path.ends_with('/');
    let mut out = parts.join("/");
    if trailing && !out.is_empty() {
        out.push('/');
    }
    Some(out)
}

#[test]
fn every_page_loads_in_chromium_without_errors_and_fits_its_sheet() {
    let Some(tools) = tools() else { return };
    let demo = build_demo();
    let pages = html_pages(&demo.root);
    let server = Server::start(&demo.root, "/").unwrap();
    let mut browser = Browser::start(&tools.chromium);
    let mut problems = Vec::new();
    // On screen: every page loads without an error.
    let started = Instant::now();
    for page in &pages {
        match browser.load(&server.url(&url_of(page))) {
            Ok(found) => problems.extend(found.into_iter().map(|p| format!("{page}: {p}"))),
            Err(e) => problems.push(format!("{page}: {e}")),
        }
    }
    eprintln!("loaded {} pages in {:?}", pages.len(), started.elapsed());
    let started = Instant::now();
    // In print: every page fits the width of its sheet.
    browser.emulate_print().unwrap();
    for page in &pages {
        match browser.print_overflow(&server.url(&url_of(page))) {
            Ok(found) => problems.extend(found.into_iter().map(|p| format!("{page}: {p}"))),
            Err(e) => problems.push(format!("{page}: {e}")),
        }
    }
    eprintln!(
        "laid {} pages out for print in {:?}",
        pages.len(),
        started.elapsed()
    );
    let missing: BTreeSet<String> = server
        .served()
        .into_iter()
        .filter(|s| s.status != 200)
        .map(|s| format!("{} {}", s.status, s.path))
        .collect();
    assert!(
        missing.is_empty(),
        "the browser asked for files the build does not have:\n{}",
        missing.into_iter().collect::<Vec<_>>().join("\n")
    );
    assert!(
        problems.is_empty(),
        "{} problem(s) in Chromium:\n{}",
        problems.len(),
        problems[..problems.len().min(60)].join("\n")
    );
    let loaded = server
        .served()
        .iter()
        .filter(|s| s.path.ends_with('/'))
        .count();
    assert!(
        loaded >= 2 * pages.len(),
        "every page was loaded twice: {loaded} loads of {} pages",
        pages.len()
    );
}

/// The console check works: an error logged by a page is seen.
#[test]
fn the_console_check_sees_errors() {
    let Some(tools) = tools() else { return };
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("index.html"),
        "<!DOCTYPE html><html><head><title>x</title></head><body><p>x</p><img src=\"/gone.png\" alt=\"\"><script>console.error('capaian-sentinel')</script></body></html>",
    )
    .unwrap();
    let server = Server::start(dir.path(), "/").unwrap();
    let mut browser = Browser::start(&tools.chromium);
    let found = browser.load(&server.url("")).unwrap();
    let all = found.join("\n");
    assert!(all.contains("capaian-sentinel"), "{all}");
    assert!(all.contains("gone.png"), "{all}");
}

/// The text of each page of a PDF.
fn pages_text(pdf: &Path) -> Vec<String> {
    let info = pdfinfo(pdf);
    let count: usize = field(&info, "Pages").parse().unwrap();
    (1..=count)
        .map(|n| {
            let out = Command::new("pdftotext")
                .args(["-layout", "-f", &n.to_string(), "-l", &n.to_string()])
                .arg(pdf)
                .arg("-")
                .output()
                .expect("pdftotext runs");
            assert!(out.status.success(), "pdftotext failed on page {n}");
            String::from_utf8_lossy(&out.stdout).into_owned()
        })
        .collect()
}

fn pdfinfo(pdf: &Path) -> String {
    let out = Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .expect("pdfinfo runs");
    assert!(
        out.status.success(),
        "pdfinfo failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn field<'a>(info: &'a str, name: &str) -> &'a str {
    info.lines()
        .find_map(|l| l.strip_prefix(name)?.strip_prefix(':'))
        .map(str::trim)
        .unwrap_or_else(|| panic!("pdfinfo gives no {name}:\n{info}"))
}

/// The lines of a page without the running header and the page number.
fn body_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .filter(|l| !l.starts_with("LKjIP ") && !l.starts_with("DRAFT —"))
        .filter(|l| !l.chars().all(|c| c.is_ascii_digit()))
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

fn print(root: &Path, page: &str, out: &Path) -> pdf::PdfSummary {
    pdf::print_pdf(
        PrintSource::Built {
            root,
            base_url: "/",
            page,
        },
        out,
    )
    .unwrap_or_else(|e| panic!("printing {page}: {e}"))
}

#[test]
fn the_printed_report_is_a4_with_its_chapters_in_order() {
    let Some(_tools) = tools() else { return };
    let demo = build_demo();
    let out = demo.root.parent().unwrap().join("lkjip-2025.pdf");
    let summary = print(&demo.root, "2025/cetak/", &out);
    let info = pdfinfo(&out);
    assert!(
        field(&info, "Page size").starts_with("594.96 x 841.92 pts"),
        "A4: {info}"
    );
    let pages = pages_text(&out);
    assert_eq!(summary.pages, pages.len(), "the page count in the summary");
    assert!(
        pages.len() > 20,
        "a whole report, not a handful of pages: {}",
        pages.len()
    );
    for (n, text) in pages.iter().enumerate() {
        assert!(
            !body_lines(text).is_empty(),
            "page {} is blank:\n{text}",
            n + 1
        );
    }
    // Each part starts a page with its title; they come in the order of PermenPAN-RB 53/2014.
    let starts = |title: &str| -> Vec<usize> {
        pages
            .iter()
            .enumerate()
            .filter(|(_, text)| {
                body_lines(text)
                    .first()
                    .is_some_and(|first| first.eq_ignore_ascii_case(title))
            })
            .map(|(n, _)| n + 1)
            .collect()
    };
    let order = [
        "Kata Pengantar",
        "Ikhtisar Eksekutif",
        "Daftar Isi",
        "Daftar Tabel",
        "BAB I",
        "BAB II",
        "BAB III",
        "BAB IV",
        "Lampiran",
    ];
    let mut previous = 1;
    for title in order {
        let found = starts(title);
        assert_eq!(
            found.len(),
            1,
            "`{title}` starts exactly one page: {found:?}"
        );
        assert!(
            found[0] > previous,
            "`{title}` (page {}) comes after page {previous}",
            found[0]
        );
        previous = found[0];
    }
    let chapter_names = [
        "PENDAHULUAN",
        "PERENCANAAN KINERJA",
        "AKUNTABILITAS KINERJA",
        "PENUTUP",
    ];
    for (n, name) in chapter_names.iter().enumerate() {
        let page = starts(order[4 + n])[0];
        assert_eq!(body_lines(&pages[page - 1])[1], *name, "page {page}");
    }
    let text = pages.join("\n");
    assert!(
        text.contains("LAPORAN KINERJA INSTANSI PEMERINTAH"),
        "the cover"
    );
    assert!(text.contains("Indeks Pembangunan Gender (IPG)"));
    assert!(
        text.contains("Pihak pertama berjanji"),
        "the PK's wording in the annex"
    );
    assert!(
        !text.contains("DRAFT"),
        "an approved year has no DRAFT mark"
    );
    // Page numbers: in the footer of every page but the cover, and in the table of contents;
    // beside it, the year's seal (the manifest's hash).
    for (n, page) in pages.iter().enumerate().skip(1) {
        let last = page
            .lines()
            .rev()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("");
        let number = last.split_whitespace().next().unwrap_or("");
        assert!(
            capaian::seal::stamped_hash(page).is_some(),
            "page {} carries the seal",
            n + 1
        );
        assert_eq!(
            number,
            (n + 1).to_string(),
            "the page number of page {}",
            n + 1
        );
    }
    let toc = &pages[starts("Daftar Isi")[0] - 1];
    let bab_iii = starts("BAB III")[0];
    let entry = toc
        .lines()
        .find(|l| l.contains("Bab III Akuntabilitas Kinerja"))
        .unwrap_or_else(|| panic!("the contents list Bab III:\n{toc}"));
    assert!(
        entry.trim_end().ends_with(&format!(" {bab_iii}")),
        "the contents give Bab III's page, {bab_iii}: `{entry}`"
    );
}

#[test]
fn a_draft_year_prints_its_mark_on_every_page() {
    let Some(_tools) = tools() else { return };
    let demo = build_demo();
    let out = demo.root.parent().unwrap().join("lkjip-2026.pdf");
    print(&demo.root, "2026/cetak/", &out);
    let pages = pages_text(&out);
    assert!(pages.len() > 10, "{} pages", pages.len());
    for (n, text) in pages.iter().enumerate() {
        assert!(
            text.contains("DRAFT — belum disetujui Kepala OPD"),
            "page {} has no DRAFT mark:\n{text}",
            n + 1
        );
    }
}

#[test]
fn a_missing_page_is_reported_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let error = pdf::print_pdf(
        PrintSource::Built {
            root: dir.path(),
            base_url: "/",
            page: "2031/cetak/",
        },
        &dir.path().join("x.pdf"),
    )
    .unwrap_err()
    .to_string();
    assert!(
        error.contains("capaian build") || error.contains("Chromium"),
        "{error}"
    );
}

/// Prints the demo's report of a year to look at it:
/// `CAPAIAN_PDF_OUT=/tmp/lkjip.pdf CAPAIAN_PDF_YEAR=2025 cargo test --test browser write_demo_pdf -- --ignored`.
#[test]
#[ignore]
fn write_demo_pdf() {
    let Some(out) = std::env::var_os("CAPAIAN_PDF_OUT") else {
        return;
    };
    let year = std::env::var("CAPAIAN_PDF_YEAR").unwrap_or_else(|_| "2025".into());
    let demo = build_demo();
    let summary = print(&demo.root, &format!("{year}/cetak/"), Path::new(&out));
    eprintln!(
        "{} pages, {} KiB, in {:.1} s: {}",
        summary.pages,
        summary.bytes / 1024,
        summary.elapsed.as_secs_f64(),
        summary.path.display()
    );
}

// -- (c) capaian serve in the browser ----------------------------------------------------------

/// An editor keeps a page open in `capaian serve` while saving: the page follows each save by
/// itself (live reload, the page rendered from memory while the build is written), shows the
/// errors of a broken save over the last good page, and clears them once the file is fixed.
#[test]
fn an_open_page_follows_the_editors_saves() {
    let Some(tools) = tools() else { return };
    let repo = common::Repo::new();
    let server = capaian::serve::Server::start(capaian::serve::ServeOptions {
        port: 0,
        ..capaian::serve::ServeOptions::new(repo.content(), repo.output())
    })
    .expect("the server starts");
    let url = format!("{}2025/indikator/ipg/", server.url().expect("serving"));
    let mut browser = Browser::start(&tools.chromium);
    let problems = browser.load(&url).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    // Asked while the page may be reloading: its body may not be there yet.
    let shows = |text: &str| format!("(document.body?.innerText ?? '').includes('{text}')");
    assert_eq!(browser.evaluate(&shows("91,8")).unwrap(), true);
    // Marks the document: a reload replaces it, so the mark tells a reload from no change.
    browser.evaluate("window.capaianMark = 1").unwrap();

    repo.edit("2025/realisasi/kepala.toml", "nilai = 91.8", "nilai = 97.3");
    browser
        .wait_until(&format!("{} && !window.capaianMark", shows("97,3")))
        .unwrap();

    repo.edit(
        "2025/realisasi/kepala.toml",
        "nilai = 97.3",
        "nilai = = 97.3",
    );
    browser
        .wait_until("document.getElementById('capaian-overlay') !== null")
        .unwrap();
    let overlay = browser
        .evaluate("document.getElementById('capaian-overlay')?.innerText")
        .unwrap();
    let overlay = overlay.as_str().unwrap_or_default();
    assert!(
        overlay.contains("kepala.toml")
            && overlay.contains("1 kesalahan")
            && !overlay.contains("nothing"),
        "the overlay names the file: {overlay}"
    );
    assert_eq!(
        browser.evaluate(&shows("97,3")).unwrap(),
        true,
        "the last good page stays under the errors"
    );

    repo.edit(
        "2025/realisasi/kepala.toml",
        "nilai = = 97.3",
        "nilai = 98.1",
    );
    browser
        .wait_until(&format!(
            "{} && document.getElementById('capaian-overlay') === null",
            shows("98,1")
        ))
        .unwrap();
    server.stop();
}

// -- (d) on a phone ---------------------------------------------------------------------------

/// What a reader of a phone (390 px) meets on a page: sideways scrolling of the document, the
/// smallest chart text in CSS px, and, for each data table scrolled to its end, the rows whose
/// name (the first shown cell) is hidden or not beside the row's last cell.
const PHONE_JS: &str = r#"(() => {
  const doc = document.documentElement;
  const W = doc.clientWidth;
  let smallest = null, smallestText = '', texts = 0;
  for (const t of document.querySelectorAll('figure.chart svg text')) {
    const svg = t.ownerSVGElement;
    const r = t.getBoundingClientRect();
    if (r.width === 0 || !t.textContent.trim()) continue;
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    const px = parseFloat(getComputedStyle(t).fontSize) * scale;
    texts++;
    if (smallest === null || px < smallest) { smallest = px; smallestText = t.textContent; }
  }
  const tables = [];
  for (const t of document.querySelectorAll('main table.data')) {
    const scrolls = t.scrollWidth > t.clientWidth + 1;
    if (scrolls) t.scrollLeft = t.scrollWidth;
    let rows = 0;
    const hidden = [];
    for (const row of t.querySelectorAll('tbody tr')) {
      const cells = [...row.children].filter(c => getComputedStyle(c).display !== 'none');
      if (cells.length < 2) continue;
      rows++;
      const name = cells[0], last = cells[cells.length - 1];
      window.scrollTo(0, window.scrollY + name.getBoundingClientRect().top - 200);
      const n = name.getBoundingClientRect(), l = last.getBoundingClientRect();
      const inside = (r) => r.left >= -1 && r.right <= W + 1;
      const hit = document.elementFromPoint(Math.max(1, n.left + 4), n.top + Math.min(8, n.height / 2));
      const beside = l.top < n.bottom && n.top < l.bottom;
      if (!inside(n) || !inside(l) || !beside || !(hit && name.contains(hit))) {
        hidden.push(name.textContent.trim().replace(/\s+/g, ' ').slice(0, 40));
      }
    }
    if (scrolls) t.scrollLeft = 0;
    tables.push({ table: t.className, rows, scrolls, hidden });
  }
  window.scrollTo(0, 0);
  // What sticks out: the outermost elements past the right edge that no scrolling box holds.
  const wide = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.right <= W + 1) continue;
    let p = el.parentElement, held = false;
    for (; p && p !== document.body; p = p.parentElement) {
      if (/auto|scroll|hidden/.test(getComputedStyle(p).overflowX) && p.getBoundingClientRect().right <= W + 1) { held = true; break; }
    }
    const parent = el.parentElement && el.parentElement.getBoundingClientRect();
    if (held || (parent && parent.right > W + 1)) continue;
    wide.push(`<${el.tagName.toLowerCase()} class="${el.getAttribute('class') || ''}"> to ${Math.round(r.right)} px: ${(el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 50)}`);
  }
  return { scroll: doc.scrollWidth, client: W, smallest, smallestText, texts, tables, wide: [...new Set(wide)].slice(0, 5) };
})()"#;

/// On a phone (390 × 844, touch), every page type: the document never scrolls sideways, chart
/// text is at least 11 CSS px, and each table of indicators, PKs or programmes keeps the name of
/// a row in view beside its last cell when scrolled to its end. Screenshots of each page go to
/// `$CAPAIAN_SHOTS` when set.
#[test]
fn on_a_phone_nothing_scrolls_sideways_charts_read_and_tables_keep_their_names() {
    let Some(tools) = tools() else { return };
    let demo = build_demo();
    let server = Server::start(&demo.root, "/").unwrap();
    let mut browser = Browser::start(&tools.chromium);
    let shots = std::env::var_os("CAPAIAN_SHOTS").map(std::path::PathBuf::from);
    let mut problems = Vec::new();
    let mut measured_charts = 0;
    let mut measured_rows = 0;
    for (width, height, phone) in [(390, 844, true), (1366, 900, false)] {
        browser.set_viewport(width, height, phone).unwrap();
        for page in [
            "",
            "2025/",
            "2025/pk/kepala/",
            "2025/indikator/ipg/",
            "sop/",
            "2025/validasi/",
            "peta-situs/?q=indeks",
            "2025/perubahan/",
            "2025/pendahuluan/",
            "2025/cetak/",
        ] {
            let loaded = browser.load(&server.url(page)).unwrap();
            assert!(loaded.is_empty(), "/{page}: {loaded:?}");
            if page.contains("?q=") {
                browser
                    .wait_until("!document.getElementById('hasil-cari').hidden")
                    .unwrap();
            }
            if let Some(dir) = &shots {
                std::fs::create_dir_all(dir).unwrap();
                let name = format!("{width}-{}.png", page.replace(['/', '?', '='], "_"));
                browser.screenshot(&dir.join(name), true).unwrap();
            }
            let m = browser.evaluate(PHONE_JS).unwrap();
            let at = format!("/{page} at {width} px");
            if m["scroll"].as_i64() > m["client"].as_i64() {
                problems.push(format!(
                    "{at}: the document scrolls sideways ({} > {}): {}",
                    m["scroll"], m["client"], m["wide"]
                ));
            }
            if let Some(smallest) = m["smallest"].as_f64() {
                measured_charts += 1;
                if smallest < 11.0 - 0.01 {
                    problems.push(format!(
                        "{at}: chart text of {smallest:.1} CSS px (`{}`)",
                        m["smallestText"]
                    ));
                }
            }
            if !phone {
                continue;
            }
            for table in m["tables"].as_array().unwrap() {
                measured_rows += table["rows"].as_u64().unwrap();
                let hidden = table["hidden"].as_array().unwrap();
                if !hidden.is_empty() {
                    problems.push(format!(
                        "{at}: table `{}` scrolled to its end hides the names of {} row(s): {hidden:?}",
                        table["table"],
                        hidden.len()
                    ));
                }
            }
        }
    }
    assert!(
        measured_charts >= 6,
        "the charts were measured: {measured_charts}"
    );
    assert!(
        measured_rows > 50,
        "the tables were measured: {measured_rows}"
    );
    assert!(
        problems.is_empty(),
        "{} problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// The phone check sees what it looks for: a page wider than the screen, tiny chart text and a
/// table whose names scroll away.
#[test]
fn the_phone_check_sees_a_wide_page_small_text_and_lost_names() {
    let Some(tools) = tools() else { return };
    let dir = tempfile::tempdir().unwrap();
    let rows: String = (0..3)
        .map(|i| format!("<tr><td>Nama {i}</td><td>1</td><td>2</td><td>3</td><td>4</td><td>5</td><td>100,34%</td></tr>"))
        .collect();
    std::fs::write(
        dir.path().join("index.html"),
        format!("<!DOCTYPE html><html lang=\"id\"><head><title>x</title><meta name=\"viewport\" content=\"width=device-width\"></head><body><main><div style=\"width:500px\">lebar</div><figure class=\"chart\"><svg viewBox=\"0 0 720 100\" width=\"720\" height=\"100\" style=\"max-width:100%;height:auto\"><text x=\"10\" y=\"50\" font-size=\"11\">kecil</text></svg></figure><table class=\"data\" style=\"display:block;overflow-x:auto\"><tbody>{}</tbody></table><style>td{{padding:0 60px}}</style></main></body></html>", rows),
    )
    .unwrap();
    let server = Server::start(dir.path(), "/").unwrap();
    let mut browser = Browser::start(&tools.chromium);
    browser.set_viewport(390, 844, true).unwrap();
    browser.load(&server.url("")).unwrap();
    let m = browser.evaluate(PHONE_JS).unwrap();
    assert!(m["scroll"].as_i64() > m["client"].as_i64(), "{m}");
    assert!(m["smallest"].as_f64().unwrap() < 7.0, "{m}");
    assert_eq!(m["tables"][0]["hidden"].as_array().unwrap().len(), 3, "{m}");
}

/// Search on a 2025 page: an indicator once with its other years as a switch, its achievement
/// and category shown, 2025 first; every result reachable (the count matches what is listed or
/// linked).
#[test]
fn search_groups_years_shows_the_achievement_and_reaches_every_result() {
    let Some(tools) = tools() else { return };
    let demo = build_demo();
    let server = Server::start(&demo.root, "/").unwrap();
    let mut browser = Browser::start(&tools.chromium);
    browser.set_viewport(390, 844, true).unwrap();
    browser.load(&server.url("2025/")).unwrap();
    browser.click("#cari-q", true).unwrap();
    browser.type_text("indeks").unwrap();
    browser
        .wait_until("!!document.querySelector('.search-box:not([hidden]) .search-results a')")
        .unwrap();
    let found = browser
        .evaluate(
            r#"(() => {
  const box = document.querySelector('.search-box');
  const items = [...box.querySelectorAll('.search-results > li')].map(li => ({
    kind: li.querySelector('.search-kind').textContent,
    name: li.querySelector('.search-name').textContent,
    href: li.querySelector('a').getAttribute('href'),
    achievement: li.querySelector('.search-achievement')?.textContent ?? null,
    years: [...li.querySelectorAll('.search-years a')].map(a => a.textContent),
  }));
  const all = box.querySelector('.search-all');
  return { status: box.querySelector('[role=status]').textContent, items,
    all: all && [all.getAttribute('href'), all.textContent] };
})()"#,
        )
        .unwrap();
    let items = found["items"].as_array().unwrap();
    let ipg: Vec<&serde_json::Value> = items
        .iter()
        .filter(|i| i["name"] == "Indeks Pembangunan Gender (IPG)")
        .collect();
    assert_eq!(ipg.len(), 1, "IPG once: {found}");
    let ipg = ipg[0];
    assert_eq!(
        ipg["href"], "/2025/indikator/ipg/",
        "the page's own year first"
    );
    assert_eq!(ipg["kind"], "Indikator · 2025");
    assert_eq!(ipg["years"], serde_json::json!(["2026", "2024", "2023"]));
    assert_eq!(ipg["achievement"], "100,34% · Sangat Tinggi", "{found}");
    let count: usize = found["status"]
        .as_str()
        .unwrap()
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    if count > items.len() {
        let all = &found["all"];
        assert_eq!(all[0], "/peta-situs/?q=indeks", "{found}");
        // The page the link opens lists all of them.
        browser.load(&server.url("peta-situs/?q=indeks")).unwrap();
        browser
            .wait_until("!document.getElementById('hasil-cari').hidden")
            .unwrap();
        let listed = browser
            .evaluate("document.querySelectorAll('#hasil-cari .search-results > li').length")
            .unwrap();
        assert_eq!(listed.as_u64(), Some(count as u64));
    } else {
        assert_eq!(items.len(), count, "{found}");
    }
}

/// `/favicon.ico` is in the build and every page links an icon.
#[test]
fn every_page_has_a_favicon() {
    let demo = build_demo();
    let ico = std::fs::read(demo.root.join("favicon.ico")).unwrap();
    assert_eq!(&ico[..4], &[0, 0, 1, 0], "an ICO file");
    assert!(demo.root.join("favicon.svg").is_file());
    let icon = Selector::parse("link[rel=icon]").unwrap();
    for page in html_pages(&demo.root) {
        let html = Html::parse_document(&std::fs::read_to_string(demo.root.join(&page)).unwrap());
        if html
            .select(&Selector::parse("body").unwrap())
            .next()
            .is_none()
        {
            continue;
        }
        assert!(
            html.select(&icon)
                .any(|l| l.value().attr("href") == Some("/favicon.ico")),
            "{page} links no favicon"
        );
    }
}
