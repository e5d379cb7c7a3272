//! Pairs a year of the loaded model with its computed results.
//!
//! The renderer walks the model (it has the names and the order the editors wrote) and takes
//! the numbers from here. `compute` gives one result per PK, goal, indicator and programme, in
//! the model's order, so a model item's result is the one at its position
//! ([`YearData::pk_result_of`] and the others). A result that is missing (it should not be)
//! reads as "not computed" rather than stopping the build.

use std::collections::BTreeMap;

use crate::compute::{GoalResult, IndicatorResult, PkResult, ProgrammeResult, YearResult};
use crate::model::{Goal, Indicator, Pk, Programme, Realisation, Report, Year};

#[derive(Clone)]
pub(crate) struct YearData<'a> {
    pub year: i32,
    pub model: &'a Year,
    pub result: Option<&'a YearResult>,
    /// The PKs in the order of the hierarchy: by echelon (the head first), then in the order
    /// of the officials in `site.toml`, then by id.
    pub ordered: Vec<&'a Pk>,
    /// Goal id → the goals that cascade from it (`mendukung`), in hierarchy order.
    children: BTreeMap<&'a str, Vec<(&'a Pk, &'a Goal)>>,
    /// PK id → its place in `ordered`.
    rank: BTreeMap<&'a str, usize>,
    /// The report's Renstra (its `[[tujuan]]` for the export).
    pub renstra: Option<&'a crate::model::Renstra>,
}

impl<'a> YearData<'a> {
    pub fn new(
        report: &'a Report,
        year: i32,
        model: &'a Year,
        result: Option<&'a YearResult>,
    ) -> YearData<'a> {
        let officials = &report.site.officials;
        let mut ordered: Vec<&Pk> = model.pks.iter().collect();
        ordered.sort_by_cached_key(|pk| {
            let position = officials.iter().position(|o| *o.id == *pk.official);
            let echelon = position.map(|i| officials[i].echelon);
            (echelon.is_none(), echelon, position, pk.id.clone())
        });
        let mut children: BTreeMap<&str, Vec<(&Pk, &Goal)>> = BTreeMap::new();
        for pk in &ordered {
            for goal in pk.goals.iter().filter(|g| !g.supports.is_empty()) {
                children
                    .entry(goal.supports.as_str())
                    .or_default()
                    .push((pk, goal));
            }
        }
        let rank = ordered
            .iter()
            .enumerate()
            .map(|(i, pk)| (pk.id.as_str(), i))
            .collect();
        YearData {
            renstra: report.renstra.as_ref(),
            year,
            model,
            result,
            ordered,
            children,
            rank,
        }
    }

    /// The goals that cascade from the goal `id`.
    pub fn children(&self, id: &str) -> &[(&'a Pk, &'a Goal)] {
        self.children.get(id).map_or(&[], Vec::as_slice)
    }

    /// The place of a PK in the hierarchy order.
    pub fn rank(&self, pk: &str) -> usize {
        self.rank.get(pk).copied().unwrap_or(usize::MAX)
    }

    /// The result of `pk`, an item of this year's `pks`: the result at its position.
    pub fn pk_result_of(&self, pk: &Pk) -> Option<&'a PkResult> {
        let result = self.result?.pks.get(position(&self.model.pks, pk)?)?;
        debug_assert_eq!(result.id, pk.id);
        Some(result)
    }

    /// The result of `goal`, a goal of `pk`.
    pub fn goal_result_of(&self, pk: &Pk, goal: &Goal) -> Option<&'a GoalResult> {
        let result = self
            .pk_result_of(pk)?
            .goals
            .get(position(&pk.goals, goal)?)?;
        debug_assert_eq!(result.id, *goal.id);
        Some(result)
    }

    /// The result of `indicator`, an indicator of `goal` of `pk`.
    pub fn indicator_result_of(
        &self,
        pk: &Pk,
        goal: &Goal,
        indicator: &Indicator,
    ) -> Option<&'a IndicatorResult> {
        let result = self
            .goal_result_of(pk, goal)?
            .indicators
            .get(position(&goal.indicators, indicator)?)?;
        debug_assert_eq!(result.id, *indicator.id);
        Some(result)
    }

    /// The result of `programme`, a programme of `pk`.
    pub fn programme_result_of(
        &self,
        pk: &Pk,
        programme: &Programme,
    ) -> Option<&'a ProgrammeResult> {
        let result = self
            .pk_result_of(pk)?
            .programmes
            .get(position(&pk.programmes, programme)?)?;
        debug_assert_eq!(result.id, *programme.id);
        Some(result)
    }

    /// Whether the year is approved ([`crate::approval`]): computed with the year, or worked
    /// out the same way when the result is missing.
    pub fn approved(&self, report: &Report) -> bool {
        match self.result {
            Some(r) => r.approved(),
            None => crate::approval::approve(report, self.model).is_approved(),
        }
    }

    /// The year's approval, as computed.
    pub fn approval(&self) -> Option<&'a crate::approval::Approval> {
        self.result.map(|r| &r.approval)
    }

    /// Every indicator of the year, in the order of the PK files, goals and indicators.
    pub fn indicators(&self) -> impl Iterator<Item = (&'a Pk, &'a Goal, &'a Indicator)> {
        self.model
            .pks
            .iter()
            .flat_map(|pk| pk.indicators().map(move |(g, i)| (pk, g, i)))
    }

    /// The realisation entries of one indicator, by quarter.
    pub fn entries(&self, pk: &str, indicator: &str) -> Vec<&'a Realisation> {
        let mut entries: Vec<&Realisation> = self
            .model
            .realisations
            .get(pk)
            .map(|r| {
                r.entries
                    .iter()
                    .filter(|e| *e.indicator == indicator)
                    .collect()
            })
            .unwrap_or_default();
        entries.sort_by_key(|e| *e.quarter);
        entries
    }

    /// The goal with this id in any PK of the year, preferring the PK of `official`.
    pub fn find_goal(&self, id: &str, official: &str) -> Option<(&'a Pk, &'a Goal)> {
        let in_pk = |pk: &'a Pk| pk.goals.iter().find(|g| *g.id == id).map(|g| (pk, g));
        self.model
            .pks
            .iter()
            .filter(|pk| *pk.official == official)
            .find_map(in_pk)
            .or_else(|| self.model.pks.iter().find_map(in_pk))
    }
}

/// The position of `item` in `items`, of which it is an element (not an equal value): where
/// its result is in the computed list that parallels `items`. `None` for an item from
/// elsewhere.
fn position<T>(items: &[T], item: &T) -> Option<usize> {
    let size = std::mem::size_of::<T>().max(1);
    let offset = (item as *const T as usize).checked_sub(items.as_ptr() as usize)?;
    let i = offset / size;
    (offset % size == 0 && items.get(i).is_some_and(|x| std::ptr::eq(x, item))).then_some(i)
}

pub(crate) fn years<'a>(
    report: &'a Report,
    computed: &'a crate::compute::Computed,
) -> Vec<YearData<'a>> {
    report
        .years
        .iter()
        .map(|(&year, model)| YearData::new(report, year, model, computed.years.get(&year)))
        .collect()
}
