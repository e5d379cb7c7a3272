//! Reading built pages: CSS selections on parsed HTML and their text, white space folded.

use std::borrow::Borrow;

use scraper::{ElementRef, Html, Selector};

fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("`{css}`: {e:?}"))
}

/// The elements of `document` that `css` selects, in document order.
pub fn select<'a>(document: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    document.select(&selector(css)).collect()
}

/// The elements inside `element` that `css` selects, in document order.
pub fn select_in<'a>(element: &ElementRef<'a>, css: &str) -> Vec<ElementRef<'a>> {
    element.select(&selector(css)).collect()
}

/// How many elements of `document` `css` selects.
pub fn count(document: &Html, css: &str) -> usize {
    document.select(&selector(css)).count()
}

/// An element's text, its runs of white space folded into one space and trimmed.
pub fn text<'a>(element: impl Borrow<ElementRef<'a>>) -> String {
    element
        .borrow()
        .text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// An element's text nodes joined by a space, runs of white space folded: the words a reader
/// sees apart (`<td>Anisa<br>4 Januari</td>` is `Anisa 4 Januari`, not `Anisa4 Januari`).
pub fn words<'a>(element: impl Borrow<ElementRef<'a>>) -> String {
    element
        .borrow()
        .text()
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The text ([`text`]) of every element `css` selects.
pub fn texts(document: &Html, css: &str) -> Vec<String> {
    select(document, css).into_iter().map(text).collect()
}

/// The cells' texts ([`text`]) of each row `rows` selects (`th` and `td`, in order).
pub fn rows(document: &Html, rows: &str) -> Vec<Vec<String>> {
    select(document, rows)
        .iter()
        .map(|row| select_in(row, "th, td").into_iter().map(text).collect())
        .collect()
}
