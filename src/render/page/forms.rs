//! The printable realisation request form of SOP step 4 ("Format realisasi capaian kinerja"):
//! one page per PK and quarter, `<year>/formulir/<pk>/tw<q>/`, that the Kasubag Program
//! prints and hands to the official responsible. One row per indicator of the PK, with its
//! targets; the realisation, the evidence and the analysis are empty boxes to fill in by hand,
//! or printed where the value has been reported already. It prints on one A4 portrait sheet.

use serde::Serialize;
use tera::Context;

use crate::model::{Pk, Quarter, Target, Value};
use crate::render::error::RenderError;
use crate::render::lookup::YearData;
use crate::render::nav::{crumb, home, year_crumb};
use crate::render::output::Output;
use crate::render::view::links::{form_links, quarter_short};
use crate::render::view::{Link, OfficialView, PageMeta, PkView, Views};

/// The context of `formulir.html`.
#[derive(Clone, Debug, Serialize)]
pub struct FormView {
    pub tahun: i32,
    pub triwulan: u8,
    /// The PK the form is for.
    pub pk: Link,
    /// What its goals are called at the official's echelon.
    pub jenis_sasaran: String,
    /// The official of the PK, who reports.
    pub pelapor: OfficialView,
    /// Who acknowledges the report: the official's superior (none for the head of the agency).
    pub mengetahui: Option<AcknowledgedView>,
    /// The goals with their indicators, in the PK's order.
    pub sasaran: Vec<FormGoalView>,
    pub jumlah_indikator: usize,
    /// Indicators already reported for this quarter.
    pub terisi: usize,
    /// The notes under the table: what a cumulative target is compared with, each wording
    /// once, with the mark its rows carry after the target.
    pub catatan: Vec<FormNoteView>,
}

/// A note under the form's table.
#[derive(Clone, Debug, Serialize)]
pub struct FormNoteView {
    pub tanda: &'static str,
    pub teks: String,
}

/// The marks of the notes, in order. Two wordings exist (sum and mean); more would share the
/// last mark rather than fail.
const NOTE_MARKS: [&str; 4] = ["¹", "²", "³", "⁴"];

#[derive(Clone, Debug, Serialize)]
pub struct AcknowledgedView {
    pub nama: String,
    pub nip: Option<String>,
    pub jabatan: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct FormGoalView {
    pub id: String,
    pub nama: String,
    pub indikator: Vec<FormRowView>,
}

/// One row of the form.
#[derive(Clone, Debug, Serialize)]
pub struct FormRowView {
    /// Running number over the whole form.
    pub no: usize,
    pub id: String,
    pub nama: String,
    pub satuan: String,
    /// How the quarter's value is written, by `akumulasi`: `akhir` (the position at the end
    /// of the quarter), `jumlah` (this quarter alone; the quarters are summed) or `rata_rata`
    /// (this quarter alone; the quarters are averaged).
    pub akumulasi: &'static str,
    /// The year's target (a number, a word of `skala`, or the range of a `stabil` indicator).
    pub target: Option<Target>,
    /// The target as of the end of this quarter: `target_triwulan`, or for the fourth quarter
    /// the year's target.
    pub target_triwulan: Option<Target>,
    /// How `nilai` is written for this quarter, in the site's language (from the model).
    pub isian: &'static str,
    /// The target this quarter's own `nilai` answers to: for `jumlah` the quarter's share of
    /// the cumulative targets (none when there are no quarterly targets), otherwise
    /// `target_triwulan`.
    pub target_isian: Option<Target>,
    /// Set when `target_triwulan` is not compared with `nilai` itself but with the sum or
    /// mean of the quarters so far: what it is compared with, in the site's language.
    #[serde(skip)]
    pub pembanding: Option<String>,
    /// The mark of the note under the table that says what `target_triwulan` is compared
    /// with (set with `pembanding`).
    pub tanda: Option<&'static str>,
    /// Already reported for this quarter: the value and the evidence.
    pub realisasi: Option<Value>,
    pub sumber: Option<String>,
    /// Whether an `analisis` has been reported for this quarter. The form does not print it
    /// (a year's narrative would not fit the box, nor the sheet): it says so and links to
    /// the indicator's page, where it is.
    pub analisis_dilaporkan: bool,
    /// The indicator's page.
    pub url: String,
}

fn quarter_long(q: Quarter) -> &'static str {
    ["triwulan_1", "triwulan_2", "triwulan_3", "triwulan_4"][q.index()]
}

fn form(views: &Views<'_>, data: &YearData<'_>, pk: &Pk, pk_view: &PkView, q: Quarter) -> FormView {
    let report = views.report;
    let official = report.official(&pk.official);
    // The head of the agency has no superior in the agency: nobody countersigns the form.
    let mengetahui = official
        .filter(|o| !o.superior.is_empty())
        .and_then(|o| report.official(&o.superior))
        .map(|sup| AcknowledgedView {
            nama: sup.name.clone(),
            nip: sup.nip.clone(),
            jabatan: sup.position.clone(),
        });
    let mut no = 0;
    let mut sasaran: Vec<FormGoalView> = pk
        .goals
        .iter()
        .map(|goal| FormGoalView {
            id: goal.id.to_string(),
            nama: goal.name.clone(),
            indikator: goal
                .indicators
                .iter()
                .map(|indicator| {
                    no += 1;
                    let entry = data
                        .entries(&pk.id, &indicator.id)
                        .into_iter()
                        .find(|e| *e.quarter == q);
                    let request =
                        crate::form::QuarterRequest::new(indicator, q, report.site.language);
                    FormRowView {
                        no,
                        id: indicator.id.to_string(),
                        nama: indicator.name.clone(),
                        satuan: indicator.unit.clone(),
                        akumulasi: indicator.accumulation.key(),
                        target: indicator.year_target(),
                        target_triwulan: request.target_as_of,
                        isian: request.value,
                        target_isian: request.target_own,
                        pembanding: request.compared_with,
                        tanda: None,
                        realisasi: entry.map(|e| e.value.value.clone()),
                        sumber: entry
                            .and_then(|e| e.source.clone())
                            .filter(|s| !s.trim().is_empty()),
                        analisis_dilaporkan: entry
                            .and_then(|e| e.analysis.as_deref())
                            .is_some_and(|a| !a.trim().is_empty()),
                        url: views.indicator_url(data.year, &indicator.id),
                    }
                })
                .collect(),
        })
        .collect();
    let mut catatan: Vec<FormNoteView> = Vec::new();
    for row in sasaran.iter_mut().flat_map(|s| &mut s.indikator) {
        let Some(teks) = &row.pembanding else {
            continue;
        };
        let n = match catatan.iter().position(|c| &c.teks == teks) {
            Some(n) => n,
            None => {
                catatan.push(FormNoteView {
                    tanda: NOTE_MARKS[catatan.len().min(NOTE_MARKS.len() - 1)],
                    teks: teks.clone(),
                });
                catatan.len() - 1
            }
        };
        row.tanda = Some(catatan[n].tanda);
    }
    let rows = sasaran.iter().flat_map(|s| &s.indikator);
    FormView {
        tahun: data.year,
        triwulan: q.number(),
        pk: Link {
            label: pk_view.pejabat.jabatan.clone(),
            url: pk_view.url.clone(),
        },
        jenis_sasaran: pk_view.jenis_sasaran.clone(),
        pelapor: pk_view.pejabat.clone(),
        mengetahui,
        jumlah_indikator: rows.clone().count(),
        terisi: rows.filter(|r| r.realisasi.is_some()).count(),
        sasaran,
        catatan,
    }
}

/// Renders the four forms of every PK of a year.
pub(crate) fn render_year(
    out: &Output<'_>,
    views: &Views<'_>,
    data: &YearData<'_>,
    pk_views: &[PkView],
    draft: bool,
) -> Result<(), RenderError> {
    let labels = views.labels;
    let pager = |link: &Link| Link {
        label: format!("{} {}", labels.get("formulir"), link.label),
        url: link.url.clone(),
    };
    for (pk, pk_view) in data.ordered.iter().zip(pk_views) {
        let links = form_links(views, data.year, &pk.id);
        for (i, &q) in Quarter::ALL.iter().enumerate() {
            let Some(path) = out.wanted(&crate::route::Route::Form {
                year: data.year,
                pk: pk.id.to_string(),
                quarter: q.number(),
            }) else {
                continue;
            };
            let title = format!(
                "{} {} {} {}",
                labels.get("formulir_realisasi"),
                pk_view.pejabat.jabatan,
                labels.get(quarter_long(q)),
                data.year
            );
            let meta = PageMeta {
                kind: "form",
                title,
                url: links[i].url.clone(),
                breadcrumbs: vec![
                    home(views),
                    year_crumb(views, data.year),
                    crumb(&pk_view.pejabat.jabatan, Some(pk_view.url.clone())),
                    crumb(
                        &format!(
                            "{} {}",
                            labels.get("formulir"),
                            labels.get(quarter_short(q))
                        ),
                        None,
                    ),
                ],
                year: Some(data.year),
                draft,
                prev: i.checked_sub(1).map(|j| pager(&links[j])),
                next: links.get(i + 1).map(pager),
            };
            let mut context = Context::new();
            context.insert("formulir", &form(views, data, pk, pk_view, q));
            out.page("formulir.html", &path, meta, context)?;
        }
    }
    Ok(())
}
