//! The editors' Markdown pages: the site's (`pages/*.md`) and each year's narrative.

use tera::Context;

use crate::model::Page;
use crate::render::error::RenderError;
use crate::render::lookup::YearData;
use crate::render::narrative::Quotes;
use crate::render::nav::{crumb, home, year_crumb};
use crate::render::output::Output;
use crate::render::view::links::{year_page_links, year_page_url};
use crate::render::view::{PageMeta, Views, YearView, sorted_pages};
use crate::route::Route;

/// Renders `<slug>/index.html` for each page of the site (`pages/*.md`), in navigation order.
pub(crate) fn render_site_pages(
    out: &Output<'_>,
    views: &Views<'_>,
    quotes: &Quotes<'_, '_>,
) -> Result<(), RenderError> {
    for page in sorted_pages(views.report) {
        let Some(path) = out.wanted(&Route::SitePage {
            slug: page.slug.clone(),
        }) else {
            continue;
        };
        let meta = PageMeta {
            kind: "page",
            title: page.front.title.clone(),
            url: views.page_url(&page.slug),
            breadcrumbs: vec![home(views), crumb(&page.front.title, None)],
            year: None,
            draft: false,
            prev: None,
            next: None,
        };
        out.page("page.html", &path, meta, page_context(views, quotes, page))?;
    }
    Ok(())
}

/// Renders `<year>/<stem>/index.html` for each page of the year's narrative, each linked to the
/// previous and next page.
pub(crate) fn render_year_pages(
    out: &Output<'_>,
    views: &Views<'_>,
    quotes: &Quotes<'_, '_>,
    data: &YearData<'_>,
    year_view: &YearView,
) -> Result<(), RenderError> {
    let pages = &data.model.pages;
    let links = year_page_links(views, data.model);
    for (i, page) in pages.iter().enumerate() {
        let Some(path) = out.wanted(&Route::YearPage {
            year: data.year,
            slug: page.slug.clone(),
        }) else {
            continue;
        };
        let meta = PageMeta {
            kind: "page",
            title: page.front.title.clone(),
            url: year_page_url(views, data.year, &page.slug),
            breadcrumbs: vec![
                home(views),
                year_crumb(views, data.year),
                crumb(&page.front.title, None),
            ],
            year: Some(data.year),
            draft: !year_view.disetujui,
            prev: i.checked_sub(1).and_then(|j| links.get(j)).cloned(),
            next: links.get(i + 1).cloned(),
        };
        out.page("page.html", &path, meta, page_context(views, quotes, page))?;
    }
    Ok(())
}

/// What `page.html` shows of a Markdown page: its HTML, with the shortcodes quoting the year's
/// values, and whether it opens with its own title.
fn page_context(views: &Views<'_>, quotes: &Quotes<'_, '_>, page: &Page) -> Context {
    let html = views.markdown(0).to_html(&quotes.expand(page, None));
    let mut context = Context::new();
    context.insert("content", &html);
    context.insert(
        "starts_with_title",
        &page.body.trim_start().starts_with("# "),
    );
    context
}
