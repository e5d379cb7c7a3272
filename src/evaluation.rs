//! The self-assessment against the evaluation sheet (Lembar Kriteria Evaluasi, LKE) of
//! PermenPAN-RB 88/2021: each criterion that a report repository can show, with its state
//! (terpenuhi / sebagian / belum), the evidence (a page of the site, or a file and line of the
//! content folder) and what to do; an indicative score per component; and the criteria only the
//! evaluators can judge, listed as "dinilai manual".
//!
//! Also the checks of `<year>/tindak_lanjut.toml`, the follow-up of the last evaluation's
//! recommendations (the last criterion of the sheet's Evaluasi Internal).
//!
//! A pure function of the loaded model and its computed values: the evaluation page and
//! `capaian check --format json` show the same assessment.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Component as PathComponent;

use serde::Serialize;

use crate::compute::{Computed, YearResult};
use crate::finding::{Finding, did_you_mean, say};
use crate::format::Format;
use crate::model::{
    Date, FileId, FollowUpStatus, Goal, Indicator, Language, Pk, Quarter, Report, Role, Sources,
    Span, Target, Value, Year,
};

/// The day of the following year by which the LKjIP is due when `site.toml` sets no
/// `batas_lkjip`: the end of February.
pub const DEFAULT_DEADLINE: (i8, i8) = (2, 28);

/// The four components of the LKE and their weights (points out of 100).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Component {
    Perencanaan,
    Pengukuran,
    Pelaporan,
    EvaluasiInternal,
}

impl Component {
    pub const ALL: [Component; 4] = [
        Component::Perencanaan,
        Component::Pengukuran,
        Component::Pelaporan,
        Component::EvaluasiInternal,
    ];

    /// Points of the component in PermenPAN-RB 88/2021.
    pub fn weight(self) -> f64 {
        match self {
            Component::Perencanaan => 30.0,
            Component::Pengukuran => 30.0,
            Component::Pelaporan => 15.0,
            Component::EvaluasiInternal => 25.0,
        }
    }

    pub fn name(self, language: Language) -> String {
        match self {
            Component::Perencanaan => say(language, "Perencanaan Kinerja", "Performance Planning"),
            Component::Pengukuran => say(language, "Pengukuran Kinerja", "Performance Measurement"),
            Component::Pelaporan => say(language, "Pelaporan Kinerja", "Performance Reporting"),
            Component::EvaluasiInternal => say(
                language,
                "Evaluasi Akuntabilitas Kinerja Internal",
                "Internal Performance Accountability Evaluation",
            ),
        }
    }
}

/// The three parts of each component, with their share of its points.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// Keberadaan / pemenuhan: the documents and steps exist.
    Pemenuhan,
    /// Kualitas: they are of the quality the regulation asks.
    Kualitas,
    /// Pemanfaatan: they are used.
    Pemanfaatan,
}

impl Part {
    pub const ALL: [Part; 3] = [Part::Pemenuhan, Part::Kualitas, Part::Pemanfaatan];

    /// Share of the component's points: 20 %, 30 %, 50 %.
    pub fn share(self) -> f64 {
        match self {
            Part::Pemenuhan => 0.2,
            Part::Kualitas => 0.3,
            Part::Pemanfaatan => 0.5,
        }
    }
}

/// The state of one criterion.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    Terpenuhi,
    Sebagian,
    Belum,
}

impl State {
    /// The value of the state in a score: 1, ½, 0.
    pub fn value(self) -> f64 {
        match self {
            State::Terpenuhi => 1.0,
            State::Sebagian => 0.5,
            State::Belum => 0.0,
        }
    }

    /// All of `total` met: terpenuhi; none: belum; some: sebagian.
    fn of(met: usize, total: usize) -> State {
        if met >= total {
            State::Terpenuhi
        } else if met == 0 {
            State::Belum
        } else {
            State::Sebagian
        }
    }

    /// As [`State::of`], but nothing to count is not met: belum.
    fn counted(met: usize, total: usize) -> State {
        if total == 0 {
            State::Belum
        } else {
            State::of(met, total)
        }
    }
}

/// One piece of evidence: a page of the site or a place in a file of the content folder.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Evidence {
    /// What it shows, in the site's language.
    pub keterangan: String,
    /// A page of the site, relative to its root (`2025/pk/kepala/`).
    pub halaman: Option<String>,
    /// A file relative to the content folder (`2025/pk/kepala.toml`).
    pub berkas: Option<String>,
    /// The line in `berkas` (1-based), where known.
    pub baris: Option<usize>,
}

/// One criterion of the LKE as the data shows it.
#[derive(Clone, Debug, Serialize)]
pub struct Criterion {
    /// Stable key (`cascading`, `iku_lengkap`, …).
    pub id: &'static str,
    pub komponen: Component,
    pub bagian: Part,
    /// The criterion in the words of the sheet (paraphrased), in the site's language.
    pub kriteria: String,
    pub status: State,
    /// What the data shows: "9 dari 11 sasaran …".
    pub temuan: String,
    /// The places that show it: on a criterion not met, each place that falls short.
    pub bukti: Vec<Evidence>,
    /// What to do; empty when the criterion is met.
    pub saran: String,
}

/// A criterion the data cannot show: the evaluators judge it from documents and interviews.
#[derive(Clone, Debug, Serialize)]
pub struct ManualCriterion {
    pub komponen: Component,
    pub bagian: Part,
    pub kriteria: String,
}

/// The score of one component.
#[derive(Clone, Debug, Serialize)]
pub struct ComponentScore {
    pub komponen: Component,
    pub nama: String,
    pub bobot: f64,
    /// `bobot` × the weighted mean of the states of its criteria the data shows (each part by
    /// its share, over the parts that have such criteria); `None` when it has none.
    pub skor: Option<f64>,
    /// How many of its criteria the data shows, and how many are judged by hand.
    pub kriteria_data: usize,
    pub kriteria_manual: usize,
}

/// The self-assessment of one year.
#[derive(Clone, Debug, Serialize)]
pub struct Assessment {
    pub tahun: i32,
    pub komponen: Vec<ComponentScore>,
    /// Σ of the components' scores: indicative, from the criteria the data shows only.
    pub skor: f64,
    /// Σ of the weights of the components that have a score.
    pub bobot_dinilai: f64,
    pub kriteria: Vec<Criterion>,
    pub dinilai_manual: Vec<ManualCriterion>,
    /// The day by which the year's LKjIP is due (`batas_lkjip` in the following year).
    pub batas_lkjip: String,
}

/// The self-assessment of every year of the report, by year.
pub fn assess_all(
    report: &Report,
    sources: Option<&Sources>,
    computed: &Computed,
    report_date: Date,
) -> Vec<Assessment> {
    report
        .years
        .keys()
        .filter_map(|&y| assess(report, sources, computed, y, report_date))
        .collect()
}

/// The self-assessment of `year`; `None` when the year has no folder or no computed result.
pub fn assess(
    report: &Report,
    sources: Option<&Sources>,
    computed: &Computed,
    year: i32,
    report_date: Date,
) -> Option<Assessment> {
    assess_year(report, sources, computed.years.get(&year)?, report_date)
}

/// The self-assessment of the year of `result`; `None` when the report has no such year.
pub fn assess_year(
    report: &Report,
    sources: Option<&Sources>,
    result: &YearResult,
    report_date: Date,
) -> Option<Assessment> {
    let year = result.year;
    let model = report.years.get(&year)?;
    let cx = Cx {
        report,
        sources,
        year,
        model,
        result,
        language: report.site.language,
        format: Format::new(report.site.language),
        report_date,
    };
    let criteria = vec![
        cx.renstra_objectives(),
        cx.iku_per_goal(),
        cx.iku_complete(),
        cx.cascading(),
        cx.renstra_targets(),
        cx.budget_linked(),
        cx.periodic_collection(),
        cx.realisations_complete(),
        cx.seven_comparisons(),
        cx.analysis(),
        cx.efficiency(),
        cx.review(),
        cx.on_time(),
        cx.follow_up(),
    ];
    let manual = manual_criteria(cx.language);
    let components: Vec<ComponentScore> = Component::ALL
        .into_iter()
        .map(|c| score(c, &criteria, &manual, cx.language))
        .collect();
    Some(Assessment {
        tahun: year,
        skor: components.iter().filter_map(|c| c.skor).sum(),
        bobot_dinilai: components
            .iter()
            .filter(|c| c.skor.is_some())
            .map(|c| c.bobot)
            .sum(),
        komponen: components,
        kriteria: criteria,
        dinilai_manual: manual,
        batas_lkjip: deadline(report, year).to_string(),
    })
}

fn score(
    component: Component,
    criteria: &[Criterion],
    manual: &[ManualCriterion],
    language: Language,
) -> ComponentScore {
    let mut weighted = 0.0;
    let mut shares = 0.0;
    for part in Part::ALL {
        let states: Vec<f64> = criteria
            .iter()
            .filter(|c| c.komponen == component && c.bagian == part)
            .map(|c| c.status.value())
            .collect();
        if !states.is_empty() {
            weighted += part.share() * states.iter().sum::<f64>() / states.len() as f64;
            shares += part.share();
        }
    }
    ComponentScore {
        komponen: component,
        nama: component.name(language),
        bobot: component.weight(),
        skor: (shares > 0.0).then(|| component.weight() * weighted / shares),
        kriteria_data: criteria.iter().filter(|c| c.komponen == component).count(),
        kriteria_manual: manual.iter().filter(|c| c.komponen == component).count(),
    }
}

/// The day the LKjIP of `year` is due: `batas_lkjip` (MM-DD) of the following year, the last
/// day of that month when the day does not exist (29 February); 28 February by default.
pub fn deadline(report: &Report, year: i32) -> Date {
    let (month, day) = report
        .site
        .report_deadline
        .as_ref()
        .and_then(|d| parse_month_day(d))
        .unwrap_or(DEFAULT_DEADLINE);
    let next = (year + 1) as i16;
    Date::new(next, month, day)
        .or_else(|| {
            jiff::civil::Date::new(next, month, 1)
                .ok()
                .map(|d| Date(d.last_of_month()))
        })
        .unwrap_or_default()
}

/// `"02-28"` → (2, 28); `None` for anything that is not a month and a day of some year.
pub fn parse_month_day(text: &str) -> Option<(i8, i8)> {
    let (m, d) = text.trim().split_once('-')?;
    if m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (month, day): (i8, i8) = (m.parse().ok()?, d.parse().ok()?);
    // 2024 is a leap year: 02-29 is a day of some year.
    jiff::civil::Date::new(2024, month, day).ok()?;
    Some((month, day))
}

/// A criterion as the sheet names it, before the data judges it.
struct Row {
    id: &'static str,
    komponen: Component,
    bagian: Part,
    kriteria: String,
}

impl Row {
    fn judged(
        self,
        status: State,
        temuan: String,
        bukti: Vec<Evidence>,
        saran: String,
    ) -> Criterion {
        Criterion {
            id: self.id,
            komponen: self.komponen,
            bagian: self.bagian,
            kriteria: self.kriteria,
            status,
            temuan,
            bukti,
            saran,
        }
    }
}

/// What the criteria read, for one year.
struct Cx<'a> {
    report: &'a Report,
    sources: Option<&'a Sources>,
    year: i32,
    model: &'a Year,
    result: &'a YearResult,
    language: Language,
    format: Format,
    report_date: Date,
}

impl<'a> Cx<'a> {
    fn say(&self, id: impl Into<String>, en: impl Into<String>) -> String {
        say(self.language, id, en)
    }

    /// The criterion's row on the sheet: its key, where it counts, and its words.
    fn row(
        &self,
        id: &'static str,
        komponen: Component,
        bagian: Part,
        kriteria_id: impl Into<String>,
        kriteria_en: impl Into<String>,
    ) -> Row {
        Row {
            id,
            komponen,
            bagian,
            kriteria: self.say(kriteria_id, kriteria_en),
        }
    }

    /// What to do, in the site's language; nothing when the criterion is met.
    fn advice(&self, status: State, id: impl Into<String>, en: impl Into<String>) -> String {
        if status == State::Terpenuhi {
            String::new()
        } else {
            self.say(id, en)
        }
    }

    /// A place in a file: its path relative to the content folder and its line.
    fn at(&self, file: FileId, span: &Span, note: String) -> Evidence {
        let (berkas, baris) = match self.sources {
            Some(sources) => {
                let source = sources.get(file);
                (
                    Some(relative_path(&source.path)),
                    Some(sources.line_col(file, span.start).0),
                )
            }
            None => (None, None),
        };
        Evidence {
            keterangan: note,
            halaman: None,
            berkas,
            baris,
        }
    }

    /// A page of the site (path relative to its root, ending in `/`).
    fn page(&self, path: String, note: String) -> Evidence {
        Evidence {
            keterangan: note,
            halaman: Some(path),
            berkas: None,
            baris: None,
        }
    }

    fn year_page(&self) -> String {
        format!("{}/", self.year)
    }

    fn pk_page(&self, pk: &Pk) -> String {
        format!("{}/pk/{}/", self.year, pk.id)
    }

    fn indicator_page(&self, indicator: &Indicator) -> String {
        format!("{}/indikator/{}/", self.year, *indicator.id)
    }

    /// The first approval of the year's report (`quarter` `None`) or of a quarterly run: a
    /// later run re-approves a report already signed, and does not make it late.
    fn first_approval(&self, quarter: Option<Quarter>) -> Option<&'a crate::approval::Signed> {
        self.result
            .approval
            .runs
            .iter()
            .filter(|s| s.run.quarter == quarter)
            .min_by_key(|s| s.run.round)
    }

    /// The PK of the head of the agency: its official is the `kepala_opd`, else has no
    /// superior.
    fn head(&self) -> Option<&'a Pk> {
        let official = |pk: &Pk| self.report.official(&pk.official);
        let pks = &self.model.pks;
        pks.iter()
            .find(|pk| official(pk).is_some_and(|o| *o.role == Role::KepalaOpd))
            .or_else(|| {
                pks.iter()
                    .find(|pk| official(pk).is_some_and(|o| o.superior.trim().is_empty()))
            })
    }

    /// The IKU of the head's PK: its indicators marked `iku = true`; when the year marks none
    /// anywhere, every indicator of the head's PK (the sasaran strategis' indicators).
    fn ikus(&self, head: &'a Pk) -> Vec<(&'a Goal, &'a Indicator)> {
        if self.marks_iku() {
            head.indicators().filter(|(_, i)| is_iku(i)).collect()
        } else {
            head.indicators().collect()
        }
    }

    fn marks_iku(&self) -> bool {
        self.model
            .pks
            .iter()
            .flat_map(|pk| pk.indicators())
            .any(|(_, i)| is_iku(i))
    }

    /// A criterion about the head's PK, in a year that has none.
    fn no_head(&self, row: Row) -> Criterion {
        row.judged(
            State::Belum,
            self.say(
                format!("tahun {} tidak memiliki PK Kepala OPD", self.year),
                format!("{} has no PK of the Head of Agency", self.year),
            ),
            Vec::new(),
            self.say(
                format!(
                    "tambahkan PK Kepala OPD di {}/pk/ (pejabat dengan peran kepala_opd)",
                    self.year
                ),
                format!(
                    "add the PK of the Head of Agency in {}/pk/ (the official whose role is kepala_opd)",
                    self.year
                ),
            ),
        )
    }

    // -----------------------------------------------------------------------------------------
    // Perencanaan Kinerja

    /// The Renstra states its objectives (`[[tujuan]]`), each measured by an indicator with a
    /// target for this year.
    fn renstra_objectives(&self) -> Criterion {
        let row = self.row(
            "renstra_tujuan",
            Component::Perencanaan,
            Part::Pemenuhan,
            "Renstra memuat tujuan beserta indikator dan target tahunannya",
            "The Renstra states its objectives with their indicators and yearly targets",
        );
        let saran = self.say(
            format!(
                "tulis `[[tujuan]]` di renstra.toml dengan indikatornya (`[[tujuan.indikator]]`, atau `tujuan = \"<id>\"` pada `[[indikator]]`) dan target {}",
                self.year
            ),
            format!(
                "write `[[tujuan]]` in renstra.toml with its indicators (`[[tujuan.indikator]]`, or `tujuan = \"<id>\"` on an `[[indikator]]`) and their {} target",
                self.year
            ),
        );
        let Some(renstra) = &self.report.renstra else {
            return row.judged(
                State::Belum,
                self.say("tidak ada renstra.toml", "there is no renstra.toml"),
                Vec::new(),
                saran,
            );
        };
        if renstra.objectives.is_empty() {
            return row.judged(
                State::Belum,
                self.say(
                    "Renstra tanpa `[[tujuan]]`",
                    "the Renstra has no `[[tujuan]]`",
                ),
                vec![self.at(
                    renstra.file,
                    &(0..0),
                    self.say("tidak ada `[[tujuan]]`", "no `[[tujuan]]`"),
                )],
                saran,
            );
        }
        let year_key = self.year.to_string();
        let mut bukti = Vec::new();
        let mut met = 0;
        for objective in &renstra.objectives {
            let measured = renstra
                .all_indicators()
                .filter(|i| {
                    objective.indicators.iter().any(|o| o.id == i.id)
                        || i.objective.trim() == objective.id.as_str()
                })
                .any(|i| i.targets.contains_key(&year_key));
            if measured {
                met += 1;
            } else {
                bukti.push(self.at(
                    renstra.file,
                    &objective.id.span,
                    self.say(
                        format!(
                            "tujuan `{}` tanpa indikator bertarget {}",
                            *objective.id, self.year
                        ),
                        format!(
                            "objective `{}` has no indicator with a {} target",
                            *objective.id, self.year
                        ),
                    ),
                ));
            }
        }
        let total = renstra.objectives.len();
        let status = State::of(met, total);
        if status == State::Terpenuhi {
            bukti.push(self.at(
                renstra.file,
                &renstra.objectives[0].id.span,
                self.say("tujuan Renstra", "the Renstra's objectives"),
            ));
        }
        row.judged(
            status,
            self.say(
                format!(
                    "{met} dari {total} tujuan memiliki indikator bertarget {}",
                    self.year
                ),
                format!(
                    "{met} of {total} objectives have an indicator with a {} target",
                    self.year
                ),
            ),
            bukti,
            if status == State::Terpenuhi {
                String::new()
            } else {
                saran
            },
        )
    }

    /// Every sasaran strategis (the head's PK) is measured by at least one IKU.
    fn iku_per_goal(&self) -> Criterion {
        let row = self.row(
            "iku_sasaran",
            Component::Perencanaan,
            Part::Pemenuhan,
            "Setiap sasaran strategis dalam PK Kepala OPD memiliki Indikator Kinerja Utama (IKU)",
            "Every strategic goal in the PK of the Head of Agency has a Key Performance Indicator (IKU)",
        );
        let Some(head) = self.head() else {
            return self.no_head(row);
        };
        let marks = self.marks_iku();
        let mut bukti = Vec::new();
        let mut met = 0;
        for goal in &head.goals {
            let has = if marks {
                goal.indicators.iter().any(is_iku)
            } else {
                !goal.indicators.is_empty()
            };
            if has {
                met += 1;
            } else {
                bukti.push(self.at(
                    head.file,
                    &goal.id.span,
                    self.say(
                        format!("sasaran `{}` tidak memiliki IKU", *goal.id),
                        format!("goal `{}` has no IKU", *goal.id),
                    ),
                ));
            }
        }
        let total = head.goals.len();
        let status = State::counted(met, total);
        if status == State::Terpenuhi {
            bukti.push(self.page(
                self.pk_page(head),
                self.say(
                    "PK Kepala OPD dan IKU-nya",
                    "The Head of Agency's PK and its IKU",
                ),
            ));
        }
        let mut temuan = self.say(
            format!("{met} dari {total} sasaran strategis memiliki IKU"),
            format!("{met} of {total} strategic goals have an IKU"),
        );
        if !marks {
            temuan.push_str(&self.say(
                " (tidak ada indikator bertanda `iku = true`: semua indikator PK Kepala OPD dianggap IKU)",
                " (no indicator is marked `iku = true`: every indicator of the Head of Agency's PK is taken as an IKU)",
            ));
        }
        row.judged(
            status,
            temuan,
            bukti,
            if status == State::Terpenuhi && marks {
                String::new()
            } else {
                self.say(
                    "tandai indikator utama setiap sasaran strategis dengan `iku = true` di PK Kepala OPD",
                    "mark the key indicator of each strategic goal with `iku = true` in the Head of Agency's PK",
                )
            },
        )
    }

    /// Every IKU has its definisi operasional, formula, data source and person responsible.
    fn iku_complete(&self) -> Criterion {
        let row = self.row(
            "iku_lengkap",
            Component::Perencanaan,
            Part::Kualitas,
            "IKU dilengkapi definisi operasional, rumus, sumber data dan penanggung jawab",
            "Every IKU has an operational definition, a formula, a data source and a person responsible",
        );
        let Some(head) = self.head() else {
            return self.no_head(row);
        };
        let ikus = self.ikus(head);
        let mut bukti = Vec::new();
        let mut met = 0;
        for (_, indicator) in &ikus {
            let mut missing = Vec::new();
            if indicator.definition.trim().is_empty() {
                missing.push((
                    "definisi",
                    self.say("definisi operasional", "operational definition"),
                ));
            }
            if indicator.method.trim().is_empty() {
                missing.push(("rumus", self.say("rumus", "formula")));
            }
            if indicator.data_source.trim().is_empty() {
                missing.push(("sumber_data", self.say("sumber data", "data source")));
            }
            if indicator.responsible.trim().is_empty() {
                missing.push((
                    "penanggung_jawab",
                    self.say("penanggung jawab", "person responsible"),
                ));
            }
            if missing.is_empty() {
                met += 1;
                continue;
            }
            let keys: Vec<String> = missing.iter().map(|(k, _)| format!("`{k}`")).collect();
            let words: Vec<String> = missing.into_iter().map(|(_, w)| w).collect();
            bukti.push(self.at(
                head.file,
                &indicator.id.span,
                self.say(
                    format!(
                        "IKU `{}` tanpa {} ({})",
                        *indicator.id,
                        words.join(", "),
                        keys.join(", ")
                    ),
                    format!(
                        "IKU `{}` lacks its {} ({})",
                        *indicator.id,
                        words.join(", "),
                        keys.join(", ")
                    ),
                ),
            ));
        }
        let total = ikus.len();
        let status = State::counted(met, total);
        if status == State::Terpenuhi {
            bukti.push(self.page(
                self.pk_page(head),
                self.say(
                    "IKU pada PK Kepala OPD",
                    "The IKU in the Head of Agency's PK",
                ),
            ));
        }
        row.judged(
            status,
            self.say(
                format!("{met} dari {total} IKU lengkap"),
                format!("{met} of {total} IKU complete"),
            ),
            bukti,
            self.advice(
                status,
                "isi `definisi`, `rumus`, `sumber_data` dan `penanggung_jawab` pada setiap IKU yang disebut",
                "fill in `definisi`, `rumus`, `sumber_data` and `penanggung_jawab` on each IKU named",
            ),
        )
    }

    /// Every sasaran of a lower PK supports one of its superior's; every sasaran strategis is
    /// carried down by a lower PK.
    fn cascading(&self) -> Criterion {
        let row = self.row(
            "cascading",
            Component::Perencanaan,
            Part::Kualitas,
            "Kinerja diturunkan secara berjenjang (cascading): setiap sasaran PK eselon di bawahnya mendukung sasaran atasannya",
            "Performance is cascaded: every goal of a lower official's PK supports one of the superior's goals",
        );
        let pk_of = |official: &str| self.model.pks.iter().find(|pk| *pk.official == official);
        let mut bukti = Vec::new();
        let (mut met, mut total) = (0, 0);
        for pk in &self.model.pks {
            let Some(official) = self.report.official(&pk.official) else {
                continue;
            };
            if official.superior.trim().is_empty() {
                continue;
            }
            let superior = pk_of(official.superior.trim());
            for goal in &pk.goals {
                total += 1;
                let supports = goal.supports.trim();
                let ok = superior.is_some_and(|s| s.goals.iter().any(|g| *g.id == supports));
                if ok {
                    met += 1;
                    continue;
                }
                let (span, note) = match superior {
                    None => (
                        &pk.official.span,
                        self.say(
                            format!(
                                "atasan `{}` tidak memiliki PK tahun {}: sasaran `{}` tidak dapat diturunkan dari sasarannya",
                                official.superior.trim(),
                                self.year,
                                *goal.id
                            ),
                            format!(
                                "the superior `{}` has no PK in {}: goal `{}` cannot cascade from theirs",
                                official.superior.trim(),
                                self.year,
                                *goal.id
                            ),
                        ),
                    ),
                    Some(s) if supports.is_empty() => (
                        &goal.id.span,
                        self.say(
                            format!("sasaran `{}` tidak menyebut `mendukung` (sasaran PK `{}`)", *goal.id, s.id),
                            format!("goal `{}` names no `mendukung` (a goal of PK `{}`)", *goal.id, s.id),
                        ),
                    ),
                    Some(s) => (
                        &goal.supports.span,
                        self.say(
                            format!(
                                "sasaran `{}` mendukung `{supports}`, yang bukan sasaran PK atasannya `{}`",
                                *goal.id, s.id
                            ),
                            format!(
                                "goal `{}` supports `{supports}`, which is not a goal of the superior's PK `{}`",
                                *goal.id, s.id
                            ),
                        ),
                    ),
                };
                bukti.push(self.at(pk.file, span, note));
            }
        }
        // Downwards: every sasaran strategis is carried by a lower PK.
        if let Some(head) = self.head() {
            for goal in &head.goals {
                total += 1;
                let carried = self
                    .model
                    .pks
                    .iter()
                    .flat_map(|pk| &pk.goals)
                    .any(|g| g.supports.trim() == goal.id.as_str());
                if carried {
                    met += 1;
                } else {
                    bukti.push(self.at(
                        head.file,
                        &goal.id.span,
                        self.say(
                            format!(
                                "sasaran strategis `{}` tidak diturunkan ke PK eselon III",
                                *goal.id
                            ),
                            format!(
                                "strategic goal `{}` is not carried down to an Eselon III PK",
                                *goal.id
                            ),
                        ),
                    ));
                }
            }
        }
        let lower = self.model.pks.iter().any(|pk| {
            self.report
                .official(&pk.official)
                .is_some_and(|o| !o.superior.trim().is_empty())
        });
        let status = if !lower {
            State::Belum
        } else {
            State::of(met, total)
        };
        if status == State::Terpenuhi {
            bukti.push(self.page(
                self.year_page(),
                self.say("pohon kinerja tahun ini", "this year's performance tree"),
            ));
        }
        row.judged(
            status,
            if lower {
                self.say(
                    format!("{met} dari {total} keterkaitan sasaran terpenuhi"),
                    format!("{met} of {total} goal links hold"),
                )
            } else {
                self.say(
                    "hanya ada PK Kepala OPD: kinerja belum diturunkan",
                    "only the Head of Agency has a PK: performance is not cascaded",
                )
            },
            bukti,
            match status {
                State::Terpenuhi => String::new(),
                _ if !lower => self.say(
                    format!("susun PK Eselon III dan IV di {}/pk/ yang menurunkan sasaran Kepala OPD", self.year),
                    format!("write the Eselon III and IV PKs in {}/pk/, cascading the Head of Agency's goals", self.year),
                ),
                _ => self.say(
                    "tulis `mendukung = \"<id sasaran atasan>\"` pada setiap sasaran yang disebut, dan turunkan setiap sasaran strategis ke PK eselon III",
                    "write `mendukung = \"<superior's goal id>\"` on each goal named, and carry every strategic goal down to an Eselon III PK",
                ),
            },
        )
    }

    /// The targets of the IKU are the Renstra's targets for this year.
    fn renstra_targets(&self) -> Criterion {
        let row = self.row(
            "target_renstra",
            Component::Perencanaan,
            Part::Kualitas,
            "Target kinerja dalam PK selaras dengan target tahunan Renstra",
            "The PK's targets agree with the Renstra's yearly targets",
        );
        let Some(head) = self.head() else {
            return self.no_head(row);
        };
        let Some(renstra) = &self.report.renstra else {
            return row.judged(
                State::Belum,
                self.say("tidak ada renstra.toml", "there is no renstra.toml"),
                Vec::new(),
                self.say(
                    "tambahkan renstra.toml dengan target tahunan setiap indikator sasaran",
                    "add renstra.toml with the yearly target of each goal indicator",
                ),
            );
        };
        let ikus = self.ikus(head);
        let mut bukti = Vec::new();
        let mut met = 0;
        let year_key = self.year.to_string();
        for (_, indicator) in &ikus {
            let Some(planned) = renstra.indicator(&indicator.id) else {
                bukti.push(self.at(
                    head.file,
                    &indicator.id.span,
                    self.say(
                        format!("IKU `{}` tidak ada dalam Renstra", *indicator.id),
                        format!("IKU `{}` is not in the Renstra", *indicator.id),
                    ),
                ));
                continue;
            };
            let Some(goal) = planned.targets.get(&year_key) else {
                bukti.push(self.at(
                    renstra.file,
                    &planned.id.span,
                    self.say(
                        format!(
                            "Renstra tidak memberi target {} untuk `{}`",
                            self.year, *indicator.id
                        ),
                        format!(
                            "the Renstra gives `{}` no target for {}",
                            *indicator.id, self.year
                        ),
                    ),
                ));
                continue;
            };
            if agrees(indicator.year_target().as_ref(), &goal.value) {
                met += 1;
            } else {
                let (line_note_id, line_note_en) = match self.sources {
                    Some(s) => {
                        let line = s.line_col(renstra.file, goal.span.start).0;
                        (
                            format!(" (renstra.toml baris {line})"),
                            format!(" (renstra.toml line {line})"),
                        )
                    }
                    None => (String::new(), String::new()),
                };
                bukti.push(self.at(
                    head.file,
                    &indicator.target_span(),
                    self.say(
                        format!(
                            "target PK `{}` berbeda dari target Renstra {} {}{line_note_id}",
                            *indicator.id,
                            self.year,
                            show_value(&goal.value, self.format)
                        ),
                        format!(
                            "the PK target of `{}` differs from the Renstra's {} target {}{line_note_en}",
                            *indicator.id,
                            self.year,
                            show_value(&goal.value, self.format)
                        ),
                    ),
                ));
            }
        }
        let total = ikus.len();
        let status = State::counted(met, total);
        if status == State::Terpenuhi {
            for (_, indicator) in ikus.iter().take(1) {
                bukti.push(self.page(
                    self.indicator_page(indicator),
                    self.say("perbandingan dengan Renstra", "comparison with the Renstra"),
                ));
            }
        }
        row.judged(
            status,
            self.say(
                format!(
                    "{met} dari {total} IKU bertarget sama dengan Renstra {}",
                    self.year
                ),
                format!(
                    "{met} of {total} IKU have the Renstra's {} target",
                    self.year
                ),
            ),
            bukti,
            self.advice(
                status,
                "samakan target PK dengan Renstra (atau catat perubahan Renstra), dan masukkan setiap IKU ke renstra.toml",
                "align the PK targets with the Renstra (or record the Renstra's revision), and put every IKU in renstra.toml",
            ),
        )
    }

    /// Every sasaran strategis is financed: a programme with a budget supports it or a goal
    /// cascading from it.
    fn budget_linked(&self) -> Criterion {
        let row = self.row(
            "anggaran_sasaran",
            Component::Perencanaan,
            Part::Pemanfaatan,
            "Anggaran dikaitkan dengan sasaran: setiap sasaran strategis didukung program beranggaran",
            "The budget is linked to goals: every strategic goal is supported by a funded programme",
        );
        let Some(head) = self.head() else {
            return self.no_head(row);
        };
        let mut bukti = Vec::new();
        let mut met = 0;
        let mut pages = BTreeSet::new();
        for goal in &head.goals {
            let family = self.descendants(&goal.id);
            let funding: Vec<&Pk> = self
                .model
                .pks
                .iter()
                .filter(|pk| {
                    pk.programmes.iter().any(|p| {
                        p.effective_budget().0 > 0
                            && p.goals.iter().any(|g| family.contains(g.as_str()))
                    })
                })
                .collect();
            if funding.is_empty() {
                bukti.push(self.at(
                    head.file,
                    &goal.id.span,
                    self.say(
                        format!(
                            "sasaran strategis `{}` tidak didukung program beranggaran",
                            *goal.id
                        ),
                        format!(
                            "strategic goal `{}` is supported by no funded programme",
                            *goal.id
                        ),
                    ),
                ));
            } else {
                met += 1;
                pages.extend(funding.iter().map(|pk| (self.pk_page(pk), pk.id.clone())));
            }
        }
        let total = head.goals.len();
        let status = State::counted(met, total);
        if status == State::Terpenuhi {
            for (page, pk) in pages {
                bukti.push(self.page(
                    page,
                    self.say(
                        format!("program dan anggaran PK `{pk}`"),
                        format!("programmes and budget of PK `{pk}`"),
                    ),
                ));
            }
        }
        row.judged(
            status,
            self.say(
                format!("{met} dari {total} sasaran strategis didukung program beranggaran"),
                format!("{met} of {total} strategic goals are supported by a funded programme"),
            ),
            bukti,
            self.advice(
                status,
                "sebutkan sasaran itu (atau sasaran turunannya) dalam `sasaran` sebuah `[[program]]` yang berpagu",
                "name that goal (or a goal cascading from it) in the `sasaran` of a `[[program]]` with a budget",
            ),
        )
    }

    /// `goal` and every goal that cascades from it, by id.
    fn descendants(&self, goal: &'a str) -> BTreeSet<&'a str> {
        let mut family = BTreeSet::from([goal]);
        let mut frontier = vec![goal.to_string()];
        while let Some(parent) = frontier.pop() {
            for g in self.model.pks.iter().flat_map(|pk| &pk.goals) {
                if g.supports.trim() == parent && family.insert(g.id.as_str()) {
                    frontier.push(g.id.value.clone());
                }
            }
        }
        family
    }

    // -----------------------------------------------------------------------------------------
    // Pengukuran Kinerja

    /// The SOP ran for each quarter ended (TW I–III), recorded in proses.toml and approved by
    /// the end of the following month.
    fn periodic_collection(&self) -> Criterion {
        let row = self.row(
            "pengumpulan_berkala",
            Component::Pengukuran,
            Part::Kualitas,
            "Data kinerja dikumpulkan secara berkala: pengumpulan triwulanan menurut SOP dicatat di proses.toml dan disetujui tepat waktu",
            "Performance data is collected periodically: the SOP's quarterly runs are recorded in proses.toml and approved on time",
        );
        let ended: Vec<Quarter> = Quarter::ALL[..3]
            .iter()
            .copied()
            .filter(|q| self.result.period.through.is_some_and(|t| *q <= t))
            .collect();
        let process = self.model.process.as_ref();
        let mut bukti = Vec::new();
        let mut met = 0;
        for &q in &ended {
            let due = month_after(q, self.year);
            let first = process.and_then(|p| {
                p.steps
                    .iter()
                    .find(|s| s.quarter.as_ref().is_some_and(|sq| sq.value == q))
            });
            let approved = self.first_approval(Some(q));
            let n = q.number();
            match (first, approved, process) {
                (_, Some(signed), _) if signed.date <= due => {
                    met += 1;
                    bukti.push(self.at(
                        signed.file,
                        &signed.span,
                        self.say(
                            format!("TW {n} disetujui {}", self.format.date(*signed.date)),
                            format!("Q{n} approved {}", self.format.date(*signed.date)),
                        ),
                    ));
                }
                (_, Some(signed), _) => bukti.push(self.at(
                    signed.file,
                    &signed.span,
                    self.say(
                        format!(
                            "TW {n} disetujui {}, lewat batas {}",
                            self.format.date(*signed.date),
                            self.format.date(*due)
                        ),
                        format!(
                            "Q{n} approved {}, after the due day {}",
                            self.format.date(*signed.date),
                            self.format.date(*due)
                        ),
                    ),
                )),
                (Some(step), None, Some(p)) if self.report_date <= due => {
                    // Still within its time: running, not late.
                    met += 1;
                    bukti.push(self.at(
                        p.file,
                        &step.no.span,
                        self.say(
                            format!("TW {n} sedang berjalan"),
                            format!("Q{n} is running"),
                        ),
                    ));
                }
                (Some(step), None, Some(p)) => bukti.push(self.at(
                    p.file,
                    &step.no.span,
                    self.say(
                        format!(
                            "TW {n} dicatat tetapi belum disetujui (batas {})",
                            self.format.date(*due)
                        ),
                        format!(
                            "Q{n} is recorded but not approved (due {})",
                            self.format.date(*due)
                        ),
                    ),
                )),
                (_, None, Some(p)) => bukti.push(self.at(
                    p.file,
                    &(0..0),
                    self.say(
                        format!("tidak ada langkah dengan `triwulan = {n}`"),
                        format!("no step has `triwulan = {n}`"),
                    ),
                )),
                (_, None, None) => bukti.push(Evidence {
                    keterangan: self.say(
                        format!(
                            "tidak ada {}/proses.toml: pengumpulan TW {n} tidak tercatat",
                            self.year
                        ),
                        format!(
                            "there is no {}/proses.toml: the Q{n} collection is not recorded",
                            self.year
                        ),
                    ),
                    halaman: None,
                    berkas: None,
                    baris: None,
                }),
            }
        }
        let total = ended.len();
        let status = State::of(met, total);
        row.judged(
            status,
            if total == 0 {
                self.say(
                    "belum ada triwulan yang berakhir",
                    "no quarter has ended yet",
                )
            } else {
                self.say(
                    format!("{met} dari {total} pengumpulan triwulanan tercatat dan disetujui tepat waktu"),
                    format!("{met} of {total} quarterly collections recorded and approved on time"),
                )
            },
            bukti,
            self.advice(
                status,
                format!(
                    "jalankan SOP setiap triwulan dan catat langkahnya dengan `triwulan = 1..3` di {}/proses.toml; setujui paling lambat akhir bulan setelah triwulan berakhir",
                    self.year
                ),
                format!(
                    "run the SOP every quarter and record its steps with `triwulan = 1..3` in {}/proses.toml; approve by the end of the month after the quarter",
                    self.year
                ),
            ),
        )
    }

    /// Every indicator of every PK has its realisation for each quarter ended that it expects.
    fn realisations_complete(&self) -> Criterion {
        let row = self.row(
            "realisasi_lengkap",
            Component::Pengukuran,
            Part::Pemenuhan,
            "Setiap indikator kinerja telah diukur realisasinya",
            "Every performance indicator's realisation has been measured",
        );
        let through = self.result.period.through;
        let mut bukti = Vec::new();
        let (mut met, mut total) = (0, 0);
        for pk in &self.model.pks {
            for (_, indicator) in pk.indicators() {
                let needed: Vec<Quarter> = indicator
                    .expected_quarters()
                    .iter()
                    .copied()
                    .filter(|q| through.is_some_and(|t| *q <= t))
                    .collect();
                if needed.is_empty() {
                    continue;
                }
                total += 1;
                let reported: BTreeSet<Quarter> = self
                    .entries(&pk.id, &indicator.id)
                    .map(|e| e.quarter.value)
                    .collect();
                let missing: Vec<String> = needed
                    .iter()
                    .filter(|q| !reported.contains(q))
                    .map(|q| q.number().to_string())
                    .collect();
                if missing.is_empty() {
                    met += 1;
                } else {
                    bukti.push(self.at(
                        pk.file,
                        &indicator.id.span,
                        self.say(
                            format!(
                                "`{}` tanpa realisasi TW {}",
                                *indicator.id,
                                missing.join(", ")
                            ),
                            format!(
                                "`{}` has no realisation for Q{}",
                                *indicator.id,
                                missing.join(", Q")
                            ),
                        ),
                    ));
                }
            }
        }
        let status = State::of(met, total);
        if status == State::Terpenuhi && total > 0 {
            bukti.push(self.page(
                self.year_page(),
                self.say("capaian setiap indikator", "every indicator's achievement"),
            ));
        }
        row.judged(
            status,
            self.say(
                format!("{met} dari {total} indikator memiliki realisasi setiap triwulan yang telah berakhir"),
                format!("{met} of {total} indicators have a realisation for every quarter ended"),
            ),
            bukti,
            self.advice(
                status,
                format!("catat `[[realisasi]]` yang kurang di {}/realisasi/<pk>.toml", self.year),
                format!("add the missing `[[realisasi]]` in {}/realisasi/<pk>.toml", self.year),
            ),
        )
    }

    fn entries(
        &self,
        pk: &str,
        indicator: &str,
    ) -> impl Iterator<Item = &'a crate::model::Realisation> + use<'a, '_> {
        let file = self.model.realisations.get(pk);
        let indicator = indicator.to_string();
        file.into_iter()
            .flat_map(|r| &r.entries)
            .filter(move |e| *e.indicator == indicator)
    }

    // -----------------------------------------------------------------------------------------
    // Pelaporan Kinerja

    /// For each sasaran strategis the report holds the seven comparisons of PermenPAN-RB
    /// 53/2014.
    fn seven_comparisons(&self) -> Criterion {
        let row = self.row(
            "tujuh_perbandingan",
            Component::Pelaporan,
            Part::Kualitas,
            "Laporan kinerja menyajikan tujuh analisis capaian untuk setiap sasaran strategis (target dan realisasi, tahun-tahun sebelumnya, Renstra, standar nasional/pembanding, penyebab dan solusi, efisiensi, program pendukung)",
            "The report gives the seven analyses of achievement for each strategic goal (target and realisation, earlier years, Renstra, national standard/benchmarks, causes and remedies, efficiency, supporting programmes)",
        );
        let Some(head) = self.head() else {
            return self.no_head(row);
        };
        let names = comparison_names(self.language);
        let mut bukti = Vec::new();
        let mut met = 0;
        for goal in &head.goals {
            let present = self.comparisons(head, goal);
            let missing: Vec<&str> = present
                .iter()
                .zip(&names)
                .filter(|(p, _)| !**p)
                .map(|(_, n)| n.as_str())
                .collect();
            if missing.is_empty() {
                met += 1;
                if let Some(first) = goal.indicators.first() {
                    bukti.push(self.page(
                        self.indicator_page(first),
                        self.say(
                            format!("sasaran `{}`: tujuh analisis", *goal.id),
                            format!("goal `{}`: seven analyses", *goal.id),
                        ),
                    ));
                }
            } else {
                bukti.push(self.at(
                    head.file,
                    &goal.id.span,
                    self.say(
                        format!("sasaran `{}` tanpa: {}", *goal.id, missing.join("; ")),
                        format!("goal `{}` lacks: {}", *goal.id, missing.join("; ")),
                    ),
                ));
            }
        }
        let total = head.goals.len();
        let status = State::counted(met, total);
        row.judged(
            status,
            self.say(
                format!("{met} dari {total} sasaran strategis memiliki ketujuh analisis"),
                format!("{met} of {total} strategic goals have all seven analyses"),
            ),
            bukti,
            self.advice(
                status,
                "lengkapi yang kurang: realisasi, data tahun lalu, target Renstra, `standar_nasional` atau `[[sasaran.indikator.pembanding]]`, `analisis`/`pendorong`/`penghambat`/`solusi`, realisasi anggaran program, dan program yang mendukung",
                "add what is missing: realisations, last year's data, Renstra targets, `standar_nasional` or `[[sasaran.indikator.pembanding]]`, `analisis`/`pendorong`/`penghambat`/`solusi`, the programme's spending, and the supporting programmes",
            ),
        )
    }

    /// Which of the seven comparisons the goal has, in order.
    fn comparisons(&self, head: &'a Pk, goal: &'a Goal) -> [bool; 7] {
        let results: Vec<&crate::compute::IndicatorResult> = self
            .result
            .pks
            .iter()
            .filter(|p| p.id == head.id)
            .flat_map(|p| &p.goals)
            .filter(|g| g.id == *goal.id)
            .flat_map(|g| &g.indicators)
            .collect();
        let family = self.descendants(&goal.id);
        let programmes: Vec<(&Pk, &crate::model::Programme)> = self
            .model
            .pks
            .iter()
            .flat_map(|pk| pk.programmes.iter().map(move |p| (pk, p)))
            .filter(|(_, p)| p.goals.iter().any(|g| family.contains(g.as_str())))
            .collect();
        let efficient = programmes.iter().any(|(pk, p)| {
            self.result
                .pks
                .iter()
                .filter(|r| r.id == pk.id)
                .flat_map(|r| &r.programmes)
                .any(|r| r.id == *p.id && r.efficiency.is_some())
        });
        let analysed = goal.indicators.iter().any(|i| {
            self.entries(&head.id, &i.id).any(|e| {
                [&e.analysis, &e.drivers, &e.obstacles, &e.solutions]
                    .into_iter()
                    .any(|t| t.as_deref().is_some_and(|t| !t.trim().is_empty()))
            })
        });
        [
            results.iter().any(|r| r.realisation.is_some()),
            // Earlier years, or at least the Renstra's baseline (kondisi awal).
            results.iter().any(|r| {
                r.history
                    .iter()
                    .any(|h| h.year < self.year && h.realisation.is_some())
            }) || goal.indicators.iter().any(|i| {
                self.report
                    .renstra
                    .as_ref()
                    .and_then(|r| r.indicator(&i.id))
                    .is_some_and(|r| r.baseline.is_some())
            }),
            results.iter().any(|r| r.renstra.is_some()),
            goal.indicators
                .iter()
                .any(|i| i.national_standard.is_some() || !i.benchmarks.is_empty()),
            analysed,
            efficient,
            !programmes.is_empty(),
        ]
    }

    /// Every indicator with a realisation has an analysis in its latest entry.
    fn analysis(&self) -> Criterion {
        let row = self.row(
            "analisis",
            Component::Pelaporan,
            Part::Kualitas,
            "Setiap capaian indikator dianalisis (penyebab keberhasilan/kegagalan dan solusinya)",
            "Every indicator's achievement is analysed (causes of success or failure, and remedies)",
        );
        let mut bukti = Vec::new();
        let (mut met, mut total) = (0, 0);
        for pk in &self.model.pks {
            let Some(file) = self.model.realisations.get(&pk.id) else {
                continue;
            };
            for (_, indicator) in pk.indicators() {
                let Some(latest) = self
                    .entries(&pk.id, &indicator.id)
                    .max_by_key(|e| e.quarter.value)
                else {
                    continue;
                };
                total += 1;
                let has = [
                    &latest.analysis,
                    &latest.drivers,
                    &latest.obstacles,
                    &latest.solutions,
                ]
                .into_iter()
                .any(|t| t.as_deref().is_some_and(|t| !t.trim().is_empty()));
                if has {
                    met += 1;
                } else {
                    let q = latest.quarter.number();
                    bukti.push(self.at(
                        file.file,
                        &latest.indicator.span,
                        self.say(
                            format!("realisasi TW {q} `{}` tanpa analisis", *indicator.id),
                            format!(
                                "the Q{q} realisation of `{}` has no analysis",
                                *indicator.id
                            ),
                        ),
                    ));
                }
            }
        }
        let status = State::of(met, total);
        if status == State::Terpenuhi && total > 0 {
            bukti.push(self.page(
                self.year_page(),
                self.say(
                    "analisis pada halaman setiap indikator",
                    "the analysis on each indicator's page",
                ),
            ));
        }
        row.judged(
            status,
            self.say(
                format!("{met} dari {total} indikator berrealisasi memiliki analisis pada realisasi terakhirnya"),
                format!("{met} of {total} indicators with a realisation have an analysis in their latest entry"),
            ),
            bukti,
            self.advice(
                status,
                "tulis `analisis` (atau `pendorong`, `penghambat`, `solusi`) pada realisasi terakhir setiap indikator yang disebut",
                "write `analisis` (or `pendorong`, `penghambat`, `solusi`) on the latest realisation of each indicator named",
            ),
        )
    }

    /// Every programme that supports a goal has its spending reported, so that its efficiency
    /// (capaian − serapan) is stated.
    fn efficiency(&self) -> Criterion {
        let row = self.row(
            "efisiensi",
            Component::Pelaporan,
            Part::Kualitas,
            "Laporan kinerja menyatakan efisiensi penggunaan sumber daya (capaian dibandingkan serapan anggaran)",
            "The report states the efficiency of resource use (achievement against budget absorption)",
        );
        let mut bukti = Vec::new();
        let (mut met, mut total) = (0, 0);
        for pk in &self.model.pks {
            for programme in &pk.programmes {
                total += 1;
                let stated = self
                    .result
                    .pks
                    .iter()
                    .filter(|r| r.id == pk.id)
                    .flat_map(|r| &r.programmes)
                    .any(|r| r.id == *programme.id && r.efficiency.is_some());
                if stated {
                    met += 1;
                } else {
                    bukti.push(self.at(
                        pk.file,
                        &programme.id.span,
                        self.say(
                            format!("program `{}`: efisiensi tidak dapat dihitung (tanpa realisasi anggaran atau capaian)", *programme.id),
                            format!("programme `{}`: no efficiency (no spending or no achievement)", *programme.id),
                        ),
                    ));
                }
            }
        }
        let status = State::counted(met, total);
        if status == State::Terpenuhi {
            bukti.push(self.page(
                self.year_page(),
                self.say(
                    "tabel anggaran dan efisiensi",
                    "the budget and efficiency table",
                ),
            ));
        }
        row.judged(
            status,
            if total == 0 {
                self.say(
                    "tidak ada `[[program]]` dalam PK tahun ini",
                    "no PK of the year has a `[[program]]`",
                )
            } else {
                self.say(
                    format!("{met} dari {total} program memiliki efisiensi"),
                    format!("{met} of {total} programmes have an efficiency"),
                )
            },
            bukti,
            self.advice(
                status,
                format!("catat `[[anggaran]]` setiap program di {}/realisasi/<pk>.toml dan kaitkan program dengan sasarannya", self.year),
                format!("record each programme's `[[anggaran]]` in {}/realisasi/<pk>.toml and link the programme to its goals", self.year),
            ),
        )
    }

    /// The APIP reviewed the report (`[reviu]` in proses.toml) before it was signed.
    fn review(&self) -> Criterion {
        let row = self.row(
            "reviu_apip",
            Component::Pelaporan,
            Part::Pemenuhan,
            "Laporan kinerja direviu oleh APIP (Inspektorat) sebelum ditandatangani",
            "The report is reviewed by the APIP (Inspectorate) before it is signed",
        );
        let process = self.model.process.as_ref();
        let review = process.and_then(|p| p.review.as_ref().map(|r| (p, r)));
        let signed = self.first_approval(None);
        let (status, temuan, bukti) = match review {
            None => (
                State::Belum,
                self.say(
                    "tidak ada `[reviu]` di proses.toml",
                    "there is no `[reviu]` in proses.toml",
                ),
                Vec::new(),
            ),
            Some((p, r)) => {
                let day = r.tanggal.value.date();
                let evidence = self.at(
                    p.file,
                    &r.span,
                    self.say(
                        format!("direviu {} {}", r.instansi, self.format.date(*day)),
                        format!("reviewed by {} on {}", r.instansi, self.format.date(*day)),
                    ),
                );
                match signed {
                    Some(s) if day > s.date => (
                        State::Sebagian,
                        self.say(
                            format!(
                                "reviu {} sesudah penandatanganan {}",
                                self.format.date(*day),
                                self.format.date(*s.date)
                            ),
                            format!(
                                "reviewed {} after the signature of {}",
                                self.format.date(*day),
                                self.format.date(*s.date)
                            ),
                        ),
                        vec![evidence],
                    ),
                    _ => (
                        State::Terpenuhi,
                        self.say(
                            format!("direviu oleh {}", r.instansi),
                            format!("reviewed by {}", r.instansi),
                        ),
                        vec![evidence],
                    ),
                }
            }
        };
        row.judged(
            status,
            temuan,
            bukti,
            match status {
                State::Terpenuhi => String::new(),
                State::Sebagian => self.say(
                    "reviu APIP dilakukan sebelum Kepala OPD menandatangani laporan",
                    "have the APIP review the report before the Head of Agency signs it",
                ),
                State::Belum => self.say(
                    format!("catat pernyataan telah direviu dalam `[reviu]` di {}/proses.toml (instansi, nama, jabatan, tanggal, nomor)", self.year),
                    format!("record the review statement as `[reviu]` in {}/proses.toml (instansi, nama, jabatan, tanggal, nomor)", self.year),
                ),
            },
        )
    }

    /// The report is approved (signed) by the deadline of the following year.
    fn on_time(&self) -> Criterion {
        let id = "tepat_waktu";
        let due = deadline(self.report, self.year);
        let kriteria = self.say(
            format!(
                "Laporan kinerja disetujui dan ditandatangani paling lambat {}",
                self.format.date(*due)
            ),
            format!(
                "The report is approved and signed by {}",
                self.format.date(*due)
            ),
        );
        let signed = self.first_approval(None);
        let (status, temuan, bukti) = match signed {
            Some(s) => {
                let evidence = self.at(
                    s.file,
                    &s.span,
                    self.say(
                        format!("ditandatangani {}", self.format.date(*s.date)),
                        format!("signed {}", self.format.date(*s.date)),
                    ),
                );
                if s.date <= due {
                    (
                        State::Terpenuhi,
                        self.say(
                            format!("disetujui {}", self.format.date(*s.date)),
                            format!("approved {}", self.format.date(*s.date)),
                        ),
                        vec![evidence],
                    )
                } else {
                    (
                        State::Sebagian,
                        self.say(
                            format!(
                                "disetujui {}, lewat batas {}",
                                self.format.date(*s.date),
                                self.format.date(*due)
                            ),
                            format!(
                                "approved {}, after the deadline {}",
                                self.format.date(*s.date),
                                self.format.date(*due)
                            ),
                        ),
                        vec![evidence],
                    )
                }
            }
            None => (
                State::Belum,
                if self.report_date > due {
                    self.say(
                        format!(
                            "belum disetujui, batas {} sudah lewat",
                            self.format.date(*due)
                        ),
                        format!(
                            "not approved, and the deadline {} has passed",
                            self.format.date(*due)
                        ),
                    )
                } else {
                    self.say("belum disetujui", "not approved yet")
                },
                self.model
                    .process
                    .as_ref()
                    .map(|p| {
                        vec![self.at(
                            p.file,
                            &(0..0),
                            self.say(
                                "langkah persetujuan belum dicatat",
                                "the approval steps are not recorded",
                            ),
                        )]
                    })
                    .unwrap_or_default(),
            ),
        };
        Criterion {
            id,
            komponen: Component::Pelaporan,
            bagian: Part::Pemenuhan,
            kriteria,
            saran: self.advice(
                status,
                format!("catat langkah persetujuan di {}/proses.toml sebelum batas (atur `batas_lkjip` di site.toml bila ketentuannya lain)", self.year),
                format!("record the approval steps in {}/proses.toml before the deadline (set `batas_lkjip` in site.toml if yours differs)", self.year),
            ),
            status,
            temuan,
            bukti,
        }
    }

    // -----------------------------------------------------------------------------------------
    // Evaluasi Akuntabilitas Kinerja Internal

    /// The recommendations of the last evaluation are followed up (tindak_lanjut.toml).
    fn follow_up(&self) -> Criterion {
        let row = self.row(
            "tindak_lanjut",
            Component::EvaluasiInternal,
            Part::Pemanfaatan,
            "Rekomendasi hasil evaluasi akuntabilitas kinerja sebelumnya telah ditindaklanjuti",
            "The recommendations of the previous performance accountability evaluation have been followed up",
        );
        let Some(follow_up) = &self.model.follow_up else {
            return row.judged(
                State::Belum,
                self.say(
                    format!("tidak ada {}/tindak_lanjut.toml", self.year),
                    format!("there is no {}/tindak_lanjut.toml", self.year),
                ),
                Vec::new(),
                self.say(
                    format!("catat rekomendasi LHE terakhir dan tindak lanjutnya di {}/tindak_lanjut.toml", self.year),
                    format!("record the last LHE's recommendations and their follow-up in {}/tindak_lanjut.toml", self.year),
                ),
            );
        };
        let total = follow_up.recommendations.len();
        let mut bukti = Vec::new();
        let mut done = 0;
        let mut moving = 0;
        for r in &follow_up.recommendations {
            match r.state() {
                Some(FollowUpStatus::Selesai) => done += 1,
                Some(FollowUpStatus::Proses) => {
                    moving += 1;
                    bukti.push(self.at(
                        follow_up.file,
                        &r.status.span,
                        self.say(
                            format!("rekomendasi {} masih dalam proses", *r.no),
                            format!("recommendation {} is in progress", *r.no),
                        ),
                    ));
                }
                _ => bukti.push(self.at(
                    follow_up.file,
                    &r.status.span,
                    self.say(
                        format!("rekomendasi {} belum ditindaklanjuti", *r.no),
                        format!("recommendation {} is not followed up", *r.no),
                    ),
                )),
            }
        }
        let status = if done == total {
            State::Terpenuhi
        } else if done + moving == 0 {
            State::Belum
        } else {
            State::Sebagian
        };
        if status == State::Terpenuhi {
            bukti.push(self.page(
                format!("{}/evaluasi/", self.year),
                self.say("tabel tindak lanjut rekomendasi", "the follow-up table"),
            ));
        }
        row.judged(
            status,
            if total == 0 {
                self.say("tidak ada rekomendasi", "no recommendations")
            } else {
                self.say(
                    format!("{done} dari {total} rekomendasi selesai ditindaklanjuti, {moving} dalam proses"),
                    format!("{done} of {total} recommendations followed up, {moving} in progress"),
                )
            },
            bukti,
            self.advice(
                status,
                "selesaikan tindak lanjut yang disebut dan catat `status = \"selesai\"`, `tanggal` dan `bukti`",
                "finish the follow-up named and record `status = \"selesai\"`, `tanggal` and `bukti`",
            ),
        )
    }
}

/// Whether the PK's year target is the Renstra's: the same number (to 1e-9), the same word,
/// or, for a range, the Renstra's number inside it.
fn agrees(pk: Option<&Target>, renstra: &Value) -> bool {
    match (pk, renstra) {
        (Some(Target::Number(a)), Value::Number(b)) => (a - b).abs() <= 1e-9 * b.abs().max(1.0),
        (Some(Target::Word(a)), Value::Word(b)) => a.trim() == b.trim(),
        (Some(Target::Range { min, max }), Value::Number(b)) => min <= b && b <= max,
        _ => false,
    }
}

fn show_value(value: &Value, format: Format) -> String {
    match value {
        Value::Number(n) => format.number(*n, 4),
        Value::Word(w) => w.clone(),
    }
}

fn is_iku(indicator: &Indicator) -> bool {
    indicator.iku.as_ref().is_some_and(|i| i.value)
}

/// The last day of the month after quarter `q` of `year`: when its run must be approved.
fn month_after(q: Quarter, year: i32) -> Date {
    let month = (q.number() * 3 + 1) as i8;
    jiff::civil::Date::new(year as i16, month, 1)
        .map(|d| Date(d.last_of_month()))
        .unwrap_or_default()
}

/// A source path (relative to the content folder's parent) made relative to the content
/// folder: the files of a year from their year folder on, the others by name.
pub fn relative_path(path: &std::path::Path) -> String {
    let parts: Vec<String> = path
        .components()
        .filter_map(|c| match c {
            PathComponent::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    let is_year = |s: &str| s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit());
    for n in [3, 2] {
        if parts.len() >= n && is_year(&parts[parts.len() - n]) {
            return parts[parts.len() - n..].join("/");
        }
    }
    parts.last().cloned().unwrap_or_default()
}

fn comparison_names(language: Language) -> Vec<String> {
    [
        ("1 target dan realisasi", "1 target and realisation"),
        ("2 tahun-tahun sebelumnya", "2 earlier years"),
        ("3 target Renstra", "3 Renstra target"),
        (
            "4 standar nasional/pembanding",
            "4 national standard/benchmarks",
        ),
        ("5 analisis penyebab dan solusi", "5 causes and remedies"),
        ("6 efisiensi", "6 efficiency"),
        ("7 program pendukung", "7 supporting programmes"),
    ]
    .into_iter()
    .map(|(id, en)| say(language, id, en))
    .collect()
}

/// The criteria of the sheet that no data of the repository shows.
fn manual_criteria(language: Language) -> Vec<ManualCriterion> {
    let m = |komponen, bagian, id: &str, en: &str| ManualCriterion {
        komponen,
        bagian,
        kriteria: say(language, id, en),
    };
    use Component::*;
    use Part::*;
    vec![
        m(
            Perencanaan,
            Pemenuhan,
            "Renstra, Renja dan rencana aksi telah ditetapkan dan dipublikasikan",
            "The Renstra, Renja and action plan are adopted and published",
        ),
        m(
            Perencanaan,
            Kualitas,
            "Tujuan, sasaran dan indikator berorientasi hasil (outcome) dan memenuhi kriteria SMART",
            "Objectives, goals and indicators are outcome-oriented and SMART",
        ),
        m(
            Perencanaan,
            Pemanfaatan,
            "Dokumen perencanaan kinerja dimanfaatkan dalam penganggaran dan pengambilan keputusan",
            "Planning documents are used in budgeting and decisions",
        ),
        m(
            Perencanaan,
            Pemanfaatan,
            "Kinerja diturunkan sampai tingkat individu (SKP)",
            "Performance is cascaded down to each staff member (SKP)",
        ),
        m(
            Pengukuran,
            Kualitas,
            "Pengumpulan data kinerja didukung sistem informasi yang andal",
            "Data collection is supported by a reliable information system",
        ),
        m(
            Pengukuran,
            Pemanfaatan,
            "Hasil pengukuran kinerja menjadi dasar pemberian penghargaan dan sanksi (reward and punishment)",
            "Measurement results are the basis of rewards and sanctions",
        ),
        m(
            Pengukuran,
            Pemanfaatan,
            "Hasil pengukuran dimanfaatkan untuk perbaikan pelaksanaan program dan penyesuaian kebijakan",
            "Measurement results are used to improve programmes and policy",
        ),
        m(
            Pelaporan,
            Kualitas,
            "Laporan kinerja menginformasikan kualitas capaian dan upaya nyata yang telah dilakukan",
            "The report informs on the quality of achievement and the concrete efforts made",
        ),
        m(
            Pelaporan,
            Pemanfaatan,
            "Informasi dalam laporan kinerja dimanfaatkan untuk perbaikan perencanaan dan pelaksanaan program",
            "The report's information is used to improve planning and programmes",
        ),
        m(
            EvaluasiInternal,
            Pemenuhan,
            "Evaluasi akuntabilitas kinerja internal dilaksanakan oleh pihak yang kompeten terhadap seluruh unit kerja",
            "The internal evaluation is carried out by competent evaluators over every unit",
        ),
        m(
            EvaluasiInternal,
            Kualitas,
            "Evaluasi program dan kegiatan dilakukan untuk menilai keberhasilannya",
            "Programmes and activities are evaluated for their success",
        ),
        m(
            EvaluasiInternal,
            Pemanfaatan,
            "Hasil evaluasi internal dimanfaatkan untuk perbaikan kinerja",
            "The internal evaluation's results are used to improve performance",
        ),
    ]
}

// ---------------------------------------------------------------------------------------------
// Checks of the follow-up file and of `batas_lkjip`

/// Findings on `<year>/tindak_lanjut.toml` (a status that is not one of the three words, the
/// same `no` twice, a date after the report date, a finished follow-up without date or
/// evidence) and on `batas_lkjip` in site.toml. The evidence files themselves are checked
/// with every other evidence file ([`crate::evidence::collect`]).
pub fn check(report: &Report, report_date: Date) -> Vec<Finding> {
    let language = report.site.language;
    let mut findings = Vec::new();
    if let Some(text) = &report.site.report_deadline
        && parse_month_day(text).is_none()
    {
        findings.push(
            Finding::error(say(
                language,
                format!("`batas_lkjip = \"{}\"` bukan bulan dan tanggal", text.value),
                format!("`batas_lkjip = \"{}\"` is not a month and day", text.value),
            ))
            .at(report.site.file, text.span.clone())
            .label(say(language, "ditulis BB-HH", "written MM-DD"))
            .help(say(
                language,
                "tulis bulan dan tanggal tahun berikutnya dengan dua angka masing-masing, mis. `batas_lkjip = \"02-28\"` (akhir Februari)",
                "write the month and day of the following year with two digits each, e.g. `batas_lkjip = \"02-28\"` (end of February)",
            )),
        );
    }
    for (&year, model) in &report.years {
        let Some(follow_up) = &model.follow_up else {
            continue;
        };
        let file = follow_up.file;
        let mut seen: BTreeMap<u32, ()> = BTreeMap::new();
        for r in &follow_up.recommendations {
            if seen.insert(*r.no, ()).is_some() {
                findings.push(
                    Finding::error(say(
                        language,
                        format!("rekomendasi `no = {}` ditulis dua kali", *r.no),
                        format!("recommendation `no = {}` is written twice", *r.no),
                    ))
                    .at(file, r.no.span.clone())
                    .label(say(language, "nomor ganda", "duplicate number"))
                    .help(say(
                        language,
                        "beri setiap `[[rekomendasi]]` nomor sendiri, sesuai urutan dalam LHE",
                        "give each `[[rekomendasi]]` its own number, in the LHE's order",
                    ))
                    .year(year),
                );
            }
            if r.text.trim().is_empty() {
                findings.push(
                    Finding::error(say(
                        language,
                        format!("rekomendasi {} tanpa `uraian`", *r.no),
                        format!("recommendation {} has an empty `uraian`", *r.no),
                    ))
                    .at(file, r.text.span.clone())
                    .help(say(
                        language,
                        "salin rekomendasi dari LHE",
                        "copy the recommendation from the LHE",
                    ))
                    .year(year),
                );
            }
            let words = FollowUpStatus::ALL.map(FollowUpStatus::key);
            let Some(state) = r.state() else {
                let written = r.status.trim();
                let hint = did_you_mean(&written.to_lowercase(), words).or_else(|| {
                    match written.to_lowercase().as_str() {
                        "sudah" | "tuntas" | "done" | "ditindaklanjuti" => Some("selesai"),
                        "dalam proses" | "berjalan" | "sedang" | "progress" => Some("proses"),
                        "tidak" | "open" | "belum ditindaklanjuti" => Some("belum"),
                        _ => None,
                    }
                });
                let help = match hint {
                    Some(w) => say(
                        language,
                        format!(
                            "mungkin maksudnya `status = \"{w}\"`? pilihannya: belum, proses, selesai"
                        ),
                        format!(
                            "did you mean `status = \"{w}\"`? the choices: belum, proses, selesai"
                        ),
                    ),
                    None => say(
                        language,
                        "tulis salah satu: belum, proses, selesai",
                        "write one of: belum, proses, selesai",
                    ),
                };
                findings.push(
                    Finding::error(say(
                        language,
                        format!("status tindak lanjut `{written}` tidak dikenal"),
                        format!("unknown follow-up status `{written}`"),
                    ))
                    .at(file, r.status.span.clone())
                    .label("status")
                    .help(help)
                    .year(year),
                );
                continue;
            };
            if let Some(date) = &r.date
                && date.value > report_date
            {
                findings.push(
                    Finding::warning(say(
                        language,
                        format!("tanggal tindak lanjut rekomendasi {} ({}) sesudah tanggal laporan ({report_date})", *r.no, date.value),
                        format!("the follow-up date of recommendation {} ({}) is after the report date ({report_date})", *r.no, date.value),
                    ))
                    .at(file, date.span.clone())
                    .help(say(
                        language,
                        "tulis tanggal tindak lanjut yang sudah terjadi (YYYY-MM-DD)",
                        "write the date the follow-up happened (YYYY-MM-DD)",
                    ))
                    .year(year),
                );
            }
            if state == FollowUpStatus::Selesai {
                let missing = match (r.date.is_none(), r.evidence.is_empty()) {
                    (true, true) => Some(say(
                        language,
                        "`tanggal` dan `bukti`",
                        "`tanggal` and `bukti`",
                    )),
                    (true, false) => Some("`tanggal`".to_string()),
                    (false, true) => Some("`bukti`".to_string()),
                    (false, false) => None,
                };
                if let Some(missing) = missing {
                    findings.push(
                        Finding::warning(say(
                            language,
                            format!("rekomendasi {} selesai tanpa {missing}", *r.no),
                            format!("recommendation {} is finished without {missing}", *r.no),
                        ))
                        .at(file, r.status.span.clone())
                        .help(say(
                            language,
                            "evaluator meminta bukti tindak lanjut: tambahkan tanggal selesai dan berkasnya di `bukti/`",
                            "evaluators ask for the follow-up's evidence: add the day it was finished and its files under `bukti/`",
                        ))
                        .year(year),
                    );
                }
            }
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_and_day() {
        assert_eq!(parse_month_day("02-28"), Some((2, 28)));
        assert_eq!(parse_month_day("03-31"), Some((3, 31)));
        assert_eq!(parse_month_day("02-29"), Some((2, 29)));
        assert_eq!(parse_month_day("2-28"), None);
        assert_eq!(parse_month_day("02-30"), None);
        assert_eq!(parse_month_day("13-01"), None);
        assert_eq!(parse_month_day("28 Februari"), None);
    }

    #[test]
    fn a_quarter_is_due_at_the_end_of_the_following_month() {
        assert_eq!(
            month_after(Quarter::ALL[0], 2026),
            Date::new(2026, 4, 30).unwrap()
        );
        assert_eq!(
            month_after(Quarter::ALL[1], 2026),
            Date::new(2026, 7, 31).unwrap()
        );
        assert_eq!(
            month_after(Quarter::ALL[2], 2026),
            Date::new(2026, 10, 31).unwrap()
        );
    }

    #[test]
    fn the_deadline_falls_back_to_the_last_day_of_the_month() {
        let mut report = Report::default();
        assert_eq!(deadline(&report, 2025), Date::new(2026, 2, 28).unwrap());
        report.site.report_deadline = Some(crate::model::Sp::unplaced("02-29".to_string()));
        // 2026 is not a leap year; 2027's LKjIP of 2027 is due in 2028, which is.
        assert_eq!(deadline(&report, 2025), Date::new(2026, 2, 28).unwrap());
        assert_eq!(deadline(&report, 2027), Date::new(2028, 2, 29).unwrap());
        report.site.report_deadline = Some(crate::model::Sp::unplaced("03-31".to_string()));
        assert_eq!(deadline(&report, 2025), Date::new(2026, 3, 31).unwrap());
    }

    #[test]
    fn paths_are_made_relative_to_the_content_folder() {
        use std::path::Path;
        assert_eq!(
            relative_path(Path::new("content/2025/pk/kepala.toml")),
            "2025/pk/kepala.toml"
        );
        assert_eq!(
            relative_path(Path::new("/tmp/x/content/2025/proses.toml")),
            "2025/proses.toml"
        );
        assert_eq!(
            relative_path(Path::new("content/renstra.toml")),
            "renstra.toml"
        );
    }

    #[test]
    fn the_score_weighs_each_part_by_its_share() {
        let c = |bagian, status| Criterion {
            id: "x",
            komponen: Component::Pelaporan,
            bagian,
            kriteria: String::new(),
            status,
            temuan: String::new(),
            bukti: Vec::new(),
            saran: String::new(),
        };
        // Pemenuhan: (1 + 0.5) / 2 = 0.75 at 0.2; kualitas: 0 at 0.3; no pemanfaatan.
        // 15 × (0.2 × 0.75 + 0.3 × 0) / 0.5 = 4.5.
        let criteria = vec![
            c(Part::Pemenuhan, State::Terpenuhi),
            c(Part::Pemenuhan, State::Sebagian),
            c(Part::Kualitas, State::Belum),
        ];
        let s = score(Component::Pelaporan, &criteria, &[], Language::Indonesian);
        assert!((s.skor.unwrap() - 4.5).abs() < 1e-12, "{:?}", s.skor);
        assert_eq!(s.kriteria_data, 3);
        let none = score(Component::Perencanaan, &criteria, &[], Language::Indonesian);
        assert_eq!(none.skor, None);
    }
}
