//! Compact markup: the indentation the templates carry for their authors is not written.
//!
//! Between tags, a run of whitespace that holds a line break becomes that one line break: a
//! browser collapses any such run to one space anyway, so the page renders the same, while a
//! page of tables loses a tenth of its bytes. Between two tags of elements laid out as blocks,
//! table parts or list items (`</li>` and `<li>`, `</td>` and `<td>`, `<ul>` and `<li>`), it
//! goes altogether: whitespace between such boxes is never drawn (the default theme makes none
//! of them inline; a theme that does keeps the elements apart with CSS, as it must already for
//! the `<li>`s the templates write on one line). Left as they are: the inside of tags
//! (attribute values keep their exact text), comments, and the elements whose whitespace is
//! their content or is not HTML (`pre`, `textarea`, `script`, `style`).

/// Elements whose contents are copied as they are, lower case.
const RAW: [&str; 4] = ["pre", "textarea", "script", "style"];

/// Elements whose boxes are blocks, table parts or list items (or not drawn): whitespace
/// between two of their tags is never drawn. Lower case.
const BLOCKS: [&str; 38] = [
    "html",
    "head",
    "body",
    "title",
    "meta",
    "link",
    "header",
    "footer",
    "main",
    "nav",
    "section",
    "article",
    "aside",
    "div",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "caption",
    "figure",
    "figcaption",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
];

/// `html` with each whitespace run between tags that holds a line break reduced to `\n`, or
/// removed between two tags of [`BLOCKS`].
///
/// One pass over the bytes: what stays is copied in runs, between the whitespace runs that
/// shrink (a page has a few hundred), not byte by byte.
pub fn compact_html(html: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(html.len());
    let n = html.len();
    let mut copied = 0;
    let mut i = 0;
    // Where the last tag ended, and whether it is one of `BLOCKS`.
    let mut last_tag = (usize::MAX, false);
    while i < n {
        match html[i] {
            b'<' => {
                let end = skip_tag(html, i);
                // A raw element's contents follow its start tag: the tag is not what ends there.
                let block = html[end - 1] == b'>' && is_block(html, i);
                last_tag = (end, block);
                i = end;
            }
            b'\n' => {
                let mut start = i;
                while start > copied && html[start - 1].is_ascii_whitespace() {
                    start -= 1;
                }
                let mut end = i + 1;
                while end < n && html[end].is_ascii_whitespace() {
                    end += 1;
                }
                let between_blocks = last_tag == (start, true)
                    && html.get(end) == Some(&b'<')
                    && is_block(html, end);
                if between_blocks {
                    out.extend_from_slice(&html[copied..start]);
                    copied = end;
                } else if start + 1 != end {
                    out.extend_from_slice(&html[copied..start]);
                    out.push(b'\n');
                    copied = end;
                }
                i = end;
            }
            _ => i += 1,
        }
    }
    out.extend_from_slice(&html[copied..]);
    out
}

/// Whether the tag at `html[at] == b'<'` is a start or end tag of one of [`BLOCKS`].
fn is_block(html: &[u8], at: usize) -> bool {
    let from = at + 1 + usize::from(html.get(at + 1) == Some(&b'/'));
    let name_end = html[from..]
        .iter()
        .position(|b| !b.is_ascii_alphanumeric())
        .map_or(html.len(), |p| from + p);
    let name = &html[from..name_end];
    !name.is_empty()
        && BLOCKS
            .iter()
            .any(|b| name.eq_ignore_ascii_case(b.as_bytes()))
}

/// The index after the tag (or comment, or declaration) at `html[start] == b'<'`, and after a
/// raw element's contents up to its end tag, which are kept as they are.
fn skip_tag(html: &[u8], start: usize) -> usize {
    if html[start..].starts_with(b"<!--") {
        return find(html, start + 4, b"-->").map_or(html.len(), |e| e + 3);
    }
    // The end of the tag: the first `>` outside quotes.
    let mut i = start + 1;
    let mut quote = 0u8;
    while i < html.len() {
        let b = html[i];
        if quote != 0 {
            if b == quote {
                quote = 0;
            }
        } else if b == b'>' {
            break;
        } else if b == b'"' || b == b'\'' {
            quote = b;
        }
        i += 1;
    }
    let end = (i + 1).min(html.len());
    let name_end = html[start + 1..end]
        .iter()
        .position(|b| !b.is_ascii_alphanumeric())
        .map_or(end, |p| start + 1 + p);
    let name = &html[start + 1..name_end];
    let Some(raw) = RAW.iter().find(|r| name.eq_ignore_ascii_case(r.as_bytes())) else {
        return end;
    };
    if html[..end].ends_with(b"/>") {
        return end;
    }
    // Up to the matching end tag, whatever its case.
    let mut from = end;
    while let Some(lt) = find(html, from, b"</") {
        let after = &html[lt + 2..];
        if after.len() >= raw.len()
            && after[..raw.len()].eq_ignore_ascii_case(raw.as_bytes())
            && after
                .get(raw.len())
                .is_none_or(|b| !b.is_ascii_alphanumeric())
        {
            return lt;
        }
        from = lt + 2;
    }
    html.len()
}

fn find(haystack: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

#[cfg(test)]
mod tests {
    use super::compact_html;

    fn compact(html: &str) -> String {
        String::from_utf8(compact_html(html.as_bytes())).unwrap()
    }

    #[test]
    fn indentation_between_tags_becomes_one_line_break() {
        assert_eq!(
            compact("<p>\n    <a>a</a>\n\n    <b>b c</b>\n  </p>\n"),
            "<p>\n<a>a</a>\n<b>b c</b>\n</p>\n"
        );
    }

    #[test]
    fn between_blocks_list_items_and_table_parts_whitespace_goes() {
        assert_eq!(
            compact("<ul>\n    <li>a</li>\n\n    <LI>b c</li>\n  </ul>\n<p>x</p>"),
            "<ul><li>a</li><LI>b c</li></ul>\n<p>x</p>"
        );
        assert_eq!(
            compact("<table>\n<tr>\n  <td>1</td>\n  <td class=\"num\">2</td>\n</tr>\n</table>"),
            "<table><tr><td>1</td><td class=\"num\">2</td></tr></table>"
        );
        // Beside inline elements and text the line break stays (it is a space there).
        assert_eq!(
            compact("<li><a>x</a>\n<span>y</span>\n</li>\n<li>\nz\n</li>"),
            "<li><a>x</a>\n<span>y</span>\n</li><li>\nz\n</li>"
        );
        // Spaces without a line break stay, even between blocks.
        assert_eq!(compact("<li>a</li> <li>b</li>"), "<li>a</li> <li>b</li>");
    }

    #[test]
    fn a_raw_element_after_a_block_keeps_its_contents() {
        assert_eq!(
            compact("<div>\n<pre>\n  a\n</pre>\n<script>\n</script>\n</div>"),
            "<div>\n<pre>\n  a\n</pre>\n<script>\n</script>\n</div>"
        );
    }

    #[test]
    fn spaces_without_a_line_break_and_text_stay() {
        assert_eq!(
            compact("<p>a  b <b>c</b>  d</p>"),
            "<p>a  b <b>c</b>  d</p>"
        );
    }

    #[test]
    fn attribute_values_comments_and_raw_elements_are_kept() {
        let html = "<p title=\"a\n   b > c\">x</p>\n  <!-- a\n   b -->\n  <pre>\n  code\n    more</pre>\n  \
                    <textarea name=t>\n  typed\n</textarea><SCRIPT>\n  if (a < b) {}\n</script>\n  <style>\n  p {}\n</style>";
        assert_eq!(
            compact(html),
            "<p title=\"a\n   b > c\">x</p>\n<!-- a\n   b -->\n<pre>\n  code\n    more</pre>\n\
             <textarea name=t>\n  typed\n</textarea><SCRIPT>\n  if (a < b) {}\n</script>\n<style>\n  p {}\n</style>"
        );
    }

    #[test]
    fn a_pre_inside_text_keeps_its_lines_and_what_follows_is_compacted() {
        assert_eq!(
            compact("<div>\n  <pre><code>a\n    b</code></pre>\n  <p>c</p>\n</div>"),
            "<div>\n<pre><code>a\n    b</code></pre>\n<p>c</p>\n</div>"
        );
    }

    #[test]
    fn an_unclosed_raw_element_is_copied_to_the_end() {
        assert_eq!(compact("<pre>\n  a\n  b"), "<pre>\n  a\n  b");
    }
}
