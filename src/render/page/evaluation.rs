//! `<year>/evaluasi/`: the self-assessment and the follow-up of the last evaluation
//! (internal edition).

use tera::Context;

use crate::render::error::RenderError;
use crate::render::lookup::YearData;
use crate::render::nav::{crumb, home, year_crumb};
use crate::render::output::Output;
use crate::render::view::{PageMeta, Views};
use crate::route::Route;

/// `/<year>/evaluasi/`: the self-assessment against the LKE of PermenPAN-RB 88/2021 and the
/// follow-up of the last evaluation's recommendations (internal edition only).
pub(crate) fn render(
    out: &Output<'_>,
    views: &Views<'_>,
    data: &YearData<'_>,
) -> Result<(), RenderError> {
    let route = Route::Evaluation(data.year);
    let Some(path) = out.wanted(&route) else {
        return Ok(());
    };
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
            year_crumb(views, data.year),
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
