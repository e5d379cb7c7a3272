use std::process::ExitCode;

/// A build makes and drops millions of small strings (table cells, labels, SVG paths) on every
/// core; mimalloc's per-thread free lists do that with a fifth less CPU time than the system
/// allocator on the large synthetic report (README, Performance), for a few MB of peak memory.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = capaian::cli::parse();
    if matches!(
        cli.command,
        capaian::cli::Command::Serve(_) | capaian::cli::Command::Watch(_)
    ) {
        capaian::allocator::keep_freed_memory(capaian::allocator::SERVE_PURGE_DELAY_MS);
    }
    capaian::cli::run(cli)
}
