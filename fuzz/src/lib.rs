//! The fuzz targets' bodies, shared by the `cargo fuzz` targets (nightly, libFuzzer) and by
//! `stable_loop` (any toolchain): load a content folder held in memory in which one file comes
//! from the fuzzer, check it, compute it, print every finding, and render the site when the
//! data is sound. Any panic is a bug: capaian promises that no input makes it panic.

use std::path::Path;
use std::sync::OnceLock;

use annotate_snippets::Renderer;
use capaian::Site;
use capaian::load::load_files;
use capaian::model::Date;
use capaian::render::{Input, Theme, to_vec};

/// A file of the content folder: path relative to it, and its bytes.
pub type File = (String, Vec<u8>);

/// The content the fuzzer varies one file of: a sound report, so that its changes reach every
/// stage. By default the small report of `tests/common` plus a page and a Renstra of the demo
/// (fast: a run renders a dozen pages); `CAPAIAN_FUZZ_FIXTURE=demo` takes the whole demo in
/// `../content` (slow, a few runs a second, but every feature of the demo).
pub fn demo() -> &'static [File] {
    static DEMO: OnceLock<Vec<File>> = OnceLock::new();
    DEMO.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
        let mut files = Vec::new();
        if std::env::var("CAPAIAN_FUZZ_FIXTURE").is_ok_and(|f| f == "demo") {
            collect(&root, &root, &mut files);
        } else {
            files = small_fixture();
            for rel in [
                "2025/pages/pendahuluan.md",
                "pages/profil.md",
                "renstra.toml",
            ] {
                if let Ok(bytes) = std::fs::read(root.join(rel)) {
                    files.push((rel.to_string(), bytes));
                }
            }
        }
        files.sort();
        assert!(!files.is_empty(), "the fixture is missing");
        files
    })
}

/// The `Repo` fixture of `tests/common/mod.rs`, read from its `pub const NAME: &str = r#"…"#;`
/// so that the two stay one.
fn small_fixture() -> Vec<File> {
    const COMMON: &str = include_str!("../../tests/common/mod.rs");
    let constant = |name: &str| -> Vec<u8> {
        let opening = format!("pub const {name}: &str = r#\"");
        let start = COMMON.find(&opening).map(|i| i + opening.len());
        let text = start.and_then(|s| COMMON[s..].find("\"#;").map(|e| &COMMON[s..s + e]));
        text.unwrap_or_else(|| panic!("tests/common/mod.rs has no {name}"))
            .as_bytes()
            .to_vec()
    };
    [
        ("site.toml", "SITE"),
        ("sop.toml", "SOP"),
        ("2025/pk/kepala.toml", "PK"),
        ("2025/realisasi/kepala.toml", "REALISASI"),
        ("2025/proses.toml", "PROSES"),
    ]
    .into_iter()
    .map(|(path, name)| (path.to_string(), constant(name)))
    .collect()
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<File>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(root, &path, files);
        } else if let Ok(bytes) = std::fs::read(&path) {
            let rel = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            files.push((rel, bytes));
        }
    }
}

/// Files the fuzzer may also add, besides replacing one of the demo's.
const NEW_FILES: [&str; 4] = [
    "2025/realisasi/baru.toml",
    "2025/pk/baru.toml",
    "pages/baru.md",
    "2099/proses.toml",
];

/// The files of the demo with the one chosen by `data[0]` replaced by (or a new one set to)
/// `data[1..]`.
pub fn with_one_file(data: &[u8]) -> Vec<File> {
    let demo = demo();
    let Some((&selector, bytes)) = data.split_first() else {
        return demo.to_vec();
    };
    let slot = usize::from(selector) % (demo.len() + NEW_FILES.len());
    let mut files = demo.to_vec();
    match files.get_mut(slot) {
        Some(file) => file.1 = bytes.to_vec(),
        None => files.push((NEW_FILES[slot - demo.len()].to_string(), bytes.to_vec())),
    }
    files
}

/// Target `load_file`: one content file from the fuzzer.
pub fn load_file(data: &[u8]) {
    run(&with_one_file(data));
}

/// Target `front_matter`: a Markdown page, front matter and body, from the fuzzer.
pub fn front_matter(data: &[u8]) {
    let mut files = demo().to_vec();
    files.push(("pages/fuzz.md".to_string(), data.to_vec()));
    run(&files);
}

/// Target `http_request`: a request head for `capaian serve`, from the fuzzer.
pub fn http_request(data: &[u8]) {
    capaian::serve::fuzz_request(data);
}

/// Request heads the `http_request` target starts from.
pub fn http_seeds() -> Vec<Vec<u8>> {
    [
        "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n",
        "GET /2025 HTTP/1.1\r\nHost: 127.0.0.1:1111\r\n\r\n",
        "GET //2025?a=b HTTP/1.1\r\nHost: laporan.kantor\r\n\r\n",
        "HEAD /2025/indikator/ipg/?x=1#y HTTP/1.0\r\n\r\n",
        "GET /__capaian/events?since=a-1 HTTP/1.1\r\nHost: [::1]:1111\r\nLast-Event-ID: b-2\r\n\r\n",
        "GET /%2e%2e/secret.toml HTTP/1.1\r\nHost: evil.example\r\n\r\n",
        "GET /2025/indikator%2Fipg HTTP/1.1\r\nHost: localhost:1111\r\n\r\n",
    ]
    .iter()
    .map(|s| s.as_bytes().to_vec())
    .collect()
}

/// The report date, fixed so that a run depends on its input only.
fn report_date() -> Date {
    Date::new(2026, 1, 20).expect("a valid date")
}

/// The whole pipeline on `files`, short of writing to disk.
pub fn run(files: &[File]) {
    let content = Path::new("content");
    let loaded = load_files(
        content,
        files.iter().map(|(p, b)| (p.as_str(), b.as_slice())),
    );
    let mut site = Site::unchecked(content, loaded);
    site.check(report_date());
    let renderer = Renderer::plain();
    for finding in &site.findings.list {
        let text = finding.render(&site.sources, &renderer);
        assert!(!text.is_empty());
        let located = finding.locate(&site.sources);
        if let Some(place) = &located.place {
            assert!(place.line >= 1 && place.column >= 1, "{located}");
        }
    }
    let Some(computed) = &site.computed else {
        return;
    };
    assert!(!site.findings.has_errors());
    let findings = site.located_findings();
    let output = to_vec(&Input::new(&site.report, computed, &findings, theme()))
        .unwrap_or_else(|e| panic!("sound data failed to render: {e}"));
    check_paths(&output);
}

fn theme() -> &'static Theme {
    static THEME: OnceLock<Theme> = OnceLock::new();
    THEME.get_or_init(|| Theme::load(None).expect("the built-in theme loads"))
}

/// What the writer would refuse: a path that leaves the output, or two files at one path.
fn check_paths(output: &[capaian::write::OutputFile]) {
    let mut seen = std::collections::BTreeSet::new();
    for file in output {
        assert!(
            file.path
                .components()
                .all(|c| matches!(c, std::path::Component::Normal(_))),
            "output path leaves the folder: {}",
            file.path.display()
        );
        assert!(
            seen.insert(file.path.clone()),
            "two files at {}",
            file.path.display()
        );
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_fixture_is_sound_and_every_target_runs() {
        let files = super::demo();
        assert!(
            files
                .iter()
                .any(|(p, b)| p == "site.toml" && b.starts_with(b"judul = "))
        );
        super::run(files);
        super::load_file(b"\x00");
        for seed in super::http_seeds() {
            super::http_request(&seed);
        }
        super::front_matter(b"+++\njudul = \"x\"\n+++\n# x\n");
    }
}
