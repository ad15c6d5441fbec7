//! A length guard in front of a whole-line pattern, `(?=.{N,M}+$)`, read as what it is: a
//! count of the line's characters.
//!
//! Many pack rules bound the length of the lines they remove with a look-ahead at their
//! start (`(?i)(?=.{3,220}+$)...all rights reserved...`). The look-ahead alone made the
//! whole pattern a backtracking one, which `fancy-regex` compiles in both directions and
//! runs step by step. Matched against a whole line, the guard holds exactly when the line
//! has no newline (`.` matches any character but `\n`) and N to M characters (code
//! points): `.{N,M}` can only reach the end (`$`, the end of the text) from the start if
//! every character up to it is a `.`, and the possessive `+` changes nothing when the end
//! must follow. So such a rule is a character count and the linear pattern after the
//! guard, compiled forward only like any other whole-line rule.

/// How many characters a line must have (`min..=max`, no upper bound when `max` is None),
/// none of them a newline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Length {
    pub min: usize,
    pub max: Option<usize>,
}

impl Length {
    /// Whether `(?=.{min,max}+$)` holds at the start of `text`.
    pub fn holds(&self, text: &str) -> bool {
        if text.contains('\n') {
            return false;
        }
        // Counting stops one past the most allowed: a long line is judged without
        // counting all of it.
        let limit = self.max.map_or(usize::MAX, |max| max.saturating_add(1));
        let count = text.chars().take(limit).count();
        count >= self.min && self.max.is_none_or(|max| count <= max)
    }
}

/// `pattern` as a length guard and the pattern after it (with the flag groups that came
/// before the guard), when it starts that way: flag groups of `i` only, then
/// `(?=.{N,M}$)` (or `{N,}`, `{N}`, `[^\n]` for `.`, possessive or not). None for any
/// other pattern; the caller checks that the rest is linear and has no alternation at its
/// top level (`(?=...)a|b` guards `a` only).
pub fn split(pattern: &str) -> Option<(Length, String)> {
    let mut rest = pattern;
    let mut flags = String::new();
    while let Some(group) = rest.strip_prefix("(?") {
        let letters = group.find(')')?;
        let (names, after) = (&group[..letters], &group[letters + 1..]);
        if names.is_empty() || !names.chars().all(|c| c == 'i') {
            break;
        }
        flags.push_str(&rest[..letters + 3]);
        rest = after;
    }
    let rest = rest.strip_prefix("(?=")?;
    let rest = rest
        .strip_prefix('.')
        .or_else(|| rest.strip_prefix(r"[^\n]"))?;
    let rest = rest.strip_prefix('{')?;
    let close = rest.find('}')?;
    let (counts, rest) = (&rest[..close], &rest[close + 1..]);
    let number = |digits: &str| -> Option<usize> {
        (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
            .then(|| digits.parse().ok())
            .flatten()
    };
    let length = match counts.split_once(',') {
        None => {
            let n = number(counts)?;
            Length {
                min: n,
                max: Some(n),
            }
        }
        Some((min, "")) => Length {
            min: number(min)?,
            max: None,
        },
        Some((min, max)) => Length {
            min: number(min)?,
            max: Some(number(max)?),
        },
    };
    let rest = rest.strip_prefix('+').unwrap_or(rest);
    let rest = rest.strip_prefix("$)")?;
    Some((length, flags + rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guards_are_read() {
        let bounded = |min, max| Length {
            min,
            max: Some(max),
        };
        assert_eq!(
            split(r"(?i)(?=.{3,220}+$)[^\n]{0,180}?\ball rights reserved"),
            Some((
                bounded(3, 220),
                r"(?i)[^\n]{0,180}?\ball rights reserved".into()
            ))
        );
        assert_eq!(
            split(r"(?=[^\n]{2,9}$)a"),
            Some((bounded(2, 9), "a".into()))
        );
        assert_eq!(
            split(r"(?i)(?i)(?=.{4}$)a"),
            Some((bounded(4, 4), "(?i)(?i)a".into()))
        );
        assert_eq!(
            split(r"(?=.{4,}+$)a"),
            Some((Length { min: 4, max: None }, "a".into()))
        );
        // Other flags change what `.` or `$` mean; other look-aheads are no length.
        for other in [
            r"(?s)(?=.{3,9}+$)a",
            r"(?m)(?=.{3,9}+$)a",
            r"(?i)(?=.{3,9}+)a",
            r"(?i)(?=.{3,9}+$|b)a",
            r"(?i)(?=\w{3,9}+$)a",
            r"(?i)(?=.{,9}+$)a",
            r"(?i)(?=.{3,99999999999999999999999}+$)a",
            r"(?i)a(?=.{3,9}+$)",
        ] {
            assert_eq!(split(other), None, "{other}");
        }
    }

    #[test]
    fn a_guard_counts_characters_on_one_line() {
        let guard = Length {
            min: 2,
            max: Some(4),
        };
        assert!(!guard.holds("a"));
        assert!(guard.holds("ab"));
        assert!(guard.holds("äöü🙂"));
        assert!(!guard.holds("äöü🙂x"));
        assert!(guard.holds("a\rb"));
        assert!(!guard.holds("a\nb"));
        let open = Length { min: 1, max: None };
        assert!(open.holds(&"x".repeat(10_000)));
        assert!(!open.holds(""));
    }
}
