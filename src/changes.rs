//! What changed: per year, each value changed since the approval (or, for a year in progress,
//! since the latest approved quarterly run), old → new, with who changed it and when.
//!
//! The approved values are read from git: the realisation files as they were at the last
//! commit before the approval instant (`git show <commit>:<file>`), compared entry by entry
//! with the files as loaded.

use std::collections::BTreeMap;
use std::path::Path;

use crate::approval::{Order, order, time_zone};
use crate::compute::Computed;
use crate::model::{Moment, Report, Sources};
use crate::provenance::{Provenance, Table, entries_in_text};

/// The changes of one year since its baseline.
#[derive(Clone, Debug, PartialEq)]
pub struct YearChanges {
    /// The approval the values are compared with: its moment (agency's clock) and whether it
    /// is the year's (`true`) or a quarter's run.
    pub since: Moment,
    pub final_run: bool,
    /// The commit the approved values are read at (short id).
    pub baseline: String,
    pub values: Vec<ValueChange>,
}

/// One entry whose value changed, appeared or disappeared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValueChange {
    pub pk: String,
    pub table: Table,
    /// The indicator (`realisasi`) or programme (`anggaran`).
    pub item: String,
    pub quarter: u8,
    /// The value as written in the file, `None` where the entry did not exist.
    pub old: Option<String>,
    pub new: Option<String>,
}

/// The changes of every year that has an approval to compare with, from the git history of
/// `content`; empty outside git.
pub fn read(
    content: &Path,
    report: &Report,
    sources: &Sources,
    computed: &Computed,
    provenance: &Provenance,
) -> BTreeMap<i32, YearChanges> {
    let mut out = BTreeMap::new();
    if provenance.is_empty() {
        return out;
    }
    let Some(tz) = time_zone(report) else {
        return out;
    };
    for (&key, year) in &report.years {
        let Some(result) = computed.years.get(&key) else {
            continue;
        };
        let approval = &result.approval;
        // The year's approval; for a year not approved, the latest approved quarterly run.
        let (since, final_run) = match approval.signed() {
            Some(signed) => (signed.instant, true),
            None => match approval.quarters.values().map(|s| s.instant).max() {
                Some(instant) => (instant, false),
                None => continue,
            },
        };
        // The newest commit to the year's realisation files made before that instant.
        let baseline = provenance.changelog(key).into_iter().find(|c| {
            c.instant()
                .and_then(|at| order(since, &tz, at))
                .is_some_and(|o| o == Order::Before)
        });
        let Some(baseline) = baseline else {
            continue;
        };
        let mut values = Vec::new();
        for (pk, realisations) in &year.realisations {
            let now = entries_of(&sources.get(realisations.file).text);
            let file = format!("{key}/realisasi/{pk}.toml");
            let then = git_show(content, &baseline.id, &file)
                .map(|text| entries_of(&text))
                .unwrap_or_default();
            let keys: std::collections::BTreeSet<&(Table, String, i64)> =
                then.keys().chain(now.keys()).collect();
            for k in keys {
                let (old, new) = (then.get(k), now.get(k));
                if old == new {
                    continue;
                }
                values.push(ValueChange {
                    pk: pk.clone(),
                    table: k.0,
                    item: k.1.clone(),
                    quarter: u8::try_from(k.2).unwrap_or(0),
                    old: old.cloned(),
                    new: new.cloned(),
                });
            }
        }
        out.insert(
            key,
            YearChanges {
                since,
                final_run,
                baseline: baseline.short.clone(),
                values,
            },
        );
    }
    out
}

/// Each entry's value as written (`nilai` of a realisation, `realisasi` of a spending), by
/// table, item and quarter; the text is normalised so that `92.50` and `92.5` are the same.
fn entries_of(text: &str) -> BTreeMap<(Table, String, i64), String> {
    let Ok(entries) = entries_in_text(text) else {
        return BTreeMap::new();
    };
    let mut out = BTreeMap::new();
    for e in entries {
        let key = match e.table {
            Table::Realisasi => "nilai",
            Table::Anggaran => "realisasi",
        };
        let Some(range) = e.values.get(key) else {
            continue;
        };
        let Some(raw) = text.get(range.clone()) else {
            continue;
        };
        out.entry((e.table, e.item, e.quarter))
            .or_insert_with(|| normalise(raw));
    }
    out
}

/// A value as the table would write it: numbers without trailing zeros, words without quotes.
fn normalise(raw: &str) -> String {
    let raw = raw.trim();
    match raw.replace('_', "").parse::<f64>() {
        Ok(x) if x.is_finite() => format!("{x}"),
        _ => raw.trim_matches('"').to_string(),
    }
}

/// The text of `file` (relative to the content folder) at `commit`; `None` where it did not
/// exist.
fn git_show(content: &Path, commit: &str, file: &str) -> Option<String> {
    crate::git::output(
        content,
        &["--no-pager", "show", &format!("{commit}:./{file}")],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_compared_as_numbers_or_words() {
        assert_eq!(normalise("92.50"), normalise("92.5"));
        assert_eq!(normalise("1_250_000"), "1250000");
        assert_eq!(normalise("\"Madya\""), "Madya");
        let text = "[[realisasi]]\nindikator = \"IPG\"\ntriwulan = 4\nnilai = 91.80\n\n[[anggaran]]\nprogram = \"p1\"\ntriwulan = 2\nrealisasi = 1_000\n";
        let entries = entries_of(text);
        assert_eq!(
            entries.get(&(Table::Realisasi, "ipg".to_string(), 4)),
            Some(&"91.8".to_string())
        );
        assert_eq!(
            entries.get(&(Table::Anggaran, "p1".to_string(), 2)),
            Some(&"1000".to_string())
        );
    }
}
