//! How long after an editor saves one realisation file the rebuilt page is served, on the demo
//! content: `cargo bench --bench rebuild`. Another content folder: `CAPAIAN_BENCH_CONTENT=DIR`
//! (its `themes/` sibling is copied too). Iterations: `CAPAIAN_BENCH_RUNS` (default 30).
//! `CAPAIAN_STAGES=1` has the server print how long each stage of a rebuild took (`stage NAME
//! MS` lines on stderr: loading, checking, computing, reviewing, rendering the page asked for).
//!
//! Each run saves the file as editors do (a temporary file renamed over it) and polls the
//! indicator's page over HTTP until it changes. The figure includes everything the editor
//! waits for: the watcher, the debouncing, loading, checking, computing, rendering the page
//! (from memory while the whole build is written) and the response. The server's own measure
//! of the whole build (from the end of the burst of changes to the site written in place) is
//! printed beside it; the next save waits for it.
//!
//! Then a few saves in place, as some editors save: the file emptied, written in two parts a
//! while apart, then closed. The server must wait for the close (a file read in between is
//! half of it, and the page would show an error): the figure is at least that while, and not
//! much more.

use std::fs;
use std::io::{Read, Write};
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use capaian::serve::{ServeOptions, Server};

/// The allocator of the `capaian` binary (src/main.rs), tuned as `capaian serve` tunes it, so
/// that the figure is the one an editor gets.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing and only checks
    // that the bench builds and runs once.
    capaian::allocator::keep_freed_memory(capaian::allocator::SERVE_PURGE_DELAY_MS);
    let quick = !std::env::args().any(|a| a == "--bench");
    let runs: usize = if quick {
        2
    } else {
        std::env::var("CAPAIAN_BENCH_RUNS")
            .ok()
            .and_then(|r| r.parse().ok())
            .unwrap_or(30)
    };
    let source = std::env::var_os("CAPAIAN_BENCH_CONTENT")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("content"));

    let dir = tempfile::tempdir().expect("a temporary folder");
    let content = dir.path().join("content");
    copy_tree(&source, &content);
    if let Some(themes) = source
        .parent()
        .map(|p| p.join("themes"))
        .filter(|t| t.is_dir())
    {
        copy_tree(&themes, &dir.path().join("themes"));
    }
    let target =
        Target::find(&content).expect("a realisation file with a numeric `nilai` in the content");

    let server = Server::start(ServeOptions {
        content: content.clone(),
        output: dir.path().join("output"),
        theme: None,
        bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
        port: 0,
        serve_http: true,
        edition: None,
        deny_warnings: false,
        allowed_hosts: Vec::new(),
    })
    .expect("the server starts");
    let addr = server.addr().expect("an address");
    let mut page = get(addr, &target.page);
    assert_eq!(page.0, 200, "{} is not served", target.page);

    let warmup = if quick { 0 } else { 3 };
    let atomic = saves(
        &server,
        addr,
        &target,
        &mut page,
        warmup,
        runs,
        Save::Atomic,
        0,
    );
    // Fewer in-place saves: each is held open for a while on purpose.
    let in_place = saves(
        &server,
        addr,
        &target,
        &mut page,
        0,
        runs.min(5),
        Save::InPlace,
        warmup + runs,
    );
    server.stop();

    let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
    println!(
        "rebuild: one realisation file changed in {} ({} files), page {} — {runs} runs, {cpus} CPUs",
        source.display(),
        walkdir::WalkDir::new(&content)
            .into_iter()
            .filter(|e| e.as_ref().is_ok_and(|e| e.file_type().is_file()))
            .count(),
        target.page
    );
    let Saves {
        mut end_to_end,
        mut rebuild,
        extra_rebuilds,
    } = atomic;
    println!("  save → rebuilt page served: {}", summary(&mut end_to_end));
    println!(
        "  whole build written (load, check, compute, render, write): {}",
        summary(&mut rebuild)
    );
    println!("  saves that gave more than one rebuild: {extra_rebuilds}");
    let Saves {
        mut end_to_end,
        extra_rebuilds,
        ..
    } = in_place;
    println!(
        "  saved in place, closed {} ms after it was emptied → page served (the read waits for the close): {}",
        IN_PLACE_HOLD.as_millis(),
        summary(&mut end_to_end)
    );
    println!("  in-place saves that gave more than one rebuild: {extra_rebuilds}");
}

/// How an editor writes the file.
#[derive(Clone, Copy)]
enum Save {
    /// A temporary file renamed over it.
    Atomic,
    /// Emptied, written in two parts [`IN_PLACE_HOLD`] apart, then closed: a file read before
    /// the close is half of it, and the report has an error.
    InPlace,
}

/// How long an in-place save keeps the file open and half written.
const IN_PLACE_HOLD: Duration = Duration::from_millis(60);

/// What the saves of one kind measured.
struct Saves {
    /// From the save to the changed page served.
    end_to_end: Vec<Duration>,
    /// The server's own measure of the whole build.
    rebuild: Vec<Duration>,
    extra_rebuilds: u64,
}

/// `warmup` saves, then `runs` measured ones, each waiting for the whole build before the next;
/// `offset`: how many saves came before.
#[allow(clippy::too_many_arguments)]
fn saves(
    server: &Server,
    addr: SocketAddr,
    target: &Target,
    page: &mut (u16, String),
    warmup: usize,
    runs: usize,
    how: Save,
    offset: usize,
) -> Saves {
    let mut measured = Saves {
        end_to_end: Vec::new(),
        rebuild: Vec::new(),
        extra_rebuilds: 0,
    };
    for run in 0..warmup + runs {
        let before = server.status().rebuilds;
        // Each save another value than the one before, across both kinds of save.
        let value = target.value
            + if (offset + run).is_multiple_of(2) {
                1.25
            } else {
                2.5
            };
        let text = target.with_value(value);
        let started = Instant::now();
        match how {
            Save::Atomic => {
                let temporary = target.file.with_extension("toml.tmp");
                fs::write(&temporary, text).unwrap();
                fs::rename(&temporary, &target.file).unwrap();
            }
            Save::InPlace => {
                let (first, rest) = text.split_at(target.span.start);
                let mut file = fs::File::create(&target.file).unwrap();
                file.write_all(first.as_bytes()).unwrap();
                file.flush().unwrap();
                std::thread::sleep(IN_PLACE_HOLD);
                file.write_all(rest.as_bytes()).unwrap();
            }
        }
        let deadline = started + Duration::from_secs(10);
        let new_page = loop {
            let response = get(addr, &target.page);
            if response.0 == 200 && response.1 != page.1 {
                break response;
            }
            assert!(
                !response.1.contains("id=\"capaian-overlay\""),
                "the report was read before the save was over"
            );
            assert!(
                Instant::now() < deadline,
                "the page did not change within 10 s"
            );
            std::thread::sleep(Duration::from_millis(1));
        };
        let took = started.elapsed();
        assert!(
            !new_page.1.contains("id=\"capaian-overlay\""),
            "the change broke the report"
        );
        *page = new_page;
        // The page is rendered from memory; the whole build is written behind it. Wait for it
        // before the next save, as an editor who looks at the page would.
        let deadline = Instant::now() + Duration::from_secs(60);
        while server.status().rebuilds == before {
            assert!(
                Instant::now() < deadline,
                "the build was not written within 60 s"
            );
            std::thread::sleep(Duration::from_millis(5));
        }
        let status = server.status();
        if run >= warmup {
            measured.end_to_end.push(took);
            measured
                .rebuild
                .push(status.last_rebuild.unwrap_or_default());
        }
        // Let the server settle before the next run; one save should have given one rebuild.
        std::thread::sleep(Duration::from_millis(150));
        measured.extra_rebuilds += server.status().rebuilds - before - 1;
    }
    measured
}

fn summary(times: &mut [Duration]) -> String {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    format!(
        "median {:.1} ms (min {:.1}, p90 {:.1}, max {:.1})",
        ms(at(0.5)),
        ms(times[0]),
        ms(at(0.9)),
        ms(times[times.len() - 1])
    )
}

/// The file changed on every run, and the page that shows the value.
struct Target {
    file: PathBuf,
    text: String,
    /// The byte range of the `nilai` value in `text`.
    span: std::ops::Range<usize>,
    value: f64,
    page: String,
}

impl Target {
    /// The first numeric `nilai` in the latest year's realisation files.
    fn find(content: &Path) -> Option<Target> {
        let mut files: Vec<PathBuf> = walkdir::WalkDir::new(content)
            .into_iter()
            .filter_map(Result::ok)
            .map(|e| e.into_path())
            .filter(|p| {
                p.extension().is_some_and(|e| e == "toml")
                    && p.parent().is_some_and(|d| d.ends_with("realisasi"))
            })
            .collect();
        files.sort();
        files.sort_by_key(|p| std::cmp::Reverse(year(content, p)));
        files.into_iter().find_map(|file| {
            let text = fs::read_to_string(&file).ok()?;
            let mut indicator = None;
            let mut offset = 0;
            for line in text.split_inclusive('\n') {
                if let Some((key, raw)) = line.split_once('=') {
                    let value_text = raw.split('#').next().unwrap_or("").trim();
                    match key.trim() {
                        "indikator" => indicator = Some(value_text.trim_matches('"').to_string()),
                        "nilai" => {
                            if let (Some(id), Ok(value)) = (&indicator, value_text.parse::<f64>()) {
                                let start = offset + key.len() + 1 + raw.find(value_text)?;
                                let page = format!("/{}/indikator/{id}/", year(content, &file));
                                let span = start..start + value_text.len();
                                return Some(Target {
                                    file: file.clone(),
                                    text: text.clone(),
                                    span,
                                    value,
                                    page,
                                });
                            }
                        }
                        _ => {}
                    }
                }
                offset += line.len();
            }
            None
        })
    }

    fn with_value(&self, value: f64) -> String {
        format!(
            "{}{value}{}",
            &self.text[..self.span.start],
            &self.text[self.span.end..]
        )
    }
}

fn year(content: &Path, file: &Path) -> String {
    let relative = file.strip_prefix(content).unwrap_or(file);
    relative
        .components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let relative = entry.path().strip_prefix(from).unwrap();
        let target = to.join(relative);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else if entry.file_type().is_file() {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Status and body of a GET over a fresh connection.
fn get(addr: SocketAddr, target: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).expect("connect");
    write!(
        stream,
        "GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let raw = String::from_utf8_lossy(&raw);
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    // The injected live reload token changes with every rebuild; compare the page itself.
    let body = body
        .split("<script>/* capaian serve")
        .next()
        .unwrap_or(body);
    (status, body.to_string())
}
