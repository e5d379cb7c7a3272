//! Findings: the errors and warnings of loading and validation, printed like rustc's.
//!
//! A finding names a place ([`Loc`]), says what is wrong (`message`, and a short `label` under
//! the caret) and what to do (`help`). Loading and validation collect every finding of a run;
//! errors stop the build, warnings are printed and shown on the site's validation page.

use std::fmt;
use std::path::Path;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;

use crate::model::{FileId, Language, Loc, Sources, Span};

/// The text of a finding in the site's language (`bahasa`): Indonesian, or English.
pub fn say(language: Language, id: impl Into<String>, en: impl Into<String>) -> String {
    match language {
        Language::Indonesian => id.into(),
        Language::English => en.into(),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub severity: Severity,
    pub message: String,
    /// Where; `None` for findings about something missing altogether (a required file).
    pub loc: Option<Loc>,
    /// A few words shown under the caret.
    pub label: String,
    /// What to do about it.
    pub help: Option<String>,
    /// The budget year the finding belongs to, when it comes from a year folder.
    pub year: Option<i32>,
}

impl Finding {
    pub fn error(message: impl Into<String>) -> Self {
        Finding {
            severity: Severity::Error,
            message: message.into(),
            loc: None,
            label: String::new(),
            help: None,
            year: None,
        }
    }

    pub fn warning(message: impl Into<String>) -> Self {
        Finding {
            severity: Severity::Warning,
            ..Finding::error(message)
        }
    }

    pub fn at(mut self, file: FileId, span: Span) -> Self {
        self.loc = Some(Loc { file, span });
        self
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn year(mut self, year: i32) -> Self {
        self.year = Some(year);
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The finding with its place resolved to a path, line and column, for display and export.
    pub fn locate(&self, sources: &Sources) -> Located {
        self.locate_in(sources, None)
    }

    /// [`Finding::locate`] with the path relative to the content folder (`2025/pk/kepala.toml`),
    /// as the site's pages show it: never the build machine's own folders.
    pub fn locate_relative(&self, sources: &Sources, content: &Path) -> Located {
        self.locate_in(sources, Some(content))
    }

    fn locate_in(&self, sources: &Sources, content: Option<&Path>) -> Located {
        let place = self.loc.as_ref().map(|loc| {
            let file = sources.get(loc.file);
            let (line, column) = sources.line_col(loc.file, loc.span.start);
            let source_line = file.text.lines().nth(line - 1).unwrap_or("").to_string();
            Place {
                path: display_path_in(&file.path, content),
                line,
                column,
                source_line,
            }
        });
        Located {
            severity: self.severity,
            message: self.message.clone(),
            label: self.label.clone(),
            help: self.help.clone(),
            year: self.year,
            place,
        }
    }

    /// The finding as rustc prints it: the message, file:line:column, the source line with a
    /// caret under the span, and the help.
    pub fn render(&self, sources: &Sources, renderer: &Renderer) -> String {
        self.render_in(sources, renderer, None)
    }

    /// [`Finding::render`] with the path relative to the content folder, as a page shows it
    /// (serve's error overlay).
    pub fn render_relative(
        &self,
        sources: &Sources,
        renderer: &Renderer,
        content: &Path,
    ) -> String {
        self.render_in(sources, renderer, Some(content))
    }

    fn render_in(&self, sources: &Sources, renderer: &Renderer, content: Option<&Path>) -> String {
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let title = level.primary_title(self.message.as_str());
        let mut report: Vec<Group<'_>> = Vec::new();
        let path;
        match &self.loc {
            Some(loc) => {
                let file = sources.get(loc.file);
                path = display_path_in(&file.path, content);
                let span = clamp_span(&file.text, &loc.span);
                // Only the line shown goes to the renderer: the whole text of a large file, once
                // per finding, made rendering quadratic (minutes for a file of many mistakes).
                let line_start = file.text[..span.start].rfind('\n').map_or(0, |i| i + 1);
                let line_end = file.text[span.start..]
                    .find(['\n', '\r'])
                    .map_or(file.text.len(), |i| span.start + i);
                let (line, _) = sources.line_col(loc.file, span.start);
                let snippet = Snippet::source(&file.text[line_start..line_end])
                    .line_start(line)
                    .path(path.as_str())
                    .annotation(
                        AnnotationKind::Primary
                            .span(span.start - line_start..span.end - line_start)
                            .label(self.label.as_str()),
                    );
                report.push(title.element(snippet));
            }
            None => report.push(Group::with_title(title)),
        }
        if let Some(help) = &self.help {
            report.push(Group::with_title(
                Level::HELP.secondary_title(help.as_str()),
            ));
        }
        renderer.render(&report).to_string()
    }
}

/// A span kept inside the text and on character boundaries, never empty where the text is not,
/// so that the caret has something to point at.
fn clamp_span(text: &str, span: &Span) -> Span {
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let start = floor(span.start);
    let mut end = floor(span.end.max(start));
    let at_line_end = text[start..].starts_with(['\n', '\r']);
    if end == start && start < text.len() && !at_line_end {
        end = start + text[start..].chars().next().map_or(0, char::len_utf8);
    }
    // One line is enough to show; a whole table would flood the terminal. A span that starts
    // at the end of a line (an unclosed string or header) becomes a caret after its last
    // character rather than a bracket over the next line.
    if let Some(newline) = text[start..end].find(['\n', '\r']) {
        end = start + newline;
    }
    start..end
}

/// A path as shown: relative to `content` when given and the path is inside it (also when one
/// of the two is the canonical form of the other), with `/` between folders.
fn display_path_in(path: &Path, content: Option<&Path>) -> String {
    let relative = content.and_then(|content| {
        path.strip_prefix(content)
            .ok()
            .map(Path::to_path_buf)
            .or_else(|| {
                let content = content.canonicalize().ok()?;
                let parent = path.parent()?.canonicalize().ok()?;
                let rel = parent.strip_prefix(&content).ok()?;
                Some(rel.join(path.file_name()?))
            })
    });
    let shown = relative.as_deref().unwrap_or(path);
    shown.to_string_lossy().replace('\\', "/")
}

/// A finding with its place resolved, as the validation page and the JSON output show it.
#[derive(Clone, Debug, Serialize)]
pub struct Located {
    pub severity: Severity,
    pub message: String,
    pub label: String,
    pub help: Option<String>,
    pub year: Option<i32>,
    pub place: Option<Place>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Place {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub source_line: String,
}

impl fmt::Display for Located {
    /// One line: `path:line:column: error: message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(p) = &self.place {
            write!(f, "{}:{}:{}: ", p.path, p.line, p.column)?;
        }
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{severity}: {}", self.message)
    }
}

/// The findings of a run, in a stable order: by file, then position, then message.
#[derive(Clone, Debug, Default)]
pub struct Findings {
    pub list: Vec<Finding>,
    /// The language of the findings this adds itself (the count of those not shown).
    pub language: Language,
}

impl Findings {
    pub fn push(&mut self, finding: Finding) {
        self.list.push(finding);
    }

    pub fn extend(&mut self, findings: impl IntoIterator<Item = Finding>) {
        self.list.extend(findings);
    }

    pub fn errors(&self) -> usize {
        self.list.iter().filter(|f| f.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.list.len() - self.errors()
    }

    pub fn has_errors(&self) -> bool {
        self.errors() > 0
    }

    /// Sorts and removes duplicates; keeps at most [`MAX_PER_FILE`] findings of one file, and
    /// says how many more there are (a file of ten thousand copied entries is one mistake, and
    /// printing each would take minutes).
    pub fn sort(&mut self) {
        self.list.sort_by(|a, b| {
            let key = |f: &Finding| f.loc.as_ref().map(|l| (l.file, l.span.start));
            (key(a).is_some(), key(a), &a.message).cmp(&(key(b).is_some(), key(b), &b.message))
        });
        self.list.dedup();
        self.limit_per_file();
    }

    fn limit_per_file(&mut self) {
        let mut kept: Vec<Finding> = Vec::with_capacity(self.list.len());
        let mut dropped: Vec<(FileId, usize, usize, Option<i32>)> = Vec::new();
        let mut shown = 0;
        let mut current = None;
        for finding in std::mem::take(&mut self.list) {
            let file = finding.loc.as_ref().map(|l| l.file);
            if file != current {
                current = file;
                shown = 0;
            }
            // The count of an earlier sort stays, and is not counted itself.
            if finding.message.starts_with(MORE_PREFIX) {
                kept.push(finding);
                continue;
            }
            match file {
                Some(file) if shown >= MAX_PER_FILE => {
                    if dropped.last().is_none_or(|d| d.0 != file) {
                        dropped.push((file, 0, 0, finding.year));
                    }
                    if let Some(last) = dropped.last_mut() {
                        if finding.is_error() {
                            last.1 += 1
                        } else {
                            last.2 += 1
                        }
                    }
                }
                _ => {
                    shown += 1;
                    kept.push(finding);
                }
            }
        }
        let language = self.language;
        for (file, errors, warnings, year) in dropped {
            let finding = match (errors, warnings) {
                (0, w) => Finding::warning(say(
                    language,
                    format!("{MORE_PREFIX}dan {w} peringatan lagi di berkas ini tidak ditampilkan"),
                    format!("{MORE_PREFIX}and {w} more warning(s) in this file are not shown"),
                )),
                (e, 0) => Finding::error(say(
                    language,
                    format!("{MORE_PREFIX}dan {e} kesalahan lagi di berkas ini tidak ditampilkan"),
                    format!("{MORE_PREFIX}and {e} more error(s) in this file are not shown"),
                )),
                (e, w) => Finding::error(say(
                    language,
                    format!(
                        "{MORE_PREFIX}dan {e} kesalahan dan {w} peringatan lagi di berkas ini tidak ditampilkan"
                    ),
                    format!(
                        "{MORE_PREFIX}and {e} more error(s) and {w} more warning(s) in this file are not shown"
                    ),
                )),
            };
            let mut finding = finding
                .at(file, usize::MAX..usize::MAX)
                .label(say(language, "akhir berkas", "end of the file"))
                .help(say(
                    language,
                    "perbaiki dulu yang ditampilkan: sering kali semuanya satu kesalahan yang tersalin berkali-kali",
                    "fix the ones shown first: they are often one mistake copied many times",
                ));
            finding.year = year;
            let at = kept
                .iter()
                .rposition(|f| f.loc.as_ref().is_some_and(|l| l.file == file))
                .map_or(kept.len(), |i| i + 1);
            kept.insert(at, finding);
        }
        self.list = kept;
    }
}

/// The most findings shown for one file.
pub const MAX_PER_FILE: usize = 100;

/// The start of the count of findings not shown, in both languages ("…and 3 more", "…dan 3").
const MORE_PREFIX: &str = "…";

/// The "did you mean" candidate for a misspelt word: the closest of `candidates`, if close.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn spans_stay_on_one_line_and_on_characters() {
        let text = "judul = \"Laporan\nx = 1\r\ny = é\n";
        // At the end of a line: a caret after its last character, not the next line.
        assert_eq!(clamp_span(text, &(16..22)), 16..16);
        assert_eq!(clamp_span(text, &(0..5)), 0..5);
        // An empty span points at one character; a span inside `é` moves to its start.
        assert_eq!(clamp_span(text, &(17..17)), 17..18);
        let e = text.find('é').unwrap();
        assert_eq!(clamp_span(text, &(e + 1..e + 1)), e..e + 2);
        assert_eq!(
            clamp_span(text, &(usize::MAX..usize::MAX)),
            text.len()..text.len()
        );
        // `\r\n` ends a line too.
        let r = text.find('\r').unwrap();
        assert_eq!(clamp_span(text, &(r..r + 2)), r..r);
    }

    #[test]
    fn a_file_of_many_mistakes_shows_the_first_hundred_and_a_count() {
        let mut sources = Sources::default();
        let text = "x = 1\n".repeat(300);
        let file = sources.add(PathBuf::from("content/a.toml"), text);
        let other = sources.add(PathBuf::from("content/b.toml"), "y = 2\n".to_string());
        let mut findings = Findings {
            language: Language::English,
            ..Findings::default()
        };
        for i in 0..300 {
            findings.push(Finding::error(format!("mistake {i:03}")).at(file, i * 6..i * 6 + 1));
        }
        findings.push(Finding::warning("w").at(file, 0..1));
        findings.push(Finding::error("other").at(other, 0..1));
        findings.sort();
        assert_eq!(findings.list.len(), MAX_PER_FILE + 2);
        let more = &findings.list[MAX_PER_FILE];
        assert_eq!(
            more.message,
            "…and 201 more error(s) in this file are not shown"
        );
        assert!(more.is_error());
        assert_eq!(findings.list[MAX_PER_FILE + 1].message, "other");
        // Sorting again changes nothing.
        let before = findings.list.clone();
        findings.sort();
        assert_eq!(findings.list, before);
        let renderer = Renderer::plain();
        for f in &findings.list {
            assert!(!f.render(&sources, &renderer).is_empty());
        }
    }
}
