//! `<year>/validasi/`: the findings of the year and the site-wide ones (internal edition).

use serde::Serialize;
use tera::Context;

use crate::finding::{Located, Severity};
use crate::render::error::RenderError;
use crate::render::lookup::YearData;
use crate::render::nav::{crumb, home, year_crumb};
use crate::render::output::Output;
use crate::render::view::{PageMeta, Views, findings_of, severity_counts};
use crate::route::Route;

#[derive(Clone, Debug, Serialize)]
pub struct FindingView {
    /// `error` or `warning`.
    pub severity: &'static str,
    pub lokasi: Option<String>,
    pub baris: Option<String>,
    pub message: String,
    pub help: Option<String>,
}

impl Views<'_> {
    pub fn findings(&self, findings: &[Located], year: i32) -> Vec<FindingView> {
        findings_of(findings, year)
            .into_iter()
            .map(|f| FindingView {
                severity: match f.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                },
                lokasi: f
                    .place
                    .as_ref()
                    .map(|p| format!("{}:{}:{}", p.path, p.line, p.column)),
                baris: f
                    .place
                    .as_ref()
                    .map(|p| p.source_line.clone())
                    .filter(|l| !l.trim().is_empty()),
                message: f.message.clone(),
                help: f.help.clone(),
            })
            .collect()
    }
}

#[derive(Serialize)]
struct Counts {
    kesalahan: usize,
    peringatan: usize,
}

pub(crate) fn render(
    out: &Output<'_>,
    views: &Views<'_>,
    data: &YearData<'_>,
    findings: &[Located],
) -> Result<(), RenderError> {
    let Some(path) = out.wanted(&Route::Validation(data.year)) else {
        return Ok(());
    };
    let (kesalahan, peringatan) = severity_counts(findings, data.year);
    let counts = Counts {
        kesalahan,
        peringatan,
    };
    let title = format!("{} {}", views.labels.get("hasil_validasi"), data.year);
    let meta = PageMeta {
        kind: "validation",
        title: title.clone(),
        url: views.validation_url(data.year),
        breadcrumbs: vec![
            home(views),
            year_crumb(views, data.year),
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
