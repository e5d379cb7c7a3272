use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    capaian::cli::run(capaian::cli::Cli::parse())
}
