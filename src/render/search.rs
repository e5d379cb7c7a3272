//! The search index `/search-index.json`: every indicator, PK, official and page of the build
//! with its name, id, year and URL, for the theme's `search.js` to filter in the browser (no
//! server, no external request).
//!
//! Names are written as the editors typed them; `search.js` folds case and diacritics on both
//! sides (Unicode NFD, combining marks dropped, lower case), so "setiawan" finds "Sétiawan".
//! The index also carries the UI words the script shows, in the site's language.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::render::labels::Labels;
use crate::render::nav::WrittenPage;
use crate::render::view::{Views, YearView};

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
        label: SCRIPT_LABELS
            .iter()
            .map(|&(key, label)| (key, labels.get(label)))
            .collect(),
        entri,
    }
}

/// The index as JSON, one entry a line so that a report's git diff stays readable.
pub fn to_json(index: &SearchIndex) -> Result<Vec<u8>, serde_json::Error> {
    let mut out = String::from("{\"bahasa\":");
    out.push_str(&serde_json::to_string(index.bahasa)?);
    out.push_str(",\"label\":");
    out.push_str(&serde_json::to_string(&index.label)?);
    out.push_str(",\"entri\":[");
    for (i, entry) in index.entri.iter().enumerate() {
        out.push_str(if i == 0 { "\n" } else { ",\n" });
        out.push_str(&serde_json::to_string(entry)?);
    }
    out.push_str("\n]}\n");
    Ok(out.into_bytes())
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
    fn the_json_is_one_entry_a_line_and_parses() {
        let index = index_of(Language::Indonesian, &[]);
        let json = to_json(&index).unwrap();
        let text = String::from_utf8(json).unwrap();
        let parsed: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(parsed["entri"].as_array().unwrap().len(), index.entri.len());
        assert_eq!(parsed["entri"][0]["jenis"], "pk");
        assert_eq!(text.lines().count(), index.entri.len() + 2);
        assert!(text.contains("Dra. Kepala <Dinas>"));
    }
}
