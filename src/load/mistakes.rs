//! What editors' tools leave in files, explained at the place: Word's curly quotes, characters
//! that show as nothing or look like others, old Mac line endings, git's conflict markers,
//! backup copies and upper-case extensions, misspelt words of a closed list, malformed NIPs.
//!
//! The checks here only find and word these mistakes; `load` decides what a file then is (read,
//! ignored, or unreadable, so that files referring to it give no second error).

use std::ops::Range;
use std::path::Path;

use crate::finding::{Finding, did_you_mean, say};
use crate::model::{FileId, Language, Report, Sp};

/// The language findings are written in before the model exists: site.toml's `bahasa` when the
/// file can be read for it (even if it holds other mistakes), Indonesian otherwise.
pub(super) fn site_language(text: &str) -> Language {
    #[derive(serde::Deserialize)]
    struct LanguageOnly {
        #[serde(default, rename = "bahasa")]
        language: Language,
    }
    if let Ok(site) = toml::from_str::<LanguageOnly>(text) {
        return site.language;
    }
    // A file that does not parse: its `bahasa` line, if it has a plain one.
    let english = text.lines().any(|line| {
        let line = line.trim();
        line.strip_prefix("bahasa")
            .map(|rest| rest.trim_start())
            .and_then(|rest| rest.strip_prefix('='))
            .is_some_and(|value| {
                let value = value.split('#').next().unwrap_or("").trim();
                value == "\"en\"" || value == "'en'"
            })
    });
    if english {
        Language::English
    } else {
        Language::Indonesian
    }
}

/// The language of the site in `content`, read from its site.toml (see [`site_language`]).
pub(super) fn site_language_in(content: &Path) -> Language {
    let path = content.join("site.toml");
    match std::fs::metadata(&path) {
        Ok(m) if m.is_file() && m.len() <= super::MAX_FILE_BYTES => std::fs::read(&path)
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .map_or(Language::Indonesian, |text| site_language(&text)),
        _ => Language::Indonesian,
    }
}

// -- Characters ----------------------------------------------------------------------------

/// A character that is not what it seems.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Odd {
    /// Shows as nothing, or as a plain space: zero-width, direction marks, soft hyphen,
    /// non-breaking spaces, control characters.
    Invisible,
    /// Looks like an ASCII character (`plain`) but is another one: Cyrillic and Greek letters,
    /// full-width forms, the minus sign and dashes.
    LookAlike(char),
    /// A typographic quote, as Word and WhatsApp type them.
    CurlyQuote(char),
}

/// What is odd about `c`, if anything.
pub(super) fn odd(c: char) -> Option<Odd> {
    if c.is_ascii() {
        return (c.is_control() && !matches!(c, '\t' | '\n' | '\r')).then_some(Odd::Invisible);
    }
    let plain = match c {
        '\u{00a0}'
        | '\u{2007}'
        | '\u{202f}'
        | '\u{3000}'
        | '\u{00ad}'
        | '\u{034f}'
        | '\u{061c}'
        | '\u{115f}'
        | '\u{1160}'
        | '\u{180e}'
        | '\u{200b}'..='\u{200f}'
        | '\u{2028}'..='\u{202e}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{206f}'
        | '\u{feff}'
        | '\u{fff9}'..='\u{fffb}' => return Some(Odd::Invisible),
        c if c.is_control() => return Some(Odd::Invisible),
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '\u{00ab}'
        | '\u{00bb}' | '\u{ff02}' => return Some(Odd::CurlyQuote('"')),
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '\u{ff07}' => {
            return Some(Odd::CurlyQuote('\''));
        }
        '\u{2212}' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}'
        | '\u{2015}' | '\u{fe63}' | '\u{ff0d}' => '-',
        // Full-width ASCII, as Asian input methods type it.
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(u32::from(c) - 0xfee0).unwrap_or('?'),
        // Cyrillic letters that look Latin.
        'а' => 'a',
        'в' => 'b',
        'е' => 'e',
        'о' => 'o',
        'р' => 'p',
        'с' => 'c',
        'у' => 'y',
        'х' => 'x',
        'і' => 'i',
        'ј' => 'j',
        'ѕ' => 's',
        'ԁ' => 'd',
        'һ' => 'h',
        'ӏ' => 'l',
        'к' => 'k',
        'м' => 'm',
        'н' => 'h',
        'т' => 't',
        'А' => 'A',
        'В' => 'B',
        'Е' => 'E',
        'К' => 'K',
        'М' => 'M',
        'Н' => 'H',
        'О' => 'O',
        'Р' => 'P',
        'С' => 'C',
        'Т' => 'T',
        'Х' => 'X',
        'І' => 'I',
        'Ј' => 'J',
        'Ѕ' => 'S',
        // Greek letters that look Latin.
        'α' => 'a',
        'ο' => 'o',
        'ν' => 'v',
        'ι' => 'i',
        'κ' => 'k',
        'ρ' => 'p',
        'υ' => 'u',
        'Α' => 'A',
        'Β' => 'B',
        'Ε' => 'E',
        'Ζ' => 'Z',
        'Η' => 'H',
        'Ι' => 'I',
        'Κ' => 'K',
        'Μ' => 'M',
        'Ν' => 'N',
        'Ο' => 'O',
        'Ρ' => 'P',
        'Τ' => 'T',
        'Υ' => 'Y',
        'Χ' => 'X',
        _ => return None,
    };
    Some(Odd::LookAlike(plain))
}

/// The character's name in the user's words, with its code point.
fn name_of(language: Language, c: char) -> String {
    let (id, en) = match c {
        '\u{00a0}' | '\u{2007}' | '\u{202f}' => ("spasi tak-putus", "a non-breaking space"),
        '\u{3000}' => ("spasi lebar", "a full-width space"),
        '\u{00ad}' => ("tanda hubung lunak", "a soft hyphen"),
        '\u{200b}' => ("spasi lebar-nol", "a zero-width space"),
        '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' => {
            ("karakter lebar-nol", "a zero-width character")
        }
        '\u{200e}'
        | '\u{200f}'
        | '\u{061c}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}' => ("tanda arah teks", "a text direction mark"),
        '\u{2212}' => ("tanda minus", "a minus sign"),
        '\u{2013}' => ("tanda pisah en", "an en dash"),
        '\u{2014}' | '\u{2015}' => ("tanda pisah em", "an em dash"),
        '\u{2010}' | '\u{2011}' | '\u{2012}' => ("tanda hubung tipografi", "a typographic hyphen"),
        '\u{ff01}'..='\u{ff5e}' => ("karakter lebar penuh", "a full-width character"),
        '\u{0400}'..='\u{052f}' => ("huruf Sirilik", "a Cyrillic letter"),
        '\u{0370}'..='\u{03ff}' => ("huruf Yunani", "a Greek letter"),
        c if c.is_control() => ("karakter kendali", "a control character"),
        _ => ("karakter khusus", "a special character"),
    };
    format!("{} (U+{:04X})", say(language, id, en), u32::from(c))
}

/// The first odd character in `text[range]` (kept on character boundaries), with its offset.
fn first_odd(text: &str, range: Range<usize>) -> Option<(usize, char, Odd)> {
    let start = floor(text, range.start);
    let end = floor(text, range.end.max(start));
    text[start..end]
        .char_indices()
        .find_map(|(i, c)| odd(c).map(|o| (start + i, c, o)))
}

fn floor(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// A TOML parse error explained by an odd character at it (or just before it): the headline,
/// the help and where the character is in `text`. `span` is the parser's.
pub(super) fn odd_at_error(
    language: Language,
    text: &str,
    span: &Range<usize>,
    message: &str,
) -> Option<(String, String, Range<usize>)> {
    // Only syntax errors: the span of a type error or a missing key can be a whole table, with
    // text in it that may hold any character.
    let typed = [
        "missing field",
        "unknown field",
        "invalid type",
        "invalid value",
        "invalid length",
        "unknown variant",
        "duplicate",
    ];
    if typed.iter().any(|t| message.starts_with(t)) || message.contains(": write ") {
        return None;
    }
    // The parser's span covers the bad value or key; the character may be anywhere in it, or
    // be the one just before an empty span.
    let before = text[..floor(text, span.start)]
        .chars()
        .next_back()
        .map_or(0, char::len_utf8);
    let found = first_odd(
        text,
        span.start.saturating_sub(before)..span.end.max(span.start + 1),
    )
    .or_else(|| {
        // An unclosed string whose line ends with a curly quote: Word curled the closing one.
        (message.starts_with("invalid basic string")
            || message.starts_with("invalid literal string"))
        .then(|| {
            let line_start = text[..floor(text, span.start)]
                .rfind('\n')
                .map_or(0, |i| i + 1);
            let line = text[line_start..floor(text, span.start)].trim_end();
            let last = line.chars().next_back()?;
            matches!(odd(last), Some(Odd::CurlyQuote(_))).then(|| {
                (
                    line_start + line.len() - last.len_utf8(),
                    last,
                    Odd::CurlyQuote(last),
                )
            })
        })
        .flatten()
    })?;
    let (mut at, c, kind) = found;
    // A run of them (an indentation of non-breaking spaces): point at the first.
    while let Some(p) = text[..at].chars().next_back().filter(|&p| p == c) {
        at -= p.len_utf8();
    }
    let here = at..at + c.len_utf8();
    let (headline, help) = match kind {
        Odd::CurlyQuote(plain) => (
            say(
                language,
                format!("tanda kutip `{c}` dari Word bukan tanda kutip TOML"),
                format!("Word's curly quote `{c}` does not open or close text in TOML"),
            ),
            say(
                language,
                format!(
                    "tulis teks di antara tanda kutip lurus {plain}…{plain}; Word, WhatsApp dan ponsel mengganti tanda kutip lurus dengan yang melengkung: sunting berkas ini dengan Notepad atau editor teks, bukan Word"
                ),
                format!(
                    "put text between straight quotes {plain}…{plain}; Word, WhatsApp and phones turn straight quotes into curly ones: edit this file in Notepad or a text editor, not in Word"
                ),
            ),
        ),
        Odd::LookAlike(plain) => (
            say(
                language,
                format!(
                    "`{c}` di sini adalah {}, mirip `{plain}` tetapi bukan karakter yang sama",
                    name_of(language, c)
                ),
                format!(
                    "`{c}` here is {}: it looks like `{plain}` but is another character",
                    name_of(language, c)
                ),
            ),
            say(
                language,
                format!(
                    "hapus dan ketik ulang `{plain}` dengan papan ketik; karakter ini biasanya ikut tersalin dari Word, Excel, PDF atau halaman web"
                ),
                format!(
                    "delete it and type `{plain}` on the keyboard; such characters come along when text is copied from Word, Excel, a PDF or a web page"
                ),
            ),
        ),
        Odd::Invisible => (
            say(
                language,
                format!(
                    "ada karakter tak terlihat di sini: {}",
                    name_of(language, c)
                ),
                format!("an invisible character is here: {}", name_of(language, c)),
            ),
            say(
                language,
                "hapus karakter itu (atau ketik spasi biasa sebagai gantinya): biasanya ikut tersalin dari PDF, Word, WhatsApp atau halaman web",
                "delete it (or type a plain space instead): it comes along when text is copied from a PDF, Word, WhatsApp or a web page",
            ),
        ),
    };
    Some((headline, help, here))
}

/// An id or a reference to one (`ipg`, `kabid-pp`) that holds an odd character: the finding
/// at that character, and the id as it looks (invisible characters dropped, look-alikes made
/// plain), for the later stages to compare without a second error.
pub(super) fn odd_in_id(
    language: Language,
    text: &str,
    file: FileId,
    id: &Sp<String>,
) -> Option<(Finding, String)> {
    if id.value.is_ascii() && !id.value.bytes().any(|b| b.is_ascii_control()) {
        return None;
    }
    let (c, kind) = id.value.chars().find_map(|c| odd(c).map(|o| (c, o)))?;
    // Where the character is written: inside the value's span, else the whole value.
    let place = text
        .get(id.span.clone())
        .and_then(|written| written.find(c))
        .map_or(id.span.clone(), |i| {
            id.span.start + i..id.span.start + i + c.len_utf8()
        });
    let plain: String = id
        .value
        .chars()
        .filter_map(|c| match odd(c) {
            Some(Odd::Invisible) => None,
            Some(Odd::LookAlike(p) | Odd::CurlyQuote(p)) => Some(p),
            None => Some(c),
        })
        .collect();
    let what = match kind {
        Odd::Invisible => say(
            language,
            format!(
                "`{plain}` berisi karakter tak terlihat: {}",
                name_of(language, c)
            ),
            format!(
                "`{plain}` holds an invisible character: {}",
                name_of(language, c)
            ),
        ),
        Odd::LookAlike(p) | Odd::CurlyQuote(p) => say(
            language,
            format!(
                "`{}` berisi `{c}`, {} yang mirip `{p}` tetapi bukan huruf yang sama",
                id.value,
                name_of(language, c)
            ),
            format!(
                "`{}` holds `{c}`, {} that looks like `{p}` but is another character",
                id.value,
                name_of(language, c)
            ),
        ),
    };
    let help = say(
        language,
        format!(
            "ketik ulang id ini dengan papan ketik: `{plain}`; id dibandingkan huruf demi huruf, jadi id yang tampak sama tetapi berbeda karakter tidak akan ditemukan"
        ),
        format!(
            "type the id again on the keyboard: `{plain}`; ids are compared character by character, so an id that looks the same but differs in one character is not found"
        ),
    );
    let label = say(language, "karakter ini", "this character");
    Some((
        Finding::error(what).at(file, place).label(label).help(help),
        plain,
    ))
}

// -- Whole files ----------------------------------------------------------------------------

/// A line git writes around a conflict: `<<<<<<< HEAD`, `|||||||`, `=======`, `>>>>>>> main`.
fn marker(line: &str) -> Option<char> {
    let line = line.trim_end_matches(['\r', '\n']);
    for c in ['<', '>', '|', '='] {
        let run = line.chars().take_while(|&x| x == c).count();
        if run == 7 {
            let rest = &line[7..];
            let fits = if c == '=' {
                rest.trim().is_empty()
            } else {
                rest.is_empty() || rest.starts_with(' ')
            };
            if fits {
                return Some(c);
            }
        }
    }
    None
}

/// Where the first conflict marker of an unresolved git merge is, and how many conflicts the
/// file holds. In a page a `=======` line alone is a heading's underline: only `<<<<<<<` and
/// `>>>>>>>` count there.
pub(super) fn conflict(text: &str, toml: bool) -> Option<(usize, usize)> {
    // Most files hold no run of seven: one pass of `contains` each, not a look at every line.
    let possible = text.contains("<<<<<<<")
        || text.contains(">>>>>>>")
        || (toml && (text.contains("=======") || text.contains("|||||||")));
    if !possible {
        return None;
    }
    let mut first = None;
    let mut conflicts = 0;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if let Some(c) = marker(line)
            && (toml || c != '=')
        {
            first.get_or_insert(offset);
            if c == '<' {
                conflicts += 1;
            }
        }
        offset += line.len();
    }
    // A file whose `<<<<<<<` lines were deleted and the rest left.
    first.map(|at| (at, conflicts.max(1)))
}

/// The finding for [`conflict`].
pub(super) fn conflict_finding(
    language: Language,
    file: FileId,
    text: &str,
    at: usize,
    conflicts: usize,
) -> Finding {
    let end = text[at..].find(['\n', '\r']).map_or(text.len(), |i| at + i);
    let count = match (conflicts, language) {
        (1, _) => String::new(),
        (n, Language::Indonesian) => format!(" (berkas ini memuat {n} konflik)"),
        (n, Language::English) => format!(" (this file holds {n} conflicts)"),
    };
    Finding::error(say(
        language,
        format!("penggabungan git (merge) yang belum selesai: penanda konflik tertinggal di berkas ini{count}"),
        format!("an unresolved git merge: conflict markers are left in this file{count}"),
    ))
    .at(file, at..end)
    .label(say(language, "penanda pertama", "first marker"))
    .help(say(
        language,
        "git menemukan dua versi baris ini dan menyimpan keduanya: versi Anda di antara `<<<<<<<` dan `=======`, versi yang lain di antara `=======` dan `>>>>>>>`. Sisakan baris yang benar, hapus ketiga baris penanda, simpan, lalu jalankan `git add` dan `git commit`",
        "git found two versions of these lines and kept both: yours between `<<<<<<<` and `=======`, the other between `=======` and `>>>>>>>`. Keep the right lines, delete the three marker lines, save, then run `git add` and `git commit`",
    ))
}

/// The first carriage return not followed by a line feed: an old Mac line ending, which TOML
/// does not accept (and which puts a whole file on one line).
pub(super) fn lone_cr(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    memchr_all(bytes, b'\r').find(|&i| bytes.get(i + 1) != Some(&b'\n'))
}

fn memchr_all(bytes: &[u8], b: u8) -> impl Iterator<Item = usize> + '_ {
    bytes
        .iter()
        .enumerate()
        .filter(move |(_, x)| **x == b)
        .map(|(i, _)| i)
}

/// The finding for [`lone_cr`].
pub(super) fn lone_cr_finding(language: Language, file: FileId, text: &str, at: usize) -> Finding {
    // A file saved on an old Mac has no line feed at all; otherwise a few lines were pasted.
    let (message, label) = if text.contains('\n') {
        (
            say(
                language,
                "baris ini diakhiri CR saja (akhir baris Mac lama), yang tidak dikenal TOML",
                "this line ends with a lone CR (an old Mac line ending), which TOML does not accept",
            ),
            say(language, "CR tanpa LF", "CR without LF"),
        )
    } else {
        (
            say(
                language,
                "baris-baris berkas ini diakhiri CR saja (akhir baris Mac lama), yang tidak dikenal TOML",
                "this file ends its lines with a lone CR (old Mac line endings), which TOML does not accept",
            ),
            say(language, "akhir baris pertama", "first line end"),
        )
    };
    Finding::error(message)
        .at(file, at..at + 1)
        .label(label)
        .help(say(
            language,
            "simpan ulang berkas dengan akhir baris Windows (CRLF) atau Unix (LF): di Notepad++ pilih Edit → EOL Conversion → Windows (CR LF); di editor lain cari \"line endings\"",
            "save the file again with Windows (CRLF) or Unix (LF) line endings: in Notepad++ choose Edit → EOL Conversion → Windows (CR LF); in other editors look for \"line endings\"",
        ))
}

// -- File names -----------------------------------------------------------------------------

/// The name of the file a backup or duplicate copy was made from: `kepala (1).toml`,
/// `kepala - Copy.toml`, `kepala - Salinan.toml`, `Salinan kepala.toml`, `Copy of kepala.toml`,
/// `kepala copy.toml`, `kepala.toml.bak`, `kepala.toml.orig`, `kepala.toml~`,
/// `kepala_BACKUP_1234.toml` (git mergetool) all come from `kepala.toml`.
pub(super) fn copy_of(name: &str) -> Option<String> {
    // Suffixes after the whole name.
    for suffix in [".bak", ".orig", ".old", ".backup", "~"] {
        if let Some(original) = strip_suffix_ignore_case(name, suffix)
            && !original.is_empty()
            && !original.ends_with('.')
        {
            return Some(original.to_string());
        }
    }
    // Prefixes before the whole name.
    for prefix in ["salinan dari ", "salinan - ", "salinan ", "copy of "] {
        if let Some(head) = name
            .get(..prefix.len())
            .filter(|_| name.len() > prefix.len())
            && head.eq_ignore_ascii_case(prefix)
        {
            return Some(name[prefix.len()..].to_string());
        }
    }
    // Marks between the stem and the extension.
    let (stem, ext) = match name.rfind('.') {
        Some(i) if i > 0 => (&name[..i], &name[i..]),
        _ => (name, ""),
    };
    let stem_of = |stem: &str| -> Option<String> {
        // ASCII only, so that offsets in `lower` are offsets in `stem`.
        let lower = stem.to_ascii_lowercase();
        // ` (2)`, ` - Copy (2)`, ` copy 2`: a trailing number first.
        let trimmed = strip_number(&lower);
        for mark in [
            " - copy",
            " - salinan",
            " copy",
            " (copy)",
            " (salinan)",
            " salinan",
        ] {
            if let Some(rest) = trimmed.strip_suffix(mark) {
                return Some(stem[..rest.len()].to_string());
            }
        }
        if trimmed.len() < lower.len() && lower[trimmed.len()..].trim_start().starts_with('(') {
            return Some(stem[..trimmed.len()].to_string());
        }
        // git mergetool's `kepala_BACKUP_1234`, `kepala_BASE_1234`, …
        for mark in ["_BACKUP_", "_BASE_", "_LOCAL_", "_REMOTE_"] {
            if let Some(i) = stem.rfind(mark) {
                let digits = &stem[i + mark.len()..];
                if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
                    return Some(stem[..i].to_string());
                }
            }
        }
        None
    };
    let original = stem_of(stem)?;
    (!original.trim().is_empty()).then(|| format!("{}{ext}", original.trim_end()))
}

/// `kepala (2)` → `kepala`, `kepala - copy (2)` → `kepala - copy`, `kepala copy 2` →
/// `kepala copy`; anything else unchanged.
fn strip_number(stem: &str) -> &str {
    if let Some(inner) = stem.strip_suffix(')')
        && let Some(open) = inner.rfind('(')
    {
        let number = &inner[open + 1..];
        if !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) {
            return stem[..open].trim_end();
        }
    }
    if let Some(space) = stem.rfind(' ') {
        let number = &stem[space + 1..];
        let before = &stem[..space];
        if !number.is_empty()
            && number.bytes().all(|b| b.is_ascii_digit())
            && (before.ends_with(" copy") || before.ends_with(" salinan"))
        {
            return before;
        }
    }
    stem
}

fn strip_suffix_ignore_case<'a>(name: &'a str, suffix: &str) -> Option<&'a str> {
    let at = name.len().checked_sub(suffix.len())?;
    (name.is_char_boundary(at) && name[at..].eq_ignore_ascii_case(suffix)).then(|| &name[..at])
}

/// The name the file would have with a lower-case extension, when its extension is `.toml`
/// or `.md` in other letters (`kepala.TOML`, `profil.Md`), or when Notepad added `.txt` to it
/// (`kepala.toml.txt`).
pub(super) fn misnamed(name: &str) -> Option<(String, Misnamed)> {
    if let Some(original) = strip_suffix_ignore_case(name, ".toml.txt")
        .map(|s| format!("{s}.toml"))
        .or_else(|| strip_suffix_ignore_case(name, ".md.txt").map(|s| format!("{s}.md")))
    {
        return Some((original, Misnamed::TxtAdded));
    }
    // The files with a fixed name, their name in capitals: `Site.toml`, `SOP.toml`,
    // `Proses.toml` (`site.TOML` is only its extension).
    let lower = name.to_ascii_lowercase();
    let fixed = ["site.toml", "sop.toml", "renstra.toml", "proses.toml"];
    let stem_changes = name
        .rfind('.')
        .is_some_and(|dot| name[..dot] != lower[..dot]);
    if stem_changes && fixed.contains(&lower.as_str()) {
        return Some((lower, Misnamed::UpperCaseName));
    }
    let (stem, ext) = name.split_at(name.rfind('.')?);
    let lower = ext.to_ascii_lowercase();
    (ext != lower && (lower == ".toml" || lower == ".md") && !stem.is_empty())
        .then(|| (format!("{stem}{lower}"), Misnamed::UpperCase))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Misnamed {
    /// `kepala.TOML`: the extension.
    UpperCase,
    /// `Site.toml`: a name that is fixed, in lower case.
    UpperCaseName,
    /// `kepala.toml.txt`.
    TxtAdded,
}

/// The error for a misnamed file: it is not read.
pub(super) fn misnamed_text(
    language: Language,
    name: &str,
    proper: &str,
    how: Misnamed,
) -> (String, String) {
    let ext = &name[name.rfind('.').unwrap_or(0)..];
    let lower = ext.to_ascii_lowercase();
    match how {
        Misnamed::UpperCase => (
            say(
                language,
                format!(
                    "ekstensi `{ext}` ditulis dengan huruf besar: capaian hanya membaca berkas `{lower}`, jadi berkas ini diabaikan"
                ),
                format!(
                    "the extension `{ext}` is upper-case: capaian reads only `{lower}` files, so this file is ignored"
                ),
            ),
            say(
                language,
                format!("ganti nama berkas ini menjadi `{proper}` (ekstensi dengan huruf kecil)"),
                format!("rename the file to `{proper}` (a lower-case extension)"),
            ),
        ),
        Misnamed::UpperCaseName => (
            say(
                language,
                format!(
                    "berkas ini harus bernama `{proper}` (huruf kecil): capaian tidak membaca `{name}`"
                ),
                format!(
                    "this file must be named `{proper}` (lower case): capaian does not read `{name}`"
                ),
            ),
            say(
                language,
                format!("ganti nama berkas ini menjadi `{proper}`"),
                format!("rename the file to `{proper}`"),
            ),
        ),
        Misnamed::TxtAdded => (
            say(
                language,
                format!("berkas ini bernama `{name}`, bukan `{proper}`: capaian tidak membacanya"),
                format!("this file is named `{name}`, not `{proper}`: capaian does not read it"),
            ),
            say(
                language,
                format!(
                    "Notepad menambahkan `.txt` saat menyimpan: ganti nama berkas menjadi `{proper}`; saat \"Save As\" pilih \"All Files (*.*)\" pada \"Save as type\". Di Windows Explorer, nyalakan View → File name extensions agar ekstensi terlihat"
                ),
                format!(
                    "Notepad added `.txt` when saving: rename the file to `{proper}`; in \"Save As\" choose \"All Files (*.*)\" as \"Save as type\". In Windows Explorer, turn on View → File name extensions to see extensions"
                ),
            ),
        ),
    }
}

/// The finding's text for a file named like a copy (`kepala (1).toml`, as a browser or WhatsApp
/// saves a download) when there is no file of the original name: it is read under neither.
pub(super) fn copy_named_text(language: Language, name: &str, original: &str) -> (String, String) {
    (
        say(
            language,
            format!("`{name}` bernama seperti salinan dari `{original}`: capaian tidak membacanya"),
            format!("`{name}` is named like a copy of `{original}`: capaian does not read it"),
        ),
        say(
            language,
            format!(
                "ganti nama berkas menjadi `{original}` (browser dan WhatsApp menambahkan \" (1)\" pada berkas yang diunduh dua kali)"
            ),
            format!(
                "rename the file to `{original}` (browsers and WhatsApp add \" (1)\" to a file downloaded twice)"
            ),
        ),
    )
}

/// The warning's text for a copy of a folder (`2025 - Copy/`): nothing in it is read.
pub(super) fn folder_copy_text(language: Language, name: &str, original: &str) -> (String, String) {
    (
        say(
            language,
            format!("folder `{name}/` tampaknya salinan dari `{original}/`; isinya tidak dibaca"),
            format!(
                "the folder `{name}/` looks like a copy of `{original}/`; nothing in it is read"
            ),
        ),
        say(
            language,
            format!(
                "capaian hanya membaca `{original}/`: jika Anda menyunting berkas di salinan ini, pindahkan perubahannya ke `{original}/`; lalu hapus salinannya (git menyimpan versi lama)"
            ),
            format!(
                "capaian reads only `{original}/`: if you edited files in this copy, move your changes into `{original}/`; then delete the copy (git keeps the old versions)"
            ),
        ),
    )
}

/// The finding's text for a copy that would be read as data (`loaded`) or is ignored.
pub(super) fn copy_text(
    language: Language,
    rel: &str,
    name: &str,
    original: &str,
    loaded_as: Option<&str>,
) -> (String, String) {
    match loaded_as {
        Some(what) => (
            say(
                language,
                format!(
                    "`{name}` tampaknya salinan dari `{original}`: capaian akan membacanya {what}"
                ),
                format!("`{name}` looks like a copy of `{original}`: capaian would read it {what}"),
            ),
            say(
                language,
                format!(
                    "simpan satu berkas saja: jika salinan ini yang terbaru, pindahkan isinya ke `{original}`; lalu hapus `{rel}` atau pindahkan ke luar folder konten (git menyimpan versi lama)"
                ),
                format!(
                    "keep one file: if this copy is the newer one, move its content into `{original}`; then delete `{rel}` or move it out of the content folder (git keeps the old versions)"
                ),
            ),
        ),
        None => (
            say(
                language,
                format!(
                    "`{rel}` tampaknya salinan cadangan dari `{original}`; berkas ini diabaikan"
                ),
                format!("`{rel}` looks like a backup copy of `{original}`; it is ignored"),
            ),
            say(
                language,
                format!(
                    "capaian hanya membaca `{original}`: jika Anda menyunting salinan ini, pindahkan perubahannya ke `{original}`; lalu hapus salinannya (git menyimpan versi lama)"
                ),
                format!(
                    "capaian reads only `{original}`: if you edited this copy, move your changes into `{original}`; then delete the copy (git keeps the old versions)"
                ),
            ),
        ),
    }
}

// -- Words of a closed list -----------------------------------------------------------------

/// What editors write for the words capaian knows (`peran`, `polaritas`, `akumulasi`,
/// `eselon`, `bahasa`, `edisi`): the usual titles and abbreviations of Indonesian offices.
const SYNONYMS: &[(&str, &str)] = &[
    ("kepala", "kepala_opd"),
    ("kepala_dinas", "kepala_opd"),
    ("kadis", "kepala_opd"),
    ("kepala_badan", "kepala_opd"),
    ("kaban", "kepala_opd"),
    ("kepala_kantor", "kepala_opd"),
    ("pimpinan", "kepala_opd"),
    ("sekdis", "sekretaris"),
    ("sekban", "sekretaris"),
    ("sekretaris_dinas", "sekretaris"),
    ("sekretaris_badan", "sekretaris"),
    ("kepala_bidang", "kabid"),
    ("kabag", "kabid"),
    ("kepala_bagian", "kabid"),
    ("kasubbag_program", "kasubag_program"),
    ("kasubag_perencanaan", "kasubag_program"),
    ("kasubbag_perencanaan", "kasubag_program"),
    ("kasubag_pep", "kasubag_program"),
    ("kasubbag_pep", "kasubag_program"),
    ("kasubbag", "kasubag"),
    ("kepala_subbagian", "kasubag"),
    ("kepala_sub_bagian", "kasubag"),
    ("kasubbag_umum", "kasubag"),
    ("kasubag_umum", "kasubag"),
    ("kasubbag_keuangan", "kasubag"),
    ("kasubag_keuangan", "kasubag"),
    ("kepala_seksi", "kasi"),
    ("kasie", "kasi"),
    ("kasubid", "kasi"),
    ("kasubbid", "kasi"),
    ("kepala_subbidang", "kasi"),
    ("staf", "fungsional_umum"),
    ("staff", "fungsional_umum"),
    ("jfu", "fungsional_umum"),
    ("fungsional", "fungsional_umum"),
    ("pelaksana", "fungsional_umum"),
    ("operator", "fungsional_umum"),
    ("pengadministrasi", "fungsional_umum"),
    ("positive", "positif"),
    ("negative", "negatif"),
    ("naik", "positif"),
    ("turun", "negatif"),
    ("maksimal", "positif"),
    ("minimal", "negatif"),
    ("stable", "stabil"),
    ("tetap", "stabil"),
    ("rentang", "stabil"),
    ("range", "stabil"),
    ("rata2", "rata_rata"),
    ("rerata", "rata_rata"),
    ("average", "rata_rata"),
    ("mean", "rata_rata"),
    ("total", "jumlah"),
    ("sum", "jumlah"),
    ("terakhir", "akhir"),
    ("last", "akhir"),
    ("akhir_tahun", "akhir"),
    ("indonesia", "id"),
    ("indonesian", "id"),
    ("bahasa_indonesia", "id"),
    ("ind", "id"),
    ("english", "en"),
    ("inggris", "en"),
    ("bahasa_inggris", "en"),
    ("eng", "en"),
    ("publik", "public"),
    ("umum", "public"),
    ("intern", "internal"),
    ("dinas", "internal"),
    ("staf", ""),
    ("staff", ""),
    ("non_eselon", ""),
    ("nonjob", ""),
    ("-", ""),
    ("0", ""),
];

/// A word as editors vary it: lower case, spaces, dashes and dots as `_`, look-alike letters
/// made plain, invisible characters dropped.
fn normalised(word: &str) -> String {
    let mut out = String::new();
    for c in word.trim().chars() {
        let c = match odd(c) {
            Some(Odd::Invisible) => continue,
            Some(Odd::LookAlike(p) | Odd::CurlyQuote(p)) => p,
            None => c,
        };
        let c = if matches!(c, ' ' | '-' | '.') && !word.trim().chars().all(|x| x == '-') {
            '_'
        } else {
            c
        };
        if c == '_' && out.ends_with('_') {
            continue;
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// The allowed word closest to what was written, for a "did you mean": the same word written
/// otherwise (`Kepala OPD`), a usual synonym (`kepala_dinas`, `kasubbag`), an echelon's
/// sub-grade (`III.a`), or the nearest by spelling.
pub(super) fn nearest_word<'a>(word: &str, allowed: &[&'a str]) -> Option<&'a str> {
    let norm = normalised(word);
    let find = |w: &str| allowed.iter().copied().find(|a| a.eq_ignore_ascii_case(w));
    if let Some(a) = find(&norm) {
        return Some(a);
    }
    if let Some(a) = SYNONYMS
        .iter()
        .filter(|(from, _)| *from == norm)
        .find_map(|(_, to)| find(to))
    {
        return Some(a);
    }
    // Echelons: `III.a`, `IIIa`, `eselon III`, `3`.
    let echelon = norm.trim_start_matches("eselon").trim_start_matches('_');
    let roman = match echelon.trim_end_matches(['a', 'b']).trim_end_matches('_') {
        "2" | "ii" => Some("II"),
        "3" | "iii" => Some("III"),
        "4" | "iv" => Some("IV"),
        _ => None,
    };
    if let Some(a) = roman.and_then(find) {
        return Some(a);
    }
    let spelled = allowed.iter().copied().filter(|a| !a.is_empty());
    did_you_mean(&norm, spelled.clone()).or_else(|| {
        // The nearest even when not close, if it is clearly the nearest.
        spelled
            .map(|a| (strsim::jaro_winkler(&norm, &a.to_lowercase()), a))
            .filter(|(score, _)| *score >= 0.7)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, a)| a)
    })
}

/// The key a value is written for, from the line it is on (`peran = "kabag"` → `peran`).
pub(super) fn key_before(text: &str, at: usize) -> Option<&str> {
    let at = floor(text, at);
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..at];
    let (key, _) = before.rsplit_once('=')?;
    let key = key.trim().trim_matches('"');
    let key = key.rsplit('.').next().unwrap_or(key).trim();
    (!key.is_empty() && key.len() <= 40).then_some(key)
}

/// The headline and help for a word that is not one of `allowed`.
pub(super) fn unknown_word(
    language: Language,
    word: &str,
    allowed: &[&str],
    key: Option<&str>,
) -> (String, String) {
    let list = allowed
        .iter()
        .map(|e| format!("\"{e}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let headline = match key {
        Some(key) => say(
            language,
            format!("\"{word}\" bukan kata yang dikenal untuk `{key}`"),
            format!("\"{word}\" is not an allowed value of `{key}`"),
        ),
        None => say(
            language,
            format!("\"{word}\" bukan kata yang dikenal"),
            format!("\"{word}\" is not an allowed value"),
        ),
    };
    // `kepalа_opd` with a Cyrillic `а`: say which character, or the word looks right.
    let headline = match word.chars().find(|&c| odd(c).is_some()) {
        Some(c) => say(
            language,
            format!("{headline}: kata ini berisi {}", name_of(language, c)),
            format!("{headline}: the word holds {}", name_of(language, c)),
        ),
        None => headline,
    };
    let help = match nearest_word(word, allowed) {
        Some(near) => say(
            language,
            format!("maksud Anda \"{near}\"? kata yang dikenal: {list}"),
            format!("did you mean \"{near}\"? the allowed values: {list}"),
        ),
        None => say(
            language,
            format!("tulis salah satu dari: {list}"),
            format!("write one of: {list}"),
        ),
    };
    (headline, help)
}

/// A word written without quotes where the parser wanted a value (`eselon = II`,
/// `judul = Profil`): its length in bytes, and the headline and help.
pub(super) fn bare_word(
    language: Language,
    text: &str,
    span: &Range<usize>,
    message: &str,
) -> Option<(usize, (String, String))> {
    let parser_saw_a_value = message.starts_with("string values must be quoted")
        || message.starts_with("invalid float")
        || message.starts_with("invalid integer");
    if !parser_saw_a_value {
        return None;
    }
    let rest = text.get(span.start..)?;
    let end = rest
        .find(['\n', '\r', '#', ',', ']', '}'])
        .unwrap_or(rest.len());
    let word = rest[..end].trim_end_matches([' ', '\t']);
    let fits = word.starts_with(|c: char| c.is_alphabetic())
        && word
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | ' ' | '/'))
        && !matches!(word, "true" | "false" | "inf" | "nan");
    if !fits {
        return None;
    }
    Some((
        word.len(),
        (
            say(
                language,
                format!("`{word}` tanpa tanda kutip bukan nilai TOML"),
                format!("`{word}` without quotes is not a TOML value"),
            ),
            say(
                language,
                format!(
                    "teks ditulis di antara tanda kutip: \"{word}\"; angka ditulis dengan digit (mis. 1), tanggal sebagai YYYY-MM-DD, true dan false apa adanya"
                ),
                format!(
                    "text goes between quotes: \"{word}\"; a number is written in digits (e.g. 1), a date as YYYY-MM-DD, true and false as they are"
                ),
            ),
        ),
    ))
}

// -- NIP ------------------------------------------------------------------------------------

/// Checks the officials' NIPs in site.toml: 18 digits (the Nomor Induk Pegawai of a civil
/// servant). Spaces are allowed, as NIPs are printed in groups (`19700101 199503 1 001`), and
/// removed; an empty NIP is no NIP. Returns the findings.
pub(super) fn check_nips(language: Language, report: &mut Report, text: &str) -> Vec<Finding> {
    #[derive(serde::Deserialize)]
    struct Placed {
        #[serde(default)]
        pejabat: Vec<PlacedOfficial>,
    }
    #[derive(serde::Deserialize)]
    struct PlacedOfficial {
        #[serde(default)]
        nip: Option<toml::Spanned<String>>,
    }
    let file = report.site.file;
    let spans: Vec<Option<Range<usize>>> = toml::from_str::<Placed>(text)
        .map(|p| {
            p.pejabat
                .into_iter()
                .map(|o| o.nip.map(|n| n.span()))
                .collect()
        })
        .unwrap_or_default();
    let mut findings = Vec::new();
    for (i, official) in report.site.officials.iter_mut().enumerate() {
        let Some(nip) = &official.nip else { continue };
        let digits: String = nip
            .chars()
            .filter(|c| !matches!(c, ' ' | '\u{00a0}'))
            .collect();
        if digits.is_empty() {
            official.nip = None;
            continue;
        }
        let span = spans.get(i).cloned().flatten().unwrap_or(0..0);
        let wrong = digits.chars().find(|c| !c.is_ascii_digit());
        let count = digits.chars().count();
        if wrong.is_none() && count == 18 {
            official.nip = Some(digits);
            continue;
        }
        let id = official.id.value.as_str();
        let message = match wrong {
            Some(c) => say(
                language,
                format!(
                    "NIP `{id}` memuat {}, padahal NIP hanya berisi angka",
                    shown_in_nip(language, c)
                ),
                format!(
                    "the NIP of `{id}` holds {}, but a NIP is digits only",
                    shown_in_nip(language, c)
                ),
            ),
            None => say(
                language,
                format!("NIP `{id}` terdiri dari {count} angka, bukan 18"),
                format!("the NIP of `{id}` has {count} digits, not 18"),
            ),
        };
        findings.push(
            Finding::error(message)
                .at(file, span)
                .label(say(language, "NIP ini", "this NIP"))
                .help(say(
                    language,
                    "NIP adalah 18 angka: tanggal lahir (8), TMT CPNS (6), jenis kelamin (1) dan nomor urut (3), mis. \"197001011995031001\"; spasi di antaranya boleh. Salin dari SK atau SIMPEG, atau hapus `nip` jika belum diketahui",
                    "a NIP is 18 digits: date of birth (8), start of service (6), sex (1) and a serial number (3), e.g. \"197001011995031001\"; spaces between them are allowed. Copy it from the decree or SIMPEG, or remove `nip` while it is not known",
                )),
        );
    }
    findings
}

fn shown_in_nip(language: Language, c: char) -> String {
    match odd(c) {
        Some(_) => name_of(language, c),
        None if c.is_alphabetic() => say(
            language,
            format!("huruf `{c}`"),
            format!("the letter `{c}`"),
        ),
        None => say(
            language,
            format!("karakter `{c}`"),
            format!("the character `{c}`"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_name_their_original() {
        for (copy, original) in [
            ("kepala (1).toml", "kepala.toml"),
            ("kepala (12).toml", "kepala.toml"),
            ("kepala - Copy.toml", "kepala.toml"),
            ("kepala - Copy (2).toml", "kepala.toml"),
            ("kepala - Salinan.toml", "kepala.toml"),
            ("Salinan kepala.toml", "kepala.toml"),
            ("Salinan dari kepala.toml", "kepala.toml"),
            ("Copy of kepala.toml", "kepala.toml"),
            ("kepala copy.toml", "kepala.toml"),
            ("kepala copy 2.toml", "kepala.toml"),
            ("kepala.toml.bak", "kepala.toml"),
            ("kepala.bak", "kepala"),
            ("kepala.toml.orig", "kepala.toml"),
            ("kepala.orig", "kepala"),
            ("kepala.toml~", "kepala.toml"),
            ("kepala~", "kepala"),
            ("kepala_BACKUP_4521.toml", "kepala.toml"),
            ("kepala_REMOTE_4521.toml", "kepala.toml"),
            ("profil (1).md", "profil.md"),
            ("kepala(1).toml", "kepala.toml"),
        ] {
            assert_eq!(copy_of(copy).as_deref(), Some(original), "{copy}");
        }
        for name in [
            "kepala.toml",
            "kabid-1.toml",
            "kepala_2025.toml",
            "copy.toml",
            "salinan.toml",
            "(1).toml",
            ".bak",
        ] {
            assert_eq!(copy_of(name), None, "{name}");
        }
    }

    #[test]
    fn odd_input_never_panics() {
        for name in [
            "é (1).toml",
            "Salinаn é.toml",
            "İİ - Copy.toml",
            "ﾟ.TOML",
            "é.toml.txt",
            "~",
            ".bak",
            "(1)",
            "a (é).toml",
            "ǅ copy 2.toml",
            "salinané",
            "é_BACKUP_1.toml",
        ] {
            let _ = (copy_of(name), misnamed(name));
        }
        let text = "a = “é”\n\u{a0}b = −1\r\nc = \"x”\nd = İİ\n";
        let messages = [
            "string values must be quoted",
            "invalid basic string",
            "invalid float",
        ];
        for start in 0..=text.len() + 2 {
            for end in start..=text.len() + 2 {
                for message in messages {
                    let _ = odd_at_error(Language::English, text, &(start..end), message);
                    let _ = bare_word(Language::English, text, &(start..end), message);
                }
            }
            let _ = key_before(text, start);
        }
        assert_eq!(
            odd_at_error(
                Language::English,
                "x = \"a”\n",
                &(8..8),
                "invalid basic string, expected `\"`"
            )
            .map(|(_, _, at)| at),
            Some(6..9)
        );
        // A missing key's span is a whole table: the text in it is not the mistake.
        assert_eq!(
            odd_at_error(
                Language::English,
                "nama = \"a\u{a0}b\"\n",
                &(0..12),
                "missing field `satuan`"
            ),
            None
        );
    }

    #[test]
    fn misnamed_extensions() {
        assert_eq!(
            misnamed("kepala.TOML"),
            Some(("kepala.toml".to_string(), Misnamed::UpperCase))
        );
        assert_eq!(
            misnamed("Profil.Md"),
            Some(("Profil.md".to_string(), Misnamed::UpperCase))
        );
        assert_eq!(
            misnamed("kepala.toml.txt"),
            Some(("kepala.toml".to_string(), Misnamed::TxtAdded))
        );
        assert_eq!(misnamed("kepala.toml"), None);
        assert_eq!(
            misnamed("Site.toml"),
            Some(("site.toml".to_string(), Misnamed::UpperCaseName))
        );
        assert_eq!(
            misnamed("SOP.TOML"),
            Some(("sop.toml".to_string(), Misnamed::UpperCaseName))
        );
        assert_eq!(misnamed("Kepala.toml"), None);
        assert_eq!(
            misnamed("site.Toml"),
            Some(("site.toml".to_string(), Misnamed::UpperCase))
        );
        assert_eq!(misnamed("catatan.TXT"), None);
        assert_eq!(misnamed(".TOML"), None);
    }

    #[test]
    fn conflict_markers_are_found_at_the_first() {
        let text = "a = 1\n<<<<<<< HEAD\nb = 2\n=======\nb = 3\n>>>>>>> main\n";
        assert_eq!(conflict(text, true), Some((6, 1)));
        let two = format!("{text}{text}");
        assert_eq!(conflict(&two, true).map(|c| c.1), Some(2));
        // A heading underlined with `=======` in a page is not a conflict.
        assert_eq!(conflict("Judul\n=======\n\nteks\n", false), None);
        assert_eq!(conflict("Judul\n=======\n", true), Some((6, 1)));
        assert_eq!(conflict("x = \"<<<<<<<<\"\n", true), None);
        assert_eq!(
            conflict("a\n>>>>>>> 1a2b3c4 (ubah target)\n", false),
            Some((2, 1))
        );
    }

    #[test]
    fn lone_carriage_returns_are_old_mac_line_ends() {
        assert_eq!(lone_cr("a = 1\r\nb = 2\r\n"), None);
        assert_eq!(lone_cr("a = 1\rb = 2\r"), Some(5));
        assert_eq!(lone_cr("a = 1\r\nb = 2\rc = 3"), Some(12));
    }

    #[test]
    fn words_are_matched_as_editors_vary_them() {
        let roles = [
            "kepala_opd",
            "sekretaris",
            "kabid",
            "kasubag_program",
            "kasubag",
            "kasi",
            "fungsional_umum",
        ];
        for (word, near) in [
            ("Kepala OPD", "kepala_opd"),
            ("kepala-opd", "kepala_opd"),
            ("kepala_dinas", "kepala_opd"),
            ("Kasubbag Program", "kasubag_program"),
            ("kasubbag", "kasubag"),
            ("Kepala Seksi", "kasi"),
            ("staf", "fungsional_umum"),
            ("sekertaris", "sekretaris"),
            ("kepalа_opd", "kepala_opd"),
        ] {
            assert_eq!(nearest_word(word, &roles), Some(near), "{word}");
        }
        assert_eq!(nearest_word("xyz", &roles), None);
        let echelons = ["II", "III", "IV", ""];
        for (word, near) in [
            ("III.a", "III"),
            ("IVb", "IV"),
            ("Eselon II", "II"),
            ("2", "II"),
            ("staf", ""),
        ] {
            assert_eq!(nearest_word(word, &echelons), Some(near), "{word}");
        }
    }

    #[test]
    fn the_language_is_read_from_a_broken_site_toml_too() {
        assert_eq!(
            site_language("bahasa = \"en\"\njudul = 1\n"),
            Language::English
        );
        assert_eq!(
            site_language("bahasa = \"en\"\njudul = \n"),
            Language::English
        );
        assert_eq!(site_language("judul = \n"), Language::Indonesian);
        assert_eq!(site_language("bahasa = \"id\"\n"), Language::Indonesian);
    }

    #[test]
    fn odd_characters_are_named() {
        assert_eq!(odd('\u{a0}'), Some(Odd::Invisible));
        assert_eq!(odd('\u{200b}'), Some(Odd::Invisible));
        assert_eq!(odd('\u{2212}'), Some(Odd::LookAlike('-')));
        assert_eq!(odd('９'), Some(Odd::LookAlike('9')));
        assert_eq!(odd('р'), Some(Odd::LookAlike('p')));
        assert_eq!(odd('“'), Some(Odd::CurlyQuote('"')));
        assert_eq!(odd('é'), None);
        assert_eq!(odd('a'), None);
        assert_eq!(odd('\t'), None);
    }
}
