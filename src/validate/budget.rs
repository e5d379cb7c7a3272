//! The checks of the budget hierarchy of a PK: programme → kegiatan → sub-kegiatan codes of the
//! Permendagri 90/2019 nomenclature (as numbered by Kepmendagri 050-5889/2021), their nesting,
//! duplicates, pagu and pagu perubahan, and the `[[anggaran]]` entries that name a
//! sub-kegiatan.
//!
//! Code shapes (urusan . bidang . program . kewenangan . kegiatan . sub-kegiatan):
//! - programme `2.08.02`: one digit, two, two;
//! - kegiatan `2.08.02.2.01`: the programme's code, the level of government (`1` provinsi,
//!   `2` kabupaten/kota) and two digits;
//! - sub-kegiatan `2.08.02.2.01.0001`: the kegiatan's code and four digits.

use std::collections::{BTreeMap, BTreeSet};

use crate::finding::{Finding, say};
use crate::model::{FileId, Language, Pk, Programme, Quarter, Report, Rupiah, Sp, Spending, Year};
use crate::validate::MAX_RUPIAH;

/// A level of the nomenclature.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Programme,
    Activity,
    SubActivity,
}

impl Level {
    /// The width of each dot-separated part, and which parts are one of `1`/`2`.
    fn widths(self) -> &'static [usize] {
        match self {
            Level::Programme => &[1, 2, 2],
            Level::Activity => &[1, 2, 2, 1, 2],
            Level::SubActivity => &[1, 2, 2, 1, 2, 4],
        }
    }

    fn example(self) -> &'static str {
        match self {
            Level::Programme => "2.08.02",
            Level::Activity => "2.08.02.2.01",
            Level::SubActivity => "2.08.02.2.01.0001",
        }
    }

    fn name(self, language: Language) -> &'static str {
        match (self, language) {
            (Level::Programme, Language::Indonesian) => "program",
            (Level::Programme, Language::English) => "programme",
            (Level::Activity, _) => "kegiatan",
            (Level::SubActivity, _) => "sub-kegiatan",
        }
    }
}

/// Whether `code` has the nomenclature's shape for `level`.
pub fn is_code(code: &str, level: Level) -> bool {
    let parts: Vec<&str> = code.split('.').collect();
    let widths = level.widths();
    parts.len() == widths.len()
        && parts.iter().zip(widths).enumerate().all(|(i, (p, w))| {
            p.len() == *w
                    && p.bytes().all(|b| b.is_ascii_digit())
                    // the level of government: 1 provinsi, 2 kabupaten/kota
                    && (i != 3 || *p == "1" || *p == "2")
        })
}

/// The code the editor probably meant: the same numbers with their leading zeros (`2.8.2` →
/// `2.08.02`, `2.08.02.2.01.1` → `2.08.02.2.01.0001`).
fn padded(code: &str, level: Level) -> Option<String> {
    let parts: Vec<&str> = code.trim().split('.').collect();
    let widths = level.widths();
    if parts.len() != widths.len() {
        return None;
    }
    let guess = parts
        .iter()
        .zip(widths)
        .map(|(p, w)| {
            let digits = p.trim_start_matches('0');
            let digits = if digits.is_empty() { "0" } else { digits };
            (digits.len() <= *w && digits.bytes().all(|b| b.is_ascii_digit()))
                .then(|| format!("{digits:0>w$}"))
        })
        .collect::<Option<Vec<String>>>()?
        .join(".");
    is_code(&guess, level).then_some(guess)
}

/// The candidate nearest to `code`: the longest common prefix, then the fewest edits, then the
/// closest last number.
pub fn nearest<'a>(code: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let last = |c: &str| c.rsplit('.').next().and_then(|n| n.parse::<i64>().ok());
    candidates.into_iter().min_by_key(|c| {
        let common = code
            .bytes()
            .zip(c.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        let apart = last(code)
            .zip(last(c))
            .map_or(i64::MAX, |(a, b)| (a - b).abs());
        (
            std::cmp::Reverse(common),
            strsim::levenshtein(code, c),
            apart,
        )
    })
}

/// The findings of every year's PKs and realisation files.
pub fn check(report: &Report) -> Vec<Finding> {
    let language = report.site.language;
    let mut findings = Vec::new();
    for year in report.years.values() {
        let before = findings.len();
        for pk in &year.pks {
            let mut c = Checker {
                language,
                file: pk.file,
                findings: &mut findings,
            };
            c.pk(pk);
            if let Some(realisations) = year.realisations.get(&pk.id) {
                let mut c = Checker {
                    language,
                    file: realisations.file,
                    findings: &mut findings,
                };
                c.spending(pk, &realisations.spending, year);
            }
        }
        for f in &mut findings[before..] {
            f.year = Some(year.year);
        }
    }
    findings
}

struct Checker<'a> {
    language: Language,
    file: FileId,
    findings: &'a mut Vec<Finding>,
}

impl Checker<'_> {
    fn say(&self, id: impl Into<String>, en: impl Into<String>) -> String {
        say(self.language, id, en)
    }

    fn rupiah(&self, amount: Rupiah) -> String {
        crate::format::Format::new(self.language).rupiah_whole(i128::from(amount.0))
    }

    fn pk(&mut self, pk: &Pk) {
        let mut codes: BTreeMap<&str, &Sp<String>> = BTreeMap::new();
        for programme in &pk.programmes {
            if programme.id.is_empty() && programme.code.is_none() {
                let f = Finding::error(self.say(
                    format!("program \"{}\" tidak punya `id` maupun `kode`", programme.name),
                    format!("the programme \"{}\" has neither `id` nor `kode`", programme.name),
                ))
                .at(self.file, programme.budget.span.clone())
                .label(self.say("program ini", "this programme"))
                .help(self.say(
                    "tulis `kode` program menurut nomenklatur Permendagri 90/2019 (mis. `kode = \"2.08.02\"`), atau `id`",
                    "write the programme's `kode` from the Permendagri 90/2019 nomenclature (e.g. `kode = \"2.08.02\"`), or an `id`",
                ));
                self.findings.push(f);
            }
            let programme_code = programme.code.as_ref().filter(|code| {
                self.code(code, Level::Programme, None) && self.unique(&mut codes, code)
            });
            // The programme's own pagu is checked with the programme.
            self.amounts(None, programme.revised_budget.as_ref());
            for activity in &programme.activities {
                let parent = programme_code.map(|c| c.as_str());
                if self.code(&activity.code, Level::Activity, parent) {
                    self.unique(&mut codes, &activity.code);
                }
                self.amounts(Some(&activity.budget), activity.revised_budget.as_ref());
                for sub in &activity.sub_activities {
                    if self.code(&sub.code, Level::SubActivity, Some(&activity.code)) {
                        self.unique(&mut codes, &sub.code);
                    }
                    self.amounts(Some(&sub.budget), sub.revised_budget.as_ref());
                }
                let children: Vec<(Rupiah, Rupiah, bool)> = activity
                    .sub_activities
                    .iter()
                    .map(|s| (*s.budget, s.effective_budget(), s.revised_budget.is_some()))
                    .collect();
                self.sums(
                    &activity.code.value,
                    &activity.budget,
                    activity.revised_budget.as_ref(),
                    &children,
                    Level::SubActivity,
                );
            }
            let children: Vec<(Rupiah, Rupiah, bool)> = programme
                .activities
                .iter()
                .map(|a| (*a.budget, a.effective_budget(), a.revised_budget.is_some()))
                .collect();
            let name = programme
                .code
                .as_ref()
                .map_or(programme.id.value.as_str(), |c| c.as_str());
            self.sums(
                name,
                &programme.budget,
                programme.revised_budget.as_ref(),
                &children,
                Level::Activity,
            );
        }
    }

    /// The code's shape and, below a programme, whether it starts with its parent's code.
    /// True when the code is well formed and nested.
    fn code(&mut self, code: &Sp<String>, level: Level, parent: Option<&str>) -> bool {
        let what = level.name(self.language);
        if !is_code(code, level) {
            let example = level.example();
            let guess = padded(code, level);
            let help = match &guess {
                Some(g) => self.say(
                    format!("mungkin maksudnya `{g}`? Kode {what} berbentuk `{example}` (Permendagri 90/2019)"),
                    format!("did you mean `{g}`? A {what} code looks like `{example}` (Permendagri 90/2019)"),
                ),
                None => self.say(
                    format!("kode {what} berbentuk `{example}`: urusan, bidang, program{} (Permendagri 90/2019)", match level {
                        Level::Programme => "",
                        Level::Activity => ", kewenangan (1 provinsi, 2 kabupaten/kota), kegiatan",
                        Level::SubActivity => ", kewenangan, kegiatan, sub-kegiatan empat angka",
                    }),
                    format!("a {what} code looks like `{example}`: urusan, bidang, programme{} (Permendagri 90/2019)", match level {
                        Level::Programme => "",
                        Level::Activity => ", level of government (1 province, 2 regency/city), kegiatan",
                        Level::SubActivity => ", level of government, kegiatan, four-digit sub-kegiatan",
                    }),
                ),
            };
            let f = Finding::error(self.say(
                format!("`{}` bukan kode {what} yang sah", code.value),
                format!("`{}` is not a valid {what} code", code.value),
            ))
            .at(self.file, code.span.clone())
            .label(self.say("bentuk kode salah", "malformed code"))
            .help(help);
            self.findings.push(f);
            return false;
        }
        let Some(parent) = parent else {
            return true;
        };
        if code.starts_with(&format!("{parent}.")) {
            return true;
        }
        let own = code.rsplit('.').next().unwrap_or_default();
        let (parent_what, guess) = match level {
            Level::SubActivity => ("kegiatan", format!("{parent}.{own}")),
            _ => (
                Level::Programme.name(self.language),
                format!(
                    "{parent}.{}",
                    code.splitn(4, '.').nth(3).unwrap_or_default()
                ),
            ),
        };
        let f = Finding::error(self.say(
            format!("kode {what} `{}` tidak diawali kode {parent_what}-nya `{parent}`", code.value),
            format!("the {what} code `{}` does not start with the code of its {parent_what}, `{parent}`", code.value),
        ))
        .at(self.file, code.span.clone())
        .label(self.say("tidak bersarang", "not nested"))
        .help(self.say(
            format!("mungkin maksudnya `{guess}`? Atau pindahkan {what} ini ke {parent_what} yang kodenya awalan kode ini"),
            format!("did you mean `{guess}`? Or move this {what} under the {parent_what} whose code begins this one"),
        ));
        self.findings.push(f);
        false
    }

    /// A code used twice in one PK. True when first seen.
    fn unique<'a>(
        &mut self,
        seen: &mut BTreeMap<&'a str, &'a Sp<String>>,
        code: &'a Sp<String>,
    ) -> bool {
        if seen.insert(code.as_str(), code).is_none() {
            return true;
        }
        let f = Finding::error(self.say(
            format!("kode `{}` dipakai dua kali dalam PK ini", code.value),
            format!("the code `{}` is used twice in this PK", code.value),
        ))
        .at(self.file, code.span.clone())
        .label(self.say("kedua kalinya", "second use"))
        .help(self.say(
            "satu kode satu baris anggaran: gabungkan keduanya, atau perbaiki kode salah satunya",
            "one code, one budget line: merge the two, or correct the code of one",
        ));
        self.findings.push(f);
        false
    }

    /// pagu and pagu perubahan: zero or more, at most Rp 1.000 triliun.
    fn amounts(&mut self, budget: Option<&Sp<Rupiah>>, revised: Option<&Sp<Rupiah>>) {
        for (key, amount) in [("pagu", budget), ("pagu_perubahan", revised)] {
            let Some(amount) = amount else { continue };
            if amount.0 < 0 {
                let f = Finding::error(self.say(
                    format!("`{key}` bernilai negatif"),
                    format!("`{key}` is negative"),
                ))
                .at(self.file, amount.span.clone())
                .label(self.say("negatif", "negative"))
                .help(self.say(
                    "pagu adalah nol rupiah atau lebih",
                    "a budget is zero rupiah or more",
                ));
                self.findings.push(f);
            } else if amount.0 > MAX_RUPIAH {
                let f = Finding::error(self.say(
                    format!("`{key}` lebih dari Rp 1.000 triliun"),
                    format!("`{key}` is more than Rp 1.000 triliun"),
                ))
                .at(self.file, amount.span.clone())
                .label(self.say("terlalu besar", "too large"))
                .help(self.say(
                    "tulis rupiah utuh tanpa pemisah ribuan atau desimal",
                    "write whole rupiah, without thousands separators or decimals",
                ));
                self.findings.push(f);
            }
        }
    }

    /// Children whose pagu add up to more than their parent's (murni, then perubahan), and
    /// children with a pagu perubahan under a parent without one.
    fn sums(
        &mut self,
        parent: &str,
        budget: &Sp<Rupiah>,
        revised: Option<&Sp<Rupiah>>,
        children: &[(Rupiah, Rupiah, bool)],
        level: Level,
    ) {
        if children.is_empty() {
            return;
        }
        let what = level.name(self.language);
        let sum = |f: fn(&(Rupiah, Rupiah, bool)) -> Rupiah| {
            Rupiah(children.iter().fold(0i64, |s, c| s.saturating_add(f(c).0)))
        };
        let murni = sum(|c| c.0);
        let any_revised = revised.is_some() || children.iter().any(|c| c.2);
        let mut columns = vec![("pagu", budget, murni)];
        if any_revised {
            let effective = sum(|c| c.1);
            match revised {
                Some(r) => columns.push(("pagu_perubahan", r, effective)),
                None => {
                    let f = Finding::warning(self.say(
                        format!("{what} di bawah `{parent}` punya `pagu_perubahan`, `{parent}` sendiri tidak"),
                        format!("{what} under `{parent}` have a `pagu_perubahan`, `{parent}` itself has none"),
                    ))
                    .at(self.file, budget.span.clone())
                    .label(self.say("tanpa pagu perubahan", "no revised budget"))
                    .help(self.say(
                        format!("tambahkan `pagu_perubahan` pada `{parent}` (jumlah {what}-nya setelah APBD-P: {}); tanpanya serapannya diukur terhadap pagu murni", self.rupiah(effective)),
                        format!("add `pagu_perubahan` to `{parent}` (its {what} add up to {} after the APBD-P); without it, its serapan is measured against the original pagu", self.rupiah(effective)),
                    ));
                    self.findings.push(f);
                }
            }
        }
        for (key, value, total) in columns {
            if total.0 > value.0 {
                let f = Finding::warning(self.say(
                    format!("`{key}` {what} di bawah `{parent}` berjumlah {}, lebih dari `{key}`-nya {}", self.rupiah(total), self.rupiah(value.value)),
                    format!("the `{key}` of the {what} under `{parent}` add up to {}, more than its own {}", self.rupiah(total), self.rupiah(value.value)),
                ))
                .at(self.file, value.span.clone())
                .label(self.say("kurang dari jumlah rinciannya", "less than its parts"))
                .help(self.say(
                    format!("periksa angkanya: `{key}` `{parent}` biasanya sama dengan jumlah {what}-nya"),
                    format!("check the amounts: the `{key}` of `{parent}` is usually the sum of its {what}"),
                ));
                self.findings.push(f);
            }
        }
    }

    /// `[[anggaran]]` entries: one of `program` and `sub_kegiatan`, a known sub-kegiatan, no
    /// two entries for one sub-kegiatan and quarter, amounts in range, no quarter spent on both
    /// a programme and its sub-kegiatan, no sub-kegiatan over its pagu.
    fn spending(&mut self, pk: &Pk, spending: &[Spending], year: &Year) {
        let subs: BTreeMap<&str, (&Programme, Rupiah)> = pk
            .programmes
            .iter()
            .flat_map(|p| {
                p.sub_activities()
                    .map(move |(_, s)| (s.code.as_str(), (p, s.effective_budget())))
            })
            .collect();
        let mut seen: BTreeSet<(&str, Quarter)> = BTreeSet::new();
        let mut spent: BTreeMap<&str, (i64, &Spending)> = BTreeMap::new();
        for entry in spending {
            let code = match (&entry.program, &entry.sub_activity) {
                (None, None) => {
                    let f = Finding::error(self.say(
                        "`[[anggaran]]` ini tidak menyebut `program` maupun `sub_kegiatan`",
                        "this `[[anggaran]]` names neither `program` nor `sub_kegiatan`",
                    ))
                    .at(self.file, entry.quarter.span.clone())
                    .label(self.say("belanja siapa?", "whose spending?"))
                    .help(self.say(
                        "tambahkan `sub_kegiatan = \"<kode>\"` (atau `program = \"<id>\"` untuk program tanpa sub-kegiatan)",
                        "add `sub_kegiatan = \"<kode>\"` (or `program = \"<id>\"` for a programme without sub-kegiatan)",
                    ));
                    self.findings.push(f);
                    continue;
                }
                (Some(_), Some(code)) => {
                    let f = Finding::error(self.say(
                        "`[[anggaran]]` ini menyebut `program` dan `sub_kegiatan` sekaligus",
                        "this `[[anggaran]]` names both `program` and `sub_kegiatan`",
                    ))
                    .at(self.file, code.span.clone())
                    .label(self.say("tulis salah satu", "write one of the two"))
                    .help(self.say(
                        "belanja sub-kegiatan sudah terhitung pada programnya: hapus baris `program`",
                        "a sub-kegiatan's spending already counts for its programme: remove the `program` line",
                    ));
                    self.findings.push(f);
                    continue;
                }
                (Some(_), None) => continue,
                (None, Some(code)) => code,
            };
            if !subs.contains_key(code.as_str()) {
                let near = nearest(code, subs.keys().copied());
                let help = match near {
                    Some(n) => self.say(format!("mungkin maksudnya `{n}`?"), format!("did you mean `{n}`?")),
                    None => self.say(
                        format!("PK `{}` belum punya `[[program.kegiatan.sub_kegiatan]]`: tambahkan sub-kegiatan itu di {}/pk/{}.toml", pk.id, year.year, pk.id),
                        format!("the PK `{}` has no `[[program.kegiatan.sub_kegiatan]]` yet: add it to {}/pk/{}.toml", pk.id, year.year, pk.id),
                    ),
                };
                let f = Finding::error(self.say(
                    format!(
                        "sub-kegiatan `{}` tidak ada dalam PK `{}` tahun {}",
                        code.value, pk.id, year.year
                    ),
                    format!(
                        "unknown sub-kegiatan `{}` in the PK `{}` of {}",
                        code.value, pk.id, year.year
                    ),
                ))
                .at(self.file, code.span.clone())
                .label(self.say("sub-kegiatan tak dikenal", "no such sub-kegiatan"))
                .help(help);
                self.findings.push(f);
                continue;
            }
            if !seen.insert((code.as_str(), *entry.quarter)) {
                let f = Finding::error(self.say(
                    format!(
                        "`{}` punya dua realisasi anggaran untuk triwulan {}",
                        code.value,
                        entry.quarter.number()
                    ),
                    format!(
                        "`{}` has two budget realisations for triwulan {}",
                        code.value,
                        entry.quarter.number()
                    ),
                ))
                .at(self.file, entry.quarter.span.clone())
                .label(self.say(
                    "entri kedua untuk triwulan ini",
                    "second entry for this quarter",
                ))
                .help(self.say(
                    "satu [[anggaran]] per sub-kegiatan per triwulan: jumlahkan keduanya",
                    "one [[anggaran]] per sub-kegiatan and quarter: add the two up",
                ));
                self.findings.push(f);
            }
            if entry.amount.0 < 0 || entry.amount.0 > MAX_RUPIAH {
                let f = Finding::error(self.say(
                    format!("realisasi anggaran `{}` di luar rentang", code.value),
                    format!("the budget realisation of `{}` is out of range", code.value),
                ))
                .at(self.file, entry.amount.span.clone())
                .label(self.say(
                    if entry.amount.0 < 0 {
                        "negatif"
                    } else {
                        "terlalu besar"
                    },
                    if entry.amount.0 < 0 {
                        "negative"
                    } else {
                        "too large"
                    },
                ))
                .help(self.say(
                    "tulis rupiah yang dibelanjakan pada triwulan itu: nol atau lebih, rupiah utuh",
                    "write the rupiah spent in the quarter: zero or more, whole rupiah",
                ));
                self.findings.push(f);
                continue;
            }
            let slot = spent.entry(code.as_str()).or_insert((0, entry));
            slot.0 = slot.0.saturating_add(entry.amount.0);
            slot.1 = entry;
        }
        // Over the pagu: at the last entry of the sub-kegiatan.
        for (code, (total, last)) in &spent {
            let (_, budget) = subs[code];
            if *total > budget.0 {
                let f = Finding::warning(self.say(
                    format!(
                        "sub-kegiatan `{code}` telah membelanjakan {} dari pagu {}",
                        self.rupiah(Rupiah(*total)),
                        self.rupiah(budget)
                    ),
                    format!(
                        "the sub-kegiatan `{code}` has spent {} of a pagu of {}",
                        self.rupiah(Rupiah(*total)),
                        self.rupiah(budget)
                    ),
                ))
                .at(self.file, last.amount.span.clone())
                .label(self.say("melebihi pagu", "over the pagu"))
                .help(self.say(
                    "periksa jumlahnya, atau catat `pagu_perubahan` (APBD-P) sub-kegiatan itu",
                    "check the amounts, or record the sub-kegiatan's `pagu_perubahan` (APBD-P)",
                ));
                self.findings.push(f);
            }
        }
        // Double counting: one quarter recorded on a programme and on its sub-kegiatan.
        for entry in spending {
            let (Some(program), None) = (&entry.program, &entry.sub_activity) else {
                continue;
            };
            let Some(programme) = pk.programmes.iter().find(|p| p.id.value == program.value) else {
                continue;
            };
            let both = spending.iter().any(|other| {
                *other.quarter == *entry.quarter
                    && other.program.is_none()
                    && other.sub_activity.as_ref().is_some_and(|c| {
                        programme
                            .sub_activities()
                            .any(|(_, s)| s.code.value == c.value)
                    })
            });
            if both {
                let f = Finding::warning(self.say(
                    format!("triwulan {} mencatat belanja pada program `{}` dan pada sub-kegiatannya", entry.quarter.number(), program.value),
                    format!("triwulan {} records spending on the programme `{}` and on its sub-kegiatan", entry.quarter.number(), program.value),
                ))
                .at(self.file, program.span.clone())
                .label(self.say("terhitung dua kali?", "counted twice?"))
                .help(self.say(
                    "keduanya dijumlahkan ke serapan program; bila entri program ini adalah jumlah sub-kegiatannya, hapus entri ini",
                    "both are added to the programme's serapan; if this programme entry is the sum of its sub-kegiatan, remove it",
                ));
                self.findings.push(f);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_shapes_per_level() {
        assert!(is_code("2.08.02", Level::Programme));
        assert!(is_code("2.14.03.2.02", Level::Activity));
        assert!(is_code("2.08.02.2.01.0001", Level::SubActivity));
        assert!(!is_code("2.8.2", Level::Programme));
        assert!(
            !is_code("2.08.02.3.01", Level::Activity),
            "kewenangan is 1 or 2"
        );
        assert!(!is_code("2.08.02.2.01.01", Level::SubActivity));
        assert!(!is_code("2.08.02.2.01", Level::SubActivity));
        assert!(!is_code("2.08.0a", Level::Programme));
    }

    #[test]
    fn the_code_meant_has_its_leading_zeros() {
        assert_eq!(
            padded("2.8.2", Level::Programme).as_deref(),
            Some("2.08.02")
        );
        assert_eq!(
            padded("2.08.02.2.01.1", Level::SubActivity).as_deref(),
            Some("2.08.02.2.01.0001")
        );
        assert_eq!(padded("2.08", Level::Programme), None);
    }

    #[test]
    fn the_nearest_code_shares_the_longest_prefix() {
        let codes = [
            "2.08.02.2.01.0001",
            "2.08.02.2.01.0005",
            "2.14.03.2.02.0001",
        ];
        assert_eq!(
            nearest("2.08.02.2.01.0006", codes),
            Some("2.08.02.2.01.0005")
        );
        assert_eq!(
            nearest("2.14.03.2.02.0010", codes),
            Some("2.14.03.2.02.0001")
        );
    }
}
