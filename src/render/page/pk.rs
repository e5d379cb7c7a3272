//! The page of each PK (perjanjian kinerja) of a year.

use tera::Context;

use crate::render::error::RenderError;
use crate::render::lookup::YearData;
use crate::render::nav::{crumb, home, year_crumb};
use crate::render::output::Output;
use crate::render::view::{Link, PageMeta, Views, YearView};
use crate::route::Route;

/// `<year>/pk/<id>/`: each PK of the year, linked to the previous and next in hierarchy order.
pub(crate) fn render(
    out: &Output<'_>,
    views: &Views<'_>,
    data: &YearData<'_>,
    year_view: &YearView,
) -> Result<(), RenderError> {
    let labels = views.labels;
    let draft = !year_view.disetujui;
    let year_crumb = year_crumb(views, data.year);
    let pks = &year_view.pk;
    let ordered = &data.ordered;
    let pk_pages: Vec<_> = ordered.iter().zip(pks).collect();
    out.each(&pk_pages, |i, &(pk, pk_view)| {
        let Some(path) = out.wanted(&Route::Pk {
            year: data.year,
            pk: pk.id.to_string(),
        }) else {
            return Ok(());
        };
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
    })
}
