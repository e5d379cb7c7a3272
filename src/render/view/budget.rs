//! The rows of a PK's budget table below its programmes: kegiatan and sub-kegiatan with their
//! codes, pagu murni and perubahan, sumber dana, realisasi, serapan and efisiensi
//! (`partials/budget_hierarchy.html`).

use serde::Serialize;

use crate::compute::budget::LineResult;

/// A kegiatan (with its sub-kegiatan) or a sub-kegiatan.
#[derive(Clone, Debug, Serialize)]
pub struct BudgetRow {
    pub kode: String,
    pub nama: String,
    pub pagu: i64,
    pub pagu_perubahan: Option<i64>,
    pub sumber_dana: Option<String>,
    pub realisasi: i64,
    pub realisasi_triwulan: [i64; 4],
    pub serapan: Option<f64>,
    pub efisiensi: Option<f64>,
    pub efisien: Option<bool>,
    pub sub_kegiatan: Vec<BudgetRow>,
}

/// The rows of `lines` (a programme's kegiatan, each with its sub-kegiatan).
pub fn rows(lines: &[LineResult]) -> Vec<BudgetRow> {
    lines
        .iter()
        .map(|l| BudgetRow {
            kode: l.code.clone(),
            nama: l.name.clone(),
            pagu: l.budget.0,
            pagu_perubahan: l.revised_budget.map(|r| r.0),
            sumber_dana: l.funding.clone(),
            realisasi: l.spent.0,
            realisasi_triwulan: l.spent_per_quarter.map(|x| x.0),
            serapan: l.absorption,
            efisiensi: l.efficiency,
            efisien: l.efficiency.map(|e| e >= 0.0),
            sub_kegiatan: rows(&l.sub_activities),
        })
        .collect()
}
