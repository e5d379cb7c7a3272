//! Writing: the rendered files into the output folder, atomically.
//!
//! The site is written into a temporary folder beside the output folder and renamed into
//! place only when every file is written, so a failed build leaves the previous site as it was,
//! and a reader never sees half a site. Only a folder that capaian wrote itself (it holds the
//! marker file) or an empty one is ever replaced; nothing outside it is touched.

use std::fs;
use std::path::{Component, Path, PathBuf};

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
    #[error("the output folder `{}` holds files that capaian did not write; empty it or choose another --output (capaian replaces only folders it built itself)", .0.display())]
    Foreign(PathBuf),
    #[error("`{}` exists and is not a folder; choose another --output", .0.display())]
    NotAFolder(PathBuf),
    #[error("the output file name `{}` would leave the output folder", .0.display())]
    Escape(PathBuf),
    #[error("cannot write `{}`: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> WriteError + '_ {
    move |source| WriteError::Io { path: path.to_path_buf(), source }
}

/// What happens to the previous build once the new one is in place.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Cleanup {
    /// Delete it before returning (`capaian build`).
    #[default]
    Now,
    /// Delete it on a background thread: the new site is served at once (`capaian serve`,
    /// where deleting hundreds of files took longer than the rebuild itself).
    Background,
}

/// Writes `files` as the whole content of `output`, replacing what a previous build wrote.
pub fn write_site(output: &Path, content: &Path, files: &[OutputFile]) -> Result<(), WriteError> {
    write_site_with(output, content, files, Cleanup::Now)
}

/// [`write_site`], choosing when the previous build is deleted.
pub fn write_site_with(output: &Path, content: &Path, files: &[OutputFile], cleanup: Cleanup) -> Result<(), WriteError> {
    refuse_dangerous_output(output, content)?;
    let parent = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(io(&parent))?;
    let name = output.file_name().map_or("output".into(), |n| n.to_string_lossy().into_owned());
    static BUILDS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let build = BUILDS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let staging = parent.join(format!(".{name}.capaian-new-{}", std::process::id()));
    let retired = parent.join(format!(".{name}.capaian-old-{}-{build}", std::process::id()));
    if staging.exists() {
        fs::remove_dir_all(&staging).map_err(io(&staging))?;
    }
    if let Err(e) = write_all(&staging, files) {
        let _ = fs::remove_dir_all(&staging);
        return Err(e);
    }
    if output.exists() {
        fs::rename(output, &retired).map_err(io(output))?;
        if let Err(source) = fs::rename(&staging, output) {
            // Put the previous site back rather than leave no site at all.
            let _ = fs::rename(&retired, output);
            let _ = fs::remove_dir_all(&staging);
            return Err(WriteError::Io { path: output.to_path_buf(), source });
        }
        match cleanup {
            Cleanup::Now => fs::remove_dir_all(&retired).map_err(io(&retired))?,
            Cleanup::Background => {
                std::thread::spawn(move || {
                    let _ = fs::remove_dir_all(&retired);
                });
            }
        }
    } else {
        fs::rename(&staging, output).map_err(io(output))?;
    }
    Ok(())
}

fn write_all(staging: &Path, files: &[OutputFile]) -> Result<(), WriteError> {
    fs::create_dir_all(staging).map_err(io(staging))?;
    fs::write(staging.join(MARKER), b"This folder is written by capaian build; it is replaced on every build.\n")
        .map_err(io(staging))?;
    for file in files {
        if file.path.components().any(|c| !matches!(c, Component::Normal(_))) {
            return Err(WriteError::Escape(file.path.clone()));
        }
        let path = staging.join(&file.path);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(io(dir))?;
        }
        fs::write(&path, &file.contents).map_err(io(&path))?;
    }
    Ok(())
}

/// Refuses an output folder whose replacement would destroy something: the content itself, a
/// folder above it, or a folder capaian did not write.
fn refuse_dangerous_output(output: &Path, content: &Path) -> Result<(), WriteError> {
    if !output.exists() {
        return Ok(());
    }
    if !output.is_dir() {
        return Err(WriteError::NotAFolder(output.to_path_buf()));
    }
    let canonical = output.canonicalize().map_err(io(output))?;
    if let Ok(content) = content.canonicalize() {
        if content.starts_with(&canonical) {
            return Err(WriteError::HoldsContent(output.to_path_buf()));
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile { path: PathBuf::from(path), contents: text.as_bytes().to_vec() }
    }

    #[test]
    fn replaces_a_previous_build_and_drops_stale_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        let content = dir.path().join("content");
        write_site(&out, &content, &[file("a/index.html", "one"), file("old.html", "x")]).unwrap();
        write_site(&out, &content, &[file("a/index.html", "two")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "two");
        assert!(!out.join("old.html").exists());
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("output")]);
    }

    #[test]
    fn refuses_a_folder_it_did_not_write() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("thesis.docx"), "precious").unwrap();
        let err = write_site(dir.path(), Path::new("/nonexistent"), &[file("index.html", "x")]).unwrap_err();
        assert!(matches!(err, WriteError::Foreign(_)));
        assert_eq!(fs::read_to_string(dir.path().join("thesis.docx")).unwrap(), "precious");
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
        let err = write_site(&out, dir.path(), &[file("../evil.html", "x")]).unwrap_err();
        assert!(matches!(err, WriteError::Escape(_)));
        assert!(!dir.path().join("evil.html").exists());
        assert!(!out.exists());
    }
}
