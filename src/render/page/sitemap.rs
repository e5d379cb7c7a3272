//! The pages that list every page written: the site map page, `sitemap.xml` and the search
//! index, rendered last.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::render::error::RenderError;
use crate::render::nav::{Downloads, Reader, WrittenPage, crumb, home};
use crate::render::output::Output;
use crate::render::view::{Link, PageMeta, Views, YearView};
use crate::route::Route;

/// The site map page's data: the pages of the site, grouped.
#[derive(Clone, Debug, Serialize)]
pub struct SitemapView {
    /// The dashboard, the SOP, the narrative pages.
    pub umum: Vec<Link>,
    pub tahun: Vec<SitemapYear>,
    /// Pages the groups above do not list (a theme's or a later feature's), so that the map
    /// is complete.
    pub lainnya: Vec<Link>,
}

#[derive(Clone, Debug, Serialize)]
pub struct SitemapYear {
    pub tahun: i32,
    pub draft: bool,
    /// The year's report, print edition, validation.
    pub halaman: Vec<Link>,
    pub data: Downloads,
    pub pk: Vec<SitemapPk>,
}

#[derive(Clone, Debug, Serialize)]
pub struct SitemapPk {
    pub label: String,
    pub url: String,
    pub pejabat: String,
    pub indikator: Vec<Link>,
    pub formulir: Vec<Link>,
}

/// The site map of the pages written, grouped the way a reader looks for them.
fn sitemap(
    reader: &Reader,
    views: &Views<'_>,
    year_views: &[YearView],
    written: &[WrittenPage],
) -> SitemapView {
    let title_of: BTreeMap<&str, &str> = written
        .iter()
        .map(|p| (p.url.as_str(), p.title.as_str()))
        .collect();
    let mut listed: BTreeSet<String> = BTreeSet::new();
    let mut link = |url: &str, label: Option<&str>| -> Option<Link> {
        let title = title_of.get(url)?;
        listed.insert(url.to_string());
        Some(Link {
            label: label.unwrap_or(title).to_string(),
            url: url.to_string(),
        })
    };
    let l = views.labels;
    let mut umum = Vec::new();
    umum.extend(link(&views.base, Some(l.get("beranda"))));
    for p in written
        .iter()
        .filter(|p| matches!(p.kind, "sop" | "page") && p.year.is_none())
    {
        umum.extend(link(&p.url, None));
    }
    let tahun = year_views
        .iter()
        .map(|y| {
            let mut halaman = Vec::new();
            halaman.extend(link(&y.url, None));
            for p in written.iter().filter(|p| {
                p.year == Some(y.tahun) && matches!(p.kind, "page" | "cetak" | "validation")
            }) {
                halaman.extend(link(&p.url, None));
            }
            let pk =
                y.pk.iter()
                    .map(|pk| SitemapPk {
                        label: format!("{} {}", l.get("perjanjian_kinerja"), pk.pejabat.jabatan),
                        url: link(&pk.url, None).map_or_else(|| pk.url.clone(), |l| l.url),
                        pejabat: pk.pejabat.nama.clone(),
                        indikator: pk
                            .sasaran
                            .iter()
                            .flat_map(|g| &g.indikator)
                            .filter_map(|i| link(&i.url, Some(&i.nama)))
                            .collect(),
                        formulir: pk
                            .formulir
                            .iter()
                            .filter_map(|f| link(&f.url, Some(&f.label)))
                            .collect(),
                    })
                    .collect();
            SitemapYear {
                tahun: y.tahun,
                draft: !y.disetujui,
                halaman,
                data: Downloads {
                    tahun: y.tahun,
                    json: format!("{}data/{}.json", reader.base, y.tahun),
                    csv: format!("{}data/{}.csv", reader.base, y.tahun),
                },
                pk,
            }
        })
        .collect();
    let sitemap_url = reader.sitemap.clone();
    let lainnya = written
        .iter()
        .filter(|p| !listed.contains(&p.url) && p.url != sitemap_url)
        .map(|p| Link {
            label: p.title.clone(),
            url: p.url.clone(),
        })
        .collect();
    SitemapView {
        umum,
        tahun,
        lainnya,
    }
}

/// Writes the site map page, `sitemap.xml` and the search index, from the pages written so
/// far (call it after every other page).
pub(crate) fn render(
    out: &Output<'_>,
    views: &Views<'_>,
    year_views: &[YearView],
) -> Result<(), RenderError> {
    let written = |out: &Output<'_>| {
        let mut pages = out.pages.lock().unwrap_or_else(|e| e.into_inner()).clone();
        pages.sort();
        pages
    };
    let labels = views.labels;
    let title = labels.get("peta_situs").to_string();
    let meta = PageMeta {
        kind: "sitemap",
        title: title.clone(),
        url: views.route_url(&Route::Sitemap),
        breadcrumbs: vec![home(views), crumb(&title, None)],
        year: None,
        draft: false,
        prev: None,
        next: None,
    };
    let mut context = tera::Context::new();
    context.insert(
        "sitemap",
        &sitemap(&out.reader, views, year_views, &written(out)),
    );
    out.page("sitemap.html", &Route::Sitemap.path(), meta, context)?;
    let pages = written(out);
    let urls: Vec<String> = pages.iter().map(|p| p.url.clone()).collect();
    out.file(
        Route::SitemapXml.path(),
        out.reader.sitemap_xml(&urls).into_bytes(),
        "the sitemap for search engines",
    )?;
    let index = crate::render::search::build(views, year_views, &pages);
    let json = crate::render::search::to_json(&index)
        .map_err(|source| RenderError::Json { year: 0, source })?;
    out.file(Route::SearchIndex.path(), json, "the search index")
}
