//! One language per site: on an Indonesian site (`bahasa` left out, or "id") every finding, the
//! validation pages, the CLI's summary and `--help` are Indonesian; on an English site
//! (`bahasa = "en"`) they are English. Checked with words that give the other language away.

mod common;

use std::path::Path;
use std::process::Command;

use common::{Repo, capaian};
use scraper::{Html, Selector};

/// Words that only English text has: a finding holding one is not Indonesian.
const ENGLISH: &[&str] = &[
    "the",
    "is",
    "are",
    "was",
    "not",
    "has",
    "have",
    "missing",
    "unknown",
    "expected",
    "should",
    "must",
    "write",
    "with",
    "this",
    "here",
    "found",
    "cannot",
    "before",
    "after",
    "file",
    "key",
    "number",
    "twice",
    "approved",
    "checked",
    "error(s)",
    "warning(s)",
    "built",
    "yet",
    "record",
    "step",
    "step(s)",
    "took",
    "over",
    "its",
    "than",
    "and",
    "or",
    "of",
    "to",
    "in",
];

/// Words that only Indonesian text has.
const INDONESIAN: &[&str] = &[
    "yang",
    "dan",
    "tidak",
    "belum",
    "ini",
    "dengan",
    "untuk",
    "adalah",
    "berkas",
    "tulis",
    "kesalahan",
    "peringatan",
    "sudah",
    "bukan",
    "harus",
    "diperiksa",
    "dibangun",
    "langkah",
    "disetujui",
    "catat",
    "atau",
    "di",
    "ke",
    "dari",
    "pada",
];

/// The words of `text` outside `…` and "…" (keys, ids and the data's own words, in whichever
/// language the data is written), lower-cased, split at spaces and punctuation.
fn words(text: &str) -> Vec<String> {
    let mut plain = String::new();
    let mut quote: Option<char> = None;
    for c in text.chars() {
        match (quote, c) {
            (None, '`' | '"' | '“') => quote = Some(if c == '“' { '”' } else { c }),
            (Some(q), c) if c == q => {
                quote = None;
                plain.push(' ');
            }
            (Some(_), _) => {}
            (None, c) => plain.push(c),
        }
    }
    plain
        .to_lowercase()
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '.' | '?' | '!'))
        .map(|w| {
            w.trim_matches(|c: char| matches!(c, '(' | ')' | '[' | ']'))
                .to_string()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// The telltale words of the other language in `text`, if any.
fn telltales(text: &str, other: &[&str]) -> Vec<String> {
    words(text)
        .into_iter()
        .filter(|w| other.contains(&w.as_str()))
        .collect()
}

#[track_caller]
fn assert_speaks(texts: &[String], other: &[&str], what: &str) {
    assert!(!texts.is_empty(), "{what}: nothing to check");
    let wrong: Vec<(&String, Vec<String>)> = texts
        .iter()
        .map(|t| (t, telltales(t, other)))
        .filter(|(_, w)| !w.is_empty())
        .collect();
    assert!(
        wrong.is_empty(),
        "{what}: {} text(s) in the other language:\n{}",
        wrong.len(),
        wrong
            .iter()
            .map(|(t, w)| format!("  {t}\n    ({})", w.join(", ")))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// A repository whose site has errors of many kinds: TOML syntax, an unknown key, a missing
/// key, a wrong type, an unknown reference, a step done by the wrong role and an unknown
/// official in proses.toml, a file capaian does not read.
fn with_errors(english: bool) -> Repo {
    let repo = Repo::new();
    if english {
        repo.edit("site.toml", "judul = ", "bahasa = \"en\"\njudul = ");
    }
    // TOML syntax: a text not closed.
    repo.write("pages/tentang.md", "+++\njudul = \"Tentang\n+++\nIsi.\n");
    // An unknown sasaran.
    repo.edit(
        "2025/pk/kepala.toml",
        "sasaran = [\"s1\"]",
        "sasaran = [\"s9\"]",
    );
    // Step 1 belongs to the kepala_opd; step 2 by an official who does not exist.
    repo.edit(
        "2025/proses.toml",
        "no = 1\ntanggal = 2026-01-05\noleh = \"kepala\"",
        "no = 1\ntanggal = 2026-01-05\noleh = \"sekretaris\"",
    );
    repo.edit(
        "2025/proses.toml",
        "no = 2\ntanggal = 2026-01-06\noleh = \"kepala\"",
        "no = 2\ntanggal = 2026-01-06\noleh = \"kepla\"",
    );
    // 2024: a PK with a missing key, realisations with a wrong type and an unknown key.
    repo.write(
        "2024/pk/kepala.toml",
        &common::PK.replace("  satuan = \"indeks\"\n", ""),
    );
    repo.write(
        "2024/realisasi/kepala.toml",
        "[[realisasi]]\nindikator = \"ipg\"\ntriwulan = \"empat\"\nnilai = 90.0\n",
    );
    repo.write(
        "2024/proses.toml",
        "[[langkah]]\nno = 1\ntanggal = 2025-01-05\noleh = \"kepala\"\nnilaii = 3\n",
    );
    repo.write("catatan.txt", "catatan\n");
    repo
}

/// A repository whose site has only warnings, of several kinds: a shortfall without an
/// analysis, a circular `atasan`, a step over its time standard, a year not approved, a file
/// capaian does not read.
fn with_warnings(english: bool) -> Repo {
    let repo = Repo::new();
    if english {
        repo.edit("site.toml", "judul = ", "bahasa = \"en\"\njudul = ");
    }
    repo.edit(
        "site.toml",
        "peran = \"kepala_opd\"\neselon = \"II\"",
        "peran = \"kepala_opd\"\neselon = \"II\"\natasan = \"sekretaris\"",
    );
    repo.edit(
        "2025/realisasi/kepala.toml",
        "analisis = \"Sedikit di bawah target.\"\n",
        "",
    );
    // Step 1 took two hours against a standard of ten minutes; step 2, the approval, is gone.
    repo.write(
        "2025/proses.toml",
        "[[langkah]]\nno = 1\ntanggal = 2026-01-05T08:00:00\nselesai = 2026-01-05T10:00:00\noleh = \"kepala\"\n",
    );
    repo.write("catatan.txt", "catatan\n");
    repo
}

/// Every message, label and help of `capaian check --format json`.
fn json_texts(repo: &Repo) -> (serde_json::Value, Vec<String>) {
    let out = capaian(repo.dir.path(), &["check", "--format", "json"]);
    let document: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("check prints JSON");
    let mut texts = Vec::new();
    for f in document["findings"].as_array().expect("findings") {
        for key in ["message", "label", "help"] {
            if let Some(t) = f[key].as_str().filter(|t| !t.is_empty()) {
                texts.push(t.to_string());
            }
        }
    }
    (document, texts)
}

/// The human output of `capaian check` without the source lines (the data's own text) and the
/// rustc-style tags (`error:`, `help:`), which are the same in both languages.
fn human_texts(repo: &Repo) -> Vec<String> {
    let out = capaian(repo.dir.path(), &["check"]);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    stderr
        .lines()
        .filter(|l| !l.trim_start().starts_with("-->"))
        .filter(|l| !l.contains(" | ") && !l.trim_end().ends_with(" |"))
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let l = l.trim_start_matches(['|', ' ', '^', '-']);
            ["error: ", "warning: ", "help: "]
                .iter()
                .fold(l.to_string(), |l, tag| l.replacen(tag, "", 1))
        })
        .collect()
}

/// The messages and help of the validation pages of a built site.
fn validation_texts(output: &Path) -> Vec<String> {
    let mut texts = Vec::new();
    let select = Selector::parse(".finding-message, .finding-help, .lead, .finding-head code")
        .expect("selector");
    for page in ["validasi/index.html", "2025/validasi/index.html"] {
        let Ok(html) = std::fs::read_to_string(output.join(page)) else {
            continue;
        };
        let doc = Html::parse_document(&html);
        for el in doc.select(&select) {
            texts.push(el.text().collect::<String>());
        }
    }
    texts
}

#[test]
fn an_indonesian_site_says_its_errors_in_indonesian() {
    let repo = with_errors(false);
    let (document, texts) = json_texts(&repo);
    assert!(document["errors"].as_u64().unwrap() >= 7, "{document:#}");
    let messages: Vec<&str> = document["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    // One of each kind, in the words expected.
    for expected in [
        "teksnya tidak ditutup",
        "sasaran `s9` tidak dikenal",
        "kunci wajib `satuan` belum ada",
        "seharusnya bilangan bulat, tertulis teks \"empat\"",
        "kunci `nilaii` tidak dikenal",
        "pejabat `kepla` tidak dikenal",
        "`catatan.txt` bukan berkas yang dibaca capaian; berkas ini diabaikan",
    ] {
        assert!(
            messages.contains(&expected),
            "no {expected:?} in {messages:#?}"
        );
    }
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with("langkah 1 dikerjakan oleh `sekretaris`")),
        "{messages:#?}"
    );
    assert_speaks(&texts, ENGLISH, "check --format json");
    let human = human_texts(&repo);
    assert!(
        human
            .iter()
            .any(|l| l.contains("diperiksa:") && l.contains("kesalahan")),
        "{human:#?}"
    );
    assert_speaks(&human, ENGLISH, "check");
}

#[test]
fn an_english_site_says_its_errors_in_english() {
    let repo = with_errors(true);
    let (document, texts) = json_texts(&repo);
    let messages: Vec<&str> = document["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    for expected in [
        "the text is not closed",
        "unknown sasaran `s9`",
        "the required key `satuan` is missing",
        "unknown key `nilaii`",
        "unknown official `kepla`",
    ] {
        assert!(
            messages.contains(&expected),
            "no {expected:?} in {messages:#?}"
        );
    }
    assert_speaks(&texts, INDONESIAN, "check --format json");
    let human = human_texts(&repo);
    assert!(
        human.iter().any(|l| l.starts_with("checked ")),
        "{human:#?}"
    );
    assert_speaks(&human, INDONESIAN, "check");
}

#[test]
fn an_indonesian_site_says_its_warnings_in_indonesian_on_its_pages() {
    let repo = with_warnings(false);
    let (document, texts) = json_texts(&repo);
    assert_eq!(document["errors"], 0, "{document:#}");
    assert!(document["warnings"].as_u64().unwrap() >= 4, "{document:#}");
    assert_speaks(&texts, ENGLISH, "check --format json");
    let out = capaian(repo.dir.path(), &["build"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(" halaman, "), "{stderr}");
    assert!(
        !stderr.contains("built ") && !stderr.contains("checked "),
        "{stderr}"
    );
    let page = validation_texts(&repo.output());
    assert!(
        page.iter().any(|t| t.contains("belum mempunyai analisis")),
        "{page:#?}"
    );
    assert_speaks(&page, ENGLISH, "the validation pages");
    // Places are relative to the content folder, never the build machine's folders.
    let places: Vec<&String> = page.iter().filter(|t| t.contains(".toml:")).collect();
    assert!(
        places
            .iter()
            .any(|p| p.starts_with("2025/realisasi/kepala.toml:")),
        "{places:#?}"
    );
    let machine = repo.dir.path().to_string_lossy().into_owned();
    for page in ["validasi/index.html", "2025/validasi/index.html"] {
        let html = std::fs::read_to_string(repo.output().join(page)).unwrap_or_default();
        assert!(!html.contains(&machine), "{page} shows {machine}");
        assert!(
            !html.contains("content/2025/"),
            "{page} names the content folder"
        );
    }
}

#[test]
fn an_english_site_says_its_warnings_in_english_on_its_pages() {
    let repo = with_warnings(true);
    let (document, texts) = json_texts(&repo);
    assert_eq!(document["errors"], 0, "{document:#}");
    assert_speaks(&texts, INDONESIAN, "check --format json");
    let out = capaian(repo.dir.path(), &["build"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("built "), "{stderr}");
    let page = validation_texts(&repo.output());
    assert!(
        page.iter().any(|t| t.contains("has no analysis")),
        "{page:#?}"
    );
    assert_speaks(&page, INDONESIAN, "the validation pages");
}

#[test]
fn help_is_in_the_sites_language() {
    let id = Repo::new();
    let out = capaian(id.dir.path(), &["build", "--help"]);
    let help = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(help.contains("Pemakaian: capaian build"), "{help}");
    assert!(help.contains("Tempat situs ditulis"), "{help}");
    let lines: Vec<String> = help
        .lines()
        .filter(|l| !l.trim_start().starts_with('-') && !l.starts_with("Pemakaian"))
        .map(str::to_string)
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert_speaks(&lines, ENGLISH, "build --help");

    let en = Repo::new();
    en.edit("site.toml", "judul = ", "bahasa = \"en\"\njudul = ");
    let out = capaian(en.dir.path(), &["build", "--help"]);
    let help = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(help.contains("Usage: capaian build"), "{help}");
    assert!(help.contains("Where the site is written"), "{help}");
    assert!(!help.contains("Tempat situs"), "{help}");

    // CAPAIAN_LANG chooses when there is no site to ask.
    let out = Command::new(env!("CARGO_BIN_EXE_capaian"))
        .args(["--help"])
        .current_dir(std::env::temp_dir())
        .env("CAPAIAN_LANG", "en")
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(
        help.starts_with(
            "Builds a performance report site (LKjIP) from TOML files\n\nUsage: capaian <COMMAND>\n"
        ),
        "{help}"
    );
}
