//! The machine-readable exports of a year: `data/<year>.json` and `data/<year>.csv`.
//!
//! Both are built from [`YearExport`], whose field names are the contract: they are Indonesian
//! and must not follow renames of the internal types. Values that cannot be computed are
//! `null` (JSON) or an empty cell (CSV), never left out.

use serde::Serialize;
use serde::ser::SerializeMap;

use crate::model::{Polarity, Quarter, Report, Target, Value};
use crate::render::lookup::YearData;

/// `data/<year>.json`.
#[derive(Clone, Debug, Serialize)]
pub struct YearExport {
    pub tahun: i32,
    pub indikator: Vec<IndicatorExport>,
    pub program: Vec<ProgrammeExport>,
    pub ringkasan: SummaryExport,
    /// Each PK: its official and second party.
    pub pk: Vec<PkExport>,
    /// The Renstra's `[[tujuan]]`, each with the ids of its indicators; empty without them.
    pub tujuan: Vec<TujuanExport>,
    /// `[reviu]` of the year's proses.toml; `null` when the year has none.
    pub reviu: Option<ReviuExport>,
}

#[derive(Clone, Debug, Serialize)]
pub struct PkExport {
    pub id: String,
    /// The official's id (`pejabat`).
    pub pejabat: String,
    /// As written: `{"nama", "jabatan", "nip"}`, `jabatan` and `nip` `null` when not given
    /// (a text `pihak_kedua` is its `nama`); `null` when the PK names none.
    pub pihak_kedua: Option<PartyExport>,
}

#[derive(Clone, Debug, Serialize)]
pub struct PartyExport {
    pub nama: String,
    pub jabatan: Option<String>,
    pub nip: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct TujuanExport {
    pub id: String,
    pub nama: String,
    /// The Renstra indicators under the `[[tujuan]]` and those naming it with `tujuan`.
    pub indikator: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ReviuExport {
    pub instansi: String,
    pub nama: String,
    pub jabatan: String,
    /// Left out (`null`) by the public edition unless `publik_nip`.
    pub nip: Option<String>,
    /// `YYYY-MM-DD`.
    pub tanggal: String,
    pub nomor: Option<String>,
}

/// One benchmark of comparison 4: `standar_nasional` ("Nasional", no source) and each
/// `[[pembanding]]`.
#[derive(Clone, Debug, Serialize)]
pub struct BenchmarkExport {
    pub nama: String,
    /// A number, or a word for an ordinal indicator.
    pub nilai: Value,
    pub tahun: Option<i32>,
    pub sumber: Option<String>,
    /// `realisasi − nilai` (for an ordinal indicator in steps of the scale).
    pub selisih: Option<f64>,
    /// The realisation against `nilai` as target, same formula.
    pub capaian: Option<f64>,
}

#[derive(Clone, Debug, Serialize)]
pub struct IndicatorExport {
    pub pk: String,
    pub sasaran: String,
    pub id: String,
    pub nama: String,
    pub satuan: String,
    pub polaritas: &'static str,
    /// A number, a word for an ordinal indicator, or `{"min": …, "maks": …}` for a range.
    pub target: Target,
    pub realisasi: Option<Value>,
    /// Against the year target.
    pub capaian: Option<f64>,
    /// The achievement the pages show: in a year in progress against the target of the
    /// latest reported quarter that has ended; in a complete year equal to `capaian`.
    pub capaian_periode: Option<f64>,
    /// The quarter `capaian_periode` is measured up to; `null` when nothing is measured.
    pub triwulan_periode: Option<u8>,
    /// The category of `capaian_periode` (what the pages show).
    pub kategori: Option<String>,
    /// A year in progress: the projected year-end realisation and achievement, and what
    /// each remaining quarter needs; `null` for a complete year.
    pub proyeksi: Option<crate::compute::Projection>,
    /// Only the quarters that have a realisation.
    pub triwulan: Vec<QuarterExport>,
    pub capaian_renstra: Option<f64>,
    pub standar_nasional: Option<f64>,
    /// `iku = true`: an Indikator Kinerja Utama.
    pub iku: bool,
    /// The `skor` of each word of `skala`; `null` when not given.
    pub skor: Option<Vec<f64>>,
    /// The Renstra `[[tujuan]]` the indicator measures (under it or naming it); `null` for none.
    pub tujuan: Option<String>,
    pub pembanding: Vec<BenchmarkExport>,
}

#[derive(Clone, Debug, Serialize)]
pub struct QuarterExport {
    pub triwulan: u8,
    pub target: Option<Target>,
    pub realisasi: Value,
    pub capaian: Option<f64>,
    /// The entry's Markdown as written; `null` when not written.
    pub analisis: Option<String>,
    pub pendorong: Option<String>,
    pub penghambat: Option<String>,
    pub solusi: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ProgrammeExport {
    pub pk: String,
    pub id: String,
    /// The nomenclature code; `null` when not given.
    pub kode: Option<String>,
    pub nama: String,
    /// pagu murni.
    pub pagu: i64,
    /// pagu perubahan (APBD-P); `null` when not given. serapan is measured against it.
    pub pagu_perubahan: Option<i64>,
    pub sumber_dana: Option<String>,
    pub realisasi: i64,
    pub serapan: Option<f64>,
    pub efisiensi: Option<f64>,
    pub kegiatan: Vec<ActivityExport>,
    /// The PKs whose spending on the same `kode` this programme shows, having none of its own
    /// (the head's PK); empty otherwise. The year's `ringkasan` counts such a programme once.
    pub realisasi_dari: Vec<String>,
}

/// A kegiatan of a programme, with its sub-kegiatan.
#[derive(Clone, Debug, Serialize)]
pub struct ActivityExport {
    pub kode: String,
    pub nama: String,
    pub pagu: i64,
    pub pagu_perubahan: Option<i64>,
    pub sumber_dana: Option<String>,
    pub realisasi: i64,
    pub serapan: Option<f64>,
    pub efisiensi: Option<f64>,
    pub sub_kegiatan: Vec<SubActivityExport>,
}

/// A sub-kegiatan, with its spending per quarter.
#[derive(Clone, Debug, Serialize)]
pub struct SubActivityExport {
    pub kode: String,
    pub nama: String,
    pub pagu: i64,
    pub pagu_perubahan: Option<i64>,
    pub sumber_dana: Option<String>,
    pub realisasi: i64,
    /// Spent in quarters 1..4.
    pub realisasi_triwulan: [i64; 4],
    pub serapan: Option<f64>,
    pub efisiensi: Option<f64>,
}

fn activity_export(line: &crate::compute::budget::LineResult) -> ActivityExport {
    ActivityExport {
        kode: line.code.clone(),
        nama: line.name.clone(),
        pagu: line.budget.0,
        pagu_perubahan: line.revised_budget.map(|r| r.0),
        sumber_dana: line.funding.clone(),
        realisasi: line.spent.0,
        serapan: line.absorption,
        efisiensi: line.efficiency,
        sub_kegiatan: line
            .sub_activities
            .iter()
            .map(|s| SubActivityExport {
                kode: s.code.clone(),
                nama: s.name.clone(),
                pagu: s.budget.0,
                pagu_perubahan: s.revised_budget.map(|r| r.0),
                sumber_dana: s.funding.clone(),
                realisasi: s.spent.0,
                realisasi_triwulan: s.spent_per_quarter.map(|x| x.0),
                serapan: s.absorption,
                efisiensi: s.efficiency,
            })
            .collect(),
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct SummaryExport {
    pub rata_rata_capaian: Option<f64>,
    pub rata_rata_capaian_periode: Option<f64>,
    /// How many indicators the means cover, of how many.
    pub indikator_terukur: usize,
    pub jumlah_indikator: usize,
    pub kategori: CategoryCounts,
    pub serapan: Option<f64>,
}

/// Category name → count, in the order of the scale (highest first), only counts above 0.
/// Serialized as a JSON object whose keys keep that order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CategoryCounts(pub Vec<(String, usize)>);

impl Serialize for CategoryCounts {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, count) in &self.0 {
            map.serialize_entry(name, count)?;
        }
        map.end()
    }
}

pub(crate) fn polarity_key(polarity: Polarity) -> &'static str {
    polarity.key()
}

/// The export of one year, from the model (names, order) and the computed values.
pub(crate) fn build(data: &YearData<'_>) -> YearExport {
    let indikator = data
        .indicators()
        .map(|(pk, goal, indicator)| {
            let result = data.indicator_result_of(pk, goal, indicator);
            let entries = data.entries(&pk.id, &indicator.id);
            // The editor's text exactly as written; a blank one is none.
            let text = |t: &Option<String>| {
                t.as_deref()
                    .filter(|t| !t.trim().is_empty())
                    .map(str::to_string)
            };
            IndicatorExport {
                iku: indicator.is_iku(),
                skor: indicator
                    .scores
                    .as_ref()
                    .map(|s| s.iter().map(|x| x.value).collect()),
                tujuan: objective_of(data, &indicator.id),
                pembanding: crate::render::view::lkjip::benchmarks(
                    indicator,
                    result.and_then(|r| r.realisation.as_ref()),
                    "Nasional",
                )
                .into_iter()
                .map(|b| BenchmarkExport {
                    nama: b.nama,
                    nilai: b.nilai,
                    tahun: b.tahun,
                    sumber: b.sumber,
                    selisih: b.selisih,
                    capaian: b.capaian,
                })
                .collect(),
                pk: pk.id.clone(),
                sasaran: goal.id.to_string(),
                id: indicator.id.to_string(),
                nama: indicator.name.clone(),
                satuan: indicator.unit.clone(),
                polaritas: polarity_key(*indicator.polarity),
                target: indicator.year_target().unwrap_or_default(),
                realisasi: result.and_then(|r| r.realisation.clone()),
                capaian: result.and_then(|r| r.year_achievement),
                capaian_periode: result.and_then(|r| r.achievement),
                proyeksi: result.and_then(|r| r.projection.clone()),
                triwulan_periode: result
                    .filter(|r| r.achievement.is_some())
                    .and_then(|r| r.basis.quarter())
                    .map(Quarter::number),
                kategori: result.and_then(|r| r.category.clone()),
                triwulan: result
                    .map(|r| {
                        r.quarters
                            .iter()
                            .map(|q| {
                                let entry = entries.iter().find(|e| *e.quarter == q.quarter);
                                QuarterExport {
                                    triwulan: q.quarter.number(),
                                    target: q.target.clone(),
                                    realisasi: q.realisation.clone(),
                                    capaian: q.achievement,
                                    analisis: entry.and_then(|e| text(&e.analysis)),
                                    pendorong: entry.and_then(|e| text(&e.drivers)),
                                    penghambat: entry.and_then(|e| text(&e.obstacles)),
                                    solusi: entry.and_then(|e| text(&e.solutions)),
                                }
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
                capaian_renstra: result
                    .and_then(|r| r.renstra.as_ref())
                    .and_then(|r| r.achievement),
                standar_nasional: indicator.national_standard.as_ref().map(|s| s.value),
            }
        })
        .collect();
    let program = data
        .model
        .pks
        .iter()
        .flat_map(|pk| pk.programmes.iter().map(move |p| (pk, p)))
        .map(|(pk, programme)| {
            let result = data.programme_result_of(pk, programme);
            ProgrammeExport {
                pk: pk.id.clone(),
                id: programme.id.to_string(),
                kode: programme.code.as_ref().map(|c| c.to_string()),
                nama: programme.name.clone(),
                pagu: programme.budget.0,
                pagu_perubahan: programme.revised_budget.as_ref().map(|r| r.0),
                sumber_dana: programme.funding.as_ref().map(|f| f.to_string()),
                realisasi: result.map_or(0, |r| r.spent.0),
                serapan: result.and_then(|r| r.absorption),
                efisiensi: result.and_then(|r| r.efficiency),
                kegiatan: result.map_or_else(Vec::new, |r| {
                    r.activities.iter().map(activity_export).collect()
                }),
                realisasi_dari: result.map_or_else(Vec::new, |r| r.from_pks.clone()),
            }
        })
        .collect();
    let ringkasan = match data.result {
        Some(result) => SummaryExport {
            rata_rata_capaian: result.summary.mean_year_achievement,
            rata_rata_capaian_periode: result.summary.mean_achievement,
            indikator_terukur: result.summary.measured,
            jumlah_indikator: result.summary.indicators,
            kategori: CategoryCounts(
                result
                    .summary
                    .categories
                    .iter()
                    .filter(|c| c.count > 0)
                    .map(|c| (c.name.clone(), c.count))
                    .collect(),
            ),
            serapan: result.budget.absorption,
        },
        None => SummaryExport {
            rata_rata_capaian: None,
            rata_rata_capaian_periode: None,
            indikator_terukur: 0,
            jumlah_indikator: 0,
            kategori: CategoryCounts::default(),
            serapan: None,
        },
    };
    YearExport {
        tahun: data.year,
        indikator,
        program,
        ringkasan,
        pk: data
            .model
            .pks
            .iter()
            .map(|pk| PkExport {
                id: pk.id.clone(),
                pejabat: pk.official.value.clone(),
                pihak_kedua: pk.second_party().map(|p| PartyExport {
                    nama: p.name.trim().to_string(),
                    jabatan: p.position.map(str::to_string),
                    nip: p.nip.map(str::to_string),
                }),
            })
            .collect(),
        tujuan: objectives(data),
        reviu: data
            .model
            .process
            .as_ref()
            .and_then(|p| p.review.as_ref())
            .map(|r| ReviuExport {
                instansi: r.instansi.clone(),
                nama: r.nama.clone(),
                jabatan: r.jabatan.clone(),
                nip: r.nip.clone(),
                tanggal: r.tanggal.value.date().to_string(),
                nomor: Some(r.nomor.trim().to_string()).filter(|n| !n.is_empty()),
            }),
    }
}

/// The Renstra's `[[tujuan]]` with the ids of their indicators.
fn objectives(data: &YearData<'_>) -> Vec<TujuanExport> {
    let Some(plan) = data.renstra else {
        return Vec::new();
    };
    plan.objectives
        .iter()
        .map(|o| TujuanExport {
            id: o.id.value.clone(),
            nama: o.name.clone(),
            indikator: o
                .indicators
                .iter()
                .chain(plan.indicators.iter().filter(|i| *i.objective == *o.id))
                .map(|i| i.id.value.clone())
                .collect(),
        })
        .collect()
}

/// The `[[tujuan]]` a Renstra indicator measures: the one it is under, or the one it names.
fn objective_of(data: &YearData<'_>, indicator: &str) -> Option<String> {
    let plan = data.renstra?;
    if let Some(o) = plan
        .objectives
        .iter()
        .find(|o| o.indicators.iter().any(|i| *i.id == indicator))
    {
        return Some(o.id.value.clone());
    }
    plan.indicators
        .iter()
        .find(|i| *i.id == indicator && !i.objective.is_empty())
        .map(|i| i.objective.value.clone())
}

/// The export of `year`, or `None` when the report has no such year.
pub fn year_export(
    report: &Report,
    computed: &crate::compute::Computed,
    year: i32,
) -> Option<YearExport> {
    let model = report.years.get(&year)?;
    Some(build(&YearData::new(
        report,
        year,
        model,
        computed.years.get(&year),
    )))
}

/// Compact JSON (no indentation, which was a third of a large year's bytes) with a trailing
/// newline.
pub fn to_json(export: &YearExport) -> Result<Vec<u8>, serde_json::Error> {
    let mut out = serde_json::to_vec(export)?;
    out.push(b'\n');
    Ok(out)
}

pub const CSV_HEADER: [&str; 16] = [
    "pk",
    "sasaran",
    "id",
    "nama",
    "satuan",
    "polaritas",
    "target",
    "realisasi",
    "capaian",
    "kategori",
    "capaian_renstra",
    "standar_nasional",
    "capaian_periode",
    "triwulan_periode",
    "target_min",
    "target_maks",
];

/// One row per indicator, RFC 4180 (CRLF line ends, quotes where needed), numbers with a dot
/// decimal, text cells guarded against formula injection.
pub fn to_csv(export: &YearExport) -> String {
    let mut out = String::new();
    push_row(&mut out, CSV_HEADER.iter().map(|h| Cell::Text(h)));
    for i in &export.indikator {
        let number = |x: Option<f64>| Cell::Number(x.map_or(String::new(), csv_number));
        let range = match i.target {
            Target::Range { min, max } => Some((min, max)),
            _ => None,
        };
        push_row(
            &mut out,
            [
                Cell::Text(&i.pk),
                Cell::Text(&i.sasaran),
                Cell::Text(&i.id),
                Cell::Text(&i.nama),
                Cell::Text(&i.satuan),
                Cell::Text(i.polaritas),
                target_cell(&i.target),
                value(i.realisasi.as_ref()),
                number(i.capaian),
                Cell::Text(i.kategori.as_deref().unwrap_or("")),
                number(i.capaian_renstra),
                number(i.standar_nasional),
                number(i.capaian_periode),
                number(i.triwulan_periode.map(f64::from)),
                number(range.map(|r| r.0)),
                number(range.map(|r| r.1)),
            ],
        );
    }
    out
}

enum Cell<'a> {
    Text(&'a str),
    Number(String),
}

/// A target: a number or an ordinal word; a range goes to `target_min` and `target_maks`.
fn target_cell(target: &Target) -> Cell<'_> {
    match target {
        Target::Number(n) => Cell::Number(csv_number(*n)),
        Target::Word(w) => Cell::Text(w),
        Target::Range { .. } => Cell::Number(String::new()),
    }
}

/// A target or realisation: a number, or an ordinal word (text).
fn value(v: Option<&Value>) -> Cell<'_> {
    match v {
        Some(Value::Number(n)) => Cell::Number(csv_number(*n)),
        Some(Value::Word(w)) => Cell::Text(w),
        None => Cell::Number(String::new()),
    }
}

/// Shortest text that reads back as the same f64; non-finite values are left empty.
fn csv_number(x: f64) -> String {
    if x.is_finite() {
        format!("{x}")
    } else {
        String::new()
    }
}

fn push_row<'a>(out: &mut String, cells: impl IntoIterator<Item = Cell<'a>>) {
    for (i, cell) in cells.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        match cell {
            Cell::Number(n) => out.push_str(&n),
            Cell::Text(t) => push_text(out, t),
        }
    }
    out.push_str("\r\n");
}

/// A text cell: a leading `=`, `+`, `-`, `@` (or tab / carriage return) would make a
/// spreadsheet evaluate it as a formula, so it gets a `'` in front; then RFC 4180 quoting.
fn push_text(out: &mut String, text: &str) {
    let guarded;
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        guarded = format!("'{text}");
        guarded.as_str()
    } else {
        text
    };
    if text.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&text.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn indicator(nama: &str, target: Value, realisasi: Option<Value>) -> IndicatorExport {
        IndicatorExport {
            pk: "kepala".into(),
            sasaran: "s1".into(),
            id: "ipg".into(),
            nama: nama.into(),
            satuan: "indeks".into(),
            polaritas: "positif",
            target: target.into(),
            realisasi,
            capaian: Some(99.24324324324324),
            capaian_periode: Some(99.24324324324324),
            triwulan_periode: Some(4),
            proyeksi: None,
            kategori: Some("Sangat Tinggi".into()),
            triwulan: vec![],
            capaian_renstra: None,
            standar_nasional: Some(91.6),
            iku: false,
            skor: None,
            tujuan: None,
            pembanding: Vec::new(),
        }
    }

    fn export(indikator: Vec<IndicatorExport>) -> YearExport {
        YearExport {
            tahun: 2025,
            indikator,
            program: vec![],
            ringkasan: SummaryExport {
                rata_rata_capaian: None,
                rata_rata_capaian_periode: None,
                indikator_terukur: 0,
                jumlah_indikator: 0,
                kategori: CategoryCounts::default(),
                serapan: None,
            },
            pk: vec![],
            tujuan: vec![],
            reviu: None,
        }
    }

    #[test]
    fn csv_guards_against_formula_injection() {
        let csv = to_csv(&export(vec![
            indicator(
                "=HYPERLINK(\"http://x\")",
                Value::Number(92.5),
                Some(Value::Number(-1.5)),
            ),
            indicator("+1", Value::Word("-Madya".into()), None),
            indicator("@SUM(A1)", Value::Number(1.0), None),
        ]));
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines[0], CSV_HEADER.join(","));
        assert_eq!(
            lines[1],
            "kepala,s1,ipg,\"'=HYPERLINK(\"\"http://x\"\")\",indeks,positif,92.5,-1.5,99.24324324324324,Sangat Tinggi,,91.6,99.24324324324324,4,,"
        );
        assert!(
            lines[2].contains(",'+1,") && lines[2].contains(",'-Madya,,"),
            "{}",
            lines[2]
        );
        assert!(lines[3].contains(",'@SUM(A1),"), "{}", lines[3]);
        assert!(csv.ends_with("\r\n"));
    }

    #[test]
    fn csv_quotes_commas_quotes_and_newlines() {
        let csv = to_csv(&export(vec![indicator(
            "Angka, \"kasar\"\nbaru",
            Value::Number(1.0),
            None,
        )]));
        assert!(csv.contains(",\"Angka, \"\"kasar\"\"\nbaru\","), "{csv}");
    }

    #[test]
    fn json_keeps_the_scale_order_and_nulls() {
        let mut e = export(vec![indicator("IPG", Value::Word("Madya".into()), None)]);
        e.ringkasan.kategori =
            CategoryCounts(vec![("Sangat Tinggi".into(), 2), ("Rendah".into(), 1)]);
        let text = String::from_utf8(to_json(&e).unwrap()).unwrap();
        assert!(text.ends_with("}\n"));
        // Compact: one line, no indentation.
        assert_eq!(text.matches('\n').count(), 1, "{text}");
        assert!(!text.contains(": ") && !text.contains("  "), "{text}");
        let st = text.find("\"Sangat Tinggi\":2").unwrap();
        let r = text.find("\"Rendah\":1").unwrap();
        assert!(st < r, "scale order, not alphabetical:\n{text}");
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        let i = &v["indikator"][0];
        assert_eq!(i["target"], "Madya");
        assert!(i["realisasi"].is_null());
        assert!(i["capaian_renstra"].is_null());
        assert!(v["ringkasan"]["serapan"].is_null());
    }
}
