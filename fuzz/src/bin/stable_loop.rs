//! The fuzz targets under a seeded mutation loop that needs no nightly toolchain:
//!
//! ```sh
//! cargo run --release --bin stable_loop -- load_file --seconds 600
//! cargo run --release --bin stable_loop -- front_matter --iterations 100000 --seed 7
//! cargo run --release --bin stable_loop -- http_request --seconds 30
//! cargo run --release --bin stable_loop -- load_file --replay artifacts/load_file/crash-…
//! cargo run --release --bin stable_loop -- load_file --seeds corpus/load_file   # for cargo fuzz
//! ```
//!
//! Each iteration takes a file of the demo (or an earlier input that went deeper), mutates it
//! a few times (bit flips, deletions, duplications, TOML and Markdown tokens, extreme numbers,
//! splices from other files) and runs the target. A panic is saved under
//! `artifacts/<target>/` and counted; the loop goes on. Same seed, same inputs.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Tokens that make TOML and Markdown interesting.
const TOKENS: &[&str] = &[
    "[[realisasi]]\n",
    "[[anggaran]]\n",
    "[[sasaran]]\n",
    "[[sasaran.indikator]]\n",
    "[[program]]\n",
    "[[langkah]]\n",
    "[[pejabat]]\n",
    "[[kategori]]\n",
    "[[indikator]]\n",
    "[opd]\n",
    "+++\n",
    "\n+++\n",
    " = ",
    "\"",
    "'''",
    "\"\"\"",
    "[",
    "]",
    "{",
    "}",
    ",",
    ".",
    "\n",
    "\r\n",
    "#",
    "\\u0000",
    "\\",
    "nan",
    "inf",
    "-inf",
    "+inf",
    "1e400",
    "-0.0",
    "0",
    "-1",
    "5",
    "9223372036854775807",
    "-9223372036854775808",
    "99999999999999999999",
    "1e-320",
    "0x7fffffff",
    "1_000",
    "2025-02-30",
    "2026-01-05T10:00:00",
    "2026-01-05T10:00:00+08:00",
    "24:00:00",
    "0000-01-01",
    "9999-12-31",
    "true",
    "false",
    "id = \"x\"\n",
    "triwulan = 4\n",
    "nilai = 0\n",
    "target = 0\n",
    "polaritas = \"negatif\"\n",
    "rumus_capaian = \"T/R\"\n",
    "akumulasi = \"rata_rata\"\n",
    "akumulasi = \"jumlah\"\n",
    "skala = [\"A\", \"B\"]\n",
    "target_triwulan = [0, 0, 0, 0]\n",
    "standar_nasional = 0\n",
    "mendukung = \"s1\"\n",
    "persetujuan = true\n",
    "waktu = \"0 hari\"\n",
    "waktu = \"4294967295 hari\"\n",
    "selesai = 9999-12-31T23:59:59\n",
    "tanggal = 0001-01-01\n",
    "bab = 4\n",
    "urutan = -9223372036854775808\n",
    "base_url = \"javascript:alert(1)//\"\n",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "![x](data:text/html,x)",
    "> ",
    "- ",
    "1. ",
    "* ",
    "**",
    "`",
    "```\n",
    "|a|b|\n|-|-|\n",
    "[^1]",
    "[^1]: x\n",
    "\t",
    "\u{feff}",
    "\u{202e}",
    "é",
    "𝕏",
    "\u{0}",
    "=HYPERLINK(\"x\")",
    "@SUM(A1)",
    "../",
    "..",
    "/",
    "A",
    " ",
    "\r\n\r\n",
    "\r",
    "Host: ",
    "Host: localhost\r\n",
    "Host: evil.example\r\n",
    "Last-Event-ID: ",
    "GET ",
    " HTTP/1.1\r\n",
    " HTTP/1.0\r\n",
    "%2e%2e",
    "%2F",
    "%00",
    "%0d%0a",
    "//",
    "?",
    "#",
    "[::1]",
    ":1111",
];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

fn mutate(rng: &mut Rng, input: &mut Vec<u8>, pool: &[Vec<u8>]) {
    let len = input.len();
    let at = rng.below(len + 1);
    match rng.below(9) {
        0 if len > 0 => {
            let i = rng.below(len);
            input[i] ^= 1 << rng.below(8);
        }
        1 if len > 0 => {
            let i = rng.below(len);
            input[i] = rng.next() as u8;
        }
        2 if len > 0 => {
            let end = (at + 1 + rng.below(32)).min(len);
            input.drain(at.min(len)..end.max(at.min(len)));
        }
        3 if len > 0 => {
            let start = rng.below(len);
            let end = (start + 1 + rng.below(64)).min(len);
            let piece = input[start..end].to_vec();
            let most = if rng.below(50) == 0 { 2000 } else { 3 };
            let times = 1 + rng.below(most);
            let at = rng.below(input.len() + 1);
            input.splice(at..at, piece.repeat(times));
        }
        4 | 5 => {
            let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
            let many = rng.below(100) == 0;
            let times = if many { 1 + rng.below(5000) } else { 1 };
            input.splice(at..at, token.repeat(times));
        }
        6 => {
            // Replace a number with another.
            let digits: Vec<usize> = input
                .iter()
                .enumerate()
                .filter(|(_, b)| b.is_ascii_digit())
                .map(|(i, _)| i)
                .collect();
            if let Some(&i) = digits.get(rng.below(digits.len())) {
                let end = input[i..]
                    .iter()
                    .position(|b| !b.is_ascii_digit() && *b != b'.')
                    .map_or(input.len(), |p| i + p);
                let token = [
                    "0",
                    "-1",
                    "1e308",
                    "nan",
                    "1e-308",
                    "4",
                    "5",
                    "0.0",
                    "-0",
                    "9007199254740993",
                    "2.5",
                ][rng.below(11)];
                input.splice(i..end, token.bytes());
            }
        }
        7 if !pool.is_empty() => {
            let other = &pool[rng.below(pool.len())];
            if !other.is_empty() {
                let start = rng.below(other.len());
                let end = (start + 1 + rng.below(256)).min(other.len());
                input.splice(at..at, other[start..end].iter().copied());
            }
        }
        _ if len > 0 => {
            // Truncate.
            input.truncate(rng.below(len));
        }
        _ => input.push(rng.next() as u8),
    }
}

struct Args {
    target: String,
    iterations: Option<u64>,
    seconds: Option<u64>,
    seed: u64,
    replay: Vec<PathBuf>,
    /// Write the seed inputs into this folder (for `cargo fuzz run <target> <folder>`) and stop.
    seeds: Option<PathBuf>,
}

fn args() -> Args {
    let mut args = std::env::args().skip(1);
    let mut parsed = Args {
        target: String::new(),
        iterations: None,
        seconds: None,
        seed: 1,
        replay: Vec::new(),
        seeds: None,
    };
    while let Some(arg) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| panic!("{arg} needs a value"));
        match arg.as_str() {
            "--iterations" => parsed.iterations = Some(value().parse().expect("a number")),
            "--seconds" => parsed.seconds = Some(value().parse().expect("a number")),
            "--seed" => parsed.seed = value().parse().expect("a number"),
            "--replay" => parsed.replay.push(PathBuf::from(value())),
            "--seeds" => parsed.seeds = Some(PathBuf::from(value())),
            target if parsed.target.is_empty() => parsed.target = target.to_string(),
            other => panic!("unknown argument {other}"),
        }
    }
    if parsed.iterations.is_none() && parsed.seconds.is_none() {
        parsed.iterations = Some(10_000);
    }
    parsed
}

fn main() {
    let args = args();
    let target: fn(&[u8]) = match args.target.as_str() {
        "load_file" => capaian_fuzz::load_file,
        "front_matter" => capaian_fuzz::front_matter,
        "http_request" => capaian_fuzz::http_request,
        other => {
            eprintln!(
                "usage: stable_loop load_file|front_matter|http_request [--iterations N] [--seconds S] [--seed X] [--replay FILE]… [--seeds DIR]\nunknown target `{other}`"
            );
            std::process::exit(2);
        }
    };
    if !args.replay.is_empty() {
        for path in &args.replay {
            let data = std::fs::read(path).expect("the input file");
            target(&data);
            eprintln!("{}: no panic", path.display());
        }
        return;
    }
    // Panics are expected to be caught and saved; print one line each instead of a report.
    std::panic::set_hook(Box::new(|info| eprintln!("panic: {info}")));
    let demo = capaian_fuzz::demo();
    let seeds: Vec<Vec<u8>> = match args.target.as_str() {
        "front_matter" => {
            // Every page of the demo, and the smallest page there is.
            let pages = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../content/pages");
            let mut pages: Vec<Vec<u8>> = std::fs::read_dir(pages)
                .into_iter()
                .flatten()
                .flatten()
                .filter_map(|e| std::fs::read(e.path()).ok())
                .collect();
            pages.sort();
            pages.push(b"+++\njudul = \"Halaman\"\nurutan = 1\nbab = 2\n+++\n# Judul\n\nTeks [tautan](/2025/) dan **tebal**.\n".to_vec());
            pages
        }
        "http_request" => capaian_fuzz::http_seeds(),
        _ => demo
            .iter()
            .enumerate()
            .map(|(i, (_, b))| [&[i as u8][..], b].concat())
            .collect(),
    };
    if let Some(folder) = &args.seeds {
        std::fs::create_dir_all(folder).expect("the seeds folder");
        for (i, seed) in seeds.iter().enumerate() {
            std::fs::write(folder.join(format!("seed-{i:03}")), seed).expect("write a seed");
        }
        eprintln!("wrote {} seeds into {}", seeds.len(), folder.display());
        return;
    }
    let pool: Vec<Vec<u8>> = match args.target.as_str() {
        "http_request" => seeds.clone(),
        _ => demo.iter().map(|(_, b)| b.clone()).collect(),
    };
    let mut rng = Rng(args.seed.max(1).wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let started = Instant::now();
    let deadline = args.seconds.map(|s| started + Duration::from_secs(s));
    let artifacts = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("artifacts")
        .join(&args.target);
    let (mut runs, mut crashes) = (0u64, 0u64);
    let mut last_report = Instant::now();
    loop {
        if args.iterations.is_some_and(|n| runs >= n)
            || deadline.is_some_and(|d| Instant::now() >= d)
        {
            break;
        }
        let mut input = seeds[rng.below(seeds.len())].clone();
        for _ in 0..1 + rng.below(8) {
            mutate(&mut rng, &mut input, &pool);
        }
        if args.target == "load_file" && !input.is_empty() && rng.below(4) == 0 {
            // Sometimes the mutated text lands in another file, or a new one.
            input[0] = rng.next() as u8;
        }
        runs += 1;
        if catch_unwind(AssertUnwindSafe(|| target(&input))).is_err() {
            crashes += 1;
            std::fs::create_dir_all(&artifacts).expect("artifacts folder");
            let name = format!("crash-seed{}-run{runs}", args.seed);
            std::fs::write(artifacts.join(&name), &input).expect("save the input");
            eprintln!("saved {}", artifacts.join(name).display());
        }
        // A line every ten seconds at most: a fast target makes millions of runs.
        if runs % 1000 == 0 && last_report.elapsed() >= Duration::from_secs(10) {
            last_report = Instant::now();
            eprintln!(
                "{runs} runs, {crashes} crash(es), {:.0} s",
                started.elapsed().as_secs_f64()
            );
        }
    }
    eprintln!(
        "done: {runs} runs in {:.0} s, {crashes} crash(es), seed {}",
        started.elapsed().as_secs_f64(),
        args.seed
    );
    if crashes > 0 {
        std::process::exit(1);
    }
}
