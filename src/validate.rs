//! Validation: the checks that come after parsing, on the whole loaded model.
//!
//! [`check`] finds what makes the data wrong (bad ids, duplicates, dangling references,
//! impossible numbers): errors, which stop the build. [`review`] looks at the computed values
//! for what a reviewer would question (missing quarters, a shortfall without an analysis, a
//! likely typo, overspending, a draft year): warnings, which are printed and shown on the site.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;

use crate::compute::Computed;
use crate::finding::{Finding, did_you_mean, say};
use crate::format::Format;
use crate::model::{
    Date, FileId, Indicator, Language, Loc, Moment, Pk, Polarity, Process, ProcessStep, Quarter,
    Report, Sources, Sp, TimeUnit, Value, Year,
};
use crate::plausibility::Concern;

pub mod budget;
pub mod lkjip;

/// The largest amount of rupiah taken as data: Rp 1.000 triliun (10^15), a quarter of the
/// whole state budget (APBN) and far beyond any agency's. Larger amounts are typos (extra
/// zeros); they would also lose precision as f64 and in the JSON export (2^53 ≈ 9 × 10^15).
pub const MAX_RUPIAH: i64 = 1_000_000_000_000_000;

const TOO_MANY_RUPIAH: &str = "write the amount in whole rupiah, e.g. 1250000000 for Rp 1,25 miliar; more than Rp 1.000 triliun (10^15) is beyond any agency's budget: check for extra zeros";
const TOO_MANY_RUPIAH_ID: &str = "tulis jumlahnya dalam rupiah bulat, mis. 1250000000 untuk Rp 1,25 miliar; lebih dari Rp 1.000 triliun (10^15) melampaui anggaran instansi mana pun: periksa apakah ada nol berlebih";

/// The largest number taken as data (in size), and the smallest apart from 0: within them
/// every capaian, sum and mean stays a finite number that a chart can draw. Outside them a
/// value is a typo or a wrong unit (a report shows two decimals).
pub const MAX_MAGNITUDE: f64 = 1e15;
pub const MIN_MAGNITUDE: f64 = 1e-9;

const RANGE_HELP: &str = "numbers in a report are at most 10^15 and, apart from 0, at least 10^-9 in size: check the unit and the decimal point";
const RANGE_HELP_ID: &str = "angka dalam laporan paling besar 10^15 dan, selain 0, paling kecil 10^-9: periksa satuan dan tanda desimalnya";

/// The longest Renstra period, in years.
const MAX_PLAN_YEARS: i64 = 25;

fn out_of_range(x: f64) -> bool {
    x.is_finite() && x != 0.0 && !(MIN_MAGNITUDE..=MAX_MAGNITUDE).contains(&x.abs())
}

/// A number as a user reads it: `92.5`, but `1.7e308` rather than 309 digits.
fn shown(x: f64) -> String {
    if x != 0.0 && (x.abs() >= 1e15 || x.abs() < 1e-4) {
        format!("{x:e}")
    } else {
        format!("{x}")
    }
}

/// What to say about NaN and infinity, and about numbers too large to hold (`1e400` is read
/// as infinity).
const NOT_FINITE: &str = "`nan`, `inf` and numbers beyond ±1.8e308 (like 1e400) cannot be computed";
const NOT_FINITE_ID: &str =
    "`nan`, `inf` dan angka di luar ±1.8e308 (seperti 1e400) tidak dapat dihitung";

/// What a check names (an "official", "the Renstra target"), in the site's language.
fn noun(language: Language, en: &str) -> String {
    if language == Language::English {
        return en.to_string();
    }
    let id = match en {
        "official" => "pejabat",
        "indicator" => "indikator",
        "programme" => "program",
        "sasaran" => "sasaran",
        "step" => "langkah",
        "page" => "halaman",
        "PK" => "PK",
        "the category's `min`" => "`min` kategori",
        "`kondisi_awal`" => "`kondisi_awal`",
        "the Renstra target" => "target Renstra",
        "a bound of the target range" => "batas rentang target",
        "`standar_nasional`" => "`standar_nasional`",
        "a quarterly target" => "target triwulan",
        "site.toml" => "site.toml",
        "site.toml's [[pejabat]]" => "[[pejabat]] di site.toml",
        other => {
            if let Some(rest) = other.strip_prefix("the target of ") {
                return format!("target {rest}");
            }
            if let Some(rest) = other.strip_prefix("the realisation of ") {
                return format!("realisasi {rest}");
            }
            if let Some(rest) = other.strip_prefix("this PK ") {
                return format!("PK ini {rest}");
            }
            if let Some(rest) = other.strip_prefix("the PKs of ") {
                return format!("PK-PK tahun {rest}");
            }
            if let Some(rest) = other.strip_prefix("the PK ") {
                return format!("PK {}", rest.replace(" of ", " tahun "));
            }
            other
        }
    };
    id.to_string()
}

/// Words that cannot be a page's file stem: they are the site's own folders.
const RESERVED_SLUGS: [&str; 6] = ["data", "sop", "index", "static", "cetak", "validasi"];

/// Whether `slug` cannot be the file stem of a year's page: it names one of the site's own
/// folders of each year ([`crate::route::YEAR_FOLDERS`]), or is `index`.
fn year_reserved(slug: &str) -> bool {
    crate::route::YEAR_FOLDERS.contains(&slug) || slug == "index"
}

/// The errors and warnings of the loaded model, without computing anything.
pub fn check(report: &Report) -> Vec<Finding> {
    let mut v = Validator {
        report,
        findings: Vec::new(),
    };
    v.site();
    v.sop();
    // Beside the errors they may explain (a step numbered 30 is "no step 12" in proses.toml).
    v.findings.extend(report_plausibility(report));
    v.renstra();
    v.findings.extend(lkjip::check(report));
    v.findings.extend(budget::check(report));
    v.pages();
    // Years are checked apart, one per core; their findings keep the years' order.
    let years: Vec<Vec<Finding>> = report
        .years
        .par_iter()
        .map(|(_, year)| {
            let mut y = Validator {
                report,
                findings: Vec::new(),
            };
            y.year(year);
            y.findings.extend(process_plausibility(report, year));
            for f in &mut y.findings {
                f.year = Some(year.year);
            }
            y.findings
        })
        .collect();
    v.findings.extend(years.into_iter().flatten());
    v.findings
}

struct Validator<'a> {
    report: &'a Report,
    findings: Vec<Finding>,
}

/// Whether an id can become a URL and a file name: `^[a-z0-9][a-z0-9._-]{0,63}$`.
pub fn is_valid_id(id: &str) -> bool {
    let bytes = id.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= 64
        && (bytes[0].is_ascii_lowercase() || bytes[0].is_ascii_digit())
        && bytes.iter().all(|&b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'_' || b == b'-'
        })
        && !id.contains("..")
}

/// Whether `base_url` is a path (`/`, `/lkjip/`, `lkjip`) or an http(s) address: no other
/// scheme, no spaces, quotes or control characters.
pub fn is_safe_base_url(url: &str) -> bool {
    let url = url.trim();
    if url.chars().any(|c| {
        c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '<' | '>' | '\\' | '`')
    }) {
        return false;
    }
    let lower = url.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        return true;
    }
    // A path: nothing before a `:` may look like a scheme (`javascript:`, `data:`).
    match url.split_once(':') {
        None => true,
        Some((before, _)) => before.contains('/'),
    }
}

impl Validator<'_> {
    fn error(
        &mut self,
        file: FileId,
        span: &std::ops::Range<usize>,
        message: String,
        label: &str,
        help: String,
    ) {
        self.findings.push(
            Finding::error(message)
                .at(file, span.clone())
                .label(label)
                .help(help),
        );
    }

    /// A text in the site's language.
    fn say(&self, id: impl Into<String>, en: impl Into<String>) -> String {
        say(self.report.site.language, id, en)
    }

    /// A noun of a check in the site's language.
    fn noun(&self, en: &str) -> String {
        noun(self.report.site.language, en)
    }

    fn id(&mut self, file: FileId, id: &Sp<String>, what: &str) {
        if !is_valid_id(id) {
            let noun = self.noun(what);
            self.error(
                file,
                &id.span,
                self.say(
                    format!("`{}` bukan id {noun} yang sah", id.value),
                    format!("`{}` is not a valid {what} id", id.value),
                ),
                &self.say("id tidak sah", "bad id"),
                self.say(
                    "id menjadi alamat situs dan nama berkas: pakai huruf kecil, angka, `.`, `_` dan `-`, diawali huruf atau angka, paling panjang 64 karakter (mis. `ipg`, `kabid-pp`)",
                    "ids become URLs and file names: use lower-case letters, digits, `.`, `_` and `-`, starting with a letter or digit, at most 64 characters (e.g. `ipg`, `kabid-pp`)",
                ),
            );
        }
    }

    /// A whole-file finding for a file stem that is not a valid id.
    fn stem(&mut self, file: FileId, stem: &str, what: &str) {
        if !is_valid_id(stem) {
            let noun = self.noun(what);
            let finding = Finding::error(self.say(
                format!("nama berkas `{stem}` bukan id {noun} yang sah"),
                format!("the file name `{stem}` is not a valid {what} id"),
            ))
            .at(file, 0..0)
            .label(self.say("berkas ini", "this file"))
            .help(self.say(
                "ganti nama berkasnya: huruf kecil, angka, `.`, `_` dan `-`, diawali huruf atau angka",
                "rename the file: lower-case letters, digits, `.`, `_` and `-`, starting with a letter or digit",
            ));
            self.findings.push(finding);
        }
    }

    fn number(&mut self, file: FileId, value: &Sp<f64>, what: &str) {
        if !value.is_finite() {
            let noun = self.noun(what);
            self.error(
                file,
                &value.span,
                self.say(
                    format!("{noun} bernilai {}, bukan angka", value.value),
                    format!("{what} is {}, not a number", value.value),
                ),
                &self.say("bukan angka terhingga", "not a finite number"),
                self.say(
                    format!("tulis {noun} sebagai angka, mis. 92.5; {NOT_FINITE_ID}"),
                    format!("write {what} as a number, e.g. 92.5; {NOT_FINITE}"),
                ),
            );
        } else if out_of_range(value.value) {
            self.out_of_range(file, &value.span, what, value.value);
        }
    }

    fn out_of_range(&mut self, file: FileId, span: &std::ops::Range<usize>, what: &str, x: f64) {
        let noun = self.noun(what);
        self.error(
            file,
            span,
            self.say(
                format!(
                    "{noun} bernilai {}, di luar angka yang dimuat laporan",
                    shown(x)
                ),
                format!("{what} is {}, outside the numbers a report holds", shown(x)),
            ),
            &self.say("di luar jangkauan", "out of range"),
            self.say(RANGE_HELP_ID, RANGE_HELP),
        );
    }

    fn unknown(
        &mut self,
        file: FileId,
        reference: &Sp<String>,
        what: &str,
        candidates: &[&str],
        help_where: &str,
    ) {
        let unread = (what == "official" && !self.report.site_read)
            || (what == "step" && !self.report.sop_read);
        if unread {
            return;
        }
        let noun = self.noun(what);
        let place = self.noun(help_where);
        let help = match did_you_mean(reference, candidates.iter().copied()) {
            Some(s) => self.say(
                format!("mungkin maksudnya `{s}`?"),
                format!("did you mean `{s}`?"),
            ),
            None if candidates.is_empty() => self.say(
                format!("{place} belum memuat satu pun"),
                format!("{help_where} has none yet"),
            ),
            None => self.say(
                format!("{place} memuat: {}", candidates.join(", ")),
                format!("{help_where} has: {}", candidates.join(", ")),
            ),
        };
        self.error(
            file,
            &reference.span,
            self.say(
                format!("{noun} `{}` tidak dikenal", reference.value),
                format!("unknown {what} `{}`", reference.value),
            ),
            &self.say(format!("{noun} ini tidak ada"), format!("no such {what}")),
            help,
        );
    }

    fn site(&mut self) {
        let site = &self.report.site;
        let file = site.file;
        self.findings
            .extend(crate::approval::check_time_zone(self.report));
        let mut seen: BTreeMap<&str, &Sp<String>> = BTreeMap::new();
        for official in &site.officials {
            self.id(file, &official.id, "official");
            if seen.insert(&official.id, &official.id).is_some() {
                self.error(
                    file,
                    &official.id.span,
                    self.say(
                        format!("pejabat `{}` ditulis dua kali", official.id.value),
                        format!("the official `{}` is defined twice", official.id.value),
                    ),
                    &self.say("ditulis kedua kalinya", "second definition"),
                    self.say(
                        "beri setiap [[pejabat]] id sendiri",
                        "give each [[pejabat]] its own id",
                    ),
                );
            }
        }
        let ids: Vec<&str> = site.officials.iter().map(|o| o.id.as_str()).collect();
        for official in &site.officials {
            if !official.superior.is_empty() && !ids.contains(&official.superior.as_str()) {
                self.unknown(file, &official.superior, "official", &ids, "site.toml");
            }
        }
        for category in &site.categories {
            self.number(file, &category.min, "the category's `min`");
        }
        if site
            .categories
            .windows(2)
            .any(|w| w[0].min.value <= w[1].min.value)
            && let Some(c) = site.categories.first()
        {
            self.error(
                file,
                &c.min.span,
                self.say(
                    "skala [[kategori]] tidak berurutan dari yang tertinggi",
                    "the [[kategori]] scale is not in order, highest first",
                ),
                &self.say("skala dimulai di sini", "scale starts here"),
                self.say(
                    "urutkan kategori dari `min` tertinggi ke terendah, setiap `min` lebih rendah daripada yang sebelumnya",
                    "list the categories from the highest `min` to the lowest, each `min` lower than the one before",
                ),
            );
        }
    }

    fn sop(&mut self) {
        let sop = &self.report.sop;
        let file = sop.file;
        let mut numbers = BTreeSet::new();
        for step in &sop.steps {
            if !numbers.insert(*step.no) {
                self.error(
                    file,
                    &step.no.span,
                    self.say(
                        format!("langkah SOP {} ditulis dua kali", *step.no),
                        format!("SOP step {} is written twice", *step.no),
                    ),
                    &self.say(
                        "langkah kedua dengan nomor ini",
                        "second step with this number",
                    ),
                    self.say(
                        "beri nomor [[langkah]] 1, 2, 3, … masing-masing sekali",
                        "number the [[langkah]] 1, 2, 3, … once each",
                    ),
                );
            }
            if !sop.actors.iter().any(|a| a.value == *step.actor) {
                let actors: Vec<&str> = sop.actors.iter().map(|a| a.key()).collect();
                self.error(
                    file,
                    &step.actor.span,
                    self.say(
                        format!(
                            "langkah {} dikerjakan oleh `{}`, yang tidak ada dalam `pelaksana` SOP",
                            *step.no,
                            step.actor.key()
                        ),
                        format!(
                            "step {} is done by `{}`, which is not in the SOP's `pelaksana`",
                            *step.no,
                            step.actor.key()
                        ),
                    ),
                    &self.say("bukan kolom bagan alir", "not a column of the flowchart"),
                    self.say(
                        format!(
                            "tambahkan ke `pelaksana` atau pakai salah satu dari: {}",
                            actors.join(", ")
                        ),
                        format!("add it to `pelaksana` or use one of: {}", actors.join(", ")),
                    ),
                );
            }
        }
    }

    fn renstra(&mut self) {
        let Some(renstra) = &self.report.renstra else {
            return;
        };
        let file = renstra.file;
        let [first, last] = renstra.period.value;
        if first > last {
            self.error(
                file,
                &renstra.period.span,
                self.say(
                    format!("periode rencana {first}–{last} terbalik"),
                    format!("the plan period {first}–{last} runs backwards"),
                ),
                &self.say(
                    "tahun pertama sesudah tahun terakhir",
                    "first year after last",
                ),
                self.say(
                    "tulis `periode = [tahun pertama, tahun terakhir]`, mis. [2021, 2026]",
                    "write `periode = [first year, last year]`, e.g. [2021, 2026]",
                ),
            );
        } else if !(1000..=9999).contains(&first)
            || !(1000..=9999).contains(&last)
            || i64::from(last) - i64::from(first) > MAX_PLAN_YEARS
        {
            // The report lays out a column per year of the plan: a period of billions of years
            // would never finish.
            self.error(
                file,
                &renstra.period.span,
                self.say(
                    format!("periode rencana {first}–{last} bukan periode Renstra"),
                    format!("the plan period {first}–{last} is not a Renstra period"),
                ),
                &self.say("bukan periode rencana", "not a plan period"),
                self.say(
                    format!("Renstra mencakup sekitar lima tahun (paling lama {MAX_PLAN_YEARS}), ditulis dengan empat angka, mis. [2021, 2026]"),
                    format!("a Renstra covers five years or so (at most {MAX_PLAN_YEARS}), written with four digits, e.g. [2021, 2026]"),
                ),
            );
        }
        let mut seen = BTreeSet::new();
        for indicator in &renstra.indicators {
            self.id(file, &indicator.id, "indicator");
            if !seen.insert(indicator.id.as_str()) {
                self.error(
                    file,
                    &indicator.id.span,
                    self.say(
                        format!("Renstra memuat indikator `{}` dua kali", indicator.id.value),
                        format!(
                            "the Renstra lists the indicator `{}` twice",
                            indicator.id.value
                        ),
                    ),
                    &self.say("entri kedua", "second entry"),
                    self.say(
                        "sisakan satu [[indikator]] per id",
                        "keep one [[indikator]] per id",
                    ),
                );
            }
            if let Some(baseline) = &indicator.baseline
                && let Value::Number(n) = baseline.value
            {
                self.number(file, &Sp::new(n, baseline.span.clone()), "`kondisi_awal`");
            }
            for (year, target) in indicator.targets.iter() {
                if let Value::Number(n) = target.value {
                    self.number(file, &Sp::new(n, target.span.clone()), "the Renstra target");
                }
                match year.parse::<i32>() {
                    Ok(y) if (first..=last).contains(&y) => {}
                    // A backwards period has its own finding; every target would repeat it.
                    Ok(_) if first > last => {}
                    _ => self.error(
                        file,
                        &target.span,
                        self.say(
                            format!("`{year}` bukan tahun dalam periode rencana {first}–{last}"),
                            format!("`{year}` is not a year of the plan period {first}–{last}"),
                        ),
                        &self.say("target untuk tahun ini", "target for this year"),
                        self.say(
                            format!(
                                "beri setiap target kunci tahun dari {first} sampai {last}, mis. `{last} = 92.5`"
                            ),
                            format!(
                                "key each target by a year from {first} to {last}, e.g. `{last} = 92.5`"
                            ),
                        ),
                    ),
                }
            }
        }
    }

    fn pages(&mut self) {
        for page in &self.report.pages {
            let file = page.file;
            self.stem(file, &page.slug, "page");
            if RESERVED_SLUGS.contains(&page.slug.as_str()) || page.slug.parse::<i32>().is_ok() {
                let finding = Finding::error(self.say(
                    format!("nama halaman `{}` sudah dipakai situs", page.slug),
                    format!("the page name `{}` is taken by the site itself", page.slug),
                ))
                .at(file, 0..0)
                .label(self.say("berkas ini", "this file"))
                .help(self.say(
                    format!("ganti nama pages/{}.md: `data`, `sop`, `index`, `static`, `cetak`, `validasi` dan angka tahun adalah folder situs sendiri", page.slug),
                    format!("rename pages/{}.md: `data`, `sop`, `index`, `static`, `cetak`, `validasi` and year numbers are the site's own folders", page.slug),
                ));
                self.findings.push(finding);
            }
            self.chapter(page);
        }
        for year in self.report.years.values() {
            for page in &year.pages {
                let file = page.file;
                self.stem(file, &page.slug, "page");
                if year_reserved(&page.slug) {
                    let language = self.report.site.language;
                    self.findings.push(
                        Finding::error(crate::finding::say(language, format!("nama halaman `{}` sudah dipakai situs untuk tahun {}", page.slug, year.year), format!("the page name `{}` is taken by the site itself in {}", page.slug, year.year)))
                            .at(file, 0..0)
                            .label(crate::finding::say(language, "berkas ini", "this file"))
                            .help(crate::finding::say(language, format!("ganti nama {}/pages/{}.md: `pk`, `indikator`, `validasi`, `cetak`, `perubahan`, `evaluasi`, `formulir` dan `index` adalah folder situs untuk setiap tahun", year.year, page.slug), format!("rename {}/pages/{}.md: `pk`, `indikator`, `validasi`, `cetak`, `perubahan`, `evaluasi`, `formulir` and `index` are the site's own folders of each year", year.year, page.slug)))
                            .year(year.year),
                    );
                }
                self.chapter(page);
            }
        }
        self.findings.extend(crate::narrative::check(self.report));
    }

    /// `bab` is a chapter of the printed report: 0 (the front part) to 4.
    fn chapter(&mut self, page: &crate::model::Page) {
        if let Some(chapter) = &page.front.chapter
            && !(0..=4).contains(&chapter.value)
        {
            let language = self.report.site.language;
            let mut finding = Finding::error(crate::finding::say(language, format!("bab {} tidak ada dalam laporan cetak", chapter.value), format!("chapter (`bab`) {} does not exist", chapter.value)))
                .at(page.file, chapter.span.clone())
                .label(crate::finding::say(language, "bukan 0 sampai 4", "not 0 to 4"))
                .help(crate::finding::say(language, "`bab` adalah 0 kata pengantar dan ikhtisar eksekutif, 1 pendahuluan, 2 perencanaan, 3 akuntabilitas atau 4 penutup; hapus `bab` untuk halaman di luar bab laporan cetak", "`bab` is 0 foreword and executive summary, 1 pendahuluan, 2 perencanaan, 3 akuntabilitas or 4 penutup; leave it out for a page outside the printed chapters"));
            finding.year = page.year;
            self.findings.push(finding);
        }
    }

    fn year(&mut self, year: &Year) {
        let officials: Vec<&str> = self
            .report
            .site
            .officials
            .iter()
            .map(|o| o.id.as_str())
            .collect();
        // Ids must be unique across all PKs of a year: they are URLs and trend keys.
        let mut indicators: BTreeMap<&str, (&Pk, &Sp<String>)> = BTreeMap::new();
        let mut goals: BTreeMap<&str, (&Pk, &Sp<String>)> = BTreeMap::new();
        let mut programmes: BTreeMap<&str, (&Pk, &Sp<String>)> = BTreeMap::new();
        let mut signers: BTreeMap<&str, &Pk> = BTreeMap::new();
        for pk in &year.pks {
            let file = pk.file;
            self.stem(file, &pk.id, "PK");
            if !officials.contains(&pk.official.as_str()) {
                self.unknown(
                    file,
                    &pk.official,
                    "official",
                    &officials,
                    "site.toml's [[pejabat]]",
                );
            } else if let Some(other) = signers.insert(&pk.official, pk) {
                self.error(
                    file,
                    &pk.official.span,
                    self.say(
                        format!(
                            "{} mempunyai dua PK pada {}: `{}` dan `{}`",
                            pk.official.value, year.year, other.id, pk.id
                        ),
                        format!(
                            "{} has two PKs in {}: `{}` and `{}`",
                            pk.official.value, year.year, other.id, pk.id
                        ),
                    ),
                    &self.say("PK kedua", "second PK"),
                    self.say(
                        "seorang pejabat menandatangani satu Perjanjian Kinerja setahun: gabungkan kedua berkas",
                        "an official signs one Perjanjian Kinerja a year: merge the two files",
                    ),
                );
            }
            for goal in &pk.goals {
                self.id(file, &goal.id, "sasaran");
                self.duplicate(&mut goals, pk, &goal.id, "sasaran", year.year);
                for indicator in &goal.indicators {
                    self.id(file, &indicator.id, "indicator");
                    self.duplicate(&mut indicators, pk, &indicator.id, "indicator", year.year);
                    self.indicator(file, indicator);
                }
            }
            for programme in &pk.programmes {
                self.id(file, &programme.id, "programme");
                // An id taken from `kode` may repeat across PKs (the head's PK lists the
                // programmes of the Kabid's); validate/budget.rs checks codes within a PK.
                let id_from_code = programme
                    .code
                    .as_ref()
                    .is_some_and(|c| c.span == programme.id.span);
                if !id_from_code {
                    self.duplicate(&mut programmes, pk, &programme.id, "programme", year.year);
                }
                if programme.budget.0 < 0 {
                    self.error(
                        file,
                        &programme.budget.span,
                        self.say(
                            format!("pagu `{}` negatif", programme.id.value),
                            format!("the pagu of `{}` is negative", programme.id.value),
                        ),
                        &self.say("anggaran negatif", "negative budget"),
                        self.say(
                            "pagu anggaran bernilai nol rupiah atau lebih",
                            "a budget ceiling is zero or more rupiah",
                        ),
                    );
                } else if programme.budget.0 > MAX_RUPIAH {
                    self.error(
                        file,
                        &programme.budget.span,
                        self.say(
                            format!("pagu `{}` lebih dari Rp 1.000 triliun", programme.id.value),
                            format!(
                                "the pagu of `{}` is more than Rp 1.000 triliun",
                                programme.id.value
                            ),
                        ),
                        &self.say("terlalu besar", "too large"),
                        self.say(TOO_MANY_RUPIAH_ID, TOO_MANY_RUPIAH),
                    );
                }
                let goal_ids: Vec<&str> = pk.goals.iter().map(|g| g.id.as_str()).collect();
                for goal in &programme.goals {
                    if !goal_ids.contains(&goal.as_str()) {
                        self.unknown(
                            file,
                            goal,
                            "sasaran",
                            &goal_ids,
                            &format!("this PK (`{}`)", pk.id),
                        );
                    }
                }
            }
        }
        // References into the year's other PKs (cascading) need every PK's goals first. A PK
        // that could not be read has its own finding: the sasaran may be in it.
        let all_goals: Vec<&str> = goals.keys().copied().collect();
        for pk in year.pks.iter().filter(|_| year.unreadable_pks.is_empty()) {
            for goal in &pk.goals {
                if !goal.supports.is_empty() && !goals.contains_key(goal.supports.as_str()) {
                    self.unknown(
                        pk.file,
                        &goal.supports,
                        "sasaran",
                        &all_goals,
                        &format!("the PKs of {}", year.year),
                    );
                }
            }
        }
        for (id, realisations) in &year.realisations {
            if year.unreadable_pks.contains(id) {
                continue;
            }
            let file = realisations.file;
            let Some(pk) = year.pk(id) else {
                let pks: Vec<&str> = year.pks.iter().map(|p| p.id.as_str()).collect();
                let help = match did_you_mean(id, pks.iter().copied()) {
                    Some(s) => self.say(
                        format!(
                            "realisasi milik PK yang nama berkasnya sama: mungkin maksudnya `realisasi/{s}.toml`?"
                        ),
                        format!(
                            "realisations belong to the PK with the same file name: did you mean `realisasi/{s}.toml`?"
                        ),
                    ),
                    None => self.say(
                        format!(
                            "realisasi milik PK yang nama berkasnya sama; tahun {} memuat: {}",
                            year.year,
                            pks.join(", ")
                        ),
                        format!(
                            "realisations belong to the PK with the same file name; {} has: {}",
                            year.year,
                            pks.join(", ")
                        ),
                    ),
                };
                let finding = Finding::error(self.say(
                    format!("tidak ada PK `{id}` pada {} untuk realisasi ini", year.year),
                    format!(
                        "there is no PK `{id}` in {} for these realisations",
                        year.year
                    ),
                ))
                .at(file, 0..0)
                .label(self.say("berkas ini", "this file"))
                .help(help);
                self.findings.push(finding);
                continue;
            };
            self.stem(file, id, "PK");
            self.realisations(year, pk, realisations, &officials);
        }
        if let Some(process) = &year.process {
            self.process(process, &officials);
        }
    }

    fn duplicate<'a>(
        &mut self,
        seen: &mut BTreeMap<&'a str, (&'a Pk, &'a Sp<String>)>,
        pk: &'a Pk,
        id: &'a Sp<String>,
        what: &str,
        year: i32,
    ) {
        if let Some((first_pk, _)) = seen.get(id.as_str()) {
            let place = if first_pk.id == pk.id {
                self.say("lebih awal di PK ini", "earlier in this PK")
            } else {
                self.say(
                    format!("di PK `{}`", first_pk.id),
                    format!("in PK `{}`", first_pk.id),
                )
            };
            let noun = self.noun(what);
            let message = self.say(
                format!("id {noun} `{}` dipakai dua kali pada {year}", id.value),
                format!("the {what} id `{}` is used twice in {year}", id.value),
            );
            let help = self.say(
                format!(
                    "id ini sudah dipakai {place}; id harus unik di semua PK satu tahun: ganti salah satunya (mis. awali dengan id PK-nya)"
                ),
                format!(
                    "it is already used {place}; ids must be unique across all PKs of a year: rename one (e.g. prefix it with the PK's id)"
                ),
            );
            let label = self.say("pemakaian kedua", "second use");
            self.error(pk.file, &id.span, message, &label, help);
        } else {
            seen.insert(id.as_str(), (pk, id));
        }
    }

    fn indicator(&mut self, file: FileId, indicator: &Indicator) {
        self.target_kind(file, indicator);
        let target = indicator.target.as_ref();
        if let Some(Sp {
            value: Value::Number(n),
            span,
        }) = target
        {
            let n = &n.clone();
            if !n.is_finite() {
                self.error(
                    file,
                    span,
                    self.say(
                        format!("target `{}` bernilai {n}, bukan angka", indicator.id.value),
                        format!(
                            "the target of `{}` is {n}, not a number",
                            indicator.id.value
                        ),
                    ),
                    &self.say("bukan angka terhingga", "not a finite number"),
                    self.say(
                        format!("tulis target sebagai angka, mis. 92.5; {NOT_FINITE_ID}"),
                        format!("write the target as a number, e.g. 92.5; {NOT_FINITE}"),
                    ),
                );
            } else if out_of_range(*n) {
                self.out_of_range(
                    file,
                    span,
                    &format!("the target of `{}`", indicator.id.value),
                    *n,
                );
            }
        }
        for bound in [&indicator.target_min, &indicator.target_max]
            .into_iter()
            .flatten()
        {
            self.number(file, bound, "a bound of the target range");
        }
        if let Some(standard) = &indicator.national_standard {
            self.number(file, standard, "`standar_nasional`");
        }
        if let Some(targets) = &indicator.quarter_targets {
            if targets.len() != 4 {
                self.error(
                    file,
                    &targets.span,
                    self.say(
                        format!("`target_triwulan` `{}` berisi {} angka, bukan 4", indicator.id.value, targets.len()),
                        format!("`target_triwulan` of `{}` has {} numbers, not 4", indicator.id.value, targets.len()),
                    ),
                    &self.say("satu target per triwulan", "one target per quarter"),
                    self.say(
                        "tulis empat target, per akhir TW1, TW2, TW3 dan TW4, mis. [90.0, 90.5, 91.0, 92.5]",
                        "write four targets, as of the end of TW1, TW2, TW3 and TW4, e.g. [90.0, 90.5, 91.0, 92.5]",
                    ),
                );
            }
            for t in targets.iter() {
                self.number(file, t, "a quarterly target");
            }
        }
        if let Some(formula) = &indicator.formula
            && *indicator.polarity == Polarity::Positive
        {
            self.error(
                file,
                &formula.span,
                self.say(
                    format!(
                        "`rumus_capaian` ditulis pada indikator positif `{}`",
                        indicator.id.value
                    ),
                    format!(
                        "`rumus_capaian` is set on the positif indicator `{}`",
                        indicator.id.value
                    ),
                ),
                &self.say(
                    "hanya untuk indikator negatif",
                    "only for negatif indicators",
                ),
                self.say(
                    "hapus `rumus_capaian`: capaian indikator positif selalu R / T × 100",
                    "remove `rumus_capaian`: a positif indicator's capaian is always R / T × 100",
                ),
            );
        }
        match &indicator.scale {
            Some(scale) => self.ordinal(file, indicator, scale),
            None => {
                if let Some(Sp {
                    value: Value::Word(word),
                    span,
                }) = &indicator.target
                {
                    self.error(
                        file,
                        span,
                        self.say(
                            format!("target `{}` berupa kata \"{word}\", tetapi indikatornya tidak mempunyai `skala`", indicator.id.value),
                            format!("the target of `{}` is the word \"{word}\" but the indicator has no `skala`", indicator.id.value),
                        ),
                        &self.say("sebuah kata", "a word"),
                        self.say(
                            "tulis angka, atau tuliskan skala ordinalnya, dari yang terendah: `skala = [\"Pratama\", \"Madya\", …]`",
                            "write a number, or give the ordinal scale, lowest first: `skala = [\"Pratama\", \"Madya\", …]`",
                        ),
                    );
                }
            }
        }
    }

    /// A single `target`, or for a `stabil` indicator the range `target_min`..`target_maks`:
    /// never both, never neither.
    fn target_kind(&mut self, file: FileId, indicator: &Indicator) {
        let language = self.report.site.language;
        let id = &indicator.id.value;
        let range = [&indicator.target_min, &indicator.target_max];
        if *indicator.polarity == Polarity::Stable {
            if let Some(target) = &indicator.target {
                self.error(
                    file,
                    &target.span,
                    say(language, format!("indikator stabil `{id}` memakai rentang, bukan `target`"), format!("the stabil indicator `{id}` takes a range, not a `target`")),
                    "target",
                    say(language, "ganti `target` dengan `target_min` dan `target_maks` (batas bawah dan atas rentang), mis. `target_min = 8.0` dan `target_maks = 12.0`", "replace `target` by `target_min` and `target_maks` (the range's lower and upper bounds), e.g. `target_min = 8.0` and `target_maks = 12.0`"),
                );
            }
            match (&indicator.target_min, &indicator.target_max) {
                (Some(min), Some(max)) if max.value < min.value => self.error(
                    file,
                    &max.span,
                    say(language, format!("rentang target `{id}` terbalik: `target_maks` lebih kecil dari `target_min`"), format!("the target range of `{id}` is backwards: `target_maks` is below `target_min`")),
                    &say(language, "di bawah target_min", "below target_min"),
                    say(language, "tukar kedua nilai: `target_min` batas bawah, `target_maks` batas atas", "swap the two values: `target_min` is the lower bound, `target_maks` the upper"),
                ),
                (Some(_), Some(_)) => {}
                _ => self.error(
                    file,
                    &indicator.polarity.span,
                    say(language, format!("indikator stabil `{id}` tidak punya rentang target"), format!("the stabil indicator `{id}` has no target range")),
                    "stabil",
                    say(language, "tulis `target_min` dan `target_maks`: capaian 100 bila realisasi di dalam rentang", "write `target_min` and `target_maks`: the capaian is 100 when the realisation is within the range"),
                ),
            }
            if let Some(targets) = &indicator.quarter_targets {
                self.error(
                    file,
                    &targets.span,
                    say(
                        language,
                        format!("indikator stabil `{id}` tidak memakai `target_triwulan`"),
                        format!("the stabil indicator `{id}` takes no `target_triwulan`"),
                    ),
                    "target_triwulan",
                    say(
                        language,
                        "hapus `target_triwulan`: rentang target berlaku sepanjang tahun",
                        "remove `target_triwulan`: the range holds all year",
                    ),
                );
            }
            return;
        }
        for bound in range.into_iter().flatten() {
            self.error(
                file,
                &bound.span,
                say(language, format!("`{id}` bukan indikator stabil, tetapi punya rentang target"), format!("`{id}` is not a stabil indicator but has a target range")),
                &say(language, "rentang", "range"),
                say(language, "rentang (`target_min`, `target_maks`) hanya untuk `polaritas = \"stabil\"`: tulis `polaritas = \"stabil\"`, atau satu `target`", "a range (`target_min`, `target_maks`) is only for `polaritas = \"stabil\"`: write that, or a single `target`"),
            );
        }
        if indicator.target.is_none() {
            self.error(
                file,
                &indicator.id.span,
                say(
                    language,
                    format!("indikator `{id}` tidak punya `target`"),
                    format!("the indicator `{id}` has no `target`"),
                ),
                &say(language, "tanpa target", "no target"),
                say(
                    language,
                    "tulis target tahunan dari Perjanjian Kinerja, mis. `target = 92.5`",
                    "write the year's target from the Perjanjian Kinerja, e.g. `target = 92.5`",
                ),
            );
        }
    }

    fn ordinal(&mut self, file: FileId, indicator: &Indicator, scale: &Sp<Vec<String>>) {
        let id = &indicator.id.value;
        if scale.is_empty() {
            self.error(
                file,
                &scale.span,
                self.say(
                    format!("`skala` `{id}` kosong"),
                    format!("the `skala` of `{id}` is empty"),
                ),
                &self.say("tanpa kata", "no words"),
                self.say(
                    "tulis kata-kata skalanya, dari yang terendah",
                    "list the words of the scale, lowest first",
                ),
            );
        }
        if *indicator.polarity != Polarity::Positive {
            self.error(
                file,
                &indicator.polarity.span,
                self.say(
                    format!("indikator ordinal `{id}` negatif"),
                    format!("the ordinal indicator `{id}` is negatif"),
                ),
                &self.say("harus positif", "must be positif"),
                self.say(
                    "skala ordinal ditulis dari yang terendah, jadi polaritasnya positif",
                    "an ordinal scale is written lowest first, so its polaritas is positif",
                ),
            );
        }
        if *indicator.accumulation != crate::model::Accumulation::Last {
            self.error(
                file,
                &indicator.accumulation.span,
                self.say(
                    format!("indikator ordinal `{id}` tidak dapat dijumlahkan atau dirata-ratakan"),
                    format!("the ordinal indicator `{id}` cannot be summed or averaged"),
                ),
                &self.say("hanya \"akhir\"", "only \"akhir\""),
                self.say(
                    "hapus `akumulasi` (yang berlaku kata triwulan terakhir)",
                    "remove `akumulasi` (the latest quarter's word counts)",
                ),
            );
        }
        if let Some(targets) = &indicator.quarter_targets {
            self.error(
                file,
                &targets.span,
                self.say(
                    format!("indikator ordinal `{id}` mempunyai target triwulan berupa angka"),
                    format!("the ordinal indicator `{id}` has numeric quarterly targets"),
                ),
                &self.say("bukan untuk kata", "not for words"),
                self.say("hapus `target_triwulan`", "remove `target_triwulan`"),
            );
        }
        let Some(target) = &indicator.target else {
            return;
        };
        match &target.value {
            Value::Word(word) if indicator.rank(word).is_none() => {
                let help = word_help(self.report.site.language, word, scale);
                self.error(
                    file,
                    &target.span,
                    self.say(
                        format!("\"{word}\" bukan kata dalam `skala` `{id}`"),
                        format!("\"{word}\" is not a word of the `skala` of `{id}`"),
                    ),
                    &self.say("tidak ada dalam skala", "not in the scale"),
                    help,
                );
            }
            Value::Number(_) => self.error(
                file,
                &target.span,
                self.say(
                    format!("target indikator ordinal `{id}` berupa angka"),
                    format!("the target of the ordinal indicator `{id}` is a number"),
                ),
                &self.say("sebuah angka", "a number"),
                self.say(
                    format!("tulis salah satu kata skala: {}", scale.join(", ")),
                    format!("write a word of the scale: {}", scale.join(", ")),
                ),
            ),
            Value::Word(_) => {}
        }
    }

    fn realisations(
        &mut self,
        year: &Year,
        pk: &Pk,
        realisations: &crate::model::Realisations,
        officials: &[&str],
    ) {
        let file = realisations.file;
        let indicator_ids: Vec<&str> = pk.indicators().map(|(_, i)| i.id.as_str()).collect();
        let mut seen: BTreeMap<(&str, Quarter), &Sp<String>> = BTreeMap::new();
        for entry in &realisations.entries {
            let Some((_, indicator)) = pk.indicators().find(|(_, i)| *i.id == *entry.indicator)
            else {
                self.unknown(
                    file,
                    &entry.indicator,
                    "indicator",
                    &indicator_ids,
                    &format!("the PK `{}` of {}", pk.id, year.year),
                );
                continue;
            };
            if seen
                .insert((&entry.indicator, *entry.quarter), &entry.indicator)
                .is_some()
            {
                self.error(
                    file,
                    &entry.quarter.span,
                    self.say(
                        format!("`{}` mempunyai dua realisasi untuk triwulan {}", entry.indicator.value, entry.quarter.number()),
                        format!("`{}` has two realisations for triwulan {}", entry.indicator.value, entry.quarter.number()),
                    ),
                    &self.say("entri kedua untuk triwulan ini", "second entry for this quarter"),
                    self.say(
                        "sisakan satu [[realisasi]] per indikator dan triwulan: betulkan nilai pada entri pertama dan hapus entri ini",
                        "keep one [[realisasi]] per indicator and quarter: correct the value in the first entry and remove this one",
                    ),
                );
            }
            if let Some(reporter) = &entry.reporter
                && !officials.contains(&reporter.as_str())
            {
                self.unknown(
                    file,
                    reporter,
                    "official",
                    officials,
                    "site.toml's [[pejabat]]",
                );
            }
            match (&entry.value.value, &indicator.scale) {
                (Value::Number(n), None) if !n.is_finite() => {
                    self.error(
                        file,
                        &entry.value.span,
                        self.say(
                            format!(
                                "realisasi `{}` bernilai {n}, bukan angka",
                                entry.indicator.value
                            ),
                            format!(
                                "the realisation of `{}` is {n}, not a number",
                                entry.indicator.value
                            ),
                        ),
                        &self.say("bukan angka terhingga", "not a finite number"),
                        self.say(
                            format!("tulis nilainya sebagai angka, mis. 91.8; {NOT_FINITE_ID}"),
                            format!("write the value as a number, e.g. 91.8; {NOT_FINITE}"),
                        ),
                    );
                }
                (Value::Number(n), None) if out_of_range(*n) => {
                    self.out_of_range(
                        file,
                        &entry.value.span,
                        &format!("the realisation of `{}`", entry.indicator.value),
                        *n,
                    );
                }
                (Value::Word(word), None) => {
                    self.error(
                        file,
                        &entry.value.span,
                        self.say(
                            format!("realisasi `{}` berupa kata \"{word}\", padahal indikatornya berupa angka", entry.indicator.value),
                            format!("the realisation of `{}` is the word \"{word}\", but the indicator is numeric", entry.indicator.value),
                        ),
                        &self.say("sebuah kata", "a word"),
                        self.say(
                            format!("tulis angka dalam {}", indicator.unit),
                            format!("write a number in {}", indicator.unit),
                        ),
                    );
                }
                (Value::Number(_), Some(scale)) => {
                    self.error(
                        file,
                        &entry.value.span,
                        self.say(
                            format!(
                                "realisasi indikator ordinal `{}` berupa angka",
                                entry.indicator.value
                            ),
                            format!(
                                "the realisation of the ordinal indicator `{}` is a number",
                                entry.indicator.value
                            ),
                        ),
                        &self.say("sebuah angka", "a number"),
                        self.say(
                            format!("tulis salah satu kata skala: {}", scale.join(", ")),
                            format!("write a word of the scale: {}", scale.join(", ")),
                        ),
                    );
                }
                (Value::Word(word), Some(scale)) if indicator.rank(word).is_none() => {
                    self.error(
                        file,
                        &entry.value.span,
                        self.say(
                            format!(
                                "\"{word}\" bukan kata dalam `skala` `{}`",
                                entry.indicator.value
                            ),
                            format!(
                                "\"{word}\" is not a word of the `skala` of `{}`",
                                entry.indicator.value
                            ),
                        ),
                        &self.say("tidak ada dalam skala", "not in the scale"),
                        word_help(self.report.site.language, word, scale),
                    );
                }
                _ => {}
            }
        }
        let programme_ids: Vec<&str> = pk.programmes.iter().map(|p| p.id.as_str()).collect();
        let mut spent: BTreeSet<(&str, Quarter)> = BTreeSet::new();
        for spending in &realisations.spending {
            // `sub_kegiatan` entries, and entries naming neither or both: validate/budget.rs.
            let Some(program) = &spending.program else {
                continue;
            };
            if !programme_ids.contains(&program.as_str()) {
                self.unknown(
                    file,
                    program,
                    "programme",
                    &programme_ids,
                    &format!("the PK `{}` of {}", pk.id, year.year),
                );
                continue;
            }
            if !spent.insert((program, *spending.quarter)) {
                self.error(
                    file,
                    &spending.quarter.span,
                    self.say(
                        format!(
                            "`{}` mempunyai dua realisasi anggaran untuk triwulan {}",
                            program.value,
                            spending.quarter.number()
                        ),
                        format!(
                            "`{}` has two budget realisations for triwulan {}",
                            program.value,
                            spending.quarter.number()
                        ),
                    ),
                    &self.say(
                        "entri kedua untuk triwulan ini",
                        "second entry for this quarter",
                    ),
                    self.say(
                        "sisakan satu [[anggaran]] per program dan triwulan",
                        "keep one [[anggaran]] per programme and quarter",
                    ),
                );
            }
            if spending.amount.0 < 0 {
                self.error(
                    file,
                    &spending.amount.span,
                    self.say(
                        format!("realisasi anggaran `{}` negatif", program.value),
                        format!("the budget realisation of `{}` is negative", program.value),
                    ),
                    &self.say("negatif", "negative"),
                    self.say(
                        "tulis rupiah yang dibelanjakan pada triwulan itu, nol atau lebih",
                        "write the rupiah spent in the quarter, zero or more",
                    ),
                );
            } else if spending.amount.0 > MAX_RUPIAH {
                self.error(
                    file,
                    &spending.amount.span,
                    self.say(
                        format!(
                            "realisasi anggaran `{}` lebih dari Rp 1.000 triliun",
                            program.value
                        ),
                        format!(
                            "the budget realisation of `{}` is more than Rp 1.000 triliun",
                            program.value
                        ),
                    ),
                    &self.say("terlalu besar", "too large"),
                    self.say(TOO_MANY_RUPIAH_ID, TOO_MANY_RUPIAH),
                );
            }
        }
    }

    /// `proses.toml` against the SOP: every recorded step exists, was done by an official of
    /// the step's role, follows the step before it in time, and kept its time standard. Each
    /// run of the SOP (`triwulan`, `putaran`) is checked apart: a step is recorded once per run.
    fn process(&mut self, process: &Process, officials: &[&str]) {
        let language = self.report.site.language;
        let mut runs: BTreeMap<crate::approval::Run, Vec<ProcessStep>> = BTreeMap::new();
        for step in &process.steps {
            if let Some(round) = step.round.as_ref().filter(|r| r.value == 0) {
                self.error(
                    process.file,
                    &round.span,
                    say(language, "`putaran` dimulai dari 1", "`putaran` starts at 1"),
                    &say(language, "putaran 0", "run 0"),
                    say(language, "tulis `putaran = 1` untuk pelaksanaan pertama (atau hapus kuncinya), 2 untuk persetujuan ulang, dan seterusnya", "write `putaran = 1` for the first run (or leave the key out), 2 for a re-approval, and so on"),
                );
            }
            runs.entry(crate::approval::Run::of(step))
                .or_default()
                .push(step.clone());
        }
        for (run, steps) in runs {
            let one = Process {
                file: process.file,
                steps,
                review: None,
            };
            self.process_run(&one, officials, run);
        }
    }

    /// One run of the SOP: see [`Validator::process`].
    fn process_run(&mut self, process: &Process, officials: &[&str], run: crate::approval::Run) {
        let language = self.report.site.language;
        let file = process.file;
        let sop = &self.report.sop;
        let step_numbers: Vec<String> = sop
            .steps
            .iter()
            .map(|s| *s.no)
            .collect::<BTreeSet<u32>>()
            .iter()
            .map(u32::to_string)
            .collect();
        let mut recorded: BTreeMap<u32, &ProcessStep> = BTreeMap::new();
        for step in &process.steps {
            if recorded.insert(*step.no, step).is_some() {
                let next = run.round + 1;
                self.error(
                    file,
                    &step.no.span,
                    say(
                        language,
                        format!("langkah {} dicatat dua kali dalam satu putaran ({})", *step.no, run.words(language)),
                        format!("step {} is recorded twice in one run ({})", *step.no, run.words(language)),
                    ),
                    &say(language, "catatan kedua", "second record"),
                    say(
                        language,
                        format!("catat setiap langkah SOP sekali per putaran; perbaikan masuk ke catatan pertama, dan persetujuan ulang adalah putaran baru: tulis `putaran = {next}` pada catatan-catatannya"),
                        format!("record each SOP step once per run; put a correction into the first record, and record a re-approval as a new run: write `putaran = {next}` on its records"),
                    ),
                );
            }
            if let (Some(end), start) = (&step.end, &step.start)
                && end.datetime() < start.datetime()
            {
                self.error(
                    file,
                    &end.span,
                    self.say(
                        format!("langkah {} selesai sebelum dimulai", *step.no),
                        format!("step {} ends before it starts", *step.no),
                    ),
                    &self.say("`selesai` sebelum `tanggal`", "`selesai` before `tanggal`"),
                    self.say(
                        "periksa kedua tanggal: `selesai` adalah saat langkah itu diselesaikan",
                        "check both dates: `selesai` is when the step was finished",
                    ),
                );
            }
            if !officials.contains(&step.by.as_str()) {
                self.unknown(
                    file,
                    &step.by,
                    "official",
                    officials,
                    "site.toml's [[pejabat]]",
                );
                continue;
            }
            if !self.report.sop_read {
                continue;
            }
            let Some(sop_step) = sop.step(*step.no) else {
                self.error(
                    file,
                    &step.no.span,
                    self.say(
                        format!("SOP tidak mempunyai langkah {}", *step.no),
                        format!("the SOP has no step {}", *step.no),
                    ),
                    &self.say("langkah ini tidak ada", "no such step"),
                    self.say(
                        format!("langkah-langkah SOP: {}", step_numbers.join(", ")),
                        format!("the SOP's steps are {}", step_numbers.join(", ")),
                    ),
                );
                continue;
            };
            if let Some(official) = self.report.official(&step.by)
                && *official.role != *sop_step.actor
            {
                let fitting: Vec<&str> = self
                    .report
                    .site
                    .officials
                    .iter()
                    .filter(|o| *o.role == *sop_step.actor)
                    .map(|o| o.id.as_str())
                    .collect();
                let (no, actor) = (*step.no, sop_step.actor.key());
                let help = if fitting.is_empty() {
                    self.say(
                        format!("SOP memberikan langkah {no} kepada {actor}; tidak ada pejabat dengan `peran` itu"),
                        format!("the SOP gives step {no} to the {actor}; no official has that `peran`"),
                    )
                } else {
                    self.say(
                        format!(
                            "SOP memberikan langkah {no} kepada {actor}: {}",
                            fitting.join(", ")
                        ),
                        format!(
                            "the SOP gives step {no} to the {actor}: {}",
                            fitting.join(", ")
                        ),
                    )
                };
                self.error(
                    file,
                    &step.by.span,
                    self.say(
                        format!(
                            "langkah {} dikerjakan oleh `{}`, seorang {}, padahal SOP memberikannya kepada {}",
                            *step.no,
                            step.by.value,
                            official.role.key(),
                            sop_step.actor.key()
                        ),
                        format!(
                            "step {} was done by `{}`, a {}, but the SOP gives it to the {}",
                            *step.no,
                            step.by.value,
                            official.role.key(),
                            sop_step.actor.key()
                        ),
                    ),
                    &self.say("peran salah", "wrong role"),
                    help,
                );
            }
            self.time_standard(file, step, sop_step);
        }
        // Order: each step starts no earlier than the recorded step before it.
        let ordered: Vec<&&ProcessStep> = recorded.values().collect();
        for pair in ordered.windows(2) {
            let (before, after) = (pair[0], pair[1]);
            if starts_before(&after.start, &before.start) {
                let (a, b, at) = (*after.no, *before.no, &before.start.value);
                self.error(
                    file,
                    &after.start.span,
                    self.say(
                        format!("langkah {a} bertanggal sebelum langkah {b}"),
                        format!("step {a} is dated before step {b}"),
                    ),
                    &self.say(
                        format!("sebelum {at} (langkah {b})"),
                        format!("before step {b}'s {at}"),
                    ),
                    self.say(
                        format!("langkah-langkah SOP berurutan: langkah {a} tidak dapat dimulai sebelum langkah {b} ({at}); periksa tanggalnya"),
                        format!("the SOP's steps follow one another: step {a} cannot start before step {b} ({at}); check the dates"),
                    ),
                );
            }
        }
        // Steps skipped while later ones are recorded. A repeated run (`putaran` 2, 3…)
        // resumes the SOP where the data was corrected: the steps before its first are not
        // missing.
        if let Some(&last) = recorded.keys().next_back() {
            let first = match run.round {
                1 => 0,
                _ => recorded.keys().next().copied().unwrap_or(0),
            };
            let skipped: Vec<String> = sop
                .steps
                .iter()
                .filter(|s| *s.no > first && *s.no < last && !recorded.contains_key(&s.no))
                .map(|s| s.no.to_string())
                .collect();
            if !skipped.is_empty() {
                let at = recorded.get(&last).map_or(0..0, |s| s.no.span.clone());
                let finding = Finding::warning(self.say(
                    format!(
                        "langkah {} belum dicatat, padahal langkah {last} sudah",
                        skipped.join(", ")
                    ),
                    format!(
                        "step(s) {} are not recorded although step {last} is",
                        skipped.join(", ")
                    ),
                ))
                .at(file, at)
                .label(self.say("langkah sesudahnya", "a later step"))
                .help(self.say(
                    "catat setiap langkah SOP secara berurutan, beserta tanggal dan pelakunya",
                    "record every step of the SOP in order, with its date and who did it",
                ));
                self.findings.push(finding);
            }
        }
    }

    /// A step that took longer than its `waktu`: minutes and hours as elapsed time (both
    /// moments need a time of day), days as working days Monday to Friday, both ends counted.
    fn time_standard(
        &mut self,
        file: FileId,
        step: &ProcessStep,
        sop_step: &crate::model::SopStep,
    ) {
        let Some(end) = &step.end else { return };
        let standard = *sop_step.time;
        let (taken, limit, shown) = match standard.unit {
            TimeUnit::WorkingDays => {
                let days = working_days(step.start.date(), end.date());
                (
                    days,
                    i64::from(standard.amount),
                    self.say(
                        format!("{days} hari kerja"),
                        format!("{days} working day(s)"),
                    ),
                )
            }
            TimeUnit::Minutes | TimeUnit::Hours => {
                let (Moment::At(start), Moment::At(finish)) = (step.start.value, end.value) else {
                    return;
                };
                let Ok(span) = start.until(finish) else {
                    return;
                };
                let minutes = span.get_days() as i64 * 24 * 60
                    + span.get_hours() as i64 * 60
                    + span.get_minutes();
                let limit = i64::from(standard.amount)
                    * if standard.unit == TimeUnit::Hours {
                        60
                    } else {
                        1
                    };
                let shown = duration_words(minutes, self.report.site.language);
                (minutes, limit, shown)
            }
        };
        if taken > limit {
            let language = self.report.site.language;
            // The standard as the SOP writes it (`2 hari`), in the site's words.
            let standard = match language {
                Language::Indonesian => standard.to_string(),
                Language::English => {
                    let unit = match standard.unit {
                        TimeUnit::Minutes => "minute(s)",
                        TimeUnit::Hours => "hour(s)",
                        TimeUnit::WorkingDays => "working day(s)",
                    };
                    format!("{} {unit}", standard.amount)
                }
            };
            self.findings.push(
                Finding::warning(say(
                    language,
                    format!("langkah {} memakan waktu {shown}, melebihi standar waktunya {standard}", *step.no),
                    format!("step {} took {shown}, over its time standard of {standard}", *step.no),
                ))
                .at(file, end.span.clone())
                .label(say(language, format!("standar: {standard}"), format!("standard: {standard}")))
                .help(say(
                    language,
                    format!("catat alasannya dalam analisis tahun ini, atau tinjau standar waktu SOP untuk langkah {} (\"{}\")", *step.no, sop_step.description),
                    format!("note the reason in the year's analysis, or review the SOP's standard for step {} (\"{}\")", *step.no, sop_step.description),
                )),
            );
        }
    }
}

fn word_help(language: Language, word: &str, scale: &[String]) -> String {
    let scale = scale.join(" < ");
    match did_you_mean(word, scale.split(" < ")) {
        Some(s) => say(
            language,
            format!("mungkin maksudnya \"{s}\"? skalanya {scale}"),
            format!("did you mean \"{s}\"? the scale is {scale}"),
        ),
        None => say(
            language,
            format!("tulis salah satu kata skala: {scale}"),
            format!("write a word of the scale: {scale}"),
        ),
    }
}

/// Warnings on the computed values: what a reviewer of the report would question.
pub fn review(report: &Report, computed: &Computed, today: Date) -> Vec<Finding> {
    review_with_sources(report, None, computed, today)
}

/// [`review`], with the text of the files: the plausibility rules read how a number was
/// written (`1.550` and `1.55` are the same number, but only one is a thousands separator).
pub fn review_with_sources(
    report: &Report,
    sources: Option<&Sources>,
    computed: &Computed,
    today: Date,
) -> Vec<Finding> {
    review_reusing(report, sources, computed, today, None)
}

/// Where a review takes the findings of a PK (its indicators and its budget) from instead of
/// reviewing it again, and where it keeps those it reviewed: serve reuses the review of a PK
/// none of whose inputs changed ([`crate::recheck`]).
pub trait Reuse: Sync {
    /// The findings of the PK at `index` in `year`'s list, from an earlier review.
    fn reused(&self, year: i32, index: usize) -> Option<Vec<Finding>>;
    /// The findings of the PK at `index` in `year`'s list, just reviewed.
    fn reviewed(&self, year: i32, index: usize, findings: &[Finding]);
    /// Every number of each indicator id with its year ([`numbers_by_indicator`]), when the
    /// caller gathered them already; `None`: the review gathers them.
    fn numbers(&self) -> Option<&BTreeMap<&str, Vec<(i32, f64)>>> {
        None
    }
}

/// [`review_with_sources`], taking from `reuse` the findings of the PKs it has.
pub fn review_reusing(
    report: &Report,
    sources: Option<&Sources>,
    computed: &Computed,
    today: Date,
    reuse: Option<&dyn Reuse>,
) -> Vec<Finding> {
    let report_date = report.report_date(today);
    let gathered;
    let numbers = match reuse.and_then(|r| r.numbers()) {
        Some(numbers) => numbers,
        None => {
            gathered = numbers_by_indicator(report);
            &gathered
        }
    };
    // The text of each file by its id, to read how a value was written.
    let texts: Vec<&str> = sources
        .map(|s| s.iter().map(|(_, f)| f.text.as_str()).collect())
        .unwrap_or_default();
    let written = Written {
        report,
        texts: &texts,
        numbers,
        report_date,
        far_year: false,
    };
    // Years are reviewed apart, one per core, and their findings kept in the years' order.
    let years: Vec<Vec<Finding>> = report
        .years
        .par_iter()
        .map(|(_, year)| review_year(report, computed, year, report_date, &written, reuse))
        .collect();
    let mut findings: Vec<Finding> = years.into_iter().flatten().collect();
    findings.extend(lkjip::review(report, computed));
    findings
}

/// What the plausibility rules of a year need beside the year itself.
#[derive(Clone, Copy)]
struct Written<'a> {
    report: &'a Report,
    /// The text of each file by its id; empty when the review has no sources.
    texts: &'a [&'a str],
    /// Every number of each indicator id, with its year (for the comparison with other years).
    numbers: &'a BTreeMap<&'a str, Vec<(i32, f64)>>,
    report_date: Date,
    /// The year's folder is questioned (`2099/`): its quarters not ended are that mistake,
    /// not one each.
    far_year: bool,
}

impl<'a> Written<'a> {
    /// The text a value was written as.
    fn text(&self, file: FileId, span: &std::ops::Range<usize>) -> Option<&'a str> {
        self.texts.get(file.0)?.get(span.clone())
    }
}

/// Import reads the other years' numbers the same way.
pub(crate) use crate::plausibility::numbers_by_indicator;

/// The warning of a plausibility concern, in the site's language.
fn concern_finding(report: &Report, concern: &crate::plausibility::Concern) -> Finding {
    let said = concern.said(report.site.language);
    let at = concern.at();
    Finding::warning(said.message)
        .at(at.file, at.span.clone())
        .label(said.label)
        .help(said.help)
}

/// The plausibility of site.toml and sop.toml: a circular chain of `atasan`, SOP steps not
/// numbered 1 to n. Checked with the errors, not after them: they need nothing computed.
fn report_plausibility(report: &Report) -> Vec<Finding> {
    let site = &report.site;
    let mut concerns = Vec::new();
    if report.site_read {
        concerns.extend(crate::plausibility::superior_cycles(&site.officials, |o| {
            Loc {
                file: site.file,
                span: o.superior.span.clone(),
            }
        }));
    }
    if report.sop_read {
        concerns.extend(crate::plausibility::sop_numbers(&report.sop, |s| Loc {
            file: report.sop.file,
            span: s.no.span.clone(),
        }));
    }
    concerns
        .iter()
        .map(|c| concern_finding(report, c))
        .collect()
}

/// The plausibility of one indicator's numbers in a year. Returns whether one of them makes
/// its capaian meaningless (then a missing analysis is not worth a second warning).
fn indicator_plausibility(
    findings: &mut Vec<Finding>,
    written: &Written<'_>,
    year: &Year,
    pk: &Pk,
    indicator: &Indicator,
    entries: &[&crate::model::Realisation],
    file: Option<FileId>,
) -> bool {
    if indicator.is_ordinal() {
        return false;
    }
    let place = |_, span: &std::ops::Range<usize>| {
        let loc = Loc {
            file: pk.file,
            span: span.clone(),
        };
        (loc, written.text(pk.file, span))
    };
    let mut facts =
        crate::plausibility::IndicatorYear::new(indicator, year.year, written.report_date, place);
    if let Some(file) = file {
        // The first entry of a quarter counts, as in the computation (a second is an error).
        let mut seen = BTreeSet::new();
        for entry in entries {
            if let (Value::Number(n), true) = (&entry.value.value, seen.insert(*entry.quarter)) {
                let span = &entry.value.span;
                let loc = Loc {
                    file,
                    span: span.clone(),
                };
                facts.realisation(*entry.quarter, *n, written.text(file, span), loc);
            }
        }
    }
    facts.other_years = written
        .numbers
        .get(indicator.id.as_str())
        .map(|all| {
            all.iter()
                .copied()
                .filter(|(y, _)| *y != year.year)
                .collect()
        })
        .unwrap_or_default();
    facts.renstra = written
        .report
        .renstra
        .as_ref()
        .and_then(|r| r.indicator(&indicator.id))
        .and_then(|i| i.target(year.year));
    let concerns: Vec<_> = crate::plausibility::indicator_concerns(&facts)
        .into_iter()
        .filter(|c| !(written.far_year && matches!(c, Concern::FutureQuarter { .. })))
        .collect();
    findings.extend(concerns.iter().map(|c| concern_finding(written.report, c)));
    concerns.iter().any(|c| c.distorts_achievement())
}

/// The plausibility of a year's folder; whether it is questioned.
fn year_plausibility(findings: &mut Vec<Finding>, written: &Written<'_>, year: &Year) -> bool {
    let mut far = false;
    let report = written.report;
    let first_file = year
        .pks
        .first()
        .map(|p| p.file)
        .or_else(|| year.realisations.values().next().map(|r| r.file))
        .or_else(|| year.process.as_ref().map(|p| p.file))
        .or_else(|| year.pages.first().map(|p| p.file));
    if let Some(file) = first_file {
        let period = report.renstra.as_ref().map(|r| r.period.value);
        let at = Loc { file, span: 0..0 };
        if let Some(c) =
            crate::plausibility::year_folder(year.year, period, written.report_date, at)
        {
            far = true;
            findings.push(concern_finding(report, &c));
        }
    }
    far
}

/// The dates of a year's `proses.toml` outside the year and the next. Checked with the errors,
/// not after them: a date typed years off is also "dated before the step it follows".
fn process_plausibility(report: &Report, year: &Year) -> Vec<Finding> {
    let Some(process) = &year.process else {
        return Vec::new();
    };
    let file = process.file;
    // A later run (`putaran` 2, 3…) approves the year again after a correction, which may
    // come years later: only a date before the year is questioned there.
    let dates = process.steps.iter().flat_map(|step| {
        let again = step.round.as_ref().is_some_and(|r| r.value > 1);
        std::iter::once(&step.start)
            .chain(step.end.as_ref())
            .filter(move |m| !again || i32::from(m.date().year()) < year.year)
            .map(move |m| {
                let at = Loc {
                    file,
                    span: m.span.clone(),
                };
                (*step.no, m.date(), at)
            })
    });
    crate::plausibility::process_dates(year.year, dates)
        .iter()
        .map(|c| concern_finding(report, c))
        .collect()
}

/// The review of one year: missing quarters, shortfalls without analysis, unlikely values,
/// overspending, and whether the year is approved.
fn review_year(
    report: &Report,
    computed: &Computed,
    year: &Year,
    report_date: Date,
    written: &Written<'_>,
    reuse: Option<&dyn Reuse>,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    let Some(result) = computed.years.get(&year.year) else {
        return findings;
    };
    let written = &Written {
        far_year: year_plausibility(&mut findings, written, year),
        ..*written
    };
    let language = report.site.language;
    for (index, pk) in year.pks.iter().enumerate() {
        if let Some(reused) = reuse.and_then(|r| r.reused(year.year, index)) {
            findings.extend(reused);
            continue;
        }
        let start = findings.len();
        let realisations = year.realisations.get(&pk.id);
        let entries = realisations.map_or(&[][..], |r| &r.entries[..]);
        let file = realisations.map(|r| r.file);
        for (_, indicator) in pk.indicators() {
            let mine: Vec<_> = entries
                .iter()
                .filter(|e| *e.indicator == *indicator.id)
                .collect();
            missing_quarters(
                &mut findings,
                language,
                pk,
                indicator,
                &mine,
                year.year,
                report_date,
            );
            let implausible =
                indicator_plausibility(&mut findings, written, year, pk, indicator, &mine, file);
            let computed = result
                .pks
                .iter()
                .filter(|p| p.id == pk.id)
                .flat_map(|p| &p.goals)
                .flat_map(|g| &g.indicators)
                .find(|i| i.id == *indicator.id);
            let Some(computed) = computed else { continue };
            let (Some(file), Some(last)) = (file, mine.iter().max_by_key(|e| *e.quarter)) else {
                continue;
            };
            if !implausible
                && computed.achievement.is_some_and(|a| a < 100.0)
                && mine
                    .iter()
                    .all(|e| e.analysis.as_deref().is_none_or(|a| a.trim().is_empty()))
            {
                let id = &indicator.id.value;
                let shown = Format::new(language).percent(computed.achievement.unwrap_or_default());
                findings.push(
                    Finding::warning(say(
                        language,
                        format!("`{id}` di bawah target ({shown}) dan belum mempunyai analisis"),
                        format!("`{id}` is below target ({shown}) and has no analysis"),
                    ))
                    .at(file, last.indicator.span.clone())
                    .label(say(language, "tanpa `analisis`", "no `analisis`"))
                    .help(say(
                        language,
                        "tambahkan `analisis` pada entri ini: mengapa target belum tercapai dan apa yang dilakukan (langkah 6 SOP)",
                        "add `analisis` to this entry: why the target was not met and what is being done (SOP step 6)",
                    )),
                );
            }
            if computed.achievement.is_none()
                && computed.realisation.as_ref().and_then(Value::as_number) == Some(0.0)
                && indicator
                    .formula
                    .as_ref()
                    .is_some_and(|f| **f == crate::model::NegativeFormula::TargetOverRealisation)
            {
                let id = &indicator.id.value;
                findings.push(
                    Finding::warning(say(
                        language,
                        format!("capaian `{id}` tidak dapat dihitung dengan T/R: realisasinya 0"),
                        format!("the capaian of `{id}` cannot be computed with T/R: the realisation is 0"),
                    ))
                    .at(file, last.value.span.clone())
                    .label("R = 0")
                    .help(say(
                        language,
                        "T / R tidak terdefinisi untuk R = 0: gunakan rumus_capaian = \"(2T-R)/T\" atau periksa nilainya",
                        "T / R is undefined for R = 0; use rumus_capaian = \"(2T-R)/T\" or check the value",
                    )),
                );
            }
        }
        overspending(&mut findings, language, pk, realisations);
        if let Some(reuse) = reuse {
            reuse.reviewed(year.year, index, &findings[start..]);
        }
    }
    if result.approval.state == crate::approval::State::Draft {
        let steps: Vec<String> = report
            .sop
            .approval_steps()
            .map(|s| s.no.to_string())
            .collect();
        let mut finding = Finding::warning(say(
            language,
            format!(
                "{} belum disetujui: halaman-halamannya diberi tanda DRAFT",
                year.year
            ),
            format!(
                "{} is not approved yet: its pages carry a DRAFT mark",
                year.year
            ),
        ))
        .help(say(
            language,
            format!(
                "catat langkah persetujuan ({}) di {}/proses.toml setelah Kepala OPD menandatangani",
                steps.join(" dan "),
                year.year
            ),
            format!(
                "record the approval steps ({}) in {}/proses.toml once the Kepala OPD has signed",
                steps.join(" and "),
                year.year
            ),
        ));
        if let Some(process) = &year.process {
            finding = finding.at(process.file, 0..0).label(say(
                language,
                "langkah persetujuan belum dicatat",
                "approval steps not recorded",
            ));
        }
        findings.push(finding);
    }
    for f in &mut findings {
        f.year = Some(year.year);
    }
    findings
}

/// A quarter that has ended by the report date with no realisation. Indicators with quarterly
/// targets are expected every quarter; the others (yearly statistics) only once the year ends.
fn missing_quarters(
    findings: &mut Vec<Finding>,
    language: Language,
    pk: &Pk,
    indicator: &Indicator,
    entries: &[&crate::model::Realisation],
    year: i32,
    report_date: Date,
) {
    let period = crate::compute::YearPeriod::of(year, report_date);
    let missing: Vec<String> = indicator
        .expected_quarters()
        .iter()
        .filter(|q| period.has_ended(**q))
        .filter(|q| !entries.iter().any(|e| *e.quarter == **q))
        .map(|q| format!("TW{}", q.number()))
        .collect();
    if missing.is_empty() {
        return;
    }
    let (id, quarters, file) = (&indicator.id.value, missing.join(", "), &pk.id);
    findings.push(
        Finding::warning(say(
            language,
            format!("`{id}` belum mempunyai realisasi {quarters} tahun {year}"),
            format!("`{id}` has no realisation for {quarters} of {year}"),
        ))
        .at(pk.file, indicator.id.span.clone())
        .label(say(language, "belum ada realisasi", "no realisation yet"))
        .help(say(
            language,
            format!("tambahkan [[realisasi]] untuk setiap triwulan yang telah berakhir ke {year}/realisasi/{file}.toml (langkah 4 SOP)"),
            format!("add a [[realisasi]] for each quarter that has ended to {year}/realisasi/{file}.toml (SOP step 4)"),
        )),
    );
}

fn overspending(
    findings: &mut Vec<Finding>,
    language: Language,
    pk: &Pk,
    realisations: Option<&crate::model::Realisations>,
) {
    let Some(realisations) = realisations else {
        return;
    };
    for programme in &pk.programmes {
        let entries: Vec<_> = realisations
            .spending
            .iter()
            .filter(|s| programme.owns(s))
            .collect();
        // Saturating: amounts near i64::MAX are typos, not a reason to overflow.
        let spent = entries
            .iter()
            .fold(0i64, |sum, s| sum.saturating_add(s.amount.0));
        if spent > programme.effective_budget().0
            && let Some(last) = entries.last()
        {
            let f = Format::new(language);
            let (id, spent, budget) = (
                &programme.id.value,
                f.rupiah_whole(i128::from(spent)),
                f.rupiah_whole(i128::from(programme.effective_budget().0)),
            );
            findings.push(
                Finding::warning(say(
                    language,
                    format!("`{id}` telah membelanjakan {spent} dari pagu {budget}"),
                    format!("`{id}` has spent {spent} of a pagu of {budget}"),
                ))
                .at(realisations.file, last.amount.span.clone())
                .label(say(language, "melebihi pagu", "over the pagu"))
                .help(say(
                    language,
                    "periksa jumlahnya, atau catat pagu perubahan (APBD-P) sebagai pagu",
                    "check the amounts, or record the revised budget (APBD-P) as the pagu",
                )),
            );
        }
    }
}

/// Whether `a` is earlier than `b`; a bare date is compared by its day only, so that a step
/// recorded without a time is not "before" a timed step of the same day.
fn starts_before(a: &Moment, b: &Moment) -> bool {
    match (a, b) {
        (Moment::At(x), Moment::At(y)) => x < y,
        _ => a.date() < b.date(),
    }
}

/// Working days (Monday to Friday) from `start` to `end`, both counted. Whole weeks are
/// counted at once: a step dated 0001-01-01 to 9999-12-31 must not take millions of steps.
pub fn working_days(start: Date, end: Date) -> i64 {
    if end.0 < start.0 {
        return 0;
    }
    let days = start
        .0
        .until((jiff::Unit::Day, end.0))
        .map_or(0, |span| i64::from(span.get_days()))
        + 1;
    let mut count = days / 7 * 5;
    let mut day = start.0;
    for _ in 0..days % 7 {
        if !matches!(
            day.weekday(),
            jiff::civil::Weekday::Saturday | jiff::civil::Weekday::Sunday
        ) {
            count += 1;
        }
        match day.tomorrow() {
            Ok(next) => day = next,
            Err(_) => break,
        }
    }
    count
}

/// "1 jam 25 menit", "40 menit", "2 hari 3 jam"; in English "1 hour(s) 25 minute(s)".
fn duration_words(minutes: i64, language: Language) -> String {
    let [day, hour, minute] = match language {
        Language::Indonesian => ["hari", "jam", "menit"],
        Language::English => ["day(s)", "hour(s)", "minute(s)"],
    };
    let (days, hours, mins) = (minutes / (24 * 60), minutes / 60 % 24, minutes % 60);
    let mut parts = Vec::new();
    if days > 0 {
        parts.push(format!("{days} {day}"));
    }
    if hours > 0 {
        parts.push(format!("{hours} {hour}"));
    }
    if mins > 0 || parts.is_empty() {
        parts.push(format!("{mins} {minute}"));
    }
    parts.join(" ")
}

/// The most characters a one-line field (a title, a name, a position, a unit) may hold: such
/// a field is shown on many pages, and a field of megabytes would make gigabytes of site.
/// Ids are held to 64 characters by their own rule.
pub const SINGLE_LINE_MAX: usize = 500;

/// The keys of the content files whose value is one line of text (ids, references and words
/// of a closed list have rules of their own).
const SINGLE_LINE_KEYS: &[&str] = &[
    "judul",
    "nama",
    "singkatan",
    "wilayah",
    "jabatan",
    "pihak_kedua",
    "satuan",
    "sumber_data",
    "sumber",
    "kelengkapan",
    "output",
    "dokumen",
    "nomor",
    "nomor_surat",
    "base_url",
    "skala",
];

/// An error at every one-line field longer than [`SINGLE_LINE_MAX`] characters, in the TOML
/// files and the pages' front matter. Only the files that can hold one are parsed again: a
/// line longer than the limit, or a multi-line string opened on one of these keys.
pub fn single_line_lengths(report: &Report, sources: &crate::model::Sources) -> Vec<Finding> {
    single_line_lengths_in(report, sources, &|_| true)
}

/// [`single_line_lengths`] in the files `wanted` names only: serve leaves out the files it
/// found short before whose bytes did not change ([`may_hold_a_long_one_line`]).
pub fn single_line_lengths_in(
    report: &Report,
    sources: &crate::model::Sources,
    wanted: &dyn Fn(FileId) -> bool,
) -> Vec<Finding> {
    use toml::de::{DeTable, DeValue};
    let language = report.site.language;
    let mut findings = Vec::new();
    for (file, source) in sources.iter().filter(|(file, _)| wanted(*file)) {
        let Some((text, offset)) = one_line_fields(source) else {
            continue;
        };
        if !may_hold_a_long_line(text) {
            continue;
        }
        let Ok(table) = DeTable::parse(text) else {
            continue;
        };
        let year = source.path.components().find_map(|c| {
            let name = c.as_os_str().to_str()?;
            (name.len() == 4 && name.bytes().all(|b| b.is_ascii_digit()))
                .then(|| name.parse::<i32>().ok())
                .flatten()
        });
        let mut long = |key: &str, value: &str, span: std::ops::Range<usize>| {
            let n = value.chars().count();
            if n <= SINGLE_LINE_MAX {
                return;
            }
            let mut finding = Finding::error(say(
                language,
                format!("`{key}` terlalu panjang: {n} karakter; isian satu baris paling banyak {SINGLE_LINE_MAX} karakter"),
                format!("`{key}` is too long: {n} characters; a one-line field holds at most {SINGLE_LINE_MAX}"),
            ))
            .at(file, span.start + offset..span.end + offset)
            .label(say(language, format!("{n} karakter"), format!("{n} characters")))
            .help(say(
                language,
                "singkatkan menjadi judul atau nama (isian ini tampil di banyak halaman); teks panjang ditulis di `analisis`, `keterangan` atau halaman Markdown",
                "shorten it to a title or a name (this field is shown on many pages); long text goes in `analisis`, `keterangan` or a Markdown page",
            ));
            if let Some(year) = year {
                finding = finding.year(year);
            }
            findings.push(finding);
        };
        fn walk(table: &DeTable<'_>, long: &mut dyn FnMut(&str, &str, std::ops::Range<usize>)) {
            for (key, value) in table {
                let key = key.get_ref().as_ref();
                let one_line = SINGLE_LINE_KEYS.contains(&key);
                match value.get_ref() {
                    DeValue::String(text) if one_line => long(key, text, value.span()),
                    DeValue::Table(inner) => walk(inner, long),
                    DeValue::Array(items) => {
                        for item in items {
                            match item.get_ref() {
                                DeValue::String(text) if one_line => long(key, text, item.span()),
                                DeValue::Table(inner) => walk(inner, long),
                                _ => {}
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        walk(table.get_ref(), &mut long);
    }
    findings
}

/// The TOML text of a file that holds one-line fields, and where it starts: a TOML file, or a
/// page's front matter.
fn one_line_fields(source: &crate::model::SourceFile) -> Option<(&str, usize)> {
    match source.path.extension().and_then(|e| e.to_str()) {
        Some("toml") => Some((source.text.as_str(), 0)),
        Some("md") => front_matter(&source.text),
        _ => None,
    }
}

/// Whether a file may hold a one-line field over the limit; one that may not gives no
/// finding of [`single_line_lengths`].
pub fn may_hold_a_long_one_line(source: &crate::model::SourceFile) -> bool {
    one_line_fields(source).is_some_and(|(text, _)| may_hold_a_long_line(text))
}

/// Whether a TOML text may hold a one-line field over the limit. Each quote mark is looked
/// for once in the whole text (a search per line cost more than the check it saved).
fn may_hold_a_long_line(text: &str) -> bool {
    if text.lines().any(|line| line.len() > SINGLE_LINE_MAX) {
        return true;
    }
    let opens_on_a_one_line_key = |at: usize| {
        let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let key = text[start..at].split('=').next().unwrap_or("").trim();
        SINGLE_LINE_KEYS.contains(&key)
    };
    ["\"\"\"", "'''"].iter().any(|quotes| {
        text.match_indices(quotes)
            .any(|(at, _)| opens_on_a_one_line_key(at))
    })
}

/// The TOML front matter of a page (between its `+++` lines) and where it starts.
fn front_matter(text: &str) -> Option<(&str, usize)> {
    let start = if text.starts_with("+++\n") {
        4
    } else if text.starts_with("+++\r\n") {
        5
    } else {
        return None;
    };
    let end = text[start..]
        .find("\n+++")
        .map_or(text.len(), |i| start + i + 1);
    Some((&text[start..end], start))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i16, m: i8, d: i8) -> Date {
        Date::new(y, m, d).unwrap()
    }

    #[test]
    fn working_days_skip_weekends() {
        // 2026-01-09 is a Friday, 2026-01-12 the Monday after.
        assert_eq!(working_days(date(2026, 1, 9), date(2026, 1, 12)), 2);
        assert_eq!(working_days(date(2026, 1, 5), date(2026, 1, 5)), 1);
        assert_eq!(working_days(date(2026, 1, 5), date(2026, 1, 9)), 5);
        assert_eq!(working_days(date(2026, 1, 10), date(2026, 1, 11)), 0);
        assert_eq!(working_days(date(2026, 1, 5), date(2026, 1, 18)), 10);
        assert_eq!(working_days(date(2026, 1, 9), date(2026, 1, 19)), 7);
        assert_eq!(working_days(date(2026, 1, 9), date(2026, 1, 8)), 0);
        // 9999 years at once, and the same as counting day by day over a stretch.
        assert!(working_days(date(1, 1, 1), date(9999, 12, 31)) > 2_600_000);
        let (mut day, mut slow) = (date(2024, 2, 20).0, 0);
        while day <= date(2025, 3, 3).0 {
            slow += i64::from(!matches!(
                day.weekday(),
                jiff::civil::Weekday::Saturday | jiff::civil::Weekday::Sunday
            ));
            day = day.tomorrow().unwrap();
        }
        assert_eq!(working_days(date(2024, 2, 20), date(2025, 3, 3)), slow);
    }

    #[test]
    fn durations_read_as_words() {
        let id = |minutes| duration_words(minutes, Language::Indonesian);
        assert_eq!(id(85), "1 jam 25 menit");
        assert_eq!(id(40), "40 menit");
        assert_eq!(id(0), "0 menit");
        assert_eq!(id(24 * 60 + 180), "1 hari 3 jam");
        assert_eq!(
            duration_words(24 * 60 + 65, Language::English),
            "1 day(s) 1 hour(s) 5 minute(s)"
        );
    }

    #[test]
    fn base_urls_are_paths_or_web_addresses() {
        for good in [
            "/",
            "",
            "/lkjip/",
            "lkjip",
            "https://x.go.id/lkjip/",
            "HTTP://x.id",
            "/a:b/",
        ] {
            assert!(is_safe_base_url(good), "{good}");
        }
        for bad in [
            "javascript://%0aalert(1)",
            "JavaScript:alert(1)",
            "data:text/html,x",
            "vbscript:x",
            "/a b/",
            "/\"onmouseover=x",
            "ftp://x.id/",
            "\tjavascript:x",
        ] {
            assert!(!is_safe_base_url(bad), "{bad}");
        }
    }

    #[test]
    fn ids_follow_the_pattern() {
        for good in ["ipg", "kabid-pp", "s1.2", "2025_x", "a"] {
            assert!(is_valid_id(good), "{good}");
        }
        for bad in ["", "-x", "../x", "a b", "IPG", "ü", &"x".repeat(65), "a..b"] {
            assert!(!is_valid_id(bad), "{bad}");
        }
    }
}
