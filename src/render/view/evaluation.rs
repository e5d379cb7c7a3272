//! The view of a year's self-assessment page (`/<year>/evaluasi/`, internal edition only) and
//! of the follow-up table, which the printed report's annex shows too
//! (`partials/tindak_lanjut.html` with `tindak_lanjut`, a [`FollowUpView`]).

use serde::Serialize;

use crate::evaluation::{Assessment, Component, Evidence, Part, State};
use crate::format::Format;
use crate::model::FollowUpStatus;
use crate::render::lookup::YearData;

use super::{EvidenceView, Views};

#[derive(Clone, Debug, Serialize)]
pub struct EvaluationView {
    pub tahun: i32,
    /// Σ of the component scores, and the points they are out of.
    pub skor: f64,
    pub bobot_dinilai: f64,
    /// "28 Februari 2026".
    pub batas_lkjip: String,
    pub komponen: Vec<ComponentView>,
    /// Counts of the criteria the data shows, per state.
    pub terpenuhi: usize,
    pub sebagian: usize,
    pub belum: usize,
    pub tindak_lanjut: Option<FollowUpView>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ComponentView {
    /// `perencanaan`, `pengukuran`, `pelaporan`, `evaluasi_internal`.
    pub kode: Component,
    pub nama: String,
    pub bobot: f64,
    pub skor: Option<f64>,
    pub kriteria: Vec<CriterionView>,
    /// The criteria judged by hand ("dinilai manual").
    pub manual: Vec<ManualView>,
}

/// The texts of a criterion are HTML: escaped, with the keys and values written between
/// backticks as `<code>`.
#[derive(Clone, Debug, Serialize)]
pub struct CriterionView {
    pub id: &'static str,
    pub kriteria: String,
    /// `terpenuhi`, `sebagian`, `belum` (the CSS class), and its label.
    pub status: State,
    pub status_label: &'static str,
    /// The theme's tag class of the state: `ok`, `warn`, `bad`.
    pub kelas: &'static str,
    /// `pemenuhan`, `kualitas`, `pemanfaatan`, and its label.
    pub bagian: Part,
    pub bagian_label: &'static str,
    pub temuan: String,
    pub bukti: Vec<EvidencePlaceView>,
    pub saran: String,
}

/// One piece of evidence: a link to a page, or a file and line of the content folder.
#[derive(Clone, Debug, Serialize)]
pub struct EvidencePlaceView {
    pub keterangan: String,
    pub url: Option<String>,
    /// `2025/pk/kepala.toml:12`.
    pub tempat: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ManualView {
    pub kriteria: String,
    pub bagian_label: &'static str,
}

/// The follow-up of the last evaluation's recommendations (`<year>/tindak_lanjut.toml`).
#[derive(Clone, Debug, Serialize)]
pub struct FollowUpView {
    pub tahun: i32,
    pub rekomendasi: Vec<RecommendationView>,
    pub selesai: usize,
    pub proses: usize,
    pub belum: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct RecommendationView {
    pub no: u32,
    pub uraian: String,
    pub sumber: String,
    /// `belum`, `proses`, `selesai` (the CSS class) and its label.
    pub status: &'static str,
    pub status_label: &'static str,
    /// The theme's tag class of the status: `ok`, `warn`, `bad`.
    pub kelas: &'static str,
    /// "20 Agustus 2025", empty when not given.
    pub tanggal: String,
    pub bukti: Vec<EvidenceView>,
    pub keterangan: String,
}

impl Views<'_> {
    /// The self-assessment page of one year; `None` when the year has no computed result.
    pub(crate) fn evaluation(&self, data: &YearData<'_>) -> Option<EvaluationView> {
        let result = data.result?;
        let today = self.report.report_date(crate::site::today());
        let assessment = crate::evaluation::assess_year(self.report, self.sources, result, today)?;
        Some(self.evaluation_view(&assessment))
    }

    fn evaluation_view(&self, a: &Assessment) -> EvaluationView {
        let format = Format::new(self.report.site.language);
        let deadline = crate::evaluation::deadline(self.report, a.tahun);
        let count = |s: State| a.kriteria.iter().filter(|c| c.status == s).count();
        let komponen = a
            .komponen
            .iter()
            .map(|c| ComponentView {
                kode: c.komponen,
                nama: c.nama.clone(),
                bobot: c.bobot,
                skor: c.skor,
                kriteria: a
                    .kriteria
                    .iter()
                    .filter(|k| k.komponen == c.komponen)
                    .map(|k| CriterionView {
                        id: k.id,
                        kriteria: code_html(&k.kriteria),
                        status: k.status,
                        status_label: self.labels.get(match k.status {
                            State::Terpenuhi => "lke_terpenuhi",
                            State::Sebagian => "lke_sebagian",
                            State::Belum => "lke_belum",
                        }),
                        kelas: match k.status {
                            State::Terpenuhi => "ok",
                            State::Sebagian => "warn",
                            State::Belum => "bad",
                        },
                        bagian: k.bagian,
                        bagian_label: self.part_label(k.bagian),
                        temuan: code_html(&k.temuan),
                        bukti: k.bukti.iter().map(|b| self.evidence_place(b)).collect(),
                        saran: code_html(&k.saran),
                    })
                    .collect(),
                manual: a
                    .dinilai_manual
                    .iter()
                    .filter(|m| m.komponen == c.komponen)
                    .map(|m| ManualView {
                        kriteria: m.kriteria.clone(),
                        bagian_label: self.part_label(m.bagian),
                    })
                    .collect(),
            })
            .collect();
        EvaluationView {
            tahun: a.tahun,
            skor: a.skor,
            bobot_dinilai: a.bobot_dinilai,
            batas_lkjip: format.date(*deadline),
            komponen,
            terpenuhi: count(State::Terpenuhi),
            sebagian: count(State::Sebagian),
            belum: count(State::Belum),
            tindak_lanjut: self.follow_up(a.tahun),
        }
    }

    fn part_label(&self, part: Part) -> &'static str {
        self.labels.get(match part {
            Part::Pemenuhan => "lke_pemenuhan",
            Part::Kualitas => "lke_kualitas",
            Part::Pemanfaatan => "lke_pemanfaatan",
        })
    }

    fn evidence_place(&self, evidence: &Evidence) -> EvidencePlaceView {
        EvidencePlaceView {
            keterangan: code_html(&evidence.keterangan),
            url: evidence.halaman.as_ref().map(|p| self.url(p)),
            tempat: evidence.berkas.as_ref().map(|f| match evidence.baris {
                Some(line) => format!("{f}:{line}"),
                None => f.clone(),
            }),
        }
    }

    /// The follow-up table of `year`, for the evaluation page and the printed report's annex;
    /// `None` when the year has no `tindak_lanjut.toml`. Evidence files are linked in the
    /// internal edition only.
    pub(crate) fn follow_up(&self, year: i32) -> Option<FollowUpView> {
        let follow_up = self.report.years.get(&year)?.follow_up.as_ref()?;
        let format = Format::new(self.report.site.language);
        let mut rekomendasi: Vec<RecommendationView> = follow_up
            .recommendations
            .iter()
            .map(|r| {
                let state = r.state().unwrap_or(FollowUpStatus::Belum);
                RecommendationView {
                    no: *r.no,
                    uraian: r.text.value.clone(),
                    sumber: r.source.clone(),
                    status: state.key(),
                    status_label: self.labels.get(match state {
                        FollowUpStatus::Belum => "tl_belum",
                        FollowUpStatus::Proses => "tl_proses",
                        FollowUpStatus::Selesai => "tl_selesai",
                    }),
                    kelas: match state {
                        FollowUpStatus::Belum => "bad",
                        FollowUpStatus::Proses => "warn",
                        FollowUpStatus::Selesai => "ok",
                    },
                    tanggal: r
                        .date
                        .as_ref()
                        .map(|d| format.date(*d.value))
                        .unwrap_or_default(),
                    bukti: r
                        .evidence
                        .iter()
                        .map(|path| {
                            let file = self.evidence.and_then(|e| e.get(path));
                            EvidenceView {
                                nama: path.rsplit('/').next().unwrap_or(path).to_string(),
                                jalur: path.value.clone(),
                                sha256: file.map(|f| f.sha256.clone()),
                                sha256_pendek: file.map(|f| f.sha256[..12].to_string()),
                                url: self
                                    .internal()
                                    .then(|| self.url(&crate::evidence::output_path(path))),
                            }
                        })
                        .collect(),
                    keterangan: r.note.clone(),
                }
            })
            .collect();
        rekomendasi.sort_by_key(|r| r.no);
        let count = |s: &str| rekomendasi.iter().filter(|r| r.status == s).count();
        Some(FollowUpView {
            tahun: year,
            selesai: count("selesai"),
            proses: count("proses"),
            belum: count("belum"),
            rekomendasi,
        })
    }
}

/// `text` as HTML: escaped, and each span between backticks as `<code>`.
fn code_html(text: &str) -> String {
    let escaped = text
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;");
    let parts: Vec<&str> = escaped.split('`').collect();
    if parts.len().is_multiple_of(2) {
        // An unpaired backtick: leave the text as it is.
        return escaped;
    }
    let mut html = String::with_capacity(escaped.len() + 16);
    for (i, part) in parts.iter().enumerate() {
        if !i.is_multiple_of(2) {
            html.push_str("<code>");
            html.push_str(part);
            html.push_str("</code>");
        } else {
            html.push_str(part);
        }
    }
    html
}

#[cfg(test)]
mod tests {
    use super::code_html;

    #[test]
    fn code_spans_become_code_and_the_rest_is_escaped() {
        assert_eq!(
            code_html("tulis `status = \"selesai\"` <b>"),
            "tulis <code>status = &quot;selesai&quot;</code> &lt;b&gt;"
        );
        assert_eq!(code_html("a ` b"), "a ` b");
    }
}
