//! The detail of one indicator (its quarters, analyses, history, Renstra and national
//! targets, programmes and working), shown by the indicator page and the printed report.

use serde::Serialize;

use crate::model::{Goal, Indicator, NegativeFormula, Pk, Polarity, Programme, Value};
use crate::render::lookup::YearData;

use super::*;

#[derive(Clone, Debug, Serialize)]
pub struct IndicatorPageView {
    pub indikator: IndicatorView,
    pub definisi: DefinitionView,
    pub sasaran: Link,
    pub pk: PkRef,
    /// Quarters 1–4, reported or not.
    pub triwulan: Vec<QuarterView>,
    /// Comparison 2: this indicator in every year, oldest first.
    pub riwayat: Vec<HistoryView>,
    /// Comparison 3.
    pub renstra: Option<RenstraView>,
    /// Comparison 4.
    pub nasional: Option<NationalView>,
    /// Comparison 4: `standar_nasional` (as "Nasional") and every `[[pembanding]]`.
    pub pembanding: Vec<lkjip::BenchmarkView>,
    /// Comparison 5: the quarters that have an `analisis`.
    pub analisis: Vec<AnalysisView>,
    /// Comparisons 6 and 7: the programmes of its goal, then those of the goals below that
    /// cascade from it.
    pub program: Vec<ProgrammeView>,
    /// Whether `program` holds programmes of goals below.
    pub program_bawahan: bool,
    /// Whether a quarter shows who committed it.
    pub ada_asal: bool,
    /// How the shown achievement was computed; `None` when there is none.
    pub cara_menghitung: Option<WorkingView>,
}

#[derive(Clone, Debug, Serialize)]
pub struct PkRef {
    pub id: String,
    pub url: String,
    pub pejabat: OfficialView,
}

#[derive(Clone, Debug, Serialize)]
pub struct DefinitionView {
    pub rumus: String,
    pub sumber_data: String,
    /// `akhir`, `jumlah` or `rata_rata`.
    pub akumulasi: &'static str,
    /// The capaian formula in use, e.g. `(2T − R) / T × 100`.
    pub rumus_capaian: String,
    pub skala: Option<Vec<String>>,
    /// `skor` of each word of `skala`, when given.
    pub skor: Option<Vec<f64>>,
    /// Definisi operasional (`definisi`).
    pub definisi: String,
    pub penanggung_jawab: String,
    /// An Indikator Kinerja Utama (`iku = true`).
    pub iku: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct QuarterView {
    pub triwulan: u8,
    /// `T_q` (a range for a `stabil` indicator).
    pub target: Option<Target>,
    /// `R_q`, accumulated over quarters 1..q.
    pub realisasi: Option<Value>,
    /// The value reported for this quarter alone.
    pub nilai: Option<Value>,
    pub capaian: Option<f64>,
    pub kategori: Option<CategoryView>,
    pub pelapor: Option<ReporterView>,
    pub sumber: Option<String>,
    /// The evidence files the entry cites (`bukti`).
    pub bukti: Vec<EvidenceView>,
    /// Who committed the value and when (internal edition, content in git).
    pub asal: Option<OriginView>,
    /// The quarter's data is approved: by its quarterly run of the SOP, or with the year.
    pub disetujui: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct AnalysisView {
    pub triwulan: u8,
    /// Rendered Markdown, raw HTML escaped; empty when only the factors are written.
    pub html: String,
    pub pelapor: Option<ReporterView>,
    /// `pendorong`, `penghambat` and `solusi`.
    pub faktor: lkjip::FactorsView,
}

#[derive(Clone, Debug, Serialize)]
pub struct HistoryView {
    pub tahun: i32,
    pub target: Target,
    pub realisasi: Option<Value>,
    pub capaian: Option<f64>,
    pub kategori: Option<CategoryView>,
    pub url: String,
    /// The year of this page.
    pub ini: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct RenstraView {
    pub awal: i32,
    pub akhir: i32,
    /// A number, or a word of an ordinal indicator.
    pub kondisi_awal: Option<Value>,
    pub target_tahun_ini: Option<Value>,
    pub target_akhir: Option<Value>,
    pub capaian: Option<f64>,
}

#[derive(Clone, Debug, Serialize)]
pub struct NationalView {
    pub standar: f64,
    pub capaian: Option<f64>,
    pub memenuhi: Option<bool>,
}

impl Views<'_> {
    pub fn indicator_page(
        &self,
        data: &YearData<'_>,
        pk: &Pk,
        goal: &Goal,
        indicator: &Indicator,
        pk_view: &PkView,
    ) -> IndicatorPageView {
        let result = data.indicator_result_of(pk, goal, indicator);
        let view = self.indicator(data.year, pk, goal, indicator, result);
        let entries = data.entries(&pk.id, &indicator.id);
        let analysis_md = self.markdown(ANALYSIS_HEADING_OFFSET);
        let triwulan: Vec<QuarterView> = crate::model::Quarter::ALL
            .iter()
            .map(|&q| {
                let computed = result.and_then(|r| r.quarters.iter().find(|x| x.quarter == q));
                let entry = entries.iter().find(|e| *e.quarter == q);
                // TW IV without a quarterly target: its R_4 is the year's realisation, measured
                // against the annual target (the headline's capaian), not left as "–".
                let year_end = q.number() == 4
                    && computed.is_some_and(|c| c.achievement.is_none() && c.target.is_none())
                    && indicator.quarter_goal(q).is_none();
                let achievement = computed.and_then(|c| c.achievement).or_else(|| {
                    year_end
                        .then(|| result.and_then(|r| r.year_achievement))
                        .flatten()
                });
                QuarterView {
                    triwulan: q.number(),
                    target: computed
                        .and_then(|c| c.target.clone())
                        .or_else(|| indicator.quarter_goal(q))
                        .or_else(|| year_end.then(|| result.map(|r| r.target.clone())).flatten()),
                    realisasi: computed.map(|c| c.realisation.clone()),
                    nilai: entry.map(|e| e.value.value.clone()),
                    capaian: achievement,
                    kategori: self.category_of(achievement),
                    pelapor: entry
                        .and_then(|e| e.reporter.as_ref())
                        .filter(|_| self.internal())
                        .map(|r| self.reporter(r)),
                    sumber: entry
                        .and_then(|e| e.source.clone())
                        .filter(|s| !s.trim().is_empty()),
                    bukti: entry.map(|e| self.evidence_of(e)).unwrap_or_default(),
                    asal: entry.and_then(|_| self.origin(data.year, &pk.id, &indicator.id, q)),
                    disetujui: data.approval().is_some_and(|a| a.quarter_approved(q)),
                }
            })
            .collect();
        let ada_asal = triwulan.iter().any(|q| q.asal.is_some());
        let analisis = entries
            .iter()
            .filter_map(|e| {
                let text = e.analysis.as_deref().unwrap_or("").trim();
                let faktor = lkjip::FactorsView::of(e, &analysis_md);
                (!text.is_empty() || !faktor.is_empty()).then(|| AnalysisView {
                    triwulan: e.quarter.number(),
                    html: if text.is_empty() {
                        String::new()
                    } else {
                        analysis_md.to_html(text)
                    },
                    faktor,
                    pelapor: e
                        .reporter
                        .as_ref()
                        .filter(|_| self.internal())
                        .map(|r| self.reporter(r)),
                })
            })
            .collect();
        let riwayat = result
            .map(|r| {
                r.history
                    .iter()
                    .map(|h| HistoryView {
                        tahun: h.year,
                        target: h.target.clone(),
                        realisasi: h.realisation.clone(),
                        capaian: h.achievement,
                        kategori: self.category_of(h.achievement),
                        url: self.indicator_url(h.year, &indicator.id),
                        ini: h.year == data.year,
                    })
                    .collect()
            })
            .unwrap_or_default();
        let renstra_indicator = self
            .report
            .renstra
            .as_ref()
            .and_then(|r| r.indicator(&indicator.id).map(|i| (r, i)));
        let renstra = match (result.and_then(|r| r.renstra.as_ref()), renstra_indicator) {
            // The plan's own targets, numbers or words of an ordinal indicator.
            (c, Some((plan, ri))) => Some(RenstraView {
                awal: plan.period[0],
                akhir: plan.final_year(),
                kondisi_awal: ri.baseline.as_ref().map(|b| b.value.clone()),
                target_tahun_ini: ri.goal(data.year),
                target_akhir: ri.goal(plan.final_year()),
                capaian: c.and_then(|c| c.achievement),
            }),
            (Some(c), None) => Some(RenstraView {
                awal: c.final_year,
                akhir: c.final_year,
                kondisi_awal: None,
                target_tahun_ini: c.year_target.map(Value::Number),
                target_akhir: c.final_target.map(Value::Number),
                capaian: c.achievement,
            }),
            (None, None) => None,
        };
        let nasional = match result.and_then(|r| r.national.as_ref()) {
            Some(n) => Some(NationalView {
                standar: n.standard,
                capaian: n.achievement,
                memenuhi: n.meets,
            }),
            None => indicator.national_standard.as_ref().map(|s| NationalView {
                standar: s.value,
                capaian: None,
                memenuhi: None,
            }),
        };
        let goal_view = pk_view.sasaran.iter().find(|g| g.id == *goal.id);
        let mut program: Vec<ProgrammeView> = match goal_view {
            Some(g) => pk_view
                .program
                .iter()
                .filter(|p| g.program.iter().any(|l| l.url == p.url))
                .cloned()
                .collect(),
            None => Vec::new(),
        };
        let cascaded = self.cascaded_programmes(data, &goal.id);
        let program_bawahan = !cascaded.is_empty();
        program.extend(cascaded);
        let pembanding = lkjip::benchmarks(
            indicator,
            result.and_then(|r| r.realisation.as_ref()),
            self.labels.get("nasional"),
        );
        IndicatorPageView {
            pembanding,
            definisi: DefinitionView {
                rumus: indicator.method.clone(),
                sumber_data: indicator.data_source.clone(),
                akumulasi: indicator.accumulation.key(),
                rumus_capaian: self.formula(indicator),
                skala: indicator.scale.as_ref().map(|s| s.value.clone()),
                skor: indicator
                    .scores
                    .as_ref()
                    .map(|s| s.iter().map(|x| x.value).collect()),
                definisi: indicator.definition.trim().to_string(),
                penanggung_jawab: indicator.responsible.trim().to_string(),
                iku: indicator.is_iku(),
            },
            sasaran: Link {
                label: goal.name.clone(),
                url: format!("{}#sasaran-{}", pk_view.url, *goal.id),
            },
            pk: PkRef {
                id: pk.id.clone(),
                url: pk_view.url.clone(),
                pejabat: pk_view.pejabat.clone(),
            },
            indikator: view,
            triwulan,
            riwayat,
            renstra,
            nasional,
            analisis,
            program,
            program_bawahan,
            ada_asal,
            cara_menghitung: result
                .and_then(|r| r.working.as_ref())
                .map(|w| self.working(data.year, &pk.id, indicator, w, &entries, pk.file)),
        }
    }

    /// The programmes of the goals that cascade from `goal` (their `mendukung`), at any depth:
    /// a head's goal is carried out through the programmes of the PKs below.
    fn cascaded_programmes(&self, data: &YearData<'_>, goal: &str) -> Vec<ProgrammeView> {
        let mut seen = std::collections::BTreeSet::from([goal]);
        let mut frontier = vec![goal];
        // (rank of the PK, index of the programme in it) → the programme.
        let mut found: std::collections::BTreeMap<(usize, usize), (&Pk, &Programme)> =
            Default::default();
        while let Some(parent) = frontier.pop() {
            for (pk, child) in data.children(parent) {
                if !seen.insert(child.id.as_str()) {
                    continue;
                }
                frontier.push(child.id.as_str());
                for (i, programme) in pk.programmes.iter().enumerate() {
                    if programme.goals.iter().any(|g| **g == *child.id) {
                        found.insert((data.rank(&pk.id), i), (pk, programme));
                    }
                }
            }
        }
        // The map's order is the hierarchy's, whatever order the cascade was walked in.
        found
            .into_values()
            .map(|(pk, p)| self.programme(data, pk, p))
            .collect()
    }

    /// The capaian formula of an indicator, as the page shows it.
    fn formula(&self, indicator: &Indicator) -> String {
        if indicator.is_ordinal() {
            if indicator.scores.is_some() {
                return self.labels.get("rumus_ordinal_skor").to_string();
            }
            return self.labels.get("rumus_ordinal").to_string();
        }
        match *indicator.polarity {
            Polarity::Positive => "R / T × 100".to_string(),
            Polarity::Negative => match indicator
                .formula
                .as_ref()
                .map(|f| f.value)
                .unwrap_or_default()
            {
                NegativeFormula::TwiceTargetMinus => "(2T − R) / T × 100".to_string(),
                NegativeFormula::TargetOverRealisation => "T / R × 100".to_string(),
            },
            Polarity::Stable => self.labels.get("rumus_rentang").to_string(),
        }
    }
}
