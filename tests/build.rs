//! Building a small report end to end: what is written, what is not, and what stays.

mod common;

use std::fs;
use std::process::Command;

use capaian::{BuildOptions, Site};
use common::Repo;
use common::html::{count, rows, texts};
use common::site::snapshot;

#[test]
fn builds_every_page_of_a_year_and_its_exports() {
    let repo = Repo::new();
    repo.try_build(None).expect("the fixture builds");
    for page in [
        "index.html",
        "2025/index.html",
        "2025/pk/kepala/index.html",
        "2025/indikator/ipg/index.html",
        "2025/indikator/tfr/index.html",
        "2025/validasi/index.html",
        "data/2025.json",
        "data/2025.csv",
    ] {
        assert!(repo.output().join(page).is_file(), "{page} is missing");
    }
}

#[test]
fn the_json_export_has_its_documented_shape() {
    let repo = Repo::new();
    repo.try_build(None).unwrap();
    let json: serde_json::Value =
        serde_json::from_str(&repo.read_output("data/2025.json")).unwrap();
    assert_eq!(json["tahun"], 2025);
    let indicators = json["indikator"].as_array().unwrap();
    assert_eq!(indicators.len(), 2);
    let ipg = &indicators[0];
    let keys: Vec<&str> = ipg
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    for key in [
        "pk",
        "sasaran",
        "id",
        "nama",
        "satuan",
        "polaritas",
        "target",
        "realisasi",
        "capaian",
        "kategori",
        "triwulan",
        "capaian_renstra",
        "standar_nasional",
    ] {
        assert!(keys.contains(&key), "indikator lacks {key}: {keys:?}");
    }
    assert_eq!(ipg["pk"], "kepala");
    assert_eq!(ipg["sasaran"], "s1");
    assert_eq!(ipg["id"], "ipg");
    assert_eq!(ipg["polaritas"], "positif");
    assert_eq!(ipg["target"], 92.5);
    assert_eq!(ipg["realisasi"], 91.8);
    // 91.8 / 92.5 × 100
    assert!((ipg["capaian"].as_f64().unwrap() - 99.24324324324324).abs() < 1e-12);
    assert_eq!(ipg["kategori"], "Sangat Tinggi");
    // No Renstra, no national standard: null, not left out.
    assert!(ipg["capaian_renstra"].is_null());
    assert!(ipg["standar_nasional"].is_null());
    // Only quarters with a realisation; ipg has only TW4 and no quarterly target.
    let quarters = ipg["triwulan"].as_array().unwrap();
    assert_eq!(quarters.len(), 1);
    assert_eq!(quarters[0]["triwulan"], 4);
    assert!(quarters[0]["target"].is_null());
    assert!(quarters[0]["capaian"].is_null());

    let tfr = &indicators[1];
    assert_eq!(tfr["polaritas"], "negatif");
    // akhir: R = TW4 = 2.05; (2 × 2.1 − 2.05) / 2.1 × 100
    assert!((tfr["capaian"].as_f64().unwrap() - (2.0 * 2.1 - 2.05) / 2.1 * 100.0).abs() < 1e-9);
    let tw1 = &tfr["triwulan"][0];
    // (2 × 2.1 − 2.2) / 2.1 × 100
    assert!((tw1["capaian"].as_f64().unwrap() - (2.0 * 2.1 - 2.2) / 2.1 * 100.0).abs() < 1e-9);

    let program = &json["program"][0];
    assert_eq!(program["pk"], "kepala");
    assert_eq!(program["id"], "p1");
    assert_eq!(program["pagu"], 1250000000);
    assert_eq!(program["realisasi"], 1100000000);
    assert!((program["serapan"].as_f64().unwrap() - 88.0).abs() < 1e-12);
    let mean = (99.24324324324324 + (2.0 * 2.1 - 2.05) / 2.1 * 100.0) / 2.0;
    assert!((program["efisiensi"].as_f64().unwrap() - (mean - 88.0)).abs() < 1e-9);

    let summary = &json["ringkasan"];
    assert!((summary["rata_rata_capaian"].as_f64().unwrap() - mean).abs() < 1e-9);
    assert_eq!(summary["kategori"]["Sangat Tinggi"], 2);
    assert!((summary["serapan"].as_f64().unwrap() - 88.0).abs() < 1e-12);
}

#[test]
fn editor_text_is_escaped() {
    let repo = Repo::new();
    repo.edit(
        "2025/pk/kepala.toml",
        "nama = \"Indeks Pembangunan Gender\"",
        "nama = \"IPG <script>alert('nama')</script>\"",
    );
    repo.edit("2025/realisasi/kepala.toml", "analisis = \"Sedikit di bawah target.\"", "analisis = \"<script>alert('analisis')</script> <img src=x onerror=alert(1)> [klik](javascript:alert(2))\"");
    repo.try_build(None).unwrap();
    for page in [
        "2025/index.html",
        "2025/pk/kepala/index.html",
        "2025/indikator/ipg/index.html",
    ] {
        let html = repo.read_output(page);
        assert!(!html.contains("<script>alert"), "{page} runs editor script");
        assert!(!html.contains("<img src=x"), "{page} has editor HTML");
        assert!(
            !html.contains("href=\"javascript:"),
            "{page} has a javascript: link"
        );
    }
    let indicator = repo.page("2025/indikator/ipg/index.html");
    // Shown as the editor wrote it, as text: the name in the title, the analysis in its box.
    assert_eq!(
        texts(&indicator, "h1"),
        ["IPG <script>alert('nama')</script>"]
    );
    assert_eq!(
        texts(&indicator, "article.analysis .prose"),
        [
            "<script>alert('analisis')</script> <img src=x onerror=alert(1)> [klik](javascript:alert(2))"
        ]
    );
    assert_eq!(count(&indicator, "img[src=x], a[href^='javascript:']"), 0);
}

#[test]
fn a_failed_build_leaves_the_previous_site_untouched() {
    let repo = Repo::new();
    repo.try_build(None).unwrap();
    let before = snapshot(&repo.output());
    repo.edit("2025/pk/kepala.toml", "pagu = 1250000000", "pagu = -1");
    let err = repo.try_build(None).unwrap_err();
    assert!(matches!(err, capaian::BuildError::Invalid(1)), "{err}");
    assert_eq!(snapshot(&repo.output()), before);
    // Nothing left beside the output either.
    let mut names: Vec<String> = fs::read_dir(repo.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["content", "output"]);
}

#[test]
fn rebuilds_are_byte_identical() {
    let repo = Repo::new();
    repo.try_build(None).unwrap();
    let first = snapshot(&repo.output());
    repo.try_build(None).unwrap();
    assert_eq!(snapshot(&repo.output()), first);
}

#[test]
fn the_cli_exit_statuses() {
    let bin = env!("CARGO_BIN_EXE_capaian");
    let repo = Repo::new();
    let run = |args: &[&str]| {
        Command::new(bin)
            .args(args)
            .current_dir(repo.dir.path())
            .output()
            .unwrap()
    };

    let ok = run(&["check"]);
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );

    repo.edit(
        "2025/pk/kepala.toml",
        "  satuan = \"indeks\"",
        "  satuan = \"indeks\"\n  polarity = \"positif\"",
    );
    let bad = run(&["build"]);
    assert_eq!(bad.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(
        stderr.contains("error: kunci `polarity` tidak dikenal"),
        "{stderr}"
    );
    assert!(
        stderr.contains("content/2025/pk/kepala.toml:12:3"),
        "{stderr}"
    );
    assert!(
        stderr.contains("polarity = \"positif\""),
        "the source line is quoted: {stderr}"
    );
    assert!(
        stderr.contains("mungkin maksudnya `polaritas`?"),
        "{stderr}"
    );
    assert!(
        !repo.output().exists(),
        "a failed first build writes nothing"
    );

    let missing = run(&["check", "--content", "nowhere"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&missing.stderr).contains("folder content `nowhere` tidak ada")
    );

    let usage = run(&["build", "--bogus"]);
    assert_eq!(usage.status.code(), Some(2));
}

/// `serve` answers a page on demand while the whole site is written: every file of a build,
/// asked for alone, must be byte for byte the file the build wrote, in both editions.
#[test]
fn a_file_rendered_alone_is_the_file_the_build_writes() {
    for edition in [
        capaian::model::Edition::Internal,
        capaian::model::Edition::Public,
    ] {
        let (site, _) = Site::load(common::site::demo_content())
            .expect("the demo loads")
            .edition(edition);
        let dir = tempfile::tempdir().unwrap();
        let options = BuildOptions {
            output: dir.path().join("site"),
            theme: None,
        };
        site.build(&options).expect("the demo builds");
        let theme = site.theme(&options).unwrap();
        let mut whole_site_only = Vec::new();
        let built = common::site::files(&options.output);
        // The public demo publishes 2023 to 2025 (approved again after their narrative came
        // into git); 2026 is a draft.
        assert!(built.len() > 100, "{} files", built.len());
        for path in &built {
            if path == ".capaian-output" {
                continue;
            }
            match site.render_one(&theme, path).unwrap() {
                Some(file) => {
                    assert_eq!(file.path, std::path::Path::new(path));
                    let written = fs::read(options.output.join(path)).unwrap();
                    assert!(
                        file.contents == written,
                        "{edition:?}: {path} rendered alone differs from the build's"
                    );
                }
                None => whole_site_only.push(path.as_str()),
            }
        }
        // The years' manifests seal every file of their year: they come with a whole build.
        let manifests: Vec<&str> = whole_site_only
            .iter()
            .copied()
            .filter(|p| p.starts_with("data/") && p.ends_with(".manifest.json"))
            .collect();
        assert!(!manifests.is_empty(), "{edition:?}: no manifest");
        whole_site_only.retain(|p| !manifests.contains(p));
        assert_eq!(
            whole_site_only,
            ["peta-situs/index.html", "search-index.json", "sitemap.xml"],
            "{edition:?}"
        );
        for absent in [
            "2019/index.html",
            "nothing/here.html",
            "2025/indikator/none/index.html",
            "",
        ] {
            assert!(
                site.render_one(&theme, absent).unwrap().is_none(),
                "{absent}"
            );
        }
    }
}

/// `serve` cancels the build being written when a newer change comes: nothing is put in place,
/// and the folder it was writing over stays as the spare for the next build.
#[test]
fn a_cancelled_build_leaves_the_output_as_it_was() {
    use capaian::write::Cleanup;
    use std::sync::atomic::AtomicBool;

    let repo = Repo::new();
    let site = Site::load(repo.content()).expect("content readable");
    let options = BuildOptions {
        output: repo.output(),
        theme: None,
    };
    // Two builds: the output, and the build before it kept as the spare.
    site.build_with(&options, Cleanup::Recycle).unwrap();
    site.build_with(&options, Cleanup::Recycle).unwrap();
    let spare = repo.dir.path().join(".output.capaian-spare");
    assert!(spare.is_dir());
    let before = snapshot(&repo.output());

    repo.edit("2025/realisasi/kepala.toml", "nilai = 91.8", "nilai = 97.3");
    let changed = Site::load(repo.content()).expect("content readable");
    let cancel = AtomicBool::new(true);
    let staged = changed.stage(&options, Cleanup::Recycle, Some(&cancel));
    assert!(
        matches!(staged, Err(capaian::BuildError::Cancelled)),
        "a cancelled build is an error of its own"
    );
    assert_eq!(snapshot(&repo.output()), before, "the output is untouched");
    assert!(spare.is_dir(), "the spare is kept to be written over");

    // The next build writes over the spare and puts the change in place, whole.
    changed.build_with(&options, Cleanup::Recycle).unwrap();
    // TW IV: 97.3 of 92.5 = 105.19 % (the IPG's year is its last quarter: no column "s.d.").
    let page = repo.page("2025/indikator/ipg/index.html");
    assert_eq!(
        rows(&page, "table.quarters tbody tr")[3][..4],
        ["TW IV", "92,5", "97,3", "105,19%"]
    );
    assert!(
        repo.read_output("2025/indikator/ipg/index.html")
            .ends_with("</html>\n")
    );
    let rebuilt = snapshot(&repo.output());
    changed
        .build(&BuildOptions {
            output: repo.dir.path().join("fresh"),
            theme: None,
        })
        .unwrap();
    assert_eq!(
        rebuilt,
        snapshot(&repo.dir.path().join("fresh")),
        "a build over a cancelled one's spare is the same as a fresh build"
    );
}
