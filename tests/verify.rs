//! The sealed report: `data/<year>.manifest.json` and `capaian verify`.

mod common;

use std::fs;
use std::path::Path;

use capaian::evidence::sha256_hex;
use capaian::seal::{DifferenceKind, Manifest, STAMP, stamp_print, stamped_hash, verify};
use common::Repo;

fn built() -> Repo {
    let repo = Repo::new();
    repo.write("bukti/2025/brs-ipg.pdf", "%PDF-1.4 bukti\n");
    repo.edit(
        "2025/realisasi/kepala.toml",
        "nilai = 91.8\n",
        "nilai = 91.8\nbukti = [\"bukti/2025/brs-ipg.pdf\"]\n",
    );
    repo.build();
    repo
}

fn manifest(repo: &Repo) -> Manifest {
    serde_json::from_str(&repo.read_output("data/2025.manifest.json")).unwrap()
}

fn flip_last_byte(path: &Path) {
    let mut bytes = fs::read(path).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    fs::write(path, bytes).unwrap();
}

fn capaian(args: &[&str]) -> (i32, String, String) {
    let out = common::capaian(Path::new("."), args);
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_manifest_seals_the_inputs_and_outputs_of_its_year() {
    let repo = built();
    let m = manifest(&repo);
    assert_eq!(m.tahun, 2025);
    assert_eq!(m.persetujuan.status, "disetujui");
    let mut inputs: Vec<&str> = m.masukan.iter().map(|s| s.berkas.as_str()).collect();
    inputs.sort_unstable();
    // Every file of the fixture that feeds 2025, and nothing else.
    assert_eq!(
        inputs,
        [
            "2025/pk/kepala.toml",
            "2025/proses.toml",
            "2025/realisasi/kepala.toml",
            "bukti/2025/brs-ipg.pdf",
            "site.toml",
            "sop.toml",
        ]
    );
    // Each hash is the file's.
    for sealed in &m.masukan {
        let bytes = fs::read(repo.content().join(&sealed.berkas)).unwrap();
        assert_eq!(sealed.sha256, sha256_hex(&bytes), "{}", sealed.berkas);
    }
    let outputs: Vec<&str> = m.keluaran.iter().map(|s| s.berkas.as_str()).collect();
    for file in [
        "2025/index.html",
        "2025/indikator/ipg/index.html",
        "2025/cetak/index.html",
        "data/2025.json",
        "data/2025.csv",
        "bukti/2025/brs-ipg.pdf",
    ] {
        assert!(outputs.contains(&file), "{file} not in the outputs");
    }
    assert!(
        !outputs.contains(&"index.html"),
        "the dashboard is no year's"
    );
    for sealed in &m.keluaran {
        let bytes = fs::read(repo.output().join(&sealed.berkas)).unwrap();
        assert_eq!(sealed.sha256, sha256_hex(&bytes), "{}", sealed.berkas);
    }
}

#[test]
fn a_fresh_build_verifies_and_the_command_says_so() {
    let repo = built();
    assert_eq!(verify(&repo.output(), Some(&repo.content()), None), vec![]);
    let (code, _, err) = capaian(&[
        "verify",
        "--site",
        repo.output().to_str().unwrap(),
        "--content",
        repo.content().to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        err,
        format!(
            "verified: {} matches the seal of 2025, with its content\n",
            repo.output().display()
        )
    );
}

#[test]
fn one_changed_byte_of_an_output_file_is_named() {
    let repo = built();
    flip_last_byte(&repo.output().join("2025/indikator/ipg/index.html"));
    let differences = verify(&repo.output(), None, None);
    assert_eq!(differences.len(), 1, "{differences:?}");
    assert_eq!(differences[0].file, "2025/indikator/ipg/index.html");
    assert_eq!(differences[0].what, DifferenceKind::OutputChanged);
    let (code, out, _) = capaian(&["verify", "--site", repo.output().to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(
        out,
        "2025/indikator/ipg/index.html: berkas situs berubah sejak dibangun (output changed) [2025]\n"
    );
}

#[test]
fn one_changed_byte_of_an_input_file_is_named() {
    let repo = built();
    flip_last_byte(&repo.content().join("2025/realisasi/kepala.toml"));
    let differences = verify(&repo.output(), Some(&repo.content()), None);
    assert_eq!(differences.len(), 1, "{differences:?}");
    assert_eq!(differences[0].file, "2025/realisasi/kepala.toml");
    assert_eq!(differences[0].what, DifferenceKind::InputChanged);
    // Without --content the site alone still verifies.
    assert_eq!(verify(&repo.output(), None, None), vec![]);
}

#[test]
fn one_changed_byte_of_an_evidence_file_is_named_in_the_content_and_the_site() {
    let repo = built();
    flip_last_byte(&repo.content().join("bukti/2025/brs-ipg.pdf"));
    let differences = verify(&repo.output(), Some(&repo.content()), None);
    assert_eq!(
        differences
            .iter()
            .map(|d| (d.file.as_str(), d.what.clone()))
            .collect::<Vec<_>>(),
        vec![("bukti/2025/brs-ipg.pdf", DifferenceKind::InputChanged)]
    );
    let repo = built();
    flip_last_byte(&repo.output().join("bukti/2025/brs-ipg.pdf"));
    let differences = verify(&repo.output(), None, None);
    assert_eq!(differences[0].file, "bukti/2025/brs-ipg.pdf");
    assert_eq!(differences[0].what, DifferenceKind::OutputChanged);
}

#[test]
fn the_print_carries_the_manifest_hash_and_verify_reads_it_back() {
    let repo = built();
    let html = repo.read_output("2025/cetak/index.html");
    let stamped = stamp_print(&html, &repo.output(), "2025/cetak/");
    let hash = sha256_hex(&fs::read(repo.output().join("data/2025.manifest.json")).unwrap());
    assert!(stamped.contains(&format!("{STAMP} {hash}")));
    assert_eq!(
        stamped_hash(&format!("LKjIP 2025 · {STAMP} {hash}")),
        Some(hash.clone())
    );
    // A PDF's text with this seal verifies; with another it does not.
    let pdf = repo.dir.path().join("lkjip-2025.pdf");
    let good = format!("LKjIP 2025 · {STAMP} {hash}\n");
    assert_eq!(verify(&repo.output(), None, Some((&pdf, &good))), vec![]);
    let other = format!("LKjIP 2025 · {STAMP} {}\n", "0".repeat(64));
    let differences = verify(&repo.output(), None, Some((&pdf, &other)));
    assert_eq!(differences.len(), 1);
    assert_eq!(differences[0].file, pdf.display().to_string());
    assert!(matches!(
        differences[0].what,
        DifferenceKind::PdfStamp { .. }
    ));
}

/// The whole way, where Chromium and poppler are installed: `capaian pdf` stamps the PDF and
/// `capaian verify --pdf` reads the stamp back.
#[test]
fn a_printed_pdf_verifies_against_its_site() {
    if common::browser::tools().is_none() {
        return;
    }
    let repo = Repo::new();
    let pdf = repo.dir.path().join("lkjip-2025.pdf");
    let (code, _, err) = capaian(&[
        "pdf",
        "--content",
        repo.content().to_str().unwrap(),
        "--output",
        repo.output().to_str().unwrap(),
        "--year",
        "2025",
        "--out",
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = capaian(&[
        "verify",
        "--site",
        repo.output().to_str().unwrap(),
        "--pdf",
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    // A site built again after a change carries another seal: the old PDF no longer matches.
    repo.edit("2025/realisasi/kepala.toml", "nilai = 91.8", "nilai = 91.9");
    repo.build();
    let (code, out, _) = capaian(&[
        "verify",
        "--site",
        repo.output().to_str().unwrap(),
        "--pdf",
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert!(out.contains("lkjip-2025.pdf"), "{out}");
}
