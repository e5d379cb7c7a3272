//! Built sites for the tests: the demo built into a temporary folder, and the files of a build.

use std::path::{Path, PathBuf};

use capaian::{BuildOptions, Site};

/// The demo report, built into a temporary folder.
pub struct Demo {
    _dir: tempfile::TempDir,
    pub root: PathBuf,
}

/// The demo's content folder, `content/` of the repository.
pub fn demo_content() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content")
}

pub fn build_demo() -> Demo {
    build_demo_edition(capaian::model::Edition::Internal)
}

/// The demo report as the given edition publishes it, built into a temporary folder.
pub fn build_demo_edition(edition: capaian::model::Edition) -> Demo {
    let (site, _) = Site::load(demo_content())
        .expect("the demo loads")
        .edition(edition);
    build_site(site)
}

/// A loaded site (the demo, changed by a test), built into a temporary folder.
pub fn build_site(site: Site) -> Demo {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    site.build(&BuildOptions {
        output: root.clone(),
        theme: None,
    })
    .expect("the demo builds");
    Demo { _dir: dir, root }
}

/// The demo built once for all the tests of a test binary that only read it (the folder is
/// left behind when the process ends, in the system's temporary folder).
pub fn shared_demo() -> &'static Path {
    static DEMO: std::sync::OnceLock<Demo> = std::sync::OnceLock::new();
    &DEMO.get_or_init(build_demo).root
}

/// Every file under `root`, as a path relative to it with `/`, sorted.
pub fn files(root: &Path) -> Vec<String> {
    let mut out: Vec<String> = walkdir::WalkDir::new(root)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(root).unwrap();
            rel.to_string_lossy().replace('\\', "/")
        })
        .collect();
    out.sort();
    out
}

/// Every HTML page of a build, as its path under the root (`2025/cetak/index.html`), sorted.
pub fn html_pages(root: &Path) -> Vec<String> {
    files(root)
        .into_iter()
        .filter(|p| p.ends_with(".html"))
        .collect()
}

/// The URL path of a page file: `2025/cetak/index.html` → `/2025/cetak/`.
pub fn url_of(page: &str) -> String {
    format!("/{}", page.strip_suffix("index.html").unwrap_or(page))
}

/// Every file under `root` with its bytes, by path relative to it (`/`, a name that is not
/// UTF-8 written lossily), sorted.
pub fn snapshot(root: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(root)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(root).unwrap();
            let bytes = std::fs::read(e.path()).unwrap_or_else(|err| panic!("{rel:?}: {err}"));
            (rel.to_string_lossy().replace('\\', "/"), bytes)
        })
        .collect();
    out.sort();
    out
}

/// Copies the folder `from` to `to`, with everything below it.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A temporary copy of the demo's content folder, at `content/` in the folder returned.
pub fn demo_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&demo_content(), &dir.path().join("content"));
    dir
}
