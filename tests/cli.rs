//! `capaian check` as a gate: output formats, --deny-warnings, the pre-commit hook.

mod common;

use std::process::Output;

use common::Repo;

fn capaian(repo: &Repo, args: &[&str]) -> Output {
    common::capaian(repo.dir.path(), args)
}

/// A fixture with one warning: `ipg` below target without analysis.
fn repo_with_a_warning() -> Repo {
    let repo = Repo::new();
    repo.edit(
        "2025/realisasi/kepala.toml",
        "analisis = \"Sedikit di bawah target.\"\n",
        "",
    );
    repo
}

#[test]
fn json_lists_every_finding_with_its_place() {
    let repo = repo_with_a_warning();
    repo.edit("2025/pk/kepala.toml", "pagu = 1250000000", "pagu = -1");
    let out = capaian(&repo, &["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("stdout is one JSON document");
    assert_eq!(json["errors"], 1);
    let findings = json["findings"].as_array().unwrap();
    let error = findings.iter().find(|f| f["severity"] == "error").unwrap();
    assert_eq!(error["message"], "pagu `p1` negatif");
    assert_eq!(error["place"]["path"], "content/2025/pk/kepala.toml");
    assert_eq!(error["place"]["line"], 27);
    assert_eq!(error["place"]["column"], 8);
}

#[test]
fn github_annotations() {
    let repo = repo_with_a_warning();
    let out = capaian(&repo, &["check", "--format", "github"]);
    assert_eq!(out.status.code(), Some(0), "warnings alone pass");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let line = stdout
        .lines()
        .find(|l| l.contains("di bawah target"))
        .expect("an annotation for the warning");
    assert!(line.starts_with("::warning file=content/2025/realisasi/kepala.toml,line=2,col=13,title=capaian::`ipg` di bawah target (99,24%25) dan belum mempunyai analisis%0Ahelp: "), "{line}");
}

#[test]
fn deny_warnings_fails_on_a_warning() {
    let repo = repo_with_a_warning();
    assert_eq!(capaian(&repo, &["check"]).status.code(), Some(0));
    assert_eq!(
        capaian(&repo, &["check", "--deny-warnings"]).status.code(),
        Some(1)
    );
    let build = capaian(&repo, &["build", "--deny-warnings"]);
    assert_eq!(build.status.code(), Some(1));
    assert!(!repo.output().exists(), "nothing written");
}

#[test]
fn init_hooks_installs_a_pre_commit_hook() {
    let repo = Repo::new();
    common::git::init(&repo);
    let out = capaian(&repo, &["init-hooks"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let hook = std::fs::read_to_string(repo.dir.path().join(".git/hooks/pre-commit")).unwrap();
    assert_eq!(
        hook,
        "#!/bin/sh\n# Installed by `capaian init-hooks`: refuse a commit whose report has errors.\n# Skip once with `git commit --no-verify`.\nexec capaian check --content 'content'\n"
    );
    // It runs: git calls it on commit.
    use std::os::unix::fs::PermissionsExt as _;
    let mode = std::fs::metadata(repo.dir.path().join(".git/hooks/pre-commit"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o111, 0o111, "{mode:o}");
    // A second run does not overwrite the hook.
    assert_eq!(capaian(&repo, &["init-hooks"]).status.code(), Some(2));
}
