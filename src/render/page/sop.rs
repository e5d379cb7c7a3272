//! The SOP on the site: the SOP page (`/sop/`) with its identity, its flowchart and, per year,
//! the compliance of the recorded process (`proses.toml`) with the SOP's steps and time
//! standards; and the approval of a year (who signed, when, under which letter number), shown
//! on the year page and the dashboard.
//!
//! The time standard is read as validation reads it: `menit` and `jam` as elapsed
//! time, when both `tanggal` and `selesai` have a time of day; `hari` as working days Monday to
//! Friday, both ends counted ([`crate::validate::working_days`]). A step over its standard is
//! marked here and is a warning on the year's validation page.

use serde::Serialize;
use tera::Context;

use crate::approval::{Run, Signed};
use crate::model::{Moment, ProcessStep, SopStep, TimeStandard, TimeUnit};
use crate::render::error::RenderError;
use crate::render::labels::Labels;
use crate::render::lookup::YearData;
use crate::render::nav::{crumb, home};
use crate::render::output::Output;
use crate::render::view::approval::{ApprovalView, approval, signed_view};
use crate::render::view::links::{compliance_id, sop_url};
use crate::render::view::{OfficialView, PageMeta, Views};

/// The context of `sop.html`: the SOP's text, its flowchart, and each year's compliance.
#[derive(Clone, Debug, Serialize)]
pub struct SopPageView {
    pub nama: String,
    pub nomor: Option<String>,
    pub dasar_hukum: Vec<String>,
    pub kualifikasi: Vec<String>,
    pub keterkaitan: Vec<String>,
    pub peralatan: Vec<String>,
    pub pencatatan: Vec<String>,
    pub peringatan: String,
    /// The flowchart, an inline SVG that escapes its own text (insert it with `| safe`).
    pub bagan: String,
    /// Every year, newest first.
    pub tahun: Vec<ComplianceView>,
}

/// The compliance of one year's process with the SOP.
#[derive(Clone, Debug, Serialize)]
pub struct ComplianceView {
    pub tahun: i32,
    /// The anchor of this table on the SOP page (`kepatuhan-2025`).
    pub id: String,
    /// The year's report.
    pub url: String,
    pub disetujui: bool,
    pub persetujuan: Option<ApprovalView>,
    /// Whether the year has a `proses.toml`.
    pub ada_catatan: bool,
    /// The runs recorded: the quarterly collections, then the year's report, each by `putaran`.
    pub putaran: Vec<RoundView>,
    /// Steps recorded, in every run.
    pub dicatat: usize,
    /// Steps over their time standard, in every run.
    pub melebihi: usize,
}

/// One run of the SOP in a year, with its compliance table.
#[derive(Clone, Debug, Serialize)]
pub struct RoundView {
    /// The anchor of its table (`kepatuhan-2026-tw1-1`, `kepatuhan-2025-tahunan-1`).
    pub id: String,
    /// "Triwulan I, putaran 1", "Laporan tahunan, putaran 2".
    pub judul: String,
    /// The quarterly collection, 1..=3; none for the year's report.
    pub triwulan: Option<u8>,
    pub putaran: u32,
    /// Whether this run's approval steps are all recorded.
    pub disetujui: bool,
    /// Who signed this run.
    pub persetujuan: Option<ApprovalView>,
    /// The run whose approval is the year's (shown once, above the runs).
    pub persetujuan_tahun: bool,
    /// One row per SOP step, in the SOP's order, recorded or not.
    pub langkah: Vec<StepView>,
    /// Steps recorded.
    pub dicatat: usize,
    /// Steps over their time standard.
    pub melebihi: usize,
}

/// One SOP step in one year.
#[derive(Clone, Debug, Serialize)]
pub struct StepView {
    pub no: u32,
    pub uraian: String,
    /// The time standard (`waktu`) in words.
    pub waktu: String,
    /// An approval step (`persetujuan = true`).
    pub persetujuan: bool,
    pub dicatat: bool,
    /// Who did it.
    pub oleh: Option<OfficialView>,
    /// `tanggal` and `selesai`, ISO; format with `| tanggal`.
    pub mulai: Option<String>,
    pub selesai: Option<String>,
    /// The time taken, in words, when it can be measured.
    pub durasi: Option<String>,
    /// `sesuai` (within the standard), `melebihi` (over it), or none (not measurable).
    pub status: Option<&'static str>,
    pub dokumen: Option<String>,
    pub nomor_surat: Option<String>,
}

/// The time a recorded step took, in the unit its standard is checked in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Taken {
    Minutes(i64),
    WorkingDays(i64),
}

impl Taken {
    /// The time `step` took, by the rule of its standard: `None` without `selesai`, or for a
    /// standard in minutes or hours when either end has no time of day.
    pub fn of(step: &ProcessStep, standard: TimeStandard) -> Option<Taken> {
        let end = step.end.as_ref()?;
        match standard.unit {
            TimeUnit::WorkingDays => Some(Taken::WorkingDays(crate::validate::working_days(
                step.start.date(),
                end.date(),
            ))),
            TimeUnit::Minutes | TimeUnit::Hours => {
                let (Moment::At(start), Moment::At(finish)) = (step.start.value, end.value) else {
                    return None;
                };
                let span = start.until(finish).ok()?;
                let minutes = i64::from(span.get_days()) * 24 * 60
                    + i64::from(span.get_hours()) * 60
                    + span.get_minutes();
                Some(Taken::Minutes(minutes))
            }
        }
    }

    /// Whether this is more than `standard` allows.
    pub fn exceeds(self, standard: TimeStandard) -> bool {
        let amount = i64::from(standard.amount);
        match (self, standard.unit) {
            (Taken::WorkingDays(days), _) => days > amount,
            (Taken::Minutes(m), TimeUnit::Hours) => m > amount * 60,
            (Taken::Minutes(m), _) => m > amount,
        }
    }
}

/// "1 jam 55 menit", "3 hari kerja" (English: "1 h 55 min", "3 working days").
pub fn taken_words(taken: Taken, labels: &Labels) -> String {
    match taken {
        Taken::WorkingDays(days) => working_days_words(days, labels),
        Taken::Minutes(minutes) => {
            let (days, hours, mins) = (minutes / (24 * 60), minutes / 60 % 24, minutes % 60);
            let mut parts = Vec::new();
            if days > 0 {
                parts.push(format!("{days} {}", labels.get("durasi_hari")));
            }
            if hours > 0 {
                parts.push(format!("{hours} {}", labels.get("durasi_jam")));
            }
            if mins > 0 || parts.is_empty() {
                parts.push(format!("{mins} {}", labels.get("durasi_menit")));
            }
            parts.join(" ")
        }
    }
}

fn working_days_words(days: i64, labels: &Labels) -> String {
    let unit = if days == 1 {
        labels.get("hari_kerja_satu")
    } else {
        labels.get("hari_kerja")
    };
    format!("{days} {unit}")
}

/// A time standard in the words of [`taken_words`]: "10 menit", "2 jam", "2 hari kerja".
pub fn standard_words(standard: TimeStandard, labels: &Labels) -> String {
    let amount = i64::from(standard.amount);
    match standard.unit {
        TimeUnit::Minutes => format!("{amount} {}", labels.get("durasi_menit")),
        TimeUnit::Hours => format!("{amount} {}", labels.get("durasi_jam")),
        TimeUnit::WorkingDays => working_days_words(amount, labels),
    }
}

fn moment_text(moment: Moment) -> String {
    match moment {
        Moment::Day(d) => d.to_string(),
        Moment::At(dt) => dt.to_string(),
    }
}

/// The compliance of one year, run by run.
pub(crate) fn compliance(views: &Views<'_>, data: &YearData<'_>) -> ComplianceView {
    let process = data.model.process.as_ref();
    let mut runs: Vec<Run> = process
        .map(|p| p.steps.iter().map(Run::of).collect())
        .unwrap_or_default();
    runs.sort_by_key(|r| (r.quarter.map_or(5, |q| q.number()), r.round));
    runs.dedup();
    let year_approval = data.approval();
    let putaran: Vec<RoundView> = runs
        .into_iter()
        .map(|run| {
            let records: Vec<&ProcessStep> = process
                .map(|p| p.steps.iter().filter(|s| Run::of(s) == run).collect())
                .unwrap_or_default();
            let signed = year_approval.and_then(|a| a.runs.iter().find(|s| s.run == run));
            let of_year = year_approval
                .and_then(|a| a.signed())
                .is_some_and(|s| s.run == run);
            run_view(views, data.year, run, &records, signed, of_year)
        })
        .collect();
    let disetujui = data.approved(views.report);
    ComplianceView {
        tahun: data.year,
        id: compliance_id(data.year),
        url: views.year_url(data.year),
        disetujui,
        persetujuan: approval(views, data),
        ada_catatan: process.is_some(),
        dicatat: putaran.iter().map(|r| r.dicatat).sum(),
        melebihi: putaran.iter().map(|r| r.melebihi).sum(),
        putaran,
    }
}

fn run_view(
    views: &Views<'_>,
    year: i32,
    run: Run,
    records: &[&ProcessStep],
    signed: Option<&Signed>,
    of_year: bool,
) -> RoundView {
    let mut steps: Vec<&SopStep> = views.report.sop.steps.iter().collect();
    steps.sort_by_key(|s| *s.no);
    let langkah: Vec<StepView> = steps
        .iter()
        .map(|step| {
            let record = records.iter().copied().find(|r| *r.no == *step.no);
            let standard = *step.time;
            let taken = record.and_then(|r| Taken::of(r, standard));
            StepView {
                no: *step.no,
                uraian: step.description.clone(),
                waktu: standard_words(standard, views.labels),
                persetujuan: step.approval,
                dicatat: record.is_some(),
                oleh: record.map(|r| views.official(&r.by)),
                mulai: record.map(|r| moment_text(r.start.value)),
                selesai: record
                    .and_then(|r| r.end.as_ref())
                    .map(|e| moment_text(e.value)),
                durasi: taken.map(|t| taken_words(t, views.labels)),
                status: taken.map(|t| {
                    if t.exceeds(standard) {
                        "melebihi"
                    } else {
                        "sesuai"
                    }
                }),
                dokumen: record
                    .and_then(|r| r.document.clone())
                    .filter(|d| !d.trim().is_empty()),
                nomor_surat: record
                    .and_then(|r| r.letter_number.clone())
                    .filter(|n| !n.trim().is_empty()),
            }
        })
        .collect();
    let what = match run.quarter {
        Some(q) => format!("tw{}", q.number()),
        None => "tahunan".to_string(),
    };
    let judul = run.words(views.report.site.language);
    let mut chars = judul.chars();
    let judul = chars
        .next()
        .map_or(String::new(), |c| c.to_uppercase().chain(chars).collect());
    RoundView {
        id: format!("{}-{what}-{}", compliance_id(year), run.round),
        judul,
        triwulan: run.quarter.map(|q| q.number()),
        putaran: run.round,
        disetujui: signed.is_some(),
        persetujuan: signed.map(|s| signed_view(views, year, s)),
        persetujuan_tahun: of_year,
        dicatat: langkah.iter().filter(|l| l.dicatat).count(),
        melebihi: langkah
            .iter()
            .filter(|l| l.status == Some("melebihi"))
            .count(),
        langkah,
    }
}

/// Renders `sop/index.html`.
pub(crate) fn render_page(
    out: &mut Output<'_>,
    views: &Views<'_>,
    years: &[YearData<'_>],
) -> Result<(), RenderError> {
    let Some(path) = out.wanted(&crate::route::Route::Sop) else {
        return Ok(());
    };
    let sop = &views.report.sop;
    let page = SopPageView {
        nama: sop.name.clone(),
        nomor: sop.number.clone().filter(|n| !n.trim().is_empty()),
        dasar_hukum: sop.legal_basis.clone(),
        kualifikasi: sop.qualifications.clone(),
        keterkaitan: sop.related.clone(),
        peralatan: sop.equipment.clone(),
        pencatatan: sop.records.clone(),
        peringatan: sop.warning.clone(),
        bagan: crate::flowchart::sop_flowchart(sop, views.report.site.language),
        // How each year's process went (who, when, late steps) is for the agency's staff.
        tahun: if views.internal() {
            years.iter().rev().map(|y| compliance(views, y)).collect()
        } else {
            Vec::new()
        },
    };
    let title = if sop.name.trim().is_empty() {
        views.labels.get("sop").to_string()
    } else {
        sop.name.clone()
    };
    let meta = PageMeta {
        kind: "sop",
        title: title.clone(),
        url: sop_url(views),
        breadcrumbs: vec![home(views), crumb(&title, None)],
        year: None,
        draft: false,
        prev: None,
        next: None,
    };
    let mut context = Context::new();
    context.insert("sop", &page);
    out.page("sop.html", &path, meta, context)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Language;

    fn step(start: &str, end: Option<&str>) -> ProcessStep {
        let mut text = format!("no = 1\noleh = \"x\"\ntanggal = {start}\n");
        if let Some(end) = end {
            text += &format!("selesai = {end}\n");
        }
        toml::from_str(&text).unwrap()
    }

    fn standard(text: &str) -> TimeStandard {
        text.parse().unwrap()
    }

    #[test]
    fn working_days_skip_the_weekend() {
        // Friday to Monday: two working days.
        let s = step("2025-01-17T08:00:00", Some("2025-01-20T15:00:00"));
        let taken = Taken::of(&s, standard("1 hari")).unwrap();
        assert_eq!(taken, Taken::WorkingDays(2));
        assert!(taken.exceeds(standard("1 hari")));
        assert!(!taken.exceeds(standard("2 hari")));
    }

    #[test]
    fn minutes_and_hours_need_times_of_day() {
        let s = step("2025-01-07T08:30:00", Some("2025-01-07T10:25:00"));
        let taken = Taken::of(&s, standard("2 jam")).unwrap();
        assert_eq!(taken, Taken::Minutes(115));
        assert!(!taken.exceeds(standard("2 jam")));
        assert!(taken.exceeds(standard("1 jam")));
        assert!(taken.exceeds(standard("100 menit")));
        assert_eq!(
            Taken::of(&step("2025-01-07", Some("2025-01-07")), standard("1 jam")),
            None
        );
        assert_eq!(
            Taken::of(&step("2025-01-07T08:30:00", None), standard("1 jam")),
            None
        );
    }

    #[test]
    fn durations_in_both_languages() {
        let id = Labels::new(Language::Indonesian);
        let en = Labels::new(Language::English);
        assert_eq!(taken_words(Taken::Minutes(115), &id), "1 jam 55 menit");
        assert_eq!(taken_words(Taken::Minutes(9), &en), "9 min");
        assert_eq!(taken_words(Taken::WorkingDays(3), &id), "3 hari kerja");
        assert_eq!(taken_words(Taken::WorkingDays(1), &en), "1 working day");
        assert_eq!(standard_words(standard("2 hari"), &en), "2 working days");
        assert_eq!(standard_words(standard("10 menit"), &id), "10 menit");
    }
}
