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

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use capaian::pdf::{self, Chromium, PrintSource, Server};
use capaian::{BuildOptions, Site};
use scraper::{Html, Selector};
use serde_json::{Value, json};

/// Long enough for a loaded two-core CI machine; a passing test returns much sooner.
const PATIENCE: Duration = Duration::from_secs(60);

/// What the tests need from the machine.
struct Tools {
    chromium: Chromium,
}

/// Chromium and poppler, or: a failure saying what to install (in CI), or a skip with a message
/// (elsewhere).
fn tools() -> Option<Tools> {
    let chromium = pdf::find_chromium();
    let poppler: Vec<&str> = ["pdfinfo", "pdftotext", "pdftoppm"]
        .into_iter()
        .filter(|tool| {
            Command::new(tool)
                .arg("-v")
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_err()
        })
        .collect();
    let missing = match (&chromium, poppler.is_empty()) {
        (Ok(_), true) => None,
        (Err(e), _) => Some(e.to_string()),
        (Ok(_), false) => Some(format!(
            "poppler is missing ({}): the tests read the printed PDF with it\nhelp: `sudo apt-get install poppler-utils`",
            poppler.join(", ")
        )),
    };
    let Some(missing) = missing else {
        return Some(Tools {
            chromium: chromium.ok()?,
        });
    };
    let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "0" && v != "false");
    if ci {
        panic!(
            "the browser tests need Chromium and poppler-utils (Debian: `sudo apt-get install chromium poppler-utils`):\n{missing}\nCI is set: these tests are mandatory here (.ci/run installs both)"
        );
    }
    // A newcomer's `cargo test` passes without a browser, and says plainly what it skipped.
    eprintln!(
        "SKIPPED: the browser tests need Chromium and poppler-utils: {missing}\n(Debian: `sudo apt-get install chromium poppler-utils`; with CI set they are mandatory)"
    );
    None
}

/// The demo report, built into a temporary folder.
struct Demo {
    _dir: tempfile::TempDir,
    root: PathBuf,
}

fn build_demo() -> Demo {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let site = Site::load(&content).expect("the demo loads");
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    site.build(&BuildOptions {
        output: root.clone(),
        theme: None,
    })
    .expect("the demo builds");
    Demo { _dir: dir, root }
}

/// Every HTML page of a build, as its path under the root (`2025/cetak/index.html`).
fn html_pages(root: &Path) -> Vec<String> {
    let mut pages: Vec<String> = walkdir(root)
        .into_iter()
        .filter(|p| p.ends_with(".html"))
        .collect();
    pages.sort();
    pages
}

fn walkdir(root: &Path) -> Vec<String> {
    let mut files = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path.strip_prefix(root).unwrap();
                files.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    files
}

/// The URL path of a page file: `2025/cetak/index.html` → `/2025/cetak/`.
fn url_of(page: &str) -> String {
    format!("/{}", page.strip_suffix("index.html").unwrap_or(page))
}

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
        // The browser asks for a favicon by itself; the site links none.
        .filter(|s| s.status != 200 && s.path != "/favicon.ico")
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

/// A headless Chromium driven through the DevTools protocol.
struct Browser {
    child: Child,
    cdp: Cdp,
    session: String,
    /// The viewport width set for print, in px.
    width: Option<i64>,
    _profile: tempfile::TempDir,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.cdp.call("Browser.close", json!({}), None);
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Browser {
    fn start(chromium: &Chromium) -> Browser {
        let profile = tempfile::tempdir().unwrap();
        let mut command = chromium.command(&profile.path().join("profile"));
        command
            .arg("--remote-debugging-port=0")
            .arg("--hide-scrollbars")
            .arg("about:blank")
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        let child = command.spawn().expect("Chromium starts");
        let port_file = profile.path().join("profile").join("DevToolsActivePort");
        let deadline = Instant::now() + PATIENCE;
        let (port, path) = loop {
            if let Ok(text) = std::fs::read_to_string(&port_file) {
                let mut lines = text.lines();
                if let (Some(port), Some(path)) = (lines.next(), lines.next()) {
                    break (port.trim().to_string(), path.trim().to_string());
                }
            }
            assert!(
                Instant::now() < deadline,
                "Chromium did not open its DevTools port"
            );
            std::thread::sleep(Duration::from_millis(50));
        };
        let mut cdp = Cdp::connect(&format!("127.0.0.1:{port}"), &path);
        let target = cdp
            .call("Target.createTarget", json!({"url": "about:blank"}), None)
            .unwrap();
        let attached = cdp
            .call(
                "Target.attachToTarget",
                json!({"targetId": target["targetId"], "flatten": true}),
                None,
            )
            .unwrap();
        let session = attached["sessionId"].as_str().unwrap().to_string();
        for domain in [
            "Page.enable",
            "Runtime.enable",
            "Log.enable",
            "Network.enable",
        ] {
            cdp.call(domain, json!({}), Some(&session)).unwrap();
        }
        Browser {
            child,
            cdp,
            session,
            width: None,
            _profile: profile,
        }
    }

    /// Loads `url` and waits for its `load` event.
    fn navigate(&mut self, url: &str) -> Result<(), String> {
        let session = self.session.clone();
        self.cdp.events.clear();
        let navigated = self
            .cdp
            .call("Page.navigate", json!({"url": url}), Some(&session))?;
        if let Some(error) = navigated["errorText"].as_str().filter(|e| !e.is_empty()) {
            return Err(format!("navigation failed: {error}"));
        }
        self.cdp
            .wait_for(|e| e["method"] == "Page.loadEventFired" && e["sessionId"] == session)
    }

    /// Loads `url` and returns what went wrong: console errors, uncaught exceptions, failed
    /// requests.
    fn load(&mut self, url: &str) -> Result<Vec<String>, String> {
        self.navigate(url)?;
        let mut problems = Vec::new();
        for event in self.cdp.events.drain(..) {
            let params = &event["params"];
            // The browser asks for a favicon by itself; the site links none.
            if event.to_string().contains("/favicon.ico") {
                continue;
            }
            match event["method"].as_str().unwrap_or("") {
                "Runtime.consoleAPICalled"
                    if matches!(params["type"].as_str(), Some("error" | "assert")) =>
                {
                    problems.push(format!("console error: {}", params["args"]));
                }
                "Runtime.exceptionThrown" => {
                    problems.push(format!("exception: {}", params["exceptionDetails"]));
                }
                "Log.entryAdded" if params["entry"]["level"] == "error" => {
                    problems.push(format!(
                        "console error: {} {}",
                        params["entry"]["text"], params["entry"]["url"]
                    ));
                }
                "Network.loadingFailed" if params["canceled"] != true => {
                    problems.push(format!("request failed: {}", params["errorText"]));
                }
                "Network.responseReceived" => {
                    let status = params["response"]["status"].as_i64().unwrap_or(0);
                    if status >= 400 {
                        problems.push(format!("HTTP {status} for {}", params["response"]["url"]));
                    }
                }
                _ => {}
            }
        }
        Ok(problems)
    }

    /// From now on, pages are laid out for print (and their requests no longer watched).
    fn emulate_print(&mut self) -> Result<(), String> {
        let session = self.session.clone();
        for domain in ["Network.disable", "Log.disable"] {
            self.cdp.call(domain, json!({}), Some(&session))?;
        }
        self.cdp.call(
            "Emulation.setEmulatedMedia",
            json!({"media": "print"}),
            Some(&session),
        )?;
        Ok(())
    }

    /// Loads `url` laid out for print at the width of its sheet's content box (the `@page`
    /// size and margins that apply to it) and reports what is wider.
    fn print_overflow(&mut self, url: &str) -> Result<Vec<String>, String> {
        self.navigate(url)?;
        let sheet = self.evaluate(PAGE_BOX_JS)?;
        let width_mm = sheet["width"].as_f64().unwrap_or(178.0);
        let width = (width_mm * 96.0 / 25.4).floor() as i64;
        if self.width != Some(width) {
            let session = self.session.clone();
            self.cdp.call(
                "Emulation.setDeviceMetricsOverride",
                json!({"width": width, "height": 1100, "deviceScaleFactor": 1, "mobile": false}),
                Some(&session),
            )?;
            self.width = Some(width);
        }
        let result = self.evaluate(OVERFLOW_JS)?;
        Ok(result
            .as_array()
            .into_iter()
            .flatten()
            .map(|item| {
                format!(
                    "in print, wider than its {width_mm:.0} mm sheet ({width} px): {}",
                    item.as_str().unwrap_or_default()
                )
            })
            .collect())
    }

    fn evaluate(&mut self, expression: &str) -> Result<Value, String> {
        let session = self.session.clone();
        let reply = self.cdp.call(
            "Runtime.evaluate",
            json!({"expression": expression, "returnByValue": true}),
            Some(&session),
        )?;
        if reply.get("exceptionDetails").is_some() {
            return Err(format!("script failed: {}", reply["exceptionDetails"]));
        }
        Ok(reply["result"]["value"].clone())
    }
}

/// The width in mm of the content box of the page's sheet: the `@page` rules that apply to
/// the body's named page (or to every page), their size and left and right margins.
const PAGE_BOX_JS: &str = r#"(() => {
  const name = getComputedStyle(document.body).page || 'auto';
  const mm = (v) => {
    if (!v) return null;
    const n = parseFloat(v);
    if (v.endsWith('mm')) return n;
    if (v.endsWith('cm')) return n * 10;
    if (v.endsWith('in')) return n * 25.4;
    if (v.endsWith('px')) return n * 25.4 / 96;
    if (v.endsWith('pt')) return n * 25.4 / 72;
    return null;
  };
  let size = 'A4', left = 25.4, right = 25.4;
  const visit = (rules) => {
    for (const r of rules) {
      if (r.cssRules && !(r instanceof CSSPageRule)) { if (!r.media || matchMedia(r.media.mediaText).matches) visit(r.cssRules); continue; }
      if (!(r instanceof CSSPageRule)) continue;
      const sel = r.selectorText.trim();
      if (sel !== '' && sel !== name) continue;
      if (r.style.getPropertyValue('size')) size = r.style.getPropertyValue('size');
      if (mm(r.style.marginLeft) !== null) left = mm(r.style.marginLeft);
      if (mm(r.style.marginRight) !== null) right = mm(r.style.marginRight);
    }
  };
  for (const sheet of document.styleSheets) { try { visit(sheet.cssRules); } catch (e) {} }
  const landscape = /landscape/.test(size);
  const width = (landscape ? 297 : 210) - left - right;
  return { name, size, left, right, width };
})()"#;

/// The outermost elements wider than the viewport.
const OVERFLOW_JS: &str = r#"(() => {
  const W = document.documentElement.clientWidth;
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.right <= W + 1) continue;
    const p = el.parentElement && el.parentElement.getBoundingClientRect();
    if (p && p.right > W + 1) continue;
    if (getComputedStyle(el).display === 'none') continue;
    const cls = typeof el.className === 'string' ? el.className : '';
    out.push(`<${el.tagName.toLowerCase()} class="${cls}"> ${Math.round(r.width)} px: ${(el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 60)}`);
  }
  return [...new Set(out)];
})()"#;

/// A minimal client of the DevTools protocol over a WebSocket (RFC 6455: text frames, client
/// frames masked), enough for a test.
struct Cdp {
    stream: TcpStream,
    reader: BufReader<TcpStream>,
    next_id: u64,
    events: VecDeque<Value>,
}

impl Cdp {
    fn connect(addr: &str, path: &str) -> Cdp {
        let stream = TcpStream::connect(addr).expect("the DevTools port answers");
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        stream.set_nodelay(true).unwrap();
        let mut writer = stream.try_clone().unwrap();
        write!(
            writer,
            "GET {path} HTTP/1.1\r\nHost: {addr}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: Y2FwYWlhbi1icm93c2VyLQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
        )
        .unwrap();
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut status = String::new();
        reader.read_line(&mut status).unwrap();
        assert!(status.contains(" 101 "), "WebSocket handshake: {status}");
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            if line.trim().is_empty() {
                break;
            }
        }
        Cdp {
            stream: writer,
            reader,
            next_id: 1,
            events: VecDeque::new(),
        }
    }

    fn send(&mut self, text: &str) {
        let payload = text.as_bytes();
        let mut frame = vec![0x81u8];
        match payload.len() {
            n if n < 126 => frame.push(0x80 | n as u8),
            n if n < 65536 => {
                frame.push(0x80 | 126);
                frame.extend_from_slice(&(n as u16).to_be_bytes());
            }
            n => {
                frame.push(0x80 | 127);
                frame.extend_from_slice(&(n as u64).to_be_bytes());
            }
        }
        let mask = [0x37u8, 0xfa, 0x21, 0x3d];
        frame.extend_from_slice(&mask);
        frame.extend(payload.iter().enumerate().map(|(i, b)| b ^ mask[i % 4]));
        self.stream.write_all(&frame).unwrap();
    }

    /// The next message, whole (continuation frames joined); pings answered.
    fn receive(&mut self) -> Result<Value, String> {
        let mut message = Vec::new();
        loop {
            let mut head = [0u8; 2];
            self.reader
                .read_exact(&mut head)
                .map_err(|e| format!("DevTools connection: {e}"))?;
            let fin = head[0] & 0x80 != 0;
            let opcode = head[0] & 0x0f;
            let mut len = u64::from(head[1] & 0x7f);
            if len == 126 {
                let mut b = [0u8; 2];
                self.reader.read_exact(&mut b).map_err(|e| e.to_string())?;
                len = u64::from(u16::from_be_bytes(b));
            } else if len == 127 {
                let mut b = [0u8; 8];
                self.reader.read_exact(&mut b).map_err(|e| e.to_string())?;
                len = u64::from_be_bytes(b);
            }
            let mut payload = vec![0u8; len as usize];
            self.reader
                .read_exact(&mut payload)
                .map_err(|e| e.to_string())?;
            match opcode {
                0x8 => return Err("DevTools closed the connection".into()),
                0x9 => {
                    // Ping: answer with a pong carrying the same data.
                    let mut frame = vec![0x8a, 0x80 | payload.len() as u8, 0, 0, 0, 0];
                    frame.extend_from_slice(&payload);
                    self.stream.write_all(&frame).map_err(|e| e.to_string())?;
                    continue;
                }
                0xa => continue,
                _ => message.extend_from_slice(&payload),
            }
            if fin {
                return serde_json::from_slice(&message).map_err(|e| e.to_string());
            }
        }
    }

    /// Calls a method and returns its result; events that come first are kept.
    fn call(
        &mut self,
        method: &str,
        params: Value,
        session: Option<&str>,
    ) -> Result<Value, String> {
        let id = self.next_id;
        self.next_id += 1;
        let mut message = json!({"id": id, "method": method, "params": params});
        if let Some(session) = session {
            message["sessionId"] = json!(session);
        }
        self.send(&message.to_string());
        let deadline = Instant::now() + PATIENCE;
        loop {
            if Instant::now() > deadline {
                return Err(format!("no answer to {method}"));
            }
            let reply = self.receive()?;
            if reply["id"] == id {
                if let Some(error) = reply.get("error") {
                    return Err(format!("{method}: {error}"));
                }
                return Ok(reply["result"].clone());
            }
            if reply.get("method").is_some() {
                self.events.push_back(reply);
            }
        }
    }

    /// Waits for an event (kept in `events` with the others).
    fn wait_for(&mut self, wanted: impl Fn(&Value) -> bool) -> Result<(), String> {
        if self.events.iter().any(&wanted) {
            return Ok(());
        }
        let deadline = Instant::now() + PATIENCE;
        while Instant::now() < deadline {
            let event = self.receive()?;
            let found = wanted(&event);
            if event.get("method").is_some() {
                self.events.push_back(event);
            }
            if found {
                return Ok(());
            }
        }
        Err("the page did not finish loading".into())
    }
}

// -- (b) the printed report -----------------------------------------------------------------

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
        "Daftar Isi",
        "Ikhtisar Eksekutif",
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
        let page = starts(order[2 + n])[0];
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
    // Page numbers: in the footer of every page but the cover, and in the table of contents.
    for (n, page) in pages.iter().enumerate().skip(1) {
        let last = page
            .lines()
            .rev()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("");
        assert_eq!(
            last,
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
