"""A page's own metadata fields made fit for the sidecar: titles without the site, authors
that name someone."""

from __future__ import annotations

import pytest

from cleaner.page_metadata import person_names, title_without_site


@pytest.mark.parametrize(
    ("title", "site", "host", "expected"),
    [
        ("Plejaden, M45 - Abenteuer Astronomie", "", "abenteuer-astronomie.de", "Plejaden, M45"),
        (
            "Streit ums Feuerholz - www.AussenGedanken.de",
            "",
            "aussengedanken.de",
            "Streit ums Feuerholz",
        ),
        (
            "Bielersee-Winterhechte | petri-heil.ch | Dein Schweizer Fischermagazin",
            "",
            "petri-heil.ch",
            "Bielersee-Winterhechte",
        ),
        (
            "So viel Regen gab es lange nicht : 31.10.2023, 10.19 Uhr",
            "",
            "example.de",
            "So viel Regen gab es lange nicht",
        ),
        (
            "BMAS - Änderung der Anforderungen an Impfnachweise",
            "BMAS",
            "bmas.de",
            "Änderung der Anforderungen an Impfnachweise",
        ),
        ("Penny - Stardew Valley Wiki", "Stardew Valley Wiki", "stardewvalleywiki.com", "Penny"),
    ],
)
def test_title_loses_the_parts_that_name_the_site(
    title: str, site: str, host: str, expected: str
) -> None:
    assert title_without_site(title, site, host) == expected


@pytest.mark.parametrize(
    ("title", "site", "host"),
    [
        ("US-Sport in Zeiten von Corona", "US-Sport in Zeiten von Corona - ZDFmediathek", "zdf.de"),
        ("Coronavirus : le point sur la situation", "Le Monde", "lemonde.fr"),
        ("Leasen oder kaufen – was ist günstiger?", "Vergleich.de", "vergleich.de"),
        (
            "Illegale Migration: Bereits 9.087 Feststellungen",
            "Illegale Migration: Bereits 9.087 Feststellungen durch die Bundespolizei",
            "bundespolizei.de",
        ),
    ],
)
def test_title_keeps_its_own_parts(title: str, site: str, host: str) -> None:
    """A site name that holds the headline is the page title read as the site's name; a
    spaced colon or a dash before a subtitle is the headline's own."""
    assert title_without_site(title, site, host) == title


@pytest.mark.parametrize(
    ("fields", "site", "host", "expected"),
    [
        (
            ["Die Tagespost", "Christoph von Ritter"],
            "Tagespost",
            "die-tagespost.de",
            ["Christoph von Ritter"],
        ),
        (
            ["NOTICIAS TROME", "Redacción Trome", "Carla Chevez"],
            "Trome",
            "trome.pe",
            ["Carla Chevez"],
        ),
        (["Prisma Média", "Marie Merlet"], "Gala", "gala.fr", ["Marie Merlet"]),
        (["Tina Klostermeier", "TK"], "Women's Health", "womenshealth.de", ["Tina Klostermeier"]),
        (["Name"], "", "example.org", []),
        (["Admin"], "Autonews", "autonews.ch", []),
        (["Hecho en Bolivia con Drupal por Smartica"], "Los Tiempos", "lostiempos.com", []),
        (["Deutsches Weininstitut GmbH"], "", "deutscheweine.de", []),
        (
            ["Por María Alejandra Carrasquilla"],
            "",
            "laestrella.com.pa",
            ["María Alejandra Carrasquilla"],
        ),
        (["Zeige alle Beiträge von Petra Ruland"], "", "uniqz.de", ["Petra Ruland"]),
    ],
)
def test_author_fields_that_name_people(
    fields: list[str], site: str, host: str, expected: list[str]
) -> None:
    assert person_names(fields, site, host) == expected


@pytest.mark.parametrize(
    ("fields", "site", "host"),
    [
        (["Wolfgang Michal"], "wolfgangmichal.de", "wolfgangmichal.de"),
        (["Telebasel"], "Telebasel", "telebasel.ch"),
        (["LD"], "dobszay.ch", "dobszay.ch"),
        (["Mobasir hassan"], "Hassanchef", "hassanchef.com"),
    ],
)
def test_the_only_name_a_page_gives_is_kept(fields: list[str], site: str, host: str) -> None:
    """A personal site named after its author, an outlet that names only itself, an editor's
    initials: with nobody else named, that is what the page says of its author."""
    assert person_names(fields, site, host) == fields
