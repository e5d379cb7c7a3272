//! `capaian pdf`: prints a page of the built site, normally the year's LKjIP
//! (`/<year>/cetak/`), to a PDF with a Chromium found on the machine.
//!
//! Chromium runs headless with a fresh temporary profile, no network (every host name resolves
//! to nothing except the loopback address), and no header or footer of its own: the page
//! numbers and running header come from the theme's `@page` rules.
//!
//! The built site is served to Chromium over HTTP on a loopback port by a short-lived server in
//! a thread ([`Server`]), rather than opened as `file://`: the site's links are root-relative
//! (`/style.css`, `/2025/…`, under `base_url`), and only a server resolves them the way the
//! deployed site does. The same server lets the browser tests see every request the browser
//! makes, and so every missing file.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::render::view::normalise_base_url;
use crate::serve::http::{Resolved, content_type, resolve};
use crate::site::{BuildError, BuildOptions, Site};

/// The names Chromium goes by, looked for on `PATH` in this order.
pub const CHROMIUM_NAMES: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
];

/// The environment variable that names the browser to use, as a path or a command name.
pub const CHROMIUM_ENV: &str = "CAPAIAN_CHROMIUM";

/// How long a print may take before Chromium is stopped.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(120);

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error(
        "no Chromium found: capaian prints PDFs with a headless Chromium, and {}\nhelp: install one (Debian/Ubuntu: `sudo apt-get install chromium`; Fedora: `sudo dnf install chromium`; macOS or Windows: install Google Chrome){}",
        match .0 {
            Some(value) => format!("{CHROMIUM_ENV} names `{value}`, which is not an executable file"),
            None => format!("found none of {} on PATH", CHROMIUM_NAMES.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")),
        },
        if .0.is_some() { format!(", and point {CHROMIUM_ENV} at its executable or unset it") } else { format!(", or set {CHROMIUM_ENV} to the browser's executable") }
    )]
    NoChromium(Option<String>),
    #[error("there is no budget year {year} in the report (years: {known}); print one of those")]
    NoYear { year: i32, known: String },
    #[error(transparent)]
    Build(#[from] BuildError),
    #[error("the page to print, `{}`, is not in the built site; build the site first (`capaian build`)", .0.display())]
    NotBuilt(PathBuf),
    #[error("cannot start the local server that hands the site to Chromium: {0}")]
    Serve(std::io::Error),
    #[error("cannot run Chromium (`{}`): {source}", chromium.display())]
    Launch {
        chromium: PathBuf,
        source: std::io::Error,
    },
    #[error("Chromium took longer than {} s to print {url} and was stopped", timeout.as_secs())]
    Timeout { url: String, timeout: Duration },
    #[error("Chromium did not print {url} (exit status {status}):\n{stderr}")]
    Print {
        url: String,
        status: String,
        stderr: String,
    },
    #[error("cannot write the PDF `{}`: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// What to print.
#[derive(Clone, Copy, Debug)]
pub enum PrintSource<'a> {
    /// A URL Chromium can open by itself (`http://…`, `file://…`).
    Url(&'a str),
    /// A page of a built site: `root` is the output folder, `base_url` the site's `base_url`
    /// (its path part is where the server puts `root`), `page` the page's path under it
    /// (`2025/cetak/`).
    Built {
        root: &'a Path,
        base_url: &'a str,
        page: &'a str,
    },
}

/// What was printed.
#[derive(Clone, Debug)]
pub struct PdfSummary {
    pub path: PathBuf,
    pub bytes: u64,
    /// The number of pages, counted in the file (Chromium writes each page as an object of
    /// its own).
    pub pages: usize,
    pub elapsed: Duration,
}

/// What `capaian pdf --year Y` does: builds `site` into `options.output` (as `capaian build`
/// does) and prints that year's `/<year>/cetak/` page to `out`.
///
/// A site whose `base_url` is a full URL (`https://…/lkjip/`) links to that host; its PDF is
/// printed from a second build in a temporary folder with the URL's path as `base_url`, so
/// that Chromium never goes to the network.
pub fn print_year(
    site: &Site,
    options: &BuildOptions,
    year: i32,
    out: &Path,
) -> Result<PdfSummary, PdfError> {
    if !site.report.years.contains_key(&year) {
        return Err(PdfError::NoYear {
            year,
            known: site
                .report
                .years
                .keys()
                .map(i32::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        });
    }
    // Before the build: without a browser there is nothing to print.
    find_chromium()?;
    site.build(options)?;
    let page = crate::route::Route::Print(year).url_path();
    let base_url = &site.report.site.base_url;
    if !base_url.contains("://") {
        return print_pdf(
            PrintSource::Built {
                root: &options.output,
                base_url,
                page: &page,
            },
            out,
        );
    }
    let local_base = base_path(base_url);
    let mut copy = site.clone();
    copy.report.site.base_url = local_base.clone();
    let temp = TempDir::new("capaian-print-site").map_err(|source| PdfError::Io {
        path: std::env::temp_dir(),
        source,
    })?;
    let root = temp.path().join("site");
    copy.build(&BuildOptions {
        output: root.clone(),
        theme: options.theme.clone(),
    })?;
    print_pdf(
        PrintSource::Built {
            root: &root,
            base_url: &local_base,
            page: &page,
        },
        out,
    )
}

/// Prints a page to a PDF at `out` with the Chromium that [`find_chromium`] finds, replacing
/// `out` only when the print succeeded.
///
/// A built page with a table of contents (the printed report's) is printed twice: the first
/// print tells on which page each heading landed (the PDF's named destinations, which
/// Chromium writes for every in-page link target), the second prints the page with those
/// numbers filled in. The numbers take a place the stylesheet keeps for them, so filling them
/// moves nothing; should a page still move, a third print settles it.
pub fn print_pdf(source: PrintSource<'_>, out: &Path) -> Result<PdfSummary, PdfError> {
    match source {
        PrintSource::Url(url) => find_chromium()?.print(url, out),
        PrintSource::Built {
            root,
            base_url,
            page,
        } => {
            let base = base_path(base_url);
            let page_file = root.join(page.trim_start_matches('/'));
            let file = match resolve(root, &format!("/{}", page.trim_start_matches('/'))) {
                Resolved::File(file) => file,
                _ if page.is_empty() || page.ends_with('/') => {
                    return Err(PdfError::NotBuilt(page_file.join("index.html")));
                }
                _ => return Err(PdfError::NotBuilt(page_file)),
            };
            let chromium = find_chromium()?;
            let server = Server::start(root, &base).map_err(PdfError::Serve)?;
            let url = server.url(page);
            let html = std::fs::read_to_string(&file).unwrap_or_default();
            // The year's seal in the footer of every page: the commit and the manifest's hash.
            let html = crate::seal::stamp_print(&html, root, page);
            server.add(&server.path(page), "text/html; charset=utf-8", html.clone());
            if !html.contains(TOC_MARK) {
                return chromium.print(&url, out);
            }
            let started = Instant::now();
            let mut numbers = BTreeMap::new();
            let mut summary = chromium.print(&url, out)?;
            for _ in 0..2 {
                let pdf = std::fs::read(out).map_err(|source| PdfError::Io {
                    path: out.to_path_buf(),
                    source,
                })?;
                let found = destination_pages(&pdf);
                let wanted: BTreeMap<String, usize> = toc_targets(&html)
                    .into_iter()
                    .filter_map(|id| Some((id.clone(), *found.get(&id)?)))
                    .collect();
                if wanted.is_empty() || wanted == numbers {
                    break;
                }
                numbers = wanted;
                server.add(
                    &server.path(page),
                    "text/html; charset=utf-8",
                    fill_toc(&html, &numbers),
                );
                summary = chromium.print(&url, out)?;
            }
            summary.elapsed = started.elapsed();
            Ok(summary)
        }
    }
}

/// What marks a table-of-contents entry's page number in a page: the number goes into
/// `<span … data-halaman-untuk="ID"></span>`, ID the heading's id.
pub const TOC_MARK: &str = "data-halaman-untuk=\"";

/// The ids the table of contents of a page points at.
fn toc_targets(html: &str) -> Vec<String> {
    html.split(TOC_MARK)
        .skip(1)
        .filter_map(|rest| rest.split_once('"').map(|(id, _)| id.to_string()))
        .collect()
}

/// The page with the numbers of the table of contents filled in.
fn fill_toc(html: &str, numbers: &BTreeMap<String, usize>) -> String {
    let mut out = String::with_capacity(html.len() + numbers.len() * 4);
    let mut pieces = html.split(TOC_MARK);
    out.push_str(pieces.next().unwrap_or_default());
    for piece in pieces {
        out.push_str(TOC_MARK);
        match piece.split_once('"') {
            Some((id, rest)) if rest.starts_with("></span>") => {
                out.push_str(id);
                out.push_str("\">");
                if let Some(n) = numbers.get(id) {
                    out.push_str(&n.to_string());
                }
                out.push_str(&rest[1..]);
            }
            _ => out.push_str(piece),
        }
    }
    out
}

/// The page (1-based) of each named destination of a PDF: the catalog's `/Dests` dictionary
/// (what Chromium writes) and the `/Names` tree's `/Dests` (PDF 1.2 on), each destination an
/// array `[page /XYZ x y z]` or a dictionary with one as `/D`. Read with a PDF parser, so that
/// objects in compressed object streams and cross-reference streams are found too. Empty when
/// the file cannot be read or has no destinations.
pub fn destination_pages(pdf: &[u8]) -> BTreeMap<String, usize> {
    let mut found = BTreeMap::new();
    let Ok(document) = lopdf::Document::load_mem(pdf) else {
        return found;
    };
    let pages: BTreeMap<lopdf::ObjectId, usize> = document
        .get_pages()
        .into_iter()
        .map(|(number, id)| (id, number as usize))
        .collect();
    let Ok(catalog) = document.catalog() else {
        return found;
    };
    let document = &document;
    let dictionary = |object| dictionary(document, object);
    if let Some(dests) = catalog.get(b"Dests").ok().and_then(dictionary) {
        for (name, destination) in dests.iter() {
            if let Some(page) = destination_page(document, destination, &pages) {
                found.insert(String::from_utf8_lossy(name).into_owned(), page);
            }
        }
    }
    let tree = catalog
        .get(b"Names")
        .ok()
        .and_then(dictionary)
        .and_then(|names| names.get(b"Dests").ok())
        .and_then(dictionary);
    if let Some(tree) = tree {
        name_tree(document, tree, &pages, &mut found, 0);
    }
    found
}

/// The dictionary `object` is or refers to.
fn dictionary<'a>(
    document: &'a lopdf::Document,
    object: &'a lopdf::Object,
) -> Option<&'a lopdf::Dictionary> {
    document.dereference(object).ok()?.1.as_dict().ok()
}

/// The leaves of a name tree of destinations (`/Names [key value …]`, `/Kids [node …]`).
fn name_tree(
    document: &lopdf::Document,
    node: &lopdf::Dictionary,
    pages: &BTreeMap<lopdf::ObjectId, usize>,
    found: &mut BTreeMap<String, usize>,
    depth: usize,
) {
    if depth > 32 {
        return;
    }
    let array = |key: &[u8]| {
        node.get(key)
            .ok()
            .and_then(|o| document.dereference(o).ok())
            .and_then(|(_, o)| o.as_array().ok())
    };
    for pair in array(b"Names").map(|a| a.chunks(2)).into_iter().flatten() {
        if let [key, destination] = pair
            && let Ok(name) = key.as_str()
            && let Some(page) = destination_page(document, destination, pages)
        {
            found.insert(String::from_utf8_lossy(name).into_owned(), page);
        }
    }
    for kid in array(b"Kids").into_iter().flatten() {
        if let Ok((_, kid)) = document.dereference(kid)
            && let Ok(kid) = kid.as_dict()
        {
            name_tree(document, kid, pages, found, depth + 1);
        }
    }
}

/// The page a destination points at: `[page …]`, or a dictionary with it as `/D`.
fn destination_page(
    document: &lopdf::Document,
    destination: &lopdf::Object,
    pages: &BTreeMap<lopdf::ObjectId, usize>,
) -> Option<usize> {
    let (_, destination) = document.dereference(destination).ok()?;
    let array = match destination {
        lopdf::Object::Dictionary(d) => document.dereference(d.get(b"D").ok()?).ok()?.1,
        other => other,
    }
    .as_array()
    .ok()?;
    pages.get(&array.first()?.as_reference().ok()?).copied()
}

/// The path part of a `base_url`: `/`, `/lkjip/`.
fn base_path(base_url: &str) -> String {
    let base = normalise_base_url(base_url);
    match base.split_once("://") {
        Some((_, rest)) => match rest.find('/') {
            Some(slash) => rest[slash..].to_string(),
            None => "/".to_string(),
        },
        None => base,
    }
}

/// A Chromium executable.
#[derive(Clone, Debug)]
pub struct Chromium {
    pub path: PathBuf,
    pub timeout: Duration,
}

/// Finds Chromium: `$CAPAIAN_CHROMIUM` when set, else the first of [`CHROMIUM_NAMES`] on
/// `PATH` (and Google Chrome's usual place on macOS).
pub fn find_chromium() -> Result<Chromium, PdfError> {
    let found = |path: PathBuf| Chromium {
        path,
        timeout: DEFAULT_TIMEOUT,
    };
    if let Some(value) = std::env::var_os(CHROMIUM_ENV).filter(|v| !v.is_empty()) {
        return match which(&value) {
            Some(path) => Ok(found(path)),
            None => Err(PdfError::NoChromium(Some(
                value.to_string_lossy().into_owned(),
            ))),
        };
    }
    CHROMIUM_NAMES
        .iter()
        .find_map(|name| which(&OsString::from(name)))
        .or_else(|| {
            let mac = PathBuf::from("/Applications/Google Chrome.app/Contents/MacOS/Google Chrome");
            mac.is_file().then_some(mac)
        })
        .map(found)
        .ok_or(PdfError::NoChromium(None))
}

/// A command name looked up on `PATH`, or a path that names an executable file.
fn which(name: &std::ffi::OsStr) -> Option<PathBuf> {
    let candidate = Path::new(name);
    if candidate.components().count() > 1 {
        return is_executable(candidate).then(|| candidate.to_path_buf());
    }
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(name))
        .find(|path| is_executable(path))
}

fn is_executable(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        path.metadata()
            .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    }
    #[cfg(not(unix))]
    {
        path.is_file()
    }
}

impl Chromium {
    /// The headless command with the flags every run needs: a fresh profile in `profile`, no
    /// network except the loopback address, nothing running in the background. Add the task's
    /// own flags and the URL.
    pub fn command(&self, profile: &Path) -> Command {
        let mut command = Command::new(&self.path);
        command
            .arg("--headless")
            .arg("--no-sandbox")
            .arg("--disable-gpu")
            .arg("--disable-dev-shm-usage")
            .arg("--disable-background-networking")
            .arg("--disable-component-update")
            .arg("--disable-sync")
            .arg("--disable-extensions")
            .arg("--disable-default-apps")
            .arg("--no-first-run")
            .arg("--no-default-browser-check")
            .arg("--mute-audio")
            .arg("--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1")
            .arg(format!("--user-data-dir={}", profile.display()))
            .stdin(Stdio::null());
        command
    }

    /// Prints `url` to `out`: into a temporary file first, renamed over `out` when the print
    /// succeeded.
    pub fn print(&self, url: &str, out: &Path) -> Result<PdfSummary, PdfError> {
        let started = Instant::now();
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| PdfError::Io { path, source }
        };
        let out = absolute(out).map_err(io(out))?;
        if let Some(parent) = out.parent() {
            std::fs::create_dir_all(parent).map_err(io(parent))?;
        }
        let profile = TempDir::new("capaian-chromium").map_err(io(&std::env::temp_dir()))?;
        let partial = profile.path().join("print.pdf");
        let mut command = self.command(&profile.path().join("profile"));
        command
            .arg("--no-pdf-header-footer")
            .arg("--generate-pdf-document-outline")
            .arg(format!("--print-to-pdf={}", partial.display()))
            .arg(url);
        let output = run(command, self.timeout, &self.path, url)?;
        let bytes = std::fs::read(&partial).unwrap_or_default();
        if !output.success || !bytes.starts_with(b"%PDF") {
            return Err(PdfError::Print {
                url: url.to_string(),
                stderr: output.stderr_tail(),
                status: output.status,
            });
        }
        std::fs::copy(&partial, &out).map_err(io(&out))?;
        Ok(PdfSummary {
            pages: count_pages(&bytes),
            bytes: bytes.len() as u64,
            path: out,
            elapsed: started.elapsed(),
        })
    }
}

fn absolute(path: &Path) -> std::io::Result<PathBuf> {
    if path.is_absolute() {
        Ok(path.to_path_buf())
    } else {
        Ok(std::env::current_dir()?.join(path))
    }
}

/// The number of pages of a PDF (its page tree's leaves); 0 when it cannot be read.
pub fn count_pages(pdf: &[u8]) -> usize {
    lopdf::Document::load_mem(pdf)
        .map(|document| document.get_pages().len())
        .unwrap_or(0)
}

/// What a finished Chromium run left.
pub struct RunOutput {
    pub success: bool,
    pub status: String,
    pub stdout: Vec<u8>,
    pub stderr: String,
}

impl RunOutput {
    /// The last lines of stderr, without the noise of a machine without a desktop session.
    fn stderr_tail(&self) -> String {
        let lines: Vec<&str> = self
            .stderr
            .lines()
            .filter(|l| !l.contains("dbus") && !l.trim().is_empty())
            .collect();
        lines[lines.len().saturating_sub(20)..].join("\n")
    }
}

/// How long the pipes of a browser that ended (or was stopped) are read on: a helper process
/// that escaped the process group may hold them open for ever.
const PIPE_GRACE: Duration = Duration::from_secs(2);

/// Runs a Chromium command to its end, stopping it after `timeout`.
///
/// Chromium runs in a process group of its own, and the whole group is stopped once the
/// browser ends or the time is up: its helper processes (renderer, GPU, zygote) never outlive
/// it, nor keep this waiting on the pipes they inherited. Every wait is bounded. Ctrl-C stops
/// the group too ([`crate::write::interrupt`]).
pub fn run(
    mut command: Command,
    timeout: Duration,
    chromium: &Path,
    url: &str,
) -> Result<RunOutput, PdfError> {
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|source| PdfError::Launch {
            chromium: chromium.to_path_buf(),
            source,
        })?;
    let group = Group::of(&child);
    // Read both pipes in threads, so that a chatty browser never blocks on a full pipe.
    let read = |pipe: Option<Box<dyn Read + Send>>| {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut buf);
            }
            let _ = tx.send(buf);
        });
        rx
    };
    let stdout = read(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let stderr = read(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let deadline = Instant::now() + timeout;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(50)),
            Ok(None) | Err(_) => break None,
        }
    };
    // The helpers go with the browser, whether it ended or is stopped.
    group.stop();
    let Some(status) = status else {
        let _ = child.kill();
        wait_at_most(&mut child, PIPE_GRACE);
        return Err(PdfError::Timeout {
            url: url.to_string(),
            timeout,
        });
    };
    let until = Instant::now() + PIPE_GRACE;
    let collect = |rx: std::sync::mpsc::Receiver<Vec<u8>>| {
        rx.recv_timeout(until.saturating_duration_since(Instant::now()))
            .unwrap_or_default()
    };
    Ok(RunOutput {
        success: status.success(),
        status: status
            .code()
            .map_or_else(|| "killed by a signal".to_string(), |c| c.to_string()),
        stdout: collect(stdout),
        stderr: String::from_utf8_lossy(&collect(stderr)).into_owned(),
    })
}

/// Reaps a child that was sent SIGKILL, waiting `at_most` so long.
fn wait_at_most(child: &mut std::process::Child, at_most: Duration) {
    let until = Instant::now() + at_most;
    while Instant::now() < until {
        if !matches!(child.try_wait(), Ok(None)) {
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// The process group of a browser started by [`run`], stopped on an interrupt while it runs.
struct Group {
    #[cfg(unix)]
    id: i32,
    _tracked: crate::write::interrupt::Tracked,
}

impl Group {
    #[cfg(unix)]
    fn of(child: &std::process::Child) -> Group {
        let id = i32::try_from(child.id()).unwrap_or(0);
        Group {
            id,
            _tracked: crate::write::interrupt::track_group(id),
        }
    }

    #[cfg(not(unix))]
    fn of(_: &std::process::Child) -> Group {
        Group {
            _tracked: crate::write::interrupt::Tracked::none(),
        }
    }

    /// Sends SIGKILL to every process of the group.
    fn stop(&self) {
        #[cfg(unix)]
        crate::write::kill_group(self.id);
    }
}

/// A folder in the system's temporary folder, removed when dropped, and on Ctrl-C or SIGTERM
/// ([`crate::write::interrupt`]): a browser profile is megabytes.
pub struct TempDir(
    PathBuf,
    #[allow(dead_code)] crate::write::interrupt::Tracked,
);

impl TempDir {
    /// A new folder `<prefix>-XXXXXX`, made by `tempfile`: a fresh random name created
    /// atomically, readable by this user only (a name guessed in a shared `/tmp` cannot be
    /// taken over). It is removed here, not by `tempfile`: a browser may write into it for a
    /// moment after it stopped.
    pub fn new(prefix: &str) -> std::io::Result<TempDir> {
        let path = tempfile::Builder::new()
            .prefix(&format!("{prefix}-"))
            .tempdir()?
            .keep();
        let tracked = crate::write::interrupt::track_folder(path.clone());
        Ok(TempDir(path, tracked))
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        // The browser may still be writing into its profile for a moment after it was stopped.
        for _ in 0..10 {
            match std::fs::remove_dir_all(&self.0) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    std::thread::sleep(Duration::from_millis(20));
                }
                _ => break,
            }
        }
    }
}

/// One request the server answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Served {
    /// The path asked for, query string dropped.
    pub path: String,
    pub status: u16,
}

/// A short-lived HTTP server on a loopback port that serves a built site under its base path
/// (GET and HEAD only), plus pages added in memory. It stops when dropped.
pub struct Server {
    addr: SocketAddr,
    base: String,
    stop: Arc<AtomicBool>,
    state: Arc<ServerState>,
    thread: Option<JoinHandle<()>>,
}

struct ServerState {
    root: PathBuf,
    base: String,
    extra: Mutex<BTreeMap<String, (String, Vec<u8>)>>,
    log: Mutex<Vec<Served>>,
}

impl Server {
    /// Serves `root` at `base` (`/`, `/lkjip/`) on 127.0.0.1, on a free port.
    pub fn start(root: &Path, base: &str) -> std::io::Result<Server> {
        let listener = TcpListener::bind(("127.0.0.1", 0))?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let base = base_path(base);
        let stop = Arc::new(AtomicBool::new(false));
        let state = Arc::new(ServerState {
            root: root.to_path_buf(),
            base: base.clone(),
            extra: Mutex::new(BTreeMap::new()),
            log: Mutex::new(Vec::new()),
        });
        let thread = {
            let stop = Arc::clone(&stop);
            let state = Arc::clone(&state);
            std::thread::Builder::new()
                .name("capaian-print-server".into())
                .spawn(move || accept(listener, &stop, &state))?
        };
        Ok(Server {
            addr,
            base,
            stop,
            state,
            thread: Some(thread),
        })
    }

    /// The URL of a path under the base path (`2025/cetak/`).
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, self.path(path))
    }

    /// The absolute path of a path under the base path: `2025/cetak/` → `/lkjip/2025/cetak/`.
    pub fn path(&self, path: &str) -> String {
        format!("{}{}", self.base, path.trim_start_matches('/'))
    }

    /// Serves `body` at the absolute path `path` (`/_periksa/`), before any file.
    pub fn add(&self, path: &str, content_type: &str, body: impl Into<Vec<u8>>) {
        self.state
            .extra
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(path.to_string(), (content_type.to_string(), body.into()));
    }

    /// Every request answered so far, in order.
    pub fn served(&self) -> Vec<Served> {
        self.state
            .log
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn accept(listener: TcpListener, stop: &AtomicBool, state: &Arc<ServerState>) {
    while !stop.load(Ordering::SeqCst) {
        match listener.accept() {
            Ok((stream, _)) => {
                let state = Arc::clone(state);
                // One thread per connection: Chromium opens several at once and may keep one
                // open without asking anything.
                std::thread::spawn(move || {
                    let _ = handle(stream, &state);
                });
            }
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(_) => std::thread::sleep(Duration::from_millis(20)),
        }
    }
}

fn handle(stream: TcpStream, state: &ServerState) -> std::io::Result<()> {
    stream.set_nonblocking(false)?;
    stream.set_nodelay(true)?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut writer = stream;
    loop {
        let mut request_line = String::new();
        if reader.read_line(&mut request_line)? == 0 {
            return Ok(());
        }
        let mut close = false;
        loop {
            let mut header = String::new();
            if reader.read_line(&mut header)? == 0 {
                return Ok(());
            }
            let header = header.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':')
                && name.eq_ignore_ascii_case("connection")
                && value.trim().eq_ignore_ascii_case("close")
            {
                close = true;
            }
        }
        let mut parts = request_line.split_whitespace();
        let method = parts.next().unwrap_or("");
        let target = parts.next().unwrap_or("/");
        let path = target.split(['?', '#']).next().unwrap_or("/").to_string();
        let (status, content_type, body) = match method {
            "GET" | "HEAD" => state.respond(&path),
            _ => (
                405,
                "text/plain; charset=utf-8".to_string(),
                b"method not allowed\n".to_vec(),
            ),
        };
        state
            .log
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(Served {
                path: path.clone(),
                status,
            });
        let reason = match status {
            200 => "OK",
            404 => "Not Found",
            _ => "Method Not Allowed",
        };
        // One write per response: with the header and the body in two, Nagle's algorithm and
        // the browser's delayed ACK hold the body back by tens of milliseconds.
        let mut response = format!(
            "HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nCache-Control: no-store\r\n{}\r\n",
            body.len(),
            if close { "Connection: close\r\n" } else { "" }
        )
        .into_bytes();
        if method != "HEAD" {
            response.extend_from_slice(&body);
        }
        writer.write_all(&response)?;
        writer.flush()?;
        if close {
            let _ = writer.shutdown(Shutdown::Both);
            return Ok(());
        }
    }
}

impl ServerState {
    fn respond(&self, path: &str) -> (u16, String, Vec<u8>) {
        let not_found = || {
            (
                404,
                "text/plain; charset=utf-8".to_string(),
                b"not found\n".to_vec(),
            )
        };
        if let Some((content_type, body)) = self
            .extra
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(path)
        {
            return (200, content_type.clone(), body.clone());
        }
        let Some(relative) = path
            .strip_prefix(&self.base)
            .or_else(|| (path.to_string() + "/" == self.base).then_some(""))
        else {
            return not_found();
        };
        // serve's rules: never outside the site, nothing hidden; a folder without its `/`
        // gives its index here too (a browser printing a page needs no redirect).
        let target = format!("/{relative}");
        let file = match resolve(&self.root, &target) {
            Resolved::Redirect(_) => resolve(&self.root, &format!("{target}/")),
            resolved => resolved,
        };
        let Resolved::File(file) = file else {
            return not_found();
        };
        match std::fs::read(&file) {
            Ok(body) => (200, content_type(&file).to_string(), body),
            Err(_) => not_found(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_paths() {
        assert_eq!(base_path("/"), "/");
        assert_eq!(base_path("lkjip"), "/lkjip/");
        assert_eq!(base_path("https://x.go.id/lkjip/"), "/lkjip/");
        assert_eq!(base_path("https://x.go.id"), "/");
    }

    /// A PDF of three pages (the second and third in a nested page tree) with destinations in
    /// the catalog's `/Dests` and in a `/Names` tree, written classically or with its objects
    /// in compressed object streams (the case a text search cannot read).
    fn three_pages(object_streams: bool) -> Vec<u8> {
        use lopdf::{Document, Object, SaveOptions, dictionary};
        let mut document = Document::with_version("1.5");
        let (root, inner) = (document.new_object_id(), document.new_object_id());
        let page = |document: &mut Document, parent| {
            document.add_object(dictionary! { "Type" => "Page", "Parent" => parent })
        };
        let first = page(&mut document, root);
        let second = page(&mut document, inner);
        let third = page(&mut document, inner);
        document.objects.insert(
            inner,
            Object::Dictionary(dictionary! {
                "Type" => "Pages", "Parent" => root, "Count" => 2,
                "Kids" => vec![second.into(), third.into()],
            }),
        );
        document.objects.insert(
            root,
            Object::Dictionary(dictionary! {
                "Type" => "Pages", "Count" => 3, "Kids" => vec![first.into(), inner.into()],
            }),
        );
        let xyz = |page: lopdf::ObjectId, y: f32| -> Object {
            vec![page.into(), "XYZ".into(), 0.into(), y.into(), 0.into()].into()
        };
        let dests = document.add_object(dictionary! {
            "isi" => xyz(first, 800.0),
            "bab 1" => xyz(second, 841.9),
            "hal-x" => dictionary! { "D" => xyz(third, -35.5) },
        });
        let leaf = document.add_object(dictionary! {
            "Names" => vec![Object::string_literal("lampiran"), xyz(third, 10.0)],
        });
        let tree = document.add_object(dictionary! { "Kids" => vec![leaf.into()] });
        let catalog = document.add_object(dictionary! {
            "Type" => "Catalog", "Pages" => root, "Dests" => dests,
            "Names" => dictionary! { "Dests" => tree },
        });
        document.trailer.set("Root", catalog);
        let options = SaveOptions::builder()
            .use_object_streams(object_streams)
            .use_xref_streams(object_streams)
            .compression_level(6)
            .build();
        let mut pdf = Vec::new();
        document.save_with_options(&mut pdf, options).unwrap();
        pdf
    }

    #[test]
    fn pages_are_counted() {
        assert_eq!(count_pages(&three_pages(false)), 3);
        assert_eq!(count_pages(&three_pages(true)), 3);
        assert_eq!(count_pages(b"%PDF-1.4 nothing"), 0);
    }

    #[test]
    fn named_destinations_give_pages() {
        for object_streams in [false, true] {
            let pdf = three_pages(object_streams);
            if object_streams {
                // The catalog is compressed: no text search finds it.
                let text = String::from_utf8_lossy(&pdf);
                assert!(
                    text.contains("/ObjStm") && !text.contains("/Catalog"),
                    "{text}"
                );
            }
            let expected = BTreeMap::from([
                ("bab 1".to_string(), 2),
                ("hal-x".to_string(), 3),
                ("isi".to_string(), 1),
                ("lampiran".to_string(), 3),
            ]);
            assert_eq!(
                destination_pages(&pdf),
                expected,
                "object streams: {object_streams}"
            );
        }
        assert!(destination_pages(b"%PDF-1.4 nothing").is_empty());
    }

    #[test]
    fn the_contents_get_their_numbers() {
        let html = "<li><a href=\"#a\"><span class=\"toc-hal\" data-halaman-untuk=\"a\"></span></a></li><li><span class=\"toc-hal\" data-halaman-untuk=\"b\"></span></li>";
        assert_eq!(toc_targets(html), ["a", "b"]);
        let numbers = BTreeMap::from([("a".to_string(), 7)]);
        let filled = fill_toc(html, &numbers);
        assert!(
            filled.contains("data-halaman-untuk=\"a\">7</span>"),
            "{filled}"
        );
        assert!(
            filled.contains("data-halaman-untuk=\"b\"></span>"),
            "{filled}"
        );
    }

    #[test]
    fn the_server_serves_the_site_and_nothing_outside_it() {
        let dir = TempDir::new("capaian-server-test").unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(root.join("2025")).unwrap();
        std::fs::write(root.join("2025/index.html"), "<p>2025</p>").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "no").unwrap();
        let server = Server::start(&root, "/lkjip/").unwrap();
        server.add("/_x/", "text/plain", "extra");
        let get = |path: &str| {
            let mut stream = TcpStream::connect(server.addr).unwrap();
            write!(
                stream,
                "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
            )
            .unwrap();
            let mut response = String::new();
            stream.read_to_string(&mut response).unwrap();
            response
        };
        let page = get("/lkjip/2025/");
        assert!(
            page.starts_with("HTTP/1.1 200") && page.ends_with("<p>2025</p>"),
            "{page}"
        );
        assert!(page.contains("text/html"));
        assert!(get("/lkjip/../secret.txt").starts_with("HTTP/1.1 404"));
        assert!(get("/lkjip/%2e%2e/secret.txt").starts_with("HTTP/1.1 404"));
        assert!(
            get("/2025/").starts_with("HTTP/1.1 404"),
            "outside the base path"
        );
        assert!(get("/_x/").ends_with("extra"));
        let served = server.served();
        assert_eq!(
            served[0],
            Served {
                path: "/lkjip/2025/".into(),
                status: 200
            }
        );
        assert_eq!(served.iter().filter(|s| s.status == 404).count(), 3);
    }
}
