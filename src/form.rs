//! The realisation request form of SOP step 4 ("Format realisasi capaian kinerja") as a
//! ready-to-fill `realisasi/<pk>.toml`.
//!
//! The form is appended as commented-out entries, one per indicator and quarter that has no
//! realisation yet, with the indicator's name, unit and targets in comments. Commented out, so
//! that the report still builds while the form is being filled; appended as text, so that the
//! editor's own formatting and every value already written stay exactly as they are.

use std::fmt::Write as _;
use std::path::PathBuf;

use crate::model::{Indicator, Pk, Quarter, Realisations, Value, Year};

/// The entries a form asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormQuarter {
    /// This quarter, for every indicator that has no entry for it.
    Quarter(Quarter),
    /// For each indicator, the earliest quarter without an entry (yearly statistics without
    /// quarterly targets: the fourth).
    NextMissing,
}

/// What `capaian form` writes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Form {
    /// `<content>/<year>/realisasi/<pk>.toml`.
    pub path: PathBuf,
    /// The text to append (empty when every asked entry exists).
    pub text: String,
    /// How many entries the form asks for.
    pub entries: usize,
}

/// The form for one PK. `existing` is the PK's realisation file, when there is one.
pub fn form(
    year: &Year,
    pk: &Pk,
    existing: Option<&Realisations>,
    quarter: FormQuarter,
    content: &std::path::Path,
) -> Form {
    let path = content
        .join(year.year.to_string())
        .join("realisasi")
        .join(format!("{}.toml", pk.id));
    // A stub written by an earlier run and not filled in yet counts as asked for already.
    let text_so_far = std::fs::read_to_string(&path).unwrap_or_default();
    let has = |indicator: &Indicator, q: Quarter| {
        let stub = format!(
            "# indikator = \"{}\"\n# triwulan = {}\n",
            indicator.id.value,
            q.number()
        );
        text_so_far.contains(&stub)
            || existing.is_some_and(|r| {
                r.entries
                    .iter()
                    .any(|e| *e.indicator == *indicator.id && *e.quarter == q)
            })
    };
    let mut text = String::new();
    let mut entries = 0;
    for (goal, indicator) in pk.indicators() {
        let wanted = match quarter {
            FormQuarter::Quarter(q) => Some(q).filter(|q| !has(indicator, *q)),
            FormQuarter::NextMissing => {
                let candidates: &[Quarter] = if indicator.quarter_targets.is_some() {
                    &Quarter::ALL
                } else {
                    &Quarter::ALL[3..]
                };
                candidates.iter().copied().find(|q| !has(indicator, *q))
            }
        };
        let Some(q) = wanted else { continue };
        entries += 1;
        entry(&mut text, &goal.name, indicator, q);
    }
    if entries > 0 {
        let header = format!(
            "\n# ---- Format realisasi capaian kinerja (SOP langkah 4): {}, tahun {} ----\n# Isi `nilai` (dan `sumber`, `analisis`), lalu hapus tanda # di depan setiap baris entri.\n",
            pk.id, year.year
        );
        text.insert_str(0, &header);
    }
    Form {
        path,
        text,
        entries,
    }
}

fn entry(text: &mut String, goal: &str, indicator: &Indicator, q: Quarter) {
    let target = match &indicator.target.value {
        Value::Number(n) => format!("{n}"),
        Value::Word(w) => format!("\"{w}\""),
    };
    let quarter_target = indicator
        .quarter_target(q)
        .map(|t| format!(", target TW{} {t}", q.number()))
        .unwrap_or_default();
    let scale = indicator
        .scale
        .as_ref()
        .map(|s| format!(" — skala: {}", s.join(" < ")))
        .unwrap_or_default();
    let polarity = match *indicator.polarity {
        crate::model::Polarity::Positive => "positif",
        crate::model::Polarity::Negative => "negatif",
    };
    let example = if indicator.is_ordinal() { "\"\"" } else { "" };
    let _ = write!(
        text,
        "\n# Sasaran: {goal}\n# {} ({}, {polarity}): target {target}{quarter_target}{scale}\n# [[realisasi]]\n# indikator = \"{}\"\n# triwulan = {}\n# nilai = {example}\n# sumber = \"\"\n# analisis = \"\"\"\n# \"\"\"\n",
        one_line(&indicator.name),
        one_line(&indicator.unit),
        indicator.id.value,
        q.number()
    );
}

/// Editor text kept on one comment line.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Appends the form to its file (creating it), never touching what is already there.
pub fn append(form: &Form) -> std::io::Result<()> {
    use std::io::Write;
    if form.text.is_empty() {
        return Ok(());
    }
    if let Some(dir) = form.path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let existing = std::fs::read(&form.path).unwrap_or_default();
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&form.path)?;
    if !existing.is_empty() && !existing.ends_with(b"\n") {
        file.write_all(b"\n")?;
    }
    file.write_all(form.text.as_bytes())
}
