//! What `capaian serve` keeps from one check of the report to the next, so that a save is
//! worked on again only where it can change something: the files parsed, with their hashes
//! ([`crate::load::Cache`]), and the review of each PK of each year
//! ([`crate::validate::review_reusing`]).
//!
//! The review of a PK (its indicators' quarters, plausibility, analysis, and its budget) is
//! reused when everything it reads is as it was: its PK and realisation files (their bytes
//! and their places in the list of files, by which a finding names its file), the files
//! outside the years' folders (site.toml, sop.toml, renstra.toml, the site's pages), the
//! report date, every year's numbers of its indicators (the plausibility rules compare the
//! years) and the computed values it questions (each indicator's capaian and realisation).
//! The year's own findings (its folder, its approval) and those of the whole report are made
//! again every time: they are few and cheap. The result is the same as a review of everything.

use std::collections::{BTreeMap, HashMap};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock, PoisonError};
use std::time::Instant;

use crate::compute::Computed;
use crate::finding::Finding;
use crate::model::{Date, FileId, Report, Sources, Value};

/// Whether serve prints how long each stage of a rebuild took (`CAPAIAN_STAGES` set in the
/// environment): for measuring, e.g. beside `cargo bench --bench rebuild`.
pub(crate) fn stages_shown() -> bool {
    static SHOWN: OnceLock<bool> = OnceLock::new();
    *SHOWN.get_or_init(|| std::env::var_os("CAPAIAN_STAGES").is_some())
}

/// Runs `f`; when [`stages_shown`], prints how long it took as `stage NAME MS`.
pub(crate) fn timed<T>(name: &str, f: impl FnOnce() -> T) -> T {
    if !stages_shown() {
        return f();
    }
    let started = Instant::now();
    let result = f();
    eprintln!(
        "stage {name} {:.1} ms",
        started.elapsed().as_secs_f64() * 1000.0
    );
    result
}

/// When [`stages_shown`], prints how long it has been since `started` as `stage NAME MS`.
pub(crate) fn stage_since(name: &str, started: Instant) {
    if stages_shown() {
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        eprintln!("stage {name} {ms:.1} ms");
    }
}

/// Kept by serve from one load of the content folder to the next.
#[derive(Debug, Default)]
pub struct Cache {
    /// The files parsed by the last load, with their hashes.
    pub load: crate::load::Cache,
    /// Each PK's findings from the last review, by year and place in the year's list, with
    /// the key of what they were made from.
    reviews: HashMap<(i32, usize), Reviewed>,
    /// The PKs (year, id) the last review worked on again; the others were reused.
    reviewed: Vec<(i32, String)>,
    /// The files found to hold no one-line field over the limit, with the hash of the bytes
    /// they were found so in.
    short: HashMap<PathBuf, String>,
    /// Each year's result from the last compute, before its history was attached, with the
    /// key of what it was computed from.
    years: HashMap<i32, ComputedYear>,
    /// The years the last [`Cache::compute`] computed again; the others were reused.
    computed: Vec<i32>,
}

#[derive(Debug)]
struct ComputedYear {
    key: u64,
    result: crate::compute::YearResult,
    /// A copy of `result` made ahead ([`Cache::refill`]), which the next compute takes.
    spare: Mutex<Option<crate::compute::YearResult>>,
}

#[derive(Clone, Debug)]
struct Reviewed {
    key: u64,
    findings: Vec<Finding>,
}

impl Cache {
    pub fn new() -> Cache {
        Cache::default()
    }

    /// The PKs (year, id) the last [`Cache::review`] reviewed again; the others were reused.
    pub fn reviewed_pks(&self) -> &[(i32, String)] {
        &self.reviewed
    }

    /// Makes the copies the next load and compute take of the files parsed and the years
    /// computed, instead of making them then: serve calls this once the page is shown, so that
    /// the next save waits for no copy.
    /// Stops early, leaving the rest to be copied when needed, once `stop` is set.
    pub fn refill(&mut self, stop: &std::sync::atomic::AtomicBool) {
        self.load.refill(stop);
        for year in self.years.values_mut() {
            if stop.load(std::sync::atomic::Ordering::Relaxed) {
                return;
            }
            let spare = year.spare.get_mut().unwrap_or_else(PoisonError::into_inner);
            if spare.is_none() {
                *spare = Some(year.result.clone());
            }
        }
    }

    /// The years the last [`Cache::compute`] computed again; the others were reused.
    pub fn computed_years(&self) -> &[i32] {
        &self.computed
    }

    /// [`crate::compute::compute`], computing again only the years whose inputs changed since
    /// the last compute with this cache ([`crate::compute::compute_reusing`] says what a
    /// year's result reads); the history, which crosses the years, is attached again to all.
    pub fn compute(
        &mut self,
        content: &Path,
        report: &Report,
        sources: &Sources,
        report_date: Date,
    ) -> Computed {
        let keys = timed("compute: keys", || {
            self.year_keys(content, report, sources, report_date)
        });
        let previous = std::mem::take(&mut self.years);
        let fresh = Mutex::new(HashMap::new());
        // The spare copy when there is one, else a copy made now.
        let reused = |year: i32| {
            let cached = previous.get(&year)?;
            (keys.get(&year) == Some(&cached.key)).then(|| {
                let spare = cached
                    .spare
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .take();
                spare.unwrap_or_else(|| cached.result.clone())
            })
        };
        let computed = |year: i32, result: &crate::compute::YearResult| {
            if let Some(&key) = keys.get(&year) {
                let result = result.clone();
                let spare = Mutex::new(None);
                fresh
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .insert(year, ComputedYear { key, result, spare });
            }
        };
        let results = timed("compute: years", || {
            crate::compute::compute_reusing(report, report_date, &reused, &computed)
        });
        let fresh = fresh.into_inner().unwrap_or_else(PoisonError::into_inner);
        self.computed = fresh.keys().copied().collect();
        self.computed.sort();
        let mut years = previous;
        years.retain(|year, cached| keys.get(year) == Some(&cached.key));
        years.extend(fresh);
        self.years = years;
        results
    }

    /// For each year, a hash of everything its computed result reads: the report date, the
    /// files outside the years' folders, the year's own files and, for a year in progress,
    /// the year before's (its projection reads them). Each file by its path, its place in the
    /// list of files and its hash (its text when the load did not keep it).
    fn year_keys(
        &self,
        content: &Path,
        report: &Report,
        sources: &Sources,
        report_date: Date,
    ) -> HashMap<i32, u64> {
        let mut shared = DefaultHasher::new();
        report_date.hash(&mut shared);
        let mut by_year: HashMap<i32, DefaultHasher> = HashMap::new();
        for (file, source) in sources.iter() {
            let hasher = match year_of(content, source) {
                Some(year) => by_year.entry(year).or_default(),
                None => &mut shared,
            };
            (file.0, &source.path).hash(hasher);
            match self.load.sha256(&source.path) {
                Some(hash) => hash.hash(hasher),
                None => source.text.hash(hasher),
            }
        }
        let own = |year: i32| by_year.get(&year).map_or(0, Hasher::finish);
        report
            .years
            .keys()
            .map(|&year| {
                let mut hasher = shared.clone();
                (year, own(year)).hash(&mut hasher);
                if !crate::compute::YearPeriod::of(year, report_date).complete {
                    (year - 1, own(year - 1)).hash(&mut hasher);
                }
                (year, hasher.finish())
            })
            .collect()
    }

    /// [`crate::validate::single_line_lengths`], in the files not found short before with the
    /// same bytes only.
    pub fn single_line_lengths(&mut self, report: &Report, sources: &Sources) -> Vec<Finding> {
        let load = &self.load;
        let short = &mut self.short;
        let mut wanted = vec![false; sources.iter().count()];
        for (file, source) in sources.iter() {
            let hash = load.sha256(&source.path);
            if hash.is_some() && short.get(&source.path).map(String::as_str) == hash {
                continue;
            }
            match hash {
                Some(hash) if !crate::validate::may_hold_a_long_one_line(source) => {
                    short.insert(source.path.clone(), hash.to_string());
                }
                _ => wanted[file.0] = true,
            }
        }
        short.retain(|path, _| load.sha256(path).is_some());
        crate::validate::single_line_lengths_in(report, sources, &|file| wanted[file.0])
    }

    /// [`crate::validate::review_with_sources`], reviewing again only the PKs whose inputs
    /// changed since the last review with this cache.
    pub fn review(
        &mut self,
        content: &Path,
        report: &Report,
        sources: &Sources,
        computed: &Computed,
        today: Date,
    ) -> Vec<Finding> {
        let report_date = report.report_date(today);
        // Gathered once: for the keys, and for the review.
        let numbers = timed("review: numbers", || {
            crate::plausibility::numbers_by_indicator(report)
        });
        let keys = timed("review: keys", || {
            self.pk_keys(content, report, sources, computed, report_date, &numbers)
        });
        let reuse = Reuse {
            numbers: &numbers,
            keys: &keys,
            previous: &self.reviews,
            fresh: Mutex::new(HashMap::new()),
        };
        let findings = timed("review: reviews", || {
            crate::validate::review_reusing(report, Some(sources), computed, today, Some(&reuse))
        });
        let fresh = reuse
            .fresh
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        self.reviewed = fresh
            .keys()
            .filter_map(|&(year, index)| {
                let pk = report.years.get(&year)?.pks.get(index)?;
                Some((year, pk.id.clone()))
            })
            .collect();
        self.reviewed.sort();
        // What was reused stays; what was reviewed again replaces it; PKs gone are dropped.
        let mut reviews = std::mem::take(&mut self.reviews);
        reviews.retain(|place, _| keys.contains_key(place));
        reviews.extend(fresh);
        self.reviews = reviews;
        findings
    }

    /// For each PK, by year and place in the year's list, a hash of everything its review
    /// reads (the module's documentation); `None` for a PK whose files the load did not keep.
    fn pk_keys(
        &self,
        content: &Path,
        report: &Report,
        sources: &Sources,
        computed: &Computed,
        report_date: Date,
        numbers: &BTreeMap<&str, Vec<(i32, f64)>>,
    ) -> HashMap<(i32, usize), u64> {
        let file_hash = |file: FileId| self.load.sha256(&sources.get(file).path);
        let mut shared = DefaultHasher::new();
        report_date.hash(&mut shared);
        // The files outside the years' folders, which every review reads; those the load did
        // not keep (they did not parse: then nothing is reviewed) by their text.
        for (_, source) in sources
            .iter()
            .filter(|(_, s)| year_of(content, s).is_none())
        {
            source.path.hash(&mut shared);
            match self.load.sha256(&source.path) {
                Some(hash) => hash.hash(&mut shared),
                None => source.text.hash(&mut shared),
            }
        }
        // Each indicator's numbers over every year, hashed once. A year's own numbers change
        // only with its own files, so hashing them too reviews no PK more often.
        let numbers: HashMap<&str, u64> = numbers
            .iter()
            .map(|(id, numbers)| {
                let mut hasher = DefaultHasher::new();
                for (y, n) in numbers {
                    (y, n.to_bits()).hash(&mut hasher);
                }
                (*id, hasher.finish())
            })
            .collect();
        let mut keys = HashMap::new();
        for (&key, year) in &report.years {
            let result = computed.years.get(&key);
            for (index, pk) in year.pks.iter().enumerate() {
                let mut hasher = shared.clone();
                (key, &pk.id).hash(&mut hasher);
                let realisations = year.realisations.get(&pk.id).map(|r| r.file);
                let mut kept = true;
                for file in std::iter::once(pk.file).chain(realisations) {
                    file.0.hash(&mut hasher);
                    match file_hash(file) {
                        Some(hash) => hash.hash(&mut hasher),
                        None => kept = false,
                    }
                }
                if !kept {
                    continue;
                }
                for (_, indicator) in pk.indicators() {
                    numbers.get(indicator.id.as_str()).hash(&mut hasher);
                }
                let results = result
                    .into_iter()
                    .flat_map(|r| &r.pks)
                    .filter(|p| p.id == pk.id)
                    .flat_map(|p| &p.goals)
                    .flat_map(|g| &g.indicators);
                for indicator in results {
                    indicator.id.hash(&mut hasher);
                    indicator.achievement.map(f64::to_bits).hash(&mut hasher);
                    match &indicator.realisation {
                        None => 0u8.hash(&mut hasher),
                        Some(Value::Number(n)) => (1u8, n.to_bits()).hash(&mut hasher),
                        Some(Value::Word(w)) => (2u8, w).hash(&mut hasher),
                    }
                }
                keys.insert((key, index), hasher.finish());
            }
        }
        keys
    }
}

/// The year folder of `content` a file is in (`2025/pk/kepala.toml`).
fn year_of(content: &Path, source: &crate::model::SourceFile) -> Option<i32> {
    let relative = source.path.strip_prefix(content).ok()?;
    crate::load::year_of(relative.components().next()?.as_os_str().to_str()?)
}

/// One review's view of the cache.
struct Reuse<'a> {
    numbers: &'a BTreeMap<&'a str, Vec<(i32, f64)>>,
    keys: &'a HashMap<(i32, usize), u64>,
    previous: &'a HashMap<(i32, usize), Reviewed>,
    /// The PKs reviewed again, with their keys.
    fresh: Mutex<HashMap<(i32, usize), Reviewed>>,
}

impl crate::validate::Reuse for Reuse<'_> {
    fn reused(&self, year: i32, index: usize) -> Option<Vec<Finding>> {
        let key = self.keys.get(&(year, index))?;
        let previous = self.previous.get(&(year, index))?;
        (previous.key == *key).then(|| previous.findings.clone())
    }

    fn reviewed(&self, year: i32, index: usize, findings: &[Finding]) {
        let Some(&key) = self.keys.get(&(year, index)) else {
            return;
        };
        let reviewed = Reviewed {
            key,
            findings: findings.to_vec(),
        };
        self.fresh
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert((year, index), reviewed);
    }

    fn numbers(&self) -> Option<&BTreeMap<&str, Vec<(i32, f64)>>> {
        Some(self.numbers)
    }
}

#[cfg(test)]
mod tests {
    use std::fs;
    use std::path::PathBuf;

    use super::Cache;
    use crate::finding::Finding;
    use crate::site::Site;

    const SITE: &str = r#"judul = "Laporan Kinerja Dinas Contoh"
tanggal_laporan = 2026-01-20

[opd]
nama = "Dinas Contoh"
singkatan = "DC"
wilayah = "Kota Contoh"

[[pejabat]]
id = "kepala"
nama = "Kepala Contoh"
jabatan = "Kepala Dinas"
peran = "kepala_opd"
eselon = "II"
"#;

    const SOP: &str = r#"nama = "SOP Pengumpulan Data Capaian Kinerja"
dasar_hukum = ["PermenPAN-RB 53/2014"]
kualifikasi = ["Berwenang"]
keterkaitan = []
peralatan = ["Komputer"]
pencatatan = ["Dokumen"]
peringatan = "Jika tidak dilaksanakan, data terlambat."
pelaksana = ["kepala_opd"]

[[langkah]]
no = 1
uraian = "Menandatangani dokumen."
pelaksana = "kepala_opd"
kelengkapan = "Dokumen"
waktu = "10 menit"
output = "Dokumen"
persetujuan = true
"#;

    const PK: &str = r#"pejabat = "kepala"
pihak_kedua = "Wali Kota Contoh"

[[sasaran]]
id = "s1"
nama = "Meningkatnya kesetaraan gender"

  [[sasaran.indikator]]
  id = "ipg"
  nama = "Indeks Pembangunan Gender"
  satuan = "indeks"
  polaritas = "positif"
  target = 92.5
"#;

    /// Below the target, with an analysis: no finding until the analysis is taken out.
    const REALISASI: &str = r#"[[realisasi]]
indikator = "ipg"
triwulan = 4
nilai = 91.8
analisis = "Sedikit di bawah target."
"#;

    /// Two years of one PK, each in its own folder.
    fn content() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        for (path, text) in [
            ("site.toml", SITE),
            ("sop.toml", SOP),
            ("2024/pk/kepala.toml", PK),
            ("2024/realisasi/kepala.toml", REALISASI),
            ("2025/pk/kepala.toml", PK),
            ("2025/realisasi/kepala.toml", REALISASI),
        ] {
            let path = content.join(path);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        }
        (dir, content)
    }

    fn of_year(findings: &[Finding], year: i32) -> Vec<Finding> {
        findings
            .iter()
            .filter(|f| f.year == Some(year))
            .cloned()
            .collect()
    }

    fn edit(file: &std::path::Path, from: &str, to: &str) {
        let text = fs::read_to_string(file).unwrap();
        assert!(text.contains(from), "{from}");
        fs::write(file, text.replacen(from, to, 1)).unwrap();
    }

    fn below_target(findings: &[Finding]) -> usize {
        findings
            .iter()
            .filter(|f| f.message.contains("`ipg` di bawah target"))
            .count()
    }

    /// A save to one year's file reviews that year's PK again and takes the other year's
    /// review as it was; the findings are those of a load without the cache.
    #[test]
    fn a_save_reviews_again_only_the_pk_whose_file_changed() {
        let (_dir, content) = content();
        let mut cache = Cache::new();
        let first = Site::load_cached(&content, &mut cache).unwrap();
        assert!(first.computed.is_some(), "{:?}", first.findings.list);
        let everything = [(2024, "kepala".to_string()), (2025, "kepala".to_string())];
        assert_eq!(cache.reviewed_pks(), everything);
        assert_eq!(below_target(&first.findings.list), 0);

        // The analysis taken out of 2025's entry: its numbers are the same.
        edit(
            &content.join("2025/realisasi/kepala.toml"),
            "analisis = \"Sedikit di bawah target.\"\n",
            "",
        );
        let second = Site::load_cached(&content, &mut cache).unwrap();
        assert_eq!(cache.reviewed_pks(), [(2025, "kepala".to_string())]);
        let (before, after) = (&first.findings.list, &second.findings.list);
        assert_eq!(of_year(after, 2024), of_year(before, 2024));
        assert_eq!(below_target(&of_year(after, 2025)), 1);
        assert_eq!(below_target(after), 1);
        assert_eq!(*after, Site::load(&content).unwrap().findings.list);

        // Nothing changed: nothing is reviewed again.
        let third = Site::load_cached(&content, &mut cache).unwrap();
        assert_eq!(cache.reviewed_pks(), []);
        assert_eq!(third.findings.list, *after);
    }

    /// Every year's computed results, as JSON, to compare a compute with the cache with one
    /// without.
    fn computed_json(site: &Site) -> String {
        serde_json::to_string(site.computed.as_ref().expect("computed")).unwrap()
    }

    /// A save to one year's file computes that year again and takes the others as they were,
    /// with the history (which crosses the years) attached again; a year in progress is
    /// computed again with the year before, which its projection reads.
    #[test]
    fn a_save_computes_again_only_the_years_that_read_the_file() {
        let (_dir, content) = content();
        let mut cache = Cache::new();
        Site::load_cached(&content, &mut cache).unwrap();
        assert_eq!(cache.computed_years(), [2024, 2025]);

        edit(
            &content.join("2024/realisasi/kepala.toml"),
            "nilai = 91.8",
            "nilai = 88.5",
        );
        let site = Site::load_cached(&content, &mut cache).unwrap();
        assert_eq!(cache.computed_years(), [2024]);
        let history =
            &site.computed.as_ref().unwrap().years[&2025].pks[0].goals[0].indicators[0].history;
        let realisations: Vec<_> = history.iter().map(|p| p.realisation.clone()).collect();
        use crate::model::Value::Number;
        assert_eq!(realisations, [Some(Number(88.5)), Some(Number(91.8))]);
        assert_eq!(
            computed_json(&site),
            computed_json(&Site::load(&content).unwrap())
        );

        // 2026 is in progress on the report date (2026-01-20).
        fs::create_dir_all(content.join("2026/pk")).unwrap();
        fs::write(content.join("2026/pk/kepala.toml"), PK).unwrap();
        // A file added moves site.toml and sop.toml in the list of files: everything again.
        Site::load_cached(&content, &mut cache).unwrap();
        assert_eq!(cache.computed_years(), [2024, 2025, 2026]);
        edit(
            &content.join("2025/realisasi/kepala.toml"),
            "nilai = 91.8",
            "nilai = 90.1",
        );
        let site = Site::load_cached(&content, &mut cache).unwrap();
        assert_eq!(cache.computed_years(), [2025, 2026]);
        assert_eq!(
            computed_json(&site),
            computed_json(&Site::load(&content).unwrap())
        );
        Site::load_cached(&content, &mut cache).unwrap();
        assert_eq!(cache.computed_years(), [0i32; 0]);
    }

    /// A file found short is not read again until its bytes change; one that may hold a long
    /// field is read every time.
    #[test]
    fn a_one_line_field_made_long_is_found_after_the_save() {
        let (_dir, content) = content();
        let mut cache = Cache::new();
        let too_long = |site: &Site| {
            site.findings
                .list
                .iter()
                .filter(|f| f.message.contains("`nama` terlalu panjang"))
                .count()
        };
        let first = Site::load_cached(&content, &mut cache).unwrap();
        assert_eq!(too_long(&first), 0);
        let pk = content.join("2025/pk/kepala.toml");
        let long = "G".repeat(crate::validate::SINGLE_LINE_MAX + 1);
        edit(&pk, "Indeks Pembangunan Gender", &long);
        let second = Site::load_cached(&content, &mut cache).unwrap();
        assert_eq!(too_long(&second), 1);
        // Another file saved: the long field is still found.
        edit(&content.join("2024/pk/kepala.toml"), "92.5", "92.6");
        let third = Site::load_cached(&content, &mut cache).unwrap();
        assert_eq!(too_long(&third), 1);
        assert_eq!(
            third.findings.list,
            Site::load(&content).unwrap().findings.list
        );
        edit(&pk, &long, "Indeks Pembangunan Gender");
        let fourth = Site::load_cached(&content, &mut cache).unwrap();
        assert_eq!(too_long(&fourth), 0);
    }

    /// A number of one year is compared with the other years' numbers of the same indicator:
    /// the PKs holding that indicator are reviewed again in every year.
    #[test]
    fn a_changed_number_reviews_again_the_indicator_in_every_year() {
        let (_dir, content) = content();
        let mut cache = Cache::new();
        Site::load_cached(&content, &mut cache).unwrap();
        edit(
            &content.join("2024/realisasi/kepala.toml"),
            "nilai = 91.8",
            "nilai = 9180",
        );
        let site = Site::load_cached(&content, &mut cache).unwrap();
        let everything = [(2024, "kepala".to_string()), (2025, "kepala".to_string())];
        assert_eq!(cache.reviewed_pks(), everything);
        assert_eq!(
            site.findings.list,
            Site::load(&content).unwrap().findings.list
        );
    }
}
