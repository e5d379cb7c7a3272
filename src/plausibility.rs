//! Plausibility: values that are valid data but that the editor probably did not
//! mean, and what they probably meant.
//!
//! Each rule is a pure function over the model that returns [`Concern`]s: the values involved
//! and where the questionable one is written. The place is a type parameter `L`: validation
//! passes a [`Loc`] (file and span) and turns the concerns into warnings; an import passes the
//! row a value comes from and checks the rows with the same rules before it writes them. The
//! words of each concern live here too ([`Concern::said`]), so that both say the same thing.
//!
//! The rules:
//! - a negative realisation or target of a unit that cannot be negative (a count, share,
//!   index, amount or rate; a growth rate such as `laju pertumbuhan` may be negative), and any
//!   negative target, against which no capaian is computed;
//! - a thousands separator read as a decimal point: TOML reads `nilai = 1.550` as 1,55. A count
//!   written with exactly three decimals (`1.550`, `12.000`), or a value about 1000 times
//!   smaller or larger than what it answers to: a realisation its quarter's target (else the
//!   year's other realisations), a target the year's other targets; else two or more other
//!   years that agree among themselves (also for a whole year written 1000 times off). Targets
//!   are trusted before realisations: of a target and one realisation 1000 times apart, the
//!   realisation is questioned;
//! - a realisation over three times its target (a typo), unless it is already one of the above;
//! - quarterly realisations of a `jumlah` indicator that look cumulative;
//! - `target_triwulan` inconsistent with `target` (the targets are as of each quarter's end, so
//!   the fourth is the year's);
//! - a realisation of a quarter that has not ended by the report date;
//! - a PK target different from the Renstra's for that year;
//! - a year folder outside the Renstra period and far from the report date;
//! - a circular chain of `atasan`;
//! - SOP steps not numbered 1 to n;
//! - a `proses.toml` date outside the year and the following one.
//!
//! A value gets at most one concern about its size: a negative value is not also a thousands
//! slip, a thousands slip is not also "over three times its target".

use std::collections::{BTreeMap, BTreeSet};
use std::ops::RangeInclusive;

use crate::compute::YearPeriod;
use crate::finding::say;
use crate::format::Format;
use crate::model::{
    Accumulation, Date, Indicator, Language, Loc, Official, Polarity, Quarter, Report, Sop, Target,
};

/// How far apart a value and its neighbours are when a thousands separator was read as a
/// decimal point: about 1000 times, give or take the spread of real data.
pub const SLIP_RATIO: RangeInclusive<f64> = 300.0..=3000.0;

/// A realisation over this many times its target is likely a typo.
pub const OVER_TARGET: f64 = 3.0;

/// The first year of the government's performance reports (SAKIP, Inpres 7/1999): a year
/// folder before it is a typo.
pub const FIRST_REPORT_YEAR: i32 = 1999;

// ---------------------------------------------------------------------------------------------
// Units

/// What a unit (`satuan`) measures, read from its words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnitKind {
    /// Whole things counted: `orang`, `kasus`, `dokumen`, `kegiatan`, `anak`, …
    Count,
    /// A share: `%`, `persen`, `% PUS`.
    Percent,
    /// An index or score: `indeks`, `nilai`, `skor`, `poin`.
    Index,
    /// Money: `rupiah`, `Rp`.
    Money,
    /// A rate per some population: `anak per WUS`, `per 1.000 perempuan`.
    Rate,
    /// Anything else (`predikat`, `hari`, a unit not known here): no rule assumes its sign or
    /// that it is whole.
    Other,
}

/// Words of units that count whole things.
const COUNT_WORDS: &[&str] = &[
    "orang",
    "jiwa",
    "anak",
    "balita",
    "remaja",
    "perempuan",
    "korban",
    "kasus",
    "dokumen",
    "kegiatan",
    "unit",
    "lembaga",
    "instansi",
    "organisasi",
    "keluarga",
    "kk",
    "desa",
    "kelurahan",
    "kecamatan",
    "sekolah",
    "kelompok",
    "laporan",
    "layanan",
    "lokasi",
    "akseptor",
    "peserta",
    "pasangan",
    "pus",
    "kader",
    "paket",
    "buah",
    "kali",
    "forum",
    "posyandu",
    "regulasi",
    "kebijakan",
    "rekomendasi",
    "program",
    "perusahaan",
    "pengaduan",
    "aduan",
    "sertifikat",
    "fasilitas",
    "titik",
];

/// Words of index and score units.
const INDEX_WORDS: &[&str] = &["indeks", "index", "nilai", "skor", "poin", "score"];

/// Words in an indicator's name or unit that say it measures a change, which may be negative.
const CHANGE_WORDS: &[&str] = &[
    "laju",
    "pertumbuhan",
    "perubahan",
    "selisih",
    "kenaikan",
    "penurunan",
    "peningkatan",
    "inflasi",
    "deviasi",
    "growth",
    "change",
];

fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

impl UnitKind {
    /// The kind of a `satuan`. A share or rate wins over the thing counted (`% PUS`,
    /// `anak per WUS` are not counts of people).
    pub fn of(unit: &str) -> UnitKind {
        let words: Vec<String> = words(unit).collect();
        let has = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
        if unit.contains('%') || has(&["persen", "persentase", "percent"]) {
            UnitKind::Percent
        } else if has(&["rp", "rupiah"]) {
            UnitKind::Money
        } else if unit.contains('/') || has(&["per", "rasio", "rate", "ratio"]) {
            UnitKind::Rate
        } else if has(INDEX_WORDS) {
            UnitKind::Index
        } else if has(COUNT_WORDS) {
            UnitKind::Count
        } else {
            UnitKind::Other
        }
    }
}

/// Whether the values of an indicator (by its name and unit) cannot be below zero: a count,
/// share, index, amount or rate that does not measure a change.
pub fn never_negative(name: &str, unit: &str) -> bool {
    let measures_change = words(name)
        .chain(words(unit))
        .any(|w| CHANGE_WORDS.contains(&w.as_str()));
    !measures_change && UnitKind::of(unit) != UnitKind::Other
}

// ---------------------------------------------------------------------------------------------
// What the rules look at

/// Which number of an indicator a value is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quantity {
    /// `nilai` of a quarter.
    Realisation(Quarter),
    /// The year's `target`.
    Target,
    /// `target_min` of a range.
    TargetMin,
    /// `target_maks` of a range.
    TargetMax,
    /// `target_triwulan` of a quarter.
    QuarterTarget(Quarter),
}

impl Quantity {
    pub fn is_target(self) -> bool {
        !matches!(self, Quantity::Realisation(_))
    }

    /// The key it is written under.
    pub fn key(self) -> &'static str {
        match self {
            Quantity::Realisation(_) => "nilai",
            Quantity::Target => "target",
            Quantity::TargetMin => "target_min",
            Quantity::TargetMax => "target_maks",
            Quantity::QuarterTarget(_) => "target_triwulan",
        }
    }

    fn words(self, language: Language) -> String {
        match self {
            Quantity::Realisation(q) => say(
                language,
                format!("realisasi triwulan {}", q.number()),
                format!("the realisation of triwulan {}", q.number()),
            ),
            Quantity::Target => say(language, "target", "the target"),
            Quantity::TargetMin => say(language, "target_min", "`target_min`"),
            Quantity::TargetMax => say(language, "target_maks", "`target_maks`"),
            Quantity::QuarterTarget(q) => say(
                language,
                format!("target triwulan {}", q.number()),
                format!("the triwulan {} target", q.number()),
            ),
        }
    }
}

/// One number of an indicator as it was written.
#[derive(Clone, Debug)]
pub struct Written<'a, L> {
    pub quantity: Quantity,
    pub value: f64,
    /// The text it was written as, when known: `1.550` and `1.55` are the same number.
    pub text: Option<&'a str>,
    pub at: L,
}

/// One indicator in one year: its numbers as written, and what they are compared with.
#[derive(Clone, Debug)]
pub struct IndicatorYear<'a, L> {
    pub indicator: &'a Indicator,
    pub year: i32,
    /// This year's numbers: targets and realisations, at most one realisation per quarter.
    pub numbers: Vec<Written<'a, L>>,
    /// The same indicator id's numbers in the other year folders, with their year.
    pub other_years: Vec<(i32, f64)>,
    /// The Renstra's target for this year, where the Renstra lists the indicator.
    pub renstra: Option<f64>,
    /// The report date (`tanggal_laporan`, else today).
    pub report_date: Date,
}

impl<'a, L> IndicatorYear<'a, L> {
    /// The numbers of `indicator` in `year` with no realisation yet: its targets, each at the
    /// place `at` gives for it. Add the realisations with [`IndicatorYear::realisation`].
    pub fn new(
        indicator: &'a Indicator,
        year: i32,
        report_date: Date,
        mut at: impl FnMut(Quantity, &crate::model::Span) -> (L, Option<&'a str>),
    ) -> Self {
        let mut numbers = Vec::new();
        let mut push = |quantity, value: f64, span: &crate::model::Span| {
            let (place, text) = at(quantity, span);
            numbers.push(Written {
                quantity,
                value,
                text,
                at: place,
            });
        };
        if *indicator.polarity == Polarity::Stable {
            if let Some(min) = &indicator.target_min {
                push(Quantity::TargetMin, min.value, &min.span);
            }
            if let Some(max) = &indicator.target_max {
                push(Quantity::TargetMax, max.value, &max.span);
            }
        } else if let Some(t) = &indicator.target
            && let Some(n) = t.value.as_number()
        {
            push(Quantity::Target, n, &t.span);
        }
        if let Some(targets) = &indicator.quarter_targets
            && targets.len() == 4
        {
            for (q, t) in Quarter::ALL.into_iter().zip(targets.iter()) {
                push(Quantity::QuarterTarget(q), t.value, &t.span);
            }
        }
        IndicatorYear {
            indicator,
            year,
            numbers,
            other_years: Vec::new(),
            renstra: None,
            report_date,
        }
    }

    /// Adds the realisation of a quarter (numbers only; words are ordinal).
    pub fn realisation(&mut self, quarter: Quarter, value: f64, text: Option<&'a str>, at: L) {
        self.numbers.push(Written {
            quantity: Quantity::Realisation(quarter),
            value,
            text,
            at,
        });
    }
}

/// An indicator's numbers with the year of each.
type YearNumbers = Vec<(i32, f64)>;

/// The numbers (targets and realisations) of every indicator id in every year, with their
/// year: what [`IndicatorYear::other_years`] is taken from.
pub fn numbers_by_indicator(report: &Report) -> BTreeMap<&str, Vec<(i32, f64)>> {
    use rayon::prelude::*;
    // Each year apart, one per core, then joined in the years' order.
    let years: Vec<Vec<(&str, YearNumbers)>> = report
        .years
        .par_iter()
        .map(|(&key, year)| year_numbers(key, year))
        .collect();
    let mut numbers: BTreeMap<&str, Vec<(i32, f64)>> = BTreeMap::new();
    for (id, list) in years.into_iter().flatten() {
        numbers.entry(id).or_default().extend(list);
    }
    numbers
}

/// The numbers of each indicator of one year, in the order of its PKs and their indicators:
/// the targets, then the realisations in the order of the entries.
fn year_numbers(key: i32, year: &crate::model::Year) -> Vec<(&str, Vec<(i32, f64)>)> {
    let mut numbers = Vec::new();
    for pk in &year.pks {
        // The PK's realised numbers by indicator, read once for all its indicators.
        let mut realised: std::collections::HashMap<&str, Vec<f64>> =
            std::collections::HashMap::new();
        let entries = year
            .realisations
            .get(&pk.id)
            .into_iter()
            .flat_map(|r| &r.entries);
        for entry in entries {
            if let Some(value) = entry.value.as_number() {
                realised
                    .entry(entry.indicator.as_str())
                    .or_default()
                    .push(value);
            }
        }
        for (_, indicator) in pk.indicators() {
            let targets = indicator
                .target
                .iter()
                .filter_map(|t| t.value.as_number())
                .chain(indicator.target_min.iter().map(|t| t.value))
                .chain(indicator.target_max.iter().map(|t| t.value))
                .chain(
                    indicator
                        .quarter_targets
                        .iter()
                        .flat_map(|q| q.iter().map(|t| t.value)),
                );
            let realised = realised.get(indicator.id.as_str()).into_iter().flatten();
            let list = targets.chain(realised.copied()).map(|v| (key, v)).collect();
            numbers.push((indicator.id.as_str(), list));
        }
    }
    numbers
}

/// Why a value looks like a thousands separator read as a decimal point.
#[derive(Clone, Debug, PartialEq)]
pub enum Clue {
    /// A count written with exactly three decimals, like `1.550`.
    ThreeDecimals,
    /// About 1000 times the target its quarter answers to.
    Target { target: f64 },
    /// About 1000 times the other numbers of the same year (`around`: their median).
    ThisYear { around: f64 },
    /// About 1000 times the same indicator's numbers in other years.
    OtherYears { around: f64 },
}

/// Something a reviewer would question, with the values involved and where.
#[derive(Clone, Debug, PartialEq)]
pub enum Concern<L = Loc> {
    /// A negative realisation of a unit that cannot be negative.
    Negative {
        indicator: String,
        unit: String,
        quantity: Quantity,
        value: f64,
        at: L,
    },
    /// A negative target (or bound, or quarterly target): no capaian is computed against it.
    NegativeTarget {
        indicator: String,
        unit: String,
        quantity: Quantity,
        value: f64,
        /// Whether the unit cannot be negative at all (a stray minus sign).
        never_negative: bool,
        at: L,
    },
    /// A thousands separator read as a decimal point: `meant` is the number probably meant.
    ThousandsSeparator {
        indicator: String,
        quantity: Quantity,
        value: f64,
        meant: f64,
        clue: Clue,
        at: L,
    },
    /// A realisation over three times its target.
    OverTarget {
        indicator: String,
        quarter: Quarter,
        value: f64,
        target: f64,
        at: L,
    },
    /// The quarters of a `jumlah` indicator entered as running totals: the latest is about
    /// the target by itself while the sum is far over it. `own` are the quarters' own values
    /// (the differences), probably meant.
    LooksCumulative {
        indicator: String,
        entries: Vec<(Quarter, f64)>,
        sum: f64,
        /// The target the latest quarter is compared with (`T_q`, or the year's share).
        target: f64,
        own: Vec<f64>,
        at: L,
    },
    /// The fourth quarterly target is not the year's target (or lies outside its range).
    QuarterTargets {
        indicator: String,
        accumulation: Accumulation,
        last: f64,
        target: Target,
        /// For `jumlah`, quarterly targets that add up to the year's: the targets as of
        /// each quarter's end they probably meant.
        running: Option<Vec<f64>>,
        at: L,
    },
    /// A realisation of a quarter that has not ended by the report date.
    FutureQuarter {
        indicator: String,
        quarter: Quarter,
        year: i32,
        report_date: Date,
        at: L,
    },
    /// A PK target that is not the Renstra's for the year.
    RenstraTarget {
        indicator: String,
        year: i32,
        target: Target,
        renstra: f64,
        at: L,
    },
    /// A year folder outside the Renstra period and far from the report date.
    YearFolder {
        year: i32,
        period: Option<[i32; 2]>,
        report_date: Date,
        at: L,
    },
    /// A chain of `atasan` that comes back to where it started (ids in order, the first
    /// repeated at the end).
    SuperiorCycle { chain: Vec<String>, at: L },
    /// An SOP step numbered outside 1..=steps.
    SopStep {
        no: u32,
        steps: usize,
        meant: Option<u32>,
        at: L,
    },
    /// A `proses.toml` date outside the year and the following one.
    ProcessDate {
        step: u32,
        date: Date,
        year: i32,
        at: L,
    },
}

// ---------------------------------------------------------------------------------------------
// The rules on an indicator's numbers

/// The concerns about one indicator's numbers in one year.
pub fn indicator_concerns<L: Clone>(facts: &IndicatorYear<'_, L>) -> Vec<Concern<L>> {
    let indicator = facts.indicator;
    let id = indicator.id.value.clone();
    let never_negative = never_negative(&indicator.name, &indicator.unit);
    let count = UnitKind::of(&indicator.unit) == UnitKind::Count;
    let mut concerns = Vec::new();
    // Indices into `facts.numbers` of the values with a concern about their size.
    let mut sized: BTreeSet<usize> = BTreeSet::new();

    // A negative year target says it for its quarterly targets too: one warning, not five.
    let negative_year_target = facts.numbers.iter().any(|w| {
        matches!(
            w.quantity,
            Quantity::Target | Quantity::TargetMin | Quantity::TargetMax
        ) && w.value < 0.0
    });
    for (i, w) in facts.numbers.iter().enumerate() {
        if !w.value.is_finite() {
            // NaN and infinity are errors of their own.
            sized.insert(i);
            continue;
        }
        if w.value < 0.0 {
            sized.insert(i);
            if matches!(w.quantity, Quantity::QuarterTarget(_)) && negative_year_target {
                continue;
            }
            if w.quantity.is_target() {
                concerns.push(Concern::NegativeTarget {
                    indicator: id.clone(),
                    unit: indicator.unit.clone(),
                    quantity: w.quantity,
                    value: w.value,
                    never_negative,
                    at: w.at.clone(),
                });
            } else if never_negative {
                concerns.push(Concern::Negative {
                    indicator: id.clone(),
                    unit: indicator.unit.clone(),
                    quantity: w.quantity,
                    value: w.value,
                    at: w.at.clone(),
                });
            }
        }
    }
    for (i, meant, clue) in slips(facts, &sized, count) {
        let w = &facts.numbers[i];
        sized.insert(i);
        concerns.push(Concern::ThousandsSeparator {
            indicator: id.clone(),
            quantity: w.quantity,
            value: w.value,
            meant,
            clue,
            at: w.at.clone(),
        });
    }
    whole_year_slip(facts, &mut sized, &mut concerns);

    let target = indicator.year_target();
    let target_sized = facts.numbers.iter().enumerate().any(|(i, w)| {
        matches!(
            w.quantity,
            Quantity::Target | Quantity::TargetMin | Quantity::TargetMax
        ) && sized.contains(&i)
    });
    // Over three times the target: the target's upper end for a range.
    let period = YearPeriod::of(facts.year, facts.report_date);
    let ceiling = match &target {
        Some(Target::Number(t)) => Some(*t),
        Some(Target::Range { max, .. }) => Some(*max),
        _ => None,
    };
    for (i, w) in facts.numbers.iter().enumerate() {
        let Quantity::Realisation(quarter) = w.quantity else {
            continue;
        };
        if !period.has_ended(quarter) {
            concerns.push(Concern::FutureQuarter {
                indicator: id.clone(),
                quarter,
                year: facts.year,
                report_date: facts.report_date,
                at: w.at.clone(),
            });
        }
        if let Some(t) = ceiling
            && !target_sized
            && !sized.contains(&i)
            && t > 0.0
            && w.value > OVER_TARGET * t
        {
            concerns.push(Concern::OverTarget {
                indicator: id.clone(),
                quarter,
                value: w.value,
                target: t,
                at: w.at.clone(),
            });
        }
    }

    let quarter_targets_sized = facts
        .numbers
        .iter()
        .enumerate()
        .any(|(i, w)| matches!(w.quantity, Quantity::QuarterTarget(_)) && sized.contains(&i));
    if !target_sized
        && !quarter_targets_sized
        && let Some(c) = quarter_targets(facts, target.as_ref())
    {
        concerns.push(c);
    }
    let realisations_sized = facts
        .numbers
        .iter()
        .enumerate()
        .any(|(i, w)| matches!(w.quantity, Quantity::Realisation(_)) && sized.contains(&i));
    if !realisations_sized
        && !target_sized
        && !quarter_targets_sized
        && let Some(c) = looks_cumulative(facts, target.as_ref())
    {
        concerns.push(c);
    }
    if !target_sized && let Some(c) = renstra_target(facts, target.as_ref()) {
        concerns.push(c);
    }
    concerns
}

/// The PK's target against the Renstra's for the year: the same number, or a range that holds
/// it.
fn renstra_target<L: Clone>(
    facts: &IndicatorYear<'_, L>,
    target: Option<&Target>,
) -> Option<Concern<L>> {
    let (renstra, target) = (facts.renstra?, target?);
    let differs = match target {
        Target::Number(t) => !same(*t, renstra),
        Target::Range { min, max } => !(*min..=*max).contains(&renstra),
        Target::Word(_) => false,
    };
    let written = facts
        .numbers
        .iter()
        .find(|w| matches!(w.quantity, Quantity::Target | Quantity::TargetMin))?;
    differs.then(|| Concern::RenstraTarget {
        indicator: facts.indicator.id.value.clone(),
        year: facts.year,
        target: target.clone(),
        renstra,
        at: written.at.clone(),
    })
}

/// Whether two numbers written in a file are the same (up to floating-point noise).
fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// The median of some values; `None` for none.
fn median(mut values: Vec<f64>) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    Some(if values.len().is_multiple_of(2) {
        (values[mid - 1] + values[mid]) / 2.0
    } else {
        values[mid]
    })
}

/// `x` rounded to what a file would hold, without floating-point noise: 1.55 × 1000 is 1550.
fn tidy(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let digits = 12 - x.abs().log10().ceil() as i32;
    let scale = 10f64.powi(digits.clamp(0, 15));
    (x * scale).round() / scale
}

/// The number a count probably meant when written with three decimals: `1.550` → 1550,
/// `12.000` → 12000. `None` for any other text.
pub fn three_decimals(text: &str) -> Option<f64> {
    let (whole, fraction) = text.trim().split_once('.')?;
    let is_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let looks = is_digits(whole)
        && whole.len() <= 3
        && !whole.starts_with('0')
        && is_digits(fraction)
        && fraction.len() == 3;
    looks
        .then(|| format!("{whole}{fraction}").parse().ok())
        .flatten()
}

/// Whether `value` is about 1000 times `around` (smaller or larger); the number meant.
pub fn scale_slip(value: f64, around: f64) -> Option<f64> {
    if value <= 0.0 || around <= 0.0 {
        return None;
    }
    if SLIP_RATIO.contains(&(around / value)) {
        Some(tidy(value * 1000.0))
    } else if SLIP_RATIO.contains(&(value / around)) {
        Some(tidy(value / 1000.0))
    } else {
        None
    }
}

/// The numbers that look like a thousands separator read as a decimal point (index, the number
/// meant, why), leaving out those in `sized` (negative, not finite). Targets are trusted before
/// realisations: with one target and one realisation 1000 times apart, the realisation is
/// questioned.
///
/// 1. A count written with three decimals (`1.550`).
/// 2. A target against the year's other targets; else against the other years; else against
///    two or more realisations of the year.
/// 3. A realisation against the target its quarter answers to (for `jumlah` the quarter's
///    share); else against the year's other realisations; else against the other years.
fn slips<L>(
    facts: &IndicatorYear<'_, L>,
    sized: &BTreeSet<usize>,
    count: bool,
) -> Vec<(usize, f64, Clue)> {
    let numbers = &facts.numbers;
    let mut found: BTreeMap<usize, (f64, Clue)> = BTreeMap::new();
    let usable = |j: usize, found: &BTreeMap<usize, (f64, Clue)>| {
        !sized.contains(&j) && !found.contains_key(&j) && numbers[j].value > 0.0
    };
    if count {
        for (i, w) in numbers.iter().enumerate() {
            let meant = w.text.and_then(three_decimals);
            if let (true, Some(meant)) = (usable(i, &found), meant)
                && same(meant / 1000.0, w.value)
            {
                found.insert(i, (meant, Clue::ThreeDecimals));
            }
        }
    }
    let other_years = years_yardstick(facts);
    let values = |keep: &dyn Fn(&Written<'_, L>) -> bool,
                  skip: usize,
                  found: &BTreeMap<usize, (f64, Clue)>|
     -> Vec<f64> {
        numbers
            .iter()
            .enumerate()
            .filter(|&(j, w)| j != skip && usable(j, found) && keep(w))
            .map(|(_, w)| w.value)
            .collect()
    };
    let is_target = |w: &Written<'_, L>| w.quantity.is_target();
    let is_realisation = |w: &Written<'_, L>| !w.quantity.is_target();

    let mut targets = Vec::new();
    for (i, w) in numbers.iter().enumerate() {
        if !w.quantity.is_target() || !usable(i, &found) {
            continue;
        }
        let others = values(&is_target, i, &found);
        let realisations = values(&is_realisation, i, &found);
        let reference = if !others.is_empty() {
            median(others).map(|around| Clue::ThisYear { around })
        } else if let Some(around) = other_years {
            Some(Clue::OtherYears { around })
        } else if realisations.len() >= 2 {
            median(realisations).map(|around| Clue::ThisYear { around })
        } else {
            None
        };
        if let Some(clue) = reference
            && let Some(meant) = scale_slip(w.value, clue_around(&clue))
        {
            targets.push((i, (meant, clue)));
        }
    }
    found.extend(targets);

    let mut realisations = Vec::new();
    for (i, w) in numbers.iter().enumerate() {
        let Quantity::Realisation(quarter) = w.quantity else {
            continue;
        };
        if !usable(i, &found) {
            continue;
        }
        let others = values(&is_realisation, i, &found);
        let reference =
            if let Some(target) = quarter_reference(facts, quarter, &|j| usable(j, &found)) {
                Some(Clue::Target { target })
            } else if !others.is_empty() {
                median(others).map(|around| Clue::ThisYear { around })
            } else {
                other_years.map(|around| Clue::OtherYears { around })
            };
        if let Some(clue) = reference
            && let Some(meant) = scale_slip(w.value, clue_around(&clue))
        {
            realisations.push((i, (meant, clue)));
        }
    }
    found.extend(realisations);
    found
        .into_iter()
        .map(|(i, (meant, clue))| (i, meant, clue))
        .collect()
}

fn clue_around(clue: &Clue) -> f64 {
    match clue {
        Clue::ThreeDecimals => f64::NAN,
        Clue::Target { target: around }
        | Clue::ThisYear { around }
        | Clue::OtherYears { around } => *around,
    }
}

/// The target a quarter's own value answers to, from the targets not in doubt: the quarter's
/// target (for `jumlah` its share, T_q − T_{q−1}), else the year's (for `jumlah` a quarter of
/// it; for a range its middle).
fn quarter_reference<L>(
    facts: &IndicatorYear<'_, L>,
    quarter: Quarter,
    usable: &dyn Fn(usize) -> bool,
) -> Option<f64> {
    let accumulation = *facts.indicator.accumulation;
    let find = |quantity: Quantity| {
        facts
            .numbers
            .iter()
            .enumerate()
            .find(|(j, w)| w.quantity == quantity && usable(*j))
            .map(|(_, w)| w.value)
    };
    let as_of: Option<Vec<f64>> = Quarter::ALL
        .into_iter()
        .map(|q| find(Quantity::QuarterTarget(q)))
        .collect();
    let own = as_of
        .and_then(|as_of| accumulation.own_quarter_target(&as_of, quarter))
        .filter(|t| *t > 0.0);
    if own.is_some() {
        return own;
    }
    let year = match (
        find(Quantity::Target),
        find(Quantity::TargetMin),
        find(Quantity::TargetMax),
    ) {
        (Some(t), _, _) => t,
        (None, Some(min), Some(max)) => (min + max) / 2.0,
        (None, Some(bound), None) | (None, None, Some(bound)) => bound,
        (None, None, None) => return None,
    };
    Some(if accumulation == Accumulation::Sum {
        year / 4.0
    } else {
        year
    })
}

/// What the other years say an indicator's numbers are about: the median of their yearly
/// medians, when two or more years agree among themselves (within ten times). One other year
/// is no yardstick: of two years 1000 times apart, either may be wrong.
fn years_yardstick<L>(facts: &IndicatorYear<'_, L>) -> Option<f64> {
    let mut by_year: BTreeMap<i32, Vec<f64>> = BTreeMap::new();
    for &(year, v) in &facts.other_years {
        if v > 0.0 && v.is_finite() {
            by_year.entry(year).or_default().push(v);
        }
    }
    let medians: Vec<f64> = by_year.into_values().filter_map(median).collect();
    if medians.len() < 2 {
        return None;
    }
    let (low, high) = medians
        .iter()
        .fold((f64::INFINITY, 0.0f64), |(l, h), &m| (l.min(m), h.max(m)));
    if high / low > 10.0 {
        return None;
    }
    median(medians)
}

/// A whole year written 1000 times off: the year's numbers agree with each other, but their
/// median is about 1000 times that of two or more other years which agree among themselves.
fn whole_year_slip<L: Clone>(
    facts: &IndicatorYear<'_, L>,
    sized: &mut BTreeSet<usize>,
    concerns: &mut Vec<Concern<L>>,
) {
    let Some(around) = years_yardstick(facts) else {
        return;
    };
    let this_year: Vec<f64> = facts
        .numbers
        .iter()
        .filter(|w| w.value > 0.0 && w.value.is_finite())
        .map(|w| w.value)
        .collect();
    let Some(own) = median(this_year) else { return };
    if scale_slip(own, around).is_none() {
        return;
    }
    for (i, w) in facts.numbers.iter().enumerate() {
        if sized.contains(&i) {
            continue;
        }
        if let Some(meant) = scale_slip(w.value, around) {
            sized.insert(i);
            concerns.push(Concern::ThousandsSeparator {
                indicator: facts.indicator.id.value.clone(),
                quantity: w.quantity,
                value: w.value,
                meant,
                clue: Clue::OtherYears { around },
                at: w.at.clone(),
            });
        }
    }
}

/// `target_triwulan` against `target`: the targets are as of each quarter's end, so the
/// fourth is the year's, whatever the `akumulasi` (for `jumlah` the running total, for
/// `rata_rata` the mean over the year).
fn quarter_targets<L: Clone>(
    facts: &IndicatorYear<'_, L>,
    target: Option<&Target>,
) -> Option<Concern<L>> {
    let quarters: Vec<&Written<'_, L>> = facts
        .numbers
        .iter()
        .filter(|w| matches!(w.quantity, Quantity::QuarterTarget(_)))
        .collect();
    let [.., last] = quarters.as_slice() else {
        return None;
    };
    if quarters.len() != 4 {
        return None;
    }
    let consistent = match target? {
        Target::Number(t) => same(last.value, *t),
        Target::Range { min, max } => (*min..=*max).contains(&last.value),
        Target::Word(_) => true,
    };
    if consistent {
        return None;
    }
    let accumulation = *facts.indicator.accumulation;
    let values: Vec<f64> = quarters.iter().map(|w| w.value).collect();
    let running = match target? {
        Target::Number(t) if accumulation == Accumulation::Sum => {
            let sum: f64 = values.iter().sum();
            same(sum, *t).then(|| {
                values
                    .iter()
                    .scan(0.0, |total, v| {
                        *total += v;
                        Some(tidy(*total))
                    })
                    .collect()
            })
        }
        _ => None,
    };
    Some(Concern::QuarterTargets {
        indicator: facts.indicator.id.value.clone(),
        accumulation,
        last: last.value,
        target: target?.clone(),
        running,
        at: last.at.clone(),
    })
}

/// Quarters of a `jumlah` indicator entered as running totals: at least two quarters, never
/// falling and rising at least once, the latest within a third of its target by itself while
/// the sum is at least one and a half times that target.
fn looks_cumulative<L: Clone>(
    facts: &IndicatorYear<'_, L>,
    target: Option<&Target>,
) -> Option<Concern<L>> {
    if *facts.indicator.accumulation != Accumulation::Sum {
        return None;
    }
    let mut entries: Vec<&Written<'_, L>> = facts
        .numbers
        .iter()
        .filter(|w| matches!(w.quantity, Quantity::Realisation(_)))
        .collect();
    entries.sort_by_key(|w| match w.quantity {
        Quantity::Realisation(q) => q,
        _ => Quarter::ALL[0],
    });
    let quarter = |w: &Written<'_, L>| match w.quantity {
        Quantity::Realisation(q) => q,
        _ => Quarter::ALL[0],
    };
    let last = *entries.last()?;
    if entries.len() < 2 || entries.windows(2).any(|p| quarter(p[0]) == quarter(p[1])) {
        return None;
    }
    let values: Vec<f64> = entries.iter().map(|w| w.value).collect();
    let rising = values.windows(2).all(|p| p[1] >= p[0]) && values.windows(2).any(|p| p[1] > p[0]);
    if !rising {
        return None;
    }
    let q = quarter(last);
    // The latest quarter's target as of its end; without quarterly targets, the year's share.
    let reference = facts
        .numbers
        .iter()
        .find(|w| w.quantity == Quantity::QuarterTarget(q))
        .map(|w| w.value)
        .or_else(|| match target? {
            Target::Number(t) => Some(t * f64::from(q.number()) / 4.0),
            _ => None,
        })?;
    if reference <= 0.0 {
        return None;
    }
    let sum: f64 = values.iter().sum();
    let near = (last.value / reference - 1.0).abs() <= 1.0 / 3.0;
    if !near || sum < 1.5 * reference {
        return None;
    }
    let own = std::iter::once(values[0])
        .chain(values.windows(2).map(|p| tidy(p[1] - p[0])))
        .collect();
    Some(Concern::LooksCumulative {
        indicator: facts.indicator.id.value.clone(),
        entries: entries.iter().map(|w| (quarter(w), w.value)).collect(),
        sum,
        target: reference,
        own,
        at: last.at.clone(),
    })
}

// ---------------------------------------------------------------------------------------------
// The rules on the report's other files

/// A year folder outside the Renstra period (or with no Renstra) that is more than one year
/// after the report date's year, or before the first performance reports (1999): `2099/`,
/// `0999/`. `at` is where the finding points (the year's first file).
pub fn year_folder<L>(
    year: i32,
    period: Option<[i32; 2]>,
    report_date: Date,
    at: L,
) -> Option<Concern<L>> {
    let in_plan = period.is_some_and(|[first, last]| (first..=last).contains(&year));
    let report_year = i32::from(report_date.year());
    let far = year > report_year + 1 || year < FIRST_REPORT_YEAR;
    (!in_plan && far).then_some(Concern::YearFolder {
        year,
        period,
        report_date,
        at,
    })
}

/// The chains of `atasan` that come back to where they started, each once, at the official of
/// the chain written first.
pub fn superior_cycles<L>(officials: &[Official], at: impl Fn(&Official) -> L) -> Vec<Concern<L>> {
    let mut index: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, o) in officials.iter().enumerate() {
        index.entry(o.id.as_str()).or_insert(i);
    }
    let superior = |i: usize| -> Option<usize> {
        let s = officials[i].superior.as_str();
        if s.is_empty() {
            None
        } else {
            index.get(s).copied()
        }
    };
    let mut seen: BTreeSet<Vec<usize>> = BTreeSet::new();
    let mut concerns = Vec::new();
    for start in 0..officials.len() {
        let mut path = vec![start];
        let mut next = superior(start);
        while let Some(n) = next {
            if let Some(k) = path.iter().position(|&p| p == n) {
                let cycle = &path[k..];
                let mut members = cycle.to_vec();
                members.sort_unstable();
                if seen.insert(members.clone()) {
                    // Start the chain at the member written first.
                    let first = members[0];
                    let from = cycle.iter().position(|&p| p == first).unwrap_or(0);
                    let mut chain: Vec<String> = cycle[from..]
                        .iter()
                        .chain(&cycle[..from])
                        .map(|&p| officials[p].id.value.clone())
                        .collect();
                    chain.push(officials[first].id.value.clone());
                    concerns.push(Concern::SuperiorCycle {
                        chain,
                        at: at(&officials[first]),
                    });
                }
                break;
            }
            if path.len() > officials.len() {
                break;
            }
            path.push(n);
            next = superior(n);
        }
    }
    concerns
}

/// SOP steps numbered outside 1 to n (n the number of steps): 0, 30. Each says which number
/// it probably meant: its place in the file when that number is free, else the only number
/// missing. (Two steps with one number are an error of their own.)
pub fn sop_numbers<L>(sop: &Sop, at: impl Fn(&crate::model::SopStep) -> L) -> Vec<Concern<L>> {
    let steps = sop.steps.len();
    let used: BTreeSet<u32> = sop.steps.iter().map(|s| *s.no).collect();
    let missing: Vec<u32> = (1..=steps as u32).filter(|n| !used.contains(n)).collect();
    sop.steps
        .iter()
        .enumerate()
        .filter(|(_, s)| !(1..=steps as u32).contains(&*s.no))
        .map(|(k, s)| {
            let place = k as u32 + 1;
            let meant = if !used.contains(&place) {
                Some(place)
            } else if let [only] = missing.as_slice() {
                Some(*only)
            } else {
                None
            };
            Concern::SopStep {
                no: *s.no,
                steps,
                meant,
                at: at(s),
            }
        })
        .collect()
}

/// Dates of `proses.toml` (a step's number, a date, where) outside `year` and the year after.
pub fn process_dates<L>(
    year: i32,
    dates: impl IntoIterator<Item = (u32, Date, L)>,
) -> Vec<Concern<L>> {
    dates
        .into_iter()
        .filter(|(_, date, _)| !(year..=year + 1).contains(&i32::from(date.year())))
        .map(|(step, date, at)| Concern::ProcessDate {
            step,
            date,
            year,
            at,
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// What to say

/// A concern in words: the message, the label under the caret, and what to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Said {
    pub message: String,
    pub label: String,
    pub help: String,
}

impl<L> Concern<L> {
    /// Where the questionable value is written.
    pub fn at(&self) -> &L {
        match self {
            Concern::Negative { at, .. }
            | Concern::NegativeTarget { at, .. }
            | Concern::ThousandsSeparator { at, .. }
            | Concern::OverTarget { at, .. }
            | Concern::LooksCumulative { at, .. }
            | Concern::QuarterTargets { at, .. }
            | Concern::FutureQuarter { at, .. }
            | Concern::RenstraTarget { at, .. }
            | Concern::YearFolder { at, .. }
            | Concern::SuperiorCycle { at, .. }
            | Concern::SopStep { at, .. }
            | Concern::ProcessDate { at, .. } => at,
        }
    }

    /// The indicator it is about, if it is about one.
    pub fn indicator(&self) -> Option<&str> {
        match self {
            Concern::Negative { indicator, .. }
            | Concern::NegativeTarget { indicator, .. }
            | Concern::ThousandsSeparator { indicator, .. }
            | Concern::OverTarget { indicator, .. }
            | Concern::LooksCumulative { indicator, .. }
            | Concern::QuarterTargets { indicator, .. }
            | Concern::FutureQuarter { indicator, .. }
            | Concern::RenstraTarget { indicator, .. } => Some(indicator),
            _ => None,
        }
    }

    /// Whether it makes the indicator's capaian meaningless until corrected (so that other
    /// findings about that capaian, such as a missing analysis, would only repeat it).
    pub fn distorts_achievement(&self) -> bool {
        matches!(
            self,
            Concern::Negative { .. }
                | Concern::NegativeTarget { .. }
                | Concern::ThousandsSeparator { .. }
                | Concern::LooksCumulative { .. }
        )
    }

    /// The concern in the site's language.
    pub fn said(&self, language: Language) -> Said {
        let f = Format::new(language);
        let num = |x: f64| f.number(x, 6);
        let s = |id: String, en: String| say(language, id, en);
        match self {
            Concern::Negative {
                indicator,
                unit,
                quantity,
                value,
                ..
            } => Said {
                message: s(
                    format!("{} `{indicator}` negatif ({}), padahal satuannya ({unit}) tidak bisa negatif", quantity.words(language), num(*value)),
                    format!("{} of `{indicator}` is negative ({}), but its unit ({unit}) cannot be negative", quantity.words(language), num(*value)),
                ),
                label: s("negatif".into(), "negative".into()),
                help: s(
                    format!("kemungkinan tanda minus salah ketik: tulis `{} = {}`; jika jumlahnya berkurang, laporkan nilainya sendiri, bukan selisihnya", quantity.key(), toml_number(-value)),
                    format!("probably a stray minus sign: write `{} = {}`; if the number fell, report the number itself, not the change", quantity.key(), toml_number(-value)),
                ),
            },
            Concern::NegativeTarget {
                indicator,
                unit,
                quantity,
                value,
                never_negative,
                ..
            } => Said {
                message: s(
                    format!("{} `{indicator}` negatif ({}): capaian tidak dapat dihitung terhadapnya", quantity.words(language), num(*value)),
                    format!("{} of `{indicator}` is negative ({}): no capaian can be computed against it", quantity.words(language), num(*value)),
                ),
                label: s("target negatif".into(), "negative target".into()),
                help: if *never_negative {
                    s(
                        format!("satuan {unit} tidak bisa negatif, jadi kemungkinan tanda minus salah ketik: tulis {}", written_as(language, *quantity, -value)),
                        format!("{unit} cannot be negative, so probably a stray minus sign: write {}", written_as(language, *quantity, -value)),
                    )
                } else {
                    s(
                        "capaian adalah perbandingan realisasi dengan target dan tidak bermakna terhadap target negatif, sehingga dibiarkan kosong: nyatakan target sebagai besaran yang tidak negatif (misalnya laju yang diturunkan sebagai indikator berpolaritas negatif)".into(),
                        "capaian compares the realisation with the target and means nothing against a negative target, so it is left empty: state the target as a quantity that is not negative (e.g. a rate to bring down, as a negatif indicator)".into(),
                    )
                },
            },
            Concern::ThousandsSeparator {
                indicator,
                quantity,
                value,
                meant,
                clue,
                ..
            } => {
                let smaller = meant > value;
                let message = match clue {
                    Clue::ThreeDecimals => s(
                        format!("{} `{indicator}` ditulis dengan tiga angka di belakang titik, sehingga dibaca {}: sebuah hitungan tidak berpecahan, titik itu tampaknya pemisah ribuan", quantity.words(language), num(*value)),
                        format!("{} of `{indicator}` is written with three decimals, so it reads as {}: a count has no fractions, the dot looks like a thousands separator", quantity.words(language), num(*value)),
                    ),
                    Clue::Target { target: around }
                    | Clue::ThisYear { around }
                    | Clue::OtherYears { around } => {
                        let (id_than, en_than) = match clue {
                            Clue::Target { .. } => ("targetnya untuk triwulan itu", "its target for that quarter"),
                            Clue::ThisYear { .. } => ("angka lain indikator ini pada tahun yang sama", "the indicator's other numbers of the same year"),
                            _ => ("angka indikator ini pada tahun-tahun lain", "the indicator's numbers in other years"),
                        };
                        let (id_way, en_way) = if smaller { ("lebih kecil", "smaller") } else { ("lebih besar", "larger") };
                        s(
                            format!("{} `{indicator}` ({}) sekitar 1000 kali {id_way} daripada {id_than} (sekitar {})", quantity.words(language), num(*value), num(*around)),
                            format!("{} of `{indicator}` ({}) is about 1000 times {en_way} than {en_than} (around {})", quantity.words(language), num(*value), num(*around)),
                        )
                    }
                };
                let help = if smaller {
                    s(
                        format!("TOML membaca titik sebagai tanda desimal (`1.550` adalah 1,55): tulis angka tanpa pemisah ribuan, {}", written_as(language, *quantity, *meant)),
                        format!("TOML reads a dot as the decimal point (`1.550` is 1.55): write numbers without thousands separators, {}", written_as(language, *quantity, *meant)),
                    )
                } else {
                    s(
                        format!("periksa letak tanda desimal (TOML memakai titik: `92.5`) dan satuannya; jika maksudnya {}, tulis {}", toml_number(*meant), written_as(language, *quantity, *meant)),
                        format!("check the decimal point (TOML uses a dot: `92.5`) and the unit; if {} was meant, write {}", toml_number(*meant), written_as(language, *quantity, *meant)),
                    )
                };
                Said {
                    message,
                    label: s(format!("maksudnya {}?", toml_number(*meant)), format!("did you mean {}?", toml_number(*meant))),
                    help,
                }
            }
            Concern::OverTarget {
                indicator,
                quarter,
                target,
                ..
            } => Said {
                message: s(
                    format!("realisasi `{indicator}` pada triwulan {} lebih dari tiga kali targetnya", quarter.number()),
                    format!("the realisation of `{indicator}` in triwulan {} is more than three times its target", quarter.number()),
                ),
                label: s(format!("target {}", num(*target)), format!("target is {}", num(*target))),
                help: s(
                    "kemungkinan salah ketik (tanda desimal salah tempat atau satuan berbeda): periksa nilainya".into(),
                    "likely a typo (a misplaced decimal point or a wrong unit): check the value".into(),
                ),
            },
            Concern::LooksCumulative {
                indicator,
                entries,
                sum,
                target,
                own,
                ..
            } => {
                let list = entries.iter().map(|(_, v)| num(*v)).collect::<Vec<_>>().join(", ");
                let own = own.iter().map(|v| toml_number(*v)).collect::<Vec<_>>().join(", ");
                let pct = f.percent(sum / target * 100.0);
                Said {
                    message: s(
                        format!("realisasi triwulanan `{indicator}` tampak kumulatif: {list} dijumlahkan menjadi {} ({pct} dari target {})", num(*sum), num(*target)),
                        format!("the quarterly realisations of `{indicator}` look cumulative: {list} add up to {} ({pct} of the target {})", num(*sum), num(*target)),
                    ),
                    label: s("angka ini saja sudah sekitar targetnya".into(), "this alone is about the target".into()),
                    help: s(
                        format!("dengan `akumulasi = \"jumlah\"` setiap `nilai` adalah angka triwulan itu sendiri, bukan angka s.d. akhir triwulan: tulis {own} (selisih antartriwulan), atau ubah `akumulasi` menjadi \"akhir\" jika angkanya memang s.d. akhir triwulan"),
                        format!("with `akumulasi = \"jumlah\"` each `nilai` is that quarter's own count, not the count as of the quarter's end: write {own} (the differences), or set `akumulasi = \"akhir\"` if the values are as of each quarter's end"),
                    ),
                }
            }
            Concern::QuarterTargets {
                indicator,
                accumulation,
                last,
                target,
                running,
                ..
            } => {
                let (id_target, en_target) = match target {
                    Target::Range { min, max } => (
                        format!("di luar rentang target tahunan {}–{}", num(*min), num(*max)),
                        format!("outside the year's target range {}–{}", num(*min), num(*max)),
                    ),
                    Target::Number(t) => (
                        format!("berbeda dengan target tahunan ({})", num(*t)),
                        format!("differs from the year's target ({})", num(*t)),
                    ),
                    Target::Word(w) => (format!("berbeda dengan target \"{w}\""), format!("differs from the target \"{w}\"")),
                };
                let help = match running {
                    Some(running) => {
                        let list = running.iter().map(|v| toml_number(*v)).collect::<Vec<_>>().join(", ");
                        s(
                            format!("`target_triwulan` adalah target s.d. akhir tiap triwulan; angka ini tampak target masing-masing triwulan (jumlahnya sama dengan target tahunan): tulis `target_triwulan = [{list}]`"),
                            format!("`target_triwulan` holds the targets as of each quarter's end; these look like each quarter's own targets (they add up to the year's): write `target_triwulan = [{list}]`"),
                        )
                    }
                    None => {
                        let (id_how, en_how) = match accumulation {
                            Accumulation::Sum => ("jumlah s.d. akhir tahun", "the total as of the year's end"),
                            Accumulation::Mean => ("rata-rata s.d. akhir tahun", "the mean as of the year's end"),
                            Accumulation::Last => ("angka akhir tahun", "the value at the year's end"),
                        };
                        s(
                            format!("`target_triwulan` adalah target s.d. akhir tiap triwulan, jadi target triwulan IV adalah {id_how}, yaitu target tahunan: samakan keduanya"),
                            format!("`target_triwulan` holds the targets as of each quarter's end, so the fourth is {en_how}, the year's target: make them agree"),
                        )
                    }
                };
                Said {
                    message: s(
                        format!("target triwulan IV `{indicator}` ({}) {id_target}", num(*last)),
                        format!("the triwulan 4 target of `{indicator}` ({}) {en_target}", num(*last)),
                    ),
                    label: s("target s.d. akhir tahun".into(), "target as of the year's end".into()),
                    help,
                }
            }
            Concern::FutureQuarter {
                indicator,
                quarter,
                year,
                report_date,
                ..
            } => {
                let end = quarter.end(*year).map_or_else(String::new, |d| f.date(d.0));
                Said {
                    message: s(
                        format!("`{indicator}` mempunyai realisasi triwulan {} tahun {year}, yang belum berakhir per tanggal laporan ({})", quarter.number(), f.date(report_date.0)),
                        format!("`{indicator}` has a realisation for triwulan {} of {year}, which has not ended by the report date ({})", quarter.number(), f.date(report_date.0)),
                    ),
                    label: s(format!("triwulan {} berakhir {end}", quarter.number()), format!("triwulan {} ends {end}", quarter.number())),
                    help: s(
                        "periksa `triwulan` (mungkin triwulan sebelumnya) dan tahunnya, atau `tanggal_laporan` di site.toml".into(),
                        "check `triwulan` (perhaps the quarter before) and the year, or `tanggal_laporan` in site.toml".into(),
                    ),
                }
            }
            Concern::RenstraTarget {
                indicator,
                year,
                target,
                renstra,
                ..
            } => {
                let shown = match target {
                    Target::Number(t) => num(*t),
                    Target::Range { min, max } => format!("{}–{}", num(*min), num(*max)),
                    Target::Word(w) => w.clone(),
                };
                Said {
                    message: s(
                        format!("target `{indicator}` tahun {year} ({shown}) berbeda dengan target Renstra ({})", num(*renstra)),
                        format!("the {year} target of `{indicator}` ({shown}) differs from the Renstra's ({})", num(*renstra)),
                    ),
                    label: s(format!("Renstra: {}", num(*renstra)), format!("Renstra: {}", num(*renstra))),
                    help: s(
                        format!("samakan target PK dengan Renstra (`{}`), atau perbarui renstra.toml jika Renstra telah direviu", toml_number(*renstra)),
                        format!("make the PK's target the Renstra's (`{}`), or update renstra.toml if the Renstra was revised", toml_number(*renstra)),
                    ),
                }
            }
            Concern::YearFolder {
                year,
                period,
                report_date,
                ..
            } => {
                let report_year = report_date.year();
                let (id_plan, en_plan) = match period {
                    Some([a, b]) => (format!("di luar periode Renstra ({a}–{b}) dan "), format!("outside the Renstra period ({a}–{b}) and ")),
                    None => (String::new(), String::new()),
                };
                Said {
                    message: s(
                        format!("folder tahun {year:04} {id_plan}jauh dari tahun tanggal laporan ({report_year})"),
                        format!("the year folder {year:04} is {en_plan}far from the report date's year ({report_year})"),
                    ),
                    label: s(format!("di folder {year:04}/"), format!("in the folder {year:04}/")),
                    help: s(
                        format!("beri nama folder dengan tahun anggaran yang dimuatnya, empat angka (misalnya {report_year}/): dasbor menampilkan tahun terakhir sebagai tahun berjalan"),
                        format!("name the folder after the budget year it holds, four digits (e.g. {report_year}/): the dashboard shows the latest year as the current one"),
                    ),
                }
            }
            Concern::SuperiorCycle { chain, .. } => {
                let shown = chain.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(" → ");
                let first = chain.first().cloned().unwrap_or_default();
                Said {
                    message: s(
                        format!("rantai `atasan` melingkar: {shown}"),
                        format!("the chain of `atasan` goes round in a circle: {shown}"),
                    ),
                    label: s(format!("kembali ke `{first}`"), format!("leads back to `{first}`")),
                    help: s(
                        "setiap rantai atasan berakhir pada Kepala OPD, yang `atasan`-nya kosong (\"\"): perbaiki `atasan` salah satu pejabat dalam rantai ini".into(),
                        "every chain of superiors ends at the Kepala OPD, whose `atasan` is empty (\"\"): correct the `atasan` of one official in this chain".into(),
                    ),
                }
            }
            Concern::SopStep { no, steps, meant, .. } => Said {
                message: s(
                    format!("langkah SOP bernomor {no}, padahal SOP ini mempunyai {steps} langkah (1 sampai {steps})"),
                    format!("an SOP step is numbered {no}, but the SOP has {steps} steps (1 to {steps})"),
                ),
                label: match meant {
                    Some(m) => s(format!("maksudnya {m}?"), format!("did you mean {m}?")),
                    None => s(format!("bukan 1 sampai {steps}"), format!("not 1 to {steps}")),
                },
                help: s(
                    "nomori `[[langkah]]` 1, 2, 3, … berurutan tanpa celah: proses.toml dan diagram alir merujuk langkah dengan nomornya".into(),
                    "number the `[[langkah]]` 1, 2, 3, … in order without gaps: proses.toml and the flowchart refer to steps by number".into(),
                ),
            },
            Concern::ProcessDate { step, date, year, .. } => Said {
                message: s(
                    format!("langkah {step} bertanggal {}, di luar tahun {year} dan {}", f.date(date.0), year + 1),
                    format!("step {step} is dated {}, outside {year} and {}", f.date(date.0), year + 1),
                ),
                label: s(format!("tahun {}?", date.year()), format!("the year {}?", date.year())),
                help: s(
                    format!("pengumpulan data tahun {year} berlangsung pada tahun itu atau awal tahun berikutnya: periksa tahun tanggal ini"),
                    format!("the collection for {year} takes place during that year or early in the next: check this date's year"),
                ),
            },
        }
    }
}

/// A number as it is written in a TOML file: `1550`, `92.5`.
fn toml_number(x: f64) -> String {
    format!("{}", tidy(x))
}

/// How to write a value under its key: `nilai = 1550`; a quarterly target by its place.
fn written_as(language: Language, quantity: Quantity, x: f64) -> String {
    match quantity {
        Quantity::QuarterTarget(q) => say(
            language,
            format!(
                "{} sebagai angka ke-{} `target_triwulan`",
                toml_number(x),
                q.number()
            ),
            format!(
                "{} as number {} of `target_triwulan`",
                toml_number(x),
                q.number()
            ),
        ),
        _ => format!("`{} = {}`", quantity.key(), toml_number(x)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Official;

    fn indicator(toml: &str) -> Indicator {
        toml::from_str(toml).expect("an indicator")
    }

    /// An indicator of `unit` with the given target lines.
    fn with(unit: &str, name: &str, rest: &str) -> Indicator {
        indicator(&format!(
            "id = \"x\"\nnama = \"{name}\"\nsatuan = \"{unit}\"\npolaritas = \"positif\"\n{rest}\n"
        ))
    }

    fn date(y: i16, m: i8, d: i8) -> Date {
        Date::new(y, m, d).expect("a date")
    }

    /// The facts of `indicator` in 2025 as of 2026-01-20 (a complete year); each number is
    /// placed at its own description.
    fn facts<'a>(
        indicator: &'a Indicator,
        values: &[(u8, f64, Option<&'a str>)],
    ) -> IndicatorYear<'a, String> {
        let mut facts = IndicatorYear::new(indicator, 2025, date(2026, 1, 20), |q, _| {
            (format!("{q:?}"), None)
        });
        for &(q, v, text) in values {
            let quarter = Quarter::new(i64::from(q)).expect("a quarter");
            facts.realisation(quarter, v, text, format!("TW{q}"));
        }
        facts
    }

    fn q(n: i64) -> Quarter {
        Quarter::new(n).expect("a quarter")
    }

    #[test]
    fn units_are_read_from_their_words() {
        assert_eq!(UnitKind::of("orang"), UnitKind::Count);
        assert_eq!(UnitKind::of("Kasus"), UnitKind::Count);
        assert_eq!(UnitKind::of("dokumen"), UnitKind::Count);
        assert_eq!(UnitKind::of("%"), UnitKind::Percent);
        assert_eq!(UnitKind::of("% PUS"), UnitKind::Percent);
        assert_eq!(UnitKind::of("persen"), UnitKind::Percent);
        assert_eq!(UnitKind::of("anak per WUS"), UnitKind::Rate);
        assert_eq!(UnitKind::of("per 1.000 perempuan"), UnitKind::Rate);
        assert_eq!(UnitKind::of("indeks"), UnitKind::Index);
        assert_eq!(UnitKind::of("nilai"), UnitKind::Index);
        assert_eq!(UnitKind::of("Rp"), UnitKind::Money);
        assert_eq!(UnitKind::of("predikat"), UnitKind::Other);
        assert_eq!(UnitKind::of("hari"), UnitKind::Other);
    }

    #[test]
    fn growth_may_be_negative_counts_may_not() {
        assert!(never_negative("Jumlah korban kekerasan", "kasus"));
        assert!(never_negative("Persentase perempuan", "%"));
        assert!(never_negative("IPG", "indeks"));
        assert!(never_negative("TFR", "anak per WUS"));
        assert!(!never_negative("Laju pertumbuhan penduduk", "%"));
        assert!(!never_negative("Kenaikan PAD", "persen"));
        assert!(!never_negative("Predikat KLA", "predikat"));
    }

    #[test]
    fn three_decimals_are_a_thousands_separator() {
        assert_eq!(three_decimals("1.550"), Some(1550.0));
        assert_eq!(three_decimals("12.000"), Some(12000.0));
        assert_eq!(three_decimals("999.999"), Some(999_999.0));
        assert_eq!(three_decimals("1.55"), None);
        assert_eq!(three_decimals("1.5500"), None);
        assert_eq!(three_decimals("0.500"), None);
        assert_eq!(three_decimals("1550.000"), None);
        assert_eq!(three_decimals("1550"), None);
        assert_eq!(three_decimals("-1.550"), None);
    }

    #[test]
    fn a_slip_is_about_a_thousand_times() {
        assert_eq!(scale_slip(1.55, 1500.0), Some(1550.0));
        assert_eq!(scale_slip(92500.0, 92.5), Some(92.5));
        // 1.55 × 1000 is 1550.0000000000002 in f64: the meant number is tidy.
        assert_eq!(
            scale_slip(1.55, 1600.0).map(|m| m.to_string()),
            Some("1550".into())
        );
        assert_eq!(scale_slip(1.5, 1.4), None);
        assert_eq!(
            scale_slip(5.0, 1000.0),
            None,
            "200 times is not a separator"
        );
        assert_eq!(
            scale_slip(1.0, 5000.0),
            None,
            "5000 times is not one either"
        );
        assert_eq!(scale_slip(0.0, 1000.0), None);
    }

    #[test]
    fn a_count_written_1_550_is_1550() {
        let i = with("orang", "Peserta pelatihan", "target = 1500");
        let concerns = indicator_concerns(&facts(&i, &[(4, 1.55, Some("1.550"))]));
        assert_eq!(
            concerns,
            vec![Concern::ThousandsSeparator {
                indicator: "x".into(),
                quantity: Quantity::Realisation(q(4)),
                value: 1.55,
                meant: 1550.0,
                clue: Clue::ThreeDecimals,
                at: "TW4".into(),
            }]
        );
    }

    #[test]
    fn a_count_with_three_decimals_is_caught_even_when_the_target_has_them_too() {
        // Target `1.600` and value `1.550`: the ratio says nothing, the writing does.
        let i = with("orang", "Peserta", "target = 1.600");
        let mut f = facts(&i, &[(4, 1.55, Some("1.550"))]);
        f.numbers[0].text = Some("1.600");
        let concerns = indicator_concerns(&f);
        let meant: Vec<f64> = concerns
            .iter()
            .map(|c| match c {
                Concern::ThousandsSeparator { meant, .. } => *meant,
                other => panic!("unexpected {other:?}"),
            })
            .collect();
        assert_eq!(meant, vec![1600.0, 1550.0]);
    }

    #[test]
    fn an_index_of_1_5_is_an_index_of_1_5() {
        let i = with("indeks", "Indeks kepuasan", "target = 1.6");
        assert_eq!(
            indicator_concerns(&facts(&i, &[(4, 1.5, Some("1.5"))])),
            vec![]
        );
        // Three decimals on an index are decimals: `1.500` is 1.5.
        assert_eq!(
            indicator_concerns(&facts(&i, &[(4, 1.5, Some("1.500"))])),
            vec![]
        );
    }

    #[test]
    fn a_value_a_thousand_times_smaller_than_its_target_is_a_slip() {
        let i = with("%", "Persentase layanan", "target = 95");
        let concerns = indicator_concerns(&facts(&i, &[(4, 0.095, Some("0.095"))]));
        assert_eq!(
            concerns,
            vec![Concern::ThousandsSeparator {
                indicator: "x".into(),
                quantity: Quantity::Realisation(q(4)),
                value: 0.095,
                meant: 95.0,
                clue: Clue::Target { target: 95.0 },
                at: "TW4".into(),
            }]
        );
    }

    #[test]
    fn a_value_a_thousand_times_larger_is_not_also_over_three_times_its_target() {
        let i = with("indeks", "IPG", "target = 92.5");
        let concerns = indicator_concerns(&facts(&i, &[(4, 92500.0, None)]));
        assert_eq!(concerns.len(), 1, "{concerns:?}");
        assert!(matches!(
            concerns[0],
            Concern::ThousandsSeparator { meant, .. } if meant == 92.5
        ));
    }

    #[test]
    fn over_three_times_the_target_stays_a_warning() {
        let i = with("%", "Persentase", "target = 20");
        let concerns = indicator_concerns(&facts(&i, &[(4, 70.0, None)]));
        assert_eq!(
            concerns,
            vec![Concern::OverTarget {
                indicator: "x".into(),
                quarter: q(4),
                value: 70.0,
                target: 20.0,
                at: "TW4".into(),
            }]
        );
        // Exactly three times is not over.
        assert_eq!(indicator_concerns(&facts(&i, &[(4, 60.0, None)])), vec![]);
    }

    #[test]
    fn a_quarter_far_from_the_others_is_a_slip() {
        let i = with(
            "orang",
            "Peserta KB baru",
            "target = 1200\nakumulasi = \"jumlah\"",
        );
        let concerns = indicator_concerns(&facts(
            &i,
            &[
                (1, 310.0, None),
                (2, 0.29, None),
                (3, 305.0, None),
                (4, 300.0, None),
            ],
        ));
        assert_eq!(concerns.len(), 1, "{concerns:?}");
        assert!(matches!(
            &concerns[0],
            Concern::ThousandsSeparator { meant, at, .. } if *meant == 290.0 && at == "TW2"
        ));
    }

    #[test]
    fn a_whole_year_a_thousand_times_off_the_other_years_is_a_slip() {
        let i = with("layanan", "Layanan", "target = 1.6");
        let mut f = facts(&i, &[(4, 1.5, None)]);
        f.other_years = vec![
            (2023, 1500.0),
            (2023, 1450.0),
            (2024, 1600.0),
            (2024, 1580.0),
        ];
        let meant: Vec<f64> = indicator_concerns(&f)
            .iter()
            .map(|c| match c {
                Concern::ThousandsSeparator {
                    meant,
                    clue: Clue::OtherYears { .. },
                    ..
                } => *meant,
                other => panic!("unexpected {other:?}"),
            })
            .collect();
        assert_eq!(meant, vec![1600.0, 1500.0]);
        // One other year is no yardstick: which of the two is wrong?
        f.other_years = vec![(2024, 1600.0), (2024, 1580.0)];
        assert_eq!(indicator_concerns(&f), vec![]);
    }

    #[test]
    fn negative_counts_warn_negative_growth_does_not() {
        let i = with("kasus", "Jumlah kasus tertangani", "target = 40");
        assert_eq!(
            indicator_concerns(&facts(&i, &[(4, -3.0, None)])),
            vec![Concern::Negative {
                indicator: "x".into(),
                unit: "kasus".into(),
                quantity: Quantity::Realisation(q(4)),
                value: -3.0,
                at: "TW4".into(),
            }]
        );
        let laju = with("%", "Laju pertumbuhan penduduk", "target = 1.5");
        assert_eq!(
            indicator_concerns(&facts(&laju, &[(4, -0.3, None)])),
            vec![]
        );
    }

    #[test]
    fn a_negative_target_always_warns_and_says_why() {
        let laju = with("%", "Laju pertumbuhan penduduk", "target = -0.5");
        let concerns = indicator_concerns(&facts(&laju, &[(4, -0.4, None)]));
        assert_eq!(
            concerns,
            vec![Concern::NegativeTarget {
                indicator: "x".into(),
                unit: "%".into(),
                quantity: Quantity::Target,
                value: -0.5,
                never_negative: false,
                at: "Target".into(),
            }]
        );
        let count = with("orang", "Peserta", "target = -40");
        assert!(matches!(
            indicator_concerns(&facts(&count, &[]))[..],
            [Concern::NegativeTarget {
                never_negative: true,
                ..
            }]
        ));
    }

    #[test]
    fn a_negative_year_target_speaks_for_its_quarterly_targets() {
        let laju = with(
            "%",
            "Laju pertumbuhan",
            "target = -0.4\ntarget_triwulan = [-0.1, -0.2, -0.3, -0.4]",
        );
        let quantities: Vec<Quantity> = indicator_concerns(&facts(&laju, &[]))
            .iter()
            .map(|c| match c {
                Concern::NegativeTarget { quantity, .. } => *quantity,
                other => panic!("unexpected {other:?}"),
            })
            .collect();
        assert_eq!(quantities, vec![Quantity::Target]);
        // A quarterly target negative alone is questioned alone.
        let count = with(
            "orang",
            "Peserta",
            "target = 40\ntarget_triwulan = [10, -20, 30, 40]",
        );
        let quantities: Vec<Quantity> = indicator_concerns(&facts(&count, &[]))
            .iter()
            .map(|c| match c {
                Concern::NegativeTarget { quantity, .. } => *quantity,
                other => panic!("unexpected {other:?}"),
            })
            .collect();
        assert_eq!(quantities, vec![Quantity::QuarterTarget(q(2))]);
    }

    #[test]
    fn cumulative_quarters_of_a_sum_are_caught() {
        let i = with(
            "orang",
            "Korban yang didampingi",
            "target = 120\ntarget_triwulan = [30, 60, 90, 120]\nakumulasi = \"jumlah\"",
        );
        let concerns = indicator_concerns(&facts(
            &i,
            &[
                (1, 32.0, None),
                (2, 61.0, None),
                (3, 92.0, None),
                (4, 118.0, None),
            ],
        ));
        assert_eq!(
            concerns,
            vec![Concern::LooksCumulative {
                indicator: "x".into(),
                entries: vec![(q(1), 32.0), (q(2), 61.0), (q(3), 92.0), (q(4), 118.0)],
                sum: 303.0,
                target: 120.0,
                own: vec![32.0, 29.0, 31.0, 26.0],
                at: "TW4".into(),
            }]
        );
        // Each quarter's own count: no concern.
        let own = facts(
            &i,
            &[
                (1, 32.0, None),
                (2, 29.0, None),
                (3, 31.0, None),
                (4, 26.0, None),
            ],
        );
        assert_eq!(indicator_concerns(&own), vec![]);
        // The same numbers under `akhir` are what `akhir` means.
        let last = with("orang", "Korban", "target = 120\nakumulasi = \"akhir\"");
        let f = facts(
            &last,
            &[
                (1, 32.0, None),
                (2, 61.0, None),
                (3, 92.0, None),
                (4, 118.0, None),
            ],
        );
        assert_eq!(indicator_concerns(&f), vec![]);
    }

    #[test]
    fn cumulative_quarters_in_a_year_in_progress_use_the_quarter_target() {
        let i = with(
            "dokumen",
            "Dokumen",
            "target = 40\ntarget_triwulan = [10, 20, 30, 40]\nakumulasi = \"jumlah\"",
        );
        let mut f = IndicatorYear::new(&i, 2026, date(2026, 11, 20), |q, _| {
            (format!("{q:?}"), None)
        });
        for (n, v) in [(1, 10.0), (2, 20.0), (3, 30.0)] {
            f.realisation(q(n), v, None, format!("TW{n}"));
        }
        assert!(matches!(
            &indicator_concerns(&f)[..],
            [Concern::LooksCumulative { sum, target, .. }] if *sum == 60.0 && *target == 30.0
        ));
    }

    #[test]
    fn the_fourth_quarter_target_is_the_year_target() {
        let akhir = with(
            "indeks",
            "IPG",
            "target = 92.5\ntarget_triwulan = [90.0, 90.0, 91.0, 92.0]",
        );
        assert_eq!(
            indicator_concerns(&facts(&akhir, &[])),
            vec![Concern::QuarterTargets {
                indicator: "x".into(),
                accumulation: Accumulation::Last,
                last: 92.0,
                target: Target::Number(92.5),
                running: None,
                at: format!("{:?}", Quantity::QuarterTarget(q(4))),
            }]
        );
        let own = with(
            "orang",
            "Peserta",
            "target = 100\ntarget_triwulan = [25, 25, 25, 25]\nakumulasi = \"jumlah\"",
        );
        assert!(matches!(
            &indicator_concerns(&facts(&own, &[]))[..],
            [Concern::QuarterTargets { running: Some(r), .. }] if r == &vec![25.0, 50.0, 75.0, 100.0]
        ));
        let mean = with(
            "hari",
            "Rata-rata lama layanan",
            "target = 10\ntarget_triwulan = [10, 10, 10, 10]\nakumulasi = \"rata_rata\"",
        );
        assert_eq!(indicator_concerns(&facts(&mean, &[])), vec![]);
    }

    #[test]
    fn a_quarter_not_ended_has_no_realisation_yet() {
        let i = with("%", "Persentase", "target = 80");
        let mut f =
            IndicatorYear::new(&i, 2026, date(2026, 9, 30), |q, _| (format!("{q:?}"), None));
        f.realisation(q(2), 70.0, None, "TW2".into());
        f.realisation(q(3), 75.0, None, "TW3".into());
        // 30 September is the last day of TW3: the quarter has not ended on it.
        assert_eq!(
            indicator_concerns(&f),
            vec![Concern::FutureQuarter {
                indicator: "x".into(),
                quarter: q(3),
                year: 2026,
                report_date: date(2026, 9, 30),
                at: "TW3".into(),
            }]
        );
        f.report_date = date(2026, 10, 1);
        assert_eq!(indicator_concerns(&f), vec![]);
    }

    #[test]
    fn the_pk_target_is_the_renstra_target() {
        let i = with("indeks", "IPG", "target = 92.5");
        let mut f = facts(&i, &[]);
        f.renstra = Some(92.0);
        assert_eq!(
            indicator_concerns(&f),
            vec![Concern::RenstraTarget {
                indicator: "x".into(),
                year: 2025,
                target: Target::Number(92.5),
                renstra: 92.0,
                at: "Target".into(),
            }]
        );
        f.renstra = Some(92.5);
        assert_eq!(indicator_concerns(&f), vec![]);
        let range = indicator(
            "id = \"x\"\nnama = \"Rasio\"\nsatuan = \"%\"\npolaritas = \"stabil\"\ntarget_min = 8.0\ntarget_maks = 12.0\n",
        );
        let mut f = facts(&range, &[(4, 10.0, None)]);
        f.renstra = Some(10.0);
        assert_eq!(indicator_concerns(&f), vec![]);
        f.renstra = Some(13.0);
        assert!(matches!(
            &indicator_concerns(&f)[..],
            [Concern::RenstraTarget { at, .. }] if at == "TargetMin"
        ));
    }

    #[test]
    fn a_range_target_is_over_three_times_at_its_upper_end() {
        let range = indicator(
            "id = \"x\"\nnama = \"Rasio\"\nsatuan = \"%\"\npolaritas = \"stabil\"\ntarget_min = 8.0\ntarget_maks = 12.0\n",
        );
        assert_eq!(
            indicator_concerns(&facts(&range, &[(4, 30.0, None)])),
            vec![]
        );
        assert!(matches!(
            &indicator_concerns(&facts(&range, &[(4, 40.0, None)]))[..],
            [Concern::OverTarget { target, .. }] if *target == 12.0
        ));
    }

    #[test]
    fn year_folders_far_from_the_report_are_questioned() {
        let day = date(2026, 11, 20);
        let plan = Some([2021, 2026]);
        assert!(year_folder(2099, plan, day, ()).is_some());
        assert!(year_folder(999, plan, day, ()).is_some());
        assert!(
            year_folder(2027, plan, day, ()).is_none(),
            "next year's PKs are signed early"
        );
        assert!(year_folder(2028, plan, day, ()).is_some());
        assert!(
            year_folder(2028, Some([2026, 2030]), day, ()).is_none(),
            "in the plan"
        );
        assert!(
            year_folder(2016, None, day, ()).is_none(),
            "an old year is history"
        );
        assert!(year_folder(2030, None, day, ()).is_some());
    }

    fn officials(pairs: &[(&str, &str)]) -> Vec<Official> {
        pairs
            .iter()
            .map(|(id, atasan)| {
                toml::from_str(&format!(
                    "id = \"{id}\"\nnama = \"N\"\njabatan = \"J\"\nperan = \"kabid\"\neselon = \"III\"\natasan = \"{atasan}\"\n"
                ))
                .expect("an official")
            })
            .collect()
    }

    #[test]
    fn a_circle_of_superiors_is_named_once() {
        let list = officials(&[
            ("kepala", ""),
            ("b", "c"),
            ("c", "d"),
            ("d", "b"),
            ("e", "b"),
        ]);
        let cycles = superior_cycles(&list, |o| o.id.value.clone());
        assert_eq!(
            cycles,
            vec![Concern::SuperiorCycle {
                chain: vec!["b".into(), "c".into(), "d".into(), "b".into()],
                at: "b".into(),
            }]
        );
        let selfish = officials(&[("kepala", "kepala")]);
        assert!(matches!(
            &superior_cycles(&selfish, |_| ())[..],
            [Concern::SuperiorCycle { chain, .. }] if chain == &vec!["kepala".to_string(), "kepala".to_string()]
        ));
        let tree = officials(&[
            ("kepala", ""),
            ("a", "kepala"),
            ("b", "a"),
            ("c", "unknown"),
        ]);
        assert_eq!(superior_cycles(&tree, |_| ()), vec![]);
    }

    fn sop(numbers: &[u32]) -> Sop {
        let mut text = String::from(
            "nama = \"SOP\"\ndasar_hukum = []\nkualifikasi = []\nketerkaitan = []\nperalatan = []\npencatatan = []\nperingatan = \"\"\npelaksana = [\"kepala_opd\"]\n",
        );
        for n in numbers {
            text.push_str(&format!(
                "[[langkah]]\nno = {n}\nuraian = \"U\"\npelaksana = \"kepala_opd\"\nkelengkapan = \"K\"\nwaktu = \"1 jam\"\noutput = \"O\"\n"
            ));
        }
        toml::from_str(&text).expect("an SOP")
    }

    #[test]
    fn sop_steps_are_numbered_one_to_n() {
        assert_eq!(sop_numbers(&sop(&[1, 2, 3]), |s| *s.no), vec![]);
        assert_eq!(
            sop_numbers(&sop(&[1, 2, 30]), |s| *s.no),
            vec![Concern::SopStep {
                no: 30,
                steps: 3,
                meant: Some(3),
                at: 30
            }]
        );
        assert_eq!(
            sop_numbers(&sop(&[0, 1, 2]), |s| *s.no),
            vec![Concern::SopStep {
                no: 0,
                steps: 3,
                meant: Some(3),
                at: 0
            }]
        );
        // A gap with the numbers beyond it: 1, 2, 4, 5 of four steps.
        assert_eq!(
            sop_numbers(&sop(&[1, 2, 4, 5]), |s| *s.no),
            vec![Concern::SopStep {
                no: 5,
                steps: 4,
                meant: Some(3),
                at: 5
            }]
        );
    }

    #[test]
    fn process_dates_belong_to_the_year_or_the_next() {
        let dates = [
            (1, date(2025, 3, 1), "a"),
            (2, date(2026, 1, 10), "b"),
            (3, date(2031, 1, 10), "c"),
            (4, date(2024, 12, 31), "d"),
        ];
        let found: Vec<&str> = process_dates(2025, dates).iter().map(|c| *c.at()).collect();
        assert_eq!(found, vec!["c", "d"]);
    }

    #[test]
    fn every_concern_is_said_in_both_languages() {
        let day = date(2026, 1, 20);
        let all: Vec<Concern<()>> = vec![
            Concern::Negative {
                indicator: "i".into(),
                unit: "orang".into(),
                quantity: Quantity::Realisation(q(1)),
                value: -3.0,
                at: (),
            },
            Concern::NegativeTarget {
                indicator: "i".into(),
                unit: "%".into(),
                quantity: Quantity::QuarterTarget(q(2)),
                value: -1.0,
                never_negative: true,
                at: (),
            },
            Concern::NegativeTarget {
                indicator: "i".into(),
                unit: "%".into(),
                quantity: Quantity::Target,
                value: -1.0,
                never_negative: false,
                at: (),
            },
            Concern::ThousandsSeparator {
                indicator: "i".into(),
                quantity: Quantity::Target,
                value: 92500.0,
                meant: 92.5,
                clue: Clue::ThisYear { around: 91.0 },
                at: (),
            },
            Concern::ThousandsSeparator {
                indicator: "i".into(),
                quantity: Quantity::Realisation(q(3)),
                value: 0.3,
                meant: 300.0,
                clue: Clue::OtherYears { around: 310.0 },
                at: (),
            },
            Concern::OverTarget {
                indicator: "i".into(),
                quarter: q(4),
                value: 400.0,
                target: 100.0,
                at: (),
            },
            Concern::LooksCumulative {
                indicator: "i".into(),
                entries: vec![(q(1), 1.0), (q(2), 2.0)],
                sum: 3.0,
                target: 2.0,
                own: vec![1.0, 1.0],
                at: (),
            },
            Concern::QuarterTargets {
                indicator: "i".into(),
                accumulation: Accumulation::Mean,
                last: 9.0,
                target: Target::Number(10.0),
                running: None,
                at: (),
            },
            Concern::QuarterTargets {
                indicator: "i".into(),
                accumulation: Accumulation::Last,
                last: 13.0,
                target: Target::Range {
                    min: 8.0,
                    max: 12.0,
                },
                running: None,
                at: (),
            },
            Concern::FutureQuarter {
                indicator: "i".into(),
                quarter: q(4),
                year: 2026,
                report_date: day,
                at: (),
            },
            Concern::RenstraTarget {
                indicator: "i".into(),
                year: 2025,
                target: Target::Number(1.0),
                renstra: 2.0,
                at: (),
            },
            Concern::YearFolder {
                year: 2099,
                period: None,
                report_date: day,
                at: (),
            },
            Concern::SuperiorCycle {
                chain: vec!["a".into(), "b".into(), "a".into()],
                at: (),
            },
            Concern::SopStep {
                no: 30,
                steps: 12,
                meant: None,
                at: (),
            },
            Concern::ProcessDate {
                step: 3,
                date: date(2031, 1, 1),
                year: 2025,
                at: (),
            },
        ];
        for concern in &all {
            let id = concern.said(Language::Indonesian);
            let en = concern.said(Language::English);
            for said in [&id, &en] {
                assert!(
                    !said.message.is_empty() && !said.label.is_empty() && !said.help.is_empty(),
                    "{concern:?}: {said:?}"
                );
            }
            assert_ne!(id.message, en.message, "{concern:?}");
            assert_ne!(id.help, en.help, "{concern:?}");
            if let Some(indicator) = concern.indicator() {
                assert!(id.message.contains(&format!("`{indicator}`")), "{id:?}");
                assert!(en.message.contains(&format!("`{indicator}`")), "{en:?}");
            }
        }
        // A quarterly target is written by its place in `target_triwulan`.
        assert!(
            all[1]
                .said(Language::English)
                .help
                .contains("1 as number 2 of `target_triwulan`")
        );
        assert!(
            all[1]
                .said(Language::Indonesian)
                .help
                .contains("1 sebagai angka ke-2 `target_triwulan`")
        );
        assert_eq!(all[13].said(Language::English).label, "not 1 to 12");
    }

    #[test]
    fn concerns_speak_the_site_language() {
        let concern = Concern::ThousandsSeparator {
            indicator: "peserta".to_string(),
            quantity: Quantity::Realisation(q(4)),
            value: 1.55,
            meant: 1550.0,
            clue: Clue::ThreeDecimals,
            at: (),
        };
        let id = concern.said(Language::Indonesian);
        assert_eq!(id.label, "maksudnya 1550?");
        assert!(id.message.contains("dibaca 1,55"), "{}", id.message);
        assert!(id.help.contains("`nilai = 1550`"), "{}", id.help);
        let en = concern.said(Language::English);
        assert_eq!(en.label, "did you mean 1550?");
        assert!(en.message.contains("reads as 1.55"), "{}", en.message);
    }
}
