"""What a page's own metadata fields say, made fit for the sidecar: a title without the site's
name, authors that name someone, people first.

trafilatura reads the title from the page's `<title>` or its Open Graph title, which carry
the site's name, and the author from author fields, which often hold the publisher, the
site, a placeholder of the theme ("Admin", "Name") or initials.
"""

from __future__ import annotations

import re

from cleaner._core import host_key, site_keys, squeezed_name, title_without_site, url_host

__all__ = ["person_names", "title_without_site", "url_host"]
"""The page's host, a title without the site and the names the site goes by are the core's
(`core/src/page_metadata.rs`): the header stage reads a title line with them."""

DOMAIN_AS_NAME = re.compile(
    r"\S+(?: \S+)* (?:Com|De|Net|Org|At|Ch|Fr|Es|It|Pl|Pt|Br|Info|Co|Uk|Eu)"
)
"""An author trafilatura made of a domain ("Facebook Com", "Example De")."""


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
        squeezed_name(name) in PLACEHOLDERS
        or ORGANISATION.search(name)
        or DOMAIN_AS_NAME.fullmatch(name)
        or (
            len(words) >= MIN_PHRASE_WORDS
            and any(w[:1].islower() and w not in NAME_PARTICLES for w in words)
        )
    )


def _is_person(name: str, keys: set[str], site_host_key: str) -> bool:
    """Whether a name is a person's rather than the site's (its name, its host, or a name
    with the host's name as one of its words: "Redacción Trome" on trome.pe) or initials
    alone (fewer than MIN_NAME_LETTERS letters)."""
    squeezed = squeezed_name(name)
    return not (
        len(squeezed) < MIN_NAME_LETTERS
        or squeezed in keys
        or (
            len(site_host_key) >= MIN_NAME_LETTERS
            and site_host_key in map(squeezed_name, name.split())
        )
    )


def person_names(fields: list[str], site: str, host: str) -> list[str]:
    """The author fields that name someone, each without its label; when some of them name
    people, the site's own name and bare initials beside them go. Some pages name only the
    site or an editor's initials, which is then all the page says."""
    own_host_key = host_key(host)
    own_site_keys = site_keys(site, host)
    labelled = (AUTHOR_LABEL.sub("", field.strip()).strip() for field in fields)
    names = [name for name in labelled if name and _is_name(name)]
    people = [name for name in names if _is_person(name, own_site_keys, own_host_key)]
    return people or names
