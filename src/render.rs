//! Rendering: the loaded [`Report`], its [`Computed`] values and the validation findings into
//! the files of the site.
//!
//! One Tera instance is prepared per render (the theme's parsed templates with the filters of
//! the site's language); every page is rendered from a context built from plain serde structs
//! ([`view`]), so the same input gives byte-identical output. The globals every template sees:
//! `site`, `labels` (the UI words of the site's `bahasa`, [`labels`]), `nav` and `scale`; each
//! page adds `page` (kind, title, url, breadcrumbs, year, draft, prev, next) and its data:
//!
//! | output | template | data |
//! |---|---|---|
//! | `index.html` | `index.html` | `dashboard` ([`view::DashboardView`]) |
//! | `<year>/index.html` | `year.html` | `year` ([`view::YearView`]) |
//! | `<year>/pk/<id>/index.html` | `pk.html` | `pk` ([`view::PkView`]) |
//! | `<year>/indikator/<id>/index.html` | `indicator.html` | `indicator` ([`view::IndicatorPageView`]) |
//! | `<year>/validasi/index.html` | `validation.html` | `findings` ([`view::FindingView`]s), `counts` |
//! | `<year>/evaluasi/index.html` | `evaluasi.html` | `evaluasi` ([`view::evaluation::EvaluasiView`]; internal edition) |
//! | `<year>/cetak/index.html` | `cetak.html` | `cetak` ([`cetak::CetakView`]), `year`, `charts` |
//! | `<year>/formulir/<pk>/tw<q>/index.html` | `formulir.html` | `formulir` ([`forms::FormulirView`]) |
//! | `sop/index.html` | `sop.html` | `sop` ([`sop::SopPageView`]) |
//! | `<slug>/index.html` | `page.html` | `content` (HTML), `starts_with_title` |
//! | `<year>/<slug>/index.html` | `page.html` | the same, for a page of the year's narrative |
//! | `data/<year>.json`, `.csv` | – | [`export::YearExport`] |
//!
//! plus the theme's static files at the root.

pub mod cetak;
pub mod charts;
pub mod compact;
pub mod export;

pub mod forms;
pub mod labels;
mod lookup;
pub mod markdown;
mod narrative;
pub mod nav;
pub mod search;
pub mod sop;
mod theme;
pub mod view;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{LazyLock, Mutex};
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use serde::Serialize;
use tera::{Context, Tera};

use crate::compute::Computed;
use crate::finding::{Located, Severity};
use crate::model::Report;
use crate::provenance::Provenance;
use crate::route::{ExportFormat, Route};

pub use crate::write::OutputFile;
pub use theme::Theme;

use crate::format::Format;
use labels::Labels;
use lookup::YearData;
use view::{Crumb, Link, PageMeta, Views};

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("cannot read the theme file `{}`: {source}; check that the theme folder and its files are readable", path.display())]
    ThemeIo {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "a template of {origin} does not compile:\n{message}\nhelp: fix the template named above, or delete it from the theme folder to use the built-in one"
    )]
    Template {
        /// The theme the templates come from.
        origin: String,
        message: String,
    },
    #[error(
        "cannot render `{page}` with the template `{template}` from {origin}:\n{message}\nhelp: fix the template (the variables each template gets are listed in the docs of capaian::render), or delete it from the theme folder to use the built-in one"
    )]
    Render {
        template: String,
        page: String,
        origin: String,
        message: String,
    },
    #[error(
        "two files would be written to `{path}`: {first}, and {second}; rename one of them (a page's file name is its URL)"
    )]
    Collision {
        path: String,
        first: String,
        second: String,
    },
    #[error("cannot export the data of {year} as JSON: {source}")]
    Json {
        year: i32,
        source: serde_json::Error,
    },
    /// The render was cancelled ([`Input::cancel`]): a newer change replaced it.
    #[error("the build was cancelled: a newer change replaced it")]
    Cancelled,
    /// A rendered file could not be written ([`render`]).
    #[error(transparent)]
    Write(#[from] crate::write::WriteError),
}

/// Where [`render`] hands each file as soon as it is rendered, from any thread.
pub type Sink<'a> = dyn Fn(OutputFile) -> Result<(), RenderError> + Sync + 'a;

/// Renders every page, export and static file of the site into `sink`, as soon as each is
/// rendered. Pages are rendered in parallel, so files arrive in no particular order; what
/// each file holds does not depend on the order. Nothing is kept once handed over, so that
/// a large site is never whole in memory. With [`Input::provenance`], shows who committed
/// each realisation (internal edition) and flags the approved years whose data changed after
/// their approval (both editions).
pub fn render(input: &Input<'_>, sink: &Sink<'_>) -> Result<(), RenderError> {
    render_files(input, &Wanted::All, sink)
}

/// [`render`] into memory: every file of the site, sorted by path (tests, small sites).
pub fn to_vec(input: &Input<'_>) -> Result<Vec<OutputFile>, RenderError> {
    let files = Mutex::new(Vec::new());
    render(input, &|file| {
        files.lock().unwrap_or_else(|e| e.into_inner()).push(file);
        Ok(())
    })?;
    let mut files = files.into_inner().unwrap_or_else(|e| e.into_inner());
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// Everything a render reads.
pub struct Input<'a> {
    pub report: &'a Report,
    pub computed: &'a Computed,
    pub findings: &'a [Located],
    pub provenance: &'a Provenance,
    pub theme: &'a Theme,
    /// The text of every file: explanations name the file and line of each value.
    pub sources: Option<&'a crate::model::Sources>,
    /// The evidence files the realisations cite, copied into the site.
    pub evidence: Option<&'a crate::evidence::Evidence>,
    /// The hashed inputs and the commit, sealed in each year's manifest; without them no
    /// manifest is written.
    pub inputs: Option<&'a crate::seal::Inputs>,
    /// Per year, the values changed since its approval (the internal edition's change page).
    pub changes: Option<&'a BTreeMap<i32, crate::changes::YearChanges>>,
    /// Set from another thread to stop a render: the pages not started yet are skipped, and
    /// the render returns [`RenderError::Cancelled`].
    pub cancel: Option<&'a AtomicBool>,
}

impl<'a> Input<'a> {
    /// What a render of `report` reads when nothing else is known: no commits, no source
    /// texts, no evidence files, no seal, no changes since approval, no cancel.
    pub fn new(
        report: &'a Report,
        computed: &'a Computed,
        findings: &'a [Located],
        theme: &'a Theme,
    ) -> Input<'a> {
        static NO_PROVENANCE: LazyLock<Provenance> = LazyLock::new(Provenance::default);
        Input {
            report,
            computed,
            findings,
            provenance: &NO_PROVENANCE,
            theme,
            sources: None,
            evidence: None,
            inputs: None,
            changes: None,
            cancel: None,
        }
    }
}

/// Renders the one file at `path` (relative to the output folder, with `/`: `index.html`,
/// `2025/indikator/ipg/index.html`, `data/2025.json`) exactly as [`render`] writes
/// it, without rendering any other page: what `serve` answers while the whole site is
/// written in the background. `None` when no file has that path, and for the files that list
/// every page (the site map, `sitemap.xml`, the search index), which only a whole render
/// gives.
pub fn render_one(input: &Input<'_>, path: &str) -> Result<Option<OutputFile>, RenderError> {
    if nav::lists_every_page(path) {
        return Ok(None);
    }
    let found = Mutex::new(None);
    render_files(input, &Wanted::One(path), &|file| {
        *found.lock().unwrap_or_else(|e| e.into_inner()) = Some(file);
        Ok(())
    })?;
    Ok(found.into_inner().unwrap_or_else(|e| e.into_inner()))
}

/// Which files a render produces.
enum Wanted<'p> {
    /// Every file of the site (a build).
    All,
    /// The file at this path only (a page on demand); the pages that list every page are not
    /// rendered.
    One(&'p str),
}

impl Wanted<'_> {
    fn wants(&self, path: &str) -> bool {
        match self {
            Wanted::All => true,
            Wanted::One(wanted) => *wanted == path,
        }
    }

    /// Whether the page at `url` (under `base`) is rendered: only pages need a description.
    fn wants_url(&self, base: &str, url: &str) -> bool {
        match self {
            Wanted::All => true,
            Wanted::One(path) => url.strip_prefix(base) == path.strip_suffix("index.html"),
        }
    }

    /// Whether the view of `year` is needed: by its own pages and exports, and by the
    /// dashboard, which sums up every year.
    fn needs_year(&self, year: i32) -> bool {
        let Wanted::One(path) = self else {
            return true;
        };
        // The dashboard, anything under the year's folder (pages, charts) and its exports.
        *path == Route::Home.path()
            || path.split('/').next() == Some(year.to_string().as_str())
            || matches!(Route::parse(path), Some(Route::Export { year: y, .. }) if y == year)
    }
}

fn render_files(
    input: &Input<'_>,
    wanted: &Wanted<'_>,
    sink: &Sink<'_>,
) -> Result<(), RenderError> {
    let Input {
        report,
        computed,
        findings,
        provenance,
        theme,
        sources,
        evidence,
        inputs,
        changes,
        cancel,
    } = *input;
    let labels = Labels::new(report.site.language);
    let views = Views::new(report, &labels)
        .with_provenance(provenance, computed)
        .with_sources(sources)
        .with_evidence(evidence);
    let years = lookup::years(report, computed);
    let mut tera = theme.tera(Format::new(report.site.language), &views.base);
    {
        let globals = tera.global_context();
        globals.insert("site", &views.site());
        globals.insert("labels", &labels);
        globals.insert("nav", &views.nav(&years));
        globals.insert("scale", &views.scale());
    }
    // The views of the years whose pages are rendered: every year for a whole render or the
    // dashboard, one year for one of its pages (serve, on demand).
    let year_views: Vec<view::YearView> = years
        .iter()
        .filter(|y| wanted.needs_year(y.year))
        .map(|y| {
            let mut view = views.year(y, findings);
            if views.internal() && changes.is_some_and(|c| c.contains_key(&y.year)) {
                view.url_perubahan = Some(views.route_url(&Route::Changes(y.year)));
            }
            if views.internal() && y.result.is_some() {
                view.url_evaluasi = Some(views.route_url(&Route::Evaluation(y.year)));
            }
            view
        })
        .collect();
    let quotes = narrative::Quotes::new(&views, &years, &year_views);
    let static_names: Vec<&str> = theme.static_files().map(|(name, _)| name).collect();
    let described = |url: &str| wanted.wants_url(&views.base, url);
    let mut out = Output {
        tera,
        theme,
        sink,
        written: Mutex::new(BTreeMap::new()),
        hashes: Mutex::new(BTreeMap::new()),
        reader: nav::Reader::new(&views, &years, &year_views, &static_names, &described),
        pages: Mutex::new(Vec::new()),
        wanted,
        cancel,
    };

    render_dashboard(&out, &views, &years, &year_views)?;
    // Years in parallel, and beside them the printed reports one at a time: a printed report
    // holds a whole year, and on a large report its template context and page reach a hundred
    // megabytes, so that two at once would double the peak memory (README, Performance).
    // Each year with its place among all years, for the links to the next and previous.
    let year_pages: Vec<(usize, &YearData<'_>, &view::YearView)> = year_views
        .iter()
        .filter_map(|v| {
            let i = years.iter().position(|y| y.year == v.tahun)?;
            Some((i, &years[i], v))
        })
        .collect();
    let printed = || {
        year_pages.iter().try_for_each(|&(_, data, year_view)| {
            cetak::render_cetak(&out, &views, &quotes, data, year_view)
        })
    };
    let year_pages_of = |_, &(i, data, year_view): &(usize, &YearData<'_>, &view::YearView)| {
        let neighbour = |j: Option<usize>| {
            j.and_then(|j| years.get(j)).map(|y| Link {
                label: format!("{} {}", labels.get("laporan_kinerja"), y.year),
                url: views.year_url(y.year),
            })
        };
        render_year(
            &out,
            &views,
            data,
            year_view,
            neighbour(i.checked_sub(1)),
            neighbour(Some(i + 1)),
        )?;
        narrative::render_year_pages(&out, &views, &quotes, data, year_view)?;
        // The findings and the request forms are the agency's working papers.
        if views.internal() {
            render_validation(&out, &views, data, findings)?;
            render_evaluation(&out, &views, data)?;
            if let Some(changed) = changes.and_then(|c| c.get(&data.year)) {
                render_changes(&out, &views, data, changed)?;
            }
            forms::render_year(&out, &views, data, &year_view.pk, !year_view.disetujui)?;
        }
        let export = |format| {
            Route::Export {
                year: data.year,
                format,
            }
            .path()
        };
        let (json_path, csv_path) = (export(ExportFormat::Json), export(ExportFormat::Csv));
        if !out.wants(&json_path) && !out.wants(&csv_path) {
            return Ok(());
        }
        let export = export::build(data);
        let json = export::to_json(&export).map_err(|source| RenderError::Json {
            year: data.year,
            source,
        })?;
        out.file(json_path, json, "the JSON export")?;
        out.file(
            csv_path,
            export::to_csv(&export).into_bytes(),
            "the CSV export",
        )
    };
    let (printed, pages) = match wanted {
        Wanted::All => rayon::join(printed, || out.each(&year_pages, year_pages_of)),
        // One file: no other thread is needed, nor taken from a pool a build keeps busy.
        Wanted::One(_) => (printed(), out.each(&year_pages, year_pages_of)),
    };
    pages?;
    printed?;
    sop::render_page(&mut out, &views, &years)?;
    for page in view::sorted_pages(report) {
        let path = Route::SitePage {
            slug: page.slug.clone(),
        }
        .path();
        if !out.wants(&path) {
            continue;
        }
        let html = views.markdown(0).to_html(&quotes.expand(page, None));
        let meta = PageMeta {
            kind: "page",
            title: page.front.title.clone(),
            url: views.page_url(&page.slug),
            breadcrumbs: vec![home(&views), crumb(&page.front.title, None)],
            year: None,
            draft: false,
            prev: None,
            next: None,
        };
        let mut context = Context::new();
        context.insert("content", &html);
        context.insert(
            "starts_with_title",
            &page.body.trim_start().starts_with("# "),
        );
        out.page("page.html", &path, meta, context)?;
    }
    // Last: the site map and the search index list every page written above.
    if out.cancelled() {
        return Err(RenderError::Cancelled);
    }
    if let Wanted::All = wanted {
        nav::render_sitemap_and_index(&out, &views, &year_views)?;
    }
    for (name, bytes) in theme.static_files() {
        out.file(
            name.to_string(),
            bytes.to_vec(),
            "a static file of the theme",
        )?;
    }
    for path in views.published_evidence() {
        if let Some(bytes) = evidence.and_then(|e| e.contents(&path)) {
            out.file(
                crate::evidence::output_path(&path),
                bytes.to_vec(),
                "an evidence file",
            )?;
        }
    }
    // The seal of each year, once every file of it is written.
    if let (Wanted::All, Some(inputs)) = (wanted, inputs) {
        for data in &years {
            let manifest = seal_year(&out, &views, inputs, data);
            let json =
                serde_json::to_vec_pretty(&manifest).map_err(|source| RenderError::Json {
                    year: data.year,
                    source,
                })?;
            out.file(
                crate::seal::manifest_path(data.year),
                json,
                "the year's manifest",
            )?;
        }
    }
    // Checked last: a file skipped because of the cancel must not pass for a whole site.
    if out.cancelled() {
        return Err(RenderError::Cancelled);
    }
    Ok(())
}

/// `data/<year>.manifest.json`: the commit, the approval run, and the SHA-256 of every input
/// feeding the year and of every output file of the year written so far.
fn seal_year(
    out: &Output<'_>,
    views: &Views<'_>,
    inputs: &crate::seal::Inputs,
    data: &YearData<'_>,
) -> crate::seal::Manifest {
    let evidence_outputs: Vec<String> = views
        .published_evidence()
        .iter()
        .filter(|path| {
            data.model
                .realisations
                .values()
                .flat_map(|r| &r.entries)
                .any(|e| e.evidence.iter().any(|p| p.as_str() == path.as_str()))
        })
        .map(|p| crate::evidence::output_path(p))
        .collect();
    let keluaran = out
        .hashes
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .iter()
        .filter(|(path, _)| crate::seal::is_output_of(path, data.year, &evidence_outputs))
        .map(|(path, hash)| crate::seal::Sealed {
            berkas: path.clone(),
            sha256: hash.clone(),
        })
        .collect();
    let approval = data.result.map(|r| &r.approval);
    let signed = approval.and_then(|a| a.signed());
    crate::seal::Manifest {
        tahun: data.year,
        commit: inputs.commit.clone(),
        perubahan_belum_dicommit: approval
            .and_then(|a| a.stale.as_ref())
            .is_some_and(|s| !s.uncommitted.is_empty()),
        persetujuan: crate::seal::ApprovalSeal {
            status: approval.map_or("draft", |a| a.status()).to_string(),
            putaran: signed.map(|s| s.run.round),
            tanggal: signed.map(|s| s.date.to_string()),
            penandatangan: signed.map(|s| {
                views
                    .report
                    .official(&s.signer)
                    .map_or_else(|| s.signer.clone(), |o| o.name.clone())
            }),
            nomor_surat: signed.and_then(|s| s.letter_number.clone()),
        },
        masukan: inputs.of_year(views.report, data.year),
        keluaran,
    }
}

fn render_dashboard(
    out: &Output<'_>,
    views: &Views<'_>,
    years: &[YearData<'_>],
    year_views: &[view::YearView],
) -> Result<(), RenderError> {
    let path = Route::Home.path();
    if !out.wants(&path) {
        return Ok(());
    }
    let latest = years.last();
    let dashboard = view::DashboardView {
        terbaru: year_views.last().cloned(),
        tahun: year_views
            .iter()
            .rev()
            .map(|y| views.year_summary(y))
            .collect(),
    };
    let meta = PageMeta {
        kind: "dashboard",
        title: views.report.site.title.clone(),
        url: views.base.clone(),
        breadcrumbs: vec![home(views)],
        year: latest.map(|y| y.year),
        draft: latest.is_some_and(|y| !y.approved(views.report)),
        prev: None,
        next: None,
    };
    let mut context = Context::new();
    context.insert("dashboard", &dashboard);
    context.insert(
        "charts",
        &latest.map(|y| views.charts.year(y)).unwrap_or_default(),
    );
    out.page("index.html", &path, meta, context)
}

fn render_year(
    out: &Output<'_>,
    views: &Views<'_>,
    data: &YearData<'_>,
    year_view: &view::YearView,
    prev: Option<Link>,
    next: Option<Link>,
) -> Result<(), RenderError> {
    let labels = views.labels;
    let draft = !year_view.disetujui;
    let year_crumb = crumb(&data.year.to_string(), Some(views.year_url(data.year)));
    let meta = PageMeta {
        kind: "year",
        title: format!("{} {}", labels.get("laporan_kinerja"), data.year),
        url: views.year_url(data.year),
        breadcrumbs: vec![home(views), crumb(&data.year.to_string(), None)],
        year: Some(data.year),
        draft,
        prev,
        next,
    };
    let path = Route::Year(data.year).path();
    if out.wants(&path) {
        let mut context = Context::new();
        context.insert("year", year_view);
        context.insert("charts", &views.charts.year(data));
        out.page("year.html", &path, meta, context)?;
    }

    let pks = &year_view.pk;
    let ordered = &data.ordered;
    let pk_pages: Vec<_> = ordered.iter().zip(pks).collect();
    out.each(&pk_pages, |i, &(pk, pk_view)| {
        let path = Route::Pk {
            year: data.year,
            pk: pk.id.to_string(),
        }
        .path();
        if !out.wants(&path) {
            return Ok(());
        }
        let pk_link = |j: Option<usize>| {
            j.and_then(|j| pks.get(j)).map(|p| Link {
                label: p.pejabat.jabatan.clone(),
                url: p.url.clone(),
            })
        };
        let meta = PageMeta {
            kind: "pk",
            title: format!(
                "{} {} {}",
                labels.get("perjanjian_kinerja"),
                pk_view.pejabat.jabatan,
                data.year
            ),
            url: pk_view.url.clone(),
            breadcrumbs: vec![
                home(views),
                year_crumb.clone(),
                crumb(&pk_view.pejabat.jabatan, None),
            ],
            year: Some(data.year),
            draft,
            prev: pk_link(i.checked_sub(1)),
            next: pk_link(Some(i + 1)),
        };
        let mut context = Context::new();
        context.insert("pk", pk_view);
        context.insert("charts", &views.charts.pk(data, pk));
        out.page("pk.html", &path, meta, context)
    })?;

    let indicators: Vec<_> = ordered
        .iter()
        .zip(pks)
        .flat_map(|(pk, pk_view)| {
            pk.indicators()
                .map(move |(goal, indicator)| (*pk, goal, indicator, pk_view))
        })
        .collect();
    let indicator_link = |j: Option<usize>| {
        j.and_then(|j| indicators.get(j)).map(|(_, _, i, _)| Link {
            label: i.name.clone(),
            url: views.indicator_url(data.year, &i.id),
        })
    };
    out.each(&indicators, |n, &(pk, goal, indicator, pk_view)| {
        let path = Route::Indicator {
            year: data.year,
            id: indicator.id.to_string(),
        }
        .path();
        if !out.wants(&path) {
            return Ok(());
        }
        let page = views.indicator_page(data, pk, goal, indicator, pk_view);
        let meta = PageMeta {
            kind: "indicator",
            title: format!("{} {}", indicator.name, data.year),
            url: views.indicator_url(data.year, &indicator.id),
            breadcrumbs: vec![
                home(views),
                year_crumb.clone(),
                crumb(&pk_view.pejabat.jabatan, Some(pk_view.url.clone())),
                crumb(&indicator.name, None),
            ],
            year: Some(data.year),
            draft,
            prev: indicator_link(n.checked_sub(1)),
            next: indicator_link(Some(n + 1)),
        };
        let mut context = Context::new();
        context.insert("indicator", &page);
        let result = data.indicator_result(&pk.id, &goal.id, &indicator.id);
        context.insert("charts", &views.charts.indicator(indicator, result));
        out.page("indicator.html", &path, meta, context)
    })
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

#[derive(Serialize)]
struct Counts {
    kesalahan: usize,
    peringatan: usize,
}

fn render_validation(
    out: &Output<'_>,
    views: &Views<'_>,
    data: &YearData<'_>,
    findings: &[Located],
) -> Result<(), RenderError> {
    let path = Route::Validation(data.year).path();
    if !out.wants(&path) {
        return Ok(());
    }
    let year_findings = view::findings_of(findings, data.year);
    let counts = Counts {
        kesalahan: year_findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count(),
        peringatan: year_findings
            .iter()
            .filter(|f| f.severity == Severity::Warning)
            .count(),
    };
    let title = format!("{} {}", views.labels.get("hasil_validasi"), data.year);
    let meta = PageMeta {
        kind: "validation",
        title: title.clone(),
        url: views.validation_url(data.year),
        breadcrumbs: vec![
            home(views),
            crumb(&data.year.to_string(), Some(views.year_url(data.year))),
            crumb(views.labels.get("hasil_validasi"), None),
        ],
        year: Some(data.year),
        draft: !data.approved(views.report),
        prev: None,
        next: None,
    };
    let mut context = Context::new();
    context.insert("findings", &views.findings(findings, data.year));
    context.insert("counts", &counts);
    out.page("validation.html", &path, meta, context)
}

/// `/<year>/perubahan/`: each value changed since the approval, old → new, with who and when.
fn render_changes(
    out: &Output<'_>,
    views: &Views<'_>,
    data: &YearData<'_>,
    changed: &crate::changes::YearChanges,
) -> Result<(), RenderError> {
    let path = Route::Changes(data.year).path();
    if !out.wants(&path) {
        return Ok(());
    }
    let title = format!(
        "{} {}",
        views.labels.get("perubahan_sejak_persetujuan"),
        data.year
    );
    let meta = PageMeta {
        kind: "changes",
        title: title.clone(),
        url: views.route_url(&Route::Changes(data.year)),
        breadcrumbs: vec![
            home(views),
            crumb(&data.year.to_string(), Some(views.year_url(data.year))),
            crumb(&title, None),
        ],
        year: Some(data.year),
        draft: !data.approved(views.report),
        prev: None,
        next: None,
    };
    let mut context = Context::new();
    context.insert("perubahan", &views.changes(data, changed));
    out.page("perubahan.html", &path, meta, context)
}

/// `/<year>/evaluasi/`: the self-assessment against the LKE of PermenPAN-RB 88/2021 and the
/// follow-up of the last evaluation's recommendations (internal edition only).
fn render_evaluation(
    out: &Output<'_>,
    views: &Views<'_>,
    data: &YearData<'_>,
) -> Result<(), RenderError> {
    let route = Route::Evaluation(data.year);
    let path = route.path();
    if !out.wants(&path) {
        return Ok(());
    }
    let Some(evaluation) = views.evaluation(data) else {
        return Ok(());
    };
    let title = format!("{} {}", views.labels.get("evaluasi_mandiri"), data.year);
    let meta = PageMeta {
        kind: "evaluation",
        title: title.clone(),
        url: views.route_url(&route),
        breadcrumbs: vec![
            home(views),
            crumb(&data.year.to_string(), Some(views.year_url(data.year))),
            crumb(views.labels.get("evaluasi_mandiri"), None),
        ],
        year: Some(data.year),
        draft: !data.approved(views.report),
        prev: None,
        next: None,
    };
    let mut context = Context::new();
    context.insert("evaluasi", &evaluation);
    out.page("evaluasi.html", &path, meta, context)
}

fn home(views: &Views<'_>) -> Crumb {
    crumb(views.labels.get("beranda"), Some(views.base.clone()))
}

fn crumb(label: &str, url: Option<String>) -> Crumb {
    Crumb {
        label: label.to_string(),
        url,
    }
}

/// Hands the rendered files to the sink, refusing two files at one path. Shared by the
/// threads that render pages in parallel.
struct Output<'a> {
    tera: Tera,
    theme: &'a Theme,
    sink: &'a Sink<'a>,
    /// Path → what was written there, for the collision message.
    written: Mutex<BTreeMap<String, String>>,
    /// Path → SHA-256 of every file of a whole render, for the years' manifests.
    hashes: Mutex<BTreeMap<String, String>>,
    /// The year switcher, descriptions and sharing tags of every page (`reader`).
    reader: nav::Reader,
    /// Every page rendered so far, for the site map and the search index.
    pages: Mutex<Vec<nav::WrittenPage>>,
    /// The files to render; a page not wanted is skipped before its view is built.
    wanted: &'a Wanted<'a>,
    /// Once set, no file is wanted any more.
    cancel: Option<&'a AtomicBool>,
}

impl Output<'_> {
    /// Runs `render` on every item: on all cores for a whole render ([`in_parallel`]), on this
    /// thread for one file, whose items but one return at once.
    fn each<T: Sync>(
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
    fn wants(&self, path: &str) -> bool {
        !self.cancelled() && self.wanted.wants(path)
    }

    fn cancelled(&self) -> bool {
        self.cancel.is_some_and(|c| c.load(Ordering::Relaxed))
    }

    fn page(
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
    fn add_reader(&self, meta: &PageMeta, context: &mut Context) {
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

    fn file(&self, path: String, contents: Vec<u8>, what: &str) -> Result<(), RenderError> {
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

#[cfg(test)]
mod tests;
