//! The orchestrator: load → validate → compute → review → render → write, as one [`Site`].

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::compute::{Computed, compute};
use crate::finding::{Findings, Located, say};
use crate::load::{LoadError, Loaded, load, load_cached};
use crate::model::{Date, Edition, Report, Sources};
use crate::provenance::{self, Provenance};
use crate::recheck::Cache;
use crate::render::{self, OutputFile, RenderError, Theme};
use crate::validate::check;
use crate::write::{Cleanup, Staging, WriteError};

/// A loaded and checked report repository.
#[derive(Clone, Debug)]
pub struct Site {
    /// The content folder, as given.
    pub content: PathBuf,
    pub report: Report,
    pub sources: Sources,
    /// Every finding of loading and validation, in a stable order.
    pub findings: Findings,
    /// The computed values; `None` when the data has errors.
    pub computed: Option<Computed>,
    /// Who committed each realisation and when, from git; empty outside git.
    pub provenance: Provenance,
    /// The date the report is computed as of: `tanggal_laporan`, else the day of the check.
    pub report_date: Date,
    /// The evidence files the realisations cite, read and hashed.
    pub evidence: crate::evidence::Evidence,
    /// Every input file hashed, and the commit: what each year's manifest seals.
    pub inputs: crate::seal::Inputs,
    /// Per year, the values changed since its approval (from git).
    pub changes: std::collections::BTreeMap<i32, crate::changes::YearChanges>,
    /// The approved years the public edition left out because their data changed since.
    stale_left_out: Vec<i32>,
}

/// Where to build.
#[derive(Clone, Debug)]
pub struct BuildOptions {
    pub output: PathBuf,
    /// A theme folder overriding the built-in default theme file by file; by default
    /// `themes/<tema>/` beside the content folder, when it exists.
    pub theme: Option<PathBuf>,
}

/// What a build wrote.
#[derive(Clone, Debug)]
pub struct BuildSummary {
    pub pages: usize,
    pub files: usize,
    pub bytes: usize,
    pub elapsed: Duration,
}

/// A site written beside the output folder by [`Site::stage`], not in place yet.
pub struct Staged {
    staging: Staging,
    summary: BuildSummary,
    started: Instant,
}

impl Staged {
    /// Puts the site in place of the output folder.
    pub fn finish(self, cleanup: Cleanup) -> Result<BuildSummary, BuildError> {
        self.staging.finish(cleanup)?;
        Ok(BuildSummary {
            elapsed: self.started.elapsed(),
            ..self.summary
        })
    }

    /// Leaves the output folder as it is ([`Staging::abandon`]).
    pub fn abandon(self) {
        self.staging.abandon();
    }
}

#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// [`Site::stage`] was cancelled; nothing was put in place.
    #[error("the build was cancelled: a newer change replaced it")]
    Cancelled,
    #[error("the report has {0} error(s); nothing was written and the previous site is untouched")]
    Invalid(usize),
    #[error(transparent)]
    Render(#[from] RenderError),
    #[error(transparent)]
    Write(#[from] WriteError),
}

impl Site {
    /// Reads and checks a content folder. Data errors are findings, not an `Err`: only a
    /// folder that cannot be read is.
    pub fn load(content: impl AsRef<Path>) -> Result<Site, LoadError> {
        let content = content.as_ref();
        Ok(Site::checked(content, load(content)?, None))
    }

    /// [`Site::load`], parsing and hashing again only the files whose bytes changed since the
    /// last load with the same `cache`, and checking again only what they can change
    /// (`serve`; [`crate::recheck`]).
    pub fn load_cached(content: impl AsRef<Path>, cache: &mut Cache) -> Result<Site, LoadError> {
        let content = content.as_ref();
        let loaded = load_cached(content, &mut cache.load)?;
        Ok(Site::checked(content, loaded, Some(cache)))
    }

    /// What was loaded, with its provenance, checked and computed; with a `cache`, the files
    /// it parsed are not hashed again and what it holds of the last check is reused.
    fn checked(content: &Path, loaded: Loaded, cache: Option<&mut Cache>) -> Site {
        let mut site = Site::unchecked(content, loaded);
        // One `git log` for the whole history, read before the checks: an approval older than
        // the data it approved is a finding.
        site.provenance = provenance::read(content, &site.report, &site.sources);
        let (evidence, findings) = crate::evidence::collect(content, &site.report);
        site.evidence = evidence;
        site.findings.extend(findings);
        site.inputs = match &cache {
            Some(cache) => crate::seal::Inputs::read_cached(
                content,
                &site.sources,
                &site.evidence,
                &cache.load,
            ),
            None => crate::seal::Inputs::read(content, &site.sources, &site.evidence),
        };
        crate::recheck::timed("check", || site.check_with(today(), cache));
        if let Some(computed) = &site.computed {
            site.changes = crate::changes::read(
                content,
                &site.report,
                &site.sources,
                computed,
                &site.provenance,
            );
        }
        site
    }

    /// What was loaded from `content`, not checked yet and without provenance: call
    /// [`Site::check`] next (the fuzz targets do, with a fixed date).
    pub fn unchecked(content: &Path, loaded: Loaded) -> Site {
        Site {
            content: content.to_path_buf(),
            report: loaded.report,
            sources: loaded.sources,
            findings: loaded.findings,
            computed: None,
            provenance: Provenance::default(),
            report_date: Date::default(),
            evidence: crate::evidence::Evidence::default(),
            inputs: crate::seal::Inputs::default(),
            changes: std::collections::BTreeMap::new(),
            stale_left_out: Vec::new(),
        }
    }

    /// Validates the model, computes it when it is sound, and reviews the results. `today`
    /// stands in for `tanggal_laporan` when the site does not give one.
    pub fn check(&mut self, today: Date) {
        self.check_with(today, None);
    }

    /// [`Site::check`], reusing what `cache` holds of the last check where its inputs did not
    /// change: the one-line fields of a file, the review of a PK.
    fn check_with(&mut self, today: Date, mut cache: Option<&mut Cache>) {
        self.report_date = self.report.report_date(today);
        let parse_errors = self.findings.has_errors();
        self.findings.extend(check(&self.report));
        // tindak_lanjut.toml and batas_lkjip (the self-assessment's own keys).
        self.findings
            .extend(crate::evaluation::check(&self.report, self.report_date));
        // `tema` names a folder under themes/ with nothing leading out of it.
        self.findings.extend(Theme::check_site_folder(
            &self.content,
            &self.report,
            &self.sources,
        ));
        // No title, name or position of megabytes.
        self.findings.extend(match cache.as_deref_mut() {
            Some(cache) => cache.single_line_lengths(&self.report, &self.sources),
            None => crate::validate::single_line_lengths(&self.report, &self.sources),
        });
        // A chapter of a year's print with no page: a warning at the year's folder.
        self.findings.extend(crate::narrative::missing_chapters(
            &self.report,
            &self.content,
            &mut self.sources,
        ));
        self.computed = None;
        // Computing on data with errors would only produce more confusing findings.
        if !parse_errors && !self.findings.has_errors() {
            let mut computed = crate::recheck::timed("compute", || match cache.as_deref_mut() {
                Some(cache) => {
                    cache.compute(&self.content, &self.report, &self.sources, self.report_date)
                }
                None => compute(&self.report, self.report_date),
            });
            crate::approval::attach_history(&mut computed, &self.report, &self.provenance);
            self.findings.extend(match cache {
                Some(cache) => crate::recheck::timed("review", || {
                    cache.review(&self.content, &self.report, &self.sources, &computed, today)
                }),
                None => crate::validate::review_with_sources(
                    &self.report,
                    Some(&self.sources),
                    &computed,
                    today,
                ),
            });
            self.findings
                .extend(crate::approval::review(&self.report, &computed));
            // Narrative of a published year quoting a year the public edition leaves out.
            self.findings
                .extend(crate::narrative::review(&self.report, &computed));
            self.computed = Some(computed);
        }
        self.findings.language = self.report.site.language;
        self.findings.sort();
    }

    /// The site as the given edition publishes it. The public edition keeps only the years
    /// approved and not changed since ([`crate::approval::Approval::is_current`]), computed
    /// again without the others so that no trend, mean or export carries a draft number, and
    /// leaves out the officials' NIPs unless `publik_nip = true`; it returns the years it left
    /// out.
    pub fn edition(mut self, edition: Edition) -> (Site, Vec<i32>) {
        self.report.site.edition = edition;
        if edition == Edition::Internal {
            return (self, Vec::new());
        }
        let left_out: Vec<i32> = self
            .report
            .years
            .values()
            .filter(|y| !self.publishable(y.year))
            .map(|y| y.year)
            .collect();
        self.stale_left_out = left_out
            .iter()
            .copied()
            .filter(|y| {
                self.computed
                    .as_ref()
                    .and_then(|c| c.years.get(y))
                    .is_some_and(|r| r.approval.is_approved())
            })
            .collect();
        self.report.years.retain(|year, _| !left_out.contains(year));
        if let Some(before) = self.computed.take() {
            let mut computed = compute(&self.report, self.report_date);
            // The years kept are approved and current: their approval is as it was.
            for (year, result) in &mut computed.years {
                if let Some(b) = before.years.get(year) {
                    result.approval = b.approval.clone();
                }
            }
            self.computed = Some(computed);
        }
        if !self.report.site.public_nip {
            for official in &mut self.report.site.officials {
                official.nip = None;
            }
            // The NIPs written beside a name elsewhere: the reviewer's, a second party's.
            for year in self.report.years.values_mut() {
                if let Some(review) = year.process.as_mut().and_then(|p| p.review.as_mut()) {
                    review.value.nip = None;
                }
                for pk in &mut year.pks {
                    if let Some(crate::model::SecondParty::Table(t)) = &mut pk.second_party {
                        t.nip = None;
                    }
                }
            }
        }
        // Findings are for the agency's staff; the public edition has no validation page.
        self.findings.list.retain(|f| f.is_error());
        (self, left_out)
    }

    /// Whether the public edition publishes `year`: approved, and nothing feeding it changed
    /// since. Without computed results (a report with errors) only the approval is known.
    fn publishable(&self, year: i32) -> bool {
        match self.computed.as_ref().and_then(|c| c.years.get(&year)) {
            Some(result) => result.approval.is_current(),
            None => self
                .report
                .years
                .get(&year)
                .is_some_and(|y| crate::approval::approve(&self.report, y).is_approved()),
        }
    }

    /// Why the public edition leaves out `year` (from [`Site::edition`]), as the build says it.
    pub fn left_out_note(&self, year: i32) -> String {
        let language = self.report.site.language;
        let steps: Vec<String> = self
            .report
            .sop
            .approval_steps()
            .map(|s| s.no.to_string())
            .collect();
        if steps.is_empty() {
            return say(
                language,
                format!(
                    "edisi publik: {year} tidak dimuat: SOP tidak memiliki langkah persetujuan (`persetujuan = true`), jadi tidak ada tahun yang disetujui"
                ),
                format!(
                    "public edition: left out {year}: the SOP has no approval step (`persetujuan = true`), so no year is approved"
                ),
            );
        }
        if self.stale_left_out.contains(&year) {
            return say(
                language,
                format!(
                    "edisi publik: {year} tidak dimuat: datanya berubah setelah disetujui (catat persetujuan ulang sebagai putaran baru di {year}/proses.toml)"
                ),
                format!(
                    "public edition: left out {year}: its data changed after the approval (record the re-approval as a new run in {year}/proses.toml)"
                ),
            );
        }
        say(
            language,
            format!(
                "edisi publik: {year} tidak dimuat: belum disetujui (langkah SOP {} belum dicatat untuk laporan tahunan di {year}/proses.toml)",
                steps.join(", ")
            ),
            format!(
                "public edition: left out {year}: not approved (SOP step(s) {} not recorded for the year's report in {year}/proses.toml)",
                steps.join(", ")
            ),
        )
    }

    /// What the build says when the public edition publishes no year at all: a warning (the
    /// site is still built, its home page says that nothing is approved yet).
    pub fn nothing_public_note(&self) -> Option<String> {
        if self.report.site.edition != Edition::Public || !self.report.years.is_empty() {
            return None;
        }
        Some(say(
            self.report.site.language,
            "peringatan: edisi publik tidak memuat satu tahun pun: belum ada tahun yang disetujui; beranda situs menyatakannya",
            "warning: the public edition publishes no year: no year is approved yet; the home page says so",
        ))
    }

    /// Prints every finding on standard error, styled on a terminal: what `capaian check`,
    /// `build` and `serve` show.
    pub fn print_findings(&self) {
        use std::io::Write as _;
        let renderer = if anstream::stderr().is_terminal() {
            annotate_snippets::Renderer::styled()
        } else {
            annotate_snippets::Renderer::plain()
        };
        let mut err = anstream::stderr().lock();
        for finding in &self.findings.list {
            let _ = writeln!(err, "{}\n", finding.render(&self.sources, &renderer));
        }
    }

    /// The findings with their places resolved, for printing and for the validation page.
    pub fn located_findings(&self) -> Vec<Located> {
        self.findings
            .list
            .iter()
            .map(|f| f.locate(&self.sources))
            .collect()
    }

    /// The findings as the site's pages show them: paths relative to the content folder, never
    /// the build machine's own folders.
    pub fn page_findings(&self) -> Vec<Located> {
        self.findings
            .list
            .iter()
            .map(|f| f.locate_relative(&self.sources, &self.content))
            .collect()
    }

    /// Renders the site and writes it into `options.output`, replacing the previous build only
    /// when everything succeeded.
    pub fn build(&self, options: &BuildOptions) -> Result<BuildSummary, BuildError> {
        self.build_with(options, Cleanup::Now)
    }

    /// [`Site::build`], choosing when the previous build is deleted.
    pub fn build_with(
        &self,
        options: &BuildOptions,
        cleanup: Cleanup,
    ) -> Result<BuildSummary, BuildError> {
        self.stage(options, cleanup, None)?.finish(cleanup)
    }

    /// Renders the site and writes it beside `options.output`, leaving the output as it was
    /// until [`Staged::finish`] swaps it in. Setting `cancel` from another thread stops the
    /// render and gives [`BuildError::Cancelled`] (`serve`, when a newer change comes).
    pub fn stage(
        &self,
        options: &BuildOptions,
        cleanup: Cleanup,
        cancel: Option<&AtomicBool>,
    ) -> Result<Staged, BuildError> {
        let started = Instant::now();
        let computed = match &self.computed {
            Some(c) if !self.findings.has_errors() => c,
            _ => return Err(BuildError::Invalid(self.findings.errors().max(1))),
        };
        let theme = self.theme(options)?;
        // Each page is written as soon as it is rendered, so that the site is never whole in
        // memory; the staging folder replaces the output only once every page is written.
        let staging = if cleanup == Cleanup::Recycle {
            Staging::begin_recycling(&options.output, &self.content)?
        } else {
            Staging::begin(&options.output, &self.content)?
        };
        let (pages, files, bytes) = (
            AtomicUsize::new(0),
            AtomicUsize::new(0),
            AtomicUsize::new(0),
        );
        let findings = self.page_findings();
        let input = self.render_input(computed, &findings, &theme, cancel);
        let written = render::render(&input, &|file| {
            if file.path.extension().is_some_and(|e| e == "html") {
                pages.fetch_add(1, Ordering::Relaxed);
            }
            files.fetch_add(1, Ordering::Relaxed);
            bytes.fetch_add(file.contents.len(), Ordering::Relaxed);
            Ok(staging.write(&file)?)
        });
        match written {
            Ok(()) => {}
            Err(RenderError::Cancelled) => {
                staging.abandon();
                return Err(BuildError::Cancelled);
            }
            Err(RenderError::Write(e)) => return Err(BuildError::Write(e)),
            Err(e) => return Err(e.into()),
        }
        Ok(Staged {
            staging,
            summary: BuildSummary {
                pages: pages.into_inner(),
                files: files.into_inner(),
                bytes: bytes.into_inner(),
                elapsed: started.elapsed(),
            },
            started,
        })
    }

    /// The theme a build with `options` renders with: `options.theme`, or `themes/<tema>/`
    /// beside the content folder, over the built-in default theme.
    pub fn theme(&self, options: &BuildOptions) -> Result<Theme, RenderError> {
        Theme::load(self.theme_dir(options).as_deref())
    }

    /// The theme folder a build with `options` reads, if any ([`Site::theme`]).
    pub fn theme_dir(&self, options: &BuildOptions) -> Option<PathBuf> {
        options.theme.clone().or_else(|| self.default_theme_dir())
    }

    /// The one file at `path` (relative to the output folder, with `/`) exactly as a build
    /// with `theme` writes it, rendering no other page: `serve` answers with it while the
    /// whole site is written. `None` for a report with errors, a path no file has, and the
    /// files that list every page ([`render::render_one`]).
    pub fn render_one(&self, theme: &Theme, path: &str) -> Result<Option<OutputFile>, RenderError> {
        let computed = match &self.computed {
            Some(c) if !self.findings.has_errors() => c,
            _ => return Ok(None),
        };
        let findings = self.page_findings();
        render::render_one(&self.render_input(computed, &findings, theme, None), path)
    }

    /// What a render of this site reads.
    fn render_input<'a>(
        &'a self,
        computed: &'a Computed,
        findings: &'a [Located],
        theme: &'a Theme,
        cancel: Option<&'a AtomicBool>,
    ) -> render::Input<'a> {
        render::Input {
            report: &self.report,
            computed,
            findings,
            provenance: &self.provenance,
            theme,
            sources: Some(&self.sources),
            evidence: Some(&self.evidence),
            inputs: Some(&self.inputs),
            changes: Some(&self.changes),
            cancel,
        }
    }

    /// `themes/<tema>/` beside the content folder, when the repository has one and it stays
    /// inside it ([`Theme::site_folder`]; a refused one is an error of [`Site::check`], so
    /// that nothing is built with it).
    fn default_theme_dir(&self) -> Option<PathBuf> {
        Theme::site_folder(&self.content, &self.report.site.theme)
            .ok()
            .flatten()
    }
}

/// Today's date in the machine's time zone: the default `tanggal_laporan`.
pub fn today() -> Date {
    Date(jiff::ZonedDateTime::now().date())
}
