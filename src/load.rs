//! Loading: a content folder (SPEC §2) into the [`Report`] model, keeping every file's text so
//! that findings can quote it.
//!
//! Loading never stops at the first bad file: every file is read and parsed, and what cannot
//! be parsed becomes a finding. Only trouble reaching the folder itself is an [`LoadError`].

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use walkdir::WalkDir;

use crate::finding::{Finding, Findings, did_you_mean};
use crate::model::{
    FileId, FrontMatter, Page, Pk, Process, Realisations, Renstra, Report, SiteConfig, Sop,
    Sources, Year,
};

/// A content folder that cannot be read at all (exit status 2).
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("content folder `{}` does not exist: give the folder that holds site.toml with --content", .0.display())]
    Missing(PathBuf),
    #[error("`{}` is not a folder: give the folder that holds site.toml with --content", .0.display())]
    NotAFolder(PathBuf),
    #[error("cannot read `{}`: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
}

/// What loading produced: the model, the text of every file, and the findings of parsing.
#[derive(Debug, Default)]
pub struct Loaded {
    pub report: Report,
    pub sources: Sources,
    pub findings: Findings,
}

/// Reads a content folder.
pub fn load(content: &Path) -> Result<Loaded, LoadError> {
    if !content.exists() {
        return Err(LoadError::Missing(content.to_path_buf()));
    }
    if !content.is_dir() {
        return Err(LoadError::NotAFolder(content.to_path_buf()));
    }
    let root = content.canonicalize().map_err(|source| LoadError::Io { path: content.to_path_buf(), source })?;
    let mut loader = Loader { content, root, loaded: Loaded::default(), seen_site: false, seen_sop: false };
    loader.walk()?;
    loader.finish();
    Ok(loader.loaded)
}

struct Loader<'a> {
    content: &'a Path,
    /// The canonical content folder: nothing is read from outside it.
    root: PathBuf,
    loaded: Loaded,
    seen_site: bool,
    seen_sop: bool,
}

/// What a file is, from where it sits in the content folder.
enum Kind {
    Site,
    Sop,
    Renstra,
    Page(String),
    Pk(i32, String),
    Realisations(i32, String),
    Process(i32),
}

impl Loader<'_> {
    fn walk(&mut self) -> Result<(), LoadError> {
        let walker = WalkDir::new(self.content)
            .min_depth(1)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| !e.file_name().to_string_lossy().starts_with('.'));
        for entry in walker {
            let entry = entry.map_err(|e| {
                let path = e.path().unwrap_or(self.content).to_path_buf();
                let source = e.into_io_error().unwrap_or_else(|| std::io::Error::other("filesystem loop"));
                LoadError::Io { path, source }
            })?;
            let path = entry.path();
            let rel = path.strip_prefix(self.content).unwrap_or(path);
            let parts: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
            if entry.file_type().is_dir() {
                self.check_folder(path, &parts);
                continue;
            }
            if entry.path_is_symlink() && !self.inside_root(path) {
                self.problem(path, "a symbolic link points outside the content folder", "capaian reads only files inside the content folder: copy the file in instead of linking to it");
                continue;
            }
            if entry.path_is_symlink() && path.is_dir() {
                continue;
            }
            match classify(&parts) {
                Some(kind) => self.read(path, kind)?,
                None => self.ignored(path, &parts),
            }
        }
        Ok(())
    }

    fn inside_root(&self, path: &Path) -> bool {
        path.canonicalize().is_ok_and(|target| target.starts_with(&self.root))
    }

    /// Top-level folders are `pages` or a budget year; a year holds `pk` and `realisasi`.
    fn check_folder(&mut self, path: &Path, parts: &[String]) {
        match parts {
            [name] if name == "pages" || year_of(name).is_some() => {}
            [name] => {
                let hint = if name.len() == 4 { "a year folder has four digits, like `2025`" } else { "content holds `pages/` and one folder per budget year, like `2025/`" };
                self.problem(path, &format!("`{name}` is not a year folder"), hint);
            }
            [year, sub] if year_of(year).is_some() && sub != "pk" && sub != "realisasi" => {
                let expected = ["pk", "realisasi"];
                let help = match did_you_mean(sub, expected) {
                    Some(s) => format!("did you mean `{s}`? a year folder holds `pk/`, `realisasi/` and `proses.toml`"),
                    None => "a year folder holds `pk/`, `realisasi/` and `proses.toml`".to_string(),
                };
                self.problem(path, &format!("unknown folder `{sub}` in year {year}"), &help);
            }
            _ => {}
        }
    }

    fn ignored(&mut self, path: &Path, parts: &[String]) {
        // Folders already reported as wrong say enough about the files in them.
        let in_bad_folder = match parts {
            [first, ..] if first != "pages" && year_of(first).is_none() && parts.len() > 1 => true,
            [year, sub, ..] if year_of(year).is_some() && parts.len() > 2 && sub != "pk" && sub != "realisasi" => true,
            _ => false,
        };
        if in_bad_folder || is_editor_file(parts.last().map_or("", String::as_str)) {
            return;
        }
        let file = self.add_source(path, String::new());
        self.loaded.findings.push(
            Finding::warning(format!("`{}` is not a file capaian reads; it is ignored", parts.join("/")))
                .at(file, 0..0)
                .help("content holds site.toml, sop.toml, renstra.toml, pages/*.md and <year>/{pk,realisasi}/*.toml, <year>/proses.toml"),
        );
    }

    /// A finding about a file or folder as a whole.
    fn problem(&mut self, path: &Path, message: &str, help: &str) {
        let file = self.add_source(path, String::new());
        self.loaded.findings.push(Finding::error(message).at(file, 0..0).help(help));
    }

    fn add_source(&mut self, path: &Path, text: String) -> FileId {
        self.loaded.sources.add(path.to_path_buf(), text)
    }

    fn read(&mut self, path: &Path, kind: Kind) -> Result<(), LoadError> {
        let bytes = std::fs::read(path).map_err(|source| LoadError::Io { path: path.to_path_buf(), source })?;
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                let offset = e.utf8_error().valid_up_to();
                let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
                let file = self.add_source(path, text);
                self.loaded.findings.push(
                    Finding::error("this file is not UTF-8 text")
                        .at(file, offset..offset + 1)
                        .label("invalid byte here")
                        .help("save the file as UTF-8 (most editors: \"Save with encoding\" → UTF-8)"),
                );
                return Ok(());
            }
        };
        // A byte-order mark is harmless; drop it so that it does not upset the TOML parser.
        let text = text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text);
        let file = self.add_source(path, text);
        let year = match kind {
            Kind::Pk(y, _) | Kind::Realisations(y, _) | Kind::Process(y) => Some(y),
            _ => None,
        };
        let before = self.loaded.findings.list.len();
        match kind {
            Kind::Site => {
                self.seen_site = true;
                if let Some(mut site) = self.parse::<SiteConfig>(file) {
                    site.file = file;
                    self.loaded.report.site = site;
                    self.loaded.report.site_read = true;
                }
            }
            Kind::Sop => {
                self.seen_sop = true;
                if let Some(mut sop) = self.parse::<Sop>(file) {
                    sop.file = file;
                    self.loaded.report.sop = sop;
                    self.loaded.report.sop_read = true;
                }
            }
            Kind::Renstra => {
                if let Some(mut renstra) = self.parse::<Renstra>(file) {
                    renstra.file = file;
                    self.loaded.report.renstra = Some(renstra);
                }
            }
            Kind::Page(slug) => {
                if let Some(page) = self.parse_page(file, slug) {
                    self.loaded.report.pages.push(page);
                }
            }
            Kind::Pk(y, id) => {
                if let Some(mut pk) = self.parse::<Pk>(file) {
                    pk.file = file;
                    pk.id = id;
                    self.year(y).pks.push(pk);
                } else {
                    self.year(y).unreadable_pks.insert(id);
                }
            }
            Kind::Realisations(y, id) => {
                if let Some(mut r) = self.parse::<Realisations>(file) {
                    r.file = file;
                    r.pk = id.clone();
                    self.year(y).realisations.insert(id, r);
                } else {
                    self.year(y);
                }
            }
            Kind::Process(y) => {
                if let Some(mut p) = self.parse::<Process>(file) {
                    p.file = file;
                    self.year(y).process = Some(p);
                } else {
                    self.year(y);
                }
            }
        }
        if let Some(year) = year {
            for finding in &mut self.loaded.findings.list[before..] {
                finding.year = Some(year);
            }
        }
        Ok(())
    }

    fn year(&mut self, year: i32) -> &mut Year {
        self.loaded.report.years.entry(year).or_insert_with(|| Year { year, ..Year::default() })
    }

    fn parse<T: DeserializeOwned>(&mut self, file: FileId) -> Option<T> {
        let text = &self.loaded.sources.get(file).text;
        match toml::from_str::<T>(text) {
            Ok(value) => Some(value),
            Err(e) => {
                let finding = toml_finding(&e, file, 0);
                self.loaded.findings.push(finding);
                None
            }
        }
    }

    fn parse_page(&mut self, file: FileId, slug: String) -> Option<Page> {
        let text = self.loaded.sources.get(file).text.clone();
        let Some((front, front_offset, body_offset)) = split_front_matter(&text) else {
            self.loaded.findings.push(
                Finding::error("a page must start with TOML front matter between `+++` lines")
                    .at(file, 0..text.find('\n').unwrap_or(text.len()))
                    .label("expected `+++` here")
                    .help("begin the file with:\n+++\njudul = \"Title of the page\"\n+++"),
            );
            return None;
        };
        match toml::from_str::<FrontMatter>(front) {
            Ok(front) => Some(Page { file, slug, front, body: text[body_offset..].to_string(), body_offset }),
            Err(e) => {
                self.loaded.findings.push(toml_finding(&e, file, front_offset));
                None
            }
        }
    }

    fn finish(&mut self) {
        for (seen, name, what) in [
            (self.seen_site, "site.toml", "the site's title, agency and officials"),
            (self.seen_sop, "sop.toml", "the SOP the data is checked against"),
        ] {
            if !seen {
                let path = self.content.join(name);
                self.loaded.findings.push(
                    Finding::error(format!("`{}` is missing", path.display()))
                        .help(format!("create {name}: it holds {what} (see the README for an example)")),
                );
            }
        }
        normalise_ids(&mut self.loaded.report);
        self.loaded.report.pages.sort_by(|a, b| (a.front.order, &a.slug).cmp(&(b.front.order, &b.slug)));
        for year in self.loaded.report.years.values_mut() {
            year.pks.sort_by(|a, b| a.id.cmp(&b.id));
        }
    }
}

fn classify(parts: &[String]) -> Option<Kind> {
    let stem = |name: &str, ext: &str| name.strip_suffix(ext).filter(|s| !s.is_empty()).map(str::to_lowercase);
    match parts {
        [name] if name == "site.toml" => Some(Kind::Site),
        [name] if name == "sop.toml" => Some(Kind::Sop),
        [name] if name == "renstra.toml" => Some(Kind::Renstra),
        [dir, name] if dir == "pages" => stem(name, ".md").map(Kind::Page),
        [year, name] if name == "proses.toml" => year_of(year).map(Kind::Process),
        [year, dir, name] if dir == "pk" => Some(Kind::Pk(year_of(year)?, stem(name, ".toml")?)),
        [year, dir, name] if dir == "realisasi" => Some(Kind::Realisations(year_of(year)?, stem(name, ".toml")?)),
        _ => None,
    }
}

/// A budget-year folder name: exactly four digits.
fn year_of(name: &str) -> Option<i32> {
    (name.len() == 4 && name.bytes().all(|b| b.is_ascii_digit())).then(|| name.parse().ok()).flatten()
}

/// Backup and swap files that editors leave beside the files they save.
pub fn is_editor_file(name: &str) -> bool {
    name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.ends_with(".bak")
        || name.contains("__jb_tmp__")
        || name.starts_with(".#")
}

/// Splits `+++\n<toml>\n+++\n<body>`; returns the front matter and the offsets of the front
/// matter and the body.
fn split_front_matter(text: &str) -> Option<(&str, usize, usize)> {
    let first_line_end = text.find('\n')?;
    if text[..first_line_end].trim_end() != "+++" {
        return None;
    }
    let front_start = first_line_end + 1;
    let mut offset = front_start;
    for line in text[front_start..].split_inclusive('\n') {
        if line.trim_end() == "+++" {
            let body = offset + line.len();
            return Some((&text[front_start..offset], front_start, body));
        }
        offset += line.len();
    }
    None
}

/// A TOML syntax or type error as a finding, with a "did you mean" for unknown keys and words.
fn toml_finding(error: &toml::de::Error, file: FileId, offset: usize) -> Finding {
    let message = error.message().trim().to_string();
    let span = error.span().map_or(offset..offset, |s| s.start + offset..s.end + offset);
    let (headline, help) = explain_toml_message(&message);
    Finding::error(headline).at(file, span).label(label_for(&message)).help(help)
}

fn label_for(message: &str) -> &'static str {
    if message.starts_with("unknown field") {
        "unknown key"
    } else if message.starts_with("missing field") {
        "in this table"
    } else if message.starts_with("unknown variant") {
        "not one of the allowed words"
    } else if message.starts_with("invalid type") {
        "wrong type"
    } else if message.starts_with("duplicate key") {
        "written twice"
    } else {
        "here"
    }
}

/// Turns serde's wording into the user's: the message and what to do.
fn explain_toml_message(message: &str) -> (String, String) {
    let quoted: Vec<&str> = message.split('`').skip(1).step_by(2).collect();
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let key = quoted.first().copied().unwrap_or(rest);
        let expected: Vec<&str> = quoted.iter().skip(1).copied().collect();
        let help = match did_you_mean(key, expected.iter().copied()) {
            Some(s) => format!("did you mean `{s}`?"),
            None if expected.is_empty() => "remove this key: this table takes no keys".to_string(),
            None => format!("remove it, or use one of the keys this table takes: {}", expected.join(", ")),
        };
        return (format!("unknown key `{key}`"), help);
    }
    if message.starts_with("unknown variant ") {
        let word = quoted.first().copied().unwrap_or("");
        let expected: Vec<&str> = quoted.iter().skip(1).copied().collect();
        let help = match did_you_mean(word, expected.iter().copied()) {
            Some(s) => format!("did you mean \"{s}\"?"),
            None => format!("write one of: {}", expected.iter().map(|e| format!("\"{e}\"")).collect::<Vec<_>>().join(", ")),
        };
        return (format!("\"{word}\" is not an allowed value"), help);
    }
    if message.starts_with("missing field ") {
        let key = quoted.first().copied().unwrap_or("");
        return (format!("the required key `{key}` is missing"), format!("add `{key} = …` to this table (see SPEC §3 in the README)"));
    }
    if message.starts_with("invalid type") {
        return (message.to_string(), "write the value with the type shown: numbers without quotes, text in quotes, dates as YYYY-MM-DD".to_string());
    }
    (message.to_string(), "fix the TOML here; see https://toml.io for the syntax".to_string())
}

/// Ids are case-insensitive (SPEC §2): every id and every reference to one is lower-cased once,
/// here, so that later stages compare plain strings.
fn normalise_ids(report: &mut Report) {
    let lower = |s: &mut String| {
        if s.chars().any(char::is_uppercase) {
            *s = s.to_lowercase();
        }
    };
    for official in &mut report.site.officials {
        lower(&mut official.id.value);
        lower(&mut official.superior.value);
    }
    if let Some(renstra) = &mut report.renstra {
        for indicator in &mut renstra.indicators {
            lower(&mut indicator.id.value);
        }
    }
    for year in report.years.values_mut() {
        for pk in &mut year.pks {
            lower(&mut pk.official.value);
            for goal in &mut pk.goals {
                lower(&mut goal.id.value);
                lower(&mut goal.supports.value);
                for indicator in &mut goal.indicators {
                    lower(&mut indicator.id.value);
                }
            }
            for programme in &mut pk.programmes {
                lower(&mut programme.id.value);
                for goal in &mut programme.goals {
                    lower(&mut goal.value);
                }
            }
        }
        for realisations in year.realisations.values_mut() {
            for entry in &mut realisations.entries {
                lower(&mut entry.indicator.value);
                if let Some(reporter) = &mut entry.reporter {
                    lower(&mut reporter.value);
                }
            }
            for spending in &mut realisations.spending {
                lower(&mut spending.program.value);
            }
        }
        if let Some(process) = &mut year.process {
            for step in &mut process.steps {
                lower(&mut step.by.value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_split_with_offsets() {
        let text = "+++\njudul = \"A\"\n+++\n# Body\n";
        let (front, start, body) = split_front_matter(text).unwrap();
        assert_eq!(front, "judul = \"A\"\n");
        assert_eq!(start, 4);
        assert_eq!(&text[body..], "# Body\n");
    }

    #[test]
    fn unknown_key_gets_a_did_you_mean() {
        let (headline, help) =
            explain_toml_message("unknown field `judull`, expected one of `judul`, `base_url`, `bahasa`");
        assert_eq!(headline, "unknown key `judull`");
        assert_eq!(help, "did you mean `judul`?");
    }

    #[test]
    fn unknown_word_gets_a_did_you_mean() {
        let (headline, help) = explain_toml_message("unknown variant `positip`, expected `positif` or `negatif`");
        assert_eq!(headline, "\"positip\" is not an allowed value");
        assert_eq!(help, "did you mean \"positif\"?");
    }

    #[test]
    fn year_folders_have_four_digits() {
        assert_eq!(year_of("2025"), Some(2025));
        assert_eq!(year_of("20x5"), None);
        assert_eq!(year_of("025"), None);
    }
}
