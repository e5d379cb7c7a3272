//! What the indicator page shows of the LKjIP format's additions: comparison 4 against every
//! benchmark (`standar_nasional` and `[[pembanding]]`), comparison 5's factors (`pendorong`,
//! `penghambat`, `solusi`) and the APIP's review of the year (`[reviu]`).

use serde::Serialize;

use crate::compute::achievement;
use crate::model::{
    Indicator, Polarity, Process, Realisation, Renstra, RenstraIndicator, Target, Value,
};
use crate::render::markdown::Markdown;

/// One value the realisation is compared with (comparison 4).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BenchmarkView {
    /// "Nasional" for `standar_nasional`, else the `nama` as written.
    pub nama: String,
    /// A number, or a word of the indicator's scale.
    pub nilai: Value,
    pub tahun: Option<i32>,
    /// `None` for `standar_nasional`, which has no source.
    pub sumber: Option<String>,
    /// The realisation minus the value (in the indicator's unit; for an ordinal indicator in
    /// steps of the scale); `None` without a realisation.
    pub selisih: Option<f64>,
    /// Whether `selisih` counts steps of the scale rather than the unit.
    pub selisih_tingkat: bool,
    /// The realisation against the value as target, by the indicator's formula.
    pub capaian: Option<f64>,
    /// Whether the realisation is at least as good as the value (by polarity); `None` for
    /// none, or for a `stabil` indicator.
    pub memenuhi: Option<bool>,
}

/// Comparison 4: `standar_nasional` first (as "Nasional"), then each `[[pembanding]]` in the
/// order written. A `[[pembanding]]` named "Nasional" stands for the standard (with its year
/// and source): the bare standard is then not listed twice. `realisation` is the realisation
/// the page compares (the year's `R`).
pub fn benchmarks(
    indicator: &Indicator,
    realisation: Option<&Value>,
    national: &str,
) -> Vec<BenchmarkView> {
    let national_written = indicator.benchmarks.iter().any(|b| {
        b.name.trim().eq_ignore_ascii_case(national)
            || b.name.trim().eq_ignore_ascii_case("nasional")
    });
    let standard = indicator
        .national_standard
        .as_ref()
        .filter(|_| !national_written)
        .map(|s| (national.to_string(), Value::Number(s.value), None, None));
    let written = indicator.benchmarks.iter().map(|b| {
        let source = Some(b.source.trim().to_string()).filter(|s| !s.is_empty());
        (
            b.name.trim().to_string(),
            b.value.value.clone(),
            b.year.as_ref().map(|y| y.value),
            source,
        )
    });
    standard
        .into_iter()
        .chain(written)
        .map(|(nama, nilai, tahun, sumber)| {
            let (selisih, selisih_tingkat) = gap(indicator, realisation, &nilai);
            BenchmarkView {
                capaian: realisation
                    .and_then(|r| achievement(indicator, &Target::from(nilai.clone()), r)),
                memenuhi: selisih.and_then(|d| match *indicator.polarity {
                    Polarity::Positive => Some(d >= 0.0),
                    Polarity::Negative => Some(d <= 0.0),
                    Polarity::Stable => None,
                }),
                nama,
                nilai,
                tahun,
                sumber,
                selisih,
                selisih_tingkat,
            }
        })
        .collect()
}

/// R − value: in the unit, or in steps of the scale for words.
fn gap(indicator: &Indicator, realisation: Option<&Value>, value: &Value) -> (Option<f64>, bool) {
    match (realisation, value) {
        (Some(Value::Number(r)), Value::Number(v)) => Some(r - v).filter(|d| d.is_finite()),
        (Some(Value::Word(r)), Value::Word(v)) => indicator
            .rank(r)
            .zip(indicator.rank(v))
            .map(|(r, v)| r as f64 - v as f64),
        _ => None,
    }
    .map_or((None, indicator.is_ordinal()), |d| {
        (Some(d), indicator.is_ordinal())
    })
}

/// Comparison 5 of one quarter: the `analisis` and the factors, each rendered Markdown (raw
/// HTML escaped); `None` where not written.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct FactorsView {
    pub pendorong: Option<String>,
    pub penghambat: Option<String>,
    pub solusi: Option<String>,
}

impl FactorsView {
    pub fn of(entry: &Realisation, markdown: &Markdown<'_>) -> FactorsView {
        let html = |text: &Option<String>| {
            text.as_deref()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(|t| markdown.to_html(t))
        };
        FactorsView {
            pendorong: html(&entry.drivers),
            penghambat: html(&entry.obstacles),
            solusi: html(&entry.solutions),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.pendorong.is_none() && self.penghambat.is_none() && self.solusi.is_none()
    }
}

/// `[reviu]` of a year's proses.toml, as the year's page shows it ("Pernyataan Telah
/// Direviu"). The NIP is left out by the public edition unless `publik_nip`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReviewView {
    pub instansi: String,
    pub nama: String,
    pub jabatan: String,
    pub nip: Option<String>,
    /// `YYYY-MM-DD`.
    pub tanggal: String,
    /// `None` when not written.
    pub nomor: Option<String>,
}

impl ReviewView {
    pub fn of(process: Option<&Process>, show_nip: bool) -> Option<ReviewView> {
        let review = &process?.review.as_ref()?.value;
        let text = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        Some(ReviewView {
            instansi: review.instansi.trim().to_string(),
            nama: review.nama.trim().to_string(),
            jabatan: review.jabatan.trim().to_string(),
            nip: review.nip.as_deref().filter(|_| show_nip).and_then(text),
            tanggal: review.tanggal.value.date().to_string(),
            nomor: text(&review.nomor),
        })
    }
}

/// One indicator of the Renstra with its targets in the given years, for a table of the plan
/// grouped by `[[tujuan]]`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RenstraIndicatorRow {
    pub id: String,
    pub nama: String,
    pub satuan: String,
    /// A number, or a word of an ordinal indicator.
    pub kondisi_awal: Option<Value>,
    /// One per year asked for; numbers or words.
    pub target: Vec<Option<Value>>,
    /// The objective's name on the first row of its group; `None` on the others and on the
    /// indicators of no objective.
    pub tujuan_baru: Option<String>,
}

/// The plan's indicators grouped by objective: each `[[tujuan]]`'s own indicators, then those
/// of `[[indikator]]` naming it; then the indicators of no (known) objective.
pub fn renstra_rows(plan: &Renstra, years: &[i32]) -> Vec<RenstraIndicatorRow> {
    let row = |i: &RenstraIndicator, first: Option<&str>| RenstraIndicatorRow {
        id: i.id.value.clone(),
        nama: i.name.clone(),
        satuan: i.unit.clone(),
        kondisi_awal: i.baseline.as_ref().map(|b| b.value.clone()),
        target: years.iter().map(|y| i.goal(*y)).collect(),
        tujuan_baru: first.map(str::to_string),
    };
    let mut rows = Vec::new();
    for objective in &plan.objectives {
        let members = objective.indicators.iter().chain(
            plan.indicators
                .iter()
                .filter(|i| *i.objective == *objective.id),
        );
        for (n, i) in members.enumerate() {
            rows.push(row(i, (n == 0).then_some(objective.name.as_str())));
        }
    }
    let known = |i: &RenstraIndicator| plan.objective(&i.objective).is_some();
    rows.extend(
        plan.indicators
            .iter()
            .filter(|i| !known(i))
            .map(|i| row(i, None)),
    );
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn indicator(toml: &str) -> Indicator {
        toml::from_str(toml).unwrap()
    }

    #[test]
    fn the_gap_is_the_realisation_minus_the_benchmark() {
        let ipg = indicator(
            "id = \"ipg\"\nnama = \"IPG\"\nsatuan = \"indeks\"\npolaritas = \"positif\"\ntarget = 92.5\nstandar_nasional = 91.6\n\
             [[pembanding]]\nnama = \"Kota Balikpapan\"\nnilai = 93.0\ntahun = 2024\nsumber = \"BPS\"\n",
        );
        let rows = benchmarks(&ipg, Some(&Value::Number(92.0)), "Nasional");
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].nama, "Nasional");
        assert_eq!(rows[0].sumber, None);
        assert!((rows[0].selisih.unwrap() - 0.4).abs() < 1e-9);
        assert_eq!(rows[0].memenuhi, Some(true));
        assert_eq!(rows[1].sumber.as_deref(), Some("BPS"));
        assert_eq!(rows[1].tahun, Some(2024));
        assert!((rows[1].selisih.unwrap() + 1.0).abs() < 1e-9);
        assert_eq!(rows[1].memenuhi, Some(false));
        // 92 / 93 × 100
        assert!((rows[1].capaian.unwrap() - 98.924_731_182_795_7).abs() < 1e-9);
    }

    #[test]
    fn a_benchmark_named_nasional_replaces_the_bare_standard() {
        let ipg = indicator(
            "id = \"ipg\"\nnama = \"IPG\"\nsatuan = \"indeks\"\npolaritas = \"positif\"\ntarget = 92.5\nstandar_nasional = 91.6\n\
             [[pembanding]]\nnama = \"Nasional\"\nnilai = 91.85\ntahun = 2024\nsumber = \"BPS\"\n",
        );
        let rows = benchmarks(&ipg, None, "Nasional");
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].nilai, Value::Number(91.85));
        assert_eq!(rows[0].selisih, None);
    }

    #[test]
    fn the_renstra_rows_are_grouped_by_objective() {
        let plan: Renstra = toml::from_str(
            "periode = [2021, 2026]\n\
             [[indikator]]\nid = \"a\"\nnama = \"A\"\nsatuan = \"%\"\ntarget = { 2025 = 1.0 }\n\
             [[indikator]]\nid = \"b\"\nnama = \"B\"\nsatuan = \"%\"\ntujuan = \"t1\"\ntarget = { 2026 = 2.0 }\n\
             [[tujuan]]\nid = \"t1\"\nnama = \"Tujuan satu\"\n\
             [[tujuan.indikator]]\nid = \"kla\"\nnama = \"KLA\"\nsatuan = \"predikat\"\ntarget = { 2025 = \"Utama\" }\n",
        )
        .unwrap();
        let rows = renstra_rows(&plan, &[2025, 2026]);
        let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["kla", "b", "a"]);
        assert_eq!(rows[0].tujuan_baru.as_deref(), Some("Tujuan satu"));
        assert_eq!(rows[1].tujuan_baru, None);
        assert_eq!(rows[0].target, [Some(Value::Word("Utama".into())), None]);
        assert_eq!(rows[1].target, [None, Some(Value::Number(2.0))]);
    }

    #[test]
    fn an_ordinal_gap_counts_steps_of_the_scale() {
        let kla = indicator(
            "id = \"kla\"\nnama = \"KLA\"\nsatuan = \"predikat\"\npolaritas = \"positif\"\n\
             skala = [\"Pratama\", \"Madya\", \"Nindya\"]\ntarget = \"Madya\"\n\
             [[pembanding]]\nnama = \"Kota Balikpapan\"\nnilai = \"Nindya\"\n",
        );
        let rows = benchmarks(&kla, Some(&Value::Word("Madya".into())), "Nasional");
        assert_eq!(
            (rows[0].selisih, rows[0].selisih_tingkat),
            (Some(-1.0), true)
        );
        assert_eq!(rows[0].memenuhi, Some(false));
    }
}
