//! The domain model: every file of a report repository as plain structs.
//!
//! Indonesian words stay in the data (the TOML keys) and are mapped to English names here, once,
//! with serde. Values that later findings must point at are wrapped in [`Sp`], which keeps the
//! byte range they were written at; the file they come from is the `file` of the enclosing
//! struct. Every later stage (validate, compute, chart, render) reads these structs and never
//! re-reads a file.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::{Deref, Range};
use std::path::PathBuf;

use serde::{Deserialize, Deserializer, Serialize};

/// A byte range in a source file.
pub type Span = Range<usize>;

/// Index of a file in [`Sources`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub usize);

/// A place in the content: a file and a byte range in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Loc {
    pub file: FileId,
    pub span: Span,
}

/// The text of every file loaded, so that findings can quote the line they point at.
#[derive(Clone, Debug, Default)]
pub struct Sources {
    files: Vec<SourceFile>,
}

#[derive(Clone, Debug)]
pub struct SourceFile {
    /// Path relative to the content folder's parent, as the user would type it.
    pub path: PathBuf,
    pub text: String,
}

impl Sources {
    pub fn add(&mut self, path: PathBuf, text: String) -> FileId {
        self.files.push(SourceFile { path, text });
        FileId(self.files.len() - 1)
    }

    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0]
    }

    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files.iter().enumerate().map(|(i, f)| (FileId(i), f))
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, id: FileId, offset: usize) -> (usize, usize) {
        line_col(&self.get(id).text, offset)
    }
}

/// 1-based line and column (in characters) of a byte offset in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let offset = (0..=offset)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = text[line_start..offset].chars().count() + 1;
    (line, col)
}

/// A value and the byte range it was written at.
#[derive(Clone, Debug, Default)]
pub struct Sp<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Sp<T> {
    pub fn new(value: T, span: Span) -> Self {
        Sp { value, span }
    }

    /// A value that was not written in any file (a default).
    pub fn unplaced(value: T) -> Self {
        Sp { value, span: 0..0 }
    }
}

impl<T> Deref for Sp<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T: PartialEq> PartialEq for Sp<T> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Sp<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = toml::Spanned::<T>::deserialize(deserializer)?;
        let span = spanned.span();
        Ok(Sp {
            value: spanned.into_inner(),
            span,
        })
    }
}

impl<T: Serialize> Serialize for Sp<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(serializer)
    }
}

// ---------------------------------------------------------------------------------------------
// The whole report

/// Everything loaded from one content folder.
#[derive(Clone, Debug, Default)]
pub struct Report {
    pub site: SiteConfig,
    pub sop: Sop,
    pub renstra: Option<Renstra>,
    pub pages: Vec<Page>,
    /// Budget years, oldest first.
    pub years: BTreeMap<i32, Year>,
    /// Whether site.toml and sop.toml were read; when not, references to officials and SOP
    /// steps are not checked, so that one broken file gives one finding.
    pub site_read: bool,
    pub sop_read: bool,
}

impl Report {
    pub fn official(&self, id: &str) -> Option<&Official> {
        self.site.officials.iter().find(|o| *o.id == id)
    }

    /// The achievement scale: the site's `[[kategori]]`, or the default scale.
    pub fn categories(&self) -> Vec<Category> {
        if self.site.categories.is_empty() {
            Category::default_scale()
        } else {
            self.site.categories.clone()
        }
    }

    /// The "as of" date of the report: `tanggal_laporan`, else `today`.
    pub fn report_date(&self, today: Date) -> Date {
        self.site.report_date.as_ref().map_or(today, |d| d.value)
    }

    pub fn latest_year(&self) -> Option<i32> {
        self.years.keys().next_back().copied()
    }
}

// ---------------------------------------------------------------------------------------------
// site.toml

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    #[serde(skip)]
    pub file: FileId,
    #[serde(rename = "judul")]
    pub title: String,
    #[serde(default = "default_base_url")]
    pub base_url: String,
    #[serde(rename = "bahasa", default)]
    pub language: Language,
    #[serde(rename = "tema", default = "default_theme")]
    pub theme: String,
    #[serde(rename = "tanggal_laporan", default)]
    pub report_date: Option<Sp<Date>>,
    /// Which edition `capaian build` writes by default (`--edition` overrides it).
    #[serde(rename = "edisi", default)]
    pub edition: Edition,
    /// The agency's time zone (`zona_waktu`, an IANA name such as "Asia/Makassar"): the clock
    /// of `proses.toml`'s times. `None`: "Asia/Jakarta" (WIB).
    #[serde(rename = "zona_waktu", default)]
    pub time_zone: Option<Sp<String>>,
    /// Whether the public edition shows the officials' NIPs (`publik_nip`; a NIP encodes a
    /// date of birth).
    #[serde(rename = "publik_nip", default)]
    pub public_nip: bool,
    /// The day of the following year by which a year's LKjIP is due (`batas_lkjip`, "MM-DD");
    /// `None`: "02-28", the end of February. Read by the self-assessment.
    #[serde(rename = "batas_lkjip", default)]
    pub report_deadline: Option<Sp<String>>,
    #[serde(rename = "opd")]
    pub agency: Agency,
    #[serde(rename = "pejabat", default)]
    pub officials: Vec<Official>,
    #[serde(rename = "kategori", default)]
    pub categories: Vec<Category>,
}

fn default_base_url() -> String {
    "/".to_string()
}

fn default_theme() -> String {
    "default".to_string()
}

/// Who the built site is for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Edition {
    /// The agency's staff: every year, draft numbers, findings, process records, provenance.
    #[default]
    Internal,
    /// The public: only the years the Kepala OPD has approved (SOP steps with
    /// `persetujuan = true`) and whose data did not change since, no findings, no process
    /// records, no reporters, no NIPs unless `publik_nip = true`.
    Public,
}

/// The language of the UI labels.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
pub enum Language {
    #[default]
    #[serde(rename = "id")]
    Indonesian,
    #[serde(rename = "en")]
    English,
}

impl Language {
    pub fn code(self) -> &'static str {
        match self {
            Language::Indonesian => "id",
            Language::English => "en",
        }
    }
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Agency {
    #[serde(rename = "nama")]
    pub name: String,
    #[serde(rename = "singkatan")]
    pub short_name: String,
    #[serde(rename = "wilayah")]
    pub region: String,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Official {
    pub id: Sp<String>,
    #[serde(rename = "nama")]
    pub name: String,
    #[serde(default)]
    pub nip: Option<String>,
    #[serde(rename = "jabatan")]
    pub position: String,
    #[serde(rename = "peran")]
    pub role: Sp<Role>,
    #[serde(rename = "eselon")]
    pub echelon: Echelon,
    /// Id of the superior official; empty for the head of the agency.
    #[serde(rename = "atasan", default)]
    pub superior: Sp<String>,
}

/// What an official does in the SOP (`peran`), the columns of its flowchart.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    KepalaOpd,
    Sekretaris,
    Kabid,
    KasubagProgram,
    Kasubag,
    Kasi,
    #[default]
    FungsionalUmum,
}

impl Role {
    pub const ALL: [Role; 7] = [
        Role::KepalaOpd,
        Role::Sekretaris,
        Role::Kabid,
        Role::KasubagProgram,
        Role::Kasubag,
        Role::Kasi,
        Role::FungsionalUmum,
    ];

    /// The word used in the TOML files.
    pub fn key(self) -> &'static str {
        match self {
            Role::KepalaOpd => "kepala_opd",
            Role::Sekretaris => "sekretaris",
            Role::Kabid => "kabid",
            Role::KasubagProgram => "kasubag_program",
            Role::Kasubag => "kasubag",
            Role::Kasi => "kasi",
            Role::FungsionalUmum => "fungsional_umum",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// Structural rank (`eselon`): II head, III secretary and division heads, IV section heads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
pub enum Echelon {
    #[serde(rename = "II")]
    II,
    #[serde(rename = "III")]
    III,
    #[serde(rename = "IV")]
    IV,
    /// Staff without a structural position (`eselon = ""`).
    #[serde(rename = "")]
    Staff,
}

/// One step of the achievement scale: the first whose `min` ≤ capaian applies.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    #[serde(rename = "nama")]
    pub name: String,
    pub min: Sp<f64>,
}

impl Category {
    /// Permendagri 86/2017's evaluation scale, made gap-free.
    pub fn default_scale() -> Vec<Category> {
        [
            ("Sangat Tinggi", 91.0),
            ("Tinggi", 76.0),
            ("Sedang", 66.0),
            ("Rendah", 51.0),
        ]
        .into_iter()
        .map(|(name, min)| Category {
            name: name.to_string(),
            min: Sp::unplaced(min),
        })
        .chain([Category {
            name: "Sangat Rendah".to_string(),
            min: Sp::unplaced(f64::NEG_INFINITY),
        }])
        .collect()
    }
}

// ---------------------------------------------------------------------------------------------
// sop.toml

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sop {
    #[serde(skip)]
    pub file: FileId,
    #[serde(rename = "nama")]
    pub name: String,
    #[serde(rename = "nomor", default)]
    pub number: Option<String>,
    #[serde(rename = "dasar_hukum")]
    pub legal_basis: Vec<String>,
    #[serde(rename = "kualifikasi")]
    pub qualifications: Vec<String>,
    #[serde(rename = "keterkaitan")]
    pub related: Vec<String>,
    #[serde(rename = "peralatan")]
    pub equipment: Vec<String>,
    #[serde(rename = "pencatatan")]
    pub records: Vec<String>,
    #[serde(rename = "peringatan")]
    pub warning: String,
    /// The roles that carry out the steps, in the order of the flowchart's columns.
    #[serde(rename = "pelaksana")]
    pub actors: Vec<Sp<Role>>,
    #[serde(rename = "langkah")]
    pub steps: Vec<SopStep>,
}

impl Sop {
    pub fn step(&self, no: u32) -> Option<&SopStep> {
        self.steps.iter().find(|s| *s.no == no)
    }

    /// The steps whose record makes a year approved (`persetujuan = true`).
    pub fn approval_steps(&self) -> impl Iterator<Item = &SopStep> {
        self.steps.iter().filter(|s| s.approval)
    }
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SopStep {
    pub no: Sp<u32>,
    #[serde(rename = "uraian")]
    pub description: String,
    #[serde(rename = "pelaksana")]
    pub actor: Sp<Role>,
    #[serde(rename = "kelengkapan")]
    pub requirements: String,
    #[serde(rename = "waktu")]
    pub time: Sp<TimeStandard>,
    pub output: String,
    #[serde(rename = "keterangan", default)]
    pub note: String,
    #[serde(rename = "persetujuan", default)]
    pub approval: bool,
}

/// The time standard of an SOP step (`waktu`): "<n> menit", "<n> jam" or "<n> hari".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TimeStandard {
    pub amount: u32,
    pub unit: TimeUnit,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TimeUnit {
    #[default]
    Minutes,
    Hours,
    /// Working days, Monday to Friday.
    WorkingDays,
}

impl std::str::FromStr for TimeStandard {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, String> {
        let expected = || {
            format!(
                "`{text}` is not a time standard: write \"<n> menit\", \"<n> jam\" or \"<n> hari\""
            )
        };
        let mut words = text.split_whitespace();
        let (Some(amount), Some(unit), None) = (words.next(), words.next(), words.next()) else {
            return Err(expected());
        };
        let amount: u32 = amount.parse().map_err(|_| expected())?;
        let unit = match unit.to_lowercase().as_str() {
            "menit" => TimeUnit::Minutes,
            "jam" => TimeUnit::Hours,
            "hari" => TimeUnit::WorkingDays,
            _ => return Err(expected()),
        };
        Ok(TimeStandard { amount, unit })
    }
}

impl fmt::Display for TimeStandard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unit = match self.unit {
            TimeUnit::Minutes => "menit",
            TimeUnit::Hours => "jam",
            TimeUnit::WorkingDays => "hari",
        };
        write!(f, "{} {unit}", self.amount)
    }
}

impl<'de> Deserialize<'de> for TimeStandard {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

// ---------------------------------------------------------------------------------------------
// renstra.toml

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Renstra {
    #[serde(skip)]
    pub file: FileId,
    /// First and last year of the plan.
    #[serde(rename = "periode")]
    pub period: Sp<[i32; 2]>,
    #[serde(rename = "indikator", default)]
    pub indicators: Vec<RenstraIndicator>,
    /// The plan's objectives (`[[tujuan]]`), each with its own indicators.
    #[serde(rename = "tujuan", default)]
    pub objectives: Vec<RenstraObjective>,
}

impl Renstra {
    pub fn final_year(&self) -> i32 {
        self.period[1]
    }

    /// A Renstra indicator by id: those of `[[indikator]]`, then those of each `[[tujuan]]`.
    pub fn indicator(&self, id: &str) -> Option<&RenstraIndicator> {
        self.all_indicators().find(|i| *i.id == id)
    }

    /// Every indicator of the plan: `[[indikator]]` first, then each `[[tujuan]]`'s in order.
    pub fn all_indicators(&self) -> impl Iterator<Item = &RenstraIndicator> {
        self.indicators
            .iter()
            .chain(self.objectives.iter().flat_map(|o| o.indicators.iter()))
    }

    pub fn objective(&self, id: &str) -> Option<&RenstraObjective> {
        self.objectives.iter().find(|o| *o.id == id)
    }
}

/// `[[tujuan]]` of renstra.toml: an objective of the plan, measured by its own indicators.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RenstraObjective {
    pub id: Sp<String>,
    #[serde(rename = "nama")]
    pub name: String,
    #[serde(rename = "indikator", default)]
    pub indicators: Vec<RenstraIndicator>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RenstraIndicator {
    pub id: Sp<String>,
    #[serde(rename = "nama")]
    pub name: String,
    #[serde(rename = "satuan")]
    pub unit: String,
    #[serde(rename = "kondisi_awal", default)]
    pub baseline: Option<Sp<Value>>,
    /// Yearly targets keyed by the year as written (`2025 = 92.0`); words for an ordinal
    /// indicator (`2025 = "Nindya"`).
    #[serde(rename = "target")]
    pub targets: Sp<BTreeMap<String, Sp<Value>>>,
    /// The `[[tujuan]]` this indicator measures (`tujuan = "t1"`), for an indicator listed
    /// under `[[indikator]]`; empty for none.
    #[serde(rename = "tujuan", default)]
    pub objective: Sp<String>,
}

impl RenstraIndicator {
    /// The numeric target of `year`; `None` for none or a word.
    pub fn target(&self, year: i32) -> Option<f64> {
        self.goal(year).and_then(|v| v.as_number())
    }

    /// The target of `year` as written: a number, or a word of an ordinal indicator.
    pub fn goal(&self, year: i32) -> Option<Value> {
        self.targets.get(&year.to_string()).map(|t| t.value.clone())
    }
}

// ---------------------------------------------------------------------------------------------
// pages/*.md

#[derive(Clone, Debug, Default)]
pub struct Page {
    pub file: FileId,
    /// The file stem: the page's URL.
    pub slug: String,
    pub front: FrontMatter,
    /// The Markdown after the front matter.
    pub body: String,
    /// Byte offset of `body` in the file, so Markdown findings can point into it.
    pub body_offset: usize,
    /// The budget year of a year's narrative (`<year>/pages/`); `None` for a page of the whole
    /// site (`pages/`).
    pub year: Option<i32>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    #[serde(rename = "judul")]
    pub title: String,
    #[serde(rename = "urutan", default)]
    pub order: i64,
    /// Chapter of the printed report: 0 the front part (Kata Pengantar, Ikhtisar Eksekutif),
    /// 1 to 4 Bab I to IV.
    #[serde(rename = "bab", default)]
    pub chapter: Option<Sp<i64>>,
}

// ---------------------------------------------------------------------------------------------
// <year>/

/// One budget year's folder.
#[derive(Clone, Debug, Default)]
pub struct Year {
    pub year: i32,
    /// Performance agreements, by file stem.
    pub pks: Vec<Pk>,
    /// Realisation files, by the id of their PK.
    pub realisations: BTreeMap<String, Realisations>,
    pub process: Option<Process>,
    /// Ids of PK files that could not be parsed; their realisations are not checked against
    /// them, so that one mistake gives one finding.
    pub unreadable_pks: std::collections::BTreeSet<String>,
    /// This year's narrative (`<year>/pages/*.md`), in `urutan` order, then by file stem.
    pub pages: Vec<Page>,
    /// `<year>/tindak_lanjut.toml`: the recommendations of the last evaluation and their
    /// follow-up.
    pub follow_up: Option<FollowUp>,
}

impl Year {
    pub fn pk(&self, id: &str) -> Option<&Pk> {
        self.pks.iter().find(|p| p.id == id)
    }
}

/// `<year>/pk/<id>.toml`: one Perjanjian Kinerja.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pk {
    #[serde(skip)]
    pub file: FileId,
    /// The file stem.
    #[serde(skip)]
    pub id: String,
    /// The official who signs as first party.
    #[serde(rename = "pejabat")]
    pub official: Sp<String>,
    /// Use [`Pk::second_party`].
    #[serde(rename = "pihak_kedua", default)]
    pub second_party: Option<SecondParty>,
    #[serde(rename = "tanggal", default)]
    pub signed: Option<Sp<Date>>,
    #[serde(rename = "sasaran", default)]
    pub goals: Vec<Goal>,
    #[serde(rename = "program", default)]
    pub programmes: Vec<Programme>,
}

impl Pk {
    /// A programme written without `id` takes its `kode` as id.
    pub fn fill_programme_ids(&mut self) {
        for programme in &mut self.programmes {
            if programme.id.is_empty()
                && let Some(code) = &programme.code
            {
                programme.id = code.clone();
            }
        }
    }

    /// The second party as written: a name, or a table with name, position and NIP.
    pub fn second_party(&self) -> Option<Party<'_>> {
        self.second_party.as_ref().map(SecondParty::party)
    }

    pub fn indicators(&self) -> impl Iterator<Item = (&Goal, &Indicator)> {
        self.goals
            .iter()
            .flat_map(|g| g.indicators.iter().map(move |i| (g, i)))
    }
}

/// `pihak_kedua`: a name as text (`"Wali Kota Tarakan"`), or a table
/// (`{ nama = "…", jabatan = "Wali Kota Tarakan", nip = "…" }`).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum SecondParty {
    Name(String),
    Table(SecondPartyTable),
}

#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SecondPartyTable {
    #[serde(rename = "nama")]
    pub name: String,
    #[serde(rename = "jabatan", default)]
    pub position: String,
    #[serde(default)]
    pub nip: Option<String>,
}

/// The second party of a PK, whichever way it is written.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Party<'a> {
    pub name: &'a str,
    /// `None` when written as text or left empty.
    pub position: Option<&'a str>,
    pub nip: Option<&'a str>,
}

impl SecondParty {
    pub fn party(&self) -> Party<'_> {
        match self {
            SecondParty::Name(name) => Party {
                name,
                position: None,
                nip: None,
            },
            SecondParty::Table(t) => Party {
                name: &t.name,
                position: Some(t.position.as_str()).filter(|p| !p.trim().is_empty()),
                nip: t.nip.as_deref().filter(|n| !n.trim().is_empty()),
            },
        }
    }
}

impl<'de> Deserialize<'de> for SecondParty {
    // By hand rather than `untagged`: an unknown key in the table keeps serde's "unknown field,
    // expected one of" message (and its place) instead of "did not match any variant".
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PartyVisitor;
        impl<'de> serde::de::Visitor<'de> for PartyVisitor {
            type Value = SecondParty;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a name, or a table with `nama`, `jabatan` and `nip`")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<SecondParty, E> {
                Ok(SecondParty::Name(v.to_string()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<SecondParty, A::Error> {
                SecondPartyTable::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(SecondParty::Table)
            }
        }
        deserializer.deserialize_any(PartyVisitor)
    }
}

/// A goal (`sasaran`) of a PK.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    pub id: Sp<String>,
    #[serde(rename = "nama")]
    pub name: String,
    /// Id of the superior PK's goal this one cascades from; empty for none.
    #[serde(rename = "mendukung", default)]
    pub supports: Sp<String>,
    #[serde(rename = "indikator", default)]
    pub indicators: Vec<Indicator>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub id: Sp<String>,
    #[serde(rename = "nama")]
    pub name: String,
    #[serde(rename = "satuan")]
    pub unit: String,
    #[serde(rename = "polaritas")]
    pub polarity: Sp<Polarity>,
    /// The year target; absent for a range (`polaritas = "stabil"`), which has
    /// `target_min` and `target_maks` instead. Use [`Indicator::year_target`].
    #[serde(default)]
    pub target: Option<Sp<Value>>,
    /// The range of a `stabil` indicator: within it the target is met.
    #[serde(rename = "target_min", default)]
    pub target_min: Option<Sp<f64>>,
    #[serde(rename = "target_maks", default)]
    pub target_max: Option<Sp<f64>>,
    /// Targets as of the end of each quarter; must be four numbers.
    #[serde(rename = "target_triwulan", default)]
    pub quarter_targets: Option<Sp<Vec<Sp<f64>>>>,
    #[serde(rename = "akumulasi", default)]
    pub accumulation: Sp<Accumulation>,
    #[serde(rename = "standar_nasional", default)]
    pub national_standard: Option<Sp<f64>>,
    #[serde(rename = "rumus_capaian", default)]
    pub formula: Option<Sp<NegativeFormula>>,
    #[serde(rename = "rumus", default)]
    pub method: String,
    #[serde(rename = "sumber_data", default)]
    pub data_source: String,
    /// The words of an ordinal indicator, lowest first.
    #[serde(rename = "skala", default)]
    pub scale: Option<Sp<Vec<String>>>,
    /// A score for each word of `skala` (`skor`, same length): the achievement is then
    /// skor(R) / skor(T) × 100 instead of the ranks'.
    #[serde(rename = "skor", default)]
    pub scores: Option<Sp<Vec<Sp<f64>>>>,
    /// An Indikator Kinerja Utama (`iku = true`) of the organisation.
    #[serde(default)]
    pub iku: Option<Sp<bool>>,
    /// Definisi operasional: what the indicator means (for the IKU table).
    #[serde(rename = "definisi", default)]
    pub definition: String,
    /// Who answers for the indicator (`penanggung_jawab`): a position or unit, as text.
    #[serde(rename = "penanggung_jawab", default)]
    pub responsible: String,
    /// Comparison 4: other regions' or the nation's values (`[[sasaran.indikator.pembanding]]`).
    #[serde(rename = "pembanding", default)]
    pub benchmarks: Vec<Benchmark>,
}

/// `[[sasaran.indikator.pembanding]]`: a value to compare the realisation with.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Benchmark {
    /// Whose value: "Nasional", "Provinsi Kalimantan Utara", "Kota Balikpapan".
    #[serde(rename = "nama")]
    pub name: Sp<String>,
    /// A number, or a word of the indicator's `skala`.
    #[serde(rename = "nilai")]
    pub value: Sp<Value>,
    /// The year the value is of; `None` when not given.
    #[serde(rename = "tahun", default)]
    pub year: Option<Sp<i32>>,
    /// Where the value comes from (publication, agency).
    #[serde(rename = "sumber", default)]
    pub source: String,
}

impl Indicator {
    pub fn is_ordinal(&self) -> bool {
        self.scale.is_some()
    }

    /// The year target `T`: the number or word of `target`, or the range of a `stabil`
    /// indicator. `None` when the file does not give one (a validation error).
    pub fn year_target(&self) -> Option<Target> {
        if *self.polarity == Polarity::Stable {
            let (min, max) = (self.target_min.as_ref()?, self.target_max.as_ref()?);
            return Some(Target::Range {
                min: min.value,
                max: max.value,
            });
        }
        self.target.as_ref().map(|t| Target::from(t.value.clone()))
    }

    /// Where the year target is written, for findings: `target`, else `target_min`.
    pub fn target_span(&self) -> Span {
        self.target
            .as_ref()
            .map(|t| t.span.clone())
            .or_else(|| self.target_min.as_ref().map(|t| t.span.clone()))
            .unwrap_or_else(|| self.id.span.clone())
    }

    /// The quarters this indicator expects a realisation for: every quarter when it has
    /// quarterly targets, otherwise only the fourth (a yearly statistic).
    pub fn expected_quarters(&self) -> &'static [Quarter] {
        if self.quarter_targets.is_some() {
            &Quarter::ALL
        } else {
            &Quarter::ALL[3..]
        }
    }

    /// What quarter `q` is measured against: its `target_triwulan`, or for a `stabil`
    /// indicator the range, which holds all year. `None` when neither is given.
    pub fn quarter_goal(&self, q: Quarter) -> Option<Target> {
        if *self.polarity == Polarity::Stable {
            return self.year_target();
        }
        self.quarter_target(q).map(Target::Number)
    }

    /// The target of quarter `q` (1..=4), if quarterly targets are given.
    pub fn quarter_target(&self, q: Quarter) -> Option<f64> {
        let targets = self.quarter_targets.as_ref()?;
        targets.get(q.index()).map(|t| t.value)
    }

    /// Rank 1..n of a word of the ordinal scale.
    pub fn rank(&self, word: &str) -> Option<usize> {
        let scale = self.scale.as_ref()?;
        scale.iter().position(|w| w == word).map(|i| i + 1)
    }

    /// The `skor` of a word of the ordinal scale; `None` without `skor` (or a `skor` of
    /// another length than `skala`, an error) or for a word outside the scale.
    pub fn score(&self, word: &str) -> Option<f64> {
        let scores = self.scores.as_ref()?;
        let scale = self.scale.as_ref()?;
        if scores.len() != scale.len() {
            return None;
        }
        scores.get(self.rank(word)? - 1).map(|s| s.value)
    }

    /// Whether the indicator is marked `iku = true`.
    pub fn is_iku(&self) -> bool {
        self.iku.as_ref().is_some_and(|i| i.value)
    }
}

/// `polaritas`: whether a higher realisation is better, or a value within a range.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
pub enum Polarity {
    #[default]
    #[serde(rename = "positif")]
    Positive,
    #[serde(rename = "negatif")]
    Negative,
    /// Within `target_min`..=`target_maks` is best (a range target).
    #[serde(rename = "stabil")]
    Stable,
}

impl Polarity {
    pub const ALL: [Polarity; 3] = [Polarity::Positive, Polarity::Negative, Polarity::Stable];

    /// The word used in the TOML files.
    pub fn key(self) -> &'static str {
        match self {
            Polarity::Positive => "positif",
            Polarity::Negative => "negatif",
            Polarity::Stable => "stabil",
        }
    }
}

/// The year target `T` of an indicator: a number, a word of its ordinal scale, or the range
/// of a `stabil` indicator (exported as `{"min": …, "maks": …}`).
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    Number(f64),
    Word(String),
    Range { min: f64, max: f64 },
}

impl Default for Target {
    fn default() -> Self {
        Target::Number(0.0)
    }
}

impl From<Value> for Target {
    fn from(value: Value) -> Target {
        match value {
            Value::Number(n) => Target::Number(n),
            Value::Word(w) => Target::Word(w),
        }
    }
}

impl Target {
    pub fn as_number(&self) -> Option<f64> {
        match self {
            Target::Number(n) => Some(*n),
            _ => None,
        }
    }

    pub fn as_word(&self) -> Option<&str> {
        match self {
            Target::Word(w) => Some(w),
            _ => None,
        }
    }
}

impl Serialize for Target {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        match self {
            Target::Number(n) => serializer.serialize_f64(*n),
            Target::Word(w) => serializer.serialize_str(w),
            Target::Range { min, max } => {
                let mut map = serializer.serialize_map(Some(2))?;
                map.serialize_entry("min", min)?;
                map.serialize_entry("maks", max)?;
                map.end()
            }
        }
    }
}

/// `akumulasi`: how the year's realisation follows from the quarters'.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
pub enum Accumulation {
    /// The latest quarter reported.
    #[default]
    #[serde(rename = "akhir")]
    Last,
    /// The sum of the quarters reported.
    #[serde(rename = "jumlah")]
    Sum,
    /// The mean of the quarters reported.
    #[serde(rename = "rata_rata")]
    Mean,
}

impl Accumulation {
    /// How a request form asks for one quarter's `nilai` (TOML stub, XLSX, printable page).
    pub fn quarter_value(self, language: Language) -> &'static str {
        match (self, language) {
            (Accumulation::Last, Language::Indonesian) => {
                "isi nilai posisi akhir triwulan ini (keadaan s.d. akhir triwulan)"
            }
            (Accumulation::Last, Language::English) => "the value as of the end of this quarter",
            (Accumulation::Sum, Language::Indonesian) => {
                "isi jumlah triwulan ini saja, bukan kumulatif"
            }
            (Accumulation::Sum, Language::English) => {
                "this quarter's own total only, not cumulative"
            }
            (Accumulation::Mean, Language::Indonesian) => {
                "isi nilai triwulan ini saja (nilai tahunan = rata-rata triwulan)"
            }
            (Accumulation::Mean, Language::English) => {
                "this quarter's own value only (the year's value is the mean of the quarters)"
            }
        }
    }

    /// What the target as of the end of quarter `q` is compared with: the quarter's value
    /// itself (`akhir`, and `jumlah` in the first quarter), or the sum or mean of quarters
    /// 1..=q.
    pub fn compared_with(self, language: Language, q: Quarter) -> String {
        let roman = ["I", "II", "III", "IV"][q.index()];
        let (id, en) = match self {
            _ if q.number() == 1 || self == Accumulation::Last => {
                return match language {
                    Language::Indonesian => "dibandingkan langsung dengan nilai ini",
                    Language::English => "compared with this value itself",
                }
                .to_string();
            }
            Accumulation::Sum => ("jumlah", "sum"),
            _ => ("rata-rata", "mean"),
        };
        match language {
            Language::Indonesian => format!(
                "dibandingkan dengan {id} nilai TW I s.d. TW {roman}, bukan dengan nilai triwulan ini saja"
            ),
            Language::English => format!(
                "compared with the {en} of Q1 to Q{}, not with this quarter's value alone",
                q.number()
            ),
        }
    }

    /// The target one quarter's own `nilai` answers to, from the targets as of each
    /// quarter's end: for `jumlah` the quarter's share (T_q − T_{q−1}), otherwise T_q.
    pub fn own_quarter_target(self, as_of: &[f64], q: Quarter) -> Option<f64> {
        let t = *as_of.get(q.index())?;
        match (self, q.index()) {
            (Accumulation::Sum, i) if i > 0 => {
                let before = *as_of.get(i - 1)?;
                // To the decimals the targets are written with: 6.3 − 4.2 is 2.1, not
                // 2.0999999999999996.
                let decimals = |x: f64| {
                    let text = format!("{x}");
                    text.split_once('.').map_or(0, |(_, f)| f.len() as i32)
                };
                let scale = 10f64.powi(decimals(t).max(decimals(before)).min(15));
                Some(((t - before) * scale).round() / scale)
            }
            _ => Some(t),
        }
    }
}

impl Accumulation {
    /// The word used in the TOML files.
    pub fn key(self) -> &'static str {
        match self {
            Accumulation::Last => "akhir",
            Accumulation::Sum => "jumlah",
            Accumulation::Mean => "rata_rata",
        }
    }
}

/// `rumus_capaian` of a negatif indicator.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
pub enum NegativeFormula {
    /// (2T − R) / T × 100, not below 0.
    #[default]
    #[serde(rename = "(2T-R)/T")]
    TwiceTargetMinus,
    /// T / R × 100.
    #[serde(rename = "T/R")]
    TargetOverRealisation,
}

/// A target or realisation: a number, or a word of an ordinal scale.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Value {
    Number(f64),
    Word(String),
}

impl Default for Value {
    fn default() -> Self {
        Value::Number(0.0)
    }
}

impl Value {
    pub fn as_number(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            Value::Word(_) => None,
        }
    }

    pub fn as_word(&self) -> Option<&str> {
        match self {
            Value::Word(w) => Some(w),
            Value::Number(_) => None,
        }
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ValueVisitor;
        impl serde::de::Visitor<'_> for ValueVisitor {
            type Value = Value;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number, or a word of the indicator's `skala`")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Value, E> {
                Ok(Value::Number(v as f64))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Value, E> {
                Ok(Value::Number(v as f64))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Value, E> {
                Ok(Value::Number(v))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Value, E> {
                Ok(Value::Word(v.to_string()))
            }
        }
        deserializer.deserialize_any(ValueVisitor)
    }
}

/// A programme of a PK with its budget ceiling, and optionally its place in the Permendagri
/// 90/2019 nomenclature: a code, the revised budget, the source of funds and the kegiatan and
/// sub-kegiatan it is carried out through.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Programme {
    /// The programme's reference (links, `[[anggaran]] program`); when not written, its `kode`
    /// ([`Pk::fill_programme_ids`]).
    #[serde(default)]
    pub id: Sp<String>,
    /// The nomenclature code, urusan.bidang.program (e.g. `2.08.02`).
    #[serde(rename = "kode", default)]
    pub code: Option<Sp<String>>,
    #[serde(rename = "nama")]
    pub name: String,
    /// Goals of the same PK that this programme supports.
    #[serde(rename = "sasaran", default)]
    pub goals: Vec<Sp<String>>,
    /// The original budget (pagu murni, APBD).
    #[serde(rename = "pagu")]
    pub budget: Sp<Rupiah>,
    /// The revised budget (pagu perubahan, APBD-P); when given, absorption is measured
    /// against it.
    #[serde(rename = "pagu_perubahan", default)]
    pub revised_budget: Option<Sp<Rupiah>>,
    /// Source of funds (e.g. "DAU", "DAK Non Fisik", "PAD").
    #[serde(rename = "sumber_dana", default)]
    pub funding: Option<Sp<String>>,
    #[serde(rename = "kegiatan", default)]
    pub activities: Vec<Activity>,
}

/// A kegiatan of a programme (`[[program.kegiatan]]`).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Activity {
    /// urusan.bidang.program.kewenangan.kegiatan (e.g. `2.08.02.2.01`).
    #[serde(rename = "kode")]
    pub code: Sp<String>,
    #[serde(rename = "nama")]
    pub name: String,
    #[serde(rename = "pagu")]
    pub budget: Sp<Rupiah>,
    #[serde(rename = "pagu_perubahan", default)]
    pub revised_budget: Option<Sp<Rupiah>>,
    #[serde(rename = "sumber_dana", default)]
    pub funding: Option<Sp<String>>,
    #[serde(rename = "sub_kegiatan", default)]
    pub sub_activities: Vec<SubActivity>,
}

/// A sub-kegiatan of a kegiatan (`[[program.kegiatan.sub_kegiatan]]`), the level the budget
/// is spent at.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubActivity {
    /// The kegiatan's code and a four-digit number (e.g. `2.08.02.2.01.0001`).
    #[serde(rename = "kode")]
    pub code: Sp<String>,
    #[serde(rename = "nama")]
    pub name: String,
    #[serde(rename = "pagu")]
    pub budget: Sp<Rupiah>,
    #[serde(rename = "pagu_perubahan", default)]
    pub revised_budget: Option<Sp<Rupiah>>,
    #[serde(rename = "sumber_dana", default)]
    pub funding: Option<Sp<String>>,
}

/// The budget absorption is measured against: the revised one (APBD-P) when given.
fn effective(budget: &Sp<Rupiah>, revised: &Option<Sp<Rupiah>>) -> Rupiah {
    revised.as_ref().map_or(budget.value, |r| r.value)
}

impl Programme {
    /// The budget absorption is measured against: the revised one when given.
    pub fn effective_budget(&self) -> Rupiah {
        effective(&self.budget, &self.revised_budget)
    }

    /// Every sub-kegiatan with its kegiatan.
    pub fn sub_activities(&self) -> impl Iterator<Item = (&Activity, &SubActivity)> {
        self.activities
            .iter()
            .flat_map(|a| a.sub_activities.iter().map(move |s| (a, s)))
    }

    /// Whether `spending` is recorded on this programme or on one of its sub-kegiatan.
    pub fn owns(&self, spending: &Spending) -> bool {
        match (&spending.program, &spending.sub_activity) {
            (Some(p), _) => p.value == self.id.value,
            (None, Some(code)) => self
                .sub_activities()
                .any(|(_, s)| s.code.value == code.value),
            (None, None) => false,
        }
    }
}

impl Activity {
    pub fn effective_budget(&self) -> Rupiah {
        effective(&self.budget, &self.revised_budget)
    }
}

impl SubActivity {
    pub fn effective_budget(&self) -> Rupiah {
        effective(&self.budget, &self.revised_budget)
    }
}

/// An amount of money in whole rupiah.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(transparent)]
pub struct Rupiah(pub i64);

/// A quarter of the budget year, 1 to 4 (`triwulan`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Quarter(u8);

impl Quarter {
    pub const ALL: [Quarter; 4] = [Quarter(1), Quarter(2), Quarter(3), Quarter(4)];

    pub fn new(q: i64) -> Option<Quarter> {
        (1..=4).contains(&q).then_some(Quarter(q as u8))
    }

    pub fn number(self) -> u8 {
        self.0
    }

    /// 0-based index into per-quarter arrays.
    pub fn index(self) -> usize {
        usize::from(self.0 - 1)
    }

    /// The last day of this quarter in `year`.
    pub fn end(self, year: i32) -> Option<Date> {
        let (month, day) = match self.0 {
            1 => (3, 31),
            2 => (6, 30),
            3 => (9, 30),
            _ => (12, 31),
        };
        Date::new(i16::try_from(year).ok()?, month, day)
    }
}

impl<'de> Deserialize<'de> for Quarter {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let q = i64::deserialize(deserializer)?;
        Quarter::new(q).ok_or_else(|| {
            serde::de::Error::custom(format!("triwulan {q} does not exist: write 1, 2, 3 or 4"))
        })
    }
}

/// `<year>/realisasi/<pk-id>.toml`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Realisations {
    #[serde(skip)]
    pub file: FileId,
    /// The file stem: the id of the PK these realisations belong to.
    #[serde(skip)]
    pub pk: String,
    #[serde(rename = "realisasi", default)]
    pub entries: Vec<Realisation>,
    #[serde(rename = "anggaran", default)]
    pub spending: Vec<Spending>,
}

/// One indicator's value in one quarter.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Realisation {
    #[serde(rename = "indikator")]
    pub indicator: Sp<String>,
    #[serde(rename = "triwulan")]
    pub quarter: Sp<Quarter>,
    #[serde(rename = "nilai")]
    pub value: Sp<Value>,
    #[serde(rename = "pelapor", default)]
    pub reporter: Option<Sp<String>>,
    #[serde(rename = "sumber", default)]
    pub source: Option<String>,
    /// Markdown: why the target was (not) met.
    #[serde(rename = "analisis", default)]
    pub analysis: Option<String>,
    /// Markdown: what helped (faktor pendorong).
    #[serde(rename = "pendorong", default)]
    pub drivers: Option<String>,
    /// Markdown: what held it back (faktor penghambat).
    #[serde(rename = "penghambat", default)]
    pub obstacles: Option<String>,
    /// Markdown: the solution or anticipating steps (solusi / langkah antisipatif).
    #[serde(rename = "solusi", default)]
    pub solutions: Option<String>,
    /// Evidence files (`bukti`), relative to the content folder and inside it.
    #[serde(rename = "bukti", default)]
    pub evidence: Vec<Sp<String>>,
    /// Whether the public edition publishes the evidence files themselves (otherwise it lists
    /// their names and SHA-256 only).
    #[serde(rename = "bukti_publik", default)]
    pub evidence_public: bool,
}

/// Budget spent in one quarter by one programme or by one sub-kegiatan (exactly one of the
/// two is named; spending on a sub-kegiatan counts for its kegiatan and programme).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spending {
    #[serde(default)]
    pub program: Option<Sp<String>>,
    /// The code of a sub-kegiatan of one of the PK's programmes.
    #[serde(rename = "sub_kegiatan", default)]
    pub sub_activity: Option<Sp<String>>,
    #[serde(rename = "triwulan")]
    pub quarter: Sp<Quarter>,
    #[serde(rename = "realisasi")]
    pub amount: Sp<Rupiah>,
}

impl Spending {
    /// What the spending is recorded on: the programme id, else the sub-kegiatan code (an
    /// empty, unplaced string when neither is written; the check reports that).
    pub fn item(&self) -> &Sp<String> {
        static NONE: Sp<String> = Sp {
            value: String::new(),
            span: 0..0,
        };
        self.program
            .as_ref()
            .or(self.sub_activity.as_ref())
            .unwrap_or(&NONE)
    }
}

/// `<year>/tindak_lanjut.toml`: the recommendations of the last evaluation of the agency's
/// performance accountability (the LHE of the APIP or KemenPAN-RB) and what was done about them
/// in this year.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowUp {
    #[serde(skip)]
    pub file: FileId,
    #[serde(rename = "rekomendasi", default)]
    pub recommendations: Vec<Recommendation>,
}

/// One recommendation (`[[rekomendasi]]`) and its follow-up.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recommendation {
    pub no: Sp<u32>,
    /// What the evaluators recommended.
    #[serde(rename = "uraian")]
    pub text: Sp<String>,
    /// Where it comes from: the LHE's number and date.
    #[serde(rename = "sumber", default)]
    pub source: String,
    /// `belum` | `proses` | `selesai`, checked after loading (a misspelling gets a hint).
    pub status: Sp<String>,
    /// When the follow-up reached its status.
    #[serde(rename = "tanggal", default)]
    pub date: Option<Sp<Date>>,
    /// Evidence files of the follow-up, as a realisation's `bukti`.
    #[serde(rename = "bukti", default)]
    pub evidence: Vec<Sp<String>>,
    #[serde(rename = "keterangan", default)]
    pub note: String,
}

/// The state of a recommendation's follow-up.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FollowUpStatus {
    Belum,
    Proses,
    Selesai,
}

impl FollowUpStatus {
    pub const ALL: [FollowUpStatus; 3] = [
        FollowUpStatus::Belum,
        FollowUpStatus::Proses,
        FollowUpStatus::Selesai,
    ];

    pub fn key(self) -> &'static str {
        match self {
            FollowUpStatus::Belum => "belum",
            FollowUpStatus::Proses => "proses",
            FollowUpStatus::Selesai => "selesai",
        }
    }

    pub fn parse(word: &str) -> Option<FollowUpStatus> {
        FollowUpStatus::ALL.into_iter().find(|s| s.key() == word)
    }
}

impl Recommendation {
    /// The status, `None` when it is not one of the three words (a finding says so).
    pub fn state(&self) -> Option<FollowUpStatus> {
        FollowUpStatus::parse(self.status.trim())
    }
}

/// `<year>/proses.toml`: which SOP steps were done, when, by whom.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Process {
    #[serde(skip)]
    pub file: FileId,
    #[serde(rename = "langkah", default)]
    pub steps: Vec<ProcessStep>,
    /// The APIP's review of the year's report (`[reviu]`), for "Pernyataan Telah Direviu".
    #[serde(rename = "reviu", default)]
    pub review: Option<Sp<Review>>,
}

/// `[reviu]` of proses.toml: who reviewed the year's report before it was signed.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    /// The reviewing APIP, e.g. "Inspektorat Kota Tarakan".
    pub instansi: String,
    /// The reviewer who signs the statement.
    pub nama: String,
    pub jabatan: String,
    /// NIP of the reviewer; shown in the internal edition only (unless `publik_nip`).
    #[serde(default)]
    pub nip: Option<String>,
    /// The day (or moment) of the statement.
    pub tanggal: Sp<Moment>,
    /// The statement's letter number.
    #[serde(default)]
    pub nomor: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProcessStep {
    pub no: Sp<u32>,
    /// The quarterly collection the step belongs to (`triwulan`); `None`: the year's report.
    #[serde(rename = "triwulan", default)]
    pub quarter: Option<Sp<Quarter>>,
    /// The run (`putaran`), 1 unless the year was approved again.
    #[serde(rename = "putaran", default)]
    pub round: Option<Sp<u32>>,
    #[serde(rename = "tanggal")]
    pub start: Sp<Moment>,
    #[serde(rename = "selesai", default)]
    pub end: Option<Sp<Moment>>,
    #[serde(rename = "oleh")]
    pub by: Sp<String>,
    #[serde(rename = "dokumen", default)]
    pub document: Option<String>,
    #[serde(rename = "nomor_surat", default)]
    pub letter_number: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// Dates

pub use jiff::civil::DateTime;

/// A calendar date (TOML `YYYY-MM-DD`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub jiff::civil::Date);

impl Date {
    pub fn new(year: i16, month: i8, day: i8) -> Option<Date> {
        jiff::civil::Date::new(year, month, day).ok().map(Date)
    }
}

impl Deref for Date {
    type Target = jiff::civil::Date;
    fn deref(&self) -> &jiff::civil::Date {
        &self.0
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let dt = toml::value::Datetime::deserialize(deserializer)?;
        date_from_toml(&dt).map_err(serde::de::Error::custom)
    }
}

/// A TOML date or local date-time (`tanggal`, `selesai` of a process step).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Moment {
    Day(Date),
    At(DateTime),
}

impl Moment {
    pub fn date(self) -> Date {
        match self {
            Moment::Day(d) => d,
            Moment::At(dt) => Date(dt.date()),
        }
    }

    /// The moment as a date-time; a bare date is its midnight.
    pub fn datetime(self) -> DateTime {
        match self {
            Moment::Day(d) => d.0.to_datetime(jiff::civil::Time::midnight()),
            Moment::At(dt) => dt,
        }
    }
}

impl fmt::Display for Moment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Moment::Day(d) => write!(f, "{d}"),
            Moment::At(dt) => write!(f, "{}", dt.strftime("%Y-%m-%d %H:%M")),
        }
    }
}

impl Default for Moment {
    fn default() -> Self {
        Moment::Day(Date::default())
    }
}

impl<'de> Deserialize<'de> for Moment {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let dt = toml::value::Datetime::deserialize(deserializer)?;
        moment_from_toml(&dt).map_err(serde::de::Error::custom)
    }
}

fn civil_date(dt: &toml::value::Datetime, d: toml::value::Date) -> Result<Date, String> {
    let year = i16::try_from(d.year).map_err(|_| format!("`{dt}`: the year is out of range"))?;
    Date::new(year, d.month as i8, d.day as i8).ok_or_else(|| format!("`{dt}` is not a date"))
}

/// Reads a TOML date; a date-time or time is refused.
pub fn date_from_toml(dt: &toml::value::Datetime) -> Result<Date, String> {
    match (dt.date, dt.time, dt.offset) {
        (Some(d), None, None) => civil_date(dt, d),
        _ => Err(format!(
            "`{dt}` is not a plain date: write it as YYYY-MM-DD"
        )),
    }
}

fn moment_from_toml(dt: &toml::value::Datetime) -> Result<Moment, String> {
    match (dt.date, dt.time, dt.offset) {
        (Some(d), None, None) => civil_date(dt, d).map(Moment::Day),
        (Some(d), Some(t), None) => {
            let date = civil_date(dt, d)?;
            let time = jiff::civil::Time::new(
                t.hour as i8,
                t.minute as i8,
                t.second.unwrap_or(0) as i8,
                0,
            )
            .map_err(|e| format!("`{dt}` is not a time: {e}"))?;
            Ok(Moment::At(date.0.to_datetime(time)))
        }
        _ => Err(format!(
            "`{dt}` is not a date or local date-time: write YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS without a time zone"
        )),
    }
}
