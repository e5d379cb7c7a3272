//! The page of each indicator of a year: its quarters, analyses, history and working.

use tera::Context;

use crate::render::error::RenderError;
use crate::render::lookup::YearData;
use crate::render::nav::{crumb, home, year_crumb};
use crate::render::output::Output;
use crate::render::view::{Link, PageMeta, Views, YearView};
use crate::route::Route;

/// `<year>/indikator/<id>/`: each indicator of the year, in the order of the PKs, goals and
/// indicators, linked to the previous and next.
pub(crate) fn render(
    out: &Output<'_>,
    views: &Views<'_>,
    data: &YearData<'_>,
    year_view: &YearView,
) -> Result<(), RenderError> {
    let draft = !year_view.disetujui;
    let year_crumb = year_crumb(views, data.year);
    let pks = &year_view.pk;
    let ordered = &data.ordered;
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
        let Some(path) = out.wanted(&Route::Indicator {
            year: data.year,
            id: indicator.id.to_string(),
        }) else {
            return Ok(());
        };
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
        let result = data.indicator_result_of(pk, goal, indicator);
        context.insert("charts", &views.charts.indicator(indicator, result));
        out.page("indicator.html", &path, meta, context)
    })
}
