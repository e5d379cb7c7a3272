//! `capaian import` and the XLSX form: round trips, row-numbered errors, no silent overwrite.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use capaian::form::FormQuarter;
use capaian::import::{
    Cell, Convention, FORM_COLUMNS, ImportError, ImportOutcome, ImportRequest, export_form_xlsx,
    import, read_rows,
};
use capaian::load::load;
use capaian::model::{Quarter, Value};
use common::{REALISASI, Repo};

const FILE: &str = "2025/realisasi/kepala.toml";

fn request(file: &Path) -> ImportRequest<'_> {
    ImportRequest {
        year: 2025,
        pk: "kepala",
        file,
        replace: false,
        dry_run: false,
        convention: None,
    }
}

fn write(repo: &Repo, name: &str, text: &str) -> PathBuf {
    let path = repo.dir.path().join(name);
    fs::write(&path, text).unwrap();
    path
}

fn realisasi(repo: &Repo) -> String {
    fs::read_to_string(repo.content().join(FILE)).unwrap()
}

fn row_errors(err: ImportError) -> Vec<String> {
    match err {
        ImportError::Rows { rows, .. } => rows.iter().map(ToString::to_string).collect(),
        other => panic!("expected row errors, got: {other}"),
    }
}

/// Loads the repository and returns the value of `indicator` in quarter `q`, checking that
/// the content has no error.
fn value_of(repo: &Repo, indicator: &str, q: i64) -> Option<Value> {
    let loaded = load(&repo.content()).unwrap();
    assert!(loaded.findings.list.is_empty(), "{:#?}", loaded.findings);
    let site = repo.site();
    assert!(
        !site.findings.has_errors(),
        "{:#?}",
        site.located_findings()
    );
    loaded.report.years[&2025].realisations["kepala"]
        .entries
        .iter()
        .find(|e| *e.indicator == indicator && *e.quarter == Quarter::new(q).unwrap())
        .map(|e| e.value.value.clone())
}

type Entries = Vec<(String, u8)>;

/// The added, replaced and unchanged entries.
fn summary(outcome: &ImportOutcome) -> (Entries, Entries, Entries) {
    let list = |v: &[capaian::import::ImportedEntry]| {
        v.iter()
            .map(|e| (e.indicator.clone(), e.quarter.number()))
            .collect::<Vec<_>>()
    };
    (
        list(&outcome.added),
        list(&outcome.replaced),
        list(&outcome.unchanged),
    )
}

#[test]
fn a_csv_with_decimal_commas_is_appended_and_everything_else_kept() {
    let repo = Repo::new();
    let csv = write(
        &repo,
        "realisasi.csv",
        "\u{feff}indikator;triwulan;nilai;sumber;analisis\n\
         IPG;1;91,2;BPS Kota Contoh;\n\
         ipg;TW II;91.5;\"BPS; angka sementara\";\"Naik karena \"\"sekolah perempuan\"\".\nLanjut.\"\n\
         \n\
         tfr;4;2,05;;\n",
    );
    let outcome = import(&repo.content(), &request(&csv)).unwrap();
    assert!(outcome.written);
    assert_eq!(
        summary(&outcome).0,
        [("ipg".to_string(), 1), ("ipg".to_string(), 2)]
    );
    assert_eq!(summary(&outcome).2, [("tfr".to_string(), 4)]);
    let after = realisasi(&repo);
    assert!(
        after.starts_with(REALISASI),
        "the existing text is kept byte for byte"
    );
    assert_eq!(
        &after[REALISASI.len()..],
        "\n# Diimpor dari realisasi.csv (capaian import)\n\
         \n[[realisasi]]\nindikator = \"ipg\"\ntriwulan = 1\nnilai = 91.2\nsumber = \"BPS Kota Contoh\"\n\
         \n[[realisasi]]\nindikator = \"ipg\"\ntriwulan = 2\nnilai = 91.5\nsumber = \"BPS; angka sementara\"\nanalisis = \"\"\"\nNaik karena \\\"sekolah perempuan\\\".\nLanjut.\n\"\"\"\n"
    );
    assert_eq!(value_of(&repo, "ipg", 1), Some(Value::Number(91.2)));
    assert_eq!(value_of(&repo, "ipg", 2), Some(Value::Number(91.5)));
    let loaded = load(&repo.content()).unwrap();
    let entry = &loaded.report.years[&2025].realisations["kepala"].entries[6];
    assert_eq!(
        entry.analysis.as_deref(),
        Some("Naik karena \"sekolah perempuan\".\nLanjut.\n")
    );
    // The same file again changes nothing.
    let again = import(&repo.content(), &request(&csv)).unwrap();
    assert!(!again.written);
    assert_eq!(again.unchanged.len(), 3);
    assert_eq!(realisasi(&repo), after);
}

#[test]
fn every_bad_row_is_reported_with_its_number_and_nothing_is_written() {
    let repo = Repo::new();
    let csv = write(
        &repo,
        "salah.csv",
        "indikator,triwulan,nilai,sumber,analisis\n\
         ipg,1,\"91,2\",BPS,\n\
         ipgg,2,91.3,,\n\
         ipg,5,91.4,,\n\
         ipg,3,sembilan puluh,,\n\
         tfr,1,NaN,,\n\
         ,2,3,,\n\
         ipg,1,91.2,,\n\
         ipg,,91,,\n",
    );
    let err = import(&repo.content(), &request(&csv)).unwrap_err();
    assert_eq!(err.exit_status(), 1);
    assert_eq!(
        err.to_string(),
        format!("7 wrong row(s) in `{}`; nothing was written", csv.display())
    );
    assert_eq!(
        row_errors(err),
        [
            "baris 3: indikator `ipgg` tidak ada dalam PK `kepala` tahun 2025; mungkin maksudnya `ipg`?",
            "baris 4: triwulan `5` tidak ada: tulis 1, 2, 3 atau 4",
            "baris 5: nilai `sembilan puluh` untuk `ipg` bukan angka: tulis angka seperti 91,8 atau 91.8",
            "baris 6: nilai `NaN` untuk `tfr` bukan angka: tulis angka seperti 91,8 atau 91.8",
            "baris 7: kolom `indikator` kosong: tulis id indikator, misalnya `ipg`",
            "baris 8: realisasi `ipg` triwulan 1 sudah ada di baris 2",
            "baris 9: kolom `triwulan` kosong: tulis 1, 2, 3 atau 4",
        ]
    );
    assert_eq!(realisasi(&repo), REALISASI);
}

#[test]
fn an_existing_entry_is_not_overwritten_without_replace() {
    let repo = Repo::new();
    let csv = write(
        &repo,
        "tw4.csv",
        "indikator,triwulan,nilai\nipg,4,\"92,0\"\n",
    );
    let err = import(&repo.content(), &request(&csv)).unwrap_err();
    assert_eq!(
        row_errors(err),
        [
            "baris 2: realisasi `ipg` triwulan 4 sudah ada dengan nilai 91.8 (2025/realisasi/kepala.toml baris 4); beri --replace untuk menggantinya"
        ]
    );
    assert_eq!(realisasi(&repo), REALISASI);
}

#[test]
fn replace_rewrites_only_that_entry() {
    let repo = Repo::new();
    let csv = write(
        &repo,
        "koreksi.csv",
        "indikator,triwulan,nilai,sumber,analisis\nipg,4,\"92,1\",BPS,\"Tercapai.\"\ntfr,3,\"2,1\",,\n",
    );
    let outcome = import(
        &repo.content(),
        &ImportRequest {
            replace: true,
            ..request(&csv)
        },
    )
    .unwrap();
    assert_eq!(summary(&outcome).1, [("ipg".to_string(), 4)]);
    assert_eq!(summary(&outcome).2, [("tfr".to_string(), 3)]);
    let expected = REALISASI.replacen(
        "nilai = 91.8\npelapor = \"sekretaris\"\nanalisis = \"Sedikit di bawah target.\"\n",
        "nilai = 92.1\npelapor = \"sekretaris\"\nanalisis = \"\"\"\nTercapai.\n\"\"\"\nsumber = \"BPS\"\n",
        1,
    );
    assert_ne!(expected, REALISASI);
    assert_eq!(realisasi(&repo), expected);
    assert_eq!(value_of(&repo, "ipg", 4), Some(Value::Number(92.1)));
}

#[test]
fn a_dry_run_writes_nothing() {
    let repo = Repo::new();
    let csv = write(&repo, "tw1.csv", "indikator,triwulan,nilai\nipg,1,91\n");
    let outcome = import(
        &repo.content(),
        &ImportRequest {
            dry_run: true,
            ..request(&csv)
        },
    )
    .unwrap();
    assert_eq!(outcome.added.len(), 1);
    assert!(!outcome.written);
    assert_eq!(realisasi(&repo), REALISASI);
}

#[test]
fn aligned_files_get_aligned_entries_and_crlf_stays_crlf() {
    let repo = Repo::new();
    let aligned = "[[realisasi]]\r\nindikator = \"ipg\"\r\ntriwulan  = 4\r\nnilai     = 91.8\r\n";
    repo.write(FILE, aligned);
    let csv = write(
        &repo,
        "tw1.csv",
        "indikator,triwulan,nilai,sumber\nipg,1,90,BPS\n",
    );
    import(&repo.content(), &request(&csv)).unwrap();
    assert_eq!(
        realisasi(&repo),
        format!(
            "{aligned}\r\n# Diimpor dari tw1.csv (capaian import)\r\n\r\n[[realisasi]]\r\nindikator = \"ipg\"\r\ntriwulan  = 1\r\nnilai     = 90\r\nsumber    = \"BPS\"\r\n"
        )
    );
    assert_eq!(value_of(&repo, "ipg", 1), Some(Value::Number(90.0)));
}

#[test]
fn a_missing_realisation_file_is_created() {
    let repo = Repo::new();
    fs::remove_file(repo.content().join(FILE)).unwrap();
    let csv = write(&repo, "baru.csv", "indikator,triwulan,nilai\nipg,4,91.8\n");
    import(&repo.content(), &request(&csv)).unwrap();
    assert!(realisasi(&repo).starts_with("# Realisasi Perjanjian Kinerja 2025: kepala\n"));
    assert_eq!(value_of(&repo, "ipg", 4), Some(Value::Number(91.8)));
}

#[test]
fn a_broken_realisation_file_is_not_touched() {
    let repo = Repo::new();
    repo.write(FILE, "[[realisasi]\nindikator = \"ipg\"\n");
    let csv = write(&repo, "tw1.csv", "indikator,triwulan,nilai\nipg,1,91\n");
    let err = import(&repo.content(), &request(&csv)).unwrap_err();
    assert!(matches!(err, ImportError::BrokenTarget { .. }), "{err}");
    assert_eq!(realisasi(&repo), "[[realisasi]\nindikator = \"ipg\"\n");
}

#[test]
fn unknown_year_pk_and_file_kind_are_refused() {
    let repo = Repo::new();
    let csv = write(&repo, "tw1.csv", "indikator,triwulan,nilai\nipg,1,91\n");
    let err = import(
        &repo.content(),
        &ImportRequest {
            year: 2024,
            ..request(&csv)
        },
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "there is no year 2024 in the content; the years are: 2025"
    );
    let err = import(
        &repo.content(),
        &ImportRequest {
            pk: "kabid",
            ..request(&csv)
        },
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "there is no PK `kabid` in 2025; it has: kepala"
    );
    let pdf = write(&repo, "tw1.pdf", "");
    let err = import(&repo.content(), &request(&pdf)).unwrap_err();
    assert!(
        err.to_string()
            .contains("`.pdf` is not a spreadsheet capaian reads"),
        "{err}"
    );
    let no_header = write(&repo, "x.csv", "ipg,1,91\n");
    assert_eq!(
        row_errors(import(&repo.content(), &request(&no_header)).unwrap_err()),
        [
            "baris 1: tidak ada baris judul kolom: baris pertama harus memuat kolom `indikator`, `triwulan` dan `nilai` (boleh juga `sumber`, `analisis`, `pelapor`)"
        ]
    );
}

/// The fixture with an ordinal indicator added to the PK.
fn repo_with_ordinal() -> Repo {
    let repo = Repo::new();
    repo.edit(
        "2025/pk/kepala.toml",
        "[[program]]",
        "  [[sasaran.indikator]]\n  id = \"kla\"\n  nama = \"Predikat Kota Layak Anak\"\n  satuan = \"predikat\"\n  polaritas = \"positif\"\n  skala = [\"Pratama\", \"Madya\", \"Nindya\", \"Utama\", \"KLA\"]\n  target = \"Madya\"\n\n[[program]]",
    );
    repo
}

#[test]
fn the_xlsx_form_reads_back_and_imports_nothing_until_filled() {
    let repo = repo_with_ordinal();
    let loaded = load(&repo.content()).unwrap();
    let out = repo.dir.path().join("formulir.xlsx");
    let rows = export_form_xlsx(
        &loaded.report,
        2025,
        "kepala",
        FormQuarter::Quarter(Quarter::new(1).unwrap()),
        &out,
    )
    .unwrap();
    assert_eq!(rows, 3);

    let read = read_rows(&out).unwrap();
    let header: Vec<String> = read[0]
        .cells
        .iter()
        .map(|c| match c {
            Cell::Text(s) => s.clone(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(header, FORM_COLUMNS);
    assert_eq!(read.len(), 4);
    assert_eq!(read[1].number, 2);
    assert_eq!(read[1].cells[0], Cell::Text("ipg".to_string()));
    assert_eq!(read[1].cells[1], Cell::Number(1.0));
    assert_eq!(read[1].cells[2], Cell::Empty);
    assert_eq!(read[1].cells[10], Cell::Number(92.5), "the target");
    assert_eq!(
        read[1].cells[8],
        Cell::Text("indeks".to_string()),
        "the unit"
    );
    assert_eq!(
        read[1].cells[6],
        Cell::Text(
            "nilai: isi nilai posisi akhir triwulan ini (keadaan s.d. akhir triwulan)".to_string()
        ),
        "how to fill in nilai: ipg has no quarterly targets, so none for the first quarter"
    );
    // tfr has TW I already: its value is filled in, so that importing the form keeps it.
    assert_eq!(read[2].cells[0], Cell::Text("tfr".to_string()));
    assert_eq!(read[2].cells[2], Cell::Number(2.2));
    assert_eq!(
        read[3].cells[12],
        Cell::Text("Pratama < Madya < Nindya < Utama < KLA".to_string())
    );

    let outcome = import(&repo.content(), &request(&out)).unwrap();
    assert_eq!(outcome.skipped, [2, 4]);
    assert_eq!(summary(&outcome).2, [("tfr".to_string(), 1)]);
    assert!(!outcome.written);
    assert_eq!(realisasi(&repo), REALISASI);
}

/// An XLSX file as an editor fills it: the form's columns, in another order, with numbers
/// as numbers and as text.
fn filled_xlsx(path: &Path, rows: &[[&str; 4]]) {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (col, name) in ["triwulan", "indikator", "nilai", "analisis"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, col as u16, *name).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32 + 1, c as u16);
            // A leading apostrophe keeps a cell text, as in Excel.
            if let Some(text) = cell.strip_prefix('\'') {
                sheet.write_string(r, c, text).unwrap();
                continue;
            }
            match cell.parse::<f64>() {
                Ok(n) => sheet.write_number(r, c, n).unwrap(),
                Err(_) if cell.is_empty() => sheet,
                Err(_) => sheet.write_string(r, c, *cell).unwrap(),
            };
        }
    }
    workbook.save(path).unwrap();
}

#[test]
fn a_filled_xlsx_is_imported() {
    let repo = repo_with_ordinal();
    let xlsx = repo.dir.path().join("tw1.xlsx");
    filled_xlsx(
        &xlsx,
        &[
            ["1", "ipg", "91.25", ""],
            ["TW 4", "KLA", "madya", "Naik satu tingkat."],
            ["2", "ipg", "91,5", ""],
        ],
    );
    let outcome = import(&repo.content(), &request(&xlsx)).unwrap();
    assert_eq!(
        outcome.read_by, None,
        "nothing needed the sheet's convention"
    );
    assert_eq!(
        summary(&outcome).0,
        [
            ("ipg".to_string(), 1),
            ("kla".to_string(), 4),
            ("ipg".to_string(), 2)
        ]
    );
    assert_eq!(value_of(&repo, "ipg", 1), Some(Value::Number(91.25)));
    assert_eq!(value_of(&repo, "ipg", 2), Some(Value::Number(91.5)));
    assert_eq!(
        value_of(&repo, "kla", 4),
        Some(Value::Word("Madya".to_string()))
    );
}

#[test]
fn a_bad_xlsx_row_names_its_row_and_nothing_is_written() {
    let repo = repo_with_ordinal();
    let xlsx = repo.dir.path().join("salah.xlsx");
    filled_xlsx(
        &xlsx,
        &[
            ["1", "ipg", "91.25", ""],
            ["4", "kla", "Madyaa", ""],
            ["4", "kla", "3", ""],
        ],
    );
    let err = import(&repo.content(), &request(&xlsx)).unwrap_err();
    assert_eq!(
        row_errors(err),
        [
            "baris 3: \"Madyaa\" bukan kata pada skala `kla`; mungkin maksudnya \"Madya\"? tulis salah satu dari: Pratama, Madya, Nindya, Utama, KLA",
            "baris 4: \"3\" bukan kata pada skala `kla`; tulis salah satu dari: Pratama, Madya, Nindya, Utama, KLA",
        ]
    );
    assert_eq!(realisasi(&repo), REALISASI);
}

#[test]
fn a_file_named_in_capitals_is_the_one_written() {
    let repo = Repo::new();
    fs::rename(
        repo.content().join(FILE),
        repo.content().join("2025/realisasi/KEPALA.toml"),
    )
    .unwrap();
    let csv = write(&repo, "tw1.csv", "indikator,triwulan,nilai\nipg,1,91\n");
    let outcome = import(&repo.content(), &request(&csv)).unwrap();
    assert!(outcome.path.ends_with("2025/realisasi/KEPALA.toml"));
    let names: Vec<_> = fs::read_dir(repo.content().join("2025/realisasi"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["KEPALA.toml"]);
}

// ---------------------------------------------------------------------------------------------
// A sheet's numbers, read by the sheet's own convention

/// The fixture with a count (`kasus`, summed over the quarters) and a rupiah amount (`dana`).
fn repo_with_counts() -> Repo {
    let repo = Repo::new();
    repo.edit(
        "2025/pk/kepala.toml",
        "[[program]]",
        "  [[sasaran.indikator]]\n  id = \"kasus\"\n  nama = \"Kasus yang ditangani\"\n  satuan = \"kasus\"\n  polaritas = \"positif\"\n  target = 48000\n  target_triwulan = [12000, 24000, 36000, 48000]\n  akumulasi = \"jumlah\"\n\n  [[sasaran.indikator]]\n  id = \"dana\"\n  nama = \"Dana yang disalurkan\"\n  satuan = \"rupiah\"\n  polaritas = \"positif\"\n  target = 5000000\n  target_triwulan = [1250000, 2500000, 3750000, 5000000]\n\n[[program]]",
    );
    repo
}

/// The numbers the file holds now, as the TOML parser reads them.
fn numbers(repo: &Repo, wanted: &[(&str, i64)]) -> Vec<Option<f64>> {
    wanted
        .iter()
        .map(|(id, q)| value_of(repo, id, *q).and_then(|v| v.as_number()))
        .collect()
}

#[test]
fn a_semicolon_csv_reads_dots_as_thousands_and_commas_as_decimals() {
    let repo = repo_with_counts();
    // What Excel writes in an Indonesian locale: `;` between cells, numbers as displayed.
    let csv = write(
        &repo,
        "tw1.csv",
        "indikator;triwulan;nilai\n\
         kasus;1;12.000\n\
         kasus;2;1.550\n\
         dana;1;Rp 1.250.000,50\n\
         dana;2;1\u{a0}300\u{a0}000\n\
         ipg;1;92,5%\n\
         ipg;2;-1,5\n",
    );
    let outcome = import(&repo.content(), &request(&csv)).unwrap();
    assert_eq!(
        outcome.read_by.unwrap().to_string(),
        "angka seperti 1.550 di baris 2, 3 dibaca cara Indonesia (titik pemisah ribuan: 1.550 = 1550), karena kolom CSV dipisah dengan `;`; beri --decimal point bila maksudnya lain"
    );
    assert_eq!(
        numbers(
            &repo,
            &[
                ("kasus", 1),
                ("kasus", 2),
                ("dana", 1),
                ("dana", 2),
                ("ipg", 1),
                ("ipg", 2)
            ]
        ),
        [
            Some(12000.0),
            Some(1550.0),
            Some(1_250_000.5),
            Some(1_300_000.0),
            Some(92.5),
            Some(-1.5)
        ]
    );
    assert!(
        realisasi(&repo).contains("indikator = \"kasus\"\ntriwulan = 1\nnilai = 12000\n"),
        "{}",
        realisasi(&repo)
    );
}

#[test]
fn a_comma_csv_reads_commas_as_thousands_and_dots_as_decimals() {
    let repo = repo_with_counts();
    let csv = write(
        &repo,
        "tw1.csv",
        "indikator,triwulan,nilai\n\
         kasus,1,\"12,000\"\n\
         dana,1,\"1,250,000.50\"\n\
         ipg,1,92.5\n\
         ipg,2,91.550\n",
    );
    let outcome = import(&repo.content(), &request(&csv)).unwrap();
    assert_eq!(
        outcome.read_by.unwrap().to_string(),
        "angka seperti 1.550 di baris 2, 5 dibaca cara Inggris (titik tanda desimal: 1.550 = 1,55), karena kolom CSV dipisah dengan `,`; beri --decimal comma bila maksudnya lain"
    );
    assert_eq!(
        numbers(&repo, &[("kasus", 1), ("dana", 1), ("ipg", 1), ("ipg", 2)]),
        [Some(12000.0), Some(1_250_000.5), Some(92.5), Some(91.55)]
    );
}

#[test]
fn comma_decimals_anywhere_make_a_comma_csv_indonesian() {
    let repo = repo_with_counts();
    // Separated by commas, but `"92,5"` shows dots group thousands: `12.000` is twelve thousand.
    let csv = write(
        &repo,
        "tw1.csv",
        "indikator,triwulan,nilai\nkasus,1,12.000\nipg,1,\"92,5\"\n",
    );
    let outcome = import(&repo.content(), &request(&csv)).unwrap();
    assert_eq!(
        outcome.read_by.unwrap().to_string(),
        "angka seperti 1.550 di baris 2 dibaca cara Indonesia (titik pemisah ribuan: 1.550 = 1550), karena sel C3 ditulis `92,5`; beri --decimal point bila maksudnya lain"
    );
    assert_eq!(
        numbers(&repo, &[("kasus", 1), ("ipg", 1)]),
        [Some(12000.0), Some(92.5)]
    );
}

#[test]
fn an_ambiguous_sheet_is_refused_at_its_first_ambiguous_cell() {
    let repo = repo_with_counts();
    // Tab-separated, and no number that shows the convention: `12.000` is 12000 or 12.
    let tsv = write(
        &repo,
        "tw1.tsv",
        "indikator\ttriwulan\tnilai\nipg\t1\t91\nkasus\t1\t12.000\nkasus\t2\t1.550\nkasus\t3\t1250\n",
    );
    let err = import(&repo.content(), &request(&tsv)).unwrap_err();
    assert_eq!(err.exit_status(), 1);
    assert_eq!(
        row_errors(err),
        [
            "baris 3, kolom C (nilai): `12.000` bisa berarti 12000 (titik sebagai pemisah ribuan, cara Indonesia) atau 12 (titik sebagai tanda desimal, cara Inggris), dan tidak ada angka lain di lembar ini yang menunjukkan caranya (juga baris 4). Tulis `12000` atau `12`, atau nyatakan caranya: --decimal comma (1.550 = seribu lima ratus lima puluh) atau --decimal point (1.550 = 1,55)"
        ]
    );
    assert_eq!(realisasi(&repo), REALISASI, "nothing was written");

    // Said on the command line, the same sheet reads.
    let outcome = import(
        &repo.content(),
        &ImportRequest {
            convention: Some(Convention::Indonesian),
            ..request(&tsv)
        },
    )
    .unwrap();
    assert_eq!(outcome.added.len(), 4);
    assert_eq!(
        outcome.read_by.unwrap().to_string(),
        "angka seperti 1.550 di baris 3, 4 dibaca cara Indonesia (titik pemisah ribuan: 1.550 = 1550), seperti diminta; beri --decimal point bila maksudnya lain"
    );
    assert_eq!(
        numbers(&repo, &[("kasus", 1), ("kasus", 2), ("kasus", 3)]),
        [Some(12000.0), Some(1550.0), Some(1250.0)]
    );
}

#[test]
fn an_ambiguous_sheet_is_refused_in_english_where_the_site_is() {
    let repo = repo_with_counts();
    repo.edit("site.toml", "judul =", "bahasa = \"en\"\njudul =");
    let tsv = write(
        &repo,
        "tw1.tsv",
        "no\tindikator\ttriwulan\tnilai\n1\tipg\t1\t91\n2\tkasus\t1\t1,550\n",
    );
    let err = import(&repo.content(), &request(&tsv)).unwrap_err();
    assert_eq!(
        row_errors(err),
        [
            "row 3, column D (nilai): `1,550` could mean 1.55 (the comma as the decimal mark, the Indonesian way) or 1550 (the comma grouping thousands, the English way), and no other number in the sheet shows which. Write `1.55` or `1550`, or give the convention: --decimal comma (1.550 is one thousand five hundred and fifty) or --decimal point (1.550 is 1.55)"
        ]
    );
}

#[test]
fn an_xlsx_reads_number_cells_as_numbers_and_text_cells_by_its_convention() {
    let repo = repo_with_counts();
    let xlsx = repo.dir.path().join("tw1.xlsx");
    // Number cells are numbers whatever they look like; the text `1.250.000` shows the
    // Indonesian convention, by which the text `12.000` is twelve thousand.
    filled_xlsx(
        &xlsx,
        &[
            ["1", "kasus", "'12.000", ""],
            ["2", "kasus", "1.55", ""],
            ["1", "dana", "'1.250.000", ""],
            ["2", "dana", "1300000", ""],
        ],
    );
    let outcome = import(&repo.content(), &request(&xlsx)).unwrap();
    assert_eq!(
        outcome.read_by.unwrap().to_string(),
        "angka seperti 1.550 di baris 2 dibaca cara Indonesia (titik pemisah ribuan: 1.550 = 1550), karena sel C4 ditulis `1.250.000`; beri --decimal point bila maksudnya lain"
    );
    assert_eq!(
        numbers(
            &repo,
            &[("kasus", 1), ("kasus", 2), ("dana", 1), ("dana", 2)]
        ),
        [
            Some(12000.0),
            Some(1.55),
            Some(1_250_000.0),
            Some(1_300_000.0)
        ]
    );
}

#[test]
fn an_xlsx_with_only_an_ambiguous_text_cell_is_refused() {
    let repo = repo_with_counts();
    let xlsx = repo.dir.path().join("tw1.xlsx");
    filled_xlsx(
        &xlsx,
        &[
            ["1", "kasus", "12000", ""],
            ["2", "kasus", "'1.550", "Naik."],
        ],
    );
    let err = import(&repo.content(), &request(&xlsx)).unwrap_err();
    assert_eq!(
        row_errors(err),
        [
            "baris 3, kolom C (nilai): `1.550` bisa berarti 1550 (titik sebagai pemisah ribuan, cara Indonesia) atau 1,55 (titik sebagai tanda desimal, cara Inggris), dan tidak ada angka lain di lembar ini yang menunjukkan caranya. Tulis `1550` atau `1,55`, atau nyatakan caranya: --decimal comma (1.550 = seribu lima ratus lima puluh) atau --decimal point (1.550 = 1,55)"
        ]
    );
    assert_eq!(realisasi(&repo), REALISASI);
}

#[test]
fn imported_values_get_the_plausibility_warnings_of_check_and_are_still_written() {
    let repo = repo_with_counts();
    // An English sheet (`,` and `92.5`): `12.000` is twelve, a thousandth of its targets; `-5`
    // is a negative count.
    let csv = write(
        &repo,
        "tw1.csv",
        "indikator,triwulan,nilai\nipg,1,92.5\nkasus,1,12.000\nkasus,2,-5\ndana,1,1250000\n",
    );
    let outcome = import(&repo.content(), &request(&csv)).unwrap();
    assert!(outcome.written, "warnings do not refuse the import");
    let rows: Vec<usize> = outcome.warnings.iter().map(|w| w.row).collect();
    assert_eq!(rows, [3, 4], "{:#?}", outcome.warnings);
    // The thousands separator, and the number probably meant; the negative count.
    let said: Vec<String> = outcome.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        said,
        [
            "baris 3: realisasi triwulan 1 `kasus` ditulis dengan tiga angka di belakang titik, sehingga dibaca 12: sebuah hitungan tidak berpecahan, titik itu tampaknya pemisah ribuan; TOML membaca titik sebagai tanda desimal (`1.550` adalah 1,55): tulis angka tanpa pemisah ribuan, `nilai = 12000`",
            "baris 4: realisasi triwulan 2 `kasus` negatif (-5), padahal satuannya (kasus) tidak bisa negatif; kemungkinan tanda minus salah ketik: tulis `nilai = 5`; jika jumlahnya berkurang, laporkan nilainya sendiri, bukan selisihnya"
        ]
    );
    assert_eq!(value_of(&repo, "kasus", 1), Some(Value::Number(12.0)));
}

#[test]
fn the_cli_refuses_an_ambiguous_sheet_and_reads_it_with_decimal() {
    let repo = repo_with_counts();
    write(
        &repo,
        "tw1.tsv",
        "indikator\ttriwulan\tnilai\nkasus\t1\t12.000\n",
    );
    let run = |extra: &[&str]| {
        let content = repo.content();
        let mut args = vec![
            "import",
            "--content",
            content.to_str().unwrap(),
            "--year",
            "2025",
            "--pk",
            "kepala",
            "tw1.tsv",
        ];
        args.extend_from_slice(extra);
        std::process::Command::new(env!("CARGO_BIN_EXE_capaian"))
            .args(&args)
            .current_dir(repo.dir.path())
            .output()
            .unwrap()
    };
    let refused = run(&[]);
    assert_eq!(refused.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&refused.stderr),
        "error: 1 baris salah di `tw1.tsv`; tidak ada yang ditulis\n  baris 2, kolom C (nilai): `12.000` bisa berarti 12000 (titik sebagai pemisah ribuan, cara Indonesia) atau 12 (titik sebagai tanda desimal, cara Inggris), dan tidak ada angka lain di lembar ini yang menunjukkan caranya. Tulis `12000` atau `12`, atau nyatakan caranya: --decimal comma (1.550 = seribu lima ratus lima puluh) atau --decimal point (1.550 = 1,55)\n"
    );
    assert_eq!(realisasi(&repo), REALISASI);

    let read = run(&["--decimal", "comma"]);
    assert_eq!(read.status.code(), Some(0), "{read:?}");
    let stderr = String::from_utf8_lossy(&read.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert!(
        lines[0].starts_with("1 realisasi ditambahkan dan 0 diganti di "),
        "{stderr}"
    );
    assert_eq!(
        lines[1..],
        [
            "catatan: angka seperti 1.550 di baris 2 dibaca cara Indonesia (titik pemisah ribuan: 1.550 = 1550), seperti diminta; beri --decimal point bila maksudnya lain"
        ]
    );
    assert_eq!(value_of(&repo, "kasus", 1), Some(Value::Number(12000.0)));
}
