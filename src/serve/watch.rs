//! Watching: which folders, which changes count, and when a burst of changes is over.
//!
//! Folders are watched, not files (editors save by renaming a temporary file over the
//! original, which silences a watch on the file itself). notify-debouncer-full pairs renames
//! and drops duplicates and files that were created and removed again within its window (vim's
//! `4913` probe); on top of it a burst (an atomic save, a `git checkout` of many files, a script
//! writing in a loop) is gathered until the file system has been quiet for [`QUIET`], so that it
//! gives one rebuild.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use notify_debouncer_full::notify::event::{AccessKind, AccessMode, CreateKind, ModifyKind};
use notify_debouncer_full::notify::{
    self, EventKind, PollWatcher, RecommendedWatcher, RecursiveMode,
};
use notify_debouncer_full::{
    DebounceEventResult, Debouncer, NoCache, RecommendedCache, new_debouncer_opt,
};

use crate::load::{LoadError, is_editor_file};

/// How long the debouncer holds an event back to pair renames and drop duplicates.
const DEBOUNCE: Duration = Duration::from_millis(5);
/// How often the debouncer hands over what it holds.
const TICK: Duration = Duration::from_millis(5);
/// A burst is over when no change that counts came for this long.
const QUIET: Duration = Duration::from_millis(5);
/// How long a burst waits, once quiet, for files still open for writing to be closed: an
/// editor that saves in place truncates the file first, and a file read in between is empty.
const CLOSE_GRACE: Duration = Duration::from_millis(250);
/// A file system that never stops changing still gets a rebuild this often.
const MAX_DELAY: Duration = Duration::from_secs(1);
/// How often the polling fallback looks at the files.
const POLL_INTERVAL: Duration = Duration::from_millis(500);
/// How often the watched folders are looked at while no change comes: a folder deleted and
/// made again (`rm -rf content; git checkout -- content`) is watched anew.
const REARM_CHECK: Duration = Duration::from_millis(500);

/// What the rebuild thread receives.
pub(super) enum Message {
    Events(DebounceEventResult),
    Stop,
}

/// Where a change happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Origin {
    Content,
    /// The folder given with `--theme`.
    Theme,
    /// `themes/` beside the content folder: only `themes/<tema>/` is in use.
    Themes,
}

#[derive(Debug)]
struct Root {
    /// Canonical, as the watcher reports paths.
    real: PathBuf,
    /// As the user gave it, for messages.
    shown: PathBuf,
    origin: Origin,
}

/// The watched folders, and the output folder whose changes never count.
#[derive(Debug)]
pub(super) struct Roots {
    roots: Vec<Root>,
    output: PathBuf,
}

impl Roots {
    /// `content`, and the theme: `theme` when given, else `themes/` beside the content folder
    /// (where `Site::build` looks for `themes/<tema>`), when it exists.
    pub fn new(content: &Path, theme: Option<&Path>, output: &Path) -> anyhow::Result<Roots> {
        let mut roots = Vec::new();
        let mut add = |shown: PathBuf, origin| -> anyhow::Result<()> {
            let real = shown
                .canonicalize()
                .with_context(|| format!("cannot watch `{}`", shown.display()))?;
            roots.push(Root {
                real,
                shown,
                origin,
            });
            Ok(())
        };
        // Theme folders first: a theme kept inside the content folder is still a theme.
        match theme {
            Some(theme) if theme.is_dir() => add(theme.to_path_buf(), Origin::Theme)?,
            Some(_) => {}
            None => {
                let themes = content.parent().unwrap_or(Path::new("")).join("themes");
                if themes.is_dir() {
                    add(themes, Origin::Themes)?;
                }
            }
        }
        if !content.exists() {
            return Err(LoadError::Missing(content.to_path_buf()).into());
        }
        if !content.is_dir() {
            return Err(LoadError::NotAFolder(content.to_path_buf()).into());
        }
        add(content.to_path_buf(), Origin::Content)?;
        Ok(Roots {
            roots,
            output: real_path(output),
        })
    }

    /// The watched folders, for the start message.
    pub fn describe(&self, tema: &str) -> String {
        let shown: Vec<String> = self
            .roots
            .iter()
            .rev()
            .map(|r| match r.origin {
                Origin::Themes => r.shown.join(tema).display().to_string(),
                _ => r.shown.display().to_string(),
            })
            .collect();
        shown.join(" and ")
    }

    /// Whether a changed path counts, what it belongs to and how to show it.
    fn classify(&self, path: &Path, tema: &str) -> Option<(Origin, PathBuf)> {
        if path.starts_with(&self.output) {
            return None;
        }
        let root = self.roots.iter().find(|r| path.starts_with(&r.real))?;
        let relative = path.strip_prefix(&root.real).ok()?;
        let names: Vec<String> = relative
            .components()
            .map(|c| match c {
                Component::Normal(name) => name.to_string_lossy().into_owned(),
                _ => String::new(),
            })
            .collect();
        // Hidden files and folders (`.git`, the output's staging folder, editors' locks) are
        // skipped by loading too.
        if names.iter().any(|n| n.starts_with('.')) {
            return None;
        }
        if names.last().is_some_and(|n| is_temporary(n)) {
            return None;
        }
        if root.origin == Origin::Themes && names.first().is_some_and(|first| first != tema) {
            return None;
        }
        Some((root.origin, root.shown.join(relative)))
    }

    fn paths(&self) -> impl Iterator<Item = &Path> {
        self.roots.iter().map(|r| r.real.as_path())
    }
}

/// The canonical form of a path that may not exist yet (the output folder before the first
/// build).
fn real_path(path: &Path) -> PathBuf {
    if let Ok(real) = path.canonicalize() {
        return real;
    }
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    match (parent.canonicalize(), path.file_name()) {
        (Ok(parent), Some(name)) => parent.join(name),
        _ => path.to_path_buf(),
    }
}

/// Editors' swap, backup and save files, beyond those loading already ignores.
fn is_temporary(name: &str) -> bool {
    is_editor_file(name)
        || name.contains("___jb_")
        || (name.len() > 1 && name.starts_with('#') && name.ends_with('#'))
}

/// The changes of one burst.
#[derive(Debug, Default)]
pub(super) struct Changes {
    /// A content file changed: the data must be loaded again.
    pub content: bool,
    /// A theme file changed: the pages must be rendered again, the data can stay.
    pub theme: bool,
    /// The watcher lost events (its queue overflowed): everything is loaded again.
    pub rescan: bool,
    pub paths: BTreeSet<PathBuf>,
    /// Errors the watcher reported.
    pub problems: Vec<String>,
    /// Files written and not closed yet (only where the watcher reports closes).
    open: BTreeSet<PathBuf>,
}

impl Changes {
    /// Adds a batch of the debouncer; returns how many of its events count.
    fn add(&mut self, result: DebounceEventResult, roots: &Roots, tema: &str) -> usize {
        let events = match result {
            Ok(events) => events,
            Err(errors) => {
                self.problems.extend(errors.iter().map(ToString::to_string));
                return 0;
            }
        };
        let mut counted = 0;
        for event in events {
            if event.need_rescan() {
                self.rescan = true;
                self.content = true;
                counted += 1;
                continue;
            }
            let written = match event.kind {
                // Opening and reading (our own loading, too) changes nothing.
                EventKind::Access(AccessKind::Close(AccessMode::Write)) => Some(false),
                EventKind::Access(_) => continue,
                EventKind::Modify(ModifyKind::Data(_)) | EventKind::Create(CreateKind::File) => {
                    Some(true)
                }
                _ => None,
            };
            for path in &event.paths {
                match written {
                    Some(true) => self.open.insert(path.clone()),
                    _ => self.open.remove(path),
                };
                if let Some((origin, shown)) = roots.classify(path, tema) {
                    match origin {
                        Origin::Content => self.content = true,
                        Origin::Theme | Origin::Themes => self.theme = true,
                    }
                    self.paths.insert(shown);
                    counted += 1;
                }
            }
        }
        counted
    }

    pub fn counts(&self) -> bool {
        self.content || self.theme
    }

    /// The changed files for the rebuild line: a few names, then how many more.
    pub fn summary(&self) -> String {
        const SHOWN: usize = 3;
        if self.paths.is_empty() {
            return "files (the watcher lost track of them)".into();
        }
        let mut names: Vec<String> = self
            .paths
            .iter()
            .take(SHOWN)
            .map(|p| p.display().to_string())
            .collect();
        if self.paths.len() > SHOWN {
            names.push(format!("{} more", self.paths.len() - SHOWN));
        }
        names.join(", ")
    }
}

/// Which file system object a path is, to tell a folder made again from the one watched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Identity {
    device: u64,
    inode: u64,
}

fn identity(path: &Path) -> Option<Identity> {
    let metadata = std::fs::metadata(path).ok()?;
    if !metadata.is_dir() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        Some(Identity {
            device: metadata.dev(),
            inode: metadata.ino(),
        })
    }
    #[cfg(not(unix))]
    {
        Some(Identity {
            device: 0,
            inode: 0,
        })
    }
}

/// Keeps the watch on the watched folders: a watch ends with the folder it watches, so a
/// folder deleted and made again, or replaced by another, is watched anew.
pub(super) struct Arming {
    watcher: Arc<Mutex<Option<Watcher>>>,
    /// Each watched folder (canonical), as the user named it, and what it was when watched.
    armed: Vec<(PathBuf, PathBuf, Option<Identity>)>,
}

impl Arming {
    pub fn new(roots: &Roots, watcher: Arc<Mutex<Option<Watcher>>>) -> Arming {
        let armed = roots
            .roots
            .iter()
            .map(|r| (r.real.clone(), r.shown.clone(), identity(&r.real)))
            .collect();
        Arming { watcher, armed }
    }

    /// Watches again the folders that came back; returns them as the user named them.
    fn rearm(&mut self) -> Vec<PathBuf> {
        let mut back = Vec::new();
        for (real, shown, armed) in &mut self.armed {
            let now = identity(real);
            if now == *armed {
                continue;
            }
            *armed = now;
            if now.is_none() {
                // Gone: watched again when it is back.
                continue;
            }
            let mut watcher = self.watcher.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some(watcher) = watcher.as_mut()
                && watcher.rewatch(real).is_ok()
            {
                back.push(shown.clone());
            } else {
                // Try again at the next look.
                *armed = None;
            }
        }
        back
    }
}

/// Waits for changes that count and for the end of their burst; `None` once the server stops.
///
/// Where the watcher reports closes (`closes`: inotify), a quiet burst still waits, up to
/// [`CLOSE_GRACE`], for the files written in it to be closed.
pub(super) fn next_changes(
    rx: &Receiver<Message>,
    roots: &Roots,
    tema: &str,
    closes: bool,
    arming: &mut Arming,
) -> Option<Changes> {
    let mut changes = Changes::default();
    loop {
        match rx.recv_timeout(REARM_CHECK) {
            Ok(Message::Events(result)) => {
                changes.add(result, roots, tema);
            }
            Ok(Message::Stop) | Err(RecvTimeoutError::Disconnected) => return None,
            Err(RecvTimeoutError::Timeout) => {}
        }
        let back = arming.rearm();
        if !back.is_empty() {
            // Everything in it may have changed while it was not watched.
            changes.rescan = true;
            changes.content = true;
            changes.paths.extend(back);
        }
        if changes.counts() {
            break;
        }
        if !changes.problems.is_empty() {
            return Some(changes);
        }
    }
    let deadline = Instant::now() + MAX_DELAY;
    let mut quiet_from = Instant::now() + QUIET;
    let mut closed_by: Option<Instant> = None;
    loop {
        let now = Instant::now();
        let wait = quiet_from.min(deadline).saturating_duration_since(now);
        if wait.is_zero() {
            let closed_by = *closed_by.get_or_insert(now + CLOSE_GRACE);
            if !closes || changes.open.is_empty() || now >= closed_by.min(deadline) {
                return Some(changes);
            }
            // Quiet, but a file is still being written: look again shortly.
            quiet_from = now + TICK;
            continue;
        }
        match rx.recv_timeout(wait) {
            Ok(Message::Events(result)) => {
                if changes.add(result, roots, tema) > 0 {
                    quiet_from = Instant::now() + QUIET;
                }
            }
            Ok(Message::Stop) | Err(RecvTimeoutError::Disconnected) => return None,
            Err(RecvTimeoutError::Timeout) => {}
        }
    }
}

/// A running watcher; dropping it stops it.
pub(super) enum Watcher {
    Native(Debouncer<RecommendedWatcher, RecommendedCache>),
    Polling(Debouncer<PollWatcher, NoCache>),
}

impl Watcher {
    /// Whether the watcher reports that a file written was closed (inotify does; polling and
    /// the other systems' watchers do not).
    pub fn reports_closes(&self) -> bool {
        cfg!(target_os = "linux") && matches!(self, Watcher::Native(_))
    }

    /// Watches `roots` recursively; falls back to polling when the system's watcher refuses
    /// (typically inotify's `max_user_watches`), and says so in the returned warning.
    pub fn start(roots: &Roots, tx: &Sender<Message>) -> anyhow::Result<(Watcher, Option<String>)> {
        let native = new_debouncer_opt::<_, RecommendedWatcher, RecommendedCache>(
            DEBOUNCE,
            Some(TICK),
            handler(tx),
            RecommendedCache::new(),
            notify::Config::default(),
        )
        .and_then(|mut debouncer| {
            for path in roots.paths() {
                debouncer.watch(path, RecursiveMode::Recursive)?;
            }
            Ok(debouncer)
        });
        let error = match native {
            Ok(debouncer) => return Ok((Watcher::Native(debouncer), None)),
            Err(error) => error,
        };
        let hint = match error.kind {
            notify::ErrorKind::MaxFilesWatch => {
                " (raise the limit with `sudo sysctl fs.inotify.max_user_watches=524288`)"
            }
            _ => "",
        };
        let warning = format!(
            "warning: the file system watcher failed: {error}{hint}; polling for changes every {} ms instead",
            POLL_INTERVAL.as_millis()
        );
        let mut polling = new_debouncer_opt::<_, PollWatcher, NoCache>(
            DEBOUNCE,
            Some(TICK),
            handler(tx),
            NoCache,
            notify::Config::default().with_poll_interval(POLL_INTERVAL),
        )
        .context("cannot watch the content folder")?;
        for path in roots.paths() {
            polling
                .watch(path, RecursiveMode::Recursive)
                .with_context(|| format!("cannot watch `{}`", path.display()))?;
        }
        Ok((Watcher::Polling(polling), Some(warning)))
    }

    /// Watches `path` anew (it was deleted and made again).
    fn rewatch(&mut self, path: &Path) -> notify::Result<()> {
        match self {
            Watcher::Native(debouncer) => {
                let _ = debouncer.unwatch(path);
                debouncer.watch(path, RecursiveMode::Recursive)
            }
            Watcher::Polling(debouncer) => {
                let _ = debouncer.unwatch(path);
                debouncer.watch(path, RecursiveMode::Recursive)
            }
        }
    }

    /// Stops watching and waits for the debouncer's thread.
    pub fn stop(self) {
        match self {
            Watcher::Native(debouncer) => debouncer.stop(),
            Watcher::Polling(debouncer) => debouncer.stop(),
        }
    }
}

fn handler(tx: &Sender<Message>) -> impl FnMut(DebounceEventResult) + Send + 'static {
    let tx = tx.clone();
    move |result| {
        let _ = tx.send(Message::Events(result));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use notify_debouncer_full::DebouncedEvent;
    use notify_debouncer_full::notify::Event;
    use notify_debouncer_full::notify::event::{CreateKind, ModifyKind, RenameMode};

    fn repo() -> (tempfile::TempDir, Roots) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content/2025")).unwrap();
        std::fs::create_dir_all(dir.path().join("themes/default/templates")).unwrap();
        std::fs::create_dir_all(dir.path().join("themes/other")).unwrap();
        let roots = Roots::new(
            &dir.path().join("content"),
            None,
            &dir.path().join("content/out"),
        )
        .unwrap();
        (dir, roots)
    }

    /// Nothing to watch again.
    fn idle() -> Arming {
        Arming {
            watcher: Arc::new(Mutex::new(None)),
            armed: Vec::new(),
        }
    }

    fn event(kind: EventKind, paths: &[PathBuf]) -> DebouncedEvent {
        let mut event = Event::new(kind);
        event.paths = paths.to_vec();
        DebouncedEvent::new(event, Instant::now())
    }

    /// An in-place save (truncate, write, close) is not over until the file is closed: the
    /// file read once the burst is over is whole. An atomic save (a temporary file closed,
    /// then renamed over) leaves nothing open. How long each waits is measured by
    /// `benches/rebuild.rs`, not here.
    #[test]
    fn a_burst_waits_for_files_written_in_place_to_be_closed() {
        use std::io::Write as _;
        let (dir, roots) = repo();
        let real = dir.path().canonicalize().unwrap();
        let file = real.join("content/2025/realisasi.toml");
        let (tx, rx) = std::sync::mpsc::channel();
        let write = || {
            event(
                EventKind::Modify(ModifyKind::Data(
                    notify_debouncer_full::notify::event::DataChange::Any,
                )),
                std::slice::from_ref(&file),
            )
        };
        let close = || {
            event(
                EventKind::Access(AccessKind::Close(AccessMode::Write)),
                std::slice::from_ref(&file),
            )
        };
        // Written in two parts, a while apart, and closed after the second: the burst ends
        // with the close, and the file read then is the whole of it.
        let whole = "[[realisasi]]\nindikator = \"ipg\"\ntriwulan = 1\nnilai = 91.8\n";
        let (first, rest) = whole.split_at(whole.len() / 2);
        let writer = {
            let (tx, path, written, closed) = (tx.clone(), file.clone(), write(), close());
            std::thread::spawn(move || {
                let mut saved = std::fs::File::create(&path).unwrap();
                saved.write_all(first.as_bytes()).unwrap();
                tx.send(Message::Events(Ok(vec![written]))).unwrap();
                std::thread::sleep(Duration::from_millis(30));
                saved.write_all(rest.as_bytes()).unwrap();
                drop(saved);
                tx.send(Message::Events(Ok(vec![closed]))).unwrap();
            })
        };
        let changes = next_changes(&rx, &roots, "default", true, &mut idle()).unwrap();
        assert!(
            changes.content && changes.open.is_empty(),
            "{:?}",
            changes.open
        );
        assert_eq!(std::fs::read_to_string(&file).unwrap(), whole);
        writer.join().unwrap();
        // Written and never closed: the burst is still over (after a grace), the file open.
        tx.send(Message::Events(Ok(vec![write()]))).unwrap();
        let changes = next_changes(&rx, &roots, "default", true, &mut idle()).unwrap();
        assert!(changes.content && changes.open.contains(&file));
        // A watcher that reports no closes: the burst is over without one.
        tx.send(Message::Events(Ok(vec![write()]))).unwrap();
        let changes = next_changes(&rx, &roots, "default", false, &mut idle()).unwrap();
        assert!(changes.content && changes.open.contains(&file));
        // An atomic save: the temporary file closed, then renamed over the file.
        let temporary = real.join("content/2025/realisasi.toml.tmp");
        let mut changes = Changes::default();
        let events = vec![
            event(
                EventKind::Create(CreateKind::File),
                std::slice::from_ref(&temporary),
            ),
            event(
                EventKind::Access(AccessKind::Close(AccessMode::Write)),
                std::slice::from_ref(&temporary),
            ),
            event(
                EventKind::Modify(ModifyKind::Name(RenameMode::Both)),
                &[temporary.clone(), file.clone()],
            ),
        ];
        changes.add(Ok(events), &roots, "default");
        assert!(
            changes.content && changes.open.is_empty(),
            "{:?}",
            changes.open
        );
    }

    #[test]
    fn counts_content_and_the_theme_in_use_only() {
        let (dir, roots) = repo();
        let real = dir.path().canonicalize().unwrap();
        let modify = EventKind::Modify(ModifyKind::Any);
        let cases = [
            ("content/2025/pk/kepala.toml", Some(Origin::Content)),
            ("content/2025", Some(Origin::Content)),
            ("themes/default/templates/base.html", Some(Origin::Themes)),
            ("themes/other/templates/base.html", None),
            ("content/.git/index", None),
            ("content/2025/pk/.kepala.toml.swp", None),
            ("content/2025/pk/kepala.toml~", None),
            ("content/2025/pk/kepala.toml.tmp", None),
            ("content/2025/pk/kepala.toml___jb_tmp___", None),
            ("content/2025/pk/#kepala.toml#", None),
            ("content/out/index.html", None),
            ("content/.out.capaian-new-12/index.html", None),
            ("elsewhere/x.toml", None),
        ];
        for (path, expected) in cases {
            assert_eq!(
                roots.classify(&real.join(path), "default").map(|c| c.0),
                expected,
                "{path}"
            );
        }
        let mut changes = Changes::default();
        let events = vec![
            event(
                EventKind::Access(AccessKind::Open(AccessMode::Any)),
                &[real.join("content/site.toml")],
            ),
            event(
                EventKind::Create(CreateKind::File),
                &[real.join("content/2025/pk/a.toml.tmp")],
            ),
            event(
                EventKind::Modify(ModifyKind::Name(RenameMode::Both)),
                &[
                    real.join("content/2025/pk/a.toml.tmp"),
                    real.join("content/2025/pk/a.toml"),
                ],
            ),
            event(modify, &[real.join("themes/default/templates/base.html")]),
        ];
        assert_eq!(changes.add(Ok(events), &roots, "default"), 2);
        assert!(changes.content && changes.theme && !changes.rescan);
        let shown = dir.path().join("content/2025/pk/a.toml");
        assert!(changes.paths.contains(&shown), "{:?}", changes.paths);
    }

    #[test]
    fn reading_files_is_not_a_change() {
        let (dir, roots) = repo();
        let real = dir.path().canonicalize().unwrap();
        let mut changes = Changes::default();
        let open = event(
            EventKind::Access(AccessKind::Open(AccessMode::Any)),
            &[real.join("content/site.toml")],
        );
        assert_eq!(changes.add(Ok(vec![open]), &roots, "default"), 0);
        assert!(!changes.counts());
    }

    #[test]
    fn a_burst_gives_one_batch_and_stop_ends_the_wait() {
        let (dir, roots) = repo();
        let real = dir.path().canonicalize().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        for i in 0..5 {
            let path = real.join(format!("content/2025/f{i}.toml"));
            tx.send(Message::Events(Ok(vec![event(
                EventKind::Modify(ModifyKind::Any),
                &[path],
            )])))
            .unwrap();
        }
        let changes = next_changes(&rx, &roots, "default", true, &mut idle()).unwrap();
        assert_eq!(changes.paths.len(), 5);
        assert_eq!(
            changes.summary().matches(", ").count(),
            3,
            "{}",
            changes.summary()
        );
        tx.send(Message::Stop).unwrap();
        assert!(next_changes(&rx, &roots, "default", true, &mut idle()).is_none());
    }
}
