//! `<year>/`: the year's report.

use tera::Context;

use crate::render::error::RenderError;
use crate::render::lookup::YearData;
use crate::render::nav::{crumb, home};
use crate::render::output::Output;
use crate::render::view::{Link, PageMeta, Views, YearView};
use crate::route::Route;

pub(crate) fn render(
    out: &Output<'_>,
    views: &Views<'_>,
    data: &YearData<'_>,
    year_view: &YearView,
    prev: Option<Link>,
    next: Option<Link>,
) -> Result<(), RenderError> {
    let labels = views.labels;
    let draft = !year_view.disetujui;
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
        context.insert("charts", &views.charts.year_page(data));
        out.page("year.html", &path, meta, context)?;
    }
    Ok(())
}
