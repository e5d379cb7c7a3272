//! The approval of a year (who signed, when, under which letter number), shown on the year
//! page, the dashboard, the SOP page and the printed report.

use serde::Serialize;

use crate::approval::Signed;
use crate::render::lookup::YearData;
use crate::render::view::links::compliance_url;

use super::{OfficialView, Views};

/// How a signed year was approved: the official who signed, the day, and the letter number.
#[derive(Clone, Debug, Serialize)]
pub struct ApprovalView {
    /// The official recorded on the signing step.
    pub penandatangan: OfficialView,
    /// The day of the signature, `YYYY-MM-DD`; format with `| tanggal`.
    pub tanggal: String,
    /// The SOP step of the signature.
    pub langkah: u32,
    /// The letter number recorded with the process (step 11 of the seed's SOP), if any.
    pub nomor_surat: Option<String>,
    /// The step that carries the letter number.
    pub langkah_surat: Option<u32>,
    /// The year's compliance table on the SOP page.
    pub url_kepatuhan: String,
}

/// The approval of a year, when it is signed ([`crate::approval`]): the run of the year's
/// report whose approval steps are all recorded. `None` for a draft, and for an SOP without
/// approval steps (nothing was signed).
pub(crate) fn approval(views: &Views<'_>, data: &YearData<'_>) -> Option<ApprovalView> {
    let signed = data.approval()?.signed()?;
    Some(signed_view(views, data.year, signed))
}

pub(crate) fn signed_view(views: &Views<'_>, year: i32, signed: &Signed) -> ApprovalView {
    ApprovalView {
        penandatangan: views.official(&signed.signer),
        tanggal: signed.date.to_string(),
        langkah: signed.step,
        nomor_surat: signed.letter_number.clone(),
        langkah_surat: signed.letter_step,
        url_kepatuhan: compliance_url(views, year),
    }
}
