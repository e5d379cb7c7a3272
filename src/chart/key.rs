//! The key finding of a chart: one sentence in the site's language, shown above the chart, that
//! says what a reader should take from it ("IPG 92,31 — di atas target 92 dan standar nasional
//! 91,85").

use crate::compute::{IndicatorResult, ProgrammeResult, Summary};
use crate::model::{Indicator, Language, Target};

use super::text::Numbers;
use super::{target_text, value_text};

/// The words of the key findings.
struct Say {
    above: &'static str,
    below: &'static str,
    on: &'static str,
    within: &'static str,
    outside: &'static str,
    and: &'static str,
    target: &'static str,
    national: &'static str,
    no_realisation: &'static str,
    of: &'static str,
    indicators_reached: &'static str,
    in_category: &'static str,
    mean: &'static str,
    absorbed: &'static str,
    efficient: &'static str,
    up_from: &'static str,
    down_from: &'static str,
    same_as: &'static str,
    in_year: &'static str,
}

const ID: Say = Say {
    above: "di atas",
    below: "di bawah",
    on: "tepat pada",
    within: "dalam rentang",
    outside: "di luar rentang",
    and: "dan",
    target: "target",
    national: "standar nasional",
    no_realisation: "belum ada realisasi",
    of: "dari",
    indicators_reached: "indikator mencapai target (capaian ≥ 100%)",
    in_category: "indikator terukur berkategori",
    mean: "rata-rata capaian",
    absorbed: "anggaran terserap",
    efficient: "program efisien (capaian ≥ serapan)",
    up_from: "naik dari",
    down_from: "turun dari",
    same_as: "sama dengan",
    in_year: "pada",
};

const EN: Say = Say {
    above: "above",
    below: "below",
    on: "exactly on",
    within: "within",
    outside: "outside",
    and: "and",
    target: "target",
    national: "national standard",
    no_realisation: "no realisation yet",
    of: "of",
    indicators_reached: "indicators reach their target (achievement ≥ 100%)",
    in_category: "measured indicators fall in",
    mean: "mean achievement",
    absorbed: "of the budget spent",
    efficient: "programmes efficient (achievement ≥ absorption)",
    up_from: "up from",
    down_from: "down from",
    same_as: "same as",
    in_year: "in",
};

fn say(language: Language) -> &'static Say {
    match language {
        Language::Indonesian => &ID,
        Language::English => &EN,
    }
}

/// The name a sentence uses: the abbreviation in brackets at the end of the name ("IPG" of
/// "Indeks Pembangunan Gender (IPG)"), else the whole name.
pub(super) fn short_name(name: &str) -> &str {
    let name = name.trim();
    if let Some(inner) = name
        .strip_suffix(')')
        .and_then(|rest| rest.rsplit_once('(').map(|(_, inner)| inner.trim()))
        && !inner.is_empty()
        && inner.chars().count() <= 12
        && !inner.contains(' ')
        // A number or a unit in brackets ("(1)", "(%)") names nothing.
        && inner.chars().any(char::is_alphabetic)
    {
        return inner;
    }
    name
}

/// "above", "below" or "on" a number.
fn side(s: &Say, value: f64, of: f64) -> &'static str {
    if (value - of).abs() < 1e-9 {
        s.on
    } else if value > of {
        s.above
    } else {
        s.below
    }
}

/// Where a value stands against a target: "di atas target 92".
fn against_target(s: &Say, n: Numbers, value: f64, target: &Target) -> Option<String> {
    match target {
        Target::Number(t) if t.is_finite() => Some(format!(
            "{} {} {}",
            side(s, value, *t),
            s.target,
            n.number(*t, 2)
        )),
        Target::Range { min, max } => {
            let inside = value >= *min && value <= *max;
            Some(format!(
                "{} {} {}",
                if inside { s.within } else { s.outside },
                s.target,
                target_text(n, target)
            ))
        }
        _ => None,
    }
}

/// An indicator's latest realisation against its target and the national standard.
pub(super) fn indicator(
    language: Language,
    n: Numbers,
    indicator: &Indicator,
    result: &IndicatorResult,
) -> String {
    let s = say(language);
    let name = short_name(&indicator.name);
    let Some(realisation) = &result.realisation else {
        return format!("{name} — {}", s.no_realisation);
    };
    let text = value_text(n, realisation);
    let Some(value) = realisation.as_number() else {
        return format!("{name} {text}");
    };
    let mut parts = Vec::new();
    parts.extend(against_target(s, n, value, &result.target));
    if let Some(national) = result.national.as_ref().filter(|c| c.standard.is_finite()) {
        parts.push(format!(
            "{} {} {}",
            side(s, value, national.standard),
            s.national,
            n.number(national.standard, 2)
        ));
    }
    if parts.is_empty() {
        return format!("{name} {text}");
    }
    // "di atas target 92 dan di atas standar nasional 91,85" → "di atas target 92 dan
    // standar nasional 91,85" when both sides agree.
    if parts.len() == 2 {
        let (a, b) = (&parts[0], &parts[1]);
        for word in [s.above, s.below, s.on] {
            if let (true, Some(rest)) = (
                a.starts_with(word),
                b.strip_prefix(word).map(str::trim_start),
            ) {
                return format!("{name} {text} — {a} {} {rest}", s.and);
            }
        }
    }
    format!("{name} {text} — {}", parts.join(&format!(" {} ", s.and)))
}

/// The trend: the latest year against the year before it.
pub(super) fn trend(
    language: Language,
    n: Numbers,
    indicator: &Indicator,
    result: &IndicatorResult,
) -> String {
    let s = say(language);
    let name = short_name(&indicator.name);
    let reported: Vec<(i32, f64, String)> = result
        .history
        .iter()
        .filter_map(|h| {
            let r = h.realisation.as_ref()?;
            Some((h.year, r.as_number()?, value_text(n, r)))
        })
        .collect();
    match reported.as_slice() {
        [] => format!("{name} — {}", s.no_realisation),
        [(year, _, text)] => format!("{name} {text} {} {year}", s.in_year),
        [.., (py, pv, ptext), (year, value, text)] => {
            let change = if (value - pv).abs() < 1e-9 {
                s.same_as
            } else if value > pv {
                s.up_from
            } else {
                s.down_from
            };
            format!(
                "{name} {text} {} {year} — {change} {ptext} {} {py}",
                s.in_year, s.in_year
            )
        }
    }
}

/// Indicators of a PK: how many reached their target.
pub(super) fn targets(language: Language, results: &[&IndicatorResult]) -> String {
    let s = say(language);
    let measured: Vec<f64> = results.iter().filter_map(|r| r.achievement).collect();
    let reached = measured.iter().filter(|a| **a >= 100.0).count();
    format!(
        "{reached} {} {} {}",
        s.of,
        results.len(),
        s.indicators_reached
    )
}

/// The categories of a year: the most common one, and the mean.
pub(super) fn categories(language: Language, n: Numbers, summary: &Summary) -> String {
    let s = say(language);
    let Some(top) = summary
        .categories
        .iter()
        .filter(|c| c.count > 0)
        .max_by_key(|c| c.count)
    else {
        return String::new();
    };
    let mut out = format!(
        "{} {} {} {} {}",
        top.count, s.of, summary.measured, s.in_category, top.name
    );
    if let Some(mean) = summary.mean_achievement {
        out.push_str(&format!("; {} {}", s.mean, n.percent(mean)));
    }
    out
}

/// The budget: the share of all pagu spent.
pub(super) fn budget(language: Language, n: Numbers, programmes: &[&ProgrammeResult]) -> String {
    let s = say(language);
    let pagu: f64 = programmes.iter().map(|p| p.budget.0 as f64).sum();
    let spent: f64 = programmes.iter().map(|p| p.spent.0 as f64).sum();
    if pagu <= 0.0 {
        return String::new();
    }
    format!(
        "{} {} — {} {} {}",
        n.percent(spent / pagu * 100.0),
        s.absorbed,
        n.rupiah_short(spent),
        s.of,
        n.rupiah_short(pagu)
    )
}

/// Efficiency: how many programmes are efficient.
pub(super) fn efficiency(language: Language, programmes: &[&ProgrammeResult]) -> String {
    let s = say(language);
    let known: Vec<f64> = programmes.iter().filter_map(|p| p.efficiency).collect();
    if known.is_empty() {
        return String::new();
    }
    let efficient = known.iter().filter(|e| **e >= 0.0).count();
    format!("{efficient} {} {} {}", s.of, known.len(), s.efficient)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_short_name_is_the_abbreviation_in_brackets() {
        assert_eq!(short_name("Indeks Pembangunan Gender (IPG)"), "IPG");
        assert_eq!(
            short_name("Persentase desa (yang punya posyandu aktif)"),
            "Persentase desa (yang punya posyandu aktif)"
        );
        assert_eq!(short_name("Angka kelahiran"), "Angka kelahiran");
        assert_eq!(
            short_name("Persentase remaja yang mengikuti PIK-R (1)"),
            "Persentase remaja yang mengikuti PIK-R (1)"
        );
        assert_eq!(short_name("Capaian layanan (%)"), "Capaian layanan (%)");
    }
}
