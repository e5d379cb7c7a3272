//! Computation (SPEC §4): a pure function from the loaded [`Report`] to [`Computed`] values.
//!
//! Nothing here reads files or prints; every number the site shows comes from here, in f64,
//! unrounded. Formatting is the renderer's job.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::{Quarter, Report, Rupiah, Value};

/// Everything computed from a report, per budget year (oldest first).
#[derive(Clone, Debug, Default, Serialize)]
pub struct Computed {
    pub years: BTreeMap<i32, YearResult>,
}

/// One budget year.
#[derive(Clone, Debug, Default, Serialize)]
pub struct YearResult {
    pub year: i32,
    /// In the order of the year's PK files (sorted by id).
    pub pks: Vec<PkResult>,
    /// All indicators of all PKs.
    pub summary: Summary,
    /// All programmes of all PKs.
    pub budget: Budget,
    /// Whether every SOP step with `persetujuan = true` is recorded in the year's `proses.toml`
    /// (always true for an SOP without such steps). A year not approved is a DRAFT.
    pub approved: bool,
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

/// One indicator in one year, with the comparisons of PermenPAN-RB 53/2014.
#[derive(Clone, Debug, Default, Serialize)]
pub struct IndicatorResult {
    pub id: String,
    pub pk: String,
    pub goal: String,
    /// `T`.
    pub target: Value,
    /// `R` from the quarters by `akumulasi`; `None` when no quarter is reported.
    pub realisation: Option<Value>,
    /// capaian in percent; `None` when it cannot be computed.
    pub achievement: Option<f64>,
    /// Name of the scale entry the achievement falls in.
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
    /// `T_q` from `target_triwulan`; `None` when not given.
    pub target: Option<f64>,
    /// `R_q` over quarters 1..=q by `akumulasi`.
    pub realisation: Value,
    /// `None` when `T_q` is missing or the formula gives none.
    pub achievement: Option<f64>,
}

#[derive(Clone, Debug, Serialize)]
pub struct HistoryPoint {
    pub year: i32,
    pub target: Value,
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
    /// Spent in each quarter 1..=4 (0 where nothing was recorded).
    pub spent_per_quarter: [Rupiah; 4],
    /// serapan = spent / pagu × 100; `None` when the pagu is 0.
    pub absorption: Option<f64>,
    /// Mean capaian of the indicators of the programme's goals.
    pub mean_achievement: Option<f64>,
    /// efisiensi = mean capaian − serapan, in percentage points; ≥ 0 reads "efisien".
    pub efficiency: Option<f64>,
}

/// Budget totals over several programmes.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Budget {
    pub budget: Rupiah,
    pub spent: Rupiah,
    pub absorption: Option<f64>,
}

/// Mean achievement and the count per category of a set of indicators.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Summary {
    pub indicators: usize,
    /// Indicators that have an achievement.
    pub measured: usize,
    pub mean_achievement: Option<f64>,
    /// Every category of the scale, highest first, with how many indicators fall in it.
    pub categories: Vec<CategoryCount>,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct CategoryCount {
    pub name: String,
    pub count: usize,
}

/// Computes every year of the report.
pub fn compute(report: &Report) -> Computed {
    let _ = report;
    todo!("compute")
}
