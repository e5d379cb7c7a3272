//! The one number and date formatter of the site (SPEC §4 "Display").
//!
//! Indonesian style (`bahasa = "id"`): `1.250.000.000`, `99,24%`, `Rp 1.250.000.000`,
//! `20 Januari 2026`; English style: `1,250,000,000`, `99.24%`, `Rp 1,250,000,000`,
//! `20 January 2026`. Values that cannot be computed show as [`DASH`]. Templates reach these
//! functions through the Tera filters registered in `render::theme`.

use crate::model::Language;

/// What the site shows for a value that cannot be computed.
pub const DASH: &str = "–";

/// Decimals are capped here: more would only show floating-point noise.
const MAX_DECIMALS: usize = 10;

const MONTHS_ID: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Formats numbers, money and dates in the site's language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Format {
    language: Language,
}

impl Format {
    pub fn new(language: Language) -> Format {
        Format { language }
    }

    fn thousands_separator(self) -> char {
        match self.language {
            Language::Indonesian => '.',
            Language::English => ',',
        }
    }

    fn decimal_separator(self) -> char {
        match self.language {
            Language::Indonesian => ',',
            Language::English => '.',
        }
    }

    /// `x` with exactly `decimals` decimals: `1.234,50`.
    pub fn fixed(self, x: f64, decimals: usize) -> String {
        self.digits(x, decimals.min(MAX_DECIMALS), false)
    }

    /// `x` with as many decimals as it needs, up to `max_decimals`: 92.5 → `92,5`,
    /// 2.08 → `2,08`, 150 → `150`.
    pub fn number(self, x: f64, max_decimals: usize) -> String {
        self.digits(x, max_decimals.min(MAX_DECIMALS), true)
    }

    /// A percentage with two decimals: `99,24%`.
    pub fn percent(self, x: f64) -> String {
        self.percent_with(x, 2)
    }

    pub fn percent_with(self, x: f64, decimals: usize) -> String {
        if !x.is_finite() {
            return DASH.to_string();
        }
        format!("{}%", self.fixed(x, decimals))
    }

    /// A difference in percentage points, always signed: `+11,24`, `-3,00`, `0,00`.
    pub fn points(self, x: f64) -> String {
        let text = self.fixed(x, 2);
        if text.starts_with('-') || text == DASH || is_zero(&text) {
            text
        } else {
            format!("+{text}")
        }
    }

    /// Whole rupiah: `Rp 1.250.000.000`; a negative amount `-Rp 1.250`.
    pub fn rupiah(self, amount: f64) -> String {
        if !amount.is_finite() {
            return DASH.to_string();
        }
        let text = self.fixed(amount, 0);
        match text.strip_prefix('-') {
            Some(magnitude) => format!("-Rp {magnitude}"),
            None => format!("Rp {text}"),
        }
    }

    /// A whole number, exactly: `1.250.000.000`.
    pub fn integer(self, n: i128) -> String {
        let digits = n.unsigned_abs().to_string();
        let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
        if n < 0 {
            out.push('-');
        }
        group_thousands(&digits, self.thousands_separator(), &mut out);
        out
    }

    /// Whole rupiah, exactly: `Rp 1.250.000.000`, `-Rp 1.250`.
    pub fn rupiah_whole(self, amount: i128) -> String {
        let text = self.integer(amount.abs());
        if amount < 0 {
            format!("-Rp {text}")
        } else {
            format!("Rp {text}")
        }
    }

    /// A calendar date: `20 Januari 2026`.
    pub fn date(self, date: jiff::civil::Date) -> String {
        let months = match self.language {
            Language::Indonesian => &MONTHS_ID,
            Language::English => &MONTHS_EN,
        };
        let month = months[usize::try_from(date.month() - 1).unwrap_or(0).min(11)];
        format!("{} {month} {}", date.day(), date.year())
    }

    /// A date-time: `20 Januari 2026 10.20` (Indonesian writes the time with a dot) or
    /// `20 January 2026 10:20`.
    pub fn datetime(self, dt: jiff::civil::DateTime) -> String {
        let sep = match self.language {
            Language::Indonesian => '.',
            Language::English => ':',
        };
        format!(
            "{} {:02}{sep}{:02}",
            self.date(dt.date()),
            dt.hour(),
            dt.minute()
        )
    }

    /// A date or date-time written as TOML/ISO text (`2026-01-20`, `2026-01-20T10:20:00`);
    /// other text is returned as it is.
    pub fn date_text(self, text: &str) -> String {
        // jiff reads a date-time as a date too (dropping the time), so the time goes first.
        if text.contains(['T', 't', ' '])
            && let Ok(dt) = text.parse::<jiff::civil::DateTime>()
        {
            return self.datetime(dt);
        }
        match text.parse::<jiff::civil::Date>() {
            Ok(date) => self.date(date),
            Err(_) => text.to_string(),
        }
    }

    fn digits(self, x: f64, decimals: usize, trim: bool) -> String {
        if !x.is_finite() {
            return DASH.to_string();
        }
        // Rust rounds the exact binary value to the nearest decimal, ties to even.
        let rounded = format!("{:.*}", decimals, x.abs());
        let (int_part, frac_part) = match rounded.split_once('.') {
            Some((i, f)) => (i, f),
            None => (rounded.as_str(), ""),
        };
        let frac_part = if trim {
            frac_part.trim_end_matches('0')
        } else {
            frac_part
        };
        let mut out = String::with_capacity(rounded.len() + rounded.len() / 3 + 2);
        // A value that rounds to zero has no sign: -0.001 is `0,00`, not `-0,00`.
        let negative = x < 0.0 && rounded.bytes().any(|b| b.is_ascii_digit() && b != b'0');
        if negative {
            out.push('-');
        }
        group_thousands(int_part, self.thousands_separator(), &mut out);
        if !frac_part.is_empty() {
            out.push(self.decimal_separator());
            out.push_str(frac_part);
        }
        out
    }
}

fn group_thousands(digits: &str, separator: char, out: &mut String) {
    let len = digits.len();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (len - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(digit);
    }
}

fn is_zero(text: &str) -> bool {
    text.chars().all(|c| c == '0' || c == '.' || c == ',')
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: Format = Format {
        language: Language::Indonesian,
    };
    const EN: Format = Format {
        language: Language::English,
    };

    #[test]
    fn thousands() {
        assert_eq!(ID.fixed(1_250_000_000.0, 0), "1.250.000.000");
        assert_eq!(EN.fixed(1_250_000_000.0, 0), "1,250,000,000");
        assert_eq!(ID.fixed(999.0, 0), "999");
        assert_eq!(ID.fixed(1000.0, 0), "1.000");
        assert_eq!(ID.fixed(100_000.0, 0), "100.000");
        assert_eq!(ID.fixed(1234.5, 2), "1.234,50");
        assert_eq!(EN.fixed(1234.5, 2), "1,234.50");
    }

    #[test]
    fn negatives() {
        assert_eq!(ID.fixed(-1234.5, 2), "-1.234,50");
        assert_eq!(EN.fixed(-1234.5, 2), "-1,234.50");
        assert_eq!(ID.number(-0.5, 2), "-0,5");
        assert_eq!(ID.rupiah(-1250.0), "-Rp 1.250");
        assert_eq!(ID.points(-3.0), "-3,00");
    }

    #[test]
    fn zero_has_no_sign() {
        assert_eq!(ID.fixed(0.0, 2), "0,00");
        assert_eq!(ID.fixed(-0.0, 2), "0,00");
        assert_eq!(ID.fixed(-0.001, 2), "0,00");
        assert_eq!(ID.number(-0.001, 2), "0");
        assert_eq!(ID.number(0.0, 2), "0");
        assert_eq!(ID.percent(0.0), "0,00%");
        assert_eq!(ID.points(0.0), "0,00");
        assert_eq!(ID.points(-0.001), "0,00");
        assert_eq!(ID.rupiah(0.0), "Rp 0");
    }

    #[test]
    fn rounding() {
        assert_eq!(ID.percent(99.24324324324324), "99,24%");
        assert_eq!(EN.percent(99.24324324324324), "99.24%");
        assert_eq!(ID.percent(99.996), "100,00%");
        assert_eq!(ID.fixed(2.675, 2), "2,67", "2.675 is 2.67499… in binary");
        assert_eq!(ID.fixed(0.125, 2), "0,12", "exact ties go to even");
        assert_eq!(
            ID.fixed(999.999, 2),
            "1.000,00",
            "rounding carries into the thousands"
        );
        assert_eq!(ID.rupiah(1_100_000_000.4), "Rp 1.100.000.000");
        assert_eq!(ID.rupiah(1_100_000_000.6), "Rp 1.100.000.001");
    }

    #[test]
    fn as_many_decimals_as_needed() {
        assert_eq!(ID.number(92.5, 2), "92,5");
        assert_eq!(ID.number(2.08, 2), "2,08");
        assert_eq!(ID.number(150.0, 2), "150");
        assert_eq!(ID.number(91.8, 2), "91,8");
        assert_eq!(ID.number(1.999, 2), "2");
        assert_eq!(EN.number(12_345.678, 2), "12,345.68");
        assert_eq!(ID.number(12_345.678, 0), "12.346");
    }

    #[test]
    fn large_values() {
        assert_eq!(ID.rupiah(1e15), "Rp 1.000.000.000.000.000");
        assert_eq!(
            EN.rupiah(9_007_199_254_740_992.0),
            "Rp 9,007,199,254,740,992"
        );
        assert_eq!(ID.percent(12_345.678_9), "12.345,68%");
    }

    #[test]
    fn not_finite_is_a_dash() {
        assert_eq!(ID.percent(f64::NAN), DASH);
        assert_eq!(ID.number(f64::INFINITY, 2), DASH);
        assert_eq!(ID.rupiah(f64::NEG_INFINITY), DASH);
        assert_eq!(ID.points(f64::NAN), DASH);
    }

    #[test]
    fn integers() {
        assert_eq!(ID.integer(0), "0");
        assert_eq!(ID.integer(-1_234_567), "-1.234.567");
        assert_eq!(EN.integer(i64::MAX as i128), "9,223,372,036,854,775,807");
        assert_eq!(ID.rupiah_whole(1_250_000_000), "Rp 1.250.000.000");
        assert_eq!(ID.rupiah_whole(-5_000), "-Rp 5.000");
    }

    #[test]
    fn money_and_points() {
        assert_eq!(ID.rupiah(1_250_000_000.0), "Rp 1.250.000.000");
        assert_eq!(EN.rupiah(1_250_000_000.0), "Rp 1,250,000,000");
        assert_eq!(ID.points(11.243243243243242), "+11,24");
        assert_eq!(EN.points(11.243243243243242), "+11.24");
    }

    #[test]
    fn dates() {
        let date = jiff::civil::date(2026, 1, 20);
        assert_eq!(ID.date(date), "20 Januari 2026");
        assert_eq!(EN.date(date), "20 January 2026");
        assert_eq!(ID.date_text("2025-12-31"), "31 Desember 2025");
        assert_eq!(ID.date_text("2026-01-05T10:20:00"), "5 Januari 2026 10.20");
        assert_eq!(EN.date_text("2026-01-05T10:20:00"), "5 January 2026 10:20");
        assert_eq!(ID.date_text("kemarin"), "kemarin");
    }
}
