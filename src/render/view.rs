//! The contexts the templates get: plain serde structs prepared from the model and the
//! computed values, so templates hold layout only.
//!
//! Naming: the words of the report data keep the names of the TOML files and of the JSON
//! export (`nama`, `target`, `realisasi`, `capaian`, `pagu`, `serapan`, …); the plumbing of
//! the pages is English (`url`, `title`, `breadcrumbs`, …). Numbers stay numbers (unrounded
//! f64, whole rupiah); the templates format them with the filters of `render::theme`.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::compute::{Budget, IndicatorResult, PeriodBasis, ProgrammeResult, Summary};
use crate::finding::{Located, Severity};
use crate::model::{
    Category, Echelon, Goal, Indicator, Official, Pk, Programme, Report, Target, Value,
};
use crate::provenance::Provenance;
use crate::render::charts::ChartMaker;
use crate::render::labels::Labels;
use crate::render::lookup::YearData;
use crate::render::markdown::Markdown;
use crate::route::{ExportFormat, Route};

pub mod approval;
pub mod budget;
pub mod evaluation;
mod indicator;
pub use indicator::{
    AnalysisView, DefinitionView, HistoryView, IndicatorPageView, NationalView, PkRef, QuarterView,
    RenstraView,
};
pub mod links;
pub mod lkjip;
pub(crate) mod working;
pub use working::{SourceView, WorkingView};

/// Heading levels added to an `analisis`: its `#` sits below the page's `h3`s.
pub(crate) const ANALYSIS_HEADING_OFFSET: usize = 3;

#[derive(Clone, Debug, Serialize)]
pub struct Link {
    pub label: String,
    pub url: String,
}

/// What every page gets as `page`.
#[derive(Clone, Debug, Serialize)]
pub struct PageMeta {
    /// `dashboard`, `year`, `pk`, `indicator`, `validation` or `page`.
    pub kind: &'static str,
    pub title: String,
    /// This page's URL.
    pub url: String,
    /// From the dashboard down to this page; the last one has no `url`.
    pub breadcrumbs: Vec<Crumb>,
    /// The budget year the page belongs to.
    pub year: Option<i32>,
    /// The year is not approved: show the DRAFT banner.
    pub draft: bool,
    /// The neighbours of the page (the previous and next year, PK or indicator).
    pub prev: Option<Link>,
    pub next: Option<Link>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Crumb {
    pub label: String,
    pub url: Option<String>,
}

/// The global `site`.
#[derive(Clone, Debug, Serialize)]
pub struct SiteView {
    pub judul: String,
    /// Normalised to end with `/`.
    pub base_url: String,
    pub bahasa: &'static str,
    pub opd: AgencyView,
    /// Where documents are signed: the `wilayah` without "Kota"/"Kabupaten".
    pub tempat: String,
    /// The "as of" date (`tanggal_laporan`), `YYYY-MM-DD`, when the site gives one.
    pub tanggal_laporan: Option<String>,
    /// The agency's own edition: findings, process records, reporters and commit authors.
    pub internal: bool,
    /// The years whose approval no longer matches their data (a note on each of their pages).
    pub tahun_basi: Vec<i32>,
}

#[derive(Clone, Debug, Serialize)]
pub struct AgencyView {
    pub nama: String,
    pub singkatan: String,
    pub wilayah: String,
}

/// The global `nav`.
#[derive(Clone, Debug, Serialize)]
pub struct NavView {
    pub home: String,
    pub years: Vec<NavYear>,
    pub pages: Vec<NavPage>,
    /// The SOP page.
    pub sop: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct NavYear {
    pub tahun: i32,
    pub url: String,
    pub draft: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct NavPage {
    pub slug: String,
    pub judul: String,
    pub url: String,
}

/// One step of the achievement scale (the global `scale`), highest first.
#[derive(Clone, Debug, Serialize)]
pub struct ScaleView {
    pub nama: String,
    /// `None` for the open-ended lowest step.
    pub min: Option<f64>,
    /// Where it sits on the scale, as a CSS class: `kat-1` (highest) … `kat-5` (lowest).
    pub kelas: String,
    /// Its colour (`#rrggbb`), the one the charts use.
    pub warna: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct CategoryView {
    pub nama: String,
    pub kelas: String,
    pub warna: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct SummaryView {
    /// "s.d. Triwulan III" in a year in progress: what every achievement of the year is
    /// measured up to; `None` for a complete year.
    pub periode: Option<String>,
    pub jumlah_indikator: usize,
    /// Indicators with a capaian.
    pub terukur: usize,
    pub rata_rata_capaian: Option<f64>,
    /// The category the mean falls in.
    pub kategori_rata_rata: Option<CategoryView>,
    /// Every category of the scale, highest first.
    pub kategori: Vec<CategoryCountView>,
}

#[derive(Clone, Debug, Serialize)]
pub struct CategoryCountView {
    pub nama: String,
    pub kelas: String,
    pub warna: String,
    pub jumlah: usize,
    /// Share of the measured indicators, 0–100.
    pub persen: f64,
    /// The same share as a CSS width (`40.0%`), for bars.
    pub lebar: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct BudgetView {
    pub pagu: i64,
    /// Σ of the pagu serapan is measured against (perubahan where given), when any programme
    /// has a pagu perubahan.
    pub pagu_perubahan: Option<i64>,
    pub realisasi: i64,
    pub serapan: Option<f64>,
    pub efisiensi: Option<f64>,
}

#[derive(Clone, Debug, Serialize)]
pub struct OfficialView {
    pub id: String,
    pub nama: String,
    pub nip: Option<String>,
    pub jabatan: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct SecondPartyView {
    pub nama: String,
    pub nip: Option<String>,
    pub jabatan: Option<String>,
    /// The superior's PK of the same year, when there is one.
    pub url: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct IndicatorView {
    pub id: String,
    pub nama: String,
    pub satuan: String,
    /// `positif` or `negatif`.
    pub polaritas: &'static str,
    pub ordinal: bool,
    /// A number, or a word of `skala`.
    pub target: Target,
    pub target_triwulan: Option<Vec<f64>>,
    pub realisasi: Option<Value>,
    /// The achievement shown: the period achievement in a year in progress.
    pub capaian: Option<f64>,
    /// What `capaian` is measured against in a year in progress ("s.d. Triwulan III");
    /// `None` in a complete year.
    pub periode: Option<String>,
    /// The capaian against the year target, shown beside the period achievement.
    pub capaian_tahunan: Option<f64>,
    /// Whether the indicator page explains how `capaian` was computed ("Cara menghitung").
    pub dijelaskan: bool,
    /// In a year in progress, the quarter's target the period achievement is measured
    /// against, and that quarter (`target_periode` of `tw_periode`).
    pub target_periode: Option<Target>,
    pub tw_periode: Option<u8>,
    pub kategori: Option<CategoryView>,
    pub standar_nasional: Option<f64>,
    pub capaian_renstra: Option<f64>,
    pub url: String,
    pub pk: String,
    pub sasaran: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct ProgrammeView {
    pub id: String,
    pub nama: String,
    pub pk: String,
    /// The position of the official whose PK holds the programme.
    pub jabatan: String,
    /// The programme on its PK's page.
    pub url: String,
    /// The goals it supports, linked on the PK's page.
    pub sasaran: Vec<Link>,
    pub pagu: i64,
    pub realisasi: i64,
    pub realisasi_triwulan: [i64; 4],
    pub serapan: Option<f64>,
    pub rata_rata_capaian: Option<f64>,
    pub efisiensi: Option<f64>,
    /// efisiensi ≥ 0.
    pub efisien: Option<bool>,
    /// Its nomenclature code, revised budget and source of funds, when given.
    pub kode: Option<String>,
    pub pagu_perubahan: Option<i64>,
    pub sumber_dana: Option<String>,
    /// Its kegiatan, each with its sub-kegiatan.
    pub kegiatan: Vec<budget::BudgetRow>,
    /// The positions of the officials in whose PKs the spending shown was recorded, when this
    /// programme records none itself (the head's PK); empty otherwise.
    pub realisasi_dari: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct GoalView {
    pub id: String,
    pub nama: String,
    /// The goal on its PK's page.
    pub url: String,
    /// The superior goal this one cascades from (`mendukung`).
    pub mendukung: Option<SupportsView>,
    pub indikator: Vec<IndicatorView>,
    /// The programmes of its PK that support it (comparison 7).
    pub program: Vec<Link>,
    /// The goals of other PKs that cascade from this one (`mendukung` = this id), labelled
    /// with the goal and the position of its official.
    pub didukung: Vec<Link>,
    /// Whether any of its indicators has quarterly targets.
    pub ada_target_triwulan: bool,
    pub ringkasan: SummaryView,
}

#[derive(Clone, Debug, Serialize)]
pub struct SupportsView {
    pub id: String,
    pub nama: String,
    /// The superior goal on its PK's page, when found.
    pub url: Option<String>,
    /// The position of the official whose PK holds it.
    pub jabatan: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct PkView {
    pub id: String,
    pub url: String,
    pub tahun: i32,
    pub pejabat: OfficialView,
    pub pihak_kedua: Option<SecondPartyView>,
    /// `YYYY-MM-DD`; format with `| tanggal`.
    pub tanggal: Option<String>,
    /// What its goals are called at the official's echelon ("Sasaran Strategis", …).
    pub jenis_sasaran: String,
    pub sasaran: Vec<GoalView>,
    pub program: Vec<ProgrammeView>,
    pub ringkasan: SummaryView,
    pub anggaran: BudgetView,
    /// The printable realisation request forms, "TW I" to "TW IV".
    pub formulir: Vec<Link>,
}

#[derive(Clone, Debug, Serialize)]
pub struct YearView {
    pub tahun: i32,
    pub url: String,
    pub disetujui: bool,
    /// Who signed, when, and the letter number; for a signed year.
    pub persetujuan: Option<approval::ApprovalView>,
    /// The quarters whose quarterly run of the SOP is approved (1..=3), for a year not yet
    /// approved as a whole.
    pub triwulan_disetujui: Vec<u8>,
    /// `disetujui`, `draft` or `tanpa_persetujuan` (the SOP has no approval step).
    pub status_persetujuan: &'static str,
    /// This year's compliance with the SOP, on the SOP page.
    pub url_kepatuhan: String,
    /// The page of the values changed since the approval (internal edition, content in git).
    pub url_perubahan: Option<String>,
    /// The self-assessment against the LKE (internal edition only).
    pub url_evaluasi: Option<String>,
    pub ringkasan: SummaryView,
    pub anggaran: BudgetView,
    pub pk: Vec<PkView>,
    /// Every programme of every PK.
    pub program: Vec<ProgrammeView>,
    pub validasi: ValidationSummary,
    pub data_json: String,
    pub data_csv: String,
    /// The commits that changed this year's realisations, newest first (internal edition).
    pub perubahan: Vec<CommitView>,
    /// Set when the data changed after the approval.
    pub basi: Option<StaleApprovalView>,
    /// The APIP's review of the year's report (`[reviu]` of proses.toml).
    pub reviu: Option<lkjip::ReviewView>,
    /// A year in progress: the indicators whose projected year-end achievement falls below
    /// "Tinggi" (the second step of the scale), worst first.
    pub berisiko: Vec<RiskView>,
}

/// An indicator at risk of missing its year target (early warning).
#[derive(Clone, Debug, Serialize)]
pub struct RiskView {
    pub nama: String,
    pub url: String,
    pub jabatan: String,
    /// The achievement so far ("s.d. Triwulan q").
    pub capaian: Option<f64>,
    pub proyeksi_realisasi: f64,
    pub proyeksi_capaian: Option<f64>,
    pub kategori: Option<CategoryView>,
    /// "profil tahun lalu" or "tren linear".
    pub metode: &'static str,
    pub kebutuhan: Option<f64>,
    /// `jumlah` / `rata_rata`: the need is each remaining quarter's own value; `akhir`: the
    /// value to reach by the year's end.
    pub kebutuhan_per_triwulan: bool,
    pub satuan: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct ValidationSummary {
    pub url: String,
    pub kesalahan: usize,
    pub peringatan: usize,
}

/// An evidence file of a realisation: its name, its SHA-256, and a link where the edition
/// publishes the file.
#[derive(Clone, Debug, Serialize)]
pub struct EvidenceView {
    pub nama: String,
    /// Relative to the content folder.
    pub jalur: String,
    pub sha256: Option<String>,
    /// The hash's first twelve digits, for display.
    pub sha256_pendek: Option<String>,
    pub url: Option<String>,
}

/// Who last changed a realisation, from git.
#[derive(Clone, Debug, Serialize)]
pub struct OriginView {
    /// The short commit id; empty when not committed yet.
    pub commit: String,
    pub penulis: String,
    /// `YYYY-MM-DD`.
    pub tanggal: String,
    /// Changed in the working tree, not committed yet.
    pub belum_commit: bool,
}

/// A commit of a year's change log.
#[derive(Clone, Debug, Serialize)]
pub struct CommitView {
    pub commit: String,
    pub penulis: String,
    /// `YYYY-MM-DD`.
    pub tanggal: String,
    pub pesan: String,
}

/// An approval that no longer matches the data.
#[derive(Clone, Debug, Serialize)]
pub struct StaleApprovalView {
    /// When the approval was recorded, `YYYY-MM-DD`.
    pub disetujui: String,
    /// The commits after it (internal edition; empty in the public one).
    pub perubahan: Vec<CommitView>,
    pub belum_commit: bool,
}

fn perubahan_view(c: &crate::provenance::Commit) -> CommitView {
    CommitView {
        commit: c.short.clone(),
        penulis: c.author.clone(),
        tanggal: c.date.to_string(),
        pesan: c.subject.clone(),
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct ReporterView {
    pub nama: String,
    pub jabatan: Option<String>,
}

/// Builds the views of one report.
pub(crate) struct Views<'a> {
    pub report: &'a Report,
    pub labels: &'a Labels,
    pub base: String,
    pub charts: ChartMaker<'a>,
    scale: Vec<Category>,
    /// Who committed each realisation; shown in the internal edition only.
    provenance: Option<&'a Provenance>,
    /// The approved years whose data changed after their approval.
    stale: BTreeMap<i32, StaleApprovalView>,
    /// The text of every file, for the file and line of each value; `None` in renders from
    /// a model alone.
    sources: Option<&'a crate::model::Sources>,
    /// The evidence files, with their hashes.
    evidence: Option<&'a crate::evidence::Evidence>,
}

impl<'a> Views<'a> {
    pub fn new(report: &'a Report, labels: &'a Labels) -> Views<'a> {
        Views {
            report,
            labels,
            base: normalise_base_url(&report.site.base_url),
            charts: ChartMaker::new(report),
            scale: report.categories(),
            provenance: None,
            stale: BTreeMap::new(),
            sources: None,
            evidence: None,
        }
    }

    /// Links each realisation's evidence files and gives their hashes.
    pub fn with_evidence(mut self, evidence: Option<&'a crate::evidence::Evidence>) -> Views<'a> {
        self.evidence = evidence;
        self
    }

    /// The evidence files this edition publishes: every file cited in the internal edition;
    /// in the public edition only those of entries with `bukti_publik = true`.
    pub fn published_evidence(&self) -> Vec<String> {
        let mut paths: Vec<String> = self
            .report
            .years
            .values()
            .flat_map(|y| y.realisations.values())
            .flat_map(|r| &r.entries)
            .filter(|e| self.internal() || e.evidence_public)
            .flat_map(|e| e.evidence.iter().map(|p| p.value.clone()))
            .collect();
        // The follow-up's evidence, shown on the internal edition's evaluation page only.
        if self.internal() {
            paths.extend(
                self.report
                    .years
                    .values()
                    .filter_map(|y| y.follow_up.as_ref())
                    .flat_map(|f| &f.recommendations)
                    .flat_map(|r| r.evidence.iter().map(|p| p.value.clone())),
            );
        }
        paths.sort();
        paths.dedup();
        paths
    }

    /// The evidence of one realisation entry: its files with their hashes, linked where the
    /// edition publishes them.
    fn evidence_of(&self, entry: &crate::model::Realisation) -> Vec<EvidenceView> {
        entry
            .evidence
            .iter()
            .map(|path| {
                let file = self.evidence.and_then(|e| e.get(path));
                let name = path.rsplit('/').next().unwrap_or(path).to_string();
                EvidenceView {
                    nama: name,
                    jalur: path.value.clone(),
                    sha256: file.map(|f| f.sha256.clone()),
                    sha256_pendek: file.map(|f| f.sha256[..12].to_string()),
                    url: (self.internal() || entry.evidence_public)
                        .then(|| self.url(&crate::evidence::output_path(path))),
                }
            })
            .collect()
    }

    /// Names the file and line of each value in the explanations of achievements.
    pub fn with_sources(mut self, sources: Option<&'a crate::model::Sources>) -> Views<'a> {
        self.sources = sources;
        self
    }

    /// Shows the provenance of each realisation and each year's change log (internal edition
    /// only: the public edition names no reporter nor commit author), and flags the approved
    /// years whose data changed after their approval (both editions).
    pub fn with_provenance(
        mut self,
        provenance: &'a Provenance,
        computed: &crate::compute::Computed,
    ) -> Views<'a> {
        let internal = self.internal();
        self.stale = computed
            .years
            .iter()
            .filter_map(|(year, r)| {
                let (signed, stale) = (r.approval.signed()?, r.approval.stale.as_ref()?);
                let view = StaleApprovalView {
                    disetujui: signed.instant.date().to_string(),
                    perubahan: if internal {
                        stale
                            .changes
                            .iter()
                            .map(|c| perubahan_view(&c.commit))
                            .collect()
                    } else {
                        Vec::new()
                    },
                    belum_commit: !stale.uncommitted.is_empty(),
                };
                Some((*year, view))
            })
            .collect();
        self.provenance = internal.then_some(provenance);
        self
    }

    /// Whether this is the agency's own edition (every name, finding and process record).
    pub fn internal(&self) -> bool {
        self.report.site.edition == crate::model::Edition::Internal
    }

    /// The years whose approval is out of date, for the banner on each of their pages.
    pub fn stale_years(&self) -> Vec<i32> {
        self.stale.keys().copied().collect()
    }

    /// The provenance of the realisation of `indicator` in `quarter`, when known.
    pub(crate) fn origin(
        &self,
        year: i32,
        pk: &str,
        indicator: &str,
        quarter: crate::model::Quarter,
    ) -> Option<OriginView> {
        let origin = self.provenance?.realisation(year, pk, indicator, quarter)?;
        Some(match origin.commit() {
            Some(c) => OriginView {
                commit: c.short.clone(),
                penulis: c.author.clone(),
                tanggal: c.date.to_string(),
                belum_commit: false,
            },
            None => OriginView {
                commit: String::new(),
                penulis: String::new(),
                tanggal: String::new(),
                belum_commit: true,
            },
        })
    }

    /// The commits that changed the realisations of `year`, newest first (internal edition).
    fn changelog(&self, year: i32) -> Vec<CommitView> {
        self.provenance
            .map(|p| p.changelog(year).into_iter().map(perubahan_view).collect())
            .unwrap_or_default()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// The URL of a page or file of the site under the base URL.
    pub fn route_url(&self, route: &Route) -> String {
        route.url(&self.base)
    }

    pub fn year_url(&self, year: i32) -> String {
        self.route_url(&Route::Year(year))
    }

    pub fn pk_url(&self, year: i32, pk: &str) -> String {
        self.route_url(&Route::Pk {
            year,
            pk: pk.to_string(),
        })
    }

    pub fn indicator_url(&self, year: i32, id: &str) -> String {
        self.route_url(&Route::Indicator {
            year,
            id: id.to_string(),
        })
    }

    pub fn validation_url(&self, year: i32) -> String {
        self.route_url(&Route::Validation(year))
    }

    pub fn page_url(&self, slug: &str) -> String {
        self.route_url(&Route::SitePage {
            slug: slug.to_string(),
        })
    }

    pub fn markdown(&self, heading_offset: usize) -> Markdown<'_> {
        Markdown {
            base_url: &self.base,
            heading_offset,
        }
    }

    // -- globals ------------------------------------------------------------------------------

    pub fn site(&self) -> SiteView {
        let site = &self.report.site;
        SiteView {
            judul: site.title.clone(),
            base_url: self.base.clone(),
            bahasa: site.language.code(),
            opd: AgencyView {
                nama: site.agency.name.clone(),
                singkatan: site.agency.short_name.clone(),
                wilayah: site.agency.region.clone(),
            },
            tempat: signing_place(&site.agency.region),
            tanggal_laporan: site.report_date.as_ref().map(|d| d.to_string()),
            internal: self.internal(),
            tahun_basi: self.stale_years(),
        }
    }

    pub fn nav(&self, years: &[YearData<'_>]) -> NavView {
        NavView {
            home: self.base.clone(),
            years: years
                .iter()
                .map(|y| NavYear {
                    tahun: y.year,
                    url: self.year_url(y.year),
                    draft: !y.approved(self.report),
                })
                .collect(),
            pages: sorted_pages(self.report)
                .into_iter()
                .map(|p| NavPage {
                    slug: p.slug.clone(),
                    judul: p.front.title.clone(),
                    url: self.page_url(&p.slug),
                })
                .collect(),
            sop: links::sop_url(self),
        }
    }

    pub fn scale(&self) -> Vec<ScaleView> {
        self.scale
            .iter()
            .enumerate()
            .map(|(i, c)| ScaleView {
                nama: c.name.clone(),
                min: c.min.is_finite().then_some(*c.min),
                kelas: self.colour_class(i),
                warna: self.colour(i),
            })
            .collect()
    }

    // -- pieces -------------------------------------------------------------------------------

    /// The colour of the scale entry at `position` (0 = highest): the charts' colour, so that
    /// a badge and a bar of the same category agree.
    fn colour(&self, position: usize) -> String {
        crate::chart::category_colour(position, self.scale.len()).hex()
    }

    /// The class of the scale entry at `position` (0 = highest): five steps, `kat-1` to
    /// `kat-5`, spread over the scale so that its ends are always `kat-1` and `kat-5`.
    fn colour_class(&self, position: usize) -> String {
        let n = self.scale.len();
        let colour = match n {
            0 | 1 => 0,
            4 => [0, 1, 2, 4][position.min(3)],
            _ => (position.min(n - 1) * 4 + (n - 1) / 2) / (n - 1),
        };
        format!("kat-{}", colour + 1)
    }

    fn category(&self, name: Option<&str>) -> Option<CategoryView> {
        let name = name?;
        let position = self.scale.iter().position(|c| c.name == name)?;
        Some(CategoryView {
            nama: name.to_string(),
            kelas: self.colour_class(position),
            warna: self.colour(position),
        })
    }

    fn category_of(&self, achievement: Option<f64>) -> Option<CategoryView> {
        let a = achievement.filter(|a| a.is_finite())?;
        let position = self.scale.iter().position(|c| *c.min <= a)?;
        Some(CategoryView {
            nama: self.scale[position].name.clone(),
            kelas: self.colour_class(position),
            warna: self.colour(position),
        })
    }

    /// "s.d. Triwulan III" for a year in progress, `None` for a complete year.
    fn year_period_label(&self, data: &YearData<'_>) -> Option<String> {
        let period = data.result?.period;
        if period.complete {
            return None;
        }
        Some(match period.through {
            Some(q) => self.up_to_quarter(q),
            None => self.labels.get("belum_terukur").to_string(),
        })
    }

    /// "s.d. Triwulan III".
    fn up_to_quarter(&self, q: crate::model::Quarter) -> String {
        let quarter = ["triwulan_1", "triwulan_2", "triwulan_3", "triwulan_4"][q.index()];
        format!("{} {}", self.labels.get("sd"), self.labels.get(quarter))
    }

    /// What an indicator's shown achievement is measured against, in a year in progress:
    /// "s.d. Triwulan III", or "s.d. Triwulan III, terhadap target tahunan" without quarterly
    /// targets; `None` in a complete year.
    fn basis_label(&self, basis: PeriodBasis) -> Option<String> {
        match basis {
            PeriodBasis::Year => None,
            PeriodBasis::Quarter(q) => Some(self.up_to_quarter(q)),
            PeriodBasis::YearTarget(q) => Some(format!(
                "{}, {}",
                self.up_to_quarter(q),
                self.labels.get("terhadap_target_tahunan")
            )),
            PeriodBasis::Nothing => Some(self.labels.get("belum_terukur").to_string()),
        }
    }

    fn summary(&self, data: &YearData<'_>, summary: Option<&Summary>) -> SummaryView {
        let empty = Summary::default();
        let s = summary.unwrap_or(&empty);
        let counts = |name: &str| {
            s.categories
                .iter()
                .find(|c| c.name == name)
                .map_or(0, |c| c.count)
        };
        SummaryView {
            periode: self.year_period_label(data),
            jumlah_indikator: s.indicators,
            terukur: s.measured,
            rata_rata_capaian: s.mean_achievement,
            kategori_rata_rata: self.category_of(s.mean_achievement),
            kategori: self
                .scale
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let jumlah = counts(&c.name);
                    let persen = if s.measured > 0 {
                        jumlah as f64 * 100.0 / s.measured as f64
                    } else {
                        0.0
                    };
                    CategoryCountView {
                        nama: c.name.clone(),
                        kelas: self.colour_class(i),
                        warna: self.colour(i),
                        jumlah,
                        persen,
                        lebar: format!("{persen:.1}%"),
                    }
                })
                .collect(),
        }
    }

    fn budget(&self, budget: Option<&Budget>, fallback_pagu: i64) -> BudgetView {
        match budget {
            Some(b) => BudgetView {
                pagu: b.budget.0,
                pagu_perubahan: (b.effective_budget != b.budget).then_some(b.effective_budget.0),
                realisasi: b.spent.0,
                serapan: b.absorption,
                efisiensi: b.efficiency,
            },
            None => BudgetView {
                pagu: fallback_pagu,
                pagu_perubahan: None,
                realisasi: 0,
                serapan: None,
                efisiensi: None,
            },
        }
    }

    pub(crate) fn official(&self, id: &str) -> OfficialView {
        match self.report.official(id) {
            Some(o) => official_view(o),
            None => OfficialView {
                id: id.to_string(),
                nama: id.to_string(),
                nip: None,
                jabatan: String::new(),
            },
        }
    }

    fn reporter(&self, id: &str) -> ReporterView {
        match self.report.official(id) {
            Some(o) => ReporterView {
                nama: o.name.clone(),
                jabatan: Some(o.position.clone()),
            },
            None => ReporterView {
                nama: id.to_string(),
                jabatan: None,
            },
        }
    }

    fn goal_kind(&self, official: Option<&Official>) -> String {
        let key = match official.map(|o| o.echelon) {
            Some(Echelon::II) => "sasaran_strategis",
            Some(Echelon::III) => "sasaran_program",
            Some(Echelon::IV) => "sasaran_kegiatan",
            Some(Echelon::Staff) | None => "sasaran",
        };
        self.labels.get(key).to_string()
    }

    pub fn indicator(
        &self,
        year: i32,
        pk: &Pk,
        goal: &Goal,
        indicator: &Indicator,
        result: Option<&IndicatorResult>,
    ) -> IndicatorView {
        IndicatorView {
            id: indicator.id.to_string(),
            nama: indicator.name.clone(),
            satuan: indicator.unit.clone(),
            polaritas: indicator.polarity.key(),
            ordinal: indicator.is_ordinal(),
            target: indicator.year_target().unwrap_or_default(),
            target_triwulan: indicator
                .quarter_targets
                .as_ref()
                .map(|t| t.iter().map(|v| v.value).collect()),
            realisasi: result.and_then(|r| r.realisation.clone()),
            capaian: result.and_then(|r| r.achievement),
            periode: result.and_then(|r| self.basis_label(r.basis)),
            dijelaskan: result.is_some_and(|r| r.working.is_some()),
            // Beside a period achievement against a quarter's target only: against the year
            // target the two are the same number.
            capaian_tahunan: result
                .filter(|r| matches!(r.basis, PeriodBasis::Quarter(_)))
                .and_then(|r| r.year_achievement),
            target_periode: match result.map(|r| r.basis) {
                Some(PeriodBasis::Quarter(q)) => indicator
                    .quarter_goal(q)
                    .filter(|t| Some(t) != indicator.year_target().as_ref()),
                _ => None,
            },
            tw_periode: match result.map(|r| r.basis) {
                Some(PeriodBasis::Quarter(q)) => Some(q.number()),
                _ => None,
            },
            kategori: result.and_then(|r| self.category(r.category.as_deref())),
            standar_nasional: indicator.national_standard.as_ref().map(|s| s.value),
            capaian_renstra: result
                .and_then(|r| r.renstra.as_ref())
                .and_then(|r| r.achievement),
            url: self.indicator_url(year, &indicator.id),
            pk: pk.id.clone(),
            sasaran: goal.id.to_string(),
        }
    }

    fn programme(&self, data: &YearData<'_>, pk: &Pk, programme: &Programme) -> ProgrammeView {
        let result: Option<&ProgrammeResult> = data.programme_result_of(pk, programme);
        let pk_url = self.pk_url(data.year, &pk.id);
        ProgrammeView {
            jabatan: self
                .report
                .official(&pk.official)
                .map_or_else(String::new, |o| o.position.clone()),
            id: programme.id.to_string(),
            nama: programme.name.clone(),
            pk: pk.id.clone(),
            url: format!("{pk_url}#program-{}", *programme.id),
            sasaran: programme
                .goals
                .iter()
                .map(|g| Link {
                    label: pk
                        .goals
                        .iter()
                        .find(|x| *x.id == **g)
                        .map_or_else(|| g.to_string(), |x| x.name.clone()),
                    url: format!("{pk_url}#sasaran-{}", **g),
                })
                .collect(),
            pagu: programme.budget.0,
            realisasi: result.map_or(0, |r| r.spent.0),
            realisasi_triwulan: result.map_or([0; 4], |r| r.spent_per_quarter.map(|x| x.0)),
            serapan: result.and_then(|r| r.absorption),
            rata_rata_capaian: result.and_then(|r| r.mean_achievement),
            efisiensi: result.and_then(|r| r.efficiency),
            efisien: result.and_then(|r| r.efficiency).map(|e| e >= 0.0),
            kode: programme.code.as_ref().map(|c| c.to_string()),
            pagu_perubahan: programme.revised_budget.as_ref().map(|r| r.0),
            sumber_dana: programme.funding.as_ref().map(|f| f.to_string()),
            kegiatan: result.map_or_else(Vec::new, |r| budget::rows(&r.activities)),
            realisasi_dari: result.map_or_else(Vec::new, |r| {
                r.from_pks
                    .iter()
                    .map(|id| {
                        data.model
                            .pk(id)
                            .and_then(|pk| self.report.official(&pk.official))
                            .map_or_else(|| id.clone(), |o| o.position.clone())
                    })
                    .collect()
            }),
        }
    }

    fn goal(&self, data: &YearData<'_>, pk: &Pk, goal: &Goal) -> GoalView {
        let pk_url = self.pk_url(data.year, &pk.id);
        let result = data.goal_result_of(pk, goal);
        let superior = self
            .report
            .official(&pk.official)
            .map(|o| o.superior.to_string())
            .unwrap_or_default();
        let mendukung =
            (!goal.supports.is_empty()).then(|| match data.find_goal(&goal.supports, &superior) {
                Some((spk, sgoal)) => SupportsView {
                    id: sgoal.id.to_string(),
                    nama: sgoal.name.clone(),
                    url: Some(format!(
                        "{}#sasaran-{}",
                        self.pk_url(data.year, &spk.id),
                        *sgoal.id
                    )),
                    jabatan: self
                        .report
                        .official(&spk.official)
                        .map(|o| o.position.clone()),
                },
                None => SupportsView {
                    id: goal.supports.to_string(),
                    nama: goal.supports.to_string(),
                    url: None,
                    jabatan: None,
                },
            });
        // The programmes serving the goal, as `compute` lists them (its `programmes`), taken
        // from the model rather than looked up by the ids it gives.
        let programmes: Vec<&Programme> = pk
            .programmes
            .iter()
            .filter(|p| p.goals.iter().any(|g| **g == *goal.id))
            .collect();
        GoalView {
            id: goal.id.to_string(),
            nama: goal.name.clone(),
            url: format!("{pk_url}#sasaran-{}", *goal.id),
            mendukung,
            indikator: goal
                .indicators
                .iter()
                .map(|i| {
                    self.indicator(
                        data.year,
                        pk,
                        goal,
                        i,
                        data.indicator_result_of(pk, goal, i),
                    )
                })
                .collect(),
            program: programmes
                .iter()
                .map(|p| Link {
                    label: p.name.clone(),
                    url: format!("{pk_url}#program-{}", *p.id),
                })
                .collect(),
            didukung: data
                .children(&goal.id)
                .iter()
                .map(|(child, g)| {
                    let position = self
                        .report
                        .official(&child.official)
                        .map(|o| o.position.as_str());
                    Link {
                        label: match position {
                            Some(position) => format!("{} ({position})", g.name),
                            None => g.name.clone(),
                        },
                        url: format!("{}#sasaran-{}", self.pk_url(data.year, &child.id), *g.id),
                    }
                })
                .collect(),
            ada_target_triwulan: goal.indicators.iter().any(|i| i.quarter_targets.is_some()),
            ringkasan: self.summary(data, result.map(|r| &r.summary)),
        }
    }

    pub fn pk(&self, data: &YearData<'_>, pk: &Pk) -> PkView {
        let official = self.report.official(&pk.official);
        let result = data.pk_result_of(pk);
        let pihak_kedua = match pk.second_party() {
            Some(party) if !party.name.trim().is_empty() => Some(SecondPartyView {
                nama: party.name.trim().to_string(),
                // A NIP encodes a date of birth: the public edition leaves it out unless
                // `publik_nip`, as it does the officials'.
                nip: party
                    .nip
                    .filter(|_| self.internal() || self.report.site.public_nip)
                    .map(str::to_string),
                jabatan: party.position.map(str::to_string),
                url: None,
            }),
            _ => official
                .filter(|o| !o.superior.is_empty())
                .and_then(|o| self.report.official(&o.superior))
                .map(|sup| SecondPartyView {
                    nama: sup.name.clone(),
                    nip: sup.nip.clone(),
                    jabatan: Some(sup.position.clone()),
                    url: data
                        .model
                        .pks
                        .iter()
                        .find(|p| *p.official == *sup.id)
                        .map(|p| self.pk_url(data.year, &p.id)),
                }),
        };
        PkView {
            id: pk.id.clone(),
            url: self.pk_url(data.year, &pk.id),
            tahun: data.year,
            pejabat: self.official(&pk.official),
            pihak_kedua,
            tanggal: pk.signed.as_ref().map(|d| d.to_string()),
            jenis_sasaran: self.goal_kind(official),
            sasaran: pk.goals.iter().map(|g| self.goal(data, pk, g)).collect(),
            program: pk
                .programmes
                .iter()
                .map(|p| self.programme(data, pk, p))
                .collect(),
            ringkasan: self.summary(data, result.map(|r| &r.summary)),
            anggaran: self.budget(
                result.map(|r| &r.budget),
                pk.programmes.iter().map(|p| p.budget.0).sum(),
            ),
            formulir: if self.internal() {
                links::form_links(self, data.year, &pk.id)
            } else {
                Vec::new()
            },
        }
    }

    pub fn year(&self, data: &YearData<'_>, findings: &[Located]) -> YearView {
        let pks: Vec<PkView> = data.ordered.iter().map(|pk| self.pk(data, pk)).collect();
        let (kesalahan, peringatan) = severity_counts(findings, data.year);
        YearView {
            reviu: lkjip::ReviewView::of(
                data.model.process.as_ref(),
                self.internal() || self.report.site.public_nip,
            ),
            url_perubahan: None,
            url_evaluasi: None,
            tahun: data.year,
            url: self.year_url(data.year),
            disetujui: data.approved(self.report),
            persetujuan: approval::approval(self, data),
            triwulan_disetujui: data
                .approval()
                .map(|a| a.approved_quarters())
                .unwrap_or_default(),
            status_persetujuan: data.approval().map_or("draft", |a| a.status()),
            url_kepatuhan: links::compliance_url(self, data.year),
            ringkasan: self.summary(data, data.result.map(|r| &r.summary)),
            anggaran: self.budget(
                data.result.map(|r| &r.budget),
                data.model
                    .pks
                    .iter()
                    .flat_map(|p| &p.programmes)
                    .map(|p| p.budget.0)
                    .sum(),
            ),
            // A programme listed by code in two PKs (the head's and a Kabid's) is one row.
            program: {
                let counted: std::collections::BTreeSet<(&str, &str)> = data
                    .result
                    .map(|r| {
                        crate::compute::budget::counted_once(
                            r.pks.iter().flat_map(|p| &p.programmes),
                        )
                        .into_iter()
                        .map(|p| (p.pk.as_str(), p.id.as_str()))
                        .collect()
                    })
                    .unwrap_or_default();
                pks.iter()
                    .flat_map(|p| p.program.iter())
                    .filter(|p| {
                        data.result.is_none() || counted.contains(&(p.pk.as_str(), p.id.as_str()))
                    })
                    .cloned()
                    .collect()
            },
            pk: pks,
            validasi: ValidationSummary {
                url: self.validation_url(data.year),
                kesalahan,
                peringatan,
            },
            data_json: self.route_url(&Route::Export {
                year: data.year,
                format: ExportFormat::Json,
            }),
            data_csv: self.route_url(&Route::Export {
                year: data.year,
                format: ExportFormat::Csv,
            }),
            perubahan: self.changelog(data.year),
            basi: self.stale.get(&data.year).cloned(),
            berisiko: self.at_risk(data),
        }
    }
}

fn official_view(o: &Official) -> OfficialView {
    OfficialView {
        id: o.id.to_string(),
        nama: o.name.clone(),
        nip: o.nip.clone(),
        jabatan: o.position.clone(),
    }
}

/// The findings of a year's validation page: that year's, and those of no year (site-wide).
pub(crate) fn findings_of(findings: &[Located], year: i32) -> Vec<&Located> {
    findings
        .iter()
        .filter(|f| f.year.is_none_or(|y| y == year))
        .collect()
}

/// How many errors and how many warnings a year's validation page lists.
pub(crate) fn severity_counts(findings: &[Located], year: i32) -> (usize, usize) {
    let year_findings = findings_of(findings, year);
    let count = |severity| {
        year_findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    };
    (count(Severity::Error), count(Severity::Warning))
}

/// The Markdown pages in navigation order: `urutan`, then the slug.
pub(crate) fn sorted_pages(report: &Report) -> Vec<&crate::model::Page> {
    let mut pages: Vec<_> = report.pages.iter().collect();
    pages.sort_by(|a, b| (a.front.order, &a.slug).cmp(&(b.front.order, &b.slug)));
    pages
}

/// `base_url` with exactly one `/` at the end (and at the start, for a path): `/`, `/lkjip/`,
/// `https://example.go.id/lkjip/`.
pub fn normalise_base_url(base_url: &str) -> String {
    let trimmed = base_url.trim().trim_end_matches('/');
    if trimmed.is_empty() {
        return "/".to_string();
    }
    if trimmed.contains("://") || trimmed.starts_with('/') {
        format!("{trimmed}/")
    } else {
        format!("/{trimmed}/")
    }
}

/// "Kota Tarakan" → "Tarakan": documents are signed in the city, not the "Kota".
fn signing_place(region: &str) -> String {
    let region = region.trim();
    for prefix in [
        "Kota Administrasi ",
        "Kabupaten ",
        "Kota ",
        "Provinsi ",
        "Kab. ",
    ] {
        if let Some(rest) = region.strip_prefix(prefix) {
            return rest.to_string();
        }
    }
    region.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls() {
        assert_eq!(normalise_base_url("/"), "/");
        assert_eq!(normalise_base_url(""), "/");
        assert_eq!(normalise_base_url("/lkjip"), "/lkjip/");
        assert_eq!(normalise_base_url("lkjip/"), "/lkjip/");
        assert_eq!(
            normalise_base_url("https://x.go.id/lkjip//"),
            "https://x.go.id/lkjip/"
        );
    }

    #[test]
    fn places() {
        assert_eq!(signing_place("Kota Tarakan"), "Tarakan");
        assert_eq!(signing_place("Kabupaten Bulungan"), "Bulungan");
        assert_eq!(signing_place("Tarakan"), "Tarakan");
    }
}
