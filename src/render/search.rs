//! The search index `/search-index.json`: every indicator, PK, official and page of the build
//! with its name, id, year and URL, for the theme's `search.js` to filter in the browser (no
//! server, no external request).
//!
//! Names are written as the editors typed them; `search.js` folds case and diacritics on both
//! sides (Unicode NFD, combining marks dropped, lower case), so "setiawan" finds "Sétiawan".
//! The index also carries the UI words the script shows, in the site's language.
//!
//! # The file
//!
//! Valid JSON, one entry a line (a report's git diff stays readable), what repeats said once:
//!
//! ```text
//! {"bahasa":"id","label":{…},"dasar":"/",
//! "url":{"indikator":"{tahun}/indikator/{id}/","pk":"{tahun}/pk/{id}/","pejabat":"{tahun}/pk/{id}/"},
//! "kolom":{"indikator":["id","nama","tahun","konteks","capaian","kategori","url"],…},
//! "kategori":["Sangat Tinggi","Tinggi",…],
//! "konteks":[
//! "Perjanjian Kinerja Kepala Dinas",
//! …],
//! "indikator":[
//! ["ipg","Indeks Pembangunan Gender (IPG)",2025,0,"100,34%",0],
//! …],
//! "pk":[
//! ["kepala",0,2025,"Dra. Kepala <Dinas>"],
//! …],
//! "pejabat":[…],
//! "halaman":[
//! ["sop","SOP Pengumpulan Data",null,"/sop/"],
//! …]}
//! ```
//!
//! - `indikator`, `pk`, `pejabat`, `halaman`: the entries of each kind (the kind is the list's
//!   name), in the order of `build`; each a row whose values are named, by position, in
//!   `kolom` of its kind. A row ends at its last value: the columns after it are empty.
//! - `nama` and `konteks`: a number is a position in `konteks` (the PK names, each once: a PK's
//!   name is the context of its indicators); a text is the text itself. `kategori`: a position
//!   in `kategori`.
//! - `url`: given where it is not `dasar` (the site's base URL, `base_url`, ending with `/`)
//!   followed by the pattern of its kind in `url`, `{tahun}` and `{id}` replaced by the entry's
//!   year and id (each once); a page (`halaman`) always gives its own.
//!
//! [`decode`] reads the file back the way `search.js` does.

use std::collections::BTreeMap;

use serde::Serialize;

use serde_json::{Value, json};

use crate::render::labels::Labels;
use crate::render::nav::WrittenPage;
use crate::render::view::{Views, YearView};
use crate::route::Route;

/// The labels `search.js` shows: key in the index → key of the label table.
const SCRIPT_LABELS: &[(&str, &str)] = &[
    ("indikator", "cari_indikator"),
    ("pk", "cari_pk"),
    ("pejabat", "cari_pejabat"),
    ("halaman", "cari_halaman"),
    ("hasil", "cari_hasil"),
    ("tidak_ada", "cari_tidak_ada"),
    ("semua", "cari_semua"),
    ("tahun_lain", "cari_tahun_lain"),
];

/// The kinds of page listed as `halaman`: the others are indicators and PKs (listed with
/// their context) or forms (reached from their PK).
const PAGE_KINDS: &[&str] = &[
    "dashboard",
    "year",
    "cetak",
    "validation",
    "sop",
    "page",
    "sitemap",
];

#[derive(Clone, Debug, Serialize)]
pub struct SearchIndex {
    pub bahasa: &'static str,
    /// The site's base URL, ending with `/`: the URLs of the entries start with it.
    pub dasar: String,
    pub label: BTreeMap<&'static str, &'static str>,
    pub entri: Vec<Entry>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Entry {
    /// `indikator`, `pk`, `pejabat` or `halaman`.
    pub jenis: &'static str,
    pub id: String,
    pub nama: String,
    pub tahun: Option<i32>,
    pub url: String,
    /// A second line: the PK of an indicator, the official of a PK, the position of an
    /// official.
    pub konteks: String,
    /// An indicator's achievement as the page shows it (`100,34%`), where it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capaian: Option<String>,
    /// The name of the achievement's category (`Sangat Tinggi`), where it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kategori: Option<String>,
}

/// The index of the build: indicators and PKs of every year (oldest first, in the order of
/// the hierarchy), then each official once (their latest PK), then the pages.
pub(crate) fn build(
    views: &Views<'_>,
    year_views: &[YearView],
    pages: &[WrittenPage],
) -> SearchIndex {
    let labels: &Labels = views.labels;
    let format = crate::format::Format::new(views.report.site.language);
    let mut entri = Vec::new();
    for year in year_views {
        for pk in &year.pk {
            let pk_name = format!(
                "{} {}",
                labels.get("perjanjian_kinerja"),
                pk.pejabat.jabatan
            );
            entri.push(Entry {
                jenis: "pk",
                id: pk.id.clone(),
                nama: pk_name.clone(),
                tahun: Some(year.tahun),
                url: pk.url.clone(),
                konteks: pk.pejabat.nama.clone(),
                capaian: None,
                kategori: None,
            });
            for indicator in pk.sasaran.iter().flat_map(|g| &g.indikator) {
                entri.push(Entry {
                    jenis: "indikator",
                    id: indicator.id.clone(),
                    nama: indicator.nama.clone(),
                    tahun: Some(year.tahun),
                    url: indicator.url.clone(),
                    konteks: pk_name.clone(),
                    capaian: indicator.capaian.map(|c| format.percent(c)),
                    kategori: indicator.kategori.as_ref().map(|k| k.nama.clone()),
                });
            }
        }
    }
    for official in &views.report.site.officials {
        let latest = year_views.iter().rev().find_map(|y| {
            y.pk.iter()
                .find(|pk| pk.pejabat.id == *official.id)
                .map(|pk| (y.tahun, pk))
        });
        if let Some((tahun, pk)) = latest {
            entri.push(Entry {
                jenis: "pejabat",
                id: official.id.to_string(),
                nama: official.name.clone(),
                tahun: Some(tahun),
                url: pk.url.clone(),
                konteks: official.position.clone(),
                capaian: None,
                kategori: None,
            });
        }
    }
    let mut pages: Vec<&WrittenPage> = pages
        .iter()
        .filter(|p| PAGE_KINDS.contains(&p.kind))
        .collect();
    pages.sort_by(|a, b| (a.year, &a.url).cmp(&(b.year, &b.url)));
    for page in pages {
        let id = page
            .url
            .strip_prefix(&views.base)
            .unwrap_or(&page.url)
            .trim_end_matches('/');
        entri.push(Entry {
            jenis: "halaman",
            id: id.to_string(),
            nama: if page.kind == "dashboard" {
                labels.get("beranda").to_string()
            } else {
                page.title.clone()
            },
            tahun: page.year.filter(|_| page.kind != "dashboard"),
            url: page.url.clone(),
            konteks: String::new(),
            capaian: None,
            kategori: None,
        });
    }
    SearchIndex {
        bahasa: views.report.site.language.code(),
        dasar: views.base.clone(),
        label: SCRIPT_LABELS
            .iter()
            .map(|&(key, label)| (key, labels.get(label)))
            .collect(),
        entri,
    }
}

/// The kinds of entry, in the order of the file (and of [`decode`]'s entries).
const KINDS: &[&str] = &["indikator", "pk", "pejabat", "halaman"];

/// The columns of each kind's rows.
const COLUMNS: &[(&str, &[&str])] = &[
    (
        "indikator",
        &[
            "id", "nama", "tahun", "konteks", "capaian", "kategori", "url",
        ],
    ),
    ("pk", &["id", "nama", "tahun", "konteks", "url"]),
    ("pejabat", &["id", "nama", "tahun", "konteks", "url"]),
    ("halaman", &["id", "nama", "tahun", "url"]),
];

/// The URL patterns under the base URL, from the routes: `{tahun}/indikator/{id}/`.
fn url_patterns() -> Vec<(&'static str, String)> {
    // A year no route's fixed words hold, so that the year, and only it, becomes `{tahun}`.
    const YEAR: i32 = i32::MAX;
    let pattern = |route: Route| {
        let path = route.url_path();
        debug_assert_eq!(path.matches(&YEAR.to_string()).count(), 1, "{path}");
        path.replacen(&YEAR.to_string(), "{tahun}", 1)
    };
    let indicator = pattern(Route::Indicator {
        year: YEAR,
        id: "{id}".into(),
    });
    let pk = pattern(Route::Pk {
        year: YEAR,
        pk: "{id}".into(),
    });
    vec![
        ("indikator", indicator),
        ("pk", pk.clone()),
        ("pejabat", pk),
    ]
}

/// `dasar` and a pattern with the year and id in it, as `search.js` does it.
fn expand(dasar: &str, pattern: &str, tahun: Option<i32>, id: &str) -> String {
    let tahun = tahun.map(|t| t.to_string()).unwrap_or_default();
    format!(
        "{dasar}{}",
        pattern
            .replacen("{tahun}", &tahun, 1)
            .replacen("{id}", id, 1)
    )
}

/// Texts said once: each new one takes the next position.
#[derive(Default)]
struct Table(Vec<String>);

impl Table {
    fn at(&mut self, text: &str) -> usize {
        match self.0.iter().position(|t| t == text) {
            Some(at) => at,
            None => {
                self.0.push(text.to_string());
                self.0.len() - 1
            }
        }
    }
}

/// The index as JSON in the compact form the module docs describe, one entry a line.
pub fn to_json(index: &SearchIndex) -> Result<Vec<u8>, serde_json::Error> {
    let patterns = url_patterns();
    let mut contexts = Table::default();
    let mut categories = Table::default();
    let mut rows: Vec<(&str, Vec<Value>)> = KINDS.iter().map(|k| (*k, Vec::new())).collect();
    for entry in &index.entri {
        let pattern = patterns.iter().find(|(k, _)| *k == entry.jenis);
        let url = match pattern {
            Some((_, p)) if expand(&index.dasar, p, entry.tahun, &entry.id) == entry.url => {
                Value::Null
            }
            _ => Value::from(entry.url.as_str()),
        };
        let mut row = vec![json!(entry.id), json!(entry.nama), json!(entry.tahun)];
        match entry.jenis {
            "indikator" => {
                row.push(json!(contexts.at(&entry.konteks)));
                row.push(json!(entry.capaian));
                row.push(json!(entry.kategori.as_deref().map(|k| categories.at(k))));
            }
            "pk" => {
                row[1] = json!(contexts.at(&entry.nama));
                row.push(json!(entry.konteks));
            }
            "pejabat" => row.push(json!(entry.konteks)),
            _ => {}
        }
        row.push(url);
        while row.last() == Some(&Value::Null) {
            row.pop();
        }
        match rows.iter_mut().find(|(k, _)| *k == entry.jenis) {
            Some((_, list)) => list.push(Value::Array(row)),
            None => unreachable!("an entry of the kind {}", entry.jenis),
        }
    }
    let header = json!({
        "bahasa": index.bahasa,
        "label": index.label,
        "dasar": index.dasar,
        "url": patterns.iter().map(|(k, p)| (*k, p.as_str())).collect::<BTreeMap<_, _>>(),
        "kolom": COLUMNS.iter().copied().collect::<BTreeMap<_, _>>(),
        "kategori": categories.0,
    });
    let header = serde_json::to_string(&header)?;
    let mut out = header[..header.len() - 1].to_string();
    let list = |out: &mut String, name: &str, items: &[Value]| -> Result<(), serde_json::Error> {
        out.push_str(",\n");
        out.push_str(&serde_json::to_string(name)?);
        out.push_str(":[");
        for (i, item) in items.iter().enumerate() {
            out.push_str(if i == 0 { "\n" } else { ",\n" });
            out.push_str(&serde_json::to_string(item)?);
        }
        out.push(']');
        Ok(())
    };
    let contexts: Vec<Value> = contexts.0.into_iter().map(Value::from).collect();
    list(&mut out, "konteks", &contexts)?;
    for (kind, items) in &rows {
        list(&mut out, kind, items)?;
    }
    out.push_str("}\n");
    Ok(out.into_bytes())
}

/// The entries of an index file, read as `search.js` reads them: the kinds in the order of
/// the file (indicators, PKs, officials, pages), each kind's rows in their order.
pub fn decode(json: &str) -> Result<Vec<Entry>, String> {
    let index: Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
    let dasar = index["dasar"].as_str().ok_or("no dasar")?;
    let text = |value: &Value, column: &str| -> Result<Option<String>, String> {
        let table = match column {
            "nama" | "konteks" => "konteks",
            other => other,
        };
        Ok(match value {
            Value::Null => None,
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => {
                let at = n.as_u64().ok_or("a position")? as usize;
                let s = index[table][at].as_str();
                Some(s.ok_or(format!("no {table} {at}"))?.to_string())
            }
            other => return Err(format!("{column}: {other}")),
        })
    };
    let mut entries = Vec::new();
    for &kind in KINDS {
        let columns: Vec<&str> = index["kolom"][kind]
            .as_array()
            .ok_or(format!("no kolom of {kind}"))?
            .iter()
            .filter_map(Value::as_str)
            .collect();
        for row in index[kind].as_array().ok_or(format!("no {kind}"))? {
            let row = row.as_array().ok_or("a row")?;
            let cell = |name: &str| {
                columns
                    .iter()
                    .position(|c| *c == name)
                    .and_then(|at| row.get(at))
                    .unwrap_or(&Value::Null)
            };
            let id = text(cell("id"), "id")?.unwrap_or_default();
            let tahun = cell("tahun").as_i64().map(|t| t as i32);
            let url = match (text(cell("url"), "url")?, index["url"][kind].as_str()) {
                (Some(url), _) => url,
                (None, Some(pattern)) => expand(dasar, pattern, tahun, &id),
                (None, None) => return Err(format!("{kind} {id}: no url")),
            };
            entries.push(Entry {
                jenis: kind,
                nama: text(cell("nama"), "nama")?.unwrap_or_default(),
                konteks: text(cell("konteks"), "konteks")?.unwrap_or_default(),
                capaian: text(cell("capaian"), "capaian")?,
                kategori: text(cell("kategori"), "kategori")?,
                id,
                tahun,
                url,
            });
        }
    }
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Language;
    use crate::render::tests::fixture;

    fn index_of(language: Language, pages: &[WrittenPage]) -> SearchIndex {
        let (mut report, computed) = fixture(true);
        report.site.language = language;
        let labels = Labels::new(language);
        let views = Views::new(&report, &labels);
        let years = crate::render::lookup::years(&report, &computed);
        let year_views: Vec<YearView> = years.iter().map(|y| views.year(y, &[])).collect();
        build(&views, &year_views, pages)
    }

    fn page(url: &str, title: &str, kind: &'static str, year: Option<i32>) -> WrittenPage {
        WrittenPage {
            url: url.into(),
            title: title.into(),
            kind,
            year,
        }
    }

    #[test]
    fn indicators_pks_officials_and_pages_with_their_urls() {
        let pages = [
            page("/", "Laporan", "dashboard", Some(2025)),
            page("/2025/", "Laporan Kinerja 2025", "year", Some(2025)),
            page("/2025/indikator/ipg/", "IPG 2025", "indicator", Some(2025)),
            page("/2025/formulir/kepala/tw1/", "Formulir", "form", Some(2025)),
            page("/sop/", "SOP Pengumpulan Data", "sop", None),
        ];
        let index = index_of(Language::Indonesian, &pages);
        let find = |jenis: &str, id: &str| {
            index
                .entri
                .iter()
                .find(|e| e.jenis == jenis && e.id == id)
                .unwrap_or_else(|| panic!("no {jenis} {id} in {:#?}", index.entri))
        };
        let ipg = find("indikator", "ipg");
        assert_eq!(ipg.nama, "Indeks Pembangunan Gender (IPG)");
        assert_eq!(ipg.tahun, Some(2025));
        assert_eq!(ipg.url, "/2025/indikator/ipg/");
        assert_eq!(ipg.konteks, "Perjanjian Kinerja Kepala Dinas");
        // The achievement and category as the indicator's page shows them.
        let capaian = ipg.capaian.as_deref().expect("a capaian");
        assert!(
            capaian.ends_with('%') && capaian.contains(','),
            "Indonesian percent: {capaian}"
        );
        assert!(ipg.kategori.is_some());
        assert_eq!(find("pk", "kepala").capaian, None);
        let pk = find("pk", "kepala");
        assert_eq!(
            (pk.nama.as_str(), pk.url.as_str()),
            ("Perjanjian Kinerja Kepala Dinas", "/2025/pk/kepala/")
        );
        let official = find("pejabat", "kepala");
        assert_eq!(
            official.nama, "Dra. Kepala <Dinas>",
            "as written; escaped by JSON"
        );
        assert_eq!(official.url, "/2025/pk/kepala/");
        assert_eq!(find("halaman", "sop").nama, "SOP Pengumpulan Data");
        assert_eq!(find("halaman", "2025").url, "/2025/");
        let home = find("halaman", "");
        assert_eq!((home.nama.as_str(), home.tahun), ("Beranda", None));
        assert!(
            !index.entri.iter().any(|e| e.url.contains("/formulir/")),
            "forms are reached from their PK"
        );
        assert_eq!(
            index
                .entri
                .iter()
                .filter(|e| e.jenis == "indikator")
                .count(),
            3,
            "each indicator once per year"
        );
    }

    #[test]
    fn an_official_without_a_pk_is_not_listed() {
        let (mut report, computed) = fixture(true);
        let staff: crate::model::Official = toml::from_str(
            "id = \"staf\"\nnama = \"Ḥasan Sétiawan\"\njabatan = \"Staf\"\nperan = \"fungsional_umum\"\neselon = \"\"\natasan = \"kepala\"",
        )
        .unwrap();
        report.site.officials.push(staff);
        let labels = Labels::new(Language::Indonesian);
        let views = Views::new(&report, &labels);
        let years = crate::render::lookup::years(&report, &computed);
        let year_views: Vec<YearView> = years.iter().map(|y| views.year(y, &[])).collect();
        let index = build(&views, &year_views, &[]);
        let officials: Vec<&str> = index
            .entri
            .iter()
            .filter(|e| e.jenis == "pejabat")
            .map(|e| e.id.as_str())
            .collect();
        assert_eq!(officials, ["kepala", "kabid-kb"]);
    }

    #[test]
    fn the_script_words_follow_the_language() {
        let id = index_of(Language::Indonesian, &[]);
        let en = index_of(Language::English, &[]);
        assert_eq!(id.bahasa, "id");
        assert_eq!(en.bahasa, "en");
        assert_eq!(id.label["pejabat"], "Pejabat");
        assert_eq!(en.label["pejabat"], "Official");
        assert_eq!(en.label.len(), SCRIPT_LABELS.len());
        assert_eq!(
            en.entri.iter().find(|e| e.jenis == "pk").unwrap().nama,
            "Performance Agreement Kepala Dinas"
        );
    }

    #[test]
    fn the_json_is_one_entry_a_line_and_reads_back_to_the_same_entries() {
        let pages = [
            page("/", "Laporan", "dashboard", Some(2025)),
            page("/2025/", "Laporan Kinerja 2025", "year", Some(2025)),
            page("/sop/", "SOP Pengumpulan Data", "sop", None),
        ];
        let index = index_of(Language::Indonesian, &pages);
        let text = String::from_utf8(to_json(&index).unwrap()).unwrap();
        let parsed: serde_json::Value = serde_json::from_str(&text).unwrap();
        // Read back, the entries are the built ones, grouped by kind in the order of KINDS.
        let mut expected = index.entri.clone();
        expected.sort_by_key(|e| KINDS.iter().position(|k| *k == e.jenis));
        assert_eq!(decode(&text).unwrap(), expected);
        // Each PK name once: the PK's name and its indicators' context are its position.
        assert_eq!(
            parsed["konteks"],
            serde_json::json!([
                "Perjanjian Kinerja Kepala Dinas",
                "Perjanjian Kinerja Kepala Bidang KB"
            ]),
            "{text}"
        );
        assert_eq!(parsed["dasar"], "/");
        assert_eq!(parsed["url"]["indikator"], "{tahun}/indikator/{id}/");
        assert_eq!(parsed["url"]["pk"], "{tahun}/pk/{id}/");
        // An indicator without a URL of its own: the pattern gives it.
        let ipg = parsed["indikator"]
            .as_array()
            .unwrap()
            .iter()
            .find(|row| row[0] == "ipg" && row[2] == 2025)
            .unwrap();
        assert_eq!(ipg.as_array().unwrap().len(), 6, "no url: {ipg}");
        assert_eq!(
            parsed["halaman"][0],
            serde_json::json!(["sop", "SOP Pengumpulan Data", null, "/sop/"])
        );
        // One line for the header, each table name, each context and each entry.
        assert_eq!(
            text.lines().count(),
            1 + 5 + parsed["konteks"].as_array().unwrap().len() + index.entri.len()
        );
        assert!(text.contains("Dra. Kepala <Dinas>"), "as written: {text}");
    }

    #[test]
    fn a_url_off_the_pattern_is_written_out_and_a_base_path_kept() {
        let mut index = index_of(Language::Indonesian, &[]);
        index.dasar = "/lkjip/".into();
        for entry in &mut index.entri {
            entry.url = format!("/lkjip{}", entry.url);
        }
        // An indicator whose page lies elsewhere keeps its own URL.
        index.entri[1].url = "/lkjip/lain/".into();
        let text = String::from_utf8(to_json(&index).unwrap()).unwrap();
        assert_eq!(
            decode(&text)
                .unwrap()
                .iter()
                .filter(|e| e.url == "/lkjip/lain/")
                .count(),
            1
        );
        let mut expected = index.entri.clone();
        expected.sort_by_key(|e| KINDS.iter().position(|k| *k == e.jenis));
        assert_eq!(decode(&text).unwrap(), expected);
        let parsed: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(parsed["dasar"], "/lkjip/");
        let written = parsed["indikator"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|row| row.as_array().unwrap().len() == 7)
            .count();
        assert_eq!(written, 1, "{text}");
    }
}
