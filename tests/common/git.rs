//! git for the tests: commits by named authors at given dates, isolated from the machine's
//! git configuration.

use std::path::Path;
use std::process::Command;

use super::Repo;

/// Runs git in `dir` as `author`, at `date`, isolated from the machine's git configuration.
pub fn git(dir: &Path, author: &str, date: &str, args: &[&str]) {
    let email = format!("{}@contoh.go.id", author.to_lowercase().replace(' ', "."));
    let output = Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", author)
        .env("GIT_AUTHOR_EMAIL", &email)
        .env("GIT_COMMITTER_NAME", author)
        .env("GIT_COMMITTER_EMAIL", &email)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .output()
        .expect("git is installed");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

pub fn commit_all(repo: &Repo, author: &str, date: &str, message: &str) {
    git(repo.dir.path(), author, date, &["add", "-A"]);
    git(
        repo.dir.path(),
        author,
        date,
        &["commit", "-q", "-m", message],
    );
}

/// Makes the repository's folder a git repository (branch `main`).
pub fn init(repo: &Repo) {
    git(
        repo.dir.path(),
        "x",
        "2026-01-01T00:00:00+08:00",
        &["init", "-q", "-b", "main"],
    );
}

/// Makes the repository's folder a git repository whose first commit, by `author` at `date`,
/// holds everything written so far.
pub fn first_commit(repo: &Repo, author: &str, date: &str, message: &str) {
    init(repo);
    commit_all(repo, author, date, message);
}

/// The abbreviated id of `HEAD`, as the site shows it.
pub fn short_head(repo: &Repo) -> String {
    let output = Command::new("git")
        .current_dir(repo.dir.path())
        .args(["rev-parse", "--short", "HEAD"])
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("git is installed");
    String::from_utf8(output.stdout).unwrap().trim().to_string()
}
