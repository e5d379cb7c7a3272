//! `capaian new DIR`: a new report repository that builds at once.
//!
//! It holds the agency and its head from the arguments, a Kasubag Program to fill in, the
//! SOP of the demo (the seed's SOP, which most agencies share with small changes), one budget
//! year with a PK of one example goal and indicator, an empty realisation file, an introduction
//! page, a `.gitignore` for the built site and a README for the editors. Every text the user
//! gave is written as a TOML string, quoted and escaped, so that any name loads back as typed.

use std::fs;
use std::path::{Path, PathBuf};

/// The SOP shipped with the demo: "SOP Pengumpulan Data Capaian Kinerja" as transcribed.
pub const DEFAULT_SOP: &str = include_str!("../content/sop.toml");

/// The agency a new report is for (`[opd]` and its head in `site.toml`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgencyArgs {
    /// `opd.nama`: the agency's full name.
    pub name: String,
    /// `opd.singkatan`: its abbreviation.
    pub short_name: String,
    /// `opd.wilayah`: the city, regency or province, e.g. "Kota Tarakan".
    pub region: String,
    /// The head of the agency's name, with titles.
    pub head_name: String,
    /// The head's civil-servant number (NIP), if known.
    pub head_nip: Option<String>,
    /// The head's position (`jabatan`).
    pub head_title: String,
}

impl Default for AgencyArgs {
    /// Placeholders that build and are plainly meant to be replaced.
    fn default() -> Self {
        AgencyArgs {
            name: "Dinas Contoh".to_string(),
            short_name: "DC".to_string(),
            region: "Kota Contoh".to_string(),
            head_name: "Nama Kepala Dinas".to_string(),
            head_nip: None,
            head_title: "Kepala Dinas".to_string(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ScaffoldError {
    #[error("`{}` is not empty: give a new folder (capaian new never writes over files)", .0.display())]
    NotEmpty(PathBuf),
    #[error("`{}` exists and is not a folder: give a new folder", .0.display())]
    NotAFolder(PathBuf),
    #[error("{0} is not a budget year: give four digits, e.g. 2026")]
    BadYear(i32),
    #[error("cannot write `{}`: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl ScaffoldError {
    /// The error in `language` (`Display` is the English text). A new repository's site is
    /// Indonesian: `capaian new` speaks Indonesian unless `CAPAIAN_LANG=en`.
    pub fn said(&self, language: crate::model::Language) -> String {
        if language == crate::model::Language::English {
            return self.to_string();
        }
        match self {
            ScaffoldError::NotEmpty(path) => format!(
                "`{}` tidak kosong: sebutkan folder baru (capaian new tidak pernah menimpa berkas)",
                path.display()
            ),
            ScaffoldError::NotAFolder(path) => format!(
                "`{}` sudah ada dan bukan folder: sebutkan folder baru",
                path.display()
            ),
            ScaffoldError::BadYear(year) => {
                format!("{year} bukan tahun anggaran: tulis empat angka, mis. 2026")
            }
            ScaffoldError::Io { path, source } => {
                format!("tidak dapat menulis `{}`: {source}", path.display())
            }
        }
    }
}

/// Writes a new report repository into `dir` (created if missing; refused unless empty) for
/// `agency`, with `year` as its first budget year. Returns the files written, relative to `dir`.
pub fn new_repository(
    dir: &Path,
    agency: &AgencyArgs,
    year: i32,
) -> Result<Vec<PathBuf>, ScaffoldError> {
    if !(1000..=9999).contains(&year) {
        return Err(ScaffoldError::BadYear(year));
    }
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| ScaffoldError::Io { path, source }
    };
    if dir.exists() {
        if !dir.is_dir() {
            return Err(ScaffoldError::NotAFolder(dir.to_path_buf()));
        }
        if fs::read_dir(dir).map_err(io(dir))?.next().is_some() {
            return Err(ScaffoldError::NotEmpty(dir.to_path_buf()));
        }
    }
    let files = files(agency, year);
    // A folder that does not exist yet is written beside it and renamed into place, so that
    // a failure leaves nothing half-made.
    let staging = if dir.exists() {
        None
    } else {
        let parent = match dir.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent).map_err(io(&parent))?;
        let name = dir
            .file_name()
            .map_or("report".into(), |n| n.to_string_lossy().into_owned());
        Some(parent.join(format!(".{name}.capaian-new-{}", std::process::id())))
    };
    let target = staging.as_deref().unwrap_or(dir);
    let written = write_files(target, &files);
    if let Err(e) = written {
        if let Some(staging) = &staging {
            let _ = fs::remove_dir_all(staging);
        }
        return Err(e);
    }
    if let Some(staging) = &staging
        && let Err(source) = fs::rename(staging, dir)
    {
        let _ = fs::remove_dir_all(staging);
        return Err(ScaffoldError::Io {
            path: dir.to_path_buf(),
            source,
        });
    }
    Ok(files.into_iter().map(|(path, _)| path).collect())
}

fn write_files(root: &Path, files: &[(PathBuf, String)]) -> Result<(), ScaffoldError> {
    for (rel, text) in files {
        let path = root.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|source| ScaffoldError::Io {
                path: parent.to_path_buf(),
                source,
            })?;
        }
        fs::write(&path, text).map_err(|source| ScaffoldError::Io {
            path: path.clone(),
            source,
        })?;
    }
    Ok(())
}

/// A TOML string holding `text` exactly.
fn quote(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// The second party of the head's PK: the region's head, from the region's kind.
fn second_party(region: &str) -> Option<String> {
    let region = region.trim();
    [
        ("Kota ", "Wali Kota "),
        ("Kabupaten ", "Bupati "),
        ("Provinsi ", "Gubernur "),
    ]
    .iter()
    .find_map(|(kind, head)| {
        region
            .strip_prefix(kind)
            .map(|rest| format!("{head}{rest}"))
    })
}

/// The files of a new repository: paths relative to its root, and their text.
fn files(agency: &AgencyArgs, year: i32) -> Vec<(PathBuf, String)> {
    vec![
        (
            PathBuf::from(".gitignore"),
            "# The built site: `capaian build` writes it, never edit it.\noutput/\n# The folders a build is written in before it replaces output/, and the previous build\n# `capaian serve` keeps to write the next one over.\n.output.capaian-*/\n".to_string(),
        ),
        (PathBuf::from("README.md"), readme(agency, year)),
        (PathBuf::from("content/site.toml"), site_toml(agency, year)),
        (PathBuf::from("content/sop.toml"), DEFAULT_SOP.to_string()),
        (
            PathBuf::from(format!("content/{year}/pk/kepala.toml")),
            pk_toml(agency, year),
        ),
        (
            PathBuf::from(format!("content/{year}/realisasi/kepala.toml")),
            realisasi_toml(year),
        ),
    ]
    .into_iter()
    .chain(narrative(agency, year))
    .collect()
}

/// The year's narrative, one page per part of the printed report, to be written by the agency;
/// the figures are shortcodes, so that the text quotes what the tables show.
fn narrative(agency: &AgencyArgs, year: i32) -> Vec<(PathBuf, String)> {
    let page = |slug: &str, title: &str, chapter: i64, body: String| {
        (
            PathBuf::from(format!("content/{year}/pages/{slug}.md")),
            format!(
                "+++\njudul  = \"{title}\"\nurutan = {chapter}\nbab    = {chapter}\n+++\n\n{body}"
            ),
        )
    };
    vec![
        page(
            "ikhtisar",
            "Ikhtisar Eksekutif",
            0,
            format!(
                "Pada tahun {year} rata-rata capaian {{{{ ringkasan(nilai=\"jumlah_indikator\") }}}} indikator kinerja\n\
                 sebesar {{{{ ringkasan(nilai=\"rata_rata_capaian\") }}}}, dan realisasi anggaran {{{{ ringkasan(nilai=\"serapan\") }}}}\n\
                 dari pagu. Tuliskan di sini ringkasan capaian dan masalah utama tahun ini; angka dari tabel\n\
                 dikutip dengan shortcode seperti di atas (lihat README capaian).\n"
            ),
        ),
        page("pendahuluan", "Pendahuluan", 1, introduction(agency)),
        page(
            "perencanaan",
            "Perencanaan Kinerja",
            2,
            "Tuliskan di sini Renstra dan Perjanjian Kinerja tahun ini (BAB II LKjIP). Tabel target\n\
             Renstra dan Perjanjian Kinerja ditambahkan capaian pada bab ini.\n"
                .to_string(),
        ),
        page(
            "akuntabilitas",
            "Akuntabilitas Kinerja",
            3,
            "Tuliskan di sini cara capaian diukur dan dianalisis (BAB III LKjIP). Capaian setiap sasaran\n\
             dan indikator serta realisasi anggaran ditambahkan capaian pada bab ini.\n"
                .to_string(),
        ),
        page(
            "penutup",
            "Penutup",
            4,
            "Tuliskan di sini kesimpulan dan langkah perbaikan tahun berikutnya (BAB IV LKjIP).\n"
                .to_string(),
        ),
    ]
}

fn site_toml(agency: &AgencyArgs, year: i32) -> String {
    let short = agency.short_name.trim();
    let region = agency.region.trim();
    let nip = match &agency.head_nip {
        Some(nip) if !nip.trim().is_empty() => format!("nip     = {}\n", quote(nip.trim())),
        _ => "# nip   = \"\"           # NIP, 18 digits\n".to_string(),
    };
    format!(
        r#"# Laporan Kinerja Instansi Pemerintah (LKjIP) {short} {region}
# Dibuat oleh `capaian new`. Kunci dan nilai yang diizinkan: lihat README capaian.
judul    = {title}
base_url = "/"      # awalan setiap tautan; untuk GitHub Pages sebuah proyek: "/<nama-repositori>/"
bahasa   = "id"     # "id" atau "en": bahasa label situs
# tanggal_laporan = {today}-01-20   # tanggal posisi laporan; bawaan: hari ini

[opd]
nama      = {name}
singkatan = {short_q}
wilayah   = {region_q}

# --- Pejabat: satu [[pejabat]] untuk setiap penanda tangan PK dan pelaksana SOP ---------

[[pejabat]]
id      = "kepala"
nama    = {head}
{nip}jabatan = {head_title}
peran   = "kepala_opd"
eselon  = "II"

# Pelaksana langkah 3, 4, 8 dan 11 SOP: ganti nama dengan pejabat yang sebenarnya.
[[pejabat]]
id      = "kasubag-program"
nama    = "Nama Kepala Subbagian Program"
jabatan = "Kepala Subbagian Program"
peran   = "kasubag_program"
eselon  = "IV"
atasan  = "kepala"
"#,
        title = quote(&format!("Laporan Kinerja {short} {region}")),
        today = year + 1,
        name = quote(agency.name.trim()),
        short_q = quote(short),
        region_q = quote(region),
        head = quote(agency.head_name.trim()),
        head_title = quote(agency.head_title.trim()),
    )
}

fn pk_toml(agency: &AgencyArgs, year: i32) -> String {
    let second = match second_party(&agency.region) {
        Some(s) => format!("pihak_kedua = {}\n", quote(&s)),
        None => "# pihak_kedua = \"Wali Kota …\"   # atasan langsung Kepala OPD\n".to_string(),
    };
    format!(
        r#"# Perjanjian Kinerja {year}: Kepala {short}
# Satu berkas per pejabat penanda tangan; nama berkas = id PK. Ganti contoh di bawah dengan
# sasaran, indikator dan target dalam lampiran PK yang ditandatangani.
pejabat = "kepala"
{second}# tanggal = {year}-01-31

[[sasaran]]
id   = "s1"
nama = "Meningkatnya kualitas pelayanan publik"

  [[sasaran.indikator]]
  id          = "ikm"          # tetap sama dari tahun ke tahun: kunci tren dan Renstra
  nama        = "Indeks Kepuasan Masyarakat (IKM)"
  satuan      = "indeks"
  polaritas   = "positif"      # positif: makin tinggi makin baik; negatif: sebaliknya
  target      = 80.0
  sumber_data = "Survei Kepuasan Masyarakat"

# [[program]]
# id      = "p1"
# nama    = "Program …"
# sasaran = ["s1"]
# pagu    = 1000000000
"#,
        short = agency.short_name.trim(),
    )
}

fn realisasi_toml(year: i32) -> String {
    format!(
        r#"# Realisasi Perjanjian Kinerja {year}: Kepala
# Tambahkan satu entri per indikator dan triwulan, lalu commit. Cara lain:
#   capaian form --year {year} --pk kepala          (formulir SOP langkah 4 di berkas ini)
#   capaian import --year {year} --pk kepala FILE   (dari CSV atau XLSX)
#
# [[realisasi]]
# indikator = "ikm"
# triwulan  = 4
# nilai     = 81.2
# pelapor   = "kasubag-program"
# sumber    = "Laporan Survei Kepuasan Masyarakat {year}"
# analisis  = """
# Mengapa target tercapai atau tidak, dan apa yang telah dilakukan.
# """
"#
    )
}

fn introduction(agency: &AgencyArgs) -> String {
    format!(
        "{} ({}) {} …\n\nTuliskan di sini gambaran umum organisasi, aspek strategis, dan isu strategis yang\ndihadapi (BAB I LKjIP).\n",
        agency.name.trim(),
        agency.short_name.trim(),
        agency.region.trim()
    )
}

fn readme(agency: &AgencyArgs, year: i32) -> String {
    format!(
        r#"# Laporan Kinerja {short} {region}

Data Laporan Kinerja Instansi Pemerintah (LKjIP) {name}, dibangun menjadi situs dengan
`capaian`. Berkas di `content/` adalah sumbernya; `output/` adalah situs
hasil build (jangan diedit, tidak di-commit).

## Untuk editor

1. Clone repositori ini, lalu buat cabang untuk pekerjaan Anda.
2. Isi realisasi di `content/{year}/realisasi/<id-pk>.toml`: langsung, dengan formulir
   (`capaian form --year {year} --pk kepala`), atau dari spreadsheet
   (`capaian import --year {year} --pk kepala realisasi.xlsx`; formulirnya:
   `capaian form --year {year} --pk kepala --xlsx formulir.xlsx`).
3. Periksa: `capaian check`. Setiap kesalahan menyebut berkas, baris, dan cara memperbaikinya.
4. Commit dan push. Nama Anda pada commit tampil sebagai pelapor pada situs.

## Perintah

| perintah | guna |
|---|---|
| `capaian check` | memeriksa data terhadap spesifikasi dan SOP |
| `capaian build` | membangun situs ke `output/` |
| `capaian serve` | membangun, menyajikan di http://127.0.0.1:1111/ dan membangun ulang setiap ada perubahan |

## Isi

```
content/
  site.toml                judul, OPD, pejabat
  sop.toml                 SOP Pengumpulan Data Capaian Kinerja
  pages/*.md               halaman umum situs (profil, tentang)
  {year}/pk/kepala.toml      Perjanjian Kinerja Kepala
  {year}/realisasi/kepala.toml   realisasinya
  {year}/pages/*.md          narasi LKjIP tahun itu: Ikhtisar, Bab I-IV (`bab = 0..4`)
```
"#,
        short = agency.short_name.trim(),
        region = agency.region.trim(),
        name = agency.name.trim(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_second_party_follows_the_region() {
        assert_eq!(
            second_party("Kota Tarakan").as_deref(),
            Some("Wali Kota Tarakan")
        );
        assert_eq!(
            second_party("Kabupaten Bulungan").as_deref(),
            Some("Bupati Bulungan")
        );
        assert_eq!(
            second_party("Provinsi Kalimantan Utara").as_deref(),
            Some("Gubernur Kalimantan Utara")
        );
        assert_eq!(second_party("Tarakan"), None);
    }

    #[test]
    fn names_are_quoted_as_toml_strings() {
        let q = quote("Dinas \"Contoh\" \\ Baru");
        let parsed: toml::Table = toml::from_str(&format!("x = {q}")).unwrap();
        assert_eq!(parsed["x"].as_str(), Some("Dinas \"Contoh\" \\ Baru"));
    }
}
