//! Editor Markdown (`analisis` narratives, `pages/*.md`) to HTML that is safe to embed.
//!
//! CommonMark with tables, footnotes and strikethrough. Editors' raw HTML is not passed
//! through: it comes out as escaped text, so a `<script>` shows as the characters the editor
//! typed. Link and image URLs with a script-capable scheme (`javascript:`, `vbscript:`,
//! `data:`) are replaced by `#`. Root-relative links (`/2025/`) get the site's `base_url`, so a
//! page that links into the report keeps working under a prefix such as `/lkjip/`.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, html};

/// How to render one piece of Markdown.
#[derive(Clone, Copy, Debug)]
pub struct Markdown<'a> {
    /// The site's base URL, normalised to end with `/`.
    pub base_url: &'a str,
    /// Added to every heading level, so that an `# Heading` in an `analisis` sits below the
    /// page's own headings (capped at `h6`).
    pub heading_offset: usize,
}

/// The ids of a piece of Markdown in a document shared with others
/// ([`Markdown::to_html_with_ids`]).
#[derive(Clone, Copy)]
pub struct Ids<'p> {
    /// Before every footnote name and in-page link target of the piece.
    pub prefix: &'p str,
    /// The stem of the ids of its `h2`s (`<stem>-1`, …); `None` leaves headings without ids.
    pub sections: Option<&'p str>,
    /// The in-document anchor a link of the site becomes, when the document holds what it
    /// points at (the printed report's pages, indicators, PKs); `None` keeps every link.
    pub anchors: Option<&'p Anchor<'p>>,
}

/// The in-document anchor of a link's URL, if the document holds what it points at.
pub type Anchor<'a> = dyn Fn(&str) -> Option<String> + 'a;

impl Default for Markdown<'_> {
    fn default() -> Self {
        Markdown {
            base_url: "/",
            heading_offset: 0,
        }
    }
}

impl Markdown<'_> {
    pub fn to_html(&self, markdown: &str) -> String {
        let options =
            Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
        let parser = Parser::new_ext(markdown, options).map(|event| self.sanitise(event));
        let mut out = String::with_capacity(markdown.len() * 3 / 2);
        html::push_html(&mut out, parser);
        out
    }

    fn sanitise<'e>(&self, event: Event<'e>) -> Event<'e> {
        match event {
            // Raw HTML is shown as the text the editor wrote; push_html escapes Text.
            Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Link {
                link_type,
                dest_url: self.safe_url(dest_url),
                title,
                id,
            }),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Image {
                link_type,
                dest_url: self.safe_url(dest_url),
                title,
                id,
            }),
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => Event::Start(Tag::Heading {
                level: self.shift(level),
                id,
                classes,
                attrs,
            }),
            Event::End(pulldown_cmark::TagEnd::Heading(level)) => {
                Event::End(pulldown_cmark::TagEnd::Heading(self.shift(level)))
            }
            other => other,
        }
    }

    /// The HTML of a piece of Markdown that shares one document with others (the printed
    /// report): its footnotes and its in-page links get `ids.prefix`, each of its `h2`s
    /// (after the heading offset) the id `<ids.sections>-1`, `-2`, …, and its links into the
    /// document the anchor `ids.anchors` gives them, on the parser's events, so that no two
    /// pieces can clash and no link leaves the document for what it holds.
    pub fn to_html_with_ids(&self, markdown: &str, ids: &Ids<'_>) -> String {
        let options =
            Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
        let prefixed = |name: &str| -> CowStr<'static> {
            CowStr::Boxed(format!("{}{name}", ids.prefix).into_boxed_str())
        };
        let mut sections = 0;
        let parser = Parser::new_ext(markdown, options)
            .map(|event| self.sanitise(event))
            .map(|event| match event {
                Event::FootnoteReference(name) => Event::FootnoteReference(prefixed(&name)),
                Event::Start(Tag::FootnoteDefinition(name)) => {
                    Event::Start(Tag::FootnoteDefinition(prefixed(&name)))
                }
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => Event::Start(Tag::Link {
                    link_type,
                    dest_url: in_document(dest_url, ids),
                    title,
                    id,
                }),
                Event::Start(Tag::Heading {
                    level: HeadingLevel::H2,
                    id: _,
                    classes,
                    attrs,
                }) if ids.sections.is_some() => {
                    sections += 1;
                    Event::Start(Tag::Heading {
                        level: HeadingLevel::H2,
                        id: Some(CowStr::Boxed(
                            format!("{}-{sections}", ids.sections.unwrap_or_default())
                                .into_boxed_str(),
                        )),
                        classes,
                        attrs,
                    })
                }
                other => other,
            });
        let mut out = String::with_capacity(markdown.len() * 3 / 2);
        html::push_html(&mut out, parser);
        out
    }

    fn shift(&self, level: HeadingLevel) -> HeadingLevel {
        let shifted = (level as usize + self.heading_offset).min(6);
        HeadingLevel::try_from(shifted).unwrap_or(HeadingLevel::H6)
    }

    fn safe_url<'e>(&self, url: CowStr<'e>) -> CowStr<'e> {
        if is_dangerous_url(&url) {
            return CowStr::Borrowed("#");
        }
        if url.starts_with('/') && !url.starts_with("//") && self.base_url != "/" {
            return CowStr::Boxed(format!("{}{}", self.base_url, &url[1..]).into_boxed_str());
        }
        url
    }
}

/// Where a link of a piece of a shared document points: an in-page link gets the piece's
/// prefix (not `#` alone, the stand-in for a removed script URL); a link of the site, the
/// anchor of what it points at when the document holds it.
fn in_document<'e>(url: CowStr<'e>, ids: &Ids<'_>) -> CowStr<'e> {
    if url.len() > 1 && url.starts_with('#') {
        return CowStr::Boxed(format!("#{}{}", ids.prefix, &url[1..]).into_boxed_str());
    }
    match ids.anchors.and_then(|anchor| anchor(&url)) {
        Some(anchor) => CowStr::Boxed(anchor.into_boxed_str()),
        None => url,
    }
}

/// Whether a URL would run code or embed a document when followed. Browsers ignore ASCII
/// whitespace and control characters inside a scheme (`java\tscript:`) and compare it without
/// case, so this does too.
pub fn is_dangerous_url(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
        .collect::<String>()
        .to_ascii_lowercase();
    let Some((scheme, _)) = cleaned.split_once(':') else {
        return false;
    };
    let is_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    is_scheme && matches!(scheme, "javascript" | "vbscript" | "data")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(md: &str) -> String {
        Markdown::default().to_html(md)
    }

    #[test]
    fn script_in_analysis_is_escaped() {
        let out = html("Capaian naik.\n\n<script>alert(1)</script>\n");
        assert!(!out.contains("<script>"), "{out}");
        assert!(
            out.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{out}"
        );
        let inline = html("Lihat <img src=x onerror=alert(1)> ini");
        assert!(!inline.contains("<img"), "{inline}");
        assert!(
            inline.contains("&lt;img src=x onerror=alert(1)&gt;"),
            "{inline}"
        );
    }

    #[test]
    fn dangerous_links_are_neutralised() {
        for md in [
            "[klik](javascript:alert(1))",
            "[klik](JavaScript:alert(1))",
            "[klik](vbscript:msgbox)",
            "[klik](data:text/html;base64,PHNjcmlwdD4=)",
            "[klik](&#106;avascript:alert(1))",
            "![gambar](javascript:alert(1))",
            "<javascript:alert(1)>",
        ] {
            let out = html(md).to_lowercase();
            for attr in ["href=\"", "src=\""] {
                for scheme in ["javascript:", "vbscript:", "data:"] {
                    assert!(!out.contains(&format!("{attr}{scheme}")), "{md} → {out}");
                }
            }
            assert!(
                out.contains("href=\"#\"") || out.contains("src=\"#\""),
                "{md} → {out}"
            );
        }
        assert!(html("[BPS](https://bps.go.id/)").contains("href=\"https://bps.go.id/\""));
        assert!(html("[x](mailto:a@b.id)").contains("mailto:a@b.id"));
        assert!(
            html("[x](notes/data:x)").contains("notes/data:x"),
            "a path is no scheme"
        );
    }

    #[test]
    fn tables_and_footnotes() {
        let out = html("| a | b |\n|---|--:|\n| 1 | 2 |\n\nTeks[^1]\n\n[^1]: Catatan.\n");
        assert!(out.contains("<table>"), "{out}");
        assert!(out.contains("footnote"), "{out}");
    }

    #[test]
    fn root_links_get_the_base_url_and_headings_shift() {
        let md = Markdown {
            base_url: "/lkjip/",
            heading_offset: 2,
        };
        let out = md.to_html("# Judul\n\n[2025](/2025/) [luar](https://x.id/) [rel](a/)");
        assert!(out.contains("<h3>Judul</h3>"), "{out}");
        assert!(out.contains("href=\"/lkjip/2025/\""), "{out}");
        assert!(out.contains("href=\"https://x.id/\""), "{out}");
        assert!(out.contains("href=\"a/\""), "{out}");
        let deep = Markdown {
            base_url: "/",
            heading_offset: 4,
        }
        .to_html("### x");
        assert!(deep.contains("<h6>x</h6>"), "{deep}");
    }

    #[test]
    fn ids_are_prefixed_on_the_events() {
        let ids = Ids {
            prefix: "catatan-p--",
            sections: Some("bag-p"),
            anchors: None,
        };
        let out = Markdown::default().to_html_with_ids(
            "## Satu\n\nTeks[^a] [lihat](#b) [skrip](javascript:x)\n\n## Dua\n\n[^a]: Catatan.\n",
            &ids,
        );
        assert!(out.contains("<h2 id=\"bag-p-1\">Satu</h2>"), "{out}");
        assert!(out.contains("<h2 id=\"bag-p-2\">Dua</h2>"), "{out}");
        assert!(out.contains("href=\"#catatan-p--a\""), "{out}");
        assert!(out.contains("id=\"catatan-p--a\""), "{out}");
        assert!(out.contains("href=\"#catatan-p--b\""), "{out}");
        assert!(
            out.contains("href=\"#\""),
            "the removed script URL stays `#`: {out}"
        );
        let anchors = |url: &str| (url == "/2025/indikator/ipg/").then(|| "#indikator-ipg".into());
        let linked = Markdown::default().to_html_with_ids(
            "[IPG](/2025/indikator/ipg/) [IDG](/2025/indikator/idg/) [x](#b)",
            &Ids {
                prefix: "p--",
                sections: None,
                anchors: Some(&anchors),
            },
        );
        assert!(
            linked.contains("<a href=\"#indikator-ipg\">IPG</a>"),
            "{linked}"
        );
        assert!(
            linked.contains("<a href=\"/2025/indikator/idg/\">IDG</a>"),
            "a link the document does not hold stays: {linked}"
        );
        assert!(linked.contains("<a href=\"#p--b\">x</a>"), "{linked}");
        let plain = Markdown::default().to_html_with_ids(
            "## Satu",
            &Ids {
                prefix: "x-",
                sections: None,
                anchors: None,
            },
        );
        assert_eq!(plain.trim(), "<h2>Satu</h2>");
    }

    #[test]
    fn text_is_escaped() {
        assert!(
            html("a & b < c \"d\"").contains("a &amp; b &lt; c"),
            "{}",
            html("a & b < c")
        );
    }
}
