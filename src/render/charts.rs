//! The charts of each page ([`crate::chart`]), drawn in the site's language and scale and handed
//! to the templates as `charts`: an SVG to inline (`{{ charts.kategori.svg | safe }}`, safe: the
//! chart module escapes every editor text) and its title for a `<figcaption>`. An indicator's
//! trend, the same on the indicator's page of every year, is a file of its own instead
//! ([`TrendFile`]), which the pages show as an image (`charts.tren.berkas`).

use serde::Serialize;

use crate::chart::{self, Chart, ChartOptions};
use crate::compute::{IndicatorResult, ProgrammeResult};
use crate::model::{Indicator, Pk, Programme, Report};
use crate::render::lookup::YearData;
use crate::route::{Route, TREND_KEY_LEN};

/// The charts of one page; the ones a page does not have are `null`.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Charts {
    /// Indicators per achievement category.
    pub kategori: Option<ChartView>,
    /// Target against realisation of a PK's indicators.
    pub capaian: Option<ChartView>,
    /// Pagu against realisasi per programme.
    pub anggaran: Option<ChartView>,
    /// serapan against mean capaian per programme.
    pub efisiensi: Option<ChartView>,
    /// An indicator's quarters.
    pub triwulan: Option<ChartView>,
    /// An indicator over the years, with the Renstra and the national standard.
    pub tren: Option<ChartView>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ChartView {
    /// The `<svg>` to inline; empty when the chart is a file ([`ChartView::berkas`]).
    pub svg: String,
    pub title: String,
    /// The key finding, a sentence above the chart.
    pub temuan: String,
    /// The chart's file, when the page shows it as an image rather than inline.
    pub berkas: Option<ChartFile>,
}

/// Where a chart drawn as a file of its own is, and its size in px (the `<img>`'s).
#[derive(Clone, Debug, Serialize)]
pub struct ChartFile {
    pub url: String,
    pub lebar: u32,
    pub tinggi: u32,
}

impl From<Chart> for ChartView {
    fn from(chart: Chart) -> ChartView {
        ChartView {
            svg: unquoted(&chart.svg),
            title: chart.title,
            temuan: chart.key,
            berkas: None,
        }
    }
}

/// An indicator's trend as an SVG file of its own ([`Route::TrendChart`]), which the
/// indicator's page of every year shows: its route names its bytes, so that the pages whose
/// chart would be the same share one file, written once.
#[derive(Clone, Debug)]
pub struct TrendFile {
    pub route: Route,
    pub contents: Vec<u8>,
}

/// The ids of the page elements that name and describe an indicator's quarter chart: its
/// `<figcaption>` and the table of the quarters (`indicator.html`).
const QUARTER_CAPTION_ID: &str = "grafik-triwulan-judul";
const QUARTER_TABLE_ID: &str = "tabel-triwulan";
/// The id of a year page's table of its programmes' budgets (`partials/budget_table.html`).
const BUDGET_TABLE_ID: &str = "tabel-anggaran";

pub(crate) struct ChartMaker<'a> {
    report: &'a Report,
    options: ChartOptions,
    /// Put before every chart's id, for pages that hold the charts of several pages (the
    /// printed report), where the ids must stay unique.
    prefix: String,
}

impl<'a> ChartMaker<'a> {
    pub fn new(report: &'a Report) -> ChartMaker<'a> {
        let options = ChartOptions::new(report.site.language)
            .with_scale(&report.categories())
            .with_width(360);
        ChartMaker {
            report,
            options,
            prefix: String::new(),
        }
    }

    /// The same charts with every id starting with `prefix`.
    pub fn with_prefix(&self, prefix: &str) -> ChartMaker<'a> {
        ChartMaker {
            report: self.report,
            options: self.options.clone(),
            prefix: prefix.to_string(),
        }
    }

    fn options(&self, id: &str) -> ChartOptions {
        self.options
            .clone()
            .with_id(&format!("{}{id}", self.prefix))
    }

    /// The dashboard and a year's report: the categories of the year, its programmes.
    pub fn year(&self, data: &YearData<'_>) -> Charts {
        self.year_beside(data, None)
    }

    /// A year's page: its charts, the programmes' two beside the page's budget table
    /// (`partials/budget_table.html`, of the id [`BUDGET_TABLE_ID`]), which has every number
    /// they draw (pagu, realisasi, serapan, rata-rata capaian, efisiensi): they refer to it
    /// rather than repeat it.
    pub fn year_page(&self, data: &YearData<'_>) -> Charts {
        self.year_beside(data, Some(BUDGET_TABLE_ID))
    }

    fn year_beside(&self, data: &YearData<'_>, budget_table: Option<&str>) -> Charts {
        let options = |id: &str| match budget_table {
            Some(table) => self.options(id).described_by_page(table),
            None => self.options(id),
        };
        let Some(result) = data.result else {
            return Charts::default();
        };
        let mut programmes = programmes(data, data.ordered.iter().copied());
        // The head's programmes that show the Kabid's spending are drawn once, as the Kabid's.
        programmes.retain(|(_, r)| r.from_pks.is_empty());
        let measured = result.summary.measured > 0;
        Charts {
            kategori: measured.then(|| {
                chart::category_distribution(&result.summary, &self.options("grafik-kategori"))
                    .into()
            }),
            anggaran: (!programmes.is_empty())
                .then(|| chart::budget(&programmes, &options("grafik-anggaran")).into()),
            efisiensi: (!programmes.is_empty())
                .then(|| chart::efficiency(&programmes, &options("grafik-efisiensi")).into()),
            ..Charts::default()
        }
    }

    /// A PK: its indicators' targets and realisations, its programmes.
    pub fn pk(&self, data: &YearData<'_>, pk: &Pk) -> Charts {
        let indicators: Vec<(&Indicator, &IndicatorResult)> = pk
            .indicators()
            .filter_map(|(goal, i)| Some((i, data.indicator_result_of(pk, goal, i)?)))
            .collect();
        let programmes = programmes(data, std::iter::once(pk));
        // The page's goal sections (`pk.html`) hold the tables of the indicators' targets,
        // realisations and capaian, and its budget table a row per programme with its pagu,
        // realisasi and serapan: the charts refer to them rather than repeat them.
        let mut goals: Vec<String> = Vec::new();
        for (goal, _) in pk.indicators() {
            let id = format!("sasaran-{}", goal.id.as_str());
            if !goals.contains(&id) {
                goals.push(id);
            }
        }
        let rows: Vec<String> = programmes
            .iter()
            .map(|(p, _)| format!("program-{}", p.id.as_str()))
            .collect();
        Charts {
            capaian: (!indicators.is_empty()).then(|| {
                let options = self
                    .options("grafik-capaian")
                    .described_by_page(&goals.join(" "));
                chart::targets_vs_realisations(&indicators, &options).into()
            }),
            anggaran: (!programmes.is_empty()).then(|| {
                let options = self
                    .options("grafik-anggaran")
                    .described_by_page(&rows.join(" "));
                chart::budget(&programmes, &options).into()
            }),
            efisiensi: (!programmes.is_empty())
                .then(|| chart::efficiency(&programmes, &self.options("grafik-efisiensi")).into()),
            ..Charts::default()
        }
    }
}

impl ChartMaker<'_> {
    /// An indicator's page: its quarters inlined beside their table and caption, which the
    /// chart refers to rather than repeating them; its trend as a file ([`TrendFile`], shown
    /// from `url(route)`) when it is in more than one year.
    pub fn indicator_page(
        &self,
        indicator: &Indicator,
        result: Option<&IndicatorResult>,
        url: impl Fn(&Route) -> String,
    ) -> (Charts, Option<TrendFile>) {
        let Some(result) = result else {
            return (Charts::default(), None);
        };
        // The page is the indicator's: its caption need not name it again.
        let quarters = self
            .options("grafik-triwulan")
            .with_title(chart::quarters_title(self.report.site.language))
            .described_by(QUARTER_CAPTION_ID, QUARTER_TABLE_ID);
        let mut charts = Charts {
            triwulan: Some(chart::quarterly_progress(indicator, result, &quarters).into()),
            ..Charts::default()
        };
        if result.history.len() <= 1 {
            return (charts, None);
        }
        // No ids: the file is its own document, named by its `<title>`; the same bytes
        // whichever page draws it. No `<desc>`: it is an image, whose `alt` is its key
        // sentence, beside the table of the years on the page (an image's own description
        // reaches no reader).
        let options = self.options.clone().without_desc();
        let trend = chart::trend(indicator, result, &self.renstra(indicator), &options);
        let contents = trend.standalone().into_bytes();
        let hash = crate::evidence::sha256_hex(&contents);
        let route = Route::TrendChart {
            id: indicator.id.to_string(),
            key: hash[..TREND_KEY_LEN].to_string(),
        };
        let (lebar, tinggi) = chart::size_of(&trend.svg);
        charts.tren = Some(ChartView {
            svg: String::new(),
            title: trend.title,
            temuan: trend.key,
            berkas: Some(ChartFile {
                url: url(&route),
                lebar,
                tinggi,
            }),
        });
        (charts, Some(TrendFile { route, contents }))
    }

    /// The indicator's Renstra targets by year, if it is in the Renstra.
    fn renstra(&self, indicator: &Indicator) -> Vec<(i32, f64)> {
        self.report
            .renstra
            .as_ref()
            .and_then(|r| r.indicator(&indicator.id))
            .map(chart::renstra_targets)
            .unwrap_or_default()
    }

    /// The one chart of a goal in the printed report: the trend of its indicator over the years
    /// when it has one indicator reported in more than one year, else its indicators' targets
    /// against their realisations. `None` when none of its indicators has a result.
    pub fn goal(
        &self,
        data: &YearData<'_>,
        pk: &Pk,
        goal: &crate::model::Goal,
    ) -> Option<ChartView> {
        let indicators: Vec<(&Indicator, &IndicatorResult)> = goal
            .indicators
            .iter()
            .filter_map(|i| Some((i, data.indicator_result_of(pk, goal, i)?)))
            .collect();
        match indicators.as_slice() {
            [] => None,
            [(indicator, result)]
                if result
                    .history
                    .iter()
                    .filter(|h| h.year <= data.year)
                    .count()
                    > 1 =>
            {
                let mut result = (*result).clone();
                result.history.retain(|h| h.year <= data.year);
                let renstra = self.renstra(indicator);
                Some(
                    chart::trend(indicator, &result, &renstra, &self.options("grafik-tren")).into(),
                )
            }
            _ => Some(
                chart::targets_vs_realisations(&indicators, &self.options("grafik-sasaran")).into(),
            ),
        }
    }
}

/// An inline chart as an HTML page carries it: the attribute values that need no quotes in
/// HTML (`x=42`, `class=ch`) lose them, a tenth of a chart's bytes. The chart module writes
/// `"` only around attribute values (it escapes every `"` of a text), so the pieces between
/// quotes alternate between markup and values. A value before `/` keeps its quotes, which
/// would otherwise take the slash of `/>` as part of it.
fn unquoted(svg: &str) -> String {
    let pieces: Vec<&str> = svg.split('"').collect();
    let mut out = String::with_capacity(svg.len());
    for (i, piece) in pieces.iter().enumerate() {
        if i % 2 == 0 {
            out.push_str(piece);
            continue;
        }
        let bare = !piece.is_empty()
            && pieces[i - 1].ends_with('=')
            && !pieces.get(i + 1).is_some_and(|next| next.starts_with('/'))
            && !piece
                .bytes()
                .any(|b| b.is_ascii_whitespace() || b"\"'=<>`".contains(&b));
        if bare {
            out.push_str(piece);
        } else {
            out.push('"');
            out.push_str(piece);
            out.push('"');
        }
    }
    out
}

/// The programmes of some PKs with their results, in order.
fn programmes<'d>(
    data: &YearData<'d>,
    pks: impl Iterator<Item = &'d Pk>,
) -> Vec<(&'d Programme, &'d ProgrammeResult)> {
    pks.flat_map(|pk| pk.programmes.iter().map(move |p| (pk, p)))
        .filter_map(|(pk, p)| Some((p, data.programme_result_of(pk, p)?)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_inline_chart_drops_the_quotes_html_does_not_need() {
        let svg = r##"<svg viewBox="0 0 360 226" class="ch"><circle cx="20" cy="17" r="4"/><text x="42" y="177.9" class="line target">a &quot;b&quot; = c</text><path d="" fill="#1f4e79"/></svg>"##;
        assert_eq!(
            unquoted(svg),
            r##"<svg viewBox="0 0 360 226" class=ch><circle cx=20 cy=17 r="4"/><text x=42 y=177.9 class="line target">a &quot;b&quot; = c</text><path d="" fill="#1f4e79"/></svg>"##
        );
        // What an HTML parser reads is what the chart said.
        let html = scraper::Html::parse_fragment(&unquoted(svg));
        let circle = html
            .select(&scraper::Selector::parse("circle").unwrap())
            .next()
            .unwrap();
        assert_eq!(circle.value().attr("cx"), Some("20"));
        assert_eq!(circle.value().attr("r"), Some("4"));
    }
}
