//! `capaian serve` and `watch`, driven in-process on a free loopback port over plain HTTP/1.1:
//! rebuilds on change, keeps the last good site with an error overlay, merges bursts, live
//! reload events, and refuses paths outside the output folder.
//!
//! Every wait is bounded and polls; nothing assumes how fast a loaded machine is.

mod common;

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpStream};
use std::path::Path;
use std::time::{Duration, Instant};

use capaian::serve::{ServeOptions, Server};
use common::Repo;

/// Long enough for a loaded two-core CI machine; a passing test returns much sooner.
const PATIENCE: Duration = Duration::from_secs(20);

const IPG_PAGE: &str = "/2025/indikator/ipg/";
const OVERLAY: &str = "id=\"capaian-overlay\"";

fn options(repo: &Repo, serve_http: bool) -> ServeOptions {
    ServeOptions {
        content: repo.content(),
        output: repo.output(),
        theme: None,
        bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
        port: 0,
        serve_http,
        ..ServeOptions::new(repo.content(), repo.output())
    }
}

fn start(repo: &Repo) -> (Server, SocketAddr) {
    let server = Server::start(options(repo, true)).expect("the server starts");
    let addr = server.addr().expect("serve mode listens");
    assert!(addr.ip().is_loopback());
    (server, addr)
}

struct Response {
    status: u16,
    head: String,
    body: String,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().find_map(|line| {
            let (n, v) = line.split_once(':')?;
            n.eq_ignore_ascii_case(name).then(|| v.trim())
        })
    }
}

/// One request exactly as written (no client normalises the path), read to the end.
fn request(addr: SocketAddr, method: &str, target: &str) -> Response {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(5)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "{method} {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("a complete response");
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Response {
        status,
        head: head.to_string(),
        body: body.to_string(),
    }
}

fn get(addr: SocketAddr, target: &str) -> Response {
    request(addr, "GET", target)
}

/// Polls `probe` until it gives a value, or fails the test after [`PATIENCE`].
fn wait_for<T>(what: &str, mut probe: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + PATIENCE;
    loop {
        if let Some(value) = probe() {
            return value;
        }
        assert!(Instant::now() < deadline, "gave up waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The page once it satisfies `ok`.
fn wait_for_page(addr: SocketAddr, target: &str, what: &str, ok: impl Fn(&str) -> bool) -> String {
    wait_for(what, || {
        let response = get(addr, target);
        (response.status == 200 && ok(&response.body)).then_some(response.body)
    })
}

/// The realisation of TW IV on the IPG's page: the third cell of the fourth row of its
/// quarters' table (only the fixture's IPG has a TW IV value).
fn ipg_tw4(html: &str) -> String {
    let rows = common::html::rows(
        &scraper::Html::parse_document(html),
        "table.quarters tbody tr",
    );
    rows.get(3)
        .and_then(|r| r.get(2))
        .cloned()
        .unwrap_or_default()
}

/// Replaces a file the way editors do: write a temporary file beside it, rename it over.
fn atomic_write(path: &Path, text: &str) {
    let temporary = path.with_extension("toml.tmp");
    fs::write(&temporary, text).unwrap();
    fs::rename(&temporary, path).unwrap();
}

/// Saves `2025/realisasi/kepala.toml` as editors do, so no rebuild ever sees it half written.
fn save_realisations(repo: &Repo, text: &str) {
    atomic_write(&repo.content().join("2025/realisasi/kepala.toml"), text);
}

fn realisations_with_ipg(value: &str) -> String {
    common::REALISASI.replacen("nilai = 91.8", &format!("nilai = {value}"), 1)
}

#[test]
fn serves_the_site_and_shows_a_changed_number() {
    let repo = Repo::new();
    let (server, addr) = start(&repo);

    let page = get(addr, IPG_PAGE);
    assert_eq!(page.status, 200);
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(ipg_tw4(&page.body), "91,8");
    assert!(
        page.body.contains("/__capaian/events"),
        "the live reload script is injected"
    );
    assert!(!page.body.contains(OVERLAY));
    let on_disk = repo.read_output("2025/indikator/ipg/index.html");
    assert!(
        !on_disk.contains("/__capaian/events"),
        "the built site on disk has no live reload script"
    );

    repo.edit("2025/realisasi/kepala.toml", "nilai = 91.8", "nilai = 97.3");
    let page = wait_for_page(addr, IPG_PAGE, "the new realisation", |body| {
        ipg_tw4(body) == "97,3"
    });
    assert!(!page.contains(OVERLAY));
    // The page is shown from memory at once; the whole build follows on disk.
    wait_for("the build written", || {
        (server.status().rebuilds >= 1).then_some(())
    });
    assert_eq!(
        ipg_tw4(&repo.read_output("2025/indikator/ipg/index.html")),
        "97,3"
    );
    let status = server.status();
    assert_eq!(status.errors, 0);
    assert!(status.rebuilds >= 1);
    assert!(status.last_rebuild.is_some());

    // Rebuilding reads the content files; reading must not count as a change, or the
    // server would rebuild forever. A loop would show many rebuilds by now.
    std::thread::sleep(Duration::from_millis(600));
    assert!(server.status().rebuilds <= 2, "{:?}", server.status());

    // A second change is written over the build before last, kept beside the output, and
    // the page is whole: the number changed, nothing else lost.
    repo.edit("2025/realisasi/kepala.toml", "nilai = 97.3", "nilai = 98.1");
    let page = wait_for_page(addr, IPG_PAGE, "the second change", |body| {
        ipg_tw4(body) == "98,1"
    });
    assert!(!page.contains("97,3") && page.contains("</html>"));
    assert!(repo.dir.path().join(".output.capaian-spare").is_dir());
    server.stop();
    // Stopping deletes the spare: nothing is left beside the content and the output.
    let mut beside: Vec<String> = std::fs::read_dir(repo.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    beside.sort();
    assert_eq!(beside, ["content", "output"]);
}

#[test]
fn a_broken_file_keeps_the_last_good_site_with_the_errors_over_it() {
    let repo = Repo::new();
    let (server, addr) = start(&repo);
    assert_eq!(ipg_tw4(&get(addr, IPG_PAGE).body), "91,8");

    // A TOML syntax error on line 3 of the realisations.
    let broken = common::REALISASI.replacen("nilai = 91.8", "nilai = = 91.8", 1);
    let line = common::line_of(&broken, "nilai = = 91.8");
    save_realisations(&repo, &broken);
    let page = wait_for_page(addr, IPG_PAGE, "the error overlay", |body| {
        body.contains(OVERLAY)
    });
    assert_eq!(ipg_tw4(&page), "91,8", "the last good page is still served");
    assert!(
        page.contains(&format!("kepala.toml:{line}:")),
        "the overlay names the file and line:\n{page}"
    );
    assert!(
        !repo
            .read_output("2025/indikator/ipg/index.html")
            .contains(OVERLAY),
        "the overlay never reaches the disk"
    );
    assert_eq!(server.status().errors, 1);
    // Every HTML response carries it, the 404 page too; other files are left alone.
    assert!(get(addr, "/").body.contains(OVERLAY));
    assert!(get(addr, "/no/such/page/").body.contains(OVERLAY));
    assert!(!get(addr, "/data/2025.csv").body.contains(OVERLAY));

    save_realisations(&repo, &realisations_with_ipg("93.4"));
    let page = wait_for_page(addr, IPG_PAGE, "the fixed page", |body| {
        ipg_tw4(body) == "93,4"
    });
    assert!(
        !page.contains(OVERLAY),
        "fixing the file clears the overlay:\n{page}"
    );
    assert_eq!(server.status().errors, 0);
    server.stop();
}

#[test]
fn a_burst_of_writes_gives_few_rebuilds_and_ends_in_the_last_state() {
    let repo = Repo::new();
    let (server, addr) = start(&repo);
    let path = repo.content().join("2025/realisasi/kepala.toml");
    for i in 0..100 {
        let text = realisations_with_ipg(&format!("90.{i:02}"));
        // Half in place, half as editors save, to mix the kinds of events.
        if i % 2 == 0 {
            fs::write(&path, text).unwrap()
        } else {
            atomic_write(&path, &text)
        }
    }
    wait_for_page(addr, IPG_PAGE, "the last value written", |body| {
        ipg_tw4(body) == "90,99"
    });
    wait_for("the last value written to disk", || {
        let status = server.status();
        (status.errors == 0
            && status.rebuilds >= 1
            && ipg_tw4(&repo.read_output("2025/indikator/ipg/index.html")) == "90,99")
            .then_some(())
    });
    let rebuilds = server.status().rebuilds;
    assert!(
        (1..=10).contains(&rebuilds),
        "100 writes gave {rebuilds} rebuilds"
    );
    server.stop();
}

#[test]
fn refuses_every_path_outside_the_output_folder() {
    let repo = Repo::new();
    fs::write(
        repo.dir.path().join("Cargo.toml"),
        "[package] # TOP-SECRET\n",
    )
    .unwrap();
    let (server, addr) = start(&repo);
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        repo.dir.path().join("Cargo.toml"),
        repo.output().join("leak.toml"),
    )
    .unwrap();
    for target in [
        "/../Cargo.toml",
        "/2025/../../Cargo.toml",
        "/%2e%2e/Cargo.toml",
        "/%2E%2E/Cargo.toml",
        "/.%2e/Cargo.toml",
        "/%2e./Cargo.toml",
        "/..%2fCargo.toml",
        "/%2e%2e%2fCargo.toml",
        "/2025/%2e%2e%2f%2e%2e%2fCargo.toml",
        "/%252e%252e/Cargo.toml",
        "/..\\Cargo.toml",
        "/..%5cCargo.toml",
        "//../Cargo.toml",
        "/./../Cargo.toml",
        "../Cargo.toml",
        "http://localhost/../Cargo.toml",
        "/leak.toml",
        "/.capaian-output",
        "/../content/site.toml",
    ] {
        let response = get(addr, target);
        assert!(
            matches!(response.status, 400 | 403 | 404),
            "{target}: {}",
            response.status
        );
        assert!(
            !response.body.contains("TOP-SECRET"),
            "{target} leaked the file"
        );
        assert!(
            !response.body.contains("judul ="),
            "{target} leaked the content"
        );
    }
    server.stop();
}

#[test]
fn content_types_folders_and_the_404_page() {
    let repo = Repo::new();
    let (server, addr) = start(&repo);
    for (target, expected) in [
        ("/", "text/html; charset=utf-8"),
        ("/2025/index.html", "text/html; charset=utf-8"),
        ("/style.css", "text/css; charset=utf-8"),
        ("/data/2025.json", "application/json"),
        ("/data/2025.csv", "text/csv; charset=utf-8"),
    ] {
        let response = get(addr, target);
        assert_eq!(response.status, 200, "{target}");
        assert_eq!(response.header("content-type"), Some(expected), "{target}");
        assert_eq!(
            response.header("content-length"),
            Some(response.body.len().to_string().as_str()),
            "{target}"
        );
    }
    let json = get(addr, "/data/2025.json").body;
    serde_json::from_str::<serde_json::Value>(&json).expect("JSON is served untouched");

    let redirect = get(addr, "/2025");
    assert_eq!(redirect.status, 302);
    assert_eq!(redirect.header("location"), Some("/2025/"));

    let missing = get(addr, "/tidak-ada.html");
    assert_eq!(missing.status, 404);
    assert!(
        missing
            .header("content-type")
            .unwrap()
            .starts_with("text/html")
    );
    assert!(
        missing.body.contains("/__capaian/events"),
        "a missing page reloads when it appears"
    );

    let head = request(addr, "HEAD", "/");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(request(addr, "POST", "/").status, 405);
    server.stop();
}

/// An event stream, as a page's `EventSource` opens it.
struct Events {
    reader: BufReader<TcpStream>,
}

impl Events {
    fn open(addr: SocketAddr, page: &str) -> Events {
        let since = page
            .split("since=")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .expect("the page has a token");
        let mut stream = TcpStream::connect(addr).unwrap();
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        write!(stream, "GET /__capaian/events?since={since} HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n")
            .unwrap();
        let mut reader = BufReader::new(stream);
        let mut head = String::new();
        while reader.read_line(&mut head).unwrap() > 2 {}
        assert!(head.contains("text/event-stream"), "{head}");
        Events { reader }
    }

    /// Whether the server closes the stream (within [`PATIENCE`]).
    fn end(&mut self) -> bool {
        let mut rest = Vec::new();
        self.reader.read_to_end(&mut rest).is_ok()
    }

    /// The next event's name and data, skipping comments and the retry line.
    fn next(&mut self) -> Option<(String, String)> {
        let (mut name, mut data) = (String::new(), Vec::new());
        loop {
            let mut line = String::new();
            if self.reader.read_line(&mut line).ok()? == 0 {
                return None;
            }
            let line = line.trim_end_matches('\n');
            if line.is_empty() {
                if !name.is_empty() {
                    return Some((name, data.join("\n")));
                }
                continue;
            }
            if let Some(value) = line.strip_prefix("event: ") {
                name = value.to_string();
            } else if let Some(value) = line.strip_prefix("data: ") {
                data.push(value.to_string());
            }
        }
    }
}

#[test]
fn open_pages_hear_of_rebuilds_and_of_errors() {
    let repo = Repo::new();
    let (server, addr) = start(&repo);
    let mut events = Events::open(addr, &get(addr, IPG_PAGE).body);

    save_realisations(&repo, &realisations_with_ipg("95.5"));
    let (name, _) = events.next().expect("an event after the rebuild");
    assert_eq!(name, "reload");

    save_realisations(&repo, &realisations_with_ipg("\"banyak\" x"));
    let (name, data) = events.next().expect("an event after the failed rebuild");
    assert_eq!(name, "errors");
    assert!(
        data.contains(OVERLAY) && data.contains("kepala.toml"),
        "{data}"
    );

    // A page served before a rebuild it has not heard of hears of it as soon as it connects.
    let stale = get(addr, IPG_PAGE).body;
    save_realisations(&repo, &realisations_with_ipg("96.5"));
    wait_for_page(addr, IPG_PAGE, "the fixed page", |body| {
        ipg_tw4(body) == "96,5"
    });
    let mut late = Events::open(addr, &stale);
    assert_eq!(late.next().expect("the missed rebuild").0, "reload");

    // Stopping ends the streams: open pages do not keep the server alive.
    let stopping = std::thread::spawn(move || server.stop());
    assert!(events.end(), "the stream ends when the server stops");
    stopping.join().unwrap();
    assert!(
        TcpStream::connect_timeout(&addr, Duration::from_secs(2)).is_err(),
        "the port is closed"
    );
}

#[test]
fn a_theme_change_renders_again_without_loading_the_data() {
    let repo = Repo::new();
    let theme = repo.dir.path().join("themes/default/static");
    fs::create_dir_all(&theme).unwrap();
    let (server, addr) = start(&repo);
    assert_eq!(get(addr, "/halo.txt").status, 404);

    fs::write(theme.join("halo.txt"), "halo dunia\n").unwrap();
    let response = wait_for("the theme's new file", || {
        let response = get(addr, "/halo.txt");
        (response.status == 200).then_some(response)
    });
    assert_eq!(response.body, "halo dunia\n");
    assert_eq!(
        response.header("content-type"),
        Some("text/plain; charset=utf-8")
    );
    server.stop();
}

#[test]
fn watch_rebuilds_without_serving() {
    let repo = Repo::new();
    let server = Server::start(options(&repo, false)).expect("watch starts");
    assert_eq!(server.addr(), None);
    assert_eq!(
        ipg_tw4(&repo.read_output("2025/indikator/ipg/index.html")),
        "91,8"
    );
    repo.edit("2025/realisasi/kepala.toml", "nilai = 91.8", "nilai = 92.7");
    wait_for("the rebuilt file on disk", || {
        fs::read_to_string(repo.output().join("2025/indikator/ipg/index.html"))
            .ok()
            .filter(|t| ipg_tw4(t) == "92,7")
    });
    let page = repo.read_output("2025/indikator/ipg/index.html");
    assert!(!page.contains("/__capaian/events") && !page.contains(OVERLAY));
    server.stop();
}

#[test]
fn a_report_with_errors_from_the_start_is_served_with_the_overlay() {
    let repo = Repo::new();
    repo.edit(
        "2025/realisasi/kepala.toml",
        "nilai = 91.8",
        "nilai = = 91.8",
    );
    let (server, addr) = start(&repo);
    // Nothing was ever built: the 404 page carries the errors.
    let response = get(addr, "/");
    assert_eq!(response.status, 404);
    assert!(response.body.contains(OVERLAY) && response.body.contains("kepala.toml"));
    repo.edit(
        "2025/realisasi/kepala.toml",
        "nilai = = 91.8",
        "nilai = 91.8",
    );
    wait_for_page(addr, "/", "the first good build", |body| {
        !body.contains(OVERLAY)
    });
    server.stop();
}

#[test]
fn an_unreadable_content_folder_or_a_taken_port_is_an_error() {
    let repo = Repo::new();
    let mut missing = options(&repo, true);
    missing.content = repo.dir.path().join("nowhere");
    assert!(Server::start(missing).is_err());

    let (server, addr) = start(&repo);
    let mut taken = options(&repo, true);
    taken.port = addr.port();
    let err = Server::start(taken).err().expect("the port is taken");
    assert!(format!("{err:#}").contains("--port"), "{err:#}");
    server.stop();
}

/// `serve --edition public` shows what `build --edition public` writes: a draft year is left
/// out, on disk and on the pages rendered from memory after a change.
#[test]
fn the_public_edition_leaves_out_draft_years() {
    let repo = Repo::new();
    repo.write("2026/pk/kepala.toml", common::PK);
    repo.write(
        "2026/realisasi/kepala.toml",
        "[[realisasi]]\nindikator = \"ipg\"\ntriwulan = 1\nnilai = 77.77\n",
    );
    let public = Server::start(ServeOptions {
        edition: Some(capaian::model::Edition::Public),
        ..options(&repo, true)
    })
    .expect("the server starts");
    let addr = public.addr().unwrap();
    assert_eq!(get(addr, "/2025/").status, 200);
    assert_eq!(
        get(addr, "/2026/").status,
        404,
        "the draft year is left out"
    );
    assert!(!repo.output().join("2026").exists());
    repo.edit("2025/realisasi/kepala.toml", "nilai = 91.8", "nilai = 97.3");
    let home = wait_for_page(addr, IPG_PAGE, "the new realisation", |body| {
        ipg_tw4(body) == "97,3"
    });
    assert!(!home.contains("/2026/"), "no page links to the draft year");
    assert_eq!(get(addr, "/2026/indikator/ipg/").status, 404);
    public.stop();

    // The internal edition, the default, has it.
    let internal = Server::start(options(&repo, true)).expect("the server starts");
    assert_eq!(get(internal.addr().unwrap(), "/2026/").status, 200);
    internal.stop();
}

/// `serve --deny-warnings` builds nothing while the report has warnings, and shows them.
#[test]
fn deny_warnings_shows_the_warnings_instead_of_the_site() {
    let repo = Repo::new();
    repo.narrative(2025);
    let server = Server::start(ServeOptions {
        deny_warnings: true,
        ..options(&repo, true)
    })
    .expect("the server starts");
    let addr = server.addr().unwrap();
    assert_eq!(server.status().errors, 0, "the fixture has no warning");
    // A realisation three times its target is a warning (likely a typo).
    repo.edit(
        "2025/realisasi/kepala.toml",
        "nilai = 91.8",
        "nilai = 291.8",
    );
    let page = wait_for_page(addr, IPG_PAGE, "the warning shown", |body| {
        body.contains(OVERLAY)
    });
    assert!(page.contains("--deny-warnings"), "{page}");
    assert!(page.contains("tiga kali targetnya"), "{page}");
    assert_eq!(
        ipg_tw4(&page),
        "91,8",
        "the last good page stays under the warning"
    );
    server.stop();
}

/// One request with the given head lines, read to the end.
fn raw_request(addr: SocketAddr, head: &str) -> Response {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(5)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    stream.write_all(head.as_bytes()).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("a complete response");
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Response {
        status,
        head: head.to_string(),
        body: body.to_string(),
    }
}

/// A page of another site whose DNS name was pointed at 127.0.0.1 (DNS rebinding) asks with
/// its own Host: refused, the internal edition is not read. The names given with
/// `--allow-host` are answered.
#[test]
fn a_foreign_host_is_refused() {
    let repo = Repo::new();
    let server = Server::start(ServeOptions {
        allowed_hosts: vec!["laporan.kantor".into()],
        ..options(&repo, true)
    })
    .expect("the server starts");
    let addr = server.addr().unwrap();
    let port = addr.port();
    for host in [
        "evil.example",
        &format!("evil.example:{port}"),
        "192.168.1.9",
    ] {
        for target in ["/", "/2025/validasi/", "/__capaian/events"] {
            let response = raw_request(
                addr,
                &format!("GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
            );
            assert_eq!(response.status, 421, "{host} {target}");
            assert!(!response.body.contains("<html"), "{host} {target}");
        }
    }
    for host in [
        "localhost".to_string(),
        format!("127.0.0.1:{port}"),
        format!("laporan.kantor:{port}"),
    ] {
        let response = raw_request(
            addr,
            &format!("GET /2025/ HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
        );
        assert_eq!(response.status, 200, "{host}");
    }
    let no_host = raw_request(addr, "GET / HTTP/1.1\r\nConnection: close\r\n\r\n");
    assert_eq!(no_host.status, 400);
    server.stop();
}

/// Redirects are built from the decoded path: never protocol-relative (`//2025/` is the host
/// `2025`), and nothing of a bare CR is copied into a header.
#[test]
fn redirects_stay_on_this_site() {
    let repo = Repo::new();
    let (server, addr) = start(&repo);
    for (target, location) in [
        ("/2025", "/2025/"),
        ("//2025", "/2025/"),
        ("//2025?x=1", "/2025/?x=1"),
        ("/%2F2025", "/2025/"),
    ] {
        let response = get(addr, target);
        assert_eq!(response.status, 302, "{target}");
        assert_eq!(response.header("Location"), Some(location), "{target}");
    }
    let cr = raw_request(
        addr,
        "GET /2025?a=1\rSet-Cookie:x=1 HTTP/1.1\r\nHost: localhost\r\n\r\n",
    );
    assert_eq!(cr.status, 400);
    assert!(!cr.head.contains("Set-Cookie") && !cr.head.contains("Location"));
    server.stop();
}

/// 256 clients that send a header byte every few seconds, and 256 open live reload streams,
/// do not keep pages from being answered.
#[test]
fn slow_clients_and_open_streams_do_not_block_pages() {
    let repo = Repo::new();
    let (server, addr) = start(&repo);
    let mut slow = Vec::new();
    for _ in 0..256 {
        let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(5)).unwrap();
        stream.write_all(b"GET / HTTP/1.1\r\nHo").unwrap();
        slow.push(stream);
    }
    let mut streams = Vec::new();
    for _ in 0..256 {
        let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(5)).unwrap();
        stream
            .write_all(b"GET /__capaian/events HTTP/1.1\r\nHost: localhost\r\n\r\n")
            .unwrap();
        streams.push(stream);
    }
    // A byte now and then on each slow connection, as a slowloris client sends.
    for stream in &mut slow {
        let _ = stream.write_all(b"s");
    }
    for _ in 0..20 {
        let started = Instant::now();
        let page = get(addr, IPG_PAGE);
        assert_eq!(page.status, 200);
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{:?}",
            started.elapsed()
        );
    }
    // The newest streams are served; the oldest were closed for them.
    let mut newest = streams.pop().unwrap();
    newest
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut head = [0u8; 64];
    let n = newest.read(&mut head).unwrap();
    assert!(
        String::from_utf8_lossy(&head[..n]).starts_with("HTTP/1.1 200 OK"),
        "{}",
        String::from_utf8_lossy(&head[..n])
    );
    let mut oldest = streams.remove(0);
    oldest
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut rest = Vec::new();
    // Closed by the server: the read ends (after whatever it had sent) instead of timing out.
    let ended = oldest.read_to_end(&mut rest);
    assert!(ended.is_ok(), "{ended:?}");
    drop((slow, streams, newest, oldest));
    server.stop();
}

/// A request head has one deadline, not one per read: a client sending a byte every second
/// is cut off once it is over.
#[test]
fn a_slow_request_is_cut_off_at_its_deadline() {
    let repo = Repo::new();
    let (server, addr) = start(&repo);
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(5)).unwrap();
    let started = Instant::now();
    let mut closed = false;
    while started.elapsed() < Duration::from_secs(30) {
        if stream.write_all(b"X").is_err() {
            closed = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(500));
        // Closed by the server: a read sees the end (or a reset).
        stream.set_nonblocking(true).unwrap();
        let mut byte = [0u8; 1];
        match stream.read(&mut byte) {
            Ok(0) => {
                closed = true;
                break;
            }
            Err(e) if e.kind() != std::io::ErrorKind::WouldBlock => {
                closed = true;
                break;
            }
            _ => {}
        }
        stream.set_nonblocking(false).unwrap();
    }
    let took = started.elapsed();
    assert!(closed, "still open after {took:?}");
    assert!(
        took >= Duration::from_secs(9) && took < Duration::from_secs(15),
        "{took:?}"
    );
    server.stop();
}

/// Copies a folder and everything in it.
fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// `rm -rf content; git checkout -- content` under serve and under watch: the watch ends
/// with the deleted folder, and is made again when the folder comes back, so that later
/// saves are followed as before.
#[test]
fn the_content_folder_deleted_and_restored_is_followed_again() {
    for serve_http in [true, false] {
        let repo = Repo::new();
        let server = Server::start(options(&repo, serve_http)).expect("the server starts");
        let backup = repo.dir.path().join("backup");
        copy_tree(&repo.content(), &backup);
        let before = server.status().rebuilds;
        fs::remove_dir_all(repo.content()).unwrap();
        wait_for("the rebuild that finds no content", || {
            let status = server.status();
            (status.rebuilds > before && status.errors > 0).then_some(())
        });
        // Restored as git does: a new folder, then its files.
        copy_tree(&backup, &repo.content());
        wait_for("the site rebuilt from the restored folder", || {
            (server.status().errors == 0).then_some(())
        });
        save_realisations(&repo, &realisations_with_ipg("97.3"));
        let page = repo.output().join("2025/indikator/ipg/index.html");
        wait_for("the save after the restore written", || {
            fs::read_to_string(&page)
                .is_ok_and(|html| ipg_tw4(&html) == "97,3")
                .then_some(())
        });
        if let Some(addr) = server.addr() {
            wait_for_page(addr, IPG_PAGE, "the new value served", |b| {
                ipg_tw4(b) == "97,3"
            });
        }
        server.stop();
    }
}

/// The fixture's report with 2024 beside 2025, the same files in both.
fn two_years() -> Repo {
    let repo = Repo::new();
    repo.write("2024/pk/kepala.toml", common::PK);
    repo.write("2024/realisasi/kepala.toml", common::REALISASI);
    repo
}

/// The trend chart the indicator pages show is a file serve answers, and a save of a
/// realisation gives the pages a new one with the new number, at once.
#[test]
fn serves_the_trend_chart_file_and_its_change() {
    let repo = two_years();
    let (server, addr) = start(&repo);
    let trend_src = |html: &str| {
        let page = scraper::Html::parse_document(html);
        let images = common::html::select(&page, "figure.chart img");
        images
            .first()
            .and_then(|i| i.value().attr("src"))
            .unwrap_or_default()
            .to_string()
    };
    let before = trend_src(&get(addr, IPG_PAGE).body);
    assert!(before.starts_with("/grafik/tren/ipg-"), "{before}");
    let file = get(addr, &before);
    assert_eq!(file.status, 200);
    assert_eq!(file.header("content-type"), Some("image/svg+xml"));
    assert!(
        file.body
            .starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\"")
    );
    // The file labels each year's realisation on the chart (it carries no description).
    assert!(file.body.contains(">91,8<"), "{}", file.body);

    repo.edit("2025/realisasi/kepala.toml", "nilai = 91.8", "nilai = 97.3");
    let page = wait_for_page(addr, IPG_PAGE, "the new realisation", |body| {
        ipg_tw4(body) == "97,3"
    });
    let after = trend_src(&page);
    assert!(
        after.starts_with("/grafik/tren/ipg-") && after != before,
        "{after}"
    );
    let file = get(addr, &after);
    assert_eq!(file.status, 200);
    assert!(file.body.contains(">97,3<"), "{}", file.body);
    server.stop();
}

/// Every file under `dir`, by its path relative to it, with its bytes.
fn files_under(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let relative = e.path().strip_prefix(dir).unwrap();
            (common::path_str(relative), fs::read(e.path()).unwrap())
        })
        .collect()
}

/// The page served, without the live reload script serve adds to it.
fn served_page(addr: SocketAddr, target: &str) -> String {
    let body = get(addr, target).body;
    match body.split_once("<script>/* capaian serve") {
        Some((page, rest)) => {
            let after = rest
                .split_once("</script>\n")
                .map_or("", |(_, after)| after);
            format!("{page}{after}")
        }
        None => body,
    }
}

/// A save in one year changes the pages of another (the history of 2025's indicator shows
/// 2024's realisation); after a sequence of saves in both years, the pages serve shows and the
/// build it writes are those `capaian build` writes from the same content (serve computes again
/// only what a save can change: [`capaian::recheck`]).
#[test]
fn saves_in_one_year_give_the_pages_a_fresh_build_gives() {
    let repo = two_years();
    let (server, addr) = start(&repo);
    let history_of_2025 = |body: &str| body.contains("88,5");
    assert!(!history_of_2025(&get(addr, IPG_PAGE).body));

    let saves = [
        ("2024/realisasi/kepala.toml", "nilai = 91.8", "nilai = 88.5"),
        ("2025/realisasi/kepala.toml", "nilai = 2.05", "nilai = 2.01"),
        ("2024/realisasi/kepala.toml", "nilai = 2.2", "nilai = 2.3"),
    ];
    for (n, (file, from, to)) in saves.into_iter().enumerate() {
        let rebuilds = server.status().rebuilds;
        let path = repo.content().join(file);
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file}: {from}");
        atomic_write(&path, &text.replacen(from, to, 1));
        wait_for("the build written", || {
            (server.status().rebuilds > rebuilds).then_some(())
        });
        if n == 0 {
            let page = wait_for_page(addr, IPG_PAGE, "2024's new number in 2025", |body| {
                history_of_2025(body)
            });
            assert!(!page.contains(OVERLAY));
        }
    }
    // Nothing more to come: one rebuild per save.
    std::thread::sleep(Duration::from_millis(400));
    assert_eq!(server.status().rebuilds, 3, "{:?}", server.status());
    assert!(history_of_2025(&get(addr, IPG_PAGE).body));

    let fresh = repo.dir.path().join("fresh");
    let built = common::capaian(
        repo.dir.path(),
        &["build", "--content", "content", "--output", "fresh"],
    );
    assert!(built.status.success(), "{built:?}");
    for page in [IPG_PAGE, "/2024/indikator/ipg/", "/2025/indikator/tfr/"] {
        let file = fresh.join(page.trim_matches('/')).join("index.html");
        assert_eq!(
            served_page(addr, page),
            fs::read_to_string(&file).unwrap(),
            "{page}"
        );
    }
    let (written, fresh) = (files_under(&repo.output()), files_under(&fresh));
    assert_eq!(
        written.keys().collect::<Vec<_>>(),
        fresh.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &written {
        assert!(bytes == &fresh[path], "{path} differs from a fresh build's");
    }
    server.stop();
}
