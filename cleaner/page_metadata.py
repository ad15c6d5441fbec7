"""What a page's own metadata fields say, made fit for the sidecar: a title without the site's
name, authors that name someone, people first.

trafilatura reads the title from the page's `<title>` or its Open Graph title, which carry
the site's name, and the author from author fields, which often hold the publisher, the
site, a placeholder of the theme ("Admin", "Name") or initials.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from cleaner.dates import parse_date
from cleaner.header_lines import without_site_name

DOMAIN_AS_NAME = re.compile(
    r"\S+(?: \S+)* (?:Com|De|Net|Org|At|Ch|Fr|Es|It|Pl|Pt|Br|Info|Co|Uk|Eu)"
)
"""An author trafilatura made of a domain ("Facebook Com", "Example De")."""


TITLE_PART = re.compile(r"\s+(?:[|•·–—:-]|::)\s+|\s+[|–—-]\s*$")
"""What separates the parts of a page title: a bar, bullet, dash or spaced colon between
spaces, or a bar or dash left at its end."""
HOST_AFFIXES = re.compile(r"^www\d?\.|\.[a-z]{2,6}$")
MIN_NAME_KEY = 3


def url_host(url: str | None) -> str | None:
    """The host of a URL, lowercased, without a leading `www.`."""
    if not url:
        return None
    host = (urlsplit(url if "//" in url else f"//{url}").hostname or "").lower()
    return host.removeprefix("www.") or None


def _squeezed(name: str) -> str:
    """A name case-folded without spaces and punctuation, so that "Example News",
    "example.news", "Example-News" and the "Example News" trafilatura makes of a domain
    compare equal."""
    return re.sub(r"[\W_]+", "", name.casefold())


def _host_key(host: str) -> str:
    """A host squeezed without its "www." and top-level domain: "www.Example.de" → "example"."""
    return _squeezed(HOST_AFFIXES.sub("", host.strip().casefold()))


def _site_keys(site: str, host: str, with_site: bool = True) -> set[str]:
    """The squeezed names a title part or an author field may give the site by: the host
    with and without its "www." and top-level domain, and (`with_site`) the site's name."""
    keys = {_squeezed(host), _host_key(host)}
    if with_site:
        keys.add(_squeezed(site))
    return {key for key in keys if len(key) >= MIN_NAME_KEY}


def title_without_site(title: str, site: str, host: str) -> str:
    """A page title without the parts that name the site or date the page: from the first
    later part that is the site's name, its host or a date, everything goes ("Headline |
    example.com | Slogan", "Headline : 31.10.2023, 10.19 Uhr"), and a first part that names
    the site goes too ("BMAS - Headline"). What is left loses a site's name as any title
    line does (`without_site_name`)."""
    title = title.strip()
    spans, start = [], 0
    for found in TITLE_PART.finditer(title):
        spans.append((start, found.start()))
        start = found.end()
    spans.append((start, len(title)))
    parts = [title[a:b] for a, b in spans]
    # A site name that holds the title's first part is the page title, read as the site's name.
    keys = _site_keys(site, host, with_site=_squeezed(parts[0]) not in _squeezed(site))

    def names_site(part: str) -> bool:
        squeezed = _squeezed(part)
        return not squeezed or bool({squeezed, _host_key(part)} & keys)

    first, last = 0, len(parts)
    for index in range(1, len(parts)):
        if names_site(parts[index]) or parse_date(parts[index]) is not None:
            last = index
            break
    if last - first > 1 and names_site(parts[0]):
        first = 1
    return without_site_name(title[spans[first][0] : spans[last - 1][1]])


AUTHOR_LABEL = re.compile(
    r"^(?:(?:zeige |view )?(?:alle |all )?(?:beiträge|posts|artikel|articles?) (?:von|by)|"
    r"zum profil von|(?:ein )?beitrag von|written by|by|von|par|por|di|de|author|"
    r"autor(?:in)?|auteure?|text|texto)\b\s*:?\s*",
    re.IGNORECASE,
)
"""A label before the name in an author field: "By", "Autor:", "Zeige alle Beiträge von"."""
PLACEHOLDERS = frozenset(
    [
        "name",
        "admin",
        "administrator",
        "user",
        "superuser",
        "noauthor",
        "posted",
        "articleby",
        "unbenannt",
        "unknown",
        "anonymous",
        "anonym",
        "anónimo",
        "anonimo",
        "author",
        "autor",
        "guest",
        "gast",
    ]
)
"""Squeezed author fields that a theme fills in when nobody is named."""
ORGANISATION = re.compile(
    r"\b(?:GmbH|AG|KG|e\.\s?V\.?|e V|eG|Eg|Inc|Ltd|LLC|S\.?A|Media|Média|Verlag|Group|"
    r"Publishing)\.?$"
)
NAME_PARTICLES = frozenset(
    [
        "von",
        "van",
        "der",
        "den",
        "de",
        "da",
        "das",
        "do",
        "dos",
        "del",
        "della",
        "di",
        "du",
        "la",
        "le",
        "y",
        "e",
        "zu",
        "ten",
        "ter",
        "bin",
        "ibn",
        "al",
    ]
)
MIN_NAME_LETTERS = 4
MIN_PHRASE_WORDS = 4


def _is_name(name: str) -> bool:
    """Whether an author field can name anyone: not a placeholder, not a company, not a
    domain, not a phrase (MIN_PHRASE_WORDS words or more with one in lower case that is no
    name particle: "Hecho en Bolivia con Drupal por Smartica")."""
    words = name.split()
    return not (
        _squeezed(name) in PLACEHOLDERS
        or ORGANISATION.search(name)
        or DOMAIN_AS_NAME.fullmatch(name)
        or (
            len(words) >= MIN_PHRASE_WORDS
            and any(w[:1].islower() and w not in NAME_PARTICLES for w in words)
        )
    )


def _is_person(name: str, site_keys: set[str], host_key: str) -> bool:
    """Whether a name is a person's rather than the site's (its name, its host, or a name
    with the host's name as one of its words: "Redacción Trome" on trome.pe) or initials
    alone (fewer than MIN_NAME_LETTERS letters)."""
    squeezed = _squeezed(name)
    return not (
        len(squeezed) < MIN_NAME_LETTERS
        or squeezed in site_keys
        or (len(host_key) >= MIN_NAME_LETTERS and host_key in map(_squeezed, name.split()))
    )


def person_names(fields: list[str], site: str, host: str) -> list[str]:
    """The author fields that name someone, each without its label; when some of them name
    people, the site's own name and bare initials beside them go. Some pages name only the
    site or an editor's initials, which is then all the page says."""
    host_key = _host_key(host)
    site_keys = _site_keys(site, host)
    labelled = (AUTHOR_LABEL.sub("", field.strip()).strip() for field in fields)
    names = [name for name in labelled if name and _is_name(name)]
    people = [name for name in names if _is_person(name, site_keys, host_key)]
    return people or names
