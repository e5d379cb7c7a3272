//! The one number and date formatter of the site.
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
    pub const fn new(language: Language) -> Format {
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

    /// The unit that abbreviates amounts up to `max`: (divisor, suffix).
    pub fn rupiah_unit(self, max: f64) -> (f64, &'static str) {
        let max = max.abs();
        let units: [(f64, &str, &str); 4] = [
            (1e12, "T", "T"),
            (1e9, "M", "B"),
            (1e6, "jt", "M"),
            (1e3, "rb", "K"),
        ];
        for (divisor, id, en) in units {
            if max >= divisor {
                let suffix = match self.language {
                    Language::Indonesian => id,
                    Language::English => en,
                };
                return (divisor, suffix);
            }
        }
        (1.0, "")
    }

    /// An amount abbreviated in `unit` to about three significant digits: `Rp 1,25 M` (miliar)
    /// in Indonesian, `Rp 1.25 B` in English.
    pub fn rupiah_in(self, amount: f64, (divisor, suffix): (f64, &str)) -> String {
        if !amount.is_finite() {
            return DASH.to_string();
        }
        // Three significant digits are plenty on a chart: 2,21 M; 42,9 jt; 429 jt.
        let scaled = amount / divisor;
        let decimals = match scaled.abs() {
            m if m < 10.0 => 2,
            m if m < 100.0 => 1,
            _ => 0,
        };
        let number = self.number(scaled, decimals);
        let (sign, magnitude) = match number.strip_prefix('-') {
            Some(m) => ("-", m),
            None => ("", number.as_str()),
        };
        if suffix.is_empty() || magnitude == "0" {
            format!("{sign}Rp {magnitude}")
        } else {
            format!("{sign}Rp {magnitude} {suffix}")
        }
    }

    /// An amount abbreviated in its own unit.
    pub fn rupiah_short(self, amount: f64) -> String {
        self.rupiah_in(amount, self.rupiah_unit(amount))
    }

    fn digits(self, x: f64, decimals: usize, trim: bool) -> String {
        if !x.is_finite() {
            return DASH.to_string();
        }
        // Rust rounds the exact binary value to the nearest decimal, ties to even; `fast_fixed`
        // gives the same string, faster and without allocating.
        let mut buffer = [0u8; 24];
        let slow;
        let rounded = match fast_fixed(x.abs(), decimals, &mut buffer) {
            Some(digits) => digits,
            None => {
                slow = format!("{:.decimals$}", x.abs());
                slow.as_str()
            }
        };
        let (int_part, frac_part) = rounded.split_once('.').unwrap_or((rounded, ""));
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

/// `format!("{:.*}", decimals, x)` for a finite `x ≥ 0`, the same string, without the float
/// formatting machinery when the rounding is certain: every chart label and table cell is a
/// number, and formatting them was a tenth of a build. `x · 10^decimals` computed in f64 is
/// within a relative 2⁻⁵³ of the exact product, so when its fraction is not within that of ½
/// it rounds the same way as the exact value; a near-tie goes the exact (slow) way.
pub fn fixed_decimals(x: f64, decimals: usize) -> String {
    let mut buffer = [0u8; 24];
    match fast_fixed(x, decimals, &mut buffer) {
        Some(digits) => digits.to_string(),
        None => format!("{x:.decimals$}"),
    }
}

/// [`fixed_decimals`] written into `buffer` when the rounding is certain, without allocating;
/// `None` when it takes the exact (slow) way.
fn fast_fixed(x: f64, decimals: usize, buffer: &mut [u8; 24]) -> Option<&str> {
    const SCALE: [f64; 7] = [1.0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6];
    if decimals >= SCALE.len() || x.is_nan() || x < 0.0 {
        return None;
    }
    let scaled = x * SCALE[decimals];
    if scaled.is_nan() || scaled >= 1e15 {
        return None;
    }
    let floor = scaled.floor();
    let fraction = scaled - floor;
    if (fraction - 0.5).abs() <= 1e-9 + scaled * 1e-15 {
        return None;
    }
    let mut n = floor as u64 + u64::from(fraction > 0.5);
    // The digits from the last, the point after `decimals` of them.
    let mut start = buffer.len();
    for i in 0.. {
        if i == decimals && decimals > 0 {
            start -= 1;
            buffer[start] = b'.';
        }
        start -= 1;
        buffer[start] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 && i >= decimals {
            break;
        }
    }
    // Only ASCII digits and a point were written.
    std::str::from_utf8(&buffer[start..]).ok()
}

fn group_thousands(digits: &str, separator: char, out: &mut String) {
    // The digits are ASCII: groups of three are slices of the string.
    let first = match digits.len() % 3 {
        0 => 3.min(digits.len()),
        n => n,
    };
    out.push_str(&digits[..first]);
    let mut at = first;
    while at < digits.len() {
        out.push(separator);
        out.push_str(&digits[at..at + 3]);
        at += 3;
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
    fn thousands_groups_every_length() {
        let all = "12345678901234567890123456789012345678";
        for len in 0..=all.len() {
            let digits = &all[..len];
            let mut expected = String::new();
            for (i, digit) in digits.chars().enumerate() {
                if i > 0 && (len - i).is_multiple_of(3) {
                    expected.push('.');
                }
                expected.push(digit);
            }
            let mut out = String::new();
            group_thousands(digits, '.', &mut out);
            assert_eq!(out, expected);
        }
    }

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
    #[test]
    fn fixed_decimals_are_those_of_format() {
        let mut state = 0x9E37_79B9_7F4A_7C15_u64;
        let mut next = || {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        let ties = [
            0.0,
            0.5,
            1.5,
            2.5,
            0.125,
            0.375,
            1.005,
            2.675,
            0.285,
            1e14 + 0.5,
            99.995,
            12.345,
        ];
        for x in ties {
            for d in 0..8 {
                assert_eq!(fixed_decimals(x, d), format!("{x:.d$}"), "{x} to {d}");
            }
        }
        for _ in 0..200_000 {
            let bits = next();
            let magnitude = [1.0, 100.0, 1e4, 1e9, 1e13][(bits % 5) as usize];
            let x = (bits >> 11) as f64 / (1u64 << 53) as f64 * magnitude;
            // Short decimals (as typed in TOML) are where ties live.
            let x = if bits & 32 == 0 {
                (x * 1000.0).round() / 1000.0
            } else {
                x
            };
            let d = (bits >> 3) as usize % 7;
            assert_eq!(fixed_decimals(x, d), format!("{x:.d$}"), "{x} to {d}");
        }
    }

    #[test]
    fn abbreviated_rupiah() {
        assert_eq!(ID.rupiah_short(1_250_000_000.0), "Rp 1,25 M");
        assert_eq!(EN.rupiah_short(1_250_000_000.0), "Rp 1.25 B");
        assert_eq!(ID.rupiah_short(500_000_000.0), "Rp 500 jt");
        assert_eq!(ID.rupiah_short(0.0), "Rp 0");
        assert_eq!(ID.rupiah_short(-2_000_000.0), "-Rp 2 jt");
        assert_eq!(ID.rupiah_in(500_000_000.0, ID.rupiah_unit(1e9)), "Rp 0,5 M");
        assert_eq!(ID.rupiah_short(358_660_000.0), "Rp 359 jt");
        assert_eq!(ID.rupiah_short(42_870_000.0), "Rp 42,9 jt");
    }
}
