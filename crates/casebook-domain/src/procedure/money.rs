//! Money and time as an officer types them: an investigator's cost in pounds (kept in pence) and
//! hours.

use crate::{text, Error, Result};

/// A sum of money as typed ("1234.50", "£1,234.50", "1234"), in pence.
pub fn parse_cost(field: &str, value: &str) -> Result<i64> {
    let v = value.trim();
    let bad = || {
        Error::invalid(
            field,
            format!(
                "'{}' is not an amount in pounds, such as 1250 or £1,250.50",
                text::shorten(v)
            ),
        )
    };
    let digits: String = v.trim_start_matches('£').replace(',', "");
    let (pounds, pence) = match digits.split_once('.') {
        Some((p, d)) if d.len() <= 2 && d.chars().all(|c| c.is_ascii_digit()) => {
            (p, format!("{d:0<2}"))
        }
        Some(_) => return Err(bad()),
        None => (digits.as_str(), "00".to_string()),
    };
    if pounds.is_empty() || !pounds.chars().all(|c| c.is_ascii_digit()) || pounds.len() > 9 {
        return Err(bad());
    }
    let pounds: i64 = pounds.parse().map_err(|_| bad())?;
    let pence: i64 = pence.parse().map_err(|_| bad())?;
    Ok(pounds * 100 + pence)
}

/// Hours as typed ("7.5", "7"); blank is none.
pub fn parse_hours(field: &str, value: &str) -> Result<f64> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(0.0);
    }
    v.parse::<f64>()
        .ok()
        .filter(|h| h.is_finite())
        .ok_or_else(|| {
            Error::invalid(
                field,
                format!(
                    "'{}' is not a number of hours, such as 7.5",
                    text::shorten(v)
                ),
            )
        })
}

/// Pence as pounds, for papers and screens: "£1,250.50".
pub fn pounds(pence: i64) -> String {
    let whole = (pence / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("£{grouped}.{:02}", pence % 100)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn money_as_typed() {
        for (typed, pence) in [
            ("1250", 125_000),
            ("£1,250.5", 125_050),
            (" 0.07 ", 7),
            ("£12,345,678.90", 1_234_567_890),
        ] {
            assert_eq!(parse_cost("cost", typed).unwrap(), pence, "{typed}");
        }
        for typed in ["", "£", "12.345", "-5", "1e3", "twelve", "1.2.3"] {
            assert!(parse_cost("cost", typed).is_err(), "{typed}");
        }
        assert_eq!(pounds(125_050), "£1,250.50");
        assert_eq!(pounds(7), "£0.07");
        assert_eq!(pounds(123_456_789), "£1,234,567.89");
        assert!(parse_hours("hours", "inf").is_err());
        assert_eq!(parse_hours("hours", "").unwrap(), 0.0);
    }
}
