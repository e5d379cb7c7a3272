//! The checks of what the regulation's LKjIP format adds to the data: the IKU mark, the scores
//! of an ordinal scale (`skor`), benchmarks (`pembanding`), the Renstra's `[[tujuan]]` and word
//! targets, and the APIP's review (`[reviu]` in proses.toml).
//!
//! IKU (Indikator Kinerja Utama) belong to the organisation: they are the indicators of the
//! head's PK (the official whose `peran` is `kepala_opd`). `iku = true` anywhere else is a
//! warning.

use std::collections::BTreeSet;

use crate::compute::Computed;
use crate::finding::{Finding, did_you_mean, say};
use crate::model::{
    FileId, Indicator, Language, Moment, Pk, Renstra, RenstraIndicator, Report, Role, Sp, Value,
    Year,
};

/// The errors and warnings of the loaded model that need nothing computed.
pub fn check(report: &Report) -> Vec<Finding> {
    let language = report.site.language;
    let mut findings = Vec::new();
    if let Some(renstra) = &report.renstra {
        findings.extend(renstra_findings(report, renstra, language));
    }
    for year in report.years.values() {
        let before = findings.len();
        for pk in &year.pks {
            let head = is_head(report, pk);
            for (_, indicator) in pk.indicators() {
                indicator_findings(&mut findings, language, pk.file, indicator, year.year, head);
                if let Some(renstra) = &report.renstra {
                    findings.extend(renstra_word_target(
                        language, pk.file, indicator, renstra, year.year,
                    ));
                }
            }
        }
        for f in &mut findings[before..] {
            f.year = Some(year.year);
        }
    }
    findings
}

/// The warnings that need the year's approval: an approved year without a review, a review
/// dated after the signature.
pub fn review(report: &Report, computed: &Computed) -> Vec<Finding> {
    let language = report.site.language;
    let mut findings = Vec::new();
    for year in report.years.values() {
        let Some(result) = computed.years.get(&year.year) else {
            continue;
        };
        let Some(signed) = result.approval.signed() else {
            continue;
        };
        let review = year.process.as_ref().and_then(|p| p.review.as_ref());
        match review {
            None => findings.push(unreviewed(language, year, signed)),
            Some(r) if after(*r.tanggal, signed.instant) => {
                let file = year.process.as_ref().map_or(signed.file, |p| p.file);
                findings.push(
                    Finding::warning(say(
                        language,
                        format!(
                            "reviu laporan tahun {} bertanggal {}, setelah laporan ditandatangani ({})",
                            year.year, r.tanggal.value, signed.instant
                        ),
                        format!(
                            "the review of the {} report is dated {}, after the report was signed ({})",
                            year.year, r.tanggal.value, signed.instant
                        ),
                    ))
                    .at(file, r.tanggal.span.clone())
                    .label(say(language, "setelah penandatanganan", "after the signature"))
                    .help(say(
                        language,
                        "APIP mereviu laporan sebelum kepala OPD menandatanganinya: periksa tanggal reviu, atau catat persetujuan ulang (`putaran` berikutnya) setelah reviu",
                        "the APIP reviews the report before the head of the agency signs it: check the review's date, or record a new approval (the next `putaran`) after the review",
                    ))
                    .year(year.year),
                );
            }
            Some(_) => {}
        }
    }
    findings
}

fn unreviewed(language: Language, year: &Year, signed: &crate::approval::Signed) -> Finding {
    Finding::warning(say(
        language,
        format!("tahun {} disetujui tanpa reviu APIP", year.year),
        format!("{} is approved without a review by the APIP", year.year),
    ))
    .at(signed.file, signed.span.clone())
    .label(say(language, "persetujuan tanpa reviu", "approval without review"))
    .help(say(
        language,
        format!(
            "catat reviu Inspektorat dalam {}/proses.toml: tabel `[reviu]` dengan `instansi`, `nama`, `jabatan`, `tanggal` dan `nomor`; laporan kinerja direviu sebelum ditandatangani",
            year.year
        ),
        format!(
            "record the Inspectorate's review in {}/proses.toml: a `[reviu]` table with `instansi`, `nama`, `jabatan`, `tanggal` and `nomor`; a performance report is reviewed before it is signed",
            year.year
        ),
    ))
    .year(year.year)
}

/// Whether `review` comes after `signature`. A date-only signature lasts its whole day; a
/// review on that day is not after it.
fn after(review: Moment, signature: Moment) -> bool {
    match (review, signature) {
        (Moment::At(r), Moment::At(s)) => r > s,
        _ => review.date() > signature.date(),
    }
}

/// Whether the PK is the head's: its official is the `kepala_opd`.
pub fn is_head(report: &Report, pk: &Pk) -> bool {
    report
        .official(&pk.official)
        .is_some_and(|o| *o.role == Role::KepalaOpd)
}

fn indicator_findings(
    findings: &mut Vec<Finding>,
    language: Language,
    file: FileId,
    indicator: &Indicator,
    year: i32,
    head: bool,
) {
    let id = indicator.id.as_str();
    if let Some(iku) = &indicator.iku
        && iku.value
        && !head
    {
        findings.push(
            Finding::warning(say(
                language,
                format!("`{id}` ditandai IKU, tetapi bukan indikator PK kepala OPD"),
                format!("`{id}` is marked IKU but is not an indicator of the head's PK"),
            ))
            .at(file, iku.span.clone())
            .label(say(language, "IKU di luar PK kepala", "IKU outside the head's PK"))
            .help(say(
                language,
                "Indikator Kinerja Utama adalah indikator organisasi, yaitu indikator PK kepala OPD: tandai `iku = true` pada indikator PK kepala, dan hapus tanda ini di sini",
                "Indikator Kinerja Utama belong to the organisation, i.e. the head's PK: mark `iku = true` on the head's indicators and remove it here",
            )),
        );
    }
    if let Some(scores) = &indicator.scores {
        score_findings(findings, language, file, indicator, scores);
    }
    for b in &indicator.benchmarks {
        if b.name.trim().is_empty() {
            findings.push(
                Finding::error(say(
                    language,
                    format!("pembanding `{id}` tanpa nama"),
                    format!("a benchmark of `{id}` has no name"),
                ))
                .at(file, b.name.span.clone())
                .label(say(language, "nama kosong", "empty name"))
                .help(say(
                    language,
                    "tulis siapa pembandingnya, mis. `nama = \"Provinsi Kalimantan Utara\"` atau `\"Nasional\"`",
                    "say whose value it is, e.g. `nama = \"Provinsi Kalimantan Utara\"` or `\"Nasional\"`",
                )),
            );
        }
        match (&b.value.value, indicator.scale.as_ref()) {
            (Value::Number(n), None) if !n.is_finite() => findings.push(
                Finding::error(say(
                    language,
                    format!("nilai pembanding `{id}` bukan bilangan ({n})"),
                    format!("the benchmark value of `{id}` is not a number ({n})"),
                ))
                .at(file, b.value.span.clone())
                .label(say(language, "bukan bilangan", "not a number"))
                .help(say(
                    language,
                    "tulis nilainya sebagai bilangan, mis. `nilai = 91.6`",
                    "write the value as a number, e.g. `nilai = 91.6`",
                )),
            ),
            (Value::Word(w), None) => findings.push(
                Finding::error(say(
                    language,
                    format!("nilai pembanding `{id}` berupa kata (\"{w}\"), padahal indikatornya numerik"),
                    format!("the benchmark value of `{id}` is a word (\"{w}\") but the indicator is numeric"),
                ))
                .at(file, b.value.span.clone())
                .label(say(language, "kata", "a word"))
                .help(say(
                    language,
                    "tulis bilangan tanpa tanda petik, mis. `nilai = 91.6`",
                    "write a number without quotes, e.g. `nilai = 91.6`",
                )),
            ),
            (Value::Number(n), Some(scale)) => findings.push(
                Finding::error(say(
                    language,
                    format!("nilai pembanding `{id}` berupa bilangan ({n}), padahal indikatornya ordinal"),
                    format!("the benchmark value of `{id}` is a number ({n}) but the indicator is ordinal"),
                ))
                .at(file, b.value.span.clone())
                .label(say(language, "bilangan", "a number"))
                .help(say(
                    language,
                    format!("tulis salah satu kata skala: {}", scale.join(", ")),
                    format!("write one of the scale's words: {}", scale.join(", ")),
                )),
            ),
            (Value::Word(w), Some(scale)) if !scale.contains(w) => {
                findings.push(word_outside_scale(language, file, id, w, &b.value, scale))
            }
            _ => {}
        }
        if let Some(y) = &b.year
            && y.value > year
        {
            findings.push(
                Finding::warning(say(
                    language,
                    format!(
                        "pembanding `{id}` bertahun {}, setelah tahun laporan {year}",
                        y.value
                    ),
                    format!(
                        "a benchmark of `{id}` is of {}, after the report's year {year}",
                        y.value
                    ),
                ))
                .at(file, y.span.clone())
                .label(say(
                    language,
                    "tahun setelah laporan",
                    "a year after the report",
                ))
                .help(say(
                    language,
                    "data pembanding adalah data tahun laporan atau sebelumnya: periksa `tahun`",
                    "a benchmark is of the report's year or earlier: check `tahun`",
                )),
            );
        }
    }
}

fn word_outside_scale(
    language: Language,
    file: FileId,
    id: &str,
    word: &str,
    at: &Sp<Value>,
    scale: &[String],
) -> Finding {
    let hint = did_you_mean(word, scale.iter().map(String::as_str));
    Finding::error(say(
        language,
        format!("\"{word}\" bukan kata skala `{id}`"),
        format!("\"{word}\" is not a word of the scale of `{id}`"),
    ))
    .at(file, at.span.clone())
    .label(say(language, "di luar skala", "not in `skala`"))
    .help(match hint {
        Some(h) => say(
            language,
            format!(
                "mungkin maksudnya \"{h}\"? kata skala: {}",
                scale.join(", ")
            ),
            format!(
                "did you mean \"{h}\"? the scale's words: {}",
                scale.join(", ")
            ),
        ),
        None => say(
            language,
            format!("kata skala: {}", scale.join(", ")),
            format!("the scale's words: {}", scale.join(", ")),
        ),
    })
}

fn score_findings(
    findings: &mut Vec<Finding>,
    language: Language,
    file: FileId,
    indicator: &Indicator,
    scores: &Sp<Vec<Sp<f64>>>,
) {
    let id = indicator.id.as_str();
    let Some(scale) = &indicator.scale else {
        findings.push(
            Finding::error(say(
                language,
                format!("`skor` pada `{id}`, padahal indikatornya tidak ordinal (tanpa `skala`)"),
                format!("`skor` on `{id}`, which is not ordinal (it has no `skala`)"),
            ))
            .at(file, scores.span.clone())
            .label(say(language, "skor tanpa skala", "scores without a scale"))
            .help(say(
                language,
                "`skor` memberi nilai pada setiap kata `skala`: hapus `skor`, atau tambahkan `skala` bila indikatornya berupa predikat",
                "`skor` scores each word of `skala`: remove `skor`, or add `skala` if the indicator is a grade",
            )),
        );
        return;
    };
    if scores.len() != scale.len() {
        findings.push(
            Finding::error(say(
                language,
                format!(
                    "`skor` `{id}` berisi {} nilai, padahal `skala` berisi {} kata",
                    scores.len(),
                    scale.len()
                ),
                format!(
                    "`skor` of `{id}` has {} values but `skala` has {} words",
                    scores.len(),
                    scale.len()
                ),
            ))
            .at(file, scores.span.clone())
            .label(say(
                language,
                format!("{} skor untuk {} kata", scores.len(), scale.len()),
                format!("{} scores for {} words", scores.len(), scale.len()),
            ))
            .help(say(
                language,
                format!(
                    "tulis satu skor untuk setiap kata, berurutan: {}",
                    scale.join(", ")
                ),
                format!("write one score per word, in order: {}", scale.join(", ")),
            )),
        );
        return;
    }
    for s in scores.iter() {
        if !s.is_finite() || s.value < 0.0 {
            findings.push(
                Finding::error(say(
                    language,
                    format!("skor `{id}` tidak sah ({})", s.value),
                    format!("a score of `{id}` is not valid ({})", s.value),
                ))
                .at(file, s.span.clone())
                .label(say(language, "bukan skor", "not a score"))
                .help(say(
                    language,
                    "skor adalah bilangan tidak negatif, mis. 60, 70, 80, 90, 100",
                    "a score is a non-negative number, e.g. 60, 70, 80, 90, 100",
                )),
            );
            return;
        }
    }
    if let Some(i) = (1..scores.len()).find(|&i| scores[i].value <= scores[i - 1].value) {
        let (low, high) = (&scale[i - 1], &scale[i]);
        findings.push(
            Finding::warning(say(
                language,
                format!(
                    "skor `{id}` tidak naik: \"{high}\" ({}) tidak di atas \"{low}\" ({})",
                    scores[i].value,
                    scores[i - 1].value
                ),
                format!(
                    "the scores of `{id}` do not rise: \"{high}\" ({}) is not above \"{low}\" ({})",
                    scores[i].value,
                    scores[i - 1].value
                ),
            ))
            .at(file, scores[i].span.clone())
            .label(say(language, "tidak di atas skor sebelumnya", "not above the previous score"))
            .help(say(
                language,
                "`skala` ditulis dari yang terendah, jadi skornya naik: periksa urutan `skor` dan `skala`",
                "`skala` is written lowest first, so its scores rise: check the order of `skor` and `skala`",
            )),
        );
    }
}

/// An ordinal PK target that is not the Renstra's word for the year (numbers are compared by
/// the plausibility rules).
fn renstra_word_target(
    language: Language,
    file: FileId,
    indicator: &Indicator,
    renstra: &Renstra,
    year: i32,
) -> Option<Finding> {
    let planned = renstra.indicator(&indicator.id)?;
    let renstra_word = planned.goal(year)?;
    let renstra_word = renstra_word.as_word()?;
    let target = indicator.target.as_ref()?;
    let pk_word = target.value.as_word()?;
    if pk_word == renstra_word {
        return None;
    }
    let id = indicator.id.as_str();
    Some(
        Finding::warning(say(
            language,
            format!("target `{id}` tahun {year} (\"{pk_word}\") berbeda dengan target Renstra (\"{renstra_word}\")"),
            format!("the {year} target of `{id}` (\"{pk_word}\") differs from the Renstra's (\"{renstra_word}\")"),
        ))
        .at(file, target.span.clone())
        .label(format!("Renstra: {renstra_word}"))
        .help(say(
            language,
            format!("samakan target PK dengan Renstra (`\"{renstra_word}\"`), atau perbarui renstra.toml jika Renstra telah direviu"),
            format!("make the PK's target the Renstra's (`\"{renstra_word}\"`), or update renstra.toml if the Renstra was revised"),
        )),
    )
}

/// `[[tujuan]]` and what the plain checks of renstra.toml do not see: ids, references to a
/// `tujuan`, the indicators under a `tujuan`, and word targets.
fn renstra_findings(report: &Report, renstra: &Renstra, language: Language) -> Vec<Finding> {
    let file = renstra.file;
    let mut findings = Vec::new();
    let mut objectives = BTreeSet::new();
    for o in &renstra.objectives {
        if !crate::validate::is_valid_id(&o.id) {
            findings.push(
                Finding::error(say(
                    language,
                    format!("`{}` bukan id tujuan yang sah", o.id.value),
                    format!("`{}` is not a valid id for a tujuan", o.id.value),
                ))
                .at(file, o.id.span.clone())
                .label(say(language, "id tidak sah", "invalid id"))
                .help(say(
                    language,
                    "id memakai huruf kecil, angka, `.`, `_` dan `-`, mis. `t1`",
                    "an id uses lower-case letters, digits, `.`, `_` and `-`, e.g. `t1`",
                )),
            );
        }
        if !objectives.insert(o.id.as_str()) {
            findings.push(
                Finding::error(say(
                    language,
                    format!("Renstra mencantumkan tujuan `{}` dua kali", o.id.value),
                    format!("the Renstra lists the tujuan `{}` twice", o.id.value),
                ))
                .at(file, o.id.span.clone())
                .label(say(language, "tujuan kedua", "second entry"))
                .help(say(
                    language,
                    "satu `[[tujuan]]` per id",
                    "keep one `[[tujuan]]` per id",
                )),
            );
        }
    }
    // Indicators of `[[indikator]]` are checked for duplicates among themselves elsewhere;
    // here each `[[tujuan]]`'s against all the others.
    let mut seen: BTreeSet<&str> = renstra.indicators.iter().map(|i| i.id.as_str()).collect();
    for o in &renstra.objectives {
        for i in &o.indicators {
            if !seen.insert(i.id.as_str()) {
                findings.push(
                    Finding::error(say(
                        language,
                        format!("Renstra mencantumkan indikator `{}` dua kali", i.id.value),
                        format!("the Renstra lists the indicator `{}` twice", i.id.value),
                    ))
                    .at(file, i.id.span.clone())
                    .label(say(language, "indikator kedua", "second entry"))
                    .help(say(
                        language,
                        "satu indikator per id, di bawah `[[indikator]]` atau di bawah satu `[[tujuan]]`",
                        "one indicator per id, under `[[indikator]]` or under one `[[tujuan]]`",
                    )),
                );
            }
            if !i.objective.is_empty() && *i.objective != *o.id {
                findings.push(
                    Finding::error(say(
                        language,
                        format!(
                            "indikator `{}` ada di bawah tujuan `{}` tetapi menyebut tujuan `{}`",
                            i.id.value, o.id.value, i.objective.value
                        ),
                        format!(
                            "the indicator `{}` is under the tujuan `{}` but names the tujuan `{}`",
                            i.id.value, o.id.value, i.objective.value
                        ),
                    ))
                    .at(file, i.objective.span.clone())
                    .label(say(language, "tujuan lain", "another tujuan"))
                    .help(say(
                        language,
                        "indikator di bawah `[[tujuan]]` sudah milik tujuan itu: hapus kunci `tujuan`",
                        "an indicator under `[[tujuan]]` belongs to it already: remove the `tujuan` key",
                    )),
                );
            }
            findings.extend(indicator_targets(renstra, i, language));
        }
    }
    for i in &renstra.indicators {
        if !i.objective.is_empty() && !objectives.contains(i.objective.as_str()) {
            let hint = did_you_mean(&i.objective, objectives.iter().copied());
            findings.push(
                Finding::error(say(
                    language,
                    format!("tujuan `{}` tidak ada dalam Renstra", i.objective.value),
                    format!("the Renstra has no tujuan `{}`", i.objective.value),
                ))
                .at(file, i.objective.span.clone())
                .label(say(language, "tujuan tak dikenal", "unknown tujuan"))
                .help(match hint {
                    Some(h) => say(
                        language,
                        format!("mungkin maksudnya `{h}`?"),
                        format!("did you mean `{h}`?"),
                    ),
                    None => say(
                        language,
                        "tambahkan `[[tujuan]]` dengan id ini, atau hapus kunci `tujuan`",
                        "add a `[[tujuan]]` with this id, or remove the `tujuan` key",
                    ),
                }),
            );
        }
    }
    for i in renstra.all_indicators() {
        findings.extend(word_targets(report, renstra, i, language));
    }
    findings
}

/// The target years and numbers of an indicator under `[[tujuan]]` (those of `[[indikator]]`
/// have the same checks with the rest of renstra.toml).
fn indicator_targets(
    renstra: &Renstra,
    indicator: &RenstraIndicator,
    language: Language,
) -> Vec<Finding> {
    let [first, last] = renstra.period.value;
    let mut findings = Vec::new();
    for (year, target) in indicator.targets.iter() {
        if let Value::Number(n) = target.value
            && !n.is_finite()
        {
            findings.push(
                Finding::error(say(
                    language,
                    format!(
                        "target Renstra `{}` bukan bilangan ({n})",
                        indicator.id.value
                    ),
                    format!(
                        "a Renstra target of `{}` is not a number ({n})",
                        indicator.id.value
                    ),
                ))
                .at(renstra.file, target.span.clone())
                .label(say(language, "bukan bilangan", "not a number"))
                .help(say(
                    language,
                    "tulis bilangan, mis. 92.5",
                    "write a number, e.g. 92.5",
                )),
            );
        }
        let in_period = year
            .parse::<i32>()
            .is_ok_and(|y| (first..=last).contains(&y));
        if !in_period && first <= last {
            findings.push(
                Finding::error(say(
                    language,
                    format!("`{year}` bukan tahun periode Renstra {first}–{last}"),
                    format!("`{year}` is not a year of the plan period {first}–{last}"),
                ))
                .at(renstra.file, target.span.clone())
                .label(say(
                    language,
                    "target untuk tahun ini",
                    "target for this year",
                ))
                .help(say(
                    language,
                    format!(
                        "kunci target adalah tahun {first} sampai {last}, mis. `{last} = 92.5`"
                    ),
                    format!(
                        "the target keys are the years {first} to {last}, e.g. `{last} = 92.5`"
                    ),
                )),
            );
        }
    }
    findings
}

/// Word targets: all of one kind per indicator, and words of the PK indicator's `skala`.
fn word_targets(
    report: &Report,
    renstra: &Renstra,
    indicator: &RenstraIndicator,
    language: Language,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    let words: Vec<(&String, &Sp<Value>)> = indicator
        .targets
        .iter()
        .filter(|(_, t)| t.as_word().is_some())
        .collect();
    if words.is_empty() {
        return findings;
    }
    if words.len() != indicator.targets.len() {
        let (_, first_word) = words[0];
        findings.push(
            Finding::error(say(
                language,
                format!("target Renstra `{}` mencampur kata dan bilangan", indicator.id.value),
                format!("the Renstra targets of `{}` mix words and numbers", indicator.id.value),
            ))
            .at(renstra.file, first_word.span.clone())
            .label(say(language, "kata", "a word"))
            .help(say(
                language,
                "indikator ordinal memakai kata skala untuk setiap tahun, indikator numerik bilangan",
                "an ordinal indicator has a word of its scale for every year, a numeric one a number",
            )),
        );
        return findings;
    }
    // The scale of the same indicator id in the PKs, latest year first.
    let scale = report.years.values().rev().find_map(|y| {
        y.pks
            .iter()
            .flat_map(Pk::indicators)
            .find(|(_, i)| *i.id == *indicator.id)
            .and_then(|(_, i)| i.scale.as_ref())
    });
    let Some(scale) = scale else {
        return findings;
    };
    for (_, target) in words {
        if let Some(w) = target.as_word()
            && !scale.iter().any(|s| s == w)
        {
            findings.push(word_outside_scale(
                language,
                renstra.file,
                &indicator.id,
                w,
                target,
                scale,
            ));
        }
    }
    findings
}
