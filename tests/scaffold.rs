//! `capaian new`: a new report repository loads without errors and builds at once.

mod common;

use std::fs;

use capaian::scaffold::{AgencyArgs, DEFAULT_SOP, ScaffoldError, new_repository};
use capaian::{BuildOptions, Site};

fn agency() -> AgencyArgs {
    AgencyArgs {
        name: "Dinas Pemberdayaan Perempuan dan Perlindungan Anak".to_string(),
        short_name: "DP3A".to_string(),
        region: "Kabupaten Bulungan".to_string(),
        head_name: "Dr. Hj. Siti \"Ani\" Rahma, M.Si.".to_string(),
        head_nip: Some("197001011995032001".to_string()),
        head_title: "Kepala Dinas".to_string(),
    }
}

#[test]
fn a_new_repository_builds_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("lkjip-dp3a");
    let written = new_repository(&dir, &agency(), 2026).unwrap();
    assert!(
        written
            .iter()
            .any(|p| p.ends_with("content/2026/pk/kepala.toml"))
    );
    for rel in &written {
        assert!(dir.join(rel).is_file(), "{} was not written", rel.display());
    }
    let ignored: Vec<String> = fs::read_to_string(dir.join(".gitignore"))
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(str::to_string)
        .collect();
    assert_eq!(ignored, ["output/", ".output.capaian-*/"]);
    assert_eq!(
        fs::read_to_string(dir.join("content/sop.toml")).unwrap(),
        DEFAULT_SOP
    );

    let site = Site::load(dir.join("content")).unwrap();
    let errors: Vec<String> = site
        .located_findings()
        .iter()
        .filter(|f| f.severity == capaian::finding::Severity::Error)
        .map(|f| f.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");

    let report = &site.report;
    assert_eq!(report.site.agency.short_name, "DP3A");
    assert_eq!(report.site.agency.region, "Kabupaten Bulungan");
    let head = report.official("kepala").unwrap();
    assert_eq!(head.name, "Dr. Hj. Siti \"Ani\" Rahma, M.Si.");
    assert_eq!(head.nip.as_deref(), Some("197001011995032001"));
    assert!(
        report
            .site
            .officials
            .iter()
            .any(|o| o.role.key() == "kasubag_program")
    );
    let pk = report.years[&2026].pk("kepala").unwrap();
    assert_eq!(pk.second_party().map(|p| p.name), Some("Bupati Bulungan"));
    assert_eq!(pk.indicators().count(), 1);
    assert!(
        report.years[&2026].realisations["kepala"]
            .entries
            .is_empty()
    );

    let output = dir.join("output");
    let summary = site
        .build(&BuildOptions {
            output: output.clone(),
            theme: None,
        })
        .unwrap();
    // Every page it says it wrote is there.
    assert_eq!(summary.pages, common::site::html_pages(&output).len());
    assert!(output.join("index.html").is_file());
    assert!(output.join("2026/index.html").is_file());
    // Nothing is left beside the new folder.
    let beside: Vec<_> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(beside, ["lkjip-dp3a"]);
}

#[test]
fn placeholders_build_too() {
    let tmp = tempfile::tempdir().unwrap();
    new_repository(tmp.path(), &AgencyArgs::default(), 2025).unwrap();
    let site = Site::load(tmp.path().join("content")).unwrap();
    assert!(!site.findings.has_errors());
    assert_eq!(
        site.report.years[&2025]
            .pk("kepala")
            .unwrap()
            .second_party()
            .map(|p| p.name),
        Some("Wali Kota Contoh")
    );
    // And they do build: the year's page names the placeholder agency.
    let output = tmp.path().join("output");
    common::build::build_into(&site, &output);
    let year =
        scraper::Html::parse_document(&fs::read_to_string(output.join("2025/index.html")).unwrap());
    assert_eq!(
        common::html::texts(&year, "h1, p.lead"),
        [
            "Laporan Kinerja 2025",
            "Dinas Contoh Kota Contoh · Tahun Anggaran 2025 · DRAFT"
        ]
    );
}

#[test]
fn a_folder_with_files_is_refused_and_left_alone() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("catatan.txt"), "jangan hapus").unwrap();
    let err = new_repository(tmp.path(), &agency(), 2026).unwrap_err();
    assert!(matches!(err, ScaffoldError::NotEmpty(_)), "{err}");
    assert!(err.to_string().contains("is not empty"));
    let names: Vec<_> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["catatan.txt"]);
}

#[test]
fn a_year_must_have_four_digits() {
    let tmp = tempfile::tempdir().unwrap();
    let err = new_repository(&tmp.path().join("x"), &agency(), 26).unwrap_err();
    assert!(matches!(err, ScaffoldError::BadYear(26)));
    assert!(!tmp.path().join("x").exists());
}
