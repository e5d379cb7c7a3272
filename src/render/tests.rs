//! Renders a small hand-built report and inspects the files.

use std::collections::BTreeMap;

use super::*;
use crate::compute::{
    Budget, CategoryCount, GoalResult, HistoryPoint, IndicatorResult, NationalComparison, PkResult,
    ProgrammeResult, QuarterResult, RenstraComparison, Summary, YearResult,
};
use crate::finding::{Place, Severity};
use crate::model::{
    Language, Page, Pk, Quarter, Realisations, Renstra, Rupiah, SiteConfig, Value, Year,
};

const SITE: &str = r#"
judul = "Laporan Kinerja DP3APPKB Kota Tarakan"
tanggal_laporan = 2026-01-20
[opd]
nama = "Dinas Pemberdayaan Perempuan dan Perlindungan Anak"
singkatan = "DP3APPKB"
wilayah = "Kota Tarakan"
[[pejabat]]
id = "kepala"
nama = "Dra. Kepala <Dinas>"
nip = "197001011995031001"
jabatan = "Kepala Dinas"
peran = "kepala_opd"
eselon = "II"
[[pejabat]]
id = "kabid-kb"
nama = "Kabid KB, S.KM."
jabatan = "Kepala Bidang KB"
peran = "kabid"
eselon = "III"
atasan = "kepala"
"#;

const PK_KEPALA: &str = r#"
pejabat = "kepala"
pihak_kedua = "Wali Kota Tarakan"
tanggal = 2025-01-31
[[sasaran]]
id = "s1"
nama = "Meningkatnya kesetaraan gender"
  [[sasaran.indikator]]
  id = "ipg"
  nama = "Indeks Pembangunan Gender (IPG)"
  satuan = "indeks"
  polaritas = "positif"
  target = 92.5
  target_triwulan = [90.0, 90.0, 91.0, 92.5]
  standar_nasional = 91.6
  sumber_data = "BPS"
  [[sasaran.indikator]]
  id = "kla"
  nama = "Predikat Kota Layak Anak"
  satuan = "predikat"
  polaritas = "positif"
  skala = ["Pratama", "Madya", "Nindya", "Utama", "KLA"]
  target = "Madya"
[[program]]
id = "p1"
nama = "Program Pengarusutamaan Gender"
sasaran = ["s1"]
pagu = 1250000000
"#;

const PK_KABID: &str = r#"
pejabat = "kabid-kb"
[[sasaran]]
id = "s2"
nama = "Menurunnya angka kelahiran"
mendukung = "s1"
  [[sasaran.indikator]]
  id = "tfr"
  nama = "Total Fertility Rate"
  satuan = "anak per WUS"
  polaritas = "negatif"
  target = 2.1
"#;

const REALISASI_KEPALA: &str = r#"
[[realisasi]]
indikator = "ipg"
triwulan = 1
nilai = 89.0
pelapor = "kepala"
sumber = "BPS Kota Tarakan"
analisis = """
Capaian **naik**.

<script>alert(1)</script>

[klik](javascript:alert(1))
"""
[[anggaran]]
program = "p1"
triwulan = 1
realisasi = 1100000000
"#;

fn summary(mean: Option<f64>, counts: &[(&str, usize)]) -> Summary {
    let scale = [
        "Sangat Tinggi",
        "Tinggi",
        "Sedang",
        "Rendah",
        "Sangat Rendah",
    ];
    Summary {
        indicators: 2,
        measured: counts.iter().map(|c| c.1).sum(),
        mean_achievement: mean,
        mean_year_achievement: mean,
        categories: scale
            .iter()
            .map(|name| CategoryCount {
                name: name.to_string(),
                count: counts.iter().find(|c| c.0 == *name).map_or(0, |c| c.1),
            })
            .collect(),
    }
}

fn indicator(
    id: &str,
    pk: &str,
    goal: &str,
    target: Value,
    r: Option<Value>,
    a: Option<f64>,
    cat: Option<&str>,
) -> IndicatorResult {
    IndicatorResult {
        id: id.into(),
        pk: pk.into(),
        goal: goal.into(),
        target: target.clone().into(),
        realisation: r.clone(),
        year_achievement: a,
        achievement: a,
        basis: crate::compute::PeriodBasis::Year,
        working: None,
        projection: None,
        category: cat.map(String::from),
        quarters: Vec::new(),
        history: vec![HistoryPoint {
            year: 2025,
            target: target.into(),
            realisation: r,
            achievement: a,
        }],
        renstra: None,
        national: None,
    }
}

/// A year signed by the Kepala on 20 January 2026, or a draft.
fn fixture_approval(approved: bool) -> crate::approval::Approval {
    use crate::approval::{Approval, Run, Signed, State};
    let date = crate::model::Date::new(2026, 1, 20).unwrap();
    Approval {
        state: if approved {
            State::Disetujui(Signed {
                run: Run {
                    quarter: None,
                    round: 1,
                },
                signer: "kepala".into(),
                date,
                step: 10,
                letter_number: None,
                letter_step: None,
                instant: crate::model::Moment::Day(date),
                file: Default::default(),
                span: 0..0,
            })
        } else {
            State::Draft
        },
        ..Approval::default()
    }
}

pub(crate) fn fixture(approved: bool) -> (Report, Computed) {
    let site: SiteConfig = toml::from_str(SITE).unwrap();
    let mut kepala: Pk = toml::from_str(PK_KEPALA).unwrap();
    kepala.id = "kepala".into();
    let mut kabid: Pk = toml::from_str(PK_KABID).unwrap();
    kabid.id = "kabid-kb".into();
    let mut realisasi: Realisations = toml::from_str(REALISASI_KEPALA).unwrap();
    realisasi.pk = "kepala".into();
    let renstra: Renstra =
        toml::from_str("periode = [2021, 2026]\n[[indikator]]\nid = \"ipg\"\nnama = \"IPG\"\nsatuan = \"indeks\"\nkondisi_awal = 90.1\ntarget = { 2025 = 92.0, 2026 = 92.5 }\n")
            .unwrap();
    let year = Year {
        year: 2025,
        pks: vec![kabid, kepala],
        realisations: BTreeMap::from([("kepala".to_string(), realisasi)]),
        ..Year::default()
    };
    let report = Report {
        site,
        renstra: Some(renstra),
        pages: vec![
            Page {
                slug: "pendahuluan".into(),
                front: crate::model::FrontMatter {
                    title: "Pendahuluan".into(),
                    order: 1,
                    chapter: None,
                },
                body: "## Latar belakang\n\nLihat [laporan 2025](/2025/).\n\n<b>tebal</b>\n".into(),
                ..Page::default()
            },
            Page {
                slug: "penutup".into(),
                front: crate::model::FrontMatter {
                    title: "Penutup".into(),
                    order: 9,
                    chapter: None,
                },
                body: "# Penutup\n\nTerima kasih.\n".into(),
                ..Page::default()
            },
        ],
        years: BTreeMap::from([(2025, year)]),
        ..Report::default()
    };

    let mut ipg = indicator(
        "ipg",
        "kepala",
        "s1",
        Value::Number(92.5),
        Some(Value::Number(89.0)),
        Some(96.21621621621622),
        Some("Sangat Tinggi"),
    );
    ipg.quarters = vec![QuarterResult {
        quarter: Quarter::new(1).unwrap(),
        target: Some(crate::model::Target::Number(90.0)),
        realisation: Value::Number(89.0),
        achievement: Some(98.88888888888889),
    }];
    ipg.renstra = Some(RenstraComparison {
        final_year: 2026,
        final_target: Some(92.5),
        year_target: Some(92.0),
        achievement: Some(96.21621621621622),
    });
    ipg.national = Some(NationalComparison {
        standard: 91.6,
        achievement: Some(97.16157205240175),
        meets: Some(false),
    });
    let kla = indicator(
        "kla",
        "kepala",
        "s1",
        Value::Word("Madya".into()),
        None,
        None,
        None,
    );
    let tfr = indicator(
        "tfr",
        "kabid-kb",
        "s2",
        Value::Number(2.1),
        Some(Value::Number(2.3)),
        Some(90.47619047619048),
        Some("Tinggi"),
    );
    let p1 = ProgrammeResult {
        id: "p1".into(),
        pk: "kepala".into(),
        budget: Rupiah(1_250_000_000),
        spent: Rupiah(1_100_000_000),
        reported: true,
        spent_per_quarter: [Rupiah(1_100_000_000), Rupiah(0), Rupiah(0), Rupiah(0)],
        absorption: Some(88.0),
        mean_achievement: Some(96.21621621621622),
        efficiency: Some(8.216216216216225),
        ..ProgrammeResult::default()
    };
    let budget = Budget {
        budget: Rupiah(1_250_000_000),
        spent: Rupiah(1_100_000_000),
        absorption: Some(88.0),
        ..Budget::default()
    };
    let result = YearResult {
        year: 2025,
        period: crate::compute::YearPeriod {
            complete: true,
            through: crate::model::Quarter::new(4),
        },
        pks: vec![
            PkResult {
                id: "kabid-kb".into(),
                goals: vec![GoalResult {
                    id: "s2".into(),
                    indicators: vec![tfr],
                    summary: summary(Some(90.47619047619048), &[("Tinggi", 1)]),
                    programmes: vec![],
                }],
                programmes: vec![],
                summary: summary(Some(90.47619047619048), &[("Tinggi", 1)]),
                budget: Budget::default(),
            },
            PkResult {
                id: "kepala".into(),
                goals: vec![GoalResult {
                    id: "s1".into(),
                    indicators: vec![ipg, kla],
                    summary: summary(Some(96.21621621621622), &[("Sangat Tinggi", 1)]),
                    programmes: vec!["p1".into()],
                }],
                programmes: vec![p1],
                summary: summary(Some(96.21621621621622), &[("Sangat Tinggi", 1)]),
                budget: budget.clone(),
            },
        ],
        summary: summary(
            Some(93.34620334620335),
            &[("Sangat Tinggi", 1), ("Tinggi", 1)],
        ),
        budget,
        approval: fixture_approval(approved),
    };
    (
        report,
        Computed {
            years: BTreeMap::from([(2025, result)]),
        },
    )
}

fn findings() -> Vec<Located> {
    vec![
        Located {
            severity: Severity::Warning,
            message: "capaian < 100 with no <analisis>".into(),
            label: String::new(),
            help: Some("write an analisis".into()),
            year: Some(2025),
            place: Some(Place {
                path: "content/2025/realisasi/kabid-kb.toml".into(),
                line: 3,
                column: 1,
                source_line: "nilai = 2.3".into(),
            }),
        },
        Located {
            severity: Severity::Warning,
            message: "about 2024".into(),
            label: String::new(),
            help: None,
            year: Some(2024),
            place: None,
        },
    ]
}

fn build(report: &Report, computed: &Computed) -> BTreeMap<String, String> {
    let theme = Theme::load(None).unwrap();
    to_vec(&Input::new(report, computed, &findings(), &theme))
        .unwrap()
        .into_iter()
        .map(|f| {
            (
                f.path.to_string_lossy().replace('\\', "/"),
                // The theme's images (og.png) are not text.
                String::from_utf8_lossy(&f.contents).into_owned(),
            )
        })
        .collect()
}

#[test]
fn renders_every_page_of_the_spec() {
    let (report, computed) = fixture(true);
    let site = build(&report, &computed);
    let paths: Vec<&str> = site.keys().map(String::as_str).collect();
    assert_eq!(
        paths,
        [
            "2025/cetak/index.html",
            "2025/evaluasi/index.html",
            "2025/formulir/kabid-kb/tw1/index.html",
            "2025/formulir/kabid-kb/tw2/index.html",
            "2025/formulir/kabid-kb/tw3/index.html",
            "2025/formulir/kabid-kb/tw4/index.html",
            "2025/formulir/kepala/tw1/index.html",
            "2025/formulir/kepala/tw2/index.html",
            "2025/formulir/kepala/tw3/index.html",
            "2025/formulir/kepala/tw4/index.html",
            "2025/index.html",
            "2025/indikator/ipg/index.html",
            "2025/indikator/kla/index.html",
            "2025/indikator/tfr/index.html",
            "2025/pk/kabid-kb/index.html",
            "2025/pk/kepala/index.html",
            "2025/validasi/index.html",
            "data/2025.csv",
            "data/2025.json",
            "favicon.ico",
            "favicon.svg",
            "index.html",
            "og.png",
            "pendahuluan/index.html",
            "penutup/index.html",
            "peta-situs/index.html",
            "search-index.json",
            "search.js",
            "sitemap.xml",
            "sop/index.html",
            "style.css",
        ]
    );
    assert!(
        !site.values().any(|page| page.contains("DRAFT")),
        "an approved year has no DRAFT mark"
    );
    let pk = &site["2025/pk/kepala/index.html"];
    assert!(
        pk.contains("Dra. Kepala &lt;Dinas&gt;"),
        "names are escaped"
    );
    assert!(pk.contains("Wali Kota Tarakan"));
    assert!(pk.contains("Tarakan, 31 Januari 2025"));
    assert!(pk.contains("Rp 1.250.000.000"));
    assert!(pk.contains("Pihak pertama berjanji"));
    let kabid = &site["2025/pk/kabid-kb/index.html"];
    assert!(
        kabid.contains("Kepala Dinas"),
        "the head is the second party of a Kabid"
    );
    assert!(
        kabid.contains("href=\"/2025/pk/kepala/#sasaran-s1\""),
        "mendukung links the superior goal"
    );
    let year = &site["2025/index.html"];
    assert!(year.contains("96,22%") && year.contains("88,00%") && year.contains("Madya"));
    assert!(year.contains("+8,22"), "efisiensi in points");
}

#[test]
fn draft_years_are_marked_on_every_page() {
    let (report, computed) = fixture(false);
    let site = build(&report, &computed);
    for (path, page) in &site {
        let of_year = path.starts_with("2025/") || path == "index.html";
        if path.ends_with(".html") {
            assert_eq!(
                page.contains("DRAFT — belum disetujui Kepala OPD"),
                of_year,
                "{path}"
            );
        }
    }
}

#[test]
fn analysis_markdown_is_escaped() {
    let (report, computed) = fixture(true);
    let page = &build(&report, &computed)["2025/indikator/ipg/index.html"];
    assert!(!page.contains("<script>"), "{page}");
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!page.contains("javascript:"));
    assert!(page.contains("<strong>naik</strong>"));
    assert!(page.contains("BPS Kota Tarakan"));
    assert!(page.contains("97,16%"), "the national comparison");
    assert!(
        page.contains("2T") || page.contains("R / T × 100"),
        "the formula"
    );
    let md = &build(&report, &computed)["pendahuluan/index.html"];
    assert!(
        md.contains("&lt;b&gt;tebal&lt;/b&gt;"),
        "raw HTML in pages is escaped too"
    );
}

#[test]
fn findings_of_the_year_and_site_wide_only() {
    let (report, computed) = fixture(true);
    let page = &build(&report, &computed)["2025/validasi/index.html"];
    assert!(page.contains("content/2025/realisasi/kabid-kb.toml:3:1"));
    assert!(page.contains("capaian &lt; 100 with no &lt;analisis&gt;"));
    assert!(!page.contains("about 2024"));
    let theme = Theme::load(None).unwrap();
    let clean = to_vec(&Input::new(&report, &computed, &[], &theme)).unwrap();
    let clean = clean
        .iter()
        .find(|f| f.path.ends_with("validasi/index.html"))
        .unwrap();
    assert!(String::from_utf8_lossy(&clean.contents).contains("Tidak ada temuan"));
}

/// Every internal link points at a file of the build, under the base URL, and a link to a
/// part of a page (`#id`) at an element of that page.
fn assert_links_resolve(site: &BTreeMap<String, String>, base: &str) {
    use scraper::{Html, Selector};
    // Attribute values are read as a browser reads them, quoted or not.
    let linking = Selector::parse("[href], [src]").unwrap();
    let with_id = Selector::parse("[id]").unwrap();
    let mut ids: BTreeMap<&str, std::collections::BTreeSet<String>> = BTreeMap::new();
    for (path, page) in site.iter().filter(|(p, _)| p.ends_with(".html")) {
        let document = Html::parse_document(page);
        for element in document.select(&linking) {
            let attributes = element.value();
            let Some(url) = attributes.attr("href").or_else(|| attributes.attr("src")) else {
                continue;
            };
            if url.starts_with('#') || url.starts_with("http") || url.starts_with("mailto:") {
                continue;
            }
            let rest = url.strip_prefix(base).unwrap_or_else(|| {
                panic!("{path}: link `{url}` is not under the base URL `{base}`")
            });
            let (rest, fragment) = rest.split_once('#').unwrap_or((rest, ""));
            let target = if rest.is_empty() || rest.ends_with('/') {
                format!("{rest}index.html")
            } else {
                rest.to_string()
            };
            let Some((target, html)) = site.get_key_value(&target) else {
                panic!("{path}: link `{url}` points at nothing")
            };
            if !fragment.is_empty() && target.ends_with(".html") {
                let found = ids.entry(target.as_str()).or_insert_with(|| {
                    Html::parse_document(html)
                        .select(&with_id)
                        .filter_map(|e| e.value().attr("id").map(str::to_string))
                        .collect()
                });
                assert!(
                    found.contains(fragment),
                    "{path}: link `{url}`: {target} has no element with that id"
                );
            }
        }
    }
}

#[test]
fn links_resolve_under_any_base_url() {
    let (mut report, computed) = fixture(true);
    assert_links_resolve(&build(&report, &computed), "/");
    report.site.base_url = "/lkjip".into();
    let site = build(&report, &computed);
    assert_links_resolve(&site, "/lkjip/");
    assert!(
        site["pendahuluan/index.html"].contains("href=\"/lkjip/2025/\""),
        "root links in Markdown"
    );
}

#[test]
fn english_labels_and_numbers() {
    let (mut report, computed) = fixture(false);
    report.site.language = Language::English;
    let site = build(&report, &computed);
    let year = &site["2025/index.html"];
    assert!(year.contains("DRAFT — not yet approved by the Head of Agency"));
    assert!(year.contains("Performance Report 2025"));
    assert!(year.contains("96.22%") && year.contains("Rp 1,250,000,000"));
    assert!(site["2025/pk/kepala/index.html"].contains("Tarakan, 31 January 2025"));
    assert!(year.contains("lang=\"en\""));
}

#[test]
fn output_is_deterministic() {
    let (report, computed) = fixture(true);
    assert_eq!(build(&report, &computed), build(&report, &computed));
}

#[test]
fn json_export_has_the_shape_of_the_spec() {
    let (report, computed) = fixture(true);
    let site = build(&report, &computed);
    let json: serde_json::Value = serde_json::from_str(&site["data/2025.json"]).unwrap();
    assert!(site["data/2025.json"].ends_with("}\n"));
    assert_eq!(json["tahun"], 2025);
    let keys = |v: &serde_json::Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(
        keys(&json),
        [
            "indikator",
            "pk",
            "program",
            "reviu",
            "ringkasan",
            "tahun",
            "tujuan"
        ]
    );
    let ipg = json["indikator"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "ipg")
        .unwrap();
    let mut expected = vec![
        "capaian",
        "capaian_periode",
        "capaian_renstra",
        "id",
        "iku",
        "kategori",
        "nama",
        "pembanding",
        "pk",
        "polaritas",
        "proyeksi",
        "realisasi",
        "sasaran",
        "satuan",
        "skor",
        "standar_nasional",
        "target",
        "triwulan",
        "triwulan_periode",
        "tujuan",
    ];
    expected.sort();
    assert_eq!(keys(ipg), expected);
    // A complete year: the period values are the year's, and nothing is projected.
    assert_eq!(ipg["capaian_periode"], ipg["capaian"]);
    assert!(ipg["proyeksi"].is_null());
    assert_eq!(ipg["target"], 92.5);
    assert_eq!(ipg["capaian_renstra"], 96.21621621621622);
    assert_eq!(ipg["standar_nasional"], 91.6);
    assert_eq!(ipg["triwulan"][0]["triwulan"], 1);
    assert_eq!(ipg["triwulan"][0]["target"], 90.0);
    let kla = json["indikator"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "kla")
        .unwrap();
    assert_eq!(kla["target"], "Madya");
    assert!(kla["realisasi"].is_null() && kla["capaian"].is_null() && kla["kategori"].is_null());
    assert_eq!(kla["triwulan"], serde_json::json!([]));
    let p1 = &json["program"][0];
    assert_eq!(
        keys(p1),
        [
            "efisiensi",
            "id",
            "kegiatan",
            "kode",
            "nama",
            "pagu",
            "pagu_perubahan",
            "pk",
            "realisasi",
            "realisasi_dari",
            "serapan",
            "sumber_dana"
        ]
    );
    assert_eq!(p1["pagu"], 1_250_000_000i64);
    assert_eq!(
        json["ringkasan"]["kategori"],
        serde_json::json!({"Sangat Tinggi": 1, "Tinggi": 1})
    );
    assert_eq!(json["ringkasan"]["serapan"], 88.0);
    assert_eq!(
        json["ringkasan"]["rata_rata_capaian_periode"],
        json["ringkasan"]["rata_rata_capaian"]
    );
    let csv = &site["data/2025.csv"];
    assert!(csv.starts_with("pk,sasaran,id,nama,satuan,polaritas,target,realisasi,capaian,kategori,capaian_renstra,standar_nasional,capaian_periode,triwulan_periode,target_min,target_maks\r\n"));
    assert!(csv.contains("kepala,s1,ipg,Indeks Pembangunan Gender (IPG),indeks,positif,92.5,89,96.21621621621622,Sangat Tinggi,96.21621621621622,91.6,96.21621621621622,4,,\r\n"), "{csv}");
}

#[test]
fn every_label_the_default_templates_use_exists() {
    let theme = Theme::load(None).unwrap();
    let labels = Labels::new(Language::Indonesian);
    for name in theme.template_names() {
        let source = theme.source(name).unwrap();
        for piece in source.split("labels.").skip(1) {
            let key: String = piece
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            assert!(
                labels.contains(&key),
                "{name} uses the label `{key}`, which the table lacks"
            );
        }
    }
}

#[test]
fn a_site_theme_overrides_the_default_file_by_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("templates")).unwrap();
    std::fs::create_dir_all(dir.path().join("static/img")).unwrap();
    std::fs::write(dir.path().join("templates/page.html"), "{% extends \"base.html\" %}{% block content %}CUSTOM {{ content | safe }}{% endblock content %}").unwrap();
    std::fs::write(dir.path().join("static/img/logo.svg"), "<svg/>").unwrap();
    let theme = Theme::load(Some(dir.path())).unwrap();
    let (report, computed) = fixture(true);
    let files = to_vec(&Input::new(&report, &computed, &[], &theme)).unwrap();
    let get = |p: &str| {
        files
            .iter()
            .find(|f| f.path == std::path::Path::new(p))
            .map(|f| String::from_utf8_lossy(&f.contents).into_owned())
    };
    assert!(get("pendahuluan/index.html").unwrap().contains("CUSTOM"));
    assert_eq!(get("img/logo.svg").unwrap(), "<svg/>");
    assert!(get("style.css").is_some(), "the default static files stay");

    std::fs::write(
        dir.path().join("templates/pk.html"),
        "{% extends \"base.html\" %}{% block content %}{{ pk.nope.deeper }}{% endblock content %}",
    )
    .unwrap();
    let theme = Theme::load(Some(dir.path())).unwrap();
    let error = to_vec(&Input::new(&report, &computed, &[], &theme))
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("pk.html") && error.contains("templates"),
        "{error}"
    );

    std::fs::write(dir.path().join("templates/pk.html"), "{% if %}").unwrap();
    let error = Theme::load(Some(dir.path())).unwrap_err().to_string();
    assert!(error.contains("pk.html"), "{error}");
}

#[test]
fn a_page_named_like_a_year_is_refused() {
    let (mut report, computed) = fixture(true);
    report.pages[0].slug = "2025".into();
    let theme = Theme::load(None).unwrap();
    let error = to_vec(&Input::new(&report, &computed, &[], &theme))
        .unwrap_err()
        .to_string();
    assert!(error.contains("2025/index.html"), "{error}");
}

/// Writes the fixture's site to `$CAPAIAN_RENDER_OUT`, to look at it in a browser:
/// `CAPAIAN_RENDER_OUT=/tmp/site cargo test --lib render::tests::write_fixture_site -- --ignored`.
#[test]
#[ignore]
fn write_fixture_site() {
    let Some(dir) = std::env::var_os("CAPAIAN_RENDER_OUT") else {
        return;
    };
    let (report, computed) = fixture(std::env::var_os("CAPAIAN_RENDER_DRAFT").is_none());
    for (path, contents) in build(&report, &computed) {
        let path = std::path::Path::new(&dir).join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
    }
}

/// Renders a content folder (`$CAPAIAN_DEMO_CONTENT`) into `$CAPAIAN_RENDER_OUT`, without the
/// `Site` API, and reports the time the render takes.
#[test]
#[ignore]
fn write_demo_site() {
    let (Some(content), Some(dir)) = (
        std::env::var_os("CAPAIAN_DEMO_CONTENT"),
        std::env::var_os("CAPAIAN_RENDER_OUT"),
    ) else {
        return;
    };
    let loaded = crate::load::load(std::path::Path::new(&content)).unwrap();
    let mut findings = loaded.findings;
    findings.extend(crate::validate::check(&loaded.report));
    let computed = crate::compute::compute(
        &loaded.report,
        loaded.report.report_date(crate::site::today()),
    );
    let today = crate::model::Date::new(2026, 11, 20).unwrap();
    findings.extend(crate::validate::review(&loaded.report, &computed, today));
    findings.sort();
    let located: Vec<Located> = findings
        .list
        .iter()
        .map(|f| f.locate(&loaded.sources))
        .collect();
    let theme = Theme::load(None).unwrap();
    let started = std::time::Instant::now();
    let files = to_vec(&Input::new(&loaded.report, &computed, &located, &theme)).unwrap();
    eprintln!(
        "rendered {} files in {:?} ({} findings)",
        files.len(),
        started.elapsed(),
        located.len()
    );
    for file in files {
        let path = std::path::Path::new(&dir).join(&file.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, file.contents).unwrap();
    }
}

/// A large synthetic report (5 years × 100 PKs × 20 indicators: about 10,500 pages), to keep
/// the renderer free of quadratic work: `cargo test --release --lib render::tests::large -- --ignored --nocapture`.
#[test]
#[ignore]
fn large_report_renders_quickly() {
    let (mut report, _) = fixture(true);
    report.years.clear();
    report.site.officials.truncate(1);
    for n in 0..100 {
        let official: crate::model::Official = toml::from_str(&format!(
            "id = \"p{n}\"\nnama = \"Pejabat {n}\"\njabatan = \"Kepala Seksi {n}\"\nperan = \"kasi\"\neselon = \"IV\"\natasan = \"kepala\""
        ))
        .unwrap();
        report.site.officials.push(official);
    }
    for year in 2021..2026 {
        let mut model = Year {
            year,
            ..Year::default()
        };
        for n in 0..100 {
            let mut toml = format!("pejabat = \"p{n}\"\n");
            for g in 0..5 {
                toml += &format!("[[sasaran]]\nid = \"s{n}-{g}\"\nnama = \"Sasaran {n}.{g}\"\n");
                // A three-level cascade: the head's goals, ten Kabid, nine Kasi under each.
                if n > 0 {
                    let parent = if n % 10 == 0 { 0 } else { n / 10 * 10 };
                    toml += &format!("mendukung = \"s{parent}-{g}\"\n");
                }
                for i in 0..4 {
                    toml += &format!(
                        "[[sasaran.indikator]]\nid = \"i{n}-{g}-{i}\"\nnama = \"Indikator {n}.{g}.{i}\"\nsatuan = \"%\"\npolaritas = \"positif\"\ntarget = 80.0\ntarget_triwulan = [20.0, 40.0, 60.0, 80.0]\n"
                    );
                }
            }
            toml += &format!(
                "[[program]]\nid = \"pr{n}\"\nnama = \"Program {n}\"\nsasaran = [\"s{n}-0\", \"s{n}-1\"]\npagu = 1000000000\n"
            );
            let mut pk: Pk = toml::from_str(&toml).unwrap();
            pk.id = format!("p{n}");
            let mut realisations = String::new();
            for g in 0..5 {
                for i in 0..4 {
                    for q in 1..=4 {
                        realisations += &format!(
                            "[[realisasi]]\nindikator = \"i{n}-{g}-{i}\"\ntriwulan = {q}\nnilai = {}\npelapor = \"p{n}\"\nanalisis = \"Naik **{q}**.\"\n",
                            18.0 * q as f64
                        );
                    }
                }
            }
            let mut r: Realisations = toml::from_str(&realisations).unwrap();
            r.pk = pk.id.clone();
            model.realisations.insert(pk.id.clone(), r);
            model.pks.push(pk);
        }
        report.years.insert(year, model);
    }
    let computed = crate::compute::compute(&report, report.report_date(crate::site::today()));
    let theme = Theme::load(None).unwrap();
    let started = std::time::Instant::now();
    let files = to_vec(&Input::new(&report, &computed, &[], &theme)).unwrap();
    let elapsed = started.elapsed();
    let bytes: usize = files.iter().map(|f| f.contents.len()).sum();
    eprintln!(
        "{} files, {} MB, in {elapsed:?}",
        files.len(),
        bytes / 1_000_000
    );
    assert!(files.len() > 10_000);
}

#[test]
fn a_report_without_years_still_has_a_home_page() {
    let (mut report, _) = fixture(true);
    report.years.clear();
    let theme = Theme::load(None).unwrap();
    let files = to_vec(&Input::new(&report, &Computed::default(), &[], &theme)).unwrap();
    let paths: Vec<String> = files
        .iter()
        .map(|f| f.path.to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        paths,
        [
            "favicon.ico",
            "favicon.svg",
            "index.html",
            "og.png",
            "pendahuluan/index.html",
            "penutup/index.html",
            "peta-situs/index.html",
            "search-index.json",
            "search.js",
            "sitemap.xml",
            "sop/index.html",
            "style.css"
        ]
    );
    let home = files
        .iter()
        .find(|f| f.path.to_string_lossy() == "index.html")
        .unwrap();
    assert!(String::from_utf8_lossy(&home.contents).contains("Belum ada data tahun anggaran"));
}

#[test]
fn pages_carry_their_charts() {
    let (report, computed) = fixture(true);
    let site = build(&report, &computed);
    // A chart: its figure holds the SVG, after the key finding's sentence when it has one.
    // The indicator page writes its figures with unquoted classes.
    let charts = |path: &str| {
        site[path]
            .replace("<figure class=chart>", "<figure class=\"chart\">")
            .replace("<p class=chart-key>", "<p class=\"chart-key\">")
            .split("<figure class=\"chart\">")
            .skip(1)
            .filter(|figure| {
                let figure = figure.split("</figure>").next().unwrap_or("");
                let svg = figure.trim_start();
                svg.starts_with("<svg")
                    || (svg.starts_with("<p class=\"chart-key\">")
                        && svg
                            .split("</p>")
                            .nth(1)
                            .is_some_and(|rest| rest.starts_with("<svg")))
            })
            .count()
    };
    assert_eq!(charts("index.html"), 2, "categories and budget");
    assert_eq!(
        site["index.html"]
            .matches("<p class=\"chart-key\">")
            .count(),
        2,
        "each with its key finding"
    );
    assert_eq!(
        charts("2025/index.html"),
        3,
        "categories, budget, efficiency"
    );
    assert_eq!(
        charts("2025/pk/kepala/index.html"),
        3,
        "targets, budget, efficiency"
    );
    assert_eq!(
        charts("2025/pk/kabid-kb/index.html"),
        1,
        "no programmes, no budget charts"
    );
    assert_eq!(
        charts("2025/indikator/ipg/index.html"),
        1,
        "quarters; one year, no trend"
    );
    assert_eq!(charts("2025/validasi/index.html"), 0);
}

const SOP: &str = r#"
nama = "SOP Pengumpulan Data Capaian Kinerja"
nomor = "065/017/2022"
dasar_hukum = ["PermenPAN-RB 53/2014"]
kualifikasi = ["Berwenang"]
keterkaitan = ["SOP Rapat Internal"]
peralatan = ["Komputer"]
pencatatan = ["Dokumen kinerja"]
peringatan = "Data terlambat."
pelaksana = ["kepala_opd", "kabid"]
[[langkah]]
no = 1
uraian = "Menyusun data capaian."
pelaksana = "kabid"
kelengkapan = "Format"
waktu = "1 hari"
output = "Draft"
[[langkah]]
no = 2
uraian = "Menandatangani dokumen."
pelaksana = "kepala_opd"
kelengkapan = "Draft"
waktu = "10 menit"
output = "Dokumen"
persetujuan = true
[[langkah]]
no = 3
uraian = "Mengirim surat pengantar."
pelaksana = "kabid"
kelengkapan = "Dokumen"
waktu = "15 menit"
output = "Surat"
"#;

/// Friday to Monday is two working days: step 1 is over its one day.
const PROSES: &str = r#"
[[langkah]]
no = 1
tanggal = 2026-01-09T08:00:00
selesai = 2026-01-12T15:00:00
oleh = "kabid-kb"
[[langkah]]
no = 2
tanggal = 2026-01-13T09:00:00
selesai = 2026-01-13T09:05:00
oleh = "kepala"
[[langkah]]
no = 3
tanggal = 2026-01-13T10:00:00
selesai = 2026-01-13T10:10:00
oleh = "kabid-kb"
dokumen = "Surat pengantar"
nomor_surat = "800/1/2026"
"#;

/// The fixture with an SOP and, when `signed`, the whole process recorded.
fn fixture_with_sop(signed: bool) -> (Report, Computed) {
    let (mut report, mut computed) = fixture(signed);
    report.sop = toml::from_str(SOP).unwrap();
    report.sop_read = true;
    let mut process: crate::model::Process = toml::from_str(PROSES).unwrap();
    if !signed {
        process.steps.truncate(1);
    }
    report.years.get_mut(&2025).unwrap().process = Some(process);
    computed.years.get_mut(&2025).unwrap().approval =
        crate::approval::approve(&report, &report.years[&2025]);
    assert_eq!(computed.years[&2025].approved(), signed);
    (report, computed)
}

#[test]
fn the_sop_page_shows_each_years_compliance() {
    let (report, computed) = fixture_with_sop(true);
    let site = build(&report, &computed);
    let sop = &site["sop/index.html"];
    assert_eq!(
        sop.matches("<g class=\"lane\"").count(),
        2,
        "one lane per pelaksana"
    );
    assert!(sop.contains("065/017/2022") && sop.contains("SOP Rapat Internal"));
    let table = &sop[sop.find("compliance-table").unwrap()..];
    assert_eq!(table.matches("<tr class=\"").count(), 3, "one row per step");
    assert_eq!(sop.matches("mark-over").count(), 1);
    assert!(sop.contains("<tr class=\"over\" data-step=\"1\">"), "{sop}");
    assert!(sop.contains("2 hari kerja") && sop.contains("5 menit"));
    assert!(sop.contains("800/1/2026"));
    assert!(
        sop.contains("href=/sop/ aria-current=page>"),
        "the navigation"
    );
    let year = &site["2025/index.html"];
    assert!(year.contains("Dra. Kepala &lt;Dinas&gt;"), "who signed");
    assert!(year.contains("13 Januari 2026"), "when");
    assert!(year.contains("800/1/2026"), "the letter number");
    let sop_links = scraper::Selector::parse("a[href='/sop/#kepatuhan-2025']").unwrap();
    assert_eq!(
        scraper::Html::parse_document(year)
            .select(&sop_links)
            .count(),
        1,
        "the year's link to its SOP compliance"
    );
    assert_links_resolve(&site, "/");

    let (report, computed) = fixture_with_sop(false);
    let site = build(&report, &computed);
    assert!(
        !site["2025/index.html"].contains("800/1/2026"),
        "a draft has no signature"
    );
    assert!(site["sop/index.html"].contains("<tr class=\"missing\" data-step=\"2\">"));
    for (path, page) in site
        .iter()
        .filter(|(p, _)| p.starts_with("2025/") && p.ends_with(".html"))
    {
        assert!(
            page.contains("DRAFT — belum disetujui Kepala OPD"),
            "{path}"
        );
    }
}

#[test]
fn the_sop_page_and_forms_in_english() {
    let (mut report, computed) = fixture_with_sop(true);
    report.site.language = Language::English;
    let site = build(&report, &computed);
    let sop = &site["sop/index.html"];
    for words in [
        "Legal Basis",
        "Signed by",
        "2 working days",
        "Over standard",
        "Within standard",
    ] {
        assert!(sop.contains(words), "{words}");
    }
    let form = &site["2025/formulir/kabid-kb/tw4/index.html"];
    assert!(form.contains("Performance Realisation Form") && form.contains("Quarter 4"));
    assert!(form.contains("Acknowledged by"));
}

#[test]
fn a_form_has_a_row_per_indicator_and_prints_what_was_reported() {
    let (report, computed) = fixture(false);
    let site = build(&report, &computed);
    let form = &site["2025/formulir/kepala/tw1/index.html"];
    let body = &form[form.find("<tbody>").unwrap()..form.find("</tbody>").unwrap()];
    assert_eq!(body.matches("<tr>").count(), 2, "{body}");
    assert!(
        form.contains("<td>89<td>"),
        "the reported value, printed: {form}"
    );
    assert!(form.contains("BPS Kota Tarakan"), "the evidence reported");
    assert!(
        form.contains("Sudah dilaporkan") && form.contains("href=/2025/indikator/ipg/>"),
        "the analysis is on the indicator's page"
    );
    assert!(
        !form.contains("Mengetahui"),
        "nobody above the head countersigns"
    );
    assert!(form.contains("DRAFT — belum disetujui Kepala OPD"));
    let tw4 = &site["2025/formulir/kepala/tw4/index.html"];
    assert!(
        !tw4.contains("<td>89<") && !tw4.contains("Sudah dilaporkan"),
        "nothing reported for TW IV"
    );
    assert!(tw4.contains("<td>92,5<"), "the quarter's target");
    assert!(
        tw4.contains("<td>Madya<"),
        "no quarterly targets: the year's target in TW IV"
    );
    let kabid = &site["2025/formulir/kabid-kb/tw2/index.html"];
    assert!(
        kabid.contains("Dra. Kepala &lt;Dinas&gt;"),
        "the superior acknowledges"
    );
    let pk = &site["2025/pk/kepala/index.html"];
    assert!(pk.contains("href=/2025/formulir/kepala/tw3/>"));
}
