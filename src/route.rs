//! Where each page and file of the site lives: one [`Route`] per kind, with its file in the
//! output folder ([`Route::path`]), its URL under `base_url` ([`Route::url`]) and the way back
//! from a request path or a URL ([`Route::parse`]). Render writes files at these paths and
//! links to these URLs; serve and the PDF export find pages by them; the reader's year switch
//! moves a route to another year.
//!
//! ```text
//! index.html                              Home               /
//! 2025/index.html                         Year(2025)         /2025/
//! 2025/pk/kepala/index.html               Pk                 /2025/pk/kepala/
//! 2025/indikator/ipg/index.html           Indicator          /2025/indikator/ipg/
//! 2025/validasi/index.html                Validation(2025)   /2025/validasi/
//! 2025/cetak/index.html                   Print(2025)        /2025/cetak/
//! 2025/perubahan/index.html               Changes(2025)      /2025/perubahan/
//! 2025/evaluasi/index.html                Evaluation(2025)   /2025/evaluasi/
//! 2025/formulir/kepala/tw1/index.html     Form               /2025/formulir/kepala/tw1/
//! 2025/gambaran-umum/index.html           YearPage           /2025/gambaran-umum/
//! tentang/index.html                      SitePage           /tentang/
//! sop/index.html                          Sop                /sop/
//! peta-situs/index.html                   Sitemap            /peta-situs/
//! data/2025.json, data/2025.csv           Export             /data/2025.json
//! search-index.json                       SearchIndex        /search-index.json
//! grafik/tren/ipg-1a2b3c4d.svg            TrendChart         /grafik/tren/ipg-1a2b3c4d.svg
//! ```

use std::fmt;

/// The folders of a year that the site itself writes; a year's narrative page cannot take
/// one of these names (nor `index`).
pub const YEAR_FOLDERS: [&str; 7] = [
    "pk",
    "indikator",
    "validasi",
    "cetak",
    "perubahan",
    "evaluasi",
    "formulir",
];

/// The folders and files at the top of the site besides the years and the site's pages.
const SOP_FOLDER: &str = "sop";
const SITEMAP_FOLDER: &str = "peta-situs";
const EXPORT_FOLDER: &str = "data";
const SEARCH_INDEX: &str = "search-index.json";
const SITEMAP_XML: &str = "sitemap.xml";
/// The folder of the charts written as files of their own, shared by several pages.
const CHART_FOLDER: &str = "grafik";
/// The trend charts' folder in it.
const TREND_FOLDER: &str = "tren";

/// The two formats of a year's data export.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    Json,
    Csv,
}

impl ExportFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Json => "json",
            ExportFormat::Csv => "csv",
        }
    }
}

/// One page or file of the site.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Route {
    /// The dashboard over every year.
    Home,
    /// A year's report.
    Year(i32),
    /// A Perjanjian Kinerja, by the official's id.
    Pk { year: i32, pk: String },
    /// An indicator's page.
    Indicator { year: i32, id: String },
    /// The year's findings (internal edition).
    Validation(i32),
    /// The printed LKjIP.
    Print(i32),
    /// The year's changes to the realisations (internal edition).
    Changes(i32),
    /// The year's self-assessment (LKE).
    Evaluation(i32),
    /// A realisation request form of a PK for one quarter (1 to 4).
    Form { year: i32, pk: String, quarter: u8 },
    /// A narrative page of a year (`content/<year>/pages/<slug>.md`).
    YearPage { year: i32, slug: String },
    /// A page of the site outside the years (`content/pages/<slug>.md`).
    SitePage { slug: String },
    /// The data collection SOP.
    Sop,
    /// The site map page.
    Sitemap,
    /// The site map for search engines.
    SitemapXml,
    /// A year's data export.
    Export { year: i32, format: ExportFormat },
    /// The search index the search box reads.
    SearchIndex,
    /// An indicator's trend over the years as an SVG file, which every year's page of the
    /// indicator shows: `key` is the first eight hex digits of the file's SHA-256, so that two
    /// pages share the file exactly when they would show the same chart.
    TrendChart { id: String, key: String },
}

impl Route {
    /// The file in the output folder: `2025/pk/kepala/index.html`, `data/2025.json`.
    pub fn path(&self) -> String {
        let url = self.url_path();
        if url.is_empty() || url.ends_with('/') {
            format!("{url}index.html")
        } else {
            url
        }
    }

    /// The URL under `base_url`, without it: `2025/pk/kepala/`, `data/2025.json`, `` (home).
    pub fn url_path(&self) -> String {
        match self {
            Route::Home => String::new(),
            Route::Year(year) => format!("{year}/"),
            Route::Pk { year, pk } => format!("{year}/pk/{pk}/"),
            Route::Indicator { year, id } => format!("{year}/indikator/{id}/"),
            Route::Validation(year) => format!("{year}/validasi/"),
            Route::Print(year) => format!("{year}/cetak/"),
            Route::Changes(year) => format!("{year}/perubahan/"),
            Route::Evaluation(year) => format!("{year}/evaluasi/"),
            Route::Form { year, pk, quarter } => format!("{year}/formulir/{pk}/tw{quarter}/"),
            Route::YearPage { year, slug } => format!("{year}/{slug}/"),
            Route::SitePage { slug } => format!("{slug}/"),
            Route::Sop => format!("{SOP_FOLDER}/"),
            Route::Sitemap => format!("{SITEMAP_FOLDER}/"),
            Route::SitemapXml => SITEMAP_XML.to_string(),
            Route::Export { year, format } => {
                format!("{EXPORT_FOLDER}/{year}.{}", format.extension())
            }
            Route::SearchIndex => SEARCH_INDEX.to_string(),
            Route::TrendChart { id, key } => {
                format!("{CHART_FOLDER}/{TREND_FOLDER}/{id}-{key}.svg")
            }
        }
    }

    /// The URL under `base` (a normalised `base_url`, ending with `/`): `/lkjip/2025/pk/kepala/`.
    pub fn url(&self, base: &str) -> String {
        format!("{base}{}", self.url_path())
    }

    /// The route of a path under the base URL, either a URL path (`/2025/pk/kepala/`,
    /// `2025/pk/kepala/`) or a file of the output folder (`2025/pk/kepala/index.html`);
    /// `None` for a path that names no page or file of these kinds (an asset, evidence, a
    /// chart). A query or fragment is ignored. Segments are taken as they are (no
    /// percent-decoding): serve decodes a request before it asks.
    pub fn parse(path: &str) -> Option<Route> {
        let path = path.split(['?', '#']).next().unwrap_or("");
        let path = path.strip_prefix('/').unwrap_or(path);
        let (folder, file) = match path.rsplit_once('/') {
            Some((folder, file)) => (folder, file),
            None => ("", path),
        };
        let parts: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
        if !(file.is_empty() || file == "index.html") {
            // A file that is not a page: only the exports and the two lists are routes.
            return match (parts.as_slice(), file) {
                ([], SEARCH_INDEX) => Some(Route::SearchIndex),
                ([], SITEMAP_XML) => Some(Route::SitemapXml),
                ([EXPORT_FOLDER], file) => {
                    let (year, extension) = file.split_once('.')?;
                    let year = parse_year(year)?;
                    let format = match extension {
                        "json" => ExportFormat::Json,
                        "csv" => ExportFormat::Csv,
                        _ => return None,
                    };
                    Some(Route::Export { year, format })
                }
                ([CHART_FOLDER, TREND_FOLDER], file) => {
                    let (id, key) = file.strip_suffix(".svg")?.rsplit_once('-')?;
                    let key_ok = key.len() == TREND_KEY_LEN
                        && key
                            .bytes()
                            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
                    (key_ok && is_name(id)).then(|| Route::TrendChart {
                        id: id.to_string(),
                        key: key.to_string(),
                    })
                }
                _ => None,
            };
        }
        let name = |s: &str| is_name(s).then(|| s.to_string());
        let route = match parts.as_slice() {
            [] => Route::Home,
            [SOP_FOLDER] => Route::Sop,
            [SITEMAP_FOLDER] => Route::Sitemap,
            [slug] => match parse_year(slug) {
                Some(year) => Route::Year(year),
                None => Route::SitePage { slug: name(slug)? },
            },
            [year, rest @ ..] => {
                let year = parse_year(year)?;
                match rest {
                    ["validasi"] => Route::Validation(year),
                    ["cetak"] => Route::Print(year),
                    ["perubahan"] => Route::Changes(year),
                    ["evaluasi"] => Route::Evaluation(year),
                    ["pk", pk] => Route::Pk {
                        year,
                        pk: name(pk)?,
                    },
                    ["indikator", id] => Route::Indicator {
                        year,
                        id: name(id)?,
                    },
                    ["formulir", pk, quarter] => {
                        let quarter = quarter.strip_prefix("tw")?;
                        let quarter = match quarter {
                            "1" => 1,
                            "2" => 2,
                            "3" => 3,
                            "4" => 4,
                            _ => return None,
                        };
                        Route::Form {
                            year,
                            pk: name(pk)?,
                            quarter,
                        }
                    }
                    [slug] if !YEAR_FOLDERS.contains(slug) => Route::YearPage {
                        year,
                        slug: name(slug)?,
                    },
                    _ => return None,
                }
            }
        };
        Some(route)
    }

    /// The year the route belongs to, if any (an export belongs to its year).
    pub fn year(&self) -> Option<i32> {
        match self {
            Route::Year(year)
            | Route::Pk { year, .. }
            | Route::Indicator { year, .. }
            | Route::Validation(year)
            | Route::Print(year)
            | Route::Changes(year)
            | Route::Evaluation(year)
            | Route::Form { year, .. }
            | Route::YearPage { year, .. }
            | Route::Export { year, .. } => Some(*year),
            Route::Home
            | Route::SitePage { .. }
            | Route::Sop
            | Route::Sitemap
            | Route::SitemapXml
            | Route::SearchIndex
            | Route::TrendChart { .. } => None,
        }
    }

    /// The same route in another year (the same PK, indicator, form, …); `None` for a route
    /// of no year.
    pub fn in_year(&self, other: i32) -> Option<Route> {
        let mut route = self.clone();
        match &mut route {
            Route::Year(year)
            | Route::Pk { year, .. }
            | Route::Indicator { year, .. }
            | Route::Validation(year)
            | Route::Print(year)
            | Route::Changes(year)
            | Route::Evaluation(year)
            | Route::Form { year, .. }
            | Route::YearPage { year, .. }
            | Route::Export { year, .. } => *year = other,
            _ => return None,
        }
        Some(route)
    }
}

impl fmt::Display for Route {
    /// The URL path under the base URL, as [`Route::url_path`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.url_path())
    }
}

/// The hex digits of a trend chart's key.
pub const TREND_KEY_LEN: usize = 8;

/// A year folder: four digits, as the loader takes them.
fn parse_year(text: &str) -> Option<i32> {
    (text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

/// An id or slug as a segment of a path: not empty, not `.`/`..`, no `index.html`.
fn is_name(text: &str) -> bool {
    !text.is_empty() && text != "." && text != ".." && text != "index.html"
}

#[cfg(test)]
mod tests {
    use super::*;

    /// validate refuses a year's page that would take one of the year's own folders.
    #[test]
    fn every_folder_of_a_year_is_reserved_for_the_year_pages() {
        for folder in YEAR_FOLDERS {
            let route = Route::parse(&format!("2025/{folder}/"));
            assert!(
                !matches!(route, Some(Route::YearPage { .. })),
                "{folder}: {route:?}"
            );
        }
    }

    fn every_kind() -> Vec<Route> {
        vec![
            Route::Home,
            Route::Year(2025),
            Route::Pk {
                year: 2025,
                pk: "kepala".into(),
            },
            Route::Indicator {
                year: 2024,
                id: "ipg".into(),
            },
            Route::Validation(2025),
            Route::Print(2023),
            Route::Changes(2025),
            Route::Evaluation(2025),
            Route::Form {
                year: 2025,
                pk: "kabid-kb".into(),
                quarter: 3,
            },
            Route::YearPage {
                year: 2025,
                slug: "gambaran-umum".into(),
            },
            Route::SitePage {
                slug: "tentang".into(),
            },
            Route::Sop,
            Route::Sitemap,
            Route::SitemapXml,
            Route::Export {
                year: 2025,
                format: ExportFormat::Json,
            },
            Route::Export {
                year: 2024,
                format: ExportFormat::Csv,
            },
            Route::SearchIndex,
            Route::TrendChart {
                id: "ipg".into(),
                key: "0a1b2c3d".into(),
            },
        ]
    }

    #[test]
    fn paths_and_urls_of_each_kind() {
        let cases = [
            (Route::Home, "index.html", "/lkjip/"),
            (Route::Year(2025), "2025/index.html", "/lkjip/2025/"),
            (
                Route::Pk {
                    year: 2025,
                    pk: "kepala".into(),
                },
                "2025/pk/kepala/index.html",
                "/lkjip/2025/pk/kepala/",
            ),
            (
                Route::Indicator {
                    year: 2025,
                    id: "ipg".into(),
                },
                "2025/indikator/ipg/index.html",
                "/lkjip/2025/indikator/ipg/",
            ),
            (
                Route::Form {
                    year: 2025,
                    pk: "kepala".into(),
                    quarter: 1,
                },
                "2025/formulir/kepala/tw1/index.html",
                "/lkjip/2025/formulir/kepala/tw1/",
            ),
            (
                Route::Print(2025),
                "2025/cetak/index.html",
                "/lkjip/2025/cetak/",
            ),
            (Route::Sop, "sop/index.html", "/lkjip/sop/"),
            (
                Route::Sitemap,
                "peta-situs/index.html",
                "/lkjip/peta-situs/",
            ),
            (
                Route::Export {
                    year: 2025,
                    format: ExportFormat::Csv,
                },
                "data/2025.csv",
                "/lkjip/data/2025.csv",
            ),
            (
                Route::SearchIndex,
                "search-index.json",
                "/lkjip/search-index.json",
            ),
            (
                Route::TrendChart {
                    id: "kasi-1-i2".into(),
                    key: "0a1b2c3d".into(),
                },
                "grafik/tren/kasi-1-i2-0a1b2c3d.svg",
                "/lkjip/grafik/tren/kasi-1-i2-0a1b2c3d.svg",
            ),
        ];
        for (route, path, url) in cases {
            assert_eq!(route.path(), path, "{route:?}");
            assert_eq!(route.url("/lkjip/"), url, "{route:?}");
        }
    }

    #[test]
    fn every_kind_comes_back_from_its_path_and_its_url() {
        for route in every_kind() {
            assert_eq!(
                Route::parse(&route.path()),
                Some(route.clone()),
                "{route:?}"
            );
            assert_eq!(
                Route::parse(&route.url("/")),
                Some(route.clone()),
                "{route:?}"
            );
            assert_eq!(
                Route::parse(&route.url_path()),
                Some(route.clone()),
                "{route:?}"
            );
        }
    }

    #[test]
    fn a_route_moves_to_another_year_with_its_ids() {
        let form = Route::Form {
            year: 2025,
            pk: "kepala".into(),
            quarter: 2,
        };
        assert_eq!(
            form.in_year(2023).map(|r| r.url("/")),
            Some("/2023/formulir/kepala/tw2/".to_string())
        );
        assert_eq!(Route::Sop.in_year(2023), None);
        assert_eq!(Route::Print(2024).year(), Some(2024));
        assert_eq!(Route::SitePage { slug: "a".into() }.year(), None);
    }

    #[test]
    fn paths_that_are_no_route() {
        for path in [
            "style.css",
            "/bukti/2025/foto.jpg",
            "2025/pk/",
            "2025/pk/kepala/extra/",
            "2025/formulir/kepala/tw5/",
            "2025/formulir/kepala/",
            "202/pk/kepala/",
            "data/2025.xlsx",
            "data/20x5.json",
            "2025/../",
            "grafik/tren/ipg.svg",
            "grafik/tren/ipg-0A1B2C3D.svg",
            "grafik/tren/ipg-0a1b2c3.svg",
            "grafik/tren/-0a1b2c3d.svg",
            "grafik/ipg-0a1b2c3d.svg",
        ] {
            assert_eq!(Route::parse(path), None, "{path}");
        }
    }

    #[test]
    fn a_query_and_a_year_folder_name_are_read_as_such() {
        assert_eq!(
            Route::parse("/2025/indikator/ipg/?x=1#top"),
            Some(Route::Indicator {
                year: 2025,
                id: "ipg".into()
            })
        );
        // A year's own folder is never a narrative page.
        assert_eq!(Route::parse("2025/pk/index.html"), None);
        assert_eq!(
            Route::parse("2025/cetak/index.html"),
            Some(Route::Print(2025))
        );
        assert_eq!(
            Route::parse("/2025/gambaran-umum"),
            None,
            "a folder's URL ends with `/`"
        );
    }
}
