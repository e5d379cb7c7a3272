//! Criterion benchmarks of the stages of a build on the large synthetic report
//! (`bench/gen-content.rs`: 10 years × 50 PKs × 20 indicators, 40,000 realisations, about
//! 12,500 pages), so that a regression in one stage shows:
//!
//! ```sh
//! cargo bench --bench pipeline                 # all stages
//! cargo bench --bench pipeline -- render       # one
//! ```
//!
//! | benchmark | what it times |
//! |---|---|
//! | `load` | reading and parsing the content folder into the model (`capaian::load::load`) |
//! | `load_cached` | `capaian serve`'s load after one file is saved: all files read, one parsed |
//! | `compute` | the achievements and comparisons of every year (`capaian::compute::compute`) |
//! | `render_one` | one indicator page of the latest year alone, as `serve` answers it while the whole build is written (`Site::render_one`) |
//! | `chart` | the two charts of every indicator page of the latest year (1,000 pages: 2,000 SVGs) |
//! | `render` | every page, chart, export and static file of the site, in memory (no disk) |
//!
//! The content is generated into a temporary folder before the first benchmark. Under `cargo
//! test --benches` (no `--bench` argument) a small report is used and each benchmark runs once.

#[path = "../bench/gen-content.rs"]
#[allow(dead_code)]
mod gen_content;

use std::collections::HashMap;
use std::hint::black_box;
use std::time::Duration;

use capaian::chart::{self, ChartOptions};
use capaian::compute::IndicatorResult;
use capaian::render::{Input, Theme, render};
use criterion::{BatchSize, Criterion, SamplingMode, criterion_group, criterion_main};

fn pipeline(c: &mut Criterion) {
    let full = std::env::args().any(|a| a == "--bench");
    let (years, pks, indicators) = if full { (10, 50, 20) } else { (2, 5, 4) };
    let dir = tempfile::tempdir().expect("a temporary folder");
    let content = dir.path().join("content");
    gen_content::write_content(&content, years, pks, indicators, 1);
    let site = capaian::Site::load(&content).expect("the synthetic content loads");
    let computed = site
        .computed
        .as_ref()
        .expect("the synthetic report has no errors");
    let findings = site.located_findings();
    let theme = Theme::load(None).expect("the built-in theme");

    let mut group = c.benchmark_group(format!("pipeline/{years}y-{pks}pk-{indicators}i"));
    // Ten samples each, so that the whole run stays within about a minute and a half on 2
    // cores: a render of the large report takes seconds, the other stages a fraction of one.
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(if full { 10 } else { 1 }));

    group.bench_function("load", |b| {
        b.iter(|| capaian::load::load(black_box(&content)).expect("loads"))
    });

    // One realisation file changes before each load, as when an editor saves it.
    let mut cache = capaian::load::Cache::new();
    capaian::load::load_cached(&content, &mut cache).expect("loads");
    let changed = site
        .report
        .years
        .values()
        .flat_map(|year| year.realisations.values())
        .next()
        .map(|r| site.sources.get(r.file).path.clone())
        .expect("a realisation file");
    let text = std::fs::read_to_string(&changed).expect("the realisation file");
    let mut saves = 0u64;
    group.bench_function("load_cached", |b| {
        b.iter_batched(
            || {
                saves += 1;
                std::fs::write(&changed, format!("{text}# saved {saves}\n")).expect("saves");
            },
            |()| capaian::load::load_cached(black_box(&content), &mut cache).expect("loads"),
            BatchSize::PerIteration,
        )
    });

    group.bench_function("compute", |b| {
        b.iter(|| capaian::compute::compute(black_box(&site.report), site.report_date))
    });

    // What `serve` renders while the whole build is written: one indicator page alone.
    let (latest, latest_year) = site.report.years.iter().next_back().expect("a year");
    let (_, first_indicator) = latest_year.pks[0]
        .indicators()
        .next()
        .expect("an indicator");
    let page = format!("{latest}/indikator/{}/index.html", *first_indicator.id);
    group.bench_function("render_one", |b| {
        b.iter(|| {
            site.render_one(&theme, black_box(&page))
                .expect("renders")
                .expect("the page exists")
        })
    });

    // The charts of the latest year's indicator pages, as the renderer draws them.
    let (year, year_model) = site.report.years.iter().next_back().expect("a year");
    let results: HashMap<(&str, &str), &IndicatorResult> = computed.years[year]
        .pks
        .iter()
        .flat_map(|pk| {
            pk.goals
                .iter()
                .flat_map(|g| &g.indicators)
                .map(move |i| ((pk.id.as_str(), i.id.as_str()), i))
        })
        .collect();
    let pages: Vec<_> = year_model
        .pks
        .iter()
        .flat_map(|pk| {
            pk.indicators().filter_map(|(_, indicator)| {
                let result = *results.get(&(pk.id.as_str(), indicator.id.as_str()))?;
                let renstra = site
                    .report
                    .renstra
                    .as_ref()
                    .and_then(|r| r.indicator(&indicator.id))
                    .map(chart::renstra_targets)
                    .unwrap_or_default();
                Some((indicator, result, renstra))
            })
        })
        .collect();
    let options = ChartOptions::new(site.report.site.language)
        .with_scale(&site.report.categories())
        .with_width(720);
    let (quarters, trend) = (
        options.clone().with_id("grafik-triwulan"),
        options.with_id("grafik-tren"),
    );
    group.bench_function("chart", |b| {
        b.iter(|| {
            for (indicator, result, renstra) in &pages {
                black_box(chart::quarterly_progress(indicator, result, &quarters));
                black_box(chart::trend(indicator, result, renstra, &trend));
            }
        })
    });

    // One render per iteration (flat sampling): ten renders, about 40 s.
    group.sampling_mode(SamplingMode::Flat);
    group.measurement_time(Duration::from_secs(if full { 30 } else { 1 }));
    let input = Input::new(&site.report, computed, &findings, &theme);
    group.bench_function("render", |b| {
        b.iter(|| {
            render(&input, &|file| {
                black_box(file);
                Ok(())
            })
            .expect("renders")
        })
    });
    group.finish();
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
