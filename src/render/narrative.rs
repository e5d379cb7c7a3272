//! The narrative pages: a year's pages (`<year>/pages/*.md` → `/<year>/<stem>/`) and the
//! shortcodes of every page, expanded with the values the tables of the same year show.
//!
//! A shortcode's value is read from the view the tables are rendered from (the indicator's
//! row, the year's summary cards, the budget table) and formatted as the table's filter formats
//! it (`angka`, `persen`, `rupiah`, `poin`), so that a sentence and the table next to it cannot
//! disagree. In a year in progress `capaian` is therefore the period achievement the tables
//! show ("s.d. Triwulan III").

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use serde_json::Value as Json;

use super::lookup::YearData;
use super::view::{Views, YearView};
use crate::format::{DASH, Format};
use crate::model::Page;
use crate::narrative::{Figure, Quote, parse, resolve};

/// The values a year's shortcodes quote, taken from the year's view.
struct Figures {
    /// Indicator id → its row of the tables (`IndicatorView`).
    indicators: BTreeMap<String, Json>,
    /// Programme id → its row of the budget table (`ProgrammeView`).
    programmes: BTreeMap<String, Json>,
    /// The summary cards (`SummaryView`) and the budget total (`BudgetView`).
    summary: Json,
    budget: Json,
    pks: usize,
}

impl Figures {
    fn of(view: &YearView) -> Figures {
        let mut indicators = BTreeMap::new();
        for pk in &view.pk {
            for goal in &pk.sasaran {
                for i in &goal.indikator {
                    indicators.insert(i.id.clone(), json(i));
                }
            }
        }
        Figures {
            indicators,
            programmes: view
                .program
                .iter()
                .map(|p| (p.id.clone(), json(p)))
                .collect(),
            summary: json(&view.ringkasan),
            budget: json(&view.anggaran),
            pks: view.pk.len(),
        }
    }
}

/// A view as the JSON the templates read.
fn json<T: serde::Serialize>(view: &T) -> Json {
    serde_json::to_value(view).unwrap_or_default()
}

/// Expands the shortcodes of the pages of one render; each year's values are gathered once,
/// when a page first quotes it.
pub(crate) struct Quotes<'r, 'v> {
    views: &'r Views<'v>,
    years: &'r [YearData<'v>],
    year_views: &'r [YearView],
    format: Format,
    cache: Mutex<BTreeMap<i32, Arc<Figures>>>,
}

impl<'r, 'v> Quotes<'r, 'v> {
    pub fn new(
        views: &'r Views<'v>,
        years: &'r [YearData<'v>],
        year_views: &'r [YearView],
    ) -> Quotes<'r, 'v> {
        Quotes {
            views,
            years,
            year_views,
            format: Format::new(views.report.site.language),
            cache: Mutex::new(BTreeMap::new()),
        }
    }

    fn figures(&self, year: i32) -> Option<Arc<Figures>> {
        if let Some(found) = self
            .cache
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&year)
        {
            return Some(found.clone());
        }
        let figures = match self.year_views.iter().find(|v| v.tahun == year) {
            Some(view) => Figures::of(view),
            // A year whose pages this render does not write (a page rendered on demand that
            // quotes an earlier year): its view, built for the quote.
            None => {
                let data = self.years.iter().find(|y| y.year == year)?;
                Figures::of(&self.views.year(data, &[]))
            }
        };
        let figures = Arc::new(figures);
        self.cache
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(year, figures.clone());
        Some(figures)
    }

    /// The Markdown of `page` with its shortcodes replaced by their values, as shown in the
    /// printed report of `print` (a site page printed in a year's report quotes that year) or
    /// on the page's own URL.
    pub fn expand(&self, page: &Page, print: Option<i32>) -> String {
        let report = self.views.report;
        let Some(year) = crate::narrative::year_shown(report, page, print) else {
            return page.body.clone();
        };
        let latest = match (page.year, &page.front.chapter, print) {
            (Some(own), _, _) => own,
            (None, Some(_), Some(printed)) => printed,
            _ => i32::MAX,
        };
        let mut out = String::with_capacity(page.body.len());
        let mut from = 0;
        for shortcode in parse(&page.body, report.site.language)
            .into_iter()
            .flatten()
        {
            out.push_str(&page.body[from..shortcode.span.start]);
            match resolve(report, &shortcode, year, latest) {
                Ok(quote) => out.push_str(&self.value(&quote, year)),
                // What the report rendered does not hold: a year the public edition leaves
                // out (a draft's figures are not published), or a mistake the check reports.
                Err(_) => out.push_str(DASH),
            }
            from = shortcode.span.end;
        }
        out.push_str(&page.body[from..]);
        out
    }

    /// The value of a quote, formatted as the tables format it, as Markdown text.
    fn value(&self, quote: &Quote, page_year: i32) -> String {
        let year = quote.year.unwrap_or(page_year);
        let Some(figures) = self.figures(year) else {
            return DASH.to_string();
        };
        let f = self.format;
        match &quote.figure {
            Figure::Indicator { id, value } => {
                let Some(row) = figures.indicators.get(id) else {
                    return DASH.to_string();
                };
                match *value {
                    "capaian" | "capaian_periode" => percent(f, &row[shown_achievement()]),
                    "capaian_renstra" => percent(f, &row["capaian_renstra"]),
                    "realisasi" | "target" | "standar_nasional" => number(f, &row[*value]),
                    "kategori" => text(&row["kategori"]["nama"]),
                    other => text(&row[other]),
                }
            }
            Figure::Summary { value, category } => {
                let summary = &figures.summary;
                let budget = &figures.budget;
                match *value {
                    "rata_rata_capaian" | "rata_rata_capaian_periode" => {
                        percent(f, &summary["rata_rata_capaian"])
                    }
                    "serapan" => percent(f, &budget["serapan"]),
                    "pagu" | "pagu_perubahan" | "realisasi" => rupiah(f, &budget[*value]),
                    "jumlah_indikator" => count(f, &summary["jumlah_indikator"]),
                    "indikator_terukur" => count(f, &summary["terukur"]),
                    "jumlah_pk" => f.integer(figures.pks as i128),
                    "kategori_rata_rata" => text(&summary["kategori_rata_rata"]["nama"]),
                    "periode" => text(&summary["periode"]),
                    "kategori" => {
                        let wanted = category.as_deref().unwrap_or_default();
                        let found = summary["kategori"].as_array().and_then(|all| {
                            all.iter().find(|k| k["nama"].as_str() == Some(wanted))
                        });
                        found.map_or_else(|| f.integer(0), |k| count(f, &k["jumlah"]))
                    }
                    _ => DASH.to_string(),
                }
            }
            Figure::Programme { id, value } => {
                let Some(row) = figures.programmes.get(id) else {
                    return DASH.to_string();
                };
                match *value {
                    "pagu" | "pagu_perubahan" | "realisasi" => rupiah(f, &row[*value]),
                    "serapan" | "rata_rata_capaian" => percent(f, &row[*value]),
                    "efisiensi" => row["efisiensi"]
                        .as_f64()
                        .map_or_else(|| DASH.to_string(), |x| f.points(x)),
                    other => text(&row[other]),
                }
            }
        }
    }
}

/// The field of an indicator's row that the tables show as its achievement (in a year in
/// progress, the period achievement).
fn shown_achievement() -> &'static str {
    "capaian"
}

/// `persen`: `99,24%`.
fn percent(f: Format, value: &Json) -> String {
    value
        .as_f64()
        .map_or_else(|| DASH.to_string(), |x| f.percent(x))
}

/// `angka`: a number with the decimals it needs (up to two), a word as written, a range as
/// `min–maks`.
fn number(f: Format, value: &Json) -> String {
    match value {
        Json::Number(n) => n
            .as_f64()
            .map_or_else(|| DASH.to_string(), |x| f.number(x, 2)),
        Json::String(word) => escape(word),
        Json::Object(range) => match (
            range.get("min").and_then(Json::as_f64),
            range.get("maks").and_then(Json::as_f64),
        ) {
            (Some(min), Some(max)) => format!("{}–{}", f.number(min, 2), f.number(max, 2)),
            _ => DASH.to_string(),
        },
        _ => DASH.to_string(),
    }
}

/// `rupiah`: `Rp 1.250.000.000`.
fn rupiah(f: Format, value: &Json) -> String {
    match value.as_i64() {
        Some(whole) => f.rupiah_whole(i128::from(whole)),
        None => value
            .as_f64()
            .map_or_else(|| DASH.to_string(), |x| f.rupiah(x)),
    }
}

fn count(f: Format, value: &Json) -> String {
    value
        .as_u64()
        .map_or_else(|| DASH.to_string(), |n| f.integer(i128::from(n)))
}

fn text(value: &Json) -> String {
    value.as_str().map_or_else(|| DASH.to_string(), escape)
}

/// Text from the data as Markdown that reads as that text (a `*` or `|` in a name stays a
/// character, also in a table).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_punctuation()
            && !matches!(
                c,
                '.' | ',' | '%' | '-' | '(' | ')' | '/' | ':' | '\'' | '"'
            )
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
