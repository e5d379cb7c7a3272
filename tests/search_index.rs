//! The search index `/search-index.json` read back as `search.js` reads it (names and contexts
//! from their tables, URLs from the base URL and the pattern of their kind), on the demo built
//! under a sub-path (`base_url = "/lkjip/"`): it lists each indicator and PK page the build
//! wrote once, with that page's URL, year, id and name, and every other entry leads to a page.
//! In Chromium (skipped with a message when missing, mandatory with `CI` set): the script finds
//! and links the same pages under the sub-path.

use std::collections::BTreeMap;

use capaian::Site;
use capaian::pdf::Server;
use capaian::render::search::{Entry, decode};
use scraper::Html;

mod common;

use common::browser::{Browser, tools};
use common::html::select;
use common::site::{Demo, build_site, demo_content, html_pages, url_of};

const BASE: &str = "/lkjip/";

/// The demo built with `base_url = "/lkjip/"`, and its index read back.
fn demo_under_a_path() -> (Demo, Vec<Entry>) {
    let (mut site, _) = Site::load(demo_content())
        .expect("the demo loads")
        .edition(capaian::model::Edition::Internal);
    site.report.site.base_url = BASE.into();
    let demo = build_site(site);
    let json = std::fs::read_to_string(demo.root.join("search-index.json")).unwrap();
    let entries = decode(&json).expect("the index reads back");
    (demo, entries)
}

/// The pages of one kind (`indikator`, `pk`): URL under the base → (year, id).
fn pages_of(pages: &[String], kind: &str) -> BTreeMap<String, (i32, String)> {
    pages
        .iter()
        .filter_map(|page| {
            let parts: Vec<&str> = page.split('/').collect();
            match parts[..] {
                [year, k, id, "index.html"] if k == kind => Some((
                    format!("{BASE}{}", url_of(page).trim_start_matches('/')),
                    (year.parse().ok()?, id.to_string()),
                )),
                _ => None,
            }
        })
        .collect()
}

#[test]
fn the_index_read_back_lists_the_pages_the_build_wrote() {
    let (demo, entries) = demo_under_a_path();
    let root = &demo.root;
    let pages = html_pages(root);
    let page_urls: Vec<String> = pages
        .iter()
        .map(|p| format!("{BASE}{}", url_of(p).trim_start_matches('/')))
        .collect();
    for entry in &entries {
        assert!(
            page_urls.contains(&entry.url),
            "{} {}: {} is no page of the build",
            entry.jenis,
            entry.id,
            entry.url
        );
    }
    for kind in ["indikator", "pk"] {
        let written = pages_of(&pages, kind);
        let listed: BTreeMap<String, (i32, String)> = entries
            .iter()
            .filter(|e| e.jenis == kind)
            .map(|e| (e.url.clone(), (e.tahun.unwrap(), e.id.clone())))
            .collect();
        assert_eq!(
            entries.iter().filter(|e| e.jenis == kind).count(),
            listed.len(),
            "each {kind} page once"
        );
        assert!(written.len() > 10, "{kind}: {written:?}");
        assert_eq!(listed, written, "{kind}: the index and the pages");
    }
    // An indicator's name and achievement as its page shows them; its context is its PK's name.
    let pk_names: Vec<&str> = entries
        .iter()
        .filter(|e| e.jenis == "pk")
        .map(|e| e.nama.as_str())
        .collect();
    for entry in entries.iter().filter(|e| e.jenis == "indikator") {
        let file = entry.url.strip_prefix(BASE).unwrap();
        let html = Html::parse_document(
            &std::fs::read_to_string(root.join(file).join("index.html")).unwrap(),
        );
        let h1 = select(&html, "h1")[0]
            .text()
            .next()
            .unwrap_or("")
            .trim_end();
        assert_eq!(entry.nama, h1, "{}", entry.url);
        assert!(
            pk_names.contains(&entry.konteks.as_str()),
            "{}: {}",
            entry.url,
            entry.konteks
        );
        if let Some(capaian) = &entry.capaian {
            let text = html.root_element().text().collect::<String>();
            assert!(text.contains(capaian.as_str()), "{}: {capaian}", entry.url);
        }
    }
    let ipg = entries
        .iter()
        .find(|e| e.jenis == "indikator" && e.id == "ipg" && e.tahun == Some(2025))
        .unwrap();
    assert_eq!(ipg.url, "/lkjip/2025/indikator/ipg/");
    assert_eq!(
        (ipg.capaian.as_deref(), ipg.kategori.as_deref()),
        (Some("100,34%"), Some("Sangat Tinggi"))
    );
    assert_eq!(ipg.konteks, "Perjanjian Kinerja Kepala Dinas");
    let official = entries.iter().find(|e| e.jenis == "pejabat").unwrap();
    assert!(official.url.starts_with("/lkjip/") && official.url.contains("/pk/"));
    let home = entries
        .iter()
        .find(|e| e.jenis == "halaman" && e.id.is_empty());
    assert_eq!(home.map(|e| e.url.as_str()), Some(BASE));
}

/// The script reads the index the same way: on a 2025 page under `/lkjip/`, the IPG links its
/// page and its other years under the base path, and each link opens the indicator's page.
#[test]
fn search_under_a_sub_path_links_the_pages() {
    let Some(tools) = tools() else { return };
    let (demo, entries) = demo_under_a_path();
    let root = &demo.root;
    let server = Server::start(root, BASE).unwrap();
    let mut browser = Browser::start(&tools.chromium);
    browser.set_viewport(1280, 900, false).unwrap();
    browser.load(&server.url("2025/")).unwrap();
    browser.click("#cari-q", false).unwrap();
    browser.type_text("pembangunan gender").unwrap();
    browser
        .wait_until("!!document.querySelector('.search-box:not([hidden]) .search-results a')")
        .unwrap();
    let links = browser
        .evaluate(
            "[...document.querySelectorAll('.search-results > li')].filter(li => \
             li.querySelector('.search-name').textContent === 'Indeks Pembangunan Gender (IPG)')\
             .map(li => [...li.querySelectorAll('a')].map(a => [a.textContent, a.getAttribute('href')]))",
        )
        .unwrap();
    let ipg: Vec<&Entry> = entries
        .iter()
        .filter(|e| e.jenis == "indikator" && e.id == "ipg")
        .collect();
    let url_of_year = |year: &str| {
        ipg.iter()
            .find(|e| e.tahun.map(|t| t.to_string()).as_deref() == Some(year))
            .map(|e| e.url.clone())
            .unwrap()
    };
    let links = links[0].as_array().expect("the IPG is found");
    assert_eq!(links[0][1], "/lkjip/2025/indikator/ipg/", "{links:?}");
    let years: Vec<(String, String)> = links[1..]
        .iter()
        .map(|l| {
            (
                l[0].as_str().unwrap().to_string(),
                l[1].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        years,
        ["2026", "2024", "2023"]
            .iter()
            .map(|y| (y.to_string(), url_of_year(y)))
            .collect::<Vec<_>>()
    );
    // A year's link opens that year's page of the indicator.
    browser
        .click(".search-years a[href$='/2024/indikator/ipg/']", false)
        .unwrap();
    browser
        .wait_until("location.pathname === '/lkjip/2024/indikator/ipg/'")
        .unwrap();
    let h1 = browser
        .evaluate("document.querySelector('h1').firstChild.textContent.trim()")
        .unwrap();
    assert_eq!(h1, "Indeks Pembangunan Gender (IPG)");
}
