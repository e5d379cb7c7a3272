//! `capaian serve` and `capaian watch`: build once, then rebuild whenever the content or the
//! theme changes; `serve` also serves the output folder over HTTP with live reload.
//!
//! A failed rebuild never takes the site away: the last good build stays in the output folder
//! (writing is atomic), its findings are printed, and every page served shows them in an
//! overlay until a build succeeds again. A change to the theme alone re-renders the site
//! from the model already in memory; a change to the content loads and checks it again,
//! parsing only the files whose bytes changed.
//!
//! A change is shown before the whole site is written: once the report is loaded and checked,
//! open pages reload, and each page asked for is rendered alone from the site in memory
//! ([`Site::render_one`]) while the whole build is written on threads of a lower priority and
//! swapped in. A later change cancels a build still being written. On a report of 12,500
//! pages the page shows within about a tenth of a second; the whole build takes seconds.
//!
//! [`run`] is what the command line calls; [`Server`] is the same thing as a handle that can
//! be started and stopped, for tests and benchmarks.

pub(crate) mod http;
mod live;
mod watch;

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener, TcpStream};
use std::panic::{self, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Sender};
use std::sync::{Arc, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use annotate_snippets::Renderer;
use anyhow::Context as _;

use crate::finding::Severity;
use crate::model::{Edition, Language};
use crate::render::{RenderError, Theme};
use crate::site::{BuildOptions, BuildSummary, Site};
use live::{Failure, Shared};
use watch::{Changes, Message, Roots, Watcher};

pub use http::fuzz_request;
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
    /// The edition shown (`--edition`); `None`: `edisi` in site.toml, else internal.
    pub edition: Option<Edition>,
    /// Show warnings as errors and build nothing while there are any (`--deny-warnings`).
    pub deny_warnings: bool,
    /// Host names the server answers to besides `localhost` and the address it listens on
    /// (`--allow-host`): a name other machines reach it by.
    pub allowed_hosts: Vec<String>,
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
            edition: None,
            deny_warnings: false,
            allowed_hosts: Vec::new(),
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
            // A second Ctrl-C while a build finishes: the user wants out now, leaving no
            // half-written folder behind.
            let _held = crate::write::interrupt::clean_up();
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
    /// Shared with the rebuild thread, which watches again a folder made again.
    watcher: Arc<std::sync::Mutex<Option<Watcher>>>,
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
        let closes = watcher.reports_closes();
        let watcher = Arc::new(std::sync::Mutex::new(Some(watcher)));
        let mut arming = watch::Arming::new(&roots, Arc::clone(&watcher));
        if let Some(warning) = warning {
            eprintln!("{warning}");
        }
        let mut builder = Builder::new(&options, Arc::clone(&shared));
        builder.first_build()?;
        let watching = roots.describe(&builder.tema());
        let language = builder.language();
        let say = |id: String, en: String| crate::finding::say(language, id, en);
        match addr {
            Some(addr) => {
                let (output, url) = (options.output.display(), url(addr));
                eprintln!(
                    "{}",
                    say(
                        format!(
                            "menyajikan {output} di {url} dan memantau {watching}; tekan Ctrl-C untuk berhenti"
                        ),
                        format!(
                            "serving {output} at {url} and watching {watching}; press Ctrl-C to stop"
                        ),
                    )
                )
            }
            None => eprintln!(
                "{}",
                say(
                    format!("memantau {watching}; tekan Ctrl-C untuk berhenti"),
                    format!("watching {watching}; press Ctrl-C to stop"),
                )
            ),
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
                while let Some(changes) =
                    watch::next_changes(&rx, &roots, &builder.tema(), closes, &mut arming)
                {
                    // A bug in a stage must not end live reload: report it like a failed build.
                    let rebuilt =
                        panic::catch_unwind(AssertUnwindSafe(|| builder.rebuild(changes)));
                    if rebuilt.is_err() {
                        builder.crashed();
                    }
                }
                // Stopping at once: the build under way is cancelled, not waited for.
                builder.stop_writing();
                builder.finish_refill();
            })?;
        let http_thread = match listener {
            Some(listener) => {
                let shared = Arc::clone(&shared);
                let hosts = http::Hosts::new(listener.local_addr()?, &options.allowed_hosts);
                Some(
                    std::thread::Builder::new()
                        .name("capaian-http".into())
                        .spawn(move || http::accept_loop(listener, shared, hosts))?,
                )
            }
            None => None,
        };
        Ok(Server {
            shared,
            addr,
            tx,
            watcher,
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

    /// Stops watching and serving: cancels a build still being written (the output folder
    /// keeps the last build written in full), ends the live reload streams, and closes the
    /// port.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        self.shared.stop();
        let _ = self.tx.send(Message::Stop);
        let watcher = self
            .watcher
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if let Some(watcher) = watcher {
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
    site: Option<Arc<Site>>,
    /// Why `site` is not built (its errors, or its warnings under `deny_warnings`), as found
    /// before its edition left any out.
    refused: Option<Failure>,
    edition: Option<Edition>,
    deny_warnings: bool,
    /// What the last load and check kept (the parsed files, their hashes, each PK's review):
    /// a change is parsed, hashed and reviewed again only where it can change something.
    cache: crate::recheck::Cache,
    /// The cache while its copies are made ahead on a thread of a lower priority
    /// ([`crate::recheck::Cache::refill`]), and how to stop that.
    refilling: Option<(Arc<AtomicBool>, JoinHandle<crate::recheck::Cache>)>,
    /// The build being written in the background, if any.
    writer: Option<Writer>,
    /// The theme of the last rebuild and the folder it was read from.
    theme: Option<(Option<PathBuf>, Arc<Theme>)>,
    /// Where background builds render; the global pool when it cannot be made.
    pool: Option<Arc<rayon::ThreadPool>>,
    /// Numbers the changes, to tell a build's own from a later one.
    changes: u64,
    /// The findings printed last, so that an unchanged list is not printed again.
    printed: Vec<String>,
}

/// The threads that write whole builds behind the pages shown on demand: as many as there are
/// cores, at a lower priority, so that rendering the page an editor asks for and taking the
/// next change go first.
fn writer_pool() -> Option<Arc<rayon::ThreadPool>> {
    rayon::ThreadPoolBuilder::new()
        .thread_name(|i| format!("capaian-write-{i}"))
        .start_handler(|_| lower_priority())
        .build()
        .ok()
        .map(Arc::new)
}

/// Lowers the priority of the calling thread (on Linux, `setpriority` applies to one thread).
fn lower_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority takes no pointers; `0` names the calling thread. A failure leaves
    // the priority as it was, which is harmless.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 10);
    }
}

/// A build written on its own thread, so that the next change is taken at once.
struct Writer {
    cancel: Arc<AtomicBool>,
    /// Whether the build was put in place (or failed), not cancelled.
    thread: JoinHandle<bool>,
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
            refused: None,
            edition: options.edition,
            deny_warnings: options.deny_warnings,
            cache: crate::recheck::Cache::new(),
            refilling: None,
            writer: None,
            theme: None,
            pool: writer_pool(),
            changes: 0,
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
        let site = Site::load_cached(&self.content, &mut self.cache)?;
        self.print_findings(&site);
        let language = site.report.site.language;
        let say = |id: String, en: String| crate::finding::say(language, id, en);
        let (files, content, errors, warnings) = (
            site.sources.iter().count(),
            self.content.display(),
            site.findings.errors(),
            site.findings.warnings(),
        );
        eprintln!(
            "{}",
            say(
                format!(
                    "{files} berkas di {content} diperiksa: {errors} kesalahan, {warnings} peringatan"
                ),
                format!(
                    "checked {files} file(s) in {content}: {errors} error(s), {warnings} warning(s)"
                ),
            )
        );
        let site = self.adopt(site, true);
        let outcome = self.build(&site);
        match &outcome {
            Ok(summary) => {
                let (pages, files, kib, output, seconds) = (
                    summary.pages,
                    summary.files,
                    summary.bytes / 1024,
                    self.options.output.display(),
                    summary.elapsed.as_secs_f64(),
                );
                eprintln!(
                    "{}",
                    say(
                        format!(
                            "{pages} halaman, {files} berkas ({kib} KiB) dibangun ke {output} dalam {seconds:.2} detik"
                        ),
                        format!(
                            "built {pages} page(s), {files} file(s) ({kib} KiB) into {output} in {seconds:.2} s"
                        ),
                    )
                );
            }
            Err(failure) => {
                if site.findings.has_errors() {
                    let n = failure.errors;
                    eprintln!(
                        "error: {}; {}",
                        say(
                            format!("laporan mempunyai {n} kesalahan"),
                            format!("the report has {n} error(s)"),
                        ),
                        self.kept()
                    );
                } else {
                    eprintln!("{}", failure.text.trim_end());
                    eprintln!("{}", self.kept());
                }
            }
        }
        self.shared.first_build(outcome.err());
        self.start_refill();
        Ok(())
    }

    /// Makes a freshly loaded site the current one: notes why it cannot be built, then keeps
    /// its edition (saying, the first time, which years the public edition leaves out).
    fn adopt(&mut self, site: Site, first: bool) -> Arc<Site> {
        self.refused = findings_failure(&site, self.deny_warnings);
        let edition = self.edition.unwrap_or(site.report.site.edition);
        let (site, left_out) = site.edition(edition);
        if first {
            for year in left_out {
                eprintln!("{}", site.left_out_note(year));
            }
            if let Some(note) = site.nothing_public_note() {
                eprintln!("{note}");
            }
        }
        let site = Arc::new(site);
        self.site = Some(Arc::clone(&site));
        site
    }

    /// One rebuild for one burst of changes. A change that leaves the report sound is shown
    /// at once: open pages reload and are rendered from the site in memory while the whole
    /// build is written on its own thread, which a later change cancels. A change that breaks
    /// the report shows its errors over the last good site.
    fn rebuild(&mut self, changes: Changes) {
        for problem in &changes.problems {
            eprintln!("warning: file watcher: {problem}");
        }
        if !changes.counts() {
            return;
        }
        let started = Instant::now();
        let reload = changes.content || changes.rescan || self.site.is_none();
        let what = changes.summary();
        let extra = if reload {
            ""
        } else {
            " (templates only; data kept)"
        };
        // The previous site is freed once the new one is shown, at the writers' priority:
        // freeing a large report takes as long as checking it.
        let previous_site = if reload { self.site.take() } else { None };
        if reload {
            crate::recheck::timed("take the cache back", || self.finish_refill());
            let loaded = crate::recheck::timed("load and check", || {
                Site::load_cached(&self.content, &mut self.cache)
            });
            match loaded {
                Ok(site) => {
                    crate::recheck::timed("print findings", || self.print_findings(&site));
                    crate::recheck::timed("adopt", || self.adopt(site, false));
                }
                Err(e) => {
                    let language = crate::load::site_language(&self.content);
                    return self.failed(printed_error(language, e), started, &what, extra);
                }
            }
        }
        let site = Arc::clone(self.site.as_ref().expect("a site is loaded"));
        if let Some(failure) = self.refused.clone() {
            // The build being written, if any, goes on: it is the last good site.
            return self.failed(failure, started, &what, extra);
        }
        let theme = match self.theme(&site, changes.theme || changes.rescan) {
            Ok(theme) => theme,
            Err(e) => {
                let language = site.report.site.language;
                return self.failed(printed_error(language, e), started, &what, extra);
            }
        };
        self.changes += 1;
        let id = self.changes;
        let previous = self.writer.take();
        if let Some(previous) = &previous {
            previous.cancel.store(true, Ordering::SeqCst);
        }
        let previous_pending = self.shared.publish(live::Pending {
            site: Arc::clone(&site),
            theme,
            id,
        });
        let shown = started.elapsed();
        crate::recheck::stage_since("shown (since the burst)", started);
        let garbage = move || drop((previous_site, previous_pending));
        match &self.pool {
            Some(pool) => pool.spawn(garbage),
            None => garbage(),
        }
        if let Some(previous) = previous {
            // Its pages stop at once; the one it is rendering is finished first.
            let _ = previous.thread.join();
        }
        self.start_writing(site, id, started, shown, what, extra);
        self.start_refill();
    }

    /// Makes the copies the next load takes while the editor looks at the page, on a thread
    /// of a lower priority: rendering the page asked for goes first.
    fn start_refill(&mut self) {
        let mut cache = std::mem::take(&mut self.cache);
        let stop = Arc::new(AtomicBool::new(false));
        let thread = std::thread::Builder::new()
            .name("capaian-refill".into())
            .spawn({
                let stop = Arc::clone(&stop);
                move || {
                    lower_priority();
                    crate::recheck::timed("refill the copies", || cache.refill(&stop));
                    cache
                }
            });
        // Without a thread the cache is gone with it: the next load parses every file again.
        if let Ok(thread) = thread {
            self.refilling = Some((stop, thread));
        }
    }

    /// Takes the cache back from [`Builder::start_refill`], stopping the copies where they
    /// are (the next load makes those it lacks); a new cache if the thread failed.
    fn finish_refill(&mut self) {
        if let Some((stop, thread)) = self.refilling.take() {
            stop.store(true, Ordering::SeqCst);
            self.cache = thread.join().unwrap_or_default();
        }
    }

    /// Starts writing the whole build of change `id` on its own thread ([`write`]).
    fn start_writing(
        &mut self,
        site: Arc<Site>,
        id: u64,
        started: Instant,
        shown: Duration,
        what: String,
        extra: &str,
    ) {
        let cancel = Arc::new(AtomicBool::new(false));
        let shared = Arc::clone(&self.shared);
        let options = self.options.clone();
        let extra = extra.to_string();
        let language = site.report.site.language;
        let pool = self.pool.clone();
        let thread = std::thread::Builder::new()
            .name("capaian-write".into())
            .spawn({
                let cancel = Arc::clone(&cancel);
                move || {
                    let write = || {
                        write(
                            &site, &options, &shared, &cancel, id, started, shown, &what, &extra,
                        )
                    };
                    let written = panic::catch_unwind(AssertUnwindSafe(|| match &pool {
                        Some(pool) => pool.install(write),
                        None => write(),
                    }));
                    // A bug while writing must not leave pages waiting for a build that never
                    // comes: report it like a failed build.
                    written.unwrap_or_else(|_| {
                        let failure = crash(language, true);
                        shared.written(id, Some(failure), started.elapsed());
                        true
                    })
                }
            });
        match thread {
            Ok(thread) => self.writer = Some(Writer { cancel, thread }),
            Err(e) => {
                let failure = printed_error(
                    self.language(),
                    format!("cannot start a thread to write the site: {e}"),
                );
                self.shared.written(id, Some(failure), started.elapsed());
            }
        }
    }

    /// The theme the site asks for, read and compiled again only when a theme file changed
    /// or the site asks for another one.
    fn theme(&mut self, site: &Site, changed: bool) -> Result<Arc<Theme>, RenderError> {
        let dir = site.theme_dir(&self.options);
        match &self.theme {
            Some((read_from, theme)) if !changed && *read_from == dir => Ok(Arc::clone(theme)),
            _ => {
                let theme = Arc::new(Theme::load(dir.as_deref())?);
                self.theme = Some((dir, Arc::clone(&theme)));
                Ok(theme)
            }
        }
    }

    /// Cancels the build being written, if any, and says so: the output folder keeps the last
    /// build written in full.
    fn stop_writing(&mut self) {
        let Some(writer) = self.writer.take() else {
            return;
        };
        writer.cancel.store(true, Ordering::SeqCst);
        if writer.thread.join().is_ok_and(|written| !written) {
            eprintln!(
                "the last change was not written into {}: run `capaian build` to write it",
                self.options.output.display()
            );
        }
    }

    /// A rebuild that shows errors over the last good site.
    fn failed(&mut self, failure: Failure, started: Instant, what: &str, extra: &str) {
        let took = started.elapsed();
        let failure_language = failure.language;
        let errors = match (failure.language, failure.errors) {
            (Language::Indonesian, n) => format!("{n} kesalahan"),
            (Language::English, 1) => "1 error".to_string(),
            (Language::English, n) => format!("{n} errors"),
        };
        let took_ms = took.as_millis();
        let kept = self.kept();
        let extra = match failure.language {
            Language::Indonesian if !extra.is_empty() => " (templat saja; data tetap)",
            _ => extra,
        };
        self.shared.rebuilt(Some(failure), took);
        let line = crate::finding::say(
            failure_language,
            format!("{errors} dalam {took_ms} md{extra}; {kept}"),
            format!("{errors} in {took_ms} ms{extra}; {kept}"),
        );
        eprintln!("{} {what}: {line}", clock());
    }

    /// After a panic during a rebuild (its message is already printed): the browser says so,
    /// and the next change loads everything again.
    fn crashed(&mut self) {
        let language = self.language();
        self.site = None;
        self.shared
            .rebuilt(Some(crash(language, false)), Duration::ZERO);
        let said = crate::finding::say(
            language,
            "pembangunan ulang berhenti mendadak",
            "rebuild crashed",
        );
        eprintln!("{} {said}; {}", clock(), self.kept());
    }

    /// The site's language: the loaded site's, or site.toml's alone when the report did not load.
    fn language(&self) -> Language {
        self.site.as_ref().map_or_else(
            || crate::load::site_language(&self.content),
            |site| site.report.site.language,
        )
    }

    /// What the user still has while the report has errors.
    fn kept(&self) -> String {
        let output = self.options.output.display();
        let language = self.language();
        if self.serve_http {
            crate::finding::say(
                language,
                format!("situs terakhir yang baik di {output} tetap disajikan"),
                format!("still serving the last good site in {output}"),
            )
        } else {
            crate::finding::say(
                language,
                format!("situs terakhir yang baik di {output} tidak disentuh"),
                format!("the last good site in {output} is untouched"),
            )
        }
    }

    /// Renders and writes the site; a report with errors is not built and its errors become
    /// the overlay.
    fn build(&self, site: &Site) -> Result<BuildSummary, Failure> {
        if let Some(failure) = &self.refused {
            return Err(failure.clone());
        }
        site.build_with(&self.options, crate::write::Cleanup::Recycle)
            .map_err(|e| Failure {
                errors: 1,
                text: format!("error: {e}"),
                language: site.report.site.language,
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
        site.print_findings();
        self.printed = findings;
    }
}

/// A panic while `doing` something (its message is already printed), as the browser shows it.
fn crash(language: Language, writing: bool) -> Failure {
    let say = |id: &str, en: &str| crate::finding::say(language, id, en);
    let doing = if writing {
        say("menulis situs", "writing the site")
    } else {
        say("membangun ulang", "rebuilding")
    };
    Failure {
        errors: 1,
        text: crate::finding::say(
            language,
            format!(
                "error: capaian berhenti mendadak saat {doing}; ini kesalahan di dalam capaian \
                 (pesannya ada di terminal). Ubah sebuah berkas untuk mencoba lagi."
            ),
            format!(
                "error: capaian crashed while {doing}; this is a bug in capaian (the message is in \
                 the terminal). Change a file to try again."
            ),
        ),
        language,
    }
}

/// An error that is not a finding (the folder cannot be read, a template does not compile),
/// printed, as the overlay shows it.
fn printed_error(language: Language, error: impl std::fmt::Display) -> Failure {
    let failure = Failure {
        errors: 1,
        text: format!("error: {error}"),
        language,
    };
    eprintln!("{}", failure.text.trim_end());
    failure
}

/// The errors of a report that cannot be built, as the overlay shows them; under
/// `deny_warnings`, its warnings when it has no error.
fn findings_failure(site: &Site, deny_warnings: bool) -> Option<Failure> {
    let findings = &site.findings;
    let (count, shown, heading) = if findings.has_errors() {
        (findings.errors(), Severity::Error, None)
    } else if deny_warnings && findings.warnings() > 0 {
        let n = findings.warnings();
        let heading = crate::finding::say(
            site.report.site.language,
            format!(
                "error: --deny-warnings: laporan mempunyai {n} peringatan; tidak ada yang dibangun sampai semuanya diperbaiki"
            ),
            format!(
                "error: --deny-warnings: the report has {n} warning(s); nothing is built until they are fixed"
            ),
        );
        (findings.warnings(), Severity::Warning, Some(heading))
    } else {
        return None;
    };
    let renderer = Renderer::plain();
    let text: Vec<String> = heading
        .into_iter()
        .chain(
            findings
                .list
                .iter()
                .filter(|f| f.severity == shown)
                .map(|f| f.render_relative(&site.sources, &renderer, &site.content)),
        )
        .collect();
    Some(Failure {
        errors: count,
        text: text.join("\n\n"),
        language: site.report.site.language,
    })
}

/// Writes the build of change `id` on the writer thread and puts it in place, unless a later
/// change or the server's stop cancels it (then `false`); reports on one line, as `capaian
/// build` would.
#[allow(clippy::too_many_arguments)]
fn write(
    site: &Site,
    options: &BuildOptions,
    shared: &Shared,
    cancel: &AtomicBool,
    id: u64,
    started: Instant,
    shown: Duration,
    what: &str,
    extra: &str,
) -> bool {
    let staged = site.stage(options, crate::write::Cleanup::Recycle, Some(cancel));
    let outcome = staged.and_then(|staged| {
        // Pages are read under this lock: none is read from a half-swapped folder.
        let _writing = shared
            .output_lock
            .write()
            .unwrap_or_else(PoisonError::into_inner);
        if cancel.load(Ordering::SeqCst) {
            staged.abandon();
            return Err(crate::site::BuildError::Cancelled);
        }
        staged.finish(crate::write::Cleanup::Recycle)
    });
    let took = started.elapsed();
    match outcome {
        Err(crate::site::BuildError::Cancelled) => return false,
        Ok(summary) => {
            shared.written(id, None, took);
            let language = site.report.site.language;
            let warnings = match (language, site.findings.warnings()) {
                (_, 0) => String::new(),
                (Language::Indonesian, n) => format!(", {n} peringatan"),
                (Language::English, 1) => ", 1 warning".to_string(),
                (Language::English, n) => format!(", {n} warnings"),
            };
            let (pages, ms, shown) = (summary.pages, took.as_millis(), shown.as_millis());
            let line = match language {
                Language::Indonesian => {
                    let extra = if extra.is_empty() {
                        ""
                    } else {
                        " (templat saja; data tetap)"
                    };
                    format!(
                        "ok, {pages} halaman{warnings} dalam {ms} md{extra} (tampil setelah {shown} md)"
                    )
                }
                Language::English => format!(
                    "ok, {pages} page(s){warnings} in {ms} ms{extra} (shown after {shown} ms)"
                ),
            };
            eprintln!("{} {what}: {line}", clock());
        }
        Err(e) => {
            let language = site.report.site.language;
            shared.written(id, Some(printed_error(language, e)), took);
            let (ms, output) = (took.as_millis(), options.output.display());
            let line = crate::finding::say(
                language,
                format!(
                    "1 kesalahan dalam {ms} md; situs terakhir yang baik di {output} tidak disentuh"
                ),
                format!("1 error in {ms} ms{extra}; the last good site in {output} is untouched"),
            );
            eprintln!("{} {what}: {line}", clock());
        }
    }
    true
}

/// The time of day for the rebuild lines of a long-running server.
fn clock() -> String {
    jiff::ZonedDateTime::now()
        .strftime("[%H:%M:%S]")
        .to_string()
}
