//! Writing: the rendered files into the output folder, atomically.
//!
//! The site is written into a temporary folder beside the output folder and renamed into
//! place only when every file is written, so a failed build leaves the previous site as it was,
//! and a reader never sees half a site. Only a folder that capaian wrote itself (it holds the
//! marker file) or an empty one is ever replaced; nothing outside it is touched.

use std::collections::HashSet;
use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

/// The file capaian leaves in every output folder it writes, so it knows it may replace it.
pub const MARKER: &str = ".capaian-output";

/// A file of the built site, relative to the output folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputFile {
    pub path: PathBuf,
    pub contents: Vec<u8>,
}

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("the output folder `{}` is the content folder or holds it: building there would overwrite the report's sources; choose another --output, e.g. `output`", .0.display())]
    HoldsContent(PathBuf),
    #[error("the output folder `{}` is inside the content folder: the next build would read the site as content; choose a folder beside it, e.g. `output`", .0.display())]
    InsideContent(PathBuf),
    #[error("the output folder `{}` is the root of a git repository: building there would replace the repository; choose a folder inside it, e.g. `output`", .0.display())]
    RepositoryRoot(PathBuf),
    #[error("`{}` does not name a folder capaian can replace; give a folder name, e.g. `output`", .0.display())]
    NoName(PathBuf),
    #[error("the output folder `{}` holds files that capaian did not write; empty it or choose another --output (capaian replaces only folders it built itself)", .0.display())]
    Foreign(PathBuf),
    #[error("`{}` exists and is not a folder; choose another --output", .0.display())]
    NotAFolder(PathBuf),
    #[error("the output file name `{}` would leave the output folder", .0.display())]
    Escape(PathBuf),
    #[error("two files of the site would be written to `{}`: rename one of the pages or ids that become this path", .0.display())]
    Collision(PathBuf),
    #[error("cannot write `{}`: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The new site could not be put in place: the output folder is as it was.
    #[error("cannot put the new site in place of `{}`: {source}; the previous site there is untouched", output.display())]
    NotSwapped {
        output: PathBuf,
        source: std::io::Error,
    },
    /// The new site is in place, but the previous one could not be deleted (a read-only
    /// folder, typically): it is left beside the output folder.
    #[error("the new site is in `{}`, but the previous one could not be deleted: `{}`: {source}; delete that folder by hand (check the permissions of the output folder)", output.display(), old.display())]
    OldSiteKept {
        output: PathBuf,
        old: PathBuf,
        source: std::io::Error,
    },
}

impl WriteError {
    /// Whether the new site is in place all the same ([`WriteError::OldSiteKept`]).
    pub fn site_in_place(&self) -> bool {
        matches!(self, WriteError::OldSiteKept { .. })
    }
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> WriteError + '_ {
    move |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// What happens to the previous build once the new one is in place.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Cleanup {
    /// Delete it before returning (`capaian build`).
    #[default]
    Now,
    /// Delete it on a background thread: the new site is served at once (where deleting
    /// hundreds of files took longer than the rebuild itself).
    Background,
    /// Keep it beside the output folder as `.<name>.capaian-spare`, and write the next build
    /// over its files rather than into a new folder (`capaian serve`): a file system makes a
    /// file or folder that exists already far faster than a new one, above all just after
    /// deleting as many (the demo's rebuild on ext4: 232 ms, of which 190 ms in the kernel).
    /// [`remove_spare`] deletes it.
    Recycle,
}

/// The folder [`Cleanup::Recycle`] keeps beside `output`.
fn spare_of(output: &Path) -> Option<PathBuf> {
    let name = output.file_name()?.to_string_lossy();
    let parent = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    Some(parent.join(format!(".{name}.capaian-spare")))
}

/// Deletes the folder that builds with [`Cleanup::Recycle`] kept beside `output`, if any.
pub fn remove_spare(output: &Path) {
    if let Some(spare) = spare_of(output)
        && is_our_folder(&spare)
    {
        let _ = fs::remove_dir_all(spare);
    }
}

/// A file with another name somewhere (a hard link): writing over it would change that one too.
#[cfg(unix)]
fn shared_file(entry: &walkdir::DirEntry) -> bool {
    use std::os::unix::fs::MetadataExt as _;
    entry.metadata().is_ok_and(|m| m.nlink() > 1)
}

#[cfg(not(unix))]
fn shared_file(_: &walkdir::DirEntry) -> bool {
    false
}

/// A real folder (not a link to one) holding the marker: a build capaian wrote.
fn is_our_folder(dir: &Path) -> bool {
    fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir())
        && fs::symlink_metadata(dir.join(MARKER)).is_ok_and(|m| m.is_file())
}

/// Writes `files` as the whole content of `output`, replacing what a previous build wrote.
pub fn write_site(output: &Path, content: &Path, files: &[OutputFile]) -> Result<(), WriteError> {
    write_site_with(output, content, files, Cleanup::Now)
}

/// [`write_site`], choosing when the previous build is deleted. The paths are checked in
/// order first (so that a collision names the same file on every run), then the files are
/// written on all cores.
pub fn write_site_with(
    output: &Path,
    content: &Path,
    files: &[OutputFile],
    cleanup: Cleanup,
) -> Result<(), WriteError> {
    let staging = Staging::begin(output, content)?;
    for file in files {
        staging.claim(&file.path)?;
    }
    files.par_iter().try_for_each(|file| staging.store(file))?;
    staging.finish(cleanup)
}

/// A build being written: files go into a temporary folder beside the output folder as they
/// come, from any thread, and [`Staging::finish`] swaps it into place. Dropped unfinished (an
/// error on the way), it deletes the temporary folder and leaves the output as it was.
#[derive(Debug)]
pub struct Staging {
    output: PathBuf,
    staging: PathBuf,
    retired: PathBuf,
    claimed: Mutex<Claimed>,
    finished: bool,
    /// The staging folder is a previous build being written over ([`Cleanup::Recycle`]).
    recycled: bool,
    /// The folder an interrupted build deletes before exiting ([`interrupt`]).
    tracked: interrupt::Tracked,
}

/// The paths written so far and the folders they need: two files at one path, or a file
/// where another needs a folder (`a` and `a/index.html`), would silently lose one of them.
#[derive(Debug, Default)]
struct Claimed {
    files: HashSet<PathBuf>,
    folders: HashSet<PathBuf>,
}

impl Staging {
    /// Checks that `output` may be replaced and creates the temporary folder beside it.
    pub fn begin(output: &Path, content: &Path) -> Result<Staging, WriteError> {
        refuse_dangerous_output(output, content)?;
        // `.`, `..` and `/` have no name to stage beside: refuse rather than guess.
        let Some(name) = output.file_name().map(|n| n.to_string_lossy().into_owned()) else {
            return Err(WriteError::NoName(output.to_path_buf()));
        };
        let parent = match output.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent).map_err(io(&parent))?;
        // What killed builds left beside the output folder (never a folder of a live build).
        remove_leftovers(&parent, &name);
        // Unique per build, also between builds of one process (tests, `serve`).
        static BUILDS: AtomicUsize = AtomicUsize::new(0);
        let tag = format!(
            "{}-{}",
            std::process::id(),
            BUILDS.fetch_add(1, Ordering::Relaxed)
        );
        let staging = parent.join(format!(".{name}.capaian-new-{tag}"));
        let retired = parent.join(format!(".{name}.capaian-old-{tag}"));
        if staging.exists() {
            fs::remove_dir_all(&staging).map_err(io(&staging))?;
        }
        let this = Staging {
            output: output.to_path_buf(),
            tracked: interrupt::track_folder(staging.clone()),
            staging,
            retired,
            claimed: Mutex::default(),
            finished: false,
            recycled: false,
        };
        fs::create_dir_all(&this.staging).map_err(io(&this.staging))?;
        fs::write(
            this.staging.join(MARKER),
            b"This folder is written by capaian build; it is replaced on every build.\n",
        )
        .map_err(io(&this.staging))?;
        Ok(this)
    }

    /// [`Staging::begin`], writing over the folder a previous build with [`Cleanup::Recycle`]
    /// kept, when there is one. Anything in it that is not a plain file or folder (a link
    /// planted there, which writing would follow) is deleted first; what the build does not
    /// write again is deleted by [`Staging::finish`].
    pub fn begin_recycling(output: &Path, content: &Path) -> Result<Staging, WriteError> {
        let mut this = Staging::begin(output, content)?;
        let Some(spare) = spare_of(output).filter(|s| is_our_folder(s)) else {
            return Ok(this);
        };
        for entry in walkdir::WalkDir::new(&spare)
            .follow_links(false)
            .min_depth(1)
        {
            let Ok(entry) = entry else { continue };
            let kind = entry.file_type();
            if (!kind.is_file() && !kind.is_dir()) || (kind.is_file() && shared_file(&entry)) {
                fs::remove_file(entry.path()).map_err(io(entry.path()))?;
            }
        }
        let _ = fs::remove_dir_all(&this.staging);
        this.tracked.retarget(spare.clone());
        this.staging = spare;
        this.recycled = true;
        Ok(this)
    }

    /// Deletes from a recycled folder what this build did not write.
    fn prune(&self) -> Result<(), WriteError> {
        let claimed = self.claimed.lock().unwrap_or_else(|e| e.into_inner());
        let mut walk = walkdir::WalkDir::new(&self.staging)
            .follow_links(false)
            .min_depth(1)
            .into_iter();
        while let Some(entry) = walk.next() {
            let Ok(entry) = entry else { continue };
            let Ok(rel) = entry.path().strip_prefix(&self.staging) else {
                continue;
            };
            if entry.file_type().is_dir() {
                if !claimed.folders.contains(rel) {
                    fs::remove_dir_all(entry.path()).map_err(io(entry.path()))?;
                    walk.skip_current_dir();
                }
            } else if !claimed.files.contains(rel) && rel != Path::new(MARKER) {
                fs::remove_file(entry.path()).map_err(io(entry.path()))?;
            }
        }
        Ok(())
    }

    /// Writes one file of the site.
    pub fn write(&self, file: &OutputFile) -> Result<(), WriteError> {
        self.claim(&file.path)?;
        self.store(file)
    }

    /// Refuses a path that leaves the output folder or that another file has taken.
    fn claim(&self, path: &Path) -> Result<(), WriteError> {
        if path.as_os_str().is_empty()
            || path
                .components()
                .any(|c| !matches!(c, Component::Normal(_)))
        {
            return Err(WriteError::Escape(path.to_path_buf()));
        }
        let mut claimed = self.claimed.lock().unwrap_or_else(|e| e.into_inner());
        let folders: Vec<&Path> = path
            .ancestors()
            .skip(1)
            .filter(|a| !a.as_os_str().is_empty())
            .collect();
        if path == Path::new(MARKER)
            || claimed.files.contains(path)
            || claimed.folders.contains(path)
            || folders.iter().any(|f| claimed.files.contains(*f))
        {
            return Err(WriteError::Collision(path.to_path_buf()));
        }
        claimed.files.insert(path.to_path_buf());
        for folder in folders {
            if !claimed.folders.insert(folder.to_path_buf()) {
                break;
            }
        }
        Ok(())
    }

    /// Writes a claimed file: one `mkdir` for its folder (its parents only when missing), then
    /// the file.
    fn store(&self, file: &OutputFile) -> Result<(), WriteError> {
        let path = self.staging.join(&file.path);
        if interrupt::interrupted() {
            // The folder is being deleted before the process exits: write nothing more into it.
            return Err(WriteError::Io {
                path,
                source: std::io::Error::from(std::io::ErrorKind::Interrupted),
            });
        }
        if let Some(dir) = path.parent() {
            match fs::create_dir(dir) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(_) => fs::create_dir_all(dir).map_err(io(dir))?,
            }
        }
        // Writing over a recycled build: most pages are what they were, and leaving such a file
        // alone is cheaper than writing it again (no blocks freed and allocated).
        if self.recycled
            && fs::symlink_metadata(&path)
                .is_ok_and(|m| m.is_file() && m.len() == file.contents.len() as u64)
            && fs::read(&path).is_ok_and(|old| old == file.contents)
        {
            return Ok(());
        }
        fs::write(&path, &file.contents).map_err(io(&path))
    }

    /// Puts the written site in place of the output folder, then deletes the previous one.
    ///
    /// On Linux the two folders are exchanged in one step (`renameat2` with
    /// `RENAME_EXCHANGE`), so that there is no moment without an output folder; elsewhere, or
    /// where the file system refuses, the output is renamed aside and the new site renamed in.
    /// An error says whether the new site is in place ([`WriteError::site_in_place`]).
    pub fn finish(mut self, cleanup: Cleanup) -> Result<(), WriteError> {
        if self.recycled {
            // Still unfinished: an error here drops the half-pruned folder, not the output.
            self.prune()?;
        }
        self.finished = true;
        let output = self.output.clone();
        let staging = self.staging.clone();
        let exists = fs::symlink_metadata(&output).is_ok();
        // An interrupt waits for the swap to be over, so that it deletes what is left beside
        // the output folder, never the folder going into place.
        let swapped = {
            let _swap = interrupt::hold();
            if exists {
                swap(&staging, &output, &self.retired)
            } else {
                fs::rename(&staging, &output).map(|()| None)
            }
        };
        let retired = match swapped {
            Ok(Some(retired)) => retired,
            Ok(None) => return Ok(()),
            Err(source) => {
                if remove_ours(&staging).is_err() {
                    let _ = fs::remove_dir_all(&staging);
                }
                return Err(WriteError::NotSwapped { output, source });
            }
        };
        // From here on an interrupt deletes the previous site, no longer the new one.
        self.tracked.retarget(retired.clone());
        let kept = |source| WriteError::OldSiteKept {
            output: output.clone(),
            old: retired.clone(),
            source,
        };
        match cleanup {
            Cleanup::Now => {
                remove_ours(&retired).map_err(kept)?;
                // A spare a `serve` left behind (killed before it could delete it).
                remove_spare(&output);
            }
            Cleanup::Background => {
                let tracked = std::mem::replace(&mut self.tracked, interrupt::Tracked::none());
                std::thread::spawn(move || {
                    let _ = remove_ours(&retired);
                    drop(tracked);
                });
            }
            // Exchanged with the spare it was written over: the previous build is the spare.
            Cleanup::Recycle if spare_of(&output).as_deref() == Some(retired.as_path()) => {}
            Cleanup::Recycle => {
                // The previous build becomes the spare the next one writes over.
                let spare = spare_of(&output).filter(|s| fs::symlink_metadata(s).is_err());
                match spare {
                    Some(spare) if is_our_folder(&retired) => {
                        if fs::rename(&retired, &spare).is_err() {
                            let _ = remove_ours(&retired);
                        }
                    }
                    _ => {
                        let _ = remove_ours(&retired);
                    }
                }
            }
        }
        Ok(())
    }
}

/// Puts `staging` in place of `output`; returns where the previous site now is (`None`: it
/// was not there). On an error the output folder is as it was.
fn swap(staging: &Path, output: &Path, retired: &Path) -> std::io::Result<Option<PathBuf>> {
    match exchange(staging, output) {
        // The previous site is where the new one was.
        Ok(()) => return Ok(Some(staging.to_path_buf())),
        Err(e) if !exchange_unsupported(&e) => return Err(e),
        Err(_) => {}
    }
    fs::rename(output, retired)?;
    if let Err(e) = fs::rename(staging, output) {
        // Put the previous site back rather than leave no site at all.
        let _ = fs::rename(retired, output);
        return Err(e);
    }
    Ok(Some(retired.to_path_buf()))
}

/// Exchanges two paths atomically (Linux's `renameat2` with `RENAME_EXCHANGE`).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::os::unix::ffi::OsStrExt as _;
    let c = |p: &Path| {
        std::ffi::CString::new(p.as_os_str().as_bytes())
            .map_err(|_| std::io::Error::from(std::io::ErrorKind::InvalidInput))
    };
    let (a, b) = (c(a)?, c(b)?);
    // SAFETY: both pointers are valid NUL-terminated strings that outlive the call.
    let result = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if result == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

/// Whether the system or the file system cannot exchange (an old kernel, a network or FUSE
/// file system): then the two renames are the way.
fn exchange_unsupported(error: &std::io::Error) -> bool {
    #[cfg(target_os = "linux")]
    if matches!(
        error.raw_os_error(),
        Some(libc::EINVAL | libc::ENOSYS | libc::EOPNOTSUPP | libc::EXDEV)
    ) {
        return true;
    }
    error.kind() == std::io::ErrorKind::Unsupported
}

impl Staging {
    /// Gives up a build that will not be finished (a newer change replaced it in `serve`).
    /// A recycled folder stays as the spare, to be written over by the next build, which
    /// deletes what it does not write; a new folder is deleted.
    pub fn abandon(mut self) {
        if self.recycled {
            self.finished = true;
        }
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.finished && remove_ours(&self.staging).is_err() {
            let _ = fs::remove_dir_all(&self.staging);
        }
    }
}

/// Deletes a folder capaian wrote, its top-level entries on all cores (a previous build of
/// thousands of pages takes as long to delete as to write), and its marker last: a deletion
/// cut short leaves a folder that the next build still recognises as its own.
fn remove_ours(dir: &Path) -> std::io::Result<()> {
    let entries: Vec<fs::DirEntry> = fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries
        .par_iter()
        .filter(|entry| entry.file_name() != MARKER)
        .try_for_each(|entry| {
            if entry.file_type()?.is_dir() {
                fs::remove_dir_all(entry.path())
            } else {
                fs::remove_file(entry.path())
            }
        })?;
    match fs::remove_file(dir.join(MARKER)) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    fs::remove_dir(dir)
}

/// Deletes the staging folders of builds that were killed (`kill -9`, a power cut) beside the
/// output folder `name` in `parent`: `.<name>.capaian-new-<pid>-<n>` and
/// `.<name>.capaian-old-<pid>-<n>` whose process is gone, and which hold the marker (or are
/// empty). A folder of a live build, or one capaian did not write, is left alone.
fn remove_leftovers(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(pid) = file_name.to_str().and_then(|n| leftover_owner(n, name)) else {
            continue;
        };
        if pid == std::process::id() || process_alive(pid) {
            continue;
        }
        let path = entry.path();
        let is_dir = fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir());
        if !is_dir {
            continue;
        }
        if is_our_folder(&path) {
            let _ = remove_ours(&path);
        } else {
            // Killed before the marker was written: deleted only when empty.
            let _ = fs::remove_dir(&path);
        }
    }
}

/// The process that made a staging folder named `file_name` beside the output folder `name`.
fn leftover_owner(file_name: &str, name: &str) -> Option<u32> {
    let rest = file_name.strip_prefix(&format!(".{name}.capaian-"))?;
    let tag = rest
        .strip_prefix("new-")
        .or_else(|| rest.strip_prefix("old-"))?;
    let (pid, build) = tag.split_once('-')?;
    if build.is_empty() || !build.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    pid.parse().ok()
}

/// Whether a process with this id runs; where that cannot be asked, it is taken to run (its
/// folders are kept).
fn process_alive(pid: u32) -> bool {
    #[cfg(target_os = "linux")]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return true;
        };
        // SAFETY: signal 0 checks that the process exists and sends nothing.
        let result = unsafe { libc::kill(pid, 0) };
        result == 0 || std::io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = pid;
        true
    }
}

/// Cleaning up when the user stops a command (Ctrl-C, SIGTERM): the folders a build was
/// writing beside the output folder and the temporary folders of `pdf` are deleted, and the
/// browsers `pdf` started are stopped, before the process exits. What is being written or run
/// registers here for as long as it exists ([`Tracked`]); [`install_handler`] makes the signals
/// run [`clean_up`].
pub mod interrupt {
    use std::path::PathBuf;
    use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
    use std::sync::{Mutex, MutexGuard, PoisonError};

    #[derive(Debug)]
    enum What {
        Folder(PathBuf),
        /// A process group (a browser and its helpers), stopped with SIGKILL.
        #[cfg_attr(not(unix), allow(dead_code))]
        Group(i32),
    }

    static REGISTRY: Mutex<Vec<(u64, What)>> = Mutex::new(Vec::new());
    static NEXT: AtomicU64 = AtomicU64::new(1);
    static INTERRUPTED: AtomicBool = AtomicBool::new(false);

    fn registry() -> MutexGuard<'static, Vec<(u64, What)>> {
        REGISTRY.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Something to clean up on an interrupt, for as long as this lives.
    #[derive(Debug)]
    pub struct Tracked(u64);

    impl Tracked {
        /// Tracks nothing.
        pub fn none() -> Tracked {
            Tracked(0)
        }

        /// The tracked folder moved (or another one takes its place).
        pub fn retarget(&mut self, folder: PathBuf) {
            let mut registry = registry();
            registry.retain(|(id, _)| *id != self.0);
            let id = NEXT.fetch_add(1, Ordering::Relaxed);
            registry.push((id, What::Folder(folder)));
            self.0 = id;
        }
    }

    impl Drop for Tracked {
        fn drop(&mut self) {
            if self.0 != 0 {
                registry().retain(|(id, _)| *id != self.0);
            }
        }
    }

    fn track(what: What) -> Tracked {
        let id = NEXT.fetch_add(1, Ordering::Relaxed);
        registry().push((id, what));
        Tracked(id)
    }

    /// A folder to delete on an interrupt.
    pub fn track_folder(folder: PathBuf) -> Tracked {
        track(What::Folder(folder))
    }

    /// A process group to stop on an interrupt.
    #[cfg(unix)]
    pub fn track_group(group: i32) -> Tracked {
        track(What::Group(group))
    }

    /// Holds back an interrupt's clean-up (or, returned by [`clean_up`], any swap) while it
    /// lives.
    pub struct Held(#[allow(dead_code)] MutexGuard<'static, Vec<(u64, What)>>);

    /// Holds back an interrupt's clean-up while a folder is being swapped into place.
    pub(crate) fn hold() -> Held {
        Held(registry())
    }

    /// Whether the process is being stopped: writers stop writing.
    pub fn interrupted() -> bool {
        INTERRUPTED.load(Ordering::SeqCst)
    }

    /// Stops the tracked process groups and deletes the tracked folders. The returned guard
    /// keeps any swap from starting: hold it until the process exits.
    pub fn clean_up() -> Held {
        INTERRUPTED.store(true, Ordering::SeqCst);
        let registry = registry();
        for (_, what) in registry.iter() {
            if let What::Group(group) = what {
                super::kill_group(*group);
            }
        }
        for (_, what) in registry.iter() {
            if let What::Folder(folder) = what {
                // Writers may still be finishing a file: try again briefly.
                for _ in 0..20 {
                    match std::fs::remove_dir_all(folder) {
                        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                            std::thread::sleep(std::time::Duration::from_millis(25));
                        }
                        _ => break,
                    }
                }
            }
        }
        Held(registry)
    }

    /// Makes Ctrl-C, SIGTERM and SIGHUP clean up ([`clean_up`]) and exit with status 130.
    pub fn install_handler() -> Result<(), ctrlc::Error> {
        ctrlc::set_handler(|| {
            let _held = clean_up();
            eprintln!("stopped; the unfinished files were removed");
            std::process::exit(130);
        })
    }
}

/// Sends SIGKILL to every process of a process group.
#[cfg(unix)]
pub(crate) fn kill_group(group: i32) {
    if group <= 1 {
        return;
    }
    #[cfg(target_os = "linux")]
    {
        // SAFETY: kill takes no pointers; a negative id names the process group.
        unsafe {
            libc::kill(-group, libc::SIGKILL);
        }
        // SIGKILL is delivered when each process next runs: on a busy machine a member can
        // live on for some milliseconds. Wait (a bounded while) until none is left but zombies,
        // so that nothing of the group outlives the caller.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(2);
        while group_alive(group) && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = std::process::Command::new("kill")
            .args(["-KILL", "--", &format!("-{group}")])
            .status();
    }
}

#[cfg(not(unix))]
pub(crate) fn kill_group(_: i32) {}

/// Whether a process of `group` is still running (zombies, which only wait to be reaped, do
/// not count), read from `/proc`.
#[cfg(target_os = "linux")]
fn group_alive(group: i32) -> bool {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return false;
    };
    entries.flatten().any(|entry| {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .filter(|n| n.bytes().all(|b| b.is_ascii_digit()))
        else {
            return false;
        };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
            return false;
        };
        // After the command's closing parenthesis: state, ppid, pgrp, ...
        let mut fields = stat
            .rsplit_once(')')
            .map_or("", |(_, rest)| rest)
            .split_whitespace();
        let state = fields.next().unwrap_or("Z");
        let pgrp = fields.nth(1).and_then(|g| g.parse::<i32>().ok());
        pgrp == Some(group) && !state.starts_with('Z') && !state.starts_with('X')
    })
}

/// Refuses an output folder whose replacement would destroy something: the content itself, a
/// folder above it, a folder inside it, a repository root, or a folder capaian did not write.
fn refuse_dangerous_output(output: &Path, content: &Path) -> Result<(), WriteError> {
    let resolved = resolve(output).map_err(io(output))?;
    if let Ok(content) = content.canonicalize() {
        if content.starts_with(&resolved) {
            return Err(WriteError::HoldsContent(output.to_path_buf()));
        }
        if resolved.starts_with(&content) {
            return Err(WriteError::InsideContent(output.to_path_buf()));
        }
    }
    if !output.exists() {
        return Ok(());
    }
    if !output.is_dir() {
        return Err(WriteError::NotAFolder(output.to_path_buf()));
    }
    if resolved.join(".git").exists() {
        return Err(WriteError::RepositoryRoot(output.to_path_buf()));
    }
    let mut entries = fs::read_dir(output).map_err(io(output))?;
    let ours = output.join(MARKER).exists();
    let empty = entries.all(|e| e.is_ok_and(|e| e.file_name() == ".gitkeep"));
    if ours || empty {
        Ok(())
    } else {
        Err(WriteError::Foreign(output.to_path_buf()))
    }
}

/// The absolute path of `path` with its deepest existing ancestor resolved (symbolic links,
/// `..`), so that a folder that does not exist yet is still placed correctly.
fn resolve(path: &Path) -> std::io::Result<PathBuf> {
    let absolute = std::path::absolute(path)?;
    let mut rest = Vec::new();
    let mut existing = absolute.as_path();
    loop {
        if let Ok(canonical) = existing.canonicalize() {
            let mut resolved = canonical;
            for part in rest.iter().rev() {
                resolved.push(part);
            }
            return Ok(resolved);
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return Ok(absolute),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: PathBuf::from(path),
            contents: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn replaces_a_previous_build_and_drops_stale_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        let content = dir.path().join("content");
        write_site(
            &out,
            &content,
            &[file("a/index.html", "one"), file("old.html", "x")],
        )
        .unwrap();
        write_site(&out, &content, &[file("a/index.html", "two")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "two");
        assert!(!out.join("old.html").exists());
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("output")]);
    }

    /// Every file under `dir` with its contents, by relative path.
    fn tree(dir: &Path) -> Vec<(String, String)> {
        let mut files: Vec<(String, String)> = walkdir::WalkDir::new(dir)
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e
                    .path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                (rel, fs::read_to_string(e.path()).unwrap())
            })
            .collect();
        files.sort();
        files
    }

    fn recycle(out: &Path, content: &Path, files: &[OutputFile]) {
        let staging = Staging::begin_recycling(out, content).unwrap();
        for f in files {
            staging.write(f).unwrap();
        }
        staging.finish(Cleanup::Recycle).unwrap();
    }

    #[test]
    fn a_recycled_build_writes_over_the_previous_one_and_keeps_nothing_stale() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        let content = dir.path().join("content");
        let spare = dir.path().join(".output.capaian-spare");
        let first = [
            file("a/index.html", "one"),
            file("old/x.html", "x"),
            file("k.css", "k"),
        ];
        let second = [
            file("a/index.html", "two"),
            file("b/index.html", "b"),
            file("k.css", "k"),
        ];
        let third = [file("a/index.html", "three")];
        recycle(&out, &content, &first);
        assert!(!spare.exists(), "the first build has nothing to keep");
        recycle(&out, &content, &second);
        assert!(spare.is_dir(), "the first build is kept as the spare");
        recycle(&out, &content, &third);
        // The output holds exactly the last build, as a fresh build would.
        let fresh = dir.path().join("fresh");
        write_site(&fresh, &content, &third).unwrap();
        assert_eq!(tree(&out), tree(&fresh));
        assert!(!out.join("old").exists() && !out.join("b").exists());
        // The spare is the second build, whole: the next one writes over it.
        let mut expected: Vec<(String, String)> = second
            .iter()
            .map(|f| {
                (
                    f.path.to_string_lossy().into_owned(),
                    String::from_utf8(f.contents.clone()).unwrap(),
                )
            })
            .collect();
        expected.push((
            MARKER.to_string(),
            fs::read_to_string(out.join(MARKER)).unwrap(),
        ));
        expected.sort();
        assert_eq!(tree(&spare), expected);
        remove_spare(&out);
        assert!(!spare.exists());
        assert!(out.join("a/index.html").is_file());
        // A plain build deletes a spare that a killed `serve` left behind.
        recycle(&out, &content, &second);
        recycle(&out, &content, &third);
        assert!(spare.is_dir());
        write_site(&out, &content, &third).unwrap();
        assert!(!spare.exists());
        assert_eq!(tree(&out), tree(&fresh));
    }

    #[cfg(unix)]
    #[test]
    fn a_recycled_build_never_writes_through_a_link_planted_in_the_spare() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        let content = dir.path().join("content");
        let precious = dir.path().join("precious.txt");
        fs::write(&precious, "keep me").unwrap();
        let files = [file("a/index.html", "page"), file("b.html", "b")];
        recycle(&out, &content, &files);
        recycle(&out, &content, &files);
        let spare = dir.path().join(".output.capaian-spare");
        fs::remove_file(spare.join("a/index.html")).unwrap();
        std::os::unix::fs::symlink(&precious, spare.join("a/index.html")).unwrap();
        fs::remove_file(spare.join("b.html")).unwrap();
        fs::hard_link(&precious, spare.join("b.html")).unwrap();
        recycle(&out, &content, &files);
        assert_eq!(fs::read_to_string(&precious).unwrap(), "keep me");
        assert_eq!(
            fs::read_to_string(out.join("a/index.html")).unwrap(),
            "page"
        );
        assert!(
            !fs::symlink_metadata(out.join("a/index.html"))
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(out.join("b.html")).unwrap(), "b");
    }

    /// The id of a process that has ended.
    fn dead_pid() -> u32 {
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        pid
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_build_removes_what_killed_builds_left_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        let content = dir.path().join("content");
        write_site(&out, &content, &[file("a.html", "one")]).unwrap();
        let dead = dead_pid();
        let marked = |name: &str| {
            let folder = dir.path().join(name);
            fs::create_dir_all(folder.join("2025")).unwrap();
            fs::write(folder.join(MARKER), "").unwrap();
            fs::write(folder.join("2025/index.html"), "x").unwrap();
            folder
        };
        // Killed while writing, and while deleting the previous site (its marker goes last).
        let new = marked(&format!(".output.capaian-new-{dead}-0"));
        let old = marked(&format!(".output.capaian-old-{dead}-7"));
        // Killed before the marker was written: empty.
        let empty = dir.path().join(format!(".output.capaian-new-{dead}-1"));
        fs::create_dir(&empty).unwrap();
        // Not ours: no marker and not empty, a live owner, another output's, another name.
        let foreign = dir.path().join(format!(".output.capaian-new-{dead}-2"));
        fs::create_dir(&foreign).unwrap();
        fs::write(foreign.join("thesis.docx"), "precious").unwrap();
        let mut sleeper = std::process::Command::new("sleep")
            .arg("30")
            .spawn()
            .unwrap();
        let live = marked(&format!(".output.capaian-new-{}-0", sleeper.id()));
        let other = marked(&format!(".site.capaian-new-{dead}-0"));
        let odd = marked(&format!(".output.capaian-new-{dead}-x"));
        let linked = dir.path().join(format!(".output.capaian-old-{dead}-9"));
        std::os::unix::fs::symlink(&foreign, &linked).unwrap();

        write_site(&out, &content, &[file("a.html", "two")]).unwrap();
        sleeper.kill().unwrap();
        sleeper.wait().unwrap();
        for gone in [&new, &old, &empty] {
            assert!(!gone.exists(), "{}", gone.display());
        }
        for kept in [&foreign, &live, &other, &odd] {
            assert!(kept.is_dir(), "{}", kept.display());
        }
        assert_eq!(
            fs::read_to_string(foreign.join("thesis.docx")).unwrap(),
            "precious"
        );
        assert!(fs::symlink_metadata(&linked).unwrap().is_symlink());
        assert_eq!(fs::read_to_string(out.join("a.html")).unwrap(), "two");
    }

    #[test]
    fn a_staging_folder_names_its_owner() {
        assert_eq!(
            leftover_owner(".output.capaian-new-123-0", "output"),
            Some(123)
        );
        assert_eq!(
            leftover_owner(".output.capaian-old-9-15", "output"),
            Some(9)
        );
        assert_eq!(leftover_owner(".output.capaian-spare", "output"), None);
        assert_eq!(leftover_owner(".output.capaian-new-123", "output"), None);
        assert_eq!(leftover_owner(".output.capaian-new-12a-0", "output"), None);
        assert_eq!(leftover_owner(".site.capaian-new-1-0", "output"), None);
        assert_eq!(leftover_owner("output", "output"), None);
    }

    #[test]
    fn deleting_our_folder_takes_everything_in_it() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("x");
        fs::create_dir_all(folder.join("a/b")).unwrap();
        fs::write(folder.join(MARKER), "").unwrap();
        fs::write(folder.join("a/b/c.html"), "c").unwrap();
        remove_ours(&folder).unwrap();
        assert!(!folder.exists());
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn the_swap_exchanges_the_two_folders_in_one_step() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        fs::create_dir(&a).unwrap();
        fs::create_dir(&b).unwrap();
        fs::write(a.join("f"), "a").unwrap();
        fs::write(b.join("f"), "b").unwrap();
        exchange(&a, &b).expect("renameat2 RENAME_EXCHANGE on the test's file system");
        assert_eq!(fs::read_to_string(a.join("f")).unwrap(), "b");
        assert_eq!(fs::read_to_string(b.join("f")).unwrap(), "a");
        // The previous site ends where the new one was, and is deleted from there.
        let out = dir.path().join("output");
        let content = dir.path().join("content");
        write_site(&out, &content, &[file("i.html", "1")]).unwrap();
        let staging = Staging::begin(&out, &content).unwrap();
        staging.write(&file("i.html", "2")).unwrap();
        let new = staging.staging.clone();
        assert_eq!(
            swap(&new, &out, &staging.retired).unwrap(),
            Some(new.clone())
        );
        assert_eq!(fs::read_to_string(out.join("i.html")).unwrap(), "2");
        assert_eq!(fs::read_to_string(new.join("i.html")).unwrap(), "1");
        let missing = std::io::Error::from_raw_os_error(libc::EINVAL);
        assert!(exchange_unsupported(&missing));
        assert!(!exchange_unsupported(&std::io::Error::from_raw_os_error(
            libc::EACCES
        )));
    }

    /// Makes `file` impossible to delete: immutable for root (who ignores permissions), its
    /// folder read-only for anyone else. `false` where neither works.
    #[cfg(target_os = "linux")]
    fn undeletable(file: &Path, lock: bool) -> bool {
        use std::os::unix::fs::PermissionsExt as _;
        // SAFETY: geteuid takes no arguments and cannot fail.
        let root = unsafe { libc::geteuid() } == 0;
        if root {
            let flag = if lock { "+i" } else { "-i" };
            return std::process::Command::new("chattr")
                .arg(flag)
                .arg(file)
                .status()
                .is_ok_and(|s| s.success());
        }
        let mode = if lock { 0o555 } else { 0o755 };
        fs::set_permissions(file.parent().unwrap(), fs::Permissions::from_mode(mode)).is_ok()
    }

    /// A previous site that cannot be deleted (a read-only output folder): the error says that
    /// the new site is in place and where the old one is.
    #[cfg(target_os = "linux")]
    #[test]
    fn an_old_site_that_cannot_be_deleted_is_reported_as_such() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        let content = dir.path().join("content");
        write_site(&out, &content, &[file("a/index.html", "one")]).unwrap();
        let stuck = out.join("a/index.html");
        if !undeletable(&stuck, true) {
            eprintln!("skipped: neither chattr nor permissions can protect a file here");
            return;
        }
        let err = write_site(&out, &content, &[file("a/index.html", "two")]).unwrap_err();
        let WriteError::OldSiteKept { old, .. } = &err else {
            panic!("{err}");
        };
        assert!(err.site_in_place());
        let message = err.to_string();
        assert!(message.starts_with("the new site is in `"), "{message}");
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "two");
        assert_eq!(fs::read_to_string(old.join("a/index.html")).unwrap(), "one");
        assert!(undeletable(&old.join("a/index.html"), false));
        // The next build deletes it no more than a live build's: its owner is this process.
        write_site(&out, &content, &[file("a/index.html", "three")]).unwrap();
        assert!(old.is_dir());
        remove_ours(old).unwrap();
    }

    #[test]
    fn refuses_a_folder_it_did_not_write() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("thesis.docx"), "precious").unwrap();
        let err = write_site(
            dir.path(),
            Path::new("/nonexistent"),
            &[file("index.html", "x")],
        )
        .unwrap_err();
        assert!(matches!(err, WriteError::Foreign(_)));
        assert_eq!(
            fs::read_to_string(dir.path().join("thesis.docx")).unwrap(),
            "precious"
        );
    }

    #[test]
    fn refuses_the_content_folder_and_its_parents() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        fs::create_dir_all(&content).unwrap();
        fs::write(content.join("site.toml"), "judul = 'x'").unwrap();
        for output in [content.clone(), dir.path().to_path_buf()] {
            let err = write_site(&output, &content, &[file("index.html", "x")]).unwrap_err();
            assert!(matches!(err, WriteError::HoldsContent(_)), "{err}");
        }
        assert!(content.join("site.toml").exists());
    }

    #[test]
    fn refuses_paths_that_leave_the_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        let err = write_site(
            &out,
            Path::new("/nonexistent"),
            &[file("../evil.html", "x")],
        )
        .unwrap_err();
        assert!(matches!(err, WriteError::Escape(_)));
        assert!(!dir.path().join("evil.html").exists());
        assert!(!out.exists());
    }

    #[test]
    fn refuses_a_folder_inside_the_content_even_before_it_exists() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        fs::create_dir_all(content.join("pages")).unwrap();
        for output in [
            content.join("pages"),
            content.join("site"),
            content.join("a/b/../c"),
        ] {
            let err = write_site(&output, &content, &[file("index.html", "x")]).unwrap_err();
            assert!(
                matches!(err, WriteError::InsideContent(_)),
                "{}: {err}",
                output.display()
            );
        }
        let names: Vec<_> = fs::read_dir(&content)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("pages")]);
    }

    #[test]
    fn refuses_a_repository_root() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("repo/.git")).unwrap();
        // Even one that carries the marker: a repository is never replaced.
        fs::write(dir.path().join("repo").join(MARKER), "").unwrap();
        let err = write_site(
            &dir.path().join("repo"),
            Path::new("/nonexistent"),
            &[file("index.html", "x")],
        )
        .unwrap_err();
        assert!(matches!(err, WriteError::RepositoryRoot(_)), "{err}");
        assert!(dir.path().join("repo/.git").is_dir());
    }

    #[test]
    fn refuses_dot_names_and_the_root() {
        // Refused one way or another (they are not empty folders capaian wrote), never written.
        for output in [".", "..", "/", "out/.."] {
            let err = write_site(
                Path::new(output),
                Path::new("/nonexistent"),
                &[file("index.html", "x")],
            )
            .unwrap_err();
            assert!(!matches!(err, WriteError::Io { .. }), "{output}: {err}");
        }
    }

    #[test]
    fn refuses_two_files_at_one_path() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        for files in [
            vec![file("a/index.html", "1"), file("a/index.html", "2")],
            vec![file("style.css", "1"), file("style.css/index.html", "2")],
            vec![file(MARKER, "x")],
        ] {
            let err = write_site(&out, Path::new("/nonexistent"), &files).unwrap_err();
            assert!(matches!(err, WriteError::Collision(_)), "{err}");
            assert!(!out.exists());
        }
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert!(leftovers.is_empty());
    }
}
