//! Early warning for a year in progress: each indicator's projected year-end realisation and
//! achievement from its quarters, and what each remaining quarter needs to meet the year
//! target.
//!
//! Two methods, in this order:
//! - **the same quarter profile as last year**: when the same indicator id was reported both
//!   in the same quarter and in TW IV of the previous year, this year's value up to quarter `q`
//!   grows as last year's did: `R₄ = R_q × R₄(last year) / R_q(last year)`;
//! - otherwise **a linear trend of the cumulative values**: the values as of the end of each
//!   quarter reported (`R₁ … R_q`, by the indicator's `akumulasi`) fitted by least squares
//!   against the quarter and extended to TW IV; a sum (`jumlah`) starts from 0 before TW I, so
//!   its line goes through the origin; a level with one quarter only stays where it is.

use serde::Serialize;

use super::{Target, accumulate, achievement, category};
use crate::model::{Accumulation, Category, Indicator, Polarity, Quarter, Realisation, Value};

/// How the year-end value was projected.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// As last year's values grew from the same quarter to TW IV.
    ProfilTahunLalu,
    /// A least-squares line through the quarters' values, extended to TW IV.
    TrenLinear,
}

/// The projection of one indicator of a year in progress (`proyeksi` in the export).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Projection {
    #[serde(rename = "metode")]
    pub method: Method,
    /// The last quarter the projection starts from.
    #[serde(rename = "dari_triwulan")]
    pub from: Quarter,
    /// The projected year-end realisation.
    #[serde(rename = "realisasi")]
    pub realisation: f64,
    /// Its achievement against the year target.
    #[serde(rename = "capaian")]
    pub achievement: Option<f64>,
    #[serde(rename = "kategori")]
    pub category: Option<String>,
    /// What each remaining quarter needs to bring for the year target to be met: the
    /// quarter's own value for a sum or a mean, the value to reach by the year's end for a
    /// level. `None` where no single number says it (a range, a target already out of reach
    /// of a level).
    #[serde(rename = "kebutuhan_per_triwulan")]
    pub needed: Option<f64>,
}

/// The projection of `indicator` from its `entries` up to quarter `upto` (the latest ended
/// quarter reported), with `last_year` the entries of the same indicator the year before.
pub fn project(
    indicator: &Indicator,
    target: &Target,
    entries: &[&Realisation],
    upto: Quarter,
    last_year: Option<(&Indicator, &[&Realisation])>,
    scale: &[Category],
) -> Option<Projection> {
    if indicator.is_ordinal() || upto == Quarter::ALL[3] {
        return None;
    }
    let now = number(accumulate(indicator, entries, upto)?.result)?;
    let profiled = last_year.and_then(|(ind, entries)| {
        let then_q = number(accumulate(ind, entries, upto)?.result)?;
        let then_4 = number(accumulate(ind, entries, Quarter::ALL[3])?.result)?;
        // Last year's value at the quarter must itself be reported in that quarter, or the
        // profile would compare two different quarters.
        let reported = entries.iter().any(|e| *e.quarter == upto)
            && entries.iter().any(|e| *e.quarter == Quarter::ALL[3]);
        (reported && then_q != 0.0).then(|| now * then_4 / then_q)
    });
    let (method, realisation) = match profiled {
        Some(r) if r.is_finite() => (Method::ProfilTahunLalu, r),
        _ => (Method::TrenLinear, linear(indicator, entries, upto)?),
    };
    let achievement = achievement(indicator, target, &Value::Number(realisation));
    Some(Projection {
        method,
        from: upto,
        realisation,
        achievement,
        category: achievement
            .and_then(|a| category(scale, a))
            .map(str::to_string),
        needed: needed(indicator, target, entries, upto),
    })
}

fn number(value: Value) -> Option<f64> {
    value.as_number().filter(|x| x.is_finite())
}

/// The least-squares line through the quarters' cumulative values, at TW IV.
fn linear(indicator: &Indicator, entries: &[&Realisation], upto: Quarter) -> Option<f64> {
    let mut points: Vec<(f64, f64)> = Quarter::ALL
        .into_iter()
        .filter(|q| *q <= upto && entries.iter().any(|e| *e.quarter == *q))
        .filter_map(|q| {
            let r = number(accumulate(indicator, entries, q)?.result)?;
            Some((f64::from(q.number()), r))
        })
        .collect();
    let sum = *indicator.accumulation == Accumulation::Sum;
    if sum {
        // A running sum is 0 before the year starts.
        points.insert(0, (0.0, 0.0));
    }
    match points.len() {
        0 => None,
        1 => Some(points[0].1),
        n => {
            let n = n as f64;
            let mean_x = points.iter().map(|p| p.0).sum::<f64>() / n;
            let mean_y = points.iter().map(|p| p.1).sum::<f64>() / n;
            let sxx: f64 = points.iter().map(|p| (p.0 - mean_x).powi(2)).sum();
            let sxy: f64 = points.iter().map(|p| (p.0 - mean_x) * (p.1 - mean_y)).sum();
            let slope = if sxx == 0.0 { 0.0 } else { sxy / sxx };
            let at_4 = mean_y + slope * (4.0 - mean_x);
            at_4.is_finite().then_some(at_4)
        }
    }
}

/// What each remaining quarter needs for the year target to be met.
fn needed(
    indicator: &Indicator,
    target: &Target,
    entries: &[&Realisation],
    upto: Quarter,
) -> Option<f64> {
    let t = target.as_number()?;
    if *indicator.polarity == Polarity::Stable {
        return None;
    }
    let remaining = f64::from(4 - upto.number());
    let reported: Vec<f64> = Quarter::ALL
        .into_iter()
        .filter(|q| *q <= upto)
        .filter_map(|q| {
            entries
                .iter()
                .find(|e| *e.quarter == q)
                .and_then(|e| e.value.as_number())
        })
        .collect();
    match *indicator.accumulation {
        // The rest of the sum, spread over the quarters left.
        Accumulation::Sum => Some((t - reported.iter().sum::<f64>()) / remaining),
        // The quarters left must bring the mean of all four to the target.
        Accumulation::Mean => {
            let count = reported.len() as f64 + remaining;
            Some((t * count - reported.iter().sum::<f64>()) / remaining)
        }
        // A level: the year's end must stand at the target.
        Accumulation::Last => Some(t),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Category;

    fn indicator(accumulation: Accumulation, target: f64) -> Indicator {
        toml::from_str::<Indicator>(&format!(
            "id = \"x\"\nnama = \"X\"\nsatuan = \"orang\"\npolaritas = \"positif\"\ntarget = {target}\nakumulasi = \"{}\"\n",
            accumulation.key()
        ))
        .unwrap()
    }

    fn entry(q: i64, v: f64) -> Realisation {
        toml::from_str::<Realisation>(&format!(
            "indikator = \"x\"\ntriwulan = {q}\nnilai = {v:?}\n"
        ))
        .unwrap()
    }

    fn scale() -> Vec<Category> {
        Category::default_scale()
    }

    fn q(n: i64) -> Quarter {
        Quarter::new(n).unwrap()
    }

    fn close(a: f64, b: f64) {
        assert!((a - b).abs() < 1e-9, "{a} != {b}");
    }

    #[test]
    fn a_sum_without_last_year_follows_its_line_through_the_origin() {
        // jumlah, target 400; TW I 100, TW II 80, TW III 90 → running sums 100, 180, 270.
        // Points (0,0), (1,100), (2,180), (3,270): mean x 1.5, mean y 137.5;
        // Sxx = 2.25+0.25+0.25+2.25 = 5; Sxy = (−1.5)(−137.5)+(−0.5)(−37.5)+(0.5)(42.5)+(1.5)(132.5)
        //     = 206.25 + 18.75 + 21.25 + 198.75 = 445 → slope 89;
        // at TW IV: 137.5 + 89 × 2.5 = 360. Achievement 360/400 = 90 % (Tinggi).
        let ind = indicator(Accumulation::Sum, 400.0);
        let entries = [entry(1, 100.0), entry(2, 80.0), entry(3, 90.0)];
        let refs: Vec<&Realisation> = entries.iter().collect();
        let p = project(&ind, &Target::Number(400.0), &refs, q(3), None, &scale()).unwrap();
        assert_eq!(p.method, Method::TrenLinear);
        close(p.realisation, 360.0);
        close(p.achievement.unwrap(), 90.0);
        assert_eq!(p.category.as_deref(), Some("Tinggi"));
        // 400 − 270 = 130 left for TW IV.
        close(p.needed.unwrap(), 130.0);
    }

    #[test]
    fn last_years_profile_comes_first() {
        // Last year: 90 by TW III, 120 by TW IV (a sum). This year 75 by TW III:
        // 75 × 120 / 90 = 100 against a target of 110 → 90,909… %.
        let ind = indicator(Accumulation::Sum, 110.0);
        let last = [
            entry(1, 30.0),
            entry(2, 30.0),
            entry(3, 30.0),
            entry(4, 30.0),
        ];
        let last: Vec<&Realisation> = last.iter().collect();
        let now = [entry(1, 25.0), entry(2, 25.0), entry(3, 25.0)];
        let now: Vec<&Realisation> = now.iter().collect();
        let p = project(
            &ind,
            &Target::Number(110.0),
            &now,
            q(3),
            Some((&ind, &last)),
            &scale(),
        )
        .unwrap();
        assert_eq!(p.method, Method::ProfilTahunLalu);
        close(p.realisation, 100.0);
        close(p.achievement.unwrap(), 100.0 / 110.0 * 100.0);
        close(p.needed.unwrap(), 35.0); // 110 − 75
    }

    #[test]
    fn a_level_with_one_quarter_stays_where_it_is_and_a_mean_needs_its_rest() {
        let level = indicator(Accumulation::Last, 80.0);
        let entries = [entry(2, 60.0)];
        let refs: Vec<&Realisation> = entries.iter().collect();
        let p = project(&level, &Target::Number(80.0), &refs, q(2), None, &scale()).unwrap();
        close(p.realisation, 60.0);
        close(p.achievement.unwrap(), 75.0);
        close(p.needed.unwrap(), 80.0);
        // rata_rata, target 80: 70 and 74 reported; the two left need (80 × 4 − 144) / 2 = 88.
        let mean = indicator(Accumulation::Mean, 80.0);
        let entries = [entry(1, 70.0), entry(2, 74.0)];
        let refs: Vec<&Realisation> = entries.iter().collect();
        let p = project(&mean, &Target::Number(80.0), &refs, q(2), None, &scale()).unwrap();
        close(p.needed.unwrap(), 88.0);
        // Means 70, 72 at TW I, II: the line rises 2 a quarter → 76 at TW IV (95 %).
        close(p.realisation, 76.0);
    }

    #[test]
    fn a_complete_year_and_an_ordinal_have_none() {
        let ind = indicator(Accumulation::Last, 80.0);
        let entries = [entry(4, 60.0)];
        let refs: Vec<&Realisation> = entries.iter().collect();
        assert_eq!(
            project(&ind, &Target::Number(80.0), &refs, q(4), None, &scale()),
            None
        );
    }
}
