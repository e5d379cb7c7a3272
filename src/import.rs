//! Spreadsheets in and out: `capaian import` appends realisations from a CSV or XLSX file in
//! the layout of the SOP step-4 request form, and [`export_form_xlsx`] writes that form.
//!
//! The layout: a header row with the columns `indikator` (the indicator id), `triwulan`,
//! `nilai`, and optionally `sumber`, `analisis` and `pelapor`; any other column (the form's
//! name, unit and target columns) is ignored.
//!
//! Numbers are read by the sheet's own convention ([`SheetNumbers`], [`parse_number`]): cells
//! that are numbers in an XLSX or ODS file are numbers; text is read the Indonesian way
//! (`1.250.000,50`) when a CSV is separated by `;` or a number in the sheet is written that way
//! (`92,5`), else the English way (`1,250,000.50`) when a CSV is separated by `,` or a number is
//! written that way (`92.5`). A number both conventions read, differently (`1.550`, `12.000`),
//! in a sheet that shows neither is refused, with the row and column of the first one: guessing
//! would turn twelve thousand into twelve.
//!
//! An import is all or nothing. Every row is checked first (an unknown indicator, a quarter
//! outside 1–4, a value that is not a number or not a word of the indicator's `skala`, the same
//! entry twice), and every wrong row is reported with its row number as the spreadsheet shows
//! it ("baris 7: …"); then nothing is written. An entry that already exists is never overwritten
//! unless `replace` is set; a row equal to the existing entry is left as it is, so that the same
//! form can be imported again after more rows are filled in.
//!
//! Writing edits `<year>/realisasi/<pk>.toml` as a format-preserving TOML document
//! (`toml_edit`), never re-serialises it from the model: new entries are appended at the end; a
//! replaced entry has only its `nilai`, `sumber` and `analisis` values rewritten in place (their
//! spacing and comments kept), a missing `sumber` or `analisis` inserted after its last value.
//! Everything else stays byte for byte. The result
//! is parsed again and compared with what was intended before it replaces the file (through a
//! temporary file and a rename); an entry whose formatting defeats this (an inline table, say)
//! is refused with [`ImportError::UnsafeEdit`], to be edited by hand.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::finding::{did_you_mean, say};
use crate::form::{FormQuarter, QuarterRequest, target_text};
use crate::load::{LoadError, load};
use crate::model::{Indicator, Language, Pk, Quarter, Realisations, Report, Value};

/// What to import, and where.
#[derive(Clone, Debug)]
pub struct ImportRequest<'a> {
    pub year: i32,
    /// The PK's id (its file stem in `<year>/pk/`).
    pub pk: &'a str,
    /// A `.csv` (or `.tsv`, `.txt`) or `.xlsx` (or `.xlsm`, `.xls`, `.ods`) file.
    pub file: &'a Path,
    /// Overwrite existing entries with the spreadsheet's values.
    pub replace: bool,
    /// Check everything and report what would change, without writing.
    pub dry_run: bool,
    /// How the sheet writes numbers, when the editor says so; otherwise the sheet shows it
    /// (see [`SheetNumbers`]).
    pub convention: Option<Convention>,
}

/// One entry of the import: the spreadsheet row it comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedEntry {
    pub row: usize,
    pub indicator: String,
    pub quarter: Quarter,
}

/// What an import did (or, on a dry run, would do).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportOutcome {
    /// `<content>/<year>/realisasi/<pk>.toml`.
    pub path: PathBuf,
    pub added: Vec<ImportedEntry>,
    pub replaced: Vec<ImportedEntry>,
    /// Rows equal to an entry that exists already.
    pub unchanged: Vec<ImportedEntry>,
    /// Rows without `nilai`, `sumber` or `analisis`: form rows not filled in.
    pub skipped: Vec<usize>,
    /// Whether the file was written (false on a dry run or when nothing changed).
    pub written: bool,
    /// What `capaian check` would question about the imported values (a thousands
    /// separator read as a decimal point, a negative count, a running total in a `jumlah`
    /// indicator…): said, not refused.
    pub warnings: Vec<RowWarning>,
    /// Set when the sheet's convention settled numbers that the other would read
    /// differently (`1.550`): how, why, and in which rows.
    pub read_by: Option<ReadBy>,
}

/// How the numbers such as `1.550` of an import were read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadBy {
    pub convention: Convention,
    pub evidence: Evidence,
    /// The rows of the values it settled.
    pub rows: Vec<usize>,
    pub language: Language,
}

impl fmt::Display for ReadBy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let language = self.language;
        let rows: Vec<String> = self.rows.iter().map(usize::to_string).collect();
        let rows = rows.join(", ");
        let how = match self.convention {
            Convention::Indonesian => say(
                language,
                "cara Indonesia (titik pemisah ribuan: 1.550 = 1550)",
                "the Indonesian way (dots group thousands: 1.550 is 1550)",
            ),
            Convention::English => say(
                language,
                "cara Inggris (titik tanda desimal: 1.550 = 1,55)",
                "the English way (the dot is the decimal point: 1.550 is 1.55)",
            ),
        };
        let why = match &self.evidence {
            Evidence::Given | Evidence::None => say(language, "seperti diminta", "as asked"),
            Evidence::Separator(c) => say(
                language,
                format!("karena kolom CSV dipisah dengan `{c}`"),
                format!("because the CSV is separated by `{c}`"),
            ),
            Evidence::Cell { row, column, text } => {
                let cell = format!("{}{row}", column_letters(*column));
                say(
                    language,
                    format!("karena sel {cell} ditulis `{text}`"),
                    format!("because cell {cell} is written `{text}`"),
                )
            }
        };
        let other = match self.convention {
            Convention::Indonesian => "point",
            Convention::English => "comma",
        };
        write!(
            f,
            "{}",
            say(
                language,
                format!(
                    "angka seperti 1.550 di baris {rows} dibaca {how}, {why}; beri --decimal {other} bila maksudnya lain"
                ),
                format!(
                    "numbers such as 1.550 in row(s) {rows} were read {how}, {why}; give --decimal {other} if they mean otherwise"
                ),
            )
        )
    }
}

/// A plausibility warning about an imported row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowWarning {
    pub row: usize,
    pub message: String,
    /// What to do.
    pub help: String,
    pub language: Language,
}

impl fmt::Display for RowWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let row = match self.language {
            Language::Indonesian => "baris",
            Language::English => "row",
        };
        write!(f, "{row} {}: {}; {}", self.row, self.message, self.help)
    }
}

/// A wrong row of the spreadsheet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    /// The row number as the spreadsheet program shows it (the header is usually row 1).
    pub row: usize,
    /// The cell's column as the spreadsheet program shows it, with the header's name:
    /// `C (nilai)`; for errors about one cell.
    pub column: Option<String>,
    /// In the site's language (`bahasa`).
    pub message: String,
    pub language: Language,
}

impl RowError {
    fn new(language: Language, row: usize, message: String) -> RowError {
        RowError {
            row,
            column: None,
            message,
            language,
        }
    }
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (row, column) = match self.language {
            Language::Indonesian => ("baris", "kolom"),
            Language::English => ("row", "column"),
        };
        write!(f, "{row} {}", self.row)?;
        if let Some(c) = &self.column {
            write!(f, ", {column} {c}")?;
        }
        write!(f, ": {}", self.message)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error("there is no year {year} in the content; the years are: {years}")]
    NoYear { year: i32, years: String },
    #[error("there is no PK `{pk}` in {year}; it has: {pks}")]
    NoPk { year: i32, pk: String, pks: String },
    #[error(
        "`{}` cannot be read as a realisation file ({message}); fix it first (`capaian check` shows where), then import again",
        path.display()
    )]
    BrokenTarget { path: PathBuf, message: String },
    #[error("cannot read `{}`: {message}", path.display())]
    Spreadsheet { path: PathBuf, message: String },
    #[error("{} wrong row(s) in `{}`; nothing was written", rows.len(), path.display())]
    Rows { path: PathBuf, rows: Vec<RowError> },
    #[error(
        "cannot change `{}` safely: {message}; edit that entry by hand",
        path.display()
    )]
    UnsafeEdit { path: PathBuf, message: String },
    #[error("cannot write `{}`: {message}", path.display())]
    Write { path: PathBuf, message: String },
}

impl ImportError {
    /// The error in the site's language (`Display` is the English text).
    pub fn said(&self, language: Language) -> String {
        if language == Language::English {
            return self.to_string();
        }
        match self {
            ImportError::Load(e) => e.said(language),
            ImportError::NoYear { year, years } => {
                format!("tidak ada tahun {year} di folder content; tahun-tahunnya: {years}")
            }
            ImportError::NoPk { year, pk, pks } => {
                format!("tidak ada PK `{pk}` pada {year}; yang ada: {pks}")
            }
            ImportError::BrokenTarget { path, message } => format!(
                "`{}` tidak dapat dibaca sebagai berkas realisasi ({}); perbaiki dulu (`capaian check` menunjukkan tempatnya), lalu impor lagi",
                path.display(),
                detail_id(message)
            ),
            ImportError::Spreadsheet { path, message } => format!(
                "tidak dapat membaca `{}`: {}",
                path.display(),
                detail_id(message)
            ),
            ImportError::Rows { path, rows } => format!(
                "{} baris salah di `{}`; tidak ada yang ditulis",
                rows.len(),
                path.display()
            ),
            ImportError::UnsafeEdit { path, message } => format!(
                "`{}` tidak dapat diubah dengan aman: {}; ubah entri itu secara manual",
                path.display(),
                detail_id(message)
            ),
            ImportError::Write { path, message } => format!(
                "tidak dapat menulis `{}`: {}",
                path.display(),
                detail_id(message)
            ),
        }
    }

    /// The exit status the CLI gives: 1 for wrong data, 2 for files that cannot be read or
    /// written.
    pub fn exit_status(&self) -> u8 {
        match self {
            ImportError::Load(_) | ImportError::Write { .. } => 2,
            _ => 1,
        }
    }
}

/// The detail of an import error (`it is not UTF-8 text`) in Indonesian; what capaian did not
/// write itself (the operating system's and the spreadsheet reader's words) is kept.
fn detail_id(message: &str) -> String {
    let known: [(&str, &str); 8] = [
        (
            "it is not UTF-8 text: save it as \"CSV UTF-8\" (Excel) or with the UTF-8 character set (LibreOffice)",
            "berkas ini bukan teks UTF-8: simpan sebagai \"CSV UTF-8\" (Excel) atau dengan set karakter UTF-8 (LibreOffice)",
        ),
        ("it is not UTF-8 text", "berkas ini bukan teks UTF-8"),
        ("the PK has errors", "PK-nya mengandung kesalahan"),
        (
            "the workbook has no sheet",
            "buku kerja ini tidak mempunyai lembar",
        ),
        (
            "the edited file would not have the expected entries",
            "berkas hasil ubahan tidak akan memuat entri yang diharapkan",
        ),
        ("it is not valid CSV: ", "berkas ini bukan CSV yang sah: "),
        (
            "the edited file would not parse (",
            "berkas hasil ubahan tidak akan terbaca (",
        ),
        (
            "` is not a spreadsheet capaian reads: save it as .xlsx or .csv",
            "` bukan lembar kerja yang dibaca capaian: simpan sebagai .xlsx atau .csv",
        ),
    ];
    for (en, id) in known {
        if message == en {
            return id.to_string();
        }
        if let Some(rest) = message.strip_prefix(en) {
            return format!("{id}{rest}");
        }
        if let Some(before) = message.strip_suffix(en) {
            return format!("{before}{id}");
        }
    }
    message.to_string()
}

/// Imports the rows of `request.file` into `<content>/<year>/realisasi/<pk>.toml`.
pub fn import(content: &Path, request: &ImportRequest<'_>) -> Result<ImportOutcome, ImportError> {
    let loaded = load(content)?;
    let report = &loaded.report;
    let pk_id = request.pk.trim().to_lowercase();
    let pk = find_pk(report, request.year, &pk_id)?;
    let path = realisation_path(content, request.year, &pk_id);
    let (rows, separator) = read_sheet(request.file)?;
    let numbers = SheetNumbers::of(&rows, separator, request.convention);
    let language = report.site.language;
    let (raw_text, bom) = match std::fs::read(&path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => match text.strip_prefix('\u{feff}') {
                Some(rest) => (rest.to_string(), true),
                None => (text, false),
            },
            Err(_) => {
                return Err(ImportError::BrokenTarget {
                    path,
                    message: "it is not UTF-8 text".to_string(),
                });
            }
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => (String::new(), false),
        Err(e) => {
            return Err(ImportError::Write {
                path,
                message: e.to_string(),
            });
        }
    };
    let existing: Realisations =
        toml::from_str(&raw_text).map_err(|e| ImportError::BrokenTarget {
            path: path.clone(),
            message: e.message().trim().to_string(),
        })?;
    let officials: Option<Vec<&str>> = report.site_read.then(|| {
        report
            .site
            .officials
            .iter()
            .map(|o| o.id.as_str())
            .collect()
    });
    let target = Target {
        existing: &existing,
        text: &raw_text,
        path: &path,
        replace: request.replace,
    };
    let plan = plan(
        pk,
        request.year,
        &target,
        &rows,
        officials.as_deref(),
        &numbers,
        language,
    )
    .map_err(|rows| ImportError::Rows {
        path: request.file.to_path_buf(),
        rows,
    })?;
    let mut outcome = ImportOutcome {
        path: path.clone(),
        skipped: plan.skipped.clone(),
        warnings: plausibility(report, pk, request.year, &existing, &plan.changes),
        read_by: read_by(&numbers, &plan.changes, language),
        ..ImportOutcome::default()
    };
    for change in &plan.changes {
        let entry = ImportedEntry {
            row: change.row,
            indicator: change.indicator.clone(),
            quarter: change.quarter,
        };
        match change.kind {
            ChangeKind::Add => outcome.added.push(entry),
            ChangeKind::Replace => outcome.replaced.push(entry),
            ChangeKind::Unchanged => outcome.unchanged.push(entry),
        }
    }
    if outcome.added.is_empty() && outcome.replaced.is_empty() {
        return Ok(outcome);
    }
    let source_name = request
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let text = edit(
        &raw_text,
        &existing,
        &plan.changes,
        request.year,
        &pk_id,
        &source_name,
        language,
    )
    .map_err(|message| ImportError::UnsafeEdit {
        path: path.clone(),
        message,
    })?;
    if request.dry_run {
        return Ok(outcome);
    }
    let text = if bom { format!("\u{feff}{text}") } else { text };
    write_atomically(&path, text.as_bytes()).map_err(|e| ImportError::Write {
        path: path.clone(),
        message: e.to_string(),
    })?;
    outcome.written = true;
    Ok(outcome)
}

/// `<content>/<year>/realisasi/<pk>.toml`, or the file there whose name differs only in case
/// (ids are case-insensitive, and a second file for the same PK would be an error).
fn realisation_path(content: &Path, year: i32, pk: &str) -> PathBuf {
    let dir = content.join(year.to_string()).join("realisasi");
    let name = format!("{pk}.toml");
    std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .find(|e| e.file_name().to_string_lossy().to_lowercase() == name)
        .map_or_else(|| dir.join(&name), |e| e.path())
}

fn find_pk<'a>(report: &'a Report, year: i32, pk: &str) -> Result<&'a Pk, ImportError> {
    let Some(y) = report.years.get(&year) else {
        let years: Vec<String> = report.years.keys().map(i32::to_string).collect();
        return Err(ImportError::NoYear {
            year,
            years: years.join(", "),
        });
    };
    if y.unreadable_pks.contains(pk) {
        return Err(ImportError::BrokenTarget {
            path: PathBuf::from(format!("{year}/pk/{pk}.toml")),
            message: "the PK has errors".to_string(),
        });
    }
    y.pk(pk).ok_or_else(|| ImportError::NoPk {
        year,
        pk: pk.to_string(),
        pks: y
            .pks
            .iter()
            .map(|p| p.id.as_str())
            .collect::<Vec<_>>()
            .join(", "),
    })
}

// ---------------------------------------------------------------------------------------------
// Reading spreadsheets

/// A cell as read: spreadsheets keep numbers as numbers, CSV keeps text.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
}

impl Cell {
    fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.trim().to_string(),
            Cell::Number(n) => format!("{n}"),
        }
    }

    fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            Cell::Number(_) => false,
        }
    }
}

/// A row of a spreadsheet with its number as the spreadsheet program shows it (1-based).
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub number: usize,
    pub cells: Vec<Cell>,
}

/// Reads the first sheet of an XLSX (XLSM, XLS, ODS) file or a CSV file, by its extension.
pub fn read_rows(file: &Path) -> Result<Vec<Row>, ImportError> {
    read_sheet(file).map(|(rows, _)| rows)
}

/// The rows of a sheet, and the separator of a CSV file.
fn read_sheet(file: &Path) -> Result<(Vec<Row>, Option<u8>), ImportError> {
    let ext = file
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let fail = |message: String| ImportError::Spreadsheet {
        path: file.to_path_buf(),
        message,
    };
    match ext.as_str() {
        "csv" | "tsv" | "txt" => {
            let bytes = std::fs::read(file).map_err(|e| fail(e.to_string()))?;
            let text = String::from_utf8(bytes).map_err(|_| {
                fail("it is not UTF-8 text: save it as \"CSV UTF-8\" (Excel) or with the UTF-8 character set (LibreOffice)".to_string())
            })?;
            let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
            let separator = sniff_delimiter(text);
            csv_rows(text)
                .map(|rows| (rows, Some(separator)))
                .map_err(fail)
        }
        "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => {
            sheet_rows(file).map(|rows| (rows, None)).map_err(fail)
        }
        _ => Err(fail(format!(
            "`.{ext}` is not a spreadsheet capaian reads: save it as .xlsx or .csv"
        ))),
    }
}

fn csv_rows(text: &str) -> Result<Vec<Row>, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let delimiter = sniff_delimiter(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    // Spreadsheet rows count the blank lines, which the CSV reader skips (a record's position
    // is where the one before it ended), and not the line breaks inside a quoted cell.
    let mut row = 0usize;
    for record in reader.records() {
        let record = record.map_err(|e| format!("it is not valid CSV: {e}"))?;
        let from = record
            .position()
            .map_or(0, |p| p.byte() as usize)
            .min(text.len());
        let gap = &text[from..];
        let skipped = &gap[..gap.len() - gap.trim_start_matches(['\r', '\n']).len()];
        row += 1 + skipped.matches('\n').count();
        let cells = record
            .iter()
            .map(|f| {
                if f.trim().is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(f.to_string())
                }
            })
            .collect();
        rows.push(Row { number: row, cells });
    }
    Ok(rows)
}

/// `;` (what Excel writes where the decimal mark is a comma), tab or `,`: whichever the first
/// line has most of, outside quotes.
fn sniff_delimiter(text: &str) -> u8 {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut counts = [(b';', 0usize), (b'\t', 0), (b',', 0)];
    let mut quoted = false;
    for b in first.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted {
            for (d, n) in &mut counts {
                if b == *d {
                    *n += 1;
                }
            }
        }
    }
    counts
        .iter()
        .rev()
        .max_by_key(|(_, n)| *n)
        .filter(|(_, n)| *n > 0)
        .map_or(b',', |(d, _)| *d)
}

/// How a sheet writes its numbers, and what showed it.
#[derive(Clone, Debug, PartialEq)]
pub struct SheetNumbers {
    /// `None`: nothing in the sheet says, and a number such as `1.550` cannot be read.
    pub convention: Option<Convention>,
    pub evidence: Evidence,
}

/// What decided a sheet's convention.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Evidence {
    None,
    /// The editor said so (`--decimal`).
    Given,
    /// A CSV file's separator: `;` is what spreadsheets write where the decimal mark is a
    /// comma, `,` where it is a dot.
    Separator(char),
    /// A text cell only one convention reads: `92,5`, `1.250.000`, `92.5`, `1,250,000`.
    Cell {
        row: usize,
        column: usize,
        text: String,
    },
}

impl SheetNumbers {
    /// The convention of `rows`: the one given; else Indonesian where the separator is `;`
    /// or a cell is written the Indonesian way (comma decimals, dots grouping thousands);
    /// else English where the separator is `,` or a cell is written the English way; else
    /// none. Cells that are numbers in an XLSX or ODS file show nothing: they are numbers.
    pub fn of(rows: &[Row], separator: Option<u8>, given: Option<Convention>) -> SheetNumbers {
        if given.is_some() {
            return SheetNumbers {
                convention: given,
                evidence: Evidence::Given,
            };
        }
        let first_cell = |wanted: Convention| {
            rows.iter().find_map(|row| {
                row.cells
                    .iter()
                    .enumerate()
                    .find_map(|(column, cell)| match cell {
                        Cell::Text(text) if convention_of(text) == Some(wanted) => {
                            Some(Evidence::Cell {
                                row: row.number,
                                column,
                                text: text.trim().to_string(),
                            })
                        }
                        _ => None,
                    })
            })
        };
        let found = |convention: Convention, evidence: Evidence| SheetNumbers {
            convention: Some(convention),
            evidence,
        };
        if separator == Some(b';') {
            return found(Convention::Indonesian, Evidence::Separator(';'));
        }
        if let Some(evidence) = first_cell(Convention::Indonesian) {
            return found(Convention::Indonesian, evidence);
        }
        if separator == Some(b',') {
            return found(Convention::English, Evidence::Separator(','));
        }
        if let Some(evidence) = first_cell(Convention::English) {
            return found(Convention::English, evidence);
        }
        SheetNumbers {
            convention: None,
            evidence: Evidence::None,
        }
    }
}

/// `A`, `B`, …, `Z`, `AA`: a 0-based column as spreadsheet programs name it.
pub fn column_letters(column: usize) -> String {
    let mut n = column + 1;
    let mut letters = Vec::new();
    while n > 0 {
        letters.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

fn sheet_rows(file: &Path) -> Result<Vec<Row>, String> {
    use calamine::{Data, Reader, open_workbook_auto};
    let mut workbook = open_workbook_auto(file).map_err(|e| e.to_string())?;
    let range = workbook
        .worksheet_range_at(0)
        .ok_or_else(|| "the workbook has no sheet".to_string())?
        .map_err(|e| e.to_string())?;
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    let mut rows = Vec::new();
    for (i, cells) in range.rows().enumerate() {
        let mut row: Vec<Cell> = vec![Cell::Empty; first_col as usize];
        row.extend(cells.iter().map(|c| match c {
            Data::Empty => Cell::Empty,
            Data::Int(i) => Cell::Number(*i as f64),
            Data::Float(f) => Cell::Number(*f),
            Data::String(s) if s.trim().is_empty() => Cell::Empty,
            Data::String(s) => Cell::Text(s.clone()),
            other => Cell::Text(other.to_string()),
        }));
        rows.push(Row {
            number: first_row as usize + i + 1,
            cells: row,
        });
    }
    Ok(rows)
}

// ---------------------------------------------------------------------------------------------
// Checking rows

/// The columns of the form, by the names a header may give them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Column {
    Indicator,
    Quarter,
    Value,
    Source,
    Analysis,
    Reporter,
}

fn column_of(header: &str) -> Option<Column> {
    let name: String = header
        .trim()
        .trim_end_matches(['*', ':'])
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('_', " ");
    Some(match name.as_str() {
        "indikator" | "id indikator" | "kode indikator" | "indicator" => Column::Indicator,
        "triwulan" | "tw" | "quarter" => Column::Quarter,
        "nilai" | "realisasi" | "nilai realisasi" | "value" => Column::Value,
        "sumber" | "sumber data" | "bukti" | "source" => Column::Source,
        "analisis" | "analysis" => Column::Analysis,
        "pelapor" | "reporter" => Column::Reporter,
        _ => return None,
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ChangeKind {
    Add,
    Replace,
    Unchanged,
}

#[derive(Clone, Debug)]
struct Change {
    row: usize,
    kind: ChangeKind,
    indicator: String,
    quarter: Quarter,
    value: Value,
    /// The text the value was read from, when the cell was text (`1.550`).
    text: Option<String>,
    source: Option<String>,
    analysis: Option<String>,
    reporter: Option<String>,
}

/// The realisation file the rows go into.
struct Target<'a> {
    existing: &'a Realisations,
    text: &'a str,
    path: &'a Path,
    replace: bool,
}

struct Plan {
    changes: Vec<Change>,
    skipped: Vec<usize>,
}

/// Checks every row against the PK and the entries that exist; all the wrong rows, or what
/// to change.
fn plan(
    pk: &Pk,
    year: i32,
    target: &Target<'_>,
    rows: &[Row],
    officials: Option<&[&str]>,
    numbers: &SheetNumbers,
    language: Language,
) -> Result<Plan, Vec<RowError>> {
    let header_at = rows.iter().take(20).position(|r| {
        let columns: Vec<Column> = r
            .cells
            .iter()
            .filter_map(|c| column_of(&c.text()))
            .collect();
        [Column::Indicator, Column::Quarter, Column::Value]
            .iter()
            .all(|c| columns.contains(c))
    });
    let Some(header_at) = header_at else {
        let row = rows.first().map_or(1, |r| r.number);
        return Err(vec![RowError::new(
            language,
            row,
            say(
                language,
                "tidak ada baris judul kolom: baris pertama harus memuat kolom `indikator`, `triwulan` dan `nilai` (boleh juga `sumber`, `analisis`, `pelapor`)",
                "there is no header row: the first row must name the columns `indikator`, `triwulan` and `nilai` (and may name `sumber`, `analisis`, `pelapor`)",
            ),
        )]);
    };
    let header = &rows[header_at];
    let mut columns: BTreeMap<Column, usize> = BTreeMap::new();
    let mut errors = Vec::new();
    for (i, cell) in header.cells.iter().enumerate() {
        if let Some(column) = column_of(&cell.text())
            && columns.insert(column, i).is_some()
        {
            errors.push(RowError::new(
                language,
                header.number,
                say(
                    language,
                    format!("kolom `{}` ada dua kali", cell.text()),
                    format!("the column `{}` is there twice", cell.text()),
                ),
            ));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let cell = |row: &Row, column: Column| -> Cell {
        columns
            .get(&column)
            .and_then(|&i| row.cells.get(i))
            .cloned()
            .unwrap_or(Cell::Empty)
    };
    let value_column = columns[&Column::Value];
    let mut changes: Vec<Change> = Vec::new();
    let mut skipped = Vec::new();
    let mut seen: BTreeMap<(String, Quarter), usize> = BTreeMap::new();
    // Cells such as `1.550` that the sheet's convention would have to settle: one error for
    // the sheet, at the first of them.
    let mut ambiguous: Vec<(usize, String, f64, f64)> = Vec::new();
    for row in &rows[header_at + 1..] {
        if row.cells.iter().all(Cell::is_empty) {
            continue;
        }
        let filled = [Column::Value, Column::Source, Column::Analysis]
            .iter()
            .any(|&c| !cell(row, c).is_empty());
        if !filled {
            skipped.push(row.number);
            continue;
        }
        let mut fail = |message: String| errors.push(RowError::new(language, row.number, message));
        // Indicator.
        let id = cell(row, Column::Indicator).text().to_lowercase();
        let indicator = if id.is_empty() {
            fail(say(
                language,
                "kolom `indikator` kosong: tulis id indikator, misalnya `ipg`",
                "the column `indikator` is empty: write the indicator's id, `ipg` for example",
            ));
            None
        } else {
            match pk.indicators().find(|(_, i)| *i.id == id) {
                Some((_, i)) => Some(i),
                None => {
                    fail(unknown_indicator(pk, year, &id, language));
                    None
                }
            }
        };
        // Quarter.
        let quarter_cell = cell(row, Column::Quarter);
        let quarter = match parse_quarter(&quarter_cell) {
            Some(q) => Some(q),
            None if quarter_cell.is_empty() => {
                fail(say(
                    language,
                    "kolom `triwulan` kosong: tulis 1, 2, 3 atau 4",
                    "the column `triwulan` is empty: write 1, 2, 3 or 4",
                ));
                None
            }
            None => {
                fail(say(
                    language,
                    format!(
                        "triwulan `{}` tidak ada: tulis 1, 2, 3 atau 4",
                        quarter_cell.text()
                    ),
                    format!(
                        "there is no quarter `{}`: write 1, 2, 3 or 4",
                        quarter_cell.text()
                    ),
                ));
                None
            }
        };
        // Value.
        let value_cell = cell(row, Column::Value);
        let value = match indicator {
            Some(indicator) => {
                match parse_value(indicator, &value_cell, numbers.convention, language) {
                    Ok(v) => Some(v),
                    Err(ValueError::Message(message)) => {
                        fail(message);
                        None
                    }
                    Err(ValueError::Ambiguous {
                        indonesian,
                        english,
                    }) => {
                        ambiguous.push((row.number, value_cell.text(), indonesian, english));
                        None
                    }
                }
            }
            None => None,
        };
        // Reporter.
        let reporter =
            Some(cell(row, Column::Reporter).text().to_lowercase()).filter(|r| !r.is_empty());
        if let (Some(r), Some(officials)) = (&reporter, officials)
            && !officials.contains(&r.as_str())
        {
            let hint = format!(
                "; {}",
                meant_or_listed(
                    language,
                    r,
                    officials,
                    ("pejabat di site.toml", "the officials in site.toml"),
                )
            );
            fail(say(
                language,
                format!("pelapor `{r}` tidak ada di site.toml{hint}"),
                format!("there is no reporter `{r}` in site.toml{hint}"),
            ));
        }
        let (Some(indicator), Some(quarter), Some(value)) = (indicator, quarter, value) else {
            continue;
        };
        let key = (indicator.id.value.clone(), quarter);
        if let Some(first) = seen.insert(key.clone(), row.number) {
            fail(say(
                language,
                format!(
                    "realisasi `{}` triwulan {} sudah ada di baris {first}",
                    key.0,
                    quarter.number()
                ),
                format!(
                    "the realisation `{}` quarter {} is in row {first} already",
                    key.0,
                    quarter.number()
                ),
            ));
            continue;
        }
        let source = Some(cell(row, Column::Source).text()).filter(|s| !s.is_empty());
        let analysis = Some(analysis_text(&cell(row, Column::Analysis))).filter(|s| !s.is_empty());
        let current = target
            .existing
            .entries
            .iter()
            .find(|e| e.indicator.to_lowercase() == key.0 && *e.quarter == quarter);
        let kind = match current {
            None => ChangeKind::Add,
            Some(e) => {
                let same_text = |new: &Option<String>, old: &Option<String>| {
                    new.as_ref()
                        .is_none_or(|n| old.as_ref().is_some_and(|o| normalise(o) == normalise(n)))
                };
                let same = e.value.value == value
                    && same_text(&source, &e.source)
                    && same_text(&analysis, &e.analysis)
                    && reporter.as_ref().is_none_or(|r| {
                        e.reporter.as_ref().is_some_and(|o| o.to_lowercase() == *r)
                    });
                if same {
                    ChangeKind::Unchanged
                } else if target.replace {
                    ChangeKind::Replace
                } else {
                    let line = crate::model::line_col(target.text, e.value.span.start).0;
                    let file = target
                        .path
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    let old = value_literal(&e.value.value);
                    fail(say(
                        language,
                        format!(
                            "realisasi `{}` triwulan {} sudah ada dengan nilai {old} ({year}/realisasi/{file} baris {line}); beri --replace untuk menggantinya",
                            key.0,
                            quarter.number(),
                        ),
                        format!(
                            "the realisation `{}` quarter {} exists already with the value {old} ({year}/realisasi/{file} line {line}); give --replace to replace it",
                            key.0,
                            quarter.number(),
                        ),
                    ));
                    continue;
                }
            }
        };
        changes.push(Change {
            row: row.number,
            kind,
            indicator: key.0,
            quarter,
            value,
            text: match &value_cell {
                Cell::Text(t) => Some(t.trim().to_string()),
                _ => None,
            },
            source,
            analysis,
            reporter,
        });
    }
    if let Some((row, text, indonesian, english)) = ambiguous.first() {
        let others: Vec<String> = ambiguous[1..].iter().map(|a| a.0.to_string()).collect();
        let mut error = RowError::new(
            language,
            *row,
            ambiguous_message(text, *indonesian, *english, &others, language),
        );
        error.column = Some(format!(
            "{} ({})",
            column_letters(value_column),
            header.cells[value_column].text()
        ));
        let at = errors.partition_point(|e| e.row <= *row);
        errors.insert(at, error);
    }
    if errors.is_empty() {
        Ok(Plan { changes, skipped })
    } else {
        Err(errors)
    }
}

/// Why `text` cannot be read, and the ways out: write it unambiguously, or say the
/// convention.
fn ambiguous_message(
    text: &str,
    indonesian: f64,
    english: f64,
    others: &[String],
    language: Language,
) -> String {
    let mark = if text.contains('.') { '.' } else { ',' };
    // Written so that no sheet can misread it: whole numbers without separators, fractions
    // with the site's decimal mark and no grouping (`1,55`, or `1.55` in English).
    let plain = |n: f64| {
        let mut text = format!("{n}");
        // Three decimals would be ambiguous again (`123,456`): a fourth makes them a fraction.
        if text.split_once('.').is_some_and(|(_, f)| f.len() == 3) {
            text.push('0');
        }
        match language {
            Language::Indonesian => text.replace('.', ","),
            Language::English => text,
        }
    };
    let (as_id, as_en) = (plain(indonesian), plain(english));
    let others_id = if others.is_empty() {
        String::new()
    } else {
        format!(" (juga baris {})", others.join(", "))
    };
    let others_en = if others.is_empty() {
        String::new()
    } else {
        format!(" (rows {} too)", others.join(", "))
    };
    let (id_reading, en_reading) = if mark == '.' {
        (
            (
                "titik sebagai pemisah ribuan",
                "titik sebagai tanda desimal",
            ),
            ("the dot grouping thousands", "the dot as the decimal point"),
        )
    } else {
        (
            ("koma sebagai tanda desimal", "koma sebagai pemisah ribuan"),
            (
                "the comma as the decimal mark",
                "the comma grouping thousands",
            ),
        )
    };
    say(
        language,
        format!(
            "`{text}` bisa berarti {as_id} ({}, cara Indonesia) atau {as_en} ({}, cara Inggris), dan tidak ada angka lain di lembar ini yang menunjukkan caranya{others_id}. Tulis `{as_id}` atau `{as_en}`, atau nyatakan caranya: --decimal comma (1.550 = seribu lima ratus lima puluh) atau --decimal point (1.550 = 1,55)",
            id_reading.0, id_reading.1
        ),
        format!(
            "`{text}` could mean {as_id} ({}, the Indonesian way) or {as_en} ({}, the English way), and no other number in the sheet shows which{others_en}. Write `{as_id}` or `{as_en}`, or give the convention: --decimal comma (1.550 is one thousand five hundred and fifty) or --decimal point (1.550 is 1.55)",
            en_reading.0, en_reading.1
        ),
    )
}

/// How the sheet's convention settled values such as `1.550`, if it did.
fn read_by(numbers: &SheetNumbers, changes: &[Change], language: Language) -> Option<ReadBy> {
    let convention = numbers.convention?;
    let rows: Vec<usize> = changes
        .iter()
        .filter(|c| {
            c.text.as_deref().is_some_and(|t| {
                matches!(parse_number(t, None), Err(NumberError::Ambiguous { .. }))
            })
        })
        .map(|c| c.row)
        .collect();
    (!rows.is_empty()).then(|| ReadBy {
        convention,
        evidence: numbers.evidence.clone(),
        rows,
        language,
    })
}

/// The plausibility rules of `capaian check` on the imported values, with the file's other
/// entries and the indicator's targets and other years around them: the warnings about the
/// rows that add or replace a value.
fn plausibility(
    report: &Report,
    pk: &Pk,
    year: i32,
    existing: &Realisations,
    changes: &[Change],
) -> Vec<RowWarning> {
    use crate::plausibility::{IndicatorYear, indicator_concerns};
    let language = report.site.language;
    let report_date = report.report_date(crate::site::today());
    let numbers = crate::plausibility::numbers_by_indicator(report);
    let mut warnings = Vec::new();
    for (_, indicator) in pk.indicators() {
        let id = indicator.id.as_str();
        let imported: Vec<&Change> = changes.iter().filter(|c| c.indicator == id).collect();
        if indicator.is_ordinal() || !imported.iter().any(|c| c.kind != ChangeKind::Unchanged) {
            continue;
        }
        // `Some(row)` for a value this import writes; the others are already in the files,
        // where `capaian check` warns about them.
        let mut facts: IndicatorYear<'_, Option<usize>> =
            IndicatorYear::new(indicator, year, report_date, |_, _| (None, None));
        for q in Quarter::ALL {
            if let Some(c) = imported.iter().find(|c| c.quarter == q) {
                if let Value::Number(n) = c.value {
                    let at = (c.kind != ChangeKind::Unchanged).then_some(c.row);
                    facts.realisation(q, n, c.text.as_deref(), at);
                }
            } else if let Some(n) = existing
                .entries
                .iter()
                .find(|e| e.indicator.to_lowercase() == id && *e.quarter == q)
                .and_then(|e| e.value.as_number())
            {
                facts.realisation(q, n, None, None);
            }
        }
        facts.other_years = numbers
            .get(id)
            .map(|all| all.iter().copied().filter(|(y, _)| *y != year).collect())
            .unwrap_or_default();
        facts.renstra = report
            .renstra
            .as_ref()
            .and_then(|r| r.indicator(id))
            .and_then(|i| i.target(year));
        for concern in indicator_concerns(&facts) {
            if let Some(row) = *concern.at() {
                let said = concern.said(language);
                warnings.push(RowWarning {
                    row,
                    message: said.message,
                    help: said.help,
                    language,
                });
            }
        }
    }
    warnings.sort_by_key(|w| w.row);
    warnings
}

/// Line breaks and surrounding blank space do not make two texts different.
fn normalise(text: &str) -> String {
    text.replace("\r\n", "\n").trim().to_string()
}

fn analysis_text(cell: &Cell) -> String {
    match cell {
        Cell::Text(s) => normalise(s),
        other => other.text(),
    }
}

/// "did you mean `…`?" with the candidate nearest to `word`; when none is near, every
/// candidate after `listed` ("its indicators: a, b").
fn meant_or_listed(
    language: Language,
    word: &str,
    candidates: &[&str],
    (listed_id, listed_en): (&str, &str),
) -> String {
    match did_you_mean(word, candidates.iter().copied()) {
        Some(s) => say(
            language,
            format!("mungkin maksudnya `{s}`?"),
            format!("did you mean `{s}`?"),
        ),
        None => say(
            language,
            format!("{listed_id}: {}", candidates.join(", ")),
            format!("{listed_en}: {}", candidates.join(", ")),
        ),
    }
}

fn unknown_indicator(pk: &Pk, year: i32, id: &str, language: Language) -> String {
    let ids: Vec<&str> = pk.indicators().map(|(_, i)| i.id.as_str()).collect();
    let hint = meant_or_listed(language, id, &ids, ("indikatornya", "its indicators"));
    say(
        language,
        format!(
            "indikator `{id}` tidak ada dalam PK `{}` tahun {year}; {hint}",
            pk.id
        ),
        format!(
            "there is no indicator `{id}` in the PK `{}` of {year}; {hint}",
            pk.id
        ),
    )
}

/// `1`…`4`, `TW 2`, `Triwulan III`, `IV`.
fn parse_quarter(cell: &Cell) -> Option<Quarter> {
    match cell {
        Cell::Number(n) if n.fract() == 0.0 => Quarter::new(*n as i64),
        Cell::Number(_) | Cell::Empty => None,
        Cell::Text(s) => {
            let s = s.trim().to_lowercase();
            let s = s
                .strip_prefix("triwulan")
                .or_else(|| s.strip_prefix("tw"))
                .unwrap_or(&s)
                .trim()
                .trim_start_matches(['-', '.'])
                .trim();
            let n = match s {
                "i" => 1,
                "ii" => 2,
                "iii" => 3,
                "iv" => 4,
                _ => s.parse::<f64>().ok().filter(|n| n.fract() == 0.0)? as i64,
            };
            Quarter::new(n)
        }
    }
}

/// Why a `nilai` cell is not a value.
enum ValueError {
    Message(String),
    /// A number such as `1.550` that only the sheet's convention could settle.
    Ambiguous {
        indonesian: f64,
        english: f64,
    },
}

fn parse_value(
    indicator: &Indicator,
    cell: &Cell,
    convention: Option<Convention>,
    language: Language,
) -> Result<Value, ValueError> {
    let id = indicator.id.as_str();
    if cell.is_empty() {
        return Err(ValueError::Message(say(
            language,
            format!("kolom `nilai` kosong untuk `{id}`"),
            format!("the column `nilai` is empty for `{id}`"),
        )));
    }
    if let Some(scale) = &indicator.scale {
        let text = cell.text();
        return match scale
            .iter()
            .find(|w| w.to_lowercase() == text.to_lowercase())
        {
            Some(word) => Ok(Value::Word(word.clone())),
            None => {
                let hint = match did_you_mean(&text, scale.iter().map(String::as_str)) {
                    Some(s) => say(
                        language,
                        format!("mungkin maksudnya \"{s}\"? "),
                        format!("did you mean \"{s}\"? "),
                    ),
                    None => String::new(),
                };
                Err(ValueError::Message(say(
                    language,
                    format!(
                        "\"{text}\" bukan kata pada skala `{id}`; {hint}tulis salah satu dari: {}",
                        scale.join(", ")
                    ),
                    format!(
                        "\"{text}\" is not a word of the scale of `{id}`; {hint}write one of: {}",
                        scale.join(", ")
                    ),
                )))
            }
        };
    }
    // A spreadsheet's number cell is a number; text is read by the sheet's convention.
    let number = match cell {
        Cell::Number(n) => Ok(*n),
        other => parse_number(&other.text(), convention),
    };
    match number {
        Ok(n) if n.is_finite() => Ok(Value::Number(n)),
        Err(NumberError::Ambiguous {
            indonesian,
            english,
        }) => Err(ValueError::Ambiguous {
            indonesian,
            english,
        }),
        _ => Err(ValueError::Message(say(
            language,
            format!(
                "nilai `{}` untuk `{id}` bukan angka: tulis angka seperti 91,8 atau 91.8",
                cell.text()
            ),
            format!(
                "the value `{}` for `{id}` is not a number: write a number such as 91.8",
                cell.text()
            ),
        ))),
    }
}

/// How a sheet writes its numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Convention {
    /// `1.250.000,5`: dots (or spaces) group thousands, a comma is the decimal mark; what
    /// spreadsheets write in an Indonesian locale.
    Indonesian,
    /// `1,250,000.5`: commas (or spaces) group thousands, a dot is the decimal mark.
    English,
}

/// Why a text is not read as a number.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum NumberError {
    NotANumber,
    /// `1.550`, `12.000`, `1,550`: its separator groups thousands in one convention and is
    /// the decimal mark in the other, and nothing says which convention the sheet uses.
    Ambiguous {
        indonesian: f64,
        english: f64,
    },
}

/// Reads a number as a spreadsheet cell holds it: `91,8`, `1.250.000,50`, `1,250,000.50`,
/// `92.5`, `-12`, `Rp 1.250.000,-`, `92,5%`, `1 250 000` (spaces, no-break spaces or thin
/// spaces grouping thousands). A text that only one convention can read is read that way
/// whatever `convention` says; a text both conventions read differently (`1.550`) is read
/// by `convention`, and without one it is [`NumberError::Ambiguous`]. The one place import
/// reads a number from text.
pub fn parse_number(text: &str, convention: Option<Convention>) -> Result<f64, NumberError> {
    let (indonesian, english) = readings(text).ok_or(NumberError::NotANumber)?;
    match (indonesian, english) {
        (Some(a), Some(b)) if a == b => Ok(a),
        (Some(a), Some(b)) => match convention {
            Some(Convention::Indonesian) => Ok(a),
            Some(Convention::English) => Ok(b),
            None => Err(NumberError::Ambiguous {
                indonesian: a,
                english: b,
            }),
        },
        (Some(a), None) => Ok(a),
        (None, Some(b)) => Ok(b),
        (None, None) => Err(NumberError::NotANumber),
    }
}

/// The convention a text shows by itself: `92,5` and `1.250.000` are Indonesian, `92.5` and
/// `1,250,000` English; `1250`, `1.550` and words show none.
pub fn convention_of(text: &str) -> Option<Convention> {
    match readings(text)? {
        (Some(_), None) => Some(Convention::Indonesian),
        (None, Some(_)) => Some(Convention::English),
        _ => None,
    }
}

/// The text read the Indonesian way and the English way (each `None` where that convention
/// cannot read it); `None` when it is not a number at all.
fn readings(text: &str) -> Option<(Option<f64>, Option<f64>)> {
    let is_space = |c: char| c.is_whitespace() || matches!(c, '\u{a0}' | '\u{202f}' | '\u{2009}');
    let mut s = text.trim_matches(is_space);
    let mut negative = false;
    let mut sign = |s: &mut &str| {
        for minus in ["-", "\u{2212}", "+"] {
            if let Some(rest) = s.strip_prefix(minus) {
                negative = minus != "+";
                *s = rest.trim_start_matches(is_space);
                return true;
            }
        }
        false
    };
    let signed = sign(&mut s);
    // Rupiah: `Rp 1.250.000`, `Rp. 1.250.000,-`.
    if s.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("rp")) {
        s = s[2..].trim_start_matches('.').trim_start_matches(is_space);
        if !signed {
            sign(&mut s);
        }
        s = s
            .strip_suffix(",-")
            .or_else(|| s.strip_suffix(",--"))
            .unwrap_or(s);
    }
    let s = s.trim_end_matches(is_space);
    let s = s.strip_suffix('%').unwrap_or(s).trim_end_matches(is_space);
    if s.is_empty()
        || !s
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',' || is_space(c))
    {
        return None;
    }
    let body: String = s
        .chars()
        .map(|c| if is_space(c) { ' ' } else { c })
        .collect();
    let read = |grouping: char, decimal: char| -> Option<f64> {
        let (whole, fraction) = match body.split_once(decimal) {
            Some((w, f)) => (w, Some(f)),
            None => (body.as_str(), None),
        };
        if let Some(f) = fraction
            && (f.is_empty() || !f.chars().all(|c| c.is_ascii_digit()))
        {
            return None;
        }
        if whole.is_empty() && fraction.is_none() {
            return None;
        }
        if !whole.chars().all(|c| c.is_ascii_digit()) {
            // Thousands grouped by one kind of separator: `1.250.000`, `1 250 000`.
            let separator = if whole.contains(grouping) {
                grouping
            } else {
                ' '
            };
            if whole.contains(grouping) && whole.contains(' ') {
                return None;
            }
            let mut groups = whole.split(separator);
            let first = groups.next().unwrap_or("");
            let first_ok = (1..=3).contains(&first.len())
                && !first.starts_with('0')
                && first.chars().all(|c| c.is_ascii_digit());
            if !first_ok || !groups.all(|g| g.len() == 3 && g.chars().all(|c| c.is_ascii_digit())) {
                return None;
            }
        }
        let digits: String = whole.chars().filter(char::is_ascii_digit).collect();
        let number = format!(
            "{}{}.{}",
            if negative { "-" } else { "" },
            if digits.is_empty() { "0" } else { &digits },
            fraction.unwrap_or("0")
        );
        number.parse::<f64>().ok().filter(|n| n.is_finite())
    };
    Some((read('.', ','), read(',', '.')))
}

// ---------------------------------------------------------------------------------------------
// Editing the TOML text

/// The text of the realisation file with the changes made, checked by parsing it again. The
/// file is edited as a format-preserving TOML document (`toml_edit`): a replaced value keeps
/// its place, spacing and comment, a missing one follows the entry's last value, new entries
/// follow everything (comments at the end included); nothing else changes.
fn edit(
    text: &str,
    existing: &Realisations,
    changes: &[Change],
    year: i32,
    pk: &str,
    source_name: &str,
    language: Language,
) -> Result<String, String> {
    let crlf = text.contains("\r\n");
    let aligned = text.lines().any(|l| l.starts_with("triwulan  ="));
    let mut document: toml_edit::DocumentMut = text
        .parse()
        .map_err(|e: toml_edit::TomlError| e.message().trim().to_string())?;
    for change in changes.iter().filter(|c| c.kind == ChangeKind::Replace) {
        let entry = realisation_mut(&mut document, change).ok_or_else(|| {
            format!(
                "the entry `{}` triwulan {} was not found in the text",
                change.indicator,
                change.quarter.number()
            )
        })?;
        replace_entry(entry, change, aligned)?;
    }
    let added: Vec<&Change> = changes
        .iter()
        .filter(|c| c.kind == ChangeKind::Add)
        .collect();
    if !added.is_empty() {
        // What ends the file (the comments of a request form, say) stays before the new
        // entries, as when they were appended to the text.
        let mut before = document.trailing().as_str().unwrap_or("").to_string();
        document.set_trailing("");
        if text.trim().is_empty() {
            before = say(
                language,
                format!("# Realisasi Perjanjian Kinerja {year}: {pk}\n"),
                format!("# Realisations of the Perjanjian Kinerja {year}: {pk}\n"),
            );
        } else if !before.is_empty() && !before.ends_with('\n') {
            before.push('\n');
        }
        let mut tables = toml_edit::ArrayOfTables::new();
        for (i, change) in added.iter().enumerate() {
            let mut table = new_entry(change, aligned)?;
            let prefix = if i == 0 {
                let source = one_line(source_name);
                say(
                    language,
                    format!("{before}\n# Diimpor dari {source} (capaian import)\n\n"),
                    format!("{before}\n# Imported from {source} (capaian import)\n\n"),
                )
            } else {
                "\n".to_string()
            };
            table.decor_mut().set_prefix(prefix);
            // After every table of the file, in the order imported.
            table.set_position(Some(isize::MAX));
            tables.push(table);
        }
        match document.get_mut("realisasi") {
            Some(toml_edit::Item::ArrayOfTables(entries)) => entries.extend(tables),
            Some(_) => return Err("`realisasi` is not written as [[realisasi]] tables".into()),
            None => {
                document.insert("realisasi", toml_edit::Item::ArrayOfTables(tables));
            }
        }
    }
    let out = document.to_string();
    let out = if crlf {
        out.replace("\r\n", "\n").replace('\n', "\r\n")
    } else {
        out
    };
    verify(&out, existing, changes)?;
    Ok(out)
}

/// The `[[realisasi]]` table of the change's indicator (ids are case-insensitive) and quarter.
fn realisation_mut<'d>(
    document: &'d mut toml_edit::DocumentMut,
    change: &Change,
) -> Option<&'d mut toml_edit::Table> {
    let entries = document.get_mut("realisasi")?.as_array_of_tables_mut()?;
    entries.iter_mut().find(|entry| {
        entry
            .get("indikator")
            .and_then(|i| i.as_str())
            .is_some_and(|i| i.to_lowercase() == change.indicator)
            && entry.get("triwulan").and_then(|q| q.as_integer())
                == Some(i64::from(change.quarter.number()))
    })
}

/// A TOML value from the literal this module writes for it (`"…"`, `"""…"""`, a number).
fn literal_value(key: &str, literal: &str) -> Result<toml_edit::Value, String> {
    let mut value: toml_edit::Value = literal.parse().map_err(|e: toml_edit::TomlError| {
        format!("`{key}` would not be TOML ({})", e.message().trim())
    })?;
    value.decor_mut().set_prefix(" ");
    value.decor_mut().set_suffix("");
    Ok(value)
}

/// Inserts `key = value` at the end of `table`, indented like `indent` and aligned like the
/// file.
fn insert_value(
    table: &mut toml_edit::Table,
    key: &str,
    value: toml_edit::Value,
    indent: &str,
    aligned: bool,
) {
    table.insert(key, toml_edit::Item::Value(value));
    if let Some(mut k) = table.key_mut(key) {
        let padding = key_text(key, aligned).len() - key.len();
        k.leaf_decor_mut().set_prefix(indent);
        k.leaf_decor_mut().set_suffix(" ".repeat(padding + 1));
    }
}

/// Gives `entry` the change's values: each rewritten where it is (its spacing and comment
/// kept), the missing ones added after its last value.
fn replace_entry(
    entry: &mut toml_edit::Table,
    change: &Change,
    aligned: bool,
) -> Result<(), String> {
    let wanted = [
        ("nilai", Some(value_literal(&change.value))),
        ("sumber", change.source.as_deref().map(basic_string)),
        (
            "analisis",
            change.analysis.as_deref().map(multi_line_string),
        ),
        ("pelapor", change.reporter.as_deref().map(basic_string)),
    ];
    let indent = entry
        .key("nilai")
        .and_then(|k| k.leaf_decor().prefix())
        .and_then(|p| p.as_str())
        .unwrap_or("")
        .to_string();
    for (key, literal) in wanted {
        let Some(literal) = literal else { continue };
        let mut value = literal_value(key, &literal)?;
        match entry.get_mut(key) {
            Some(item) => {
                let old = item
                    .as_value()
                    .ok_or_else(|| format!("`{key}` is not a value"))?;
                *value.decor_mut() = old.decor().clone();
                *item = toml_edit::Item::Value(value);
            }
            None => insert_value(entry, key, value, &indent, aligned),
        }
    }
    Ok(())
}

/// A key padded to the width of `indikator` where the file aligns its `=` signs.
fn key_text(key: &str, aligned: bool) -> String {
    if aligned {
        format!("{key:<9}")
    } else {
        key.to_string()
    }
}

/// A new `[[realisasi]]` table for an added entry.
fn new_entry(change: &Change, aligned: bool) -> Result<toml_edit::Table, String> {
    let mut table = toml_edit::Table::new();
    let values = [
        ("indikator", Some(basic_string(&change.indicator))),
        ("triwulan", Some(change.quarter.number().to_string())),
        ("nilai", Some(value_literal(&change.value))),
        ("pelapor", change.reporter.as_deref().map(basic_string)),
        ("sumber", change.source.as_deref().map(basic_string)),
        (
            "analisis",
            change.analysis.as_deref().map(multi_line_string),
        ),
    ];
    for (key, literal) in values {
        if let Some(literal) = literal {
            insert_value(&mut table, key, literal_value(key, &literal)?, "", aligned);
        }
    }
    Ok(table)
}

fn value_literal(value: &Value) -> String {
    match value {
        Value::Number(n) => format!("{n}"),
        Value::Word(w) => basic_string(w),
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A TOML basic string: `"…"` with `\`, `"` and control characters escaped.
fn basic_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push('\t'),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\u{:04X}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A TOML multi-line basic string, `"""` on lines of their own as the demo writes analyses.
fn multi_line_string(text: &str) -> String {
    let text = normalise(text);
    let mut out = String::from("\"\"\"\n");
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' | '\t' => out.push(c),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\u{:04X}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push_str("\n\"\"\"");
    out
}

/// Parses the new text and checks that it holds exactly the intended entries: the changed
/// ones with their new values, every other one as it was.
fn verify(text: &str, before: &Realisations, changes: &[Change]) -> Result<(), String> {
    let after: Realisations = toml::from_str(text)
        .map_err(|e| format!("the edited file would not parse ({})", e.message().trim()))?;
    let key = |e: &crate::model::Realisation| (e.indicator.to_lowercase(), *e.quarter);
    let changed: BTreeMap<(String, Quarter), &Change> = changes
        .iter()
        .filter(|c| c.kind != ChangeKind::Unchanged)
        .map(|c| ((c.indicator.clone(), c.quarter), c))
        .collect();
    let added = changes.iter().filter(|c| c.kind == ChangeKind::Add).count();
    if after.entries.len() != before.entries.len() + added
        || after.spending.len() != before.spending.len()
    {
        return Err("the edited file would not have the expected entries".to_string());
    }
    let same_opt = |a: &Option<String>, b: &Option<String>| {
        a.as_deref().map(normalise) == b.as_deref().map(normalise)
    };
    for entry in &after.entries {
        let k = key(entry);
        match changed.get(&k) {
            Some(c) => {
                let ok = entry.value.value == c.value
                    && c.source.as_ref().is_none_or(|s| {
                        entry.source.as_deref().map(normalise) == Some(normalise(s))
                    })
                    && c.analysis.as_ref().is_none_or(|a| {
                        entry.analysis.as_deref().map(normalise) == Some(normalise(a))
                    })
                    && c.reporter.as_ref().is_none_or(|r| {
                        entry.reporter.as_ref().map(|x| x.to_lowercase()) == Some(r.clone())
                    });
                if !ok {
                    return Err(format!(
                        "`{}` triwulan {} would not read back as imported",
                        k.0,
                        k.1.number()
                    ));
                }
            }
            None => {
                let Some(old) = before.entries.iter().find(|e| key(e) == k) else {
                    return Err(format!(
                        "`{}` triwulan {} would appear from nowhere",
                        k.0,
                        k.1.number()
                    ));
                };
                let same = old.value.value == entry.value.value
                    && same_opt(&old.source, &entry.source)
                    && same_opt(&old.analysis, &entry.analysis)
                    && old.reporter.as_ref().map(|r| r.value.clone())
                        == entry.reporter.as_ref().map(|r| r.value.clone());
                if !same {
                    return Err(format!(
                        "`{}` triwulan {} would change although it was not imported",
                        k.0,
                        k.1.number()
                    ));
                }
            }
        }
    }
    Ok(())
}

/// Writes through a temporary file beside `path` and a rename: a reader (or `capaian serve`)
/// sees the old file or the new one, never half of one.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map_or("realisasi".into(), |n| n.to_string_lossy().into_owned());
    let temp = dir.join(format!(".{name}.capaian-import-{}", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

// ---------------------------------------------------------------------------------------------
// The form as XLSX

/// The columns [`export_form_xlsx`] writes: the form's first, then information for the editor
/// that `import` ignores.
pub const FORM_COLUMNS: [&str; 14] = [
    "indikator",
    "triwulan",
    "nilai",
    "sumber",
    "analisis",
    "pelapor",
    "cara mengisi nilai",
    "nama indikator",
    "satuan",
    "polaritas",
    "target",
    "target s.d. triwulan",
    "skala",
    "sasaran",
];

/// Writes the request form of SOP step 4 for `pk` in `year` as an XLSX file: one row per
/// indicator with its quarter, target and unit and empty `nilai`, `sumber` and `analisis`
/// (filled in where the entry exists already, so that importing it back changes nothing).
/// `quarter` picks the rows as `capaian form` does. Returns the number of rows.
pub fn export_form_xlsx(
    report: &Report,
    year: i32,
    pk: &str,
    quarter: FormQuarter,
    out: &Path,
) -> Result<usize, ImportError> {
    use rust_xlsxwriter::{Color, DataValidation, DataValidationRule, Format, Workbook};
    let pk_id = pk.trim().to_lowercase();
    let pk = find_pk(report, year, &pk_id)?;
    let existing = report.years[&year].realisations.get(&pk_id);
    let fail = |e: rust_xlsxwriter::XlsxError| ImportError::Write {
        path: out.to_path_buf(),
        message: e.to_string(),
    };

    let mut workbook = Workbook::new();
    let header = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xD9E1F2));
    let info_header = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xEDEDED));
    let info = Format::new().set_font_color(Color::RGB(0x595959));
    let wrap = Format::new().set_text_wrap();
    let wrap_info = info.clone().set_text_wrap();
    let language = report.site.language;
    let sheet = workbook.add_worksheet();
    sheet.set_name("Realisasi").map_err(fail)?;
    for (col, name) in FORM_COLUMNS.iter().enumerate() {
        let format = if col < 6 { &header } else { &info_header };
        sheet
            .write_string_with_format(0, col as u16, *name, format)
            .map_err(fail)?;
        let width = match *name {
            "analisis" | "nama indikator" | "sasaran" | "cara mengisi nilai" => 40.0,
            "sumber" => 30.0,
            "skala" | "target s.d. triwulan" => 24.0,
            _ => 12.0,
        };
        sheet.set_column_width(col as u16, width).map_err(fail)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(fail)?;
    let has = |indicator: &Indicator, q: Quarter| {
        existing.and_then(|r| {
            r.entries
                .iter()
                .find(|e| *e.indicator == *indicator.id && *e.quarter == q)
        })
    };
    let mut row: u32 = 0;
    for (goal, indicator) in pk.indicators() {
        // A quarter asked for by number is written even where it has an entry (prefilled,
        // so that importing the form back changes nothing).
        let q = match quarter {
            FormQuarter::Quarter(q) => q,
            FormQuarter::NextMissing => {
                match quarter.wanted(indicator, |q| has(indicator, q).is_some()) {
                    Some(q) => q,
                    None => continue,
                }
            }
        };
        row += 1;
        let entry = has(indicator, q);
        sheet
            .write_string(row, 0, indicator.id.as_str())
            .map_err(fail)?;
        sheet
            .write_number(row, 1, f64::from(q.number()))
            .map_err(fail)?;
        if let Some(e) = entry {
            match &e.value.value {
                Value::Number(n) => sheet.write_number(row, 2, *n).map_err(fail)?,
                Value::Word(w) => sheet.write_string(row, 2, w).map_err(fail)?,
            };
            if let Some(s) = &e.source {
                sheet.write_string(row, 3, s).map_err(fail)?;
            }
            if let Some(a) = &e.analysis {
                sheet
                    .write_string_with_format(row, 4, normalise(a), &wrap)
                    .map_err(fail)?;
            }
        }
        if let Some(reporter) = entry.and_then(|e| e.reporter.as_ref()) {
            sheet
                .write_string(row, 5, reporter.as_str())
                .map_err(fail)?;
        }
        let request = QuarterRequest::new(indicator, q, language);
        sheet
            .write_string_with_format(row, 6, request.line(q, language), &wrap_info)
            .map_err(fail)?;
        sheet
            .write_string_with_format(row, 7, &indicator.name, &info)
            .map_err(fail)?;
        sheet
            .write_string_with_format(row, 8, &indicator.unit, &info)
            .map_err(fail)?;
        let polarity = indicator.polarity.key();
        sheet
            .write_string_with_format(row, 9, polarity, &info)
            .map_err(fail)?;
        match indicator.year_target().unwrap_or_default() {
            crate::model::Target::Number(n) => sheet
                .write_number_with_format(row, 10, n, &info)
                .map_err(fail)?,
            crate::model::Target::Word(w) => sheet
                .write_string_with_format(row, 10, &w, &info)
                .map_err(fail)?,
            crate::model::Target::Range { min, max } => sheet
                .write_string_with_format(
                    row,
                    10,
                    target_text(&crate::model::Target::Range { min, max }, language),
                    &info,
                )
                .map_err(fail)?,
        };
        if let Some(t) = indicator.quarter_target(q) {
            sheet
                .write_number_with_format(row, 11, t, &info)
                .map_err(fail)?;
        }
        if let Some(scale) = &indicator.scale {
            sheet
                .write_string_with_format(row, 12, scale.join(" < "), &info)
                .map_err(fail)?;
            let words: Vec<&str> = scale.iter().map(String::as_str).collect();
            // Excel limits a list to 255 characters; a longer scale is checked on import only.
            if words.iter().map(|w| w.len() + 1).sum::<usize>() <= 255
                && let Ok(list) = DataValidation::new().allow_list_strings(&words)
            {
                sheet
                    .add_data_validation(row, 2, row, 2, &list)
                    .map_err(fail)?;
            }
        }
        sheet
            .write_string_with_format(row, 13, &goal.name, &info)
            .map_err(fail)?;
    }
    if row > 0 {
        let quarters = DataValidation::new()
            .allow_whole_number(DataValidationRule::Between(1, 4))
            .set_error_message("Triwulan 1, 2, 3 atau 4.")
            .map_err(fail)?;
        sheet
            .add_data_validation(1, 1, row, 1, &quarters)
            .map_err(fail)?;
    }
    let guide = workbook.add_worksheet();
    guide.set_name("Petunjuk").map_err(fail)?;
    guide.set_column_width(0, 100.0).map_err(fail)?;
    let lines = [
        say(
            language,
            format!(
                "Format realisasi capaian kinerja (SOP langkah 4): PK {}, tahun {year}",
                pk.id
            ),
            format!(
                "Realisation request form (SOP step 4): PK {}, year {year}",
                pk.id
            ),
        ),
        say(
            language,
            "Isi kolom nilai (dan sumber, analisis) pada lembar Realisasi; satu baris per indikator dan triwulan.",
            "Fill in the nilai column (and sumber, analisis) on the Realisasi sheet; one row per indicator and quarter.",
        ),
        say(
            language,
            "Kolom \"cara mengisi nilai\" mengatakan apakah nilai adalah nilai triwulan itu saja (akumulasi jumlah: bukan kumulatif) atau posisi akhir triwulan, dan target mana yang sepadan.",
            "The column \"cara mengisi nilai\" says whether nilai is that quarter's own value (accumulation jumlah: not cumulative) or the value as of the quarter's end, and which target it answers to.",
        ),
        say(
            language,
            "Tulis nilai sebagai angka. Angka yang ditulis sebagai teks dibaca menurut cara lembar ini: 1.250.000,5 (cara Indonesia) atau 1,250,000.5 (cara Inggris); 1.550 tanpa petunjuk lain ditolak karena bisa berarti 1550 atau 1,55. Indikator berskala (predikat) diisi dengan salah satu kata skalanya.",
            "Write nilai as numbers. A number written as text is read by this sheet's convention: 1.250.000,5 (Indonesian) or 1,250,000.5 (English); 1.550 with no other evidence is refused, as it could mean 1550 or 1.55. Indicators with a scale take one of its words.",
        ),
        say(
            language,
            "Kolom abu-abu hanya keterangan dan tidak dibaca kembali. Baris tanpa nilai dilewati.",
            "The grey columns are information only and are not read back. Rows without a value are skipped.",
        ),
        say(
            language,
            format!(
                "Lalu: capaian import --year {year} --pk {} <berkas ini>",
                pk.id
            ),
            format!(
                "Then: capaian import --year {year} --pk {} <this file>",
                pk.id
            ),
        ),
    ];
    for (i, line) in lines.iter().enumerate() {
        guide.write_string(i as u32, 0, line).map_err(fail)?;
    }
    let dir = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = out
        .file_name()
        .map_or("form.xlsx".into(), |n| n.to_string_lossy().into_owned());
    let temp = dir.join(format!(".{name}.capaian-{}.xlsx", std::process::id()));
    workbook.save(&temp).map_err(fail)?;
    std::fs::rename(&temp, out).map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        ImportError::Write {
            path: out.to_path_buf(),
            message: e.to_string(),
        }
    })?;
    Ok(row as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    use Convention::{English, Indonesian};

    fn ok(text: &str, convention: Option<Convention>) -> f64 {
        parse_number(text, convention).unwrap_or_else(|e| panic!("{text}: {e:?}"))
    }

    #[test]
    fn a_number_only_one_convention_reads_is_read_that_way_in_any_sheet() {
        for convention in [None, Some(Indonesian), Some(English)] {
            assert_eq!(ok("91,8", convention), 91.8);
            assert_eq!(ok("92.5", convention), 92.5);
            assert_eq!(ok(" 58,40 % ", convention), 58.4);
            assert_eq!(ok("92,5%", convention), 92.5);
            assert_eq!(ok("1.250.000", convention), 1_250_000.0);
            assert_eq!(ok("1.250.000,50", convention), 1_250_000.5);
            assert_eq!(ok("1,250,000.50", convention), 1_250_000.5);
            assert_eq!(ok("Rp 1.250.000", convention), 1_250_000.0);
            assert_eq!(ok("Rp. 1.250.000,-", convention), 1_250_000.0);
            assert_eq!(ok("rp1.250.000,75", convention), 1_250_000.75);
            assert_eq!(ok("-2", convention), -2.0);
            assert_eq!(ok("-1.250.000,5", convention), -1_250_000.5);
            assert_eq!(ok("\u{2212}3,5", convention), -3.5);
            assert_eq!(ok("-Rp 1.250.000", convention), -1_250_000.0);
            assert_eq!(ok("Rp -1.250.000", convention), -1_250_000.0);
            assert_eq!(ok("+7", convention), 7.0);
            assert_eq!(ok(",5", convention), 0.5);
            assert_eq!(ok("0,250", convention), 0.25, "no group starts with 0");
            assert_eq!(ok("0.500", convention), 0.5);
            assert_eq!(ok("1250", convention), 1250.0);
            assert_eq!(ok("1 250 000", convention), 1_250_000.0);
            assert_eq!(ok("1\u{a0}250\u{a0}000", convention), 1_250_000.0);
            assert_eq!(ok("1\u{202f}250,5", convention), 1250.5);
            assert_eq!(ok("1 250.5", convention), 1250.5);
            assert_eq!(ok("1000.000", convention), 1000.0);
        }
    }

    #[test]
    fn a_number_both_conventions_read_needs_the_sheets() {
        assert_eq!(
            parse_number("1.550", None),
            Err(NumberError::Ambiguous {
                indonesian: 1550.0,
                english: 1.55
            })
        );
        assert_eq!(
            parse_number("12.000", None),
            Err(NumberError::Ambiguous {
                indonesian: 12000.0,
                english: 12.0
            })
        );
        assert_eq!(
            parse_number("1,550", None),
            Err(NumberError::Ambiguous {
                indonesian: 1.55,
                english: 1550.0
            })
        );
        assert_eq!(
            parse_number("-12.000", None),
            Err(NumberError::Ambiguous {
                indonesian: -12000.0,
                english: -12.0
            })
        );
        assert_eq!(ok("12.000", Some(Indonesian)), 12000.0);
        assert_eq!(ok("12.000", Some(English)), 12.0);
        assert_eq!(ok("1,550", Some(Indonesian)), 1.55);
        assert_eq!(ok("1,550", Some(English)), 1550.0);
        assert_eq!(ok("Rp 12.000", Some(Indonesian)), 12000.0);
        assert_eq!(ok("-1.550%", Some(Indonesian)), -1550.0);
    }

    #[test]
    fn what_an_ambiguous_cell_suggests_reads_without_the_sheets_convention() {
        for text in [
            "1.550", "12.000", "1,550", "123.456", "-100,000", "Rp 1.500",
        ] {
            let Err(NumberError::Ambiguous {
                indonesian,
                english,
            }) = parse_number(text, None)
            else {
                panic!("{text} is ambiguous");
            };
            for language in [Language::Indonesian, Language::English] {
                let message = ambiguous_message(text, indonesian, english, &[], language);
                // The two numbers to write: the second and third `…` of the message.
                let quoted: Vec<&str> = message.split('`').skip(1).step_by(2).collect();
                assert_eq!(
                    [parse_number(quoted[1], None), parse_number(quoted[2], None)],
                    [Ok(indonesian), Ok(english)],
                    "{message}"
                );
            }
        }
        let message = ambiguous_message("123.456", 123456.0, 123.456, &[], Language::Indonesian);
        assert!(
            message.contains("Tulis `123456` atau `123,4560`"),
            "{message}"
        );
    }

    #[test]
    fn what_is_not_a_number() {
        for text in [
            "NaN",
            "inf",
            "1e5",
            "1.2.3,4,5",
            "12.34.5",
            "91,8a",
            "",
            "-",
            "%",
            "Rp",
            "12,",
            "1.25.000",
            "1 25 000",
            "1.250 000",
            "1,250.000,5",
            "sembilan",
        ] {
            assert_eq!(
                parse_number(text, None),
                Err(NumberError::NotANumber),
                "{text}"
            );
        }
    }

    #[test]
    fn what_a_text_shows_of_its_convention() {
        assert_eq!(convention_of("92,5"), Some(Indonesian));
        assert_eq!(convention_of("1.250.000"), Some(Indonesian));
        assert_eq!(convention_of("Rp 1.250.000,-"), Some(Indonesian));
        assert_eq!(convention_of("92.5"), Some(English));
        assert_eq!(convention_of("1,250,000"), Some(English));
        assert_eq!(convention_of("1.550"), None);
        assert_eq!(convention_of("1250"), None);
        assert_eq!(convention_of("1 250"), None);
        assert_eq!(convention_of("ipg"), None);
        assert_eq!(convention_of("Naik 2,5 persen"), None);
    }

    #[test]
    fn columns_are_named_as_spreadsheets_name_them() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(2), "C");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    #[test]
    fn a_sheets_convention_comes_from_its_separator_or_its_cells() {
        let rows = |cells: &[&str]| {
            vec![Row {
                number: 1,
                cells: cells.iter().map(|c| Cell::Text(c.to_string())).collect(),
            }]
        };
        let of = |cells: &[&str], separator: Option<u8>| {
            SheetNumbers::of(&rows(cells), separator, None).convention
        };
        assert_eq!(of(&["12.000"], Some(b';')), Some(Indonesian));
        assert_eq!(of(&["12.000"], Some(b',')), Some(English));
        assert_eq!(of(&["12.000", "92,5"], Some(b',')), Some(Indonesian));
        assert_eq!(of(&["12.000", "92.5"], Some(b'\t')), Some(English));
        assert_eq!(of(&["12.000", "92.5", "1,5"], None), Some(Indonesian));
        assert_eq!(of(&["12.000", "1250"], None), None);
        assert_eq!(
            SheetNumbers::of(&rows(&["ipg", "92,5"]), None, None).evidence,
            Evidence::Cell {
                row: 1,
                column: 1,
                text: "92,5".to_string()
            }
        );
        assert_eq!(
            SheetNumbers::of(&rows(&["92,5"]), Some(b','), Some(English)),
            SheetNumbers {
                convention: Some(English),
                evidence: Evidence::Given
            }
        );
    }

    #[test]
    fn quarters_as_editors_write_them() {
        let q = |s: &str| parse_quarter(&Cell::Text(s.to_string())).map(Quarter::number);
        assert_eq!(q("4"), Some(4));
        assert_eq!(q("TW 2"), Some(2));
        assert_eq!(q("Triwulan III"), Some(3));
        assert_eq!(q("iv"), Some(4));
        assert_eq!(q("5"), None);
        assert_eq!(
            parse_quarter(&Cell::Number(1.0)).map(Quarter::number),
            Some(1)
        );
        assert_eq!(parse_quarter(&Cell::Number(1.5)), None);
    }

    #[test]
    fn the_delimiter_is_sniffed_from_the_header() {
        assert_eq!(
            sniff_delimiter("indikator;triwulan;nilai\nipg;4;91,8\n"),
            b';'
        );
        assert_eq!(sniff_delimiter("indikator,triwulan,nilai\n"), b',');
        assert_eq!(sniff_delimiter("indikator\ttriwulan\tnilai\n"), b'\t');
        assert_eq!(sniff_delimiter("\"a;b\",c,d\n"), b',');
    }

    #[test]
    fn csv_rows_are_numbered_as_a_spreadsheet_shows_them() {
        let rows = csv_rows("a,b\n\nc,\"x\ny\"\nd,e\n").unwrap();
        let numbers: Vec<usize> = rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [1, 3, 4]);
    }

    #[test]
    fn strings_round_trip_through_toml() {
        for text in ["a \"b\" \\ c", "tab\there", "dua\nbaris", "\u{1}"] {
            let parsed: toml::Table =
                toml::from_str(&format!("x = {}", basic_string(text))).unwrap();
            assert_eq!(parsed["x"].as_str(), Some(text));
        }
        let parsed: toml::Table = toml::from_str(&format!(
            "x = {}",
            multi_line_string("Baris \"\"\" satu\n\nbaris dua\\")
        ))
        .unwrap();
        assert_eq!(
            parsed["x"].as_str(),
            Some("Baris \"\"\" satu\n\nbaris dua\\\n")
        );
    }

    fn change(kind: ChangeKind, indicator: &str, quarter: u8, value: f64) -> Change {
        Change {
            row: 2,
            kind,
            indicator: indicator.into(),
            quarter: Quarter::new(i64::from(quarter)).unwrap(),
            value: Value::Number(value),
            text: None,
            source: Some("BPS".into()),
            analysis: None,
            reporter: None,
        }
    }

    /// A replaced value keeps its comment, the missing `sumber` follows the entry's last value
    /// (indented like it); a new entry comes after everything, the [[anggaran]] tables and the
    /// comments that end the file (a request form's) included.
    #[test]
    fn the_document_is_edited_where_it_says_so_and_nothing_else_moves() {
        let text = "# Realisasi\n[[realisasi]]\n  indikator = \"IPG\"\n  triwulan = 1\n  nilai = 90.5 # sementara\n\n[[anggaran]]\nprogram = \"p1\"\ntriwulan = 1\nrealisasi = 100\n\n# [[realisasi]]\n# indikator = \"ipg\"\n# triwulan = 2\n";
        let existing: Realisations = toml::from_str(text).unwrap();
        let changes = [
            change(ChangeKind::Replace, "ipg", 1, 91.25),
            change(ChangeKind::Add, "ipg", 2, 92.0),
        ];
        let out = edit(
            text,
            &existing,
            &changes,
            2025,
            "kepala",
            "tw2.csv",
            Language::Indonesian,
        )
        .unwrap();
        assert_eq!(
            out,
            "# Realisasi\n[[realisasi]]\n  indikator = \"IPG\"\n  triwulan = 1\n  nilai = 91.25 # sementara\n  sumber = \"BPS\"\n\n[[anggaran]]\nprogram = \"p1\"\ntriwulan = 1\nrealisasi = 100\n\n# [[realisasi]]\n# indikator = \"ipg\"\n# triwulan = 2\n\n# Diimpor dari tw2.csv (capaian import)\n\n[[realisasi]]\nindikator = \"ipg\"\ntriwulan = 2\nnilai = 92\nsumber = \"BPS\"\n"
        );
    }

    #[test]
    fn a_near_name_is_suggested_else_every_name_is_listed() {
        let names = ["kepala", "kabid-pp"];
        let listed = ("pejabat di site.toml", "the officials in site.toml");
        for (language, word, hint) in [
            (Language::Indonesian, "kepal", "mungkin maksudnya `kepala`?"),
            (Language::English, "kepal", "did you mean `kepala`?"),
            (
                Language::Indonesian,
                "zzz",
                "pejabat di site.toml: kepala, kabid-pp",
            ),
            (
                Language::English,
                "zzz",
                "the officials in site.toml: kepala, kabid-pp",
            ),
        ] {
            assert_eq!(meant_or_listed(language, word, &names, listed), hint);
        }
    }
}
