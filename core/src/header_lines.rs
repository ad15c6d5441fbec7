//! Recognisers for the lines that open an article: bylines, date lines and datelines.
//!
//! Shared by `segment` (a title followed by one of these starts a new article) and `header`
//! (which moves them into metadata). Each recogniser matches a whole line, never a sentence.
//! `signed_date` is the header's alone: it reads a date only where the article's own is
//! expected, just above its body; so is `stamp`, which reads a post's stamp (a date and a
//! name side by side) only beside the body or under its headline.
//!
//! Patterns are those of the `regex` crate (linear time), except the five built on a
//! person's name, which say what a name is not ("The", an agency, a role, "on 3 May") by
//! negative look-aheads inside repetitions: `BYLINE`, `BYLINE_ONE_NAME`, `NAMES_THEN_DATE`,
//! `DATE_THEN_NAMES` and `PERSON` run on `fancy-regex` with a backtrack limit
//! (`BACKTRACK_LIMIT`; a line that reaches it is no match). Rewritten without look-around,
//! with identical matches:
//! - the dateline's agency was followed by `(?![\p{L}-])`, always true before its `)`;
//! - the dateline's place began with `(?=[^()]{2,60}\()`, which `dateline_line` tests
//!   before the pattern runs (the first bracket opens, 2 to 60 characters in);
//! - a place's particle ("am", "de") needed a capitalised word after it, perhaps after a
//!   second particle: `place_words` spells out the allowed word sequences;
//! - `SITE_NAME_BAR`'s "no later bar" is the loop in `site_name_bar`.

use std::sync::LazyLock;

use regex::Regex;

use crate::dates::{self, has_year, is_weekday_name, month_number, parse_date};
use crate::given_names::is_given_name;
use crate::textshape::{rstrip, split_words, strip, word_count};

const NAME: &str =
    r"(?:\p{Lu}[\p{L}'’.-]*|de|da|dos|das|van|von|der|den|di|del|della|la|le|du|al-\p{L}+|bin|ibn)";
/// A determiner in first position makes a title ("By The Time ...", "Von Der ..."), not a
/// name.
const NOT_NAME: &str = r"(?!(?:The|A|An|This|That|These|Those|Der|Die|Das|Den|Dem|Des|Ein|Eine|Le|La|Les|Un|Une|El|Los|Las|Il|Lo|Gli|Uno|Una|Os|As|Um|Uma|Ten|Ta|To)\b)";
const AGENCIES: &str = "dpa(?:-AFX)?|AFP|AP|Reuters|APA|KNA|epd|EFE|ANSA|PAP|Lusa|SDA|\
     Keystone-SDA|ATS|AFX|dts|Bloomberg|Xinhua|ANP|Belga|Europa Press|Agência Brasil|ABr|UPI|\
     PTI|IANS|Kyodo|Yonhap|TASS|Notimex|AGI|Adnkronos|IAR|KAI|sid|SID|PA|PA Media|AAP|CP|ANI|\
     NTB|TT|STT|ČTK|CTK|MTI|Ritzau|HINA|BTA|Anadolu";
const ROLE: &str = r"(?:Staff|Senior|Chief|Special|Contributing|Associated|Foreign|Political|Science|Correspondent|Reporter|Editor|Redakteur(?:in)?|Korrespondent(?:in)?|Envoyée?|Corresponsal|Redattore|Redattrice|Correspondente|Dziennikarz(?:ka)?)\b";
/// A word before a date ("By Jane Doe on 3 May", "Par Jean Dupont le 3 mai") joins the
/// date, not the name.
const DATE_JOINER_WORDS: &str = "(?i:on|am|le|el|il|em|dnia)";
/// A month's name or abbreviation before a day ("By Amelie Marie Nishizawa Feb 8, 2020"):
/// the date after a name, not a part of it.
const MONTH_DAY: &str = r"(?i:jan(?:uary|uar)?|feb(?:ruary|ruar)?|mar(?:ch)?|apr(?:il)?|may|jun[ei]?|jul[iy]?|aug(?:ust)?|sep(?:t|tember)?|oct(?:ober)?|okt(?:ober)?|nov(?:ember)?|dec(?:ember)?|dez(?:ember)?)\.?\s+\d";
const JOINER: &str = r"\s*(?:,|&|\band\b|\bund\b|\bet\b|\by\b|\be\b|\bi\b|\boraz\b)\s*";
const BY_WORDS: &str = r"[Bb]y|BY|[Vv]on|VON|[Pp]ar|PAR|[Pp]or|POR|Di|DI|De|DE|Da|Door|Av|Autor(?:in|en|innen|\*in|/in|a|es|ka|zy)?|Autore|Autori|Auteure?|Texte?|Texto|Tekst|Redakcja|Written by|Reported by|Words by|Story by|Ein Beitrag von|Ein Kommentar von|Eine Analyse von|Verfasst von|Geschrieben von|Un article de|Escrito por|Reportagem de|Texto de|Scritto da|A cura di|Napisał(?:a)?|Author|AUTHOR|AUTOR(?:IN)?(?:/IN)?|Published [Bb]y|Posted [Bb]y|Veröffentlicht von|Gepostet von|Erstellt von|Post author(?: [Bb]y)?|Ein Artikel von|Eine Kolumne von|Posté par|Publié par|Publicado por|Pubblicato da";
const PUBLISHED_WORDS: &str = "Published(?: on)?|Posted(?: on)?|Veröffentlicht(?: am)?|\
     Erschienen(?: am)?|Publié(?: le)?|Publicado(?: el| em)?|Pubblicato(?: il)?|Opublikowano|\
     Data publikacji|Date|Datum|Fecha|Data|Publiziert(?: am)?|Postado(?: em)?|\
     Veröffentlichung(?:sdatum)?";
const UPDATED_WORDS: &str = "Updated(?: on)?|Last updated(?: on)?|Aktualisiert(?: am)?|\
     Zuletzt aktualisiert(?: am)?|Stand|Mis à jour(?: le)?|Actualizado(?: el)?|\
     Atualizado(?: em)?|Aggiornato(?: il)?|Aktualizacja";
const PLACE_PARTICLE: &str = "(?:am|an|der|im|ob|bei|de|del|della|di|da|do|dos|das|la|le|les|\
     sur|upon|on|en|nad|pod|w)";
const PLACE_WORD: &str = r"\p{Lu}[\p{L}.'’/-]*";
/// Words of a site's name after a title's last bar or dash.
const SITE_NAME_WORDS: usize = 6;
/// Steps of backtracking a name pattern may take on one line (`fancy-regex`'s default).
const BACKTRACK_LIMIT: usize = 1_000_000;

fn person() -> String {
    format!(
        r"{NOT_NAME}(?!(?:{AGENCIES})\b)(?!{ROLE})\p{{Lu}}[\p{{L}}'’.-]*(?:\s+(?!{DATE_JOINER_WORDS}\s+\d)(?!{MONTH_DAY}){NAME}){{1,4}}"
    )
}

fn names() -> String {
    let person = person();
    format!("{person}(?:{JOINER}{person})*")
}

/// A pattern anchored at both ends, in the `regex` crate.
fn whole(pattern: &str) -> Regex {
    Regex::new(&format!(r"\A(?:{pattern})\z")).expect("valid pattern")
}

/// A pattern with look-arounds, anchored at both ends, in `fancy-regex`.
fn whole_fancy(pattern: &str) -> fancy_regex::Regex {
    fancy_regex::RegexBuilder::new(&format!(r"\A(?:{pattern})\z"))
        .backtrack_limit(BACKTRACK_LIMIT)
        .build()
        .expect("valid pattern")
}

static AGENCY_LIST: LazyLock<Regex> =
    LazyLock::new(|| whole(&format!(r"(?:{AGENCIES})(?:\s*[/,]\s*(?:{AGENCIES}))*")));
static BYLINE: LazyLock<fancy_regex::Regex> = LazyLock::new(|| {
    whole_fancy(&format!(
        r"(?:{BY_WORDS})\s*:?\s+(?P<names>{})(?:(?:\s*(?:[,|/–—·•-]|\b{DATE_JOINER_WORDS}\b)\s*|\s+(?=\d)|\s+(?={MONTH_DAY}))(?P<rest>.{{1,100}}))?",
        names()
    ))
});
/// One name alone ("von David · 18. Oktober 2019") is a byline only with a date after it; a
/// blog's user name may have a dot or an underscore inside ("Von Isabella.DiBiase am Samstag,
/// 19. Oktober 2019").
static BYLINE_ONE_NAME: LazyLock<fancy_regex::Regex> = LazyLock::new(|| {
    whole_fancy(&format!(
        r"(?:{BY_WORDS})\s*:?\s+(?P<names>{NOT_NAME}(?!(?:{AGENCIES})\b)\p{{Lu}}\p{{Ll}}+(?:[._]\p{{L}}[\p{{L}}\p{{N}}]*)?)(?:\s*[,|/–—·•-]\s*|\s+(?=\d)|\s+{DATE_JOINER_WORDS}\s+)(?P<rest>.{{4,60}})"
    ))
});
/// How every match of `BYLINE` and `BYLINE_ONE_NAME` starts: a by-word, perhaps a colon, and
/// white space. Most lines have no such start, and this linear pattern tells them without
/// the backtracking of the two.
static BYLINE_START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"\A(?:{BY_WORDS})\s*:?\s")).expect("valid pattern"));
/// Academic and professional degrees after an author's name ("Written by Grant Tinsley, PhD on
/// April 29, 2018"), and the word that joins a date after them.
static CREDENTIALS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\A(?:(?:Ph\.?D\.?|M\.?D\.?|MPH|MSc|MS|MA|MBA|RDN|RD|LDN|LD|CDN|DO|RN|CPT|Jr\.|Sr\.)(?:\s*,\s*|\s+|\z))+(?:(?:on|am|le)\s+)?",
    )
    .expect("valid pattern")
});
static NAME_SPLIT: LazyLock<Regex> = LazyLock::new(|| Regex::new(JOINER).expect("valid pattern"));
/// A line that ends with a by-word: alone ("By", "Autor:") or after a date ("21.01.2022
/// 11:46 von"), when a page's layout put the name on the next line.
static BY_WORD_LAST: LazyLock<Regex> =
    LazyLock::new(|| whole(&format!(r"(?:.{{1,40}}\s)?(?:{BY_WORDS})\s*:?")));
static NAMES_THEN_DATE: LazyLock<fancy_regex::Regex> = LazyLock::new(|| {
    whole_fancy(&format!(
        r"(?P<names>{})(?:\s*[|/·•,–—-]\s*|\s+(?=\d))(?P<rest>.{{4,60}})",
        names()
    ))
});
/// The author after a date: names, or a user name (a blog's author signs with one), perhaps
/// after a separator ("8. Januar 2020 · by Aureliana"), after "von", "by" ... or a theme's
/// "Author" ("28. Juli 2019 Author Andreas Kalt", "13. April 2017 Autor: jdoe").
static DATE_THEN_NAMES: LazyLock<fancy_regex::Regex> = LazyLock::new(|| {
    whole_fancy(&format!(
        r"(?P<date>.{{4,60}}?)(?:\s*[|·•/–—]\s*|\s+)(?:von|by|par|por|di|przez|Author|Autor)(?::\s*|\s+)(?:(?P<names>{})|(?P<user>[\p{{L}}\p{{N}}_.@-]{{2,30}}))",
        names()
    ))
});
/// How every match of `DATE_THEN_NAMES` starts: 4 to 60 characters, white space or a
/// separator, a by-word and white space or a colon, found without its backtracking (the by-word of most lines that have
/// one comes far later).
static DATE_THEN_BY_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A.{4,60}?(?:\s*[|·•/–—]\s*|\s+)(?:von|by|par|por|di|przez|Author|Autor)(?::|\s)")
        .expect("valid pattern")
});
static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    whole(&format!(
        r"(?i)[^\p{{L}}\p{{N}}]{{0,3}}(?:(?P<updated>{UPDATED_WORDS})|(?P<published>{PUBLISHED_WORDS}))?\s*:?\s*(?P<date>.+)"
    ))
});
/// `DATE_LINE` up to its date: the same groups wherever what follows is one line that is not
/// empty, as on a line with a year (which the lead cannot take). Matching the whole line for
/// its groups took the slow engines over every long line with a year in it; the lead alone is
/// a few characters.
static DATE_LINE_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\A(?:(?i)[^\p{{L}}\p{{N}}]{{0,3}}(?:(?P<updated>{UPDATED_WORDS})|(?P<published>{PUBLISHED_WORDS}))?\s*:?\s*)"
    ))
    .expect("valid pattern")
});

/// Whether `DATE_LINE_LEAD` takes an "updated" label: its lead of up to three characters
/// other than letters and digits is as long as it can be (all that follows may be empty), so
/// the label starts right after the lead's last such character, and each label starts with
/// a letter, which no other character matches even with case folding: the match of this
/// pattern, wherever it lets the label start, is the match at that place.
static UPDATED_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\A(?:(?i)[^\p{{L}}\p{{N}}]{{0,3}}(?:{UPDATED_WORDS}))"
    ))
    .expect("valid pattern")
});

/// An "updated" label anywhere in a text ("Article mis à jour le", "zuletzt aktualisiert").
static UPDATED_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)\b(?:{UPDATED_WORDS}|zuletzt bearbeitet)\b")).expect("valid pattern")
});
/// Where a line's "updated" part starts after its published date: a label after a
/// separator or white space ("PUBLISHED: November 8, 2023 at 4:56 p.m. | UPDATED: …",
/// "Pubblicato il 19 Febbraio 2020 Ultima modifica 19 Febbraio 2020 12:02").
static UPDATED_PART: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?:\s*[|/·•–—;]\s*|[.,]\s+|\s+)(?:{UPDATED_WORDS}|Ultima modifica)\b"
    ))
    .expect("valid pattern")
});
/// A word that makes the date after it an event's or a deadline's ("Termin: 15. November",
/// "Einsendeschluss: 03.11.2019", "Preise ab 01.01.2024", "until May 3").
static EVENT_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:Termin|Einsendeschluss|Anmeldeschluss|Bewerbungsschluss|Frist|ab|bis|Deadline|until|till|Event|Veranstaltung|jusqu'au|hasta|fino al)\b",
    )
    .expect("valid pattern")
});
/// A social post's handle in parentheses ("— Jane Doe (@janedoe) May 3, 2020"): the line an
/// embedded post signs with, whose date is the post's.
static POST_HANDLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\(@\w+\)").expect("valid pattern"));

/// Whether the words before a date in a line say it is not the text's publication date: an
/// "updated" label, an event's or deadline's word, or an embedded social post's signature.
pub fn not_published_before(text: &str) -> bool {
    UPDATED_WORD.is_match(text) || EVENT_WORD.is_match(text) || POST_HANDLE.is_match(text)
}

/// `DATE_LINE`'s groups: whether its label says "updated", and the date after it.
fn date_line_parts(text: &str) -> Option<(bool, &str)> {
    // The lead's end and `UPDATED_LEAD` for its group, without resolving the groups (the
    // labels' alternatives in all cases).
    let lead = DATE_LINE_LEAD.find(text)?;
    let date = &text[lead.end()..];
    if !date.is_empty() && !date.contains('\n') {
        return Some((UPDATED_LEAD.is_match(text), date));
    }
    let m = DATE_LINE.captures(text)?;
    let updated = m.name("updated").is_some_and(|u| !u.is_empty());
    Some((updated, m.name("date")?.as_str()))
}

/// The agency in a dateline's brackets: a known one, or a short capitalised name.
fn agency() -> String {
    format!(
        r"(?P<agency>(?:{AGENCIES})(?:/(?:{AGENCIES}))*|[A-Z][A-Za-z.&/-]{{1,20}}(?: [A-Z][A-Za-z.&-]+){{0,2}})"
    )
}

/// Up to `count` more words of a place after its first: capitalised words, and particles
/// that stand before a capitalised word, perhaps after a second particle ("Frankfurt am
/// Main", "Rio de Janeiro", "Castillo de la Mota").
fn place_words(count: usize) -> String {
    if count == 0 {
        return String::new();
    }
    let word = format!(" {PLACE_WORD}");
    let particle = format!(" {PLACE_PARTICLE}");
    let mut alternatives = vec![format!("{word}{}", place_words(count - 1))];
    if count >= 2 {
        alternatives.push(format!("{particle}{word}{}", place_words(count - 2)));
    }
    if count >= 3 {
        alternatives.push(format!(
            "{particle}{particle}{word}{}",
            place_words(count - 3)
        ));
    }
    format!("(?:{})?", alternatives.join("|"))
}

static DATELINE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    whole(&format!(
        r"(?P<place>{PLACE_WORD}{}),?\s*\({}\)\s*(?P<date>[^()]*?)\s*[-–—:]*",
        place_words(4),
        agency()
    ))
});
static DATELINE_INLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\A(?P<place>\p{{Lu}}[\p{{Lu}}.'’/ -]{{1,60}}?),?\s*\({}\)\s*[-–—:]+\s*",
        agency()
    ))
    .expect("valid pattern")
});
/// A site's name written as its domain ("wien.ORF.at"): after a dash it is no subtitle,
/// even in lower case.
static DOMAIN: LazyLock<Regex> =
    LazyLock::new(|| whole(r"(?:www\.)?[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,6}"));
/// White space as the patterns read it (`\s`: Unicode White_Space).
static SPACE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\A\s\z").expect("valid pattern"));

/// A value an opening line carries: a date, place or agency, or the authors' names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Text(String),
    Names(Vec<String>),
}

/// What an opening line says: its kind ("byline", "date", "dateline") and the values it
/// carries, in the order they were read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeaderLine {
    pub kind: &'static str,
    pub values: Vec<(&'static str, Value)>,
}

impl HeaderLine {
    fn new(kind: &'static str, values: Vec<(&'static str, Value)>) -> Self {
        HeaderLine { kind, values }
    }

    /// Whether the line carries `key`.
    pub fn has(&self, key: &str) -> bool {
        self.values.iter().any(|(k, _)| *k == key)
    }
}

type Dates = Vec<(&'static str, Value)>;

fn full<'t>(re: &fancy_regex::Regex, text: &'t str) -> Option<fancy_regex::Captures<'t, str>> {
    re.captures(text).ok().flatten()
}

fn fancy_group<'t>(caps: &fancy_regex::Captures<'t, str>, name: &str) -> Option<&'t str> {
    caps.name(name).map(|m| m.as_str())
}

fn split_names(names: &str) -> Value {
    Value::Names(
        NAME_SPLIT
            .split(names)
            .filter(|n| !n.is_empty())
            .map(str::to_string)
            .collect(),
    )
}

fn is_sentence_end(text: &str) -> bool {
    matches!(text.chars().next_back(), Some('.' | '!' | '?' | '…'))
}

/// A byline: names after "By", "Von", "Par", "Por", "Di", "Autor:" ..., with an optional
/// agency or date after a separator ("Von Max Mustermann, dpa", "By Jane Doe | Reuters");
/// a single name only with a date after it.
pub fn byline(text: &str, language: Option<&str>) -> Option<HeaderLine> {
    if let Some(text) = without_soft_hyphens(text) {
        return byline(&text, language);
    }
    if longer_than(text, 160) || !BYLINE_START.is_match(strip(text)) {
        return None;
    }
    let Some(m) = full(&BYLINE, strip(text)) else {
        return one_name_byline(text, language);
    };
    let mut values = vec![("authors", split_names(fancy_group(&m, "names")?))];
    let rest = strip(fancy_group(&m, "rest").unwrap_or(""));
    // An author's degree after the name is neither a name nor the date after it.
    let rest = CREDENTIALS.find(rest).map_or(rest, |m| &rest[m.end()..]);
    if !rest.is_empty() {
        if AGENCY_LIST.is_match(rest) {
            values.push(("agency", Value::Text(rest.to_string())));
        } else if let Some(dates) = byline_dates(rest, language) {
            values.extend(dates);
        } else if split_words(rest).count() > 4 || is_sentence_end(rest) {
            return None;
        } else if let Some(date) = date_among_words(rest, language) {
            values.push(date);
        }
    }
    Some(HeaderLine::new("byline", values))
}

/// The dates after a byline's names: a date, or a date line, which may open with a second
/// separator or a label ("Von Felix Eisenreich // 1. November 2023", "By Daniel |
/// Published: 23. Juli 2017").
fn byline_dates(rest: &str, language: Option<&str>) -> Option<Dates> {
    dates_of(rest, language, "published").or_else(|| {
        date_line(rest, language)
            .or_else(|| dated_pair(rest, language))
            .filter(|found| found.kind == "date")
            .map(|found| found.values)
    })
}

/// The one date among the few words after a byline's names that are no date line of their
/// own: a role or label before it, a time or a theme's button after it ("von Mathilda
/// Trausch, Online-Redaktion Veröffentlicht: 26.12.2022", "von Tilman Weber 10.12.2022
/// 07:00 | Druckvorschau"). Published, or updated after an "updated" label; none where the
/// words hold two years or name an event or a deadline.
fn date_among_words(rest: &str, language: Option<&str>) -> Option<(&'static str, Value)> {
    if dates::year_count(rest) != 1 || EVENT_WORD.is_match(rest) {
        return None;
    }
    let (parsed, start, _) = dates::find_date(rest, language)?;
    let before: String = rest.chars().take(start).collect();
    let key = if UPDATED_WORD.is_match(&before) {
        "updated"
    } else {
        "published"
    };
    Some((key, Value::Text(parsed.iso)))
}

/// `text` without its soft hyphens, when it has any: a hyphenation hint inside a name
/// ("Von Mat\u{ad}thi\u{ad}as Lauerer") is no character of it.
fn without_soft_hyphens(text: &str) -> Option<String> {
    text.contains('\u{ad}').then(|| text.replace('\u{ad}', ""))
}

/// A byline with a single name, told from a phrase by the date that follows it; a weekday
/// or a month is no name ("Von Montag, 3. Mai 2020").
fn one_name_byline(text: &str, language: Option<&str>) -> Option<HeaderLine> {
    let m = full(&BYLINE_ONE_NAME, strip(text))?;
    let dates = byline_dates(fancy_group(&m, "rest")?, language)?;
    let name = fancy_group(&m, "names")?;
    if month_number(&name.to_lowercase()).is_some() || is_weekday_name(name) {
        return None;
    }
    let mut values = vec![("authors", Value::Names(vec![name.to_string()]))];
    values.extend(dates);
    Some(HeaderLine::new("byline", values))
}

/// A name alone on its line: a given name (a hyphenated one read by its first part), perhaps
/// a middle initial, a particle or a second given name, and a surname ("Christian Mihatsch",
/// "Boris T. Kaiser", "Christoph von Eichhorn", "Dr. Tim Loppe", "Edward O’Brien").
static BARE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    whole(
        r"(?:(?:Dr|Prof)\.\s+)?(?P<first>\p{Lu}\p{Ll}+)(?:-\p{Lu}\p{Ll}+)?(?:\s+(?P<middle>\p{Lu}\.|von|van|de|der|den|da|del|di|le|la|(?P<second>\p{Lu}\p{Ll}+)(?:-\p{Lu}\p{Ll}+)?))?\s+\p{Lu}(?:[\p{Ll}'’]*\p{Lu})?\p{Ll}+(?:-\p{Lu}\p{Ll}+)?",
    )
});

/// A line that is only a person's name, told from a heading of capitalised words ("Green
/// Economy", "Rail Replacement") by its given name (`given_names`), as is a second one
/// before the surname ("Juan Carlos Muñoz"; not "Martin Rütter Trainingssnack"). No by-word
/// says it is a byline: where it stands decides that (`header::bare_name_near`).
pub fn bare_name(text: &str) -> Option<Value> {
    let text = strip(text);
    // "Von Christian Mihatsch" is a byline ("Von" is a given name too).
    if longer_than(text, 60) || BYLINE_START.is_match(text) {
        return None;
    }
    let caps = BARE_NAME.captures(text)?;
    let given = |group: &str| caps.name(group).is_none_or(|m| is_given_name(m.as_str()));
    (given("first") && given("second")).then(|| Value::Names(vec![text.to_string()]))
}

/// A line that is a date, perhaps after a "Published"/"Updated" word, perhaps with the
/// author after it ("Veröffentlicht am 17. Dezember 2019 von Anna Berg": a byline then).
/// Every date has a year: a line without one is told before the line pattern runs.
pub fn date_line(text: &str, language: Option<&str>) -> Option<HeaderLine> {
    if let Some(text) = without_soft_hyphens(text) {
        return date_line(&text, language);
    }
    if !has_year(text) {
        return None;
    }
    let (updated, date) = date_line_parts(strip(text))?;
    let key = if updated { "updated" } else { "published" };
    if let Some(dates) = dates_of(date, language, key) {
        return Some(HeaderLine::new("date", dates));
    }
    if !DATE_THEN_BY_WORD.is_match(date) {
        return None;
    }
    let signed = full(&DATE_THEN_NAMES, date)?;
    let mut dates = dates_of(fancy_group(&signed, "date")?, language, key)?;
    let authors = match (fancy_group(&signed, "names"), fancy_group(&signed, "user")) {
        (Some(names), _) => split_names(names),
        (None, Some(user)) if !is_role_account(user) => Value::Names(vec![user.to_string()]),
        _ => return Some(HeaderLine::new("date", dates)),
    };
    dates.push(("authors", authors));
    Some(HeaderLine::new("byline", dates))
}

/// A line of two dated parts, the published date and then the updated one, each a date line
/// of its own ("PUBLISHED: November 8, 2023 at 4:56 p.m. | UPDATED: November 8, 2023 at 6:00
/// p.m."): the published date, and the updated one where the second part reads as one.
/// None unless the first part is a date line that gives the published date. The header asks
/// it only beside the body, and leaves the line where it is.
pub fn dated_pair(text: &str, language: Option<&str>) -> Option<HeaderLine> {
    let text = strip(text);
    if longer_than(text, 160) || dates::year_count(text) < 1 {
        return None;
    }
    let split = UPDATED_PART.find_iter(text).find(|m| m.start() > 0)?;
    let first = date_line(&text[..split.start()], language)
        .filter(|found| found.kind == "date" && found.has("published"))?;
    let mut values = first.values;
    let rest = text[split.start()..]
        .trim_start_matches(|c: char| c.is_whitespace() || "|/·•–—;.,".contains(c));
    if let Some(second) = date_line(rest, language).filter(|found| found.kind == "date") {
        values.extend(
            second
                .values
                .into_iter()
                .filter(|(key, _)| *key == "updated"),
        );
    }
    Some(HeaderLine::new("date", values))
}

/// Whether a user name is a site's account, not a person's or a newsroom's: "admin",
/// "webmaster", "guest" ... ("Redaktion" and a team's name stay: they sign as authors).
fn is_role_account(user: &str) -> bool {
    ROLE_ACCOUNT.is_match(user)
}

/// What blog themes print after a post's byline or date, one part at the end of a line: a
/// count of comments or a prompt to write one, the reading time, the categories or tags, the
/// time of day, an e-mail address or a handle. `post_meta_line` cuts them off one by one.
/// Each kind is a pattern of its own, anchored at the end: as one alternation, the lazy DFA
/// of their Unicode classes outgrew its cache on every line (45 µs a line against under 1).
const POST_TAIL_PARTS: [&str; 8] = [
    r"(?i: (?: \d+ | no | keine | ein | one ) \s+
         (?: comments? | kommentare? | antworten | replies | responses | réponses?
           | commentaires? | comentarios? | commenti ) )",
    r"(?i: (?: hinterlasse | schreibe | leave | post | add ) \s+ (?: einen | a | an ) \s+
         (?: kommentar | comment | reply ) )",
    r"(?i: kommentare? \s+ (?: geschlossen | deaktiviert ) | comments? \s+ (?: are \s+ )?
         (?: closed | off )
       | (?: anzahl \s+ (?: der \s+ )? )? (?: kommentare | comments | commentaires | comentarios )
         \s* : \s* (?: \d+ | (?: noch \s+ )? keine | none | no ) )",
    r"(?i: \d+ \s* (?: min\.? | minutes? | minuten ) \s*
         (?: read | lesezeit | lesen | de \s+ lecture | de \s+ lectura ) )",
    r"(?i: kategorien? | categories | category | tags | tagged \s+ with | filed \s+ under
       | abgelegt \s+ unter | gespeichert \s+ unter ) \s* :? \s+ [^:]{1,80}",
    r"in \s+ \p{Lu}[\p{L}\p{N}&'’.-]* (?: \s*,\s* \p{Lu}[\p{L}\p{N}&'’.-]* ){0,4}",
    r"(?i: um | at | à | @ ) \s+ \d{1,2}[:.h]\d{2} (?: \s* (?i: uhr | am | pm | a\.m\. | p\.m\. ) )?",
    r"[\w.+-]+ @ [\w-]+ (?: \.[\w-]+ )+ | @\w+",
];
static POST_TAIL: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    POST_TAIL_PARTS
        .iter()
        .map(|part| {
            Regex::new(&format!(
                r"(?x) (?: \s*[|·•/–—,]\s* | \s+ ) (?: {part} ) [\s|·•/–—,]* \z"
            ))
            .expect("valid pattern")
        })
        .collect()
});

/// Where the last part of `POST_TAIL_PARTS` at the end of `text` starts (with the white space
/// or separator before it), if one is there: the earliest start of any kind's match.
fn post_tail_start(text: &str) -> Option<usize> {
    POST_TAIL
        .iter()
        .filter_map(|tail| tail.find(text).map(|m| m.start()))
        .min()
}
/// The site accounts of `is_role_account`.
static ROLE_ACCOUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\A(?:admin|administrator|webmaster|root|user|guest|gast|anonym(?:ous)?|unknown|editor|autor|author|wpadmin|site ?admin)\z",
    )
    .expect("valid pattern")
});
/// Parts `post_meta_line` cuts off a line's end at most.
const POST_TAIL_CUTS: usize = 4;

/// `text` without the parts of `POST_TAIL_PARTS` at its end, up to `POST_TAIL_CUTS` of
/// them, each with the white space or separator before it.
fn without_post_tail(mut text: &str) -> &str {
    for _ in 0..POST_TAIL_CUTS {
        match post_tail_start(text) {
            Some(cut) => text = rstrip(&text[..cut]),
            None => break,
        }
    }
    text
}

/// A blog post's meta line: a byline or a date line with what its theme prints after it
/// ("12/04/2020 by Kay 24 Comments", "Dezember 10, 2019 · von freeman1984 · in
/// Uncategorized · Hinterlasse einen Kommentar", "Posted by T. V. Raman at 2:33 PM"). The
/// parts of `POST_TAIL` are cut off its end one at a time until what is left is a byline or
/// a date line; None when no cut leaves one, or when the line holds more than such parts
/// (a line that ends a sentence has none: "Autorin: Uta Staschewski, Projektleiterin der HSS
/// in Tunesien." is a sentence about her, and its place no category).
pub fn post_meta_line(text: &str, language: Option<&str>) -> Option<HeaderLine> {
    let mut rest = strip(text);
    // What the cuts leave starts as the line does, and holds no year the line lacks: a line
    // that neither opens with a by-word nor has a year gives neither a byline nor a date line.
    if longer_than(rest, 160)
        || is_sentence_end(rest)
        || !(BYLINE_START.is_match(rest) || has_year(rest))
    {
        return None;
    }
    for _ in 0..POST_TAIL_CUTS {
        let cut = post_tail_start(rest)?;
        rest = rstrip(&rest[..cut]);
        if rest.is_empty() {
            return None;
        }
        if let Some(found) = byline(rest, language).or_else(|| date_line(rest, language)) {
            return Some(found);
        }
    }
    None
}

/// The date a text wholly is, under `key`; or the two dates it is, one after the other, as
/// blog themes print the published and the updated date ("22. Dezember 2019 22. Dezember
/// 2019"): the first is the published date, the second the updated one when it differs.
pub fn dates_of(text: &str, language: Option<&str>, key: &'static str) -> Option<Dates> {
    if let Some(parsed) = parse_date(text, language) {
        return Some(vec![(key, Value::Text(parsed.iso))]);
    }
    if key != "published" || dates::year_count(text) != 2 {
        return None;
    }
    let words: Vec<&str> = split_words(text).collect();
    // A date has a year (`parse_date` asks first): the cut falls after the first word with
    // a year and no later than the last one.
    let years: Vec<usize> = (0..words.len()).filter(|&i| has_year(words[i])).collect();
    let (first_year, last_year) = (*years.first()?, *years.last()?);
    for cut in first_year + 1..=last_year {
        let Some(first) = parse_date(&words[..cut].join(" "), language) else {
            continue;
        };
        let Some(second) = parse_date(&words[cut..].join(" "), language) else {
            continue;
        };
        let mut dates = vec![("published", Value::Text(first.iso.clone()))];
        if second.iso.get(..10) != first.iso.get(..10) {
            dates.push(("updated", Value::Text(second.iso)));
        }
        return Some(dates);
    }
    None
}

/// Whether the first bracket of `text` opens, 2 to 60 characters in: where a dateline's
/// place ends and its agency begins.
fn bracket_after_place(text: &str) -> bool {
    text.chars()
        .take(61)
        .position(|c| c == '(' || c == ')')
        .is_some_and(|at| (2..=60).contains(&at) && text.chars().nth(at) == Some('('))
}

/// A standalone dateline such as "Washington DC (UPI) Jan 23, 2024 -"; the agency's
/// parenthesis is looked for before the pattern runs.
///
/// Without a date the agency must be a known one ("Frankfurt am Main (dpa)"): a name with
/// a word in brackets after it is far more often a heading or a label ("Halle (Saale)",
/// "Häufige Fragen (FAQ)", "Name (Pflichtfeld)").
pub fn dateline_line(text: &str, language: Option<&str>) -> Option<HeaderLine> {
    if !text.contains('(') {
        return None;
    }
    let text = strip(text);
    if !bracket_after_place(text) {
        return None;
    }
    let m = DATELINE_LINE.captures(text)?;
    let agency = m.name("agency")?.as_str();
    let date = m.name("date").map_or("", |d| d.as_str());
    if date.is_empty() && !AGENCY_LIST.is_match(agency) {
        return None;
    }
    let mut values = vec![
        (
            "dateline",
            Value::Text(strip(m.name("place")?.as_str()).to_string()),
        ),
        ("agency", Value::Text(agency.to_string())),
    ];
    if !date.is_empty() {
        values.push(("published", Value::Text(parse_date(date, language)?.iso)));
    }
    Some(HeaderLine::new("dateline", values))
}

/// A dateline that opens the first paragraph: "WASHINGTON/BAGHDAD (Reuters) -The ...".
pub fn inline_dateline(text: &str) -> Option<HeaderLine> {
    let m = DATELINE_INLINE.captures(text)?;
    Some(HeaderLine::new(
        "dateline",
        vec![
            (
                "dateline",
                Value::Text(strip(m.name("place")?.as_str()).to_string()),
            ),
            (
                "agency",
                Value::Text(m.name("agency")?.as_str().to_string()),
            ),
        ],
    ))
}

/// The date of a line that is names then a date, with no "By" before them ("Anna Berg
/// | 12.03.2020"), as a date line. Only the date is taken: without "By", what stands
/// before a date is as often a section ("Ehrenamt Jugendverbände 23.01.2020") as a name,
/// and comments and teasers are signed the same way, so callers ask only where the
/// article's own date is expected.
pub fn signed_date(text: &str, language: Option<&str>) -> Option<HeaderLine> {
    signed(text, language).map(|(dates, _)| HeaderLine::new("date", dates))
}

/// The names that sign a line of names then a date ("Bettina Kugler 19.10.2019, 05:00
/// Uhr"), for a caller that reads them only next to the article's body, where such a line
/// is its byline more often than a section's name.
pub fn signed_names(text: &str, language: Option<&str>) -> Option<Value> {
    signed(text, language).map(|(_, names)| split_names(names))
}

/// `signed_names` of a line whose date has a time of day ("Ariel Melgar Cabrera 3/5/2022
/// 22:41"): a post's or an article's stamp, as a section's name over a date
/// ("Ehrenamt Jugendverbände 23.01.2020") seldom is.
pub fn signed_names_timed(text: &str, language: Option<&str>) -> Option<Value> {
    let (dates, names) = signed(text, language)?;
    let timed = dates
        .iter()
        .any(|(_, value)| matches!(value, Value::Text(iso) if iso.contains('T')));
    timed.then(|| split_names(names))
}

/// The longest stamp line `stamp` reads, in characters.
const STAMP_CHARS: usize = 120;
/// Dates a stamp line may hold: the published one, and an updated one after it.
const STAMP_DATES: usize = 2;
/// Words an item of the categories after a stamp's name may have ("Kultur", "Azad,
/// Bushido, finished, Seitenhieb"); more make a phrase ("trifft Macron in Paris").
const STAMP_ITEM_WORDS: usize = 3;

/// The separators between a stamp's parts: a bar, a dot, a guillemet, slashes or a dash
/// between spaces, a long dash.
static STAMP_SEPARATOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s*(?:[|·•»]|\s/{1,2}\s|//|\s[–—-]\s|[–—])\s*").expect("valid pattern")
});
/// A part that is only a time of day, perhaps after a joining word ("15:33 Uhr", "@ 18:13",
/// "um 21:11"): the date's, which the date's own part may not have taken.
static STAMP_TIME: LazyLock<Regex> = LazyLock::new(|| {
    whole(r"(?i:(?:um|at|à|@)\s*)?\d{1,2}[:.h]\d{2}(?:\s*(?i:uhr|am|pm|a\.m\.|p\.m\.))?")
});
/// What a part may end with before the date it stood in front of: a joining word or a
/// label ("Frank Hahn am", "by oz on", "von Herr_Rein Veröffentlicht am").
static STAMP_LEAD_OUT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:(?:\A|\s+)(?:(?i:{PUBLISHED_WORDS}|{UPDATED_WORDS}|erstellt|(?:zuletzt\s+)?geändert)(?:\s+{DATE_JOINER_WORDS})?|{DATE_JOINER_WORDS}))+\s*:?\z"
    ))
    .expect("valid pattern")
});
/// A part that names its author after a by-word, perhaps after a word of a theme's
/// ("Posted by", "Eingestellt von", "Beitrag von", "Verfasst von:", "Autor:").
static STAMP_BY: LazyLock<Regex> = LazyLock::new(|| {
    whole(
        r"(?i:(?:posted|written|published|eingestellt|verfasst|erstellt|geschrieben|gepostet|veröffentlicht|beitrag|publié|publicado|pubblicato)\s+)?(?i:by|von|vom|par|por|door|av|autor(?:in)?|author)\s*:?\s+(?P<who>.+)",
    )
});
/// A user name a blog signs with: one word of letters, digits, dots, underscores or
/// hyphens, with a letter ("eseppelt", "r23", "Herr_Rein", "c1ph4").
static USER_NAME: LazyLock<Regex> =
    LazyLock::new(|| whole(r"[\p{L}\p{N}_.-]{0,29}\p{L}[\p{L}\p{N}_.-]{0,29}"));
/// A person's name at the start of a part, as `BARE_NAME` reads one, with what follows it
/// (from the white space after the name, as `POST_TAIL_PARTS` cut it).
static NAME_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\A(?P<name>(?:(?:Dr|Prof)\.\s+)?(?P<first>\p{Lu}\p{Ll}+)(?:-\p{Lu}\p{Ll}+)?(?:\s+(?:\p{Lu}\.|von|van|de|der|den|da|del|di|le|la))?\s+\p{Lu}(?:[\p{Ll}'’]*\p{Lu})?\p{Ll}+(?:-\p{Lu}\p{Ll}+)?)(?P<rest>\s+.*)?\z",
    )
    .expect("valid pattern")
});
/// A category after a stamp's name, its "in" capitalised as a theme may print it.
static STAMP_CATEGORY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s+(?:In|Im|IN)\s+\p{Lu}.*\z").expect("valid pattern"));
/// Names and nothing else, as a byline gives them after its by-word.
static PERSON: LazyLock<fancy_regex::Regex> =
    LazyLock::new(|| whole_fancy(&format!("(?P<names>{})", names())));

/// A post's or an article's stamp: a short line of a date and a name, in parts a theme
/// prints side by side, with no by-word before the line's start (`byline`) and perhaps its
/// categories or comment count after them. The authors come from a part that is a by-word
/// then names or a blog's user name ("26.12.2019 · von eseppelt", "Beitrag von r23 »
/// 21.01.2009, 05:42", "22. Januar 2020 @ 18:13 // Autor: c1ph4 // ~ Lesezeit: 1 Minute"),
/// or from a person's name with a given name (`given_names`) right before the date
/// ("Swantje Bernsmann | 29. Dezember 2022") or right after it, then at most the theme's
/// categories ("30. Oktober 2023 Carola Pönisch Kultur"); the published date is the first
/// date, unless the words before it say it is another (`not_published_before`). A
/// "byline" with both, or with the authors alone; None without authors, for a longer line,
/// one that ends a sentence, or one with no date or more than two: like `signed_names`, for
/// a caller that reads it only next to the article's body, where comments and teasers are
/// signed the same way.
pub fn stamp(text: &str, language: Option<&str>) -> Option<HeaderLine> {
    let text = strip(text);
    if longer_than(text, STAMP_CHARS) || is_sentence_end(text) || !has_year(text) {
        return None;
    }
    // The line cut at its dates: the parts between them, each cut at its separators.
    let mut chunks: Vec<Option<&str>> = Vec::new();
    let mut published = None;
    let mut rest = text;
    for _ in 0..=STAMP_DATES {
        let Some((date, start, end)) = dates::find_date(rest, language) else {
            chunks.push(Some(rest));
            break;
        };
        let byte = |at: usize| rest.char_indices().nth(at).map_or(rest.len(), |(b, _)| b);
        let before = &rest[..byte(start)];
        if chunks.is_empty() && !not_published_before(before) {
            published = Some(date.iso);
        }
        chunks.push(Some(before));
        chunks.push(None);
        rest = &rest[byte(end)..];
    }
    if chunks.iter().filter(|c| c.is_none()).count() > STAMP_DATES || !chunks.contains(&None) {
        return None;
    }
    let mut parts: Vec<Option<&str>> = Vec::new();
    for chunk in chunks {
        let Some(chunk) = chunk else {
            parts.push(None);
            continue;
        };
        for part in STAMP_SEPARATOR.split(chunk) {
            let part = part.trim_matches(|c: char| c.is_whitespace() || c == ',' || c == ';');
            let part = STAMP_LEAD_OUT
                .find(part)
                .map_or(part, |m| &part[..m.start()]);
            let part = part.trim_end_matches(|c: char| c.is_whitespace() || c == ',');
            if !part.is_empty() && !STAMP_TIME.is_match(part) {
                parts.push(Some(part));
            }
        }
    }
    let mut values = vec![("authors", stamp_authors(&parts)?)];
    if let Some(iso) = published {
        values.push(("published", Value::Text(iso)));
    }
    Some(HeaderLine::new("byline", values))
}

/// The authors of a stamp's parts (`None` where a date stood): a by-word's part anywhere,
/// else a person's name right before a date or at the start of the part right after one.
fn stamp_authors(parts: &[Option<&str>]) -> Option<Value> {
    for part in parts.iter().flatten() {
        if let Some(caps) = STAMP_BY.captures(part) {
            return caps.name("who").and_then(|who| stamp_author(who.as_str()));
        }
    }
    for (at, part) in parts.iter().enumerate() {
        let Some(part) = part else { continue };
        if parts.get(at + 1) == Some(&None) {
            if let Some(names) = bare_name(part) {
                return Some(names);
            }
        }
        if at > 0 && parts[at - 1].is_none() {
            if let Some(name) = name_then_categories(part) {
                return Some(Value::Names(vec![name.to_string()]));
            }
        }
    }
    None
}

/// The author a stamp names after its by-word: names, or one user name that is no site's
/// account, a month or a weekday; what a theme prints after them (`POST_TAIL_PARTS`) cut off.
fn stamp_author(who: &str) -> Option<Value> {
    let who = without_post_tail(strip(who));
    // A category in capitals after the name ("Von Henry In Aktuell").
    let who = STAMP_CATEGORY.find(who).map_or(who, |m| &who[..m.start()]);
    if let Some(m) = full(&PERSON, who) {
        return Some(split_names(fancy_group(&m, "names")?));
    }
    let user = USER_NAME.is_match(who)
        && !is_role_account(who)
        && month_number(&who.to_lowercase()).is_none()
        && !is_weekday_name(who);
    user.then(|| Value::Names(vec![who.to_string()]))
}

/// The name at the start of a part after a stamp's date, when its first word is a given
/// name and what follows it is the theme's categories or comment prompt: nothing, or
/// items of at most `STAMP_ITEM_WORDS` words between commas, or one such item of
/// capitalised words, once `POST_TAIL_PARTS` are cut off.
fn name_then_categories(part: &str) -> Option<&str> {
    let caps = NAME_FIRST.captures(part)?;
    if !is_given_name(caps.name("first")?.as_str()) {
        return None;
    }
    let rest = without_post_tail(caps.name("rest").map_or("", |m| m.as_str()));
    let short = rest
        .split(',')
        .all(|item| word_count(item) <= STAMP_ITEM_WORDS);
    // One item with a word in lower case is a phrase ("besucht Paris"); a list's items
    // may have one ("Azad, Bushido, finished").
    let capitalised = split_words(rest).all(|word| {
        word.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_numeric())
    });
    (short && (rest.contains(',') || capitalised))
        .then(|| caps.name("name").map(|m| m.as_str()))
        .flatten()
}

/// `NAMES_THEN_DATE`'s date and names, when what follows the names is a date.
fn signed<'t>(text: &'t str, language: Option<&str>) -> Option<(Dates, &'t str)> {
    if longer_than(text, 160) || !has_year(text) {
        return None;
    }
    let m = full(&NAMES_THEN_DATE, strip(text))?;
    let dates = dates_of(fancy_group(&m, "rest")?, language, "published")?;
    Some((dates, fancy_group(&m, "names")?))
}

/// A byline that a page's layout broke after its by-word ("By" on one line, "Jane Doe" on
/// the next): the two lines read as one; None unless it names an author.
pub fn byline_across(first: &str, second: &str, language: Option<&str>) -> Option<HeaderLine> {
    let (first, second) = (strip(first), strip(second));
    // A language switcher's code alone ("DE", then "English EN" or "IT EN") is a by-word's
    // spelling too: in the development dumps every such pair was a switcher.
    if second.is_empty() || LANGUAGE_CODES.contains(&first) || !BY_WORD_LAST.is_match(first) {
        return None;
    }
    opening_line(&format!("{first} {second}"), language).filter(|found| found.has("authors"))
}

/// The by-words that are also a language's code in capitals, as a language switcher prints
/// them.
const LANGUAGE_CODES: [&str; 3] = ["DE", "DI", "DA"];

/// The first recogniser that claims the line, or None for ordinary text.
pub fn opening_line(text: &str, language: Option<&str>) -> Option<HeaderLine> {
    byline(text, language)
        .or_else(|| dateline_line(text, language))
        .or_else(|| date_line(text, language))
}

/// Whether `text` has more than `most` characters; a text of no more bytes has not.
fn longer_than(text: &str, most: usize) -> bool {
    text.len() > most && text.chars().nth(most).is_some()
}

/// `SPACE` for an ASCII character: the ASCII characters with the White_Space property.
fn is_ascii_space(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\x0B' | '\x0C' | '\r' | ' ')
}

/// The last bar or dash between words in a title (`\s+[|–—-]\s+` with no such bar later
/// on its line), before which a page title has its headline and after which the site's
/// name: its range in bytes.
fn site_name_bar(title: &str) -> Option<(usize, usize)> {
    let is_space = |c: char| {
        if c.is_ascii() {
            is_ascii_space(c)
        } else {
            SPACE.is_match(c.encode_utf8(&mut [0; 4]))
        }
    };
    let is_bar = |c: char| matches!(c, '|' | '–' | '—' | '-');
    let chars: Vec<(usize, char)> = title.char_indices().collect();
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let offset = |i: usize| chars.get(i).map_or(title.len(), |&(o, _)| o);
    // A bar with white space on both sides starts at `i`.
    let bar_at = |i: usize| {
        at(i).is_some_and(is_space)
            && at(i + 1).is_some_and(is_bar)
            && at(i + 2).is_some_and(is_space)
    };
    for start in 0..chars.len() {
        if !at(start).is_some_and(is_space) {
            continue;
        }
        let mut bar = start;
        while at(bar).is_some_and(is_space) {
            bar += 1;
        }
        if !at(bar).is_some_and(is_bar) || !at(bar + 1).is_some_and(is_space) {
            continue;
        }
        let mut end = bar + 1;
        while at(end).is_some_and(is_space) {
            end += 1;
        }
        // No later bar before the end of the line (a bar's leading space may be the
        // line break itself).
        let mut later = false;
        let mut i = end;
        while i < chars.len() {
            if bar_at(i) {
                later = true;
                break;
            }
            if at(i) == Some('\n') {
                break;
            }
            i += 1;
        }
        if !later {
            return Some((offset(start), offset(end)));
        }
    }
    None
}

/// A page title without the site's name after its last bar or dash ("Headline | Example
/// News", "Headline - Example News"). The part after it is dropped when it is shorter than
/// the part before it and at most SITE_NAME_WORDS words ("Update | Crash victims
/// identified" keeps its label); after a dash, not when it reads as the headline's own
/// subtitle, which starts in lower case (and is no domain) or asks ("Leasen oder kaufen –
/// was ist günstiger?").
pub fn without_site_name(title: &str) -> &str {
    let title = strip(title);
    let Some((start, end)) = site_name_bar(title) else {
        return title;
    };
    let (head, tail) = (&title[..start], &title[end..]);
    let tail_words = word_count(tail);
    if tail_words > SITE_NAME_WORDS || tail_words >= word_count(head) {
        return title;
    }
    let subtitle = tail.chars().next().is_some_and(crate::pychar::is_lower)
        || rstrip(tail)
            .chars()
            .next_back()
            .is_none_or(|c| c == '?' || c == '!');
    if !title[start..end].contains('|') && subtitle && !DOMAIN.is_match(strip(tail)) {
        return title;
    }
    strip(head)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_name_is_a_given_name_and_a_surname() {
        // "Green" is a given name as well: where "Green Economy" stands tells it from a
        // name (`header::bare_name_near`).
        let names = [
            "Christian Mihatsch",
            "Boris T. Kaiser",
            "Christoph von Eichhorn",
            "Dr. Tim Loppe",
            "Edward O’Brien",
            "Jessica DeFino",
            "Juan Carlos Muñoz",
            "Hans-Peter Müller",
            "Eva Welskop-Deffaa",
            "  Paweł Wojciechowski ",
        ];
        for name in names {
            assert_eq!(
                bare_name(name),
                Some(Value::Names(vec![strip(name).to_string()])),
                "{name}"
            );
        }
        let not_names = [
            "Rail Replacement",
            "Martin Rütter Trainingssnack",
            "Link zu Drinks",
            "Martin Luther King Day",
            "CHRISTIAN MIHATSCH",
            "christian mihatsch",
            "Christian Mihatsch, dpa",
            "Christian",
            "Christian M.",
            "Von Christian Mihatsch",
        ];
        for text in not_names {
            assert_eq!(bare_name(text), None, "{text}");
        }
    }

    /// Where the linear prefilters say no, the fancy patterns they stand before find nothing.
    fn assert_prefilters_exact(line: &str) {
        let stripped = strip(line);
        if !BYLINE_START.is_match(stripped) {
            assert!(full(&BYLINE, stripped).is_none(), "{line:?}");
            assert!(full(&BYLINE_ONE_NAME, stripped).is_none(), "{line:?}");
        }
        if !DATE_THEN_BY_WORD.is_match(line) {
            assert!(full(&DATE_THEN_NAMES, line).is_none(), "{line:?}");
        }
    }

    #[test]
    fn prefilters_pass_every_match() {
        for line in [
            "By Jane Doe",
            "By: Jane Doe | Reuters",
            "By\u{a0}Jane Doe, 3 May 2021",
            "Von  Max Mustermann und Erika Musterfrau",
            "Autorin: Anna Berg",
            "  Written by Jane Doe  ",
            "von David · 18. Oktober 2019",
            "17. Dezember 2019 von Anna Berg",
            "3 May 2021\u{2003}by\u{a0}jdoe",
            "8. Januar 2020 · by Aureliana",
            "12/04/2020|von Kay",
            "Datum: 13. April 2017 Autor: www.koffergepackt.com",
            "28. Juli 2019 Author Andreas Kalt",
            "Autor:Max Muster",
        ] {
            assert_prefilters_exact(line);
        }
        assert!(BYLINE_START.is_match("By\u{a0}Jane Doe"));
        assert!(byline("By Jane Doe", None).is_some());
        assert!(byline("Autor:Max Muster", None).is_none());
        assert!(!DATE_THEN_BY_WORD.is_match("17. Dezember 2019"));
        // A by-word too far in for the date before it.
        let late = format!("{} 2019 von Anna Berg", "x".repeat(60));
        assert!(!DATE_THEN_BY_WORD.is_match(&late));
        assert_prefilters_exact(&late);
    }

    /// What the whole-line pattern gives for a date line's groups.
    fn date_line_parts_by_pattern(text: &str) -> Option<(bool, &str)> {
        let m = DATE_LINE.captures(text)?;
        let updated = m.name("updated").is_some_and(|u| !u.is_empty());
        Some((updated, m.name("date")?.as_str()))
    }

    #[test]
    fn date_line_parts_are_those_of_the_whole_line_pattern() {
        for text in [
            "Updated: 3 May 2021",
            "— Published on 12.01.2020",
            "Last updated on: March 4, 2019 10:00",
            "Stand: 07.11.2023, 07:30 Uhr",
            "Datum 2021",
            "::: Date:  2021-02-03",
            "2021",
            "Updated:",
            "",
            " \n2024",
            "Updated\n2024",
            "Date: 2024\nmore",
            "»» Fecha:2020",
            "Datenschutz 2021",
            "Publié le 3 mai 2021",
        ] {
            assert_eq!(
                date_line_parts(text),
                date_line_parts_by_pattern(text),
                "{text:?}"
            );
        }
        let pieces = [
            "Date",
            "Updated on",
            ":",
            " ",
            "»",
            "2021",
            "\n",
            "x",
            "-",
            "STAND",
            "\u{345}",
        ];
        crate::devdata::each_string(&pieces, 4, |text| {
            assert_eq!(
                date_line_parts(text),
                date_line_parts_by_pattern(text),
                "{text:?}"
            );
        });
    }

    /// Every line of the development set's page dumps (when they are there: they are not part
    /// of the repository) passes the prefilters wherever the fancy patterns match.
    #[test]
    fn prefilters_pass_every_match_on_the_development_dumps() {
        crate::devdata::each_dump_line(|line| {
            let stripped = strip(line);
            assert_eq!(
                date_line_parts(stripped),
                date_line_parts_by_pattern(stripped),
                "{line:?}"
            );
            if line.chars().count() <= 200 {
                assert_prefilters_exact(line);
            }
        });
    }

    fn text(value: &Value) -> String {
        match value {
            Value::Text(text) => text.clone(),
            Value::Names(names) => names.join(" + "),
        }
    }

    /// The values of a header line as "key=value" strings, in order.
    fn shown(found: Option<HeaderLine>) -> Option<(String, Vec<String>)> {
        found.map(|found| {
            let values = found
                .values
                .iter()
                .map(|(k, v)| format!("{k}={}", text(v)))
                .collect();
            (found.kind.to_string(), values)
        })
    }

    fn values(found: Option<HeaderLine>) -> Vec<String> {
        shown(found).map(|(_, values)| values).unwrap_or_default()
    }

    #[test]
    fn bylines() {
        for (line, language, expected) in [
            ("By Jane Doe", None, vec!["authors=Jane Doe"]),
            (
                "By Jane Doe | Reuters",
                None,
                vec!["authors=Jane Doe", "agency=Reuters"],
            ),
            (
                "By Jane A. Doe, Staff Writer",
                None,
                vec!["authors=Jane A. Doe"],
            ),
            (
                "By Idrees Ali, Phil Stewart and Timour Azhari",
                None,
                vec!["authors=Idrees Ali + Phil Stewart + Timour Azhari"],
            ),
            (
                "Von Anna Müller und Peter Schmidt | 23.01.2024, 17:47 Uhr",
                Some("de"),
                vec![
                    "authors=Anna Müller + Peter Schmidt",
                    "published=2024-01-23T17:47:00",
                ],
            ),
            (
                "Autorin: Julia von Berg",
                Some("de"),
                vec!["authors=Julia von Berg"],
            ),
            (
                "Por María José García | EFE",
                Some("es"),
                vec!["authors=María José García", "agency=EFE"],
            ),
            (
                "By Jane Doe On 11 February 2020",
                Some("en"),
                vec!["authors=Jane Doe", "published=2020-02-11"],
            ),
            (
                "von David · 18. Oktober 2019",
                Some("de"),
                vec!["authors=David", "published=2019-10-18"],
            ),
            (
                "Von Anna Berg 3. Mai 2020 5. Mai 2020",
                Some("de"),
                vec![
                    "authors=Anna Berg",
                    "published=2020-05-03",
                    "updated=2020-05-05",
                ],
            ),
            ("AUTOR/IN: Anna Berg", Some("de"), vec!["authors=Anna Berg"]),
            (
                "By Jane Doe Feb. 8, 2020",
                Some("en"),
                vec!["authors=Jane Doe", "published=2020-02-08"],
            ),
            // A name that only looks like a month's.
            ("By Theresa May", Some("en"), vec!["authors=Theresa May"]),
            // A surname that starts as a month's name does, before a date.
            (
                "Veröffentlicht von Chris Jung 28. Februar 2016",
                Some("de"),
                vec!["authors=Chris Jung", "published=2016-02-28"],
            ),
            (
                "By Anna Decker 12 March 2021",
                Some("en"),
                vec!["authors=Anna Decker", "published=2021-03-12"],
            ),
            // A date after a second separator or a label.
            (
                "Von Felix Eisenreich // 1. November 2023",
                Some("de"),
                vec!["authors=Felix Eisenreich", "published=2023-11-01"],
            ),
            (
                "By Daniel Berg | Published: 23. Juli 2017",
                Some("de"),
                vec!["authors=Daniel Berg", "published=2017-07-23"],
            ),
            (
                "By Daniel | Published: 23. Juli 2017",
                Some("de"),
                vec!["authors=Daniel", "published=2017-07-23"],
            ),
            (
                "By Anna Berg — Updated March 3, 2021",
                Some("en"),
                vec!["authors=Anna Berg", "updated=2021-03-03"],
            ),
            // A soft hyphen inside a name is a hyphenation hint.
            (
                "Von Mat\u{ad}thi\u{ad}as Lauerer",
                Some("de"),
                vec!["authors=Matthias Lauerer"],
            ),
            // A degree after the name.
            (
                "Written by Grant Tinsley, PhD on April 29, 2018",
                Some("en"),
                vec!["authors=Grant Tinsley", "published=2018-04-29"],
            ),
            ("By Jane Doe, MS, RD", Some("en"), vec!["authors=Jane Doe"]),
            // A published and an updated date after the name.
            (
                "By Cat Lafuente / June 12, 2020 9:49 am EST / Updated: Aug. 18, 2020 4:17 pm EST",
                Some("en"),
                vec![
                    "authors=Cat Lafuente",
                    "published=2020-06-12T09:49:00",
                    "updated=2020-08-18T16:17:00",
                ],
            ),
            // One name, a blog's user name among them, with "am" before its date.
            (
                "Erstellt von Fabian am Dienstag 6. Mai 2014",
                Some("de"),
                vec!["authors=Fabian", "published=2014-05-06"],
            ),
            (
                "Napisała Anna dnia 3 maja 2020",
                Some("pl"),
                vec!["authors=Anna", "published=2020-05-03"],
            ),
            (
                "Von Isabella.DiBiase am Samstag, 19. Oktober 2019 um 11:14 Uhr",
                Some("de"),
                vec!["authors=Isabella.DiBiase", "published=2019-10-19T11:14:00"],
            ),
            // A blog theme's label for the author.
            (
                "Post author By Helge Fahrnberger",
                Some("de"),
                vec!["authors=Helge Fahrnberger"],
            ),
            // The one date among a few words after the names: a role and a label before
            // it, a time and a button after it.
            (
                "von Mathilda Trausch, Online-Redaktion Veröffentlicht: 26.12.2022",
                Some("de"),
                vec!["authors=Mathilda Trausch", "published=2022-12-26"],
            ),
            (
                "von Tilman Weber 10.12.2022 07:00 | Druckvorschau",
                Some("de"),
                vec!["authors=Tilman Weber", "published=2022-12-10T07:00:00"],
            ),
            (
                "Von Anna Berg, Redaktion. Aktualisiert: 3.5.2021",
                Some("de"),
                vec!["authors=Anna Berg", "updated=2021-05-03"],
            ),
            // Two years, or an event's date, among them: no date is read.
            (
                "Von Anna Berg, Redaktion 2019 bis 2021",
                Some("de"),
                vec!["authors=Anna Berg"],
            ),
            (
                "Von Anna Berg, Anmeldeschluss 3. Mai 2021",
                Some("de"),
                vec!["authors=Anna Berg"],
            ),
        ] {
            assert_eq!(values(byline(line, language)), expected, "{line}");
        }
    }

    #[test]
    fn prose_is_no_byline() {
        for line in [
            "By the time the missiles hit, the base was empty.",
            "By The Time The Missiles Hit",
            "Von der Leyen sagte am Montag, die EU werde handeln.",
            "Von Montag bis Freitag",
            "Di Maio Luigi, ha detto ieri che il governo cadrà.",
            "von Kathrin",
            "Von Montag, 3. Mai 2020",
            "Von Mai, 3. Mai 2020",
            "By March 3, 2021",
            // What follows the names is no date line, and too long for a byline's tail.
            "Von Anna Berg | Stand: Die Kommission hat neue Regeln beschlossen",
            // A byline's date must be one the calendar has.
            "von David · 30. Februar 2019",
            // "am" before a word that starts no date, after one name.
            "Von Anna am Morgen, 3. Mai 2020 kam der Brief",
            "Erstellt von Fabian am Dienstag",
            // A user name's dot must join two words.
            "Von Berlin. 3. Mai 2020",
            // Words after the name that only start like a degree.
            "By Jane Doe, MAKING HISTORY SINCE 1990 AND SOME MORE WORDS",
            "Post author",
        ] {
            assert_eq!(byline(line, None), None, "{line}");
            assert_eq!(opening_line(line, None), None, "{line}");
        }
    }

    #[test]
    fn a_line_of_a_published_and_an_updated_date() {
        for (line, language, expected) in [
            (
                "PUBLISHED: November 8, 2023 at 4:56 p.m. | UPDATED: November 8, 2023 at 6:00 p.m.",
                "en",
                vec![
                    "published=2023-11-08T16:56:00",
                    "updated=2023-11-08T18:00:00",
                ],
            ),
            (
                "Pubblicato il 19 Febbraio 2020 Ultima modifica 19 Febbraio 2020 12:02",
                "it",
                vec!["published=2020-02-19"],
            ),
            (
                "Veröffentlicht am 3. Mai 2021, aktualisiert am 5. Mai 2021",
                "de",
                vec!["published=2021-05-03", "updated=2021-05-05"],
            ),
        ] {
            assert_eq!(values(dated_pair(line, Some(language))), expected, "{line}");
        }
        // No published date before the label, a sentence, an updated date alone.
        for line in [
            "Updated: November 8, 2023 at 6:00 p.m.",
            "Die Liste wird laufend aktualisiert am Montag",
            "Kategorie Politik | Aktualisiert am 5. Mai 2021",
            "Der Bericht vom 3. Mai 2021 wurde aktualisiert am 5. Mai 2021",
        ] {
            assert_eq!(dated_pair(line, Some("de")), None, "{line}");
        }
    }

    #[test]
    fn date_lines() {
        for (line, language, expected) in [
            (
                "Published on January 23, 2024",
                "en",
                vec!["published=2024-01-23"],
            ),
            (
                "Updated: Jan. 23, 2024 6:21 p.m. ET",
                "en",
                vec!["updated=2024-01-23T18:21:00"],
            ),
            ("Stand: 23.01.2024", "de", vec!["updated=2024-01-23"]),
            (
                "Opublikowano: 23 stycznia 2024 r.",
                "pl",
                vec!["published=2024-01-23"],
            ),
            (
                "22. Dezember 2019 22. Dezember 2019",
                "de",
                vec!["published=2019-12-22"],
            ),
            (
                "12. März 2020 14. März 2020",
                "de",
                vec!["published=2020-03-12", "updated=2020-03-14"],
            ),
            (
                "Veröffentlichung: 04.02.2022",
                "de",
                vec!["published=2022-02-04"],
            ),
            ("Postado em 04/05/2022", "pt", vec!["published=2022-05-04"]),
        ] {
            assert_eq!(values(date_line(line, Some(language))), expected, "{line}");
        }
        // A book's or a product's release date in its info box is not the page's.
        for line in [
            "Erscheinungsdatum: 14.08.2017",
            "Publikationsdatum 3. Mai 2020",
        ] {
            assert_eq!(date_line(line, Some("de")), None, "{line}");
        }
        let signed = date_line("Veröffentlicht am 17. Dezember 2019 von Anna Berg", None);
        assert_eq!(
            shown(signed),
            Some((
                "byline".to_string(),
                vec![
                    "published=2019-12-17".to_string(),
                    "authors=Anna Berg".to_string()
                ]
            ))
        );
        // A site's account is no author; a blogger's user name is.
        let user = date_line("Publiziert am 13. Januar 2014 von admin", Some("de"));
        assert_eq!(
            shown(user),
            Some(("date".to_string(), vec!["published=2014-01-13".to_string()]))
        );
        assert_eq!(
            values(date_line(
                "Publiziert am 13. Januar 2014 von uriebe",
                Some("de")
            )),
            ["published=2014-01-13", "authors=uriebe"]
        );
        assert_eq!(
            values(date_line("8. Januar 2020 · by Aureliana", Some("de"))),
            ["published=2020-01-08", "authors=Aureliana"]
        );
        // "Author" after the date, as some themes print it.
        assert_eq!(
            values(date_line(
                "Posted on 28. Juli 2019 28. Juli 2019 Author Andreas Kalt",
                Some("de")
            )),
            ["published=2019-07-28", "authors=Andreas Kalt"]
        );
        assert_eq!(
            values(date_line(
                "Datum: 13. April 2017 Autor: www.koffergepackt.com",
                Some("de")
            )),
            ["published=2017-04-13", "authors=www.koffergepackt.com"]
        );
    }

    #[test]
    fn post_meta_lines() {
        for (line, expected) in [
            (
                "12/04/2020 by Kay 24 Comments",
                vec!["published=2020-04-12", "authors=Kay"],
            ),
            (
                "Dezember 10, 2019 · von freeman1984 · in Uncategorized · Hinterlasse einen Kommentar",
                vec!["published=2019-12-10", "authors=freeman1984"],
            ),
            (
                "6. Dezember 2022 von Fatima in Gefühle, Popkultur",
                vec!["published=2022-12-06", "authors=Fatima"],
            ),
            ("Posted by T. V. Raman at 2:33 PM", vec!["authors=T. V. Raman"]),
            (
                "July 24, 2019 by Amy Motroni 5 Comments",
                vec!["published=2019-07-24", "authors=Amy Motroni"],
            ),
            (
                "Von Thilo / 6. November 2023 / Keine Kommentare",
                vec!["authors=Thilo", "published=2023-11-06"],
            ),
            (
                "Posted by Günter W. Kienitz at 18:52 Tagged with: bildung, Eltern",
                vec!["authors=Günter W. Kienitz"],
            ),
            (
                "Por Mariano Martín mmartin@ambito.com.ar",
                vec!["authors=Mariano Martín"],
            ),
            ("By Eric Levitz @EricLevitz", vec!["authors=Eric Levitz"]),
            (
                "By Amelie Marie Nishizawa Feb 8, 2020 5 min read",
                vec!["authors=Amelie Marie Nishizawa", "published=2020-02-08"],
            ),
            (
                "Dezember 26, 2019 von Andrea Kategorien: Allgemein | Hinterlasse einen Kommentar",
                vec!["published=2019-12-26", "authors=Andrea"],
            ),
            ("12. März 2020 | 3 Kommentare", vec!["published=2020-03-12"]),
            (
                "Veröffentlicht am: 28. Oktober 2023 | Anzahl Kommentare: noch keine",
                vec!["published=2023-10-28"],
            ),
            ("By Anna Berg | Comments: 4", vec!["authors=Anna Berg"]),
        ] {
            assert_eq!(
                values(post_meta_line(line, Some("de"))),
                expected,
                "{line}"
            );
        }
        // Prose and other lines that end like a post's meta line, and lines that are bylines
        // as they are (the recognisers read those first).
        for line in [
            "Die Ausstellung wurde von Anna Berg in Berlin eröffnet.",
            "Wir sehen uns am Montag um 18:30 Uhr",
            "Schreiben Sie uns: info@example.org",
            "Folgen Sie uns auf Twitter @example",
            "3 Kommentare",
            "Kommentare: keine",
            "Die Zahl der Kommentare: 4",
            "in Politik",
            "Leave a comment",
            "Das Buch von Anna Berg in Gefühle, Popkultur",
            "von Kathrin in Rezepte",
            "Der Zug fuhr am 3. Mai 2020 von Berlin in Richtung Hamburg",
            "Publiziert am 13. Januar 2014 von admin | 3 Kommentare",
            // A sentence's end: a byline's name and what the author does, in prose.
            "Autorin: Uta Staschewski, Projektleiterin der HSS in Tunesien.",
        ] {
            let found = post_meta_line(line, Some("de"));
            assert!(
                found.as_ref().is_none_or(|f| !f.has("authors")),
                "{line}: {found:?}"
            );
        }
        assert_eq!(post_meta_line("3 Kommentare", None), None);
        assert_eq!(
            post_meta_line("Wir sehen uns am Montag um 18:30 Uhr", None),
            None
        );
    }

    #[test]
    fn bylines_with_a_posting_verb() {
        for (line, expected) in [
            (
                "Gepostet von Katharina Volkwein | Wohnen",
                vec!["authors=Katharina Volkwein"],
            ),
            (
                "Ein Artikel von Pamela Sladky",
                vec!["authors=Pamela Sladky"],
            ),
            ("Publié par Jean Dupont", vec!["authors=Jean Dupont"]),
        ] {
            assert_eq!(values(byline(line, None)), expected, "{line}");
        }
    }

    #[test]
    fn prose_is_no_date_line() {
        for line in [
            "Am 23. Januar 2024 trat das Gesetz in Kraft.",
            "Published in 2024, the report found rising rents.",
            "Stand der Dinge: Die Verhandlungen laufen.",
            "Er kam am 3. Mai 2020 und ging am 4. Mai 2020",
            "Stand: 31.04.2020",
            "February 30, 2023",
        ] {
            assert_eq!(date_line(line, Some("de")), None, "{line}");
        }
    }

    #[test]
    fn datelines() {
        for (line, expected) in [
            (
                "Washington DC (UPI) Jan 23, 2024 -",
                vec![
                    "dateline=Washington DC",
                    "agency=UPI",
                    "published=2024-01-23",
                ],
            ),
            ("NEW YORK (AP) —", vec!["dateline=NEW YORK", "agency=AP"]),
            (
                "Frankfurt am Main (dpa)",
                vec!["dateline=Frankfurt am Main", "agency=dpa"],
            ),
            (
                "Mülheim an der Ruhr (dpa/epd) -",
                vec!["dateline=Mülheim an der Ruhr", "agency=dpa/epd"],
            ),
            (
                "Stratford-upon-Avon (PA)",
                vec!["dateline=Stratford-upon-Avon", "agency=PA"],
            ),
        ] {
            assert_eq!(values(dateline_line(line, Some("de"))), expected, "{line}");
        }
        for line in [
            "Das Digitale Wörterbuch der deutschen Sprache (DWDS)",
            "Berlin (dpa) Die Regierung hat am Dienstag das Gesetz beschlossen.",
            "Halle (Saale)",
            "Name (Pflichtfeld)",
            // A particle stands before a capitalised word.
            "Frankfurt am (dpa)",
            "Ort de la le Mota (dpa)",
            // The first bracket opens 2 to 60 characters in.
            "A(dpa)",
        ] {
            assert_eq!(dateline_line(line, Some("de")), None, "{line}");
        }
        assert_eq!(
            values(inline_dateline("WASHINGTON/BAGHDAD (Reuters) -The talks")),
            vec!["dateline=WASHINGTON/BAGHDAD", "agency=Reuters"]
        );
    }

    #[test]
    fn signed_dates() {
        for (line, expected) in [
            ("Anna Berg | 12.03.2020", "published=2020-03-12"),
            (
                "Christian Kahle, 03.11.2023 15:32 Uhr",
                "published=2023-11-03T15:32:00",
            ),
            (
                "Christoph von Ritter 24. April 2020",
                "published=2020-04-24",
            ),
        ] {
            assert_eq!(
                values(signed_date(line, Some("de"))),
                vec![expected],
                "{line}"
            );
            assert_eq!(opening_line(line, Some("de")), None, "{line}");
        }
        assert_eq!(
            signed_names("Christian Kahle, 03.11.2023 15:32 Uhr", Some("de")),
            Some(Value::Names(vec!["Christian Kahle".to_string()]))
        );
        assert_eq!(signed_names("Anna Berg | Redaktion", Some("de")), None);
        // With a time of day only, for `signed_names_timed`.
        assert_eq!(
            signed_names_timed("Ariel Melgar Cabrera 3/5/2022 22:41", Some("es")),
            Some(Value::Names(vec!["Ariel Melgar Cabrera".to_string()]))
        );
        assert_eq!(
            signed_names_timed("Ehrenamt Jugendverbände 23.01.2020", Some("de")),
            None
        );
        for line in [
            "Berlin ist seit dem 12.03.2020 im Ausnahmezustand",
            "Am 12.03.2020 kam Anna Berg",
            "Anna Berg | Redaktion",
            "Anna Berg | 31.06.2020",
        ] {
            assert_eq!(signed_date(line, Some("de")), None, "{line}");
        }
    }

    #[test]
    fn stamps_name_their_author() {
        let names = |line: &str| match stamp(line, Some("de")).map(|found| found.values) {
            Some(values) => match &values[0] {
                ("authors", Value::Names(names)) => names.clone(),
                other => panic!("{line:?}: {other:?}"),
            },
            None => panic!("{line:?}: no stamp"),
        };
        for (line, expected) in [
            // A by-word's part, a user name after it.
            ("von eseppelt · 31. Oktober 2023", "eseppelt"),
            ("Beitrag von r23 » 21.01.2009, 05:42", "r23"),
            (
                "22. Januar 2020 @ 18:13 // Autor: c1ph4 // ~ Lesezeit: 1 Minute",
                "c1ph4",
            ),
            ("von Herr_Rein Veröffentlicht am 11. Juni 2019", "Herr_Rein"),
            ("by oz on December 4, 2006", "oz"),
            // Names after it, the theme's parts cut off.
            (
                "Accueil | Par Loïc Le Clerc | 30 septembre 2018",
                "Loïc Le Clerc",
            ),
            (
                "am 23. Januar 2020 von Christian Spließ in Allgemeines",
                "Christian Spließ",
            ),
            (
                "Von Katharina Schmidt Kategorien: Mode 6. November 2023, 15:25 Uhr",
                "Katharina Schmidt",
            ),
            (
                "By Alejandro Villamor Last updated Nov 8, 2023 Share with new partner:",
                "Alejandro Villamor",
            ),
            ("Am 13. November 2019 Von Henry In Aktuell", "Henry"),
            // A surname that ends like a weekday's abbreviation ("ter", "sam") is whole.
            (
                "Christoph von Ritter 24. April 2020",
                "Christoph von Ritter",
            ),
            ("Hans Walter | 24.04.2020", "Hans Walter"),
            // A given name right before the date, or right after it.
            (
                "Arne Sjöström | 29. Dezember 2022 30. Dezember 2022 | HR-Welt",
                "Arne Sjöström",
            ),
            ("Frank Hahn am 18. September 2019", "Frank Hahn"),
            ("11.12.2019 - Amelie Loevenich", "Amelie Loevenich"),
            (
                "04.02.2022 | 15:33 Uhr | Dennis Steimels",
                "Dennis Steimels",
            ),
            ("1. Februar 2022 , Daniel Dillenburg", "Daniel Dillenburg"),
            (
                "26. September 2019 Ulrike Stockhausen Schreibe einen Kommentar",
                "Ulrike Stockhausen",
            ),
            ("30. Oktober 2023 Carola Pönisch Kultur", "Carola Pönisch"),
        ] {
            assert_eq!(names(line), [expected], "{line}");
        }
        for line in [
            // No date, or more than two.
            "von eseppelt",
            "Anna Berg | Redaktion",
            "1.1.2020 | 2.1.2020 | 3.1.2020 | Anna Berg",
            // A sentence, or a line longer than a stamp.
            "Am 3. Mai 2020 kam Anna Berg nach Berlin.",
            &format!("Anna Berg | 12.03.2020 | {}", "Kultur ".repeat(20)),
            // A headline after the date: a phrase, not the theme's categories.
            "03.11.2023 Olaf Scholz trifft Macron in Paris",
            // No given name; a site's account; a month.
            "Ehrenamt Jugendverbände 23.01.2020",
            "12.03.2020 | von admin",
            "von Mai | 12.03.2020",
            // A photo's credit: no by-word of a stamp.
            "Foto: Anna Berg | 12.03.2020",
        ] {
            assert_eq!(stamp(line, Some("de")), None, "{line}");
        }
        // The first date is the published one, unless a label says it is another.
        assert_eq!(
            values(stamp(
                "6. November 2023 6. November 2023 Octavius Hallenstein",
                None
            )),
            ["authors=Octavius Hallenstein", "published=2023-11-06"]
        );
        assert_eq!(
            values(stamp("Beitrag von r23 » 21.01.2009, 05:42", Some("de"))),
            ["authors=r23", "published=2009-01-21T05:42:00"]
        );
        assert_eq!(
            values(stamp("Anna Berg | aktualisiert am 12.03.2020", Some("de"))),
            ["authors=Anna Berg"]
        );
    }

    #[test]
    fn broken_bylines() {
        assert_eq!(
            values(byline_across("By", "Jane Doe", None)),
            vec!["authors=Jane Doe"]
        );
        assert_eq!(
            values(byline_across("Von:", "Jane Doe", None)),
            vec!["authors=Jane Doe"]
        );
        assert_eq!(
            values(byline_across(
                "21.01.2022 11:46 von",
                "Anna Berg",
                Some("de")
            )),
            vec!["published=2022-01-21T11:46:00", "authors=Anna Berg"]
        );
        for (first, second) in [
            ("By", "the end of the year the bridge will be open again."),
            ("Teilen", "Anna Berg"),
            ("Von", ""),
            ("21.01.2022 11:46", "Anna Berg"),
            ("Kommentar von", "Anna Berg"),
            // A language switcher.
            ("DE", "English EN"),
            ("DE", "Liberales Institut"),
        ] {
            assert_eq!(byline_across(first, second, Some("de")), None, "{first}");
        }
    }

    #[test]
    fn shortcuts_say_what_they_stand_for() {
        for c in (0u8..128).map(char::from) {
            assert_eq!(is_ascii_space(c), SPACE.is_match(&c.to_string()), "{c:?}");
        }
        for text in ["", "a", "ab", "äb", "ä", "abc", "€€", "€€€", "a€"] {
            for most in 0..8 {
                assert_eq!(
                    longer_than(text, most),
                    text.chars().nth(most).is_some(),
                    "{text:?} {most}"
                );
            }
        }
    }

    #[test]
    fn site_names() {
        for (line, expected) in [
            (
                "Brücke über den Fluss wird erneuert | Stadtanzeiger",
                "Brücke über den Fluss wird erneuert",
            ),
            (
                "Warum wir jetzt Demut brauchen - Die Tagespost",
                "Warum wir jetzt Demut brauchen",
            ),
            (
                "Update | Deceased crash victims identified",
                "Update | Deceased crash victims identified",
            ),
            (
                "Auto leasen, finanzieren oder kaufen – was ist günstiger?",
                "Auto leasen, finanzieren oder kaufen – was ist günstiger?",
            ),
            (
                "Chronik: Lotte Tobisch ist tot - wien.ORF.at",
                "Chronik: Lotte Tobisch ist tot",
            ),
            (
                "Der Umbau der Brücke geht weiter - langsam",
                "Der Umbau der Brücke geht weiter - langsam",
            ),
            ("A b c - d - Site", "A b c - d"),
            ("Elektro-Zapfsäulen für alle", "Elektro-Zapfsäulen für alle"),
        ] {
            assert_eq!(without_site_name(line), expected, "{line}");
        }
    }
}
