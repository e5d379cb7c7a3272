//! The dashboard (`index.html`): the latest year in full and a summary of every year.

use serde::Serialize;
use tera::Context;

use crate::render::error::RenderError;
use crate::render::lookup::YearData;
use crate::render::nav::home;
use crate::render::output::Output;
use crate::render::view::approval::ApprovalView;
use crate::render::view::{BudgetView, PageMeta, SummaryView, Views, YearView};
use crate::route::Route;

#[derive(Clone, Debug, Serialize)]
pub struct DashboardView {
    /// The latest year.
    pub terbaru: Option<YearView>,
    /// Every year, latest first.
    pub tahun: Vec<YearSummaryView>,
}

#[derive(Clone, Debug, Serialize)]
pub struct YearSummaryView {
    pub tahun: i32,
    pub url: String,
    pub disetujui: bool,
    pub persetujuan: Option<ApprovalView>,
    pub jumlah_pk: usize,
    pub ringkasan: SummaryView,
    pub anggaran: BudgetView,
}

impl Views<'_> {
    pub fn year_summary(&self, year: &YearView) -> YearSummaryView {
        YearSummaryView {
            tahun: year.tahun,
            url: year.url.clone(),
            disetujui: year.disetujui,
            persetujuan: year.persetujuan.clone(),
            jumlah_pk: year.pk.len(),
            ringkasan: year.ringkasan.clone(),
            anggaran: year.anggaran.clone(),
        }
    }
}

pub(crate) fn render(
    out: &Output<'_>,
    views: &Views<'_>,
    years: &[YearData<'_>],
    year_views: &[YearView],
) -> Result<(), RenderError> {
    let Some(path) = out.wanted(&Route::Home) else {
        return Ok(());
    };
    let latest = years.last();
    let dashboard = DashboardView {
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
