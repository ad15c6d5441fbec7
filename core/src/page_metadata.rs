//! What a page's own title and URL say about the site: the page's host, and the title without
//! the parts that name the site or date the page.
//!
//! The header stage reads a title line by the page's host the same way the Python shell reads
//! the page's own `<title>` (`cleaner.page_metadata`, which calls these). The patterns were
//! Python `re` patterns, whose `\s` is `str.isspace` (it also holds U+001C..U+001F) and whose
//! `\W` is "not `str.isalnum` and not `_`": both are spelled out here.

use std::collections::BTreeSet;
use std::net::Ipv6Addr;
use std::sync::LazyLock;

use regex::Regex;
use unicode_normalization::UnicodeNormalization;

use crate::dates::parse_date;
use crate::header_lines::without_site_name;
use crate::pychar;
use crate::textshape::{casefold, strip};

/// What separates the parts of a page title: a bar, bullet, dash or spaced colon between
/// spaces, or a bar or dash left at its end.
static TITLE_PART: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"[\s\x1C-\x1F]+(?:[|•·–—:»›ǀ-]|::)[\s\x1C-\x1F]+|[\s\x1C-\x1F]+[|–—-][\s\x1C-\x1F]*\z",
    )
    .expect("valid pattern")
});
static HOST_AFFIXES: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^www\d?\.|\.[a-z]{2,6}\z").expect("valid pattern"));
static VERSIONED_HOST: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\Av[a-fA-F0-9]+\.(?s:.)+\z").expect("valid pattern"));
const MIN_NAME_KEY: usize = 3;
/// What `urlsplit` strips from the start of a URL (C0 controls and the space).
fn c0_or_space(c: char) -> bool {
    c <= ' '
}

/// A URL that `urlsplit` refuses ("Invalid IPv6 URL"), with what it said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadUrl(pub String);

/// The host of a URL, lowercased, without a leading `www.`; a text without `//` is read as
/// a bare host. The URL is split as Python's `urllib.parse.urlsplit` splits it (a bracket
/// without its partner, or a bracketed host that is no IPv6 address, is an error).
pub fn url_host(url: Option<&str>) -> Result<Option<String>, BadUrl> {
    let Some(url) = url.filter(|u| !u.is_empty()) else {
        return Ok(None);
    };
    let url = if url.contains("//") {
        url.to_string()
    } else {
        format!("//{url}")
    };
    let url: String = url
        .trim_start_matches(c0_or_space)
        .chars()
        .filter(|c| !matches!(c, '\t' | '\r' | '\n'))
        .collect();
    let mut rest = url.as_str();
    if let Some(colon) = rest.find(':') {
        let scheme = &rest[..colon];
        let first_alpha = scheme
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic());
        if colon > 0
            && first_alpha
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        {
            rest = &rest[colon + 1..];
        }
    }
    let Some(after) = rest.strip_prefix("//") else {
        return Ok(None);
    };
    let netloc = &after[..after.find(['/', '?', '#']).unwrap_or(after.len())];
    let (open, close) = (netloc.contains('['), netloc.contains(']'));
    if open != close {
        return Err(BadUrl("Invalid IPv6 URL".into()));
    }
    if open {
        let bracketed = netloc.split_once('[').map_or("", |(_, b)| b);
        let host = bracketed.split_once(']').map_or(bracketed, |(h, _)| h);
        check_bracketed_host(host)?;
    }
    check_netloc(netloc)?;
    let hostinfo = netloc.rsplit_once('@').map_or(netloc, |(_, h)| h);
    let hostname = match hostinfo.split_once('[') {
        Some((_, bracketed)) => bracketed.split_once(']').map_or(bracketed, |(h, _)| h),
        None => hostinfo.split_once(':').map_or(hostinfo, |(h, _)| h),
    };
    if hostname.is_empty() {
        return Ok(None);
    }
    let hostname = match hostname.split_once('%') {
        Some((host, zone)) => format!("{}%{zone}", host.to_lowercase()),
        None => hostname.to_lowercase(),
    };
    let host = hostname.to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    Ok((!host.is_empty()).then(|| host.to_string()))
}

/// `urlsplit`'s test of a host that is not ASCII: none of its characters may turn into a
/// separator under NFKC (as IDNA reads it), such as U+2100 into "a/c".
fn check_netloc(netloc: &str) -> Result<(), BadUrl> {
    if netloc.is_ascii() {
        return Ok(());
    }
    let plain: String = netloc
        .chars()
        .filter(|c| !matches!(c, '@' | ':' | '#' | '?'))
        .collect();
    let normal: String = plain.nfkc().collect();
    if normal != plain && normal.contains(['/', '?', '#', '@', ':']) {
        return Err(BadUrl(format!(
            "netloc '{netloc}' contains invalid characters under NFKC normalization"
        )));
    }
    Ok(())
}

/// `urlsplit`'s test of a bracketed host: an IPv6 address (perhaps with a zone) or an
/// IPvFuture form ("v1.x").
fn check_bracketed_host(host: &str) -> Result<(), BadUrl> {
    if host.starts_with('v') {
        if VERSIONED_HOST.is_match(host) {
            return Ok(());
        }
        return Err(BadUrl("IPvX address expected in brackets".into()));
    }
    // A zone, when there is one, is not empty and holds no second `%` (`ipaddress`).
    let (address, zone_ok) = match host.split_once('%') {
        Some((address, zone)) => (address, !zone.is_empty() && !zone.contains('%')),
        None => (host, true),
    };
    if zone_ok && address.parse::<Ipv6Addr>().is_ok() {
        Ok(())
    } else {
        Err(BadUrl(format!(
            "{} does not appear to be an IPv4 or IPv6 address",
            crate::pychar::repr(host)
        )))
    }
}

/// A name case-folded without spaces and punctuation, so that "Example News",
/// "example.news", "Example-News" and the "Example News" trafilatura makes of a domain
/// compare equal.
pub fn squeezed(name: &str) -> String {
    casefold(name)
        .chars()
        .filter(|&c| pychar::is_alnum(c) && c != '_')
        .collect()
}

/// A host squeezed without its "www." and top-level domain: "www.Example.de" → "example".
pub fn host_key(host: &str) -> String {
    squeezed(&HOST_AFFIXES.replace_all(&casefold(strip(host)), ""))
}

/// The squeezed names a title part or an author field may give the site by: the host with
/// and without its "www." and top-level domain, and (`with_site`) the site's name.
pub fn site_keys(site: &str, host: &str, with_site: bool) -> BTreeSet<String> {
    let mut keys = BTreeSet::from([squeezed(host), host_key(host)]);
    if with_site {
        keys.insert(squeezed(site));
    }
    keys.retain(|key| key.chars().count() >= MIN_NAME_KEY);
    keys
}

/// The parts of a page title between its separators ("Headline | Site" → "Headline",
/// "Site"; bars, dashes, bullets, colons and breadcrumb arrows, each with white space on
/// both sides), stripped, the empty ones left out.
pub fn title_parts(title: &str) -> Vec<&str> {
    let title = strip(title);
    part_spans(title)
        .into_iter()
        .map(|(start, end)| strip(&title[start..end]))
        .filter(|part| !part.is_empty())
        .collect()
}

/// The byte ranges of a title's parts between its separators (`TITLE_PART`).
fn part_spans(title: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = 0;
    for found in TITLE_PART.find_iter(title) {
        spans.push((start, found.start()));
        start = found.end();
    }
    spans.push((start, title.len()));
    spans
}

/// A page title without the parts that name the site or date the page: from the first later
/// part that is the site's name, its host or a date, everything goes ("Headline |
/// example.com | Slogan", "Headline : 31.10.2023, 10.19 Uhr"), and a first part that names
/// the site goes too ("BMAS - Headline"). What is left loses a site's name as any title
/// line does (`without_site_name`).
pub fn title_without_site(title: &str, site: &str, host: &str) -> String {
    let title = strip(title);
    let spans = part_spans(title);
    let parts: Vec<&str> = spans.iter().map(|&(a, b)| &title[a..b]).collect();
    // A site name that holds the title's first part is the page title, read as the site's
    // name.
    let keys = site_keys(site, host, !squeezed(site).contains(&squeezed(parts[0])));
    let names_site = |part: &str| {
        let squeezed = squeezed(part);
        squeezed.is_empty() || keys.contains(&squeezed) || keys.contains(&host_key(part))
    };
    let (mut first, mut last) = (0, parts.len());
    for (index, part) in parts.iter().enumerate().skip(1) {
        if names_site(part) || parse_date(part, None).is_some() {
            last = index;
            break;
        }
    }
    if last - first > 1 && names_site(parts[0]) {
        first = 1;
    }
    without_site_name(&title[spans[first].0..spans[last - 1].1]).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn host(url: &str) -> Option<String> {
        url_host(Some(url)).expect("a valid URL")
    }

    #[test]
    fn a_title_splits_into_its_parts() {
        assert_eq!(
            title_parts("Headline here | example.com | Slogan"),
            ["Headline here", "example.com", "Slogan"]
        );
        assert_eq!(
            title_parts("Plejaden, M45 - Abenteuer"),
            ["Plejaden, M45", "Abenteuer"]
        );
        // A hyphen inside a word and a colon without a space before it split nothing.
        assert_eq!(title_parts("TV-Tipp: Loriot"), ["TV-Tipp: Loriot"]);
        assert_eq!(title_parts("Headline |"), ["Headline"]);
        // Breadcrumb arrows and the Latin letter dental click that sites use as a bar.
        assert_eq!(
            title_parts("Ratgeber » Garten › Rasen mähen im Herbst ǀ Gartenblog"),
            ["Ratgeber", "Garten", "Rasen mähen im Herbst", "Gartenblog"]
        );
        // Quotation marks inside a title split nothing.
        assert_eq!(
            title_parts("»Wir bleiben« sagt der Verein"),
            ["»Wir bleiben« sagt der Verein"]
        );
    }

    #[test]
    fn hosts_as_urlsplit_reads_them() {
        assert_eq!(
            host("https://www.Example.de/a/b?c#d"),
            Some("example.de".into())
        );
        assert_eq!(host("example.com"), Some("example.com".into()));
        assert_eq!(
            host("user@News.example.org:8080/x"),
            Some("news.example.org".into())
        );
        assert_eq!(host("example.com/a//b"), None);
        assert_eq!(host("http://www."), None);
        assert_eq!(host("http://[::1]:80/"), Some("::1".into()));
        assert_eq!(url_host(None), Ok(None));
        assert_eq!(url_host(Some("")), Ok(None));
        assert!(url_host(Some("http://[::1/")).is_err());
        assert!(url_host(Some("http://[nope]/")).is_err());
        assert!(url_host(Some("http://[::1%]/")).is_err());
        assert_eq!(host("http://[FE80::1%eth0]/"), Some("fe80::1%eth0".into()));
        assert!(url_host(Some("http://ex\u{2100}mple.com/")).is_err());
        assert_eq!(host("http://Bücher.de/"), Some("bücher.de".into()));
    }

    #[test]
    fn squeezed_names_compare_equal() {
        assert_eq!(squeezed("Example-News"), "examplenews");
        assert_eq!(squeezed("example_news."), "examplenews");
        assert_eq!(host_key("www.Example.de"), "example");
    }

    #[test]
    fn titles_lose_the_site() {
        assert_eq!(
            title_without_site("Headline here | example.com | Slogan", "", "example.com"),
            "Headline here"
        );
        assert_eq!(
            title_without_site("BMAS - Rente mit 63 steigt", "", "bmas.de"),
            "Rente mit 63 steigt"
        );
        assert_eq!(
            title_without_site("Headline : 31.10.2023, 10.19 Uhr", "", "x.de"),
            "Headline"
        );
        assert_eq!(
            title_without_site("Example News", "Example News", "example.com"),
            "Example News"
        );
    }
}
