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
use crate::render::RenderError;
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
    "page.html",
    "cetak.html",
    "sop.html",
    "formulir.html",
    "partials/summary.html",
    "partials/indicator_table.html",
    "partials/budget_table.html",
    "partials/approval.html",
    "partials/stale.html",
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
        if !entry.file_type().is_file() {
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
