//! Bilingual UI: every label a template uses exists in both languages, a missing one stops the
//! build (Tera's strict mode) instead of leaving a blank, and the English build of the demo
//! carries no Indonesian UI label (the editors' data stays as written).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use capaian::model::Language;
use capaian::render::Theme;
use capaian::render::labels::Labels;
use capaian::{BuildOptions, Site};
use common::site::{demo_content, demo_copy, html_pages};
use scraper::{Html, Node};

mod common;

fn table(language: Language) -> BTreeMap<String, String> {
    serde_json::from_value(serde_json::to_value(Labels::new(language)).unwrap()).unwrap()
}

/// The labels a template asks for: `labels.key`, and the prefixes of `labels["prefix" ~ x]`.
fn labels_used(source: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let key = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    let keys = source
        .split("labels.")
        .skip(1)
        .map(key)
        .filter(|k| !k.is_empty())
        .collect();
    let prefixes = source
        .split("labels[\"")
        .skip(1)
        .map(key)
        .filter(|k| !k.is_empty())
        .collect();
    (keys, prefixes)
}

#[test]
fn every_label_a_template_uses_exists_in_both_languages() {
    let theme = Theme::default_theme();
    let tables = [
        ("id", table(Language::Indonesian)),
        ("en", table(Language::English)),
    ];
    let mut checked = 0;
    let mut missing = Vec::new();
    for name in theme.template_names() {
        let (keys, prefixes) = labels_used(theme.source(name).unwrap());
        for (language, table) in &tables {
            for key in &keys {
                checked += 1;
                if table.get(key).is_none_or(|v| v.trim().is_empty()) {
                    missing.push(format!("{name}: labels.{key} ({language})"));
                }
            }
            for prefix in &prefixes {
                if !table.keys().any(|k| k.starts_with(prefix.as_str())) {
                    missing.push(format!("{name}: labels[\"{prefix}\" ~ …] ({language})"));
                }
            }
        }
    }
    assert!(
        checked > 200,
        "the scan found the templates' labels: {checked}"
    );
    assert!(
        missing.is_empty(),
        "labels missing:\n{}",
        missing.join("\n")
    );
    let (keys, prefixes) = labels_used("{{ labels.cari }} {{ labels[\"tw_\" ~ q] }}");
    assert_eq!(keys.into_iter().collect::<Vec<_>>(), ["cari"]);
    assert_eq!(prefixes.into_iter().collect::<Vec<_>>(), ["tw_"]);
}

#[test]
fn a_missing_label_is_a_build_error_not_a_blank() {
    let repo = common::Repo::new();
    let theme = repo.dir.path().join("theme");
    std::fs::create_dir_all(theme.join("templates")).unwrap();
    std::fs::write(
        theme.join("templates/page.html"),
        "{% extends \"base.html\" %}{% block content %}<p>{{ labels.label_yang_tidak_ada }}</p>{% endblock content %}",
    )
    .unwrap();
    repo.write("pages/tentang.md", "+++\njudul = \"Tentang\"\n+++\nIsi.\n");
    let site = Site::load(repo.content()).unwrap();
    let error = site
        .build(&BuildOptions {
            output: repo.output(),
            theme: Some(theme),
        })
        .expect_err("a label the table lacks stops the build");
    let message = error.to_string();
    assert!(
        message.contains("label_yang_tidak_ada") && message.contains("page.html"),
        "{message}"
    );
    assert!(!repo.output().join("tentang/index.html").exists());
}

/// The demo, built in the given language into a temporary folder.
fn build_demo(language: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = demo_copy();
    let content = dir.path().join("content");
    let site_toml = content.join("site.toml");
    let text = std::fs::read_to_string(&site_toml).unwrap();
    let text = text.replacen(
        "bahasa          = \"id\"",
        &format!("bahasa = \"{language}\""),
        1,
    );
    assert!(
        text.contains(&format!("bahasa = \"{language}\"")),
        "the demo sets bahasa"
    );
    std::fs::write(&site_toml, text).unwrap();
    let site = Site::load(&content).unwrap();
    let out = dir.path().join("site");
    site.build(&BuildOptions {
        output: out.clone(),
        // The built-in theme: the comparison is about its templates.
        theme: Some(dir.path().join("no-theme")),
    })
    .unwrap();
    (dir, out)
}

/// Whether `text` is the editors': found in the content files, or a title made of a TOML
/// string value and more (`Pendahuluan · Laporan Kinerja …`, a page's `judul` and the site's).
fn is_data(text: &str, corpus: &str) -> bool {
    corpus.contains(text)
        || text
            .split(" · ")
            .next()
            .is_some_and(|first| corpus.contains(&format!("\"{}\"", first.trim())))
        || quotes_figures(text, corpus)
}

/// Whether `text` is a paragraph of the content whose shortcodes (`{{ capaian(…) }}`) were
/// replaced by their values: the text around the shortcodes is found, in order.
fn quotes_figures(text: &str, corpus: &str) -> bool {
    corpus
        .split("\n\n")
        .filter(|paragraph| paragraph.contains("{{"))
        .any(|paragraph| {
            let mut pieces = Vec::new();
            let mut rest = paragraph;
            while let Some(open) = rest.find("{{") {
                pieces.push(&rest[..open]);
                rest = rest[open..]
                    .find("}}")
                    .map_or("", |close| &rest[open + close + 2..]);
            }
            pieces.push(rest);
            // The text may start inside any piece (after a `**bold**` lead, say).
            (0..pieces.len()).any(|first| {
                let piece = pieces[first];
                (0..piece.len())
                    .filter(|&at| piece.is_char_boundary(at))
                    .filter(|&at| piece.len() - at >= 10 && text.starts_with(&piece[at..]))
                    .any(|at| {
                        let mut rest = &text[piece.len() - at..];
                        pieces[first + 1..].iter().all(|next| {
                            if rest.is_empty() || next.starts_with(rest) {
                                rest = "";
                                return true;
                            }
                            match rest.find(next) {
                                Some(found) => {
                                    rest = &rest[found + next.len()..];
                                    true
                                }
                                // The text ends here: a value, then the start of the piece.
                                None => {
                                    let ends = (0..=rest.len().min(40))
                                        .filter(|&i| rest.is_char_boundary(i))
                                        .any(|i| {
                                            !rest[..i].contains('\n')
                                                && next.starts_with(&rest[i..])
                                        });
                                    rest = "";
                                    ends
                                }
                            }
                        })
                    })
            })
        })
}

/// Every content file's text, one after the other, without the lines that set enumerations.
fn content_text(dir: &Path) -> String {
    let mut text = String::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(file) = std::fs::read_to_string(&path) {
                for line in file.lines() {
                    let key = line.split('=').next().unwrap_or("").trim();
                    if !matches!(
                        key,
                        "polaritas" | "akumulasi" | "peran" | "eselon" | "bahasa"
                    ) {
                        // Markdown drops the indentation of a list item's lines.
                        text.push_str(line.trim_start());
                        text.push('\n');
                    }
                }
            }
        }
    }
    text
}

/// The text a reader sees or hears from the UI: text nodes (outside scripts and styles) and
/// the attributes that carry words.
fn ui_texts(html: &str) -> Vec<String> {
    let document = Html::parse_document(html);
    let mut texts = Vec::new();
    for node in document.tree.nodes() {
        match node.value() {
            Node::Text(text) => {
                let inside_code = node.ancestors().any(|a| {
                    a.value()
                        .as_element()
                        .is_some_and(|e| matches!(e.name(), "script" | "style" | "svg"))
                });
                if !inside_code {
                    texts.push(text.trim().to_string());
                }
            }
            Node::Element(element) => {
                for attr in ["aria-label", "title", "placeholder", "alt"] {
                    if let Some(value) = element.attr(attr) {
                        texts.push(value.trim().to_string());
                    }
                }
            }
            _ => {}
        }
    }
    texts.retain(|t| !t.is_empty());
    texts
}

/// Whether `text` is the label, or the label followed by a number or a colon (a title such as
/// "Laporan Kinerja 2025", a lead such as "Tahun 2025 ·", a term "Sasaran:").
fn is_label_use(text: &str, label: &str) -> bool {
    let Some(rest) = text.strip_prefix(label) else {
        return false;
    };
    let rest = rest.trim_start();
    rest.is_empty()
        || rest.starts_with(':')
        || rest.starts_with(|c: char| c.is_ascii_digit())
        || rest.starts_with('·')
}

#[test]
fn the_english_demo_has_no_indonesian_ui_label_left() {
    let id = table(Language::Indonesian);
    let en = table(Language::English);
    // Labels that read the same in both languages ("DRAFT", "NIP", "Status") are not a sign.
    let indonesian: Vec<&str> = id
        .iter()
        .filter(|(key, value)| en.get(*key) != Some(*value) && value.chars().count() >= 3)
        .map(|(_, value)| value.as_str())
        .collect();
    // The editors' text (names, titles, Markdown) stays as written: a text found in the
    // content files is data, whatever its language. Enumerations (`polaritas = "negatif"`)
    // are keys the templates translate, not text.
    let corpus = content_text(&demo_content());
    let (_id_dir, id_root) = build_demo("id");
    let (_en_dir, en_root) = build_demo("en");
    let pages = html_pages(&en_root);
    assert_eq!(
        pages,
        html_pages(&id_root),
        "both builds have the same pages"
    );
    assert!(pages.len() > 100, "{}", pages.len());
    let mut seen_in_id = 0;
    let mut left = BTreeSet::new();
    for page in &pages {
        let id_texts = ui_texts(&std::fs::read_to_string(id_root.join(page)).unwrap());
        let en_texts = ui_texts(&std::fs::read_to_string(en_root.join(page)).unwrap());
        seen_in_id += id_texts
            .iter()
            .filter(|t| indonesian.iter().any(|l| is_label_use(t, l)))
            .count();
        for text in &en_texts {
            for label in &indonesian {
                if is_label_use(text, label)
                    && !en.values().any(|v| is_label_use(text, v))
                    && !is_data(text, &corpus)
                {
                    left.insert(format!("{page}: {text:?} (label {label:?})"));
                }
            }
        }
    }
    assert!(
        seen_in_id > 1000,
        "the Indonesian build shows its labels where the scan looks: {seen_in_id}"
    );
    let left: Vec<String> = left.into_iter().collect();
    assert!(
        left.is_empty(),
        "{} Indonesian label(s) in the English build:\n{}",
        left.len(),
        left[..left.len().min(40)].join("\n")
    );
}
