//! The approval of a year (SOP steps with `persetujuan = true`), decided here once and read by
//! every page, export, the print, the SOP page and both editions.
//!
//! A year's `proses.toml` records the SOP's runs: one per quarterly collection (`triwulan =
//! 1..3`) and the year's report (`triwulan = 4` or none, the final run), each possibly repeated
//! (`putaran = 2`, 3…) when the year is approved again. The year is **approved** by the latest
//! final run whose approval steps are all recorded; a quarterly run approved marks that
//! quarter's data. An SOP without approval steps approves nothing.
//!
//! [`approve`] is pure, computed with the year's other results. Whether an approval is
//! **stale** needs git: [`attach_history`] compares the instant of the approval, in the
//! agency's time zone (`zona_waktu`), with the commits to every file that feeds the year.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::compute::{Computed, YearResult};
use crate::finding::{Finding, say};
use crate::model::{
    Date, FileId, Language, Moment, ProcessStep, Quarter, Report, Role, Span, Year,
};
use crate::provenance::{Commit, Provenance};

/// The time zone of an agency that does not say (`zona_waktu`): Western Indonesia (WIB).
pub const DEFAULT_TIME_ZONE: &str = "Asia/Jakarta";

/// One run of the SOP in a year: a quarterly collection or the year's report, and its repeat.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Run {
    /// The quarterly collection, 1..=3; `None` for the year's report (`triwulan = 4` or none).
    pub quarter: Option<Quarter>,
    /// `putaran`, from 1.
    pub round: u32,
}

impl Run {
    /// The run a recorded step belongs to.
    pub fn of(step: &ProcessStep) -> Run {
        Run {
            quarter: step
                .quarter
                .as_ref()
                .map(|q| q.value)
                .filter(|q| q.number() < 4),
            round: step.round.as_ref().map_or(1, |r| r.value),
        }
    }

    /// Whether this run approves the year (the year's report, `triwulan = 4` or none).
    pub fn is_final(self) -> bool {
        self.quarter.is_none()
    }

    /// "laporan tahunan, putaran 1", "triwulan II, putaran 2".
    pub fn words(self, language: Language) -> String {
        let what = match self.quarter {
            None => say(language, "laporan tahunan", "the year's report"),
            Some(q) => say(
                language,
                format!("triwulan {}", roman(q)),
                format!("quarter {}", roman(q)),
            ),
        };
        format!("{what}, {} {}", say(language, "putaran", "run"), self.round)
    }
}

fn shown<S: serde::Serializer>(moment: &Moment, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(moment)
}

fn roman(q: Quarter) -> &'static str {
    ["I", "II", "III", "IV"][q.index()]
}

/// A run whose approval steps are all recorded: who signed, when, under which letter.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Signed {
    pub run: Run,
    /// The official recorded on the signing step: the approval step of the `kepala_opd`, else
    /// the last approval step.
    pub signer: String,
    /// The day of the signature.
    pub date: Date,
    /// The SOP step of the signature.
    pub step: u32,
    /// The first `nomor_surat` of the run from the signing step on (else anywhere in the run).
    pub letter_number: Option<String>,
    /// The step that carries the letter number.
    pub letter_step: Option<u32>,
    /// When the run's last approval step ended (its `selesai`, else its `tanggal`), on the
    /// agency's clock (`zona_waktu`).
    #[serde(serialize_with = "shown")]
    pub instant: Moment,
    /// Where that moment is written, for findings.
    #[serde(skip)]
    pub file: FileId,
    #[serde(skip)]
    pub span: Span,
}

/// Whether a year is approved.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum State {
    /// The approval steps of the year's report are recorded.
    Disetujui(Signed),
    /// The SOP has approval steps and they are not all recorded for the year's report.
    #[default]
    Draft,
    /// The SOP has no step with `persetujuan = true`: no year can be approved.
    TanpaPersetujuan,
}

/// A commit after the approval to files that feed the year.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Change {
    pub commit: Commit,
    /// The files it changed, relative to the content folder.
    pub files: Vec<String>,
}

/// What changed after an approval.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Stale {
    /// The commits after the approval, newest first.
    pub changes: Vec<Change>,
    /// The files changed in the working tree and not committed yet.
    pub uncommitted: Vec<String>,
}

/// The approval of one year.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Approval {
    pub state: State,
    /// The quarterly runs approved (quarters 1..=3): the latest approved run of each.
    pub quarters: BTreeMap<u8, Signed>,
    /// Every run whose approval steps are all recorded, the superseded ones too, in the order
    /// of [`Run`].
    pub runs: Vec<Signed>,
    /// Set when a file feeding the year changed after the approval (needs git).
    pub stale: Option<Stale>,
    /// Commits on the very day of an approval dated without a time: they cannot be ordered.
    pub same_day: Vec<Change>,
    /// The approved quarters whose data changed after their approval: the year's PK files, or
    /// an entry of that quarter (needs git).
    pub stale_quarters: BTreeMap<u8, Stale>,
}

impl Approval {
    /// The year's approval, when it has one (stale or not).
    pub fn signed(&self) -> Option<&Signed> {
        match &self.state {
            State::Disetujui(s) => Some(s),
            _ => None,
        }
    }

    pub fn is_approved(&self) -> bool {
        self.signed().is_some()
    }

    /// Approved, and nothing feeding the year changed since: what the public edition shows.
    pub fn is_current(&self) -> bool {
        self.is_approved() && self.stale.is_none()
    }

    /// Whether the data of quarter `q` is approved: by its quarterly run (and not changed
    /// since), or by the year's.
    pub fn quarter_approved(&self, q: Quarter) -> bool {
        self.is_approved()
            || self.quarters.contains_key(&q.number())
                && !self.stale_quarters.contains_key(&q.number())
    }

    /// The quarters approved by their own run and not changed since, in order.
    pub fn approved_quarters(&self) -> Vec<u8> {
        self.quarters
            .keys()
            .copied()
            .filter(|q| !self.stale_quarters.contains_key(q))
            .collect()
    }

    /// `disetujui`, `draft` or `tanpa_persetujuan`.
    pub fn status(&self) -> &'static str {
        match self.state {
            State::Disetujui(_) => "disetujui",
            State::Draft => "draft",
            State::TanpaPersetujuan => "tanpa_persetujuan",
        }
    }
}

impl YearResult {
    /// Whether the year is approved (stale or not): [`Approval::is_approved`].
    pub fn approved(&self) -> bool {
        self.approval.is_approved()
    }
}

/// The approval of `year` from its `proses.toml` and the SOP.
pub fn approve(report: &Report, year: &Year) -> Approval {
    let steps: Vec<_> = report.sop.approval_steps().collect();
    if steps.is_empty() {
        return Approval {
            state: State::TanpaPersetujuan,
            ..Approval::default()
        };
    }
    let mut runs: BTreeMap<Run, Vec<&ProcessStep>> = BTreeMap::new();
    if let Some(process) = &year.process {
        for step in &process.steps {
            runs.entry(Run::of(step)).or_default().push(step);
        }
    }
    let file = year.process.as_ref().map(|p| p.file).unwrap_or_default();
    let mut approval = Approval::default();
    // Runs in order (quarters, then the final run; each by round): a later round replaces.
    for (run, records) in &runs {
        let Some(signed) = signed(*run, records, &steps, file) else {
            continue;
        };
        match run.quarter {
            Some(q) => {
                approval.quarters.insert(q.number(), signed.clone());
            }
            None => approval.state = State::Disetujui(signed.clone()),
        }
        approval.runs.push(signed);
    }
    approval
}

/// The signature of a run, when every approval step is recorded in it.
fn signed(
    run: Run,
    records: &[&ProcessStep],
    steps: &[&crate::model::SopStep],
    file: FileId,
) -> Option<Signed> {
    let record = |no: u32| records.iter().copied().find(|s| *s.no == no);
    if !steps.iter().all(|s| record(*s.no).is_some()) {
        return None;
    }
    let signing = steps
        .iter()
        .rev()
        .find(|s| *s.actor == Role::KepalaOpd)
        .or(steps.last())?;
    let signed = record(*signing.no)?;
    let mut with_letter: Vec<&ProcessStep> = records
        .iter()
        .copied()
        .filter(|s| {
            s.letter_number
                .as_deref()
                .is_some_and(|n| !n.trim().is_empty())
        })
        .collect();
    with_letter.sort_by_key(|s| *s.no);
    let letter = with_letter
        .iter()
        .find(|s| *s.no >= *signing.no)
        .or(with_letter.first());
    let ends = |s: &&ProcessStep| s.end.as_ref().unwrap_or(&s.start).clone();
    let last = steps
        .iter()
        .filter_map(|s| record(*s.no))
        .map(|s| ends(&s))
        .max_by_key(|m| until(m.value))?;
    Some(Signed {
        run,
        signer: signed.by.value.clone(),
        date: signed.start.date(),
        step: *signing.no,
        letter_number: letter
            .and_then(|s| s.letter_number.as_deref().map(|n| n.trim().to_string())),
        letter_step: letter.map(|s| *s.no),
        instant: last.value,
        file,
        span: last.span,
    })
}

/// The latest local time a moment covers: a date-only moment lasts its whole day (`Moment`'s
/// own order puts every date before every date-time).
fn until(moment: Moment) -> crate::model::DateTime {
    match moment {
        Moment::At(dt) => dt,
        Moment::Day(d) => d.0.to_datetime(jiff::civil::Time::MAX),
    }
}

/// The agency's time zone (`zona_waktu`, default [`DEFAULT_TIME_ZONE`]); `None` for a name
/// the time zone database does not know (an error of [`check_time_zone`]).
pub fn time_zone(report: &Report) -> Option<jiff::tz::TimeZone> {
    let name = report
        .site
        .time_zone
        .as_ref()
        .map_or(DEFAULT_TIME_ZONE, |z| z.value.trim());
    jiff::tz::TimeZone::get(name).ok()
}

/// An unknown `zona_waktu`: an error at the value.
pub fn check_time_zone(report: &Report) -> Option<Finding> {
    let zone = report.site.time_zone.as_ref()?;
    if jiff::tz::TimeZone::get(zone.value.trim()).is_ok() {
        return None;
    }
    let language = report.site.language;
    let guess = crate::finding::did_you_mean(
        zone.value.trim(),
        INDONESIAN_ZONES.iter().map(|(name, _)| *name),
    );
    let zones = INDONESIAN_ZONES
        .iter()
        .map(|(name, short)| format!("\"{name}\" ({short})"))
        .collect::<Vec<_>>()
        .join(", ");
    let help = match guess {
        Some(g) => say(
            language,
            format!("maksudnya \"{g}\"? zona waktu Indonesia: {zones}"),
            format!("did you mean \"{g}\"? Indonesia's time zones: {zones}"),
        ),
        None => say(
            language,
            format!("tulis nama zona waktu IANA; zona waktu Indonesia: {zones}"),
            format!("write an IANA time zone name; Indonesia's time zones: {zones}"),
        ),
    };
    Some(
        Finding::error(say(
            language,
            format!("zona waktu \"{}\" tidak dikenal", zone.value),
            format!("unknown time zone \"{}\"", zone.value),
        ))
        .at(report.site.file, zone.span.clone())
        .label(say(language, "bukan zona waktu", "not a time zone"))
        .help(help),
    )
}

const INDONESIAN_ZONES: [(&str, &str); 4] = [
    ("Asia/Jakarta", "WIB"),
    ("Asia/Pontianak", "WIB"),
    ("Asia/Makassar", "WITA"),
    ("Asia/Jayapura", "WIT"),
];

/// Marks the approved years whose feeding files were committed after the approval instant
/// (stale), and the commits that cannot be ordered against a date-only approval.
///
/// A commit that changed only comments or blank lines is not a change. A year whose own files
/// were brought into git after its approval (an agency adopting capaian) was brought in
/// already approved: the commit that brought them in is not a change, the commits after it are.
pub fn attach_history(computed: &mut Computed, report: &Report, provenance: &Provenance) {
    let Some(tz) = time_zone(report) else { return };
    for (year, result) in &mut computed.years {
        if let Some(model) = report.years.get(year) {
            let quarters: Vec<(u8, Moment)> = result
                .approval
                .quarters
                .iter()
                .map(|(q, s)| (*q, s.instant))
                .collect();
            for (q, instant) in quarters {
                if let Some(stale) = quarter_changes(model, q, instant, &tz, provenance) {
                    result.approval.stale_quarters.insert(q, stale);
                }
            }
        }
        let Some(signed) = result.approval.signed() else {
            continue;
        };
        let chapters: Vec<String> = report
            .pages
            .iter()
            .filter(|p| p.front.chapter.is_some())
            .map(|p| format!("pages/{}.md", p.slug))
            .collect();
        let cited: Vec<&str> = report
            .years
            .get(year)
            .into_iter()
            .flat_map(|y| y.realisations.values())
            .flat_map(|r| &r.entries)
            .flat_map(|e| e.evidence.iter().map(|p| p.as_str()))
            .chain(chapters.iter().map(String::as_str))
            .collect();
        let (stale, same_day) = changes_after(*year, signed.instant, &tz, provenance, &cited);
        result.approval.stale = stale;
        result.approval.same_day = same_day;
    }
}

/// The oldest commit to the year's own files, when it is not before the approval: the commit
/// that brought a year already approved into git.
fn brought_in(
    year: i32,
    approved: Moment,
    tz: &jiff::tz::TimeZone,
    provenance: &Provenance,
) -> Option<String> {
    let own = format!("{year}/");
    provenance
        .feed_changes()
        .filter(|(_, files)| files.iter().any(|f| f.path.starts_with(&own)))
        .last()
        .map(|(c, _)| c)
        .filter(|c| c.instant().and_then(|at| order(approved, tz, at)) != Some(Order::Before))
        .map(|c| c.id.clone())
}

/// What changed after the approval of quarter `q`'s run: the year's PK files (its targets),
/// and the realisation and budget entries of that quarter (the last commit of each, from
/// the provenance). A commit on the day of a date-only approval is not counted.
fn quarter_changes(
    year: &Year,
    q: u8,
    approved: Moment,
    tz: &jiff::tz::TimeZone,
    provenance: &Provenance,
) -> Option<Stale> {
    let key = year.year;
    let imported = brought_in(key, approved, tz, provenance);
    let after = |c: &Commit| {
        Some(&c.id) != imported.as_ref()
            && c.instant().and_then(|at| order(approved, tz, at)) == Some(Order::After)
    };
    let mut changes: Vec<Change> = Vec::new();
    let mut add =
        |commit: &Commit, path: String| match changes.iter_mut().find(|c| c.commit.id == commit.id)
        {
            Some(change) if !change.files.contains(&path) => change.files.push(path),
            Some(_) => {}
            None => changes.push(Change {
                commit: commit.clone(),
                files: vec![path],
            }),
        };
    let pk_files = format!("{key}/pk/");
    for (commit, files) in provenance.feed_changes() {
        if !after(commit) {
            continue;
        }
        for f in files
            .iter()
            .filter(|f| f.data && f.path.starts_with(&pk_files))
        {
            add(commit, f.path.clone());
        }
    }
    let mut uncommitted: Vec<String> = provenance
        .uncommitted_feeds()
        .iter()
        .filter(|p| p.starts_with(&pk_files))
        .cloned()
        .collect();
    let quarter = Quarter::new(i64::from(q))?;
    for (pk, r) in &year.realisations {
        let path = format!("{key}/realisasi/{pk}.toml");
        let origins = r
            .entries
            .iter()
            .filter(|e| *e.quarter == quarter)
            .filter_map(|e| provenance.realisation(key, pk, &e.indicator, quarter))
            .chain(
                r.spending
                    .iter()
                    .filter(|s| *s.quarter == quarter)
                    .filter_map(|s| provenance.spending(key, pk, s.item(), quarter)),
            );
        for origin in origins {
            match origin.commit() {
                Some(c) if c.changes_data && after(c) => add(c, path.clone()),
                Some(_) => {}
                None if !uncommitted.contains(&path) => uncommitted.push(path.clone()),
                None => {}
            }
        }
    }
    changes.sort_by_key(|c| std::cmp::Reverse(c.commit.instant()));
    (!changes.is_empty() || !uncommitted.is_empty()).then_some(Stale {
        changes,
        uncommitted,
    })
}

/// Where a commit falls against an approval.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    Before,
    /// On the day of a date-only approval, in the agency's time zone.
    SameDay,
    After,
}

/// Orders an instant against an approval written on the agency's clock: a date-only approval
/// covers its whole day, and an instant within that day cannot be ordered.
pub fn order(approval: Moment, tz: &jiff::tz::TimeZone, at: jiff::Timestamp) -> Option<Order> {
    let instant = |dt: crate::model::DateTime| tz.to_ambiguous_timestamp(dt).compatible().ok();
    Some(match approval {
        Moment::At(dt) => {
            if at > instant(dt)? {
                Order::After
            } else {
                Order::Before
            }
        }
        Moment::Day(day) => {
            let start = instant(day.0.to_datetime(jiff::civil::Time::midnight()))?;
            let end = instant(
                day.0
                    .tomorrow()
                    .ok()?
                    .to_datetime(jiff::civil::Time::midnight()),
            )?;
            if at >= end {
                Order::After
            } else if at >= start {
                Order::SameDay
            } else {
                Order::Before
            }
        }
    })
}

fn changes_after(
    year: i32,
    approved: Moment,
    tz: &jiff::tz::TimeZone,
    provenance: &Provenance,
    cited: &[&str],
) -> (Option<Stale>, Vec<Change>) {
    let own = format!("{year}/");
    // An evidence file feeds the years whose entries cite it; a site page, every year's print
    // when it has a `bab` (in `cited` too).
    let feeds_year = |path: &str| {
        if crate::provenance::is_evidence(path) || crate::provenance::is_site_page(path) {
            cited.contains(&path)
        } else {
            !path.starts_with(|c: char| c.is_ascii_digit()) || path.starts_with(&own)
        }
    };
    let history: Vec<(&Commit, Vec<&crate::provenance::FileChange>)> = provenance
        .feed_changes()
        .map(|(c, files)| {
            (
                c,
                files
                    .iter()
                    .filter(|f| feeds_year(&f.path))
                    .collect::<Vec<_>>(),
            )
        })
        .filter(|(_, files)| !files.is_empty())
        .collect();
    let order_of = |c: &Commit| c.instant().and_then(|at| order(approved, tz, at));
    let brought_in = brought_in(year, approved, tz, provenance);
    let mut after = Vec::new();
    let mut same_day = Vec::new();
    for (commit, files) in &history {
        if Some(&commit.id) == brought_in.as_ref() {
            continue;
        }
        let files: Vec<String> = files
            .iter()
            .filter(|f| f.data)
            .map(|f| f.path.clone())
            .collect();
        if files.is_empty() {
            continue;
        }
        let change = Change {
            commit: (*commit).clone(),
            files,
        };
        match order_of(commit) {
            Some(Order::After) => after.push(change),
            Some(Order::SameDay) => same_day.push(change),
            _ => {}
        }
    }
    let uncommitted: Vec<String> = provenance
        .uncommitted_feeds()
        .iter()
        .filter(|p| feeds_year(p))
        .cloned()
        .collect();
    let stale = (!after.is_empty() || !uncommitted.is_empty()).then_some(Stale {
        changes: after,
        uncommitted,
    });
    (stale, same_day)
}

/// The warnings of approval: an SOP without approval steps, stale approvals, and commits on
/// the day of a date-only approval.
pub fn review(report: &Report, computed: &Computed) -> Vec<Finding> {
    let language = report.site.language;
    let mut findings = Vec::new();
    if report.sop_read && report.sop.approval_steps().next().is_none() {
        let span = report.sop.steps.last().map_or(0..0, |s| s.no.span.clone());
        findings.push(
            Finding::warning(say(
                language,
                "SOP tidak memiliki langkah persetujuan (`persetujuan = true`): tidak ada tahun yang dapat disetujui",
                "the SOP has no approval step (`persetujuan = true`): no year can be approved",
            ))
            .at(report.sop.file, span)
            .label(say(language, "tidak ada langkah persetujuan", "no approval step"))
            .help(say(
                language,
                "tandai langkah yang menyetujui dan menandatangani laporan dengan `persetujuan = true` (langkah 9 dan 10 dalam SOP contoh); sampai saat itu setiap tahun \"belum disetujui\" dan edisi publik tidak memuat tahun apa pun",
                "mark the steps that approve and sign the report with `persetujuan = true` (steps 9 and 10 of the sample SOP); until then every year is \"not approved\" and the public edition publishes no year",
            )),
        );
    }
    let steps: Vec<String> = report
        .sop
        .approval_steps()
        .map(|s| s.no.to_string())
        .collect();
    let steps = steps.join(", ");
    for (year, result) in &computed.years {
        let approval = &result.approval;
        for (q, stale) in &approval.stale_quarters {
            if let Some(signed) = approval.quarters.get(q) {
                findings.push(stale_quarter_finding(
                    language, *year, signed, stale, &steps,
                ));
            }
        }
        let Some(signed) = approval.signed() else {
            continue;
        };
        let next_round = signed.run.round + 1;
        if let Some(stale) = &approval.stale {
            findings.push(stale_finding(
                language, *year, signed, stale, &steps, next_round,
            ));
        }
        for change in &approval.same_day {
            let c = &change.commit;
            let time = c
                .local_datetime()
                .map_or(String::new(), |t| t.strftime(" %H:%M").to_string());
            findings.push(
                Finding::warning(say(
                    language,
                    format!(
                        "commit {} oleh {} mengubah {} pada {}{time}, hari yang sama dengan persetujuan {year} yang bertanggal tanpa jam: tidak dapat diketahui mana yang lebih dulu",
                        c.short, c.author, files_words(language, &change.files), c.date
                    ),
                    format!(
                        "commit {} by {} changed {} on {}{time}, the day of the approval of {year}, which has no time: which came first cannot be told",
                        c.short, c.author, files_words(language, &change.files), c.date
                    ),
                ))
                .at(signed.file, signed.span.clone())
                .label(say(language, "tanggal tanpa jam", "a date without a time"))
                .help(say(
                    language,
                    format!(
                        "tuliskan jam persetujuan, mis. `{}T14:00:00` (waktu setempat menurut `zona_waktu`)",
                        signed.instant.date()
                    ),
                    format!(
                        "write the time of the approval, e.g. `{}T14:00:00` (local time in `zona_waktu`)",
                        signed.instant.date()
                    ),
                ))
                .year(*year),
            );
        }
    }
    findings
}

/// A quarter's approval its data no longer matches.
fn stale_quarter_finding(
    language: Language,
    year: i32,
    signed: &Signed,
    stale: &Stale,
    steps: &str,
) -> Finding {
    let when = signed.instant;
    let q = signed.run.quarter.map_or("", roman);
    let quarter = signed.run.quarter.map_or(0, |q| q.number());
    let next_round = signed.run.round + 1;
    let change = match stale.changes.last() {
        Some(first) => {
            let c = &first.commit;
            let files = files_words(language, &first.files);
            say(
                language,
                format!(
                    "commit {} oleh {} pada {} mengubah {files} setelah itu",
                    c.short, c.author, c.date
                ),
                format!(
                    "commit {} by {} on {} changed {files} after that",
                    c.short, c.author, c.date
                ),
            )
        }
        None => say(
            language,
            format!(
                "{} diubah sejak itu (belum di-commit)",
                files_words(language, &stale.uncommitted)
            ),
            format!(
                "{} changed since (not committed yet)",
                files_words(language, &stale.uncommitted)
            ),
        ),
    };
    Finding::warning(say(
        language,
        format!("data TW {q} {year} disetujui pada {when}, tetapi {change}"),
        format!("the data of quarter {q} of {year} was approved on {when}, but {change}"),
    ))
    .at(signed.file, signed.span.clone())
    .label(say(
        language,
        "persetujuan triwulan yang tidak lagi sesuai dengan data",
        "the quarter's approval the data no longer matches",
    ))
    .help(say(
        language,
        format!(
            "catat persetujuan ulang TW {q} (langkah {steps}) sebagai putaran baru: `triwulan = {quarter}`, `putaran = {next_round}`; sampai saat itu data TW {q} tidak lagi ditandai disetujui"
        ),
        format!(
            "record the re-approval of quarter {q} (steps {steps}) as a new run: `triwulan = {quarter}`, `putaran = {next_round}`; until then its data is no longer marked approved"
        ),
    ))
    .year(year)
}

/// "2025/pk/kepala.toml, 2025/pages/a.md, 2025/pages/b.md dan 2 berkas lain".
fn files_words(language: Language, files: &[String]) -> String {
    const SHOWN: usize = 3;
    let named = files
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    match files.len().saturating_sub(SHOWN) {
        0 => named,
        more => say(
            language,
            format!("{named} dan {more} berkas lain"),
            format!("{named} and {more} other file(s)"),
        ),
    }
}

fn stale_finding(
    language: Language,
    year: i32,
    signed: &Signed,
    stale: &Stale,
    steps: &str,
    next_round: u32,
) -> Finding {
    let when = signed.instant;
    let message = match stale.changes.last() {
        Some(first) => {
            let c = &first.commit;
            let files = files_words(language, &first.files);
            let more = match stale.changes.len() {
                1 => String::new(),
                n => say(
                    language,
                    format!(
                        " ({n} commit seluruhnya, terakhir {})",
                        stale.changes[0].commit.short
                    ),
                    format!(
                        " ({n} commits in all, the latest {})",
                        stale.changes[0].commit.short
                    ),
                ),
            };
            say(
                language,
                format!(
                    "{year} disetujui pada {when}, tetapi commit {} oleh {} pada {} mengubah {files} setelah itu{more}",
                    c.short, c.author, c.date
                ),
                format!(
                    "{year} was approved on {when}, but commit {} by {} on {} changed {files} after that{more}",
                    c.short, c.author, c.date
                ),
            )
        }
        None => say(
            language,
            format!(
                "{year} disetujui pada {when}, tetapi {} diubah sejak itu (belum di-commit)",
                files_words(language, &stale.uncommitted)
            ),
            format!(
                "{year} was approved on {when}, but {} changed since (not committed yet)",
                files_words(language, &stale.uncommitted)
            ),
        ),
    };
    Finding::warning(message)
        .at(signed.file, signed.span.clone())
        .label(say(
            language,
            "persetujuan yang tidak lagi sesuai dengan data",
            "the approval the data no longer matches",
        ))
        .help(say(
            language,
            format!(
                "mintakan persetujuan ulang atas data yang berubah dan catat langkah persetujuan ({steps}) sebagai putaran baru (`putaran = {next_round}`) di {year}/proses.toml; sampai saat itu situs menandai persetujuan {year} sebagai kedaluwarsa dan edisi publik tidak memuatnya"
            ),
            format!(
                "have the changed data approved again and record the approval steps ({steps}) as a new run (`putaran = {next_round}`) in {year}/proses.toml; until then the site marks the approval of {year} as out of date and the public edition leaves the year out"
            ),
        ))
        .year(year)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Process;

    fn step(no: u32, quarter: Option<i64>, round: Option<u32>, date: &str) -> ProcessStep {
        let mut text = format!("no = {no}\noleh = \"kepala\"\ntanggal = {date}\n");
        if let Some(q) = quarter {
            text += &format!("triwulan = {q}\n");
        }
        if let Some(r) = round {
            text += &format!("putaran = {r}\n");
        }
        toml::from_str(&text).unwrap()
    }

    fn report(approval_steps: &[u32], steps: Vec<ProcessStep>) -> (Report, Year) {
        let mut report = Report::default();
        for no in 1..=3 {
            let text = format!(
                "no = {no}\nuraian = \"x\"\npelaksana = \"kepala_opd\"\nkelengkapan = \"\"\nwaktu = \"1 jam\"\noutput = \"\"\npersetujuan = {}\n",
                approval_steps.contains(&no)
            );
            report.sop.steps.push(toml::from_str(&text).unwrap());
        }
        let year = Year {
            year: 2025,
            process: Some(Process {
                steps,
                ..Process::default()
            }),
            ..Year::default()
        };
        (report, year)
    }

    #[test]
    fn an_sop_without_approval_steps_approves_no_year() {
        let (report, year) = report(&[], vec![step(1, None, None, "2026-01-05")]);
        let approval = approve(&report, &year);
        assert_eq!(approval.state, State::TanpaPersetujuan);
        assert!(!approval.is_approved());
        assert_eq!(approval.status(), "tanpa_persetujuan");
    }

    #[test]
    fn the_final_run_approves_the_year_and_a_later_round_replaces_it() {
        let (report, year) = report(
            &[2, 3],
            vec![
                step(2, None, None, "2026-01-05"),
                step(3, Some(4), None, "2026-01-06T10:00:00"),
                step(2, None, Some(2), "2026-02-10"),
            ],
        );
        let approval = approve(&report, &year);
        let signed = approval.signed().unwrap();
        // Round 2 has step 2 only: the year stays approved by round 1 (triwulan 4 = final).
        assert_eq!(
            signed.run,
            Run {
                quarter: None,
                round: 1
            }
        );
        assert_eq!(signed.instant.to_string(), "2026-01-06 10:00");
        assert_eq!(signed.date.to_string(), "2026-01-06");

        let (report, year) = report_with_round_two();
        let signed = approve(&report, &year).signed().cloned().unwrap();
        assert_eq!(signed.run.round, 2);
        assert_eq!(signed.instant.to_string(), "2026-02-11");
    }

    #[test]
    fn the_approval_instant_is_the_latest_end_whether_dated_or_timed() {
        // Step 3 on the next day without a time ends after step 2's time on the day before.
        let (report, year) = report(
            &[2, 3],
            vec![
                step(2, None, None, "2026-01-06T10:00:00"),
                step(3, None, None, "2026-01-07"),
            ],
        );
        let signed = approve(&report, &year).signed().cloned().unwrap();
        assert_eq!(signed.instant.to_string(), "2026-01-07");
        let (report, year) = report_swapped();
        let signed = approve(&report, &year).signed().cloned().unwrap();
        assert_eq!(signed.instant.to_string(), "2026-01-07 10:00");
    }

    fn report_swapped() -> (Report, Year) {
        report(
            &[2, 3],
            vec![
                step(2, None, None, "2026-01-06"),
                step(3, None, None, "2026-01-07T10:00:00"),
            ],
        )
    }

    fn report_with_round_two() -> (Report, Year) {
        report(
            &[2, 3],
            vec![
                step(2, None, None, "2026-01-05"),
                step(3, None, None, "2026-01-06"),
                step(2, None, Some(2), "2026-02-10"),
                step(3, None, Some(2), "2026-02-11"),
            ],
        )
    }

    #[test]
    fn a_quarterly_run_approves_its_quarter_only() {
        let (report, year) = report(
            &[3],
            vec![
                step(1, Some(1), None, "2025-04-07"),
                step(3, Some(1), None, "2025-04-10"),
                step(1, Some(2), None, "2025-07-07"),
            ],
        );
        let approval = approve(&report, &year);
        assert_eq!(approval.state, State::Draft);
        assert!(approval.quarter_approved(Quarter::ALL[0]));
        assert!(!approval.quarter_approved(Quarter::ALL[1]));
        assert_eq!(approval.quarters[&1].date.to_string(), "2025-04-10");
        assert_eq!(
            approval.quarters[&1].run.words(Language::Indonesian),
            "triwulan I, putaran 1"
        );
    }

    #[test]
    fn the_time_zone_database_is_built_in() {
        // Machines without /usr/share/zoneinfo (minimal containers, Windows) use this copy.
        let bundled = jiff::tz::TimeZoneDatabase::bundled();
        for (name, _) in INDONESIAN_ZONES {
            assert!(bundled.get(name).is_ok(), "{name}");
        }
    }

    #[test]
    fn instants_are_ordered_in_the_agency_time_zone() {
        let wita = jiff::tz::TimeZone::get("Asia/Makassar").unwrap();
        let at: Moment = Moment::At("2026-01-06T14:00:00".parse().unwrap());
        let ts = |s: &str| s.parse::<jiff::Timestamp>().unwrap();
        // 14:00 WITA is 13:00 WIB (+07:00) and 06:00 UTC.
        assert_eq!(
            order(at, &wita, ts("2026-01-06T12:59:00+07:00")),
            Some(Order::Before)
        );
        assert_eq!(
            order(at, &wita, ts("2026-01-06T13:01:00+07:00")),
            Some(Order::After)
        );
        assert_eq!(
            order(at, &wita, ts("2026-01-06T05:59:59Z")),
            Some(Order::Before)
        );
        let day = Moment::Day(Date::new(2026, 1, 6).unwrap());
        // The day runs from 00:00 to 24:00 WITA: 2026-01-05T16:00Z to 2026-01-06T16:00Z.
        assert_eq!(
            order(day, &wita, ts("2026-01-05T15:59:00Z")),
            Some(Order::Before)
        );
        assert_eq!(
            order(day, &wita, ts("2026-01-05T16:00:00Z")),
            Some(Order::SameDay)
        );
        assert_eq!(
            order(day, &wita, ts("2026-01-06T23:30:00+08:00")),
            Some(Order::SameDay)
        );
        assert_eq!(
            order(day, &wita, ts("2026-01-06T23:30:00+07:00")),
            Some(Order::After)
        );
    }
}
