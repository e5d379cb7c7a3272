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
//! | `index.html` | `index.html` | `dashboard` ([`page::home::DashboardView`]) |
//! | `<year>/index.html` | `year.html` | `year` ([`view::YearView`]) |
//! | `<year>/pk/<id>/index.html` | `pk.html` | `pk` ([`view::PkView`]) |
//! | `<year>/indikator/<id>/index.html` | `indicator.html` | `indicator` ([`view::IndicatorPageView`]) |
//! | `<year>/validasi/index.html` | `validation.html` | `findings` ([`page::validation::FindingView`]s), `counts` |
//! | `<year>/evaluasi/index.html` | `evaluasi.html` | `evaluasi` ([`view::evaluation::EvaluationView`]; internal edition) |
//! | `<year>/cetak/index.html` | `cetak.html` | `cetak` ([`page::print::PrintView`]), `year`, `charts` |
//! | `<year>/formulir/<pk>/tw<q>/index.html` | `formulir.html` | `formulir` ([`page::forms::FormView`]) |
//! | `sop/index.html` | `sop.html` | `sop` ([`page::sop::SopPageView`]) |
//! | `<slug>/index.html` | `page.html` | `content` (HTML), `starts_with_title` |
//! | `<year>/<slug>/index.html` | `page.html` | the same, for a page of the year's narrative |
//! | `data/<year>.json`, `.csv` | – | [`export::YearExport`] |
//!
//! plus the theme's static files at the root.
//!
//! Each kind of page is a module of [`page`] that owns its view, builds it and renders it; the
//! modules they share (the views of a year in [`view`], the navigation in [`nav`], the writer
//! every page goes through, the lookup of computed results) import no page module.

pub mod charts;
pub mod compact;
mod error;
pub mod export;

pub mod labels;
mod lookup;
pub mod markdown;
mod narrative;
pub mod nav;
mod output;
pub mod page;
pub mod search;
mod theme;
pub mod view;

use std::collections::BTreeMap;
use std::sync::atomic::AtomicBool;
use std::sync::{LazyLock, Mutex};

use crate::compute::Computed;
use crate::finding::Located;
use crate::model::Report;
use crate::provenance::Provenance;
use crate::route::{ExportFormat, Route};

pub use crate::write::OutputFile;
pub use error::RenderError;
pub use output::Sink;
use output::{Output, Wanted};
pub use theme::Theme;

use crate::format::Format;
use labels::Labels;
use lookup::YearData;
use view::{Link, Views};

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
        shown_by: Mutex::new(BTreeMap::new()),
    };

    page::home::render(&out, &views, &years, &year_views)?;
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
            page::print::render_cetak(&out, &views, &quotes, data, year_view)
        })
    };
    let year_pages_of = |_, &(i, data, year_view): &(usize, &YearData<'_>, &view::YearView)| {
        let neighbour = |j: Option<usize>| {
            j.and_then(|j| years.get(j)).map(|y| Link {
                label: format!("{} {}", labels.get("laporan_kinerja"), y.year),
                url: views.year_url(y.year),
            })
        };
        page::year::render(
            &out,
            &views,
            data,
            year_view,
            neighbour(i.checked_sub(1)),
            neighbour(Some(i + 1)),
        )?;
        page::pk::render(&out, &views, data, year_view)?;
        page::indicator::render(&out, &views, data, year_view)?;
        page::pages::render_year_pages(&out, &views, &quotes, data, year_view)?;
        // The findings and the request forms are the agency's working papers.
        if views.internal() {
            page::validation::render(&out, &views, data, findings)?;
            page::evaluation::render(&out, &views, data)?;
            if let Some(changed) = changes.and_then(|c| c.get(&data.year)) {
                page::changes::render(&out, &views, data, changed)?;
            }
            page::forms::render_year(&out, &views, data, &year_view.pk, !year_view.disetujui)?;
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
    page::sop::render_page(&mut out, &views, &years)?;
    page::pages::render_site_pages(&out, &views, &quotes)?;
    // Last: the site map and the search index list every page written above.
    if out.cancelled() {
        return Err(RenderError::Cancelled);
    }
    if let Wanted::All = wanted {
        page::sitemap::render(&out, &views, &year_views)?;
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
            let json = serde_json::to_vec(&manifest).map_err(|source| RenderError::Json {
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
    // The files the year's pages share with other years' (the indicators' trend charts).
    let shown = out.shared_files_of(data.year);
    let keluaran = out
        .hashes
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .iter()
        .filter(|(path, _)| {
            crate::seal::is_output_of(path, data.year, &evidence_outputs) || shown.contains(*path)
        })
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

#[cfg(test)]
mod tests;

#[cfg(test)]
mod layering;
