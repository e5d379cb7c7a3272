//! `capaian serve` and `capaian watch`: build once, then rebuild whenever the content or the
//! theme changes; `serve` also serves the output folder over HTTP with live reload.
//!
//! A failed rebuild never takes the site away: the last good build stays in the output folder
//! (writing is atomic), its findings are printed, and every page served shows them in an
//! overlay until a build succeeds again. A change to the theme alone re-renders the site
//! from the model already in memory; a change to the content loads and checks it again.
//!
//! [`run`] is what the command line calls; [`Server`] is the same thing as a handle that can
//! be started and stopped, for tests and benchmarks.

mod http;
mod live;
mod watch;

use std::io::Write as _;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener, TcpStream};
use std::panic::{self, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Sender};
use std::sync::{Arc, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use annotate_snippets::Renderer;
use anyhow::Context as _;

use crate::site::{BuildOptions, BuildSummary, Site};
use live::{Failure, Shared};
use watch::{Changes, Message, Roots, Watcher};

pub use live::Status;

/// What to build, where to serve it, and whether to serve it at all.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    /// The content folder (`--content`).
    pub content: PathBuf,
    /// Where the site is written (`--output`); served from there.
    pub output: PathBuf,
    /// A theme folder (`--theme`); by default `themes/<tema>` beside the content folder.
    pub theme: Option<PathBuf>,
    /// The address to listen on (`--bind`); loopback unless the user asks otherwise.
    pub bind: IpAddr,
    /// The port (`--port`); 0 picks a free one.
    pub port: u16,
    /// `false` for `capaian watch`: rebuild on change, serve nothing.
    pub serve_http: bool,
}

impl ServeOptions {
    /// `capaian serve`'s defaults: `content`, `output`, 127.0.0.1:1111.
    pub fn new(content: impl Into<PathBuf>, output: impl Into<PathBuf>) -> ServeOptions {
        ServeOptions {
            content: content.into(),
            output: output.into(),
            theme: None,
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: DEFAULT_PORT,
            serve_http: true,
        }
    }
}

/// The port `capaian serve` listens on unless told otherwise (Zola's, which editors know).
pub const DEFAULT_PORT: u16 = 1111;

/// Runs `capaian serve` (or `watch`) until Ctrl-C: builds, prints where the site is served,
/// rebuilds on change, then stops cleanly. An `Err` is trouble before the server ran (the
/// content folder cannot be read, the port is taken); findings in the report are not errors
/// here, they are shown and fixed while the server runs.
pub fn run(options: ServeOptions) -> anyhow::Result<()> {
    let (tx, rx) = mpsc::channel();
    let presses = AtomicUsize::new(0);
    ctrlc::set_handler(move || {
        if presses.fetch_add(1, Ordering::SeqCst) > 0 {
            // A second Ctrl-C while a build finishes: the user wants out now.
            std::process::exit(130);
        }
        let _ = tx.send(());
    })
    .context("cannot install the Ctrl-C handler")?;
    let server = Server::start(options)?;
    let _ = rx.recv();
    eprintln!("stopping");
    server.stop();
    Ok(())
}

/// A running `serve` or `watch`; stops when dropped.
pub struct Server {
    shared: Arc<Shared>,
    addr: Option<SocketAddr>,
    tx: Sender<Message>,
    watcher: Option<Watcher>,
    rebuild_thread: Option<JoinHandle<()>>,
    http_thread: Option<JoinHandle<()>>,
    /// The output folder, whose spare is deleted on stop.
    output: PathBuf,
}

impl Server {
    /// Builds once (printing the findings as `capaian build` does), starts watching and, in
    /// serve mode, serving; returns as soon as the server answers requests.
    pub fn start(options: ServeOptions) -> anyhow::Result<Server> {
        // Bind first: a port already taken should not cost a build.
        let listener = if options.serve_http {
            let listener = TcpListener::bind((options.bind, options.port)).with_context(|| {
                format!(
                    "cannot listen on {}:{}; choose another --port",
                    options.bind, options.port
                )
            })?;
            Some(listener)
        } else {
            None
        };
        let addr = listener.as_ref().map(TcpListener::local_addr).transpose()?;
        let output = options.output.clone();
        let shared = Arc::new(Shared::new(options.output.clone()));
        // Watch before the first build, so that a change made while it runs is not missed.
        let roots = Roots::new(&options.content, options.theme.as_deref(), &options.output)?;
        let (tx, rx) = mpsc::channel();
        let (watcher, warning) = Watcher::start(&roots, &tx)?;
        if let Some(warning) = warning {
            eprintln!("{warning}");
        }
        let mut builder = Builder::new(&options, Arc::clone(&shared));
        builder.first_build()?;
        let watching = roots.describe(&builder.tema());
        match addr {
            Some(addr) => eprintln!(
                "serving {} at {} and watching {watching}; press Ctrl-C to stop",
                options.output.display(),
                url(addr)
            ),
            None => eprintln!("watching {watching}; press Ctrl-C to stop"),
        }
        if addr.is_some_and(|a| !a.ip().is_loopback()) {
            eprintln!(
                "warning: listening on {}: other machines can read the site while it is served",
                options.bind
            );
        }
        let rebuild_thread = std::thread::Builder::new()
            .name("capaian-rebuild".into())
            .spawn(move || {
                while let Some(changes) = watch::next_changes(&rx, &roots, &builder.tema()) {
                    // A bug in a stage must not end live reload: report it like a failed build.
                    let rebuilt =
                        panic::catch_unwind(AssertUnwindSafe(|| builder.rebuild(changes)));
                    if rebuilt.is_err() {
                        builder.crashed();
                    }
                }
            })?;
        let http_thread = match listener {
            Some(listener) => {
                let shared = Arc::clone(&shared);
                Some(
                    std::thread::Builder::new()
                        .name("capaian-http".into())
                        .spawn(move || http::accept_loop(listener, shared))?,
                )
            }
            None => None,
        };
        Ok(Server {
            shared,
            addr,
            tx,
            watcher: Some(watcher),
            rebuild_thread: Some(rebuild_thread),
            http_thread,
            output,
        })
    }

    /// Where the site is served; `None` for `watch`.
    pub fn addr(&self) -> Option<SocketAddr> {
        self.addr
    }

    /// `http://127.0.0.1:1111/`; `None` for `watch`.
    pub fn url(&self) -> Option<String> {
        self.addr.map(url)
    }

    /// How many rebuilds ran, and how the last one went.
    pub fn status(&self) -> Status {
        self.shared.status()
    }

    /// Stops watching and serving: waits for a rebuild under way to finish writing, ends the
    /// live reload streams, and closes the port.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        self.shared.stop();
        let _ = self.tx.send(Message::Stop);
        if let Some(watcher) = self.watcher.take() {
            watcher.stop();
        }
        if let Some(thread) = self.rebuild_thread.take() {
            let _ = thread.join();
        }
        // The previous build kept to write the next one over (`Cleanup::Recycle`).
        crate::write::remove_spare(&self.output);
        if let (Some(thread), Some(addr)) = (self.http_thread.take(), self.addr) {
            // `accept` only returns for a connection: make one, so the loop sees the stop.
            if TcpStream::connect_timeout(&reachable(addr), Duration::from_secs(2)).is_ok() {
                let _ = thread.join();
            }
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.shutdown();
    }
}

fn url(addr: SocketAddr) -> String {
    let shown = reachable(addr);
    format!("http://{shown}/")
}

/// An address to connect to for one the server listens on (`0.0.0.0` is not one).
fn reachable(addr: SocketAddr) -> SocketAddr {
    match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => {
            SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), addr.port())
        }
        IpAddr::V6(ip) if ip.is_unspecified() => {
            SocketAddr::new(IpAddr::V6(Ipv6Addr::LOCALHOST), addr.port())
        }
        _ => addr,
    }
}

/// Builds and rebuilds, keeping the last loaded site in memory; lives on the rebuild thread.
struct Builder {
    content: PathBuf,
    options: BuildOptions,
    serve_http: bool,
    shared: Arc<Shared>,
    site: Option<Site>,
    /// The findings printed last, so that an unchanged list is not printed again.
    printed: Vec<String>,
}

impl Builder {
    fn new(options: &ServeOptions, shared: Arc<Shared>) -> Builder {
        Builder {
            content: options.content.clone(),
            options: BuildOptions {
                output: options.output.clone(),
                theme: options.theme.clone(),
            },
            serve_http: options.serve_http,
            shared,
            site: None,
            printed: Vec::new(),
        }
    }

    /// The theme the site asks for (`tema` in site.toml).
    fn tema(&self) -> String {
        self.site
            .as_ref()
            .map_or_else(|| "default".to_string(), |s| s.report.site.theme.clone())
    }

    /// The first build, reported as `capaian build` reports; only a content folder that
    /// cannot be read at all is an error.
    fn first_build(&mut self) -> anyhow::Result<()> {
        let site = Site::load(&self.content)?;
        self.print_findings(&site);
        eprintln!(
            "checked {} file(s) in {}: {} error(s), {} warning(s)",
            site.sources.iter().count(),
            self.content.display(),
            site.findings.errors(),
            site.findings.warnings()
        );
        let outcome = self.build(&site);
        match &outcome {
            Ok(summary) => eprintln!(
                "built {} page(s), {} file(s) ({} KiB) into {} in {:.2} s",
                summary.pages,
                summary.files,
                summary.bytes / 1024,
                self.options.output.display(),
                summary.elapsed.as_secs_f64()
            ),
            Err(failure) => {
                if site.findings.has_errors() {
                    eprintln!(
                        "error: the report has {} error(s); {}",
                        failure.errors,
                        self.kept()
                    );
                } else {
                    eprintln!("{}", failure.text.trim_end());
                    eprintln!("{}", self.kept());
                }
            }
        }
        self.shared.first_build(outcome.err());
        self.site = Some(site);
        Ok(())
    }

    /// One rebuild for one burst of changes, reported on one line.
    fn rebuild(&mut self, changes: Changes) {
        for problem in &changes.problems {
            eprintln!("warning: file watcher: {problem}");
        }
        if !changes.counts() {
            return;
        }
        let started = Instant::now();
        let reload = changes.content || changes.rescan || self.site.is_none();
        let loaded = if reload {
            self.site = None;
            match Site::load(&self.content) {
                Ok(site) => {
                    self.print_findings(&site);
                    self.site = Some(site);
                    Ok(())
                }
                Err(e) => Err(Failure {
                    errors: 1,
                    text: format!("error: {e}"),
                }),
            }
        } else {
            Ok(())
        };
        let extra = if reload {
            ""
        } else {
            " (templates only; data kept)"
        };
        let (outcome, took) = {
            // Pages are read under this lock too: none is served from the new build with the
            // old build's overlay, or from the old build with the new build's token.
            let _writing = self
                .shared
                .output_lock
                .write()
                .unwrap_or_else(PoisonError::into_inner);
            let outcome =
                loaded.and_then(|()| self.build(self.site.as_ref().expect("a site is loaded")));
            let took = started.elapsed();
            self.shared.rebuilt(outcome.as_ref().err().cloned(), took);
            (outcome, took)
        };
        let what = changes.summary();
        let millis = took.as_millis();
        match &outcome {
            Ok(summary) => {
                let warnings = self.site.as_ref().map_or(0, |s| s.findings.warnings());
                let warnings = match warnings {
                    0 => String::new(),
                    1 => ", 1 warning".to_string(),
                    n => format!(", {n} warnings"),
                };
                eprintln!(
                    "{} {what}: ok, {} page(s){warnings} in {millis} ms{extra}",
                    clock(),
                    summary.pages
                );
            }
            Err(failure) => {
                if !self.site.as_ref().is_some_and(|s| s.findings.has_errors()) {
                    // Not a finding (printed above when new) but a load, render or write error.
                    eprintln!("{}", failure.text.trim_end());
                }
                let errors = if failure.errors == 1 {
                    "1 error".to_string()
                } else {
                    format!("{} errors", failure.errors)
                };
                eprintln!(
                    "{} {what}: {errors} in {millis} ms{extra}; {}",
                    clock(),
                    self.kept()
                );
            }
        }
    }

    /// After a panic during a rebuild (its message is already printed): the browser says so,
    /// and the next change loads everything again.
    fn crashed(&mut self) {
        self.site = None;
        let text = "error: capaian crashed while rebuilding; this is a bug in capaian (the \
                    message is in the terminal). Change a file to try again."
            .to_string();
        self.shared
            .rebuilt(Some(Failure { errors: 1, text }), Duration::ZERO);
        eprintln!("{} rebuild crashed; {}", clock(), self.kept());
    }

    /// What the user still has while the report has errors.
    fn kept(&self) -> String {
        let output = self.options.output.display();
        if self.serve_http {
            format!("still serving the last good site in {output}")
        } else {
            format!("the last good site in {output} is untouched")
        }
    }

    /// Renders and writes the site; a report with errors is not built and its errors become
    /// the overlay. The caller holds the output lock.
    fn build(&self, site: &Site) -> Result<BuildSummary, Failure> {
        if site.findings.has_errors() {
            let renderer = Renderer::plain();
            let text: Vec<String> = site
                .findings
                .list
                .iter()
                .filter(|f| f.is_error())
                .map(|f| f.render(&site.sources, &renderer))
                .collect();
            return Err(Failure {
                errors: site.findings.errors(),
                text: text.join("\n\n"),
            });
        }
        site.build_with(&self.options, crate::write::Cleanup::Recycle)
            .map_err(|e| Failure {
                errors: 1,
                text: format!("error: {e}"),
            })
    }

    /// Prints every finding, as `capaian build` does, unless the same list was printed last.
    fn print_findings(&mut self, site: &Site) {
        let plain = Renderer::plain();
        let findings: Vec<String> = site
            .findings
            .list
            .iter()
            .map(|f| f.render(&site.sources, &plain))
            .collect();
        if findings == self.printed {
            return;
        }
        let styled = anstream::stderr().is_terminal();
        let renderer = if styled {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        let mut err = anstream::stderr().lock();
        for finding in &site.findings.list {
            let _ = writeln!(err, "{}\n", finding.render(&site.sources, &renderer));
        }
        self.printed = findings;
    }
}

/// The time of day for the rebuild lines of a long-running server.
fn clock() -> String {
    jiff::ZonedDateTime::now()
        .strftime("[%H:%M:%S]")
        .to_string()
}
