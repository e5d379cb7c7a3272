//! An indicator's trend over the years is one SVG file that the indicator's page of every year
//! shows as an image: written once per indicator and chart, named by its bytes, carrying its
//! own title and styles; the pages inline only their quarter chart.

mod common;

use std::collections::BTreeSet;

use common::Repo;
use common::html::{select, texts};
use scraper::Html;

/// The fixture's report with a second year, 2024, before it: the IPG with target 92 and
/// realisation 90.84 (the TFR as in 2025).
fn two_years() -> Repo {
    let repo = Repo::new();
    repo.write(
        "2024/pk/kepala.toml",
        &common::PK.replacen("target = 92.5", "target = 92", 1),
    );
    repo.write(
        "2024/realisasi/kepala.toml",
        &common::REALISASI.replacen("nilai = 91.8", "nilai = 90.84", 1),
    );
    repo
}

/// The trend chart files of the build, by name.
fn trend_files(repo: &Repo) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(repo.output().join("grafik/tren"))
        .map(|dir| {
            dir.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// The text of `text` between the first `open` and the `close` after it.
fn between<'a>(text: &'a str, open: &str, close: &str) -> &'a str {
    let rest = text.split_once(open).map_or("", |(_, rest)| rest);
    rest.split_once(close).map_or("", |(inside, _)| inside)
}

/// The `src` of the trend image on a page (the image in a figure of the analysis).
fn trend_src(page: &Html) -> String {
    let images = select(page, "section[aria-labelledby=analisis] figure.chart img");
    assert_eq!(images.len(), 1, "one trend image");
    images[0].value().attr("src").unwrap().to_string()
}

#[test]
fn every_years_page_shows_the_one_trend_file_of_its_indicator() {
    let repo = two_years();
    repo.try_build(None).expect("the two years build");
    // One file per indicator, not one per year (a file handed twice fails the build).
    let files = trend_files(&repo);
    assert_eq!(files.len(), 2, "{files:?}");
    assert!(files[0].starts_with("ipg-") && files[1].starts_with("tfr-"));
    for name in &files {
        let key = name
            .rsplit_once('-')
            .unwrap()
            .1
            .strip_suffix(".svg")
            .unwrap();
        assert!(key.len() == 8 && key.bytes().all(|b| b.is_ascii_hexdigit()));
    }

    let pages: Vec<Html> = [2024, 2025]
        .iter()
        .map(|year| repo.page(&format!("{year}/indikator/ipg/index.html")))
        .collect();
    let sources: BTreeSet<String> = pages.iter().map(trend_src).collect();
    assert_eq!(
        sources.into_iter().collect::<Vec<_>>(),
        [format!("/grafik/tren/{}", files[0])]
    );
    let svg = repo.read_output(&format!("grafik/tren/{}", files[0]));
    let doc = roxmltree::Document::parse(&svg).expect("well-formed SVG");
    let root = doc.root_element();
    for page in &pages {
        let image = &select(page, "section[aria-labelledby=analisis] figure.chart img")[0];
        // The size the file is drawn at; the image is named by the key finding above the chart.
        // (the file's height is its viewBox's at its width: "0 0 360 <height>").
        assert_eq!(image.value().attr("width"), root.attribute("width"));
        assert_eq!(root.attribute("width"), Some("360"));
        assert_eq!(
            image.value().attr("height"),
            root.attribute("viewBox")
                .and_then(|v| v.strip_prefix("0 0 360 "))
        );
        let key = texts(
            page,
            "section[aria-labelledby=analisis] figure.chart .chart-key",
        );
        assert_eq!(key.len(), 1);
        let named_by = image.value().attr("aria-labelledby").unwrap();
        assert_eq!(
            select(page, &format!("#{named_by}"))[0]
                .text()
                .collect::<String>(),
            key[0]
        );
        assert_eq!(
            image.value().attr("alt"),
            None,
            "the key is not copied into an alt"
        );
        assert_eq!(
            key[0],
            "Indeks Pembangunan Gender 91,8 pada 2025 — naik dari 90,84 pada 2024"
        );
        // The only SVG left on the page is the quarter chart, which refers to its caption and
        // table instead of repeating them.
        let svgs = select(page, "main svg");
        assert_eq!(svgs.len(), 1);
        assert_eq!(
            svgs[0].value().attr("aria-describedby"),
            Some("tabel-triwulan")
        );
        assert_eq!(
            svgs[0].value().attr("aria-labelledby"),
            Some("grafik-triwulan-judul")
        );
        assert_eq!(select(page, "#tabel-triwulan").len(), 1);
        assert_eq!(select(page, "figcaption#grafik-triwulan-judul").len(), 1);
        assert_eq!(select(page, "main svg title, main svg desc").len(), 0);
    }

    // The file names itself; it says its numbers in no <desc> (an image's own description
    // reaches no reader): the page's table of the years beside it does, 90,84 / 92 × 100 =
    // 98,74 and 91,8 / 92,5 × 100 = 99,24.
    assert_eq!(
        between(&svg, "<title>", "</title>"),
        "Tren Indeks Pembangunan Gender, 2024–2025"
    );
    assert!(!svg.contains("<desc"), "{svg}");
    assert!(!svg.contains("aria-describedby"), "{svg}");
    let years = texts(
        &pages[1],
        "section[aria-labelledby=analisis] table.narrow tbody",
    )
    .join(" ");
    for number in ["2024", "90,84", "98,74", "2025", "91,8", "99,24"] {
        assert!(years.contains(number), "{number} not in {years}");
    }
    // Its realisation rises from 2024 to 2025, labelled with both numbers.
    let labels: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text") || n.has_tag_name("tspan"))
        .filter_map(|n| n.text())
        .collect();
    for label in ["2024", "2025", "90,84", "91,8"] {
        assert!(labels.contains(&label), "{label} not in {labels:?}");
    }
    // The realisation's line and its legend swatch are one path: the line is its first piece.
    let line = doc
        .descendants()
        .find(|n| {
            n.has_tag_name("path")
                && n.attribute("class")
                    .is_some_and(|c| c.split(' ').any(|c| c == "realisasi"))
        })
        .and_then(|n| n.attribute("d"))
        .expect("the realisation line from 2024 to 2025");
    let heights = first_piece_ys(line);
    assert_eq!(heights.len(), 2, "{line}");
    assert!(heights[1] < heights[0], "{heights:?}");
    // Its own styles: every class it uses has a rule in it, but the parts' names.
    let style = between(&svg, "<style>", "</style>");
    for class in doc
        .descendants()
        .filter_map(|n| n.attribute("class"))
        .flat_map(|c| c.split(' '))
    {
        assert!(
            ["ch", "axis", "line", "target", "realisasi"].contains(&class)
                || style.split('}').any(|rule| rule
                    .split('{')
                    .next()
                    .unwrap()
                    .split(',')
                    .any(|s| s == format!(".{class}"))),
            "class {class} has no rule in {style}"
        );
    }
}

#[test]
fn a_year_of_one_point_has_no_trend_and_a_changed_year_a_new_file() {
    // One year: no trend, no file.
    let repo = Repo::new();
    repo.try_build(None).unwrap();
    assert!(trend_files(&repo).is_empty());
    assert_eq!(
        select(
            &repo.page("2025/indikator/ipg/index.html"),
            "figure.chart img"
        )
        .len(),
        0
    );

    // Two years: a change of a number of 2024 changes the file of the IPG, under a new name
    // that both years' pages follow, and not the TFR's.
    let repo = two_years();
    repo.try_build(None).unwrap();
    let before = trend_files(&repo);
    repo.edit(
        "2024/realisasi/kepala.toml",
        "nilai = 90.84",
        "nilai = 90.5",
    );
    repo.try_build(None).unwrap();
    let after = trend_files(&repo);
    assert_eq!(after.len(), 2);
    assert_ne!(before[0], after[0]);
    assert_eq!(before[1], after[1]);
    for year in [2024, 2025] {
        assert_eq!(
            trend_src(&repo.page(&format!("{year}/indikator/ipg/index.html"))),
            format!("/grafik/tren/{}", after[0])
        );
    }
    // The new file draws the new number.
    let file = repo.read_output(&format!("grafik/tren/{}", after[0]));
    assert!(file.contains(">90,5</text>"), "{file}");
    assert!(!file.contains(">90,84</text>"), "{file}");
}

/// The trend file stands for what each year's page showed inline: the manifest of every year
/// whose pages show it seals it, so that `capaian verify` sees a changed chart.
#[test]
fn every_year_that_shows_a_trend_file_seals_it() {
    let repo = two_years();
    repo.try_build(None).unwrap();
    let files = trend_files(&repo);
    for year in [2024, 2025] {
        let manifest: serde_json::Value =
            serde_json::from_str(&repo.read_output(&format!("data/{year}.manifest.json"))).unwrap();
        let sealed: Vec<(&str, &str)> = manifest["keluaran"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| (f["berkas"].as_str().unwrap(), f["sha256"].as_str().unwrap()))
            .filter(|(path, _)| path.starts_with("grafik/"))
            .collect();
        let expected: Vec<String> = files.iter().map(|f| format!("grafik/tren/{f}")).collect();
        assert_eq!(
            sealed
                .iter()
                .map(|(p, _)| p.to_string())
                .collect::<Vec<_>>(),
            expected,
            "{year}"
        );
        for (path, hash) in sealed {
            let bytes = std::fs::read(repo.output().join(path)).unwrap();
            assert_eq!(capaian::evidence::sha256_hex(&bytes), hash);
            // The name's key is the start of the same hash.
            assert!(path.ends_with(&format!("-{}.svg", &hash[..8])), "{path}");
        }
    }
}

/// The y of each point of the first piece of a path's `d` (the `M`, `L`, `H`, `V` commands,
/// absolute or relative, that the charts write).
fn first_piece_ys(d: &str) -> Vec<i32> {
    let mut commands: Vec<(char, Vec<i32>)> = Vec::new();
    let mut number = String::new();
    for c in d.chars().chain([' ']) {
        if c.is_ascii_digit() || (c == '-' && number.is_empty()) {
            number.push(c);
            continue;
        }
        if !number.is_empty() {
            commands.last_mut().unwrap().1.push(number.parse().unwrap());
            number.clear();
        }
        if c == '-' {
            number.push(c);
        } else if c.is_ascii_alphabetic() {
            commands.push((c, Vec::new()));
        }
    }
    let (mut x, mut y) = (0, 0);
    let mut ys = Vec::new();
    for (i, (command, values)) in commands.into_iter().enumerate() {
        let rel = command.is_ascii_lowercase();
        match command.to_ascii_uppercase() {
            'M' if i > 0 => break,
            'M' | 'L' => {
                for pair in values.chunks(2) {
                    (x, y) = if rel {
                        (x + pair[0], y + pair[1])
                    } else {
                        (pair[0], pair[1])
                    };
                    ys.push(y);
                }
            }
            'H' => {
                for v in values {
                    x = if rel { x + v } else { v };
                    ys.push(y);
                }
            }
            'V' => {
                for v in values {
                    y = if rel { y + v } else { v };
                    ys.push(y);
                }
            }
            _ => break,
        }
    }
    ys
}
