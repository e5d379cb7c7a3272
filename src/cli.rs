//! The command line. Exit statuses: 0 done, 1 the report has errors (or warnings under
//! `--deny-warnings`), 2 usage or I/O trouble.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use crate::finding::say;
use crate::site::{BuildError, BuildOptions, Site};

mod help;

/// The command line as given, its help in the site's language (Indonesian unless the site's
/// `bahasa` or `CAPAIAN_LANG` is `en`); exits on `--help` and on a usage error, as clap does.
pub fn parse() -> Cli {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let language = help::language_of_args(&args);
    let command = help::localised(Cli::command(), language);
    let matches = command.get_matches_from(args);
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
}

#[derive(Debug, Parser)]
#[command(name = "capaian", version, about = "Builds a performance report site (LKjIP) from TOML files", long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check the content, compute the achievements and write the site.
    Build(BuildArgs),
    /// Check the content against the data spec and the SOP, without writing anything.
    Check(CheckArgs),
    /// Build, serve the site on http://127.0.0.1:1111/, rebuild on every change and reload
    /// the open pages; a failed rebuild keeps the last good site and shows the errors.
    Serve(ServeArgs),
    /// Build, then rebuild on every change, without serving.
    Watch(BuildArgs),
    /// Write a new report repository that builds at once (site.toml, the seed SOP, one year).
    New(NewArgs),
    /// Append realisations from a spreadsheet (CSV, XLSX, ODS) in the request-form layout:
    /// indikator, triwulan, nilai, sumber, analisis, pelapor.
    Import(ImportArgs),
    /// Build the site, then print the year's LKjIP (/<year>/cetak/) to a PDF with a headless
    /// Chromium found on this machine.
    Pdf(PdfArgs),
    /// Check a built site against the seal of each year (data/<year>.manifest.json): every
    /// output file; with --content every input file it was built from; with --pdf the
    /// manifest hash the printed PDF carries. Exit 0 when everything matches, 1 listing each
    /// difference.
    Verify(VerifyArgs),
    /// Install a git pre-commit hook that runs `capaian check` before every commit.
    InitHooks(ContentArgs),
    /// Append the realisation request form (SOP step 4) to <year>/realisasi/<pk>.toml:
    /// commented entries for each indicator still missing, never touching existing values.
    Form(FormArgs),
}

#[derive(Debug, Args)]
pub struct FormArgs {
    #[command(flatten)]
    pub content: ContentArgs,
    /// The budget year.
    #[arg(long)]
    pub year: i32,
    /// The PK's id (its file name in <year>/pk/).
    #[arg(long)]
    pub pk: String,
    /// The quarter to ask for [default: for each indicator, the earliest quarter without a
    /// realisation].
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=4))]
    pub triwulan: Option<u8>,
    /// Write the form as a spreadsheet to fill in (and `capaian import` back) instead of
    /// appending it to the TOML file.
    #[arg(long, value_name = "FILE.xlsx")]
    pub xlsx: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The built site to check.
    #[arg(long, value_name = "DIR", default_value = "output")]
    pub site: PathBuf,
    /// Also check the content folder the site was built from.
    #[arg(long, value_name = "DIR")]
    pub content: Option<PathBuf>,
    /// Also check that a printed PDF (capaian pdf) carries the seal of one of the years.
    #[arg(long, value_name = "FILE")]
    pub pdf: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct PdfArgs {
    #[command(flatten)]
    pub build: BuildArgs,
    /// The budget year to print.
    #[arg(long)]
    pub year: i32,
    /// The PDF to write [default: lkjip-<year>.pdf].
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The folder to create (must be empty or not exist).
    pub dir: PathBuf,
    /// The agency's full name (`opd.nama`).
    #[arg(long)]
    pub nama: Option<String>,
    /// Its abbreviation, e.g. DP3APPKB.
    #[arg(long)]
    pub singkatan: Option<String>,
    /// The city, regency or province, e.g. "Kota Tarakan".
    #[arg(long)]
    pub wilayah: Option<String>,
    /// The head of the agency's name, with titles.
    #[arg(long)]
    pub kepala: Option<String>,
    /// The head's NIP.
    #[arg(long)]
    pub nip: Option<String>,
    /// The head's position, e.g. "Kepala Dinas".
    #[arg(long)]
    pub jabatan: Option<String>,
    /// The first budget year [default: this year].
    #[arg(long)]
    pub tahun: Option<i32>,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    #[command(flatten)]
    pub content: ContentArgs,
    #[arg(long)]
    pub year: i32,
    /// The PK's id (its file name in <year>/pk/).
    #[arg(long)]
    pub pk: String,
    /// The spreadsheet: .csv (separator ; , or tab), .xlsx, .xls or .ods.
    pub file: PathBuf,
    /// Overwrite entries that exist already with the spreadsheet's values.
    #[arg(long)]
    pub replace: bool,
    /// Check every row and say what would change, without writing.
    #[arg(long)]
    pub dry_run: bool,
    /// How numbers written as text are read when the sheet does not show it: `comma`
    /// (1.250.000,5, the Indonesian way) or `point` (1,250,000.5).
    #[arg(long, value_enum)]
    pub decimal: Option<DecimalMark>,
}

/// The decimal mark of a sheet's numbers written as text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DecimalMark {
    /// 1.250.000,5: dots group thousands.
    Comma,
    /// 1,250,000.5: commas group thousands.
    Point,
}

#[derive(Debug, Args)]
pub struct ContentArgs {
    /// The content folder: site.toml, sop.toml, renstra.toml, pages/, one folder per year.
    #[arg(long, default_value = "content", value_name = "DIR")]
    pub content: PathBuf,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub build: BuildArgs,
    /// The port to listen on (0 picks a free one).
    #[arg(long, default_value_t = crate::serve::DEFAULT_PORT, value_name = "N")]
    pub port: u16,
    /// The address to listen on; the default serves this machine only.
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDR")]
    pub bind: std::net::IpAddr,
    /// A host name the server also answers to, besides localhost and the address it listens
    /// on (repeatable); requests naming any other host are refused.
    #[arg(long = "allow-host", value_name = "NAME")]
    pub allow_host: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum EditionArg {
    Internal,
    Public,
}

impl From<EditionArg> for crate::model::Edition {
    fn from(e: EditionArg) -> Self {
        match e {
            EditionArg::Internal => crate::model::Edition::Internal,
            EditionArg::Public => crate::model::Edition::Public,
        }
    }
}

/// How `check` prints its findings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// rustc-style text with the source line, on stderr.
    #[default]
    Human,
    /// One JSON document on stdout: {"errors", "warnings", "findings": [...]}.
    Json,
    /// GitHub Actions annotation lines (`::error file=…,line=…::…`) on stdout.
    Github,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub content: ContentArgs,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Treat warnings as errors: exit 1 when there is any finding.
    #[arg(long)]
    pub deny_warnings: bool,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub content: ContentArgs,
    /// Refuse to build when there are warnings (exit 1), as for errors.
    #[arg(long)]
    pub deny_warnings: bool,
    /// internal: every year, drafts marked, findings and process records; public: only the
    /// years the Kepala OPD has approved [default: `edisi` in site.toml, else internal].
    #[arg(long, value_enum)]
    pub edition: Option<EditionArg>,
    /// Where the site is written; replaced as a whole on success, untouched on failure.
    #[arg(long, default_value = "output", value_name = "DIR")]
    pub output: PathBuf,
    /// A theme folder (templates/, static/) overriding the built-in theme file by file
    /// [default: themes/<tema> beside the content folder, when present].
    #[arg(long, value_name = "DIR")]
    pub theme: Option<PathBuf>,
}

/// Exit statuses.
pub const OK: u8 = 0;
pub const FINDINGS: u8 = 1;
pub const TROUBLE: u8 = 2;

pub fn run(cli: Cli) -> ExitCode {
    let status = match cli.command {
        Command::Check(args) => check(&args),
        Command::InitHooks(args) => init_hooks(&args),
        Command::New(args) => new_repository(&args),
        Command::Pdf(args) => pdf(&args),
        Command::Verify(args) => verify(&args),
        Command::Import(args) => import(&args),
        Command::Serve(args) => serve(
            &args.build,
            Some((args.bind, args.port)),
            args.allow_host.clone(),
        ),
        Command::Watch(args) => serve(&args, None, Vec::new()),
        Command::Build(args) => build(&args),
        Command::Form(args) => form(&args),
    };
    ExitCode::from(status)
}

/// Loads and checks, printing every finding; `None` when the folder could not be read.
fn load_and_report(args: &ContentArgs, format: Format) -> Option<Site> {
    let site = match Site::load(&args.content) {
        Ok(site) => site,
        Err(e) => {
            eprintln!("error: {}", e.said(help::language_of(&args.content)));
            return None;
        }
    };
    match format {
        Format::Human => site.print_findings(),
        Format::Json => {
            let findings = site.located_findings();
            // The self-assessment against the LKE, per year; null when the data has errors.
            let evaluation = site.computed.as_ref().map(|computed| {
                crate::evaluation::assess_all(
                    &site.report,
                    Some(&site.sources),
                    computed,
                    site.report_date,
                )
            });
            let document = serde_json::json!({
                "errors": site.findings.errors(),
                "warnings": site.findings.warnings(),
                "findings": findings,
                "evaluasi": evaluation,
            });
            println!(
                "{}",
                serde_json::to_string_pretty(&document).unwrap_or_default()
            );
        }
        Format::Github => {
            for finding in site.located_findings() {
                println!("{}", github_annotation(&finding));
            }
        }
    }
    Some(site)
}

/// A GitHub Actions workflow command: `::error file=F,line=L,col=C,title=capaian::message`.
pub fn github_annotation(finding: &crate::finding::Located) -> String {
    let level = match finding.severity {
        crate::finding::Severity::Error => "error",
        crate::finding::Severity::Warning => "warning",
    };
    let escape_data = |s: &str| {
        s.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    };
    let escape_property = |s: &str| escape_data(s).replace(':', "%3A").replace(',', "%2C");
    let mut properties = Vec::new();
    if let Some(place) = &finding.place {
        properties.push(format!("file={}", escape_property(&place.path)));
        properties.push(format!("line={}", place.line));
        properties.push(format!("col={}", place.column));
    }
    properties.push("title=capaian".to_string());
    let mut message = finding.message.clone();
    if let Some(help) = &finding.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    format!(
        "::{level} {}::{}",
        properties.join(","),
        escape_data(&message)
    )
}

/// The exit status of a checked site.
fn status(site: &Site, deny_warnings: bool) -> u8 {
    if site.findings.has_errors() || (deny_warnings && site.findings.warnings() > 0) {
        FINDINGS
    } else {
        OK
    }
}

fn summary_line(site: &Site) -> String {
    let files = site.sources.iter().count();
    let (content, errors, warnings) = (
        site.content.display(),
        site.findings.errors(),
        site.findings.warnings(),
    );
    say(
        site.report.site.language,
        format!("{files} berkas di {content} diperiksa: {errors} kesalahan, {warnings} peringatan"),
        format!("checked {files} file(s) in {content}: {errors} error(s), {warnings} warning(s)"),
    )
}

fn check(args: &CheckArgs) -> u8 {
    let Some(site) = load_and_report(&args.content, args.format) else {
        return TROUBLE;
    };
    eprintln!("{}", summary_line(&site));
    status(&site, args.deny_warnings)
}

fn build(args: &BuildArgs) -> u8 {
    interrupt_cleans_up();
    let Some(site) = load_and_report(&args.content, Format::Human) else {
        return TROUBLE;
    };
    eprintln!("{}", summary_line(&site));
    let language = site.report.site.language;
    if status(&site, args.deny_warnings) != OK && !site.findings.has_errors() {
        let n = site.findings.warnings();
        eprintln!(
            "error: {}",
            say(
                language,
                format!(
                    "--deny-warnings: laporan mempunyai {n} peringatan; tidak ada yang ditulis"
                ),
                format!("--deny-warnings: the report has {n} warning(s); nothing was written"),
            )
        );
        return FINDINGS;
    }
    let edition = args.edition.map_or(site.report.site.edition, Into::into);
    let (site, left_out) = site.edition(edition);
    for year in left_out {
        eprintln!("{}", site.left_out_note(year));
    }
    if let Some(note) = site.nothing_public_note() {
        eprintln!("{note}");
    }
    let options = BuildOptions {
        output: args.output.clone(),
        theme: args.theme.clone(),
    };
    match site.build(&options) {
        Ok(summary) => {
            let (pages, files, kib, output, seconds) = (
                summary.pages,
                summary.files,
                summary.bytes / 1024,
                args.output.display(),
                summary.elapsed.as_secs_f64(),
            );
            eprintln!(
                "{}",
                say(
                    language,
                    format!(
                        "{pages} halaman, {files} berkas ({kib} KiB) dibangun ke {output} dalam {seconds:.2} detik"
                    ),
                    format!(
                        "built {pages} page(s), {files} file(s) ({kib} KiB) into {output} in {seconds:.2} s"
                    ),
                )
            );
            OK
        }
        Err(BuildError::Invalid(n)) => {
            let output = args.output.display();
            eprintln!(
                "error: {}",
                say(
                    language,
                    format!(
                        "laporan mempunyai {n} kesalahan; perbaiki lalu bangun lagi (situs sebelumnya di {output} tidak disentuh)"
                    ),
                    format!(
                        "the report has {n} error(s); fix them and build again (the previous site in {output} is untouched)"
                    ),
                )
            );
            FINDINGS
        }
        Err(BuildError::Render(e)) => {
            eprintln!("error: {e}");
            FINDINGS
        }
        Err(BuildError::Write(e)) if e.site_in_place() => {
            eprintln!("warning: {e}");
            OK
        }
        Err(e) => {
            eprintln!("error: {e}");
            TROUBLE
        }
    }
}

/// Ctrl-C or SIGTERM during a build or a print deletes what it was writing (and stops the
/// browser) before exiting; see [`crate::write::interrupt`].
fn interrupt_cleans_up() {
    if let Err(e) = crate::write::interrupt::install_handler() {
        eprintln!("warning: cannot install the Ctrl-C handler: {e}");
    }
}

fn form(args: &FormArgs) -> u8 {
    use crate::form::{FormQuarter, append, form};
    let loaded = match crate::load::load(&args.content.content) {
        Ok(loaded) => loaded,
        Err(e) => {
            eprintln!(
                "error: {}",
                e.said(help::language_of(&args.content.content))
            );
            return TROUBLE;
        }
    };
    let language = loaded.report.site.language;
    let Some(year) = loaded.report.years.get(&args.year) else {
        let years: Vec<String> = loaded.report.years.keys().map(i32::to_string).collect();
        let (year, content, years) = (args.year, args.content.content.display(), years.join(", "));
        eprintln!(
            "error: {}",
            say(
                language,
                format!("tidak ada tahun {year} di {content}; tahun-tahunnya: {years}"),
                format!("there is no year {year} in {content}; the years are: {years}"),
            )
        );
        return FINDINGS;
    };
    let id = args.pk.to_lowercase();
    let Some(pk) = year.pk(&id) else {
        let pks: Vec<&str> = year.pks.iter().map(|p| p.id.as_str()).collect();
        let (year, pks) = (args.year, pks.join(", "));
        eprintln!(
            "error: {}",
            say(
                language,
                format!("tidak ada PK `{id}` pada {year}; yang ada: {pks}"),
                format!("there is no PK `{id}` in {year}; it has: {pks}"),
            )
        );
        return FINDINGS;
    };
    let quarter = match args
        .triwulan
        .and_then(|q| crate::model::Quarter::new(i64::from(q)))
    {
        Some(q) => FormQuarter::Quarter(q),
        None => FormQuarter::NextMissing,
    };
    if let Some(out) = &args.xlsx {
        return match crate::import::export_form_xlsx(&loaded.report, args.year, &id, quarter, out) {
            Ok(rows) => {
                let (out, year) = (out.display(), args.year);
                eprintln!(
                    "{}",
                    say(
                        language,
                        format!(
                            "formulir `{id}` ({rows} baris) ditulis ke {out}: isi, lalu `capaian import --year {year} --pk {id} {out}`"
                        ),
                        format!(
                            "wrote the form for `{id}` ({rows} row(s)) to {out}: fill it in, then `capaian import --year {year} --pk {id} {out}`"
                        ),
                    )
                );
                OK
            }
            Err(e) => {
                eprintln!("error: {}", e.said(language));
                e.exit_status()
            }
        };
    }
    let written = form(
        year,
        pk,
        year.realisations.get(&id),
        quarter,
        &args.content.content,
        loaded.report.site.language,
    );
    let path = written.path.display();
    if written.entries == 0 {
        eprintln!(
            "{}",
            say(
                language,
                format!(
                    "tidak ada yang perlu diminta: setiap indikator `{id}` sudah mempunyai realisasi itu (atau entri formulir yang belum diisi) di {path}"
                ),
                format!(
                    "nothing to ask: every indicator of `{id}` already has that realisation (or an unfilled form entry) in {path}"
                ),
            )
        );
        return OK;
    }
    if let Err(e) = append(&written) {
        eprintln!(
            "error: {}",
            say(
                language,
                format!("tidak dapat menulis {path}: {e}"),
                format!("cannot write {path}: {e}"),
            )
        );
        return TROUBLE;
    }
    let n = written.entries;
    eprintln!(
        "{}",
        say(
            language,
            format!(
                "{n} entri formulir ditambahkan ke {path}: isi `nilai` (juga `sumber`, `analisis`) dan hapus `# ` di depan setiap entri"
            ),
            format!(
                "appended {n} form entr{} to {path}: fill in `nilai` (and `sumber`, `analisis`) and remove the `# ` in front of each entry",
                if n == 1 { "y" } else { "ies" },
            ),
        )
    );
    OK
}

/// The pre-commit hook `init-hooks` installs.
pub fn pre_commit_hook(content: &std::path::Path) -> String {
    format!(
        "#!/bin/sh\n# Installed by `capaian init-hooks`: refuse a commit whose report has errors.\n# Skip once with `git commit --no-verify`.\nexec capaian check --content '{}'\n",
        content.display().to_string().replace('\'', "'\\''")
    )
}

fn init_hooks(args: &ContentArgs) -> u8 {
    let language = help::language_of(&args.content);
    let output = std::process::Command::new("git")
        .args(["rev-parse", "--git-path", "hooks"])
        .current_dir(if args.content.is_dir() {
            args.content.as_path()
        } else {
            std::path::Path::new(".")
        })
        .output();
    let hooks = match output {
        Ok(out) if out.status.success() => {
            let dir = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
            if dir.is_absolute() || !args.content.is_dir() {
                dir
            } else {
                args.content.join(dir)
            }
        }
        _ => {
            let content = args.content.display();
            eprintln!(
                "error: {}",
                say(
                    language,
                    format!(
                        "{content} tidak berada di dalam repositori git (jalankan `git init` dulu), atau git belum terpasang"
                    ),
                    format!(
                        "{content} is not inside a git repository (run `git init` first), or git is not installed"
                    ),
                )
            );
            return TROUBLE;
        }
    };
    let path = hooks.join("pre-commit");
    if path.exists() {
        let (path, content) = (path.display(), args.content.display());
        eprintln!(
            "error: {}",
            say(
                language,
                format!(
                    "{path} sudah ada; tambahkan baris ini ke dalamnya:\n  capaian check --content {content}"
                ),
                format!(
                    "{path} exists already; add this line to it instead:\n  capaian check --content {content}"
                ),
            )
        );
        return TROUBLE;
    }
    let repo_root = std::process::Command::new("git")
        .args(["rev-parse", "--show-toplevel"])
        .current_dir(if args.content.is_dir() {
            args.content.as_path()
        } else {
            std::path::Path::new(".")
        })
        .output()
        .ok()
        .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()));
    // The hook runs at the repository's top; name the content folder from there.
    let content = match (repo_root, args.content.canonicalize()) {
        (Some(root), Ok(abs)) => abs.strip_prefix(&root).map(PathBuf::from).unwrap_or(abs),
        _ => args.content.clone(),
    };
    let written = std::fs::create_dir_all(&hooks)
        .and_then(|_| std::fs::write(&path, pre_commit_hook(&content)));
    if let Err(e) = written {
        let path = path.display();
        eprintln!(
            "error: {}",
            say(
                language,
                format!("tidak dapat menulis {path}: {e}"),
                format!("cannot write {path}: {e}"),
            )
        );
        return TROUBLE;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755));
    }
    let (path, content) = (path.display(), content.display());
    eprintln!(
        "{}",
        say(
            language,
            format!(
                "{path} terpasang: setiap commit kini menjalankan `capaian check --content {content}`"
            ),
            format!("installed {path}: every commit now runs `capaian check --content {content}`"),
        )
    );
    OK
}

fn serve(
    args: &BuildArgs,
    listen: Option<(std::net::IpAddr, u16)>,
    allowed_hosts: Vec<String>,
) -> u8 {
    let (bind, port) = listen.unwrap_or((std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST), 0));
    let options = crate::serve::ServeOptions {
        content: args.content.content.clone(),
        output: args.output.clone(),
        theme: args.theme.clone(),
        bind,
        port,
        serve_http: listen.is_some(),
        edition: args.edition.map(Into::into),
        deny_warnings: args.deny_warnings,
        allowed_hosts,
    };
    match crate::serve::run(options) {
        Ok(()) => OK,
        Err(e) => {
            eprintln!("error: {e:#}");
            TROUBLE
        }
    }
}

fn new_repository(args: &NewArgs) -> u8 {
    let mut agency = crate::scaffold::AgencyArgs::default();
    for (value, field) in [
        (&args.nama, &mut agency.name),
        (&args.singkatan, &mut agency.short_name),
        (&args.wilayah, &mut agency.region),
        (&args.kepala, &mut agency.head_name),
        (&args.jabatan, &mut agency.head_title),
    ] {
        if let Some(value) = value {
            *field = value.clone();
        }
    }
    agency.head_nip = args.nip.clone();
    let year = args
        .tahun
        .unwrap_or_else(|| i32::from(crate::site::today().year()));
    match crate::scaffold::new_repository(&args.dir, &agency, year) {
        Ok(files) => {
            let language = help::language_of(&args.dir.join("content"));
            let (n, dir) = (files.len(), args.dir.display());
            eprintln!(
                "{}",
                say(
                    language,
                    format!(
                        "{n} berkas ditulis ke {dir}; berikutnya:\n  cd {dir}\n  capaian serve"
                    ),
                    format!("wrote {n} file(s) into {dir}; next:\n  cd {dir}\n  capaian serve"),
                )
            );
            OK
        }
        Err(e) => {
            let language = help::language_of(&args.dir.join("content"));
            eprintln!("error: {}", e.said(language));
            TROUBLE
        }
    }
}

fn import(args: &ImportArgs) -> u8 {
    let request = crate::import::ImportRequest {
        year: args.year,
        pk: &args.pk,
        file: &args.file,
        replace: args.replace,
        dry_run: args.dry_run,
        convention: args.decimal.map(|d| match d {
            DecimalMark::Comma => crate::import::Convention::Indonesian,
            DecimalMark::Point => crate::import::Convention::English,
        }),
    };
    match crate::import::import(&args.content.content, &request) {
        Ok(outcome) => {
            let language = help::language_of(&args.content.content);
            let (added, replaced, path, unchanged, skipped) = (
                outcome.added.len(),
                outcome.replaced.len(),
                outcome.path.display(),
                outcome.unchanged.len(),
                outcome.skipped.len(),
            );
            let line = match (language, args.dry_run) {
                (crate::model::Language::Indonesian, true) => format!(
                    "akan menambah {added} dan mengganti {replaced} realisasi di {path}; {unchanged} baris tidak berubah, {skipped} baris tidak diisi"
                ),
                (crate::model::Language::Indonesian, false) => format!(
                    "{added} realisasi ditambahkan dan {replaced} diganti di {path}; {unchanged} baris tidak berubah, {skipped} baris tidak diisi"
                ),
                (crate::model::Language::English, true) => format!(
                    "would add {added} and replace {replaced} realisation(s) in {path}; {unchanged} row(s) unchanged, {skipped} row(s) not filled in"
                ),
                (crate::model::Language::English, false) => format!(
                    "added {added} and replaced {replaced} realisation(s) in {path}; {unchanged} row(s) unchanged, {skipped} row(s) not filled in"
                ),
            };
            eprintln!("{line}");
            if let Some(read_by) = &outcome.read_by {
                eprintln!("{}: {read_by}", say(language, "catatan", "note"));
            }
            for warning in &outcome.warnings {
                eprintln!("warning: {warning}");
            }
            OK
        }
        Err(crate::import::ImportError::Rows { path, rows }) => {
            let language = rows.first().map(|r| r.language).unwrap_or_default();
            eprintln!(
                "error: {}",
                crate::finding::say(
                    language,
                    format!(
                        "{} baris salah di `{}`; tidak ada yang ditulis",
                        rows.len(),
                        path.display()
                    ),
                    format!(
                        "{} wrong row(s) in `{}`; nothing was written",
                        rows.len(),
                        path.display()
                    ),
                )
            );
            for row in rows {
                eprintln!("  {row}");
            }
            FINDINGS
        }
        Err(e) => {
            eprintln!(
                "error: {}",
                e.said(help::language_of(&args.content.content))
            );
            e.exit_status()
        }
    }
}

fn verify(args: &VerifyArgs) -> u8 {
    let manifests = crate::seal::manifests(&args.site);
    if manifests.is_empty() {
        eprintln!(
            "error: `{}` holds no manifest (data/<year>.manifest.json): give the folder `capaian build` wrote with --site",
            args.site.display()
        );
        return TROUBLE;
    }
    let pdf_text = match &args.pdf {
        None => None,
        Some(pdf) => match crate::seal::pdf_text(pdf) {
            Ok(text) => Some((pdf.as_path(), text)),
            Err(e) => {
                eprintln!("error: {e}");
                return TROUBLE;
            }
        },
    };
    let differences = crate::seal::verify(
        &args.site,
        args.content.as_deref(),
        pdf_text.as_ref().map(|(p, t)| (*p, t.as_str())),
    );
    let years: Vec<String> = manifests.iter().map(|(y, _)| y.to_string()).collect();
    if differences.is_empty() {
        eprintln!(
            "verified: {} matches the seal of {}{}{}",
            args.site.display(),
            years.join(", "),
            if args.content.is_some() {
                ", with its content"
            } else {
                ""
            },
            if args.pdf.is_some() {
                ", and the PDF carries it"
            } else {
                ""
            }
        );
        return OK;
    }
    for d in &differences {
        println!("{d}");
    }
    eprintln!(
        "error: {} difference(s) from the seal: the site, its content or the PDF is not what was built",
        differences.len()
    );
    FINDINGS
}

fn pdf(args: &PdfArgs) -> u8 {
    interrupt_cleans_up();
    let Some(site) = load_and_report(&args.build.content, Format::Human) else {
        return TROUBLE;
    };
    eprintln!("{}", summary_line(&site));
    let language = site.report.site.language;
    if site.findings.has_errors() {
        let n = site.findings.errors();
        eprintln!(
            "error: {}",
            say(
                language,
                format!("laporan mempunyai {n} kesalahan; perbaiki lalu cetak lagi"),
                format!("the report has {n} error(s); fix them and print again"),
            )
        );
        return FINDINGS;
    }
    let edition = args
        .build
        .edition
        .map_or(site.report.site.edition, Into::into);
    let (site, _) = site.edition(edition);
    let options = BuildOptions {
        output: args.build.output.clone(),
        theme: args.build.theme.clone(),
    };
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("lkjip-{}.pdf", args.year)));
    match crate::pdf::print_year(&site, &options, args.year, &out) {
        Ok(summary) => {
            let (pages, path, seconds) = (
                summary.pages,
                summary.path.display(),
                summary.elapsed.as_secs_f64(),
            );
            eprintln!(
                "{}",
                say(
                    language,
                    format!("{pages} halaman dicetak ke {path} dalam {seconds:.1} detik"),
                    format!("printed {pages} page(s) to {path} in {seconds:.1} s"),
                )
            );
            OK
        }
        Err(crate::pdf::PdfError::Build(BuildError::Invalid(n))) => {
            eprintln!(
                "error: {}",
                say(
                    language,
                    format!("laporan mempunyai {n} kesalahan"),
                    format!("the report has {n} error(s)"),
                )
            );
            FINDINGS
        }
        Err(e @ crate::pdf::PdfError::NoYear { .. }) => {
            eprintln!("error: {e}");
            FINDINGS
        }
        Err(e) => {
            eprintln!("error: {e}");
            TROUBLE
        }
    }
}
