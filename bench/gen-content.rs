//! A large, valid, synthetic report repository for benchmarks, deterministic from a seed.
//!
//! ```sh
//! cargo run --release --example gen-content -- --years 10 --pks 50 --indicators 20 --seed 1 OUT
//! ```
//!
//! writes a content folder into `OUT`: `site.toml` with the officials, the SOP of
//! the demo, a Renstra, five Markdown chapters, and per year one PK per official with
//! `--indicators` indicators in goals of four, two programmes each (the head of the agency has
//! none), four quarterly realisations per indicator with analyses, budget realisations, and the
//! year's `proses.toml`. The last year is not signed yet (a DRAFT), as in a report in
//! progress. With the defaults: 10,000 indicator-years, 40,000 realisations. It passes
//! `capaian check` with no errors; the only warning is the draft year.
//!
//! `--hugo DIR` also writes a Hugo site built from the same data: one Markdown page for each
//! page capaian writes (dashboard, years, PKs, indicators, validation pages, forms, SOP,
//! chapters) holding the same tables, for `bench/compare.sh`. `--hugo-pages N` adds appendix
//! pages until the Hugo site has N pages, when capaian's page count grows beyond the mirrored
//! kinds.
//!
//! The numbers come from splitmix64, so that the same seed gives byte-identical files on every
//! machine without a dependency.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    let options = match Options::parse(std::env::args().skip(1)) {
        Ok(o) => o,
        Err(message) => {
            eprintln!("error: {message}");
            eprintln!(
                "usage: gen-content [--years N] [--pks N] [--indicators N] [--seed N] [--last-year Y] [--hugo DIR] [--hugo-pages N] OUT"
            );
            std::process::exit(2);
        }
    };
    let report = Report::generate(&options);
    let files = report.content_files();
    write_tree(&options.out, &files);
    let realisations = report
        .years
        .iter()
        .map(|y| {
            y.pks
                .iter()
                .map(|p| p.indicators.iter().map(|i| i.values.len()).sum::<usize>())
                .sum::<usize>()
        })
        .sum::<usize>();
    let indicator_years = report
        .years
        .iter()
        .map(|y| y.pks.iter().map(|p| p.indicators.len()).sum::<usize>())
        .sum::<usize>();
    eprintln!(
        "wrote {} files into {}: {} years, {} PKs a year, {indicator_years} indicator-years, {realisations} realisations",
        files.len(),
        options.out.display(),
        report.years.len(),
        report.years.first().map_or(0, |y| y.pks.len()),
    );
    if let Some(hugo) = &options.hugo {
        let files = report.hugo_files(options.hugo_pages);
        write_tree(hugo, &files);
        let pages = files
            .iter()
            .filter(|(p, _)| p.starts_with("content/"))
            .count();
        eprintln!("wrote a Hugo site of {pages} pages into {}", hugo.display());
    }
}

/// Writes the content folder of `years × pks × indicators` from `seed` into `out`: what the
/// command line does, for the criterion benchmarks (`benches/pipeline.rs` includes this file).
pub fn write_content(out: &Path, years: usize, pks: usize, indicators: usize, seed: u64) {
    let options = Options {
        years,
        pks,
        indicators,
        seed,
        last_year: 2025,
        out: out.to_path_buf(),
        hugo: None,
        hugo_pages: None,
    };
    write_tree(out, &Report::generate(&options).content_files());
}

fn write_tree(root: &Path, files: &[(String, String)]) {
    for (path, text) in files {
        let path = root.join(path);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)
                .unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
        }
        fs::write(&path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    }
}

struct Options {
    years: usize,
    pks: usize,
    indicators: usize,
    seed: u64,
    last_year: i32,
    out: PathBuf,
    hugo: Option<PathBuf>,
    hugo_pages: Option<usize>,
}

impl Options {
    fn parse(mut args: impl Iterator<Item = String>) -> Result<Options, String> {
        let mut options = Options {
            years: 10,
            pks: 50,
            indicators: 20,
            seed: 1,
            last_year: 2025,
            out: PathBuf::new(),
            hugo: None,
            hugo_pages: None,
        };
        let mut out = None;
        while let Some(arg) = args.next() {
            let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
            fn number<T: std::str::FromStr>(name: &str, text: String) -> Result<T, String> {
                text.parse()
                    .map_err(|_| format!("{name} takes a number, not `{text}`"))
            }
            match arg.as_str() {
                "--years" => options.years = number("--years", value("--years")?)?,
                "--pks" => options.pks = number("--pks", value("--pks")?)?,
                "--indicators" => {
                    options.indicators = number("--indicators", value("--indicators")?)?
                }
                "--seed" => options.seed = number("--seed", value("--seed")?)?,
                "--last-year" => options.last_year = number("--last-year", value("--last-year")?)?,
                "--hugo" => options.hugo = Some(PathBuf::from(value("--hugo")?)),
                "--hugo-pages" => {
                    options.hugo_pages = Some(number("--hugo-pages", value("--hugo-pages")?)?)
                }
                "-h" | "--help" => return Err("help".into()),
                flag if flag.starts_with('-') => return Err(format!("unknown option `{flag}`")),
                _ if out.is_none() => out = Some(PathBuf::from(arg)),
                _ => return Err(format!("one output folder only: `{arg}`")),
            }
        }
        options.out = out.ok_or("give the output folder")?;
        if options.years == 0 || options.pks == 0 || options.indicators == 0 {
            return Err("--years, --pks and --indicators are at least 1".into());
        }
        if options.indicators > 99 * 4 {
            return Err("--indicators is at most 396".into());
        }
        Ok(options)
    }
}

// ---------------------------------------------------------------------------------------------
// The random source.

/// splitmix64 (Steele, Lea, Flood 2014): tiny, fast, and good enough for synthetic data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn range(&mut self, low: f64, high: f64) -> f64 {
        low + (high - low) * self.unit()
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

// ---------------------------------------------------------------------------------------------
// Words.

const FIRST_NAMES: &[&str] = &[
    "Siti",
    "Muhammad",
    "Sri",
    "Agus",
    "Dewi",
    "Budi",
    "Rina",
    "Andi",
    "Nur",
    "Hendra",
    "Fitri",
    "Yohanis",
    "Maria",
    "Rahmat",
    "Hasnawati",
    "Irwan",
    "Wahyu",
    "Ratna",
    "Yusuf",
    "Lestari",
    "Dedi",
    "Ayu",
    "Bambang",
    "Indah",
    "Fajar",
    "Kartika",
    "Rudi",
    "Nadia",
    "Arif",
    "Sulastri",
];
const LAST_NAMES: &[&str] = &[
    "Rahayu",
    "Hidayat",
    "Wahyuningsih",
    "Setiawan",
    "Lamba",
    "Palinggi",
    "Handayani",
    "Saputra",
    "Nurhayati",
    "Pratama",
    "Kurniawan",
    "Sari",
    "Santoso",
    "Marlina",
    "Ramadhani",
    "Siregar",
    "Lete",
    "Arsyad",
    "Syahputra",
    "Wulandari",
    "Hasibuan",
    "Tambunan",
    "Manurung",
    "Lubis",
];
const DEGREES: &[&str] = &[
    "S.Sos.", "S.E.", "S.H.", "S.Pd.", "S.KM.", "S.IP.", "S.ST.", "S.Kom.", "S.Psi.", "S.Stat.",
];
const MASTERS: &[&str] = &["M.Si.", "M.M.", "M.A.P.", "M.H.", "M.Kes.", ""];

/// Fields of work of a bidang and its sections.
const FIELDS: &[(&str, [&str; 3])] = &[
    (
        "Pengarusutamaan Gender",
        [
            "Kualitas Hidup Perempuan",
            "Data Gender dan Anak",
            "Kelembagaan PUG",
        ],
    ),
    (
        "Perlindungan Perempuan dan Anak",
        [
            "Perlindungan Hak Perempuan",
            "Perlindungan Khusus Anak",
            "Layanan Pengaduan",
        ],
    ),
    (
        "Pemenuhan Hak Anak",
        [
            "Pengasuhan dan Lingkungan",
            "Partisipasi Anak",
            "Kota Layak Anak",
        ],
    ),
    (
        "Pengendalian Penduduk",
        [
            "Analisis Dampak Kependudukan",
            "Penyuluhan dan Penggerakan",
            "Data Keluarga",
        ],
    ),
    (
        "Keluarga Berencana",
        ["Pelayanan KB", "Kesehatan Reproduksi", "Ketahanan Keluarga"],
    ),
    (
        "Pemberdayaan Perempuan",
        [
            "Ekonomi Perempuan",
            "Kewirausahaan Perempuan",
            "Organisasi Perempuan",
        ],
    ),
    (
        "Ketahanan Keluarga",
        [
            "Bina Keluarga Balita",
            "Bina Keluarga Remaja",
            "Bina Keluarga Lansia",
        ],
    ),
    (
        "Pencegahan Stunting",
        [
            "Pendampingan Keluarga",
            "Calon Pengantin",
            "Audit Kasus Stunting",
        ],
    ),
];

const OBJECTS: &[&str] = &[
    "perangkat daerah yang menerapkan PPRG",
    "korban kekerasan yang mendapat layanan",
    "anak yang memiliki akta kelahiran",
    "kelurahan yang membentuk PATBM",
    "pasangan usia subur yang menjadi peserta KB aktif",
    "keluarga berisiko stunting yang didampingi",
    "kelompok usaha perempuan yang dibina",
    "sekolah ramah anak",
    "puskesmas ramah anak",
    "aduan yang ditindaklanjuti tepat waktu",
    "data terpilah gender yang diperbarui",
    "remaja yang mengikuti PIK-R",
    "keluarga balita yang aktif di BKB",
    "calon pengantin yang diperiksa kesehatannya",
    "kader yang terlatih",
    "dokumen perencanaan yang tepat waktu",
];
const COUNTS: &[(&str, &str)] = &[
    ("Jumlah peserta KB baru", "orang"),
    (
        "Jumlah kegiatan sosialisasi pencegahan kekerasan",
        "kegiatan",
    ),
    ("Jumlah perempuan pelaku usaha yang dilatih", "orang"),
    ("Jumlah forum anak yang aktif", "forum"),
    ("Jumlah kasus yang didampingi hingga tuntas", "kasus"),
    ("Jumlah kampung KB yang dibina", "kampung"),
    ("Jumlah laporan yang disusun", "dokumen"),
    ("Jumlah keluarga yang mendapat konseling", "keluarga"),
];
const INDICES: &[(&str, f64, f64)] = &[
    ("Indeks Pembangunan Gender", 90.0, 91.6),
    ("Indeks Pemberdayaan Gender", 66.0, 76.5),
    ("Indeks Perlindungan Anak", 60.0, 63.0),
    ("Indeks Kepuasan Masyarakat", 78.0, 76.6),
    ("Nilai evaluasi AKIP", 68.0, 70.0),
    ("Indeks Pembangunan Keluarga", 55.0, 61.4),
];
const RATES: &[(&str, &str, f64)] = &[
    (
        "Angka kelahiran remaja 15-19 tahun",
        "per 1.000 perempuan",
        22.0,
    ),
    ("Prevalensi stunting", "%", 18.0),
    ("Angka kekerasan terhadap anak", "per 10.000 anak", 6.0),
    ("Persentase unmet need KB", "%", 11.0),
    ("Angka perkawinan anak", "%", 7.5),
];
const AVERAGES: &[(&str, &str, f64)] = &[
    ("Rata-rata waktu penanganan pengaduan", "hari", 6.0),
    ("Rata-rata waktu layanan administrasi", "hari", 3.0),
];
const ORDINALS: &[(&str, [&str; 5], usize)] = &[
    (
        "Predikat Kota Layak Anak",
        ["Pratama", "Madya", "Nindya", "Utama", "KLA"],
        2,
    ),
    (
        "Predikat APE (Anugerah Parahita Ekapraya)",
        ["Pratama", "Madya", "Utama", "Mentor", "Mentor Utama"],
        2,
    ),
    (
        "Predikat SAKIP perangkat daerah",
        ["C", "CC", "B", "BB", "A"],
        3,
    ),
];
const SOURCES: &[&str] = &[
    "Aplikasi SIGA",
    "BPS Kota",
    "Laporan UPTD PPA",
    "Aplikasi SIGA-BKKBN",
    "Disdukcapil",
    "Dinas Kesehatan",
    "Laporan kegiatan bidang",
    "Inspektorat",
    "Bappeda-Litbang",
];
const CAUSES: &[&str] = &[
    "pendataan di tingkat kelurahan belum seluruhnya selesai",
    "anggaran kegiatan baru tersedia setelah perubahan APBD",
    "mutasi operator data di beberapa perangkat daerah",
    "jadwal pelatihan bergeser mengikuti agenda provinsi",
    "cuaca buruk menghambat kunjungan lapangan ke wilayah pesisir",
    "koordinasi lintas sektor berjalan baik",
    "kader di seluruh kelurahan aktif melakukan pendampingan",
    "dukungan dana BOKB diterima tepat waktu",
];
const ACTIONS: &[&str] = &[
    "Bidang menjadwalkan pendampingan tambahan pada triwulan berikutnya.",
    "Operator pengganti telah dilatih dan data susulan dikirim.",
    "Rapat koordinasi dengan perangkat daerah terkait dilaksanakan untuk mempercepat tindak lanjut.",
    "Kegiatan yang tertunda dialihkan ke kelurahan dengan capaian terendah.",
    "Praktik baik ini didokumentasikan untuk direplikasi di kelurahan lain.",
];

fn person(rng: &mut Rng) -> String {
    let first = rng.pick(FIRST_NAMES);
    let last = rng.pick(LAST_NAMES);
    let degree = rng.pick(DEGREES);
    let master = rng.pick(MASTERS);
    if master.is_empty() {
        format!("{first} {last}, {degree}")
    } else {
        format!("{first} {last}, {degree}, {master}")
    }
}

fn nip(rng: &mut Rng, index: usize) -> String {
    let born = 1965 + rng.below(30);
    let month = 1 + rng.below(12);
    let day = 1 + rng.below(28);
    let hired = born + 22 + rng.below(8);
    format!(
        "{born}{month:02}{day:02}{hired}{:02}{}{:03}",
        1 + rng.below(12),
        1 + rng.below(2),
        index % 1000
    )
}

/// An Indonesian number as the site shows it: `1.250.000`, `92,31`.
fn id_number(x: f64, decimals: usize) -> String {
    let text = format!("{:.*}", decimals, x.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(c);
    }
    let sign = if x < 0.0 && text.bytes().any(|b| b.is_ascii_digit() && b != b'0') {
        "-"
    } else {
        ""
    };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped},{frac}")
    }
}

/// A number without needless decimals, as the site shows targets: `92`, `91,5`.
fn id_short(x: f64) -> String {
    let mut s = id_number(x, 2);
    if s.contains(',') {
        while s.ends_with('0') {
            s.pop();
        }
        if s.ends_with(',') {
            s.pop();
        }
    }
    s
}

fn rupiah(x: i64) -> String {
    format!("Rp {}", id_number(x as f64, 0))
}

// ---------------------------------------------------------------------------------------------
// The data.

struct Official {
    id: String,
    name: String,
    nip: String,
    title: String,
    role: &'static str,
    echelon: &'static str,
    superior: String,
    /// The field of work: index into FIELDS, or None for the head and the secretariat.
    field: Option<usize>,
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Percent,
    Count,
    Index,
    Rate,
    Average,
    Ordinal,
}

/// What stays the same over the years: the indicator's definition.
struct IndicatorDef {
    id: String,
    name: String,
    unit: String,
    kind: Kind,
    negative: bool,
    target_over_realisation: bool,
    measure: String,
    source: String,
    national: Option<f64>,
    scale: Option<Vec<&'static str>>,
    /// The first year's target; numbers drift from it year by year.
    base: f64,
    /// Whether the Renstra lists it.
    in_renstra: bool,
}

struct GoalDef {
    id: String,
    name: String,
    supports: String,
    indicators: Vec<usize>,
}

struct ProgrammeDef {
    id: String,
    name: String,
    goals: Vec<String>,
    base_budget: i64,
}

/// One official's PK, the same every year.
struct PkDef {
    official: usize,
    goals: Vec<GoalDef>,
    indicators: Vec<IndicatorDef>,
    programmes: Vec<ProgrammeDef>,
}

/// A value reported for a quarter.
#[derive(Clone)]
enum Value {
    Number(f64),
    Word(&'static str),
}

impl Value {
    fn toml(&self) -> String {
        match self {
            Value::Number(n) => format!("{n}"),
            Value::Word(w) => format!("\"{w}\""),
        }
    }

    fn shown(&self) -> String {
        match self {
            Value::Number(n) => id_short(*n),
            Value::Word(w) => w.to_string(),
        }
    }
}

struct QuarterEntry {
    value: Value,
    source: String,
    analysis: Option<String>,
}

struct IndicatorYear {
    target: Value,
    quarter_targets: Option<[f64; 4]>,
    values: Vec<QuarterEntry>,
}

struct PkYear {
    date: String,
    indicators: Vec<IndicatorYear>,
    /// Per programme: pagu and the four quarters' spending.
    budgets: Vec<(i64, [i64; 4])>,
}

struct YearData {
    year: i32,
    pks: Vec<PkYear>,
    approved: bool,
}

struct Report {
    officials: Vec<Official>,
    pks: Vec<PkDef>,
    years: Vec<YearData>,
    first_year: i32,
    last_year: i32,
    renstra: [i32; 2],
}

impl Report {
    fn generate(options: &Options) -> Report {
        let mut rng = Rng(options.seed);
        let officials = officials(&mut rng, options.pks);
        let signers: Vec<usize> = officials
            .iter()
            .enumerate()
            .filter(|(_, o)| o.role != "fungsional_umum")
            .map(|(i, _)| i)
            .take(options.pks)
            .collect();
        let mut pks: Vec<PkDef> = Vec::new();
        for &o in &signers {
            let def = pk_def(&mut rng, &officials, o, &pks, options.indicators);
            pks.push(def);
        }
        let first_year = options.last_year - options.years as i32 + 1;
        let years = (first_year..=options.last_year)
            .map(|year| YearData {
                year,
                pks: pks
                    .iter()
                    .map(|pk| pk_year(&mut rng, pk, year - first_year, year))
                    .collect(),
                approved: year != options.last_year,
            })
            .collect();
        Report {
            officials,
            pks,
            years,
            first_year,
            last_year: options.last_year,
            renstra: [options.last_year - 4, options.last_year + 1],
        }
    }
}

/// The organisation: the head, the secretariat with its two subdivisions, then bidang of one
/// Kabid and three Kasi each until there are enough officials to sign `pks` PKs, and three staff.
fn officials(rng: &mut Rng, pks: usize) -> Vec<Official> {
    #[allow(clippy::too_many_arguments)]
    fn add(
        list: &mut Vec<Official>,
        rng: &mut Rng,
        id: String,
        title: String,
        role: &'static str,
        echelon: &'static str,
        superior: &str,
        field: Option<usize>,
    ) {
        let index = list.len();
        list.push(Official {
            id,
            name: person(rng),
            nip: nip(rng, index),
            title,
            role,
            echelon,
            superior: superior.to_string(),
            field,
        });
    }
    let mut list = Vec::new();
    add(
        &mut list,
        rng,
        "kepala".into(),
        "Kepala Dinas".into(),
        "kepala_opd",
        "II",
        "",
        None,
    );
    add(
        &mut list,
        rng,
        "sekretaris".into(),
        "Sekretaris".into(),
        "sekretaris",
        "III",
        "kepala",
        None,
    );
    add(
        &mut list,
        rng,
        "kasubag-program".into(),
        "Kepala Subbagian Program dan Keuangan".into(),
        "kasubag_program",
        "IV",
        "sekretaris",
        None,
    );
    add(
        &mut list,
        rng,
        "kasubag-umum".into(),
        "Kepala Subbagian Umum dan Kepegawaian".into(),
        "kasubag",
        "IV",
        "sekretaris",
        None,
    );
    let mut group = 0;
    while list.len() < pks {
        let (field, sections) = FIELDS[group % FIELDS.len()];
        let round = group / FIELDS.len();
        let suffix = if round == 0 {
            String::new()
        } else {
            format!(
                " {}",
                ["", "II", "III", "IV", "V", "VI", "VII", "VIII"][round.min(7)]
            )
        };
        let kabid = format!("kabid-{:02}", group + 1);
        add(
            &mut list,
            rng,
            kabid.clone(),
            format!("Kepala Bidang {field}{suffix}"),
            "kabid",
            "III",
            "kepala",
            Some(group),
        );
        for (s, section) in sections.iter().enumerate() {
            if list.len() >= pks {
                break;
            }
            add(
                &mut list,
                rng,
                format!("kasi-{:02}-{}", group + 1, s + 1),
                format!("Kepala Seksi {section}{suffix}"),
                "kasi",
                "IV",
                &kabid,
                Some(group),
            );
        }
        group += 1;
    }
    add(
        &mut list,
        rng,
        "staf-program".into(),
        "Penyusun Program Anggaran dan Pelaporan".into(),
        "fungsional_umum",
        "",
        "kasubag-program",
        None,
    );
    add(
        &mut list,
        rng,
        "staf-data".into(),
        "Pengolah Data dan Informasi".into(),
        "fungsional_umum",
        "",
        "kasubag-program",
        None,
    );
    add(
        &mut list,
        rng,
        "staf-arsip".into(),
        "Pengadministrasi Perkantoran".into(),
        "fungsional_umum",
        "",
        "kasubag-umum",
        None,
    );
    list
}

fn pk_def(
    rng: &mut Rng,
    officials: &[Official],
    o: usize,
    earlier: &[PkDef],
    count: usize,
) -> PkDef {
    let official = &officials[o];
    let field = official.field.map_or("Tata Kelola Perangkat Daerah", |f| {
        FIELDS[f % FIELDS.len()].0
    });
    // The goals a goal of this PK cascades from: those of the superior's PK.
    let superior_goals: Vec<&str> = earlier
        .iter()
        .find(|pk| officials[pk.official].id == official.superior)
        .map(|pk| pk.goals.iter().map(|g| g.id.as_str()).collect())
        .unwrap_or_default();
    let mut indicators = Vec::new();
    for n in 0..count {
        indicators.push(indicator_def(rng, official, n));
    }
    let goal_count = count.div_ceil(4);
    let goals: Vec<GoalDef> = (0..goal_count)
        .map(|g| GoalDef {
            id: format!("{}-s{}", official.id, g + 1),
            name: goal_name(rng, official, field, g),
            supports: if superior_goals.is_empty() {
                String::new()
            } else {
                superior_goals[g % superior_goals.len()].to_string()
            },
            indicators: (g * 4..((g + 1) * 4).min(count)).collect(),
        })
        .collect();
    let programmes = if official.role == "kepala_opd" {
        Vec::new()
    } else {
        (0..2.min(goal_count.max(1)))
            .map(|p| ProgrammeDef {
                id: format!("{}-p{}", official.id, p + 1),
                name: if official.echelon == "III" {
                    format!("Program {} {}", ["Peningkatan", "Penguatan"][p], field)
                } else {
                    format!(
                        "Kegiatan {} {}",
                        ["Pelaksanaan", "Koordinasi"][p],
                        official
                            .title
                            .trim_start_matches("Kepala Seksi ")
                            .trim_start_matches("Kepala Subbagian ")
                    )
                },
                goals: goals
                    .iter()
                    .enumerate()
                    .filter(|(g, _)| goal_count == 1 || g % 2 == p)
                    .map(|(_, g)| g.id.clone())
                    .collect(),
                base_budget: (rng.range(150.0, 2500.0) as i64) * 1_000_000,
            })
            .collect()
    };
    PkDef {
        official: o,
        goals,
        indicators,
        programmes,
    }
}

fn goal_name(rng: &mut Rng, official: &Official, field: &str, g: usize) -> String {
    let verbs = [
        "Meningkatnya",
        "Menguatnya",
        "Terwujudnya",
        "Meningkatnya kualitas",
        "Terlaksananya",
    ];
    let verb = verbs[(g + rng.below(2)) % verbs.len()];
    match official.echelon {
        "II" => format!("{verb} kinerja urusan {} ({})", field.to_lowercase(), g + 1),
        "III" => format!(
            "{verb} layanan {} tingkat kota ({})",
            field.to_lowercase(),
            g + 1
        ),
        _ => format!(
            "{verb} pelaksanaan kegiatan {} ({})",
            official.title.trim_start_matches("Kepala ").to_lowercase(),
            g + 1
        ),
    }
}

fn indicator_def(rng: &mut Rng, official: &Official, n: usize) -> IndicatorDef {
    let id = format!("{}-i{:02}", official.id, n + 1);
    let roll = rng.below(100);
    let kind = match roll {
        0..=44 => Kind::Percent,
        45..=64 => Kind::Count,
        65..=74 => Kind::Index,
        75..=86 => Kind::Rate,
        87..=94 => Kind::Average,
        _ => Kind::Ordinal,
    };
    let source = format!("{} Kota", rng.pick(SOURCES));
    let in_renstra = official.echelon == "II" || official.echelon == "III";
    let mut def = IndicatorDef {
        id,
        name: String::new(),
        unit: String::new(),
        kind,
        negative: false,
        target_over_realisation: false,
        measure: String::new(),
        source,
        national: None,
        scale: None,
        base: 0.0,
        in_renstra: in_renstra && kind != Kind::Ordinal,
    };
    match kind {
        Kind::Percent => {
            let object = rng.pick(OBJECTS);
            def.name = format!("Persentase {object} ({})", n + 1);
            def.unit = "%".into();
            def.measure = format!("Jumlah {object} dibagi jumlah sasaran, dikali 100");
            def.base = round2(rng.range(45.0, 85.0));
        }
        Kind::Count => {
            let (name, unit) = rng.pick(COUNTS);
            def.name = format!("{name} ({})", n + 1);
            def.unit = unit.to_string();
            def.measure = format!(
                "Jumlah {unit} yang tercatat dalam laporan bulanan, dijumlahkan per triwulan"
            );
            def.base = (rng.range(12.0, 400.0) / 4.0).round() * 4.0;
        }
        Kind::Index => {
            let (name, base, national) = rng.pick(INDICES);
            def.name = format!("{name} ({})", n + 1);
            def.unit = "indeks".into();
            def.measure = format!("{name} menurut metodologi nasional");
            def.base = round2(base + rng.range(-2.0, 2.0));
            def.national = Some(*national);
        }
        Kind::Rate => {
            let (name, unit, base) = rng.pick(RATES);
            def.name = format!("{name} ({})", n + 1);
            def.unit = unit.to_string();
            def.negative = true;
            def.target_over_realisation = rng.chance(0.3);
            def.measure = format!("{name}, dihitung dari data rutin tahunan");
            def.base = round2(base * rng.range(0.8, 1.2));
        }
        Kind::Average => {
            let (name, unit, base) = rng.pick(AVERAGES);
            def.name = format!("{name} ({})", n + 1);
            def.unit = unit.to_string();
            def.negative = true;
            def.measure = "Rata-rata dari laporan bulanan dalam triwulan".into();
            def.base = (base * rng.range(0.8, 1.3)).round();
        }
        Kind::Ordinal => {
            let (name, scale, _) = rng.pick(ORDINALS);
            def.name = format!("{name} ({})", n + 1);
            def.unit = "predikat".into();
            def.measure = "Hasil evaluasi kementerian".into();
            def.scale = Some(scale.to_vec());
        }
    }
    def
}

/// The yearly target: drifting towards better as the years pass.
fn target_of(def: &IndicatorDef, age: i32) -> Value {
    let t = age as f64;
    match def.kind {
        Kind::Percent => Value::Number(round2((def.base + 1.5 * t).min(100.0))),
        Kind::Count => Value::Number(def.base + 4.0 * t),
        Kind::Index => Value::Number(round2(def.base + 0.5 * t)),
        Kind::Rate => Value::Number(round2((def.base * (1.0 - 0.02 * t)).max(0.5))),
        Kind::Average => Value::Number(def.base.max(1.0)),
        Kind::Ordinal => {
            let scale = def.scale.as_ref().expect("an ordinal has a scale");
            Value::Word(scale[(1 + age as usize / 3).min(scale.len() - 1)])
        }
    }
}

fn pk_year(rng: &mut Rng, pk: &PkDef, age: i32, year: i32) -> PkYear {
    let indicators = pk
        .indicators
        .iter()
        .map(|def| indicator_year(rng, def, age, year))
        .collect();
    let budgets = pk
        .programmes
        .iter()
        .map(|p| {
            let pagu = (p.base_budget as f64 * (1.0 + 0.04 * age as f64) / 500_000.0).round()
                as i64
                * 500_000;
            let absorbed = rng.range(0.72, 0.99);
            let shares = [0.12, 0.24, 0.29, 0.35];
            let mut spent = [0i64; 4];
            for q in 0..4 {
                spent[q] =
                    (pagu as f64 * absorbed * shares[q] * rng.range(0.9, 1.0)).round() as i64 / 100
                        * 100;
            }
            (pagu, spent)
        })
        .collect();
    PkYear {
        date: format!("{year}-01-{:02}", 10 + rng.below(19)),
        indicators,
        budgets,
    }
}

fn indicator_year(rng: &mut Rng, def: &IndicatorDef, age: i32, year: i32) -> IndicatorYear {
    let target = target_of(def, age);
    // How well this indicator does this year: most meet their targets, some fall short.
    let performance = if rng.chance(0.7) {
        rng.range(0.98, 1.08)
    } else {
        rng.range(0.6, 0.98)
    };
    let mut values = Vec::with_capacity(4);
    let quarter_targets = match (&def.kind, &target) {
        (Kind::Percent, Value::Number(t)) => {
            Some([round2(t * 0.7), round2(t * 0.8), round2(t * 0.9), *t])
        }
        (Kind::Count, Value::Number(t)) => Some([t * 0.25, t * 0.5, t * 0.75, *t]),
        (Kind::Average, Value::Number(t)) => Some([*t; 4]),
        _ => None,
    };
    for q in 0..4 {
        let value = match (&def.kind, &target) {
            (Kind::Percent, Value::Number(t)) => Value::Number(round2(
                (t * [0.7, 0.8, 0.9, 1.0][q] * performance * rng.range(0.98, 1.02)).min(100.0),
            )),
            (Kind::Count, Value::Number(t)) => {
                Value::Number((t / 4.0 * performance * rng.range(0.85, 1.15)).round())
            }
            (Kind::Index, Value::Number(t)) => Value::Number(round2(
                t * (0.96 + 0.04 * performance) * rng.range(0.995, 1.005),
            )),
            (Kind::Rate, Value::Number(t)) => Value::Number(round2(
                (t * (2.0 - performance) * rng.range(0.95, 1.05)).max(0.1),
            )),
            (Kind::Average, Value::Number(t)) => Value::Number(round2(
                (t * (2.0 - performance) * rng.range(0.9, 1.1)).max(0.5),
            )),
            (Kind::Ordinal, Value::Word(w)) => {
                let scale = def.scale.as_ref().expect("an ordinal has a scale");
                let rank = scale.iter().position(|s| s == w).unwrap_or(0);
                let reached = if performance >= 0.98 {
                    rank
                } else {
                    rank.saturating_sub(1)
                };
                Value::Word(
                    scale[if q < 3 {
                        reached.saturating_sub(1)
                    } else {
                        reached
                    }],
                )
            }
            _ => unreachable!("targets match their kind"),
        };
        values.push(QuarterEntry {
            value,
            source: format!("{} TW {} {year}", def.source, ["I", "II", "III", "IV"][q]),
            analysis: None,
        });
    }
    let mut data = IndicatorYear {
        target,
        quarter_targets,
        values,
    };
    // Year-end analysis on every indicator (SOP step 6); a shortfall says why and what is done.
    let achievement = achievement(def, &data, 4);
    let short = achievement.is_some_and(|a| a < 100.0);
    let shown = achievement.map_or("–".to_string(), |a| format!("{}%", id_number(a, 2)));
    let mut text = format!(
        "Realisasi tahun {year} sebesar {} {} terhadap target {} (capaian {shown}). ",
        data.values[3].value.shown(),
        def.unit,
        data.target.shown()
    );
    if short {
        let _ = write!(
            text,
            "Target belum tercapai karena {}.\n{}\n",
            rng.pick(&CAUSES[..5]),
            rng.pick(&ACTIONS[..4])
        );
    } else {
        let _ = write!(
            text,
            "Target tercapai karena {}.\n{}\n",
            rng.pick(&CAUSES[5..]),
            ACTIONS[4]
        );
    }
    data.values[3].analysis = Some(text);
    if rng.chance(0.25) {
        let cause = rng.pick(CAUSES);
        data.values[1].analysis = Some(format!("Perkembangan s.d. triwulan II: {cause}.\n"));
    }
    data
}

/// The capaian over quarters 1..=upto, for the tables of the Hugo site and the
/// choice of analyses.
fn achievement(def: &IndicatorDef, data: &IndicatorYear, upto: usize) -> Option<f64> {
    let values = &data.values[..upto.min(data.values.len())];
    let target = if upto == 4 {
        data.target.clone()
    } else {
        Value::Number(data.quarter_targets?[upto - 1])
    };
    match (&target, def.scale.as_ref()) {
        (Value::Word(t), Some(scale)) => {
            let Value::Word(r) = &values.last()?.value else {
                return None;
            };
            let rank = |w: &str| scale.iter().position(|s| *s == w).map(|p| p as f64 + 1.0);
            Some(rank(r)? / rank(t)? * 100.0)
        }
        (Value::Number(t), None) => {
            let numbers: Vec<f64> = values
                .iter()
                .filter_map(|v| {
                    if let Value::Number(n) = v.value {
                        Some(n)
                    } else {
                        None
                    }
                })
                .collect();
            let r = match def.kind {
                Kind::Count => numbers.iter().sum(),
                Kind::Average => numbers.iter().sum::<f64>() / numbers.len().max(1) as f64,
                _ => *numbers.last()?,
            };
            Some(capaian(*t, r, def.negative, def.target_over_realisation)?)
        }
        _ => None,
    }
}

fn capaian(t: f64, r: f64, negative: bool, target_over_realisation: bool) -> Option<f64> {
    if t == 0.0 {
        let met = if negative { r <= 0.0 } else { r >= 0.0 };
        return Some(if met { 100.0 } else { 0.0 });
    }
    if !negative {
        Some(r / t * 100.0)
    } else if target_over_realisation {
        (r != 0.0).then(|| t / r * 100.0)
    } else {
        Some(((2.0 * t - r) / t * 100.0).max(0.0))
    }
}

fn category(c: Option<f64>) -> &'static str {
    match c {
        None => "–",
        Some(c) if c >= 91.0 => "Sangat Tinggi",
        Some(c) if c >= 76.0 => "Tinggi",
        Some(c) if c >= 66.0 => "Sedang",
        Some(c) if c >= 51.0 => "Rendah",
        Some(_) => "Sangat Rendah",
    }
}

fn accumulation(kind: Kind) -> &'static str {
    match kind {
        Kind::Count => "jumlah",
        Kind::Average => "rata_rata",
        _ => "akhir",
    }
}

// ---------------------------------------------------------------------------------------------
// The capaian content folder.

impl Report {
    fn content_files(&self) -> Vec<(String, String)> {
        let mut files = vec![
            ("site.toml".to_string(), self.site_toml()),
            ("sop.toml".to_string(), SOP.to_string()),
            ("renstra.toml".to_string(), self.renstra_toml()),
        ];
        for (slug, text) in self.chapters() {
            files.push((format!("pages/{slug}.md"), text));
        }
        for year in &self.years {
            for (pk, data) in self.pks.iter().zip(&year.pks) {
                let id = &self.officials[pk.official].id;
                files.push((
                    format!("{}/pk/{id}.toml", year.year),
                    self.pk_toml(pk, data, year.year),
                ));
                files.push((
                    format!("{}/realisasi/{id}.toml", year.year),
                    self.realisations_toml(pk, data, year.year),
                ));
            }
            files.push((
                format!("{}/proses.toml", year.year),
                self.process_toml(year),
            ));
        }
        files
    }

    fn site_toml(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "# Laporan Kinerja sintetis untuk uji kinerja (gen-content), {}-{}",
            self.first_year, self.last_year
        );
        let _ = writeln!(
            s,
            "judul           = \"Laporan Kinerja Dinas Sintetis Kota Contoh\""
        );
        let _ = writeln!(s, "base_url        = \"/\"");
        let _ = writeln!(s, "bahasa          = \"id\"");
        let _ = writeln!(s, "tema            = \"default\"");
        let _ = writeln!(s, "tanggal_laporan = {}-02-27", self.last_year + 1);
        let _ = writeln!(s, "\n[opd]");
        let _ = writeln!(
            s,
            "nama      = \"Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan Keluarga Berencana\""
        );
        let _ = writeln!(s, "singkatan = \"DP3APPKB\"");
        let _ = writeln!(s, "wilayah   = \"Kota Contoh\"");
        for o in &self.officials {
            let _ = writeln!(s, "\n[[pejabat]]");
            let _ = writeln!(s, "id      = \"{}\"", o.id);
            let _ = writeln!(s, "nama    = \"{}\"", o.name);
            let _ = writeln!(s, "nip     = \"{}\"", o.nip);
            let _ = writeln!(s, "jabatan = \"{}\"", o.title);
            let _ = writeln!(s, "peran   = \"{}\"", o.role);
            let _ = writeln!(s, "eselon  = \"{}\"", o.echelon);
            let _ = writeln!(s, "atasan  = \"{}\"", o.superior);
        }
        s
    }

    fn renstra_toml(&self) -> String {
        let [first, last] = self.renstra;
        let mut s = format!("# Rencana Strategis {first}-{last}\nperiode = [{first}, {last}]\n");
        for pk in &self.pks {
            for def in pk.indicators.iter().filter(|d| d.in_renstra) {
                let targets: Vec<String> = (first + 1..=last)
                    .map(|y| {
                        let t = match target_of(def, y - self.first_year) {
                            Value::Number(n) => n,
                            Value::Word(_) => 0.0,
                        };
                        format!("{y} = {t}")
                    })
                    .collect();
                let baseline = match target_of(def, first - self.first_year - 1) {
                    Value::Number(n) => round2(n * if def.negative { 1.05 } else { 0.95 }),
                    Value::Word(_) => 0.0,
                };
                let _ = write!(
                    s,
                    "\n[[indikator]]\nid           = \"{}\"\nnama         = \"{}\"\nsatuan       = \"{}\"\nkondisi_awal = {baseline}\ntarget       = {{ {} }}\n",
                    def.id,
                    def.name,
                    def.unit,
                    targets.join(", ")
                );
            }
        }
        s
    }

    fn pk_toml(&self, pk: &PkDef, data: &PkYear, year: i32) -> String {
        let official = &self.officials[pk.official];
        let mut s = format!(
            "# Perjanjian Kinerja Tahun {year}\n# {}: {}\npejabat = \"{}\"\n",
            official.title, official.name, official.id
        );
        if official.role == "kepala_opd" {
            s.push_str("pihak_kedua = \"Wali Kota Contoh\"\n");
        }
        let _ = writeln!(s, "tanggal = {}", data.date);
        for goal in &pk.goals {
            let _ = write!(
                s,
                "\n[[sasaran]]\nid        = \"{}\"\nnama      = \"{}\"\n",
                goal.id, goal.name
            );
            if !goal.supports.is_empty() {
                let _ = writeln!(s, "mendukung = \"{}\"", goal.supports);
            }
            for &i in &goal.indicators {
                let def = &pk.indicators[i];
                let y = &data.indicators[i];
                let _ = write!(
                    s,
                    "\n  [[sasaran.indikator]]\n  id              = \"{}\"\n  nama            = \"{}\"\n  satuan          = \"{}\"\n  polaritas       = \"{}\"\n",
                    def.id,
                    def.name,
                    def.unit,
                    if def.negative { "negatif" } else { "positif" }
                );
                if let Some(scale) = &def.scale {
                    let words: Vec<String> = scale.iter().map(|w| format!("\"{w}\"")).collect();
                    let _ = writeln!(s, "  skala           = [{}]", words.join(", "));
                }
                let _ = writeln!(s, "  target          = {}", y.target.toml());
                if let Some(q) = &y.quarter_targets {
                    let _ = writeln!(
                        s,
                        "  target_triwulan = [{}, {}, {}, {}]",
                        q[0], q[1], q[2], q[3]
                    );
                }
                let _ = writeln!(s, "  akumulasi       = \"{}\"", accumulation(def.kind));
                if let Some(n) = def.national {
                    let _ = writeln!(s, "  standar_nasional = {n}");
                }
                if def.target_over_realisation {
                    s.push_str("  rumus_capaian   = \"T/R\"\n");
                }
                let _ = writeln!(s, "  rumus           = \"{}\"", def.measure);
                let _ = writeln!(s, "  sumber_data     = \"{}\"", def.source);
            }
        }
        for (p, (pagu, _)) in pk.programmes.iter().zip(&data.budgets) {
            let goals: Vec<String> = p.goals.iter().map(|g| format!("\"{g}\"")).collect();
            let _ = write!(
                s,
                "\n[[program]]\nid      = \"{}\"\nnama    = \"{}\"\nsasaran = [{}]\npagu    = {pagu}\n",
                p.id,
                p.name,
                goals.join(", ")
            );
        }
        s
    }

    fn realisations_toml(&self, pk: &PkDef, data: &PkYear, year: i32) -> String {
        let official = &self.officials[pk.official];
        let mut s = format!(
            "# Realisasi Perjanjian Kinerja Tahun {year}\n# {}: {}\n",
            official.title, official.name
        );
        for q in 0..4 {
            let _ = write!(s, "\n# --- Triwulan {} ---\n", ["I", "II", "III", "IV"][q]);
            for (def, y) in pk.indicators.iter().zip(&data.indicators) {
                let entry = &y.values[q];
                let _ = write!(
                    s,
                    "\n[[realisasi]]\nindikator = \"{}\"\ntriwulan  = {}\nnilai     = {}\npelapor   = \"{}\"\nsumber    = \"{}\"\n",
                    def.id,
                    q + 1,
                    entry.value.toml(),
                    official.id,
                    entry.source
                );
                if let Some(text) = &entry.analysis {
                    let _ = write!(s, "analisis  = \"\"\"\n{text}\"\"\"\n");
                }
            }
            for (p, (_, spent)) in pk.programmes.iter().zip(&data.budgets) {
                let _ = write!(
                    s,
                    "\n[[anggaran]]\nprogram   = \"{}\"\ntriwulan  = {}\nrealisasi = {}\n",
                    p.id,
                    q + 1,
                    spent[q]
                );
            }
        }
        s
    }

    /// The SOP's steps for the year's collection, in January after the year, each within its
    /// time standard, by an official of the step's role. A draft year stops after step 8.
    fn process_toml(&self, year: &YearData) -> String {
        let monday = first_monday_from(year.year + 1, 1, 5);
        let by = |role: &str| match role {
            "kepala_opd" => "kepala",
            "sekretaris" => "sekretaris",
            "kasubag_program" => "kasubag-program",
            _ => "staf-program",
        };
        // (step, role, start day offset, start, end day offset, end) in days after the Monday.
        let schedule: [(u32, &str, i64, &str, i64, &str); 12] = [
            (1, "kepala_opd", 0, "08:00", 0, "08:08"),
            (2, "sekretaris", 0, "09:00", 0, "09:09"),
            (3, "kasubag_program", 1, "08:30", 1, "10:10"),
            (4, "kasubag_program", 1, "13:00", 1, "13:45"),
            (5, "fungsional_umum", 7, "08:30", 7, "10:15"),
            (6, "fungsional_umum", 7, "13:00", 8, "15:45"),
            (7, "fungsional_umum", 9, "08:00", 10, "15:30"),
            (8, "kasubag_program", 14, "08:00", 14, "14:00"),
            (9, "sekretaris", 15, "09:00", 15, "09:50"),
            (10, "kepala_opd", 15, "13:30", 15, "13:37"),
            (11, "kasubag_program", 16, "08:30", 16, "08:42"),
            (12, "fungsional_umum", 16, "09:15", 16, "10:05"),
        ];
        let mut s = format!("# Pengumpulan data capaian kinerja Tahun {}\n", year.year);
        if !year.approved {
            s.push_str(
                "# Langkah 9 dan 10 (persetujuan dan penandatanganan) belum dilaksanakan.\n",
            );
        }
        for (no, role, start_day, start, end_day, end) in schedule {
            if !year.approved && no > 8 {
                break;
            }
            let day = |offset: i64| {
                monday
                    .checked_add(jiff::Span::new().days(offset))
                    .expect("a date")
            };
            let _ = write!(
                s,
                "\n[[langkah]]\nno      = {no}\ntanggal = {}T{start}:00\nselesai = {}T{end}:00\noleh    = \"{}\"\ndokumen = \"Dokumen langkah {no} Tahun {}\"\n",
                day(start_day),
                day(end_day),
                by(role),
                year.year
            );
            if no == 11 {
                let _ = writeln!(
                    s,
                    "nomor_surat = \"800/{:03}/DP3APPKB-PRG/I/{}\"",
                    40 + (year.year % 50),
                    year.year + 1
                );
            }
        }
        if year.approved {
            // The APIP's review, the day before the head signs (an approved year without one
            // is a warning).
            let reviewed = monday
                .checked_add(jiff::Span::new().days(14))
                .expect("a date");
            let _ = write!(
                s,
                "\n[reviu]\ninstansi = \"Inspektorat Kota Contoh\"\nnama     = \"Inspektur Contoh\"\njabatan  = \"Inspektur\"\ntanggal  = {reviewed}\nnomor    = \"700/{:03}/ITKOT/I/{}\"\n",
                10 + (year.year % 50),
                year.year + 1
            );
        }
        s
    }

    /// Narrative chapters with a table each, as the demo's.
    fn chapters(&self) -> Vec<(&'static str, String)> {
        let [first, last] = self.renstra;
        let latest = self.years.last().expect("at least one year");
        let mut summary = String::from(
            "| Tahun | Jumlah PK | Jumlah indikator | Rata-rata capaian |\n|---|---:|---:|---:|\n",
        );
        for year in &self.years {
            let (sum, n) = self.mean_parts(year);
            let _ = writeln!(
                summary,
                "| {} | {} | {} | {}% |",
                year.year,
                year.pks.len(),
                n,
                id_number(sum / n.max(1) as f64, 2)
            );
        }
        let paragraph = "Laporan ini disusun dari data realisasi yang dikumpulkan setiap triwulan menurut \
SOP Pengumpulan Data Capaian Kinerja. Setiap penanggung jawab program dan kegiatan melaporkan \
realisasi indikator dalam Perjanjian Kinerja, Subbagian Program membandingkannya dengan target, \
menganalisis penyebab keberhasilan dan kegagalan, dan Kepala Dinas menyetujui hasilnya.\n";
        vec![
            (
                "ikhtisar",
                format!(
                    "+++\njudul  = \"Ikhtisar Eksekutif\"\nurutan = 0\nbab    = 0\n+++\n\n{paragraph}\n{summary}"
                ),
            ),
            (
                "pendahuluan",
                format!(
                    "+++\njudul  = \"Pendahuluan\"\nurutan = 1\nbab    = 1\n+++\n\n## A. Latar belakang\n\n{paragraph}\n## B. Struktur organisasi\n\nDinas dipimpin Kepala Dinas dengan {} pejabat penandatangan Perjanjian Kinerja pada tahun {}.\n",
                    latest.pks.len(),
                    latest.year
                ),
            ),
            (
                "perencanaan",
                format!(
                    "+++\njudul  = \"Perencanaan Kinerja\"\nurutan = 2\nbab    = 2\n+++\n\n## Rencana Strategis {first}-{last}\n\n{paragraph}\n{summary}"
                ),
            ),
            (
                "akuntabilitas",
                format!(
                    "+++\njudul  = \"Akuntabilitas Kinerja\"\nurutan = 3\nbab    = 3\n+++\n\n## Capaian kinerja organisasi\n\n{paragraph}\n{summary}\n[^1]: Skala Permendagri Nomor 86 Tahun 2017.\n"
                ),
            ),
            (
                "penutup",
                format!("+++\njudul  = \"Penutup\"\nurutan = 4\nbab    = 4\n+++\n\n{paragraph}"),
            ),
        ]
    }

    /// Sum and count of the year's indicator achievements.
    fn mean_parts(&self, year: &YearData) -> (f64, usize) {
        let mut sum = 0.0;
        let mut n = 0;
        for (pk, data) in self.pks.iter().zip(&year.pks) {
            for (def, y) in pk.indicators.iter().zip(&data.indicators) {
                if let Some(c) = achievement(def, y, 4) {
                    sum += c;
                    n += 1;
                }
            }
        }
        (sum, n)
    }
}

fn first_monday_from(year: i32, month: i8, day: i8) -> jiff::civil::Date {
    let mut date = jiff::civil::date(year as i16, month, day);
    while date.weekday() != jiff::civil::Weekday::Monday {
        date = date.tomorrow().expect("a date");
    }
    date
}

/// The demo's SOP: the seed's twelve steps.
const SOP: &str = include_str!("../content/sop.toml");

// ---------------------------------------------------------------------------------------------
// The Hugo site of the same data.

impl Report {
    /// A Hugo site with one page per page of the capaian site, holding the same tables in
    /// Markdown, and a layout as plain as the default theme's (header, navigation, breadcrumbs,
    /// content, footer). Taxonomies, RSS and sitemaps are off: capaian writes none.
    fn hugo_files(&self, pages: Option<usize>) -> Vec<(String, String)> {
        let mut files = Vec::new();
        let years: Vec<String> = self.years.iter().map(|y| y.year.to_string()).collect();
        files.push((
            "config.toml".to_string(),
            format!(
                "baseURL = \"/\"\nlanguageCode = \"id\"\ntitle = \"Laporan Kinerja Dinas Sintetis Kota Contoh\"\n\
disableKinds = [\"taxonomy\", \"term\", \"RSS\", \"sitemap\", \"robotsTXT\", \"404\"]\n\
[params]\nyears = [{}]\n[markup.goldmark.renderer]\nunsafe = true\n",
                years.iter().map(|y| format!("\"{y}\"")).collect::<Vec<_>>().join(", ")
            ),
        ));
        files.push((
            "layouts/_default/baseof.html".to_string(),
            HUGO_BASEOF.to_string(),
        ));
        files.push((
            "layouts/_default/single.html".to_string(),
            HUGO_SINGLE.to_string(),
        ));
        files.push((
            "layouts/_default/list.html".to_string(),
            HUGO_SINGLE.to_string(),
        ));
        files.push(("layouts/index.html".to_string(), HUGO_SINGLE.to_string()));
        files.push(("static/style.css".to_string(), "body{font-family:sans-serif}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px}\n".to_string()));
        let mut content = Vec::new();
        content.push(("_index.md".to_string(), self.hugo_dashboard()));
        for (y, year) in self.years.iter().enumerate() {
            content.push((format!("{}/_index.md", year.year), self.hugo_year(year)));
            content.push((
                format!("{}/validasi.md", year.year),
                hugo_page(
                    &format!("Hasil Validasi {}", year.year),
                    "| Jenis | Pesan |\n|---|---|\n| peringatan | tahun belum disetujui |\n",
                ),
            ));
            for (pk, data) in self.pks.iter().zip(&year.pks) {
                let id = &self.officials[pk.official].id;
                content.push((
                    format!("{}/pk/{id}.md", year.year),
                    self.hugo_pk(pk, data, year.year),
                ));
                for q in 0..4 {
                    content.push((
                        format!("{}/formulir/{id}/tw{}.md", year.year, q + 1),
                        self.hugo_form(pk, data, year.year, q),
                    ));
                }
                for (i, def) in pk.indicators.iter().enumerate() {
                    content.push((
                        format!("{}/indikator/{}.md", year.year, def.id),
                        self.hugo_indicator(pk, i, y),
                    ));
                }
            }
        }
        content.push(("sop.md".to_string(), hugo_sop()));
        for (slug, text) in self.chapters() {
            let body = text.splitn(3, "+++").nth(2).unwrap_or("").to_string();
            let title = text
                .lines()
                .find_map(|l| l.strip_prefix("judul  = "))
                .unwrap_or("\"\"")
                .trim_matches('"')
                .to_string();
            content.push((format!("{slug}.md"), hugo_page(&title, &body)));
        }
        // Kinds of page capaian writes that are not mirrored above: appendix pages of the same
        // size as an indicator page, until the page counts match.
        if let Some(target) = pages.filter(|t| *t > content.len()) {
            // Its own section, with an index page of its own (Hugo would add one).
            content.push((
                "lampiran/_index.md".to_string(),
                hugo_page("Lampiran", "Halaman tambahan.\n"),
            ));
            let mut n = 0;
            while content.len() < target {
                let year = n % self.years.len();
                let pk = &self.pks[(n / self.years.len()) % self.pks.len()];
                content.push((
                    format!("lampiran/{n}.md"),
                    self.hugo_indicator(pk, n % pk.indicators.len(), year),
                ));
                n += 1;
            }
        }
        files.extend(
            content
                .into_iter()
                .map(|(p, t)| (format!("content/{p}"), t)),
        );
        files
    }

    fn hugo_dashboard(&self) -> String {
        let mut s = String::from(
            "| Tahun | Jumlah PK | Jumlah indikator | Rata-rata capaian | Status |\n|---|---:|---:|---:|---|\n",
        );
        for year in self.years.iter().rev() {
            let (sum, n) = self.mean_parts(year);
            let _ = writeln!(
                s,
                "| [{0}](/{0}/) | {1} | {n} | {2}% | {3} |",
                year.year,
                year.pks.len(),
                id_number(sum / n.max(1) as f64, 2),
                if year.approved { "disetujui" } else { "DRAFT" }
            );
        }
        s.push('\n');
        if let Some(latest) = self.years.last() {
            s.push_str(&self.hugo_indicator_table(latest));
        }
        hugo_page("Laporan Kinerja Dinas Sintetis Kota Contoh", &s)
    }

    fn hugo_indicator_table(&self, year: &YearData) -> String {
        let mut s = String::from(
            "| PK | Sasaran | Indikator | Satuan | Target | Realisasi | Capaian | Kategori |\n|---|---|---|---|---:|---:|---:|---|\n",
        );
        for (pk, data) in self.pks.iter().zip(&year.pks) {
            let official = &self.officials[pk.official];
            for goal in &pk.goals {
                for &i in &goal.indicators {
                    let (def, y) = (&pk.indicators[i], &data.indicators[i]);
                    let c = achievement(def, y, 4);
                    let _ = writeln!(
                        s,
                        "| [{}](/{}/pk/{}/) | {} | [{}](/{}/indikator/{}/) | {} | {} | {} | {} | {} |",
                        official.title,
                        year.year,
                        official.id,
                        goal.name,
                        def.name,
                        year.year,
                        def.id,
                        def.unit,
                        y.target.shown(),
                        self.realisation(def, y).shown(),
                        percent(c),
                        category(c)
                    );
                }
            }
        }
        s
    }

    fn realisation(&self, def: &IndicatorDef, y: &IndicatorYear) -> Value {
        match def.kind {
            Kind::Count | Kind::Average => {
                let numbers: Vec<f64> = y
                    .values
                    .iter()
                    .filter_map(|v| {
                        if let Value::Number(n) = v.value {
                            Some(n)
                        } else {
                            None
                        }
                    })
                    .collect();
                let sum: f64 = numbers.iter().sum();
                Value::Number(if def.kind == Kind::Count {
                    sum
                } else {
                    sum / numbers.len().max(1) as f64
                })
            }
            _ => y
                .values
                .last()
                .map_or(Value::Number(0.0), |v| v.value.clone()),
        }
    }

    fn hugo_budget_table(&self, pks: &[(&PkDef, &PkYear)]) -> String {
        let mut s =
            String::from("| Program | Pagu | Realisasi | Serapan |\n|---|---:|---:|---:|\n");
        for (pk, data) in pks {
            for (p, (pagu, spent)) in pk.programmes.iter().zip(&data.budgets) {
                let total: i64 = spent.iter().sum();
                let _ = writeln!(
                    s,
                    "| {} | {} | {} | {}% |",
                    p.name,
                    rupiah(*pagu),
                    rupiah(total),
                    id_number(total as f64 / *pagu as f64 * 100.0, 2)
                );
            }
        }
        s
    }

    fn hugo_year(&self, year: &YearData) -> String {
        let mut s = format!(
            "Status: {}\n\n## Capaian indikator\n\n",
            if year.approved { "disetujui" } else { "DRAFT" }
        );
        s.push_str(&self.hugo_indicator_table(year));
        s.push_str("\n## Anggaran\n\n");
        let pks: Vec<(&PkDef, &PkYear)> = self.pks.iter().zip(&year.pks).collect();
        s.push_str(&self.hugo_budget_table(&pks));
        hugo_page(&format!("Laporan Kinerja {}", year.year), &s)
    }

    fn hugo_pk(&self, pk: &PkDef, data: &PkYear, year: i32) -> String {
        let official = &self.officials[pk.official];
        let mut s = format!(
            "Pihak pertama: {} ({}), NIP {}\n\n",
            official.name, official.title, official.nip
        );
        for goal in &pk.goals {
            let _ = write!(
                s,
                "## {}\n\n| Indikator | Satuan | Target | Realisasi | Capaian | Kategori |\n|---|---|---:|---:|---:|---|\n",
                goal.name
            );
            for &i in &goal.indicators {
                let (def, y) = (&pk.indicators[i], &data.indicators[i]);
                let c = achievement(def, y, 4);
                let _ = writeln!(
                    s,
                    "| [{}](/{year}/indikator/{}/) | {} | {} | {} | {} | {} |",
                    def.name,
                    def.id,
                    def.unit,
                    y.target.shown(),
                    self.realisation(def, y).shown(),
                    percent(c),
                    category(c)
                );
            }
            s.push('\n');
        }
        s.push_str("## Program\n\n");
        s.push_str(&self.hugo_budget_table(&[(pk, data)]));
        let forms: Vec<String> = (1..=4)
            .map(|q| format!("[TW {q}](/{year}/formulir/{}/tw{q}/)", official.id))
            .collect();
        let _ = writeln!(s, "\nFormulir: {}", forms.join(" · "));
        hugo_page(&format!("Perjanjian Kinerja {} {year}", official.title), &s)
    }

    fn hugo_form(&self, pk: &PkDef, data: &PkYear, year: i32, q: usize) -> String {
        let official = &self.officials[pk.official];
        let mut s = format!(
            "Pelapor: {} ({})\n\n| No | Indikator | Satuan | Target | Target TW | Realisasi | Sumber |\n|---:|---|---|---:|---:|---:|---|\n",
            official.name, official.title
        );
        for (n, (def, y)) in pk.indicators.iter().zip(&data.indicators).enumerate() {
            let quarter_target = y
                .quarter_targets
                .map_or("–".to_string(), |t| id_short(t[q]));
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} | {} | {} | {} |",
                n + 1,
                def.name,
                def.unit,
                y.target.shown(),
                quarter_target,
                y.values[q].value.shown(),
                y.values[q].source
            );
        }
        hugo_page(
            &format!("Formulir realisasi TW {} {year}: {}", q + 1, official.title),
            &s,
        )
    }

    fn hugo_indicator(&self, pk: &PkDef, i: usize, y: usize) -> String {
        let def = &pk.indicators[i];
        let year = &self.years[y];
        let data = &year.pks[self
            .pks
            .iter()
            .position(|p| std::ptr::eq(p, pk))
            .unwrap_or(0)];
        let this = &data.indicators[i];
        let c = achievement(def, this, 4);
        let mut s = format!(
            "| Target | Realisasi | Capaian | Kategori |\n|---:|---:|---:|---|\n| {} | {} | {} | {} |\n\n## Definisi\n\n- Satuan: {}\n- Polaritas: {}\n- Cara pengukuran: {}\n- Sumber data: {}\n\n## Capaian per triwulan\n\n| Triwulan | Target | Nilai | Capaian | Sumber |\n|---|---:|---:|---:|---|\n",
            this.target.shown(),
            self.realisation(def, this).shown(),
            percent(c),
            category(c),
            def.unit,
            if def.negative { "negatif" } else { "positif" },
            def.measure,
            def.source
        );
        for (q, entry) in this.values.iter().enumerate() {
            let target = this
                .quarter_targets
                .map_or("–".to_string(), |t| id_short(t[q]));
            let _ = writeln!(
                s,
                "| TW {} | {target} | {} | {} | {} |",
                q + 1,
                entry.value.shown(),
                percent(achievement(def, this, q + 1)),
                entry.source
            );
        }
        s.push_str("\n## Dibandingkan tahun-tahun sebelumnya\n\n| Tahun | Target | Realisasi | Capaian | Kategori |\n|---|---:|---:|---:|---|\n");
        let p = self
            .pks
            .iter()
            .position(|p| std::ptr::eq(p, pk))
            .unwrap_or(0);
        for other in &self.years {
            let o = &other.pks[p].indicators[i];
            let c = achievement(def, o, 4);
            let _ = writeln!(
                s,
                "| [{0}](/{0}/indikator/{1}/) | {2} | {3} | {4} | {5} |",
                other.year,
                def.id,
                o.target.shown(),
                self.realisation(def, o).shown(),
                percent(c),
                category(c)
            );
        }
        s.push_str("\n## Analisis\n\n");
        for (q, entry) in this.values.iter().enumerate() {
            if let Some(text) = &entry.analysis {
                let _ = write!(s, "### Triwulan {}\n\n{text}\n", q + 1);
            }
        }
        s.push_str("\n## Program\n\n");
        s.push_str(&self.hugo_budget_table(&[(pk, data)]));
        hugo_page(&format!("{} {}", def.name, year.year), &s)
    }
}

fn percent(c: Option<f64>) -> String {
    c.map_or("–".to_string(), |c| format!("{}%", id_number(c, 2)))
}

fn hugo_page(title: &str, body: &str) -> String {
    format!(
        "+++\ntitle = \"{}\"\n+++\n\n{body}",
        title.replace('"', "\\\"")
    )
}

fn hugo_sop() -> String {
    let mut s =
        String::from("| No | Uraian | Pelaksana | Waktu | Output |\n|---:|---|---|---|---|\n");
    let mut row: Vec<String> = Vec::new();
    for line in SOP.lines() {
        if let Some((key, value)) = line.split_once('=') {
            let value = value.trim().trim_matches('"').to_string();
            match key.trim() {
                "no" => row = vec![value],
                "uraian" | "pelaksana" | "waktu" if !row.is_empty() => row.push(value),
                "output" if row.len() == 4 => {
                    row.push(value);
                    let _ = writeln!(s, "| {} |", row.join(" | "));
                    row.clear();
                }
                _ => {}
            }
        }
    }
    hugo_page("SOP Pengumpulan Data Capaian Kinerja", &s)
}

const HUGO_BASEOF: &str = r#"<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ .Site.Title }}</title>
<link rel="stylesheet" href="/style.css">
</head>
<body>
<header class="site-header">
  <a href="/">{{ .Site.Title }}</a>
  <nav class="site-nav" aria-label="Navigasi utama">
    <ul>
      <li><a href="/">Beranda</a></li>
      {{ range .Site.Params.years }}<li><a href="/{{ . }}/">{{ . }}</a></li>
      {{ end }}<li><a href="/sop/">SOP</a></li>
    </ul>
  </nav>
</header>
<main id="isi">
<nav class="breadcrumbs"><a href="/">Beranda</a>{{ with .Parent }}{{ if not .IsHome }} › <a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}{{ end }} › {{ .Title }}</nav>
<h1>{{ .Title }}</h1>
{{ block "main" . }}{{ end }}
</main>
<footer class="site-footer"><p>Dinas Sintetis · Kota Contoh</p></footer>
</body>
</html>
"#;

const HUGO_SINGLE: &str = "{{ define \"main\" }}{{ .Content }}{{ end }}\n";
