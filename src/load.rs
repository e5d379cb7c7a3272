//! Loading: a content folder into the [`Report`] model, keeping every file's text so
//! that findings can quote it.
//!
//! Loading never stops at the first bad file: every file is read and parsed, and what cannot
//! be parsed becomes a finding. Only trouble reaching the folder itself is an [`LoadError`].
//!
//! A load runs in three passes: the walk finds the files in name order and checks where they
//! sit; then every file is read and parsed, in parallel, without a [`FileId`]; then the files
//! are added to the model in walk order, which gives each its [`FileId`] and its findings, so
//! that the result is the same as one file after another would give. A [`Cache`] keeps what
//! was parsed, so that `capaian serve` parses again only the files that changed.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::de::DeserializeOwned;
use walkdir::WalkDir;

use crate::finding::{Finding, Findings, did_you_mean};
use crate::model::{
    FileId, FrontMatter, Language, Page, Pk, Process, Realisations, Renstra, Report, SiteConfig,
    Sop, Sources, Sp, Year,
};

mod mistakes;

/// A content folder that cannot be read at all (exit status 2).
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("content folder `{}` does not exist: give the folder that holds site.toml with --content", .0.display())]
    Missing(PathBuf),
    #[error("`{}` is not a folder: give the folder that holds site.toml with --content", .0.display())]
    NotAFolder(PathBuf),
    #[error("cannot read `{}`: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl LoadError {
    /// The error in `language` (`Display` is the English text).
    pub fn said(&self, language: Language) -> String {
        match (self, language) {
            (_, Language::English) => self.to_string(),
            (LoadError::Missing(path), _) => format!(
                "folder content `{}` tidak ada: sebutkan folder yang memuat site.toml dengan --content",
                path.display()
            ),
            (LoadError::NotAFolder(path), _) => format!(
                "`{}` bukan folder: sebutkan folder yang memuat site.toml dengan --content",
                path.display()
            ),
            (LoadError::Io { path, source }, _) => {
                format!("tidak dapat membaca `{}`: {source}", path.display())
            }
        }
    }
}

/// What loading produced: the model, the text of every file, and the findings of parsing.
#[derive(Debug, Default)]
pub struct Loaded {
    pub report: Report,
    pub sources: Sources,
    pub findings: Findings,
}

/// The language a content folder's site.toml asks for (`bahasa`), read on its own: for what is
/// said before, or without, the whole report (serve's messages when the report cannot load).
pub fn site_language(content: &Path) -> Language {
    mistakes::site_language_in(content)
}

/// Reads a content folder.
pub fn load(content: &Path) -> Result<Loaded, LoadError> {
    load_with(content, None)
}

/// The files parsed by the last load, reused by the next when a file's bytes are unchanged
/// (serve).
#[derive(Debug, Default)]
pub struct Cache {
    /// By the path the file was read at. Only files that parsed are kept: one that did not is
    /// parsed again, to give its findings again.
    files: HashMap<PathBuf, CachedFile>,
}

impl Cache {
    pub fn new() -> Cache {
        Cache::default()
    }

    /// The SHA-256 (hex) of the bytes the last load parsed at `path`, as
    /// [`crate::seal::Inputs`] seals them: hashed once, when the file was parsed.
    pub fn sha256(&self, path: &Path) -> Option<&str> {
        self.files.get(path).map(|f| f.sha256.as_str())
    }

    /// Gives every file kept a spare copy of its value, for the next load to take instead of
    /// copying it then: serve calls this once the page is shown, so that the next save waits
    /// for no copy. Stops early, leaving the rest to be copied when needed, once `stop` is set.
    pub fn refill(&mut self, stop: &std::sync::atomic::AtomicBool) {
        for file in self.files.values_mut() {
            if stop.load(std::sync::atomic::Ordering::Relaxed) {
                return;
            }
            if file.spare.is_none() {
                file.spare = Some(file.parsed.clone());
            }
        }
    }
}

/// A file's bytes and the value parsed from them. The bytes, not the modification time, say
/// whether the file changed: an editor may save twice within the time's granularity.
struct CachedFile {
    bytes: Vec<u8>,
    /// The SHA-256 of `bytes`, in hex.
    sha256: String,
    parsed: Parsed,
    /// A copy of `parsed` made ahead ([`Cache::refill`]), which the next load takes.
    spare: Option<Parsed>,
}

impl std::fmt::Debug for CachedFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CachedFile")
            .field("bytes", &self.bytes.len())
            .field("parsed", &self.parsed)
            .finish()
    }
}

/// `load`, reusing from `cache` every file whose bytes are the same as when it was parsed, and
/// leaving in `cache` the files of this load (files gone from the folder are dropped from it).
///
/// Every file is still read; only parsing is skipped. The result is the same as `load`'s. After
/// an error the cache holds part of what it held, and is still right for the next load.
pub fn load_cached(content: &Path, cache: &mut Cache) -> Result<Loaded, LoadError> {
    load_with(content, Some(cache))
}

fn load_with(content: &Path, mut cache: Option<&mut Cache>) -> Result<Loaded, LoadError> {
    if !content.exists() {
        return Err(LoadError::Missing(content.to_path_buf()));
    }
    if !content.is_dir() {
        return Err(LoadError::NotAFolder(content.to_path_buf()));
    }
    let root = content.canonicalize().map_err(|source| LoadError::Io {
        path: content.to_path_buf(),
        source,
    })?;
    let mut loader = Loader::new(content, root, mistakes::site_language_in(content));
    let walked = crate::recheck::timed("load: walk", || loader.walk());
    let walked = crate::recheck::timed("load: read and parse", || {
        read_all(walked, cache.as_deref_mut())
    });
    let started = std::time::Instant::now();
    // In walk order, so that FileIds and findings are those of one file after another.
    let mut kept = HashMap::new();
    for place in walked {
        match place {
            Walked::Problem(problem) => loader.problem(problem),
            Walked::Ignored { path, parts } => loader.ignored(&path, &parts),
            Walked::Unread(kind) => loader.unread(&kind),
            Walked::Stopped(error) => return Err(error),
            Walked::File(ReadFile { path, kind, read }) => match read {
                Ok(prepared) => {
                    let entry = match prepared.keep {
                        // What is left in the old cache (files changed or gone) is dropped.
                        Keep::Reused(entry) | Keep::Parsed(entry) => Some(*entry),
                        Keep::Nothing => None,
                    };
                    loader.add_file(&path, kind, prepared.contents);
                    if let Some(entry) = entry {
                        kept.insert(path, entry);
                    }
                }
                Err(ReadError::TooLarge(size)) => {
                    loader.unread(&kind);
                    loader.problem(too_large(loader.language, &path, size))
                }
                Err(ReadError::Io(source)) => return Err(LoadError::Io { path, source }),
            },
        }
    }
    if let Some(cache) = cache {
        cache.files = kept;
    }
    loader.finish();
    crate::recheck::stage_since("load: add to the model", started);
    Ok(loader.loaded)
}

/// Reads and parses every file found, in parallel: parsing is most of a load, and each file's
/// is independent of every other's. The walk's order is kept.
/// Each file's entry is taken out of `cache`, to be kept again when its bytes are the same.
fn read_all(walked: Vec<Walked<Found>>, cache: Option<&mut Cache>) -> Vec<Walked<ReadFile>> {
    let keep = cache.is_some();
    let mut cache = cache;
    let walked: Vec<(Walked<Found>, Option<CachedFile>)> = walked
        .into_iter()
        .map(|place| {
            let cached = match (&place, cache.as_deref_mut()) {
                (Walked::File(found), Some(cache)) => cache.files.remove(&found.path),
                _ => None,
            };
            (place, cached)
        })
        .collect();
    walked
        .into_par_iter()
        .map(|(place, cached)| {
            place.map_file(|Found { path, kind }| {
                let read = read_limited(&path).map(|bytes| prepare(bytes, &kind, cached, keep));
                ReadFile { path, kind, read }
            })
        })
        .collect()
}

/// Loads a report from files held in memory, as if `content` held them: `(path relative to
/// the content folder, bytes)`, with `/` between folders. The file system is not touched;
/// folders are not checked. For the fuzz targets and for tests that need no disk.
pub fn load_files<'f>(
    content: &Path,
    files: impl IntoIterator<Item = (&'f str, &'f [u8])>,
) -> Loaded {
    let files: Vec<(&str, &[u8])> = files.into_iter().collect();
    let language = files
        .iter()
        .find(|(rel, _)| rel.trim_start_matches('/') == "site.toml")
        .and_then(|(_, bytes)| std::str::from_utf8(bytes).ok())
        .map_or(Language::Indonesian, mistakes::site_language);
    let mut loader = Loader::new(content, content.to_path_buf(), language);
    for &(rel, bytes) in &files {
        let parts: Vec<String> = rel
            .split('/')
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect();
        let path = content.join(rel);
        let sibling = |name: &str| {
            let dir = rel.rsplit_once('/').map_or("", |(d, _)| d);
            files
                .iter()
                .any(|(r, _)| r.rsplit_once('/').map_or(("", *r), |(d, n)| (d, n)) == (dir, name))
        };
        if let Some(problem) = loader.misnamed_or_copy(&path, &parts, sibling) {
            loader.problem(problem);
            continue;
        }
        match classify(&parts) {
            Some(kind) if bytes.len() as u64 > MAX_FILE_BYTES => {
                loader.unread(&kind);
                loader.problem(too_large(loader.language, &path, bytes.len() as u64))
            }
            Some(kind) => {
                if loader.same_name(&kind, &path).is_none() {
                    let prepared = prepare(bytes.to_vec(), &kind, None, false);
                    loader.add_file(&path, kind, prepared.contents);
                }
            }
            None => loader.ignored(&path, &parts),
        }
    }
    loader.finish();
    loader.loaded
}

/// The largest content file read: many times the largest real one, small enough that a
/// misplaced dump or binary gives a finding instead of a long, memory-hungry parse.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

enum ReadError {
    TooLarge(u64),
    Io(std::io::Error),
}

/// Reads a file of at most [`MAX_FILE_BYTES`].
fn read_limited(path: &Path) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    let size = file.metadata().map_err(ReadError::Io)?.len();
    if size > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge(size));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    // `take`: a file that grows while it is read still stops at the limit.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
}

fn too_large(language: Language, path: &Path, size: u64) -> Problem {
    let say = |id: String, en: String| crate::finding::say(language, id, en);
    Problem::new(
        path,
        say(
            format!(
                "berkas ini berukuran {}, terlalu besar untuk berkas isi (paling besar {})",
                megabytes(size),
                megabytes(MAX_FILE_BYTES)
            ),
            format!(
                "this file is {}, too large for a content file (at most {})",
                megabytes(size),
                megabytes(MAX_FILE_BYTES)
            ),
        ),
        say(
            "berkas laporan paling banyak memuat beberapa ribu entri: periksa bahwa ini berkas yang benar (bukan hasil ekspor data atau berkas biner), atau pecah menjadi beberapa berkas".into(),
            "a report file holds at most a few thousand entries: check that this is the right file (not a data dump or a binary), or split it".into(),
        ),
    )
}

/// What the walk found at one place, in walk order. `F` is a content file: first where it is
/// ([`Found`]), then also what was read from it ([`ReadFile`]).
enum Walked<F> {
    Problem(Problem),
    /// A file capaian does not read.
    Ignored {
        path: PathBuf,
        parts: Vec<String>,
    },
    File(F),
    /// A content file that is not read, whose finding is its folder's: what refers to it is
    /// not checked against it.
    Unread(Kind),
    /// The walk stopped here: a folder could not be read.
    Stopped(LoadError),
}

impl<F> Walked<F> {
    fn map_file<G>(self, f: impl FnOnce(F) -> G) -> Walked<G> {
        match self {
            Walked::Problem(problem) => Walked::Problem(problem),
            Walked::Ignored { path, parts } => Walked::Ignored { path, parts },
            Walked::File(file) => Walked::File(f(file)),
            Walked::Unread(kind) => Walked::Unread(kind),
            Walked::Stopped(error) => Walked::Stopped(error),
        }
    }
}

/// A content file to read.
struct Found {
    path: PathBuf,
    kind: Kind,
}

struct ReadFile {
    path: PathBuf,
    kind: Kind,
    read: Result<Prepared, ReadError>,
}

/// A file or folder that is wrong as a whole.
struct Problem {
    path: PathBuf,
    message: String,
    help: String,
    /// A warning (the file is ignored and nothing depends on it) rather than an error.
    warning: bool,
    /// The content file this problem keeps from being read, if any: files that refer to it
    /// are then not also told that what they refer to is unknown.
    unread: Option<Kind>,
}

impl Problem {
    fn new(path: &Path, message: impl Into<String>, help: impl Into<String>) -> Problem {
        Problem {
            path: path.to_path_buf(),
            message: message.into(),
            help: help.into(),
            warning: false,
            unread: None,
        }
    }

    fn unread(mut self, kind: Option<Kind>) -> Problem {
        self.unread = kind;
        self
    }
}

/// A content file's bytes decoded and parsed, waiting for its [`FileId`].
struct Prepared {
    contents: Result<Parsing, Undecodable>,
    /// What the cache holds for this file after this load.
    keep: Keep,
}

/// A file's text, without a byte-order mark, and what was parsed from it.
struct Parsing {
    text: String,
    parsed: Result<Parsed, Failure>,
}

enum Undecodable {
    /// Saved as UTF-16: its text would only show as noise.
    Utf16,
    /// Not UTF-8: the text with the invalid bytes replaced, and where the first one is.
    NotUtf8 { text: String, offset: usize },
}

enum Keep {
    /// The cache's entry for the file: its bytes did not change.
    Reused(Box<CachedFile>),
    /// A new entry: the file was parsed.
    Parsed(Box<CachedFile>),
    /// No entry: the file did not parse, or there is no cache.
    Nothing,
}

/// A file's value as parsed, before what depends on its place among the files is set (its
/// [`FileId`], the ids taken from its name) and before its ids are lower-cased.
#[derive(Clone, Debug)]
enum Parsed {
    Site(SiteConfig),
    Sop(Sop),
    Renstra(Renstra),
    Page(Page),
    Pk(Pk),
    Realisations(Realisations),
    Process(Process),
    FollowUp(crate::model::FollowUp),
}

impl Parsed {
    /// Whether a file of `kind` parses into this: under another content folder the same path
    /// can be another kind of file (`2025/pk/site.toml`, and `site.toml` in `2025/pk`).
    fn is_of(&self, kind: &Kind) -> bool {
        matches!(
            (self, kind),
            (Parsed::Site(_), Kind::Site)
                | (Parsed::Sop(_), Kind::Sop)
                | (Parsed::Renstra(_), Kind::Renstra)
                | (Parsed::Page(_), Kind::Page(_))
                | (Parsed::Page(_), Kind::YearPage(..))
                | (Parsed::Pk(_), Kind::Pk(..))
                | (Parsed::Realisations(_), Kind::Realisations(..))
                | (Parsed::Process(_), Kind::Process(_))
                | (Parsed::FollowUp(_), Kind::FollowUp(_))
        )
    }
}

/// Why a file's text did not parse; it becomes a finding once the file has a [`FileId`].
enum Failure {
    /// A TOML syntax or type error in `text[at]`.
    Toml {
        error: toml::de::Error,
        at: Range<usize>,
    },
    FrontMatterNotClosed,
    NoFrontMatter,
    /// git's conflict markers: the first one's offset, and how many conflicts there are.
    Conflict {
        at: usize,
        conflicts: usize,
    },
    /// A carriage return without a line feed (old Mac line endings) at this offset.
    LoneCr {
        at: usize,
    },
}

impl Failure {
    fn finding(&self, file: FileId, text: &str, language: Language) -> Finding {
        let say = |id: &str, en: &str| crate::finding::say(language, id, en);
        match self {
            Failure::Toml { error, at } => {
                toml_finding(error, file, &text[at.clone()], at.start, language)
            }
            Failure::Conflict { at, conflicts } => {
                mistakes::conflict_finding(language, file, text, *at, *conflicts)
            }
            Failure::LoneCr { at } => mistakes::lone_cr_finding(language, file, text, *at),
            Failure::FrontMatterNotClosed => Finding::error(say(
                "front matter tidak ditutup: tidak ada baris `+++` kedua",
                "the front matter is not closed: there is no second `+++` line",
            ))
            .at(file, 0..3)
            .label(say("dibuka di sini", "opened here"))
            .help(say(
                "tutup front matter dengan baris yang hanya berisi `+++`, lalu tulis halamannya",
                "end the front matter with a line holding only `+++`, then write the page",
            )),
            Failure::NoFrontMatter => Finding::error(say(
                "halaman harus diawali front matter TOML di antara baris `+++`",
                "a page must start with TOML front matter between `+++` lines",
            ))
            .at(file, 0..text.find('\n').unwrap_or(text.len()))
            .label(say("di sini seharusnya `+++`", "expected `+++` here"))
            .help(say(
                "awali berkas dengan:\n+++\njudul = \"Judul halaman\"\n+++",
                "begin the file with:\n+++\njudul = \"Title of the page\"\n+++",
            )),
        }
    }
}

/// Decodes and parses a file's bytes, reusing `cached` when they are the bytes it was parsed
/// from; with `keep`, returns what the cache is to hold for the file.
fn prepare(bytes: Vec<u8>, kind: &Kind, cached: Option<CachedFile>, keep: bool) -> Prepared {
    // The spare copy when there is one, else a copy made now; the entry is kept as it was.
    let reused = cached
        .filter(|c| c.parsed.is_of(kind) && c.bytes == bytes)
        .map(|mut c| {
            let parsed = c.spare.take().unwrap_or_else(|| c.parsed.clone());
            (parsed, Box::new(c))
        });
    let kept_bytes = (keep && reused.is_none()).then(|| bytes.clone());
    let text = match decode(bytes) {
        Ok(text) => text,
        Err(undecodable) => {
            return Prepared {
                contents: Err(undecodable),
                keep: Keep::Nothing,
            };
        }
    };
    let (parsed, keep) = match reused {
        Some((parsed, entry)) => (Ok(parsed), Keep::Reused(entry)),
        None => {
            let parsed = parse(kind, &text);
            let keep = match (&parsed, kept_bytes) {
                (Ok(value), Some(bytes)) => Keep::Parsed(Box::new(CachedFile {
                    sha256: crate::evidence::sha256_hex(&bytes),
                    bytes,
                    parsed: value.clone(),
                    spare: None,
                })),
                _ => Keep::Nothing,
            };
            (parsed, keep)
        }
    };
    Prepared {
        contents: Ok(Parsing { text, parsed }),
        keep,
    }
}

/// A file's text: UTF-8, without a byte-order mark.
fn decode(bytes: Vec<u8>) -> Result<String, Undecodable> {
    match String::from_utf8(bytes) {
        // A byte-order mark is harmless; drop it so that it does not upset the TOML parser.
        Ok(text) => Ok(match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_string(),
            None => text,
        }),
        // Windows editors call UTF-16 "Unicode".
        Err(e)
            if e.as_bytes().starts_with(&[0xff, 0xfe])
                || e.as_bytes().starts_with(&[0xfe, 0xff]) =>
        {
            Err(Undecodable::Utf16)
        }
        Err(e) => Err(Undecodable::NotUtf8 {
            offset: e.utf8_error().valid_up_to(),
            text: String::from_utf8_lossy(e.as_bytes()).into_owned(),
        }),
    }
}

/// The value of a file of this kind, as parsed.
fn parse(kind: &Kind, text: &str) -> Result<Parsed, Failure> {
    // What an editor's tool left in the file explains the parse error it would give, or a
    // misreading it would not.
    let page = matches!(kind, Kind::Page(_) | Kind::YearPage(..));
    if let Some((at, conflicts)) = mistakes::conflict(text, !page) {
        return Err(Failure::Conflict { at, conflicts });
    }
    if let Some(at) = mistakes::lone_cr(text) {
        return Err(Failure::LoneCr { at });
    }
    match kind {
        Kind::Site => parse_toml(text).map(Parsed::Site),
        Kind::Sop => parse_toml(text).map(Parsed::Sop),
        Kind::Renstra => parse_toml(text).map(Parsed::Renstra),
        Kind::Page(_) | Kind::YearPage(..) => parse_page(text).map(Parsed::Page),
        Kind::Pk(..) => parse_toml(text).map(Parsed::Pk),
        Kind::Realisations(..) => parse_toml(text).map(Parsed::Realisations),
        Kind::Process(_) => parse_toml(text).map(Parsed::Process),
        Kind::FollowUp(_) => parse_toml(text).map(Parsed::FollowUp),
    }
}

fn parse_toml<T: DeserializeOwned>(text: &str) -> Result<T, Failure> {
    toml::from_str(text).map_err(|error| Failure::Toml {
        error,
        at: 0..text.len(),
    })
}

/// A page; its `file` and `slug` are set when it is added.
fn parse_page(text: &str) -> Result<Page, Failure> {
    let Some((front, front_offset, body_offset)) = split_front_matter(text) else {
        return Err(
            if text.lines().next().is_some_and(|l| l.trim_end() == "+++") {
                Failure::FrontMatterNotClosed
            } else {
                Failure::NoFrontMatter
            },
        );
    };
    match toml::from_str::<FrontMatter>(front) {
        Ok(mut front) => Ok(Page {
            file: FileId::default(),
            slug: String::new(),
            front: {
                // Spans in the file, not in the front matter alone.
                if let Some(chapter) = &mut front.chapter {
                    chapter.span =
                        chapter.span.start + front_offset..chapter.span.end + front_offset;
                }
                front
            },
            body: text[body_offset..].to_string(),
            body_offset,
            year: None,
        }),
        Err(error) => Err(Failure::Toml {
            error,
            at: front_offset..front_offset + front.len(),
        }),
    }
}

struct Loader<'a> {
    content: &'a Path,
    /// The canonical content folder: nothing is read from outside it.
    root: PathBuf,
    loaded: Loaded,
    seen_site: bool,
    seen_sop: bool,
    /// The first file name seen for each lower-cased id (`2025/pk/kepala`), to catch
    /// `Kepala.toml` beside `kepala.toml`.
    names: std::collections::BTreeMap<String, String>,
    /// The language of the findings of loading: site.toml's `bahasa`, read before the rest.
    language: Language,
    /// PKs that a file could have been but was not read (`kepala.TOML`, `kepala (1).toml`,
    /// a PK too large): unreadable unless another file gives a PK of that id.
    unread_pks: Vec<(i32, String)>,
}

impl<'a> Loader<'a> {
    fn new(content: &'a Path, root: PathBuf, language: Language) -> Self {
        let mut loaded = Loaded::default();
        loaded.findings.language = language;
        Loader {
            content,
            root,
            loaded,
            seen_site: false,
            seen_sop: false,
            names: Default::default(),
            language,
            unread_pks: Vec::new(),
        }
    }
}

/// What a file is, from where it sits in the content folder.
enum Kind {
    Site,
    Sop,
    Renstra,
    Page(String),
    /// A page of a year's narrative: `<year>/pages/<stem>.md`.
    YearPage(i32, String),
    Pk(i32, String),
    Realisations(i32, String),
    Process(i32),
    /// `<year>/tindak_lanjut.toml`: the follow-up of the last evaluation's recommendations.
    FollowUp(i32),
}

impl Loader<'_> {
    /// The places of the content folder in name order, checked; nothing is read yet. Files and
    /// folders are not added to the sources here: they get their [`FileId`]s in this order
    /// when the walk is applied.
    fn walk(&mut self) -> Vec<Walked<Found>> {
        let mut walked = Vec::new();
        let mut walker = WalkDir::new(self.content)
            .min_depth(1)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                // Hidden files, and the evidence files (`bukti/`), which are not data: they are
                // checked where a realisation cites them (crate::evidence).
                let name = e.file_name().to_string_lossy();
                let hidden = name.starts_with('.');
                let evidence = e.depth() == 1 && name == EVIDENCE_FOLDER;
                !hidden && !evidence
            });
        while let Some(entry) = walker.next() {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    let path = e.path().unwrap_or(self.content).to_path_buf();
                    let source = e
                        .into_io_error()
                        .unwrap_or_else(|| std::io::Error::other("filesystem loop"));
                    walked.push(Walked::Stopped(LoadError::Io { path, source }));
                    break;
                }
            };
            let path = entry.path();
            if entry.file_name().to_str().is_none() {
                // The name could not be shown, nor become a URL; what is in it is not read.
                walked.push(Walked::Problem(Problem::new(
                    path,
                    self.say(
                        "nama berkas ini bukan teks UTF-8",
                        "this file name is not UTF-8 text",
                    ),
                    self.say(
                        "ganti namanya dengan huruf, angka, `.`, `_` dan `-` (nama menjadi alamat situs)",
                        "rename it with letters, digits, `.`, `_` and `-` (names become URLs)",
                    ),
                )));
                if entry.file_type().is_dir() {
                    walker.skip_current_dir();
                }
                continue;
            }
            let rel = path.strip_prefix(self.content).unwrap_or(path);
            let parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if entry.file_type().is_dir() {
                if let Err(problem) = self.check_folder(path, &parts) {
                    // What is in a misplaced folder is not read; the folder's finding says why.
                    walked.push(Walked::Problem(problem));
                    // A `PK/` folder's files are named, not read: their realisations are not
                    // also "without a PK".
                    if !matches!(parts.as_slice(), [_, dir] if dir.eq_ignore_ascii_case("pk")) {
                        walker.skip_current_dir();
                    }
                }
                continue;
            }
            if let [year, dir, name] = parts.as_slice()
                && dir != "pk"
                && dir.eq_ignore_ascii_case("pk")
            {
                if let (Some(year), Some(stem)) = (year_of(year), name.strip_suffix(".toml")) {
                    walked.push(Walked::Unread(Kind::Pk(year, stem.to_lowercase())));
                }
                continue;
            }
            if entry.path_is_symlink() {
                // Never follow a link out of the content folder (the report is the
                // content folder, nothing else); links inside it are read like the file itself.
                match std::fs::canonicalize(path) {
                    Err(_) => {
                        walked.push(Walked::Problem(Problem::new(path, self.say("tautan simbolik ini tidak menunjuk ke apa pun", "this symbolic link points to nothing"), self.say("berkas yang ditautkannya tidak ada: hapus tautannya, atau salin berkasnya ke sini", "the file it links to does not exist: remove the link, or copy the file in")).unread(classify(&parts))));
                        continue;
                    }
                    Ok(target) if !target.starts_with(&self.root) => {
                        walked.push(Walked::Problem(Problem::new(path, self.say("tautan simbolik menunjuk ke luar folder content", "a symbolic link points outside the content folder"), self.say("capaian hanya membaca isi folder content: salin berkas atau foldernya ke dalam, jangan ditautkan", "capaian reads only what is inside the content folder: copy the file or folder in instead of linking to it")).unread(classify(&parts))));
                        continue;
                    }
                    Ok(target) if target.is_dir() => continue,
                    Ok(_) => {}
                }
            }
            let sibling = |name: &str| path.with_file_name(name).is_file();
            if let Some(problem) = self.misnamed_or_copy(path, &parts, sibling) {
                walked.push(Walked::Problem(problem));
                continue;
            }
            let Some(kind) = classify(&parts) else {
                walked.push(Walked::Ignored {
                    path: path.to_path_buf(),
                    parts,
                });
                continue;
            };
            // A FIFO or a device would block the build or never end; only plain files are data.
            // The walk knows the type of what is not a link without asking again.
            let is_file = if entry.path_is_symlink() {
                std::fs::metadata(path).is_ok_and(|m| m.is_file())
            } else {
                entry.file_type().is_file()
            };
            if !is_file {
                walked.push(Walked::Problem(
                    Problem::new(
                        path,
                        self.say("ini bukan berkas biasa", "this is not a regular file"),
                        self.say(
                            "capaian membaca berkas teks biasa: ganti dengan sebuah berkas",
                            "capaian reads plain text files: replace it with a file",
                        ),
                    )
                    .unread(Some(kind)),
                ));
                continue;
            }
            if let Some(first) = self.same_name(&kind, path) {
                let name = parts.last().map_or("", String::as_str);
                walked.push(Walked::Problem(Problem::new(
                    path,
                    self.say(
                        &format!("bagi capaian, `{name}` dan `{first}` adalah berkas yang sama"),
                        &format!("`{name}` and `{first}` are the same file to capaian"),
                    ),
                    self.say(
                        "huruf besar dan kecil pada nama berkas tidak dibedakan (nama menjadi alamat situs): gabungkan kedua berkas menjadi satu, dengan nama berhuruf kecil",
                        "file names are case-insensitive (they become URLs): merge the two files into one, with a lower-case name",
                    ),
                )));
                continue;
            }
            walked.push(Walked::File(Found {
                path: path.to_path_buf(),
                kind,
            }));
        }
        walked
    }

    /// The name of an earlier file that becomes the same id as this one once lower-cased
    /// (`Kepala.toml` and `kepala.toml`); `None` for the first.
    fn same_name(&mut self, kind: &Kind, path: &Path) -> Option<String> {
        let key = match kind {
            Kind::Page(slug) => format!("pages/{slug}"),
            Kind::YearPage(year, slug) => format!("{year}/pages/{slug}"),
            Kind::Pk(year, id) => format!("{year}/pk/{id}"),
            Kind::Realisations(year, id) => format!("{year}/realisasi/{id}"),
            Kind::Site | Kind::Sop | Kind::Renstra | Kind::Process(_) | Kind::FollowUp(_) => {
                return None;
            }
        };
        let name = path
            .file_name()
            .map_or(String::new(), |n| n.to_string_lossy().into_owned());
        match self.names.entry(key) {
            std::collections::btree_map::Entry::Occupied(first) => Some(first.get().clone()),
            std::collections::btree_map::Entry::Vacant(slot) => {
                slot.insert(name);
                None
            }
        }
    }

    /// Top-level folders are `pages` or a budget year; a year holds `pk` and `realisasi`.
    /// Whether the folder's files are read: the problem with the folder when they are not.
    fn check_folder(&mut self, path: &Path, parts: &[String]) -> Result<(), Problem> {
        if let Some(kind) = classify(parts) {
            let name = parts.join("/");
            match kind {
                Kind::Site => self.seen_site = true,
                Kind::Sop => self.seen_sop = true,
                // Its realisations are not "without a PK": the folder's finding says enough.
                Kind::Pk(year, id) => {
                    self.year(year).unreadable_pks.insert(id);
                }
                _ => {}
            }
            return Err(Problem::new(
                path,
                self.say(
                    &format!("`{name}` adalah folder, bukan berkas"),
                    &format!("`{name}` is a folder, not a file"),
                ),
                self.say(
                    &format!("`{name}` harus berkas teks: hapus foldernya dan buat berkasnya"),
                    &format!("`{name}` must be a text file: remove the folder and create the file"),
                ),
            ));
        }
        // `Pages/`, `2025/PK/`: the right folder in other letters.
        let case_of = |name: &str, words: &[&'static str]| {
            words
                .iter()
                .copied()
                .find(|w| *w != name && name.eq_ignore_ascii_case(w))
        };
        let miscased = match parts {
            [name] => case_of(name, &["pages"]),
            [year, name] if year_of(year).is_some() => case_of(name, &["pages", "pk", "realisasi"]),
            _ => None,
        };
        match parts {
            [name] if name == "pages" || year_of(name).is_some() => Ok(()),
            [name] | [_, name] if miscased.is_some() => {
                let proper = miscased.unwrap_or_default();
                let say = |id: String, en: String| crate::finding::say(self.language, id, en);
                Err(Problem::new(
                    path,
                    say(
                        format!(
                            "folder `{name}` harus ditulis `{proper}` (huruf kecil): isinya tidak dibaca"
                        ),
                        format!(
                            "the folder `{name}` must be written `{proper}` (lower case): what is in it is not read"
                        ),
                    ),
                    say(
                        format!(
                            "ganti nama folder menjadi `{proper}`; nama folder dan berkas menjadi alamat situs, jadi huruf besar dan kecil dibedakan"
                        ),
                        format!(
                            "rename the folder to `{proper}`; folder and file names become the site's addresses, so upper and lower case differ"
                        ),
                    ),
                ))
            }
            // `2025 - Copy/`, `2025 (1)/`: a copy of a folder is ignored like a copy of a file.
            [name]
                if mistakes::copy_of(name)
                    .is_some_and(|o| o == "pages" || year_of(&o).is_some()) =>
            {
                let original = mistakes::copy_of(name).unwrap_or_default();
                let (message, help) = mistakes::folder_copy_text(self.language, name, &original);
                let mut problem = Problem::new(path, message, help);
                problem.warning = true;
                Err(problem)
            }
            [name] => {
                let hint = if name.len() == 4 {
                    self.say(
                        "folder tahun terdiri atas empat angka, seperti `2025`",
                        "a year folder has four digits, like `2025`",
                    )
                } else {
                    self.say(
                        "folder content berisi `pages/` dan satu folder per tahun anggaran, seperti `2025/`",
                        "content holds `pages/` and one folder per budget year, like `2025/`",
                    )
                };
                Err(Problem::new(
                    path,
                    self.say(
                        &format!("`{name}` bukan folder tahun"),
                        &format!("`{name}` is not a year folder"),
                    ),
                    hint,
                ))
            }
            [year, sub]
                if year_of(year).is_some()
                    && sub != "pk"
                    && sub != "realisasi"
                    && sub != "pages" =>
            {
                let expected = ["pk", "realisasi", "pages"];
                let holds = self.say(
                    "folder tahun berisi `pk/`, `realisasi/`, `pages/` dan `proses.toml`",
                    "a year folder holds `pk/`, `realisasi/`, `pages/` and `proses.toml`",
                );
                let help = match did_you_mean(sub, expected) {
                    Some(s) => self.say(
                        &format!("mungkin maksudnya `{s}`? {holds}"),
                        &format!("did you mean `{s}`? {holds}"),
                    ),
                    None => holds,
                };
                Err(Problem::new(
                    path,
                    self.say(
                        &format!("folder `{sub}` tidak dikenal di tahun {year}"),
                        &format!("unknown folder `{sub}` in year {year}"),
                    ),
                    help,
                ))
            }
            _ => Ok(()),
        }
    }

    fn ignored(&mut self, path: &Path, parts: &[String]) {
        // Folders already reported as wrong say enough about the files in them.
        let in_bad_folder = match parts {
            [first, ..] if first != "pages" && year_of(first).is_none() && parts.len() > 1 => true,
            [year, sub, ..]
                if year_of(year).is_some()
                    && parts.len() > 2
                    && sub != "pk"
                    && sub != "realisasi"
                    && sub != "pages" =>
            {
                true
            }
            _ => false,
        };
        if in_bad_folder || is_editor_file(parts.last().map_or("", String::as_str)) {
            return;
        }
        let name = parts.join("/");
        let message = self.say(
            &format!("`{name}` bukan berkas yang dibaca capaian; berkas ini diabaikan"),
            &format!("`{name}` is not a file capaian reads; it is ignored"),
        );
        let help = self.say(
            "folder content berisi site.toml, sop.toml, renstra.toml, pages/*.md dan <tahun>/{pk,realisasi}/*.toml, <tahun>/pages/*.md, <tahun>/proses.toml",
            "content holds site.toml, sop.toml, renstra.toml, pages/*.md and <year>/{pk,realisasi}/*.toml, <year>/pages/*.md, <year>/proses.toml",
        );
        let file = self.add_source(path, String::new());
        self.loaded
            .findings
            .push(Finding::warning(message).at(file, 0..0).help(help));
    }

    /// A finding about a file or folder as a whole.
    fn problem(&mut self, problem: Problem) {
        if let Some(kind) = &problem.unread {
            self.unread(kind);
        }
        let file = self.add_source(&problem.path, String::new());
        let finding = if problem.warning {
            Finding::warning(problem.message)
        } else {
            Finding::error(problem.message)
        };
        // A file in a year's folder belongs to that year's validation page.
        let year = problem
            .path
            .strip_prefix(self.content)
            .ok()
            .filter(|rel| rel.components().count() > 1)
            .and_then(|rel| rel.components().next())
            .and_then(|first| year_of(&first.as_os_str().to_string_lossy()));
        let mut finding = finding.at(file, 0..0).help(problem.help);
        finding.year = year;
        self.loaded.findings.push(finding);
    }

    /// A content file of this kind was not read: what refers to it is not checked against it,
    /// and site.toml or sop.toml is not also "missing".
    fn unread(&mut self, kind: &Kind) {
        match kind {
            Kind::Site => self.seen_site = true,
            Kind::Sop => self.seen_sop = true,
            Kind::Pk(year, id) => self.unread_pks.push((*year, id.clone())),
            _ => {}
        }
    }

    /// A file whose name an editor's tool changed: an upper-case extension (`kepala.TOML`) or
    /// Notepad's `.txt` (`kepala.toml.txt`), which is an error since the file would be ignored;
    /// a backup or duplicate copy (`kepala (1).toml`, `kepala.toml.bak`), an error when it
    /// would be read as another file of the report, a warning when it is ignored. `sibling`
    /// says whether a file of that name is in the same folder.
    fn misnamed_or_copy(
        &self,
        path: &Path,
        parts: &[String],
        sibling: impl Fn(&str) -> bool,
    ) -> Option<Problem> {
        let (name, folder) = parts.split_last()?;
        let with_name = |name: &str| {
            let mut parts = folder.to_vec();
            parts.push(name.to_string());
            parts
        };
        let rel = parts.join("/");
        let language = self.language;
        if let Some((proper, how)) = mistakes::misnamed(name) {
            let kind = classify(&with_name(&proper))?;
            let (message, help) = mistakes::misnamed_text(language, name, &proper, how);
            return Some(Problem::new(path, message, help).unread(Some(kind)));
        }
        let original = mistakes::copy_of(name)?;
        // `kepala~` and `kepala.bak` in pk/ are copies of `kepala.toml`.
        let original = if classify(&with_name(&original)).is_none() {
            [".toml", ".md"]
                .iter()
                .map(|ext| format!("{original}{ext}"))
                .find(|o| classify(&with_name(o)).is_some())?
        } else {
            original
        };
        let original_kind = classify(&with_name(&original))?;
        let say = |id: &str, en: &str| crate::finding::say(language, id, en);
        let loaded_as = classify(parts).map(|kind| match kind {
            Kind::Pk(..) => say(
                "sebagai PK lain, dengan setiap id di dalamnya dua kali",
                "as another PK, with every id in it twice",
            ),
            Kind::Realisations(..) => say(
                "sebagai realisasi PK lain, yang tidak ada",
                "as the realisations of another PK, which does not exist",
            ),
            _ => say(
                "sebagai halaman lain di situs",
                "as another page of the site",
            ),
        });
        let (message, help) = match (&loaded_as, sibling(&original)) {
            (Some(_), false) => mistakes::copy_named_text(language, name, &original),
            (loaded_as, _) => {
                mistakes::copy_text(language, &rel, name, &original, loaded_as.as_deref())
            }
        };
        let mut problem = Problem::new(path, message, help);
        if loaded_as.is_some() {
            problem = problem.unread(Some(original_kind));
        } else {
            problem.warning = true;
        }
        Some(problem)
    }

    /// A text in the site's language.
    fn say(&self, id: &str, en: &str) -> String {
        crate::finding::say(self.language, id, en)
    }

    fn save_as_utf8(&self) -> String {
        self.say(
            "simpan berkas sebagai UTF-8 (di kebanyakan editor: \"Save with encoding\" → UTF-8)",
            "save the file as UTF-8 (most editors: \"Save with encoding\" → UTF-8)",
        )
    }

    fn add_source(&mut self, path: &Path, text: String) -> FileId {
        self.loaded.sources.add(path.to_path_buf(), text)
    }

    /// Adds one file, decoded and parsed, to the model; what is wrong with it becomes a finding.
    fn add_file(&mut self, path: &Path, kind: Kind, contents: Result<Parsing, Undecodable>) {
        // Seen, even when unreadable: its own finding says what is wrong, not "missing".
        match kind {
            Kind::Site => self.seen_site = true,
            Kind::Sop => self.seen_sop = true,
            _ => {}
        }
        let (text, parsed) = match contents {
            Err(Undecodable::Utf16) => {
                self.unread(&kind);
                let file = self.add_source(path, String::new());
                self.loaded.findings.push(
                    Finding::error(self.say(
                        "berkas ini disimpan sebagai UTF-16 (\"Unicode\"), bukan UTF-8",
                        "this file is saved as UTF-16 (\"Unicode\"), not UTF-8",
                    ))
                    .at(file, 0..0)
                    .label(self.say("berkas ini", "this file"))
                    .help(self.save_as_utf8()),
                );
                return;
            }
            Err(Undecodable::NotUtf8 { text, offset }) => {
                self.unread(&kind);
                let file = self.add_source(path, text);
                self.loaded.findings.push(
                    Finding::error(
                        self.say("berkas ini bukan teks UTF-8", "this file is not UTF-8 text"),
                    )
                    .at(file, offset..offset + 1)
                    .label(self.say("bita tidak sah di sini", "invalid byte here"))
                    .help(self.save_as_utf8()),
                );
                return;
            }
            Ok(Parsing { text, parsed }) => (text, parsed),
        };
        let file = self.add_source(path, text);
        let year = match kind {
            Kind::Pk(y, _)
            | Kind::Realisations(y, _)
            | Kind::Process(y)
            | Kind::FollowUp(y)
            | Kind::YearPage(y, _) => Some(y),
            _ => None,
        };
        let before = self.loaded.findings.list.len();
        let parsed = match parsed {
            Ok(parsed) => Some(parsed),
            Err(failure) => {
                let finding =
                    failure.finding(file, &self.loaded.sources.get(file).text, self.language);
                self.loaded.findings.push(finding);
                None
            }
        };
        match kind {
            Kind::Site => {
                if let Some(Parsed::Site(mut site)) = parsed {
                    site.file = file;
                    self.check_base_url(file, &site.base_url);
                    self.loaded.report.site = site;
                    self.loaded.report.site_read = true;
                    let text = &self.loaded.sources.get(file).text;
                    let nips = mistakes::check_nips(self.language, &mut self.loaded.report, text);
                    self.loaded.findings.extend(nips);
                }
            }
            Kind::Sop => {
                if let Some(Parsed::Sop(mut sop)) = parsed {
                    sop.file = file;
                    self.loaded.report.sop = sop;
                    self.loaded.report.sop_read = true;
                }
            }
            Kind::Renstra => {
                if let Some(Parsed::Renstra(mut renstra)) = parsed {
                    renstra.file = file;
                    self.loaded.report.renstra = Some(renstra);
                }
            }
            Kind::Page(slug) => {
                if let Some(Parsed::Page(mut page)) = parsed {
                    page.file = file;
                    page.slug = slug;
                    self.loaded.report.pages.push(page);
                }
            }
            Kind::YearPage(y, slug) => {
                if let Some(Parsed::Page(mut page)) = parsed {
                    page.file = file;
                    page.slug = slug;
                    page.year = Some(y);
                    self.year(y).pages.push(page);
                } else {
                    self.year(y);
                }
            }
            Kind::Pk(y, id) => {
                if let Some(Parsed::Pk(mut pk)) = parsed {
                    pk.file = file;
                    pk.id = id;
                    pk.fill_programme_ids();
                    self.year(y).pks.push(pk);
                } else {
                    self.year(y).unreadable_pks.insert(id);
                }
            }
            Kind::Realisations(y, id) => {
                if let Some(Parsed::Realisations(mut r)) = parsed {
                    r.file = file;
                    r.pk = id.clone();
                    self.year(y).realisations.insert(id, r);
                } else {
                    self.year(y);
                }
            }
            Kind::Process(y) => {
                if let Some(Parsed::Process(mut p)) = parsed {
                    p.file = file;
                    self.year(y).process = Some(p);
                } else {
                    self.year(y);
                }
            }
            Kind::FollowUp(y) => {
                if let Some(Parsed::FollowUp(mut f)) = parsed {
                    f.file = file;
                    self.year(y).follow_up = Some(f);
                } else {
                    self.year(y);
                }
            }
        }
        if let Some(year) = year {
            for finding in &mut self.loaded.findings.list[before..] {
                finding.year = Some(year);
            }
        }
    }

    /// Ids and references to them that hold an invisible or look-alike character: an error at
    /// the character each, and the id as it looks for the checks that follow, which would
    /// otherwise call it unknown or invalid as well.
    fn odd_ids(&mut self) {
        let language = self.language;
        let Loaded {
            report,
            sources,
            findings,
        } = &mut self.loaded;
        for_each_id(report, &mut |file, year, id| {
            if let Some((mut finding, plain)) =
                mistakes::odd_in_id(language, &sources.get(file).text, file, id)
            {
                finding.year = year;
                findings.push(finding);
                id.value = plain;
            }
        });
    }

    fn year(&mut self, year: i32) -> &mut Year {
        self.loaded
            .report
            .years
            .entry(year)
            .or_insert_with(|| Year {
                year,
                ..Year::default()
            })
    }

    /// `base_url` starts every link of the site: `javascript://%0a…` would run on a click.
    /// Checked here, where its place in site.toml is known.
    fn check_base_url(&mut self, file: FileId, base_url: &str) {
        if crate::validate::is_safe_base_url(base_url) {
            return;
        }
        #[derive(serde::Deserialize)]
        struct Placed {
            base_url: toml::Spanned<String>,
        }
        let text = &self.loaded.sources.get(file).text;
        let span = toml::from_str::<Placed>(text).map_or(0..0, |p| p.base_url.span());
        let finding = Finding::error(self.say(
            "`base_url` bukan jalur atau alamat web",
            "`base_url` is not a path or a web address",
        ))
        .at(file, span)
        .label(self.say(
            "setiap tautan situs diawali dengan ini",
            "every link of the site starts with this",
        ))
        .help(self.say(
            "tulis jalur seperti \"/\" atau \"/lkjip/\", atau alamat web seperti \"https://dp3appkb.tarakankota.go.id/lkjip/\"",
            "write a path such as \"/\" or \"/lkjip/\", or a web address such as \"https://dp3appkb.tarakankota.go.id/lkjip/\"",
        ));
        self.loaded.findings.push(finding);
    }

    fn finish(&mut self) {
        let site_what = self.say(
            "judul situs, instansi dan para pejabat",
            "the site's title, agency and officials",
        );
        let sop_what = self.say(
            "SOP yang menjadi acuan pemeriksaan data",
            "the SOP the data is checked against",
        );
        for (seen, name, what) in [
            (self.seen_site, "site.toml", site_what),
            (self.seen_sop, "sop.toml", sop_what),
        ] {
            if !seen {
                let path = self.content.join(name);
                let shown = path.display();
                let finding = Finding::error(self.say(
                    &format!("`{shown}` tidak ada"),
                    &format!("`{shown}` is missing"),
                ))
                .help(self.say(
                    &format!("buat {name}: berkas ini memuat {what} (contohnya ada di README)"),
                    &format!("create {name}: it holds {what} (see the README for an example)"),
                ));
                self.loaded.findings.push(finding);
            }
        }
        self.odd_ids();
        normalise_ids(&mut self.loaded.report);
        for (year, id) in std::mem::take(&mut self.unread_pks) {
            let year = self.year(year);
            if year.pk(&id).is_none() {
                year.unreadable_pks.insert(id);
            }
        }
        self.loaded
            .report
            .pages
            .sort_by(|a, b| (a.front.order, &a.slug).cmp(&(b.front.order, &b.slug)));
        for year in self.loaded.report.years.values_mut() {
            year.pks.sort_by(|a, b| a.id.cmp(&b.id));
            year.pages
                .sort_by(|a, b| (a.front.order, &a.slug).cmp(&(b.front.order, &b.slug)));
        }
    }
}

/// The folder beside the year folders that holds evidence files (`bukti = [...]`).
pub const EVIDENCE_FOLDER: &str = "bukti";

fn classify(parts: &[String]) -> Option<Kind> {
    let stem = |name: &str, ext: &str| {
        name.strip_suffix(ext)
            .filter(|s| !s.is_empty())
            .map(str::to_lowercase)
    };
    match parts {
        [name] if name == "site.toml" => Some(Kind::Site),
        [name] if name == "sop.toml" => Some(Kind::Sop),
        [name] if name == "renstra.toml" => Some(Kind::Renstra),
        [dir, name] if dir == "pages" => stem(name, ".md").map(Kind::Page),
        [year, dir, name] if dir == "pages" => {
            Some(Kind::YearPage(year_of(year)?, stem(name, ".md")?))
        }
        [year, name] if name == "proses.toml" => year_of(year).map(Kind::Process),
        [year, name] if name == "tindak_lanjut.toml" => year_of(year).map(Kind::FollowUp),
        [year, dir, name] if dir == "pk" => Some(Kind::Pk(year_of(year)?, stem(name, ".toml")?)),
        [year, dir, name] if dir == "realisasi" => {
            Some(Kind::Realisations(year_of(year)?, stem(name, ".toml")?))
        }
        _ => None,
    }
}

/// A budget-year folder name: exactly four digits.
pub(crate) fn year_of(name: &str) -> Option<i32> {
    (name.len() == 4 && name.bytes().all(|b| b.is_ascii_digit()))
        .then(|| name.parse().ok())
        .flatten()
}

/// Backup and swap files that editors leave beside the files they save.
pub fn is_editor_file(name: &str) -> bool {
    name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.ends_with(".bak")
        || name.contains("__jb_tmp__")
        || name.starts_with(".#")
        // Office's lock files, and what Windows leaves in folders it shows as pictures.
        || name.starts_with("~$")
        || name.eq_ignore_ascii_case("thumbs.db")
        || name.eq_ignore_ascii_case("desktop.ini")
}

/// Splits `+++\n<toml>\n+++\n<body>`; returns the front matter and the offsets of the front
/// matter and the body.
fn split_front_matter(text: &str) -> Option<(&str, usize, usize)> {
    let first_line_end = text.find('\n')?;
    if text[..first_line_end].trim_end() != "+++" {
        return None;
    }
    let front_start = first_line_end + 1;
    let mut offset = front_start;
    for line in text[front_start..].split_inclusive('\n') {
        if line.trim_end() == "+++" {
            let body = offset + line.len();
            return Some((&text[front_start..offset], front_start, body));
        }
        offset += line.len();
    }
    None
}

/// A TOML syntax or type error as a finding, with a "did you mean" for unknown keys and words.
/// `text` is the TOML that was parsed, `offset` where it starts in the file.
fn toml_finding(
    error: &toml::de::Error,
    file: FileId,
    text: &str,
    offset: usize,
    language: Language,
) -> Finding {
    let message = error.message().trim().to_string();
    let span = error.span().unwrap_or(0..0);
    let mut at = span.clone();
    let mut label = label_for(language, &message);
    // The most common slip of all: a decimal comma, or thousands separators.
    let (headline, help) = if let Some(number) = written_number(text, span.start) {
        label = crate::finding::say(language, "bukan angka", "not a number");
        (
            crate::finding::say(
                language,
                format!("`{number}` bukan angka TOML"),
                format!("`{number}` is not a number"),
            ),
            crate::finding::say(
                language,
                "TOML memakai titik sebagai tanda desimal dan tanpa pemisah ribuan: tulis `92.5` (bukan 92,5) dan `1250000000` (bukan 1.250.000.000 atau 1 250 000 000)",
                "write numbers with a decimal point and without thousands separators: `92.5`, `1250000000`",
            ),
        )
    // What the user cannot see, or cannot tell apart: an invisible or look-alike character,
    // or Word's quotes, at the error or just before it. The finding points at it.
    } else if let Some((headline, help, here)) =
        mistakes::odd_at_error(language, text, &span, &message)
    {
        at = here;
        label = mistakes_label(language);
        (headline, help)
    } else if let Some((word, allowed)) = unknown_variant(&message) {
        let key = mistakes::key_before(text, span.start);
        label = crate::finding::say(language, "bukan kata yang dikenal", "not an allowed word");
        mistakes::unknown_word(language, word, &allowed, key)
    // `eselon = II`: a word without its quotes, which the parser takes for a bad number.
    } else if let Some((word, texts)) = mistakes::bare_word(language, text, &span, &message) {
        at = span.start..span.start + word;
        label = crate::finding::say(language, "tanpa tanda kutip", "without quotes");
        texts
    // `nilai =` with nothing after it: the parser's "must be quoted" would mislead.
    } else if message.starts_with("string values must be quoted")
        && text.get(span.start..).is_some_and(|t| {
            t.trim_start_matches([' ', '\t'])
                .starts_with(['\n', '\r', '#'])
                || t.trim().is_empty()
        })
    {
        (
            crate::finding::say(
                language,
                "nilainya tidak ada setelah `=`",
                "the value is missing after `=`",
            ),
            crate::finding::say(
                language,
                "tulis nilainya: angka, teks dalam tanda kutip, tanggal (YYYY-MM-DD), true atau false",
                "write a value: a number, text in quotes, a date (YYYY-MM-DD), true or false",
            ),
        )
    } else {
        explain_toml_message(language, &message)
    };
    Finding::error(headline)
        .at(file, at.start + offset..at.end + offset)
        .label(label)
        .help(help)
}

fn mistakes_label(language: Language) -> String {
    crate::finding::say(language, "karakter ini", "this character")
}

/// serde's `unknown variant `kabag`, expected one of `kepala_opd`, …`: the word written and
/// the words allowed.
fn unknown_variant(message: &str) -> Option<(&str, Vec<&str>)> {
    if !message.starts_with("unknown variant ") {
        return None;
    }
    let quoted: Vec<&str> = message.split('`').skip(1).step_by(2).collect();
    let word = quoted.first().copied().unwrap_or("");
    Some((word, quoted.iter().skip(1).copied().collect()))
}

/// The number-like word at `at` when it is written the Indonesian way (`92,5`, `1.250.000`)
/// or otherwise cannot be a TOML number (`92.5.1`).
fn written_number(text: &str, at: usize) -> Option<&str> {
    let is_part = |c: char| c.is_ascii_digit() || matches!(c, '.' | ',' | '_' | '-' | '+');
    let at = at.min(text.len());
    if !text.is_char_boundary(at) {
        return None;
    }
    // After the last character that is not part of a number (it may be several bytes long).
    let start = text[..at]
        .char_indices()
        .rev()
        .find(|(_, c)| !is_part(*c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let mut end = text[at..]
        .find(|c: char| !is_part(c))
        .map_or(text.len(), |i| at + i);
    // Groups of three digits after a space, as Excel shows `12 350` (often a non-breaking
    // space): a thousands separator too.
    let mut grouped = false;
    while let Some(space) = text[end..]
        .chars()
        .next()
        .filter(|c| matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
    {
        let group = &text[end + space.len_utf8()..];
        let digits = group.bytes().take_while(u8::is_ascii_digit).count();
        let after = group[digits..].chars().next();
        if digits != 3 || after.is_some_and(|c| is_part(c) && !matches!(c, ',' | '.')) {
            break;
        }
        end += space.len_utf8() + 3;
        grouped = true;
    }
    let word = text[start..end].trim_end_matches([',', '.']);
    let digits = word.chars().filter(char::is_ascii_digit).count();
    let odd = grouped || word.contains(',') || word.matches('.').count() > 1;
    (digits > 0 && odd && word.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '+'))
        .then_some(word)
}

fn label_for(language: Language, message: &str) -> String {
    let say = |id: &str, en: &str| crate::finding::say(language, id, en);
    if message.starts_with("unknown field") {
        say("kunci tidak dikenal", "unknown key")
    } else if message.starts_with("missing field") {
        say("di tabel ini", "in this table")
    } else if message.starts_with("unknown variant") {
        say("bukan kata yang dikenal", "not one of the allowed words")
    } else if message.starts_with("invalid type") {
        say("jenis nilai salah", "wrong type")
    } else if message.starts_with("duplicate key") {
        say("ditulis dua kali", "written twice")
    } else {
        say("di sini", "here")
    }
}

/// Turns serde's and the TOML parser's wording into the user's, in the site's language: the
/// message and what to do.
fn explain_toml_message(language: Language, message: &str) -> (String, String) {
    let say = |id: String, en: String| crate::finding::say(language, id, en);
    let quoted: Vec<&str> = message.split('`').skip(1).step_by(2).collect();
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let key = quoted.first().copied().unwrap_or(rest);
        let expected: Vec<&str> = quoted.iter().skip(1).copied().collect();
        let help = match did_you_mean(key, expected.iter().copied()) {
            Some(s) => say(
                format!("mungkin maksudnya `{s}`?"),
                format!("did you mean `{s}`?"),
            ),
            None if expected.is_empty() => say(
                "hapus kunci ini: tabel ini tidak menerima kunci apa pun".into(),
                "remove this key: this table takes no keys".into(),
            ),
            None => say(
                format!(
                    "hapus kunci ini, atau pakai salah satu kunci tabel ini: {}",
                    expected.join(", ")
                ),
                format!(
                    "remove it, or use one of the keys this table takes: {}",
                    expected.join(", ")
                ),
            ),
        };
        return (
            say(
                format!("kunci `{key}` tidak dikenal"),
                format!("unknown key `{key}`"),
            ),
            help,
        );
    }
    if message.starts_with("missing field ") {
        let key = quoted.first().copied().unwrap_or("");
        return (
            say(
                format!("kunci wajib `{key}` belum ada"),
                format!("the required key `{key}` is missing"),
            ),
            say(
                format!(
                    "tambahkan `{key} = …` ke tabel ini (setiap kunci dijelaskan di docs/data.md)"
                ),
                format!("add `{key} = …` to this table (every key is described in docs/data.md)"),
            ),
        );
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        return explain_invalid_type(language, rest);
    }
    if message.starts_with("duplicate key") {
        let headline = match quoted.first() {
            Some(key) => say(
                format!("kunci `{key}` ditulis dua kali"),
                format!("duplicate key `{key}`"),
            ),
            None => say(
                "kunci ini sudah ditulis sebelumnya di tabel yang sama".into(),
                "duplicate key".into(),
            ),
        };
        return (
            headline,
            say(
                "sebuah kunci ditulis sekali saja dalam satu tabel: hapus salah satunya".into(),
                "a key is written once per table: remove one of the two".into(),
            ),
        );
    }
    if message.contains("floating-point number overflowed") {
        return (
            say(
                "angka ini terlalu besar: melebihi ±1.8e308".into(),
                "this number is too large: beyond ±1.8e308".into(),
            ),
            say(
                "tulis angka berukuran wajar, misalnya 92.5".into(),
                "write a number of a normal size, e.g. 92.5".into(),
            ),
        );
    }
    if message.contains("recurse") || message.contains("recursion") {
        return (
            say(
                "nilai-nilainya bersarang terlalu dalam".into(),
                "the values are nested too deeply".into(),
            ),
            say(
                "berkas capaian paling banyak menyarangkan tabel dan daftar beberapa tingkat: periksa tanda kurung di sini".into(),
                "capaian's files nest tables and lists a few levels at most: check the brackets here".into(),
            ),
        );
    }
    if message.starts_with("invalid date") || message.starts_with("invalid time") {
        return (
            say(invalid_date_id(message), message.to_string()),
            say(
                "tulis tanggal yang ada sebagai YYYY-MM-DD (misalnya 2025-01-31), jam sebagai HH:MM:SS".into(),
                "write a date that exists as YYYY-MM-DD (e.g. 2025-01-31), a time as HH:MM:SS".into(),
            ),
        );
    }
    if message.starts_with("invalid basic string, expected `\"`")
        || message.starts_with("invalid literal string, expected `'`")
    {
        return (
            say("teksnya tidak ditutup".into(), "the text is not closed".into()),
            say(
                "tutup teks dengan tanda kutip di baris yang sama; untuk teks beberapa baris pakai \"\"\"…\"\"\"".into(),
                "end the text with a quote on the same line; for text over several lines use \"\"\"…\"\"\"".into(),
            ),
        );
    }
    if message.starts_with("string values must be quoted") {
        return (
            say(
                "teks harus diapit tanda kutip".into(),
                message.to_string(),
            ),
            say(
                "apit teks dengan tanda kutip (\"…\"); angka, tanggal (YYYY-MM-DD), true dan false tanpa tanda kutip".into(),
                "put text in quotes (\"…\"); numbers, dates (YYYY-MM-DD), true and false have none".into(),
            ),
        );
    }
    // capaian's own value checks say what to write after ": write ".
    if let Some((what, write)) = message.split_once(": write ") {
        return (
            say(own_check_id(what), what.to_string()),
            say(
                format!("tulis {}", write_id(write)),
                format!("write {write}"),
            ),
        );
    }
    (
        say(parser_message_id(message), message.to_string()),
        say(
            "perbaiki penulisan TOML di sini; tata tulisnya ada di https://toml.io/id/".into(),
            "fix the TOML here; see https://toml.io for the syntax".into(),
        ),
    )
}

/// The TOML parser's date and time messages (`invalid date, expected day between 01 and 28`)
/// in Indonesian.
fn invalid_date_id(message: &str) -> String {
    let what = if message.starts_with("invalid time") {
        "jam tidak sah"
    } else {
        "tanggal tidak sah"
    };
    let Some((_, expected)) = message.split_once(", expected ") else {
        return what.to_string();
    };
    let words = [
        (
            "a four-digit year (YYYY)",
            "tahun empat angka (YYYY)".to_string(),
        ),
        (
            "month between 01 and 12",
            "bulan antara 01 dan 12".to_string(),
        ),
        ("hour between 00 and 23", "jam antara 00 dan 23".to_string()),
        (
            "minute between 00 and 59",
            "menit antara 00 dan 59".to_string(),
        ),
        (
            "second between 00 and 60",
            "detik antara 00 dan 60".to_string(),
        ),
    ];
    let wanted = words
        .iter()
        .find(|(en, _)| expected.starts_with(en))
        .map(|(_, id)| id.clone())
        .or_else(|| {
            expected
                .strip_prefix("day between ")
                .map(|range| format!("hari antara {}", range.replace(" and ", " dan ")))
        });
    match wanted {
        Some(wanted) => format!("{what}: seharusnya {wanted}"),
        None => what.to_string(),
    }
}

/// The messages of the model's own value checks (`triwulan 5 does not exist`, `` `x` is not a
/// plain date ``) in Indonesian.
fn own_check_id(what: &str) -> String {
    let quoted = what.split('`').nth(1).unwrap_or("");
    if let Some(rest) = what.strip_prefix("triwulan ") {
        let q = rest.split_whitespace().next().unwrap_or("");
        return format!("triwulan {q} tidak ada");
    }
    if what.ends_with("is not a plain date") {
        return format!("`{quoted}` bukan tanggal biasa");
    }
    if what.ends_with("is not a date or local date-time") {
        return format!("`{quoted}` bukan tanggal atau tanggal-jam setempat");
    }
    if what.ends_with("is not a time standard") {
        return format!("`{quoted}` bukan standar waktu");
    }
    if what.contains("is not a time") {
        return format!("`{quoted}` bukan jam yang sah");
    }
    format!("nilai ini tidak sah ({what})")
}

/// What the model's own value checks say to write, in Indonesian.
fn write_id(write: &str) -> String {
    write
        .replace(
            "YYYY-MM-DDTHH:MM:SS without a time zone",
            "YYYY-MM-DDTHH:MM:SS tanpa zona waktu",
        )
        .replace("write it as ", "")
        .replace(" or ", " atau ")
        .replace("it as ", "")
}

/// The TOML parser's syntax messages (`unclosed array table, expected `]]``) in Indonesian: the
/// common ones by name, the rest as "TOML is not valid here".
fn parser_message_id(message: &str) -> String {
    let (what, expected) = message
        .split_once(", expected ")
        .map_or((message, None), |(w, e)| (w, Some(e)));
    let known = [
        ("unclosed array table", "tabel daftar `[[…]]` tidak ditutup"),
        ("unclosed array", "daftar `[…]` tidak ditutup"),
        ("unclosed table", "judul tabel `[…]` tidak ditutup"),
        ("unclosed inline table", "tabel sebaris `{…}` tidak ditutup"),
        (
            "unexpected key or value",
            "ada kunci atau nilai yang tidak semestinya di sini",
        ),
        (
            "unexpected content",
            "ada isi yang tidak semestinya di sini",
        ),
        (
            "missing comma between array elements",
            "tanda koma antara anggota daftar tidak ada",
        ),
        (
            "missing comma between key-value pairs",
            "tanda koma antara pasangan kunci-nilai tidak ada",
        ),
        (
            "missing assignment between key-value pairs",
            "tanda `=` antara kunci dan nilai tidak ada",
        ),
        ("missing value", "nilainya tidak ada"),
        ("key with no value", "kunci tanpa nilai"),
        (
            "extra comma in array",
            "ada tanda koma berlebih dalam daftar",
        ),
        (
            "extra comma in inline table",
            "ada tanda koma berlebih dalam tabel sebaris",
        ),
        (
            "extra assignment between key-value pairs",
            "ada tanda `=` berlebih",
        ),
        ("extra `=`", "ada tanda `=` berlebih"),
        ("invalid key", "kunci tidak sah"),
        ("invalid unquoted key", "kunci tanpa tanda kutip tidak sah"),
        (
            "unquoted keys cannot be empty",
            "kunci tanpa tanda kutip tidak boleh kosong",
        ),
        ("invalid string", "teks tidak sah"),
        ("invalid basic string", "teks tidak sah"),
        ("invalid literal string", "teks tidak sah"),
        (
            "invalid multi-line basic string",
            "teks beberapa baris tidak sah",
        ),
        (
            "invalid multi-line literal string",
            "teks beberapa baris tidak sah",
        ),
        ("invalid escape", "urutan `\\` dalam teks tidak sah"),
        (
            "missing escaped value",
            "urutan `\\` dalam teks tidak lengkap",
        ),
        ("invalid integer number", "bilangan bulat tidak sah"),
        ("invalid float", "angka tidak sah"),
        ("invalid fraction", "pecahan desimal tidak sah"),
        ("invalid exponent", "eksponen tidak sah"),
        ("invalid mantissa", "angka tidak sah"),
        ("unexpected leading zero", "angka tidak boleh diawali nol"),
        (
            "`_` may only go between digits",
            "`_` hanya boleh di antara angka",
        ),
        (
            "invalid boolean",
            "nilai benar/salah tidak sah: tulis true atau false",
        ),
        ("invalid value", "nilai tidak sah"),
        ("invalid table", "tabel tidak sah"),
        (
            "invalid comment character",
            "karakter tidak sah dalam komentar",
        ),
        (
            "carriage return must be followed by newline",
            "karakter CR harus diikuti baris baru",
        ),
    ];
    let said = known
        .iter()
        .find(|(en, _)| what == *en)
        .map(|(_, id)| id.to_string())
        .unwrap_or_else(|| "penulisan TOML tidak sah di sini".to_string());
    match expected {
        Some(e) => {
            // The parser's names of what it expected, in the editors' words.
            let mut e = e.trim().to_string();
            for (en, id) in [
                ("nothing", "tidak ada apa-apa lagi di baris ini"),
                ("newline", "baris baru"),
                ("whitespace", "spasi"),
                ("comment", "komentar"),
                ("literal string", "teks dalam petik tunggal"),
                ("basic string", "teks dalam petik ganda"),
                ("a value", "sebuah nilai"),
                ("value", "nilai"),
                ("key", "kunci"),
                ("letters", "huruf"),
                ("numbers", "angka"),
                (" or ", " atau "),
            ] {
                e = e.replace(en, id);
            }
            format!("{said}; seharusnya {e}")
        }
        None => said,
    }
}

/// `integer `2026`, expected a string` in the user's words.
fn explain_invalid_type(language: Language, rest: &str) -> (String, String) {
    let say = |id: String, en: String| crate::finding::say(language, id, en);
    let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
    let expected = expected.trim();
    let wanted = match expected {
        "i64" | "i32" | "i16" | "u64" | "u32" | "u16" | "u8" | "usize" => {
            say("bilangan bulat".into(), "a whole number".into())
        }
        "f64" | "f32" => say("angka".into(), "a number".into()),
        "a string" | "string" => say("teks dalam tanda kutip".into(), "text in quotes".into()),
        "a boolean" | "bool" => say("`true` atau `false`".into(), "`true` or `false`".into()),
        "a sequence" => say(
            "daftar dalam kurung siku, [ … ]".into(),
            "a list in brackets, [ … ]".into(),
        ),
        e if e.starts_with("struct ") || e.starts_with("a map") || e == "map" => {
            say("tabel".into(), "a table".into())
        }
        e if e.starts_with("an array of length") => {
            let n = e.trim_start_matches("an array of length ");
            say(format!("daftar {n} nilai"), format!("a list of {n}"))
        }
        e if e.contains("TOML datetime") || e.contains("date") => {
            say("tanggal, YYYY-MM-DD".into(), "a date, YYYY-MM-DD".into())
        }
        e => say(format!("nilai lain ({e})"), e.to_string()),
    };
    let value = found
        .split_once('`')
        .and_then(|(_, v)| v.split_once('`'))
        .map(|(v, _)| v);
    let is_big_integer = found.starts_with("integer") && found.contains("i128");
    if let (true, Some(v)) = (is_big_integer, value) {
        return (
            say(
                format!("angka {v} terlalu besar"),
                format!("the number {v} is too large"),
            ),
            say(
                format!(
                    "bilangan bulat paling besar 9223372036854775807; periksa apakah ada angka berlebih (seharusnya {wanted})"
                ),
                format!(
                    "whole numbers go up to 9223372036854775807; check for extra digits (expected {wanted})"
                ),
            ),
        );
    }
    let found_words = if let Some(s) = found.strip_prefix("string ") {
        say(format!("teks {s}"), format!("the text {s}"))
    } else if let (true, Some(v)) = (
        found.starts_with("integer") || found.starts_with("floating point"),
        value,
    ) {
        say(format!("angka {v}"), format!("the number {v}"))
    } else if let (true, Some(v)) = (found.starts_with("boolean"), value) {
        format!("`{v}`")
    } else if found.starts_with("sequence") {
        say("daftar".into(), "a list".into())
    } else if found.starts_with("map") {
        say("tabel".into(), "a table".into())
    } else {
        found.to_string()
    };
    (
        say(
            format!("seharusnya {wanted}, tertulis {found_words}"),
            format!("expected {wanted}, found {found_words}"),
        ),
        say(
            "tulis nilai dengan jenis yang diminta: angka tanpa tanda kutip, teks dalam tanda kutip, tanggal sebagai YYYY-MM-DD".into(),
            "write the value with the type shown: numbers without quotes, text in quotes, dates as YYYY-MM-DD".into(),
        ),
    )
}

/// Calls `f` with every id and every reference to one in the model, and the file it is
/// written in.
fn for_each_id(report: &mut Report, f: &mut impl FnMut(FileId, Option<i32>, &mut Sp<String>)) {
    let file = report.site.file;
    for official in &mut report.site.officials {
        f(file, None, &mut official.id);
        f(file, None, &mut official.superior);
    }
    if let Some(renstra) = &mut report.renstra {
        let file = renstra.file;
        renstra
            .indicators
            .iter_mut()
            .for_each(|i| f(file, None, &mut i.id));
    }
    for (&y, year) in report.years.iter_mut() {
        let y = Some(y);
        for pk in &mut year.pks {
            let file = pk.file;
            f(file, y, &mut pk.official);
            for goal in &mut pk.goals {
                f(file, y, &mut goal.id);
                f(file, y, &mut goal.supports);
                goal.indicators
                    .iter_mut()
                    .for_each(|i| f(file, y, &mut i.id));
            }
            for programme in &mut pk.programmes {
                f(file, y, &mut programme.id);
                programme.goals.iter_mut().for_each(|g| f(file, y, g));
            }
        }
        for realisations in year.realisations.values_mut() {
            let file = realisations.file;
            for entry in &mut realisations.entries {
                f(file, y, &mut entry.indicator);
                if let Some(reporter) = &mut entry.reporter {
                    f(file, y, reporter);
                }
            }
            for s in &mut realisations.spending {
                if let Some(program) = &mut s.program {
                    f(file, y, program);
                }
                if let Some(code) = &mut s.sub_activity {
                    f(file, y, code);
                }
            }
        }
        if let Some(process) = &mut year.process {
            let file = process.file;
            process.steps.iter_mut().for_each(|s| f(file, y, &mut s.by));
        }
    }
}

/// Ids are case-insensitive: every id and every reference to one is lower-cased once,
/// here, so that later stages compare plain strings.
fn normalise_ids(report: &mut Report) {
    let lower = |s: &mut String| {
        if s.chars().any(char::is_uppercase) {
            *s = s.to_lowercase();
        }
    };
    for official in &mut report.site.officials {
        lower(&mut official.id.value);
        lower(&mut official.superior.value);
    }
    if let Some(renstra) = &mut report.renstra {
        for indicator in &mut renstra.indicators {
            lower(&mut indicator.id.value);
        }
    }
    // The years hold nearly all the ids, in many small strings: each core takes some years.
    report.years.par_iter_mut().for_each(|(_, year)| {
        for pk in &mut year.pks {
            lower(&mut pk.official.value);
            for goal in &mut pk.goals {
                lower(&mut goal.id.value);
                lower(&mut goal.supports.value);
                for indicator in &mut goal.indicators {
                    lower(&mut indicator.id.value);
                }
            }
            for programme in &mut pk.programmes {
                lower(&mut programme.id.value);
                for goal in &mut programme.goals {
                    lower(&mut goal.value);
                }
            }
        }
        for realisations in year.realisations.values_mut() {
            for entry in &mut realisations.entries {
                lower(&mut entry.indicator.value);
                if let Some(reporter) = &mut entry.reporter {
                    lower(&mut reporter.value);
                }
            }
            for spending in &mut realisations.spending {
                if let Some(program) = &mut spending.program {
                    lower(&mut program.value);
                }
            }
        }
        if let Some(process) = &mut year.process {
            for step in &mut process.steps {
                lower(&mut step.by.value);
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_split_with_offsets() {
        let text = "+++\njudul = \"A\"\n+++\n# Body\n";
        let (front, start, body) = split_front_matter(text).unwrap();
        assert_eq!(front, "judul = \"A\"\n");
        assert_eq!(start, 4);
        assert_eq!(&text[body..], "# Body\n");
    }

    #[test]
    fn unknown_key_gets_a_did_you_mean() {
        let (headline, help) = explain_toml_message(
            Language::English,
            "unknown field `judull`, expected one of `judul`, `base_url`, `bahasa`",
        );
        assert_eq!(headline, "unknown key `judull`");
        assert_eq!(help, "did you mean `judul`?");
    }

    #[test]
    fn unknown_word_gets_a_did_you_mean() {
        let message = "unknown variant `positip`, expected `positif` or `negatif`";
        let (word, allowed) = unknown_variant(message).unwrap();
        assert_eq!(
            (word, allowed.as_slice()),
            ("positip", &["positif", "negatif"][..])
        );
        let (headline, help) =
            mistakes::unknown_word(Language::English, word, &allowed, Some("polaritas"));
        assert_eq!(
            headline,
            "\"positip\" is not an allowed value of `polaritas`"
        );
        assert_eq!(
            help,
            "did you mean \"positif\"? the allowed values: \"positif\", \"negatif\""
        );
        let (headline, help) =
            mistakes::unknown_word(Language::Indonesian, word, &allowed, Some("polaritas"));
        assert_eq!(
            headline,
            "\"positip\" bukan kata yang dikenal untuk `polaritas`"
        );
        assert!(help.starts_with("maksud Anda \"positif\"?"), "{help}");
        assert_eq!(
            mistakes::key_before("  peran = \"kabag\"\n", 10),
            Some("peran")
        );
    }

    #[test]
    fn numbers_written_the_indonesian_way_are_named() {
        assert_eq!(written_number("target = 92,5\n", 11), Some("92,5"));
        assert_eq!(
            written_number("pagu = 1.250.000.000\n", 12),
            Some("1.250.000.000")
        );
        assert_eq!(written_number("target = 92.5.1", 13), Some("92.5.1"));
        assert_eq!(written_number("target = 92.5\n", 9), None);
        assert_eq!(written_number("sasaran = [\"s1\", \"s2\"]", 16), None);
        assert_eq!(written_number("x = é", 5), None);
        // Found by the fuzzer: a multi-byte character just before the number.
        assert_eq!(written_number("[\u{feff}[langkah]]", 4), None);
        assert_eq!(written_number("x = \u{202e}9,5", 7), Some("9,5"));
        // Excel's thousands groups, with a space or a non-breaking space.
        assert_eq!(written_number("nilai = 12 350\n", 8), Some("12 350"));
        assert_eq!(
            written_number("pagu = 1\u{a0}250\u{a0}000\u{a0}000 # rupiah\n", 7),
            Some("1\u{a0}250\u{a0}000\u{a0}000")
        );
        assert_eq!(written_number("x = 12 35\n", 4), None);
        assert_eq!(written_number("x = [1, 2]", 5), None);
    }

    #[test]
    fn types_are_named_in_the_users_words() {
        let (headline, _) = explain_toml_message(
            Language::English,
            "invalid type: string \"1,25 M\", expected i64",
        );
        assert_eq!(
            headline,
            "expected a whole number, found the text \"1,25 M\""
        );
        let (headline, _) = explain_toml_message(
            Language::English,
            "invalid type: integer `2026`, expected a string",
        );
        assert_eq!(headline, "expected text in quotes, found the number 2026");
        let (headline, help) = explain_toml_message(
            Language::English,
            "invalid type: integer `99999999999999999999` as i128, expected i64",
        );
        assert_eq!(headline, "the number 99999999999999999999 is too large");
        assert!(help.contains("9223372036854775807"), "{help}");
        let (headline, help) = explain_toml_message(
            Language::English,
            "triwulan 5 does not exist: write 1, 2, 3 or 4",
        );
        assert_eq!(
            (headline.as_str(), help.as_str()),
            ("triwulan 5 does not exist", "write 1, 2, 3 or 4")
        );
    }

    #[test]
    fn files_in_memory_load_like_files_on_disk() {
        let loaded = load_files(
            Path::new("content"),
            [
                (
                    "site.toml",
                    &b"judul = \"X\"\n[opd]\nnama = \"A\"\nsingkatan = \"B\"\nwilayah = \"C\"\n"[..],
                ),
                ("2025/pk/Kepala.toml", b"pejabat = \"kepala\"\n"),
                ("2025/pk/kepala.toml", b"pejabat = \"kepala\"\n"),
                ("2025/realisasi/kepala.toml", b"\xff"),
                ("catatan.txt", b"x"),
            ],
        );
        let messages: Vec<&str> = loaded
            .findings
            .list
            .iter()
            .map(|f| f.message.as_str())
            .collect();
        assert!(
            messages.contains(&"`content/sop.toml` tidak ada"),
            "{messages:?}"
        );
        assert!(
            messages.contains(&"berkas ini bukan teks UTF-8"),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.contains("bukan berkas yang dibaca capaian")),
            "{messages:?}"
        );
        assert_eq!(
            loaded.report.years[&2025].pks.len(),
            1,
            "Kepala.toml and kepala.toml are one PK"
        );
        assert!(loaded.report.site_read);
    }

    #[test]
    fn files_in_memory_name_copies_and_misnamed_files_like_files_on_disk() {
        let pk = &b"pejabat = \"kepala\"\n"[..];
        let loaded = load_files(
            Path::new("content"),
            [
                ("site.toml", &b"bahasa = \"en\"\n"[..]),
                ("2025/pk/kepala.toml", pk),
                ("2025/pk/kepala (1).toml", pk),
                ("2025/pk/kepala.toml.bak", pk),
                ("2025/pk/kabid (1).toml", pk),
                ("2025/pk/sekretaris.TOML", pk),
                ("2025/realisasi/kabid.toml", b""),
            ],
        );
        let messages: Vec<(bool, &str)> = loaded
            .findings
            .list
            .iter()
            .map(|f| (f.is_error(), f.message.as_str()))
            .collect();
        let has = |error: bool, start: &str| {
            messages
                .iter()
                .any(|&(e, m)| e == error && m.starts_with(start))
        };
        assert!(
            has(
                true,
                "`kepala (1).toml` looks like a copy of `kepala.toml`: capaian would read it as another PK"
            ),
            "{messages:?}"
        );
        assert!(
            has(false, "`2025/pk/kepala.toml.bak` looks like a backup copy"),
            "{messages:?}"
        );
        // No kabid.toml beside it: rename the download; its realisations are not "without a PK".
        assert!(
            has(
                true,
                "`kabid (1).toml` is named like a copy of `kabid.toml`"
            ),
            "{messages:?}"
        );
        assert!(
            has(true, "the extension `.TOML` is upper-case"),
            "{messages:?}"
        );
        let year = &loaded.report.years[&2025];
        assert_eq!(year.pks.len(), 1);
        assert!(year.unreadable_pks.contains("kabid"));
        assert!(year.unreadable_pks.contains("sekretaris"));
        assert!(
            !year.unreadable_pks.contains("kepala"),
            "kepala.toml was read"
        );
        for f in &loaded.findings.list {
            if let Some(loc) = &f.loc {
                let in_2025 = loaded
                    .sources
                    .get(loc.file)
                    .path
                    .starts_with("content/2025");
                assert_eq!(f.year == Some(2025), in_2025, "{f:?}");
            }
        }
    }

    #[test]
    fn nips_are_eighteen_digits_and_their_spaces_are_removed() {
        let official = |id: &str, nip: &str| {
            format!(
                "[[pejabat]]\nid = \"{id}\"\nnama = \"N\"\nnip = \"{nip}\"\njabatan = \"J\"\nperan = \"kasi\"\neselon = \"IV\"\n"
            )
        };
        let site = format!(
            "judul = \"X\"\nbahasa = \"en\"\n[opd]\nnama = \"A\"\nsingkatan = \"B\"\nwilayah = \"C\"\n{}{}{}{}{}",
            official("a", "19700101 199503 1 001"),
            official("b", ""),
            official("c", "19700101199503100O"),
            official("d", "1970010119950310"),
            official("e", "197001011995031001"),
        );
        let loaded = load_files(Path::new("content"), [("site.toml", site.as_bytes())]);
        let nips: Vec<Option<&str>> = loaded
            .report
            .site
            .officials
            .iter()
            .map(|o| o.nip.as_deref())
            .collect();
        assert_eq!(
            nips,
            [
                Some("197001011995031001"),
                None,
                Some("19700101199503100O"),
                Some("1970010119950310"),
                Some("197001011995031001")
            ]
        );
        let text = &loaded.sources.get(loaded.report.site.file).text;
        let errors: Vec<(String, &str)> = loaded
            .findings
            .list
            .iter()
            .filter(|f| f.message.starts_with("the NIP"))
            .map(|f| {
                let span = f.loc.as_ref().unwrap().span.clone();
                (f.message.clone(), &text[span])
            })
            .collect();
        assert_eq!(
            errors,
            [
                (
                    "the NIP of `c` holds the letter `O`, but a NIP is digits only".to_string(),
                    "\"19700101199503100O\""
                ),
                (
                    "the NIP of `d` has 16 digits, not 18".to_string(),
                    "\"1970010119950310\""
                ),
            ]
        );
    }

    /// The demo report of the repository, copied into a temporary folder to be changed.
    fn demo_copy() -> (tempfile::TempDir, PathBuf) {
        fn copy(from: &Path, to: &Path) {
            std::fs::create_dir_all(to).unwrap();
            for entry in std::fs::read_dir(from).unwrap() {
                let entry = entry.unwrap();
                let target = to.join(entry.file_name());
                if entry.file_type().unwrap().is_dir() {
                    copy(&entry.path(), &target);
                } else {
                    std::fs::copy(entry.path(), target).unwrap();
                }
            }
        }
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        copy(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
            &content,
        );
        (dir, content)
    }

    /// Loads through the cache and asserts that the model, the sources and the findings are
    /// exactly those of a fresh load (spans included: `Sp`'s `==` ignores them, `Debug` not).
    fn assert_cached_load_is_fresh(content: &Path, cache: &mut Cache) -> Loaded {
        let cached = load_cached(content, cache).unwrap();
        let fresh = load(content).unwrap();
        let (cached_text, fresh_text) = (format!("{cached:#?}"), format!("{fresh:#?}"));
        if cached_text != fresh_text {
            let (line, (c, f)) = cached_text
                .lines()
                .zip(fresh_text.lines())
                .enumerate()
                .find(|(_, (c, f))| c != f)
                .unwrap_or((0, ("(one is longer)", "")));
            panic!(
                "the cached load differs from a fresh one at line {line}:\n  cached: {c}\n  fresh:  {f}"
            );
        }
        cached
    }

    /// Where the cache keeps a file's bytes: the same place after a load means the file was
    /// reused, not parsed again.
    fn cached_bytes_at(cache: &Cache, path: &Path) -> Option<*const u8> {
        cache.files.get(path).map(|f| f.bytes.as_ptr())
    }

    fn edit(path: &Path, from: &str, to: &str) {
        let text = std::fs::read_to_string(path).unwrap();
        assert!(text.contains(from), "{} holds no `{from}`", path.display());
        std::fs::write(path, text.replacen(from, to, 1)).unwrap();
    }

    #[test]
    fn a_cached_load_reparses_only_the_changed_file() {
        let (_dir, content) = demo_copy();
        let mut cache = Cache::new();
        let first = assert_cached_load_is_fresh(&content, &mut cache);
        assert!(first.findings.list.is_empty(), "{:?}", first.findings.list);
        assert_eq!(cache.files.len(), first.sources.iter().count());
        let changed = content.join("2025/realisasi/kepala.toml");
        let unchanged = content.join("2025/pk/kepala.toml");
        let (changed_before, unchanged_before) = (
            cached_bytes_at(&cache, &changed),
            cached_bytes_at(&cache, &unchanged),
        );
        edit(&changed, "nilai     = ", "nilai     = 1");
        let second = assert_cached_load_is_fresh(&content, &mut cache);
        assert_ne!(cached_bytes_at(&cache, &changed), changed_before);
        assert_eq!(cached_bytes_at(&cache, &unchanged), unchanged_before);
        assert_ne!(
            format!("{:?}", first.report.years[&2025].realisations["kepala"]),
            format!("{:?}", second.report.years[&2025].realisations["kepala"]),
        );
        // Nothing changed: every file is reused, and the result is still a fresh load's.
        assert_cached_load_is_fresh(&content, &mut cache);
        assert_eq!(cached_bytes_at(&cache, &unchanged), unchanged_before);
    }

    #[test]
    fn files_added_removed_and_renamed_shift_the_file_ids_of_reused_files() {
        let (_dir, content) = demo_copy();
        let mut cache = Cache::new();
        assert_cached_load_is_fresh(&content, &mut cache);
        // Added before every other file of its year, so that every later FileId moves on.
        let kepala = std::fs::read_to_string(content.join("2024/pk/kepala.toml")).unwrap();
        std::fs::write(content.join("2024/pk/aaa.toml"), &kepala).unwrap();
        std::fs::write(content.join("2024/catatan.txt"), "not read").unwrap();
        let added = assert_cached_load_is_fresh(&content, &mut cache);
        assert!(added.report.years[&2024].pk("aaa").is_some());
        let removed = content.join("2023/pk/kabid-dalduk.toml");
        std::fs::remove_file(&removed).unwrap();
        std::fs::remove_file(content.join("2024/pk/aaa.toml")).unwrap();
        assert_cached_load_is_fresh(&content, &mut cache);
        assert_eq!(
            cached_bytes_at(&cache, &removed),
            None,
            "gone files leave the cache"
        );
        std::fs::rename(
            content.join("2025/pages/ikhtisar.md"),
            content.join("2025/pages/zz-ikhtisar.md"),
        )
        .unwrap();
        std::fs::rename(
            content.join("2025/realisasi/kepala.toml"),
            content.join("2025/realisasi/Kepala.toml"),
        )
        .unwrap();
        let renamed = assert_cached_load_is_fresh(&content, &mut cache);
        assert!(
            renamed.report.years[&2025]
                .pages
                .iter()
                .any(|p| p.slug == "zz-ikhtisar")
        );
        assert_eq!(
            renamed.report.years[&2025].realisations["kepala"].pk,
            "kepala"
        );
        std::fs::write(content.join("2025/realisasi/kepala.toml"), "").unwrap();
        let twice = assert_cached_load_is_fresh(&content, &mut cache);
        assert!(
            twice
                .findings
                .list
                .iter()
                .any(|f| f.message.contains("adalah berkas yang sama")),
            "{:?}",
            twice.findings.list
        );
    }

    #[test]
    fn a_file_that_breaks_and_is_mended_loads_as_fresh() {
        let (_dir, content) = demo_copy();
        let mut cache = Cache::new();
        assert_cached_load_is_fresh(&content, &mut cache);
        let pk = content.join("2024/pk/sekretaris.toml");
        let good = std::fs::read(&pk).unwrap();
        edit(&pk, "pejabat", "pejabat = = ");
        let broken = assert_cached_load_is_fresh(&content, &mut cache);
        assert_eq!(broken.findings.list.len(), 1, "{:?}", broken.findings.list);
        assert_eq!(broken.findings.list[0].year, Some(2024));
        assert!(
            broken.report.years[&2024]
                .unreadable_pks
                .contains("sekretaris")
        );
        assert_eq!(cached_bytes_at(&cache, &pk), None, "failures are not kept");
        // Still broken, and unchanged: parsed again, the same finding again.
        assert_cached_load_is_fresh(&content, &mut cache);
        std::fs::write(&pk, &good).unwrap();
        let mended = assert_cached_load_is_fresh(&content, &mut cache);
        assert!(
            mended.findings.list.is_empty(),
            "{:?}",
            mended.findings.list
        );
        // Encodings: a byte-order mark, UTF-16, bytes that are not UTF-8.
        let mut with_bom = b"\xef\xbb\xbf".to_vec();
        with_bom.extend_from_slice(&good);
        std::fs::write(&pk, &with_bom).unwrap();
        assert!(
            assert_cached_load_is_fresh(&content, &mut cache)
                .findings
                .list
                .is_empty()
        );
        std::fs::write(&pk, b"\xff\xfep\x00").unwrap();
        assert_cached_load_is_fresh(&content, &mut cache);
        std::fs::write(&pk, b"pejabat = \"\xff\"").unwrap();
        assert_cached_load_is_fresh(&content, &mut cache);
        std::fs::write(&pk, &good).unwrap();
        assert_cached_load_is_fresh(&content, &mut cache);
        // A page without its front matter, then with it.
        let page = content.join("2025/pages/penutup.md");
        let text = std::fs::read_to_string(&page).unwrap();
        std::fs::write(&page, text.replacen("+++", "", 1)).unwrap();
        assert_eq!(
            assert_cached_load_is_fresh(&content, &mut cache)
                .findings
                .list
                .len(),
            1
        );
        std::fs::write(&page, &text).unwrap();
        assert_cached_load_is_fresh(&content, &mut cache);
    }

    #[test]
    fn ids_are_lower_cased_on_every_load_not_once_in_the_cache() {
        let (_dir, content) = demo_copy();
        let mut cache = Cache::new();
        assert_cached_load_is_fresh(&content, &mut cache);
        let realisations = content.join("2023/realisasi/kepala.toml");
        edit(
            &realisations,
            "pelapor   = \"kabid-pa\"",
            "pelapor   = \"KABID-PA\"",
        );
        edit(
            &content.join("2023/pk/kepala.toml"),
            "id               = \"ipg\"",
            "id               = \"IPG-Baru\"",
        );
        let changed = assert_cached_load_is_fresh(&content, &mut cache);
        let pk = changed.report.years[&2023].pk("kepala").unwrap();
        assert!(pk.indicators().any(|(_, i)| *i.id == "ipg-baru"));
        // Reused: the cache holds the ids as written, and they are lower-cased again.
        let again = assert_cached_load_is_fresh(&content, &mut cache);
        let entries = &again.report.years[&2023].realisations["kepala"].entries;
        assert!(
            entries
                .iter()
                .any(|e| e.reporter.as_deref().map(String::as_str) == Some("kabid-pa"))
        );
        let Some(Parsed::Realisations(cached)) = cache.files.get(&realisations).map(|f| &f.parsed)
        else {
            panic!("the realisations are cached");
        };
        assert!(
            cached
                .entries
                .iter()
                .any(|e| e.reporter.as_deref().map(String::as_str) == Some("KABID-PA"))
        );
    }

    #[test]
    fn post_parse_checks_run_on_reused_files() {
        let (_dir, content) = demo_copy();
        let mut cache = Cache::new();
        edit(
            &content.join("site.toml"),
            "base_url        = \"/\"",
            "base_url        = \"javascript:alert(1)\"",
        );
        let first = assert_cached_load_is_fresh(&content, &mut cache);
        let second = assert_cached_load_is_fresh(&content, &mut cache);
        for loaded in [first, second] {
            assert!(
                loaded
                    .findings
                    .list
                    .iter()
                    .any(|f| f.message.contains("`base_url`")),
                "{:?}",
                loaded.findings.list
            );
        }
    }

    #[test]
    fn a_cache_of_one_folder_gives_nothing_wrong_for_another() {
        let (_one, one) = demo_copy();
        let (_other, other) = demo_copy();
        edit(
            &other.join("sop.toml"),
            "[[langkah]]",
            "[[langkah]]\nx = 1\n",
        );
        let mut cache = Cache::new();
        assert_cached_load_is_fresh(&one, &mut cache);
        assert_cached_load_is_fresh(&other, &mut cache);
        assert_cached_load_is_fresh(&one, &mut cache);
    }

    #[test]
    fn a_path_that_is_another_kind_of_file_in_another_folder_is_parsed_again() {
        let (_dir, content) = demo_copy();
        let folder = content.join("2025/pk");
        std::fs::copy(folder.join("kepala.toml"), folder.join("site.toml")).unwrap();
        let mut cache = Cache::new();
        let whole = assert_cached_load_is_fresh(&content, &mut cache);
        assert!(whole.report.years[&2025].pk("site").is_some());
        // Now site.toml is the site's configuration, and a PK is not one.
        let pks = assert_cached_load_is_fresh(&folder, &mut cache);
        assert!(!pks.report.site_read);
        let in_site = |f: &Finding| {
            f.is_error()
                && f.loc
                    .as_ref()
                    .is_some_and(|l| pks.sources.get(l.file).path.ends_with("site.toml"))
        };
        assert!(
            pks.findings.list.iter().any(in_site),
            "{:?}",
            pks.findings.list
        );
    }

    #[test]
    fn the_parallel_load_gives_what_one_file_after_another_gives() {
        let (_dir, content) = demo_copy();
        std::fs::write(content.join("catatan.txt"), "x").unwrap();
        edit(
            &content.join("2025/pk/kepala.toml"),
            "pejabat",
            "pejabat = = ",
        );
        let files: Vec<(String, Vec<u8>)> = WalkDir::new(&content)
            .sort_by_file_name()
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(&content).unwrap();
                (
                    rel.to_str().unwrap().to_string(),
                    std::fs::read(e.path()).unwrap(),
                )
            })
            .collect();
        let sequential = load_files(
            &content,
            files
                .iter()
                .map(|(rel, bytes)| (rel.as_str(), bytes.as_slice())),
        );
        let parallel = load(&content).unwrap();
        assert_eq!(
            parallel.findings.list.len(),
            2,
            "{:?}",
            parallel.findings.list
        );
        assert_eq!(format!("{parallel:#?}"), format!("{sequential:#?}"));
    }

    #[test]
    fn year_folders_have_four_digits() {
        assert_eq!(year_of("2025"), Some(2025));
        assert_eq!(year_of("20x5"), None);
        assert_eq!(year_of("025"), None);
    }
}
