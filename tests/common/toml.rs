//! Content files written by the tests, entry by entry: the process records of the fixture's
//! SOP (`proses.toml`), realisations and spending (`realisasi/*.toml`).

/// One step of a run in `proses.toml`, recorded by the head (`oleh = "kepala"`): step `no` on
/// `tanggal`, of the run for `triwulan` (the year's report when `None`), its `putaran` when
/// given.
pub fn step(no: u8, triwulan: Option<u8>, putaran: Option<u8>, tanggal: &str) -> String {
    let mut text = format!("[[langkah]]\nno = {no}\n");
    if let Some(q) = triwulan {
        text.push_str(&format!("triwulan = {q}\n"));
    }
    if let Some(round) = putaran {
        text.push_str(&format!("putaran = {round}\n"));
    }
    text.push_str(&format!("tanggal = {tanggal}\noleh = \"kepala\"\n"));
    text
}

/// A whole run of the fixture's SOP (`common::SOP`: step 1, then step 2 which approves): step
/// 1 on `first`, step 2 on `second`, a blank line between them.
pub fn run(triwulan: Option<u8>, putaran: Option<u8>, first: &str, second: &str) -> String {
    format!(
        "{}\n{}",
        step(1, triwulan, putaran, first),
        step(2, triwulan, putaran, second)
    )
}

/// A realisation entry: `nilai` as written in TOML (`"72.0"`, `"\"Nindya\""`), with an
/// `analisis` when given.
pub fn realisation(indikator: &str, triwulan: u8, nilai: &str, analisis: Option<&str>) -> String {
    let mut text = format!(
        "[[realisasi]]\nindikator = \"{indikator}\"\ntriwulan = {triwulan}\nnilai = {nilai}\n"
    );
    if let Some(analysis) = analisis {
        text.push_str(&format!("analisis = \"{analysis}\"\n"));
    }
    text
}

/// A spending entry (`[[anggaran]]`) of `realisasi` rupiah in `triwulan`, on the programme or
/// sub-kegiatan `on` names: `("program", "p1")`, `("sub_kegiatan", "2.08.02.2.01.0001")`.
pub fn spending((key, id): (&str, &str), triwulan: u8, realisasi: u64) -> String {
    format!("[[anggaran]]\n{key} = \"{id}\"\ntriwulan = {triwulan}\nrealisasi = {realisasi}\n")
}

/// Entries one after the other, a blank line between them, as the fixtures write them.
pub fn entries(list: &[String]) -> String {
    list.join("\n")
}

/// The opening of the head's PK as in `common::PK`: `pejabat = "kepala"`, the Wali Kota as
/// second party, sasaran `s1` and its indicator `ipg` (Indeks Pembangunan Gender, indeks,
/// positif) up to its polarity; `ipg` follows with the indicator's other keys (its `target`
/// first, indented two spaces), then `rest` (more indicators, programmes).
pub fn head_pk(ipg: &str, rest: &str) -> String {
    format!(
        r#"pejabat = "kepala"
pihak_kedua = "Wali Kota Contoh"

[[sasaran]]
id = "s1"
nama = "Meningkatnya kesetaraan gender"

  [[sasaran.indikator]]
  id = "ipg"
  nama = "Indeks Pembangunan Gender"
  satuan = "indeks"
  polaritas = "positif"
{ipg}{rest}"#
    )
}
