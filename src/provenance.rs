//! Provenance: who last changed each realisation, and each year's change log, read from git.
//!
//! The editors submit realisations as git commits, so the history of `<year>/realisasi/*.toml`
//! says who reported what and when. [`read`] asks git twice per build, whatever the number of
//! files or entries:
//!
//! - `git log --first-parent -p --unified=0` over every realisation file: the whole history of
//!   those files as zero-context diffs, in one process;
//! - `git diff HEAD --unified=0` over the same files: what is changed but not committed yet.
//!
//! From these it does what `git blame` does, for all files at once: it follows the lines of each
//! entry back through the diffs, newest first, and the first commit whose diff adds one of an
//! entry's lines is the last commit that changed the entry. `git blame` per file would give the
//! same answer but walks the history once per file: on a repository with 300 realisation files
//! and 1 500 commits that is 17 s against 0.4 s for the single `git log`.
//!
//! Along the first-parent line, a merge commit carries the changes of its branch. The entries
//! such a merge changed are then passed to `git blame -L` at the merge, limited to their lines,
//! so that the commit on the branch (the editor's, not the merger's) is shown; such a blame stops
//! a commit or two back. The year's change log lists the commits of the first-parent line: the
//! changes as they landed.
//!
//! A content folder outside git, a repository without commits, or no `git` on the machine gives
//! an empty [`Provenance`]: the site then builds without it. A shallow clone (CI's default
//! `fetch-depth: 1`) attributes everything to its one commit; check out the whole history
//! (`fetch-depth: 0`) to show the real authors.

use std::collections::{BTreeMap, HashMap};
use std::ops::{Range, RangeInclusive};
use std::path::{Component, Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};

use crate::model::{Date, Quarter, Report, Sources};

/// A commit, as the site shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Commit {
    /// The full object id.
    pub id: String,
    /// The abbreviated id, as `git log --oneline` shows it.
    pub short: String,
    pub author: String,
    pub email: String,
    /// The author date, in the author's time zone.
    pub date: Date,
    /// The author date and time with its UTC offset (ISO 8601).
    pub datetime: String,
    /// The first line of the message.
    pub subject: String,
    /// Whether it changed a line holding data in a realisation file, rather than only
    /// comments or blank lines (the stubs `capaian form` appends).
    pub changes_data: bool,
}

/// A file that feeds a year's figures (its PK, realisation and page files, `renstra.toml`,
/// `site.toml`), as one commit or the working tree changed it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FileChange {
    /// Relative to the content folder, with `/`.
    pub path: String,
    /// Whether the change can alter what the site shows: a line other than a blank line or a
    /// comment (for `site.toml`: its officials, `[[pejabat]]`).
    pub data: bool,
}

/// Whether a file (relative to the content folder) feeds a year: `<year>/pk/*.toml`,
/// `<year>/realisasi/*.toml`, `<year>/pages/*.md`, `<year>/tindak_lanjut.toml`,
/// `renstra.toml`, `site.toml`.
pub fn feeds(path: &str) -> bool {
    if path == "renstra.toml" || path == SITE_TOML || is_evidence(path) || is_site_page(path) {
        return true;
    }
    match (year_of_path(path), path.get(5..)) {
        (Some(_), Some(rest)) => {
            (rest.starts_with("pk/") || rest.starts_with("realisasi/")) && rest.ends_with(".toml")
                || rest.starts_with("pages/") && rest.ends_with(".md")
                // The follow-up of the last evaluation prints in the report's annex.
                || rest == "tindak_lanjut.toml"
        }
        _ => false,
    }
}

/// The content folder's site file, whose officials feed every year.
const SITE_TOML: &str = "site.toml";

/// Where an entry's current text comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "status", content = "commit", rename_all = "snake_case")]
pub enum Origin<'a> {
    /// The last commit that changed one of the entry's lines.
    Committed(&'a Commit),
    /// The entry is new or changed in the working tree and not committed yet.
    Uncommitted,
}

impl<'a> Origin<'a> {
    pub fn commit(self) -> Option<&'a Commit> {
        match self {
            Origin::Committed(c) => Some(c),
            Origin::Uncommitted => None,
        }
    }
}

/// An entry of a realisation file: a `[[realisasi]]` (the item is the indicator) or an
/// `[[anggaran]]` (the item is the programme) of one quarter.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct EntryKey {
    year: i32,
    pk: String,
    table: Table,
    item: String,
    quarter: i64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Table {
    Realisasi,
    Anggaran,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Attribution {
    Commit(usize),
    Uncommitted,
}

/// The provenance of every entry of a report; empty when the content is not in git.
#[derive(Clone, Debug, Default)]
pub struct Provenance {
    /// Every commit referred to, in the order first met (newest first along the main line).
    commits: Vec<Commit>,
    entries: BTreeMap<EntryKey, Attribution>,
    /// Per year, the commits that changed its realisation files, newest first.
    changelog: BTreeMap<i32, Vec<usize>>,
    /// Every commit that changed a file feeding a year, newest first, with those files.
    feeds: Vec<(usize, Vec<FileChange>)>,
    /// The files feeding a year whose data is changed in the working tree, not committed yet.
    uncommitted_feeds: Vec<String>,
}

impl Provenance {
    /// Whether nothing is known: the content is not in git (or has no history yet).
    pub fn is_empty(&self) -> bool {
        self.commits.is_empty() && self.entries.is_empty()
    }

    /// The origin of the realisation of `indicator` in `quarter` of `pk`'s file for `year`.
    pub fn realisation(
        &self,
        year: i32,
        pk: &str,
        indicator: &str,
        quarter: Quarter,
    ) -> Option<Origin<'_>> {
        self.origin(year, pk, Table::Realisasi, indicator, quarter)
    }

    /// The origin of the budget realisation of `programme` in `quarter`.
    pub fn spending(
        &self,
        year: i32,
        pk: &str,
        programme: &str,
        quarter: Quarter,
    ) -> Option<Origin<'_>> {
        self.origin(year, pk, Table::Anggaran, programme, quarter)
    }

    fn origin(
        &self,
        year: i32,
        pk: &str,
        table: Table,
        item: &str,
        quarter: Quarter,
    ) -> Option<Origin<'_>> {
        let key = EntryKey {
            year,
            pk: pk.to_string(),
            table,
            item: item.to_string(),
            quarter: i64::from(quarter.number()),
        };
        Some(match self.entries.get(&key)? {
            Attribution::Commit(i) => Origin::Committed(&self.commits[*i]),
            Attribution::Uncommitted => Origin::Uncommitted,
        })
    }

    /// The commits that changed the realisation files of `year`, newest first.
    pub fn changelog(&self, year: i32) -> Vec<&Commit> {
        self.changelog
            .get(&year)
            .map(|ids| ids.iter().map(|&i| &self.commits[i]).collect())
            .unwrap_or_default()
    }

    /// Every commit along the first-parent line that changed a file feeding a year ([`feeds`]),
    /// newest first, with the files it changed.
    pub fn feed_changes(&self) -> impl Iterator<Item = (&Commit, &[FileChange])> {
        self.feeds
            .iter()
            .map(|(i, files)| (&self.commits[*i], files.as_slice()))
    }

    /// The files feeding a year whose data is changed in the working tree and not committed.
    pub fn uncommitted_feeds(&self) -> &[String] {
        &self.uncommitted_feeds
    }

    /// Whether an entry of `year`'s realisation files is changed in the working tree and not
    /// committed yet.
    pub fn has_uncommitted(&self, year: i32) -> bool {
        self.entries
            .iter()
            .any(|(k, a)| k.year == year && *a == Attribution::Uncommitted)
    }
}

impl Commit {
    /// When the author made the commit, on the author's own clock (the offset dropped).
    pub fn local_datetime(&self) -> Option<crate::model::DateTime> {
        self.datetime.get(..19)?.parse().ok()
    }

    /// The instant of the commit (its author date with its offset), to compare with times
    /// written in another time zone.
    pub fn instant(&self) -> Option<jiff::Timestamp> {
        self.datetime.parse().ok()
    }
}

/// Reads the provenance of every realisation and budget entry of `report` from the git
/// repository that holds `content`. `sources` must be the texts the report was loaded from:
/// the entries are found in them, so that the lines followed are the lines the site shows.
pub fn read(content: &Path, report: &Report, sources: &Sources) -> Provenance {
    if report.years.is_empty() {
        return Provenance::default();
    }
    // git first: outside a repository the realisation files need not be read again at all
    // (5% of a large build's instructions).
    let Some((log, worktree)) = run_git(content) else {
        return Provenance::default();
    };
    let files = tracked_files(content, report, sources);
    let mut history = parse_log(&log);
    if history.is_empty() {
        return Provenance::default();
    }
    let uncommitted = parse_patch(&worktree);
    let mut builder = Builder {
        provenance: Provenance::default(),
        ids: HashMap::new(),
    };
    for record in &history {
        builder.commit(record.commit.clone());
    }
    builder.changelog(&history);
    builder.feeds(content, &history, &uncommitted, report, sources);
    let mut merges: Vec<MergeBlame> = Vec::new();
    for file in &files {
        blame_file(file, &history, &uncommitted, &mut builder, &mut merges);
    }
    history.clear();
    refine_merges(content, merges, &mut builder);
    builder.provenance
}

/// A realisation file of the report, with the lines of each of its entries.
struct TrackedFile {
    /// Relative to the content folder, with `/`.
    path: String,
    entries: Vec<(EntryKey, RangeInclusive<usize>)>,
}

fn tracked_files(content: &Path, report: &Report, sources: &Sources) -> Vec<TrackedFile> {
    let mut files = Vec::new();
    for (year, y) in &report.years {
        for (pk, realisations) in &y.realisations {
            let source = sources.get(realisations.file);
            let Some(path) = relative_path(content, &source.path) else {
                continue;
            };
            let Ok(entries) = entries_in_text(&source.text) else {
                continue;
            };
            let entries = entries
                .into_iter()
                .map(|e| {
                    let key = EntryKey {
                        year: *year,
                        pk: pk.clone(),
                        table: e.table,
                        item: e.item,
                        quarter: e.quarter,
                    };
                    (key, e.lines)
                })
                .collect();
            files.push(TrackedFile { path, entries });
        }
    }
    files
}

fn relative_path(content: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(content).ok()?;
    let parts: Vec<String> = rel
        .components()
        .map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect::<Option<_>>()?;
    Some(parts.join("/"))
}

// ---------------------------------------------------------------------------------------------
// Entries in the text of a realisation file

/// An entry of a realisation file as written: where its values are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextEntry {
    pub table: Table,
    /// The indicator (`realisasi`) or programme (`anggaran`) id, lower-cased; empty if missing.
    pub item: String,
    /// `triwulan`; 0 if missing or not an integer.
    pub quarter: i64,
    /// The byte range of each key's value.
    pub values: BTreeMap<String, Range<usize>>,
    /// The lines (1-based) from the entry's first value to the end of its last.
    pub lines: RangeInclusive<usize>,
}

#[derive(Deserialize)]
struct RawFile {
    #[serde(default)]
    realisasi: Vec<BTreeMap<String, toml::Spanned<toml::Value>>>,
    #[serde(default)]
    anggaran: Vec<BTreeMap<String, toml::Spanned<toml::Value>>>,
}

/// The `[[realisasi]]` and `[[anggaran]]` entries of a realisation file's text, in the order
/// written, with the byte range of every value. Fails where the text is not TOML.
pub fn entries_in_text(text: &str) -> Result<Vec<TextEntry>, toml::de::Error> {
    let raw: RawFile = toml::from_str(text)?;
    // Lines by binary search in the line starts: `line_col` counts from the start of the text,
    // which made a file's entries quadratic (a fifth of a large build's instructions).
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line = |offset: usize| line_starts.partition_point(|&s| s <= offset);
    let mut entries = Vec::new();
    for (table, list, item_key) in [
        (Table::Realisasi, raw.realisasi, "indikator"),
        (Table::Anggaran, raw.anggaran, "program"),
    ] {
        for map in list {
            // An `[[anggaran]]` names a programme or a sub-kegiatan.
            let named = map.get(item_key).or_else(|| map.get("sub_kegiatan"));
            let item = match named.map(|v| v.get_ref()) {
                Some(toml::Value::String(s)) => s.to_lowercase(),
                _ => String::new(),
            };
            let quarter = match map.get("triwulan").map(|v| v.get_ref()) {
                Some(toml::Value::Integer(q)) => *q,
                _ => 0,
            };
            let values: BTreeMap<String, Range<usize>> =
                map.iter().map(|(k, v)| (k.clone(), v.span())).collect();
            let Some(start) = values.values().map(|s| s.start).min() else {
                continue;
            };
            let end = values.values().map(|s| s.end).max().unwrap_or(start);
            let first = line(start);
            let last = line(end.saturating_sub(1).max(start));
            entries.push(TextEntry {
                table,
                item,
                quarter,
                values,
                lines: first..=last,
            });
        }
    }
    entries.sort_by_key(|e| *e.lines.start());
    Ok(entries)
}

// ---------------------------------------------------------------------------------------------
// Running git

const PATHSPEC: &str = "[0-9][0-9][0-9][0-9]/realisasi/*.toml";

/// The files whose history git is asked for: the realisation files (for the provenance of
/// each entry) and every other file that feeds a year (for stale approvals, [`feeds`]).
const PATHSPECS: [&str; 8] = [
    PATHSPEC,
    EVIDENCE_PATHSPEC,
    "pages/*.md",
    "[0-9][0-9][0-9][0-9]/pk/*.toml",
    "[0-9][0-9][0-9][0-9]/pages/*.md",
    "[0-9][0-9][0-9][0-9]/tindak_lanjut.toml",
    "renstra.toml",
    SITE_TOML,
];

fn git(content: &Path) -> Command {
    let mut cmd = Command::new("git");
    cmd.arg("-C")
        .arg(content)
        .args([
            "--no-pager",
            "-c",
            "core.quotePath=false",
            "-c",
            "log.showSignature=false",
        ])
        // `git diff` would otherwise refresh and lock the index while the editor uses git.
        .env("GIT_OPTIONAL_LOCKS", "0")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    cmd
}

const DIFF_OPTIONS: [&str; 8] = [
    "--relative",
    "--unified=0",
    "--no-renames",
    "--no-ext-diff",
    "--no-textconv",
    "--no-color",
    "--src-prefix=a/",
    "--dst-prefix=b/",
];

/// The fields of a commit header, separated by U+001F, each record starting with U+001E.
const FORMAT: &str = "--format=%x1e%H%x1f%h%x1f%P%x1f%an%x1f%ae%x1f%aI%x1f%s";

/// The last history read, by the folder and the commit it was read at. `serve` reads the
/// provenance again on every save, and the history only changes with a commit: then only
/// `git rev-parse HEAD` and `git diff HEAD` run, not `git log` over the whole history (0.4 s on
/// a repository of 1 500 commits).
static LAST_LOG: Mutex<Option<(PathBuf, String, Arc<String>)>> = Mutex::new(None);

/// Runs `git log` and `git diff HEAD` side by side (the log only when `HEAD` moved since the
/// last read of this folder); `None` when either fails (not a repository, no commit yet, no
/// git).
fn run_git(content: &Path) -> Option<(Arc<String>, String)> {
    let mut head = git(content);
    head.args(["rev-parse", "--verify", "-q", "HEAD"]);
    let mut diff = git(content);
    diff.args(["diff", "HEAD"])
        .args(DIFF_OPTIONS)
        .arg("--")
        .args(PATHSPECS);
    let head = head.spawn().ok()?;
    let diff = diff.spawn().ok()?;
    let head = head.wait_with_output().ok()?;
    if !head.status.success() {
        let _ = diff.wait_with_output();
        return None;
    }
    let head = String::from_utf8_lossy(&head.stdout).trim().to_string();
    let cached = {
        let last = LAST_LOG.lock().unwrap_or_else(|e| e.into_inner());
        last.as_ref()
            .filter(|(dir, at, _)| dir == content && *at == head)
            .map(|(_, _, log)| Arc::clone(log))
    };
    let log = match cached {
        Some(log) => log,
        None => {
            let mut log = git(content);
            log.args([
                "log",
                "--first-parent",
                "--diff-merges=first-parent",
                "-p",
                FORMAT,
            ])
            .args(DIFF_OPTIONS)
            // The commit just resolved, so that the log and its key agree.
            .arg(&head)
            .arg("--")
            .args(PATHSPECS);
            let log = log.output().ok()?;
            if !log.status.success() {
                return None;
            }
            let log = Arc::new(String::from_utf8_lossy(&log.stdout).into_owned());
            *LAST_LOG.lock().unwrap_or_else(|e| e.into_inner()) =
                Some((content.to_path_buf(), head, Arc::clone(&log)));
            log
        }
    };
    let diff = diff.wait_with_output().ok()?;
    if !diff.status.success() {
        return None;
    }
    Some((log, String::from_utf8_lossy(&diff.stdout).into_owned()))
}

// ---------------------------------------------------------------------------------------------
// Parsing diffs

/// A hunk header `@@ -a,b +c,d @@`, with the first line of each side (the line after which,
/// when the side is empty, plus one).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Hunk {
    old_start: usize,
    old_len: usize,
    new_start: usize,
    new_len: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct FileDiff {
    /// `None` for a file created by the change.
    old_path: Option<String>,
    /// `None` for a file deleted by the change.
    new_path: Option<String>,
    hunks: Vec<Hunk>,
    /// Whether a line it adds or removes holds data: not blank, not only a `#` comment (the
    /// stubs of `capaian form` are comments).
    touches_data: bool,
}

struct LogRecord {
    commit: Commit,
    is_merge: bool,
    files: Vec<FileDiff>,
}

fn parse_log(log: &str) -> Vec<LogRecord> {
    log.split('\u{1e}')
        .filter(|r| !r.is_empty())
        .filter_map(|record| {
            let (header, patch) = record.split_once('\n').unwrap_or((record, ""));
            let fields: Vec<&str> = header.split('\u{1f}').collect();
            let [id, short, parents, author, email, datetime, subject] = fields[..] else {
                return None;
            };
            let files = parse_patch(patch);
            let commit = Commit {
                id: id.to_string(),
                short: short.to_string(),
                author: author.to_string(),
                email: email.to_string(),
                date: date_of(datetime)?,
                datetime: datetime.to_string(),
                subject: subject.to_string(),
                changes_data: files.iter().any(|f| f.touches_data),
            };
            let is_merge = parents.split_whitespace().count() > 1;
            Some(LogRecord {
                commit,
                is_merge,
                files,
            })
        })
        .collect()
}

/// The calendar date of an ISO 8601 date-time, as written (in its own offset).
fn date_of(datetime: &str) -> Option<Date> {
    let date: jiff::civil::Date = datetime.get(..10)?.parse().ok()?;
    Some(Date(date))
}

fn parse_patch(patch: &str) -> Vec<FileDiff> {
    let mut files: Vec<FileDiff> = Vec::new();
    let mut lines = patch.lines();
    while let Some(line) = lines.next() {
        if line.starts_with("diff --git ") {
            files.push(FileDiff::default());
        } else if let Some(path) = line.strip_prefix("--- ") {
            if let Some(file) = files.last_mut() {
                file.old_path = path.strip_prefix("a/").map(str::to_string);
            }
        } else if let Some(path) = line.strip_prefix("+++ ") {
            if let Some(file) = files.last_mut() {
                file.new_path = path.strip_prefix("b/").map(str::to_string);
            }
        } else if line.starts_with("@@ ") {
            let Some(hunk) = parse_hunk_header(line) else {
                continue;
            };
            // Skip the hunk's body by count: a removed line may itself start with `--- `.
            let mut body = hunk.old_len + hunk.new_len;
            let mut data = false;
            while body > 0 {
                match lines.next() {
                    Some(l) if l.starts_with('\\') => {}
                    Some(l) => {
                        body -= 1;
                        let text = l.get(1..).unwrap_or("").trim();
                        data |= !text.is_empty() && !text.starts_with('#');
                    }
                    None => break,
                }
            }
            if let Some(file) = files.last_mut() {
                file.hunks.push(hunk);
                file.touches_data |= data;
            }
        }
    }
    files
}

fn parse_hunk_header(line: &str) -> Option<Hunk> {
    let mut words = line.split_whitespace().skip(1);
    let old = words.next()?.strip_prefix('-')?;
    let new = words.next()?.strip_prefix('+')?;
    let range = |s: &str| -> Option<(usize, usize)> {
        let (start, len) = match s.split_once(',') {
            Some((a, b)) => (a.parse().ok()?, b.parse().ok()?),
            None => (s.parse().ok()?, 1),
        };
        // An empty side names the line after which the change goes.
        Some((if len == 0 { start + 1 } else { start }, len))
    };
    let (old_start, old_len) = range(old)?;
    let (new_start, new_len) = range(new)?;
    Some(Hunk {
        old_start,
        old_len,
        new_start,
        new_len,
    })
}

/// Where line `n` of the new side of a diff comes from: `Err(())` when the diff wrote it,
/// `Ok(m)` with its line on the old side otherwise.
fn trace(hunks: &[Hunk], n: usize) -> Result<usize, ()> {
    // Lines after a hunk move by the difference of its sides; hunks are in order.
    let mut shift: isize = 0;
    for h in hunks {
        if n < h.new_start {
            break;
        }
        if n < h.new_start + h.new_len {
            return Err(());
        }
        shift = (h.old_start + h.old_len) as isize - (h.new_start + h.new_len) as isize;
    }
    Ok((n as isize + shift) as usize)
}

// ---------------------------------------------------------------------------------------------
// Blame

struct Builder {
    provenance: Provenance,
    ids: HashMap<String, usize>,
}

impl Builder {
    fn commit(&mut self, commit: Commit) -> usize {
        if let Some(&i) = self.ids.get(&commit.id) {
            return i;
        }
        let i = self.provenance.commits.len();
        self.ids.insert(commit.id.clone(), i);
        self.provenance.commits.push(commit);
        i
    }

    fn changelog(&mut self, history: &[LogRecord]) {
        for record in history {
            let index = self.ids[&record.commit.id];
            let mut years: Vec<i32> = record
                .files
                .iter()
                .filter_map(|f| f.new_path.as_ref().or(f.old_path.as_ref()))
                .filter(|p| p.get(4..).is_some_and(|r| r.starts_with("/realisasi/")))
                .filter_map(|p| year_of_path(p))
                .collect();
            years.sort_unstable();
            years.dedup();
            for year in years {
                self.provenance
                    .changelog
                    .entry(year)
                    .or_default()
                    .push(index);
            }
        }
    }
}

impl Builder {
    /// The commits that changed a file feeding a year, and the working tree's changes to them.
    /// A change to `site.toml` counts as data only when its officials differ (read from git at
    /// the commit and its parent: a few processes, for the commits that touched the file).
    fn feeds(
        &mut self,
        content: &Path,
        history: &[LogRecord],
        uncommitted: &[FileDiff],
        report: &Report,
        sources: &Sources,
    ) {
        let path_of = |f: &FileDiff| f.new_path.clone().or_else(|| f.old_path.clone());
        for record in history {
            let files: Vec<FileChange> = record
                .files
                .iter()
                .filter_map(|f| {
                    let path = path_of(f)?;
                    if !feeds(&path) {
                        return None;
                    }
                    let data = if path == SITE_TOML {
                        f.touches_data
                            && officials_at(content, &format!("{}^", record.commit.id))
                                != officials_at(content, &record.commit.id)
                    } else {
                        // An evidence file is a document (often binary, no lines to read):
                        // any change to it counts.
                        f.touches_data || is_evidence(&path)
                    };
                    Some(FileChange { path, data })
                })
                .collect();
            if !files.is_empty() {
                let index = self.ids[&record.commit.id];
                self.provenance.feeds.push((index, files));
            }
        }
        for f in uncommitted {
            let Some(path) = path_of(f) else { continue };
            if !feeds(&path) || !(f.touches_data || is_evidence(&path)) {
                continue;
            }
            if path == SITE_TOML {
                let now = officials_of(&sources.get(report.site.file).text);
                if now == officials_at(content, "HEAD") {
                    continue;
                }
            }
            self.provenance.uncommitted_feeds.push(path);
        }
        // Files git does not have at HEAD (new, not committed yet): `git diff HEAD` leaves
        // out untracked files.
        let mut at_head: BTreeMap<&str, bool> = BTreeMap::new();
        for f in history.iter().flat_map(|r| &r.files) {
            if let Some(path) = f.new_path.as_deref().or(f.old_path.as_deref()) {
                at_head.entry(path).or_insert(f.new_path.is_some());
            }
        }
        for (_, source) in sources.iter() {
            let Some(path) = relative_path(content, &source.path) else {
                continue;
            };
            if !feeds(&path)
                || at_head.get(path.as_str()).copied().unwrap_or(false)
                || self.provenance.uncommitted_feeds.contains(&path)
                || !holds_data(&source.text)
            {
                continue;
            }
            self.provenance.uncommitted_feeds.push(path);
        }
        self.provenance.uncommitted_feeds.sort();
    }
}

/// Whether a file holds more than blank lines and `#` comments.
fn holds_data(text: &str) -> bool {
    text.lines().any(|l| {
        let l = l.trim();
        !l.is_empty() && !l.starts_with('#')
    })
}

/// The officials read from git, by content folder and commit.
type OfficialsRead = HashMap<(PathBuf, String), Option<toml::Value>>;

/// The officials (`[[pejabat]]`) of `site.toml` at a commit; `None` where the file is missing
/// or not TOML. A commit's files never change: what was read for an object id is kept, so
/// that `serve`, which reads the provenance on every save, asks git once per commit.
fn officials_at(content: &Path, commit: &str) -> Option<toml::Value> {
    static READ: Mutex<Option<OfficialsRead>> = Mutex::new(None);
    let fixed = commit != "HEAD";
    let key = (content.to_path_buf(), commit.to_string());
    if fixed {
        let read = READ.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(found) = read.as_ref().and_then(|m| m.get(&key)) {
            return found.clone();
        }
    }
    let found = read_officials(content, commit);
    if fixed {
        READ.lock()
            .unwrap_or_else(|e| e.into_inner())
            .get_or_insert_with(HashMap::new)
            .insert(key, found.clone());
    }
    found
}

fn read_officials(content: &Path, commit: &str) -> Option<toml::Value> {
    let mut cmd = git(content);
    cmd.args(["show", &format!("{commit}:./{SITE_TOML}")]);
    let output = cmd.output().ok()?;
    if !output.status.success() {
        return None;
    }
    officials_of(&String::from_utf8_lossy(&output.stdout))
}

fn officials_of(text: &str) -> Option<toml::Value> {
    let table: toml::Table = toml::from_str(text).ok()?;
    table.get("pejabat").cloned()
}

/// Evidence files (`bukti = [...]`), which feed the years whose entries cite them.
const EVIDENCE_PATHSPEC: &str = "bukti";

/// Whether a path is a page of the whole site (`pages/*.md`), which feeds the years whose
/// printed report takes it as a chapter (`bab`).
pub fn is_site_page(path: &str) -> bool {
    path.starts_with("pages/") && path.ends_with(".md")
}

/// Whether a path (relative to the content folder) is an evidence file: under `bukti/`.
pub fn is_evidence(path: &str) -> bool {
    path.starts_with("bukti/")
}

fn year_of_path(path: &str) -> Option<i32> {
    let (year, _) = path.split_once('/')?;
    crate::load::year_of(year)
}

/// An entry whose line(s) a merge brought in along the first-parent line: they are blamed at
/// the merge to find the commit of the branch.
struct MergeBlame {
    merge: String,
    path: String,
    key: EntryKey,
    /// The entry's lines in the merge's version of the file.
    lines: Vec<usize>,
}

/// Follows the lines of each entry of `file` back through the working tree's changes and the
/// history, newest first.
fn blame_file(
    file: &TrackedFile,
    history: &[LogRecord],
    uncommitted: &[FileDiff],
    builder: &mut Builder,
    merges: &mut Vec<MergeBlame>,
) {
    let touches = |d: &FileDiff| d.new_path.as_deref() == Some(file.path.as_str());
    let deletes =
        |d: &FileDiff| d.new_path.is_none() && d.old_path.as_deref() == Some(file.path.as_str());
    let attributions = &mut builder.provenance.entries;
    // At HEAD the file exists if the newest commit that touched it did not delete it.
    let at_head = history
        .iter()
        .flat_map(|r| &r.files)
        .find(|d| touches(d) || deletes(d))
        .is_some_and(&touches);
    if !at_head {
        for (key, _) in &file.entries {
            attributions.insert(key.clone(), Attribution::Uncommitted);
        }
        return;
    }
    // (line in the version being looked at, index of the entry)
    let mut pending: Vec<(usize, usize)> = file
        .entries
        .iter()
        .enumerate()
        .flat_map(|(i, (_, lines))| lines.clone().map(move |n| (n, i)))
        .collect();
    let mut done = vec![false; file.entries.len()];
    if let Some(diff) = uncommitted.iter().find(|d| touches(d)) {
        for (_, entry) in step(&diff.hunks, &done, &mut pending) {
            if !done[entry] {
                done[entry] = true;
                attributions.insert(file.entries[entry].0.clone(), Attribution::Uncommitted);
            }
        }
    }
    for record in history {
        if pending.is_empty() {
            break;
        }
        let Some(diff) = record.files.iter().find(|d| touches(d)) else {
            continue;
        };
        let index = builder.ids[&record.commit.id];
        let mut by_entry: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (n, entry) in step(&diff.hunks, &done, &mut pending) {
            by_entry.entry(entry).or_default().push(n);
        }
        for (entry, lines) in by_entry {
            done[entry] = true;
            let key = file.entries[entry].0.clone();
            if record.is_merge {
                merges.push(MergeBlame {
                    merge: record.commit.id.clone(),
                    path: file.path.clone(),
                    key: key.clone(),
                    lines,
                });
            }
            attributions.insert(key, Attribution::Commit(index));
        }
        if diff.old_path.is_none() {
            // The file was created here: nothing older can have written its lines.
            break;
        }
    }
}

/// Moves the pending lines of unattributed entries to the old side of a diff; returns the
/// lines the diff wrote, with their entries.
fn step(hunks: &[Hunk], done: &[bool], pending: &mut Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    let mut written: Vec<(usize, usize)> = Vec::new();
    pending.retain_mut(|(n, entry)| {
        if done[*entry] {
            return false;
        }
        match trace(hunks, *n) {
            Ok(old) => {
                *n = old;
                true
            }
            Err(()) => {
                written.push((*n, *entry));
                false
            }
        }
    });
    written
}

/// Replaces the merge commits that entries are attributed to by the commits of the merged
/// branch, with one `git blame -L` per merge and file, run side by side.
fn refine_merges(content: &Path, merges: Vec<MergeBlame>, builder: &mut Builder) {
    if merges.is_empty() {
        return;
    }
    let mut groups: BTreeMap<(String, String), Vec<MergeBlame>> = BTreeMap::new();
    for m in merges {
        groups
            .entry((m.merge.clone(), m.path.clone()))
            .or_default()
            .push(m);
    }
    let groups: Vec<_> = groups.into_iter().collect();
    let short_len = builder
        .provenance
        .commits
        .first()
        .map_or(7, |c| c.short.len());
    for chunk in groups.chunks(8) {
        let results: Vec<Option<Vec<BlamedLines>>> = std::thread::scope(|scope| {
            let handles: Vec<_> = chunk
                .iter()
                .map(|((merge, path), entries)| {
                    let lines: Vec<usize> = entries
                        .iter()
                        .flat_map(|e| e.lines.iter().copied())
                        .collect();
                    scope.spawn(move || blame_lines(content, merge, path, &lines))
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().ok().flatten())
                .collect()
        });
        for (((_, _), entries), blamed) in chunk.iter().zip(results) {
            let Some(blamed) = blamed else { continue };
            for entry in entries {
                // The newest commit among the entry's lines.
                let newest = blamed
                    .iter()
                    .filter(|b| entry.lines.iter().any(|n| b.lines.contains(n)))
                    .max_by_key(|b| b.committed);
                if let Some(b) = newest {
                    let mut commit = b.commit.clone();
                    commit.short = commit.id.chars().take(short_len).collect();
                    let index = builder.commit(commit);
                    builder
                        .provenance
                        .entries
                        .insert(entry.key.clone(), Attribution::Commit(index));
                }
            }
        }
    }
}

struct BlamedLines {
    commit: Commit,
    committed: i64,
    lines: Range<usize>,
}

fn blame_lines(
    content: &Path,
    merge: &str,
    path: &str,
    lines: &[usize],
) -> Option<Vec<BlamedLines>> {
    let mut cmd = git(content);
    cmd.args(["blame", "--incremental"]);
    let mut sorted = lines.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let mut i = 0;
    while i < sorted.len() {
        let start = sorted[i];
        let mut end = start;
        while i + 1 < sorted.len() && sorted[i + 1] == end + 1 {
            i += 1;
            end = sorted[i];
        }
        cmd.arg(format!("-L{start},{end}"));
        i += 1;
    }
    cmd.args([merge, "--", path]);
    let output = cmd.output().ok()?;
    if !output.status.success() {
        return None;
    }
    Some(parse_incremental_blame(&String::from_utf8_lossy(
        &output.stdout,
    )))
}

/// Parses `git blame --incremental`: a line `<id> <orig> <final> <count>` per group of lines,
/// then, the first time a commit appears, its headers, up to `filename`.
fn parse_incremental_blame(text: &str) -> Vec<BlamedLines> {
    #[derive(Default, Clone)]
    struct Info {
        author: String,
        email: String,
        time: i64,
        tz: String,
        committed: i64,
        summary: String,
    }
    let mut infos: HashMap<String, Info> = HashMap::new();
    let mut groups: Vec<(String, Range<usize>)> = Vec::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        let words: Vec<&str> = line.splitn(2, ' ').collect();
        let (key, rest) = (words[0], words.get(1).copied().unwrap_or(""));
        if current.is_none() {
            let nums: Vec<usize> = rest.split(' ').filter_map(|w| w.parse().ok()).collect();
            if key.len() >= 40 && key.bytes().all(|b| b.is_ascii_hexdigit()) && nums.len() == 3 {
                groups.push((key.to_string(), nums[1]..nums[1] + nums[2]));
                infos.entry(key.to_string()).or_default();
                current = Some(key.to_string());
            }
            continue;
        }
        let id = current.clone().unwrap_or_default();
        let info = infos.entry(id).or_default();
        match key {
            "author" => info.author = rest.to_string(),
            "author-mail" => {
                info.email = rest
                    .trim_start_matches('<')
                    .trim_end_matches('>')
                    .to_string()
            }
            "author-time" => info.time = rest.parse().unwrap_or(0),
            "author-tz" => info.tz = rest.to_string(),
            "committer-time" => info.committed = rest.parse().unwrap_or(0),
            "summary" => info.summary = rest.to_string(),
            "filename" => current = None,
            _ => {}
        }
    }
    groups
        .into_iter()
        .filter_map(|(id, lines)| {
            let info = infos.get(&id)?.clone();
            let datetime = iso_datetime(info.time, &info.tz)?;
            let commit = Commit {
                short: id.chars().take(7).collect(),
                id,
                author: info.author,
                email: info.email,
                date: date_of(&datetime)?,
                datetime,
                subject: info.summary,
                // Blamed for lines that hold values: a commit of the branch that changed data.
                changes_data: true,
            };
            Some(BlamedLines {
                commit,
                committed: info.committed,
                lines,
            })
        })
        .collect()
}

/// `2025-04-10T09:00:00+07:00` from seconds since the epoch and a `+0700` offset.
fn iso_datetime(seconds: i64, tz: &str) -> Option<String> {
    let sign = if tz.starts_with('-') { -1 } else { 1 };
    let digits = tz.trim_start_matches(['+', '-']);
    let hours: i32 = digits.get(..2)?.parse().ok()?;
    let minutes: i32 = digits.get(2..4)?.parse().ok()?;
    let offset = jiff::tz::Offset::from_seconds(sign * (hours * 3600 + minutes * 60)).ok()?;
    let timestamp = jiff::Timestamp::from_second(seconds).ok()?;
    let local = offset
        .to_datetime(timestamp)
        .strftime("%Y-%m-%dT%H:%M:%S")
        .to_string();
    Some(if offset.seconds() == 0 {
        format!("{local}Z")
    } else {
        let suffix = if sign < 0 { '-' } else { '+' };
        format!("{local}{suffix}{hours:02}:{minutes:02}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hunk_headers_name_the_first_line_of_each_side() {
        let h = parse_hunk_header("@@ -4,0 +5 @@ d").unwrap();
        assert_eq!(
            h,
            Hunk {
                old_start: 5,
                old_len: 0,
                new_start: 5,
                new_len: 1
            }
        );
        let h = parse_hunk_header("@@ -2 +2 @@ a").unwrap();
        assert_eq!(
            h,
            Hunk {
                old_start: 2,
                old_len: 1,
                new_start: 2,
                new_len: 1
            }
        );
        let h = parse_hunk_header("@@ -3,2 +2,0 @@").unwrap();
        assert_eq!(
            h,
            Hunk {
                old_start: 3,
                old_len: 2,
                new_start: 3,
                new_len: 0
            }
        );
    }

    #[test]
    fn lines_are_traced_through_insertions_and_deletions() {
        // Old: a b c d e. New: a X c e Y (b → X, d deleted, Y appended).
        let hunks = [
            Hunk {
                old_start: 2,
                old_len: 1,
                new_start: 2,
                new_len: 1,
            },
            Hunk {
                old_start: 4,
                old_len: 1,
                new_start: 4,
                new_len: 0,
            },
            Hunk {
                old_start: 6,
                old_len: 0,
                new_start: 5,
                new_len: 1,
            },
        ];
        assert_eq!(trace(&hunks, 1), Ok(1));
        assert_eq!(trace(&hunks, 2), Err(()));
        assert_eq!(trace(&hunks, 3), Ok(3));
        assert_eq!(trace(&hunks, 4), Ok(5));
        assert_eq!(trace(&hunks, 5), Err(()));
    }

    #[test]
    fn a_removed_line_that_looks_like_a_header_is_skipped() {
        let patch = "diff --git a/2025/realisasi/k.toml b/2025/realisasi/k.toml\n--- a/2025/realisasi/k.toml\n+++ b/2025/realisasi/k.toml\n@@ -2 +2 @@\n--- x\n+++ y\n@@ -5,0 +6 @@\n+z\n";
        let files = parse_patch(patch);
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].hunks.len(), 2);
        assert_eq!(files[0].new_path.as_deref(), Some("2025/realisasi/k.toml"));
    }

    #[test]
    fn entries_span_their_values_and_multi_line_strings() {
        let text = "# head\n[[realisasi]]\nindikator = \"IPG\"\ntriwulan = 4\nnilai = 91.8\nanalisis = \"\"\"\nx\n\"\"\"\n\n[[anggaran]]\nprogram = \"p1\"\ntriwulan = 4\nrealisasi = 5\n";
        let entries = entries_in_text(text).unwrap();
        assert_eq!(entries.len(), 2);
        assert_eq!(
            (
                entries[0].table,
                entries[0].item.as_str(),
                entries[0].quarter
            ),
            (Table::Realisasi, "ipg", 4)
        );
        assert_eq!(entries[0].lines, 3..=8);
        assert_eq!(entries[1].lines, 11..=13);
    }

    #[test]
    fn the_files_that_feed_a_year() {
        for path in [
            "2025/pk/kepala.toml",
            "2025/realisasi/kepala.toml",
            "2025/pages/pengantar.md",
            "renstra.toml",
            "site.toml",
            // A site page may be a chapter of every year's print; an evidence file is cited.
            "pages/profil.md",
            "bukti/2025/brs-ipg.pdf",
        ] {
            assert!(feeds(path), "{path}");
        }
        for path in [
            "2025/proses.toml",
            "sop.toml",
            "pages/profil.txt",
            "2025/pk/kepala.md",
            "2025/pages/gambar.png",
            "themes/x/site.toml",
            "202/pk/kepala.toml",
        ] {
            assert!(!feeds(path), "{path}");
        }
    }

    #[test]
    fn blame_times_keep_the_author_offset() {
        assert_eq!(
            iso_datetime(1_744_250_400, "+0700").unwrap(),
            "2025-04-10T09:00:00+07:00"
        );
        assert_eq!(iso_datetime(0, "+0000").unwrap(), "1970-01-01T00:00:00Z");
    }
}
