//! The command line: `capaian build` and `capaian check`. Exit statuses: 0 done, 1 the report
//! has errors, 2 usage or I/O trouble.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use annotate_snippets::Renderer;
use clap::{Args, Parser, Subcommand};

use crate::site::{BuildError, BuildOptions, Site};

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
    Check(ContentArgs),
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
}

#[derive(Debug, Args)]
pub struct ContentArgs {
    /// The content folder: site.toml, sop.toml, renstra.toml, pages/, one folder per year.
    #[arg(long, default_value = "content", value_name = "DIR")]
    pub content: PathBuf,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub content: ContentArgs,
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
        Command::Build(args) => build(&args),
        Command::Form(args) => form(&args),
    };
    ExitCode::from(status)
}

/// Loads and checks, printing every finding; `None` when the folder could not be read.
fn load_and_report(args: &ContentArgs) -> Option<Site> {
    let site = match Site::load(&args.content) {
        Ok(site) => site,
        Err(e) => {
            eprintln!("error: {e}");
            return None;
        }
    };
    let renderer = if anstream::stderr().is_terminal() { Renderer::styled() } else { Renderer::plain() };
    let mut err = anstream::stderr().lock();
    for finding in &site.findings.list {
        let _ = writeln!(err, "{}\n", finding.render(&site.sources, &renderer));
    }
    Some(site)
}

fn summary_line(site: &Site) -> String {
    let files = site.sources.iter().count();
    format!(
        "checked {files} file(s) in {}: {} error(s), {} warning(s)",
        site.content.display(),
        site.findings.errors(),
        site.findings.warnings()
    )
}

fn check(args: &ContentArgs) -> u8 {
    let Some(site) = load_and_report(args) else { return TROUBLE };
    eprintln!("{}", summary_line(&site));
    if site.findings.has_errors() { FINDINGS } else { OK }
}

fn build(args: &BuildArgs) -> u8 {
    let Some(site) = load_and_report(&args.content) else { return TROUBLE };
    eprintln!("{}", summary_line(&site));
    let options = BuildOptions { output: args.output.clone(), theme: args.theme.clone() };
    match site.build(&options) {
        Ok(summary) => {
            eprintln!(
                "built {} page(s), {} file(s) ({} KiB) into {} in {:.2} s",
                summary.pages,
                summary.files,
                summary.bytes / 1024,
                args.output.display(),
                summary.elapsed.as_secs_f64()
            );
            OK
        }
        Err(BuildError::Invalid(n)) => {
            eprintln!("error: the report has {n} error(s); fix them and build again (the previous site in {} is untouched)", args.output.display());
            FINDINGS
        }
        Err(BuildError::Render(e)) => {
            eprintln!("error: {e}");
            FINDINGS
        }
        Err(e) => {
            eprintln!("error: {e}");
            TROUBLE
        }
    }
}

fn form(args: &FormArgs) -> u8 {
    use crate::form::{FormQuarter, append, form};
    let loaded = match crate::load::load(&args.content.content) {
        Ok(loaded) => loaded,
        Err(e) => {
            eprintln!("error: {e}");
            return TROUBLE;
        }
    };
    let Some(year) = loaded.report.years.get(&args.year) else {
        let years: Vec<String> = loaded.report.years.keys().map(i32::to_string).collect();
        eprintln!("error: there is no year {} in {}; the years are: {}", args.year, args.content.content.display(), years.join(", "));
        return FINDINGS;
    };
    let id = args.pk.to_lowercase();
    let Some(pk) = year.pk(&id) else {
        let pks: Vec<&str> = year.pks.iter().map(|p| p.id.as_str()).collect();
        eprintln!("error: there is no PK `{id}` in {}; it has: {}", args.year, pks.join(", "));
        return FINDINGS;
    };
    let quarter = match args.triwulan.and_then(|q| crate::model::Quarter::new(i64::from(q))) {
        Some(q) => FormQuarter::Quarter(q),
        None => FormQuarter::NextMissing,
    };
    let written = form(year, pk, year.realisations.get(&id), quarter, &args.content.content);
    if written.entries == 0 {
        eprintln!("nothing to ask: every indicator of `{id}` already has that realisation (or an unfilled form entry) in {}", written.path.display());
        return OK;
    }
    if let Err(e) = append(&written) {
        eprintln!("error: cannot write {}: {e}", written.path.display());
        return TROUBLE;
    }
    eprintln!(
        "appended {} form entr{} to {}: fill in `nilai` (and `sumber`, `analisis`) and remove the `# ` in front of each entry",
        written.entries,
        if written.entries == 1 { "y" } else { "ies" },
        written.path.display()
    );
    OK
}
