//! A small HTTP/1.1 server for the built site: GET and HEAD of files inside the output folder,
//! one thread per connection, one request per connection (`Connection: close`), and the live
//! reload event stream. Its file resolution ([`resolve`], [`content_type`]) also serves the
//! built site to Chromium for `capaian pdf` ([`crate::pdf::Server`]): one set of rules for
//! which files of the site may be read, and under which type.
//!
//! Hand-written on `std::net` rather than pulled from a crate: it serves one editor's browser,
//! and what matters here (which paths may be read, what is injected into HTML, when an event
//! stream ends) is easier to get right in code we can read than to configure.

use std::collections::VecDeque;
use std::fmt::Write as _;
use std::fs;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{IpAddr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError, mpsc};
use std::time::{Duration, Instant};

use super::live::{self, EVENTS_PATH, Shared};
use crate::route::Route;

/// How long a client may take to send its whole request head (not each read: a client
/// sending a byte every few seconds is cut off all the same).
const HEAD_DEADLINE: Duration = Duration::from_secs(10);
/// How long a client may take to receive a whole response.
const WRITE_DEADLINE: Duration = Duration::from_secs(30);
/// A request head larger than this is refused; browsers send a few hundred bytes.
const MAX_HEAD: usize = 16 * 1024;
/// Connections handled at once, whatever they do; more get 503 rather than a thread each.
const MAX_CONNECTIONS: usize = 1024;
/// Connections still sending their request head. When all are taken, the one that has been
/// sending the longest is closed for the new one: slow clients cannot keep others out.
const MAX_READING: usize = 256;
/// Pages and files asked for and not answered yet; a request waits up to [`PAGE_WAIT`] for
/// its turn.
const MAX_PAGES: usize = 64;
/// The threads that make the answers (read the file, render a page from memory). They live as
/// long as the server, so the memory an answer takes is used again for the next one: with a
/// thread per connection making its own, 200 clients kept the allocator holding about a
/// gigabyte.
const PAGE_WORKERS: usize = 4;
const PAGE_WAIT: Duration = Duration::from_secs(10);
/// Live reload streams (one per open tab). When all are taken, the oldest is closed for the
/// new one (its page reconnects by itself): streams never hold pages back.
const MAX_STREAMS: usize = 64;
/// How long a page asked for while a build is written waits for it, at most.
const BUILD_WAIT: Duration = Duration::from_secs(60);

/// The Host names the server answers to: a page of another site that a DNS name was
/// pointed at this machine (DNS rebinding) must not read the internal edition.
#[derive(Clone, Debug)]
pub(super) struct Hosts {
    /// The address the server listens on.
    pub bound: SocketAddr,
    /// Names the user allowed (`--allow-host`), lower-case.
    pub names: Vec<String>,
}

impl Hosts {
    pub fn new(bound: SocketAddr, names: &[String]) -> Hosts {
        Hosts {
            bound,
            names: names
                .iter()
                .map(|n| n.trim().trim_end_matches('.').to_ascii_lowercase())
                .collect(),
        }
    }

    /// Whether a request naming `host` (the Host header: a name or an address, with or
    /// without a port) is for this server: `localhost`, the address it listens on (any of
    /// this machine's loopback addresses when it listens on one, any address when it listens
    /// on all), or a name the user allowed.
    pub fn allows(&self, host: &str) -> bool {
        let host = host.trim();
        let name = if let Some(rest) = host.strip_prefix('[') {
            match rest.split_once(']') {
                Some((inside, port)) if port.is_empty() || is_port(port) => inside,
                _ => return false,
            }
        } else {
            match host.rsplit_once(':') {
                Some((name, port)) if is_port(port) => name,
                Some(_) => return false,
                None => host,
            }
        };
        let name = name.trim_end_matches('.').to_ascii_lowercase();
        if name.is_empty() {
            return false;
        }
        if name == "localhost" || self.names.contains(&name) {
            return true;
        }
        let Ok(ip) = name.parse::<IpAddr>() else {
            return false;
        };
        let bound = self.bound.ip();
        ip == bound || bound.is_unspecified() || (bound.is_loopback() && ip.is_loopback())
    }
}

fn is_port(text: &str) -> bool {
    text.strip_prefix(':')
        .unwrap_or(text)
        .parse::<u16>()
        .is_ok()
}

/// A bounded set of connections in which a newcomer closes the oldest when it is full.
struct Slots {
    max: usize,
    members: Mutex<VecDeque<Member>>,
    next: AtomicU64,
}

struct Member {
    id: u64,
    stream: TcpStream,
    gone: Arc<AtomicBool>,
}

/// A place in [`Slots`]; `gone` is set when a newcomer took it.
struct Slot<'a> {
    slots: &'a Slots,
    id: u64,
    gone: Arc<AtomicBool>,
}

impl Slots {
    fn new(max: usize) -> Slots {
        Slots {
            max,
            members: Mutex::new(VecDeque::new()),
            next: AtomicU64::new(0),
        }
    }

    fn members(&self) -> MutexGuard<'_, VecDeque<Member>> {
        self.members.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Takes a place for `stream`, closing the oldest member when all are taken (`true` in
    /// the second value: the caller wakes it where it waits).
    fn admit(&self, stream: &TcpStream) -> Option<(Slot<'_>, bool)> {
        let copy = stream.try_clone().ok()?;
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        let gone = Arc::new(AtomicBool::new(false));
        let mut members = self.members();
        let mut evicted = false;
        while members.len() >= self.max {
            let Some(oldest) = members.pop_front() else {
                break;
            };
            oldest.gone.store(true, Ordering::SeqCst);
            let _ = oldest.stream.shutdown(Shutdown::Both);
            evicted = true;
        }
        members.push_back(Member {
            id,
            stream: copy,
            gone: Arc::clone(&gone),
        });
        Some((
            Slot {
                slots: self,
                id,
                gone,
            },
            evicted,
        ))
    }
}

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        self.slots.members().retain(|m| m.id != self.id);
    }
}

/// At most `max` holders at once; others wait for a turn.
pub(super) struct Gate {
    max: usize,
    used: Mutex<usize>,
    freed: Condvar,
}

pub(super) struct Turn<'a>(&'a Gate);

impl Gate {
    pub fn new(max: usize) -> Gate {
        Gate {
            max: max.max(1),
            used: Mutex::new(0),
            freed: Condvar::new(),
        }
    }

    /// Waits up to `wait` for a turn.
    pub fn enter(&self, wait: Duration) -> Option<Turn<'_>> {
        let used = self.used.lock().unwrap_or_else(PoisonError::into_inner);
        let (mut used, _) = self
            .freed
            .wait_timeout_while(used, wait, |used| *used >= self.max)
            .unwrap_or_else(PoisonError::into_inner);
        if *used >= self.max {
            return None;
        }
        *used += 1;
        Some(Turn(self))
    }
}

impl Drop for Turn<'_> {
    fn drop(&mut self) {
        *self.0.used.lock().unwrap_or_else(PoisonError::into_inner) -= 1;
        self.0.freed.notify_one();
    }
}

/// What the connections of one server share besides [`Shared`].
struct Limits {
    hosts: Hosts,
    reading: Slots,
    streams: Slots,
    pages: Gate,
    /// Where requests for pages go to be answered by the page workers.
    jobs: mpsc::Sender<Job>,
}

/// A page or file to answer: the request target, and where the answer goes.
struct Job {
    target: String,
    /// Asked again once the build being written is in place: read from the output folder.
    after_build: bool,
    /// `None`: wait for the build being written, then ask again.
    reply: mpsc::SyncSender<Option<Response>>,
}

/// Starts the page workers; they end when the last sender of jobs is dropped.
fn page_workers(shared: &Arc<Shared>) -> mpsc::Sender<Job> {
    let (tx, rx) = mpsc::channel::<Job>();
    let rx = Arc::new(Mutex::new(rx));
    for i in 0..PAGE_WORKERS {
        let rx = Arc::clone(&rx);
        let shared = Arc::clone(shared);
        let _ = std::thread::Builder::new()
            .name(format!("capaian-page-{i}"))
            .spawn(move || {
                loop {
                    let job = rx.lock().unwrap_or_else(PoisonError::into_inner).recv();
                    let Ok(job) = job else {
                        return;
                    };
                    let _ = job
                        .reply
                        .send(answer(&shared, &job.target, job.after_build));
                }
            });
    }
    tx
}

/// The answer to a GET of `target`: a page rendered from memory while a build is written,
/// else the file of the output folder; HTML with the live reload script. `None`: a build is
/// being written and this file waits for it (the worker does not: it answers others).
fn answer(shared: &Shared, target: &str, after_build: bool) -> Option<Response> {
    if !after_build {
        match on_demand(shared, target) {
            Some(Some(response)) => return Some(response),
            Some(None) => return None,
            None => {}
        }
    }
    // A rebuild swaps the output folder and records its outcome under this lock: a page and
    // the overlay and token injected into it always belong to the same build.
    let _reading = shared.output_lock.read().unwrap_or_else(|e| e.into_inner());
    let mut response = file_response(&shared.output, target);
    if response.content_type.starts_with("text/html") {
        response.body = live::inject(&response.body, &shared.snippet());
    }
    Some(response)
}

/// Accepts connections until the server stops; each connection gets its own thread, and the
/// limits above keep slow clients and open tabs from holding pages back.
pub(super) fn accept_loop(listener: TcpListener, shared: Arc<Shared>, hosts: Hosts) {
    let limits = Arc::new(Limits {
        hosts,
        reading: Slots::new(MAX_READING),
        streams: Slots::new(MAX_STREAMS),
        pages: Gate::new(MAX_PAGES),
        jobs: page_workers(&shared),
    });
    for stream in listener.incoming() {
        if shared.is_stopping() {
            break;
        }
        let Ok(stream) = stream else {
            // Out of file descriptors, typically: give the open connections time to finish.
            std::thread::sleep(Duration::from_millis(50));
            continue;
        };
        if shared.connections.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            shared.connections.fetch_sub(1, Ordering::SeqCst);
            let _ = respond(
                &stream,
                &Response::text(503, "too many connections\n"),
                false,
            );
            continue;
        }
        // Connections' threads read, wait and write: pages are made by the page workers.
        let spawned = std::thread::Builder::new()
            .name("capaian-http".into())
            .stack_size(256 * 1024)
            .spawn({
                let shared = Arc::clone(&shared);
                let limits = Arc::clone(&limits);
                move || {
                    let _ = handle(stream, &shared, &limits);
                    shared.connections.fetch_sub(1, Ordering::SeqCst);
                }
            });
        if spawned.is_err() {
            shared.connections.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

/// A stream read with one deadline for everything read through it.
struct Deadline<'a> {
    stream: &'a TcpStream,
    until: Instant,
}

impl Read for Deadline<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let left = self.until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(io::ErrorKind::TimedOut.into());
        }
        self.stream.set_read_timeout(Some(left))?;
        (&*self.stream).read(buf)
    }
}

/// The parts of a request the server looks at.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Request {
    pub method: String,
    pub target: String,
    /// `HTTP/1.0` or `HTTP/1.1`.
    pub version: String,
    /// The Host header.
    pub host: Option<String>,
    /// Sent by a reconnecting `EventSource`: the last state the page heard of.
    pub last_event_id: Option<String>,
}

fn handle(stream: TcpStream, shared: &Shared, limits: &Limits) -> io::Result<()> {
    let read = {
        let Some((slot, _)) = limits.reading.admit(&stream) else {
            return Ok(());
        };
        // A small buffer: a request head is a few hundred bytes, and a connection's thread
        // should take little memory of its own.
        let mut reader = BufReader::with_capacity(
            1024,
            Deadline {
                stream: &stream,
                until: Instant::now() + HEAD_DEADLINE,
            },
        );
        let read = read_request(&mut reader);
        if slot.gone.load(Ordering::SeqCst) {
            // Closed for a newer connection.
            return Ok(());
        }
        read
    };
    stream.set_read_timeout(None)?;
    let request = match read {
        Ok(request) => request,
        Err(RequestError::TooLarge) => {
            return respond(
                &stream,
                &Response::text(431, "request header too large\n"),
                false,
            );
        }
        Err(RequestError::Malformed) => {
            return respond(&stream, &Response::text(400, "bad request\n"), false);
        }
        Err(RequestError::Io(e)) => return Err(e),
    };
    if let Some(refused) = refuse_host(&request, &limits.hosts) {
        return respond(&stream, &refused, false);
    }
    let head = request.method == "HEAD";
    if request.method != "GET" && !head {
        let mut response = Response::text(405, "only GET and HEAD\n");
        response.headers.push(("Allow", "GET, HEAD".into()));
        return respond(&stream, &response, false);
    }
    let path = request.target.split(['?', '#']).next().unwrap_or("");
    if path == EVENTS_PATH {
        let since = request
            .last_event_id
            .clone()
            .or_else(|| query_param(&request.target, "since"));
        let Some((slot, evicted)) = limits.streams.admit(&stream) else {
            return Ok(());
        };
        if evicted {
            // The stream closed for this one is waiting for a change: wake it to go.
            shared.wake();
        }
        return live::event_stream(stream, shared, since, head, &slot.gone);
    }
    let busy = || Response::text(503, "too many requests; try again\n");
    let mut after_build = false;
    let response = loop {
        let Some(turn) = limits.pages.enter(PAGE_WAIT) else {
            break busy();
        };
        // Made by a page worker, written from here: a client slow to read holds no worker.
        let (reply, answered) = mpsc::sync_channel(1);
        let job = Job {
            target: request.target.clone(),
            after_build,
            reply,
        };
        let answer = match limits.jobs.send(job) {
            Ok(()) => answered.recv_timeout(BUILD_WAIT).ok(),
            Err(_) => None,
        };
        drop(turn);
        match answer {
            Some(Some(response)) => break response,
            Some(None) if !after_build => {
                // Waits here, holding neither a worker nor a turn.
                shared.wait_written(BUILD_WAIT);
                after_build = true;
            }
            _ => break busy(),
        }
    };
    respond(&stream, &response, head)?;
    let _ = stream.shutdown(Shutdown::Write);
    Ok(())
}

/// The answer to a request for another host (421), or without a Host header in HTTP/1.1
/// (400); `None` when the request is for this server.
fn refuse_host(request: &Request, hosts: &Hosts) -> Option<Response> {
    match &request.host {
        Some(host) if hosts.allows(host) => None,
        Some(host) => {
            let shown: String = host.chars().filter(|c| !c.is_control()).take(100).collect();
            Some(Response::text(
                421,
                &format!(
                    "capaian serve answers only for localhost, the address it listens on ({}) and the names given with --allow-host; this request was for `{shown}`\n",
                    hosts.bound.ip()
                ),
            ))
        }
        None if request.version == "HTTP/1.0" => None,
        None => Some(Response::text(400, "bad request: no Host header\n")),
    }
}

/// While the build of a change is written, a page of it rendered from the site in memory, so
/// that the editor sees the change at once on a large report. Files that only the whole
/// build gives (the site map, the search index), paths the new site does not have and render
/// errors wait for the build to be in place (`Some(None)`: then read from the output
/// folder); `None` when no build is being written.
fn on_demand(shared: &Shared, target: &str) -> Option<Option<Response>> {
    let (pending, snippet) = shared.pending()?;
    let file = site_path(target).and_then(|path| {
        // Rendering takes memory in proportion to the report: a few at a time (as many as
        // there are cores), however many ask at once.
        let _turn = shared.renders.enter(BUILD_WAIT)?;
        crate::recheck::timed("render one page", || {
            pending.site.render_one(&pending.theme, &path)
        })
        .ok()
        .flatten()
    });
    let Some(file) = file else {
        return Some(None);
    };
    let content_type = content_type(&file.path);
    let body = if content_type.starts_with("text/html") {
        live::inject(&file.contents, &snippet)
    } else {
        file.contents
    };
    Some(Some(Response {
        status: 200,
        content_type,
        headers: Vec::new(),
        body,
    }))
}

/// The file of the site a request target names, as the renderer names it: the file of the
/// page or list its [`Route`] names (`2025/index.html` for `/2025/`), else the file asked for
/// (a stylesheet, a chart); `None` for a folder that is no page, and for a target [`resolve`]
/// would not serve as a file.
pub(super) fn site_path(target: &str) -> Option<String> {
    let (segments, folder) = segments(target).ok()?;
    let mut path = segments.join("/");
    if folder {
        path.push('/');
    }
    match Route::parse(&path) {
        Some(route) => Some(route.path()),
        None if folder => None,
        None => Some(path),
    }
}

/// The decoded path segments of a request target, and whether it names a folder (ends with
/// `/`); refused with what [`resolve`] answers: `..` and `.` segments (also
/// percent-encoded), backslashes, NUL and `:` are forbidden, hidden names are not found.
fn segments(target: &str) -> Result<(Vec<String>, bool), Resolved> {
    let path = target.split(['?', '#']).next().unwrap_or("");
    if !path.starts_with('/') {
        // Absolute-form (`http://host/x`) and `*` targets are for proxies, not for us.
        return Err(Resolved::BadRequest);
    }
    let decoded = percent_decode(path)
        .and_then(|d| String::from_utf8(d).ok())
        .ok_or(Resolved::BadRequest)?;
    if decoded.contains(['\\', '\0']) {
        return Err(Resolved::Forbidden);
    }
    let mut segments = Vec::new();
    for segment in decoded.split('/').filter(|s| !s.is_empty()) {
        if segment == "." || segment == ".." || segment.contains(':') {
            return Err(Resolved::Forbidden);
        }
        if segment.starts_with('.') {
            // The output folder's marker file and anything else hidden is not part of the site.
            return Err(Resolved::NotFound);
        }
        segments.push(segment.to_string());
    }
    Ok((segments, decoded.ends_with('/')))
}

#[derive(Debug)]
pub(super) enum RequestError {
    TooLarge,
    Malformed,
    Io(io::Error),
}

/// Reads the request line and the headers (the body of a GET is ignored).
pub(super) fn read_request(reader: &mut impl BufRead) -> Result<Request, RequestError> {
    let mut read = 0;
    let mut line = Vec::new();
    let mut next_line = |line: &mut Vec<u8>| -> Result<(), RequestError> {
        line.clear();
        let n = reader
            .take((MAX_HEAD - read + 1) as u64)
            .read_until(b'\n', line)
            .map_err(RequestError::Io)?;
        read += n;
        if read > MAX_HEAD {
            return Err(RequestError::TooLarge);
        }
        if n == 0 {
            return Err(RequestError::Malformed);
        }
        while line.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
            line.pop();
        }
        Ok(())
    };
    next_line(&mut line)?;
    let request_line = String::from_utf8(line.clone()).map_err(|_| RequestError::Malformed)?;
    let mut parts = request_line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(RequestError::Malformed);
    };
    if !version.starts_with("HTTP/1.") || method.is_empty() || target.is_empty() {
        return Err(RequestError::Malformed);
    }
    // A bare CR, a tab or any other control character in the target is not HTTP; copied into
    // a header it would split it.
    if request_line.bytes().any(|b| b.is_ascii_control()) {
        return Err(RequestError::Malformed);
    }
    let mut request = Request {
        method: method.to_string(),
        target: target.to_string(),
        version: version.to_string(),
        host: None,
        last_event_id: None,
    };
    loop {
        next_line(&mut line)?;
        if line.is_empty() {
            return Ok(request);
        }
        let header = String::from_utf8_lossy(&line);
        let Some((name, value)) = header.split_once(':') else {
            continue;
        };
        let name = name.trim();
        if name.eq_ignore_ascii_case("last-event-id") {
            request.last_event_id = Some(value.trim().to_string());
        } else if name.eq_ignore_ascii_case("host") {
            if request.host.is_some() {
                // Two Host headers: which one a proxy read cannot be known.
                return Err(RequestError::Malformed);
            }
            request.host = Some(value.trim().to_string());
        }
    }
}

/// A response, before it is written.
#[derive(Debug)]
pub(super) struct Response {
    pub status: u16,
    pub content_type: &'static str,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

impl Response {
    fn text(status: u16, text: &str) -> Response {
        Response {
            status,
            content_type: "text/plain; charset=utf-8",
            headers: Vec::new(),
            body: text.as_bytes().to_vec(),
        }
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        302 => "Found",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        421 => "Misdirected Request",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "",
    }
}

pub(super) fn respond(mut stream: &TcpStream, response: &Response, head: bool) -> io::Result<()> {
    let mut out = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n",
        response.status,
        reason(response.status),
        response.content_type,
        response.body.len()
    );
    for (name, value) in &response.headers {
        let _ = write!(out, "{name}: {value}\r\n");
    }
    out.push_str("\r\n");
    // The head and the body in one system call, without copying the body.
    let body: &[u8] = if head { &[] } else { &response.body };
    write_all_within(
        stream,
        &[out.as_bytes(), body],
        Instant::now() + WRITE_DEADLINE,
    )?;
    stream.flush()
}

/// Writes everything by `until`, whatever the pace at which the client reads.
pub(super) fn write_within(stream: &TcpStream, bytes: &[u8], until: Instant) -> io::Result<()> {
    write_all_within(stream, &[bytes], until)
}

/// Writes `parts` one after the other by `until`, as few system calls as the socket allows.
fn write_all_within(mut stream: &TcpStream, parts: &[&[u8]], until: Instant) -> io::Result<()> {
    let mut parts: Vec<&[u8]> = parts.iter().copied().filter(|p| !p.is_empty()).collect();
    while !parts.is_empty() {
        let left = until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(io::ErrorKind::TimedOut.into());
        }
        stream.set_write_timeout(Some(left))?;
        let slices: Vec<io::IoSlice<'_>> = parts.iter().map(|p| io::IoSlice::new(p)).collect();
        let mut written = match stream.write_vectored(&slices) {
            Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        while written > 0 {
            let first = parts[0];
            if written >= first.len() {
                written -= first.len();
                parts.remove(0);
            } else {
                parts[0] = &first[written..];
                written = 0;
            }
        }
    }
    Ok(())
}

/// What a request target names inside the output folder.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Resolved {
    File(PathBuf),
    /// A folder asked for without its trailing slash: relative links in its `index.html` need it.
    Redirect(String),
    NotFound,
    Forbidden,
    BadRequest,
}

/// Maps a request target to a file inside `root`, refusing anything that would leave it:
/// `..` and `.` segments (also percent-encoded), backslashes, NUL, hidden files, and symbolic
/// links that point outside.
pub(crate) fn resolve(root: &Path, target: &str) -> Resolved {
    let (segments, _) = match segments(target) {
        Ok(found) => found,
        Err(refused) => return refused,
    };
    let path = target.split(['?', '#']).next().unwrap_or("");
    let relative: PathBuf = segments.iter().collect();
    if relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return Resolved::Forbidden;
    }
    let Ok(root) = root.canonicalize() else {
        return Resolved::NotFound;
    };
    let inside = |p: &Path| -> Result<PathBuf, Resolved> {
        match p.canonicalize() {
            Ok(real) if real.starts_with(&root) => Ok(real),
            Ok(_) => Err(Resolved::Forbidden),
            Err(_) => Err(Resolved::NotFound),
        }
    };
    let real = match inside(&root.join(&relative)) {
        Ok(real) => real,
        Err(refused) => return refused,
    };
    if real.is_dir() {
        if !path.ends_with('/') {
            return Resolved::Redirect(folder_location(&segments, target));
        }
        return match inside(&real.join("index.html")) {
            Ok(index) if index.is_file() => Resolved::File(index),
            Ok(_) => Resolved::NotFound,
            Err(refused) => refused,
        };
    }
    if real.is_file() {
        Resolved::File(real)
    } else {
        Resolved::NotFound
    }
}

/// Where a folder asked for without its trailing slash is: built from its decoded segments
/// (never `//host/`, which a browser reads as another host), each encoded again, and the
/// query with anything but visible ASCII encoded.
fn folder_location(segments: &[String], target: &str) -> String {
    let mut location = String::from("/");
    for segment in segments {
        location.push_str(&percent_encode(segment.as_bytes(), b"-._~!$&'()*+,;=:@"));
        location.push('/');
    }
    let query = target
        .split('#')
        .next()
        .and_then(|t| t.split_once('?'))
        .map(|(_, q)| q);
    if let Some(query) = query {
        location.push('?');
        location.push_str(&percent_encode(query.as_bytes(), b"-._~!$&'()*+,;=:@/?%"));
    }
    location
}

/// `bytes` with every byte but ASCII letters, digits and `keep` written `%XX`.
fn percent_encode(bytes: &[u8], keep: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for &b in bytes {
        if b.is_ascii_alphanumeric() || keep.contains(&b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

fn file_response(root: &Path, target: &str) -> Response {
    match resolve(root, target) {
        Resolved::File(path) => match read_file(&path) {
            Ok(body) => Response {
                status: 200,
                content_type: content_type(&path),
                headers: Vec::new(),
                body,
            },
            Err(_) => not_found(root, target),
        },
        Resolved::Redirect(location) => {
            let mut response = Response::text(302, "");
            response.headers.push(("Location", location));
            response
        }
        Resolved::NotFound => not_found(root, target),
        Resolved::Forbidden => {
            Response::text(403, "forbidden: only files of the built site are served\n")
        }
        Resolved::BadRequest => Response::text(400, "bad request\n"),
    }
}

fn read_file(path: &Path) -> io::Result<Vec<u8>> {
    let mut body = Vec::new();
    fs::File::open(path)?.read_to_end(&mut body)?;
    Ok(body)
}

/// The site's own `404.html` when it has one, else a plain page; HTML either way, so that the
/// live reload script and the error overlay reach it too.
fn not_found(root: &Path, target: &str) -> Response {
    let body = match resolve(root, "/404.html") {
        Resolved::File(path) => read_file(&path).ok(),
        _ => None,
    };
    let body = body.unwrap_or_else(|| {
        let path = live::escape_html(target.split(['?', '#']).next().unwrap_or(""));
        format!(
            "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>404</title></head>\n<body><h1>404</h1><p>There is no <code>{path}</code> in the built site.</p><p><a href=\"/\">Home</a></p></body></html>\n"
        )
        .into_bytes()
    });
    Response {
        status: 404,
        content_type: "text/html; charset=utf-8",
        headers: Vec::new(),
        body,
    }
}

/// The Content-Type of a file of the site, from its extension.
pub(crate) fn content_type(path: &Path) -> &'static str {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "md" => "text/markdown; charset=utf-8",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        _ => "application/octet-stream",
    }
}

/// `%XX` decoding; `None` for a `%` not followed by two hex digits.
fn percent_decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

fn query_param(target: &str, name: &str) -> Option<String> {
    let query = target.split_once('?')?.1.split('#').next()?;
    query.split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=')?;
        if key != name {
            return None;
        }
        Some(String::from_utf8_lossy(&percent_decode(value)?).into_owned())
    })
}

/// One request head from a fuzzer through everything the server does with a request before
/// it reads a file: parsing, the Host check, the file a target names and where a folder is
/// redirected, against a small site in a temporary folder. Panics on what must never
/// happen: a redirect to another host or with a control character, a file outside the site.
#[doc(hidden)]
pub fn fuzz_request(data: &[u8]) {
    use std::sync::OnceLock;
    static SITE: OnceLock<Option<(PathBuf, PathBuf)>> = OnceLock::new();
    let site = SITE.get_or_init(|| {
        // Kept for the fuzzer's whole run (the site is made once per process).
        let dir = tempfile::Builder::new()
            .prefix("capaian-fuzz-http-")
            .tempdir()
            .ok()?
            .keep();
        let out = dir.join("output");
        fs::create_dir_all(out.join("2025/indikator/ipg")).ok()?;
        fs::write(out.join("index.html"), "home").ok()?;
        fs::write(out.join("2025/indikator/ipg/index.html"), "ipg").ok()?;
        fs::write(out.join(".capaian-output"), "marker").ok()?;
        fs::write(dir.join("secret.toml"), "secret").ok()?;
        let real = out.canonicalize().ok()?;
        Some((out, real))
    });
    let hosts = Hosts::new(
        "127.0.0.1:1111".parse().expect("an address"),
        &["laporan.kantor".to_string()],
    );
    let Ok(request) = read_request(&mut &data[..]) else {
        return;
    };
    if let Some(host) = &request.host {
        let allowed = hosts.allows(host);
        let lower = host.to_ascii_lowercase();
        if lower.contains("evil") {
            assert!(!allowed, "{host:?} allowed");
        }
    }
    let _ = refuse_host(&request, &hosts);
    let _ = site_path(&request.target);
    let _ = query_param(&request.target, "since");
    let Some((out, real)) = site else {
        return;
    };
    match resolve(out, &request.target) {
        Resolved::Redirect(location) => {
            assert!(location.starts_with('/'), "{location:?}");
            assert!(!location.starts_with("//"), "{location:?}");
            assert!(
                location.bytes().all(|b| b.is_ascii_graphic()),
                "{location:?}"
            );
        }
        Resolved::File(path) => assert!(path.starts_with(real), "{}", path.display()),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        fs::create_dir_all(out.join("2025/pk")).unwrap();
        fs::write(out.join("index.html"), "home").unwrap();
        fs::write(out.join("2025/index.html"), "year").unwrap();
        fs::write(out.join(".capaian-output"), "marker").unwrap();
        fs::write(dir.path().join("secret.toml"), "secret").unwrap();
        dir
    }

    #[test]
    fn a_target_names_the_file_the_renderer_writes() {
        let cases = [
            ("/", Some("index.html")),
            ("/2025/", Some("2025/index.html")),
            (
                "/2025/indikator/ipg/?x=1#top",
                Some("2025/indikator/ipg/index.html"),
            ),
            ("/2025/indikator/ipg", Some("2025/indikator/ipg")),
            ("/data/2025.json", Some("data/2025.json")),
            ("/style.css", Some("style.css")),
            ("/a%20b/", Some("a b/index.html")),
            ("//2025//", Some("2025/index.html")),
            ("/2025/cetak/index.html", Some("2025/cetak/index.html")),
            ("/2025/indikator/", None),
            ("/../site.toml", None),
            ("/.capaian-output", None),
            ("/2025/%2e%2e/x", None),
            ("/c:/x", None),
            ("/a\\b", None),
            ("/%zz", None),
            ("http://host/x", None),
        ];
        for (target, file) in cases {
            assert_eq!(site_path(target).as_deref(), file, "{target}");
        }
    }

    #[test]
    fn serves_files_and_folder_indexes() {
        let dir = site();
        let out = dir.path().join("output");
        let real = out.canonicalize().unwrap();
        assert_eq!(resolve(&out, "/"), Resolved::File(real.join("index.html")));
        assert_eq!(
            resolve(&out, "/2025/"),
            Resolved::File(real.join("2025/index.html"))
        );
        assert_eq!(
            resolve(&out, "/2025/index.html?x=1#top"),
            Resolved::File(real.join("2025/index.html"))
        );
        assert_eq!(
            resolve(&out, "/%32%30%32%35/"),
            Resolved::File(real.join("2025/index.html"))
        );
        assert_eq!(
            resolve(&out, "/2025?a=b"),
            Resolved::Redirect("/2025/?a=b".into())
        );
        assert_eq!(resolve(&out, "/2025/pk/"), Resolved::NotFound);
        assert_eq!(resolve(&out, "/nothing.html"), Resolved::NotFound);
    }

    #[test]
    fn refuses_everything_outside_the_output() {
        let dir = site();
        let out = dir.path().join("output");
        for target in [
            "/../secret.toml",
            "/2025/../../secret.toml",
            "/%2e%2e/secret.toml",
            "/%2E%2E/secret.toml",
            "/.%2e/secret.toml",
            "/%2e%2e%2fsecret.toml",
            "/2025/%2e%2e%2f%2e%2e%2fsecret.toml",
            "/..%5csecret.toml",
            "/./index.html",
            "/C:/secret.toml",
            "/index.html%00.png",
        ] {
            assert_eq!(resolve(&out, target), Resolved::Forbidden, "{target}");
        }
        for target in [
            "../secret.toml",
            "secret.toml",
            "http://example.org/",
            "*",
            "/%zz",
            "/%2",
            "/%ff%fe",
        ] {
            assert_eq!(resolve(&out, target), Resolved::BadRequest, "{target}");
        }
        assert_eq!(resolve(&out, "/.capaian-output"), Resolved::NotFound);
        // Decoded once only: `%252e` is a file literally named `%2e`, which does not exist.
        assert_eq!(resolve(&out, "/%252e%252e/secret.toml"), Resolved::NotFound);
    }

    #[cfg(unix)]
    #[test]
    fn refuses_symbolic_links_out_of_the_output() {
        let dir = site();
        let out = dir.path().join("output");
        std::os::unix::fs::symlink(dir.path().join("secret.toml"), out.join("link.toml")).unwrap();
        std::os::unix::fs::symlink(dir.path(), out.join("up")).unwrap();
        std::os::unix::fs::symlink(out.join("index.html"), out.join("home.html")).unwrap();
        assert_eq!(resolve(&out, "/link.toml"), Resolved::Forbidden);
        assert_eq!(resolve(&out, "/up/secret.toml"), Resolved::Forbidden);
        assert_eq!(resolve(&out, "/up/"), Resolved::Forbidden);
        assert!(matches!(resolve(&out, "/home.html"), Resolved::File(_)));
    }

    #[test]
    fn content_types_follow_the_extension() {
        for (name, expected) in [
            ("a.html", "text/html; charset=utf-8"),
            ("a.CSS", "text/css; charset=utf-8"),
            ("a.js", "text/javascript; charset=utf-8"),
            ("data/2025.json", "application/json"),
            ("data/2025.csv", "text/csv; charset=utf-8"),
            ("c.svg", "image/svg+xml"),
            ("c.png", "image/png"),
            ("sitemap.xml", "application/xml"),
            ("robots.txt", "text/plain; charset=utf-8"),
            ("blob", "application/octet-stream"),
        ] {
            assert_eq!(content_type(Path::new(name)), expected, "{name}");
        }
    }

    #[test]
    fn a_folder_is_redirected_to_its_own_path_only() {
        let dir = site();
        let out = dir.path().join("output");
        for (target, location) in [
            ("/2025", "/2025/"),
            // Protocol-relative (`//2025/` is the host 2025) no more.
            ("//2025", "/2025/"),
            ("///2025", "/2025/"),
            ("/%2F2025", "/2025/"),
            ("//2025?a=b#x", "/2025/?a=b"),
            ("/2025?a=%0d%0aX:%20y", "/2025/?a=%0d%0aX:%20y"),
            ("/2025?q=\"<x>\"", "/2025/?q=%22%3Cx%3E%22"),
            ("/2025?a=\u{e9}", "/2025/?a=%C3%A9"),
        ] {
            assert_eq!(
                resolve(&out, target),
                Resolved::Redirect(location.to_string()),
                "{target}"
            );
        }
        fs::create_dir_all(out.join("a b?#")).unwrap();
        assert_eq!(
            resolve(&out, "/a%20b%3F%23"),
            Resolved::Redirect("/a%20b%3F%23/".into())
        );
    }

    #[test]
    fn a_control_character_in_the_request_line_is_refused() {
        for raw in [
            &b"GET /2025?a=b\rLocation:x HTTP/1.1\r\nHost: localhost\r\n\r\n"[..],
            b"GET /2025\t HTTP/1.1\r\nHost: localhost\r\n\r\n",
            b"GET /\x00 HTTP/1.1\r\n\r\n",
            b"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
        ] {
            assert!(
                matches!(read_request(&mut &raw[..]), Err(RequestError::Malformed)),
                "{}",
                String::from_utf8_lossy(raw)
            );
        }
    }

    #[test]
    fn only_this_servers_hosts_are_answered() {
        let loopback = Hosts::new("127.0.0.1:1111".parse().unwrap(), &["Laporan.Local".into()]);
        for host in [
            "localhost",
            "localhost:1111",
            "LOCALHOST.",
            "127.0.0.1",
            "127.0.0.1:1111",
            "127.1.2.3:80",
            "[::1]:1111",
            "[::1]",
            "laporan.local",
            "laporan.local:1111",
        ] {
            assert!(loopback.allows(host), "{host}");
        }
        for host in [
            "evil.example",
            "evil.example:1111",
            "localhost.evil.example",
            "192.168.1.5",
            "127.0.0.1.evil.example",
            "[::1",
            "localhost:x",
            "",
            ":1111",
        ] {
            assert!(!loopback.allows(host), "{host}");
        }
        let lan = Hosts::new("192.168.1.5:1111".parse().unwrap(), &[]);
        assert!(lan.allows("192.168.1.5:1111") && lan.allows("localhost"));
        assert!(!lan.allows("127.0.0.1") && !lan.allows("kantor.example"));
        // Listening on every address: any address of the machine, never a foreign name.
        let all = Hosts::new("0.0.0.0:1111".parse().unwrap(), &[]);
        assert!(all.allows("10.0.0.7:1111") && all.allows("[fe80::1]"));
        assert!(!all.allows("evil.example"));
        let request = |host: Option<&str>, version: &str| Request {
            method: "GET".into(),
            target: "/".into(),
            version: version.into(),
            host: host.map(str::to_string),
            last_event_id: None,
        };
        assert_eq!(
            refuse_host(&request(Some("evil.example"), "HTTP/1.1"), &loopback).map(|r| r.status),
            Some(421)
        );
        assert_eq!(
            refuse_host(&request(None, "HTTP/1.1"), &loopback).map(|r| r.status),
            Some(400)
        );
        assert!(refuse_host(&request(None, "HTTP/1.0"), &loopback).is_none());
        assert!(refuse_host(&request(Some("localhost:1111"), "HTTP/1.1"), &loopback).is_none());
    }

    #[test]
    fn a_head_has_one_deadline_for_all_its_reads() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let client = std::thread::spawn(move || {
            let mut stream = TcpStream::connect(addr).unwrap();
            // A byte every 100 ms: each read is quick, the whole head never comes.
            for b in b"GET / HTTP/1.1\r\nHost: localhost\r\n" {
                if stream.write_all(&[*b]).is_err() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(100));
            }
        });
        let (stream, _) = listener.accept().unwrap();
        let started = Instant::now();
        // A small buffer: a request head is a few hundred bytes, and a connection's thread
        // should take little memory of its own.
        let mut reader = BufReader::with_capacity(
            1024,
            Deadline {
                stream: &stream,
                until: started + Duration::from_millis(500),
            },
        );
        let read = read_request(&mut reader);
        let took = started.elapsed();
        assert!(
            matches!(&read, Err(RequestError::Io(e)) if matches!(e.kind(), io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock)),
            "{read:?}"
        );
        assert!(took < Duration::from_millis(900), "{took:?}");
        drop(stream);
        client.join().unwrap();
    }

    #[test]
    fn reads_a_request_head() {
        let raw =
            b"GET /__capaian/events?since=a-1 HTTP/1.1\r\nHost: x\r\nLast-Event-ID: b-2\r\n\r\n";
        let request = read_request(&mut &raw[..]).unwrap();
        assert_eq!(request.method, "GET");
        assert_eq!(request.target, "/__capaian/events?since=a-1");
        assert_eq!(request.last_event_id.as_deref(), Some("b-2"));
        assert_eq!(
            query_param(&request.target, "since").as_deref(),
            Some("a-1")
        );
        assert!(matches!(
            read_request(&mut &b"GET /\r\n\r\n"[..]),
            Err(RequestError::Malformed)
        ));
        assert!(matches!(
            read_request(&mut &b"GET / HTTP/1.1\r\nHost: x\r\n"[..]),
            Err(RequestError::Malformed)
        ));
        let huge = format!("GET / HTTP/1.1\r\nX: {}\r\n\r\n", "a".repeat(MAX_HEAD));
        assert!(matches!(
            read_request(&mut huge.as_bytes()),
            Err(RequestError::TooLarge)
        ));
    }
}
