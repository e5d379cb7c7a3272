//! Evidence files (`bukti`): the documents a realisation entry cites, and the SHA-256 of every
//! file a year is built from (the sealed report, `data/<year>.manifest.json`).
//!
//! A realisation entry may list `bukti = ["bukti/2025/ipg-bps.pdf"]`: paths relative to the
//! content folder that must stay inside it. They are checked when the content is loaded (a
//! missing file, an absolute path, `..` or a link leading out is an error at the path), hashed,
//! and copied into the internal site; the public edition lists their names and hashes and
//! publishes a file only when its entry says `bukti_publik = true`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Component, Path, PathBuf};

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::finding::{Finding, say};
use crate::model::{Language, Report, Sp};

/// An evidence file that exists inside the content folder.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EvidenceFile {
    /// Relative to the content folder, with `/`, as the entries write it.
    pub path: String,
    /// Lower-case hexadecimal SHA-256 of its bytes.
    pub sha256: String,
    pub bytes: u64,
}

/// Every evidence file cited by the report, by its path.
#[derive(Clone, Debug, Default)]
pub struct Evidence {
    pub files: BTreeMap<String, EvidenceFile>,
    /// The bytes of each file, to copy them into the site.
    contents: BTreeMap<String, Vec<u8>>,
}

impl Evidence {
    pub fn get(&self, path: &str) -> Option<&EvidenceFile> {
        self.files.get(path)
    }

    pub fn contents(&self, path: &str) -> Option<&[u8]> {
        self.contents.get(path).map(Vec::as_slice)
    }
}

/// The largest evidence file copied into a site.
const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// Lower-case hexadecimal SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for b in digest {
        let _ = write!(out, "{b:02x}");
    }
    out
}

/// Where the site publishes an evidence file: `bukti/<path>` (a path already under `bukti/`
/// keeps it once).
pub fn output_path(path: &str) -> String {
    let rest = path.strip_prefix("bukti/").unwrap_or(path);
    format!("bukti/{rest}")
}

/// Reads and hashes every evidence file the report cites; a path that is absolute, leads out
/// of the content folder or names no readable file is an error at the path.
pub fn collect(content: &Path, report: &Report) -> (Evidence, Vec<Finding>) {
    let language = report.site.language;
    let mut evidence = Evidence::default();
    let mut findings = Vec::new();
    let root = content.canonicalize().ok();
    // Each cited path with the file and year that cite it: the realisations' evidence, then
    // that of the follow-up of the last evaluation's recommendations.
    let realisations = report.years.iter().flat_map(|(y, year)| {
        year.realisations.values().flat_map(move |r| {
            r.entries
                .iter()
                .flat_map(|e| &e.evidence)
                .map(move |path| (*y, r.file, path))
        })
    });
    let follow_ups = report.years.iter().flat_map(|(y, year)| {
        year.follow_up.iter().flat_map(move |f| {
            f.recommendations
                .iter()
                .flat_map(|r| &r.evidence)
                .map(move |path| (*y, f.file, path))
        })
    });
    for (year, file, path) in realisations.chain(follow_ups) {
        if evidence.files.contains_key(path.as_str()) {
            continue;
        }
        match read(content, root.as_deref(), path, language) {
            Ok(bytes) => {
                let cited = EvidenceFile {
                    path: path.value.clone(),
                    sha256: sha256_hex(&bytes),
                    bytes: bytes.len() as u64,
                };
                evidence.files.insert(path.value.clone(), cited);
                evidence.contents.insert(path.value.clone(), bytes);
            }
            Err((message, help)) => findings.push(
                Finding::error(message)
                    .at(file, path.span.clone())
                    .label("bukti")
                    .help(help)
                    .year(year),
            ),
        }
    }
    (evidence, findings)
}

type Problem = (String, String);

fn read(
    content: &Path,
    root: Option<&Path>,
    path: &Sp<String>,
    language: Language,
) -> Result<Vec<u8>, Problem> {
    let text = path.as_str();
    let relative = Path::new(text);
    // Under the content's `bukti/` folder: the loader leaves it alone, git history follows it
    // (an evidence file changed after an approval makes it stale), and nothing leads out.
    let leads_out = !text.starts_with("bukti/")
        || text.contains('\\')
        || relative.is_absolute()
        || text.starts_with('/')
        || relative
            .components()
            .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir));
    if leads_out {
        return Err((
            say(
                language,
                format!("berkas bukti `{text}` tidak berada di dalam folder konten (`bukti/`)"),
                format!("the evidence file `{text}` is not inside the content folder (`bukti/`)"),
            ),
            say(
                language,
                "simpan berkas bukti di folder `bukti/` dalam folder konten dan tulis jalurnya dengan `/`, tanpa `..`, mis. \"bukti/2025/ipg-bps.pdf\"",
                "keep evidence files in the content folder's `bukti/` folder and write the path with `/`, without `..`, e.g. \"bukti/2025/ipg-bps.pdf\"",
            ),
        ));
    }
    let full: PathBuf = content.join(relative);
    let missing = || {
        (
            say(
                language,
                format!("berkas bukti `{text}` tidak ada"),
                format!("the evidence file `{text}` does not exist"),
            ),
            say(
                language,
                "periksa ejaan jalurnya (huruf besar dan kecil dibedakan) atau tambahkan berkasnya ke repositori laporan",
                "check the spelling of the path (upper and lower case differ) or add the file to the report repository",
            ),
        )
    };
    let metadata = std::fs::metadata(&full).map_err(|_| missing())?;
    if !metadata.is_file() {
        return Err((
            say(
                language,
                format!("`{text}` bukan berkas"),
                format!("`{text}` is not a file"),
            ),
            say(
                language,
                "sebutkan berkasnya satu per satu, bukan foldernya",
                "name the files one by one, not their folder",
            ),
        ));
    }
    // A link inside the content folder that leads out would publish a file of the machine.
    if let (Some(root), Ok(real)) = (root, full.canonicalize())
        && !real.starts_with(root)
    {
        return Err((
            say(
                language,
                format!("berkas bukti `{text}` adalah tautan ke luar folder konten"),
                format!("the evidence file `{text}` is a link leading out of the content folder"),
            ),
            say(
                language,
                "salin berkas aslinya ke dalam folder konten sebagai ganti tautan",
                "copy the file itself into the content folder instead of linking it",
            ),
        ));
    }
    if metadata.len() > MAX_BYTES {
        return Err((
            say(
                language,
                format!(
                    "berkas bukti `{text}` berukuran {} MB, lebih dari batas {} MB",
                    metadata.len() / (1024 * 1024),
                    MAX_BYTES / (1024 * 1024)
                ),
                format!(
                    "the evidence file `{text}` is {} MB, over the limit of {} MB",
                    metadata.len() / (1024 * 1024),
                    MAX_BYTES / (1024 * 1024)
                ),
            ),
            say(
                language,
                "perkecil berkasnya (mis. pindai ulang dengan resolusi lebih rendah) atau simpan di tempat lain dan sebutkan di `sumber`",
                "make the file smaller (e.g. scan again at a lower resolution) or keep it elsewhere and cite it in `sumber`",
            ),
        ));
    }
    std::fs::read(&full).map_err(|_| missing())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_of_known_texts() {
        // FIPS 180-2 test vectors.
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn evidence_is_published_under_bukti() {
        assert_eq!(output_path("bukti/2025/ipg.pdf"), "bukti/2025/ipg.pdf");
        assert_eq!(
            output_path("2025/lampiran/ipg.pdf"),
            "bukti/2025/lampiran/ipg.pdf"
        );
    }
}
