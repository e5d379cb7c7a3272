//! The narrative of the report: which pages make up the printed report of a
//! year, and the shortcodes by which narrative quotes computed values.
//!
//! A year's printed report takes its chapters from the year's own pages (`<year>/pages/`) and
//! from the site pages (`pages/`) that have a `bab`; never from another year's pages. A chapter
//! with no page is a warning.
//!
//! Shortcodes (`{{ capaian(indikator="ipg") }}`) are expanded when a page is rendered
//! (`render::narrative`), with the values and the formatting the tables of the same year show,
//! so that the text cannot contradict them. This module parses them and checks every one
//! against the model, so that an unknown name or indicator is an error of `capaian check`
//! at its line and column, before anything is rendered.

use std::ops::Range;

use crate::finding::{Finding, did_you_mean, say};
use crate::model::{Language, Page, Pk, Report, Sources, Year};

/// The chapters of the printed report: `bab`, its name in Indonesian and English, and the
/// file a year would hold it in.
pub const CHAPTERS: [(i64, &str, &str, &str); 5] = [
    (
        0,
        "Kata Pengantar dan Ikhtisar Eksekutif",
        "Foreword and Executive Summary",
        "ikhtisar",
    ),
    (
        1,
        "Bab I Pendahuluan",
        "Chapter I Introduction",
        "pendahuluan",
    ),
    (
        2,
        "Bab II Perencanaan Kinerja",
        "Chapter II Performance Planning",
        "perencanaan",
    ),
    (
        3,
        "Bab III Akuntabilitas Kinerja",
        "Chapter III Performance Accountability",
        "akuntabilitas",
    ),
    (4, "Bab IV Penutup", "Chapter IV Closing", "penutup"),
];

/// The pages of the printed report of `year` with `bab = chapter`: the year's own pages, then
/// the site pages that have that `bab`, each group in `urutan` order.
pub fn chapter_pages(report: &Report, year: i32, chapter: i64) -> Vec<&Page> {
    let own = report.years.get(&year).map_or(&[][..], |y| &y.pages[..]);
    let mut pages: Vec<&Page> = own
        .iter()
        .chain(&report.pages)
        .filter(|p| p.front.chapter.as_ref().is_some_and(|c| c.value == chapter))
        .collect();
    // Stable: at the same `urutan` a year's page comes before a site page.
    pages.sort_by_key(|p| p.front.order);
    pages
}

/// The years whose figures a page quotes when no `tahun` is given: a year's page, its year; a
/// site page with a `bab`, every year (it is printed in each year's report; on its own page it
/// quotes the latest); another site page, the latest year.
pub fn years_of(report: &Report, page: &Page) -> Vec<i32> {
    match page.year {
        Some(year) => vec![year],
        None if page.front.chapter.is_some() => report.years.keys().copied().collect(),
        None => report.latest_year().into_iter().collect(),
    }
}

/// The year a page quotes when it is shown: the print's year inside a printed report, else
/// the page's own year, else the latest year.
pub fn year_shown(report: &Report, page: &Page, print: Option<i32>) -> Option<i32> {
    print.or(page.year).or_else(|| report.latest_year())
}

// ---------------------------------------------------------------------------------------------
// Shortcodes

/// The shortcodes that quote a value of one indicator, by the name of the value (the names of
/// the JSON export). `capaian` and `capaian_periode` are what the tables show: in a year in
/// progress the achievement up to the latest quarter.
pub const INDICATOR_VALUES: [&str; 8] = [
    "capaian",
    "capaian_periode",
    "realisasi",
    "target",
    "kategori",
    "capaian_renstra",
    "standar_nasional",
    "satuan",
];

/// The values of `ringkasan(nilai = …)`: the year's summary, as its summary cards show it.
/// `periode` is what a year in progress is measured up to ("s.d. Triwulan III"), empty for a
/// complete year.
pub const SUMMARY_VALUES: [&str; 12] = [
    "rata_rata_capaian",
    "rata_rata_capaian_periode",
    "serapan",
    "pagu",
    "pagu_perubahan",
    "realisasi",
    "jumlah_indikator",
    "indikator_terukur",
    "jumlah_pk",
    "kategori",
    "kategori_rata_rata",
    "periode",
];

/// The values of `program(id = …, nilai = …)`: one programme's row of the budget table.
pub const PROGRAMME_VALUES: [&str; 8] = [
    "pagu",
    "pagu_perubahan",
    "kode",
    "realisasi",
    "serapan",
    "efisiensi",
    "rata_rata_capaian",
    "nama",
];

/// One shortcode as written: `{{ name(key="value", …) }}`. Spans are byte ranges in the
/// Markdown body.
#[derive(Clone, Debug, PartialEq)]
pub struct Shortcode {
    pub name: String,
    pub name_span: Range<usize>,
    pub args: Vec<Arg>,
    /// From `{{` to `}}`.
    pub span: Range<usize>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Arg {
    pub key: String,
    pub key_span: Range<usize>,
    pub value: String,
    /// The value without its quotes.
    pub value_span: Range<usize>,
}

impl Shortcode {
    fn arg(&self, key: &str) -> Option<&Arg> {
        self.args.iter().find(|a| a.key == key)
    }
}

/// What a shortcode quotes, once checked against the model.
#[derive(Clone, Debug, PartialEq)]
pub struct Quote {
    /// The year given with `tahun`; otherwise the year of the page where it is shown.
    pub year: Option<i32>,
    pub figure: Figure,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Figure {
    /// `value` of the indicator `id` (one of [`INDICATOR_VALUES`]).
    Indicator { id: String, value: &'static str },
    /// `value` of the year's summary (one of [`SUMMARY_VALUES`]); for `kategori`, the count
    /// of the indicators in `category`.
    Summary {
        value: &'static str,
        category: Option<String>,
    },
    /// `value` of the programme `id` (one of [`PROGRAMME_VALUES`]).
    Programme { id: String, value: &'static str },
}

/// A shortcode that cannot be read or quotes nothing: where, and what to say.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub span: Range<usize>,
    pub message: String,
    pub label: String,
    pub help: String,
}

/// Every shortcode of a Markdown body, in order, or the problem with it. `{{` not followed by a
/// name is text; shortcodes inside code (`` `…` `` and code blocks) are text too, so that a page
/// can show how one is written.
pub fn parse(body: &str, language: Language) -> Vec<Result<Shortcode, Problem>> {
    if !body.contains("{{") {
        return Vec::new();
    }
    let code = code_ranges(body);
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = body[from..].find("{{").map(|i| from + i) {
        from = at + 2;
        if code.iter().any(|r| r.contains(&at)) {
            continue;
        }
        let mut cursor = Cursor {
            text: body,
            at: at + 2,
        };
        cursor.spaces();
        if !cursor.peek().is_some_and(|c| c.is_ascii_alphabetic()) {
            continue;
        }
        let parsed = cursor.shortcode(at, language);
        if let Ok(shortcode) = &parsed {
            from = shortcode.span.end;
        } else {
            // Past the rest of the line: one mistake, one finding.
            from = body[at..].find('\n').map_or(body.len(), |i| at + i);
        }
        found.push(parsed);
    }
    found
}

/// The byte ranges of inline code and code blocks.
fn code_ranges(body: &str) -> Vec<Range<usize>> {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let mut ranges = Vec::new();
    let mut block: Option<usize> = None;
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        match event {
            Event::Code(_) => ranges.push(range),
            Event::Start(Tag::CodeBlock(_)) => block = Some(range.start),
            Event::End(TagEnd::CodeBlock) => {
                if let Some(start) = block.take() {
                    ranges.push(start..range.end);
                }
            }
            _ => {}
        }
    }
    ranges
}

struct Cursor<'t> {
    text: &'t str,
    at: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<char> {
        self.text[self.at..].chars().next()
    }

    fn spaces(&mut self) {
        while self.peek().is_some_and(|c| c == ' ' || c == '\t') {
            self.at += 1;
        }
    }

    fn word(&mut self) -> Range<usize> {
        let start = self.at;
        while self
            .peek()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            self.at += 1;
        }
        start..self.at
    }

    fn eat(&mut self, s: &str) -> bool {
        if self.text[self.at..].starts_with(s) {
            self.at += s.len();
            true
        } else {
            false
        }
    }

    /// The span of the character at the cursor (or of the end of the line).
    fn here(&self) -> Range<usize> {
        let len = self.peek().map_or(0, char::len_utf8);
        self.at..self.at + len
    }

    fn problem(&self, language: Language, id: &str, en: &str) -> Problem {
        let found = match self.peek() {
            None | Some('\n') | Some('\r') => say(language, "akhir baris", "end of the line"),
            Some(c) => format!("`{c}`"),
        };
        Problem {
            span: self.here(),
            message: say(
                language,
                format!("shortcode tidak lengkap: {id} diharapkan, tertulis {found}"),
                format!("an incomplete shortcode: {en} expected, found {found}"),
            ),
            label: say(language, format!("{id} di sini"), format!("{en} here")),
            help: say(
                language,
                "tulis shortcode dalam satu baris seperti `{{ capaian(indikator=\"ipg\") }}`: nama, lalu argumen `kunci=\"nilai\"` dipisah koma di antara tanda kurung",
                "write a shortcode on one line like `{{ capaian(indikator=\"ipg\") }}`: a name, then `key=\"value\"` arguments separated by commas in parentheses",
            ),
        }
    }

    /// `name(key="value", …) }}`, the cursor on the name; `start` is the `{{`.
    fn shortcode(&mut self, start: usize, language: Language) -> Result<Shortcode, Problem> {
        let name_span = self.word();
        let name = self.text[name_span.clone()].to_string();
        self.spaces();
        if !self.eat("(") {
            return Err(self.problem(language, "`(`", "`(`"));
        }
        let mut args = Vec::new();
        self.spaces();
        if !self.eat(")") {
            loop {
                self.spaces();
                if !self.peek().is_some_and(|c| c.is_ascii_alphabetic()) {
                    return Err(self.problem(language, "nama argumen", "an argument name"));
                }
                let key_span = self.word();
                self.spaces();
                if !self.eat("=") {
                    return Err(self.problem(language, "`=`", "`=`"));
                }
                self.spaces();
                let (value, value_span) = if self.eat("\"") {
                    let open = self.at;
                    let Some(close) = self.text[open..]
                        .find(['"', '\n'])
                        .filter(|&i| self.text[open + i..].starts_with('"'))
                    else {
                        self.at = self.text[open..]
                            .find('\n')
                            .map_or(self.text.len(), |i| open + i);
                        return Err(self.problem(language, "`\"` penutup", "a closing `\"`"));
                    };
                    self.at = open + close + 1;
                    (
                        self.text[open..open + close].to_string(),
                        open..open + close,
                    )
                } else if self.peek().is_some_and(|c| c.is_ascii_digit()) {
                    let span = self.word();
                    (self.text[span.clone()].to_string(), span)
                } else {
                    return Err(self.problem(
                        language,
                        "nilai dalam tanda kutip",
                        "a quoted value",
                    ));
                };
                args.push(Arg {
                    key: self.text[key_span.clone()].to_string(),
                    key_span,
                    value,
                    value_span,
                });
                self.spaces();
                if self.eat(")") {
                    break;
                }
                if !self.eat(",") {
                    return Err(self.problem(language, "`,` atau `)`", "`,` or `)`"));
                }
            }
        }
        self.spaces();
        if !self.eat("}}") {
            return Err(self.problem(language, "`}}`", "`}}`"));
        }
        Ok(Shortcode {
            name,
            name_span,
            args,
            span: start..self.at,
        })
    }
}

/// What a shortcode quotes when shown in `page_year` (the year it quotes unless it gives
/// `tahun`; `latest` is the latest year it may quote), checked against the model.
pub fn resolve(
    report: &Report,
    shortcode: &Shortcode,
    page_year: i32,
    latest: i32,
) -> Result<Quote, Problem> {
    let language = report.site.language;
    let (allowed, kind): (&[&str], _) = if INDICATOR_VALUES.contains(&shortcode.name.as_str()) {
        (&["indikator", "tahun"], Kind::Indicator)
    } else if shortcode.name == "ringkasan" {
        (&["nilai", "kategori", "tahun"], Kind::Summary)
    } else if shortcode.name == "program" {
        (&["id", "nilai", "tahun"], Kind::Programme)
    } else {
        let names = INDICATOR_VALUES
            .iter()
            .copied()
            .chain(["ringkasan", "program"]);
        let hint = maybe_meant(language, &shortcode.name, names);
        return Err(Problem {
            span: shortcode.name_span.clone(),
            message: say(
                language,
                format!("shortcode `{}` tidak dikenal", shortcode.name),
                format!("unknown shortcode `{}`", shortcode.name),
            ),
            label: say(language, "nama tidak dikenal", "unknown name"),
            help: say(
                language,
                format!(
                    "{hint}shortcode yang ada: {}, `ringkasan(nilai=…)` dan `program(id=…, nilai=…)`",
                    ticked(&INDICATOR_VALUES.map(|n| format!("{n}(indikator=…)")))
                ),
                format!(
                    "{hint}the shortcodes are {}, `ringkasan(nilai=…)` and `program(id=…, nilai=…)`",
                    ticked(&INDICATOR_VALUES.map(|n| format!("{n}(indikator=…)")))
                ),
            ),
        });
    };
    for (i, arg) in shortcode.args.iter().enumerate() {
        if !allowed.contains(&arg.key.as_str()) {
            let hint = maybe_meant(language, &arg.key, allowed.iter().copied());
            return Err(Problem {
                span: arg.key_span.clone(),
                message: say(
                    language,
                    format!("`{}` bukan argumen shortcode `{}`", arg.key, shortcode.name),
                    format!(
                        "`{}` is not an argument of the shortcode `{}`",
                        arg.key, shortcode.name
                    ),
                ),
                label: say(language, "argumen tidak dikenal", "unknown argument"),
                help: say(
                    language,
                    format!("{hint}argumen `{}`: {}", shortcode.name, ticked(allowed)),
                    format!(
                        "{hint}the arguments of `{}` are {}",
                        shortcode.name,
                        ticked(allowed)
                    ),
                ),
            });
        }
        if shortcode.args[..i].iter().any(|a| a.key == arg.key) {
            return Err(Problem {
                span: arg.key_span.clone(),
                message: say(
                    language,
                    format!("argumen `{}` ditulis dua kali", arg.key),
                    format!("the argument `{}` is given twice", arg.key),
                ),
                label: say(language, "kedua kalinya", "the second time"),
                help: say(language, "hapus salah satunya", "remove one of them"),
            });
        }
    }
    let required = |key: &str| -> Result<&Arg, Problem> {
        shortcode.arg(key).ok_or_else(|| Problem {
            span: shortcode.name_span.clone(),
            message: say(
                language,
                format!("shortcode `{}` memerlukan argumen `{key}`", shortcode.name),
                format!(
                    "the shortcode `{}` needs the argument `{key}`",
                    shortcode.name
                ),
            ),
            label: say(
                language,
                format!("`{key}` tidak ada"),
                format!("no `{key}`"),
            ),
            help: say(
                language,
                format!("tulis `{key}=\"…\"` di antara tanda kurung"),
                format!("write `{key}=\"…\"` in the parentheses"),
            ),
        })
    };
    let year = match shortcode.arg("tahun") {
        None => None,
        Some(arg) => Some(quoted_year(report, arg, latest)?),
    };
    let in_year = year.unwrap_or(page_year);
    let model = report.years.get(&in_year);
    let figure = match kind {
        Kind::Indicator => {
            let id = known_id(
                language,
                required("indikator")?,
                model,
                in_year,
                |pk| pk.indicators().map(|(_, i)| i.id.as_str()).collect(),
                [
                    ("indikator", "indicator"),
                    (
                        "tulis `id` sebuah indikator dalam PK tahun itu",
                        "write the `id` of an indicator of that year's PKs",
                    ),
                ],
            )?;
            let value = INDICATOR_VALUES
                .iter()
                .copied()
                .find(|v| *v == shortcode.name)
                .unwrap_or("capaian");
            Figure::Indicator { id, value }
        }
        Kind::Summary => {
            let arg = required("nilai")?;
            let value = known_value(language, arg, &SUMMARY_VALUES, "ringkasan")?;
            let category = match (value, shortcode.arg("kategori")) {
                ("kategori", None) => return Err(required("kategori").unwrap_err()),
                ("kategori", Some(c)) => {
                    let names: Vec<String> =
                        report.categories().into_iter().map(|c| c.name).collect();
                    let Some(name) = names
                        .iter()
                        .find(|n| n.eq_ignore_ascii_case(c.value.trim()))
                    else {
                        let hint =
                            maybe_meant(language, &c.value, names.iter().map(String::as_str));
                        return Err(Problem {
                            span: c.value_span.clone(),
                            message: say(
                                language,
                                format!("kategori `{}` tidak ada dalam skala capaian", c.value),
                                format!("`{}` is not a category of the achievement scale", c.value),
                            ),
                            label: say(language, "kategori tidak dikenal", "unknown category"),
                            help: say(
                                language,
                                format!("{hint}kategori: {}", ticked(&names)),
                                format!("{hint}the categories are {}", ticked(&names)),
                            ),
                        });
                    };
                    Some(name.clone())
                }
                (_, Some(c)) => {
                    return Err(Problem {
                        span: c.key_span.clone(),
                        message: say(
                            language,
                            "`kategori` hanya berlaku untuk `nilai=\"kategori\"`",
                            "`kategori` goes only with `nilai=\"kategori\"`",
                        ),
                        label: say(language, "tidak dipakai", "not used"),
                        help: say(
                            language,
                            "hapus `kategori=…`, atau tulis `nilai=\"kategori\"` untuk jumlah indikator dalam kategori itu",
                            "remove `kategori=…`, or write `nilai=\"kategori\"` for the number of indicators in that category",
                        ),
                    });
                }
                (_, None) => None,
            };
            Figure::Summary { value, category }
        }
        Kind::Programme => {
            let id = known_id(
                language,
                required("id")?,
                model,
                in_year,
                |pk| pk.programmes.iter().map(|p| p.id.as_str()).collect(),
                [
                    ("program", "programme"),
                    (
                        "tulis `id` sebuah program dalam PK tahun itu",
                        "write the `id` of a programme of that year's PKs",
                    ),
                ],
            )?;
            let value = known_value(language, required("nilai")?, &PROGRAMME_VALUES, "program")?;
            Figure::Programme { id, value }
        }
    };
    Ok(Quote { year, figure })
}

enum Kind {
    Indicator,
    Summary,
    Programme,
}

fn ticked(names: &[impl AsRef<str>]) -> String {
    names
        .iter()
        .map(|n| format!("`{}`", n.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

fn known_value(
    language: Language,
    arg: &Arg,
    values: &[&'static str],
    shortcode: &str,
) -> Result<&'static str, Problem> {
    if let Some(v) = values.iter().find(|v| **v == arg.value) {
        return Ok(v);
    }
    let hint = maybe_meant(language, &arg.value, values.iter().copied());
    Err(Problem {
        span: arg.value_span.clone(),
        message: say(
            language,
            format!("`{}` bukan nilai `{shortcode}`", arg.value),
            format!("`{}` is not a value of `{shortcode}`", arg.value),
        ),
        label: say(language, "nilai tidak dikenal", "unknown value"),
        help: say(
            language,
            format!(
                "{hint}nilai `{shortcode}` (nama-nama ekspor JSON): {}",
                ticked(values)
            ),
            format!(
                "{hint}the values of `{shortcode}` (the names of the JSON export) are {}",
                ticked(values)
            ),
        ),
    })
}

/// The id `arg` names, lowercased, when a PK of the year has it among `ids_of` (its indicators,
/// its programmes); else what is wrong: `what` the id names, and `help`.
fn known_id<'m>(
    language: Language,
    arg: &Arg,
    model: Option<&'m Year>,
    year: i32,
    ids_of: fn(&'m Pk) -> Vec<&'m str>,
    [(what_id, what_en), (help_id, help_en)]: [(&str, &str); 2],
) -> Result<String, Problem> {
    let id = arg.value.to_lowercase();
    let ids: Vec<&str> = model
        .map(|m| m.pks.iter().flat_map(ids_of).collect())
        .unwrap_or_default();
    // A PK of the year that could not be read has its own error: the id may be in it.
    let unread = model.is_some_and(|m| !m.unreadable_pks.is_empty());
    if ids.contains(&id.as_str()) || unread {
        return Ok(id);
    }
    let hint = maybe_meant(language, &arg.value, ids.iter().copied());
    Err(Problem {
        span: arg.value_span.clone(),
        message: say(
            language,
            format!("tahun {year} tidak memiliki {what_id} `{}`", arg.value),
            format!("{year} has no {what_en} `{}`", arg.value),
        ),
        label: say(
            language,
            format!("{what_id} tidak dikenal"),
            format!("unknown {what_en}"),
        ),
        help: say(
            language,
            format!("{hint}{help_id}"),
            format!("{hint}{help_en}"),
        ),
    })
}

/// The year of `tahun="2024"`: a year of the report, not after `latest`.
fn quoted_year(report: &Report, arg: &Arg, latest: i32) -> Result<i32, Problem> {
    let language = report.site.language;
    let year = arg.value.trim().parse::<i32>().ok();
    match year {
        Some(y) if report.years.contains_key(&y) && y <= latest => Ok(y),
        Some(y) if report.years.contains_key(&y) => Err(Problem {
            span: arg.value_span.clone(),
            message: say(
                language,
                format!("halaman tahun {latest} mengutip tahun {y} yang lebih kemudian"),
                format!("a page of {latest} quotes the later year {y}"),
            ),
            label: say(language, "tahun yang lebih kemudian", "a later year"),
            help: say(
                language,
                format!(
                    "laporan suatu tahun hanya memuat yang diketahui pada tahun itu: kutip tahun {latest} atau sebelumnya"
                ),
                format!(
                    "the report of a year tells what was known that year: quote {latest} or an earlier year"
                ),
            ),
        }),
        _ => {
            let years: Vec<String> = report.years.keys().map(i32::to_string).collect();
            Err(Problem {
                span: arg.value_span.clone(),
                message: say(
                    language,
                    format!("`{}` bukan tahun laporan ini", arg.value),
                    format!("`{}` is not a year of this report", arg.value),
                ),
                label: say(language, "tahun tidak dikenal", "unknown year"),
                help: say(
                    language,
                    format!("tahun laporan: {}", years.join(", ")),
                    format!("the report's years are {}", years.join(", ")),
                ),
            })
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Validation

/// The errors of the narrative's shortcodes.
pub fn check(report: &Report) -> Vec<Finding> {
    let mut findings = Vec::new();
    let pages = report
        .pages
        .iter()
        .chain(report.years.values().flat_map(|y| &y.pages));
    for page in pages {
        findings.extend(check_page(report, page));
    }
    findings
}

/// A warning for each chapter of a year's printed report that has no page, at the year's
/// folder (`content`/`<year>`, added to `sources` when it is not there yet).
pub fn missing_chapters(
    report: &Report,
    content: &std::path::Path,
    sources: &mut Sources,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    for &year in report.years.keys() {
        let missing = missing_in(report, year);
        if missing.is_empty() {
            continue;
        }
        let folder = content.join(year.to_string());
        let known = sources
            .iter()
            .find(|(_, f)| f.path == folder)
            .map(|(id, _)| id);
        let file = match known {
            Some(id) => id,
            None => sources.add(folder, String::new()),
        };
        let label = say(
            report.site.language,
            "folder tahun ini",
            "this year's folder",
        );
        findings.extend(
            missing
                .into_iter()
                .map(|f| f.at(file, 0..0).label(label.clone())),
        );
    }
    findings
}

/// A warning for each page of a published year (approved, not stale) that quotes another year
/// the public edition leaves out: there the quote shows `–`. One per page and quoted year, at
/// the first quote.
pub fn review(report: &Report, computed: &crate::compute::Computed) -> Vec<Finding> {
    let language = report.site.language;
    let current = |year: i32| {
        computed
            .years
            .get(&year)
            .is_some_and(|r| r.approval.is_current())
    };
    let mut findings = Vec::new();
    let pages = report
        .pages
        .iter()
        .chain(report.years.values().flat_map(|y| &y.pages));
    for page in pages {
        let shown_in: Vec<i32> = years_of(report, page)
            .into_iter()
            .filter(|&y| current(y))
            .collect();
        let Some(&shown) = shown_in.first() else {
            continue;
        };
        let mut seen: Vec<i32> = Vec::new();
        for shortcode in parse(&page.body, language).into_iter().flatten() {
            let Ok(Quote {
                year: Some(quoted), ..
            }) = resolve(report, &shortcode, shown, i32::MAX)
            else {
                continue;
            };
            if current(quoted) || seen.contains(&quoted) {
                continue;
            }
            seen.push(quoted);
            let arg = shortcode
                .arg("tahun")
                .map_or(&shortcode.span, |a| &a.value_span);
            let span = page.body_offset + arg.start..page.body_offset + arg.end;
            let mut finding = Finding::warning(say(
                language,
                format!("halaman tahun {shown} mengutip tahun {quoted}, yang tidak dimuat edisi publik: di sana kutipannya tampil sebagai –"),
                format!("a page of {shown} quotes {quoted}, which the public edition leaves out: there the quote shows as –"),
            ))
            .at(page.file, span)
            .label(say(language, format!("tahun {quoted} belum disetujui atau persetujuannya kedaluwarsa"), format!("{quoted} is not approved, or its approval is out of date")))
            .help(say(
                language,
                format!("catat persetujuan {quoted} (atau persetujuan ulang sebagai putaran baru) di {quoted}/proses.toml, atau hapus kutipan tahun {quoted} dari halaman ini"),
                format!("record the approval of {quoted} (or its re-approval as a new run) in {quoted}/proses.toml, or remove the quotes of {quoted} from this page"),
            ));
            finding.year = page.year;
            findings.push(finding);
        }
    }
    findings
}

/// The shortcode errors of one page, one per shortcode: for a site page printed in every year,
/// the first year it does not fit.
pub fn check_page(report: &Report, page: &Page) -> Vec<Finding> {
    let language = report.site.language;
    let years = years_of(report, page);
    let mut findings = Vec::new();
    for parsed in parse(&page.body, language) {
        let problem = match parsed {
            Err(problem) => Some(problem),
            Ok(shortcode) => years.iter().find_map(|&year| {
                // A page printed in a year's report quotes nothing later than that year.
                let latest = match (page.year, &page.front.chapter) {
                    (Some(own), _) => own,
                    (None, Some(_)) => year,
                    (None, None) => i32::MAX,
                };
                resolve(report, &shortcode, year, latest).err()
            }),
        };
        if let Some(problem) = problem {
            let span = page.body_offset + problem.span.start..page.body_offset + problem.span.end;
            let mut finding = Finding::error(problem.message)
                .at(page.file, span)
                .label(problem.label)
                .help(problem.help);
            finding.year = page.year;
            findings.push(finding);
        }
    }
    findings
}

/// A warning for each chapter of the printed report of `year` that has no page; one warning
/// when the year's print has no narrative at all.
fn missing_in(report: &Report, year: i32) -> Vec<Finding> {
    let language = report.site.language;
    let missing: Vec<&(i64, &str, &str, &str)> = CHAPTERS
        .iter()
        .filter(|(bab, ..)| chapter_pages(report, year, *bab).is_empty())
        .collect();
    if missing.is_empty() {
        return Vec::new();
    }
    // A site page without `bab` named like a chapter: the likely fix is its `bab`.
    let unplaced = |slug: &str| {
        report
            .pages
            .iter()
            .find(|p| p.front.chapter.is_none() && p.slug == slug)
    };
    if missing.len() == CHAPTERS.len() {
        return vec![
            Finding::warning(say(
                language,
                format!("laporan cetak tahun {year} tidak memuat narasi: tidak ada halaman dengan `bab` di {year}/pages/ maupun di pages/"),
                format!("the printed report of {year} has no narrative: no page with a `bab` in {year}/pages/ or pages/"),
            ))
            .help(say(
                language,
                format!("tulis narasi tahun {year} di {year}/pages/: ikhtisar.md (`bab = 0`), pendahuluan.md (`bab = 1`), perencanaan.md (`bab = 2`), akuntabilitas.md (`bab = 3`) dan penutup.md (`bab = 4`), masing-masing dengan `judul`"),
                format!("write the narrative of {year} in {year}/pages/: ikhtisar.md (`bab = 0`), pendahuluan.md (`bab = 1`), perencanaan.md (`bab = 2`), akuntabilitas.md (`bab = 3`) and penutup.md (`bab = 4`), each with a `judul`"),
            ))
            .year(year),
        ];
    }
    missing
        .into_iter()
        .map(|&(bab, name_id, name_en, file)| {
            let finding = Finding::warning(say(
                language,
                format!("{name_id} laporan cetak tahun {year} tidak memiliki halaman: tidak ada halaman dengan `bab = {bab}` di {year}/pages/ maupun di pages/"),
                format!("{name_en} of the printed report of {year} has no page: no page with `bab = {bab}` in {year}/pages/ or pages/"),
            ))
            .year(year);
            let help = match unplaced(file) {
                Some(page) => say(
                    language,
                    format!("tambahkan `bab = {bab}` pada front matter pages/{}.md, atau tulis {year}/pages/{file}.md dengan `bab = {bab}`", page.slug),
                    format!("add `bab = {bab}` to the front matter of pages/{}.md, or write {year}/pages/{file}.md with `bab = {bab}`", page.slug),
                ),
                None => say(
                    language,
                    format!("tulis {year}/pages/{file}.md dengan front matter `judul` dan `bab = {bab}`"),
                    format!("write {year}/pages/{file}.md with `judul` and `bab = {bab}` in its front matter"),
                ),
            };
            finding.help(help)
        })
        .collect()
}

/// "mungkin maksudnya `x`? " (or "did you mean `x`? "): the nearest candidate, for a help
/// text; empty when none is near.
fn maybe_meant<'a>(
    language: Language,
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> String {
    match did_you_mean(word, candidates) {
        Some(s) => say(
            language,
            format!("mungkin maksudnya `{s}`? "),
            format!("did you mean `{s}`? "),
        ),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn only(body: &str) -> Shortcode {
        let mut all = parse(body, Language::English);
        assert_eq!(all.len(), 1, "{all:?}");
        all.remove(0).expect("it parses")
    }

    #[test]
    fn a_shortcode_and_its_spans() {
        let body = "IPG {{ capaian(indikator=\"ipg\", tahun=2024) }}.";
        let s = only(body);
        assert_eq!(s.name, "capaian");
        assert_eq!(&body[s.name_span.clone()], "capaian");
        assert_eq!(
            &body[s.span.clone()],
            "{{ capaian(indikator=\"ipg\", tahun=2024) }}"
        );
        assert_eq!(s.args.len(), 2);
        assert_eq!(&body[s.args[0].value_span.clone()], "ipg");
        assert_eq!(s.args[1].value, "2024");
    }

    #[test]
    fn text_and_code_are_not_shortcodes() {
        let body = "a {{ b }}\n{{x {{ 1 }}\n`{{ capaian(indikator=\"x\") }}`\n\n```\n{{ capaian(indikator=\"x\") }}\n```\n";
        let all = parse(body, Language::English);
        // `{{ b }}` starts like one and has no `(`: a mistake; `{{x` too (one per line).
        assert_eq!(all.len(), 2, "{all:?}");
        assert!(all.iter().all(Result::is_err));
        assert!(
            parse(
                "{{ 1 }} and `{{ capaian(indikator=\"x\") }}`",
                Language::English
            )
            .is_empty()
        );
    }

    #[test]
    fn a_mistake_points_at_its_character() {
        let body = "x {{ capaian(indikator=ipg) }}";
        let all = parse(body, Language::English);
        let problem = all[0].clone().unwrap_err();
        assert_eq!(&body[problem.span.clone()], "i");
        assert!(
            problem.message.contains("a quoted value expected"),
            "{}",
            problem.message
        );
        let body = "x {{ capaian(indikator=\"ipg\") }\n";
        let problem = parse(body, Language::Indonesian)[0].clone().unwrap_err();
        assert_eq!(problem.span.start, body.find("}\n").unwrap());
        assert!(
            problem.message.starts_with("shortcode tidak lengkap"),
            "{}",
            problem.message
        );
    }
}
