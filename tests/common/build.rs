//! The fixture repository loaded, checked and built: its findings, its site in either
//! edition, its pages parsed, and places in its files.

use std::path::{Path, PathBuf};

use capaian::finding::Located;
use capaian::model::{Date, Edition};
use capaian::{BuildError, BuildOptions, BuildSummary, Site};
use scraper::Html;

use super::Repo;

/// The date the fixtures' reports are checked on when no git history is read
/// ([`Repo::checked_on`]): the `tanggal_laporan` of `common::SITE`.
pub fn today() -> Date {
    Date::new(2026, 1, 20).expect("a date")
}

/// Builds `site` into `output` with the built-in theme; panics with the errors when the report
/// has any, or with the build's error.
pub fn build_into(site: &Site, output: &Path) {
    let errors: Vec<String> = site
        .located_findings()
        .iter()
        .filter(|f| f.severity == capaian::finding::Severity::Error)
        .map(ToString::to_string)
        .collect();
    assert!(errors.is_empty(), "the report has errors: {errors:#?}");
    site.build(&BuildOptions {
        output: output.to_path_buf(),
        theme: None,
    })
    .unwrap_or_else(|e| panic!("build: {e}"));
}

impl Repo {
    /// The content folder loaded and checked, as `capaian build` does.
    pub fn site(&self) -> Site {
        Site::load(self.content()).expect("the content folder is readable")
    }

    /// The content folder loaded and checked as of `today`, without its git history or its
    /// evidence files: the checks of the data alone, on a fixed date.
    pub fn checked_on(&self, today: Date) -> Site {
        let loaded = capaian::load::load(&self.content()).expect("the content folder is readable");
        let mut site = Site::unchecked(&self.content(), loaded);
        site.check(today);
        site
    }

    /// Every finding of [`Repo::site`], its place resolved.
    pub fn findings(&self) -> Vec<Located> {
        self.site().located_findings()
    }

    /// The internal edition built into `output/` (what was there before is replaced); panics
    /// when the report has errors.
    pub fn build(&self) -> Site {
        let site = self.site();
        build_into(&site, &self.output());
        site
    }

    /// The given edition built into `output/`; the site as built and the years it left out.
    pub fn build_edition(&self, edition: Edition) -> (Site, Vec<i32>) {
        let (site, left_out) = self.site().edition(edition);
        build_into(&site, &self.output());
        (site, left_out)
    }

    /// The internal edition built into `output/` with `theme`, or the build's error.
    pub fn try_build(&self, theme: Option<PathBuf>) -> Result<BuildSummary, BuildError> {
        self.site().build(&BuildOptions {
            output: self.output(),
            theme,
        })
    }

    /// A built page (`2025/index.html`), parsed.
    pub fn page(&self, rel: &str) -> Html {
        Html::parse_document(&self.read_output(rel))
    }

    /// A content file's text.
    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.content().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// Line and column (1-based, the column in characters) of the first `needle` after the
    /// first `after` in a content file.
    pub fn place(&self, file: &str, after: &str, needle: &str) -> (usize, usize) {
        let text = self.read(file);
        let start = text
            .find(after)
            .unwrap_or_else(|| panic!("{after:?} not in {file}"));
        let at = start
            + text[start..]
                .find(needle)
                .unwrap_or_else(|| panic!("{needle:?} not after {after:?} in {file}"));
        let line = text[..at].matches('\n').count() + 1;
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        (line, text[line_start..at].chars().count() + 1)
    }
}

/// The findings in `all` at `file:line:column` (`file` relative to the content folder).
pub fn at(all: &[Located], file: &str, (line, column): (usize, usize)) -> Vec<Located> {
    all.iter()
        .filter(|f| {
            f.place.as_ref().is_some_and(|p| {
                p.path.ends_with(&format!("content/{file}")) && p.line == line && p.column == column
            })
        })
        .cloned()
        .collect()
}

/// The one finding of `severity` in `all` at `file:line:column` (`file` relative to the content
/// folder); panics, listing them all, unless there is exactly one and its message is `message`.
#[track_caller]
pub fn the_finding(
    all: &[Located],
    severity: capaian::finding::Severity,
    file: &str,
    spot: (usize, usize),
    message: &str,
) -> Located {
    let here: Vec<Located> = at(all, file, spot)
        .into_iter()
        .filter(|f| f.severity == severity)
        .collect();
    let (line, column) = spot;
    assert_eq!(
        here.len(),
        1,
        "expected one {severity:?} at {file}:{line}:{column}; all: {all:#?}"
    );
    assert_eq!(here[0].message, message, "the whole message");
    here[0].clone()
}
