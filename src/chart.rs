//! Charts: pure functions from computed values to inline SVG.
//!
//! Every chart is drawn with plotters onto a compact SVG backend of its own (`chart/svg.rs`)
//! and comes back as a [`Chart`]: the SVG (with `role="img"`, a `<title>` and a `<desc>` that says the numbers in
//! words), its title and its description. The same data gives byte-identical output: integer
//! coordinates, no random ids, no hash maps, numbers formatted by one formatter.
//!
//! No system font is needed: label widths come from an embedded DejaVu Sans
//! (`assets/fonts/`), parsed once per process; the SVG text names that family, so a page that
//! serves the font renders exactly as laid out. Long names wrap and end in an ellipsis; numbers
//! follow the site's language (`99,24%`, `Rp 1,25 M` in Indonesian).
//!
//! Greyscale print: series differ in lightness, outline, dash and marker shape, every bar and
//! point carries its number, and every category bar its name, so no meaning rests on colour
//! alone. The colours of the achievement categories are public ([`category_colour`]) so that the
//! pages use the same ones.
//!
//! Inline the SVG in a `<figure>` beside the table of the same numbers, in a page whose
//! stylesheet has [`stylesheet`] (the chart's font, colours and the looks of its lines and
//! labels, shared by every chart; [`Chart::standalone`] for a file of its own); the SVG has a
//! fixed `width`/`height` and a `viewBox`, so `svg { max-width: 100%; height: auto }` makes it
//! fluid.

mod bars;
mod draw;
mod key;
mod lines;
mod svg;
mod text;

use std::fmt;

use plotters::prelude::RGBColor;
use serde::Serialize;

use crate::compute::{IndicatorResult, ProgrammeResult, Summary};
use crate::model::{
    Category, Indicator, Language, Polarity, Programme, RenstraIndicator, Target, Value,
};

use bars::{Axis, Badge, Bar, HBars, Row, draw_hbars};
use draw::{
    ABSORPTION_BAR, ANNUAL_TARGET_LINE, BarStyle, NATIONAL_LINE, REALISATION_BAR, REALISATION_LINE,
    RENSTRA_LINE, Swatch, TARGET_BAR, TARGET_LINE, finish,
};
use lines::{HLine, Lines, Trace, draw_lines};
pub use text::FONT_FAMILY;

/// The width in px of `text` set at `size` px in the embedded font (DejaVu Sans), for other
/// drawings that must not let their labels overlap (the SOP flowchart's legend).
pub fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    text::width(text, size, bold)
}

/// `text` for SVG content and attribute values, as the charts write it (markup escaped,
/// control characters dropped, line breaks as spaces): the one escaping of every SVG drawing.
pub fn escape_svg(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    text::escape_into(&mut out, text);
    out
}
use text::Numbers;

// ---------------------------------------------------------------------------------------------
// Public types

/// A chart ready to be inlined in a page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Chart {
    /// The `<svg>` element, with its `<title>` and `<desc>`.
    pub svg: String,
    /// The title (plain text, also in `<title>`): fit for a `<figcaption>`.
    pub title: String,
    /// The numbers in words (plain text, also in `<desc>`).
    pub desc: String,
    /// The key finding: one sentence for above the chart ("IPG 92,31 — di atas target 92 dan
    /// standar nasional 91,85"); empty when there is nothing to say.
    pub key: String,
}

impl Chart {
    fn with_key(mut self, key: String) -> Chart {
        self.key = key;
        self
    }
}

impl Chart {
    pub fn as_str(&self) -> &str {
        &self.svg
    }

    /// The chart as an SVG file of its own (`<img src>`, a download): with the namespace and
    /// the rules of the shared classes, which an inline chart takes from the page's stylesheet.
    pub fn standalone(&self) -> String {
        svg::standalone(&self.svg)
    }
}

/// The rules of the classes every chart shares (its font, colours, lines and labels): an
/// inline chart takes them from the page's stylesheet, which the theme's `style.css` gets
/// them appended to.
pub fn stylesheet() -> String {
    let mut css = svg::stylesheet();
    // The default scale's colours by class, for the pages' category badges (`kat-1` …).
    css.push_str("/* The achievement categories of the default scale */\n");
    for (i, colour) in CATEGORY_RAMP.iter().enumerate() {
        css.push_str(&format!(".kat-{}{{--kat:{}}}\n", i + 1, colour.hex()));
    }
    css
}

impl fmt::Display for Chart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.svg)
    }
}

impl From<Chart> for String {
    fn from(chart: Chart) -> String {
        chart.svg
    }
}

/// How to draw a chart: language, title, ids, width and the achievement scale.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartOptions {
    /// Labels and number format (`bahasa`).
    pub language: Language,
    /// Replaces the generated title.
    pub title: Option<String>,
    /// Prefix of the ids of `<title>` and `<desc>`, referenced by `aria-labelledby`; it must be
    /// unique on the page. `None`: no ids (the `<title>` still names the image).
    pub id: Option<String>,
    /// Ids of the page's elements that name and describe the chart (a `<figcaption>` with its
    /// title, the table of the same numbers), for a chart inlined beside them: it then refers
    /// to them (`aria-labelledby`, `aria-describedby`) instead of repeating them in its own
    /// `<title>` and `<desc>` (an empty title id: it keeps its `<title>`). `None`: the chart
    /// names and describes itself.
    pub described_by: Option<(String, String)>,
    /// Width of the drawing in px (the height follows the content); at least 360.
    pub width: u32,
    /// Names of the achievement scale, highest first (`[[kategori]]`), for the colour of the
    /// capaian labels.
    pub scale: Vec<String>,
}

impl ChartOptions {
    pub const DEFAULT_WIDTH: u32 = 640;

    /// Options with the default width and the default achievement scale.
    pub fn new(language: Language) -> ChartOptions {
        ChartOptions {
            language,
            title: None,
            id: None,
            described_by: None,
            width: Self::DEFAULT_WIDTH,
            scale: Category::default_scale()
                .into_iter()
                .map(|c| c.name)
                .collect(),
        }
    }

    pub fn with_title(mut self, title: impl Into<String>) -> ChartOptions {
        self.title = Some(title.into());
        self
    }

    /// Ids for `aria-labelledby`; characters other than ASCII letters, digits, `-` and `_`
    /// become `-`.
    pub fn with_id(mut self, id: &str) -> ChartOptions {
        let id: String = id
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '-'
                }
            })
            .collect();
        self.id = (!id.is_empty()).then_some(id);
        self
    }

    /// A chart inlined beside the elements of these ids, its title (`title_id`) and the table
    /// of its numbers (`desc_id`), which it refers to instead of repeating them.
    pub fn described_by(mut self, title_id: &str, desc_id: &str) -> ChartOptions {
        self.described_by = Some((title_id.to_string(), desc_id.to_string()));
        self
    }

    /// A chart named by its own `<title>` and described by the page's elements of these ids
    /// (separated by spaces: the tables of its numbers), which it refers to instead of
    /// repeating them in a `<desc>`.
    pub fn described_by_page(mut self, desc_ids: &str) -> ChartOptions {
        self.described_by = Some((String::new(), desc_ids.to_string()));
        self
    }

    /// A chart named by its own `<title>` and described by nothing: an image whose page says
    /// what it shows (its `alt`, the table of its numbers beside it).
    pub fn without_desc(mut self) -> ChartOptions {
        self.described_by = Some((String::new(), String::new()));
        self
    }

    pub fn with_width(mut self, width: u32) -> ChartOptions {
        self.width = width;
        self
    }

    /// The site's achievement scale (`Report::categories()`).
    pub fn with_scale(mut self, scale: &[Category]) -> ChartOptions {
        self.scale = scale.iter().map(|c| c.name.clone()).collect();
        self
    }

    fn width(&self) -> u32 {
        self.width.max(360)
    }

    fn numbers(&self) -> Numbers {
        Numbers::new(self.language)
    }

    fn words(&self) -> &'static Words {
        match self.language {
            Language::Indonesian => &ID,
            Language::English => &EN,
        }
    }

    fn category_fill(&self, name: Option<&str>) -> Colour {
        name.and_then(|name| self.scale.iter().position(|s| s == name))
            .map_or(NONE_FILL, |i| category_colour(i, self.scale.len()))
    }
}

/// A chart's width and height in px, from the `viewBox` of its `<svg>`.
pub fn size_of(svg: &str) -> (u32, u32) {
    svg::size(svg)
}

/// An sRGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Colour(pub u8, pub u8, pub u8);

impl Colour {
    /// `#rrggbb`.
    pub fn hex(self) -> String {
        svg::hex(self.rgb())
    }

    pub fn rgb(self) -> (u8, u8, u8) {
        (self.0, self.1, self.2)
    }

    /// Relative luminance (WCAG), 0 black to 1 white.
    pub fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    /// Black-ish or white text, whichever reads better on this colour.
    pub fn text_colour(self) -> Colour {
        // The contrast against white equals the contrast against INK at about this luminance.
        if self.luminance() > 0.2 {
            INK
        } else {
            Colour(0xff, 0xff, 0xff)
        }
    }

    fn plotters(self) -> RGBColor {
        RGBColor(self.0, self.1, self.2)
    }
}

impl fmt::Display for Colour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.hex())
    }
}

// ---------------------------------------------------------------------------------------------
// Palette

/// The five colours of the default scale, best first: dark green, light green, yellow, orange,
/// red. Neighbours differ in lightness too, and every category is also labelled by name.
const CATEGORY_RAMP: [Colour; 5] = [
    Colour(0x1a, 0x7f, 0x37),
    Colour(0x8c, 0xc2, 0x65),
    Colour(0xf2, 0xcc, 0x38),
    Colour(0xf0, 0x88, 0x3e),
    Colour(0xc9, 0x3c, 0x37),
];

/// The colour of the achievement category at `index` (0 = the highest, as in `[[kategori]]`)
/// of a scale of `count` categories. The default scale of five gets the ramp's five colours;
/// other lengths are spread evenly along it. Use it wherever a category is coloured (tables,
/// badges) so that pages and charts agree.
pub fn category_colour(index: usize, count: usize) -> Colour {
    if count <= 1 {
        return CATEGORY_RAMP[0];
    }
    let index = index.min(count - 1);
    let t = index as f64 / (count - 1) as f64 * (CATEGORY_RAMP.len() - 1) as f64;
    let lower = t.floor() as usize;
    let upper = (lower + 1).min(CATEGORY_RAMP.len() - 1);
    let f = t - lower as f64;
    let mix = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * f).round() as u8;
    let (a, b) = (CATEGORY_RAMP[lower], CATEGORY_RAMP[upper]);
    Colour(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// The colours of a scale of `count` categories, highest first.
pub fn category_palette(count: usize) -> Vec<Colour> {
    (0..count).map(|i| category_colour(i, count)).collect()
}

/// The colours of the series, for legends and tables outside the charts.
pub mod series {
    use super::Colour;
    /// Target bars (light, outlined) and the target line (dashed, hollow squares).
    pub const TARGET: Colour = Colour(0xd4, 0xde, 0xea);
    pub const TARGET_LINE: Colour = Colour(0x59, 0x6b, 0x80);
    /// Realisation bars and line (dark, solid, dots); also pagu's realisation.
    pub const REALISATION: Colour = Colour(0x1f, 0x4e, 0x79);
    /// Renstra yearly targets (dotted, diamonds).
    pub const RENSTRA: Colour = Colour(0x9a, 0x67, 0x00);
    /// The national standard (dash-dot line).
    pub const NATIONAL: Colour = Colour(0xb4, 0x23, 0x18);
    /// Budget absorption (serapan) bars.
    pub const ABSORPTION: Colour = Colour(0xe0, 0xb0, 0x40);
}

const INK: Colour = Colour(svg::INK.0, svg::INK.1, svg::INK.2);
const MUTED: Colour = Colour(0x57, 0x60, 0x6a);
const GRID: Colour = Colour(0xe1, 0xe5, 0xea);
const AXIS: Colour = Colour(0x8c, 0x95, 0x9f);
const OUTLINE: Colour = Colour(0x3d, 0x44, 0x4d);
const NONE_FILL: Colour = Colour(0xea, 0xee, 0xf2);
const WHITE_C: Colour = Colour(0xff, 0xff, 0xff);

// ---------------------------------------------------------------------------------------------
// Words

struct Words {
    target: &'static str,
    realisation: &'static str,
    achievement: &'static str,
    no_realisation: &'static str,
    no_achievement: &'static str,
    of_target: &'static str,
    quarter: &'static str,
    annual_target: &'static str,
    renstra_target: &'static str,
    national_standard: &'static str,
    budget: &'static str,
    spent: &'static str,
    absorption: &'static str,
    mean_achievement: &'static str,
    efficiency: &'static str,
    efficiency_points: &'static str,
    efficient: &'static str,
    not_efficient: &'static str,
    indicators: &'static str,
    lower_is_better: &'static str,
    no_indicators: &'static str,
    no_programmes: &'static str,
    no_data: &'static str,
    of: &'static str,
    unmeasured: &'static str,
    unit: &'static str,
    count_axis: &'static str,
    title_targets: &'static str,
    title_quarters: &'static str,
    title_trend: &'static str,
    title_categories: &'static str,
    title_budget: &'static str,
    title_efficiency: &'static str,
}

const ID: Words = Words {
    target: "Target",
    realisation: "Realisasi",
    achievement: "Capaian",
    no_realisation: "belum ada realisasi",
    no_achievement: "capaian belum dapat dihitung",
    of_target: "% terhadap target",
    quarter: "TW",
    annual_target: "Target tahunan",
    renstra_target: "Target Renstra",
    national_standard: "Standar nasional",
    budget: "Pagu",
    spent: "Realisasi anggaran",
    absorption: "Serapan",
    mean_achievement: "Rata-rata capaian",
    efficiency: "Efisiensi",
    efficiency_points: "Efisiensi (poin)",
    efficient: "efisien",
    not_efficient: "tidak efisien",
    indicators: "indikator",
    lower_is_better: "↓ makin rendah makin baik",
    no_indicators: "Tidak ada indikator",
    no_programmes: "Tidak ada program",
    no_data: "Belum ada data",
    of: "dari",
    unmeasured: "belum memiliki capaian",
    unit: "Satuan",
    count_axis: "Jumlah indikator",
    title_targets: "Target dan realisasi indikator kinerja",
    title_quarters: "Target dan realisasi per triwulan",
    title_trend: "Tren",
    title_categories: "Sebaran indikator per kategori capaian",
    title_budget: "Pagu dan realisasi anggaran per program",
    title_efficiency: "Serapan anggaran dan rata-rata capaian per program",
};

const EN: Words = Words {
    target: "Target",
    realisation: "Realisation",
    achievement: "Achievement",
    no_realisation: "no realisation yet",
    no_achievement: "achievement cannot be computed",
    of_target: "% of target",
    quarter: "Q",
    annual_target: "Annual target",
    renstra_target: "Renstra target",
    national_standard: "National standard",
    budget: "Budget ceiling",
    spent: "Spent",
    absorption: "Absorption",
    mean_achievement: "Mean achievement",
    efficiency: "Efficiency",
    efficiency_points: "Efficiency (points)",
    efficient: "efficient",
    not_efficient: "not efficient",
    indicators: "indicators",
    lower_is_better: "↓ lower is better",
    no_indicators: "No indicators",
    no_programmes: "No programmes",
    no_data: "No data yet",
    of: "of",
    unmeasured: "have no achievement yet",
    unit: "Unit",
    count_axis: "Number of indicators",
    title_targets: "Targets and realisations of the performance indicators",
    title_quarters: "Quarterly targets and realisations",
    title_trend: "Trend",
    title_categories: "Indicators per achievement category",
    title_budget: "Budget ceiling and spending per programme",
    title_efficiency: "Budget absorption and mean achievement per programme",
};

// ---------------------------------------------------------------------------------------------
// The charts

/// Target against realisation of the indicators of a sasaran or PK: one row per indicator
/// (name wrapped on the left), a light outlined target bar and a dark realisation bar on a common
/// "% of target" axis (the target is 100%, the realisation R/T; ordinal indicators by rank),
/// each bar labelled with its value in the indicator's unit, and the capaian on the right in the
/// colour of its category. An indicator without a realisation shows its target and a remark; a
/// target of 0 leaves no proportion to draw, so its bars have no length and only the values show;
/// a bar far beyond the others (ten times its target) is cut with a break mark.
pub fn targets_vs_realisations(
    indicators: &[(&Indicator, &IndicatorResult)],
    opts: &ChartOptions,
) -> Chart {
    let (w, n) = (opts.words(), opts.numbers());
    let title = opts
        .title
        .clone()
        .unwrap_or_else(|| w.title_targets.to_string());
    let mut desc = Vec::new();
    let rows = indicators
        .iter()
        .map(|(indicator, result)| {
            let (target_pct, realisation_pct) = relative(indicator, result);
            let target_text = target_text(n, &result.target);
            let realisation_text = result.realisation.as_ref().map(|r| value_text(n, r));
            desc.push(indicator_sentence(w, n, indicator, result));
            let mut bars = vec![Bar {
                value: target_pct,
                text: target_text,
                style: TARGET_BAR,
                muted: false,
            }];
            bars.push(match realisation_text {
                Some(text) => Bar {
                    value: realisation_pct,
                    text,
                    style: REALISATION_BAR,
                    muted: false,
                },
                None => Bar {
                    value: None,
                    text: w.no_realisation.to_string(),
                    style: REALISATION_BAR,
                    muted: true,
                },
            });
            Row {
                label: indicator.name.clone(),
                note: (*indicator.polarity == Polarity::Negative)
                    .then(|| w.lower_is_better.to_string()),
                bars,
                badge: Some(Badge {
                    text: result
                        .achievement
                        .map_or(text::DASH.to_string(), |a| n.percent(a)),
                    fill: opts.category_fill(result.category.as_deref()),
                }),
            }
        })
        .collect();
    let spec = HBars {
        legend: vec![
            (Swatch::Bar(TARGET_BAR), w.target.to_string()),
            (Swatch::Bar(REALISATION_BAR), w.realisation.to_string()),
        ],
        badge_header: Some(w.achievement.to_string()),
        rows,
        axis: Axis::Percent,
        reference: Some(100.0),
        axis_note: Some(w.of_target.to_string()),
        footnote: None,
        empty: w.no_indicators.to_string(),
    };
    let desc = if desc.is_empty() {
        format!("{}.", w.no_indicators)
    } else {
        desc.join(" ")
    };
    let key = match indicators {
        [] => String::new(),
        [(indicator, result)] => key::indicator(opts.language, n, indicator, result),
        _ => key::targets(
            opts.language,
            &indicators.iter().map(|(_, r)| *r).collect::<Vec<_>>(),
        ),
    };
    finish(opts, title, desc, |frame| draw_hbars(frame, &spec)).with_key(key)
}

/// The quarters of one indicator: the quarterly targets `T_q` (dashed, hollow squares) and the
/// realisations `R_q` (solid, dots) over TW1–TW4, each point labelled; without quarterly targets
/// the annual target is a reference line. Ordinal indicators are drawn by rank with the words of
/// their scale on the axis.
/// The title of an indicator's quarter chart on a page about that indicator, which names it
/// already: "Target dan realisasi per triwulan" (the chart's own title adds the name).
pub fn quarters_title(language: Language) -> String {
    ChartOptions::new(language)
        .words()
        .title_quarters
        .to_string()
}

pub fn quarterly_progress(
    indicator: &Indicator,
    result: &IndicatorResult,
    opts: &ChartOptions,
) -> Chart {
    let (w, n) = (opts.words(), opts.numbers());
    let title = opts
        .title
        .clone()
        .unwrap_or_else(|| format!("{}: {}", w.title_quarters, indicator.name));
    let ordinal = indicator.is_ordinal();
    let plot = |v: &Value| plot_value(indicator, v);
    let targets: Vec<Option<f64>> = crate::model::Quarter::ALL
        .iter()
        .map(|&q| {
            if ordinal {
                None
            } else {
                indicator.quarter_target(q).filter(|t| t.is_finite())
            }
        })
        .collect();
    let realisations: Vec<Option<(f64, String)>> = crate::model::Quarter::ALL
        .iter()
        .map(|&q| {
            result
                .quarters
                .iter()
                .find(|r| r.quarter == q)
                .and_then(|r| Some((plot(&r.realisation)?, value_text(n, &r.realisation))))
        })
        .collect();

    let mut sentences = vec![format!(
        "{} ({}).",
        indicator.name,
        unit_or_dash(&indicator.unit)
    )];
    for (i, q) in crate::model::Quarter::ALL.iter().enumerate() {
        let quarter = result.quarters.iter().find(|r| r.quarter == *q);
        let mut parts = Vec::new();
        if let Some(t) = targets[i] {
            parts.push(format!("{} {}", w.target.to_lowercase(), n.number(t, 2)));
        }
        match quarter {
            Some(r) => {
                parts.push(format!(
                    "{} {}",
                    w.realisation.to_lowercase(),
                    value_text(n, &r.realisation)
                ));
                if let Some(a) = r.achievement {
                    parts.push(format!("{} {}", w.achievement.to_lowercase(), n.percent(a)));
                }
            }
            None => parts.push(w.no_realisation.to_string()),
        }
        sentences.push(format!(
            "{}{}: {}.",
            w.quarter,
            q.number(),
            parts.join(", ")
        ));
    }
    let mut hlines = Vec::new();
    let has_quarter_targets = targets.iter().any(Option::is_some);
    if let Target::Range { min, max } = result.target {
        // A range target: its two bounds, each a line of its own.
        let label = format!("{} {}", w.annual_target, target_text(n, &result.target));
        sentences.push(format!("{label}."));
        for bound in [min, max].into_iter().filter(|b| b.is_finite()) {
            hlines.push(HLine {
                value: bound,
                label: format!("{} {}", w.annual_target, n.number(bound, 2)),
                style: ANNUAL_TARGET_LINE,
            });
        }
    } else if !has_quarter_targets && let Some(t) = plot_target(indicator, &result.target) {
        let label = format!("{} {}", w.annual_target, target_text(n, &result.target));
        sentences.push(format!("{label}."));
        hlines.push(HLine {
            value: t,
            label,
            style: ANNUAL_TARGET_LINE,
        });
    }

    let mut series = Vec::new();
    if has_quarter_targets {
        series.push(Trace {
            style: TARGET_LINE,
            emphasis: false,
            points: targets.clone(),
            labels: targets.iter().map(|t| t.map(|t| n.number(t, 2))).collect(),
        });
    }
    series.push(Trace {
        style: REALISATION_LINE,
        emphasis: true,
        points: realisations
            .iter()
            .map(|r| r.as_ref().map(|r| r.0))
            .collect(),
        labels: realisations
            .iter()
            .map(|r| r.as_ref().map(|r| r.1.clone()))
            .collect(),
    });
    let mut legend = vec![(Swatch::Line(REALISATION_LINE), w.realisation.to_string())];
    legend.push(match has_quarter_targets {
        true => (Swatch::Line(TARGET_LINE), w.target.to_string()),
        false => (
            Swatch::Line(ANNUAL_TARGET_LINE),
            w.annual_target.to_string(),
        ),
    });
    let spec = Lines {
        legend,
        xs: (1..=4)
            .map(|q| (f64::from(q), format!("{}{q}", w.quarter)))
            .collect(),
        series,
        hlines,
        y_words: ordinal_words(indicator),
        unit: format!("{}: {}", w.unit, unit_or_dash(&indicator.unit)),
        note: realisations
            .iter()
            .all(Option::is_none)
            .then(|| capitalise(w.no_realisation)),
    };
    finish(opts, title, sentences.join(" "), |frame| {
        draw_lines(frame, &spec)
    })
    .with_key(key::indicator(opts.language, n, indicator, result))
}

/// The trend of one indicator over the years of its history: PK targets (dashed, hollow
/// squares), realisations (solid, dots, labelled), the Renstra's yearly targets (dotted,
/// diamonds) and `standar_nasional` as a labelled reference line. `renstra_targets` are the
/// Renstra's `(year, target)` pairs for this indicator ([`renstra_targets`]), empty when the
/// Renstra does not have it.
pub fn trend(
    indicator: &Indicator,
    result: &IndicatorResult,
    renstra_targets: &[(i32, f64)],
    opts: &ChartOptions,
) -> Chart {
    let (w, n) = (opts.words(), opts.numbers());
    let ordinal = indicator.is_ordinal();
    let renstra: Vec<(i32, f64)> = if ordinal {
        Vec::new()
    } else {
        renstra_targets
            .iter()
            .copied()
            .filter(|(_, t)| t.is_finite())
            .collect()
    };
    let mut years: Vec<i32> = result
        .history
        .iter()
        .map(|h| h.year)
        .chain(renstra.iter().map(|(y, _)| *y))
        .collect();
    years.sort_unstable();
    years.dedup();
    let span = match (years.first(), years.last()) {
        (Some(a), Some(b)) if a != b => format!(", {a}–{b}"),
        (Some(a), _) => format!(", {a}"),
        _ => String::new(),
    };
    let title = opts
        .title
        .clone()
        .unwrap_or_else(|| format!("{} {}{span}", w.title_trend, indicator.name));
    let plot = |v: &Value| plot_value(indicator, v);
    let history = |year: i32| result.history.iter().find(|h| h.year == year);
    let targets: Vec<Option<f64>> = years
        .iter()
        .map(|&y| history(y).and_then(|h| plot_target(indicator, &h.target)))
        .collect();
    let realisations: Vec<Option<(f64, String)>> = years
        .iter()
        .map(|&y| {
            let r = history(y)?.realisation.as_ref()?;
            Some((plot(r)?, value_text(n, r)))
        })
        .collect();
    let renstra_points: Vec<Option<f64>> = years
        .iter()
        .map(|&y| renstra.iter().find(|(ry, _)| *ry == y).map(|(_, t)| *t))
        .collect();

    let mut sentences = vec![format!(
        "{} ({}).",
        indicator.name,
        unit_or_dash(&indicator.unit)
    )];
    for h in &result.history {
        let mut parts = vec![format!(
            "{} {}",
            w.target.to_lowercase(),
            target_text(n, &h.target)
        )];
        match &h.realisation {
            Some(r) => {
                parts.push(format!(
                    "{} {}",
                    w.realisation.to_lowercase(),
                    value_text(n, r)
                ));
                if let Some(a) = h.achievement {
                    parts.push(format!("{} {}", w.achievement.to_lowercase(), n.percent(a)));
                }
            }
            None => parts.push(w.no_realisation.to_string()),
        }
        sentences.push(format!("{}: {}.", h.year, parts.join(", ")));
    }
    if !renstra.is_empty() {
        let list: Vec<String> = renstra
            .iter()
            .map(|(y, t)| format!("{y} {}", n.number(*t, 2)))
            .collect();
        sentences.push(format!("{}: {}.", w.renstra_target, list.join("; ")));
    }
    let mut hlines = Vec::new();
    if let Some(national) = result.national.as_ref().filter(|c| c.standard.is_finite()) {
        let label = format!("{} {}", w.national_standard, n.number(national.standard, 2));
        sentences.push(format!("{label}."));
        hlines.push(HLine {
            value: national.standard,
            label,
            style: NATIONAL_LINE,
        });
    }

    let mut legend = vec![
        (Swatch::Line(REALISATION_LINE), w.realisation.to_string()),
        (Swatch::Line(TARGET_LINE), w.target.to_string()),
    ];
    let mut series = vec![Trace {
        style: TARGET_LINE,
        emphasis: false,
        points: targets,
        labels: Vec::new(),
    }];
    if !renstra.is_empty() {
        legend.push((Swatch::Line(RENSTRA_LINE), w.renstra_target.to_string()));
        series.push(Trace {
            style: RENSTRA_LINE,
            emphasis: false,
            points: renstra_points,
            labels: Vec::new(),
        });
    }
    if !hlines.is_empty() {
        legend.push((Swatch::Line(NATIONAL_LINE), w.national_standard.to_string()));
    }
    series.push(Trace {
        style: REALISATION_LINE,
        emphasis: true,
        points: realisations
            .iter()
            .map(|r| r.as_ref().map(|r| r.0))
            .collect(),
        labels: realisations
            .iter()
            .map(|r| r.as_ref().map(|r| r.1.clone()))
            .collect(),
    });
    let no_data = years.is_empty();
    let spec = Lines {
        legend,
        xs: years
            .iter()
            .map(|&y| (f64::from(y), y.to_string()))
            .collect(),
        series,
        hlines,
        y_words: ordinal_words(indicator),
        unit: format!("{}: {}", w.unit, unit_or_dash(&indicator.unit)),
        note: if no_data {
            Some(w.no_data.to_string())
        } else {
            realisations
                .iter()
                .all(Option::is_none)
                .then(|| capitalise(w.no_realisation))
        },
    };
    finish(opts, title, sentences.join(" "), |frame| {
        draw_lines(frame, &spec)
    })
    .with_key(key::trend(opts.language, n, indicator, result))
}

/// How many indicators fall in each achievement category: one bar per category of the scale
/// (highest first) in its colour, labelled with its name, its count and its share of the
/// indicators that have a capaian; the mean and the indicators without a capaian in a note.
pub fn category_distribution(summary: &Summary, opts: &ChartOptions) -> Chart {
    let (w, n) = (opts.words(), opts.numbers());
    let title = opts
        .title
        .clone()
        .unwrap_or_else(|| w.title_categories.to_string());
    let count = summary.categories.len();
    let measured: usize = summary.categories.iter().map(|c| c.count).sum();
    let rows = summary
        .categories
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let share = (measured > 0).then(|| c.count as f64 / measured as f64 * 100.0);
            let text = match share {
                Some(s) => format!("{} ({})", c.count, n.percent(s)),
                None => c.count.to_string(),
            };
            let fill = category_colour(i, count);
            Row {
                label: c.name.clone(),
                note: None,
                bars: vec![Bar {
                    value: Some(c.count as f64),
                    text,
                    style: BarStyle {
                        fill,
                        outline: OUTLINE,
                        class: "bar kategori",
                    },
                    muted: false,
                }],
                badge: None,
            }
        })
        .collect();
    let counts: Vec<String> = summary
        .categories
        .iter()
        .map(|c| format!("{} {}", c.name, c.count))
        .collect();
    let mut desc = format!(
        "{} {} {} {}: {}.",
        summary.measured,
        w.of,
        summary.indicators,
        w.indicators,
        counts.join(", ")
    );
    let mut foot = Vec::new();
    if let Some(mean) = summary.mean_achievement {
        let mean = format!("{} {}", w.mean_achievement, n.percent(mean));
        desc.push_str(&format!(" {mean}."));
        foot.push(mean);
    }
    let unmeasured = summary.indicators.saturating_sub(summary.measured);
    if unmeasured > 0 {
        let text = format!(
            "{unmeasured} {} {} {} {}",
            w.of, summary.indicators, w.indicators, w.unmeasured
        );
        desc.push_str(&format!(" {}.", capitalise(&text)));
        foot.push(text);
    }
    let spec = HBars {
        legend: Vec::new(),
        badge_header: None,
        rows,
        axis: Axis::Count,
        reference: None,
        axis_note: Some(w.count_axis.to_string()),
        footnote: (!foot.is_empty()).then(|| foot.join(" · ")),
        empty: w.no_data.to_string(),
    };
    finish(opts, title, desc, |frame| draw_hbars(frame, &spec)).with_key(key::categories(
        opts.language,
        n,
        summary,
    ))
}

/// pagu against realisasi of each programme: a light outlined bar for the budget ceiling and a
/// dark one for what was spent, on a common rupiah axis (`Rp 1,25 M`), each labelled, with the
/// serapan on the right.
pub fn budget(programmes: &[(&Programme, &ProgrammeResult)], opts: &ChartOptions) -> Chart {
    let (w, n) = (opts.words(), opts.numbers());
    let title = opts
        .title
        .clone()
        .unwrap_or_else(|| w.title_budget.to_string());
    let mut desc = Vec::new();
    let rows = programmes
        .iter()
        .map(|(programme, result)| {
            let (pagu, spent) = (result.budget.0 as f64, result.spent.0 as f64);
            let absorption = result
                .absorption
                .map_or(text::DASH.to_string(), |a| n.percent(a));
            desc.push(format!(
                "{}: {} {}, {} {}, {} {}.",
                programme.name,
                w.budget.to_lowercase(),
                n.rupiah(pagu),
                w.spent.to_lowercase(),
                n.rupiah(spent),
                w.absorption.to_lowercase(),
                absorption
            ));
            Row {
                label: programme.name.clone(),
                note: None,
                bars: vec![
                    Bar {
                        value: Some(pagu),
                        text: n.rupiah_short(pagu),
                        style: BarStyle {
                            class: "bar pagu",
                            ..TARGET_BAR
                        },
                        muted: false,
                    },
                    Bar {
                        value: Some(spent),
                        text: n.rupiah_short(spent),
                        style: REALISATION_BAR,
                        muted: false,
                    },
                ],
                badge: Some(Badge {
                    text: absorption,
                    fill: NONE_FILL,
                }),
            }
        })
        .collect();
    let spec = HBars {
        legend: vec![
            (
                Swatch::Bar(BarStyle {
                    class: "bar pagu",
                    ..TARGET_BAR
                }),
                w.budget.to_string(),
            ),
            (Swatch::Bar(REALISATION_BAR), w.spent.to_string()),
        ],
        badge_header: Some(w.absorption.to_string()),
        rows,
        axis: Axis::Rupiah,
        reference: None,
        axis_note: None,
        footnote: None,
        empty: w.no_programmes.to_string(),
    };
    let desc = if desc.is_empty() {
        format!("{}.", w.no_programmes)
    } else {
        desc.join(" ")
    };
    let results: Vec<&ProgrammeResult> = programmes.iter().map(|(_, r)| *r).collect();
    finish(opts, title, desc, |frame| draw_hbars(frame, &spec)).with_key(key::budget(
        opts.language,
        n,
        &results,
    ))
}

/// Efficiency of each programme: its serapan (budget absorbed, %) beside the mean capaian of the
/// indicators of its goals, on a common percent axis, with the efisiensi (capaian − serapan, in
/// points; ≥ 0 reads "efisien") on the right, green when efficient and red when not.
pub fn efficiency(programmes: &[(&Programme, &ProgrammeResult)], opts: &ChartOptions) -> Chart {
    let (w, n) = (opts.words(), opts.numbers());
    let title = opts
        .title
        .clone()
        .unwrap_or_else(|| w.title_efficiency.to_string());
    let mut desc = Vec::new();
    let rows = programmes
        .iter()
        .map(|(programme, result)| {
            let pct = |v: Option<f64>| v.map_or(text::DASH.to_string(), |v| n.percent(v));
            let verdict = match result.efficiency {
                Some(e) if e >= 0.0 => format!("{} ({})", n.points(e), w.efficient),
                Some(e) => format!("{} ({})", n.points(e), w.not_efficient),
                None => text::DASH.to_string(),
            };
            desc.push(format!(
                "{}: {} {}, {} {}, {} {}.",
                programme.name,
                w.absorption.to_lowercase(),
                pct(result.absorption),
                w.mean_achievement.to_lowercase(),
                pct(result.mean_achievement),
                w.efficiency.to_lowercase(),
                verdict
            ));
            let bar = |value: Option<f64>, style: BarStyle| match value {
                Some(v) => Bar {
                    value: Some(v),
                    text: n.percent(v),
                    style,
                    muted: false,
                },
                None => Bar {
                    value: None,
                    text: text::DASH.to_string(),
                    style,
                    muted: true,
                },
            };
            Row {
                label: programme.name.clone(),
                note: None,
                bars: vec![
                    bar(result.absorption, ABSORPTION_BAR),
                    bar(
                        result.mean_achievement,
                        BarStyle {
                            class: "bar capaian",
                            ..REALISATION_BAR
                        },
                    ),
                ],
                badge: Some(Badge {
                    text: result
                        .efficiency
                        .map_or(text::DASH.to_string(), |e| n.points(e)),
                    fill: match result.efficiency {
                        Some(e) if e >= 0.0 => CATEGORY_RAMP[0],
                        Some(_) => CATEGORY_RAMP[4],
                        None => NONE_FILL,
                    },
                }),
            }
        })
        .collect();
    let spec = HBars {
        legend: vec![
            (Swatch::Bar(ABSORPTION_BAR), w.absorption.to_string()),
            (
                Swatch::Bar(BarStyle {
                    class: "bar capaian",
                    ..REALISATION_BAR
                }),
                w.mean_achievement.to_string(),
            ),
        ],
        badge_header: Some(w.efficiency_points.to_string()),
        rows,
        axis: Axis::Percent,
        reference: Some(100.0),
        axis_note: None,
        footnote: None,
        empty: w.no_programmes.to_string(),
    };
    let desc = if desc.is_empty() {
        format!("{}.", w.no_programmes)
    } else {
        desc.join(" ")
    };
    let results: Vec<&ProgrammeResult> = programmes.iter().map(|(_, r)| *r).collect();
    finish(opts, title, desc, |frame| draw_hbars(frame, &spec))
        .with_key(key::efficiency(opts.language, &results))
}

/// The Renstra's yearly targets of one indicator as `(year, target)`, oldest first; keys that
/// are not years are skipped.
pub fn renstra_targets(indicator: &RenstraIndicator) -> Vec<(i32, f64)> {
    let mut targets: Vec<(i32, f64)> = indicator
        .targets
        .iter()
        .filter_map(|(year, t)| Some((year.trim().parse().ok()?, t.value.as_number()?)))
        .collect();
    targets.sort_by_key(|(year, _)| *year);
    targets
}

// ---------------------------------------------------------------------------------------------
// Values

/// (target, realisation) in percent of the target: the target is 100, the realisation R/T × 100
/// (ordinal: by rank). With a target of 0 no proportion exists: the target bar is 0 and the
/// realisation is drawn only when it is 0 as well.
fn relative(indicator: &Indicator, result: &IndicatorResult) -> (Option<f64>, Option<f64>) {
    let finite = |v: f64| v.is_finite().then_some(v);
    let Some(t) = plot_target(indicator, &result.target) else {
        return (None, None);
    };
    let r = result
        .realisation
        .as_ref()
        .and_then(|r| plot_value(indicator, r));
    if t == 0.0 {
        return (Some(0.0), r.filter(|r| *r == 0.0));
    }
    (Some(100.0), r.and_then(|r| finite(r / t * 100.0)))
}

/// The position of a value on a value axis: the number, or the rank of an ordinal word.
fn plot_value(indicator: &Indicator, value: &Value) -> Option<f64> {
    match value {
        Value::Number(v) => v.is_finite().then_some(*v),
        Value::Word(word) => indicator.rank(word).map(|r| r as f64),
    }
}

/// Where a target is drawn: a number, the rank of a word, the middle of a range (whose bounds
/// the label gives).
fn plot_target(indicator: &Indicator, target: &Target) -> Option<f64> {
    match target {
        Target::Number(v) => v.is_finite().then_some(*v),
        Target::Word(word) => indicator.rank(word).map(|r| r as f64),
        Target::Range { min, max } => {
            let middle = (min + max) / 2.0;
            middle.is_finite().then_some(middle)
        }
    }
}

/// A target as the charts write it; a range as "8–12".
fn target_text(n: Numbers, target: &Target) -> String {
    match target {
        Target::Number(v) => n.number(*v, 2),
        Target::Word(word) => word.clone(),
        Target::Range { min, max } => format!("{}–{}", n.number(*min, 2), n.number(*max, 2)),
    }
}

fn value_text(n: Numbers, value: &Value) -> String {
    match value {
        Value::Number(v) => n.number(*v, 2),
        Value::Word(word) => word.clone(),
    }
}

fn ordinal_words(indicator: &Indicator) -> Option<Vec<String>> {
    indicator.scale.as_ref().map(|s| s.value.clone())
}

fn unit_or_dash(unit: &str) -> &str {
    if unit.trim().is_empty() {
        text::DASH
    } else {
        unit
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn indicator_sentence(
    w: &Words,
    n: Numbers,
    indicator: &Indicator,
    result: &IndicatorResult,
) -> String {
    let unit = |text: String| {
        if indicator.unit.trim().is_empty() || indicator.is_ordinal() {
            text
        } else {
            format!("{text} {}", indicator.unit)
        }
    };
    let mut parts = vec![format!(
        "{} {}",
        w.target.to_lowercase(),
        unit(target_text(n, &result.target))
    )];
    match &result.realisation {
        Some(r) => {
            parts.push(format!(
                "{} {}",
                w.realisation.to_lowercase(),
                unit(value_text(n, r))
            ));
            match result.achievement {
                Some(a) => {
                    let category = result
                        .category
                        .as_ref()
                        .map(|c| format!(" ({c})"))
                        .unwrap_or_default();
                    parts.push(format!(
                        "{} {}{category}",
                        w.achievement.to_lowercase(),
                        n.percent(a)
                    ));
                }
                None => parts.push(w.no_achievement.to_string()),
            }
        }
        None => parts.push(w.no_realisation.to_string()),
    }
    format!("{}: {}.", indicator.name, parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The badge component writes a category's colour inline only when it is not its class's
    /// in the stylesheet: the component's list of class and colour pairs is the ramp's.
    #[test]
    fn the_badges_colours_by_class_are_the_ramps() {
        let component = include_str!("../themes/default/templates/components.html");
        let css = stylesheet();
        let pairs: Vec<String> = CATEGORY_RAMP
            .iter()
            .enumerate()
            .map(|(i, c)| format!("kat-{}{}", i + 1, c.hex()))
            .collect();
        assert!(component.contains(&format!("in \"{}\"", pairs.join(" "))));
        for (i, c) in CATEGORY_RAMP.iter().enumerate() {
            assert!(css.contains(&format!(".kat-{}{{--kat:{}}}", i + 1, c.hex())));
            // The default scale of five gets the ramp's colours in order.
            assert_eq!(category_colour(i, 5), *c);
        }
    }
}
