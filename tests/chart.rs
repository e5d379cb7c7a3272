//! The chart stage through its public API: the SVG is parsed and checked for what it must show.

use capaian::chart::{
    self, Chart, ChartOptions, budget, category_colour, category_distribution, category_palette,
    efficiency, quarterly_progress, renstra_targets, targets_vs_realisations, trend,
};
use capaian::compute::{
    CategoryCount, HistoryPoint, IndicatorResult, NationalComparison, ProgrammeResult,
    QuarterResult, Summary,
};
use capaian::model::{
    Accumulation, Indicator, Language, Polarity, Programme, Quarter, RenstraIndicator, Rupiah, Sp,
    Target, Value,
};

// --- builders --------------------------------------------------------------------------------

fn indicator(id: &str, name: &str, target: f64) -> Indicator {
    Indicator {
        id: Sp::unplaced(id.to_string()),
        name: name.to_string(),
        unit: "persen".to_string(),
        polarity: Sp::unplaced(Polarity::Positive),
        target: Some(Sp::unplaced(Value::Number(target))),
        target_min: None,
        target_max: None,
        quarter_targets: None,
        accumulation: Sp::unplaced(Accumulation::Last),
        national_standard: None,
        formula: None,
        method: String::new(),
        data_source: String::new(),
        scale: None,
        scores: None,
        iku: None,
        definition: String::new(),
        responsible: String::new(),
        benchmarks: Vec::new(),
    }
}

fn with_quarter_targets(indicator: Indicator, targets: [f64; 4]) -> Indicator {
    Indicator {
        quarter_targets: Some(Sp::unplaced(
            targets.into_iter().map(Sp::unplaced).collect(),
        )),
        ..indicator
    }
}

/// The result of a numeric positive indicator with target `t` and realisation `r`.
fn result(id: &str, t: f64, r: Option<f64>) -> IndicatorResult {
    let achievement = r.map(|r| if t == 0.0 { 100.0 } else { r / t * 100.0 });
    IndicatorResult {
        id: id.to_string(),
        pk: "kepala".to_string(),
        goal: "s1".to_string(),
        target: Value::Number(t).into(),
        realisation: r.map(Value::Number),
        year_achievement: achievement,
        achievement,
        basis: Default::default(),
        working: None,
        projection: None,
        category: achievement.map(|a| category_name(a).to_string()),
        quarters: r
            .map(|r| {
                vec![QuarterResult {
                    quarter: Quarter::new(4).unwrap(),
                    target: None,
                    realisation: Value::Number(r),
                    achievement,
                }]
            })
            .unwrap_or_default(),
        history: vec![HistoryPoint {
            year: 2025,
            target: Value::Number(t).into(),
            realisation: r.map(Value::Number),
            achievement,
        }],
        renstra: None,
        national: None,
    }
}

fn category_name(a: f64) -> &'static str {
    match a {
        a if a >= 91.0 => "Sangat Tinggi",
        a if a >= 76.0 => "Tinggi",
        a if a >= 66.0 => "Sedang",
        a if a >= 51.0 => "Rendah",
        _ => "Sangat Rendah",
    }
}

fn quarter(q: i64, target: Option<f64>, r: f64) -> QuarterResult {
    QuarterResult {
        quarter: Quarter::new(q).unwrap(),
        target: target.map(Target::Number),
        realisation: Value::Number(r),
        achievement: target.map(|t| r / t * 100.0),
    }
}

fn history(year: i32, t: f64, r: Option<f64>) -> HistoryPoint {
    HistoryPoint {
        year,
        target: Value::Number(t).into(),
        realisation: r.map(Value::Number),
        achievement: r.map(|r| r / t * 100.0),
    }
}

fn programme(id: &str, name: &str) -> Programme {
    Programme {
        id: Sp::unplaced(id.to_string()),
        name: name.to_string(),
        goals: vec![Sp::unplaced("s1".to_string())],
        budget: Sp::unplaced(Rupiah(0)),
        ..Programme::default()
    }
}

fn programme_result(id: &str, pagu: i64, spent: i64, mean: Option<f64>) -> ProgrammeResult {
    let absorption = (pagu != 0).then(|| spent as f64 / pagu as f64 * 100.0);
    ProgrammeResult {
        id: id.to_string(),
        pk: "kepala".to_string(),
        budget: Rupiah(pagu),
        spent: Rupiah(spent),
        reported: true,
        spent_per_quarter: [Rupiah(0), Rupiah(0), Rupiah(0), Rupiah(spent)],
        absorption,
        mean_achievement: mean,
        efficiency: mean.zip(absorption).map(|(m, a)| m - a),
        ..ProgrammeResult::default()
    }
}

fn summary(counts: [usize; 5], indicators: usize) -> Summary {
    let names = [
        "Sangat Tinggi",
        "Tinggi",
        "Sedang",
        "Rendah",
        "Sangat Rendah",
    ];
    let measured = counts.iter().sum();
    Summary {
        indicators,
        measured,
        mean_achievement: (measured > 0).then_some(88.5),
        mean_year_achievement: (measured > 0).then_some(88.5),
        categories: names
            .iter()
            .zip(counts)
            .map(|(name, count)| CategoryCount {
                name: name.to_string(),
                count,
            })
            .collect(),
    }
}

fn id_opts() -> ChartOptions {
    ChartOptions::new(Language::Indonesian)
}

// --- parsing helpers -------------------------------------------------------------------------

/// Parses the SVG (panics when it is not well-formed XML) and checks the frame every chart has.
fn parse(chart: &Chart) -> roxmltree::Document<'_> {
    let doc = roxmltree::Document::parse(&chart.svg)
        .unwrap_or_else(|e| panic!("not well-formed: {e}\n{}", chart.svg));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.attribute("role"), Some("img"));
    let kids: Vec<_> = root.children().filter(|n| n.is_element()).collect();
    assert_eq!(kids[0].tag_name().name(), "title", "title comes first");
    assert_eq!(kids[1].tag_name().name(), "desc");
    assert_eq!(kids[0].text().unwrap_or(""), chart.title);
    assert_eq!(kids[1].text().unwrap_or(""), chart.desc);
    assert!(!chart.title.is_empty() && !chart.desc.is_empty());
    // Nothing drawn outside the view box.
    let view: Vec<f64> = root
        .attribute("viewBox")
        .unwrap()
        .split(' ')
        .map(|v| v.parse().unwrap())
        .collect();
    for node in doc.descendants().filter(|n| n.has_tag_name("rect")) {
        let x = num(node, "x");
        let w = num(node, "width");
        assert!(
            x >= 0.0 && x + w <= view[2] + 0.5,
            "rect outside: {x}+{w} > {}",
            view[2]
        );
        assert!(w >= 0.0 && num(node, "height") >= 0.0);
    }
    doc
}

fn num(node: roxmltree::Node, attr: &str) -> f64 {
    node.attribute(attr)
        .unwrap_or_else(|| panic!("no {attr}"))
        .parse()
        .unwrap()
}

/// The elements of `class`: those that have it, and the shapes of a `<g>` that has it with
/// their fill (shapes of one look share a group: a bar chart's target bars).
fn with_class<'a>(doc: &'a roxmltree::Document<'a>, class: &str) -> Vec<roxmltree::Node<'a, 'a>> {
    doc.descendants()
        .filter(|n| {
            n.attribute("class")
                .is_some_and(|c| c.split(' ').any(|c| c == class))
        })
        .flat_map(|n| {
            if n.has_tag_name("g") && n.attribute("fill").is_some() {
                n.children().filter(|c| c.is_element()).collect()
            } else {
                vec![n]
            }
        })
        .collect()
}

/// A shape's fill: its own, or its group's.
fn fill<'a>(node: roxmltree::Node<'a, 'a>) -> Option<&'a str> {
    node.attribute("fill")
        .or_else(|| node.parent_element()?.attribute("fill"))
}

/// Whether a node is a label: a `<text>`, or a `<tspan>` (a label after the first of those on
/// one baseline, at its own x).
fn is_label(n: &roxmltree::Node) -> bool {
    n.has_tag_name("text") || n.has_tag_name("tspan")
}

fn texts(doc: &roxmltree::Document) -> Vec<String> {
    doc.descendants()
        .filter(is_label)
        .map(|n| n.text().unwrap_or("").to_string())
        .collect()
}

fn assert_ratio(a: f64, b: f64, expected: f64) {
    // Coordinates are whole pixels: allow a pixel at each end.
    let tolerance = 2.0 / b.max(1.0) * expected.max(1.0) + 1e-9;
    assert!(
        (a / b - expected).abs() <= tolerance,
        "ratio {a}/{b} = {} but expected {expected}",
        a / b
    );
}

// --- targets vs realisations -----------------------------------------------------------------

#[test]
fn one_target_and_one_realisation_bar_per_indicator_in_proportion() {
    let ipg = indicator("ipg", "Indeks Pembangunan Gender (IPG)", 92.5);
    let idg = indicator("idg", "Indeks Pemberdayaan Gender (IDG)", 80.0);
    let kekerasan = indicator("kekerasan", "Kasus kekerasan tertangani", 50.0);
    let results = [
        result("ipg", 92.5, Some(91.8)),
        result("idg", 80.0, Some(40.0)),
        result("kekerasan", 50.0, Some(75.0)),
    ];
    let rows = [
        (&ipg, &results[0]),
        (&idg, &results[1]),
        (&kekerasan, &results[2]),
    ];
    let chart = targets_vs_realisations(&rows, &id_opts());
    let doc = parse(&chart);
    let targets = with_class(&doc, "target");
    let realisations = with_class(&doc, "realisasi");
    // One bar of each per indicator (the legend swatches are not classed).
    assert_eq!(targets.len(), 3);
    assert_eq!(realisations.len(), 3);
    for (i, (t, r)) in [(92.5, 91.8), (80.0, 40.0), (50.0, 75.0)]
        .iter()
        .enumerate()
    {
        let tw = num(targets[i], "width");
        let rw = num(realisations[i], "width");
        assert_ratio(rw, tw, r / t);
        // The bars of a row share a base and sit in row order.
        assert_eq!(num(targets[i], "x"), num(realisations[i], "x"));
        if i > 0 {
            assert!(num(targets[i], "y") > num(targets[i - 1], "y"));
        }
    }
    // The target bars all stand for 100%: equally long.
    let tw0 = num(targets[0], "width");
    assert!(
        targets
            .iter()
            .all(|t| (num(*t, "width") - tw0).abs() <= 1.0)
    );
    // The capaian in Indonesian format, and the values in the unit's numbers.
    let texts = texts(&doc);
    for label in ["99,24%", "50,00%", "150,00%", "92,5", "91,8"] {
        assert!(texts.iter().any(|t| t == label), "no {label} in {texts:?}");
    }
    assert!(
        chart
            .desc
            .contains("Indeks Pembangunan Gender (IPG): target 92,5 persen")
    );
    assert!(chart.desc.contains("capaian 99,24% (Sangat Tinggi)"));
}

#[test]
fn english_numbers_and_labels() {
    let ipg = indicator("ipg", "Gender Development Index", 92.5);
    let r = result("ipg", 92.5, Some(91.8));
    let chart = targets_vs_realisations(&[(&ipg, &r)], &ChartOptions::new(Language::English));
    let doc = parse(&chart);
    let texts = texts(&doc);
    assert!(texts.iter().any(|t| t == "99.24%"));
    assert!(texts.iter().any(|t| t == "Realisation"));
    assert!(chart.desc.contains("achievement 99.24%"));
}

#[test]
fn capaian_badge_has_the_colour_of_its_category() {
    let low = indicator("low", "Rendah sekali", 100.0);
    let r = result("low", 100.0, Some(20.0));
    let chart = targets_vs_realisations(&[(&low, &r)], &id_opts());
    let doc = parse(&chart);
    let badge = with_class(&doc, "badge");
    assert_eq!(badge.len(), 1);
    assert_eq!(fill(badge[0]), Some(category_colour(4, 5).hex().as_str()));
}

#[test]
fn same_input_same_bytes() {
    let ipg = indicator("ipg", "IPG", 92.5);
    let r = result("ipg", 92.5, Some(91.8));
    let opts = id_opts().with_id("pk-kepala");
    let a = targets_vs_realisations(&[(&ipg, &r)], &opts);
    let b = targets_vs_realisations(&[(&ipg, &r)], &opts);
    assert_eq!(a.svg, b.svg);
    let doc = parse(&a);
    assert_eq!(
        doc.root_element().attribute("aria-labelledby"),
        Some("pk-kepala-title pk-kepala-desc")
    );
    let q = with_quarter_targets(ipg.clone(), [90.0, 90.0, 91.0, 92.5]);
    let mut rq = r.clone();
    rq.quarters = vec![quarter(1, Some(90.0), 89.0), quarter(2, Some(90.0), 90.5)];
    assert_eq!(
        quarterly_progress(&q, &rq, &opts).svg,
        quarterly_progress(&q, &rq, &opts).svg
    );
    let s = summary([3, 1, 0, 0, 1], 6);
    assert_eq!(
        category_distribution(&s, &opts).svg,
        category_distribution(&s, &opts).svg
    );
}

#[test]
fn editor_text_is_escaped() {
    let evil = indicator("x", "<script>alert(1)</script> & \"kutip\" 'satu'", 10.0);
    let evil = Indicator {
        unit: "<b>unit</b>".to_string(),
        ..evil
    };
    let r = result("x", 10.0, Some(5.0));
    let opts = id_opts()
        .with_title("<script>judul</script>")
        .with_id("a\"><script>");
    for chart in [
        targets_vs_realisations(&[(&evil, &r)], &opts),
        quarterly_progress(&evil, &r, &opts),
        trend(&evil, &r, &[], &opts),
    ] {
        let doc = parse(&chart);
        assert!(
            doc.descendants()
                .all(|n| !n.has_tag_name("script") && !n.has_tag_name("b")),
            "an element came through: {}",
            chart.svg
        );
        assert!(!chart.svg.contains("<script"));
        assert_eq!(
            doc.descendants()
                .find(|n| n.has_tag_name("title"))
                .unwrap()
                .text(),
            Some("<script>judul</script>")
        );
    }
    let p = programme("p1", "<script>x</script>");
    let pr = programme_result("p1", 100, 50, Some(80.0));
    for chart in [budget(&[(&p, &pr)], &opts), efficiency(&[(&p, &pr)], &opts)] {
        parse(&chart);
        assert!(!chart.svg.contains("<script"));
    }
}

#[test]
fn degenerate_indicators_draw_sensibly() {
    let long_name = "Persentase perempuan dan anak korban kekerasan yang mendapatkan layanan \
                     komprehensif dari unit pelaksana teknis daerah perlindungan perempuan dan \
                     anak sesuai standar pelayanan minimal yang ditetapkan pemerintah pusat";
    let cases: Vec<(Indicator, IndicatorResult)> = vec![
        (
            indicator("a", "Satu indikator", 10.0),
            result("a", 10.0, Some(9.0)),
        ),
        (
            indicator("b", "Belum ada realisasi", 10.0),
            result("b", 10.0, None),
        ),
        (
            indicator("c", "Target nol", 0.0),
            result("c", 0.0, Some(0.0)),
        ),
        (
            indicator("d", "Target nol, realisasi ada", 0.0),
            result("d", 0.0, Some(3.0)),
        ),
        (
            indicator("e", "Realisasi negatif", 10.0),
            result("e", 10.0, Some(-5.0)),
        ),
        (
            indicator("f", "Sepuluh kali target", 10.0),
            result("f", 10.0, Some(100.0)),
        ),
        (
            indicator("g", long_name, 10.0),
            result("g", 10.0, Some(10.0)),
        ),
        (indicator("h", "", 1.0), result("h", 1.0, Some(f64::NAN))),
    ];
    // Each alone, and all together.
    for (ind, res) in &cases {
        let chart = targets_vs_realisations(&[(ind, res)], &id_opts());
        parse(&chart);
        parse(&quarterly_progress(ind, res, &id_opts()));
        parse(&trend(ind, res, &[], &id_opts()));
        parse(&trend(ind, res, &[(2024, 5.0), (2026, 20.0)], &id_opts()));
    }
    // Nothing computed at all, and a narrow drawing.
    let empty = IndicatorResult::default();
    parse(&quarterly_progress(&cases[0].0, &empty, &id_opts()));
    parse(&trend(&cases[0].0, &empty, &[], &id_opts()));
    let rows: Vec<(&Indicator, &IndicatorResult)> = cases.iter().map(|(i, r)| (i, r)).collect();
    let narrow = id_opts().with_width(100);
    let chart = targets_vs_realisations(&rows, &narrow);
    assert_eq!(parse(&chart).root_element().attribute("width"), Some("360"));
    parse(&quarterly_progress(&cases[6].0, &cases[6].1, &narrow));
    let chart = targets_vs_realisations(&rows, &id_opts());
    let doc = parse(&chart);
    // No realisation: the remark instead of a bar.
    assert_eq!(with_class(&doc, "target").len(), cases.len());
    assert!(texts(&doc).iter().any(|t| t == "belum ada realisasi"));
    assert!(
        chart
            .desc
            .contains("Belum ada realisasi: target 10 persen, belum ada realisasi.")
    );
    // The long name is wrapped onto at most three lines, the last ellipsised, and no text line
    // of it is longer than the label column.
    let name_lines: Vec<String> = texts(&doc)
        .into_iter()
        .filter(|t| t.len() > 10 && long_name.contains(t.trim_end_matches('…').trim()))
        .collect();
    assert_eq!(name_lines.len(), 3, "{name_lines:?}");
    assert!(name_lines[2].ends_with('…'));
    // Ten times the target: the bar is cut at 2.5 times the target with a break mark, so that
    // the other rows stay readable, and its label still says 100.
    let targets = with_class(&doc, "target");
    let realisations = with_class(&doc, "realisasi");
    let f = cases.iter().position(|(i, _)| *i.id == "f").unwrap();
    let rf = realisations
        .iter()
        .find(|r| (num(**r, "y") - num(targets[f], "y")).abs() < 20.0)
        .unwrap();
    assert_ratio(num(*rf, "width"), num(targets[f], "width"), 2.5);
    assert!(!with_class(&doc, "break").is_empty());
    assert!(texts(&doc).iter().any(|t| t == "100"));
    // Without the outlier nothing is cut and every bar is in proportion.
    let plain = targets_vs_realisations(&rows[..1], &id_opts());
    assert!(with_class(&parse(&plain), "break").is_empty());
    // The negative realisation goes left of the base.
    let e = cases.iter().position(|(i, _)| *i.id == "e").unwrap();
    let re = realisations
        .iter()
        .find(|r| (num(**r, "y") - num(targets[e], "y")).abs() < 20.0)
        .unwrap();
    assert!(num(*re, "x") < num(targets[e], "x"));
    assert_ratio(num(*re, "width"), num(targets[e], "width"), 0.5);
}

#[test]
fn no_indicators_at_all() {
    let chart = targets_vs_realisations(&[], &id_opts());
    let doc = parse(&chart);
    assert!(texts(&doc).iter().any(|t| t == "Tidak ada indikator"));
    let chart = budget(&[], &id_opts());
    parse(&chart);
    let chart = efficiency(&[], &id_opts());
    parse(&chart);
}

#[test]
fn ordinal_indicator_by_rank() {
    let kla = Indicator {
        unit: "predikat".to_string(),
        target: Some(Sp::unplaced(Value::Word("Madya".to_string()))),
        scale: Some(Sp::unplaced(
            ["Pratama", "Madya", "Nindya", "Utama", "KLA"]
                .map(String::from)
                .to_vec(),
        )),
        ..indicator("kla", "Predikat Kota Layak Anak", 0.0)
    };
    let r = IndicatorResult {
        target: Value::Word("Madya".to_string()).into(),
        realisation: Some(Value::Word("Nindya".to_string())),
        achievement: Some(150.0),
        category: Some("Sangat Tinggi".to_string()),
        quarters: vec![QuarterResult {
            quarter: Quarter::new(2).unwrap(),
            target: None,
            realisation: Value::Word("Nindya".to_string()),
            achievement: None,
        }],
        history: vec![HistoryPoint {
            year: 2025,
            target: Value::Word("Madya".to_string()).into(),
            realisation: Some(Value::Word("Nindya".to_string())),
            achievement: Some(150.0),
        }],
        ..result("kla", 0.0, None)
    };
    let chart = targets_vs_realisations(&[(&kla, &r)], &id_opts());
    let doc = parse(&chart);
    let t = num(with_class(&doc, "target")[0], "width");
    let rr = num(with_class(&doc, "realisasi")[0], "width");
    assert_ratio(rr, t, 1.5); // rank 3 / rank 2
    assert!(texts(&doc).iter().any(|t| t == "Nindya"));
    for chart in [
        quarterly_progress(&kla, &r, &id_opts()),
        trend(&kla, &r, &[(2025, 2.0)], &id_opts()),
    ] {
        let doc = parse(&chart);
        // The scale's words are the axis labels.
        let texts = texts(&doc);
        assert!(texts.iter().any(|t| t == "Pratama") && texts.iter().any(|t| t == "KLA"));
    }
}

// --- quarters and trend ----------------------------------------------------------------------

/// The lines of `class` (a `<polyline>`, or the open pieces of a `<path>`: a series' line and
/// its legend swatch are one path), each as its points.
fn polyline_points(doc: &roxmltree::Document, class: &str) -> Vec<Vec<(f64, f64)>> {
    lines_of(with_class(doc, class))
}

#[test]
fn quarterly_target_and_realisation_lines() {
    let ipg = with_quarter_targets(indicator("ipg", "IPG", 92.5), [90.0, 90.0, 91.0, 92.5]);
    let mut r = result("ipg", 92.5, Some(91.8));
    r.quarters = vec![
        quarter(1, Some(90.0), 89.0),
        quarter(2, Some(90.0), 90.5),
        quarter(3, Some(91.0), 91.0),
    ];
    let chart = quarterly_progress(&ipg, &r, &id_opts());
    let doc = parse(&chart);
    let targets = polyline_points(&doc, "target");
    let realisations = polyline_points(&doc, "realisasi");
    // The legend's samples are two-point lines; the series have one point per quarter.
    let target = targets
        .iter()
        .find(|p| p.len() == 4)
        .expect("a target line over TW1–TW4");
    let realisation = realisations
        .iter()
        .find(|p| p.len() == 3)
        .expect("a realisation line over TW1–TW3");
    // Same x per quarter, evenly spaced; y in proportion to the values (SVG y grows down).
    for i in 0..3 {
        assert_eq!(target[i].0, realisation[i].0);
    }
    let step = target[1].0 - target[0].0;
    assert!((target[3].0 - target[2].0 - step).abs() <= 1.0);
    let per_unit = (target[0].1 - target[3].1) / (92.5 - 90.0);
    assert!(per_unit > 0.0);
    assert!(((realisation[0].1 - realisation[2].1) / (91.0 - 89.0) - per_unit).abs() <= 1.0);
    // The quarters' labels share a baseline: one <text> at TW1's x, TW2–TW4 <tspan>s each at
    // its quarter's x.
    let tw1 = doc
        .descendants()
        .find(|n| n.has_tag_name("text") && n.text() == Some("TW1"))
        .expect("TW1");
    assert_eq!(num(tw1, "x"), target[0].0);
    let rest: Vec<(String, f64)> = tw1
        .children()
        .filter(|c| c.has_tag_name("tspan"))
        .map(|c| (c.text().unwrap().to_string(), num(c, "x")))
        .collect();
    assert_eq!(
        rest,
        [
            ("TW2".to_string(), target[1].0),
            ("TW3".to_string(), target[2].0),
            ("TW4".to_string(), target[3].0)
        ]
    );
    let texts = texts(&doc);
    for label in ["TW1", "TW4", "89", "90,5", "92,5"] {
        assert!(texts.iter().any(|t| t == label), "no {label} in {texts:?}");
    }
    assert!(
        chart
            .desc
            .contains("TW1: target 90, realisasi 89, capaian 98,89%.")
    );
    assert!(
        chart
            .desc
            .contains("TW4: target 92,5, belum ada realisasi.")
    );
}

#[test]
fn quarterly_without_quarter_targets_shows_the_annual_target() {
    let ipg = indicator("ipg", "IPG", 92.5);
    let r = result("ipg", 92.5, None);
    let chart = quarterly_progress(&ipg, &r, &id_opts());
    let doc = parse(&chart);
    let texts = texts(&doc);
    assert!(texts.iter().any(|t| t == "Target tahunan 92,5"));
    assert!(texts.iter().any(|t| t == "Belum ada realisasi"));
}

/// The IPG of 2025 (target 92,5, realisation 91,8) with the national standard 91,6 and these
/// years.
fn ipg_with_national_standard(history: Vec<HistoryPoint>) -> (Indicator, IndicatorResult) {
    let ipg = Indicator {
        national_standard: Some(Sp::unplaced(91.6)),
        ..indicator("ipg", "IPG", 92.5)
    };
    let mut r = result("ipg", 92.5, Some(91.8));
    r.history = history;
    r.national = Some(NationalComparison {
        standard: 91.6,
        achievement: Some(100.2),
        meets: Some(true),
    });
    (ipg, r)
}

#[test]
fn trend_with_renstra_and_national_standard() {
    let (ipg, r) = ipg_with_national_standard(vec![
        history(2023, 90.0, Some(88.2)),
        history(2024, 91.0, None),
        history(2025, 92.5, Some(91.8)),
    ]);
    let renstra = RenstraIndicator {
        id: Sp::unplaced("ipg".to_string()),
        name: "IPG".to_string(),
        unit: "indeks".to_string(),
        baseline: None,
        targets: Sp::unplaced(
            [("2022", 90.5), ("2023", 91.0), ("2026", 92.5), ("x", 1.0)]
                .into_iter()
                .map(|(y, t)| (y.to_string(), Sp::unplaced(Value::Number(t))))
                .collect(),
        ),
        objective: Sp::default(),
    };
    let renstra = renstra_targets(&renstra);
    assert_eq!(renstra, [(2022, 90.5), (2023, 91.0), (2026, 92.5)]);
    let chart = trend(&ipg, &r, &renstra, &id_opts());
    let doc = parse(&chart);
    assert!(chart.title.contains("2022–2026"));
    // The national standard: one horizontal line across the plot, labelled.
    let standard = polyline_points(&doc, "standar");
    let line = standard
        .iter()
        .find(|p| p[0].0 < p[1].0 - 100.0)
        .expect("a national standard line");
    assert_eq!(line[0].1, line[1].1);
    assert!(texts(&doc).iter().any(|t| t == "Standar nasional 91,6"));
    // Renstra points: 2022 and 2023 joined, 2026 alone (years 2024–25 have none) as a marker.
    let renstra_lines = polyline_points(&doc, "renstra");
    assert!(
        renstra_lines
            .iter()
            .any(|p| p.len() == 2 && p[0].0 < p[1].0)
    );
    // The realisation is broken at 2024 (no realisation): two separate points, no line.
    let realisation_lines = polyline_points(&doc, "realisasi");
    assert!(
        realisation_lines
            .iter()
            .all(|p| p.len() == 2 && p[0].1 == p[1].1)
    );
    // The standard's y sits between the y of 91.0 and 92.5 on the target line.
    let target = polyline_points(&doc, "target")
        .into_iter()
        .find(|p| p.len() == 3)
        .expect("targets 2023–2025");
    assert!(line[0].1 < target[1].1 && line[0].1 > target[2].1);
    assert!(chart.desc.contains("2024: target 91, belum ada realisasi."));
    assert!(
        chart
            .desc
            .contains("Target Renstra: 2022 90,5; 2023 91; 2026 92,5.")
    );
    assert!(chart.desc.contains("Standar nasional 91,6."));
}

#[test]
fn trend_of_a_single_year() {
    let ipg = indicator("ipg", "IPG", 92.5);
    let r = result("ipg", 92.5, Some(91.8));
    let chart = trend(&ipg, &r, &[], &id_opts());
    let doc = parse(&chart);
    assert!(texts(&doc).iter().any(|t| t == "2025"));
    assert_eq!(dots(&doc).len(), 2, "the year's dot and the legend's");
}

// --- categories and budget -------------------------------------------------------------------

#[test]
fn one_bar_per_category_in_its_colour_and_proportion() {
    let s = summary([4, 2, 0, 1, 1], 10);
    let chart = category_distribution(&s, &id_opts());
    let doc = parse(&chart);
    let bars = with_class(&doc, "kategori");
    assert_eq!(bars.len(), 5);
    let palette = category_palette(5);
    for (bar, colour) in bars.iter().zip(&palette) {
        assert_eq!(fill(*bar), Some(colour.hex().as_str()));
    }
    assert_ratio(num(bars[1], "width"), num(bars[0], "width"), 0.5);
    assert_ratio(num(bars[3], "width"), num(bars[0], "width"), 0.25);
    assert_eq!(num(bars[2], "width"), 0.0);
    let texts = texts(&doc);
    assert!(texts.iter().any(|t| t == "4 (50,00%)"));
    assert!(texts.iter().any(|t| t == "Sangat Rendah"));
    assert!(
        chart
            .desc
            .contains("8 dari 10 indikator: Sangat Tinggi 4, Tinggi 2")
    );
    assert!(
        chart
            .desc
            .contains("2 dari 10 indikator belum memiliki capaian")
    );
    // An empty summary draws too.
    parse(&category_distribution(&summary([0; 5], 0), &id_opts()));
    parse(&category_distribution(&Summary::default(), &id_opts()));
}

#[test]
fn palette_is_stable_and_distinct() {
    let five = category_palette(5);
    assert_eq!(five[0].hex(), "#1a7f37");
    assert_eq!(five[4].hex(), "#c93c37");
    for i in 0..5 {
        for j in i + 1..5 {
            assert_ne!(five[i], five[j]);
        }
    }
    assert_eq!(category_palette(3)[1], five[2]);
    assert_eq!(category_colour(0, 1), five[0]);
    assert_eq!(category_colour(9, 5), five[4]);
}

#[test]
fn budget_bars_in_rupiah_proportion() {
    let p1 = programme(
        "p1",
        "Program Pengarusutamaan Gender dan Pemberdayaan Perempuan",
    );
    let p2 = programme("p2", "Program Perlindungan Anak");
    let p3 = programme("p3", "Program tanpa pagu");
    let r1 = programme_result("p1", 1_250_000_000, 1_100_000_000, Some(99.24324324324324));
    let r2 = programme_result("p2", 500_000_000, 125_000_000, Some(60.0));
    let r3 = programme_result("p3", 0, 0, None);
    let rows = [(&p1, &r1), (&p2, &r2), (&p3, &r3)];
    let chart = budget(&rows, &id_opts());
    let doc = parse(&chart);
    let pagu = with_class(&doc, "pagu");
    let spent = with_class(&doc, "realisasi");
    assert_eq!((pagu.len(), spent.len()), (3, 3));
    assert_ratio(num(spent[0], "width"), num(pagu[0], "width"), 0.88);
    assert_ratio(num(pagu[1], "width"), num(pagu[0], "width"), 0.4);
    assert_ratio(num(spent[1], "width"), num(pagu[1], "width"), 0.25);
    let texts = texts(&doc);
    for label in ["Rp 1,25 M", "Rp 1,1 M", "88,00%", "25,00%", "–"] {
        assert!(texts.iter().any(|t| t == label), "no {label} in {texts:?}");
    }
    assert!(
        chart
            .desc
            .contains("pagu Rp 1.250.000.000, realisasi anggaran Rp 1.100.000.000, serapan 88,00%")
    );

    let chart = efficiency(&rows, &id_opts());
    let doc = parse(&chart);
    let absorption = with_class(&doc, "serapan");
    let achievement = with_class(&doc, "capaian");
    assert_eq!(
        (absorption.len(), achievement.len()),
        (2, 2),
        "p3 has neither"
    );
    assert_ratio(
        num(achievement[0], "width"),
        num(absorption[0], "width"),
        99.24324324324324 / 88.0,
    );
    let texts = self::texts(&doc);
    assert!(texts.iter().any(|t| t == "+11,24"));
    assert!(texts.iter().any(|t| t == "+35,00"));
    assert!(chart.desc.contains("efisiensi +11,24 (efisien)"));
}

#[test]
fn budget_degenerate_amounts() {
    let p = programme("p", "Program");
    for r in [
        programme_result("p", 0, 0, None),
        programme_result("p", 100, 1_000, Some(50.0)),
        programme_result("p", 100, -50, Some(50.0)),
        programme_result("p", i64::MAX, i64::MAX, Some(100.0)),
    ] {
        parse(&budget(&[(&p, &r)], &id_opts()));
        parse(&efficiency(&[(&p, &r)], &id_opts()));
    }
}

#[test]
fn charts_are_small() {
    let names: Vec<String> = (0..12)
        .map(|i| format!("Indikator kinerja nomor {i}"))
        .collect();
    let inds: Vec<Indicator> = names.iter().map(|n| indicator(n, n, 100.0)).collect();
    let results: Vec<IndicatorResult> = (0..12)
        .map(|i| result(&names[i], 100.0, Some(50.0 + i as f64 * 5.0)))
        .collect();
    let rows: Vec<(&Indicator, &IndicatorResult)> = inds.iter().zip(&results).collect();
    let chart = targets_vs_realisations(&rows, &id_opts());
    parse(&chart);
    assert!(chart.svg.len() < 16_000, "{} bytes", chart.svg.len());
}

/// Writes sample charts to a folder for a look in a browser:
/// `CHART_SAMPLES=/tmp/charts cargo test --test chart -- --ignored`.
#[test]
#[ignore]
fn write_samples() {
    let Ok(dir) = std::env::var("CHART_SAMPLES") else {
        return;
    };
    let dir = std::path::PathBuf::from(dir);
    std::fs::create_dir_all(&dir).unwrap();
    let write = |name: &str, chart: Chart| {
        std::fs::write(dir.join(format!("{name}.svg")), chart.svg).unwrap();
    };
    let long_name = "Persentase perempuan dan anak korban kekerasan yang mendapatkan layanan \
                     komprehensif dari unit pelaksana teknis daerah perlindungan perempuan dan \
                     anak sesuai standar pelayanan minimal";
    let negatif = Indicator {
        polarity: Sp::unplaced(Polarity::Negative),
        unit: "kasus".to_string(),
        ..indicator("aki", "Angka kematian ibu", 9.0)
    };
    let cases = [
        (
            indicator("ipg", "Indeks Pembangunan Gender (IPG)", 92.5),
            result("ipg", 92.5, Some(91.8)),
        ),
        (
            indicator("idg", "Indeks Pemberdayaan Gender (IDG)", 80.0),
            result("idg", 80.0, Some(62.0)),
        ),
        (
            indicator("b", "Cakupan layanan pengaduan", 100.0),
            result("b", 100.0, None),
        ),
        (negatif, {
            let mut r = result("aki", 9.0, Some(12.0));
            r.achievement = Some(66.67);
            r.category = Some("Sedang".into());
            r
        }),
        (
            indicator("g", long_name, 60.0),
            result("g", 60.0, Some(45.0)),
        ),
        (
            indicator("f", "Kelompok kegiatan terbentuk", 10.0),
            result("f", 10.0, Some(100.0)),
        ),
        (
            indicator("e", "Pertumbuhan (negatif)", 10.0),
            result("e", 10.0, Some(-4.0)),
        ),
    ];
    let rows: Vec<(&Indicator, &IndicatorResult)> = cases.iter().map(|(i, r)| (i, r)).collect();
    write("tvr", targets_vs_realisations(&rows, &id_opts()));
    write(
        "tvr-narrow",
        targets_vs_realisations(&rows, &id_opts().with_width(360)),
    );
    write(
        "tvr-en",
        targets_vs_realisations(&rows[..3], &ChartOptions::new(Language::English)),
    );
    write("tvr-one", targets_vs_realisations(&rows[..1], &id_opts()));

    let ipg = Indicator {
        national_standard: Some(Sp::unplaced(91.6)),
        ..with_quarter_targets(
            indicator("ipg", "Indeks Pembangunan Gender (IPG)", 92.5),
            [90.0, 90.0, 91.0, 92.5],
        )
    };
    let mut r = result("ipg", 92.5, Some(91.8));
    r.quarters = vec![
        quarter(1, Some(90.0), 89.0),
        quarter(2, Some(90.0), 90.5),
        quarter(3, Some(91.0), 91.0),
    ];
    r.history = vec![
        history(2022, 89.0, Some(89.5)),
        history(2023, 90.0, Some(88.2)),
        history(2024, 91.0, None),
        history(2025, 92.5, Some(91.8)),
    ];
    r.national = Some(NationalComparison {
        standard: 91.6,
        achievement: Some(100.2),
        meets: Some(true),
    });
    write("quarters", quarterly_progress(&ipg, &r, &id_opts()));
    write(
        "quarters-none",
        quarterly_progress(&cases[2].0, &cases[2].1, &id_opts()),
    );
    write(
        "trend",
        trend(
            &ipg,
            &r,
            &[
                (2022, 90.5),
                (2023, 91.0),
                (2024, 91.5),
                (2025, 92.0),
                (2026, 92.5),
            ],
            &id_opts(),
        ),
    );
    write(
        "trend-one",
        trend(&cases[0].0, &cases[0].1, &[], &id_opts()),
    );
    write(
        "categories",
        category_distribution(&summary([4, 2, 0, 1, 1], 10), &id_opts()),
    );
    let p1 = programme(
        "p1",
        "Program Pengarusutamaan Gender dan Pemberdayaan Perempuan",
    );
    let p2 = programme("p2", "Program Perlindungan Anak");
    let p3 = programme("p3", "Program Pengendalian Penduduk");
    let r1 = programme_result("p1", 1_250_000_000, 1_100_000_000, Some(99.24324324324324));
    let r2 = programme_result("p2", 500_000_000, 125_000_000, Some(60.0));
    let r3 = programme_result("p3", 750_000_000, 700_000_000, Some(70.0));
    let progs = [(&p1, &r1), (&p2, &r2), (&p3, &r3)];
    write("budget", budget(&progs, &id_opts()));
    write("efficiency", efficiency(&progs, &id_opts()));
    let _ = chart::FONT_FAMILY;
}

/// How long the charts take: `cargo test --release --test chart -- --ignored --nocapture timing`.
#[test]
#[ignore]
fn timing() {
    let names: Vec<String> = (0..8)
        .map(|i| format!("Indikator kinerja nomor {i}"))
        .collect();
    let inds: Vec<Indicator> = names
        .iter()
        .map(|n| with_quarter_targets(indicator(n, n, 100.0), [25.0, 50.0, 75.0, 100.0]))
        .collect();
    let results: Vec<IndicatorResult> = (0..8)
        .map(|i| {
            let mut r = result(&names[i], 100.0, Some(50.0 + i as f64 * 5.0));
            r.quarters = vec![quarter(1, Some(25.0), 20.0), quarter(2, Some(50.0), 45.0)];
            r.history = vec![
                history(2023, 90.0, Some(80.0)),
                history(2024, 95.0, Some(90.0)),
            ];
            r
        })
        .collect();
    let rows: Vec<(&Indicator, &IndicatorResult)> = inds.iter().zip(&results).collect();
    let p = programme("p", "Program");
    let pr = programme_result("p", 1_000_000_000, 800_000_000, Some(90.0));
    let opts = id_opts();
    let rounds = 200;
    let start = std::time::Instant::now();
    let mut bytes = 0;
    for _ in 0..rounds {
        bytes += targets_vs_realisations(&rows, &opts).svg.len();
        for (i, r) in &rows {
            bytes += quarterly_progress(i, r, &opts).svg.len();
            bytes += trend(i, r, &[(2024, 90.0), (2026, 100.0)], &opts).svg.len();
        }
        bytes += category_distribution(&summary([3, 2, 1, 1, 1], 8), &opts)
            .svg
            .len();
        bytes += budget(&[(&p, &pr)], &opts).svg.len();
        bytes += efficiency(&[(&p, &pr)], &opts).svg.len();
    }
    let charts = rounds * (4 + 2 * rows.len());
    let per = start.elapsed() / charts as u32;
    println!(
        "{charts} charts, {per:?} each, {} bytes each on average",
        bytes / charts
    );
}

/// Draws every chart of a content folder, as the pages would, and writes them out:
/// `CHART_DEMO=content CHART_SAMPLES=/tmp/demo cargo test --release --test chart -- --ignored --nocapture demo`.
#[test]
#[ignore]
fn demo() {
    let (Ok(content), Ok(dir)) = (std::env::var("CHART_DEMO"), std::env::var("CHART_SAMPLES"))
    else {
        return;
    };
    let dir = std::path::PathBuf::from(dir);
    std::fs::create_dir_all(&dir).unwrap();
    let loaded = capaian::load::load(std::path::Path::new(&content)).unwrap();
    let report = &loaded.report;
    let computed = capaian::compute::compute(report, report.report_date(capaian::site::today()));
    let start = std::time::Instant::now();
    let mut charts: Vec<(String, Chart)> = Vec::new();
    for (key, year) in &computed.years {
        let model = &report.years[key];
        let opts = ChartOptions::new(report.site.language).with_scale(&report.categories());
        charts.push((
            format!("{key}-dashboard"),
            category_distribution(&year.summary, &opts),
        ));
        for pk in &year.pks {
            let Some(pk_model) = model.pk(&pk.id) else {
                continue;
            };
            let rows: Vec<(&Indicator, &IndicatorResult)> = pk_model
                .indicators()
                .filter_map(|(_, i)| {
                    let r = pk
                        .goals
                        .iter()
                        .flat_map(|g| &g.indicators)
                        .find(|r| r.id == *i.id)?;
                    Some((i, r))
                })
                .collect();
            charts.push((
                format!("{key}-pk-{}", pk.id),
                targets_vs_realisations(&rows, &opts),
            ));
            let progs: Vec<(&Programme, &ProgrammeResult)> =
                pk_model.programmes.iter().zip(&pk.programmes).collect();
            if !progs.is_empty() {
                charts.push((format!("{key}-budget-{}", pk.id), budget(&progs, &opts)));
                charts.push((
                    format!("{key}-efficiency-{}", pk.id),
                    efficiency(&progs, &opts),
                ));
            }
            for (indicator, result) in rows {
                let renstra = report
                    .renstra
                    .as_ref()
                    .and_then(|r| r.indicator(&indicator.id))
                    .map(renstra_targets)
                    .unwrap_or_default();
                charts.push((
                    format!("{key}-q-{}", result.id),
                    quarterly_progress(indicator, result, &opts),
                ));
                charts.push((
                    format!("{key}-trend-{}", result.id),
                    trend(indicator, result, &renstra, &opts),
                ));
            }
        }
    }
    let elapsed = start.elapsed();
    let bytes: usize = charts.iter().map(|(_, c)| c.svg.len()).sum();
    println!("{} charts in {elapsed:?}, {bytes} bytes", charts.len());
    for (name, chart) in charts {
        parse(&chart);
        std::fs::write(dir.join(format!("{name}.svg")), chart.svg).unwrap();
    }
}

// --- phones: narrow layout, text size, label collisions, key findings --------------------------

/// The width a page lays its charts out at: drawn at its own size in a phone's column.
const NARROW: u32 = 360;

/// The rules of the chart's classes: the shared ones of the site's stylesheet (an inline
/// chart takes the page's CSS; `.ch .a` scopes class `a` to charts) and those of the chart's
/// own `<style>`: class name → declarations.
fn style_rules(doc: &roxmltree::Document) -> std::collections::BTreeMap<String, String> {
    let shared = chart::stylesheet();
    let own: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("style"))
        .filter_map(|n| n.text())
        .map(str::to_string)
        .collect();
    std::iter::once(shared)
        .chain(own)
        .flat_map(|css| {
            css.split('}')
                .filter_map(|rule| {
                    let (selector, decls) = rule.split_once('{')?;
                    let class = selector.split_whitespace().last()?.strip_prefix('.')?;
                    Some((class.to_string(), decls.to_string()))
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The declarations of each class in a stylesheet (`.ch .a{…}`, or `.a,.b{…}` with the
/// declarations the classes share), `#fff` for `#ffffff`.
fn declarations_by_class(
    css: &str,
) -> std::collections::BTreeMap<String, std::collections::BTreeSet<String>> {
    let mut out: std::collections::BTreeMap<String, std::collections::BTreeSet<String>> =
        Default::default();
    for rule in css.split('}') {
        let Some((selectors, decls)) = rule.split_once('{') else {
            continue;
        };
        for selector in selectors.split(',') {
            let Some(class) = selector
                .split_whitespace()
                .last()
                .and_then(|s| s.strip_prefix('.'))
            else {
                continue;
            };
            if selector.trim() == ".ch" || class == "axis" {
                continue;
            }
            out.entry(class.to_string()).or_default().extend(
                decls
                    .split(';')
                    .filter(|d| !d.is_empty())
                    .map(|d| d.replace("#ffffff", "#fff")),
            );
        }
    }
    out
}

/// A property of an element as drawn: its attribute, else a rule of one of its classes, else
/// inherited from its ancestors.
fn property(
    node: roxmltree::Node,
    rules: &std::collections::BTreeMap<String, String>,
    name: &str,
) -> Option<String> {
    node.ancestors().find_map(|n| {
        n.attribute(name).map(str::to_string).or_else(|| {
            n.attribute("class")?.split(' ').find_map(|class| {
                rules.get(class)?.split(';').find_map(|decl| {
                    let (k, v) = decl.split_once(':')?;
                    (k.trim() == name).then(|| v.trim().to_string())
                })
            })
        })
    })
}

/// The box of a `<text>` in user units, from its anchor, baseline shift and the embedded
/// font's widths: `[left, top, right, bottom]`.
fn text_box(node: roxmltree::Node, rules: &std::collections::BTreeMap<String, String>) -> [f64; 4] {
    let size: f64 = property(node, rules, "font-size")
        .unwrap()
        .trim_end_matches("px")
        .parse()
        .unwrap();
    let bold = property(node, rules, "font-weight").as_deref() == Some("bold");
    let text = node.text().unwrap_or("");
    let width = chart::text_width(text, size, bold);
    // A `<tspan>` has its x; its y is its `<text>`'s.
    let x: f64 = property(node, rules, "x").unwrap().parse().unwrap();
    let y: f64 = property(node, rules, "y").unwrap().parse().unwrap();
    let shift = match property(node, rules, "dy") {
        Some(dy) => dy.trim_end_matches("em").parse::<f64>().unwrap() * size,
        None => 0.0,
    };
    let baseline = y + shift;
    let left = match property(node, rules, "text-anchor").as_deref() {
        Some("middle") => x - width / 2.0,
        Some("end") => x - width,
        _ => x,
    };
    // DejaVu Sans: digits and capitals reach about 0.73 em above the baseline; descenders
    // 0.24 em below it.
    [
        left,
        baseline - 0.73 * size,
        left + width,
        baseline + 0.24 * size,
    ]
}

/// The font size of a `<text>` as drawn.
fn font_size(node: roxmltree::Node, rules: &std::collections::BTreeMap<String, String>) -> f64 {
    property(node, rules, "font-size")
        .unwrap()
        .trim_end_matches("px")
        .parse()
        .unwrap()
}

fn boxes_overlap(a: &[f64; 4], b: &[f64; 4]) -> bool {
    // Touching is fine: half a unit of slack for rounding.
    a[0] + 0.5 < b[2] && b[0] + 0.5 < a[2] && a[1] + 0.5 < b[3] && b[1] + 0.5 < a[3]
}

/// Whether the segment passes through the inside of the box.
fn segment_crosses(p: (f64, f64), q: (f64, f64), b: &[f64; 4]) -> bool {
    let steps = ((q.0 - p.0).abs().max((q.1 - p.1).abs()) * 2.0)
        .ceil()
        .max(1.0) as i32;
    (0..=steps).any(|k| {
        let t = f64::from(k) / f64::from(steps);
        let (x, y) = (p.0 + (q.0 - p.0) * t, p.1 + (q.1 - p.1) * t);
        x > b[0] + 0.5 && x < b[2] - 0.5 && y > b[1] + 0.5 && y < b[3] - 0.5
    })
}

/// The pieces of a `<path>`'s `d`: each piece's points and whether it is closed (`Z`); `M`,
/// `L`, `H`, `V`, `Z` commands, absolute or relative, a command letter repeated or not.
fn path_pieces(d: &str) -> Vec<(Vec<(f64, f64)>, bool)> {
    // Commands and their numbers.
    let mut commands: Vec<(char, Vec<f64>)> = Vec::new();
    let mut number = String::new();
    let end_number = |number: &mut String, commands: &mut Vec<(char, Vec<f64>)>| {
        if !number.is_empty() {
            let v = number.parse().unwrap();
            commands.last_mut().expect("a command first").1.push(v);
            number.clear();
        }
    };
    for c in d.chars() {
        if c.is_ascii_digit() || c == '.' {
            number.push(c);
        } else if c == '-' {
            end_number(&mut number, &mut commands);
            number.push(c);
        } else {
            end_number(&mut number, &mut commands);
            if c.is_ascii_alphabetic() {
                commands.push((c, Vec::new()));
            }
        }
    }
    end_number(&mut number, &mut commands);
    let mut out: Vec<(Vec<(f64, f64)>, bool)> = Vec::new();
    let (mut x, mut y) = (0.0f64, 0.0f64);
    let mut start = (0.0, 0.0);
    for (command, values) in commands {
        let relative = command.is_ascii_lowercase();
        let base = |x: f64, y: f64| if relative { (x, y) } else { (0.0, 0.0) };
        match command.to_ascii_uppercase() {
            // Pairs after the first of a move are lines.
            'M' | 'L' => {
                for (i, pair) in values.chunks(2).enumerate() {
                    let (bx, by) = base(x, y);
                    (x, y) = (bx + pair[0], by + pair[1]);
                    if i == 0 && command.eq_ignore_ascii_case(&'M') {
                        start = (x, y);
                        out.push((vec![(x, y)], false));
                    } else {
                        out.last_mut().expect("a move first").0.push((x, y));
                    }
                }
            }
            'H' => {
                for v in values {
                    x = base(x, y).0 + v;
                    out.last_mut().expect("a move first").0.push((x, y));
                }
            }
            'V' => {
                for v in values {
                    y = base(x, y).1 + v;
                    out.last_mut().expect("a move first").0.push((x, y));
                }
            }
            'Z' => {
                out.last_mut().expect("a move first").1 = true;
                (x, y) = start;
            }
            other => panic!("unexpected path command {other} in {d}"),
        }
    }
    out
}

/// The boxes of the small closed shapes of a `<path>` (square and diamond markers, written
/// as one path of `M…Z` pieces).
fn path_markers(d: &str) -> Vec<[f64; 4]> {
    path_pieces(d)
        .into_iter()
        .filter(|(_, closed)| *closed)
        .filter_map(|(piece, _)| {
            let (l, r) = piece
                .iter()
                .fold((f64::MAX, f64::MIN), |(l, r), p| (l.min(p.0), r.max(p.0)));
            let (t, b) = piece
                .iter()
                .fold((f64::MAX, f64::MIN), |(t, b), p| (t.min(p.1), b.max(p.1)));
            (r - l <= 14.0 && b - t <= 14.0).then_some([l, t, r, b])
        })
        .collect()
}

/// The dots of a chart: the round ends of the zero-length pieces of its dot path (class `K`),
/// each at its centre.
fn dots(doc: &roxmltree::Document) -> Vec<(f64, f64)> {
    doc.descendants()
        .filter(|n| n.has_tag_name("path") && n.attribute("class") == Some("K"))
        .flat_map(|n| path_pieces(n.attribute("d").unwrap()))
        .map(|(piece, _)| {
            assert!(piece.windows(2).all(|w| w[0] == w[1]), "a dot is a point");
            piece[0]
        })
        .collect()
}

/// The lines of a chart's elements: a `<polyline>`'s points, each open piece of a `<path>`.
fn lines_of<'a>(nodes: impl IntoIterator<Item = roxmltree::Node<'a, 'a>>) -> Vec<Vec<(f64, f64)>> {
    nodes
        .into_iter()
        .flat_map(|n| {
            if n.has_tag_name("polyline") {
                vec![
                    n.attribute("points")
                        .unwrap()
                        .split(' ')
                        .map(|p| {
                            let (x, y) = p.split_once(',').unwrap();
                            (x.parse().unwrap(), y.parse().unwrap())
                        })
                        .collect(),
                ]
            } else if n.has_tag_name("path") {
                path_pieces(n.attribute("d").unwrap())
                    .into_iter()
                    .filter(|(_, closed)| !closed)
                    .map(|(piece, _)| piece)
                    .collect()
            } else {
                Vec::new()
            }
        })
        .collect()
}

#[test]
fn path_markers_reads_absolute_and_relative_pieces() {
    assert_eq!(
        path_markers("M90 176h8v8H90Zm71-32h8v8h-8ZM226 87l5 5-5 5-5-5Z"),
        vec![
            [90.0, 176.0, 98.0, 184.0],
            [161.0, 144.0, 169.0, 152.0],
            [221.0, 87.0, 231.0, 97.0]
        ]
    );
}

/// Every collision of a chart: two texts overlapping, a value or reference label over a marker
/// or across a drawn line. Empty when the chart reads cleanly.
fn collisions(chart: &Chart) -> Vec<String> {
    let doc = parse(chart);
    let rules = style_rules(&doc);
    let texts: Vec<(String, [f64; 4], bool)> = doc
        .descendants()
        .filter(|n| is_label(n) && !n.text().unwrap_or("").is_empty())
        .map(|n| {
            // Labels drawn over the plot carry a white halo (a stroke under the fill): those
            // are the ones placed among the markers and lines.
            let placed =
                property(n, &rules, "stroke").is_some() || n.attribute("paint-order").is_some();
            (n.text().unwrap().to_string(), text_box(n, &rules), placed)
        })
        .collect();
    assert!(
        texts.iter().any(|t| t.2) || !chart.svg.contains("line "),
        "a line chart has placed labels to check:\n{}",
        chart.svg
    );
    let mut found = Vec::new();
    for i in 0..texts.len() {
        for j in i + 1..texts.len() {
            if boxes_overlap(&texts[i].1, &texts[j].1) {
                found.push(format!("`{}` over `{}`", texts[i].0, texts[j].0));
            }
        }
    }
    let in_axis = |n: &roxmltree::Node| n.ancestors().any(|a| a.attribute("class") == Some("axis"));
    let mut markers: Vec<[f64; 4]> = doc
        .descendants()
        .filter(|n| n.has_tag_name("circle"))
        .map(|n| {
            let (x, y, r) = (num(n, "cx"), num(n, "cy"), num(n, "r"));
            [x - r, y - r, x + r, y + r]
        })
        .collect();
    markers.extend(
        dots(&doc)
            .into_iter()
            .map(|(x, y)| [x - 4.0, y - 4.0, x + 4.0, y + 4.0]),
    );
    markers.extend(
        doc.descendants()
            .filter(|n| n.has_tag_name("path") && !in_axis(n))
            .flat_map(|n| path_markers(n.attribute("d").unwrap_or(""))),
    );
    let lines = lines_of(doc.descendants().filter(|n| {
        n.attribute("class")
            .is_some_and(|c| c.split(' ').any(|c| c == "line"))
    }));
    for (text, b, _) in texts.iter().filter(|t| t.2) {
        for m in &markers {
            if boxes_overlap(b, m) {
                found.push(format!("`{text}` over a marker at {m:?}"));
            }
        }
        for line in &lines {
            if line.windows(2).any(|w| segment_crosses(w[0], w[1], b)) {
                found.push(format!("`{text}` across a line {line:?}"));
            }
        }
    }
    found
}

/// The cases that crowd a line chart: a realisation just above its annual target (the issue's
/// "value label on the target marker"), quarterly targets met exactly, a national standard
/// between the points, a single point.
fn crowded_line_charts(width: u32) -> Vec<(String, Chart)> {
    let opts = id_opts().with_width(width);
    let mut out = Vec::new();
    let ipg = indicator("ipg", "Indeks Pembangunan Gender (IPG)", 92.0);
    let mut r = result("ipg", 92.0, Some(92.31));
    r.quarters = vec![quarter(4, None, 92.31)];
    out.push((
        "one point on its target".into(),
        quarterly_progress(&ipg, &r, &opts),
    ));
    let quarterly = with_quarter_targets(ipg.clone(), [90.0, 91.0, 91.5, 92.0]);
    let mut r = result("ipg", 92.0, Some(92.0));
    r.quarters = vec![
        quarter(1, Some(90.0), 90.0),
        quarter(2, Some(91.0), 91.0),
        quarter(3, Some(91.5), 91.5),
        quarter(4, Some(92.0), 92.0),
    ];
    out.push((
        "targets met exactly".into(),
        quarterly_progress(&quarterly, &r, &opts),
    ));
    let national = Indicator {
        national_standard: Some(Sp::unplaced(91.85)),
        ..ipg.clone()
    };
    let mut r = result("ipg", 92.0, Some(92.31));
    r.history = vec![
        history(2023, 91.0, Some(90.84)),
        history(2024, 91.5, Some(91.62)),
        history(2025, 92.0, Some(92.31)),
        history(2026, 92.5, None),
    ];
    r.national = Some(NationalComparison {
        standard: 91.85,
        achievement: Some(100.5),
        meets: Some(true),
    });
    out.push((
        "trend with the standard".into(),
        trend(&national, &r, &[], &opts),
    ));
    out
}

#[test]
fn labels_never_overlap_markers_lines_or_each_other() {
    for width in [NARROW, 640] {
        for (case, chart) in crowded_line_charts(width) {
            let found = collisions(&chart);
            assert!(
                found.is_empty(),
                "{case} at {width}: {} collision(s):\n{}\n{}",
                found.len(),
                found.join("\n"),
                chart.svg
            );
        }
    }
}

/// The collision check itself sees a label on a marker.
#[test]
fn the_collision_check_sees_a_label_on_a_marker() {
    let chart = Chart {
        svg: "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 50\" role=\"img\"><title>t</title><desc>d</desc><circle cx=\"50\" cy=\"20\" r=\"4\"/><text x=\"50\" y=\"22\" text-anchor=\"middle\" font-size=\"11\" class=\"h\">92,31</text><style>.h{stroke:#fff;stroke-width:3px}</style></svg>".into(),
        title: "t".into(),
        desc: "d".into(),
        key: String::new(),
    };
    let found = collisions(&chart);
    assert_eq!(found.len(), 1, "{found:?}");
}

#[test]
fn a_single_point_is_drawn_on_an_axis_from_zero() {
    let ipg = indicator("ipg", "IPG", 92.0);
    let mut r = result("ipg", 92.0, Some(92.31));
    r.quarters = vec![quarter(4, None, 92.31)];
    let chart = quarterly_progress(&ipg, &r, &id_opts().with_width(NARROW));
    let doc = parse(&chart);
    let ticks: Vec<String> = with_class(&doc, "axis")
        .into_iter()
        .flat_map(|g| g.descendants().filter(is_label))
        .map(|n| n.text().unwrap_or("").to_string())
        .collect();
    assert!(
        ticks.iter().any(|t| t == "0"),
        "the axis starts at 0: {ticks:?}"
    );
    assert!(
        ticks.iter().any(|t| t == "100"),
        "and reaches past the value: {ticks:?}"
    );
    assert!(
        !ticks.iter().any(|t| t.starts_with("92,")),
        "no zoom onto 92–92,3: {ticks:?}"
    );
}

/// Every chart laid out at the pages' width: no text smaller than 11 units, so that drawn at
/// its own size in a phone's column no text is below 11 CSS px; long names go above their bars.
#[test]
fn narrow_charts_keep_their_text_at_eleven_units_or_more() {
    let opts = id_opts().with_width(NARROW);
    let long = "Persentase perempuan korban kekerasan yang mendapatkan layanan komprehensif";
    let a = indicator("a", long, 80.0);
    let b = indicator("b", "Indeks Pembangunan Gender (IPG)", 92.0);
    let (ra, rb) = (
        result("a", 80.0, Some(84.0)),
        result("b", 92.0, Some(92.31)),
    );
    let p = programme("p1", "Program Perlindungan Khusus Anak");
    let pr = programme_result("p1", 365_000_000, 226_000_000, Some(101.0));
    let mut charts = vec![
        targets_vs_realisations(&[(&a, &ra), (&b, &rb)], &opts),
        category_distribution(&summary([25, 0, 0, 0, 0], 33), &opts),
        budget(&[(&p, &pr)], &opts),
        efficiency(&[(&p, &pr)], &opts),
    ];
    charts.extend(crowded_line_charts(NARROW).into_iter().map(|(_, c)| c));
    for chart in &charts {
        let doc = parse(chart);
        let rules = style_rules(&doc);
        assert_eq!(doc.root_element().attribute("width"), Some("360"));
        for node in doc.descendants().filter(is_label) {
            let size = font_size(node, &rules);
            assert!(
                size >= 11.0,
                "`{}` at {size} in {}",
                node.text().unwrap_or(""),
                chart.title
            );
        }
        let found = collisions(chart);
        assert!(found.is_empty(), "{}: {found:?}", chart.title);
    }
    // The long name is whole on two lines above its bars, not cut to a 110-unit column.
    let doc = parse(&charts[0]);
    let lines: Vec<String> = texts(&doc);
    assert!(
        lines
            .iter()
            .any(|t| t.starts_with("Persentase perempuan korban kekerasan")),
        "{lines:?}"
    );
    assert!(!lines.iter().any(|t| t.ends_with('…')), "{lines:?}");
}

#[test]
fn each_chart_says_its_key_finding_in_the_sites_language() {
    let ipg = Indicator {
        national_standard: Some(Sp::unplaced(91.85)),
        ..indicator("ipg", "Indeks Pembangunan Gender (IPG)", 92.0)
    };
    let mut r = result("ipg", 92.0, Some(92.31));
    r.quarters = vec![quarter(4, None, 92.31)];
    r.national = Some(NationalComparison {
        standard: 91.85,
        achievement: Some(100.5),
        meets: Some(true),
    });
    assert_eq!(
        quarterly_progress(&ipg, &r, &id_opts()).key,
        "IPG 92,31 — di atas target 92 dan standar nasional 91,85"
    );
    assert_eq!(
        quarterly_progress(&ipg, &r, &ChartOptions::new(Language::English)).key,
        "IPG 92.31 — above target 92 and national standard 91.85"
    );
    r.history = vec![
        history(2024, 91.5, Some(91.62)),
        history(2025, 92.0, Some(92.31)),
    ];
    assert_eq!(
        trend(&ipg, &r, &[], &id_opts()).key,
        "IPG 92,31 pada 2025 — naik dari 91,62 pada 2024"
    );
    let below = result("ipg", 92.0, Some(91.0));
    let plain = indicator("ipg", "Indeks Pembangunan Gender (IPG)", 92.0);
    assert_eq!(
        quarterly_progress(&plain, &below, &id_opts()).key,
        "IPG 91 — di bawah target 92"
    );
    let other = indicator("tfr", "Angka kelahiran total", 2.1);
    let r2 = result("tfr", 2.1, Some(2.0));
    assert_eq!(
        targets_vs_realisations(&[(&plain, &below), (&other, &r2)], &id_opts()).key,
        "0 dari 2 indikator mencapai target (capaian ≥ 100%)"
    );
    assert_eq!(
        category_distribution(&summary([25, 0, 0, 0, 0], 33), &id_opts()).key,
        "25 dari 25 indikator terukur berkategori Sangat Tinggi; rata-rata capaian 88,50%"
    );
    let p = programme("p1", "Program A");
    let pr = programme_result("p1", 1_000_000_000, 250_000_000, Some(101.0));
    assert_eq!(
        budget(&[(&p, &pr)], &id_opts()).key,
        "25,00% anggaran terserap — Rp 250 jt dari Rp 1 M"
    );
}

/// The charts of the default palette take every look from the site's stylesheet: no `<style>`
/// of their own, and each class they use there either has a rule or names a part (`bar`,
/// `target`, …). Alone, a chart carries the rules itself.
#[test]
fn charts_share_the_sites_stylesheet_and_carry_it_alone() {
    let opts = id_opts().with_width(NARROW);
    let a = indicator("a", "Indeks Pembangunan Gender (IPG)", 92.0);
    let ra = result("a", 92.0, Some(92.31));
    let p = programme("p1", "Program Perlindungan Khusus Anak");
    let pr = programme_result("p1", 365_000_000, 226_000_000, Some(101.0));
    let mut charts = vec![
        targets_vs_realisations(&[(&a, &ra)], &opts),
        category_distribution(&summary([3, 2, 1, 1, 0], 8), &opts),
        budget(&[(&p, &pr)], &opts),
        efficiency(&[(&p, &pr)], &opts),
    ];
    charts.extend(crowded_line_charts(NARROW).into_iter().map(|(_, c)| c));
    let css = chart::stylesheet();
    let parts = [
        "ch",
        "axis",
        "bar",
        "line",
        "target",
        "tahunan",
        "realisasi",
        "renstra",
        "standar",
        "serapan",
        "kategori",
        "pagu",
        "capaian",
        "badge",
        "break",
        "reference",
    ];
    for chart in &charts {
        assert!(!chart.svg.contains("<style"), "{}", chart.svg);
        assert!(
            !chart.svg.contains("xmlns"),
            "inline: the HTML parser gives the namespace"
        );
        let doc = parse(chart);
        for class in doc
            .descendants()
            .filter_map(|n| n.attribute("class"))
            .flat_map(|c| c.split(' '))
        {
            assert!(
                parts.contains(&class) || css.contains(&format!(".ch .{class}{{")),
                "class {class} has no rule in {css}"
            );
        }
        let alone = chart.standalone();
        let doc = roxmltree::Document::parse(&alone).unwrap();
        assert_eq!(
            doc.root_element().tag_name().namespace(),
            Some("http://www.w3.org/2000/svg")
        );
        let style = doc
            .descendants()
            .find(|n| n.has_tag_name("style"))
            .and_then(|n| n.text())
            .unwrap();
        assert!(style.starts_with("svg{font:11px "));
        // The rules of the classes it uses, as the site's stylesheet has them.
        let rules = declarations_by_class(style);
        let site = declarations_by_class(&css);
        for class in doc
            .descendants()
            .filter_map(|n| n.attribute("class"))
            .flat_map(|c| c.split(' '))
            .filter(|c| !parts.contains(c))
        {
            assert_eq!(rules.get(class), site.get(class), "{class}");
            assert!(rules.contains_key(class), "{class}");
        }
    }
}

// --- charts the page names and describes, charts in files of their own -----------------------

/// Inline beside its caption and the table of its numbers, a chart refers to them rather than
/// repeating them: no `<title>`, no `<desc>`, and the drawing is the same as the
/// self-described chart's.
#[test]
fn a_chart_beside_its_caption_and_table_refers_to_them() {
    let ipg = with_quarter_targets(indicator("ipg", "IPG", 92.5), [90.0, 90.0, 91.0, 92.5]);
    let mut r = result("ipg", 92.5, Some(91.8));
    r.quarters = vec![quarter(1, Some(90.0), 89.0), quarter(2, Some(90.0), 90.5)];
    let alone = quarterly_progress(&ipg, &r, &id_opts().with_id("q"));
    let beside = quarterly_progress(
        &ipg,
        &r,
        &id_opts().with_id("q").described_by("judul", "tabel"),
    );
    let doc = roxmltree::Document::parse(&beside.svg).unwrap();
    let root = doc.root_element();
    assert_eq!(root.attribute("role"), Some("img"));
    assert_eq!(root.attribute("aria-labelledby"), Some("judul"));
    assert_eq!(root.attribute("aria-describedby"), Some("tabel"));
    assert!(
        !doc.descendants()
            .any(|n| n.has_tag_name("title") || n.has_tag_name("desc")),
        "{}",
        beside.svg
    );
    // The caption's and the table's words are still there for the page to show.
    assert_eq!(beside.title, alone.title);
    assert!(
        beside
            .desc
            .contains("TW1: target 90, realisasi 89, capaian 98,89%.")
    );
    // Only the header differs: the drawing is byte for byte the self-described one's.
    let body = |svg: &str| svg[svg.find("</desc>").map_or(0, |i| i + 7)..].to_string();
    let after_open = |svg: &str| svg[svg.find('>').unwrap() + 1..].to_string();
    assert_eq!(after_open(&beside.svg), body(&alone.svg));
    assert!(beside.svg.len() + alone.title.len() + alone.desc.len() < alone.svg.len());
}

/// The trend drawn as a file of its own (what the indicator pages share): namespaced, named
/// and described by itself, and with exactly the rules of the classes it uses, so that it
/// looks as it did inline under the site's stylesheet.
#[test]
fn a_chart_in_a_file_of_its_own_carries_the_rules_of_its_classes_only() {
    let (ipg, r) = ipg_with_national_standard(vec![
        history(2023, 90.0, Some(88.2)),
        history(2024, 91.0, Some(90.4)),
        history(2025, 92.5, Some(91.8)),
    ]);
    let chart = trend(&ipg, &r, &[(2026, 93.0)], &id_opts());
    let file = chart.standalone();
    let doc = roxmltree::Document::parse(&file).unwrap();
    let root = doc.root_element();
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2000/svg")
    );
    let child = |name: &str| {
        root.children()
            .find(|n| n.has_tag_name(name))
            .and_then(|n| n.text())
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(child("title"), chart.title);
    // 88,2 / 90 × 100 = 98,00; 90,4 / 91 × 100 = 99,34; 91,8 / 92,5 × 100 = 99,24.
    assert!(
        child("desc").contains(
            "2023: target 90, realisasi 88,2, capaian 98,00%. 2024: target 91, realisasi 90,4, capaian 99,34%. 2025: target 92,5, realisasi 91,8, capaian 99,24%."
        ),
        "{}",
        child("desc")
    );
    let style = child("style");
    // The parts' names (for tests and print rules) have no look of their own.
    let parts = [
        "ch",
        "axis",
        "line",
        "target",
        "realisasi",
        "renstra",
        "standar",
    ];
    let rules = declarations_by_class(&style);
    let site = declarations_by_class(&chart::stylesheet());
    let mut used = std::collections::BTreeSet::new();
    for class in doc
        .descendants()
        .filter_map(|n| n.attribute("class"))
        .flat_map(|c| c.split(' '))
    {
        used.insert(class.to_string());
        assert!(
            parts.contains(&class) || rules.contains_key(class),
            "class {class} has no rule in {style}"
        );
    }
    // No rule for a class the chart does not use.
    for class in rules.keys() {
        assert!(used.contains(class), "rule .{class} is not used");
    }
    // The root's rules by its tag (it needs no class in a document of its own).
    assert!(style.starts_with("svg{font:11px 'DejaVu Sans',"));
    assert_eq!(root.attribute("class"), None);
    assert_eq!(root.attribute("role"), Some("img"));
    // The national standard's dash-dot red line.
    assert_eq!(
        rules["y"].iter().map(String::as_str).collect::<Vec<_>>(),
        [
            "fill:none",
            "stroke-dasharray:9 3 2 3",
            "stroke-width:2px",
            "stroke:#b42318"
        ]
    );
    // The same declarations as the site's stylesheet has for each class, where an inline
    // chart takes them from; each declaration written once.
    for (class, decls) in &rules {
        assert_eq!(Some(decls), site.get(class), "{class}");
    }
    for decl in ["stroke-width:3px", "paint-order:stroke", "font-weight:bold"] {
        assert!(style.matches(decl).count() <= 1, "{decl} twice in {style}");
    }
    // Three years of realisation, joined: one line of three points, rising.
    let realisation = polyline_points(&doc, "realisasi")
        .into_iter()
        .find(|p| p.len() == 3)
        .expect("a realisation line over 2023–2025");
    assert!(realisation[0].1 > realisation[1].1 && realisation[1].1 > realisation[2].1);
    for label in ["88,2", "90,4", "91,8", "2026"] {
        assert!(texts(&doc).iter().any(|t| t == label), "no {label}");
    }
}
