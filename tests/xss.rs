//! Editor text never runs in a reader's browser.
//!
//! The demo's `content/` is copied and every editor text field of every file (site, SOP,
//! Renstra, PKs, realisations, process records, Markdown pages: front matter and body) gets
//! script payloads: `<script>`, `<img onerror>`, a Markdown `javascript:` link, a raw
//! `javascript:` URL, a script inside SVG, attribute and `</style>` break-outs and
//! JavaScript-string break-outs. Ids, dates, numbers and enum values are left as they are, so
//! that the report still builds. Each payload of each field sets its own marker
//! (`window.__xss = 'img@17'`: payload `img` of field 17), so that a failure names the
//! payload, the page and (through the printed field list) the field.
//!
//! - without a browser: the payloads appear as text in the pages (so the fields are rendered
//!   at all), the JSON export holds them verbatim, the CSV export neutralises every text cell
//!   that a spreadsheet would read as a formula;
//! - in headless Chromium (skipped without it, mandatory with `CI` set): every HTML page and
//!   every SVG file of the build is loaded, no marker is set, no dialog opens, no element
//!   carries an injected script or handler, no link has a `javascript:` URL (any that did
//!   would be clicked first).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use capaian::pdf::Server;
use capaian::{BuildOptions, Site};
use scraper::{Html, Node};

mod common;

use common::browser::{Browser, tools};
use common::site::files;

/// The payloads, by name; `{m}` is replaced by the marker of the payload and field.
const PAYLOADS: &[(&str, &str)] = &[
    ("script", "<script>window.__xss='{m}'</script>"),
    ("img", "<img src=x onerror=\"window.__xss='{m}'\">"),
    // `void`: a `javascript:` URL whose value is a string replaces the page, marker and all.
    ("mdlink", "[klik](javascript:void(window.__xss='{m}'))"),
    ("url", "javascript:void(window.__xss='{m}')"),
    ("svg", "<svg><script>window.__xss='{m}'</script></svg>"),
    ("attr", "\"><svg onload=window.__xss='{m}'>"),
    ("attr1", "'><svg onload=window.__xss='{m}'>"),
    ("style", "</style><script>window.__xss='{m}'</script>"),
    ("quote", "'-alert('{m}')-'"),
    ("dquote", "\"-alert(\"{m}\")-\""),
];

/// Keys whose strings are ids, references, enum values or fixed formats: they stay valid.
const NOT_TEXT: &[&str] = &[
    "id",
    "base_url",
    "bahasa",
    "tema",
    "edisi",
    "zona_waktu",
    "peran",
    "eselon",
    "atasan",
    "nip",
    "pejabat",
    "mendukung",
    "polaritas",
    "akumulasi",
    "rumus_capaian",
    "indikator",
    "program",
    "pelapor",
    "oleh",
    "pelaksana",
    "waktu",
    // Budget nomenclature codes and the references to them, Renstra goal references and the
    // follow-up's status word.
    "kode",
    "sub_kegiatan",
    "tujuan",
    "status",
    // Paths of evidence files, which must name files that exist.
    "bukti",
];

/// Keys that name evidence or documents: the most link-like fields. Their text starts with
/// a raw `javascript:` URL, in case anything ever makes them a link.
const LINKISH: &[&str] = &["sumber", "sumber_data", "dokumen", "nomor_surat"];

fn marker(payload: &str, field: usize) -> String {
    format!("{payload}@{field}")
}

fn payloads(field: usize) -> String {
    PAYLOADS
        .iter()
        .map(|(name, p)| p.replace("{m}", &marker(name, field)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The `<script>` payload of a field: the text the reader must see.
fn visible(field: usize) -> String {
    PAYLOADS[0].1.replace("{m}", &marker(PAYLOADS[0].0, field))
}

/// One poisoned field.
struct Field {
    /// `2025/pk/kepala.toml: sasaran.indikator.nama = "…"`
    place: String,
    file: String,
    key: String,
    value: String,
}

#[derive(Default)]
struct Poison {
    /// The same text gets the same replacement everywhere, so that an ordinal indicator's
    /// `skala` words, `target` and realised `nilai` still match.
    seen: BTreeMap<(bool, String), usize>,
    fields: Vec<Field>,
}

impl Poison {
    fn text(&mut self, file: &str, key: &str, original: &str) -> String {
        let linkish = LINKISH.contains(&key);
        let leaf = key.rsplit('.').next().unwrap_or(key);
        let linkish = linkish || LINKISH.contains(&leaf);
        if let Some(&f) = self.seen.get(&(linkish, original.to_string())) {
            return self.fields[f].value.clone();
        }
        let f = self.fields.len();
        // Each field starts with a character that a spreadsheet reads as a formula.
        let start = if linkish {
            format!("javascript:void(window.__xss='{}')//", marker("rawurl", f))
        } else {
            ["=", "+", "-", "@"][f % 4].to_string()
        };
        // A one-line field holds at most SINGLE_LINE_MAX characters: the editor's text is
        // shortened where it and the payloads would not fit (the payloads stay whole).
        let room = capaian::validate::SINGLE_LINE_MAX
            .saturating_sub(start.chars().count() + 1 + payloads(f).chars().count());
        let original_kept: String = if leaf == "analisis" || original.contains('\n') {
            original.to_string()
        } else {
            original.chars().take(room).collect()
        };
        let mut value = format!("{start}{original_kept} {}", payloads(f));
        if leaf == "analisis" {
            // Markdown: a heading (ids, tables of contents) and a link title too.
            write!(
                value,
                "\n\n### {}\n\n[tautan](/ \"{}\")\n",
                payloads(f),
                PAYLOADS[5].1.replace("{m}", &marker("title", f))
            )
            .unwrap();
        }
        self.seen.insert((linkish, original.to_string()), f);
        self.fields.push(Field {
            place: format!("{file}: {key} = {original:?}"),
            file: file.to_string(),
            key: key.to_string(),
            value: value.clone(),
        });
        value
    }

    fn walk(&mut self, file: &str, key: &str, value: &mut toml::Value) {
        match value {
            toml::Value::String(s) => {
                let leaf = key.rsplit('.').next().unwrap_or(key);
                // `sasaran` is a table of a PK and a list of goal ids in a programme.
                let goal_ids = leaf == "sasaran" && key.starts_with("program");
                if !NOT_TEXT.contains(&leaf) && !goal_ids {
                    *s = self.text(file, key, s);
                }
            }
            toml::Value::Array(items) => {
                for item in items {
                    self.walk(file, key, item);
                }
            }
            toml::Value::Table(table) => self.table(file, key, table),
            _ => {}
        }
    }

    fn table(&mut self, file: &str, prefix: &str, table: &mut toml::Table) {
        for (k, v) in table.iter_mut() {
            let key = if prefix.is_empty() {
                k.clone()
            } else {
                format!("{prefix}.{k}")
            };
            self.walk(file, &key, v);
        }
    }

    fn toml_file(&mut self, file: &str, text: &str) -> String {
        let mut table: toml::Table = toml::from_str(text).unwrap_or_else(|e| panic!("{file}: {e}"));
        self.table(file, "", &mut table);
        toml::to_string(&table).unwrap()
    }

    /// A Markdown page: its front matter like a TOML file, and payloads added to its body as
    /// paragraphs, HTML blocks, a heading, a link with a title and an image with alt text.
    fn page(&mut self, file: &str, text: &str) -> String {
        let rest = text.strip_prefix("+++\n").expect("front matter");
        let (front, body) = rest.split_once("\n+++\n").expect("front matter ends");
        let front = self.toml_file(file, front);
        let f = self.fields.len();
        let mut added = format!("\n\n## Bagian {}\n\n{}\n\n", payloads(f), payloads(f));
        for (name, p) in PAYLOADS {
            // At the start of a line: an HTML block rather than inline HTML.
            added.push_str(&p.replace("{m}", &marker(&format!("block-{name}"), f)));
            added.push_str("\n\n");
        }
        write!(
            added,
            "[tautan](/ \"{}\")\n\n![{}](gambar.png)\n\n| {} |\n|---|\n| {} |\n",
            PAYLOADS[5].1.replace("{m}", &marker("title", f)),
            PAYLOADS[1].1.replace("{m}", &marker("alt", f)),
            visible(f),
            payloads(f).replace('|', "\\|"),
        )
        .unwrap();
        self.fields.push(Field {
            place: format!("{file}: body"),
            file: file.to_string(),
            key: "body".into(),
            value: added.clone(),
        });
        format!("+++\n{front}+++\n{body}{added}")
    }

    fn list(&self) -> String {
        self.fields
            .iter()
            .enumerate()
            .map(|(i, f)| format!("  {i}: {}", f.place))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// The demo with every text field poisoned, built.
struct Poisoned {
    _dir: Option<tempfile::TempDir>,
    root: PathBuf,
    poison: Poison,
}

fn build_poisoned() -> Poisoned {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    let mut poison = Poison::default();
    for rel in files(&demo) {
        // Evidence files are documents (PDF, images), copied as they are.
        if rel.starts_with("bukti/") {
            let to = content.join(&rel);
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            std::fs::copy(demo.join(&rel), to).unwrap();
            continue;
        }
        let text = std::fs::read_to_string(demo.join(&rel)).unwrap();
        let poisoned = if rel.ends_with(".toml") {
            poison.toml_file(&rel, &text)
        } else if rel.ends_with(".md") {
            poison.page(&rel, &text)
        } else {
            text
        };
        let path = content.join(&rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, poisoned).unwrap();
    }
    assert!(
        poison.fields.len() > 300,
        "the demo's text fields were found: {}",
        poison.fields.len()
    );
    let site = Site::load(&content).expect("the poisoned demo loads");
    if site.findings.has_errors() {
        let errors: Vec<String> = site
            .located_findings()
            .iter()
            .filter(|f| f.to_string().contains("error:"))
            .map(|f| f.to_string())
            .take(20)
            .collect();
        panic!(
            "the poisoned demo must still be valid (only text changed):\n{}",
            errors.join("\n")
        );
    }
    let root = dir.path().join("site");
    site.build(&BuildOptions {
        output: root.clone(),
        theme: std::env::var_os("XSS_THEME").map(PathBuf::from),
    })
    .expect("the poisoned demo builds");
    // `XSS_KEEP=1`: the poisoned content and site stay, to look at.
    let dir = match std::env::var_os("XSS_KEEP") {
        Some(_) => {
            eprintln!("kept: {}", dir.keep().display());
            None
        }
        None => Some(dir),
    };
    Poisoned {
        _dir: dir,
        root,
        poison,
    }
}

/// The text a reader sees (text nodes outside `<script>` and `<style>`) and every attribute
/// value, as the browser's parser reads them.
fn readable(html: &str) -> String {
    let document = Html::parse_document(html);
    let mut out = String::new();
    let mut attributes = String::new();
    for node in document.tree.nodes() {
        match node.value() {
            Node::Text(text) => {
                let hidden = node.ancestors().any(|a| {
                    a.value()
                        .as_element()
                        .is_some_and(|e| matches!(e.name(), "script" | "style"))
                });
                if !hidden {
                    out.push_str(text);
                }
            }
            Node::Element(element) => {
                for (_, value) in element.attrs() {
                    attributes.push('\n');
                    attributes.push_str(value);
                }
            }
            _ => {}
        }
    }
    out + &attributes
}

#[test]
fn editor_text_is_shown_as_text_and_exported_verbatim() {
    let site = build_poisoned();
    let all = files(&site.root);
    let pages: Vec<&String> = all.iter().filter(|f| f.ends_with(".html")).collect();
    assert!(pages.len() > 100, "the demo's pages: {}", pages.len());
    let mut shown: BTreeSet<usize> = BTreeSet::new();
    let wanted: Vec<String> = (0..site.poison.fields.len()).map(visible).collect();
    let mut raw = Vec::new();
    for page in &pages {
        let html = std::fs::read_to_string(site.root.join(page)).unwrap();
        // Unescaped in the source: a hole, even where the browser would not run it.
        for pattern in RAW {
            if let Some(at) = html.find(pattern) {
                let end = (at + 60..at + 80)
                    .find(|&e| html.is_char_boundary(e))
                    .unwrap_or(html.len())
                    .min(html.len());
                raw.push(format!("{page}: {}", &html[at..end]));
            }
        }
        // Without white space: a flowchart cell wraps its text into lines.
        let text: String = readable(&html)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        for (f, w) in wanted.iter().enumerate() {
            if !shown.contains(&f) && text.contains(w.as_str()) {
                shown.insert(f);
            }
        }
    }
    assert!(
        raw.is_empty(),
        "{} page(s) hold editor text unescaped:\n{}\n\nfields (marker `payload@N` is field N):\n{}",
        raw.len(),
        raw[..raw.len().min(40)].join("\n"),
        site.poison.list()
    );
    let missing: Vec<String> = (0..wanted.len())
        .filter(|f| !shown.contains(f))
        .map(|f| format!("  {f}: {}", site.poison.fields[f].place))
        .collect();
    assert!(
        missing.is_empty(),
        "{} field(s) never appear as text on any page (not rendered, or mangled):\n{}",
        missing.len(),
        missing.join("\n")
    );

    // JSON: valid, and every poisoned string it holds is the editor's text exactly.
    let values: BTreeSet<&str> = site
        .poison
        .fields
        .iter()
        .map(|f| f.value.as_str())
        .collect();
    let mut exported = 0;
    for json in all.iter().filter(|f| f.ends_with(".json")) {
        let text = std::fs::read_to_string(site.root.join(json)).unwrap();
        let value: serde_json::Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{json} is not JSON: {e}"));
        let mut strings = Vec::new();
        strings_of(&value, &mut strings);
        for s in &strings {
            if !s.contains("window.__xss") {
                continue;
            }
            if json.starts_with("data/") {
                assert!(
                    values.contains(s.as_str()),
                    "{json}: a string that is not the editor's text verbatim: {s:?}"
                );
                exported += 1;
            } else {
                // Other JSON (the search index) may join texts, but never escapes them for HTML.
                assert!(
                    s.contains("<script>window.__xss=") && !s.contains("&lt;"),
                    "{json}: editor text not verbatim: {s:?}"
                );
            }
        }
        // Every indicator name and unit of the year's PKs is there.
        if let Some(year) = json
            .strip_prefix("data/")
            .and_then(|j| j.strip_suffix(".json"))
        {
            for field in &site.poison.fields {
                let leaf = field.key.rsplit('.').next().unwrap();
                if field.file.starts_with(&format!("{year}/pk/"))
                    && field.key.starts_with("sasaran.indikator.")
                    && matches!(leaf, "nama" | "satuan")
                {
                    assert!(
                        strings.iter().any(|s| s == &field.value),
                        "{json} lacks {}",
                        field.place
                    );
                }
            }
        }
    }
    assert!(
        exported > 50,
        "the JSON exports hold editor text: {exported}"
    );

    // CSV: no text cell that a spreadsheet would evaluate; names kept behind the `'`.
    let mut guarded = 0;
    for path in all.iter().filter(|f| f.ends_with(".csv")) {
        let text = std::fs::read_to_string(site.root.join(path)).unwrap();
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.as_bytes());
        for (row, record) in reader.records().enumerate() {
            let record = record.unwrap_or_else(|e| panic!("{path}: {e}"));
            for cell in record.iter() {
                let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
                assert!(
                    !risky || cell.parse::<f64>().is_ok(),
                    "{path} row {}: a cell a spreadsheet would run as a formula: {cell:?}",
                    row + 1
                );
                if let Some(rest) = cell.strip_prefix('\'')
                    && values.contains(rest)
                {
                    guarded += 1;
                }
            }
        }
    }
    assert!(
        guarded > 50,
        "the CSV exports hold guarded names: {guarded}"
    );
}

/// Payload text as it would stand in a page's source if it were not escaped.
const RAW: &[&str] = &[
    "<script>window.__xss",
    "<img src=x onerror",
    "<svg><script>",
    "<svg onload=",
    "href=\"javascript:",
    "src=\"javascript:",
];

fn strings_of(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|v| strings_of(v, out)),
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                out.push(k.clone());
                strings_of(v, out);
            }
        }
        _ => {}
    }
}

/// In the page: the marker if a payload ran, and every element that carries an injected
/// script, handler or script URL, whether or not it ran.
const PROBE_JS: &str = r#"(() => {
  const found = [];
  const scriptUrl = /^(javascript|vbscript|data):/;
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      const v = a.value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
      const name = a.name.toLowerCase();
      if (name.startsWith('on') && /__xss|alert\(/.test(a.value)) {
        found.push(`handler ${name} on <${el.localName}>: ${a.value}`);
      }
      if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'srcdoc'].includes(name) && scriptUrl.test(v)) {
        found.push(`script URL in ${name} of <${el.localName}>: ${a.value}`);
      }
    }
    if (el.localName === 'script' && /__xss|alert\(/.test(el.textContent)) {
      found.push(`injected <script>: ${el.textContent.slice(0, 80)}`);
    }
  }
  return { xss: window.__xss === undefined ? null : String(window.__xss), found };
})()"#;

/// Clicks every link with a script URL (there must be none) and says what it set.
const CLICK_JS: &str = r#"(() => {
  const links = [...document.querySelectorAll('a[href]')]
    .filter(a => /^(javascript|vbscript):/i.test(a.getAttribute('href').replace(/[\u0000-\u0020]/g, '')));
  for (const a of links) { try { a.click(); } catch (e) {} }
  return { clicked: links.length, xss: window.__xss === undefined ? null : String(window.__xss) };
})()"#;

/// The marker after [`CLICK_JS`]: a `javascript:` link runs as a task of its own, so when
/// something was clicked, the marker is read again a moment later.
fn after_clicks(
    browser: &mut Browser,
    clicked: &serde_json::Value,
    dialogs: &mut Vec<String>,
) -> Option<String> {
    if clicked["clicked"].as_u64().unwrap_or(0) > 0 {
        std::thread::sleep(std::time::Duration::from_millis(200));
        let xss = browser
            .evaluate_dismissing_dialogs(
                "window.__xss === undefined ? null : String(window.__xss)",
                dialogs,
            )
            .ok()?;
        return xss.as_str().map(str::to_string);
    }
    clicked["xss"].as_str().map(str::to_string)
}

/// Types a payload's text into the search box, if the page has one.
const TYPE_JS: &str = r#"(() => {
  const input = document.querySelector('form.site-search input[name=q]');
  if (!input) return false;
  input.focus();
  input.value = 'script window';
  input.dispatchEvent(new Event('input', { bubbles: true }));
  return true;
})()"#;

#[test]
fn no_editor_text_runs_in_chromium() {
    let Some(tools) = tools() else { return };
    let site = build_poisoned();
    let all = files(&site.root);
    let targets: Vec<&String> = all
        .iter()
        .filter(|f| f.ends_with(".html") || f.ends_with(".svg"))
        .collect();
    let pages = targets.iter().filter(|f| f.ends_with(".html")).count();
    assert!(pages > 100, "the demo's pages: {pages}");
    let server = Server::start(&site.root, "/").unwrap();
    let mut browser = Browser::start(&tools.chromium);
    let started = Instant::now();
    let mut problems = Vec::new();
    for target in &targets {
        let url = server.url(target.strip_suffix("index.html").unwrap_or(target));
        let mut dialogs = Vec::new();
        if let Err(e) = browser.navigate_dismissing_dialogs(&url, &mut dialogs) {
            problems.push(format!("{target}: {e}"));
            continue;
        }
        match browser.evaluate_dismissing_dialogs(PROBE_JS, &mut dialogs) {
            Ok(probe) => {
                if let Some(xss) = probe["xss"].as_str() {
                    problems.push(format!("{target}: a payload ran: window.__xss = {xss:?}"));
                }
                for found in probe["found"].as_array().into_iter().flatten() {
                    problems.push(format!("{target}: {}", found.as_str().unwrap_or_default()));
                }
            }
            Err(e) => problems.push(format!("{target}: {e}")),
        }
        if target.ends_with(".html") {
            match browser.evaluate_dismissing_dialogs(CLICK_JS, &mut dialogs) {
                Ok(clicked) => {
                    let n = clicked["clicked"].as_u64().unwrap_or(0);
                    if n > 0 {
                        problems.push(format!("{target}: {n} link(s) with a javascript: URL"));
                    }
                    if let Some(xss) = after_clicks(&mut browser, &clicked, &mut dialogs) {
                        problems.push(format!(
                            "{target}: a payload ran after clicking: window.__xss = {xss:?}"
                        ));
                    }
                }
                Err(e) => problems.push(format!("{target}: {e}")),
            }
        }
        for message in dialogs {
            problems.push(format!("{target}: a dialog opened: {message:?}"));
        }
    }
    // The search box shows matching names as you type: type a payload's text into it.
    let home = server.url("");
    let mut dialogs = Vec::new();
    browser
        .navigate_dismissing_dialogs(&home, &mut dialogs)
        .unwrap();
    let typed = browser
        .evaluate_dismissing_dialogs(TYPE_JS, &mut dialogs)
        .unwrap();
    if typed == true {
        std::thread::sleep(std::time::Duration::from_millis(800));
        let probe = browser
            .evaluate_dismissing_dialogs(PROBE_JS, &mut dialogs)
            .unwrap();
        let results = browser
            .evaluate_dismissing_dialogs(
                "document.querySelectorAll('.search-box a').length",
                &mut dialogs,
            )
            .unwrap();
        assert!(
            results.as_u64().unwrap_or(0) > 0,
            "the search finds the poisoned names"
        );
        if let Some(xss) = probe["xss"].as_str() {
            problems.push(format!(
                "search results: a payload ran: window.__xss = {xss:?}"
            ));
        }
        for found in probe["found"].as_array().into_iter().flatten() {
            problems.push(format!(
                "search results: {}",
                found.as_str().unwrap_or_default()
            ));
        }
    }
    for message in dialogs {
        problems.push(format!("search results: a dialog opened: {message:?}"));
    }
    eprintln!(
        "loaded {} pages and {} SVG files with {} poisoned fields in {:?}",
        pages,
        targets.len() - pages,
        site.poison.fields.len(),
        started.elapsed()
    );
    // The probes work: a page that runs a payload and has a script link is seen.
    let canary = "<!DOCTYPE html><html><head><title>x</title></head><body><p><a href=\"javascript:void(window.__xss='canary')\">x</a></p><script>alert('canary')</script></body></html>";
    server.add("/_xss_canary/", "text/html; charset=utf-8", canary);
    let mut dialogs = Vec::new();
    browser
        .navigate_dismissing_dialogs(&server.url("_xss_canary/"), &mut dialogs)
        .unwrap();
    let clicked = browser
        .evaluate_dismissing_dialogs(CLICK_JS, &mut dialogs)
        .unwrap();
    let xss = after_clicks(&mut browser, &clicked, &mut dialogs);
    assert_eq!(dialogs, ["canary"], "the dialog check works");
    assert_eq!(clicked["clicked"], 1, "the link check works");
    assert_eq!(xss.as_deref(), Some("canary"), "the marker check works");

    assert!(
        problems.is_empty(),
        "{} problem(s): editor text ran or could run:\n{}\n\nfields (marker `payload@N` is field N):\n{}",
        problems.len(),
        problems[..problems.len().min(60)].join("\n"),
        site.poison.list()
    );
}
