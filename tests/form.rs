//! `capaian form`: the SOP step-4 request form, appended without losing anything.

mod common;

use capaian::form::{FormQuarter, append, form};
use capaian::load::load;
use capaian::model::Quarter;
use common::Repo;
use common::html::{rows, texts};

fn form_for(repo: &Repo, quarter: FormQuarter) -> capaian::form::Form {
    let loaded = load(&repo.content()).unwrap();
    let year = &loaded.report.years[&2025];
    let pk = year.pk("kepala").unwrap();
    form(
        year,
        pk,
        year.realisations.get("kepala"),
        quarter,
        &repo.content(),
        loaded.report.site.language,
    )
}

#[test]
fn asks_only_for_what_is_missing_and_keeps_every_value() {
    let repo = Repo::new();
    // ipg has TW4 only; tfr has all four quarters.
    let before =
        std::fs::read_to_string(repo.content().join("2025/realisasi/kepala.toml")).unwrap();
    let asked = form_for(&repo, FormQuarter::Quarter(Quarter::new(3).unwrap()));
    assert_eq!(asked.entries, 1, "{}", asked.text);
    assert!(
        asked
            .text
            .contains("# indikator = \"ipg\"\n# triwulan = 3\n")
    );
    assert!(
        asked
            .text
            .contains("Indeks Pembangunan Gender (indeks, positif): target 92.5")
    );
    append(&asked).unwrap();
    let after = std::fs::read_to_string(repo.content().join("2025/realisasi/kepala.toml")).unwrap();
    assert!(
        after.starts_with(&before),
        "the existing entries are kept byte for byte"
    );
    // The stub is commented out: the report still loads and checks with the same entries.
    let loaded = load(&repo.content()).unwrap();
    assert!(!loaded.findings.has_errors());
    assert_eq!(
        loaded.report.years[&2025].realisations["kepala"]
            .entries
            .len(),
        5
    );
    // A second run does not ask again.
    assert_eq!(
        form_for(&repo, FormQuarter::Quarter(Quarter::new(3).unwrap())).entries,
        0
    );
}

#[test]
fn a_filled_stub_becomes_an_entry() {
    let repo = Repo::new();
    std::fs::remove_file(repo.content().join("2025/realisasi/kepala.toml")).unwrap();
    let asked = form_for(&repo, FormQuarter::NextMissing);
    // ipg is yearly (no quarterly targets): TW4; tfr is quarterly: TW1.
    assert_eq!(asked.entries, 2);
    append(&asked).unwrap();
    let path = repo.content().join("2025/realisasi/kepala.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    // What an editor does: uncomment the tfr entry and fill in the value.
    let start = text.find("# [[realisasi]]\n# indikator = \"tfr\"").unwrap();
    let end = start + text[start..].find("# \"\"\"\n").unwrap() + "# \"\"\"\n".len();
    let filled = text[start..end]
        .lines()
        .map(|l| l.strip_prefix("# ").unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n")
        .replace("nilai = ", "nilai = 2.2");
    std::fs::write(
        &path,
        format!("{}{}\n{}", &text[..start], filled, &text[end..]),
    )
    .unwrap();
    let loaded = load(&repo.content()).unwrap();
    assert!(!loaded.findings.has_errors(), "{:?}", loaded.findings);
    let entries = &loaded.report.years[&2025].realisations["kepala"].entries;
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].value.as_number(), Some(2.2));
}

// ---------------------------------------------------------------------------------------------
// What each form says `nilai` is, by the indicator's `akumulasi`

/// The fixture with a count summed over the quarters (`kasus`), a mean (`waktu`), a yearly
/// count without quarterly targets (`pelatihan`) and a range target (`rasio`, stabil).
fn repo_with_accumulations() -> Repo {
    let repo = Repo::new();
    repo.edit(
        "2025/pk/kepala.toml",
        "[[program]]",
        r#"  [[sasaran.indikator]]
  id = "kasus"
  nama = "Kasus yang ditangani"
  satuan = "kasus"
  polaritas = "positif"
  target = 48
  target_triwulan = [12, 24, 36, 48]
  akumulasi = "jumlah"

  [[sasaran.indikator]]
  id = "waktu"
  nama = "Rata-rata waktu layanan"
  satuan = "hari"
  polaritas = "negatif"
  target = 5
  target_triwulan = [5, 5, 5, 5]
  akumulasi = "rata_rata"

  [[sasaran.indikator]]
  id = "pelatihan"
  nama = "Pelatihan yang diselenggarakan"
  satuan = "kegiatan"
  polaritas = "positif"
  target = 40
  akumulasi = "jumlah"

  [[sasaran.indikator]]
  id = "rasio"
  nama = "Rasio jenis kelamin kelahiran"
  satuan = "persen"
  polaritas = "stabil"
  target_min = 8
  target_maks = 12

[[program]]"#,
    );
    repo
}

/// The comment lines a stub gives an indicator: from `# <name> (` to `# [[realisasi]]`.
fn described(form: &capaian::form::Form, name: &str) -> String {
    let start = form
        .text
        .find(&format!("# {name} ("))
        .unwrap_or_else(|| panic!("no {name} in {}", form.text));
    let end = start + form.text[start..].find("# [[realisasi]]").unwrap();
    form.text[start..end].to_string()
}

#[test]
fn the_toml_form_says_per_indicator_what_nilai_is_and_which_target_it_answers_to() {
    let repo = repo_with_accumulations();
    let tw3 = form_for(&repo, FormQuarter::Quarter(Quarter::new(3).unwrap()));
    assert_eq!(tw3.entries, 5, "ipg, kasus, waktu, pelatihan, rasio");
    assert_eq!(
        described(&tw3, "Kasus yang ditangani"),
        "# Kasus yang ditangani (kasus, positif): target 48, target TW3 36\n\
         # nilai: isi jumlah triwulan ini saja, bukan kumulatif; target nilai ini 12 (target s.d. TW3 36 dibandingkan dengan jumlah nilai TW I s.d. TW III, bukan dengan nilai triwulan ini saja)\n"
    );
    assert_eq!(
        described(&tw3, "Rata-rata waktu layanan"),
        "# Rata-rata waktu layanan (hari, negatif): target 5, target TW3 5\n\
         # nilai: isi nilai triwulan ini saja (nilai tahunan = rata-rata triwulan); target nilai ini 5 (target s.d. TW3 5 dibandingkan dengan rata-rata nilai TW I s.d. TW III, bukan dengan nilai triwulan ini saja)\n"
    );
    // `akhir` without quarterly targets: nothing to compare the third quarter with.
    assert_eq!(
        described(&tw3, "Indeks Pembangunan Gender"),
        "# Indeks Pembangunan Gender (indeks, positif): target 92.5\n\
         # nilai: isi nilai posisi akhir triwulan ini (keadaan s.d. akhir triwulan)\n"
    );
    assert_eq!(
        described(&tw3, "Rasio jenis kelamin kelahiran"),
        "# Rasio jenis kelamin kelahiran (persen, stabil): target antara 8 dan 12\n\
         # nilai: isi nilai posisi akhir triwulan ini (keadaan s.d. akhir triwulan)\n"
    );

    // In the first quarter the cumulative target is the quarter's own.
    std::fs::remove_file(repo.content().join("2025/realisasi/kepala.toml")).unwrap();
    let tw1 = form_for(&repo, FormQuarter::Quarter(Quarter::new(1).unwrap()));
    assert!(
        described(&tw1, "Kasus yang ditangani").ends_with(
            "# nilai: isi jumlah triwulan ini saja, bukan kumulatif; target nilai ini 12\n"
        ),
        "{}",
        tw1.text
    );
    // The fourth: a range is the target of the value as of the year's end; a yearly count
    // is compared as the sum of the quarters, so no target matches one quarter alone.
    let tw4 = form_for(&repo, FormQuarter::Quarter(Quarter::new(4).unwrap()));
    assert!(
        described(&tw4, "Rasio jenis kelamin kelahiran").ends_with(
            "# nilai: isi nilai posisi akhir triwulan ini (keadaan s.d. akhir triwulan); target nilai ini antara 8 dan 12\n"
        ),
        "{}",
        tw4.text
    );
    assert!(
        described(&tw4, "Pelatihan yang diselenggarakan").ends_with(
            "# nilai: isi jumlah triwulan ini saja, bukan kumulatif (target s.d. TW4 40 dibandingkan dengan jumlah nilai TW I s.d. TW IV, bukan dengan nilai triwulan ini saja)\n"
        ),
        "{}",
        tw4.text
    );
}

#[test]
fn the_toml_form_speaks_english_where_the_site_does() {
    let repo = repo_with_accumulations();
    repo.edit("site.toml", "judul =", "bahasa = \"en\"\njudul =");
    let tw3 = form_for(&repo, FormQuarter::Quarter(Quarter::new(3).unwrap()));
    assert!(
        tw3.text.starts_with(
            "\n# ---- Realisation request form (SOP step 4): kepala, year 2025 ----\n# Fill in `nilai` (and `sumber`, `analisis`), then remove the # in front of every line of the entry.\n\n# Goal: Meningkatnya kesetaraan gender\n"
        ),
        "{}",
        tw3.text
    );
    assert_eq!(
        described(&tw3, "Kasus yang ditangani"),
        "# Kasus yang ditangani (kasus, positif): target 48, target Q3 36\n\
         # nilai: this quarter's own total only, not cumulative; the target of this value 12 (the target to Q3 36 is compared with the sum of Q1 to Q3, not with this quarter's value alone)\n"
    );
    assert_eq!(
        described(&tw3, "Rasio jenis kelamin kelahiran"),
        "# Rasio jenis kelamin kelahiran (persen, stabil): target between 8 and 12\n\
         # nilai: the value as of the end of this quarter\n"
    );
}

#[test]
fn the_xlsx_form_says_it_in_its_own_column() {
    use capaian::import::{Cell, FORM_COLUMNS, export_form_xlsx, read_rows};
    let repo = repo_with_accumulations();
    let loaded = load(&repo.content()).unwrap();
    let out = repo.dir.path().join("tw3.xlsx");
    export_form_xlsx(
        &loaded.report,
        2025,
        "kepala",
        FormQuarter::Quarter(Quarter::new(3).unwrap()),
        &out,
    )
    .unwrap();
    let rows = read_rows(&out).unwrap();
    assert_eq!(FORM_COLUMNS[6], "cara mengisi nilai");
    let row = |id: &str| {
        rows.iter()
            .find(|r| r.cells[0] == Cell::Text(id.to_string()))
            .unwrap_or_else(|| panic!("no row {id}"))
    };
    assert_eq!(
        row("kasus").cells[6],
        Cell::Text("nilai: isi jumlah triwulan ini saja, bukan kumulatif; target nilai ini 12 (target s.d. TW3 36 dibandingkan dengan jumlah nilai TW I s.d. TW III, bukan dengan nilai triwulan ini saja)".to_string())
    );
    assert_eq!(FORM_COLUMNS[11], "target s.d. triwulan");
    assert_eq!(
        row("kasus").cells[11],
        Cell::Number(36.0),
        "the cumulative target, which the sum of the quarters answers to"
    );
    assert_eq!(
        row("rasio").cells[10],
        Cell::Text("antara 8 dan 12".to_string()),
        "a range target"
    );
    assert_eq!(row("rasio").cells[9], Cell::Text("stabil".to_string()));
}

/// The cells of the row of the indicator named `name` on the printable form of the third
/// quarter, each as its text with white space collapsed.
fn printed_row(repo: &Repo, name: &str) -> Vec<String> {
    repo.build();
    let form = repo.page("2025/formulir/kepala/tw3/index.html");
    let mut found = rows(&form, "table.form-table tbody tr")
        .into_iter()
        .filter(|cells| cells.iter().any(|c| c == name));
    let row = found
        .next()
        .unwrap_or_else(|| panic!("no row names {name}"));
    assert!(found.next().is_none(), "two rows name {name}");
    row
}

/// The notes under the table of the third quarter's form.
fn printed_notes(repo: &Repo) -> String {
    repo.build();
    let form = repo.page("2025/formulir/kepala/tw3/index.html");
    texts(&form, ".form-instructions").join(" ")
}

#[test]
fn the_printable_form_speaks_english_where_the_site_does() {
    let repo = repo_with_accumulations();
    repo.edit("site.toml", "judul =", "bahasa = \"en\"\njudul =");
    let kasus = printed_row(&repo, "Kasus yang ditangani");
    assert_eq!(kasus[4], "12Target to Q3: 36¹", "{kasus:?}");
    assert_eq!(kasus[5], "this quarter's own total only, not cumulative");
    let notes = printed_notes(&repo);
    assert!(
        notes.contains(
            "¹ Target to Q3 compared with the sum of Q1 to Q3, not with this quarter's value alone."
        ),
        "{notes}"
    );
}

#[test]
fn the_printable_form_says_it_in_its_boxes() {
    let repo = repo_with_accumulations();
    let cells = |name: &str| printed_row(&repo, name);
    // No, indicator, unit, year target, the target of this value, nilai, source, analysis.
    // A cumulative target carries the mark of the note under the table that says what it is
    // compared with: each wording once, numbered in the order the rows need them.
    let kasus = cells("Kasus yang ditangani");
    assert_eq!(kasus[4], "12Target s.d. TW III: 36¹", "{kasus:?}");
    assert_eq!(kasus[5], "isi jumlah triwulan ini saja, bukan kumulatif");
    let waktu = cells("Rata-rata waktu layanan");
    assert_eq!(waktu[4], "5Target s.d. TW III: 5²", "{waktu:?}");
    assert_eq!(
        waktu[5],
        "isi nilai triwulan ini saja (nilai tahunan = rata-rata triwulan)"
    );
    let notes = printed_notes(&repo);
    assert!(
        notes.contains(
            "¹ Target s.d. TW III dibandingkan dengan jumlah nilai TW I s.d. TW III, bukan dengan nilai triwulan ini saja."
        ) && notes.contains(
            "² Target s.d. TW III dibandingkan dengan rata-rata nilai TW I s.d. TW III, bukan dengan nilai triwulan ini saja."
        ),
        "{notes}"
    );
    assert_eq!(notes.matches('¹').count(), 1, "each wording once: {notes}");
    let rasio = cells("Rasio jenis kelamin kelahiran");
    assert_eq!(rasio[3], "8–12", "{rasio:?}");
    assert_eq!(
        rasio[5],
        "isi nilai posisi akhir triwulan ini (keadaan s.d. akhir triwulan)"
    );
    // tfr reported its third quarter: the value is printed, not the hint.
    let tfr = cells("Total Fertility Rate");
    assert_eq!(tfr[5], "2,1", "{tfr:?}");
}

#[test]
fn the_share_of_a_cumulative_target_has_the_decimals_the_targets_are_written_with() {
    let repo = repo_with_accumulations();
    repo.edit(
        "2025/pk/kepala.toml",
        "target = 48\n  target_triwulan = [12, 24, 36, 48]",
        "target = 8.4\n  target_triwulan = [2.1, 4.2, 6.3, 8.4]",
    );
    let tw3 = form_for(&repo, FormQuarter::Quarter(Quarter::new(3).unwrap()));
    assert!(
        described(&tw3, "Kasus yang ditangani")
            .contains("; target nilai ini 2.1 (target s.d. TW3 6.3 "),
        "{}",
        tw3.text
    );
}
