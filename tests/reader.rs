//! The reader's experience of the demo site, in a real headless Chromium:
//!
//! - a click-through as a reader does it, on a desktop (1280×900) and a phone (390×844, touch):
//!   dashboard → year → PK → indicator → the same indicator in another year (the year
//!   switcher) → search (a query in another case and with diacritics) → the result; with a
//!   screenshot of each step (into a temporary folder, or `$CAPAIAN_SHOTS`);
//! - on the phone: wide tables scroll by themselves with their name column fixed (the running
//!   number gives way), nothing is wider than the screen, navigation targets are at least 44 px
//!   high;
//! - axe-core (WCAG 2 A and AA rules) finds no violation of any impact on every page type
//!   (dashboard, year, PK, indicator, changes, validation, print, narrative page, SOP, search
//!   results), in the internal and the public edition, at 1366 and 390 px.
//!
//! Without JavaScript, the site map lists every page and `sitemap.xml` every page (no browser
//! needed: always run).
//!
//! Chromium: skipped with a message when missing, mandatory with `CI` set (as tests/browser.rs).
//! axe-core comes from npm (`.ci/run` installs it): `$CAPAIAN_AXE` names `axe.min.js`, by
//! default `~/.cache/capaian-npm/node_modules/axe-core/axe.min.js`.

use std::collections::BTreeSet;
use std::path::PathBuf;

use capaian::pdf::Server;
use scraper::Html;

mod common;

use common::browser::{Browser, tools};
use common::html::select;
use common::site::{build_demo, build_demo_edition, url_of};

#[test]
fn the_site_map_and_sitemap_xml_list_every_page() {
    let demo = build_demo();
    let mut pages: Vec<String> = common::site::html_pages(&demo.root)
        .iter()
        .map(|p| url_of(p))
        .collect();
    pages.sort();
    assert!(pages.len() > 100, "{}", pages.len());
    let map = Html::parse_document(
        &std::fs::read_to_string(demo.root.join("peta-situs/index.html")).unwrap(),
    );
    let linked: BTreeSet<String> = select(&map, "main a[href]")
        .iter()
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    let unlisted: Vec<&String> = pages
        .iter()
        .filter(|p| *p != "/peta-situs/" && !linked.contains(*p))
        .collect();
    assert!(unlisted.is_empty(), "not on the site map: {unlisted:?}");
    assert!(linked.contains("/data/2025.json") && linked.contains("/data/2025.csv"));
    // The search form leads there without JavaScript.
    let home =
        Html::parse_document(&std::fs::read_to_string(demo.root.join("index.html")).unwrap());
    let form = &select(&home, "form[role=search]")[0];
    assert_eq!(form.value().attr("action"), Some("/peta-situs/"));
    assert_eq!(form.value().attr("method"), Some("get"));
    assert_eq!(select(&home, "form[role=search] input[name=q]").len(), 1);

    let xml = std::fs::read_to_string(demo.root.join("sitemap.xml")).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let locs: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .map(|n| n.text().unwrap().to_string())
        .collect();
    assert_eq!(locs, pages, "sitemap.xml: every page once, sorted");

    let index = capaian::render::search::decode(
        &std::fs::read_to_string(demo.root.join("search-index.json")).unwrap(),
    )
    .unwrap();
    for entry in &index {
        let url = entry.url.as_str();
        assert!(
            pages.iter().any(|p| p == url),
            "the index links {url}, not a page"
        );
    }
}

#[test]
fn every_data_page_links_its_downloads_and_describes_itself() {
    let demo = build_demo();
    for (page, year) in [
        ("index.html", 2026),
        ("2025/index.html", 2025),
        ("2025/pk/kepala/index.html", 2025),
        ("2024/indikator/ipg/index.html", 2024),
    ] {
        let html = Html::parse_document(&std::fs::read_to_string(demo.root.join(page)).unwrap());
        let hrefs: Vec<&str> = select(&html, ".downloads a")
            .iter()
            .map(|a| a.value().attr("href").unwrap())
            .collect();
        // An indicator page leaves the year's data to its year and PK pages, a link away.
        let downloads = if page.contains("/indikator/") {
            vec![]
        } else {
            vec![format!("/data/{year}.json"), format!("/data/{year}.csv")]
        };
        assert_eq!(hrefs, downloads, "{page}");
        let description = select(&html, "meta[name=description]")[0]
            .value()
            .attr("content")
            .unwrap()
            .to_string();
        assert!(
            description.contains(&year.to_string()),
            "{page}: {description}"
        );
        assert!(
            description.contains('%'),
            "{page}: a number from the data: {description}"
        );
        let og = select(&html, "meta[property='og:image']");
        assert_eq!(og[0].value().attr("content"), Some("/og.png"), "{page}");
        assert!(
            select(&html, "link[rel=canonical]").is_empty(),
            "{page}: no canonical link with a path as base_url"
        );
        assert_eq!(select(&html, "h1").len(), 1, "{page}: one h1");
        for landmark in ["header", "nav", "main", "footer"] {
            assert!(
                !select(
                    &html,
                    &format!("body > {landmark}, body > header > {landmark}")
                )
                .is_empty(),
                "{page}: the landmark {landmark}"
            );
        }
    }
    let sop =
        Html::parse_document(&std::fs::read_to_string(demo.root.join("sop/index.html")).unwrap());
    assert!(
        select(&sop, ".downloads").is_empty(),
        "the SOP page holds no year's data"
    );
}

// -- in Chromium ------------------------------------------------------------------------------

struct Shots {
    _temp: Option<tempfile::TempDir>,
    dir: PathBuf,
}

impl Shots {
    fn new() -> Shots {
        match std::env::var_os("CAPAIAN_SHOTS") {
            Some(dir) => {
                let dir = PathBuf::from(dir);
                std::fs::create_dir_all(&dir).unwrap();
                Shots { _temp: None, dir }
            }
            None => {
                let temp = tempfile::tempdir().unwrap();
                let dir = temp.path().to_path_buf();
                Shots {
                    _temp: Some(temp),
                    dir,
                }
            }
        }
    }
}

/// The click-through of one viewport.
fn click_through(browser: &mut Browser, server: &Server, shots: &Shots, name: &str, phone: bool) {
    let (width, height) = if phone { (390, 844) } else { (1280, 900) };
    browser.set_viewport(width, height, phone).unwrap();
    let shot = |browser: &mut Browser, step: &str| {
        let path = shots.dir.join(format!("{name}-{step}.png"));
        browser.screenshot(&path, false).unwrap();
    };
    let problems = browser.load(&server.url("")).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    shot(browser, "1-dashboard");

    // → a year, from the header.
    browser.follow(".site-nav a[href='/2025/']", phone).unwrap();
    assert_eq!(browser.location().unwrap(), "/2025/");
    shot(browser, "2-year");
    if phone {
        phone_layout(browser);
    }

    // → a PK, from the year's report.
    browser
        .follow("#capaian-kinerja h3 a[href='/2025/pk/kepala/']", phone)
        .unwrap();
    assert_eq!(browser.location().unwrap(), "/2025/pk/kepala/");
    shot(browser, "3-pk");

    // → an indicator of the PK.
    browser
        .follow("main a[href='/2025/indikator/ipg/']", phone)
        .unwrap();
    assert_eq!(browser.location().unwrap(), "/2025/indikator/ipg/");
    let name_2025 = browser
        .evaluate("document.querySelector('h1').textContent")
        .unwrap();
    shot(browser, "4-indicator");

    // → the same indicator in 2024, with the year switcher.
    let switcher = browser
        .evaluate("[...document.querySelectorAll('.site-nav a')].map(a => [a.textContent.replace(/\\D/g, '').slice(0, 4), a.getAttribute('href'), a.getAttribute('aria-current')]).filter(y => y[0].length == 4)")
        .unwrap();
    assert!(
        switcher
            .as_array()
            .unwrap()
            .iter()
            .any(|y| y[0] == "2024" && y[1] == "/2024/indikator/ipg/"),
        "{switcher}"
    );
    assert!(
        switcher
            .as_array()
            .unwrap()
            .iter()
            .any(|y| y[1] == "/2025/indikator/ipg/" && y[2] == "page"),
        "the current year is marked: {switcher}"
    );
    browser
        .follow(".site-nav a[href='/2024/indikator/ipg/']", phone)
        .unwrap();
    assert_eq!(browser.location().unwrap(), "/2024/indikator/ipg/");
    assert_eq!(
        browser
            .evaluate("document.querySelector('h1').textContent")
            .unwrap(),
        name_2025,
        "the same indicator"
    );
    shot(browser, "5-switched-year");

    // → search, typed in capitals with a diacritic the name does not have.
    browser.click("#cari-q", phone).unwrap();
    browser.type_text("INDÉKS pemberdayaan").unwrap();
    browser
        .wait_until("!!document.querySelector('.search-box:not([hidden]) .search-results a')")
        .unwrap();
    shot(browser, "6-search");
    let first = browser
        .evaluate("(() => { const a = document.querySelector('.search-results a'); return [a.getAttribute('href'), a.querySelector('.search-name').textContent]; })()")
        .unwrap();
    assert_eq!(first[1], "Indeks Pemberdayaan Gender (IDG)", "{first}");
    let href = first[0].as_str().unwrap().to_string();
    assert!(href.ends_with("/indikator/idg/"), "{href}");
    browser.follow(".search-results a", phone).unwrap();
    assert_eq!(browser.location().unwrap(), href);
    shot(browser, "7-result");
}

/// On a phone: tables scroll by themselves with their name column in place; nothing else is
/// wider than the screen; navigation is easy to touch.
fn phone_layout(browser: &mut Browser) {
    let layout = browser
        .evaluate(
            r#"(() => {
  const t = document.querySelector('table.data');
  const cell = [...t.querySelectorAll('tbody tr:not(.goal-row) > *')].find(c => getComputedStyle(c).display !== 'none');
  const nav = [...document.querySelectorAll('.site-nav a, .site-search button, .site-search input')]
    .map(a => a.getBoundingClientRect().height);
  return {
    page: document.documentElement.scrollWidth, screen: window.innerWidth,
    tableScrolls: t.scrollWidth > t.clientWidth, overflow: getComputedStyle(t).overflowX,
    sticky: getComputedStyle(cell).position, smallest: Math.min(...nav),
  };
})()"#,
        )
        .unwrap();
    assert_eq!(
        layout["page"], layout["screen"],
        "nothing wider than the screen: {layout}"
    );
    assert_eq!(layout["tableScrolls"], true, "{layout}");
    assert_eq!(layout["overflow"], "auto", "{layout}");
    assert_eq!(layout["sticky"], "sticky", "{layout}");
    assert!(layout["smallest"].as_f64().unwrap() >= 44.0, "{layout}");
    // Scrolled sideways, the first column stays where it was.
    let moved = browser
        .evaluate(
            r#"(() => {
  const t = document.querySelector('table.data');
  const cell = [...t.querySelectorAll('tbody tr:not(.goal-row) > *')].find(c => getComputedStyle(c).display !== 'none');
  const before = cell.getBoundingClientRect().left;
  t.scrollLeft = 200;
  const after = cell.getBoundingClientRect().left;
  t.scrollLeft = 0;
  return [t.scrollLeft, before, after];
})()"#,
        )
        .unwrap();
    assert_eq!(moved[1], moved[2], "the first column stays: {moved}");
}

#[test]
fn a_reader_clicks_through_on_a_desktop_and_a_phone() {
    let Some(tools) = tools() else { return };
    let demo = build_demo();
    let server = Server::start(&demo.root, "/").unwrap();
    let shots = Shots::new();
    let mut browser = Browser::start(&tools.chromium);
    let folded = browser.load(&server.url("peta-situs/?q=x")).unwrap();
    assert!(folded.is_empty(), "{folded:?}");
    assert_eq!(
        browser
            .evaluate("capaianSearch.normalise('  Ḥasan   SÉTIAWAN ')")
            .unwrap(),
        "hasan setiawan"
    );
    click_through(&mut browser, &server, &shots, "desktop", false);
    click_through(&mut browser, &server, &shots, "phone", true);

    // Without a result, the form goes to the site map, which shows the query's results.
    browser.set_viewport(1280, 900, false).unwrap();
    browser.load(&server.url("sop/")).unwrap();
    browser.click("#cari-q", false).unwrap();
    browser.type_text("rosmiati").unwrap();
    browser
        .wait_until("!!document.querySelector('.search-results a')")
        .unwrap();
    let official = browser
        .evaluate("document.querySelector('.search-results .search-kind').textContent")
        .unwrap();
    assert_eq!(
        official, "Pejabat · 2026",
        "an official, in their latest year"
    );
    browser.load(&server.url("peta-situs/?q=zzzz")).unwrap();
    browser
        .wait_until("!document.getElementById('hasil-cari').hidden")
        .unwrap();
    let status = browser
        .evaluate("document.querySelector('#hasil-cari [role=status]').textContent")
        .unwrap();
    assert_eq!(status, "Tidak ada hasil untuk \u{201c}zzzz\u{201d}");
    let taken = std::fs::read_dir(&shots.dir).unwrap().count();
    assert!(taken >= 14, "a screenshot of each step: {taken}");
    eprintln!("{taken} screenshots in {}", shots.dir.display());
}

/// axe-core's source, or: a failure in CI, a skip with a message elsewhere.
fn axe_source() -> Option<String> {
    let path = std::env::var_os("CAPAIAN_AXE")
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME").map(|home| {
                PathBuf::from(home).join(".cache/capaian-npm/node_modules/axe-core/axe.min.js")
            })
        });
    if let Some(source) = path.as_ref().and_then(|p| std::fs::read_to_string(p).ok()) {
        return Some(source);
    }
    let wanted = path.map_or_else(|| "CAPAIAN_AXE".to_string(), |p| p.display().to_string());
    let help = "`npm install --prefix ~/.cache/capaian-npm axe-core@4`, or set CAPAIAN_AXE to axe.min.js (.ci/run does it)";
    let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "0" && v != "false");
    if ci {
        panic!("the accessibility test needs axe-core at {wanted}: {help}");
    }
    eprintln!("SKIPPED: the accessibility test needs axe-core at {wanted}: {help}");
    None
}

/// One page of each type a build has: the dashboard, the SOP, the search results, and for the
/// latest two years the year's report, a PK, an indicator, the changes, the validation and
/// print pages and a narrative page.
fn page_types(root: &std::path::Path) -> Vec<String> {
    let mut years: Vec<String> = std::fs::read_dir(root)
        .unwrap()
        .filter_map(|e| {
            let name = e.ok()?.file_name().to_string_lossy().into_owned();
            (name.len() == 4 && name.chars().all(|c| c.is_ascii_digit())).then_some(name)
        })
        .collect();
    years.sort();
    let mut pages = vec!["".to_string(), "sop/".into(), "peta-situs/?q=indeks".into()];
    let first_dir = |dir: &std::path::Path| -> Option<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .ok()?
            .filter_map(|e| Some(e.ok()?.file_name().to_string_lossy().into_owned()))
            .collect();
        names.sort();
        names.into_iter().next()
    };
    // The latest two years with indicator pages (a draft year and an approved one in the
    // demo; the public edition holds approved years only).
    let with_indicators = years
        .iter()
        .rev()
        .filter(|y| root.join(y).join("indikator").is_dir())
        .take(2);
    for year in with_indicators {
        pages.push(format!("{year}/"));
        for kind in ["pk", "indikator"] {
            if let Some(first) = first_dir(&root.join(year).join(kind)) {
                pages.push(format!("{year}/{kind}/{first}/"));
            }
        }
        for page in ["perubahan", "validasi", "evaluasi", "cetak", "pendahuluan"] {
            if root.join(year).join(page).join("index.html").is_file() {
                pages.push(format!("{year}/{page}/"));
            }
        }
    }
    pages
}

/// axe-core (WCAG 2 A and AA rules) finds no violation of any impact on every page type, in
/// both editions, on a desktop (1366 px) and a phone (390 px).
#[test]
fn axe_finds_no_accessibility_violation_on_any_page_type() {
    let Some(tools) = tools() else { return };
    let Some(axe) = axe_source() else { return };
    let mut browser = Browser::start(&tools.chromium);
    let mut violations = Vec::new();
    let mut runs = 0;
    for edition in [
        capaian::model::Edition::Internal,
        capaian::model::Edition::Public,
    ] {
        let demo = build_demo_edition(edition);
        let root = demo.root.clone();
        let pages = page_types(&root);
        eprintln!("{edition:?}: {pages:?}");
        if edition == capaian::model::Edition::Internal {
            assert!(pages.len() >= 10, "every page type: {pages:?}");
        }
        let server = Server::start(&root, "/").unwrap();
        for (phone, (width, height)) in [(false, (1366, 900)), (true, (390, 844))] {
            browser.set_viewport(width, height, phone).unwrap();
            for page in &pages {
                let problems = browser.load(&server.url(page)).unwrap();
                assert!(problems.is_empty(), "{page}: {problems:?}");
                if page.contains("?q=") {
                    browser
                        .wait_until("!document.getElementById('hasil-cari').hidden")
                        .unwrap();
                }
                browser.evaluate(&axe).unwrap();
                let found = browser
                    .evaluate_async(
                        r#"axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
  .then(r => ({passes: r.passes.length, bad: r.violations
    .map(v => `${v.id} (${v.impact}): ${v.help}; ${v.nodes.length} node(s): ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`)}))"#,
                    )
                    .unwrap();
                assert!(found["passes"].as_u64().unwrap() > 10, "axe ran: {found}");
                runs += 1;
                for v in found["bad"].as_array().unwrap() {
                    violations.push(format!(
                        "{edition:?} /{page} ({width} px): {}",
                        v.as_str().unwrap()
                    ));
                }
            }
        }
    }
    // Ten page types in the internal edition; the public one has at least the dashboard, the
    // SOP and search (its years only once approved); each at two widths.
    assert!(runs >= 2 * (10 + 3), "axe ran on every page type: {runs}");
    assert!(
        violations.is_empty(),
        "{} violation(s):\n{}",
        violations.len(),
        violations.join("\n")
    );
}

/// Each category badge wears its category's colour (its left border), on the web page and by
/// the same rules in the print: the class of the category alone makes the badge, and the
/// badges' default grey must not win over it.
#[test]
fn category_badges_wear_their_category_colour() {
    let Some(tools) = tools() else { return };
    let demo = build_demo();
    let server = Server::start(&demo.root, "/").unwrap();
    let mut browser = Browser::start(&tools.chromium);
    // The default scale's colours (`[[kategori]]` unset in the demo): kat-1 #1a7f37 … kat-5 #c93c37.
    let expected = [
        ("kat-1", "rgb(26, 127, 55)"),
        ("kat-2", "rgb(140, 194, 101)"),
        ("kat-3", "rgb(242, 204, 56)"),
        ("kat-4", "rgb(240, 136, 62)"),
        ("kat-5", "rgb(201, 60, 55)"),
    ];
    let mut seen = std::collections::BTreeSet::new();
    for page in ["2025/indikator/ipg/", "2025/", "2025/pk/kepala/", "2024/"] {
        browser.load(&server.url(page)).unwrap();
        let badges = browser
            .evaluate("[...document.querySelectorAll('main [class^=kat-]')].map(b => [b.className, getComputedStyle(b).borderLeftColor, getComputedStyle(b).borderLeftStyle])")
            .unwrap();
        let badges = badges.as_array().unwrap();
        assert!(!badges.is_empty(), "{page}: no category badge");
        for badge in badges {
            let (class, colour) = (badge[0].as_str().unwrap(), badge[1].as_str().unwrap());
            let want = expected
                .iter()
                .find(|(c, _)| *c == class)
                .unwrap_or_else(|| panic!("{page}: a badge of class {class}"))
                .1;
            assert_eq!(colour, want, "{page}: the badge {class}");
            assert_eq!(badge[2], "solid", "{page}: the badge {class} has its bar");
            seen.insert(class.to_string());
        }
    }
    assert!(seen.len() >= 2, "badges of several categories: {seen:?}");
}
