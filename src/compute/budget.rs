//! The budget of a programme down its Permendagri 90/2019 hierarchy: programme → kegiatan →
//! sub-kegiatan, each with its spending, serapan and efisiensi.
//!
//! - Spending is recorded per quarter on a programme (`program = "<id>"`) or on a sub-kegiatan
//!   (`sub_kegiatan = "<kode>"`). A sub-kegiatan's spending counts for its kegiatan and its
//!   programme; a programme's spending is its own entries plus those of its sub-kegiatan (the
//!   check warns when one quarter has both, which is usually the same money twice).
//! - serapan = spent / pagu × 100 at every level, where the pagu is the revised one
//!   (`pagu_perubahan`, APBD-P) when given, else the original (`pagu`, murni). A level with no
//!   `[[anggaran]]` entry has no serapan ("belum ada data").
//! - efisiensi = mean capaian of the programme's sasaran − serapan, in percentage points. The
//!   kegiatan and sub-kegiatan have no sasaran of their own in a PK: they are measured against
//!   their programme's mean capaian. A PK's and a year's total use the mean capaian of all
//!   their indicators.
//!
//! Pure: from the model's programme and the PK's spending entries to numbers.

use serde::Serialize;

use crate::model::{Programme, Rupiah, Spending};

use super::absorption;

/// Spending gathered from `[[anggaran]]` entries.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Tally {
    /// Spent in each quarter 1..=4 (0 where nothing was recorded).
    pub per_quarter: [Rupiah; 4],
    /// Whether any entry was recorded.
    pub reported: bool,
}

impl Tally {
    fn add(&mut self, entry: &Spending) {
        let slot = &mut self.per_quarter[entry.quarter.index()];
        slot.0 = slot.0.saturating_add(entry.amount.0);
        self.reported = true;
    }

    fn merge(&mut self, other: &Tally) {
        for (mine, theirs) in self.per_quarter.iter_mut().zip(other.per_quarter) {
            mine.0 = mine.0.saturating_add(theirs.0);
        }
        self.reported |= other.reported;
    }

    /// Σ over the quarters (saturating: amounts near i64::MAX are typos, not overflows).
    pub fn spent(&self) -> Rupiah {
        Rupiah(
            self.per_quarter
                .iter()
                .fold(0i64, |sum, q| sum.saturating_add(q.0)),
        )
    }
}

/// One kegiatan or sub-kegiatan with its numbers.
#[derive(Clone, Debug, Default, Serialize)]
pub struct LineResult {
    pub code: String,
    pub name: String,
    /// pagu murni.
    pub budget: Rupiah,
    /// pagu perubahan, when given.
    pub revised_budget: Option<Rupiah>,
    pub funding: Option<String>,
    pub spent: Rupiah,
    pub spent_per_quarter: [Rupiah; 4],
    pub reported: bool,
    /// Against the revised budget when given; `None` without spending entries or with a pagu 0.
    pub absorption: Option<f64>,
    /// The programme's mean capaian − this line's serapan.
    pub efficiency: Option<f64>,
    /// A kegiatan's sub-kegiatan (empty for a sub-kegiatan).
    pub sub_activities: Vec<LineResult>,
}

/// A programme's own numbers and those of its kegiatan.
#[derive(Clone, Debug, Default)]
pub struct ProgrammeBudget {
    pub tally: Tally,
    pub spent: Rupiah,
    pub absorption: Option<f64>,
    pub efficiency: Option<f64>,
    pub activities: Vec<LineResult>,
}

/// serapan of `tally` against `budget`; `None` when nothing was reported.
pub fn absorption_of(budget: Rupiah, tally: &Tally) -> Option<f64> {
    absorption(budget, tally.spent()).filter(|_| tally.reported)
}

/// efisiensi: mean capaian − serapan.
pub fn efficiency(mean_achievement: Option<f64>, absorption: Option<f64>) -> Option<f64> {
    mean_achievement.zip(absorption).map(|(m, a)| m - a)
}

/// The budget of `programme` from the spending entries of its PK (entries naming other
/// programmes or sub-kegiatan are ignored), with `mean_achievement` the mean capaian of the
/// indicators of its sasaran.
pub fn programme(
    programme: &Programme,
    spending: &[Spending],
    mean_achievement: Option<f64>,
) -> ProgrammeBudget {
    let mut tally = Tally::default();
    for entry in spending {
        if entry
            .program
            .as_ref()
            .is_some_and(|p| p.value == programme.id.value)
        {
            tally.add(entry);
        }
    }
    let line = |budget: Rupiah, revised: Option<Rupiah>, tally: &Tally| {
        let absorption = absorption_of(revised.unwrap_or(budget), tally);
        (absorption, efficiency(mean_achievement, absorption))
    };
    let activities: Vec<LineResult> = programme
        .activities
        .iter()
        .map(|activity| {
            let mut activity_tally = Tally::default();
            let sub_activities: Vec<LineResult> = activity
                .sub_activities
                .iter()
                .map(|sub| {
                    let mut sub_tally = Tally::default();
                    spending
                        .iter()
                        .filter(|e| {
                            e.program.is_none()
                                && e.sub_activity
                                    .as_ref()
                                    .is_some_and(|c| c.value == sub.code.value)
                        })
                        .for_each(|e| sub_tally.add(e));
                    activity_tally.merge(&sub_tally);
                    let revised = sub.revised_budget.as_ref().map(|r| r.value);
                    let (absorption, efficiency) = line(sub.budget.value, revised, &sub_tally);
                    LineResult {
                        code: sub.code.value.clone(),
                        name: sub.name.clone(),
                        budget: sub.budget.value,
                        revised_budget: revised,
                        funding: sub.funding.as_ref().map(|f| f.value.clone()),
                        spent: sub_tally.spent(),
                        spent_per_quarter: sub_tally.per_quarter,
                        reported: sub_tally.reported,
                        absorption,
                        efficiency,
                        sub_activities: Vec::new(),
                    }
                })
                .collect();
            tally.merge(&activity_tally);
            let revised = activity.revised_budget.as_ref().map(|r| r.value);
            let (absorption, efficiency) = line(activity.budget.value, revised, &activity_tally);
            LineResult {
                code: activity.code.value.clone(),
                name: activity.name.clone(),
                budget: activity.budget.value,
                revised_budget: revised,
                funding: activity.funding.as_ref().map(|f| f.value.clone()),
                spent: activity_tally.spent(),
                spent_per_quarter: activity_tally.per_quarter,
                reported: activity_tally.reported,
                absorption,
                efficiency,
                sub_activities,
            }
        })
        .collect();
    let absorption = absorption_of(programme.effective_budget(), &tally);
    ProgrammeBudget {
        spent: tally.spent(),
        tally,
        absorption,
        efficiency: efficiency(mean_achievement, absorption),
        activities,
    }
}

/// A programme with a `kode` whose own PK records no spending on it takes the spending its
/// code has in the year's other PKs: the head's PK lists the programmes that the PKs below
/// carry out and record. Only programmes that have spending of their own lend it, so nothing
/// is lent twice. Returns the PKs (by index) whose totals changed.
pub fn summarise_across(pks: &mut [super::PkResult]) -> Vec<usize> {
    let mut own: std::collections::BTreeMap<String, (Tally, Vec<String>)> = Default::default();
    for pk in pks.iter() {
        for p in pk
            .programmes
            .iter()
            .filter(|p| p.reported && p.from_pks.is_empty())
        {
            if let Some(code) = &p.code {
                let slot = own.entry(code.clone()).or_default();
                slot.0.merge(&Tally {
                    per_quarter: p.spent_per_quarter,
                    reported: true,
                });
                slot.1.push(pk.id.clone());
            }
        }
    }
    let mut changed = Vec::new();
    for (i, pk) in pks.iter_mut().enumerate() {
        for p in pk.programmes.iter_mut().filter(|p| !p.reported) {
            let Some((tally, from)) = p.code.as_ref().and_then(|c| own.get(c)) else {
                continue;
            };
            let from: Vec<String> = from.iter().filter(|id| **id != pk.id).cloned().collect();
            if from.is_empty() {
                continue;
            }
            p.spent = tally.spent();
            p.spent_per_quarter = tally.per_quarter;
            p.reported = true;
            p.absorption = absorption_of(p.effective_budget(), tally);
            p.efficiency = efficiency(p.mean_achievement, p.absorption);
            p.from_pks = from;
            if !changed.contains(&i) {
                changed.push(i);
            }
        }
    }
    changed
}

/// The programmes a year's total counts: each `kode` once (the head's PK and a Kabid's may
/// both list a programme), preferring the one whose spending is its own; programmes without a
/// code all count.
pub fn counted_once<'a>(
    programmes: impl IntoIterator<Item = &'a super::ProgrammeResult>,
) -> Vec<&'a super::ProgrammeResult> {
    let mut all: Vec<&super::ProgrammeResult> = programmes.into_iter().collect();
    // Stable: own spending first, borrowed after, none last.
    all.sort_by_key(|p| (!p.reported, !p.from_pks.is_empty()));
    let mut seen = std::collections::BTreeSet::new();
    all.into_iter()
        .filter(|p| p.code.as_ref().is_none_or(|c| seen.insert(c.clone())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Activity, Quarter, Sp, SubActivity};

    fn rp(n: i64) -> Sp<Rupiah> {
        Sp::unplaced(Rupiah(n))
    }

    fn on_sub(code: &str, quarter: i64, amount: i64) -> Spending {
        Spending {
            program: None,
            sub_activity: Some(Sp::unplaced(code.to_string())),
            quarter: Sp::unplaced(Quarter::new(quarter).unwrap()),
            amount: rp(amount),
        }
    }

    fn on_programme(id: &str, quarter: i64, amount: i64) -> Spending {
        Spending {
            program: Some(Sp::unplaced(id.to_string())),
            ..on_sub("", quarter, amount)
        }
    }

    fn sub(code: &str, budget: i64, revised: Option<i64>) -> SubActivity {
        SubActivity {
            code: Sp::unplaced(code.to_string()),
            name: format!("Sub {code}"),
            budget: rp(budget),
            revised_budget: revised.map(rp),
            funding: Some(Sp::unplaced("DAU".to_string())),
        }
    }

    /// Programme 2.08.02 (pagu 1.000.000, perubahan 800.000) with kegiatan 2.08.02.2.01
    /// (pagu 600.000) of two sub-kegiatan: .0001 (pagu 400.000, perubahan 300.000) and .0002
    /// (pagu 200.000), and kegiatan 2.08.02.2.02 (pagu 300.000) without sub-kegiatan.
    fn pug() -> Programme {
        Programme {
            id: Sp::unplaced("pug".to_string()),
            code: Some(Sp::unplaced("2.08.02".to_string())),
            name: "Program PUG".to_string(),
            budget: rp(1_000_000),
            revised_budget: Some(rp(800_000)),
            activities: vec![
                Activity {
                    code: Sp::unplaced("2.08.02.2.01".to_string()),
                    name: "Pelembagaan PUG".to_string(),
                    budget: rp(600_000),
                    revised_budget: None,
                    funding: None,
                    sub_activities: vec![
                        sub("2.08.02.2.01.0001", 400_000, Some(300_000)),
                        sub("2.08.02.2.01.0002", 200_000, None),
                    ],
                },
                Activity {
                    code: Sp::unplaced("2.08.02.2.02".to_string()),
                    name: "Pemberdayaan".to_string(),
                    budget: rp(300_000),
                    ..Activity::default()
                },
            ],
            ..Programme::default()
        }
    }

    fn close(a: Option<f64>, b: f64) {
        let a = a.expect("a number");
        assert!((a - b).abs() < 1e-9, "{a} != {b}");
    }

    #[test]
    fn sub_kegiatan_spending_rolls_up_against_the_revised_budgets() {
        let spending = vec![
            on_sub("2.08.02.2.01.0001", 1, 60_000),
            on_sub("2.08.02.2.01.0001", 2, 90_000),
            on_sub("2.08.02.2.01.0002", 2, 50_000),
            on_sub("9.99.99.2.01.0001", 2, 1_000), // not this programme's
            on_programme("other", 1, 7_000),
        ];
        let b = programme(&pug(), &spending, Some(90.0));
        // .0001: 150.000 of the revised 300.000 = 50 %; efisiensi 90 − 50 = 40
        let s1 = &b.activities[0].sub_activities[0];
        assert_eq!(s1.spent, Rupiah(150_000));
        assert_eq!(
            s1.spent_per_quarter,
            [Rupiah(60_000), Rupiah(90_000), Rupiah(0), Rupiah(0)]
        );
        close(s1.absorption, 50.0);
        close(s1.efficiency, 40.0);
        // .0002: 50.000 of 200.000 = 25 %
        let s2 = &b.activities[0].sub_activities[1];
        close(s2.absorption, 25.0);
        close(s2.efficiency, 65.0);
        // kegiatan 2.08.02.2.01: 200.000 of 600.000 = 33.33… %
        let k1 = &b.activities[0];
        assert_eq!(k1.spent, Rupiah(200_000));
        close(k1.absorption, 200_000.0 / 600_000.0 * 100.0);
        // kegiatan 2.08.02.2.02: no entries, no serapan ("belum ada data"), no efisiensi
        let k2 = &b.activities[1];
        assert_eq!(
            (k2.spent, k2.reported, k2.absorption, k2.efficiency),
            (Rupiah(0), false, None, None)
        );
        // programme: 200.000 of the revised 800.000 = 25 %; efisiensi 65
        assert_eq!(b.spent, Rupiah(200_000));
        assert_eq!(
            b.tally.per_quarter,
            [Rupiah(60_000), Rupiah(140_000), Rupiah(0), Rupiah(0)]
        );
        close(b.absorption, 25.0);
        close(b.efficiency, 65.0);
    }

    #[test]
    fn programme_entries_add_to_those_of_its_sub_kegiatan() {
        let spending = vec![
            on_programme("pug", 1, 100_000),
            on_sub("2.08.02.2.01.0002", 1, 20_000),
        ];
        let b = programme(&pug(), &spending, None);
        assert_eq!(b.spent, Rupiah(120_000));
        close(b.absorption, 15.0);
        // No capaian: no efisiensi at any level.
        assert_eq!(b.efficiency, None);
        assert_eq!(b.activities[0].efficiency, None);
        // The programme-level entry is not a kegiatan's.
        assert_eq!(b.activities[0].spent, Rupiah(20_000));
    }

    #[test]
    fn a_programme_without_kegiatan_is_measured_as_before() {
        let plain = Programme {
            id: Sp::unplaced("p1".to_string()),
            budget: rp(1_250_000_000),
            ..Programme::default()
        };
        let spending = vec![on_programme("p1", 4, 1_100_000_000)];
        let b = programme(&plain, &spending, Some(96.0));
        close(b.absorption, 88.0);
        close(b.efficiency, 8.0);
        assert!(b.activities.is_empty());
    }
}
