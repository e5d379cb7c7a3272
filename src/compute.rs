//! Computation: a pure function from the loaded [`Report`] to [`Computed`] values.
//!
//! Nothing here reads files or prints; every number the site shows comes from here, in f64,
//! unrounded. Formatting is the renderer's job.

use std::collections::BTreeMap;

use rayon::prelude::*;

pub mod budget;
mod projection;
pub use projection::{Method, Projection};
use serde::Serialize;

use crate::model::{
    Accumulation, Category, Date, Goal, Indicator, NegativeFormula, Pk, Polarity, Programme,
    Quarter, Realisation, Report, Rupiah, Target, Value, Year,
};

/// Everything computed from a report, per budget year (oldest first).
#[derive(Clone, Debug, Default, Serialize)]
pub struct Computed {
    pub years: BTreeMap<i32, YearResult>,
}

/// One budget year.
#[derive(Clone, Debug, Default, Serialize)]
pub struct YearResult {
    pub year: i32,
    /// How far the year has come by the report date: complete, or in progress up to a quarter.
    pub period: YearPeriod,
    /// In the order of the year's PK files (sorted by id).
    pub pks: Vec<PkResult>,
    /// All indicators of all PKs.
    pub summary: Summary,
    /// All programmes of all PKs.
    pub budget: Budget,
    /// Whether the year is approved, by which run, and whether its data changed since
    /// ([`crate::approval`]). A year not approved is a DRAFT.
    pub approval: crate::approval::Approval,
}

/// One Perjanjian Kinerja.
#[derive(Clone, Debug, Default, Serialize)]
pub struct PkResult {
    pub id: String,
    pub goals: Vec<GoalResult>,
    pub programmes: Vec<ProgrammeResult>,
    pub summary: Summary,
    pub budget: Budget,
}

/// One sasaran of a PK.
#[derive(Clone, Debug, Default, Serialize)]
pub struct GoalResult {
    pub id: String,
    pub indicators: Vec<IndicatorResult>,
    pub summary: Summary,
    /// Ids of the PK's programmes whose `sasaran` lists this goal (comparison 7).
    pub programmes: Vec<String>,
}

/// How far a budget year has come by the report date (`tanggal_laporan`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct YearPeriod {
    /// The report date is after the year's 31 December.
    pub complete: bool,
    /// The latest quarter ended by the report date (`None` before the first has ended);
    /// `Some(4)` for a complete year.
    pub through: Option<Quarter>,
}

impl YearPeriod {
    /// The period of `year` as of `report_date`: a quarter has ended when its last day is
    /// before the report date.
    pub fn of(year: i32, report_date: Date) -> YearPeriod {
        let through = Quarter::ALL
            .into_iter()
            .rev()
            .find(|q| q.end(year).is_some_and(|end| end < report_date));
        YearPeriod {
            complete: through == Some(Quarter::ALL[3]),
            through,
        }
    }

    /// Whether quarter `q` has ended by the report date.
    pub fn has_ended(self, q: Quarter) -> bool {
        self.through.is_some_and(|t| q <= t)
    }
}

/// What an indicator's shown achievement is measured against.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodBasis {
    /// A complete year: the year's realisation against the year target.
    #[default]
    Year,
    /// A year in progress: the realisation up to this quarter against its `target_triwulan`
    /// ("s.d. Triwulan q").
    Quarter(Quarter),
    /// A year in progress, an indicator without `target_triwulan`: the realisation up to the
    /// latest reported quarter against the year target ("terhadap target tahunan").
    YearTarget(Quarter),
    /// A year in progress with no realisation of an ended quarter yet.
    Nothing,
}

impl PeriodBasis {
    /// The quarter the shown achievement is measured up to (`triwulan_periode`): in a year in
    /// progress the indicator's latest reported quarter that has ended, in a complete year the
    /// fourth; `None` when nothing is measured.
    pub fn quarter(self) -> Option<Quarter> {
        match self {
            PeriodBasis::Quarter(q) | PeriodBasis::YearTarget(q) => Some(q),
            PeriodBasis::Year => Some(Quarter::ALL[3]),
            PeriodBasis::Nothing => None,
        }
    }
}

/// One indicator in one year, with the comparisons of PermenPAN-RB 53/2014.
#[derive(Clone, Debug, Default, Serialize)]
pub struct IndicatorResult {
    pub id: String,
    pub pk: String,
    pub goal: String,
    /// `T`: a number, a word, or a range.
    pub target: Target,
    /// `R` from the quarters by `akumulasi`; `None` when no quarter is reported.
    pub realisation: Option<Value>,
    /// capaian in percent against the year target (the export's `capaian`); `None` when it
    /// cannot be computed.
    pub year_achievement: Option<f64>,
    /// The achievement the report shows (`capaian_periode`): in a complete year the year's
    /// capaian; in a year in progress the period achievement, see [`PeriodBasis`].
    pub achievement: Option<f64>,
    /// What `achievement` is measured against.
    pub basis: PeriodBasis,
    /// How `achievement` was computed; `None` when it has no value to explain.
    pub working: Option<Working>,
    /// A year in progress: the projected year-end realisation and achievement, and what the
    /// remaining quarters need; `None` for a complete year.
    pub projection: Option<Projection>,
    /// Name of the scale entry the shown achievement falls in.
    pub category: Option<String>,
    /// Only the quarters that have a realisation, in order.
    pub quarters: Vec<QuarterResult>,
    /// Comparison 2: the same indicator id in every year folder (this one included), oldest first.
    pub history: Vec<HistoryPoint>,
    /// Comparison 3: against the Renstra's final-year target, where the Renstra has this id.
    pub renstra: Option<RenstraComparison>,
    /// Comparison 4: against `standar_nasional`, where given.
    pub national: Option<NationalComparison>,
}

#[derive(Clone, Debug, Serialize)]
pub struct QuarterResult {
    pub quarter: Quarter,
    /// `T_q` from `target_triwulan` (a `stabil` indicator's range); `None` when not given.
    pub target: Option<Target>,
    /// `R_q` over quarters 1..=q by `akumulasi`.
    pub realisation: Value,
    /// `None` when `T_q` is missing or the formula gives none.
    pub achievement: Option<f64>,
}

#[derive(Clone, Debug, Serialize)]
pub struct HistoryPoint {
    pub year: i32,
    pub target: Target,
    pub realisation: Option<Value>,
    pub achievement: Option<f64>,
}

#[derive(Clone, Debug, Serialize)]
pub struct RenstraComparison {
    /// The plan's final year.
    pub final_year: i32,
    /// The Renstra's target for the final year, `T` of `achievement`.
    pub final_target: Option<f64>,
    /// The Renstra's target for this indicator's year, for display.
    pub year_target: Option<f64>,
    /// `capaian_renstra`: this year's `R` against `final_target`, same formula.
    pub achievement: Option<f64>,
}

#[derive(Clone, Debug, Serialize)]
pub struct NationalComparison {
    pub standard: f64,
    /// The realisation against the standard as target, same formula.
    pub achievement: Option<f64>,
    /// Whether the realisation is at least as good as the standard (by polarity).
    pub meets: Option<bool>,
}

/// Budget of one programme.
#[derive(Clone, Debug, Default, Serialize)]
pub struct ProgrammeResult {
    pub id: String,
    pub pk: String,
    pub budget: Rupiah,
    /// Σ realisasi over the quarters.
    pub spent: Rupiah,
    /// Whether any `[[anggaran]]` entry names this programme; without one, serapan and
    /// efisiensi are `None` ("belum ada data").
    pub reported: bool,
    /// Spent in each quarter 1..=4 (0 where nothing was recorded).
    pub spent_per_quarter: [Rupiah; 4],
    /// serapan = spent / pagu × 100; `None` when the pagu is 0 or nothing is reported.
    pub absorption: Option<f64>,
    /// Mean (shown) capaian of the indicators of the programme's goals.
    pub mean_achievement: Option<f64>,
    /// efisiensi = mean capaian − serapan, in percentage points; ≥ 0 reads "efisien".
    pub efficiency: Option<f64>,
    /// The nomenclature code (`kode`), when given.
    pub code: Option<String>,
    /// pagu perubahan (APBD-P), when given: serapan is measured against it.
    pub revised_budget: Option<Rupiah>,
    pub funding: Option<String>,
    /// Its kegiatan, each with its sub-kegiatan ([`budget`]).
    pub activities: Vec<budget::LineResult>,
    /// The PKs whose spending on the same `kode` this programme shows, having none of its
    /// own (the head's PK, [`budget::summarise_across`]); empty otherwise.
    pub from_pks: Vec<String>,
}

impl ProgrammeResult {
    /// The pagu serapan is measured against: the revised one when given.
    pub fn effective_budget(&self) -> Rupiah {
        self.revised_budget.unwrap_or(self.budget)
    }
}

/// Budget totals over several programmes.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Budget {
    /// Σ pagu murni.
    pub budget: Rupiah,
    /// Σ of the pagu serapan is measured against (the revised one where given); equal to
    /// `budget` when no programme has a revised budget.
    pub effective_budget: Rupiah,
    pub spent: Rupiah,
    pub absorption: Option<f64>,
    /// Mean capaian of all the indicators − serapan ([`budget`]); set by the PK and the year.
    pub efficiency: Option<f64>,
}

/// Mean achievement and the count per category of a set of indicators.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Summary {
    pub indicators: usize,
    /// Indicators that have a shown achievement ("n dari N indikator terukur").
    pub measured: usize,
    /// Mean of the shown achievements (`rata_rata_capaian_periode`).
    pub mean_achievement: Option<f64>,
    /// Mean of the achievements against the year targets (`rata_rata_capaian`).
    pub mean_year_achievement: Option<f64>,
    /// Every category of the scale, highest first, with how many indicators fall in it.
    pub categories: Vec<CategoryCount>,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct CategoryCount {
    pub name: String,
    pub count: usize,
}

/// Computes every year of the report as of `report_date` (`tanggal_laporan`, see
/// [`Report::report_date`]).
pub fn compute(report: &Report, report_date: Date) -> Computed {
    compute_reusing(report, report_date, &|_| None, &|_, _| {})
}

/// [`compute`], taking a year's result from `reused` where it gives one (computed before
/// from the same inputs, without its history: serve's [`crate::recheck::Cache`]) and showing
/// `computed` each year computed again, before its history is attached.
///
/// A year's result reads the year's own files, the files outside the years' folders (the
/// scale, the Renstra, the SOP's approval steps), the report date, and, for a year in
/// progress, the year before (its projection). Only the history crosses every year: it is
/// attached here, after.
pub(crate) fn compute_reusing(
    report: &Report,
    report_date: Date,
    reused: &(dyn Fn(i32) -> Option<YearResult> + Sync),
    computed: &(dyn Fn(i32, &YearResult) + Sync),
) -> Computed {
    let scale = report.categories();
    // Years are independent until their history is attached: one per core.
    let mut years: BTreeMap<i32, YearResult> = report
        .years
        .par_iter()
        .map(|(&key, year)| {
            let result = reused(key).unwrap_or_else(|| {
                let period = YearPeriod::of(key, report_date);
                let result = compute_year(report, key, year, period, &scale);
                computed(key, &result);
                result
            });
            (key, result)
        })
        .collect();
    crate::recheck::timed("compute: history", || attach_history(&mut years));
    Computed { years }
}

// ---------------------------------------------------------------------------------------------
// Formulas, public so that the validator uses the same arithmetic.

/// The realisation `R` as of the end of quarter `upto`, from the entries of one indicator
/// (entries of other quarters after `upto` are ignored).
///
/// `akhir`: the latest quarter reported; `jumlah`: the sum of the quarters reported;
/// `rata_rata`: their mean. Ordinal indicators always take the latest word. `None` when no
/// quarter up to `upto` is reported, or when the value cannot be used (a word in a numeric
/// indicator, a number in an ordinal one). Of two entries for one quarter (an error the
/// validator reports) the first counts.
pub fn year_realisation(
    indicator: &Indicator,
    entries: &[&Realisation],
    upto: Quarter,
) -> Option<Value> {
    accumulate(indicator, entries, upto).map(|a| a.result)
}

/// How `R` follows from the quarters: the rule, the quarters' values it used, and `R`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Accumulated {
    pub rule: Accumulation,
    /// The quarters used, in order, with the value reported for each.
    pub quarters: Vec<(Quarter, Value)>,
    pub result: Value,
}

/// [`year_realisation`] with its working: the one place `R` is computed.
pub fn accumulate(
    indicator: &Indicator,
    entries: &[&Realisation],
    upto: Quarter,
) -> Option<Accumulated> {
    let mut by_quarter: BTreeMap<Quarter, &Value> = BTreeMap::new();
    for entry in entries.iter().filter(|e| *e.quarter <= upto) {
        by_quarter.entry(*entry.quarter).or_insert(&entry.value);
    }
    let (&latest_quarter, latest) = by_quarter.iter().next_back()?;
    if indicator.is_ordinal() {
        let word = Value::Word(latest.as_word()?.to_string());
        return Some(Accumulated {
            rule: Accumulation::Last,
            quarters: vec![(latest_quarter, word.clone())],
            result: word,
        });
    }
    let numbers: Option<Vec<f64>> = by_quarter.values().map(|v| v.as_number()).collect();
    let numbers = numbers?;
    let rule = *indicator.accumulation;
    let r = match rule {
        Accumulation::Last => latest.as_number()?,
        Accumulation::Sum => numbers.iter().sum(),
        Accumulation::Mean => numbers.iter().sum::<f64>() / numbers.len() as f64,
    };
    let quarters = match rule {
        Accumulation::Last => vec![(latest_quarter, Value::Number(r))],
        Accumulation::Sum | Accumulation::Mean => {
            by_quarter.iter().map(|(q, v)| (*q, (*v).clone())).collect()
        }
    };
    Some(Accumulated {
        rule,
        quarters,
        result: Value::Number(r),
    })
}

/// A capaian formula with the values put in: what the number is and how it was reached.
/// [`Formula::value`] is the capaian; the "Cara menghitung" block writes the same terms.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "rumus", rename_all = "snake_case")]
pub enum Formula {
    /// positif: R / T × 100.
    Ratio { r: f64, t: f64 },
    /// negatif, the default: (2 × T − R) / T × 100, not below 0.
    TwiceTargetMinus { t: f64, r: f64 },
    /// negatif with `rumus_capaian = "T/R"`: T / R × 100; none for R = 0.
    TargetOverRealisation { t: f64, r: f64 },
    /// T = 0: 100 when met, else 0.
    ZeroTarget { r: f64, met: bool },
    /// A range target, R within it: 100.
    WithinRange { min: f64, max: f64, r: f64 },
    /// A range target, R below it: R / min × 100 (0 for min = 0).
    BelowRange { min: f64, r: f64 },
    /// A range target, R above it: (2 × max − R) / max × 100, not below 0.
    AboveRange { max: f64, r: f64 },
    /// An ordinal indicator: rank(R) / rank(T) × 100.
    Ordinal {
        r: String,
        r_rank: usize,
        t: String,
        t_rank: usize,
    },
    /// A negative target (or range bound): no capaian.
    NegativeTarget { t: f64 },
    /// An ordinal indicator with `skor`: skor(R) / skor(T) × 100.
    OrdinalScore {
        r: String,
        r_score: f64,
        t: String,
        t_score: f64,
    },
}

impl Formula {
    /// The capaian in percent: never below 0; `None` where the formula has no value.
    pub fn value(&self) -> Option<f64> {
        let raw = match *self {
            Formula::Ratio { r, t } => r / t * 100.0,
            Formula::TwiceTargetMinus { t, r } => (2.0 * t - r) / t * 100.0,
            Formula::TargetOverRealisation { t, r } => {
                if r == 0.0 {
                    return None;
                }
                t / r * 100.0
            }
            Formula::ZeroTarget { met, .. } => {
                if met {
                    100.0
                } else {
                    0.0
                }
            }
            Formula::WithinRange { .. } => 100.0,
            Formula::BelowRange { min, r } => {
                if min == 0.0 {
                    0.0
                } else {
                    r / min * 100.0
                }
            }
            Formula::AboveRange { max, r } => {
                if max == 0.0 {
                    0.0
                } else {
                    (2.0 * max - r) / max * 100.0
                }
            }
            Formula::Ordinal { r_rank, t_rank, .. } => r_rank as f64 / t_rank as f64 * 100.0,
            // A score of 0 for the target word gives no ratio (not finite: none).
            Formula::OrdinalScore {
                r_score, t_score, ..
            } => r_score / t_score * 100.0,
            Formula::NegativeTarget { .. } => return None,
        };
        raw.is_finite().then_some(raw.max(0.0))
    }

    /// Whether the raw result was below 0 and is shown as 0.
    pub fn floored(&self) -> bool {
        let raw = match *self {
            Formula::TwiceTargetMinus { t, r } => (2.0 * t - r) / t,
            Formula::AboveRange { max, r } if max != 0.0 => (2.0 * max - r) / max,
            Formula::Ratio { r, t } => r / t,
            Formula::BelowRange { min, r } if min != 0.0 => r / min,
            _ => return false,
        };
        raw < 0.0
    }
}

/// capaian in percent of `realisation` against `target` by the indicator's polarity and
/// `rumus_capaian`; `None` when it cannot be computed (mismatched kinds, a word outside the
/// scale, `T/R` with R = 0, a negative target, a result that is not finite). Not capped above
/// 100, never below 0.
pub fn achievement(indicator: &Indicator, target: &Target, realisation: &Value) -> Option<f64> {
    formula(indicator, target, realisation)?.value()
}

/// The formula of [`achievement`] with its values: `None` when the values do not fit the
/// indicator (a word for a numeric indicator, a word outside the scale).
pub fn formula(indicator: &Indicator, target: &Target, realisation: &Value) -> Option<Formula> {
    if indicator.is_ordinal() {
        let (t, r) = (target.as_word()?, realisation.as_word()?);
        // With `skor`, each word counts its score, not its place in the scale.
        if indicator.scores.is_some() {
            return Some(Formula::OrdinalScore {
                r_score: indicator.score(r)?,
                t_score: indicator.score(t)?,
                r: r.to_string(),
                t: t.to_string(),
            });
        }
        return Some(Formula::Ordinal {
            r_rank: indicator.rank(r)?,
            t_rank: indicator.rank(t)?,
            r: r.to_string(),
            t: t.to_string(),
        });
    }
    let r = realisation.as_number()?;
    if !r.is_finite() {
        return None;
    }
    Some(match (target, *indicator.polarity) {
        (&Target::Range { min, max }, _) => range_formula(min, max, r)?,
        // A single number against a range indicator (a quarter's, the Renstra's or the
        // national standard): the range of that one value.
        (&Target::Number(t), Polarity::Stable) => range_formula(t, t, r)?,
        (&Target::Number(t), polarity) => {
            numeric_formula(polarity, indicator.formula.as_deref().copied(), t, r)?
        }
        (Target::Word(_), _) => return None,
    })
}

fn numeric_formula(
    polarity: Polarity,
    formula: Option<NegativeFormula>,
    t: f64,
    r: f64,
) -> Option<Formula> {
    if !t.is_finite() {
        return None;
    }
    // A negative target has no meaningful ratio (a warning says so).
    if t < 0.0 {
        return Some(Formula::NegativeTarget { t });
    }
    if t == 0.0 {
        // Our rule (documented for users): a zero target is met or not.
        let met = match polarity {
            Polarity::Positive | Polarity::Stable => r >= 0.0,
            Polarity::Negative => r <= 0.0,
        };
        return Some(Formula::ZeroTarget { r, met });
    }
    Some(match (polarity, formula.unwrap_or_default()) {
        (Polarity::Positive | Polarity::Stable, _) => Formula::Ratio { r, t },
        (Polarity::Negative, NegativeFormula::TwiceTargetMinus) => {
            Formula::TwiceTargetMinus { t, r }
        }
        (Polarity::Negative, NegativeFormula::TargetOverRealisation) => {
            Formula::TargetOverRealisation { t, r }
        }
    })
}

/// A range target: 100 within `min..=max`; below, `R / min × 100`; above,
/// `(2·max − R) / max × 100` (floored at 0). `None` for a range written backwards.
fn range_formula(min: f64, max: f64, r: f64) -> Option<Formula> {
    if !(min.is_finite() && max.is_finite()) || max < min {
        return None;
    }
    if min < 0.0 {
        return Some(Formula::NegativeTarget { t: min });
    }
    Some(if r < min {
        Formula::BelowRange { min, r }
    } else if r > max {
        Formula::AboveRange { max, r }
    } else {
        Formula::WithinRange { min, max, r }
    })
}

/// The name of the category an achievement falls in: the first entry of the scale (highest
/// first) whose `min` ≤ capaian, or the last entry when none is. `None` only for an empty scale.
pub fn category(scale: &[Category], achievement: f64) -> Option<&str> {
    category_index(scale, achievement).map(|i| scale[i].name.as_str())
}

fn category_index(scale: &[Category], achievement: f64) -> Option<usize> {
    scale
        .iter()
        .position(|c| *c.min <= achievement)
        .or(scale.len().checked_sub(1))
}

/// The realisation entries of one indicator of a PK in a year, in file order.
pub fn indicator_entries<'a>(year: &'a Year, pk: &str, indicator: &str) -> Vec<&'a Realisation> {
    year.realisations
        .get(pk)
        .map(|r| {
            r.entries
                .iter()
                .filter(|e| *e.indicator == indicator)
                .collect()
        })
        .unwrap_or_default()
}

/// The mean of some values; `None` for none.
pub fn mean(values: impl IntoIterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values
        .into_iter()
        .fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / n as f64)
}

/// serapan: spent / pagu × 100; `None` when the pagu is 0.
pub fn absorption(budget: Rupiah, spent: Rupiah) -> Option<f64> {
    (budget.0 != 0).then(|| spent.0 as f64 / budget.0 as f64 * 100.0)
}

// ---------------------------------------------------------------------------------------------
// Assembly

fn compute_year(
    report: &Report,
    key: i32,
    year: &Year,
    period: YearPeriod,
    scale: &[Category],
) -> YearResult {
    let mut pks: Vec<PkResult> = year
        .pks
        .iter()
        .map(|pk| compute_pk(report, key, year, period, pk, scale))
        .collect();
    for i in budget::summarise_across(&mut pks) {
        let pk = &mut pks[i];
        pk.budget = total_budget(&pk.programmes);
        pk.budget.efficiency =
            budget::efficiency(pk.summary.mean_achievement, pk.budget.absorption);
    }
    let all = pks
        .iter()
        .flat_map(|p| &p.goals)
        .flat_map(|g| &g.indicators);
    let summary = summarize(all, scale);
    let mut budget = total_budget(budget::counted_once(pks.iter().flat_map(|p| &p.programmes)));
    budget.efficiency = budget::efficiency(summary.mean_achievement, budget.absorption);
    YearResult {
        year: key,
        period,
        pks,
        summary,
        budget,
        approval: crate::approval::approve(report, year),
    }
}

fn compute_pk(
    report: &Report,
    key: i32,
    year: &Year,
    period: YearPeriod,
    pk: &Pk,
    scale: &[Category],
) -> PkResult {
    let goals: Vec<GoalResult> = pk
        .goals
        .iter()
        .map(|goal| {
            let indicators: Vec<IndicatorResult> = goal
                .indicators
                .iter()
                .map(|indicator| {
                    compute_indicator(report, key, year, period, pk, goal, indicator, scale)
                })
                .collect();
            let programmes = pk
                .programmes
                .iter()
                .filter(|p| p.goals.iter().any(|g| **g == *goal.id))
                .map(|p| p.id.value.clone())
                .collect();
            GoalResult {
                id: goal.id.value.clone(),
                summary: summarize(&indicators, scale),
                indicators,
                programmes,
            }
        })
        .collect();
    let programmes: Vec<ProgrammeResult> = pk
        .programmes
        .iter()
        .map(|p| compute_programme(year, pk, p, &goals))
        .collect();
    let summary = summarize(goals.iter().flat_map(|g| &g.indicators), scale);
    let mut budget = total_budget(&programmes);
    budget.efficiency = budget::efficiency(summary.mean_achievement, budget.absorption);
    PkResult {
        id: pk.id.clone(),
        goals,
        programmes,
        summary,
        budget,
    }
}

#[allow(clippy::too_many_arguments)]
fn compute_indicator(
    report: &Report,
    key: i32,
    year: &Year,
    period: YearPeriod,
    pk: &Pk,
    goal: &Goal,
    indicator: &Indicator,
    scale: &[Category],
) -> IndicatorResult {
    let entries = indicator_entries(year, &pk.id, &indicator.id);
    let target = indicator.year_target().unwrap_or_default();
    let realisation = year_realisation(indicator, &entries, Quarter::ALL[3]);
    let year_working = working(
        indicator,
        &entries,
        &target,
        Quarter::ALL[3],
        PeriodBasis::Year,
    );
    let year_capaian = year_working.as_ref().and_then(Working::achievement);
    let (basis, shown) =
        period_working(indicator, &entries, &target, period, year_working.as_ref());
    let capaian = shown.as_ref().and_then(Working::achievement);
    let quarters = Quarter::ALL
        .into_iter()
        .filter(|q| entries.iter().any(|e| *e.quarter == *q))
        .filter_map(|q| {
            // A quarter whose value cannot be used (a word in a numeric indicator) is left out.
            let realisation = year_realisation(indicator, &entries, q)?;
            let target = indicator.quarter_goal(q);
            let capaian = target
                .as_ref()
                .and_then(|t| achievement(indicator, t, &realisation));
            Some(QuarterResult {
                quarter: q,
                target,
                realisation,
                achievement: capaian,
            })
        })
        .collect();
    let renstra = report.renstra.as_ref().and_then(|renstra| {
        let planned = renstra.indicator(&indicator.id)?;
        let final_year = renstra.final_year();
        let final_target = planned.target(final_year);
        // A word target of an ordinal indicator is measured the same way as a number.
        let capaian = match (planned.goal(final_year), &realisation) {
            (Some(t), Some(r)) => achievement(indicator, &Target::from(t), r),
            _ => None,
        };
        Some(RenstraComparison {
            final_year,
            final_target,
            year_target: planned.target(key),
            achievement: capaian,
        })
    });
    let national = indicator.national_standard.as_ref().map(|standard| {
        let standard = standard.value;
        let r = realisation.as_ref();
        NationalComparison {
            standard,
            achievement: r.and_then(|r| achievement(indicator, &Target::Number(standard), r)),
            meets: r
                .and_then(Value::as_number)
                .map(|r| match *indicator.polarity {
                    Polarity::Positive => r >= standard,
                    Polarity::Negative => r <= standard,
                    Polarity::Stable => r == standard,
                }),
        }
    });
    IndicatorResult {
        id: indicator.id.value.clone(),
        pk: pk.id.clone(),
        goal: goal.id.value.clone(),
        target,
        realisation,
        year_achievement: year_capaian,
        achievement: capaian,
        basis,
        working: shown,
        projection: match basis {
            PeriodBasis::Quarter(q) | PeriodBasis::YearTarget(q) if !period.complete => {
                let last_year = last_year_entries(report, key, &indicator.id);
                projection::project(
                    indicator,
                    &indicator.year_target().unwrap_or_default(),
                    &entries,
                    q,
                    last_year.as_ref().map(|(i, e)| (*i, e.as_slice())),
                    scale,
                )
            }
            _ => None,
        },
        category: capaian.and_then(|a| category(scale, a)).map(str::to_string),
        quarters,
        history: Vec::new(),
        renstra,
        national,
    }
}

/// The same indicator id in the year before `key`, with its entries, for the projection.
fn last_year_entries<'a>(
    report: &'a Report,
    key: i32,
    id: &str,
) -> Option<(&'a Indicator, Vec<&'a Realisation>)> {
    let year = report.years.get(&(key - 1))?;
    let (pk, indicator) = year
        .pks
        .iter()
        .flat_map(|pk| pk.indicators().map(move |(_, i)| (pk, i)))
        .find(|(_, i)| *i.id == id)?;
    Some((indicator, indicator_entries(year, &pk.id, id)))
}

/// How one achievement was computed: `R` from the quarters, the target it was measured
/// against and why that one, and the formula with its values ("Cara menghitung"). The number
/// is `formula.value()`: the explanation and the figure cannot disagree.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Working {
    pub realisation: Accumulated,
    pub target: Target,
    pub basis: PeriodBasis,
    pub formula: Formula,
}

impl Working {
    pub fn achievement(&self) -> Option<f64> {
        self.formula.value()
    }
}

/// `R` up to `upto` against `target`, with its working; `None` when nothing is reported or
/// the values do not fit the indicator.
fn working(
    indicator: &Indicator,
    entries: &[&Realisation],
    target: &Target,
    upto: Quarter,
    basis: PeriodBasis,
) -> Option<Working> {
    let realisation = accumulate(indicator, entries, upto)?;
    let formula = formula(indicator, target, &realisation.result)?;
    Some(Working {
        realisation,
        target: target.clone(),
        basis,
        formula,
    })
}

/// The achievement a page shows and what it is measured against: in a complete year the year's
/// capaian; in a year in progress the realisation up to the latest reported quarter that has
/// ended, against that quarter's target (or the year target when there are no quarterly
/// targets).
fn period_working(
    indicator: &Indicator,
    entries: &[&Realisation],
    target: &Target,
    period: YearPeriod,
    year: Option<&Working>,
) -> (PeriodBasis, Option<Working>) {
    if period.complete {
        return (PeriodBasis::Year, year.cloned());
    }
    let latest = entries
        .iter()
        .map(|e| *e.quarter)
        .filter(|q| period.has_ended(*q))
        .max();
    let Some(q) = latest else {
        return (PeriodBasis::Nothing, None);
    };
    // A quarter's own target where `target_triwulan` gives one; otherwise the year target
    // (for a `stabil` indicator its range, which holds all year).
    let (basis, target) = match indicator.quarter_target(q) {
        Some(t) if !indicator.is_ordinal() => (PeriodBasis::Quarter(q), Target::Number(t)),
        _ => (PeriodBasis::YearTarget(q), target.clone()),
    };
    match working(indicator, entries, &target, q, basis) {
        Some(w) => (basis, Some(w)),
        None => (PeriodBasis::Nothing, None),
    }
}

fn compute_programme(
    year: &Year,
    pk: &Pk,
    programme: &Programme,
    goals: &[GoalResult],
) -> ProgrammeResult {
    let spending = year
        .realisations
        .get(&pk.id)
        .map_or(&[][..], |r| &r.spending[..]);
    let mean_achievement = mean(
        goals
            .iter()
            .filter(|g| programme.goals.iter().any(|id| **id == g.id))
            .flat_map(|g| &g.indicators)
            .filter_map(|i| i.achievement),
    );
    let b = budget::programme(programme, spending, mean_achievement);
    ProgrammeResult {
        id: programme.id.value.clone(),
        pk: pk.id.clone(),
        budget: *programme.budget,
        spent: b.spent,
        reported: b.tally.reported,
        spent_per_quarter: b.tally.per_quarter,
        absorption: b.absorption,
        mean_achievement,
        efficiency: b.efficiency,
        code: programme.code.as_ref().map(|c| c.value.clone()),
        revised_budget: programme.revised_budget.as_ref().map(|r| r.value),
        funding: programme.funding.as_ref().map(|f| f.value.clone()),
        activities: b.activities,
        from_pks: Vec::new(),
    }
}

/// Totals over programmes; serapan is `None` when no programme has any spending reported.
fn total_budget<'a>(programmes: impl IntoIterator<Item = &'a ProgrammeResult>) -> Budget {
    let (budget, effective, spent, reported) =
        programmes
            .into_iter()
            .fold((0i64, 0i64, 0i64, false), |(b, e, s, r), p| {
                (
                    b.saturating_add(p.budget.0),
                    e.saturating_add(p.effective_budget().0),
                    s.saturating_add(p.spent.0),
                    r || p.reported,
                )
            });
    let (budget, effective_budget, spent) = (Rupiah(budget), Rupiah(effective), Rupiah(spent));
    Budget {
        budget,
        effective_budget,
        spent,
        absorption: absorption(effective_budget, spent).filter(|_| reported),
        efficiency: None,
    }
}

fn summarize<'a>(
    indicators: impl IntoIterator<Item = &'a IndicatorResult>,
    scale: &[Category],
) -> Summary {
    let mut counts = vec![0usize; scale.len()];
    let mut total = 0;
    let mut achievements = Vec::new();
    let mut year_achievements = Vec::new();
    for indicator in indicators {
        total += 1;
        if let Some(a) = indicator.achievement {
            achievements.push(a);
            if let Some(i) = category_index(scale, a) {
                counts[i] += 1;
            }
        }
        year_achievements.extend(indicator.year_achievement);
    }
    Summary {
        indicators: total,
        measured: achievements.len(),
        mean_achievement: mean(achievements),
        mean_year_achievement: mean(year_achievements),
        categories: scale
            .iter()
            .zip(counts)
            .map(|(c, count)| CategoryCount {
                name: c.name.clone(),
                count,
            })
            .collect(),
    }
}

/// Comparison 2: every year's point of each indicator id, given to that id in every year.
fn attach_history(years: &mut BTreeMap<i32, YearResult>) {
    let mut points: std::collections::HashMap<String, Vec<HistoryPoint>> =
        std::collections::HashMap::new();
    for (&key, year) in years.iter() {
        let mut seen = std::collections::HashSet::new();
        for indicator in year
            .pks
            .iter()
            .flat_map(|p| &p.goals)
            .flat_map(|g| &g.indicators)
        {
            // Ids are unique within a year; should one repeat, its first occurrence counts.
            if seen.insert(indicator.id.as_str()) {
                let point = HistoryPoint {
                    year: key,
                    target: indicator.target.clone(),
                    realisation: indicator.realisation.clone(),
                    achievement: indicator.achievement,
                };
                // The years in order: each id's points are too.
                match points.get_mut(indicator.id.as_str()) {
                    Some(list) => list.push(point),
                    None => {
                        points.insert(indicator.id.clone(), vec![point]);
                    }
                }
            }
        }
    }
    // One year per core.
    years.par_iter_mut().for_each(|(_, year)| {
        for indicator in year
            .pks
            .iter_mut()
            .flat_map(|p| &mut p.goals)
            .flat_map(|g| &mut g.indicators)
        {
            indicator.history = points.get(&indicator.id).cloned().unwrap_or_default();
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        Moment, Process, ProcessStep, Realisations, Renstra, RenstraIndicator, Role, SopStep, Sp,
        Spending,
    };

    const EPS: f64 = 1e-9;

    /// The report as of a date after every year of these tests: all years complete.
    fn compute(report: &Report) -> Computed {
        super::compute(report, Date::new(2100, 1, 1).unwrap())
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < EPS
    }

    fn assert_close(actual: Option<f64>, expected: f64) {
        let actual = actual.unwrap_or_else(|| panic!("expected {expected}, got None"));
        assert!(close(actual, expected), "expected {expected}, got {actual}");
    }

    // --- builders ------------------------------------------------------------------------

    fn indicator(id: &str, polarity: Polarity, target: f64) -> Indicator {
        Indicator {
            id: Sp::unplaced(id.to_string()),
            name: format!("Indikator {id}"),
            unit: "persen".to_string(),
            polarity: Sp::unplaced(polarity),
            target: Some(Sp::unplaced(Value::Number(target))),
            target_min: None,
            target_max: None,
            quarter_targets: None,
            accumulation: Sp::unplaced(Accumulation::Last),
            national_standard: None,
            formula: None,
            method: String::new(),
            data_source: String::new(),
            scale: None,
            scores: None,
            iku: None,
            definition: String::new(),
            responsible: String::new(),
            benchmarks: Vec::new(),
        }
    }

    fn positive(id: &str, target: f64) -> Indicator {
        indicator(id, Polarity::Positive, target)
    }

    fn negative(id: &str, target: f64) -> Indicator {
        indicator(id, Polarity::Negative, target)
    }

    fn t_over_r(id: &str, target: f64) -> Indicator {
        Indicator {
            formula: Some(Sp::unplaced(NegativeFormula::TargetOverRealisation)),
            ..negative(id, target)
        }
    }

    fn kla(target: &str) -> Indicator {
        let scale = ["Pratama", "Madya", "Nindya", "Utama", "KLA"]
            .map(String::from)
            .to_vec();
        Indicator {
            unit: "predikat".to_string(),
            target: Some(Sp::unplaced(Value::Word(target.to_string()))),
            scale: Some(Sp::unplaced(scale)),
            ..positive("kla", 0.0)
        }
    }

    fn accumulating(accumulation: Accumulation) -> Indicator {
        Indicator {
            accumulation: Sp::unplaced(accumulation),
            ..positive("x", 100.0)
        }
    }

    fn with_quarter_targets(indicator: Indicator, targets: [f64; 4]) -> Indicator {
        let targets = targets.into_iter().map(Sp::unplaced).collect();
        Indicator {
            quarter_targets: Some(Sp::unplaced(targets)),
            ..indicator
        }
    }

    fn n(v: f64) -> Value {
        Value::Number(v)
    }

    fn tn(v: f64) -> Target {
        Target::Number(v)
    }

    fn tw(v: &str) -> Target {
        Target::Word(v.to_string())
    }

    fn w(v: &str) -> Value {
        Value::Word(v.to_string())
    }

    fn q(n: i64) -> Quarter {
        Quarter::new(n).unwrap()
    }

    fn entry(indicator: &str, quarter: i64, value: Value) -> Realisation {
        Realisation {
            indicator: Sp::unplaced(indicator.to_string()),
            quarter: Sp::unplaced(q(quarter)),
            value: Sp::unplaced(value),
            reporter: None,
            source: None,
            analysis: None,
            drivers: None,
            obstacles: None,
            solutions: None,
            evidence: Vec::new(),
            evidence_public: false,
        }
    }

    fn spending(programme: &str, quarter: i64, amount: i64) -> Spending {
        Spending {
            program: Some(Sp::unplaced(programme.to_string())),
            sub_activity: None,
            quarter: Sp::unplaced(q(quarter)),
            amount: Sp::unplaced(Rupiah(amount)),
        }
    }

    fn goal(id: &str, indicators: Vec<Indicator>) -> Goal {
        Goal {
            id: Sp::unplaced(id.to_string()),
            name: format!("Sasaran {id}"),
            supports: Sp::unplaced(String::new()),
            indicators,
        }
    }

    fn programme(id: &str, goals: &[&str], budget: i64) -> Programme {
        Programme {
            id: Sp::unplaced(id.to_string()),
            name: format!("Program {id}"),
            goals: goals.iter().map(|g| Sp::unplaced(g.to_string())).collect(),
            budget: Sp::unplaced(Rupiah(budget)),
            ..Programme::default()
        }
    }

    fn pk(id: &str, goals: Vec<Goal>, programmes: Vec<Programme>) -> Pk {
        Pk {
            id: id.to_string(),
            official: Sp::unplaced(id.to_string()),
            goals,
            programmes,
            ..Pk::default()
        }
    }

    /// A year with its PKs and, per PK id, its realisation entries and spending.
    fn year(
        key: i32,
        pks: Vec<Pk>,
        realisations: Vec<(&str, Vec<Realisation>, Vec<Spending>)>,
    ) -> Year {
        let realisations = realisations
            .into_iter()
            .map(|(pk, entries, spending)| {
                (
                    pk.to_string(),
                    Realisations {
                        pk: pk.to_string(),
                        entries,
                        spending,
                        ..Realisations::default()
                    },
                )
            })
            .collect();
        Year {
            year: key,
            pks,
            realisations,
            ..Year::default()
        }
    }

    fn report(years: Vec<Year>) -> Report {
        Report {
            years: years.into_iter().map(|y| (y.year, y)).collect(),
            ..Report::default()
        }
    }

    /// The computed indicator `id` of `year`.
    fn found(computed: &Computed, year: i32, id: &str) -> IndicatorResult {
        computed.years[&year]
            .pks
            .iter()
            .flat_map(|p| &p.goals)
            .flat_map(|g| &g.indicators)
            .find(|i| i.id == id)
            .cloned()
            .unwrap_or_else(|| panic!("no indicator {id} in {year}"))
    }

    fn sop_step(no: u32, approval: bool) -> SopStep {
        SopStep {
            no: Sp::unplaced(no),
            description: format!("Langkah {no}"),
            actor: Sp::unplaced(Role::KepalaOpd),
            requirements: String::new(),
            time: Sp::unplaced(Default::default()),
            output: String::new(),
            note: String::new(),
            approval,
        }
    }

    fn process(steps: &[u32]) -> Process {
        Process {
            steps: steps
                .iter()
                .map(|&no| ProcessStep {
                    no: Sp::unplaced(no),
                    quarter: None,
                    round: None,
                    start: Sp::unplaced(Moment::default()),
                    end: None,
                    by: Sp::unplaced("kepala".to_string()),
                    document: None,
                    letter_number: None,
                })
                .collect(),
            ..Process::default()
        }
    }

    fn custom_scale() -> Vec<Category> {
        [("Baik", 80.0), ("Cukup", 60.0), ("Kurang", 40.0)]
            .into_iter()
            .map(|(name, min)| Category {
                name: name.to_string(),
                min: Sp::unplaced(min),
            })
            .collect()
    }

    // --- capaian ---------------------------------------------------------------------------

    #[test]
    fn positive_is_r_over_t() {
        // 91.8 / 92.5 × 100 = 99.24324324324324
        assert_close(
            achievement(&positive("ipg", 92.5), &tn(92.5), &n(91.8)),
            99.24324324324324,
        );
        // 120 / 100 × 100 = 120: not capped above 100
        assert_close(
            achievement(&positive("x", 100.0), &tn(100.0), &n(120.0)),
            120.0,
        );
    }

    #[test]
    fn negative_default_is_two_t_minus_r_over_t_clamped_at_zero() {
        let ind = negative("aki", 10.0);
        // (2×10 − 8) / 10 × 100 = 120
        assert_close(achievement(&ind, &tn(10.0), &n(8.0)), 120.0);
        // (2×10 − 12) / 10 × 100 = 80
        assert_close(achievement(&ind, &tn(10.0), &n(12.0)), 80.0);
        // (2×10 − 20) / 10 × 100 = 0
        assert_close(achievement(&ind, &tn(10.0), &n(20.0)), 0.0);
        // (2×10 − 25) / 10 × 100 = −50 → clamped to 0
        assert_close(achievement(&ind, &tn(10.0), &n(25.0)), 0.0);
        // the explicit default formula gives the same
        let explicit = Indicator {
            formula: Some(Sp::unplaced(NegativeFormula::TwiceTargetMinus)),
            ..negative("aki", 10.0)
        };
        assert_close(achievement(&explicit, &tn(10.0), &n(12.0)), 80.0);
    }

    #[test]
    fn negative_t_over_r() {
        let ind = t_over_r("aki", 10.0);
        // 10 / 8 × 100 = 125
        assert_close(achievement(&ind, &tn(10.0), &n(8.0)), 125.0);
        // 10 / 40 × 100 = 25: no clamp needed, never negative for positive values
        assert_close(achievement(&ind, &tn(10.0), &n(40.0)), 25.0);
        // R = 0: undefined
        assert_eq!(achievement(&ind, &tn(10.0), &n(0.0)), None);
    }

    #[test]
    fn zero_target_is_met_or_not() {
        let pos = positive("x", 0.0);
        assert_close(achievement(&pos, &tn(0.0), &n(0.0)), 100.0); // R = 0 ≥ 0: met
        assert_close(achievement(&pos, &tn(0.0), &n(5.0)), 100.0); // R = 5 ≥ 0: met
        assert_close(achievement(&pos, &tn(0.0), &n(-1.0)), 0.0); // R = −1 < 0: not met
        let neg = negative("x", 0.0);
        assert_close(achievement(&neg, &tn(0.0), &n(0.0)), 100.0); // R = 0 ≤ 0: met
        assert_close(achievement(&neg, &tn(0.0), &n(-2.0)), 100.0); // R = −2 ≤ 0: met
        assert_close(achievement(&neg, &tn(0.0), &n(3.0)), 0.0); // R = 3 > 0: not met
        // Under T/R the T = 0 rule comes first, even for R = 0.
        let tr = t_over_r("x", 0.0);
        assert_close(achievement(&tr, &tn(0.0), &n(0.0)), 100.0);
        assert_close(achievement(&tr, &tn(0.0), &n(3.0)), 0.0);
    }

    #[test]
    fn ordinal_is_rank_over_rank() {
        // Madya (2) / Nindya (3) × 100 = 66.666…
        assert_close(
            achievement(&kla("Nindya"), &tw("Nindya"), &w("Madya")),
            200.0 / 3.0,
        );
        assert_close(
            achievement(&kla("Nindya"), &tw("Nindya"), &w("Madya")),
            66.66666666666667,
        );
        // KLA (5) / Madya (2) × 100 = 250
        assert_close(achievement(&kla("Madya"), &tw("Madya"), &w("KLA")), 250.0);
        // a word outside the scale, or a number: no capaian
        assert_eq!(
            achievement(&kla("Madya"), &tw("Madya"), &w("Paripurna")),
            None
        );
        assert_eq!(
            achievement(&kla("Paripurna"), &tw("Paripurna"), &w("Madya")),
            None
        );
        assert_eq!(achievement(&kla("Madya"), &tw("Madya"), &n(2.0)), None);
    }

    #[test]
    fn mismatched_kinds_give_no_capaian() {
        assert_eq!(
            achievement(&positive("x", 10.0), &tn(10.0), &w("tinggi")),
            None
        );
        assert_eq!(
            achievement(&positive("x", 10.0), &tw("tinggi"), &n(10.0)),
            None
        );
        assert_eq!(
            achievement(&positive("x", 10.0), &tn(10.0), &n(f64::NAN)),
            None
        );
    }

    // --- R from the quarters ------------------------------------------------------------------

    #[test]
    fn accumulation_with_quarters_one_and_three() {
        let entries = [entry("x", 3, n(30.0)), entry("x", 1, n(10.0))];
        let entries: Vec<&Realisation> = entries.iter().collect();
        let r = |acc, upto| year_realisation(&accumulating(acc), &entries, q(upto));
        // akhir: the latest quarter reported
        assert_eq!(r(Accumulation::Last, 4), Some(n(30.0)));
        assert_eq!(r(Accumulation::Last, 3), Some(n(30.0)));
        assert_eq!(r(Accumulation::Last, 2), Some(n(10.0)));
        // jumlah: 10 + 30 = 40; up to TW2: 10
        assert_eq!(r(Accumulation::Sum, 4), Some(n(40.0)));
        assert_eq!(r(Accumulation::Sum, 2), Some(n(10.0)));
        // rata_rata: (10 + 30) / 2 = 20 (missing quarters do not count); up to TW1: 10
        assert_eq!(r(Accumulation::Mean, 4), Some(n(20.0)));
        assert_eq!(r(Accumulation::Mean, 1), Some(n(10.0)));
    }

    #[test]
    fn nothing_reported_gives_no_realisation() {
        let entries = [entry("x", 2, n(5.0))];
        let entries: Vec<&Realisation> = entries.iter().collect();
        for acc in [Accumulation::Last, Accumulation::Sum, Accumulation::Mean] {
            assert_eq!(year_realisation(&accumulating(acc), &entries, q(1)), None);
            assert_eq!(year_realisation(&accumulating(acc), &[], q(4)), None);
        }
    }

    #[test]
    fn ordinal_realisation_is_the_latest_word() {
        let entries = [entry("kla", 1, w("Pratama")), entry("kla", 4, w("Nindya"))];
        let entries: Vec<&Realisation> = entries.iter().collect();
        // even under a (invalid) `jumlah`, an ordinal indicator takes the latest word
        let ind = Indicator {
            accumulation: Sp::unplaced(Accumulation::Sum),
            ..kla("Madya")
        };
        assert_eq!(year_realisation(&ind, &entries, q(4)), Some(w("Nindya")));
        assert_eq!(year_realisation(&ind, &entries, q(3)), Some(w("Pratama")));
        // a number in an ordinal indicator: not usable
        let numbers = [entry("kla", 1, n(2.0))];
        let numbers: Vec<&Realisation> = numbers.iter().collect();
        assert_eq!(year_realisation(&ind, &numbers, q(4)), None);
    }

    #[test]
    fn word_in_numeric_indicator_is_not_usable() {
        let entries = [entry("x", 1, n(10.0)), entry("x", 2, w("tinggi"))];
        let entries: Vec<&Realisation> = entries.iter().collect();
        assert_eq!(
            year_realisation(&accumulating(Accumulation::Sum), &entries, q(4)),
            None
        );
        assert_eq!(
            year_realisation(&accumulating(Accumulation::Last), &entries, q(4)),
            None
        );
        assert_eq!(
            year_realisation(&accumulating(Accumulation::Last), &entries, q(1)),
            Some(n(10.0))
        );
    }

    // --- quarters --------------------------------------------------------------------------------

    #[test]
    fn quarter_achievements_with_quarterly_targets() {
        let ind = with_quarter_targets(positive("ipg", 92.5), [90.0, 90.0, 91.0, 92.5]);
        let entries = vec![entry("ipg", 1, n(89.0)), entry("ipg", 3, n(91.0))];
        let computed = compute(&report(vec![year(
            2025,
            vec![pk("kepala", vec![goal("s1", vec![ind])], vec![])],
            vec![("kepala", entries, vec![])],
        )]));
        let ipg = found(&computed, 2025, "ipg");
        // only the quarters with a realisation: 1 and 3
        let listed: Vec<u8> = ipg.quarters.iter().map(|r| r.quarter.number()).collect();
        assert_eq!(listed, [1, 3]);
        // TW1: 89 / 90 × 100 = 98.88888888888889
        assert_eq!(ipg.quarters[0].target, Some(tn(90.0)));
        assert_eq!(ipg.quarters[0].realisation, n(89.0));
        assert_close(ipg.quarters[0].achievement, 98.88888888888889);
        // TW3: 91 / 91 × 100 = 100
        assert_eq!(ipg.quarters[1].target, Some(tn(91.0)));
        assert_close(ipg.quarters[1].achievement, 100.0);
        // year: akhir = 91 (TW3); 91 / 92.5 × 100 = 98.37837837837837
        assert_eq!(ipg.realisation, Some(n(91.0)));
        assert_close(ipg.achievement, 98.37837837837837);
        assert_eq!(ipg.category.as_deref(), Some("Sangat Tinggi"));
    }

    #[test]
    fn quarters_without_quarterly_targets_are_listed_without_capaian() {
        let ind = accumulating(Accumulation::Sum);
        let entries = vec![entry("x", 1, n(20.0)), entry("x", 2, n(30.0))];
        let computed = compute(&report(vec![year(
            2025,
            vec![pk("kepala", vec![goal("s1", vec![ind])], vec![])],
            vec![("kepala", entries, vec![])],
        )]));
        let x = found(&computed, 2025, "x");
        assert_eq!(x.quarters.len(), 2);
        assert!(
            x.quarters
                .iter()
                .all(|r| r.target.is_none() && r.achievement.is_none())
        );
        // R_1 = 20; R_2 = 20 + 30 = 50
        assert_eq!(x.quarters[0].realisation, n(20.0));
        assert_eq!(x.quarters[1].realisation, n(50.0));
        // year: 50 / 100 × 100 = 50 → Sangat Rendah
        assert_close(x.achievement, 50.0);
        assert_eq!(x.category.as_deref(), Some("Sangat Rendah"));
    }

    // --- kategori -------------------------------------------------------------------------------

    #[test]
    fn default_category_boundaries() {
        let scale = Category::default_scale();
        assert_eq!(category(&scale, 91.0), Some("Sangat Tinggi"));
        assert_eq!(category(&scale, 150.0), Some("Sangat Tinggi"));
        assert_eq!(category(&scale, 90.999), Some("Tinggi"));
        assert_eq!(category(&scale, 76.0), Some("Tinggi"));
        assert_eq!(category(&scale, 75.99), Some("Sedang"));
        assert_eq!(category(&scale, 66.0), Some("Sedang"));
        assert_eq!(category(&scale, 51.0), Some("Rendah"));
        assert_eq!(category(&scale, 50.9), Some("Sangat Rendah"));
        assert_eq!(category(&scale, 0.0), Some("Sangat Rendah"));
    }

    #[test]
    fn custom_category_scale() {
        let scale = custom_scale();
        assert_eq!(category(&scale, 80.0), Some("Baik"));
        assert_eq!(category(&scale, 79.9), Some("Cukup"));
        assert_eq!(category(&scale, 40.0), Some("Kurang"));
        // below every min: the last entry
        assert_eq!(category(&scale, 10.0), Some("Kurang"));
        assert_eq!(category(&[], 10.0), None);
    }

    #[test]
    fn custom_scale_is_used_by_compute() {
        let mut r = report(vec![year(
            2025,
            vec![pk(
                "kepala",
                vec![goal("s1", vec![positive("x", 100.0)])],
                vec![],
            )],
            vec![("kepala", vec![entry("x", 4, n(70.0))], vec![])],
        )]);
        r.site.categories = custom_scale();
        let computed = compute(&r);
        // 70 / 100 × 100 = 70 → Cukup (60 ≤ 70 < 80)
        assert_eq!(
            found(&computed, 2025, "x").category.as_deref(),
            Some("Cukup")
        );
        let names: Vec<_> = computed.years[&2025]
            .summary
            .categories
            .iter()
            .map(|c| (c.name.as_str(), c.count))
            .collect();
        assert_eq!(names, [("Baik", 0), ("Cukup", 1), ("Kurang", 0)]);
    }

    // --- summaries ------------------------------------------------------------------------------

    #[test]
    fn summaries_per_goal_pk_and_year() {
        let kepala = pk(
            "kepala",
            vec![
                goal(
                    "s1",
                    vec![
                        positive("ipg", 92.5),
                        positive("a", 100.0),
                        positive("b", 100.0),
                    ],
                ),
                goal("s2", vec![negative("c", 10.0)]),
            ],
            vec![],
        );
        let kabid = pk("kabid", vec![goal("s3", vec![kla("Nindya")])], vec![]);
        let entries = vec![
            entry("ipg", 4, n(91.8)), // 91.8 / 92.5 × 100 = 99.24324324324324 → Sangat Tinggi
            entry("a", 4, n(50.0)),   // 50 / 100 × 100 = 50 → Sangat Rendah
            // b: no realisation → not measured
            entry("c", 4, n(13.0)),  // (20 − 13) / 10 × 100 = 70 → Sedang
            entry("zzz", 4, n(1.0)), // unknown indicator: ignored
        ];
        let kabid_entries = vec![entry("kla", 4, w("Madya"))]; // 2 / 3 × 100 = 66.666… → Sedang
        let computed = compute(&report(vec![year(
            2025,
            vec![kepala, kabid],
            vec![
                ("kepala", entries, vec![]),
                ("kabid", kabid_entries, vec![]),
            ],
        )]));
        let result = &computed.years[&2025];
        let counts = |s: &Summary| s.categories.iter().map(|c| c.count).collect::<Vec<_>>();
        let names: Vec<_> = result
            .summary
            .categories
            .iter()
            .map(|c| c.name.as_str())
            .collect();
        assert_eq!(
            names,
            [
                "Sangat Tinggi",
                "Tinggi",
                "Sedang",
                "Rendah",
                "Sangat Rendah"
            ]
        );

        let s1 = &result.pks[0].goals[0].summary;
        assert_eq!((s1.indicators, s1.measured), (3, 2));
        // (99.24324324324324 + 50) / 2 = 74.62162162162162
        assert_close(s1.mean_achievement, 74.62162162162162);
        assert_eq!(counts(s1), [1, 0, 0, 0, 1]);

        let pk_summary = &result.pks[0].summary;
        assert_eq!((pk_summary.indicators, pk_summary.measured), (4, 3));
        // (99.24324324324324 + 50 + 70) / 3 = 73.08108108108108
        assert_close(pk_summary.mean_achievement, 73.08108108108108);
        assert_eq!(counts(pk_summary), [1, 0, 1, 0, 1]);

        let all = &result.summary;
        assert_eq!((all.indicators, all.measured), (5, 4));
        // (99.24324324324324 + 50 + 70 + 66.66666666666667) / 4 = 71.47747747747748
        assert_close(all.mean_achievement, 71.47747747747748);
        assert_eq!(counts(all), [1, 0, 2, 0, 1]);
    }

    #[test]
    fn summary_of_nothing_measured() {
        let computed = compute(&report(vec![year(
            2025,
            vec![pk(
                "kepala",
                vec![goal("s1", vec![positive("x", 1.0)])],
                vec![],
            )],
            vec![],
        )]));
        let result = &computed.years[&2025];
        let x = found(&computed, 2025, "x");
        assert_eq!(
            (x.realisation, x.achievement, x.category),
            (None, None, None)
        );
        assert!(x.quarters.is_empty());
        assert_eq!((result.summary.indicators, result.summary.measured), (1, 0));
        assert_eq!(result.summary.mean_achievement, None);
        assert_eq!(result.summary.categories.len(), 5);
        assert!(result.summary.categories.iter().all(|c| c.count == 0));
    }

    // --- budget -----------------------------------------------------------------------------------

    #[test]
    fn absorption_and_efficiency_as_in_the_spec() {
        let kepala = pk(
            "kepala",
            vec![
                goal("s1", vec![positive("ipg", 92.5)]),
                goal("s2", vec![positive("y", 100.0)]),
            ],
            vec![
                programme("p1", &["s1"], 1_250_000_000),
                programme("p2", &["s2"], 0),
            ],
        );
        let entries = vec![entry("ipg", 4, n(91.8)), entry("y", 4, n(80.0))];
        let spent = vec![
            spending("p1", 2, 500_000_000),
            spending("p1", 4, 600_000_000),
            spending("p2", 1, 1_000),
            spending("nope", 1, 7), // unknown programme: ignored
        ];
        let computed = compute(&report(vec![year(
            2025,
            vec![kepala],
            vec![("kepala", entries, spent)],
        )]));
        let result = &computed.years[&2025];
        let p1 = &result.pks[0].programmes[0];
        // 500.000.000 + 600.000.000 = 1.100.000.000
        assert_eq!(p1.spent, Rupiah(1_100_000_000));
        assert_eq!(
            p1.spent_per_quarter,
            [
                Rupiah(0),
                Rupiah(500_000_000),
                Rupiah(0),
                Rupiah(600_000_000)
            ]
        );
        // 1.100.000.000 / 1.250.000.000 × 100 = 88.0
        assert_close(p1.absorption, 88.0);
        // mean capaian of s1 = 91.8 / 92.5 × 100 = 99.24324324324324
        assert_close(p1.mean_achievement, 99.24324324324324);
        // 99.24324324324324 − 88.0 = 11.243243243243242
        assert_close(p1.efficiency, 11.243243243243242);

        let p2 = &result.pks[0].programmes[1];
        assert_eq!(p2.spent, Rupiah(1_000));
        // pagu 0: no serapan, so no efisiensi
        assert_eq!((p2.absorption, p2.efficiency), (None, None));
        assert_close(p2.mean_achievement, 80.0);

        // comparison 7: programmes per goal
        assert_eq!(result.pks[0].goals[0].programmes, ["p1"]);
        assert_eq!(result.pks[0].goals[1].programmes, ["p2"]);

        // PK total: (1.100.000.000 + 1.000) / (1.250.000.000 + 0) × 100 = 88.00008
        let budget = &result.pks[0].budget;
        assert_eq!(
            (budget.budget, budget.spent),
            (Rupiah(1_250_000_000), Rupiah(1_100_001_000))
        );
        assert_close(budget.absorption, 88.00008);
    }

    #[test]
    fn budget_totals_per_year() {
        let a = pk(
            "a",
            vec![goal("s1", vec![])],
            vec![programme("p1", &["s1"], 1_000_000)],
        );
        let b = pk(
            "b",
            vec![goal("s2", vec![])],
            vec![programme("p2", &["s2"], 3_000_000)],
        );
        let computed = compute(&report(vec![year(
            2025,
            vec![a, b],
            vec![
                (
                    "a",
                    vec![],
                    vec![spending("p1", 1, 250_000), spending("p1", 2, 250_000)],
                ),
                // a spending of `p1` in b's file does not count for a's p1
                (
                    "b",
                    vec![],
                    vec![spending("p2", 3, 1_500_000), spending("p1", 3, 999)],
                ),
            ],
        )]));
        let result = &computed.years[&2025];
        // a: 500.000 / 1.000.000 × 100 = 50
        assert_close(result.pks[0].budget.absorption, 50.0);
        // b: 1.500.000 / 3.000.000 × 100 = 50
        assert_close(result.pks[1].budget.absorption, 50.0);
        // year: (500.000 + 1.500.000) / (1.000.000 + 3.000.000) × 100 = 50
        assert_eq!(
            (result.budget.budget, result.budget.spent),
            (Rupiah(4_000_000), Rupiah(2_000_000))
        );
        assert_close(result.budget.absorption, 50.0);
        // a programme whose goals have no measured indicator: no mean, no efisiensi
        assert_eq!(
            (
                result.pks[0].programmes[0].mean_achievement,
                result.pks[0].programmes[0].efficiency
            ),
            (None, None)
        );
    }

    #[test]
    fn no_programmes_no_budget() {
        let computed = compute(&report(vec![year(
            2025,
            vec![pk("a", vec![], vec![])],
            vec![],
        )]));
        let budget = &computed.years[&2025].budget;
        assert_eq!(
            (budget.budget, budget.spent, budget.absorption),
            (Rupiah(0), Rupiah(0), None)
        );
    }

    // --- comparisons ----------------------------------------------------------------------------

    #[test]
    fn history_across_three_years() {
        let y2023 = year(
            2023,
            vec![pk(
                "kepala",
                vec![goal("s1", vec![positive("ipg", 90.0)])],
                vec![],
            )],
            vec![("kepala", vec![entry("ipg", 4, n(88.2))], vec![])],
        );
        // in 2024 the indicator sits in another PK and has no realisation
        let y2024 = year(
            2024,
            vec![
                pk(
                    "kabid",
                    vec![goal("s9", vec![positive("other", 1.0)])],
                    vec![],
                ),
                pk(
                    "sekretaris",
                    vec![goal("s1", vec![positive("ipg", 91.0)])],
                    vec![],
                ),
            ],
            vec![],
        );
        let y2025 = year(
            2025,
            vec![pk(
                "kepala",
                vec![goal("s1", vec![positive("ipg", 92.5)])],
                vec![],
            )],
            vec![("kepala", vec![entry("ipg", 4, n(91.8))], vec![])],
        );
        let computed = compute(&report(vec![y2025, y2023, y2024]));
        let history = found(&computed, 2025, "ipg").history;
        let years: Vec<i32> = history.iter().map(|h| h.year).collect();
        assert_eq!(years, [2023, 2024, 2025]);
        // 2023: 88.2 / 90 × 100 = 98.0
        assert_eq!(
            (history[0].target.clone(), history[0].realisation.clone()),
            (tn(90.0), Some(n(88.2)))
        );
        assert_close(history[0].achievement, 98.0);
        // 2024: no realisation
        assert_eq!(
            (
                history[1].target.clone(),
                history[1].realisation.clone(),
                history[1].achievement
            ),
            (tn(91.0), None, None)
        );
        // 2025: 91.8 / 92.5 × 100 = 99.24324324324324
        assert_close(history[2].achievement, 99.24324324324324);
        // every year's indicator carries the same history
        assert_eq!(found(&computed, 2023, "ipg").history.len(), 3);
        assert_eq!(found(&computed, 2024, "other").history.len(), 1);
    }

    #[test]
    fn renstra_final_year_target() {
        let renstra_indicator = |id: &str, targets: &[(i32, f64)]| RenstraIndicator {
            id: Sp::unplaced(id.to_string()),
            name: id.to_string(),
            unit: "indeks".to_string(),
            baseline: None,
            targets: Sp::unplaced(
                targets
                    .iter()
                    .map(|&(y, t)| (y.to_string(), Sp::unplaced(Value::Number(t))))
                    .collect(),
            ),
            objective: Sp::default(),
        };
        let mut r = report(vec![year(
            2025,
            vec![pk(
                "kepala",
                vec![goal(
                    "s1",
                    vec![
                        positive("ipg", 92.0),
                        positive("gap", 10.0),
                        positive("none", 1.0),
                    ],
                )],
                vec![],
            )],
            vec![(
                "kepala",
                vec![entry("ipg", 4, n(91.8)), entry("gap", 4, n(9.0))],
                vec![],
            )],
        )]);
        r.renstra = Some(Renstra {
            period: Sp::unplaced([2021, 2026]),
            indicators: vec![
                renstra_indicator("ipg", &[(2022, 90.5), (2025, 92.0), (2026, 92.5)]),
                renstra_indicator("gap", &[(2025, 10.0)]),
            ],
            ..Renstra::default()
        });
        let computed = compute(&r);
        let ipg = found(&computed, 2025, "ipg").renstra.unwrap();
        assert_eq!(
            (ipg.final_year, ipg.final_target, ipg.year_target),
            (2026, Some(92.5), Some(92.0))
        );
        // capaian_renstra: 91.8 / 92.5 × 100 = 99.24324324324324
        assert_close(ipg.achievement, 99.24324324324324);
        // this year's capaian is against this year's PK target: 91.8 / 92 × 100 = 99.78260869565217
        assert_close(found(&computed, 2025, "ipg").achievement, 99.78260869565217);
        // no final-year target in the Renstra: no capaian_renstra
        let gap = found(&computed, 2025, "gap").renstra.unwrap();
        assert_eq!(
            (gap.final_target, gap.year_target, gap.achievement),
            (None, Some(10.0), None)
        );
        // not in the Renstra at all
        assert!(found(&computed, 2025, "none").renstra.is_none());
    }

    #[test]
    fn national_standard() {
        let ipg = Indicator {
            national_standard: Some(Sp::unplaced(91.6)),
            ..positive("ipg", 92.5)
        };
        let aki = Indicator {
            national_standard: Some(Sp::unplaced(10.0)),
            ..negative("aki", 9.0)
        };
        let low = Indicator {
            national_standard: Some(Sp::unplaced(10.0)),
            ..negative("low", 9.0)
        };
        let unreported = Indicator {
            national_standard: Some(Sp::unplaced(5.0)),
            ..positive("u", 5.0)
        };
        let computed = compute(&report(vec![year(
            2025,
            vec![pk(
                "kepala",
                vec![goal(
                    "s1",
                    vec![ipg, aki, low, unreported, positive("plain", 1.0)],
                )],
                vec![],
            )],
            vec![(
                "kepala",
                vec![
                    entry("ipg", 4, n(91.8)),
                    entry("aki", 4, n(12.0)),
                    entry("low", 4, n(10.0)),
                ],
                vec![],
            )],
        )]));
        let ipg = found(&computed, 2025, "ipg").national.unwrap();
        // 91.8 / 91.6 × 100 = 100.21834061135371; 91.8 ≥ 91.6
        assert_eq!((ipg.standard, ipg.meets), (91.6, Some(true)));
        assert_close(ipg.achievement, 100.21834061135371);
        let aki = found(&computed, 2025, "aki").national.unwrap();
        // negatif: (2×10 − 12) / 10 × 100 = 80; 12 > 10 does not meet it
        assert_close(aki.achievement, 80.0);
        assert_eq!(aki.meets, Some(false));
        // negatif: R = standard meets it; (2×10 − 10) / 10 × 100 = 100
        let low = found(&computed, 2025, "low").national.unwrap();
        assert_close(low.achievement, 100.0);
        assert_eq!(low.meets, Some(true));
        let u = found(&computed, 2025, "u").national.unwrap();
        assert_eq!((u.achievement, u.meets), (None, None));
        assert!(found(&computed, 2025, "plain").national.is_none());
    }

    // --- approval --------------------------------------------------------------------------------

    #[test]
    fn compute_marks_years_approved_or_draft() {
        let mut r = report(vec![year(2024, vec![], vec![]), year(2025, vec![], vec![])]);
        r.sop.steps = vec![sop_step(9, true), sop_step(10, true)];
        r.years.get_mut(&2024).unwrap().process = Some(process(&[9, 10]));
        r.years.get_mut(&2025).unwrap().process = Some(process(&[9]));
        let computed = compute(&r);
        assert!(computed.years[&2024].approved());
        assert!(!computed.years[&2025].approved());
    }

    // --- robustness ------------------------------------------------------------------------------

    #[test]
    fn unusable_data_gives_none_without_panicking() {
        let kepala = pk(
            "kepala",
            vec![goal(
                "s1",
                vec![positive("word", 10.0), kla("Madya"), t_over_r("tr", 5.0)],
            )],
            vec![programme("p1", &["s1", "unknown"], i64::MAX)],
        );
        let entries = vec![
            entry("word", 4, w("tinggi")),
            entry("kla", 4, n(3.0)),
            entry("tr", 4, n(0.0)),
            entry("tr", 4, n(5.0)), // a duplicate quarter: the first counts
        ];
        let spent = vec![spending("p1", 1, i64::MAX), spending("p1", 1, i64::MAX)];
        let computed = compute(&report(vec![year(
            2025,
            vec![kepala],
            vec![("kepala", entries, spent)],
        )]));
        let word = found(&computed, 2025, "word");
        assert_eq!((word.realisation, word.achievement), (None, None));
        assert!(word.quarters.is_empty());
        let ordinal = found(&computed, 2025, "kla");
        assert_eq!((ordinal.realisation, ordinal.achievement), (None, None));
        let tr = found(&computed, 2025, "tr");
        assert_eq!((tr.realisation, tr.achievement), (Some(n(0.0)), None));
        let p1 = &computed.years[&2025].pks[0].programmes[0];
        assert_eq!(p1.spent, Rupiah(i64::MAX));
        assert_close(p1.absorption, 100.0);
    }

    // --- A year in progress, range targets, floors and nulls ---------------------------------

    fn date(y: i16, m: i8, d: i8) -> Date {
        Date::new(y, m, d).unwrap()
    }

    fn stable(id: &str, min: f64, max: f64) -> Indicator {
        Indicator {
            polarity: Sp::unplaced(Polarity::Stable),
            target: None,
            target_min: Some(Sp::unplaced(min)),
            target_max: Some(Sp::unplaced(max)),
            ..positive(id, 0.0)
        }
    }

    fn range(min: f64, max: f64) -> Target {
        Target::Range { min, max }
    }

    #[test]
    fn a_quarter_has_ended_when_its_last_day_is_before_the_report_date() {
        let of = |y, m, d| YearPeriod::of(2026, date(y, m, d));
        assert_eq!(of(2026, 3, 31).through, None); // TW I ends that day: not over yet
        assert_eq!(of(2026, 4, 1).through, q_opt(1));
        assert_eq!(of(2026, 11, 20).through, q_opt(3));
        assert!(!of(2026, 12, 31).complete);
        assert!(of(2027, 1, 1).complete);
        assert_eq!(of(2027, 1, 1).through, q_opt(4));
        assert_eq!(of(2025, 6, 1).through, None); // a year still to come
        assert!(!of(2025, 6, 1).complete);
    }

    fn q_opt(n: i64) -> Option<Quarter> {
        Quarter::new(n)
    }

    /// The year 2026 as of 20 November 2026: TW III has ended, TW IV has not.
    fn in_progress(indicators: Vec<Indicator>, entries: Vec<Realisation>) -> Computed {
        let kepala = pk("kepala", vec![goal("s1", indicators)], vec![]);
        super::compute(
            &report(vec![year(
                2026,
                vec![kepala],
                vec![("kepala", entries, vec![])],
            )]),
            date(2026, 11, 20),
        )
    }

    #[test]
    fn a_year_in_progress_is_measured_against_the_latest_ended_quarter() {
        // Documents on time: target 100 for the year, 75 as of TW III; R = 75 at TW III.
        let docs = with_quarter_targets(positive("docs", 100.0), [25.0, 50.0, 75.0, 100.0]);
        let computed = in_progress(
            vec![docs],
            vec![entry("docs", 1, n(25.0)), entry("docs", 3, n(75.0))],
        );
        let docs = found(&computed, 2026, "docs");
        // Against the year target: 75 / 100 × 100 = 75 ("Sedang").
        assert_close(docs.year_achievement, 75.0);
        // The period achievement: 75 / 75 × 100 = 100 ("Sangat Tinggi").
        assert_close(docs.achievement, 100.0);
        assert_eq!(docs.basis, PeriodBasis::Quarter(q(3)));
        assert_eq!(docs.category.as_deref(), Some("Sangat Tinggi"));
        assert_eq!(computed.years[&2026].period.through, q_opt(3));
        assert!(!computed.years[&2026].period.complete);
    }

    #[test]
    fn a_value_of_a_quarter_not_ended_is_left_out_of_the_period() {
        // A TW IV value entered in November: the period stays at TW III (R_3 = 60 of T_3 = 80).
        let ind = with_quarter_targets(positive("x", 100.0), [20.0, 40.0, 80.0, 100.0]);
        let computed = in_progress(
            vec![ind],
            vec![entry("x", 3, n(60.0)), entry("x", 4, n(100.0))],
        );
        let x = found(&computed, 2026, "x");
        assert_close(x.achievement, 75.0); // 60 / 80 × 100
        assert_close(x.year_achievement, 100.0); // 100 / 100 × 100, all quarters
        assert_eq!(x.basis.quarter(), q_opt(3));
    }

    #[test]
    fn without_quarterly_targets_the_period_is_measured_against_the_year_target() {
        // jumlah: 30 + 40 = 70 by TW II against the year's 200: 35 %.
        let ind = accumulating(Accumulation::Sum);
        let ind = Indicator {
            target: Some(Sp::unplaced(n(200.0))),
            ..ind
        };
        let computed = in_progress(
            vec![ind],
            vec![entry("x", 1, n(30.0)), entry("x", 2, n(40.0))],
        );
        let x = found(&computed, 2026, "x");
        assert_close(x.achievement, 35.0);
        assert_eq!(x.basis, PeriodBasis::YearTarget(q(2)));
        assert_eq!(x.basis.quarter(), q_opt(2));
    }

    #[test]
    fn nothing_reported_for_an_ended_quarter_is_not_measured() {
        let computed = in_progress(vec![positive("ipg", 92.5)], vec![]);
        let ipg = found(&computed, 2026, "ipg");
        assert_eq!((ipg.achievement, ipg.year_achievement), (None, None));
        assert_eq!(ipg.basis, PeriodBasis::Nothing);
        assert_eq!(ipg.category, None);
    }

    #[test]
    fn summaries_count_and_average_the_period_achievements() {
        let a = with_quarter_targets(positive("a", 100.0), [25.0, 50.0, 75.0, 100.0]);
        let b = with_quarter_targets(negative("b", 10.0), [10.0, 10.0, 10.0, 10.0]);
        let c = positive("c", 50.0); // a yearly statistic: nothing before TW IV
        let computed = in_progress(
            vec![a, b, c],
            vec![entry("a", 3, n(75.0)), entry("b", 3, n(12.0))],
        );
        let summary = &computed.years[&2026].summary;
        assert_eq!((summary.indicators, summary.measured), (3, 2));
        // a: 75/75 = 100; b: (2×10 − 12)/10 = 80 → mean 90
        assert_close(summary.mean_achievement, 90.0);
        // against the year targets: a 75/100 = 75, b (2×10 − 12)/10 = 80 → 77.5
        assert_close(summary.mean_year_achievement, 77.5);
        let count = |name: &str| {
            summary
                .categories
                .iter()
                .find(|c| c.name == name)
                .unwrap()
                .count
        };
        assert_eq!((count("Sangat Tinggi"), count("Tinggi")), (1, 1));
    }

    #[test]
    fn a_complete_year_shows_its_year_values() {
        let ind = with_quarter_targets(positive("x", 100.0), [25.0, 50.0, 75.0, 100.0]);
        let kepala = pk("kepala", vec![goal("s1", vec![ind])], vec![]);
        let computed = super::compute(
            &report(vec![year(
                2025,
                vec![kepala],
                vec![("kepala", vec![entry("x", 4, n(90.0))], vec![])],
            )]),
            date(2026, 1, 20),
        );
        let x = found(&computed, 2025, "x");
        assert_close(x.achievement, 90.0);
        assert_close(x.year_achievement, 90.0);
        assert_eq!(x.basis, PeriodBasis::Year);
        assert_eq!(x.basis.quarter(), q_opt(4));
    }

    #[test]
    fn a_range_target_is_met_within_and_falls_off_outside() {
        let nrr = stable("nrr", 0.95, 1.05);
        let t = range(0.95, 1.05);
        assert_close(achievement(&nrr, &t, &n(1.0)), 100.0);
        assert_close(achievement(&nrr, &t, &n(0.95)), 100.0);
        assert_close(achievement(&nrr, &t, &n(1.05)), 100.0);
        // below: 0.76 / 0.95 × 100 = 80
        assert_close(achievement(&nrr, &t, &n(0.76)), 80.0);
        // above: (2 × 1.05 − 1.26) / 1.05 × 100 = 80
        assert_close(achievement(&nrr, &t, &n(1.26)), 80.0);
        // far above: (2.1 − 3) / 1.05 < 0 → floored at 0
        assert_close(achievement(&nrr, &t, &n(3.0)), 0.0);
        // a negative bound or a range written backwards: none
        assert_eq!(achievement(&nrr, &range(-1.0, 1.0), &n(0.5)), None);
        assert_eq!(achievement(&nrr, &range(2.0, 1.0), &n(1.5)), None);
        // a lower bound of 0: anything below is not met
        assert_close(achievement(&nrr, &range(0.0, 1.0), &n(-0.5)), 0.0);
        assert_eq!(nrr.year_target(), Some(t));
    }

    #[test]
    fn a_range_indicator_computes_in_a_year() {
        let kepala = pk(
            "kepala",
            vec![goal("s1", vec![stable("nrr", 0.95, 1.05)])],
            vec![],
        );
        let computed = compute(&report(vec![year(
            2025,
            vec![kepala],
            vec![("kepala", vec![entry("nrr", 4, n(1.07))], vec![])],
        )]));
        let nrr = found(&computed, 2025, "nrr");
        // (2 × 1.05 − 1.07) / 1.05 × 100 = 98.0952…
        assert_close(nrr.achievement, (2.0 * 1.05 - 1.07) / 1.05 * 100.0);
        assert_eq!(nrr.target, range(0.95, 1.05));
        let json = serde_json::to_value(&nrr.target).unwrap();
        assert_eq!(json, serde_json::json!({"min": 0.95, "maks": 1.05}));
    }

    #[test]
    fn achievements_are_never_negative_and_negative_targets_give_none() {
        // positif with a negative realisation: −5 / 10 → floored at 0
        assert_close(achievement(&positive("x", 10.0), &tn(10.0), &n(-5.0)), 0.0);
        // negatif (2T − R)/T for a large miss is floored at 0
        assert_close(achievement(&negative("x", 2.0), &tn(2.0), &n(9.0)), 0.0);
        // a negative target: no capaian, whatever the polarity
        assert_eq!(achievement(&positive("x", -5.0), &tn(-5.0), &n(-4.0)), None);
        assert_eq!(achievement(&negative("x", -5.0), &tn(-5.0), &n(-6.0)), None);
    }

    #[test]
    fn a_programme_without_spending_entries_has_no_absorption() {
        let kepala = pk(
            "kepala",
            vec![goal("s1", vec![positive("ipg", 92.5)])],
            vec![
                programme("p1", &["s1"], 1_000_000),
                programme("p2", &["s1"], 3_000_000),
            ],
        );
        // Nothing reported for either programme.
        let computed = compute(&report(vec![year(
            2025,
            vec![kepala.clone()],
            vec![("kepala", vec![entry("ipg", 4, n(92.5))], vec![])],
        )]));
        let year_result = &computed.years[&2025];
        let p1 = &year_result.pks[0].programmes[0];
        assert!(!p1.reported);
        assert_eq!((p1.absorption, p1.efficiency), (None, None));
        assert_eq!(year_result.budget.absorption, None);
        // Spending reported for p1 only: p1 has a serapan of 50 %, p2 still none; the total is
        // 500.000 of 4.000.000 = 12.5 %.
        let computed = compute(&report(vec![year(
            2025,
            vec![kepala],
            vec![(
                "kepala",
                vec![entry("ipg", 4, n(92.5))],
                vec![spending("p1", 2, 500_000)],
            )],
        )]));
        let year_result = &computed.years[&2025];
        assert_close(year_result.pks[0].programmes[0].absorption, 50.0);
        // efisiensi = 100 − 50 = 50 points
        assert_close(year_result.pks[0].programmes[0].efficiency, 50.0);
        assert_eq!(year_result.pks[0].programmes[1].absorption, None);
        assert_eq!(year_result.pks[0].programmes[1].efficiency, None);
        assert_close(year_result.budget.absorption, 12.5);
    }
}
