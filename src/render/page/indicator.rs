//! The page of each indicator of a year: its quarters, analyses, history and working; and the
//! indicator's trend chart, a file the pages of every year share (written by the first page
//! that draws it).

use tera::Context;

use crate::render::error::RenderError;
use crate::render::lookup::YearData;
use crate::render::nav::{crumb, home, year_crumb};
use crate::render::output::{Output, Wanted};
use crate::render::view::{HistoryView, Link, PageMeta, QuarterView, Views, YearView};
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
    // The trend charts drawn: every one for a whole render, the one asked for (serve) only
    // by the pages of its indicator.
    let wanted_trend = match out.wanted {
        Wanted::All => None,
        Wanted::One(path) => Some(match Route::parse(path) {
            Some(Route::TrendChart { id, .. }) => Some(id),
            _ => None,
        }),
    };
    let draws_trend = |id: &str| match &wanted_trend {
        None => !out.cancelled(),
        Some(wanted) => wanted.as_deref() == Some(id),
    };
    out.each(&indicators, |n, &(pk, goal, indicator, pk_view)| {
        let path = out.wanted(&Route::Indicator {
            year: data.year,
            id: indicator.id.to_string(),
        });
        if path.is_none() && !draws_trend(&indicator.id) {
            return Ok(());
        }
        let result = data.indicator_result_of(pk, goal, indicator);
        let (charts, trend) = views
            .charts
            .indicator_page(indicator, result, |route| views.route_url(route));
        if let Some(trend) = trend {
            out.shared_file(
                trend.route.path(),
                trend.contents,
                &format!("the trend chart of \"{}\"", indicator.name),
                data.year,
            )?;
        }
        let Some(path) = path else {
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
        context.insert("sebelumnya", &earlier_years(&page.riwayat, data.year));
        context.insert("kumulatif", &cumulative_differs(&page.triwulan));
        context.insert(
            "tanpa_target_triwulan",
            &lacks_quarter_target(&page.triwulan),
        );
        let efficient = page.program.iter().filter(|p| p.efisien == Some(true));
        context.insert("program_efisien", &efficient.count());
        // The one reporter of all four quarters, named once above their table.
        let first = page.triwulan.first().and_then(|q| q.pelapor.as_ref());
        let one_reporter = first.filter(|first| {
            page.triwulan.len() == 4
                && page.triwulan.iter().all(|q| {
                    q.pelapor
                        .as_ref()
                        .is_some_and(|r| r.nama == first.nama && r.jabatan == first.jabatan)
                })
        });
        context.insert("pelapor_tunggal", &one_reporter);
        context.insert("charts", &charts);
        out.page("indicator.html", &path, meta, context)
    })
}

/// Comparison 2 on the page ("dibandingkan tahun-tahun sebelumnya"): the years up to the page's
/// own, oldest first. The print and the shared trend chart keep every year.
fn earlier_years(history: &[HistoryView], year: i32) -> &[HistoryView] {
    let shown = history.iter().take_while(|h| h.tahun <= year).count();
    &history[..shown]
}

/// Whether some quarter's realisation to date differs from the value reported for it alone
/// (an indicator summed or averaged over its quarters): only then does the quarter table show
/// both.
fn cumulative_differs(quarters: &[QuarterView]) -> bool {
    quarters.iter().any(|q| q.realisasi != q.nilai)
}

/// Whether a reported quarter has no achievement (no quarterly target to measure it against),
/// which the table's note then explains.
fn lacks_quarter_target(quarters: &[QuarterView]) -> bool {
    quarters
        .iter()
        .any(|q| q.nilai.is_some() && q.capaian.is_none())
}
