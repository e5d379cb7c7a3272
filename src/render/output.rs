//! The writer every page goes through: which files a render produces ([`Wanted`]), the
//! template rendering with each page's reader data, and the hand-over of each file to the
//! sink, refusing two files at one path.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;
use tera::{Context, Tera};

use crate::render::error::RenderError;
use crate::render::view::PageMeta;
use crate::render::{compact, nav, theme};
use crate::route::Route;
use crate::write::OutputFile;

use crate::render::theme::Theme;

/// Where [`render`] hands each file as soon as it is rendered, from any thread.
pub type Sink<'a> = dyn Fn(OutputFile) -> Result<(), RenderError> + Sync + 'a;

/// Which files a render produces.
pub(crate) enum Wanted<'p> {
    /// Every file of the site (a build).
    All,
    /// The file at this path only (a page on demand); the pages that list every page are not
    /// rendered.
    One(&'p str),
}

impl Wanted<'_> {
    pub(crate) fn wants(&self, path: &str) -> bool {
        match self {
            Wanted::All => true,
            Wanted::One(wanted) => *wanted == path,
        }
    }

    /// Whether the page at `url` (under `base`) is rendered: only pages need a description.
    pub(crate) fn wants_url(&self, base: &str, url: &str) -> bool {
        match self {
            Wanted::All => true,
            Wanted::One(path) => url.strip_prefix(base) == path.strip_suffix("index.html"),
        }
    }

    /// Whether the view of `year` is needed: by its own pages and exports, and by the
    /// dashboard, which sums up every year.
    pub(crate) fn needs_year(&self, year: i32) -> bool {
        let Wanted::One(path) = self else {
            return true;
        };
        // The dashboard, anything under the year's folder (pages, charts) and its exports; a
        // trend chart is drawn by the indicator's pages, whose year its path does not say.
        *path == Route::Home.path()
            || path.split('/').next() == Some(year.to_string().as_str())
            || matches!(Route::parse(path), Some(Route::Export { year: y, .. }) if y == year)
            || matches!(Route::parse(path), Some(Route::TrendChart { .. }))
    }
}

/// Runs `render` on every item on all cores. Every item is rendered; the error returned is the
/// first in the items' order, so that a broken template names the same page on every run.
fn in_parallel<T: Sync>(
    items: &[T],
    render: impl Fn(usize, &T) -> Result<(), RenderError> + Sync,
) -> Result<(), RenderError> {
    let results: Vec<Result<(), RenderError>> = items
        .par_iter()
        .enumerate()
        .map(|(i, item)| render(i, item))
        .collect();
    results.into_iter().collect()
}

/// Hands the rendered files to the sink, refusing two files at one path. Shared by the
/// threads that render pages in parallel.
pub(crate) struct Output<'a> {
    pub(crate) tera: Tera,
    pub(crate) theme: &'a Theme,
    pub(crate) sink: &'a Sink<'a>,
    /// Path → what was written there, for the collision message.
    pub(crate) written: Mutex<BTreeMap<String, String>>,
    /// Path → SHA-256 of every file of a whole render, for the years' manifests.
    pub(crate) hashes: Mutex<BTreeMap<String, String>>,
    /// The year switcher, descriptions and sharing tags of every page (`reader`).
    pub(crate) reader: nav::Reader,
    /// Every page rendered so far, for the site map and the search index.
    pub(crate) pages: Mutex<Vec<nav::WrittenPage>>,
    /// The files to render; a page not wanted is skipped before its view is built.
    pub(crate) wanted: &'a Wanted<'a>,
    /// Once set, no file is wanted any more.
    pub(crate) cancel: Option<&'a AtomicBool>,
    /// Each file several pages share ([`Output::shared_file`]) → the years whose pages show
    /// it, so that each of those years' manifests seals it.
    pub(crate) shown_by: Mutex<BTreeMap<String, BTreeSet<i32>>>,
}

impl Output<'_> {
    /// Runs `render` on every item: on all cores for a whole render ([`in_parallel`]), on this
    /// thread for one file, whose items but one return at once.
    pub(crate) fn each<T: Sync>(
        &self,
        items: &[T],
        render: impl Fn(usize, &T) -> Result<(), RenderError> + Sync,
    ) -> Result<(), RenderError> {
        match self.wanted {
            Wanted::All => in_parallel(items, render),
            Wanted::One(_) => items
                .iter()
                .enumerate()
                .try_for_each(|(i, item)| render(i, item)),
        }
    }

    /// Whether the file at `path` is rendered: callers ask before building its view.
    pub(crate) fn wants(&self, path: &str) -> bool {
        !self.cancelled() && self.wanted.wants(path)
    }

    /// The file of `route` when it is rendered, else `None`: pages ask before building their
    /// view.
    pub(crate) fn wanted(&self, route: &crate::route::Route) -> Option<String> {
        let path = route.path();
        self.wants(&path).then_some(path)
    }

    pub(crate) fn cancelled(&self) -> bool {
        self.cancel.is_some_and(|c| c.load(Ordering::Relaxed))
    }

    pub(crate) fn page(
        &self,
        template: &str,
        path: &str,
        meta: PageMeta,
        mut context: Context,
    ) -> Result<(), RenderError> {
        if !self.wants(path) {
            return Ok(());
        }
        let what = format!("the page \"{}\"", meta.title);
        self.add_reader(&meta, &mut context);
        context.insert("page", &meta);
        let html = self
            .tera
            .render(template, &context)
            .map_err(|e| RenderError::Render {
                template: template.to_string(),
                page: path.to_string(),
                origin: self.theme.origin_of(template),
                message: theme::error_chain(&e),
            })?;
        self.file(path.to_string(), html.into_bytes(), &what)
    }

    /// Gives a page its `reader` (year switcher, description, sharing tags, downloads) and
    /// notes it for the site map and the search index.
    pub(crate) fn add_reader(&self, meta: &PageMeta, context: &mut Context) {
        context.insert("reader", &self.reader.for_page(meta));
        self.pages
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(nav::WrittenPage {
                url: meta.url.clone(),
                title: meta.title.clone(),
                kind: meta.kind,
                year: meta.year,
            });
    }

    pub(crate) fn file(
        &self,
        path: String,
        contents: Vec<u8>,
        what: &str,
    ) -> Result<(), RenderError> {
        self.write(path, contents, what, false)
    }

    /// A file that several pages share, whose path names its bytes (a trend chart, keyed by
    /// its hash), shown by a page of `year`: the first page to hand it over writes it, the
    /// others' copies are dropped.
    pub(crate) fn shared_file(
        &self,
        path: String,
        contents: Vec<u8>,
        what: &str,
        year: i32,
    ) -> Result<(), RenderError> {
        self.shown_by
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(path.clone())
            .or_default()
            .insert(year);
        self.write(path, contents, what, true)
    }

    /// The shared files the pages of `year` show.
    pub(crate) fn shared_files_of(&self, year: i32) -> BTreeSet<String> {
        self.shown_by
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .filter(|(_, years)| years.contains(&year))
            .map(|(path, _)| path.clone())
            .collect()
    }

    fn write(
        &self,
        path: String,
        contents: Vec<u8>,
        what: &str,
        shared: bool,
    ) -> Result<(), RenderError> {
        if !self.wants(&path) {
            return Ok(());
        }
        let contents = if path.ends_with(".html") {
            compact::compact_html(&contents)
        } else {
            contents
        };
        {
            let mut written = self.written.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(first) = written.get(&path) {
                if shared {
                    return Ok(());
                }
                return Err(RenderError::Collision {
                    path,
                    first: first.clone(),
                    second: what.to_string(),
                });
            }
            written.insert(path.clone(), what.to_string());
        }
        if let Wanted::All = self.wanted {
            let hash = crate::evidence::sha256_hex(&contents);
            self.hashes
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(path.clone(), hash);
        }
        (self.sink)(OutputFile {
            path: PathBuf::from(path),
            contents,
        })
    }
}
