//! Live reload: the state open pages follow, the script and the error overlay injected into
//! HTML responses (never into the files on disk), and the Server-Sent Events stream that tells
//! pages to reload or to show the errors.
//!
//! Every rebuild makes a new state, named by a token (`<server epoch>-<generation>`). A page
//! is served with the token of the state it shows; its `EventSource` hands the token back, so
//! a page that was served just before a rebuild, or that reconnects after a restart of the
//! server, hears of the newer state at once instead of missing it.

use std::io;
use std::net::TcpStream;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, RwLock};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::model::Language;
use crate::render::Theme;
use crate::site::Site;

/// Where pages listen for rebuilds.
pub(super) const EVENTS_PATH: &str = "/__capaian/events";
/// A comment is sent this often on an idle stream, so a closed tab is noticed and its thread
/// ends.
const HEARTBEAT: Duration = Duration::from_secs(15);

/// What the rebuild thread, the HTTP threads and the [`Server`](super::Server) handle share.
pub(super) struct Shared {
    pub output: PathBuf,
    /// Held for writing while a build swaps the output folder, for reading while a file is read.
    pub output_lock: RwLock<()>,
    pub connections: AtomicUsize,
    /// Pages rendered from memory at once ([`super::http`]).
    pub renders: super::http::Gate,
    pub rebuilds: AtomicU64,
    state: Mutex<State>,
    changed: Condvar,
    /// Tells this server's tokens from a previous run's.
    epoch: u64,
}

/// The site of the last good change while its build is written in the background: pages are
/// rendered from it on demand until the build is in place.
pub(super) struct Pending {
    pub site: Arc<Site>,
    pub theme: Arc<Theme>,
    /// Tells this change from a later one.
    pub id: u64,
}

#[derive(Clone, Default)]
struct State {
    generation: u64,
    pending: Option<Arc<Pending>>,
    /// The overlay to show while the last build failed.
    overlay: Option<String>,
    errors: usize,
    last_rebuild: Option<Duration>,
    stopping: bool,
}

impl State {
    /// A new state for open pages: the site as built, or the errors over it.
    fn show(&mut self, failure: Option<Failure>) {
        self.generation += 1;
        self.errors = failure.as_ref().map_or(0, |f| f.errors);
        self.overlay = failure.map(|f| overlay(&f));
    }
}

/// Where a running server stands, for tests and benchmarks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Status {
    /// Rebuilds after the first build.
    pub rebuilds: u64,
    /// Errors of the last build; 0 when it succeeded (the site served is then current).
    pub errors: usize,
    /// How long the last rebuild took, from the first change it saw being reported to the
    /// site written.
    pub last_rebuild: Option<Duration>,
}

impl Shared {
    pub fn new(output: PathBuf) -> Shared {
        let epoch = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64);
        Shared {
            output,
            output_lock: RwLock::new(()),
            connections: AtomicUsize::new(0),
            renders: super::http::Gate::new(
                std::thread::available_parallelism().map_or(2, |n| n.get()),
            ),
            rebuilds: AtomicU64::new(0),
            state: Mutex::new(State::default()),
            changed: Condvar::new(),
            epoch,
        }
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn token(&self, generation: u64) -> String {
        format!("{:x}-{generation}", self.epoch)
    }

    pub fn is_stopping(&self) -> bool {
        self.state().stopping
    }

    /// Ends every event stream.
    pub fn stop(&self) {
        self.state().stopping = true;
        self.changed.notify_all();
    }

    /// Records the outcome of the first build; open pages are not told.
    pub fn first_build(&self, failure: Option<Failure>) {
        let mut state = self.state();
        state.errors = failure.as_ref().map_or(0, |f| f.errors);
        state.overlay = failure.map(|f| overlay(&f));
    }

    /// Records the outcome of a rebuild and tells open pages: reload, or show the errors.
    pub fn rebuilt(&self, failure: Option<Failure>, took: Duration) {
        {
            let mut state = self.state();
            state.show(failure);
            state.last_rebuild = Some(took);
            // Counted under the lock, so that a reader who sees the count sees the state too.
            self.rebuilds.fetch_add(1, Ordering::SeqCst);
        }
        self.changed.notify_all();
    }

    /// A good change is loaded and its build is being written: open pages reload, and are
    /// answered from `pending` until [`Shared::written`] says the build is in place.
    /// Returns the pending site it replaces, for the caller to drop outside the lock.
    #[must_use]
    pub fn publish(&self, pending: Pending) -> Option<Arc<Pending>> {
        let previous = {
            let mut state = self.state();
            state.show(None);
            state.pending.replace(Arc::new(pending))
        };
        self.changed.notify_all();
        previous
    }

    /// The build of change `id` is in place (or failed: `failure`): pages are read from the
    /// output folder again, unless a later change is pending. A failure shows only when no
    /// later change has been seen since.
    pub fn written(&self, id: u64, failure: Option<Failure>, took: Duration) {
        {
            let mut state = self.state();
            let latest = state.pending.as_ref().is_some_and(|p| p.id == id);
            if latest {
                // Not the last reference: the rebuild thread keeps the site.
                state.pending = None;
                if failure.is_some() {
                    state.show(failure);
                }
            }
            state.last_rebuild = Some(took);
            self.rebuilds.fetch_add(1, Ordering::SeqCst);
        }
        self.changed.notify_all();
    }

    /// The pending site to render pages from, with the snippet of its state; `None` when the
    /// output folder is current.
    pub fn pending(&self) -> Option<(Arc<Pending>, String)> {
        let state = self.state();
        let pending = Arc::clone(state.pending.as_ref()?);
        Some((pending, self.snippet_of(&state)))
    }

    /// Waits until no build is pending (or the server stops), `at_most` so long.
    pub fn wait_written(&self, at_most: Duration) {
        let state = self.state();
        let _state = self
            .changed
            .wait_timeout_while(state, at_most, |s| s.pending.is_some() && !s.stopping)
            .unwrap_or_else(|e| e.into_inner());
    }

    /// Wakes every event stream to look at its state (one may have been closed).
    pub fn wake(&self) {
        self.changed.notify_all();
    }

    pub fn status(&self) -> Status {
        let state = self.state();
        Status {
            rebuilds: self.rebuilds.load(Ordering::SeqCst),
            errors: state.errors,
            last_rebuild: state.last_rebuild,
        }
    }

    /// What goes at the end of every HTML response: the overlay while the last build failed,
    /// and the live reload script.
    pub fn snippet(&self) -> String {
        self.snippet_of(&self.state())
    }

    fn snippet_of(&self, state: &State) -> String {
        let token = self.token(state.generation);
        let mut snippet = state.overlay.clone().unwrap_or_default();
        snippet.push_str(&script(&token));
        snippet
    }
}

/// A failed build, as the browser shows it.
#[derive(Clone, Debug)]
pub(super) struct Failure {
    pub errors: usize,
    /// The findings as the terminal shows them, without colours.
    pub text: String,
    /// The site's language: the overlay's own words.
    pub language: Language,
}

fn script(token: &str) -> String {
    // Closing the stream on `pagehide` frees the connection for the next page (browsers allow
    // only six per host over HTTP/1.1); a page restored from the back-forward cache reloads.
    format!(
        "<script>/* capaian serve: live reload */(()=>{{const es=new EventSource(\"{EVENTS_PATH}?since={token}\");\
es.addEventListener(\"reload\",()=>location.reload());\
es.addEventListener(\"errors\",e=>{{document.getElementById(\"capaian-overlay\")?.remove();document.body.insertAdjacentHTML(\"beforeend\",e.data)}});\
addEventListener(\"pagehide\",()=>es.close());\
addEventListener(\"pageshow\",e=>{{if(e.persisted)location.reload()}})}})();</script>\n"
    )
}

fn overlay(failure: &Failure) -> String {
    let say = |id: String, en: String| crate::finding::say(failure.language, id, en);
    let count = match failure.errors {
        1 => say("1 kesalahan".into(), "1 error".into()),
        n => say(format!("{n} kesalahan"), format!("{n} errors")),
    };
    let headline = say(
        format!("capaian serve: pembangunan ulang terakhir gagal dengan {count}."),
        format!("capaian serve: the last rebuild failed with {count}."),
    );
    let body = say(
        "Halaman ini hasil pembangunan terakhir yang berhasil; halaman diperbarui setelah kesalahannya diperbaiki.".into(),
        "This page is the last good build; it updates once the errors are fixed.".into(),
    );
    let close = say("tutup".into(), "close".into());
    format!(
        "<div id=\"capaian-overlay\" role=\"alert\" style=\"position:fixed;top:0;left:0;right:0;max-height:70vh;overflow:auto;z-index:2147483647;box-sizing:border-box;margin:0;padding:1rem 1.25rem;background:#fff4f2;color:#1b1b1b;border-bottom:4px solid #b3261e;box-shadow:0 4px 18px rgba(0,0,0,.3);font:15px/1.45 system-ui,sans-serif;text-align:left\">\
<button type=\"button\" aria-label=\"{close}\" onclick=\"this.parentNode.remove()\" style=\"float:right;font:inherit;font-size:1.4rem;line-height:1;border:0;background:none;cursor:pointer;color:inherit\">&times;</button>\
<strong style=\"color:#b3261e\">{headline}</strong> {body}\
<pre style=\"white-space:pre-wrap;overflow-wrap:anywhere;margin:.75rem 0 0;font:13px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:#1b1b1b;background:none;border:0;padding:0\">{}</pre></div>\n",
        escape_html(failure.text.trim_end())
    )
}

pub(super) fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `snippet` inserted before the last `</body>` of an HTML document, or appended when there is
/// none.
pub(super) fn inject(html: &[u8], snippet: &str) -> Vec<u8> {
    let needle = b"</body";
    let at = html
        .windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + snippet.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(snippet.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// Serves `/__capaian/events`: one event whenever the state differs from what the page has
/// (`since`), a comment now and then, until the page goes away or the server stops.
///
/// `gone` is set when a newer stream took this one's place: it ends.
pub(super) fn event_stream(
    stream: TcpStream,
    shared: &Shared,
    since: Option<String>,
    head: bool,
    gone: &AtomicBool,
) -> io::Result<()> {
    let send = |bytes: &[u8]| super::http::write_within(&stream, bytes, Instant::now() + HEARTBEAT);
    send(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n")?;
    if head {
        return Ok(());
    }
    send(b"retry: 1000\n\n")?;
    let mut seen = since.unwrap_or_else(|| shared.token(shared.state().generation));
    loop {
        let message = {
            let state = shared.state();
            let (state, _) = shared
                .changed
                .wait_timeout_while(state, HEARTBEAT, |s| {
                    !s.stopping
                        && !gone.load(Ordering::SeqCst)
                        && shared.token(s.generation) == seen
                })
                .unwrap_or_else(|e| e.into_inner());
            if state.stopping || gone.load(Ordering::SeqCst) {
                return Ok(());
            }
            let token = shared.token(state.generation);
            if token == seen {
                ": still here\n\n".to_string()
            } else {
                let message = event(&token, state.overlay.as_deref());
                seen = token;
                message
            }
        };
        send(message.as_bytes())?;
    }
}

fn event(token: &str, overlay: Option<&str>) -> String {
    match overlay {
        None => format!("id: {token}\nevent: reload\ndata: reload\n\n"),
        Some(overlay) => {
            let mut message = format!("id: {token}\nevent: errors\n");
            for line in overlay.lines() {
                message.push_str("data: ");
                message.push_str(line);
                message.push('\n');
            }
            message.push('\n');
            message
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn injects_before_the_last_body_end() {
        let html = b"<html><body><p>x</p></BODY></html>";
        assert_eq!(
            inject(html, "<s>"),
            b"<html><body><p>x</p><s></BODY></html>".to_vec()
        );
        assert_eq!(
            inject(b"<p>no body</p>", "<s>"),
            b"<p>no body</p><s>".to_vec()
        );
    }

    #[test]
    fn the_overlay_escapes_the_findings() {
        let failure = Failure {
            errors: 2,
            text: "error: <script>alert(1)</script> & \"x\"\n --> content/site.toml:3:1".into(),
            language: Language::English,
        };
        let html = overlay(&failure);
        assert!(html.contains("2 errors"));
        let html_id = overlay(&Failure {
            language: Language::Indonesian,
            ..failure.clone()
        });
        assert!(html_id.contains("gagal dengan 2 kesalahan"), "{html_id}");
        assert!(!html_id.contains("errors") && !html_id.contains("last good"));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;"));
        assert!(html.contains("content/site.toml:3:1"));
        assert!(!html.contains("<script>"));
    }

    #[test]
    fn an_errors_event_carries_the_overlay_line_by_line() {
        let message = event("a-3", Some("<div>\n<pre>x</pre></div>"));
        assert_eq!(
            message,
            "id: a-3\nevent: errors\ndata: <div>\ndata: <pre>x</pre></div>\n\n"
        );
        assert_eq!(
            event("a-4", None),
            "id: a-4\nevent: reload\ndata: reload\n\n"
        );
    }

    #[test]
    fn the_snippet_follows_the_state() {
        let shared = Shared::new(PathBuf::from("output"));
        let first = shared.snippet();
        assert!(first.contains("EventSource") && !first.contains("id=\"capaian-overlay\""));
        shared.rebuilt(
            Some(Failure {
                errors: 1,
                text: "bad".into(),
                language: Language::Indonesian,
            }),
            Duration::from_millis(5),
        );
        let failed = shared.snippet();
        assert!(failed.contains("id=\"capaian-overlay\"") && failed.contains("bad"));
        assert_ne!(first, failed, "the token changes with every rebuild");
        assert_eq!(shared.status().errors, 1);
        shared.rebuilt(None, Duration::from_millis(5));
        assert!(!shared.snippet().contains("id=\"capaian-overlay\""));
        assert_eq!(
            shared.status(),
            Status {
                rebuilds: 2,
                errors: 0,
                last_rebuild: Some(Duration::from_millis(5))
            }
        );
    }
}
