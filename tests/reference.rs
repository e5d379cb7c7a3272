//! The data reference (`docs/data.md`, Indonesian, and `docs/data.en.md`, English) documents
//! every key the loader accepts, in the section of its file and table.
//!
//! The keys are not listed by hand: each table is parsed with one unknown key, and the list
//! of accepted keys is read from the error serde's `deny_unknown_fields` gives ("unknown
//! field `…`, expected one of `a`, `b`, …"). Every accepted key that is itself a table or an
//! array of tables is probed the same way, so a new table is found by itself too. A key added
//! to the model and not written in both documents fails this test, and so does a key the
//! documents list that the model no longer accepts.

use std::path::Path;

use serde::de::DeserializeOwned;

use capaian::model;

/// A key no table accepts.
const PROBE: &str = "zz_kunci_tak_dikenal";

type Parse = fn(&str) -> Result<(), String>;

fn parse<T: DeserializeOwned>(text: &str) -> Result<(), String> {
    toml::from_str::<T>(text)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// The files of a report repository: the type the loader parses each into, and the text
/// that the `###` heading of its section in both documents contains.
fn files() -> Vec<(&'static str, Parse)> {
    vec![
        ("`site.toml`", parse::<model::SiteConfig> as Parse),
        ("`sop.toml`", parse::<model::Sop>),
        ("`renstra.toml`", parse::<model::Renstra>),
        ("/pk/<", parse::<model::Pk>),
        ("/realisasi/<", parse::<model::Realisations>),
        ("/proses.toml`", parse::<model::Process>),
        ("/tindak_lanjut.toml`", parse::<model::FollowUp>),
        // The front matter of `pages/*.md` and `<year>/pages/*.md`.
        ("`pages/*.md`", parse::<model::FrontMatter>),
    ]
}

/// One table of a file: its path from the file's top (`[("sasaran", array), ("indikator",
/// array)]`) and the keys it accepts.
#[derive(Debug)]
struct Table {
    path: Vec<(String, bool)>,
    keys: Vec<String>,
}

impl Table {
    /// The table's TOML header as the documents write it in their `####` headings:
    /// `[[sasaran.indikator]]`, `[opd]`; `None` for the top of the file.
    fn header(&self) -> Option<String> {
        let (_, array) = self.path.last()?;
        let name: Vec<&str> = self.path.iter().map(|(k, _)| k.as_str()).collect();
        let name = name.join(".");
        Some(if *array {
            format!("`[[{name}]]`")
        } else {
            format!("`[{name}]`")
        })
    }
}

/// TOML that opens the table at `path` (every level in turn, as a table or an array of
/// tables) and writes the unknown key in it.
fn probe_text(path: &[(String, bool)]) -> String {
    let mut text = String::new();
    for depth in 1..=path.len() {
        let name: Vec<&str> = path[..depth].iter().map(|(k, _)| k.as_str()).collect();
        let name = name.join(".");
        if path[depth - 1].1 {
            text.push_str(&format!("[[{name}]]\n"));
        } else {
            text.push_str(&format!("[{name}]\n"));
        }
    }
    text.push_str(&format!("{PROBE} = 1\n"));
    text
}

/// The keys a table accepts, from the error of an unknown key in it; `None` when the text
/// does not reach a table that denies unknown keys (the key is a value, or a free map).
fn accepted(parse: Parse, text: &str) -> Option<Vec<String>> {
    let error = parse(text).err()?;
    let marker = format!("unknown field `{PROBE}`, ");
    let start = error.find(&marker)? + marker.len();
    let rest = error[start..].lines().next().unwrap_or("");
    // "expected one of `a`, `b`", "expected `a` or `b`", "expected `a`", "there are no fields"
    Some(
        rest.split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect(),
    )
}

/// Every table of a file, the top first, by probing each accepted key as a table and as an
/// array of tables.
fn tables(parse: Parse) -> Vec<Table> {
    let mut found = Vec::new();
    let mut queue = vec![Vec::new()];
    while let Some(path) = queue.pop() {
        let keys = accepted(parse, &probe_text(&path)).unwrap_or_else(|| {
            panic!(
                "no list of keys for {path:?}: {:?}",
                parse(&probe_text(&path))
            )
        });
        if path.len() < 6 {
            for key in &keys {
                for array in [true, false] {
                    let mut child = path.clone();
                    child.push((key.clone(), array));
                    if accepted(parse, &probe_text(&child)).is_some() {
                        queue.push(child);
                        break;
                    }
                }
            }
        }
        found.push(Table { path, keys });
    }
    found.sort_by(|a, b| a.path.cmp(&b.path));
    found
}

/// The lines of a document outside fenced code blocks, with their line numbers.
fn prose(doc: &str) -> Vec<(usize, &str)> {
    let mut fenced = false;
    let mut lines = Vec::new();
    for (i, line) in doc.lines().enumerate() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if !fenced {
            lines.push((i + 1, line));
        }
    }
    lines
}

/// The lines of the section of a file's table: for the top of the file, from its `###`
/// heading to the first `####` heading; for a table, from the `####` heading that names its
/// header to the next heading. `None` when the document has no such section.
fn section<'a>(
    doc: &'a [(usize, &'a str)],
    file: &str,
    header: Option<&str>,
) -> Option<Vec<(usize, &'a str)>> {
    let start = doc
        .iter()
        .position(|(_, l)| l.starts_with("### ") && l.contains(file))?;
    let end = doc[start + 1..]
        .iter()
        .position(|(_, l)| l.starts_with("## ") || l.starts_with("### "))
        .map_or(doc.len(), |i| start + 1 + i);
    let file_lines = &doc[start + 1..end];
    let (from, to) = match header {
        None => (
            0,
            file_lines
                .iter()
                .position(|(_, l)| l.starts_with('#'))
                .unwrap_or(file_lines.len()),
        ),
        Some(header) => {
            let from = file_lines
                .iter()
                .position(|(_, l)| l.starts_with("#### ") && l.contains(header))?
                + 1;
            let to = file_lines[from..]
                .iter()
                .position(|(_, l)| l.starts_with('#'))
                .map_or(file_lines.len(), |i| from + i);
            (from, to)
        }
    };
    Some(file_lines[from..to].to_vec())
}

/// The keys a section documents: the code spans in the first cell of its table rows.
fn documented(lines: &[(usize, &str)]) -> Vec<(usize, String)> {
    let mut keys = Vec::new();
    for (n, line) in lines {
        let Some(row) = line.trim_start().strip_prefix('|') else {
            continue;
        };
        let first = row.split('|').next().unwrap_or("");
        for key in first.split('`').skip(1).step_by(2) {
            keys.push((*n, key.to_string()));
        }
    }
    keys
}

/// What is wrong between the model and one document: accepted keys not documented in their
/// section, documented keys not accepted, sections missing.
fn differences(name: &str, doc: &str) -> Vec<String> {
    let doc = prose(doc);
    let mut problems = Vec::new();
    for (file, parse) in files() {
        for table in tables(parse) {
            let header = table.header();
            let place = format!("{name}: {file} {}", header.as_deref().unwrap_or("(top)"));
            let Some(lines) = section(&doc, file, header.as_deref()) else {
                problems.push(format!("{place}: no section (a `###` heading with {file}, then a `####` heading with the table's header)"));
                continue;
            };
            let listed = documented(&lines);
            for key in &table.keys {
                if !listed.iter().any(|(_, k)| k == key) {
                    problems.push(format!(
                        "{place}: the key `{key}` is accepted and not documented"
                    ));
                }
            }
            for (line, key) in &listed {
                if !table.keys.contains(key) {
                    problems.push(format!(
                        "{place}: line {line} documents `{key}`, which the table does not accept"
                    ));
                }
            }
        }
    }
    problems
}

fn read(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("docs")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn every_accepted_key_is_documented_in_both_languages() {
    let mut problems = differences("docs/data.md", &read("data.md"));
    problems.extend(differences("docs/data.en.md", &read("data.en.md")));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_tables_are_found_from_the_model() {
    // Known from src/model.rs at the time of writing: the probe finds at least these, and
    // the keys it reads are the model's, not an empty list.
    let pk = tables(parse::<model::Pk>);
    let headers: Vec<Option<String>> = pk.iter().map(Table::header).collect();
    assert_eq!(
        headers,
        [
            None,
            Some("`[pihak_kedua]`".to_string()),
            Some("`[[program]]`".to_string()),
            Some("`[[program.kegiatan]]`".to_string()),
            Some("`[[program.kegiatan.sub_kegiatan]]`".to_string()),
            Some("`[[sasaran]]`".to_string()),
            Some("`[[sasaran.indikator]]`".to_string()),
            Some("`[[sasaran.indikator.pembanding]]`".to_string()),
        ]
    );
    let indicator = &pk[6].keys;
    for key in [
        "id",
        "polaritas",
        "target_min",
        "target_maks",
        "rumus_capaian",
        "skala",
    ] {
        assert!(
            indicator.contains(&key.to_string()),
            "{key} in {indicator:?}"
        );
    }
    let site = tables(parse::<model::SiteConfig>);
    let headers: Vec<Option<String>> = site.iter().map(Table::header).collect();
    assert_eq!(
        headers,
        [
            None,
            Some("`[[kategori]]`".to_string()),
            Some("`[opd]`".to_string()),
            Some("`[[pejabat]]`".to_string()),
        ]
    );
}

/// The first fenced example of a file's section (for a page, the front matter between its
/// `+++` lines).
fn example(doc: &str, file: &str) -> Option<String> {
    let lines: Vec<&str> = doc.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.starts_with("### ") && l.contains(file))?;
    let mut block = None;
    for line in &lines[start + 1..] {
        match &mut block {
            None if line.starts_with("## ") || line.starts_with("### ") => return None,
            None if line.starts_with("```") => block = Some(String::new()),
            None => {}
            Some(text) if line.starts_with("```") => {
                let text = std::mem::take(text);
                return Some(match text.split_once("+++\n") {
                    Some((_, rest)) => rest.split("+++").next().unwrap_or("").to_string(),
                    None => text,
                });
            }
            Some(text) => {
                text.push_str(line);
                text.push('\n');
            }
        }
    }
    None
}

#[test]
fn the_example_of_every_file_is_read_by_the_loader() {
    for name in ["data.md", "data.en.md"] {
        let doc = read(name);
        for (file, parse) in files() {
            let text =
                example(&doc, file).unwrap_or_else(|| panic!("{name}: no example for {file}"));
            if let Err(e) = parse(&text) {
                panic!("{name}: the example of {file} is not read:\n{text}\n{e}");
            }
        }
    }
}

/// The headings of a document outside code: their level and their number ("2.4"), or the
/// table header they name (`[[sasaran]]`).
fn outline(doc: &str) -> Vec<(usize, String)> {
    prose(doc)
        .into_iter()
        .filter(|(_, l)| l.starts_with('#'))
        .map(|(_, l)| {
            let level = l.chars().take_while(|&c| c == '#').count();
            let text = l[level..].trim();
            let mark = match text.split_whitespace().next() {
                Some(word) if word.starts_with(|c: char| c.is_ascii_digit()) => word.to_string(),
                Some(word) if word.starts_with("`[") => word.to_string(),
                _ => String::new(),
            };
            (level, mark)
        })
        .collect()
}

#[test]
fn both_languages_have_the_same_structure() {
    let (id, en) = (outline(&read("data.md")), outline(&read("data.en.md")));
    assert!(id.len() > 20, "{id:?}");
    assert_eq!(id, en);
}

/// The probe on a table made for the purpose: two levels, a one-key table, a free map that is
/// not a table of keys, and a section that leaves a key out.
mod probe {
    use std::collections::BTreeMap;

    use serde::Deserialize;

    use super::*;

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Top {
        judul: String,
        #[serde(rename = "baris")]
        rows: Vec<Row>,
        satu: One,
        bebas: BTreeMap<String, f64>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Row {
        a: u8,
        b: u8,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct One {
        hanya: u8,
    }

    #[test]
    fn finds_every_table_and_key() {
        let found = tables(parse::<Top>);
        let summary: Vec<(Option<String>, Vec<String>)> =
            found.iter().map(|t| (t.header(), t.keys.clone())).collect();
        let s = |v: &[&str]| v.iter().map(|k| k.to_string()).collect::<Vec<_>>();
        assert_eq!(
            summary,
            [
                (None, s(&["judul", "baris", "satu", "bebas"])),
                (Some("`[[baris]]`".to_string()), s(&["a", "b"])),
                (Some("`[satu]`".to_string()), s(&["hanya"])),
            ]
        );
    }

    #[test]
    fn a_key_left_out_of_its_section_is_found() {
        let doc = "## 2\n\n### `x.toml`\n\n| kunci | arti |\n|---|---|\n| `judul` | j |\n\n#### `[[baris]]`\n\n| `a` | a |\n| `b` | b |\n\n#### `[satu]`\n\n```toml\n# komentar\n```\n\n| `hanya` | h |\n\n### `y.toml`\n\n| `baris` | salah bagian |\n";
        let doc = prose(doc);
        let top = documented(&section(&doc, "`x.toml`", None).unwrap());
        let keys: Vec<&str> = top.iter().map(|(_, k)| k.as_str()).collect();
        assert_eq!(keys, ["judul"]);
        let rows = documented(&section(&doc, "`x.toml`", Some("`[[baris]]`")).unwrap());
        assert_eq!(rows.len(), 2);
        let one = documented(&section(&doc, "`x.toml`", Some("`[satu]`")).unwrap());
        assert_eq!(one, [(20, "hanya".to_string())]);
        assert!(section(&doc, "`x.toml`", Some("`[[tidak]]`")).is_none());
    }
}
