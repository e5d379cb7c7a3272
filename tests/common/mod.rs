//! A small, valid report repository written by the tests, to change one file at a time.

#![allow(dead_code)]

pub mod browser;
pub mod build;
pub mod git;
pub mod html;
pub mod site;
pub mod toml;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const SITE: &str = r#"judul = "Laporan Kinerja Dinas Contoh"
tanggal_laporan = 2026-01-20

[opd]
nama = "Dinas Contoh"
singkatan = "DC"
wilayah = "Kota Contoh"

[[pejabat]]
id = "kepala"
nama = "Kepala Contoh"
jabatan = "Kepala Dinas"
peran = "kepala_opd"
eselon = "II"

[[pejabat]]
id = "sekretaris"
nama = "Sekretaris Contoh"
jabatan = "Sekretaris"
peran = "sekretaris"
eselon = "III"
atasan = "kepala"
"#;

pub const SOP: &str = r#"nama = "SOP Pengumpulan Data Capaian Kinerja"
dasar_hukum = ["PermenPAN-RB 53/2014"]
kualifikasi = ["Berwenang"]
keterkaitan = []
peralatan = ["Komputer"]
pencatatan = ["Dokumen"]
peringatan = "Jika tidak dilaksanakan, data terlambat."
pelaksana = ["kepala_opd", "sekretaris"]

[[langkah]]
no = 1
uraian = "Memerintahkan pengumpulan data."
pelaksana = "kepala_opd"
kelengkapan = "Disposisi"
waktu = "10 menit"
output = "Disposisi"

[[langkah]]
no = 2
uraian = "Menandatangani dokumen."
pelaksana = "kepala_opd"
kelengkapan = "Dokumen"
waktu = "10 menit"
output = "Dokumen"
persetujuan = true
"#;

pub const PK: &str = r#"pejabat = "kepala"
pihak_kedua = "Wali Kota Contoh"

[[sasaran]]
id = "s1"
nama = "Meningkatnya kesetaraan gender"

  [[sasaran.indikator]]
  id = "ipg"
  nama = "Indeks Pembangunan Gender"
  satuan = "indeks"
  polaritas = "positif"
  target = 92.5

  [[sasaran.indikator]]
  id = "tfr"
  nama = "Total Fertility Rate"
  satuan = "anak per WUS"
  polaritas = "negatif"
  target = 2.1
  target_triwulan = [2.1, 2.1, 2.1, 2.1]

[[program]]
id = "p1"
nama = "Program Pengarusutamaan Gender"
sasaran = ["s1"]
pagu = 1250000000
"#;

pub const REALISASI: &str = r#"[[realisasi]]
indikator = "ipg"
triwulan = 4
nilai = 91.8
pelapor = "sekretaris"
analisis = "Sedikit di bawah target."

[[realisasi]]
indikator = "tfr"
triwulan = 1
nilai = 2.2
analisis = "Di atas target."

[[realisasi]]
indikator = "tfr"
triwulan = 2
nilai = 2.15

[[realisasi]]
indikator = "tfr"
triwulan = 3
nilai = 2.1

[[realisasi]]
indikator = "tfr"
triwulan = 4
nilai = 2.05

[[anggaran]]
program = "p1"
triwulan = 4
realisasi = 1100000000
"#;

pub const PROSES: &str = r#"[[langkah]]
no = 1
tanggal = 2026-01-05
oleh = "kepala"

[[langkah]]
no = 2
tanggal = 2026-01-06
oleh = "kepala"

# The APIP's review before the signature: an approved year without one is a warning.
[reviu]
instansi = "Inspektorat Kota Contoh"
nama = "Dra. Rina Kusuma"
jabatan = "Inspektur"
tanggal = 2026-01-05
"#;

/// A temporary report repository: `content/` with one approved year, 2025.
pub struct Repo {
    pub dir: tempfile::TempDir,
}

impl Repo {
    pub fn new() -> Repo {
        let repo = Repo {
            dir: tempfile::tempdir().expect("temporary folder"),
        };
        repo.write("site.toml", SITE);
        repo.write("sop.toml", SOP);
        repo.write("2025/pk/kepala.toml", PK);
        repo.write("2025/realisasi/kepala.toml", REALISASI);
        repo.write("2025/proses.toml", PROSES);
        repo
    }

    pub fn content(&self) -> PathBuf {
        self.dir.path().join("content")
    }

    pub fn output(&self) -> PathBuf {
        self.dir.path().join("output")
    }

    /// Writes a file under `content/`.
    pub fn write(&self, rel: &str, text: &str) {
        let path = self.content().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    /// Writes a page for every chapter of `year`'s printed report (`<year>/pages/`, `bab` 0 to
    /// 4), so that the report has no warning about a chapter without a page.
    pub fn narrative(&self, year: i32) {
        self.chapters(year, |_| "Isi.".to_string());
    }

    /// [`Repo::narrative`], each page saying `words (slug).`: what the print of `year` holds
    /// is told apart from another year's.
    pub fn narrative_saying(&self, year: i32, words: &str) {
        self.chapters(year, |slug| format!("{words} ({slug})."));
    }

    /// A page per chapter of `year`'s print, its body `body(slug)`.
    fn chapters(&self, year: i32, body: impl Fn(&str) -> String) {
        for (bab, slug, judul) in [
            (0, "ikhtisar", "Ikhtisar Eksekutif"),
            (1, "pendahuluan", "Pendahuluan"),
            (2, "perencanaan", "Perencanaan Kinerja"),
            (3, "akuntabilitas", "Akuntabilitas Kinerja"),
            (4, "penutup", "Penutup"),
        ] {
            self.write(
                &format!("{year}/pages/{slug}.md"),
                &format!(
                    "+++\njudul = \"{judul}\"\nurutan = {bab}\nbab = {bab}\n+++\n\n{}\n",
                    body(slug)
                ),
            );
        }
    }

    /// Replaces the first occurrence of `from` in a content file.
    pub fn edit(&self, rel: &str, from: &str, to: &str) {
        let path = self.content().join(rel);
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }

    pub fn read_output(&self, rel: &str) -> String {
        fs::read_to_string(self.output().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }
}

/// The line (1-based) of the first occurrence of `needle` in `text`.
pub fn line_of(text: &str, needle: &str) -> usize {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in text"));
    text[..at].matches('\n').count() + 1
}

pub fn path_str(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

/// Runs the `capaian` binary in `dir` with `args`, in the language the report sets (not the
/// one `CAPAIAN_LANG` of the machine would).
pub fn capaian(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_capaian"))
        .args(args)
        .current_dir(dir)
        .env_remove("CAPAIAN_LANG")
        .output()
        .expect("capaian runs")
}
