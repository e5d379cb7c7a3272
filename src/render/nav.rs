//! What a reader needs around every page, besides its content: the year switcher (the same
//! indicator, PK or kind of page in each year the build publishes), a description and the
//! sharing tags, the data downloads of a data page, and the site map (`/peta-situs/` and
//! `/sitemap.xml`).
//!
//! Every page gets `reader` ([`ReaderView`]) next to `page`. The years are those the render
//! gets (the public edition has already left its draft years out), never a fixed list.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::format::{DASH, Format};
use crate::model::{Target, Value};
use crate::render::view::{Crumb, Link, PageMeta, Views, YearView};
use crate::route::{ExportFormat, Route};

/// Names of an Open Graph image in the theme's static files, first found wins.
const OG_IMAGE_NAMES: &[&str] = &["og.png", "og.jpg", "og.jpeg"];

/// Whether the file at `path` lists every page of the site ([`render_sitemap_and_index`]): only
/// a whole render gives these (`render::render_one` does not).
pub fn lists_every_page(path: &str) -> bool {
    matches!(
        Route::parse(path),
        Some(Route::Sitemap | Route::SitemapXml | Route::SearchIndex)
    )
}

/// What `reader` holds for one page.
#[derive(Clone, Debug, Serialize)]
pub struct ReaderView {
    /// One link per published year: this page's counterpart in that year.
    pub years: Vec<YearSwitch>,
    /// `<meta name="description">`, from the page's data.
    pub description: String,
    /// The page's absolute URL, when `base_url` is absolute.
    pub canonical: Option<String>,
    /// The Open Graph image, absolute when `base_url` is.
    pub image: Option<String>,
    /// The year's data, on the pages that show it.
    pub downloads: Option<Downloads>,
    /// The narrative pages of the page's year (`<year>/pages/`), for the year's navigation.
    pub halaman: Vec<Link>,
    /// The site map (the search form's target without JavaScript) and the search index.
    pub sitemap: String,
    pub search_index: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct YearSwitch {
    pub tahun: i32,
    pub url: String,
    pub draft: bool,
    /// The year of this page.
    pub current: bool,
    /// The link leads to this page's counterpart (the same indicator, PK or kind of page);
    /// `false` when the link leads to the year's report.
    pub same: bool,
    /// This page is of one year (an indicator, a PK, …) and that year has no counterpart:
    /// the link leads to the year's report instead.
    pub missing: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct Downloads {
    pub tahun: i32,
    pub json: String,
    pub csv: String,
}

/// The ids each year has pages for.
struct PublishedYear {
    year: i32,
    draft: bool,
    indicators: BTreeSet<String>,
    pks: BTreeSet<String>,
    /// The year's narrative pages, in navigation order.
    pages: Vec<Link>,
}

/// Prepared once per render, asked for every page.
pub(crate) struct Reader {
    pub(crate) base: String,
    years: Vec<PublishedYear>,
    descriptions: BTreeMap<String, String>,
    site_description: String,
    image: Option<String>,
    pub(crate) sitemap: String,
    search_index: String,
}

impl Reader {
    /// `years` are every year of the site (the year switcher); `year_views` the years whose
    /// pages are rendered, and `described` the URLs of those pages that need a description
    /// (all of them, but for a page rendered on demand).
    pub fn new(
        views: &Views<'_>,
        years: &[crate::render::lookup::YearData<'_>],
        year_views: &[YearView],
        static_files: &[&str],
        described: &dyn Fn(&str) -> bool,
    ) -> Reader {
        let format = Format::new(views.report.site.language);
        let site = &views.report.site;
        let site_description = format!(
            "{} {}: {}",
            site.agency.name, site.agency.region, site.title
        );
        let mut descriptions = BTreeMap::new();
        if let Some(latest) = year_views.last().filter(|_| described(&views.base)) {
            descriptions.insert(
                views.base.clone(),
                format!(
                    "{} {}",
                    year_description(views, format, latest),
                    site_description
                ),
            );
        }
        for year in year_views {
            if described(&year.url) {
                descriptions.insert(year.url.clone(), year_description(views, format, year));
            }
            for pk in &year.pk {
                if described(&pk.url) {
                    descriptions.insert(pk.url.clone(), pk_description(views, format, pk));
                }
                for goal in &pk.sasaran {
                    for indicator in goal.indikator.iter().filter(|i| described(&i.url)) {
                        descriptions.insert(
                            indicator.url.clone(),
                            indicator_description(views, format, year.tahun, pk, indicator),
                        );
                    }
                }
            }
        }
        let image = OG_IMAGE_NAMES
            .iter()
            .find(|name| static_files.contains(name))
            .map(|name| views.url(name));
        Reader {
            base: views.base.clone(),
            years: years
                .iter()
                .map(|y| PublishedYear {
                    year: y.year,
                    draft: !y.approved(views.report),
                    indicators: y
                        .ordered
                        .iter()
                        .flat_map(|pk| pk.indicators())
                        .map(|(_, i)| i.id.to_string())
                        .collect(),
                    pks: y.ordered.iter().map(|pk| pk.id.to_string()).collect(),
                    pages: crate::render::view::links::year_page_links(views, y.model),
                })
                .collect(),
            descriptions,
            site_description,
            image,
            sitemap: views.route_url(&Route::Sitemap),
            search_index: views.route_url(&Route::SearchIndex),
        }
    }

    /// Whether `base_url` is a full address (`https://…/`), so that links can be absolute.
    pub fn absolute(&self) -> bool {
        is_absolute(&self.base)
    }

    pub fn for_page(&self, meta: &PageMeta) -> ReaderView {
        let description = self
            .descriptions
            .get(&meta.url)
            .cloned()
            .unwrap_or_else(|| format!("{}. {}", meta.title, self.site_description));
        // An indicator page leaves its year's data to the year and PK pages, a link away.
        let downloads = match (meta.kind, meta.year) {
            ("dashboard" | "year" | "pk", Some(year)) => Some(Downloads {
                tahun: year,
                json: Route::Export {
                    year,
                    format: ExportFormat::Json,
                }
                .url(&self.base),
                csv: Route::Export {
                    year,
                    format: ExportFormat::Csv,
                }
                .url(&self.base),
            }),
            _ => None,
        };
        let halaman = meta
            .year
            .filter(|_| meta.kind != "dashboard")
            .and_then(|year| self.years.iter().find(|y| y.year == year))
            .map(|y| y.pages.clone())
            .unwrap_or_default();
        ReaderView {
            halaman,
            years: self.switch(meta),
            description,
            canonical: self.absolute().then(|| meta.url.clone()),
            image: self.image.clone(),
            downloads,
            sitemap: self.sitemap.clone(),
            search_index: self.search_index.clone(),
        }
    }

    /// The page's counterpart in every year: the same indicator, PK, form, print edition or
    /// validation page where that year has it, else the year's report.
    fn switch(&self, meta: &PageMeta) -> Vec<YearSwitch> {
        let route = meta.url.strip_prefix(&self.base).and_then(Route::parse);
        self.years
            .iter()
            .map(|y| {
                let year_url = Route::Year(y.year).url(&self.base);
                let same = route
                    .as_ref()
                    .and_then(|r| r.in_year(y.year))
                    .map(|r| r.url(&self.base))
                    .filter(|url| match &route {
                        Some(Route::Indicator { id, .. }) => y.indicators.contains(id),
                        Some(Route::Pk { pk, .. } | Route::Form { pk, .. }) => y.pks.contains(pk),
                        Some(Route::Year(_) | Route::Print(_) | Route::Validation(_)) => true,
                        Some(Route::YearPage { .. }) => y.pages.iter().any(|p| p.url == *url),
                        _ => false,
                    });
                let of_a_year = meta.year.is_some() && meta.kind != "dashboard";
                YearSwitch {
                    missing: of_a_year && same.is_none(),
                    tahun: y.year,
                    current: meta.kind != "dashboard" && meta.year == Some(y.year),
                    draft: y.draft,
                    same: same.is_some(),
                    url: same.unwrap_or(year_url),
                }
            })
            .collect()
    }

    /// `sitemap.xml`: every HTML page, sorted. The sitemap protocol wants absolute URLs; with a
    /// path as `base_url` the host is unknown, so the URLs are the site's paths (documented).
    pub fn sitemap_xml(&self, urls: &[String]) -> String {
        let mut xml = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for url in urls {
            xml.push_str("  <url><loc>");
            for c in url.chars() {
                match c {
                    '&' => xml.push_str("&amp;"),
                    '<' => xml.push_str("&lt;"),
                    '>' => xml.push_str("&gt;"),
                    c if c.is_control() => {}
                    c => xml.push(c),
                }
            }
            xml.push_str("</loc></url>\n");
        }
        xml.push_str("</urlset>\n");
        xml
    }
}

fn is_absolute(base: &str) -> bool {
    let lower = base.to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

fn percent(format: Format, x: Option<f64>) -> String {
    x.map_or_else(|| DASH.to_string(), |x| format.percent(x))
}

fn value(format: Format, v: Option<&Value>) -> String {
    match v {
        Some(Value::Number(x)) => format.number(*x, 2),
        Some(Value::Word(w)) => w.clone(),
        None => DASH.to_string(),
    }
}

fn target_text(format: Format, target: &Target) -> String {
    match target {
        Target::Number(x) => format.number(*x, 2),
        Target::Word(w) => w.clone(),
        Target::Range { min, max } => {
            format!("{}–{}", format.number(*min, 2), format.number(*max, 2))
        }
    }
}

fn year_description(views: &Views<'_>, format: Format, year: &YearView) -> String {
    let l = views.labels;
    let r = &year.ringkasan;
    let mut text = format!(
        "{} {} {} {}: {} {}",
        l.get("laporan_kinerja"),
        views.report.site.agency.short_name,
        views.report.site.agency.region,
        year.tahun,
        l.get("rata_rata_capaian").to_lowercase(),
        percent(format, r.rata_rata_capaian),
    );
    if let Some(k) = &r.kategori_rata_rata {
        text.push_str(&format!(" ({})", k.nama));
    }
    text.push_str(&format!(
        ", {} {} {} {}",
        r.terukur,
        l.get("dari"),
        r.jumlah_indikator,
        l.get("indikator_dengan_capaian")
    ));
    if let Some(s) = year.anggaran.serapan {
        text.push_str(&format!(
            "; {} {}",
            l.get("serapan_anggaran").to_lowercase(),
            format.percent(s)
        ));
    }
    text.push('.');
    if !year.disetujui {
        text.push_str(&format!(" {}.", l.get("draft_banner")));
    }
    text
}

fn pk_description(views: &Views<'_>, format: Format, pk: &crate::render::view::PkView) -> String {
    let l = views.labels;
    let indicators: usize = pk.sasaran.iter().map(|g| g.indikator.len()).sum();
    format!(
        "{} {} {} ({}): {} {}, {} {} {}.",
        l.get("perjanjian_kinerja"),
        pk.pejabat.jabatan,
        pk.tahun,
        pk.pejabat.nama,
        indicators,
        l.get("indikator").to_lowercase(),
        l.get("rata_rata_capaian").to_lowercase(),
        percent(format, pk.ringkasan.rata_rata_capaian),
        pk.ringkasan
            .kategori_rata_rata
            .as_ref()
            .map(|k| format!("({})", k.nama))
            .unwrap_or_default(),
    )
    .replace(" .", ".")
}

fn indicator_description(
    views: &Views<'_>,
    format: Format,
    year: i32,
    pk: &crate::render::view::PkView,
    i: &crate::render::view::IndicatorView,
) -> String {
    let l = views.labels;
    let mut text = format!(
        "{} {year} ({} {}): {} {} {}, {} {}, {} {}",
        i.nama,
        l.get("perjanjian_kinerja"),
        pk.pejabat.jabatan,
        l.get("target").to_lowercase(),
        target_text(format, &i.target),
        i.satuan,
        l.get("realisasi").to_lowercase(),
        value(format, i.realisasi.as_ref()),
        l.get("capaian").to_lowercase(),
        percent(format, i.capaian),
    );
    if let Some(k) = &i.kategori {
        text.push_str(&format!(" ({})", k.nama));
    }
    text.push('.');
    text
}

/// The first crumb of every page: the dashboard.
pub(crate) fn home(views: &Views<'_>) -> Crumb {
    crumb(views.labels.get("beranda"), Some(views.base.clone()))
}

/// The crumb of a year's report, on the pages under it.
pub(crate) fn year_crumb(views: &Views<'_>, year: i32) -> Crumb {
    crumb(&year.to_string(), Some(views.year_url(year)))
}

pub(crate) fn crumb(label: &str, url: Option<String>) -> Crumb {
    Crumb {
        label: label.to_string(),
        url,
    }
}

/// A page the render wrote: its URL and title, for the site map and the search index.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct WrittenPage {
    pub url: String,
    pub title: String,
    pub kind: &'static str,
    pub year: Option<i32>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Language;
    use crate::render::labels::Labels;
    use crate::render::tests::fixture;

    fn meta(kind: &'static str, url: &str, year: Option<i32>) -> PageMeta {
        PageMeta {
            kind,
            title: "T".into(),
            url: url.into(),
            breadcrumbs: Vec::new(),
            year,
            draft: false,
            prev: None,
            next: None,
        }
    }

    /// The fixture's 2025 as two years: 2024 without the indicator `tfr` and the PK
    /// `kabid-kb`.
    fn two_years(base: &str) -> (Reader, String) {
        let (mut report, computed) = fixture(true);
        report.site.base_url = base.to_string();
        let mut y2024 = report.years[&2025].clone();
        y2024.year = 2024;
        y2024.pks.retain(|pk| pk.id != "kabid-kb");
        for pk in &mut y2024.pks {
            for g in &mut pk.goals {
                g.indicators.retain(|i| *i.id != "tfr");
            }
        }
        report.years.insert(2024, y2024);
        let labels = Labels::new(Language::Indonesian);
        let views = Views::new(&report, &labels);
        let years = crate::render::lookup::years(&report, &computed);
        let year_views: Vec<YearView> = years.iter().map(|y| views.year(y, &[])).collect();
        let reader = Reader::new(
            &views,
            &years,
            &year_views,
            &["style.css", "og.png"],
            &|_| true,
        );
        (reader, views.base.clone())
    }

    fn urls(view: &ReaderView) -> Vec<(i32, String, bool)> {
        view.years
            .iter()
            .map(|y| (y.tahun, y.url.clone(), y.same))
            .collect()
    }

    #[test]
    fn the_switcher_keeps_the_indicator_or_pk_where_the_other_year_has_it() {
        let (reader, _) = two_years("/");
        let ipg = reader.for_page(&meta("indicator", "/2025/indikator/ipg/", Some(2025)));
        assert_eq!(
            urls(&ipg),
            [
                (2024, "/2024/indikator/ipg/".into(), true),
                (2025, "/2025/indikator/ipg/".into(), true)
            ]
        );
        assert!(ipg.years[1].current && !ipg.years[0].current);
        let tfr = reader.for_page(&meta("indicator", "/2025/indikator/tfr/", Some(2025)));
        assert_eq!(tfr.years[0].url, "/2024/", "2024 has no tfr: its report");
        assert!(!tfr.years[0].same && tfr.years[0].missing);
        assert!(tfr.years[1].same && !tfr.years[1].missing);
        let kabid = reader.for_page(&meta("pk", "/2025/pk/kabid-kb/", Some(2025)));
        assert_eq!(urls(&kabid)[0], (2024, "/2024/".into(), false));
        let kepala = reader.for_page(&meta("pk", "/2025/pk/kepala/", Some(2025)));
        assert_eq!(urls(&kepala)[0], (2024, "/2024/pk/kepala/".into(), true));
        let form = reader.for_page(&meta("form", "/2025/formulir/kepala/tw3/", Some(2025)));
        assert_eq!(form.years[0].url, "/2024/formulir/kepala/tw3/");
        let print = reader.for_page(&meta("cetak", "/2025/cetak/", Some(2025)));
        assert_eq!(print.years[0].url, "/2024/cetak/");
        let home = reader.for_page(&meta("dashboard", "/", Some(2025)));
        assert_eq!(urls(&home)[1], (2025, "/2025/".into(), false));
        assert!(
            home.years.iter().all(|y| !y.current && !y.missing),
            "the dashboard is no year's page"
        );
        let sop = reader.for_page(&meta("sop", "/sop/", None));
        assert_eq!(urls(&sop)[0], (2024, "/2024/".into(), false));
        assert!(!sop.years[0].missing);
    }

    #[test]
    fn the_switcher_follows_the_base_url() {
        let (reader, base) = two_years("https://kinerja.example.go.id/lkjip");
        assert_eq!(base, "https://kinerja.example.go.id/lkjip/");
        let page = reader.for_page(&meta(
            "indicator",
            "https://kinerja.example.go.id/lkjip/2025/indikator/ipg/",
            Some(2025),
        ));
        assert_eq!(
            page.years[0].url,
            "https://kinerja.example.go.id/lkjip/2024/indikator/ipg/"
        );
        assert_eq!(
            page.canonical.as_deref(),
            Some("https://kinerja.example.go.id/lkjip/2025/indikator/ipg/")
        );
        assert_eq!(
            page.image.as_deref(),
            Some("https://kinerja.example.go.id/lkjip/og.png")
        );
        let (relative, _) = two_years("/lkjip/");
        let page = relative.for_page(&meta("year", "/lkjip/2025/", Some(2025)));
        assert_eq!(page.canonical, None, "no canonical link without a host");
        assert_eq!(page.years[0].url, "/lkjip/2024/");
    }

    #[test]
    fn descriptions_come_from_the_data() {
        let (reader, _) = two_years("/");
        let ipg = reader.for_page(&meta("indicator", "/2025/indikator/ipg/", Some(2025)));
        assert!(
            ipg.description
                .starts_with("Indeks Pembangunan Gender (IPG) 2025"),
            "{}",
            ipg.description
        );
        assert!(
            ipg.description.contains("target 92,5") && ipg.description.contains("capaian "),
            "{}",
            ipg.description
        );
        let year = reader.for_page(&meta("year", "/2025/", Some(2025)));
        assert!(
            year.description
                .contains("rata-rata capaian 93,35% (Sangat Tinggi)"),
            "{}",
            year.description
        );
        let downloads = year.downloads.unwrap();
        assert_eq!(
            (downloads.json.as_str(), downloads.csv.as_str()),
            ("/data/2025.json", "/data/2025.csv")
        );
        let sop = reader.for_page(&meta("sop", "/sop/", None));
        assert!(sop.downloads.is_none());
        // The indicator page leaves them to its year and PK pages.
        assert!(ipg.downloads.is_none());
        assert!(sop.description.starts_with("T. "), "{}", sop.description);
    }

    #[test]
    fn sitemap_xml_lists_the_urls_escaped() {
        let (reader, _) = two_years("/");
        let xml = reader.sitemap_xml(&["/a/".into(), "/b&c/".into()]);
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let locs: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name("loc"))
            .filter_map(|n| n.text())
            .collect();
        assert_eq!(locs, ["/a/", "/b&c/"]);
    }
}
