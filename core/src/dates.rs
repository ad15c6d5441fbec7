//! Dates as articles print them, in the common written and numeric forms, to ISO 8601.
//!
//! Only whole date expressions are parsed (`parse_date` anchors at both ends), so a date
//! inside a sentence never turns the sentence into a date line. A date must also be one
//! the calendar has: "February 30, 2023" or "31.04.2020" is no date.
//!
//! The patterns are those of the `regex` crate (linear time). Two constructs of the
//! original patterns were rewritten with identical matches:
//! - the weekday's abbreviation without a point ("Do 9 Apr 2020") was allowed only before a
//!   digit, by a look-ahead: the expression now has a branch for it whose date forms all
//!   start with a digit;
//! - the numeric date's repeated separator (`23.01.2024`, never `23.01/2024`) was a
//!   back-reference: one branch per separator now.
//!
//! Neither crate allows a group name twice, so the date forms' groups carry a number per
//! copy (`forms`), and `DateExpr` remembers which groups belong to which form.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::{Captures, Regex};

use crate::textshape::strip;

/// Month names and abbreviations in en, de, fr, es, it, pt and pl, by month number.
const MONTH_NAMES: [&str; 12] = [
    "january jan januar jänner jaenner janvier janv enero ene gennaio genn gen janeiro \
     styczeń stycznia sty",
    "february feb februar feber février févr fevrier febrero febbraio fevereiro fev luty lutego \
     lut",
    "march mar märz maerz mars marzo março marco marca marzec",
    "april apr avril avr abril abr aprile kwiecień kwietnia kwi",
    "may mai mayo maggio mag maio maj maja",
    "june jun juni juin junio giugno giu junho czerwiec czerwca cze",
    "july jul juli juillet juil julio luglio lug julho lipiec lipca lip",
    "august aug août aout agosto ago sierpień sierpnia sie",
    "september sep sept septembre septiembre settembre set setembro wrzesień września wrz",
    "october oct oktober octobre octubre ottobre ott outubro out październik października paź",
    "november nov novembre noviembre novembro listopad listopada lis",
    "december dec dez dezember décembre decembre diciembre dic dicembre dezembro \
     grudzień grudnia gru",
];

/// Each month name or abbreviation with the first month that lists it.
static MONTH_NUMBERS: LazyLock<HashMap<&'static str, u32>> = LazyLock::new(|| {
    let mut numbers = HashMap::new();
    for (index, names) in MONTH_NAMES.iter().enumerate() {
        for name in names.split(' ') {
            numbers.entry(name).or_insert(index as u32 + 1);
        }
    }
    numbers
});

/// The month a lower-case name or abbreviation stands for (the first month that lists it).
pub fn month_number(name: &str) -> Option<u32> {
    MONTH_NUMBERS.get(name).copied()
}

/// Every month name once, longest first (ties in the order listed), so that the alternation
/// takes "marzo" before "mar".
fn month_alternation() -> String {
    let mut names: Vec<&str> = Vec::new();
    for name in MONTH_NAMES.iter().flat_map(|names| names.split(' ')) {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names.sort_by_key(|name| std::cmp::Reverse(name.chars().count()));
    names.join("|")
}

const DAY_SUFFIX: &str = r"(?:st|nd|rd|th|er|º|\.)?";
const YEAR: &str = r"(?:19|20)\d\d";
/// A day-first date with points and a year of two digits ("19.10.19", "1.11.23"), as
/// German and other European sites print a post's date: its year ends at a word's end.
/// With `groups`, the day, the month and the year are captured under those names.
fn short_year_date(groups: Option<[&str; 3]>) -> String {
    let part = |index: usize, pattern: &str| match groups {
        Some(names) => format!("(?P<{}>{pattern})", names[index]),
        None => pattern.to_string(),
    };
    format!(
        r"{}\.{}\.{}(?-u:\b)",
        part(0, r"[0-3]?\d"),
        part(1, r"[01]?\d"),
        part(2, r"\d\d")
    )
}
/// Years of two digits below it are this century's, the others the last one's (as C's
/// `strptime` reads `%y`).
const SHORT_YEAR_PIVOT: u32 = 69;
const TIME: &str = r"(?P<hour>[0-2]?\d)[:.h](?P<minute>[0-5]\d)(?::(?P<second>[0-5]\d)(?:\.\d{1,6})?)?\s*(?P<ampm>[ap]\.?\s?m\.?)?(?:\s*(?:uhr|h|hrs?|Uhr))?(?:Z|[+-][01]\d:?[0-5]\d|\s*(?:[A-Z]{2,5}|GMT[+-]\d+|UTC[+-]?\d*))?";
/// Weekday names, and abbreviations with a point.
const WEEKDAY_NAMES: &str =
    "(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|wed|thu|fri|sat|sun|\
     montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|\
     lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|\
     lunes|martes|mi[ée]rcoles|jueves|viernes|s[áa]bado|domingo|\
     lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica|\
     segunda-feira|terça-feira|quarta-feira|quinta-feira|sexta-feira|\
     poniedziałek|wtorek|środa|czwartek|piątek|sobota|niedziela";
/// Weekday abbreviations, which need a point after them, or a date starting with a digit.
const WEEKDAY_SHORT: &str = "(?:mo|di|mi|do|fr|sa|so|lun|mar|mer|jeu|ven|sam|dim|mié|jue|vie|\
     sáb|dom|gio|sab|seg|ter|qua|qui|sex|pon|wt|śr|czw|pt|sob|niedz)";
const JOIN: &str =
    r"(?:T|(?:\s*r\.)?(?:\s*[-–—|,@/]\s*|\s+)(?:(?:at|um|à|a las|alle|às|o|godz\.?)\s+)?)";
/// Polish "23 stycznia 2024 r." (rok: year).
const YEAR_WORD: &str = r"(?:\s*r\.?)?";

/// How a date form writes the month, and which of its groups hold what.
#[derive(Clone, Copy)]
enum Form {
    /// A month name: groups month, day, year.
    Written,
    /// `2024-01-23`: groups year, month, day.
    Iso,
    /// `23.01.2024`, `01/23/2024`: groups first number, second number, year.
    Numeric(char),
    /// `23.01.24`: groups day, month, a year of two digits (`short_year_date`).
    ShortYear,
}

/// Each copy of each date form in one regex, with its three groups' indexes.
type Forms = Vec<(Form, [usize; 3])>;

struct DateExpr {
    /// Anchored at both ends: the text is wholly one date.
    whole: Regex,
    /// The same expression, found anywhere.
    anywhere: Regex,
    /// The groups of `whole`.
    forms: Forms,
    /// `whole` for a text that starts with an ASCII digit (`digit_first`).
    digit_first: Regex,
    /// The groups of `digit_first`.
    digit_first_forms: Forms,
    /// `whole` for a text without a letter (`numbers`).
    numbers: Regex,
    /// The groups of `numbers`.
    numbers_forms: Forms,
}

/// The forms of `groups`, by the indexes of their groups in `re`.
fn form_indexes(re: &Regex, groups: Vec<Vec<(Form, [String; 3])>>) -> Forms {
    let index = |name: &str| {
        re.capture_names()
            .position(|n| n == Some(name))
            .expect("group exists")
    };
    groups
        .into_iter()
        .flatten()
        .map(|(form, [a, b, c])| (form, [index(&a), index(&b), index(&c)]))
        .collect()
}

/// The date forms, with group names numbered by `copy`: the `written` ones of "w1" (month
/// first) and "w2" (day first), then the ISO and numeric ones.
fn forms(copy: usize, written: &[&str]) -> (String, Vec<(Form, [String; 3])>) {
    let month = month_alternation();
    let name = |group: &str, form: &str| format!("{group}_{form}_{copy}");
    let mut alternatives = Vec::new();
    let mut groups = Vec::new();
    for form in ["w1", "w2"] {
        if !written.contains(&form) {
            continue;
        }
        let (m, d, y) = (name("month", form), name("day", form), name("year", form));
        let month = format!(r"(?P<{m}>{month})\.?");
        let day = format!(r"(?P<{d}>[0-3]?\d){DAY_SUFFIX}");
        let year = format!(r"(?P<{y}>{YEAR})");
        alternatives.push(if form == "w1" {
            format!(r"{month}\s+{day},?\s+{year}")
        } else {
            format!(r"{day}\s*(?:de\s+)?{month}\s*(?:del?\s+)?,?\s*{year}")
        });
        groups.push((Form::Written, [m, d, y]));
    }
    let (y, m, d) = (name("year", "i"), name("m", "i"), name("d", "i"));
    alternatives.push(format!(
        r"(?P<{y}>{YEAR})-(?P<{m}>[01]?\d)-(?P<{d}>[0-3]?\d)"
    ));
    groups.push((Form::Iso, [y, m, d]));
    // One branch per separator: the original repeated the first by a back-reference.
    let mut numeric = Vec::new();
    for (sep, tag) in [('.', "nd"), ('/', "ns"), ('-', "nh")] {
        let (a, b, y) = (name("a", tag), name("b", tag), name("year", tag));
        let s = regex::escape(&sep.to_string());
        numeric.push(format!(
            r"(?P<{a}>[0-3]?\d){s}(?P<{b}>[0-3]?\d){s}(?P<{y}>{YEAR})"
        ));
        groups.push((Form::Numeric(sep), [a, b, y]));
    }
    // After the numeric forms, which read "23.01.2024" whole before this reads "23.01.20".
    let (a, b, y) = (name("a", "ny"), name("b", "ny"), name("year", "ny"));
    numeric.push(short_year_date(Some([&a, &b, &y])));
    groups.push((Form::ShortYear, [a, b, y]));
    alternatives.push(numeric.join("|"));
    let pattern = alternatives
        .iter()
        .map(|a| format!("(?:{a})"))
        .collect::<Vec<_>>()
        .join("|");
    (pattern, groups)
}

/// The date expression: an optional weekday, a date, then a time or Polish "r.".
fn date_expr() -> DateExpr {
    let (with_name, groups_0) = forms(0, &["w1", "w2"]);
    // The weekday's abbreviation without a point comes only before a digit.
    let (after_short, groups_1) = forms(1, &["w2"]);
    let (bare, groups_2) = forms(2, &["w1", "w2"]);
    // The branches of `expr` that can start with a digit: the bare forms but the written
    // one that starts with the month (every weekday and month name starts with a letter,
    // and no letter folds to a digit).
    let (bare_digit, groups_digit) = forms(2, &["w2"]);
    // The branches of `expr` without a weekday or month name, which a text without a
    // letter can match (no letter folds to a character that is not one).
    let (bare_numbers, groups_numbers) = forms(2, &[]);
    let expr = format!(
        r"(?:(?:{WEEKDAY_NAMES}|{WEEKDAY_SHORT}\.)\.?,?\s+(?:{with_name})|{WEEKDAY_SHORT},?\s+(?:{after_short})|(?:{bare}))(?:{JOIN}{TIME}|{YEAR_WORD})"
    );
    let whole = Regex::new(&format!(r"(?i)\A(?:{expr})\z")).expect("valid pattern");
    let anywhere = Regex::new(&format!("(?i){expr}")).expect("valid pattern");
    let forms = form_indexes(&whole, vec![groups_0, groups_1, groups_2]);
    // `whole` with only the bare branches `bare_forms` and their groups.
    let whole_of_bare = |bare_forms: &str, groups| {
        let re = Regex::new(&format!(
            r"(?i)\A(?:(?:{bare_forms})(?:{JOIN}{TIME}|{YEAR_WORD}))\z"
        ))
        .expect("valid pattern");
        let forms = form_indexes(&re, vec![groups]);
        (re, forms)
    };
    let (digit_first, digit_first_forms) = whole_of_bare(&bare_digit, groups_digit);
    let (numbers, numbers_forms) = whole_of_bare(&bare_numbers, groups_numbers);
    DateExpr {
        whole,
        anywhere,
        forms,
        digit_first,
        digit_first_forms,
        numbers,
        numbers_forms,
    }
}

impl DateExpr {
    /// The groups of `whole` on `text`, with which forms they are.
    ///
    /// A text that starts with an ASCII digit is read by `digit_first`, with the same
    /// match and groups: the branches it leaves out start with a letter and cannot match
    /// there, and the branches it keeps are in the same order, so the first path that
    /// matches is the same. Resolving the groups of `whole` took its backtracker over
    /// every weekday and month name before it got to a numeric date ("23.01.2024",
    /// "23. Januar 2024"). A text without a letter is read by `numbers` likewise: the
    /// branches it leaves out all have a weekday or month name, and were tried before it
    /// got to a numeric date.
    fn captures<'t>(&self, text: &'t str) -> Option<(Captures<'t>, &Forms)> {
        let letter = if text.is_ascii() {
            text.bytes().any(|b| b.is_ascii_alphabetic())
        } else {
            text.chars().any(char::is_alphabetic)
        };
        if !letter {
            return Some((self.numbers.captures(text)?, &self.numbers_forms));
        }
        if text.as_bytes().first().is_some_and(u8::is_ascii_digit) {
            return Some((self.digit_first.captures(text)?, &self.digit_first_forms));
        }
        Some((self.whole.captures(text)?, &self.forms))
    }
}

static DATE_EXPR: LazyLock<DateExpr> = LazyLock::new(date_expr);
static TIME_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)\A{TIME}{JOIN}(?P<rest>.+)\z")).expect("valid pattern")
});
/// Every date form has a year: a cheap first test.
static HAS_YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(YEAR).expect("valid pattern"));
/// A date with a year of two digits, for `has_year` and `year_count`: its own pattern, so that
/// `HAS_YEAR` keeps its literal prefilter ("19", "20"), and asked only of a text with a digit,
/// a point and a digit in a row. The short form's day after a digit or a point is part of a
/// longer number (an address "192.168.10.20", a version "2.1.10.23").
static HAS_SHORT_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?:\A|[^\d.]){}", short_year_date(None))).expect("valid pattern")
});

/// Whether `text` has a digit, a point and a digit in a row, which every date with a year
/// of two digits has.
fn has_dotted_digits(text: &str) -> bool {
    text.as_bytes()
        .windows(3)
        .any(|w| w[1] == b'.' && w[0].is_ascii_digit() && w[2].is_ascii_digit())
}
/// A weekday's full name, a name that is no person's.
static WEEKDAY_NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?i)\A(?:{WEEKDAY_NAMES})\z")).expect("valid pattern"));

/// A parsed date; `iso` has a time part only when the text gave one.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ParsedDate {
    pub iso: String,
}

/// Whether `text` holds a year (1900-2099), or a date with a year of two digits
/// (`short_year_date`): every date has one.
pub fn has_year(text: &str) -> bool {
    HAS_YEAR.is_match(text) || (has_dotted_digits(text) && HAS_SHORT_YEAR.is_match(text))
}

/// How many years `text` holds, counted without overlap.
pub fn year_count(text: &str) -> usize {
    // A year of four digits is never inside a short date, nor a short date's year inside one.
    let short = if has_dotted_digits(text) {
        HAS_SHORT_YEAR.find_iter(text).count()
    } else {
        0
    };
    HAS_YEAR.find_iter(text).count() + short
}

/// Whether `name` is a weekday's full name, in any case ("Montag", "SUNDAY").
pub fn is_weekday_name(name: &str) -> bool {
    WEEKDAY_NAME.is_match(name)
}

/// The value of a decimal digit of any script, as Python's `int()` reads it: digits come
/// in runs of ten from zero, so the value is the distance from the run's start.
fn digit_value(c: char) -> Option<u32> {
    if let Some(value) = c.to_digit(10) {
        return Some(value);
    }
    static DIGIT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\A\d\z").expect("valid"));
    let is_digit = |c: char| DIGIT.is_match(c.encode_utf8(&mut [0; 4]));
    if !is_digit(c) {
        return None;
    }
    let mut run = 0;
    let mut code = c as u32;
    while let Some(before) = code.checked_sub(1).and_then(char::from_u32) {
        if !is_digit(before) {
            break;
        }
        run += 1;
        code -= 1;
    }
    Some(run % 10)
}

/// A number of one or more decimal digits (of any script).
fn number(digits: &str) -> Option<u32> {
    digits
        .chars()
        .try_fold(0u32, |n, c| Some(n.checked_mul(10)? + digit_value(c)?))
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn group<'t>(caps: &Captures<'t>, index: usize) -> Option<&'t str> {
    caps.get(index).map(|m| m.as_str())
}

/// Month, day and year of a matched date expression.
fn month_day_year(
    caps: &Captures,
    forms: &Forms,
    language: Option<&str>,
) -> Option<(u32, u32, u32)> {
    let (form, [first, second, third]) = forms
        .iter()
        .find(|(_, groups)| caps.get(groups[0]).is_some())?;
    let (text_1, text_2, text_3) = (
        group(caps, *first)?,
        group(caps, *second)?,
        group(caps, *third)?,
    );
    match form {
        Form::Written => {
            let month = month_number(text_1.to_lowercase().trim_end_matches('.'))?;
            Some((month, number(text_2)?, number(text_3)?))
        }
        Form::Iso => Some((number(text_2)?, number(text_3)?, number(text_1)?)),
        Form::ShortYear => {
            let short = number(text_3)?;
            let century = if short < SHORT_YEAR_PIVOT { 2000 } else { 1900 };
            Some((number(text_2)?, number(text_1)?, century + short))
        }
        Form::Numeric(sep) => {
            let (a, b, year) = (number(text_1)?, number(text_2)?, number(text_3)?);
            let english = matches!(language, None | Some("en"));
            let (month, day) = if *sep == '.' || a > 12 {
                (b, a)
            } else if b > 12 || english {
                (a, b)
            } else {
                (b, a)
            };
            Some((month, day, year))
        }
    }
}

/// Hour and minute of a matched time, on the 24-hour clock.
fn clock(caps: &Captures) -> Option<(u32, u32)> {
    let mut hour = number(caps.name("hour")?.as_str())?;
    let minute = number(caps.name("minute")?.as_str())?;
    let ampm: String = caps
        .name("ampm")
        .map_or("", |m| m.as_str())
        .chars()
        .filter(|&c| c != '.' && c != ' ')
        .collect::<String>()
        .to_lowercase();
    if !ampm.is_empty() {
        if !(1..=12).contains(&hour) {
            return None;
        }
        hour = hour % 12 + if ampm == "pm" { 12 } else { 0 };
    }
    (hour < 24).then_some((hour, minute))
}

/// What `parse_date` trims off a date's end before reading it.
const DATE_TRAILING: [char; 6] = ['.', ',', '-', '–', '—', ' '];

/// Parse a text that is wholly one date (with optional weekday and time).
pub fn parse_date(text: &str, language: Option<&str>) -> Option<ParsedDate> {
    if !has_year(text) {
        return None;
    }
    let text = strip(text).trim_end_matches(DATE_TRAILING);
    let mut hour_minute = None;
    let rest;
    let (caps, forms) = match DATE_EXPR.captures(text) {
        Some(found) => found,
        None => {
            // The time starts with a digit: a text that starts with another ASCII character
            // has none first (digits fold to nothing else).
            if text
                .as_bytes()
                .first()
                .is_none_or(|b| b.is_ascii() && !b.is_ascii_digit())
            {
                return None;
            }
            let time = TIME_FIRST.captures(text)?;
            rest = strip(time.name("rest")?.as_str());
            let (caps, forms) = DATE_EXPR.captures(rest)?;
            if caps.name("hour").is_some() {
                return None;
            }
            hour_minute = Some(clock(&time)?);
            (caps, forms)
        }
    };
    let (month, day, year) = month_day_year(&caps, forms, language)?;
    if !(1..=12).contains(&month) || !(1..=days_in_month(year, month)).contains(&day) {
        return None;
    }
    let mut iso = format!("{year:04}-{month:02}-{day:02}");
    if caps.name("hour").is_some() {
        hour_minute = Some(clock(&caps)?);
    }
    if let Some((hour, minute)) = hour_minute {
        iso.push_str(&format!("T{hour:02}:{minute:02}:00"));
    }
    Some(ParsedDate { iso })
}

/// Whether a date match that starts at byte `at` with `first` starts inside a word or a
/// number: a letter after a letter or digit (the end of a name is no weekday's or month's
/// abbreviation: "Hans Walter 24. April 2020", whose "ter" is no Tuesday), a digit after a
/// letter or digit ("v2.10.23"), or after a point that follows a digit ("192.168.10.20").
fn inside_word_or_number(text: &str, at: usize, first: char) -> bool {
    let mut before = text[..at].chars().rev();
    match before.next() {
        Some(c) if c.is_alphanumeric() => first.is_alphanumeric(),
        Some('.') => first.is_ascii_digit() && before.next().is_some_and(|c| c.is_ascii_digit()),
        _ => false,
    }
}

/// Whether the text after a date match goes on with its number: a digit, or a point and a
/// digit ("2.1.10.23" is a version, not the date "2.1.10").
fn goes_on_as_number(after: &str) -> bool {
    let mut chars = after.chars();
    match chars.next() {
        Some(c) if c.is_ascii_digit() => true,
        Some('.') => chars.next().is_some_and(|c| c.is_ascii_digit()),
        _ => false,
    }
}

/// The first whole date expression inside `text`, with its range in characters. A match
/// that starts inside a word or a number is none (`inside_word_or_number`), and the search
/// goes on from its next character; one that ends inside a number (`goes_on_as_number`) is
/// none either, and the search goes on after it.
pub fn find_date(text: &str, language: Option<&str>) -> Option<(ParsedDate, usize, usize)> {
    let mut from = 0;
    while let Some(m) = DATE_EXPR.anywhere.find_at(text, from) {
        let first = text[m.start()..].chars().next()?;
        if inside_word_or_number(text, m.start(), first) {
            from = m.start() + first.len_utf8();
            continue;
        }
        // A match may end in the white space before an optional part it did not find.
        let end = m.start() + m.as_str().trim_end().len();
        // A match that ends inside a number holds no date of its own: the search goes on
        // after it, as after a match that reads as none.
        if goes_on_as_number(&text[end..]) {
            from = m.end();
            continue;
        }
        if let Some(parsed) = parse_date(m.as_str(), language) {
            let start = text[..m.start()].chars().count();
            return Some((parsed, start, start + m.as_str().chars().count()));
        }
        // Every date has a year: no match is empty, and the search moves on.
        from = m.end();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(text: &str, language: Option<&str>) -> Option<String> {
        parse_date(text, language).map(|p| p.iso)
    }

    #[test]
    fn written_and_numeric_forms() {
        for (text, language, expected) in [
            ("January 23, 2024", "en", "2024-01-23"),
            ("Jan. 23, 2024 5:47 p.m. ET", "en", "2024-01-23T17:47:00"),
            (
                "Tuesday 23 January 2024 17.47 GMT",
                "en",
                "2024-01-23T17:47:00",
            ),
            ("January 23rd, 2024 at 5:47 pm", "en", "2024-01-23T17:47:00"),
            ("5:47 PM EST Jan 23, 2024", "en", "2024-01-23T17:47:00"),
            ("01/23/2024", "en", "2024-01-23"),
            ("2024-01-23T17:47:00+01:00", "en", "2024-01-23T17:47:00"),
            ("23.01.2024 um 17:47 Uhr", "de", "2024-01-23T17:47:00"),
            ("Montag, 23. Januar 2024", "de", "2024-01-23"),
            ("Di., 23.01.2024 - 17:47", "de", "2024-01-23T17:47:00"),
            ("Mardi 23 janvier 2024 à 17h47", "fr", "2024-01-23T17:47:00"),
            ("mar. 23 janv. 2024", "fr", "2024-01-23"),
            (
                "martes, 23 de enero de 2024 a las 17:47",
                "es",
                "2024-01-23T17:47:00",
            ),
            ("23 gennaio 2024 alle 17:47", "it", "2024-01-23T17:47:00"),
            ("quarta-feira, 24 de janeiro de 2024", "pt", "2024-01-24"),
            (
                "23 stycznia 2024 r., godz. 17:47",
                "pl",
                "2024-01-23T17:47:00",
            ),
            ("Do 9 Apr 2020", "de", "2020-04-09"),
            ("sabado 07 de mayo del 2022", "es", "2022-05-07"),
            ("29.02.2024", "de", "2024-02-29"),
        ] {
            assert_eq!(
                iso(text, Some(language)).as_deref(),
                Some(expected),
                "{text}"
            );
        }
    }

    #[test]
    fn not_dates() {
        for text in [
            "2024",
            "23 January",
            "The 23 January 2024 meeting was cancelled.",
            "Er kam am 23. Januar 2024 nach Berlin.",
            "32.01.2024",
            "23.13.2024",
            "25:70 Uhr",
            "Do 9 Apr",
            "So 2020",
            // An abbreviation without its point comes only before a digit.
            "Do Apr 9, 2020",
            // The separators of a numeric date are one and the same.
            "23.01/2024",
        ] {
            assert_eq!(iso(text, Some("de")), None, "{text}");
        }
    }

    #[test]
    fn years_of_two_digits() {
        for (text, expected) in [
            ("19.10.19", "2019-10-19"),
            ("19.10.19, 18:56", "2019-10-19T18:56:00"),
            ("1.11.23 20:19", "2023-11-01T20:19:00"),
            ("mardi 10.12.19", "2019-12-10"),
            ("Viernes, 06.05.22", "2022-05-06"),
            ("12.05.98", "1998-05-12"),
            ("01.01.68", "2068-01-01"),
        ] {
            assert_eq!(iso(text, Some("de")).as_deref(), Some(expected), "{text}");
        }
        // Only with points, day first, and a year that ends there.
        for text in [
            "19/10/19",
            "10-19-19",
            "19.10.195",
            "32.10.19",
            "19.13.19",
            "19.10.1",
        ] {
            assert_eq!(iso(text, Some("de")), None, "{text}");
        }
        let found = |text: &str| find_date(text, Some("de")).map(|(p, start, _)| (p.iso, start));
        assert_eq!(
            found("macbacchi 28.09.19 12:44"),
            Some(("2019-09-28T12:44:00".to_string(), 10))
        );
        assert_eq!(
            found("Swantje Schemmerling | 06.11.23").map(|f| f.1),
            Some(23)
        );
        // A number after the date and a space is no part of it (a comment count).
        assert_eq!(
            found("19.10.2019 17:41 1"),
            Some(("2019-10-19T17:41:00".to_string(), 0))
        );
        // A range's end is no date of its own (its start reads with a bogus time).
        assert_eq!(found("Aktionszeitraum: 21.10.2019 – 27.10.2019"), None);
        // Inside a longer number: an address, a version.
        for text in [
            "Server 192.168.10.20",
            "Version v2.10.23",
            "Release 2.1.10.23",
            "Art. 12.10.19a",
        ] {
            assert_eq!(found(text), None, "{text}");
        }
        assert!(has_year("06.11.23 - Sensation in Petersberg") && has_year("(06.11.23)"));
        assert!(!has_year("192.168.10.20") && !has_year("Version 3.11.2"));
        assert_eq!(year_count("19.10.19 und 20.10.2019"), 2);
    }

    #[test]
    fn no_abbreviation_inside_a_word() {
        let found =
            |text: &str| find_date(text, Some("de")).map(|(p, start, end)| (p.iso, start, end));
        // "ter" (terça-feira), "sam" (samedi) and "mar" (March) end these names.
        assert_eq!(
            found("Hans Walter 24. April 2020"),
            Some(("2020-04-24".to_string(), 12, 26))
        );
        assert_eq!(
            found("Christoph von Ritter 24.04.2020"),
            Some(("2020-04-24".to_string(), 21, 31))
        );
        assert_eq!(found("Imsam 24. April 2020").map(|f| f.1), Some(6));
        assert_eq!(
            find_date("Omar 5, 2020", Some("en")),
            None,
            "a month's abbreviation inside a name"
        );
        // A weekday or month that starts a word is read as before.
        assert_eq!(
            found("Peter Sonntag 24. April 2020"),
            Some(("2020-04-24".to_string(), 6, 28))
        );
        assert_eq!(found("Stand:Mo. 24.04.2020").map(|f| f.1), Some(6));
        assert_eq!(found("Nr.12 vom 24.04.2020").map(|f| f.1), Some(10));
    }

    #[test]
    fn only_real_calendar_dates() {
        for text in [
            "February 30, 2023",
            "31.04.2020",
            "29.02.2023",
            "29.02.1900",
            "Monday, 31 June 2021 10:00",
        ] {
            assert_eq!(iso(text, Some("en")), None, "{text}");
        }
        assert_eq!(iso("29.02.2000", None).as_deref(), Some("2000-02-29"));
        assert_eq!(iso("30 April 2020", None).as_deref(), Some("2020-04-30"));
    }

    #[test]
    fn day_first_unless_english() {
        assert_eq!(iso("03/04/2024", Some("en")).as_deref(), Some("2024-03-04"));
        assert_eq!(iso("03/04/2024", Some("fr")).as_deref(), Some("2024-04-03"));
        assert_eq!(iso("03.04.2024", Some("en")).as_deref(), Some("2024-04-03"));
    }

    #[test]
    fn digits_of_other_scripts() {
        assert_eq!(digit_value('٣'), Some(3));
        assert_eq!(digit_value('𝟗'), Some(9));
        assert_eq!(digit_value('x'), None);
        assert_eq!(iso("٣ January 2024", None).as_deref(), Some("2024-01-03"));
    }

    #[test]
    fn finding_a_date_in_a_sentence() {
        let text = "Er kam am 23. Januar 2024 nach Berlin.";
        let (parsed, start, end) = find_date(text, Some("de")).expect("a date");
        assert_eq!(parsed.iso, "2024-01-23");
        let found: String = text.chars().skip(start).take(end - start).collect();
        assert_eq!(found, "23. Januar 2024");
        assert_eq!(find_date("Ab 31.04.2020 gilt es", Some("de")), None);
    }

    /// What a capture of the date expression says: which form matched, its three groups and
    /// the time's groups.
    fn read(found: Option<(Captures, &Forms)>) -> Option<Vec<Option<String>>> {
        let (caps, forms) = found?;
        let (form, groups) = forms.iter().find(|(_, g)| caps.get(g[0]).is_some())?;
        let form = match form {
            Form::Written => "written".to_string(),
            Form::Iso => "iso".to_string(),
            Form::Numeric(sep) => format!("numeric {sep}"),
            Form::ShortYear => "short year".to_string(),
        };
        let mut read = vec![Some(form)];
        read.extend(groups.iter().map(|&g| group(&caps, g).map(str::to_string)));
        for name in ["hour", "minute", "second", "ampm"] {
            read.push(caps.name(name).map(|m| m.as_str().to_string()));
        }
        Some(read)
    }

    fn assert_digit_first_exact(text: &str) {
        let by_whole = read(
            DATE_EXPR
                .whole
                .captures(text)
                .map(|caps| (caps, &DATE_EXPR.forms)),
        );
        assert_eq!(read(DATE_EXPR.captures(text)), by_whole, "{text:?}");
    }

    #[test]
    fn digit_first_and_letterless_dates_read_as_the_whole_expression_reads_them() {
        for text in [
            "23.01.2024",
            "23. Januar 2024 um 17:47 Uhr",
            "2024-01-23T17:47:00+01:00",
            "3 de marzo de 2020",
            "1st May 2021 5:47 p.m. ET",
            "01/23/2024",
            "23-01-2024",
            "2020",
            "٣ January 2024",
            "Montag, 23. Januar 2024",
        ] {
            assert_digit_first_exact(text);
        }
        let pieces = [
            "1", "23", "2024", ".", "/", "-", " ", "Mai", "de", "mar", "T", ":", "\u{212a}", "٣",
        ];
        crate::devdata::each_string(&pieces, 5, assert_digit_first_exact);
    }

    /// Every line of the development dumps, as `parse_date` reads it, gets the same groups
    /// (when the dumps are there).
    #[test]
    fn digit_first_and_letterless_dates_read_the_same_on_the_development_dumps() {
        crate::devdata::each_dump_line(|line| {
            if has_year(line) {
                assert_digit_first_exact(strip(line).trim_end_matches(DATE_TRAILING));
            }
        });
    }

    #[test]
    fn years_and_weekdays() {
        assert!(has_year("Stand 2019") && !has_year("Stand 1899"));
        assert_eq!(year_count("19201 2020"), 2);
        assert!(is_weekday_name("Montag") && is_weekday_name("SUNDAY"));
        assert!(!is_weekday_name("Mo") && !is_weekday_name("David"));
        assert_eq!(month_number("mar"), Some(3));
        assert_eq!(month_number("März"), None);
        // The map says what a scan of the lists in order says.
        for name in MONTH_NAMES.iter().flat_map(|names| names.split(' ')) {
            let first = MONTH_NAMES
                .iter()
                .position(|names| names.split(' ').any(|n| n == name));
            assert_eq!(month_number(name), first.map(|i| i as u32 + 1), "{name}");
        }
    }
}
