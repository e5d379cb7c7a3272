//! "Cara menghitung": how an achievement was computed, written out with its values.
//!
//! The block reads the [`Working`] that compute produced together with the number, so the
//! explanation and the figure cannot disagree: the result it writes is `formula.value()`, the
//! same value every table and export shows.

use serde::Serialize;

use crate::compute::{Accumulated, Formula, PeriodBasis, Working};
use crate::format::Format;
use crate::model::{Accumulation, FileId, Indicator, Quarter, Realisation, Span, Target, Value};

use super::Views;

/// The explanation of one achievement, line by line, in the site's language.
#[derive(Clone, Debug, Serialize)]
pub struct WorkingView {
    /// In a year in progress: which period the achievement covers and why.
    pub periode: Option<String>,
    /// How `R` follows from the quarters: "R = 1.012 + 1.043 = 2.055".
    pub realisasi: String,
    /// The rule in words: "jumlah nilai triwulan".
    pub aturan: String,
    /// The target used: "T = target TW III = 75".
    pub target: String,
    /// The formula with the values and the result: "(2 × 2,16 − 2,08) / 2,16 × 100 = 103,70%".
    pub rumus: String,
    /// The result alone, as the tables show it.
    pub hasil: String,
    /// The category band it falls in: "103,70% ≥ 91 → Sangat Tinggi".
    pub kategori: Option<String>,
    /// Where each input value comes from.
    pub sumber: Vec<SourceView>,
}

/// The commit of a value, its author and date ([`Views::committed`]).
pub(crate) struct Committed {
    pub commit: Option<String>,
    pub penulis: Option<String>,
    pub tanggal: Option<String>,
}

/// One input value and its source: the file and line in the report repository and, in the
/// internal edition, the commit, its author and date, and the reporter.
#[derive(Clone, Debug, Serialize)]
pub struct SourceView {
    /// "TW III: 75", "target TW III: 75".
    pub nilai: String,
    /// "2026/realisasi/kepala.toml:31".
    pub lokasi: Option<String>,
    pub commit: Option<String>,
    pub penulis: Option<String>,
    pub tanggal: Option<String>,
    pub pelapor: Option<String>,
}

impl Views<'_> {
    /// The indicators of a year in progress whose projected year-end category is below the
    /// scale's second step ("Tinggi" on the default scale), worst first.
    pub(crate) fn at_risk(
        &self,
        data: &crate::render::lookup::YearData<'_>,
    ) -> Vec<super::RiskView> {
        let Some(result) = data.result else {
            return Vec::new();
        };
        // Below the second step: under its `min` (Tinggi ≥ 76 on the default scale).
        let Some(limit) = self.scale.get(1).map(|c| *c.min) else {
            return Vec::new();
        };
        let mut found: Vec<super::RiskView> = Vec::new();
        for (pk, pk_result) in data.model.pks.iter().zip(&result.pks) {
            let jabatan = self
                .report
                .official(&pk.official)
                .map_or_else(String::new, |o| o.position.clone());
            for ((_, indicator), r) in pk
                .indicators()
                .zip(pk_result.goals.iter().flat_map(|g| &g.indicators))
            {
                let Some(p) = &r.projection else { continue };
                if p.achievement.is_none_or(|a| a >= limit) {
                    continue;
                }
                found.push(super::RiskView {
                    nama: indicator.name.clone(),
                    url: self.indicator_url(data.year, &indicator.id),
                    jabatan: jabatan.clone(),
                    capaian: r.achievement,
                    proyeksi_realisasi: p.realisation,
                    proyeksi_capaian: p.achievement,
                    kategori: self.category(p.category.as_deref()),
                    metode: match p.method {
                        crate::compute::Method::ProfilTahunLalu => "profil_tahun_lalu",
                        crate::compute::Method::TrenLinear => "tren_linear",
                    },
                    kebutuhan: p.needed,
                    kebutuhan_per_triwulan: *indicator.accumulation != Accumulation::Last,
                    satuan: indicator.unit.clone(),
                });
            }
        }
        found.sort_by(|a, b| {
            a.proyeksi_capaian
                .partial_cmp(&b.proyeksi_capaian)
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        found
    }

    /// The "Cara menghitung" block of an indicator's shown achievement; `None` when it has
    /// none to explain.
    pub(crate) fn working(
        &self,
        year: i32,
        pk: &str,
        indicator: &Indicator,
        working: &Working,
        entries: &[&Realisation],
        pk_file: FileId,
    ) -> WorkingView {
        let f = Format::new(self.report.site.language);
        let l = self.labels;
        let result = working.achievement();
        let hasil = result.map_or_else(|| l.get("tidak_dihitung").to_string(), |v| f.percent(v));
        let mut sumber: Vec<SourceView> = working
            .realisation
            .quarters
            .iter()
            .map(|(q, value)| {
                let entry = entries.iter().find(|e| *e.quarter == *q);
                self.source(
                    year,
                    pk,
                    indicator,
                    *q,
                    format!("{}: {}", self.quarter_short(*q), value_text(f, value, 4)),
                    entry,
                )
            })
            .collect();
        let (target_name, target_span) = match working.basis {
            PeriodBasis::Quarter(q) if indicator.quarter_targets.is_some() => (
                format!(
                    "{} {}",
                    l.get("target").to_lowercase(),
                    self.quarter_short(q)
                ),
                indicator.quarter_targets.as_ref().map(|t| {
                    t.get(q.index())
                        .map_or_else(|| t.span.clone(), |v| v.span.clone())
                }),
            ),
            _ => (
                l.get("target_tahunan").to_lowercase(),
                Some(indicator.target_span()),
            ),
        };
        let target_text = target_text(f, &working.target);
        sumber.push(SourceView {
            nilai: format!("{target_name}: {target_text}"),
            lokasi: target_span.and_then(|span| self.place(pk_file, &span)),
            commit: None,
            penulis: None,
            tanggal: None,
            pelapor: None,
        });
        WorkingView {
            periode: self.period_sentence(working.basis),
            realisasi: accumulation_text(f, &working.realisation),
            aturan: l.get(rule_label(working.realisation.rule)).to_string(),
            target: format!("T = {target_name} = {target_text}"),
            rumus: format!("{} = {hasil}", formula_text(f, l, &working.formula)),
            hasil,
            kategori: result.and_then(|v| self.band(f, v)),
            sumber,
        }
    }

    fn quarter_short(&self, q: Quarter) -> &'static str {
        self.labels.get(["tw_1", "tw_2", "tw_3", "tw_4"][q.index()])
    }

    /// Why a year in progress is measured as it is; `None` in a complete year.
    fn period_sentence(&self, basis: PeriodBasis) -> Option<String> {
        let l = self.labels;
        let date = self
            .report
            .site
            .report_date
            .as_ref()
            .map(|d| Format::new(self.report.site.language).date(d.0));
        let as_of = date.map_or_else(String::new, |d| format!(" ({} {d})", l.get("per_tanggal")));
        match basis {
            PeriodBasis::Year | PeriodBasis::Nothing => None,
            PeriodBasis::Quarter(q) => Some(format!(
                "{}{as_of}: {} {}; {}",
                l.get("tahun_berjalan"),
                l.get("diukur"),
                self.up_to_quarter(q),
                l.get("periode_target_triwulan")
            )),
            PeriodBasis::YearTarget(q) => Some(format!(
                "{}{as_of}: {} {}; {}",
                l.get("tahun_berjalan"),
                l.get("diukur"),
                self.up_to_quarter(q),
                l.get("periode_target_tahunan")
            )),
        }
    }

    /// "103,70% ≥ 91 → Sangat Tinggi".
    fn band(&self, f: Format, value: f64) -> Option<String> {
        let position = self.scale.iter().position(|c| *c.min <= value);
        let name = |i: usize| self.scale[i].name.as_str();
        Some(match position {
            Some(i) if self.scale[i].min.is_finite() => format!(
                "{} ≥ {} → {}",
                f.percent(value),
                f.number(*self.scale[i].min, 2),
                name(i)
            ),
            Some(i) if i > 0 => format!(
                "{} < {} → {}",
                f.percent(value),
                f.number(*self.scale[i - 1].min, 2),
                name(i)
            ),
            Some(i) => format!("{} → {}", f.percent(value), name(i)),
            None => {
                let last = self.scale.len().checked_sub(1)?;
                format!(
                    "{} < {} → {}",
                    f.percent(value),
                    f.number(*self.scale[last].min, 2),
                    name(last)
                )
            }
        })
    }

    fn source(
        &self,
        year: i32,
        pk: &str,
        indicator: &Indicator,
        q: Quarter,
        nilai: String,
        entry: Option<&&Realisation>,
    ) -> SourceView {
        let file = self
            .report
            .years
            .get(&year)
            .and_then(|y| y.realisations.get(pk))
            .map(|r| r.file);
        let lokasi = entry
            .zip(file)
            .and_then(|(e, file)| self.place(file, &e.value.span));
        let origin = self.origin(year, pk, &indicator.id, q);
        let pelapor = entry
            .and_then(|e| e.reporter.as_ref())
            .filter(|_| self.internal())
            .map(|r| self.reporter(r).nama);
        let Committed {
            commit,
            penulis,
            tanggal,
        } = self.committed(origin.as_ref());
        SourceView {
            nilai,
            lokasi,
            commit,
            penulis,
            tanggal,
            pelapor,
        }
    }

    /// Who committed a value and when, for the explanation and the change page: the short
    /// commit (or "belum di-commit"), its author and date.
    pub(crate) fn committed(&self, origin: Option<&super::OriginView>) -> Committed {
        let committed = origin.filter(|o| !o.belum_commit);
        Committed {
            commit: origin.map(|o| {
                if o.belum_commit {
                    self.labels.get("belum_commit").to_string()
                } else {
                    o.commit.clone()
                }
            }),
            penulis: committed.map(|o| o.penulis.clone()),
            tanggal: committed.map(|o| o.tanggal.clone()),
        }
    }

    /// `path:line` of a span in a PK or realisation file (`<year>/pk/<id>.toml`), relative to
    /// the content folder, when the sources are known.
    fn place(&self, file: FileId, span: &Span) -> Option<String> {
        let sources = self.sources?;
        let (line, _) = sources.line_col(file, span.start);
        let parts: Vec<String> = sources
            .get(file)
            .path
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let relative = parts[parts.len().saturating_sub(3)..].join("/");
        Some(format!("{relative}:{line}"))
    }
}

fn rule_label(rule: Accumulation) -> &'static str {
    match rule {
        Accumulation::Last => "akumulasi_akhir",
        Accumulation::Sum => "akumulasi_jumlah",
        Accumulation::Mean => "akumulasi_rata_rata",
    }
}

/// An input value as written: up to `decimals` decimals, a word as it is; a negative number in
/// parentheses so that a formula reads unambiguously.
fn value_text(f: Format, value: &Value, decimals: usize) -> String {
    match value {
        Value::Number(x) => term(f, *x, decimals),
        Value::Word(w) => w.clone(),
    }
}

fn term(f: Format, x: f64, decimals: usize) -> String {
    let text = f.number(x, decimals);
    if x < 0.0 { format!("({text})") } else { text }
}

fn target_text(f: Format, target: &Target) -> String {
    match target {
        Target::Number(x) => term(f, *x, 4),
        Target::Word(w) => w.clone(),
        Target::Range { min, max } => format!("{}–{}", term(f, *min, 4), term(f, *max, 4)),
    }
}

/// "R = 1.012 + 1.043 = 2.055", "R = (82,3 + 84 + 84) / 3 = 83,43", "R = nilai TW III = 75".
fn accumulation_text(f: Format, a: &Accumulated) -> String {
    let result = value_text(f, &a.result, 4);
    let values: Vec<String> = a
        .quarters
        .iter()
        .map(|(_, v)| value_text(f, v, 4))
        .collect();
    match a.rule {
        Accumulation::Sum if values.len() > 1 => format!("R = {} = {result}", values.join(" + ")),
        Accumulation::Mean if values.len() > 1 => {
            format!("R = ({}) / {} = {result}", values.join(" + "), values.len())
        }
        _ => format!("R = {result}"),
    }
}

/// The formula with its values, without the result.
fn formula_text(f: Format, l: &crate::render::labels::Labels, formula: &Formula) -> String {
    let n = |x: f64| term(f, x, 4);
    match formula {
        Formula::Ratio { r, t } => format!("{} / {} × 100", n(*r), n(*t)),
        Formula::TwiceTargetMinus { t, r } => {
            let text = format!("(2 × {} − {}) / {} × 100", n(*t), n(*r), n(*t));
            if formula.floored() {
                format!("{text} < 0, {}", l.get("ditulis_nol"))
            } else {
                text
            }
        }
        Formula::TargetOverRealisation { t, r } => format!("{} / {} × 100", n(*t), n(*r)),
        Formula::ZeroTarget { r, met } => format!(
            "T = 0, R = {}: {}",
            n(*r),
            l.get(if *met {
                "target_tercapai"
            } else {
                "target_tidak_tercapai"
            })
        ),
        Formula::WithinRange { min, max, r } => format!(
            "{} ≤ {} ≤ {}: {}",
            n(*min),
            n(*r),
            n(*max),
            l.get("dalam_rentang")
        ),
        Formula::BelowRange { min, r } => {
            format!(
                "{}: {} / {} × 100",
                l.get("di_bawah_rentang"),
                n(*r),
                n(*min)
            )
        }
        Formula::AboveRange { max, r } => {
            let text = format!(
                "{}: (2 × {} − {}) / {} × 100",
                l.get("di_atas_rentang"),
                n(*max),
                n(*r),
                n(*max)
            );
            if formula.floored() {
                format!("{text} < 0, {}", l.get("ditulis_nol"))
            } else {
                text
            }
        }
        Formula::Ordinal {
            r,
            r_rank,
            t,
            t_rank,
        } => format!(
            "{} {r} ({r_rank}) / {} {t} ({t_rank}) × 100",
            l.get("peringkat"),
            l.get("peringkat")
        ),
        Formula::NegativeTarget { t } => format!("T = {}: {}", n(*t), l.get("target_negatif")),
        Formula::OrdinalScore {
            r,
            r_score,
            t,
            t_score,
        } => format!(
            "{} {r} ({}) / {} {t} ({}) × 100",
            l.get("skor"),
            n(*r_score),
            l.get("skor"),
            n(*t_score)
        ),
    }
}
