//! Text for charts: label widths from the embedded font, wrapping, XML escaping and the number
//! format of the site's language.

use std::sync::OnceLock;

use ab_glyph::{Font, FontRef};

/// DejaVu Sans, cut down to Latin (see `assets/fonts/README.md`). Only its advance widths are
/// read; the SVG text names the family so that a page serving this font renders exactly as laid
/// out.
const FONT_BYTES: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-subset.ttf");

/// The CSS font family of every chart: the embedded font first, then fonts of similar or
/// narrower widths, so that labels laid out with DejaVu's metrics never overflow.
pub const FONT_FAMILY: &str = "'DejaVu Sans',Verdana,Arial,sans-serif";

/// Bold glyphs of DejaVu Sans are about this much wider than regular ones.
const BOLD_FACTOR: f64 = 1.12;

/// Advance widths in em, parsed once per process.
struct Metrics {
    font: Option<FontRef<'static>>,
    units_per_em: f32,
    /// Widths of U+0000..U+00FF, the characters nearly every label uses.
    latin: [f32; 256],
}

/// Width in em of a character the font does not have.
const FALLBACK_EM: f32 = 0.62;

fn metrics() -> &'static Metrics {
    static METRICS: OnceLock<Metrics> = OnceLock::new();
    METRICS.get_or_init(|| {
        let font = FontRef::try_from_slice(FONT_BYTES).ok();
        let units_per_em = font
            .as_ref()
            .and_then(|f| f.units_per_em())
            .unwrap_or(2048.0);
        let mut latin = [FALLBACK_EM; 256];
        if let Some(font) = &font {
            for (code, slot) in latin.iter_mut().enumerate() {
                let c = char::from(code as u8);
                let id = font.glyph_id(c);
                if id.0 != 0 {
                    *slot = font.h_advance_unscaled(id) / units_per_em;
                }
            }
        }
        Metrics {
            font,
            units_per_em,
            latin,
        }
    })
}

fn char_em(c: char) -> f32 {
    let m = metrics();
    if (c as u32) < 256 {
        return m.latin[c as usize];
    }
    match &m.font {
        Some(font) => {
            let id = font.glyph_id(c);
            if id.0 == 0 {
                // Wide scripts (CJK and the like) are about one em; others fall back to an
                // average Latin width.
                if c as u32 >= 0x2E80 { 1.0 } else { FALLBACK_EM }
            } else {
                font.h_advance_unscaled(id) / m.units_per_em
            }
        }
        None => FALLBACK_EM,
    }
}

/// The width in px of `text` set at `size` px.
pub fn width(text: &str, size: f64, bold: bool) -> f64 {
    let em: f64 = text.chars().map(|c| f64::from(char_em(c))).sum();
    em * size * if bold { BOLD_FACTOR } else { 1.0 }
}

/// Breaks `text` into at most `max_lines` lines no wider than `max_width`; the last line ends
/// with an ellipsis when the text does not fit. A word wider than a line is cut.
pub fn wrap(text: &str, size: f64, bold: bool, max_width: f64, max_lines: usize) -> Vec<String> {
    let max_lines = max_lines.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut truncated = false;
    for word in text.split_whitespace() {
        let candidate = if current.is_empty() {
            word.to_string()
        } else {
            format!("{current} {word}")
        };
        if width(&candidate, size, bold) <= max_width {
            current = candidate;
            continue;
        }
        if !current.is_empty() {
            lines.push(std::mem::take(&mut current));
            if lines.len() == max_lines {
                truncated = true;
                break;
            }
        }
        // The word alone: cut it if it is wider than a line.
        let mut rest = word;
        while width(rest, size, bold) > max_width {
            let cut = fit_prefix(rest, size, bold, max_width);
            lines.push(rest[..cut].to_string());
            rest = &rest[cut..];
            if lines.len() == max_lines {
                truncated = true;
                break;
            }
        }
        if truncated {
            break;
        }
        current = rest.to_string();
    }
    if !truncated && !current.is_empty() {
        if lines.len() == max_lines {
            truncated = true;
        } else {
            lines.push(current);
        }
    }
    if truncated && let Some(last) = lines.last_mut() {
        *last = ellipsize(last, size, bold, max_width);
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// `text` as it is when it fits in `max_width`, else cut with an ellipsis.
pub fn ellipsize_if_needed(text: &str, size: f64, max_width: f64) -> String {
    if width(text, size, false) <= max_width {
        text.to_string()
    } else {
        ellipsize(text, size, false, max_width)
    }
}

/// `text` cut so that it and a trailing "…" fit in `max_width`.
pub fn ellipsize(text: &str, size: f64, bold: bool, max_width: f64) -> String {
    let room = max_width - width("…", size, bold);
    let cut = fit_prefix(text, size, bold, room.max(0.0));
    format!("{}…", text[..cut].trim_end())
}

/// The byte length of the longest prefix of `text` no wider than `max_width` (at least one
/// character, so that wrapping always advances).
fn fit_prefix(text: &str, size: f64, bold: bool, max_width: f64) -> usize {
    let factor = size * if bold { BOLD_FACTOR } else { 1.0 };
    let mut used = 0.0;
    for (i, c) in text.char_indices() {
        used += f64::from(char_em(c)) * factor;
        if used > max_width {
            return if i == 0 { c.len_utf8() } else { i };
        }
    }
    text.len()
}

/// Appends `text` with the XML special characters escaped and control characters (not allowed
/// in XML) dropped.
pub fn escape_into(out: &mut String, text: &str) {
    // Runs of ordinary text are copied whole: a chart's description is long and mostly plain,
    // and pushing it a character at a time was a visible part of drawing a chart. A byte
    // starts something to replace when it is ASCII special or control, or 0xC2, the first
    // byte of the C1 controls (U+0080–U+009F) that `char::is_control` also counts.
    let bytes = text.as_bytes();
    let mut plain = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let replacement = match b {
            b'<' => Some("&lt;"),
            b'>' => Some("&gt;"),
            b'&' => Some("&amp;"),
            b'"' => Some("&quot;"),
            b'\'' => Some("&#39;"),
            b'\t' | b'\n' | b'\r' => Some(" "),
            0..=0x1f | 0x7f => Some(""),
            0xc2 if matches!(bytes.get(i + 1), Some(0x80..=0x9f)) => Some(""),
            _ => None,
        };
        let Some(replacement) = replacement else {
            i += 1;
            continue;
        };
        out.push_str(&text[plain..i]);
        out.push_str(replacement);
        // A C1 control is two bytes long.
        i += if b == 0xc2 { 2 } else { 1 };
        plain = i;
    }
    out.push_str(&text[plain..]);
}

pub use crate::format::{DASH, Format as Numbers};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_copies_runs_as_the_character_by_character_rule_does() {
        fn by_char(text: &str) -> String {
            let mut out = String::new();
            for c in text.chars() {
                match c {
                    '<' => out.push_str("&lt;"),
                    '>' => out.push_str("&gt;"),
                    '&' => out.push_str("&amp;"),
                    '"' => out.push_str("&quot;"),
                    '\'' => out.push_str("&#39;"),
                    '\t' | '\n' | '\r' => out.push(' '),
                    c if c.is_control() => {}
                    c => out.push(c),
                }
            }
            out
        }
        let pieces = [
            "a", "Capaian ", "<", ">", "&", "\"", "'", "\t", "\n", "\r", "\u{0}", "\u{1f}",
            "\u{7f}", "\u{80}", "\u{9f}", "\u{a0}", "\u{c2}", "é", "–", "…", "₹", "😀", "\u{2028}",
        ];
        // Every string of up to three pieces, and a longer pseudo-random sample.
        let mut texts: Vec<String> = vec![String::new()];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    texts.push(format!("{a}{b}{c}"));
                }
            }
        }
        let mut seed: u64 = 7;
        for _ in 0..2000 {
            let mut text = String::new();
            for _ in 0..20 {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            texts.push(text);
        }
        for text in &texts {
            let mut out = String::from("x");
            escape_into(&mut out, text);
            assert_eq!(out, format!("x{}", by_char(text)), "{text:?}");
        }
    }

    #[test]
    fn widths_come_from_the_font() {
        // DejaVu Sans: "i" is narrow, "W" is wide, a digit is 0.636 em.
        assert!(width("i", 10.0, false) < width("W", 10.0, false));
        assert!((width("0", 100.0, false) - 63.6).abs() < 0.5);
        assert!(width("abc", 12.0, true) > width("abc", 12.0, false));
    }

    #[test]
    fn wrapping_and_ellipsis() {
        let long = "Persentase perempuan dan anak korban kekerasan yang mendapatkan layanan \
                    komprehensif dari unit pelayanan terpadu daerah";
        let lines = wrap(long, 12.0, false, 150.0, 3);
        assert_eq!(lines.len(), 3);
        assert!(lines.iter().all(|l| width(l, 12.0, false) <= 150.0));
        assert!(lines[2].ends_with('…'));
        assert_eq!(wrap("IPG", 12.0, false, 150.0, 3), ["IPG"]);
        let word = "x".repeat(200);
        let cut = wrap(&word, 12.0, false, 100.0, 2);
        assert_eq!(cut.len(), 2);
        assert!(cut.iter().all(|l| width(l, 12.0, false) <= 100.0));
        assert_eq!(wrap("", 12.0, false, 100.0, 2), [""]);
    }

    #[test]
    fn escaping() {
        let mut out = String::new();
        escape_into(&mut out, "<script>alert('x')</script> & \"q\"\u{7}");
        assert_eq!(
            out,
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
    }
}
