//! Asking git about the content folder: the commit a seal names, a file as a commit had it.

use std::path::Path;
use std::process::Command;

/// The standard output of `git -C <content> <args>` when git runs and succeeds; `None` outside
/// a repository, without git, or when the command fails.
pub fn output(content: &Path, args: &[&str]) -> Option<String> {
    let dir = if content.as_os_str().is_empty() {
        Path::new(".")
    } else {
        content
    };
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}
