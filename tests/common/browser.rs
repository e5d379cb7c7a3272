//! A headless Chromium for the browser tests, driven through the DevTools protocol: found (or
//! the tests skipped with a message, or failed in CI), started with a fresh profile, pages
//! loaded and checked for errors, JavaScript evaluated, screenshots taken.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use capaian::pdf::{self, Chromium};
use serde_json::{Value, json};

/// Long enough for a loaded two-core CI machine; a passing test returns much sooner.
pub const PATIENCE: Duration = Duration::from_secs(60);

/// What the tests need from the machine.
pub struct Tools {
    pub chromium: Chromium,
}

/// Chromium and poppler, or: a failure saying what to install (in CI), or a skip with a message
/// (elsewhere).
pub fn tools() -> Option<Tools> {
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

/// A headless Chromium driven through the DevTools protocol.
pub struct Browser {
    child: Child,
    pub cdp: Cdp,
    pub session: String,
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
    pub fn start(chromium: &Chromium) -> Browser {
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
    pub fn navigate(&mut self, url: &str) -> Result<(), String> {
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
    pub fn load(&mut self, url: &str) -> Result<Vec<String>, String> {
        self.navigate(url)?;
        let mut problems = Vec::new();
        for event in self.cdp.events.drain(..) {
            let params = &event["params"];
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
    pub fn emulate_print(&mut self) -> Result<(), String> {
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
    pub fn print_overflow(&mut self, url: &str) -> Result<Vec<String>, String> {
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
        let mut problems: Vec<String> = result
            .as_array()
            .into_iter()
            .flatten()
            .map(|item| {
                format!(
                    "in print, wider than its {width_mm:.0} mm sheet ({width} px): {}",
                    item.as_str().unwrap_or_default()
                )
            })
            .collect();
        // A part printed on the sheets of another named page (a landscape annex) is measured
        // against that page's sheet.
        let parts = self.evaluate(OTHER_PAGES_JS)?;
        for part in parts.as_array().into_iter().flatten() {
            let name = Value::String(part["page"].as_str().unwrap_or_default().to_string());
            let sheet = self.evaluate(&format!(
                "(() => {{ window.capaianPage = {name}; const box = {PAGE_BOX_JS}; delete window.capaianPage; return box; }})()"
            ))?;
            let own_mm = sheet["width"].as_f64().unwrap_or(178.0);
            let own = (own_mm * 96.0 / 25.4).floor();
            if part["width"].as_f64().unwrap_or(0.0) > own + 1.0 {
                problems.push(format!(
                    "in print, wider than its {own_mm:.0} mm sheet ({own} px, page {name}): {}",
                    part["text"].as_str().unwrap_or_default()
                ));
            }
        }
        Ok(problems)
    }

    pub fn evaluate(&mut self, expression: &str) -> Result<Value, String> {
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
pub const PAGE_BOX_JS: &str = r#"(() => {
  const name = window.capaianPage || getComputedStyle(document.body).page || 'auto';
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

/// The outermost elements wider than the viewport, of those printed on the body's named page
/// (a part on another named page is measured by [`OTHER_PAGES_JS`]).
pub const OVERFLOW_JS: &str = r#"(() => {
  const W = document.documentElement.clientWidth;
  const out = [];
  const pageOf = (el) => { for (let e = el; e; e = e.parentElement) { const p = getComputedStyle(e).page; if (p && p !== 'auto') return p; } return 'auto'; };
  const own = pageOf(document.body);
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.right <= W + 1) continue;
    if (pageOf(el) !== own) continue;
    const p = el.parentElement && el.parentElement.getBoundingClientRect();
    if (p && p.right > W + 1) continue;
    if (getComputedStyle(el).display === 'none') continue;
    const cls = typeof el.className === 'string' ? el.className : '';
    out.push(`<${el.tagName.toLowerCase()} class="${cls}"> ${Math.round(r.width)} px: ${(el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 60)}`);
  }
  return [...new Set(out)];
})()"#;

/// The parts of a page printed on another named page than the body's (`page` set on them, as
/// the print's landscape annex): their page and the widest element in each.
pub const OTHER_PAGES_JS: &str = r#"(() => {
  const own = getComputedStyle(document.body).page || 'auto';
  const out = [];
  for (const part of document.querySelectorAll('body *')) {
    const page = getComputedStyle(part).page;
    if (!page || page === 'auto' || page === own || getComputedStyle(part).display === 'none') continue;
    let widest = part, width = part.getBoundingClientRect().width;
    for (const el of part.querySelectorAll('*')) {
      const w = el.getBoundingClientRect().width;
      if (w > width) { widest = el; width = w; }
    }
    const cls = typeof widest.className === 'string' ? widest.className : '';
    out.push({ page, width, text: `<${widest.tagName.toLowerCase()} class="${cls}"> ${Math.round(width)} px: ${(widest.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 60)}` });
  }
  return out;
})()"#;

/// A minimal client of the DevTools protocol over a WebSocket (RFC 6455: text frames, client
/// frames masked), enough for a test.
pub struct Cdp {
    stream: TcpStream,
    reader: BufReader<TcpStream>,
    next_id: u64,
    events: VecDeque<Value>,
}

impl Cdp {
    pub fn connect(addr: &str, path: &str) -> Cdp {
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

    pub fn send(&mut self, text: &str) {
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
    pub fn receive(&mut self) -> Result<Value, String> {
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
    pub fn call(
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
    pub fn wait_for(&mut self, wanted: impl Fn(&Value) -> bool) -> Result<(), String> {
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

// -- JavaScript dialogs (for the escaping tests) ---------------------------------------------

impl Browser {
    /// [`Browser::navigate`], dismissing every JavaScript dialog (`alert`, `confirm`,
    /// `prompt`) that opens meanwhile, which would otherwise hold the page's `load` event;
    /// their messages are added to `dialogs`.
    pub fn navigate_dismissing_dialogs(
        &mut self,
        url: &str,
        dialogs: &mut Vec<String>,
    ) -> Result<(), String> {
        let session = self.session.clone();
        self.cdp.events.clear();
        let loaded =
            |e: &Value| e["method"] == "Page.loadEventFired" && e["sessionId"] == session.as_str();
        let navigated = self.cdp.call_dismissing_dialogs(
            "Page.navigate",
            json!({"url": url}),
            &session,
            Some(&loaded),
            dialogs,
        )?;
        match navigated["errorText"].as_str().filter(|e| !e.is_empty()) {
            Some(error) => Err(format!("navigation failed: {error}")),
            None => Ok(()),
        }
    }

    /// [`Browser::evaluate`], dismissing every JavaScript dialog that opens meanwhile; their
    /// messages are added to `dialogs`.
    pub fn evaluate_dismissing_dialogs(
        &mut self,
        expression: &str,
        dialogs: &mut Vec<String>,
    ) -> Result<Value, String> {
        let session = self.session.clone();
        let reply = self.cdp.call_dismissing_dialogs(
            "Runtime.evaluate",
            json!({"expression": expression, "returnByValue": true}),
            &session,
            None,
            dialogs,
        )?;
        if reply.get("exceptionDetails").is_some() {
            return Err(format!("script failed: {}", reply["exceptionDetails"]));
        }
        Ok(reply["result"]["value"].clone())
    }
}

impl Cdp {
    /// Calls a method of `session` and waits for its answer and, when `until` is given, for an
    /// event it accepts; a JavaScript dialog that opens meanwhile is dismissed at once (it
    /// would block the page) and its message added to `dialogs`.
    pub fn call_dismissing_dialogs(
        &mut self,
        method: &str,
        params: Value,
        session: &str,
        until: Option<&dyn Fn(&Value) -> bool>,
        dialogs: &mut Vec<String>,
    ) -> Result<Value, String> {
        let id = self.next_id;
        self.next_id += 1;
        let message = json!({"id": id, "method": method, "params": params, "sessionId": session});
        self.send(&message.to_string());
        let mut answer = None;
        let mut waited = until.is_none();
        let deadline = Instant::now() + PATIENCE;
        while answer.is_none() || !waited {
            if Instant::now() > deadline {
                return Err(format!("no answer to {method}, or the page did not finish"));
            }
            let reply = self.receive()?;
            if reply["id"] == id {
                if let Some(error) = reply.get("error") {
                    return Err(format!("{method}: {error}"));
                }
                answer = Some(reply["result"].clone());
                continue;
            }
            if reply.get("method").is_none() {
                // The answer to a dismissal.
                continue;
            }
            if reply["method"] == "Page.javascriptDialogOpening" && reply["sessionId"] == session {
                dialogs.push(
                    reply["params"]["message"]
                        .as_str()
                        .unwrap_or_default()
                        .to_string(),
                );
                let dismiss = self.next_id;
                self.next_id += 1;
                let message = json!({"id": dismiss, "method": "Page.handleJavaScriptDialog",
                    "params": {"accept": false}, "sessionId": session});
                self.send(&message.to_string());
            }
            if until.is_some_and(|until| until(&reply)) {
                waited = true;
            }
            self.events.push_back(reply);
        }
        Ok(answer.unwrap_or_default())
    }
}

/// Viewports, touch, clicks, typing and screenshots, for the reader tests (tests/reader.rs).
impl Browser {
    /// Lays pages out at `width` × `height` CSS px; `phone`: a mobile viewport (device pixel
    /// ratio 2, mobile layout) with touch input instead of a mouse.
    pub fn set_viewport(&mut self, width: i64, height: i64, phone: bool) -> Result<(), String> {
        let session = self.session.clone();
        self.cdp.call(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": height, "deviceScaleFactor": if phone { 2 } else { 1 }, "mobile": phone}),
            Some(&session),
        )?;
        self.cdp.call(
            "Emulation.setTouchEmulationEnabled",
            json!({"enabled": phone, "maxTouchPoints": if phone { 5 } else { 1 }}),
            Some(&session),
        )?;
        // print_overflow sets its own width again.
        self.width = None;
        Ok(())
    }

    /// Runs a script that returns a promise, and returns what it resolves to.
    pub fn evaluate_async(&mut self, expression: &str) -> Result<Value, String> {
        let session = self.session.clone();
        let reply = self.cdp.call(
            "Runtime.evaluate",
            json!({"expression": expression, "returnByValue": true, "awaitPromise": true}),
            Some(&session),
        )?;
        if reply.get("exceptionDetails").is_some() {
            return Err(format!("script failed: {}", reply["exceptionDetails"]));
        }
        Ok(reply["result"]["value"].clone())
    }

    /// The centre of the first element matching `selector`, scrolled into view, in CSS px.
    pub fn centre_of(&mut self, selector: &str) -> Result<(f64, f64), String> {
        let script = format!(
            "(() => {{ const el = document.querySelector({}); if (!el) return null; el.scrollIntoView({{block: 'center', inline: 'nearest'}}); const r = el.getBoundingClientRect(); if (r.width === 0 || r.height === 0) return null; return [r.left + r.width / 2, r.top + r.height / 2]; }})()",
            serde_json::to_string(selector).unwrap()
        );
        let at = self.evaluate(&script)?;
        match (at[0].as_f64(), at[1].as_f64()) {
            (Some(x), Some(y)) => Ok((x, y)),
            _ => Err(format!("no visible element matches `{selector}`")),
        }
    }

    /// Clicks (a mouse) or taps (touch) the first element matching `selector`, the way a
    /// reader does: at its centre, after scrolling it into view.
    pub fn click(&mut self, selector: &str, touch: bool) -> Result<(), String> {
        let (x, y) = self.centre_of(selector)?;
        let session = self.session.clone();
        if touch {
            for kind in ["touchStart", "touchEnd"] {
                let points = if kind == "touchEnd" {
                    json!([])
                } else {
                    json!([{"x": x, "y": y}])
                };
                self.cdp.call(
                    "Input.dispatchTouchEvent",
                    json!({"type": kind, "touchPoints": points}),
                    Some(&session),
                )?;
            }
        } else {
            for kind in ["mouseMoved", "mousePressed", "mouseReleased"] {
                self.cdp.call(
                    "Input.dispatchMouseEvent",
                    json!({"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1}),
                    Some(&session),
                )?;
            }
        }
        Ok(())
    }

    /// [`Browser::click`] on a link, and waits until the page it leads to has loaded.
    pub fn follow(&mut self, selector: &str, touch: bool) -> Result<(), String> {
        let session = self.session.clone();
        self.cdp.events.clear();
        self.click(selector, touch)?;
        self.cdp
            .wait_for(|e| e["method"] == "Page.loadEventFired" && e["sessionId"] == session)
    }

    /// Types `text` into the focused element, as a keyboard (or an on-screen one) would.
    pub fn type_text(&mut self, text: &str) -> Result<(), String> {
        let session = self.session.clone();
        self.cdp
            .call("Input.insertText", json!({"text": text}), Some(&session))?;
        Ok(())
    }

    /// The location of the page shown.
    pub fn location(&mut self) -> Result<String, String> {
        Ok(self
            .evaluate("location.pathname + location.search")?
            .as_str()
            .unwrap_or_default()
            .to_string())
    }

    /// Waits until `expression` is true in the page (a script's work done), or says what it
    /// waited for.
    pub fn wait_until(&mut self, expression: &str) -> Result<(), String> {
        let deadline = Instant::now() + PATIENCE;
        while Instant::now() < deadline {
            if self.evaluate(expression)? == Value::Bool(true) {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Err(format!("waited in vain for `{expression}`"))
    }

    /// A PNG of the viewport, or of the whole page (`full_page`).
    pub fn screenshot(&mut self, path: &std::path::Path, full_page: bool) -> Result<(), String> {
        let session = self.session.clone();
        let mut params = json!({"format": "png"});
        if full_page {
            let metrics = self
                .cdp
                .call("Page.getLayoutMetrics", json!({}), Some(&session))?;
            let size = &metrics["cssContentSize"];
            params["captureBeyondViewport"] = json!(true);
            params["clip"] = json!({
                "x": 0, "y": 0, "scale": 1,
                "width": size["width"].as_f64().unwrap_or(1280.0),
                // A very long page would make a huge image: its first screens are enough.
                "height": size["height"].as_f64().unwrap_or(900.0).min(6000.0),
            });
        }
        let shot = self
            .cdp
            .call("Page.captureScreenshot", params, Some(&session))?;
        let data = shot["data"].as_str().ok_or("no screenshot data")?;
        std::fs::write(path, base64_decode(data)?).map_err(|e| format!("{}: {e}", path.display()))
    }
}

/// Standard base64 (RFC 4648, with padding), as the DevTools protocol sends binary data.
pub fn base64_decode(text: &str) -> Result<Vec<u8>, String> {
    let value = |c: u8| -> Result<u32, String> {
        Ok(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return Err(format!("not base64: {:?}", c as char)),
        } as u32)
    };
    let bytes: Vec<u8> = text.bytes().filter(|c| !c.is_ascii_whitespace()).collect();
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3);
    for chunk in bytes.chunks(4) {
        let data: Vec<u8> = chunk.iter().copied().filter(|&c| c != b'=').collect();
        let mut n = 0u32;
        for (i, &c) in data.iter().enumerate() {
            n |= value(c)? << (18 - 6 * i);
        }
        let count = data.len().saturating_sub(1);
        out.extend_from_slice(&n.to_be_bytes()[1..1 + count]);
    }
    Ok(out)
}
