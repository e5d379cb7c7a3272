//! Compact markup: the indentation the templates carry for their authors is not written.
//!
//! Between tags, a run of whitespace that holds a line break becomes that one line break: a
//! browser collapses any such run to one space anyway, so the page renders the same, while a
//! page of tables loses a tenth of its bytes. Left as they are: the inside of tags (attribute
//! values keep their exact text), comments, and the elements whose whitespace is their content
//! or is not HTML (`pre`, `textarea`, `script`, `style`).

/// Elements whose contents are copied as they are, lower case.
const RAW: [&str; 4] = ["pre", "textarea", "script", "style"];

/// `html` with each whitespace run between tags that holds a line break reduced to `\n`.
///
/// One pass over the bytes: what stays is copied in runs, between the whitespace runs that
/// shrink (a page has a few hundred), not byte by byte.
pub fn compact_html(html: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(html.len());
    let n = html.len();
    let mut copied = 0;
    let mut i = 0;
    while i < n {
        match html[i] {
            b'<' => i = skip_tag(html, i),
            b'\n' => {
                let mut start = i;
                while start > copied && html[start - 1].is_ascii_whitespace() {
                    start -= 1;
                }
                let mut end = i + 1;
                while end < n && html[end].is_ascii_whitespace() {
                    end += 1;
                }
                if start + 1 != end {
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
            compact("<ul>\n    <li>a</li>\n\n    <li>b c</li>\n  </ul>\n"),
            "<ul>\n<li>a</li>\n<li>b c</li>\n</ul>\n"
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
