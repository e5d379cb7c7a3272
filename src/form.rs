//! The realisation request form of SOP step 4 ("Format realisasi capaian kinerja") as a
//! ready-to-fill `realisasi/<pk>.toml`.
//!
//! The form is appended as commented-out entries, one per indicator and quarter that has no
//! realisation yet, with the indicator's name, unit and targets in comments. Commented out, so
//! that the report still builds while the form is being filled; appended as text, so that the
//! editor's own formatting and every value already written stay exactly as they are.

use std::fmt::Write as _;
use std::path::PathBuf;

use crate::finding::say;
use crate::model::{Accumulation, Indicator, Language, Pk, Quarter, Realisations, Target, Year};

/// The entries a form asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormQuarter {
    /// This quarter, for every indicator that has no entry for it.
    Quarter(Quarter),
    /// For each indicator, the earliest quarter without an entry (yearly statistics without
    /// quarterly targets: the fourth).
    NextMissing,
}

impl FormQuarter {
    /// The quarter a form asks `indicator` for, given which quarters it has (an entry, or
    /// a stub not filled in yet): none when it has that one already.
    pub fn wanted(self, indicator: &Indicator, has: impl Fn(Quarter) -> bool) -> Option<Quarter> {
        match self {
            FormQuarter::Quarter(q) => Some(q).filter(|q| !has(*q)),
            FormQuarter::NextMissing => indicator
                .expected_quarters()
                .iter()
                .copied()
                .find(|q| !has(*q)),
        }
    }
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
    language: Language,
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
        let Some(q) = quarter.wanted(indicator, |q| has(indicator, q)) else {
            continue;
        };
        entries += 1;
        entry(&mut text, &goal.name, indicator, q, language);
    }
    if entries > 0 {
        let header = say(
            language,
            format!(
                "\n# ---- Format realisasi capaian kinerja (SOP langkah 4): {}, tahun {} ----\n# Isi `nilai` (dan `sumber`, `analisis`), lalu hapus tanda # di depan setiap baris entri.\n",
                pk.id, year.year
            ),
            format!(
                "\n# ---- Realisation request form (SOP step 4): {}, year {} ----\n# Fill in `nilai` (and `sumber`, `analisis`), then remove the # in front of every line of the entry.\n",
                pk.id, year.year
            ),
        );
        text.insert_str(0, &header);
    }
    Form {
        path,
        text,
        entries,
    }
}

/// What a request form says about one indicator's `nilai` for one quarter: how to write it
/// and which target it answers to. The TOML stub, the XLSX form and the printable form page
/// all show this.
#[derive(Clone, Debug, PartialEq)]
pub struct QuarterRequest {
    /// How `nilai` is written, by the indicator's `akumulasi` (the model's words).
    pub value: &'static str,
    /// The target as of the end of the quarter: `target_triwulan`, or in the fourth quarter
    /// of an indicator without quarterly targets the year's target (a range for `stabil`).
    pub target_as_of: Option<Target>,
    /// The target the quarter's own `nilai` answers to: for `jumlah` the quarter's share of
    /// the cumulative targets (none without quarterly targets); otherwise `target_as_of`.
    pub target_own: Option<Target>,
    /// Set when `target_as_of` is compared not with `nilai` itself but with the sum or mean
    /// of the quarters so far: what it is compared with.
    pub compared_with: Option<String>,
}

impl QuarterRequest {
    pub fn new(indicator: &Indicator, q: Quarter, language: Language) -> QuarterRequest {
        let accumulation = *indicator.accumulation;
        let target_as_of = indicator.quarter_target(q).map(Target::Number).or_else(|| {
            (q == Quarter::ALL[3] && indicator.quarter_targets.is_none())
                .then(|| indicator.year_target())
                .flatten()
        });
        // From the second quarter on, `jumlah` and `rata_rata` compare the target as of the
        // quarter with the quarters so far, not with this quarter's value.
        let cumulative = accumulation != Accumulation::Last && q.number() > 1;
        let target_own = match &indicator.quarter_targets {
            Some(targets) if cumulative && accumulation == Accumulation::Sum => {
                let as_of: Vec<f64> = targets.iter().map(|t| t.value).collect();
                accumulation
                    .own_quarter_target(&as_of, q)
                    .map(Target::Number)
            }
            None if cumulative && accumulation == Accumulation::Sum => None,
            _ => target_as_of.clone(),
        };
        let compared_with =
            (cumulative && target_as_of.is_some()).then(|| accumulation.compared_with(language, q));
        QuarterRequest {
            value: accumulation.quarter_value(language),
            target_as_of,
            target_own,
            compared_with,
        }
    }

    /// The comment line of the TOML stub and the XLSX form: `nilai: …; target …`.
    pub fn line(&self, q: Quarter, language: Language) -> String {
        let mut line = format!("nilai: {}", self.value);
        if let Some(t) = &self.target_own {
            line.push_str(&say(
                language,
                format!("; target nilai ini {}", target_text(t, language)),
                format!("; the target of this value {}", target_text(t, language)),
            ));
        }
        if let (Some(t), Some(compared)) = (&self.target_as_of, &self.compared_with) {
            line.push_str(&say(
                language,
                format!(
                    " (target s.d. TW{} {} {compared})",
                    q.number(),
                    target_text(t, language)
                ),
                format!(
                    " (the target to Q{} {} is {compared})",
                    q.number(),
                    target_text(t, language)
                ),
            ));
        }
        line
    }
}

/// A target as the TOML stub writes it: `92.5`, `"Madya"`, `antara 8 dan 12`.
pub fn target_text(target: &Target, language: Language) -> String {
    match target {
        Target::Number(n) => format!("{n}"),
        Target::Word(w) => format!("\"{w}\""),
        Target::Range { min, max } => say(
            language,
            format!("antara {min} dan {max}"),
            format!("between {min} and {max}"),
        ),
    }
}

fn entry(text: &mut String, goal: &str, indicator: &Indicator, q: Quarter, language: Language) {
    let target = indicator
        .year_target()
        .map_or_else(|| "-".to_string(), |t| target_text(&t, language));
    let quarter_target = indicator
        .quarter_target(q)
        .map(|t| {
            let q = q.number();
            say(
                language,
                format!(", target TW{q} {t}"),
                format!(", target Q{q} {t}"),
            )
        })
        .unwrap_or_default();
    let scale = indicator
        .scale
        .as_ref()
        .map(|s| say(language, " — skala: ", " — scale: ") + &s.join(" < "))
        .unwrap_or_default();
    let polarity = indicator.polarity.key();
    let request = QuarterRequest::new(indicator, q, language);
    let example = if indicator.is_ordinal() { "\"\"" } else { "" };
    let _ = write!(
        text,
        "\n# {}: {goal}\n# {} ({}, {polarity}): target {target}{quarter_target}{scale}\n# {}\n# [[realisasi]]\n# indikator = \"{}\"\n# triwulan = {}\n# nilai = {example}\n# sumber = \"\"\n# analisis = \"\"\"\n# \"\"\"\n",
        say(language, "Sasaran", "Goal"),
        one_line(&indicator.name),
        one_line(&indicator.unit),
        request.line(q, language),
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
