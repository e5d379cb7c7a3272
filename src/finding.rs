//! Findings: the errors and warnings of loading and validation, printed like rustc's.
//!
//! A finding names a place ([`Loc`]), says what is wrong (`message`, and a short `label` under
//! the caret) and what to do (`help`). Loading and validation collect every finding of a run;
//! errors stop the build, warnings are printed and shown on the site's validation page.

use std::fmt;
use std::path::Path;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;

use crate::model::{FileId, Loc, Sources, Span};

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
        Finding { severity: Severity::Warning, ..Finding::error(message) }
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
        let place = self.loc.as_ref().map(|loc| {
            let file = sources.get(loc.file);
            let (line, column) = sources.line_col(loc.file, loc.span.start);
            let source_line = file.text.lines().nth(line - 1).unwrap_or("").to_string();
            Place { path: display_path(&file.path), line, column, source_line }
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
                path = display_path(&file.path);
                let span = clamp_span(&file.text, &loc.span);
                let snippet = Snippet::source(file.text.as_str())
                    .path(path.as_str())
                    .fold(true)
                    .annotation(AnnotationKind::Primary.span(span).label(self.label.as_str()));
                report.push(title.element(snippet));
            }
            None => report.push(Group::with_title(title)),
        }
        if let Some(help) = &self.help {
            report.push(Group::with_title(Level::HELP.secondary_title(help.as_str())));
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
    if end == start && start < text.len() {
        end = start + text[start..].chars().next().map_or(0, char::len_utf8);
    }
    // One line is enough to show; a whole table would flood the terminal.
    if let Some(newline) = text[start..end].find('\n') {
        if newline > 0 {
            end = start + newline;
        }
    }
    start..end
}

fn display_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
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

    pub fn sort(&mut self) {
        self.list.sort_by(|a, b| {
            let key = |f: &Finding| f.loc.as_ref().map(|l| (l.file, l.span.start));
            (key(a).is_some(), key(a), &a.message).cmp(&(key(b).is_some(), key(b), &b.message))
        });
        self.list.dedup();
    }
}

/// The "did you mean" candidate for a misspelt word: the closest of `candidates`, if close.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}
