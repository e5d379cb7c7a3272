//! The sealed report: `data/<year>.manifest.json` holds the commit, the approval run and the
//! SHA-256 of every input file that feeds the year and of every output file of that year, and
//! `capaian verify` checks a built site (and its content, and a printed PDF) against it.
//!
//! An auditor asks first whether the numbers are the ones that were signed: with the manifest,
//! a changed byte in a page, an input or an evidence file is found and named.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde::{Deserialize, Serialize};

use crate::evidence::{Evidence, sha256_hex};
use crate::model::{Report, Sources};

/// The file a year's manifest is written to, under the output folder.
pub fn manifest_path(year: i32) -> String {
    format!("data/{year}.manifest.json")
}

/// `data/<year>.manifest.json`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub tahun: i32,
    /// The commit the content was at (`git rev-parse HEAD`); `null` outside git.
    pub commit: Option<String>,
    /// Whether the content had changes not committed yet when the site was built.
    pub perubahan_belum_dicommit: bool,
    pub persetujuan: ApprovalSeal,
    /// Every input file that feeds the year, relative to the content folder.
    pub masukan: Vec<Sealed>,
    /// Every output file of the year, relative to the output folder.
    pub keluaran: Vec<Sealed>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ApprovalSeal {
    /// `disetujui`, `draft` or `tanpa_persetujuan`.
    pub status: String,
    /// The run (`putaran`) that approved the year.
    pub putaran: Option<u32>,
    pub tanggal: Option<String>,
    pub penandatangan: Option<String>,
    pub nomor_surat: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Sealed {
    pub berkas: String,
    pub sha256: String,
}

/// What a site is built from, hashed when the content is loaded: every file read, by its path
/// relative to the content folder, and the commit.
#[derive(Clone, Debug, Default)]
pub struct Inputs {
    pub commit: Option<String>,
    pub files: BTreeMap<String, String>,
}

impl Inputs {
    /// Hashes the bytes of every file the load read and every evidence file.
    pub fn read(content: &Path, sources: &Sources, evidence: &Evidence) -> Inputs {
        Inputs::read_with(content, sources, evidence, None)
    }

    /// [`Inputs::read`], taking the hash of each file the load parsed from `cache` (hashed
    /// when it was parsed) instead of reading and hashing it again: after a save, serve hashes
    /// only the files that changed.
    pub fn read_cached(
        content: &Path,
        sources: &Sources,
        evidence: &Evidence,
        cache: &crate::load::Cache,
    ) -> Inputs {
        Inputs::read_with(content, sources, evidence, Some(cache))
    }

    fn read_with(
        content: &Path,
        sources: &Sources,
        evidence: &Evidence,
        cache: Option<&crate::load::Cache>,
    ) -> Inputs {
        use rayon::prelude::*;
        let sources: Vec<&Path> = sources.iter().map(|(_, s)| s.path.as_path()).collect();
        // Files are independent of each other: one per core.
        let hashed: Vec<(String, String)> = sources
            .par_iter()
            .filter_map(|&source| {
                let relative = relative_to(content, source)?;
                if let Some(hash) = cache.and_then(|c| c.sha256(source)) {
                    return Some((relative, hash.to_string()));
                }
                // The bytes on disk, not the decoded text: what `capaian verify` hashes again.
                // Only regular files: the sources also name what the load refused to read (a
                // named pipe, whose opening would block for ever).
                let path = content.join(&relative);
                if !std::fs::metadata(&path).is_ok_and(|m| m.is_file()) {
                    return None;
                }
                let bytes = std::fs::read(&path).ok()?;
                Some((relative, sha256_hex(&bytes)))
            })
            .collect();
        let mut files: BTreeMap<String, String> = hashed.into_iter().collect();
        for file in evidence.files.values() {
            files.insert(file.path.clone(), file.sha256.clone());
        }
        Inputs {
            commit: head_commit(content),
            files,
        }
    }

    /// The input files that feed `year`: the site's own files, the site pages, the year's
    /// folder, and the evidence its entries cite.
    pub fn of_year(&self, report: &Report, year: i32) -> Vec<Sealed> {
        let prefix = format!("{year}/");
        let cited: Vec<&str> = report
            .years
            .get(&year)
            .into_iter()
            .flat_map(|y| y.realisations.values())
            .flat_map(|r| &r.entries)
            .flat_map(|e| e.evidence.iter().map(|p| p.as_str()))
            .collect();
        self.files
            .iter()
            .filter(|(path, _)| {
                matches!(path.as_str(), "site.toml" | "sop.toml" | "renstra.toml")
                    || path.starts_with("pages/")
                    || path.starts_with(&prefix)
                    || cited.contains(&path.as_str())
            })
            .map(|(path, hash)| Sealed {
                berkas: path.clone(),
                sha256: hash.clone(),
            })
            .collect()
    }
}

/// Whether an output file belongs to `year`: its folder, its exports, its evidence.
pub fn is_output_of(path: &str, year: i32, evidence_outputs: &[String]) -> bool {
    path.starts_with(&format!("{year}/"))
        || path == format!("data/{year}.json")
        || path == format!("data/{year}.csv")
        || evidence_outputs.iter().any(|e| e == path)
}

fn relative_to(content: &Path, path: &Path) -> Option<String> {
    let relative = path.strip_prefix(content).ok()?;
    Some(relative.to_string_lossy().replace('\\', "/"))
}

/// `git rev-parse HEAD` in the content folder; `None` outside git.
pub fn head_commit(content: &Path) -> Option<String> {
    crate::git::output(content, &["rev-parse", "--verify", "-q", "HEAD"])
        .map(|id| id.trim().to_string())
        .filter(|id| !id.is_empty())
}

/// One way a site, its content or a PDF differs from the manifest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Difference {
    pub year: i32,
    /// The file that differs, as the manifest names it (`2025/index.html`,
    /// `2025/pk/kepala.toml`), or the PDF.
    pub file: String,
    pub what: DifferenceKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DifferenceKind {
    /// An output file whose bytes changed.
    OutputChanged,
    OutputMissing,
    /// An input file whose bytes changed since the build.
    InputChanged,
    InputMissing,
    /// The PDF carries another manifest's hash, or none.
    PdfStamp {
        found: Option<String>,
    },
    /// The manifest itself cannot be read.
    Unreadable(String),
}

impl std::fmt::Display for Difference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = match &self.what {
            DifferenceKind::OutputChanged => {
                "berkas situs berubah sejak dibangun (output changed)".to_string()
            }
            DifferenceKind::OutputMissing => "berkas situs hilang (output missing)".to_string(),
            DifferenceKind::InputChanged => {
                "berkas konten berubah sejak situs dibangun (input changed)".to_string()
            }
            DifferenceKind::InputMissing => "berkas konten hilang (input missing)".to_string(),
            DifferenceKind::PdfStamp { found: Some(h) } => format!(
                "PDF memuat hash manifest lain: {h} (the PDF carries another manifest's hash)"
            ),
            DifferenceKind::PdfStamp { found: None } => {
                "PDF tidak memuat hash manifest (the PDF carries no manifest hash)".to_string()
            }
            DifferenceKind::Unreadable(e) => format!("manifest tidak terbaca: {e}"),
        };
        write!(f, "{}: {} [{}]", self.file, what, self.year)
    }
}

/// The manifests of a built site, by year.
pub fn manifests(site: &Path) -> Vec<(i32, PathBuf)> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(site.join("data")) else {
        return out;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some(year) = name
            .strip_suffix(".manifest.json")
            .and_then(|y| y.parse::<i32>().ok())
        {
            out.push((year, entry.path()));
        }
    }
    out.sort();
    out
}

/// Checks a built site against its manifests: every output file's hash; with `content`, every
/// input file's; with `pdf` (its path and text), that it carries the hash of one of the
/// manifests.
pub fn verify(site: &Path, content: Option<&Path>, pdf: Option<(&Path, &str)>) -> Vec<Difference> {
    let mut differences = Vec::new();
    let mut manifest_hashes = Vec::new();
    for (year, path) in manifests(site) {
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                differences.push(Difference {
                    year,
                    file: manifest_path(year),
                    what: DifferenceKind::Unreadable(e.to_string()),
                });
                continue;
            }
        };
        manifest_hashes.push((year, sha256_hex(&bytes)));
        let manifest: Manifest = match serde_json::from_slice(&bytes) {
            Ok(m) => m,
            Err(e) => {
                differences.push(Difference {
                    year,
                    file: manifest_path(year),
                    what: DifferenceKind::Unreadable(e.to_string()),
                });
                continue;
            }
        };
        for sealed in &manifest.keluaran {
            let what = match std::fs::read(site.join(&sealed.berkas)) {
                Ok(b) if sha256_hex(&b) == sealed.sha256 => continue,
                Ok(_) => DifferenceKind::OutputChanged,
                Err(_) => DifferenceKind::OutputMissing,
            };
            differences.push(Difference {
                year,
                file: sealed.berkas.clone(),
                what,
            });
        }
        if let Some(content) = content {
            for sealed in &manifest.masukan {
                let what = match std::fs::read(content.join(&sealed.berkas)) {
                    Ok(b) if sha256_hex(&b) == sealed.sha256 => continue,
                    Ok(_) => DifferenceKind::InputChanged,
                    Err(_) => DifferenceKind::InputMissing,
                };
                differences.push(Difference {
                    year,
                    file: sealed.berkas.clone(),
                    what,
                });
            }
        }
    }
    if let Some((pdf, text)) = pdf {
        let found = stamped_hash(text);
        let sealed = manifest_hashes
            .iter()
            .find(|(_, hash)| Some(hash) == found.as_ref());
        if sealed.is_none() {
            differences.push(Difference {
                year: stamped_year(text).unwrap_or_default(),
                file: pdf.display().to_string(),
                what: DifferenceKind::PdfStamp { found },
            });
        }
    }
    differences
}

/// The year a PDF's stamp names ("LKjIP 2025").
fn stamped_year(text: &str) -> Option<i32> {
    let at = text.find(STAMP)?;
    let before = &text[..at];
    before
        .rsplit(|c: char| !c.is_ascii_digit())
        .find(|w| w.len() == 4)
        .and_then(|w| w.parse().ok())
}

/// The text of a PDF, by `pdftotext` (poppler-utils).
pub fn pdf_text(pdf: &Path) -> Result<String, String> {
    if !pdf.is_file() {
        return Err(format!("`{}` is not a file", pdf.display()));
    }
    let output = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .map_err(|e| {
            format!("cannot run pdftotext to read the PDF ({e}): install poppler-utils")
        })?;
    if !output.status.success() {
        return Err(format!(
            "pdftotext cannot read `{}`: {}",
            pdf.display(),
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// The printed report of a year with the year's seal in the footer of every page: the commit
/// and the SHA-256 of `data/<year>.manifest.json` of the built site at `root` (`page` is
/// `<year>/cetak/`). Unchanged when the site has no manifest for that year.
pub fn stamp_print(html: &str, root: &Path, page: &str) -> String {
    let Some(year) = page
        .trim_start_matches('/')
        .split('/')
        .next()
        .and_then(|y| y.parse::<i32>().ok())
    else {
        return html.to_string();
    };
    let Ok(bytes) = std::fs::read(root.join(manifest_path(year))) else {
        return html.to_string();
    };
    let commit = serde_json::from_slice::<Manifest>(&bytes)
        .ok()
        .and_then(|m| m.commit)
        .map_or_else(String::new, |c| {
            format!("Commit {} · ", &c[..c.len().min(12)])
        });
    let style = format!(
        "<style>@page {{ @bottom-right {{ content: \"LKjIP {year} · {commit}{STAMP} {}\"; font-family: ui-monospace, monospace; font-size: 5.5pt; color: #5a6370; }} }}</style>",
        sha256_hex(&bytes)
    );
    match html.find("</head>") {
        Some(at) => format!("{}{style}{}", &html[..at], &html[at..]),
        None => format!("{style}{html}"),
    }
}

/// The words the printed PDF carries before the manifest's hash.
pub const STAMP: &str = "Manifest SHA-256";

/// The manifest hash stamped in a PDF's text: the first run of 64 hexadecimal digits after
/// [`STAMP`] (the footer may wrap it onto the next line, beside the page number).
pub fn stamped_hash(text: &str) -> Option<String> {
    // The footer may wrap anywhere: its words are found with any whitespace between them.
    let text: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let at = text.find(STAMP)? + STAMP.len();
    text[at..]
        .split(|c: char| !c.is_ascii_hexdigit())
        .take(40)
        .find(|word| word.len() == 64)
        .map(str::to_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outputs_of_a_year() {
        let evidence = vec!["bukti/2025/a.pdf".to_string()];
        assert!(is_output_of("2025/index.html", 2025, &evidence));
        assert!(is_output_of("data/2025.json", 2025, &evidence));
        assert!(is_output_of("bukti/2025/a.pdf", 2025, &evidence));
        assert!(!is_output_of("data/2025.manifest.json", 2025, &evidence));
        assert!(!is_output_of("2026/index.html", 2025, &evidence));
        assert!(!is_output_of("index.html", 2025, &evidence));
    }

    #[test]
    fn the_stamp_is_found_in_text() {
        let hash = "ab".repeat(32);
        assert_eq!(
            stamped_hash(&format!("Halaman 3 · Commit 1234567 · {STAMP} {hash}\n")),
            Some(hash.clone())
        );
        assert_eq!(stamped_hash("Manifest SHA-256 abc"), None);
        // Wrapped across lines, beside the page number.
        assert_eq!(
            stamped_hash(&format!("LKjIP 2025 · Manifest\nSHA-256\n2       {hash}\n")),
            Some(hash.clone())
        );
        assert_eq!(stamped_hash("no stamp"), None);
    }
}
