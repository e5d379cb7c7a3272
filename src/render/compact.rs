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
/// Bytes that are not UTF-8 (never a rendered page) are returned as they are.
pub fn compact_html(html: &[u8]) -> Vec<u8> {
    match std::str::from_utf8(html) {
        Ok(html) => compact_str(html).into_bytes(),
        Err(_) => html.to_vec(),
    }
}

fn compact_str(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while !rest.is_empty() {
        let lt = rest.find('<').unwrap_or(rest.len());
        compact_text(&rest[..lt], &mut out);
        rest = &rest[lt..];
        if !rest.is_empty() {
            let used = copy_tag(rest, &mut out);
            rest = &rest[used..];
        }
    }
    out
}

/// Copies text between tags, each whitespace run around a line break as one `\n`.
fn compact_text(text: &str, out: &mut String) {
    let bytes = text.as_bytes();
    let mut copied = 0;
    while let Some(nl) = text[copied..].find('\n').map(|p| copied + p) {
        let mut start = nl;
        while start > copied && bytes[start - 1].is_ascii_whitespace() {
            start -= 1;
        }
        let mut end = nl + 1;
        while end < bytes.len() && bytes[end].is_ascii_whitespace() {
            end += 1;
        }
        out.push_str(&text[copied..start]);
        out.push('\n');
        copied = end;
    }
    out.push_str(&text[copied..]);
}

/// Copies the tag (or comment, or declaration) `html` starts with, and after a raw element's
/// start tag its contents up to its end tag; returns how many bytes it copied.
fn copy_tag(html: &str, out: &mut String) -> usize {
    if let Some(comment) = html.strip_prefix("<!--") {
        let end = comment.find("-->").map_or(html.len(), |e| e + 4 + 3);
        out.push_str(&html[..end]);
        return end;
    }
    let end = tag_end(html);
    out.push_str(&html[..end]);
    let name_len = html[1..end]
        .bytes()
        .position(|b| !b.is_ascii_alphanumeric())
        .unwrap_or(end - 1);
    let name = &html[1..1 + name_len];
    let Some(raw) = RAW.iter().find(|r| name.eq_ignore_ascii_case(r)) else {
        return end;
    };
    if html[..end].ends_with("/>") {
        return end;
    }
    // Up to the matching end tag, whatever its case.
    let mut from = end;
    while let Some(lt) = html[from..].find("</").map(|p| from + p) {
        let after = &html.as_bytes()[lt + 2..];
        if after.len() >= raw.len()
            && after[..raw.len()].eq_ignore_ascii_case(raw.as_bytes())
            && after
                .get(raw.len())
                .is_none_or(|b| !b.is_ascii_alphanumeric())
        {
            out.push_str(&html[end..lt]);
            return lt;
        }
        from = lt + 2;
    }
    out.push_str(&html[end..]);
    html.len()
}

/// The index after the `>` that ends the tag `html` starts with (the first outside quotes).
fn tag_end(html: &str) -> usize {
    let Some(gt) = html.find('>') else {
        return html.len();
    };
    if !html[..gt].contains(['"', '\'']) {
        return gt + 1;
    }
    let mut quote = None;
    for (i, b) in html.bytes().enumerate().skip(1) {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => return i + 1,
            None => {}
        }
    }
    html.len()
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
