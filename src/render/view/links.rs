//! The URLs of the pages that other pages link to (the forms, the SOP page and its compliance
//! tables, the year's narrative pages), so that a page links to another without importing it.

use super::{Link, Views};
use crate::model::Quarter;

/// The form page of a PK and quarter.
pub(crate) fn form_url(views: &Views<'_>, year: i32, pk: &str, quarter: u8) -> String {
    views.route_url(&crate::route::Route::Form {
        year,
        pk: pk.to_string(),
        quarter,
    })
}

/// The four forms of a PK, labelled "TW I" … "TW IV".
pub(crate) fn form_links(views: &Views<'_>, year: i32, pk: &str) -> Vec<Link> {
    Quarter::ALL
        .iter()
        .map(|q| Link {
            label: views.labels.get(quarter_short(*q)).to_string(),
            url: form_url(views, year, pk, q.number()),
        })
        .collect()
}

pub(crate) fn quarter_short(q: Quarter) -> &'static str {
    ["tw_1", "tw_2", "tw_3", "tw_4"][q.index()]
}

/// The SOP page.
pub(crate) fn sop_url(views: &Views<'_>) -> String {
    views.route_url(&crate::route::Route::Sop)
}

/// A year's compliance table on the SOP page.
pub(crate) fn compliance_url(views: &Views<'_>, year: i32) -> String {
    format!("{}#{}", sop_url(views), compliance_id(year))
}

pub(crate) fn compliance_id(year: i32) -> String {
    format!("kepatuhan-{year}")
}

pub(crate) fn year_page_url(views: &Views<'_>, year: i32, slug: &str) -> String {
    views.route_url(&crate::route::Route::YearPage {
        year,
        slug: slug.to_string(),
    })
}

/// The narrative pages of a year, linked from every page of the year.
pub(crate) fn year_page_links(views: &Views<'_>, year: &crate::model::Year) -> Vec<Link> {
    year.pages
        .iter()
        .map(|p| Link {
            label: p.front.title.clone(),
            url: year_page_url(views, year.year, &p.slug),
        })
        .collect()
}
