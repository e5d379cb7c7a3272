//! The theme: Tera templates and static files, the built-in default overridden file by file by
//! a site's theme folder (as Zola lets a site override its theme), and the filters every
//! template can use.
//!
//! Filters (all print `–` for a value that cannot be computed, `null`):
//! - `angka(desimal=2, tetap=false)`: a number with up to `desimal` decimals (`tetap=true`:
//!   exactly), thousands grouped; a word (ordinal target or realisation) as it is;
//! - `persen(desimal=2)`: `99,24%`;
//! - `poin`: a signed difference in percentage points, `+11,24`;
//! - `rupiah`: `Rp 1.250.000.000`;
//! - `tanggal`: a `YYYY-MM-DD` date (or date-time) as `20 Januari 2026`;
//! - `markdown(geser=0)`: editor Markdown to HTML, raw HTML escaped, unsafe URLs removed;
//!   `geser` shifts heading levels down.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

use tera::{Kwargs, State, Tera, TeraResult, Value};

use crate::format::{DASH, Format};
use crate::model::Language;
use crate::render::error::RenderError;
use crate::render::markdown::Markdown;

macro_rules! embedded_templates {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../themes/default/templates/", $name)))),*]
    };
}

/// The default theme's templates, compiled into the binary.
const DEFAULT_TEMPLATES: &[(&str, &str)] = embedded_templates![
    "base.html",
    "components.html",
    "index.html",
    "year.html",
    "pk.html",
    "indicator.html",
    "validation.html",
    "perubahan.html",
    "evaluasi.html",
    "page.html",
    "cetak.html",
    "sop.html",
    "formulir.html",
    "partials/summary.html",
    "partials/indicator_table.html",
    "partials/budget_table.html",
    "partials/budget_hierarchy.html",
    "partials/approval.html",
    "partials/stale.html",
    "partials/tanda_tangan.html",
    "partials/cetak_indikator.html",
    "partials/cetak_pk_sasaran.html",
    "partials/cetak_sasaran_indikator.html",
    "partials/cetak_lampiran_sasaran.html",
    "partials/indikator_riwayat.html",
    "partials/indikator_pembanding.html",
    "partials/indikator_program.html",
    "partials/pk_ringkasan.html",
    "partials/tindak_lanjut.html",
    "sitemap.html",
];

/// The default theme's static files, copied to the root of the output.
const DEFAULT_STATIC: &[(&str, &[u8])] = &[
    (
        "style.css",
        include_bytes!("../../themes/default/static/style.css"),
    ),
    (
        "search.js",
        include_bytes!("../../themes/default/static/search.js"),
    ),
    // The Open Graph image (1200×630) of a shared link; a theme replaces it with its own
    // `static/og.png` (render::nav).
    (
        "og.png",
        include_bytes!("../../themes/default/static/og.png"),
    ),
    // The tab's icon: `/favicon.ico` (asked for by every browser) and its SVG, linked from
    // every page.
    (
        "favicon.ico",
        include_bytes!("../../themes/default/static/favicon.ico"),
    ),
    (
        "favicon.svg",
        include_bytes!("../../themes/default/static/favicon.svg"),
    ),
];

/// Templates and static files, parsed and ready to render.
#[derive(Clone)]
pub struct Theme {
    templates: BTreeMap<String, String>,
    statics: BTreeMap<String, Vec<u8>>,
    /// The folder the overrides come from.
    dir: Option<PathBuf>,
    /// Names of the templates taken from `dir`.
    overridden: BTreeSet<String>,
    tera: Tera,
}

impl fmt::Debug for Theme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Theme")
            .field("dir", &self.dir)
            .field("templates", &self.templates.keys().collect::<Vec<_>>())
            .field("overridden", &self.overridden)
            .field("static", &self.statics.keys().collect::<Vec<_>>())
            .finish()
    }
}

impl Theme {
    /// The built-in default theme (compiled in, so the binary works anywhere), overridden
    /// file by file by `dir/templates/**/*.html` and `dir/static/**` when `dir` is given and
    /// exists.
    pub fn load(dir: Option<&Path>) -> Result<Theme, RenderError> {
        let mut templates: BTreeMap<String, String> = DEFAULT_TEMPLATES
            .iter()
            .map(|(n, s)| (n.to_string(), s.to_string()))
            .collect();
        let mut statics: BTreeMap<String, Vec<u8>> = DEFAULT_STATIC
            .iter()
            .map(|(n, b)| (n.to_string(), b.to_vec()))
            .collect();
        let mut overridden = BTreeSet::new();
        let dir = dir.filter(|d| d.is_dir()).map(Path::to_path_buf);
        if let Some(dir) = &dir {
            // A theme publishes its static files: nothing under it may lead elsewhere (a
            // `static` linked to /etc/ssl would publish the machine's keys).
            if let Some(link) = link_leading_out(dir) {
                return Err(RenderError::ThemeIo {
                    source: std::io::Error::other(match &link.target {
                        Some(target) => format!(
                            "it is a symbolic link that leads outside the theme folder `{}`, to `{}`; copy what the theme needs into its folder instead of linking to it",
                            dir.display(),
                            target.display()
                        ),
                        None => "it is a symbolic link that points to nothing; remove it, or copy the file into the theme folder".to_string(),
                    }),
                    path: link.path,
                });
            }
            for (name, path) in files_under(&dir.join("templates"))? {
                if !name.ends_with(".html") {
                    continue;
                }
                let text =
                    std::fs::read_to_string(&path).map_err(|source| RenderError::ThemeIo {
                        path: path.clone(),
                        source,
                    })?;
                overridden.insert(name.clone());
                templates.insert(name, text);
            }
            for (name, path) in files_under(&dir.join("static"))? {
                let bytes = std::fs::read(&path).map_err(|source| RenderError::ThemeIo {
                    path: path.clone(),
                    source,
                })?;
                statics.insert(name, bytes);
            }
        }
        // The charts' shared classes follow the stylesheet, whichever theme it comes from.
        if let Some(css) = statics.get_mut("style.css") {
            css.extend_from_slice(crate::chart::stylesheet().as_bytes());
        }
        let mut tera = Tera::new();
        register_filters(
            &mut tera,
            Format::new(Language::Indonesian),
            "/".to_string(),
        );
        tera.add_raw_templates(templates.iter())
            .map_err(|e| RenderError::Template {
                origin: origin(&dir, &overridden),
                message: error_chain(&e),
            })?;
        Ok(Theme {
            templates,
            statics,
            dir,
            overridden,
            tera,
        })
    }

    /// The built-in default theme alone.
    pub fn default_theme() -> Theme {
        Theme::load(None).expect("the built-in theme compiles")
    }

    /// The names of the templates, sorted.
    pub fn template_names(&self) -> impl Iterator<Item = &str> {
        self.templates.keys().map(String::as_str)
    }

    /// The source of a template.
    pub fn source(&self, name: &str) -> Option<&str> {
        self.templates.get(name).map(String::as_str)
    }

    /// The static files: path relative to the output root, and contents.
    pub fn static_files(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.statics.iter().map(|(n, b)| (n.as_str(), b.as_slice()))
    }

    /// A Tera instance for one render: the parsed templates with the filters of the site's
    /// language and base URL.
    pub(crate) fn tera(&self, format: Format, base_url: &str) -> Tera {
        let mut tera = self.tera.clone();
        register_filters(&mut tera, format, base_url.to_string());
        tera
    }

    /// Where a template comes from, for error messages.
    pub(crate) fn origin_of(&self, template: &str) -> String {
        match &self.dir {
            Some(dir) if self.overridden.contains(template) => {
                format!("`{}`", dir.join("templates").join(template).display())
            }
            _ => "the built-in default theme".to_string(),
        }
    }
}

/// A symbolic link under a theme folder that leads outside it (or to nothing).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkOut {
    /// The link, under the folder checked (the folder itself when it is the link).
    pub path: PathBuf,
    /// Where it leads; `None` when it points to nothing.
    pub target: Option<PathBuf>,
}

/// Why the theme folder `tema` names is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ThemeProblem {
    /// A path rather than a folder name: absolute, with `/`, `\`, `..`, hidden, or empty.
    NotAName,
    /// No folder `themes/<tema>` beside the content folder; the folders there are listed.
    Missing { folders: Vec<String> },
    /// `themes/`, the theme folder, or something under it is a link leading outside.
    LinkOut(LinkOut),
}

/// The theme folders a site may name: the folders under `themes/` beside the content folder.
fn themes_folder(content: &Path) -> PathBuf {
    let parent = content.parent().unwrap_or(Path::new("."));
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    parent.join("themes")
}

impl Theme {
    /// The folder `tema` (site.toml) names: `themes/<tema>` beside the content folder, and
    /// nothing under it leading outside. `Ok(None)`: `"default"` with no such folder, the
    /// built-in theme. A theme given on the command line (`--theme`) is not checked here: it
    /// is the user's own choice, and [`Theme::load`] still refuses links leading out of it.
    pub fn site_folder(content: &Path, tema: &str) -> Result<Option<PathBuf>, ThemeProblem> {
        let is_name = !tema.is_empty()
            && !tema.starts_with('.')
            && !tema.contains(['/', '\\', ':', '\0'])
            && Path::new(tema).is_relative();
        if !is_name {
            return Err(ThemeProblem::NotAName);
        }
        let themes = themes_folder(content);
        let dir = themes.join(tema);
        if std::fs::symlink_metadata(&dir).is_err() {
            if tema == "default" {
                return Ok(None);
            }
            let mut folders: Vec<String> = std::fs::read_dir(&themes)
                .into_iter()
                .flatten()
                .flatten()
                .filter(|e| e.path().is_dir())
                .filter_map(|e| e.file_name().to_str().map(str::to_string))
                .filter(|n| !n.starts_with('.'))
                .collect();
            folders.sort();
            return Err(ThemeProblem::Missing { folders });
        }
        // `themes/` may be a link within the repository, the theme folder a link within
        // `themes/`; nothing leads further out.
        let repository = themes.parent().and_then(|p| p.canonicalize().ok());
        let out = |path: &Path, target: Option<PathBuf>| {
            Err(ThemeProblem::LinkOut(LinkOut {
                path: path.to_path_buf(),
                target,
            }))
        };
        let Ok(real_themes) = themes.canonicalize() else {
            return out(&themes, None);
        };
        if repository.is_some_and(|r| !real_themes.starts_with(r)) {
            return out(&themes, Some(real_themes));
        }
        let Ok(real_dir) = dir.canonicalize() else {
            return out(&dir, None);
        };
        if !real_dir.starts_with(&real_themes) || real_dir == real_themes {
            return out(&dir, Some(real_dir));
        }
        if !real_dir.is_dir() {
            return Err(ThemeProblem::Missing {
                folders: Vec::new(),
            });
        }
        match link_leading_out(&dir) {
            Some(link) => Err(ThemeProblem::LinkOut(link)),
            None => Ok(Some(dir)),
        }
    }

    /// The error at `tema` in site.toml when the folder it names is refused
    /// ([`Theme::site_folder`]); `capaian check` reports it, and nothing is built.
    pub fn check_site_folder(
        content: &Path,
        report: &crate::model::Report,
        sources: &crate::model::Sources,
    ) -> Option<crate::finding::Finding> {
        use crate::finding::{Finding, did_you_mean, say};
        if !report.site_read {
            return None;
        }
        let site = &report.site;
        let tema = site.theme.as_str();
        let problem = Theme::site_folder(content, tema).err()?;
        let language = site.language;
        let file = site.file;
        let span = top_level_value_span(&sources.get(file).text, "tema").unwrap_or(0..0);
        // Paths as the editor sees them: beside the content folder.
        let shown = |path: &Path| {
            let themes = themes_folder(content);
            let relative = path
                .strip_prefix(themes.parent().unwrap_or(Path::new(".")))
                .unwrap_or(path);
            relative.display().to_string().replace('\\', "/")
        };
        let last = Path::new(tema)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .filter(|n| !n.starts_with('.') && !n.is_empty())
            .unwrap_or_else(|| "nama-tema".to_string());
        let finding = match problem {
            ThemeProblem::NotAName => Finding::error(say(
                language,
                format!("`tema` harus nama folder di bawah themes/ di samping folder content, bukan jalur: `{tema}`"),
                format!("`tema` must name a folder under themes/ beside the content folder, not a path: `{tema}`"),
            ))
            .label(say(language, "bukan nama folder", "not a folder name"))
            .help(say(
                language,
                format!("letakkan tema di themes/{last}/ dan tulis `tema = \"{last}\"`; atau hapus `tema` untuk tema bawaan (tema di luar repositori hanya lewat `--theme`)"),
                format!("put the theme in themes/{last}/ and write `tema = \"{last}\"`; or remove `tema` for the built-in theme (a theme outside the repository only with `--theme`)"),
            )),
            ThemeProblem::Missing { folders } => {
                let hint = match did_you_mean(tema, folders.iter().map(String::as_str)) {
                    Some(near) => say(
                        language,
                        format!("mungkin maksudnya `tema = \"{near}\"`; atau buat folder themes/{tema}/ berisi templates/ dan static/, atau hapus `tema` untuk tema bawaan"),
                        format!("did you mean `tema = \"{near}\"`? Or create themes/{tema}/ with templates/ and static/, or remove `tema` for the built-in theme"),
                    ),
                    None => say(
                        language,
                        format!("buat folder themes/{tema}/ berisi templates/ dan static/, atau hapus `tema` untuk tema bawaan"),
                        format!("create themes/{tema}/ with templates/ and static/, or remove `tema` for the built-in theme"),
                    ),
                };
                Finding::error(say(
                    language,
                    format!("tidak ada folder tema `themes/{tema}` di samping folder content"),
                    format!("there is no theme folder `themes/{tema}` beside the content folder"),
                ))
                .label(say(language, "folder tidak ada", "no such folder"))
                .help(hint)
            }
            ThemeProblem::LinkOut(link) => {
                let path = shown(&link.path);
                let (id, en) = match &link.target {
                    Some(target) => (
                        format!("`{path}` adalah tautan simbolik yang mengarah ke luar folder tema (ke `{}`): isinya akan diterbitkan", target.display()),
                        format!("`{path}` is a symbolic link that leads outside the theme folder (to `{}`): what it holds would be published", target.display()),
                    ),
                    None => (
                        format!("`{path}` adalah tautan simbolik yang tidak mengarah ke apa pun"),
                        format!("`{path}` is a symbolic link that points to nothing"),
                    ),
                };
                Finding::error(say(language, id, en))
                    .label(say(language, "tema ini", "this theme"))
                    .help(say(
                        language,
                        "salin berkas yang dibutuhkan tema ke dalam foldernya, jangan ditautkan: tema menerbitkan isi static/ apa adanya",
                        "copy what the theme needs into its folder instead of linking to it: a theme publishes its static/ as it is",
                    ))
            }
        };
        Some(finding.at(file, span))
    }
}

/// The first symbolic link under `dir` (or `dir` itself, or its `templates` and `static`)
/// that leads outside `dir` or points to nothing; `None` when there is none.
pub fn link_leading_out(dir: &Path) -> Option<LinkOut> {
    let root = match dir.canonicalize() {
        Ok(root) => root,
        Err(_) => {
            return Some(LinkOut {
                path: dir.to_path_buf(),
                target: None,
            });
        }
    };
    for entry in walkdir::WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .flatten()
    {
        if !entry.path_is_symlink() || entry.depth() == 0 {
            continue;
        }
        match entry.path().canonicalize() {
            Ok(target) if target.starts_with(&root) => {}
            target => {
                return Some(LinkOut {
                    path: entry.path().to_path_buf(),
                    target: target.ok(),
                });
            }
        }
    }
    None
}

/// The span of the value of a top-level key in a TOML text.
fn top_level_value_span(text: &str, key: &str) -> Option<std::ops::Range<usize>> {
    let table = toml::de::DeTable::parse(text).ok()?;
    let (_, value) = table.get_ref().iter().find(|(k, _)| k.get_ref() == key)?;
    Some(value.span())
}

fn origin(dir: &Option<PathBuf>, overridden: &BTreeSet<String>) -> String {
    match dir {
        Some(dir) if !overridden.is_empty() => format!(
            "`{}` (over the built-in default theme)",
            dir.join("templates").display()
        ),
        _ => "the built-in default theme".to_string(),
    }
}

/// Every file under `root` with its path relative to `root` (forward slashes), sorted.
fn files_under(root: &Path) -> Result<Vec<(String, PathBuf)>, RenderError> {
    if !root.is_dir() {
        return Ok(Vec::new());
    }
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
        let entry = entry.map_err(|e| RenderError::ThemeIo {
            path: e
                .path()
                .map_or_else(|| root.to_path_buf(), Path::to_path_buf),
            source: e
                .into_io_error()
                .unwrap_or_else(|| std::io::Error::other("file system loop")),
        })?;
        // Links were checked to stay inside the theme ([`link_leading_out`]).
        let is_file =
            entry.file_type().is_file() || (entry.path_is_symlink() && entry.path().is_file());
        if !is_file {
            continue;
        }
        let relative = entry.path().strip_prefix(root).unwrap_or(entry.path());
        let name = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        // Editor backups and hidden files are not part of a theme.
        if name.split('/').any(|part| part.starts_with('.')) || name.ends_with('~') {
            continue;
        }
        files.push((name, entry.path().to_path_buf()));
    }
    Ok(files)
}

/// The message of an error and of its sources.
pub(crate) fn error_chain(error: &dyn std::error::Error) -> String {
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(e) = source {
        message.push_str(": ");
        message.push_str(&e.to_string());
        source = e.source();
    }
    message
}

fn register_filters(tera: &mut Tera, format: Format, base_url: String) {
    tera.register_filter(
        "angka",
        move |value: Value, kwargs: Kwargs, _: &State| -> TeraResult<String> {
            let decimals = kwargs.get::<usize>("desimal")?.unwrap_or(2);
            let fixed = kwargs.get::<bool>("tetap")?.unwrap_or(false);
            if let Some(word) = value.as_str() {
                return Ok(word.to_string());
            }
            // A range target (`stabil`): {"min": …, "maks": …}.
            if let Some(range) = value.as_map() {
                let bound = |key: &'static str| -> TeraResult<String> {
                    let v = range.get(&key.into()).cloned().unwrap_or(Value::none());
                    Ok(number(&v, "angka")?
                        .map_or_else(|| DASH.to_string(), |x| format.number(x, decimals)))
                };
                return Ok(format!("{}–{}", bound("min")?, bound("maks")?));
            }
            Ok(match number(&value, "angka")? {
                None => DASH.to_string(),
                Some(x) if fixed => format.fixed(x, decimals),
                Some(x) => format.number(x, decimals),
            })
        },
    );
    tera.register_filter(
        "persen",
        move |value: Value, kwargs: Kwargs, _: &State| -> TeraResult<String> {
            let decimals = kwargs.get::<usize>("desimal")?.unwrap_or(2);
            Ok(number(&value, "persen")?
                .map_or_else(|| DASH.to_string(), |x| format.percent_with(x, decimals)))
        },
    );
    tera.register_filter(
        "poin",
        move |value: Value, _: Kwargs, _: &State| -> TeraResult<String> {
            Ok(number(&value, "poin")?.map_or_else(|| DASH.to_string(), |x| format.points(x)))
        },
    );
    tera.register_filter(
        "rupiah",
        move |value: Value, _: Kwargs, _: &State| -> TeraResult<String> {
            if let Some(whole) = value.as_i128() {
                return Ok(format.rupiah_whole(whole));
            }
            Ok(number(&value, "rupiah")?.map_or_else(|| DASH.to_string(), |x| format.rupiah(x)))
        },
    );
    tera.register_filter(
        "tanggal",
        move |value: Value, _: Kwargs, _: &State| -> TeraResult<String> {
            if value.is_none() || value.is_undefined() {
                return Ok(DASH.to_string());
            }
            match value.as_str() {
                Some(text) => Ok(format.date_text(text)),
                None => Err(tera::Error::message(format!(
                    "the `tanggal` filter formats a date written as \"YYYY-MM-DD\", not a {}",
                    value.name()
                ))),
            }
        },
    );
    tera.register_filter(
        "markdown",
        move |value: Value, kwargs: Kwargs, _: &State| -> TeraResult<Value> {
            let offset = kwargs.get::<usize>("geser")?.unwrap_or(0);
            if value.is_none() || value.is_undefined() {
                return Ok(Value::safe_string(""));
            }
            let text = value.as_str().ok_or_else(|| {
                tera::Error::message(format!(
                    "the `markdown` filter renders text, not a {}",
                    value.name()
                ))
            })?;
            // Safe: the renderer escapes raw HTML and drops script URLs.
            Ok(Value::safe_string(
                &Markdown {
                    base_url: &base_url,
                    heading_offset: offset,
                }
                .to_html(text),
            ))
        },
    );
}

/// The number in a filter's input; `None` for `null`.
fn number(value: &Value, filter: &str) -> TeraResult<Option<f64>> {
    if value.is_none() || value.is_undefined() {
        return Ok(None);
    }
    value.as_f64().map(Some).ok_or_else(|| {
        tera::Error::message(format!(
            "the `{filter}` filter formats a number, not a {}",
            value.name()
        ))
    })
}
