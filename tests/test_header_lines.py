"""Bylines and date lines per language, look-alike prose that must stay prose, and titles."""

from __future__ import annotations

import pytest

from cleaner import Cleaner, Config
from cleaner.header_lines import (
    byline,
    byline_across,
    date_line,
    dateline_line,
    opening_line,
    post_meta_line,
    signed_date,
    stamp,
    without_site_name,
)

BYLINES = [
    ("By Jane Doe", None, ["Jane Doe"], {}),
    ("By Jane Doe | Reuters", None, ["Jane Doe"], {"agency": "Reuters"}),
    ("By Jane A. Doe, Staff Writer", None, ["Jane A. Doe"], {}),
    ("Written by Jane Doe on January 23, 2024", "en", ["Jane Doe"], {"published": "2024-01-23"}),
    (
        "By Idrees Ali, Phil Stewart and Timour Azhari",
        None,
        ["Idrees Ali", "Phil Stewart", "Timour Azhari"],
        {},
    ),
    ("Von Max Mustermann, dpa", "de", ["Max Mustermann"], {"agency": "dpa"}),
    ("von Max Mustermann", "de", ["Max Mustermann"], {}),
    ("Von Max Mustermann, AFP/dpa", "de", ["Max Mustermann"], {"agency": "AFP/dpa"}),
    (
        "Von Anna Müller und Peter Schmidt | 23.01.2024, 17:47 Uhr",
        "de",
        ["Anna Müller", "Peter Schmidt"],
        {"published": "2024-01-23T17:47:00"},
    ),
    ("Autor: Max Mustermann", "de", ["Max Mustermann"], {}),
    ("Autorin: Julia von Berg", "de", ["Julia von Berg"], {}),
    ("Text: Anna Müller", "de", ["Anna Müller"], {}),
    ("Par Jean Dupont, AFP", "fr", ["Jean Dupont"], {"agency": "AFP"}),
    ("Texte: Marie Dupont", "fr", ["Marie Dupont"], {}),
    ("Por María José García | EFE", "es", ["María José García"], {"agency": "EFE"}),
    ("Di Mario Rossi", "it", ["Mario Rossi"], {}),
    ("De João Silva", "pt", ["João Silva"], {}),
    ("Autorka: Anna Nowak", "pl", ["Anna Nowak"], {}),
    ("Redakcja: Jan Kowalski", "pl", ["Jan Kowalski"], {}),
    ("Napisała Anna Nowak", "pl", ["Anna Nowak"], {}),
    ("By Jane Doe 11 February 2020", "en", ["Jane Doe"], {"published": "2020-02-11"}),
    ("By Jane Doe On 11 February 2020", "en", ["Jane Doe"], {"published": "2020-02-11"}),
    ("Par Jean Dupont le 12 mars 2020", "fr", ["Jean Dupont"], {"published": "2020-03-12"}),
    ("von David · 18. Oktober 2019", "de", ["David"], {"published": "2019-10-18"}),
    ("Par Marie – 3 mai 2020", "fr", ["Marie"], {"published": "2020-05-03"}),
    (
        "Von Anna Berg 3. Mai 2020 5. Mai 2020",
        "de",
        ["Anna Berg"],
        {"published": "2020-05-03", "updated": "2020-05-05"},
    ),
    ("Author: Jane Doe", "en", ["Jane Doe"], {}),
    ("Posted by Jane Doe", "en", ["Jane Doe"], {}),
    ("Published By Jane Doe", "en", ["Jane Doe"], {}),
    ("AUTOR/IN: Anna Berg", "de", ["Anna Berg"], {}),
    (
        "Veröffentlicht von Anna Berg 28. Februar 2016",
        "de",
        ["Anna Berg"],
        {"published": "2016-02-28"},
    ),
]


@pytest.mark.parametrize(
    ("text", "language", "authors", "extra"), BYLINES, ids=[b[0] for b in BYLINES]
)
def test_byline(text: str, language: str | None, authors: list[str], extra: dict) -> None:
    found = byline(text, language)
    assert found is not None
    assert found.values == {"authors": authors, **extra}


NOT_BYLINES = [
    "By the time the missiles hit, the base was empty.",
    "By The Time The Missiles Hit",
    "Von der Leyen sagte am Montag, die EU werde handeln.",
    "Von Berlin nach Hamburg",
    "Von Montag bis Freitag",
    "Par ailleurs, le gouvernement a annoncé une réforme.",
    "Por fin llegó la primavera",
    "Di Maio Luigi, ha detto ieri che il governo cadrà.",
    "De Gaulle Charles a dit non.",
    "Text und Bild sind urheberrechtlich geschützt.",
    "von Kathrin",
    "Von Montag, 3. Mai 2020",
    "Von Mai, 3. Mai 2020",
    "By March 3, 2021",
]


@pytest.mark.parametrize("text", NOT_BYLINES)
def test_prose_is_not_a_byline(text: str) -> None:
    assert byline(text) is None
    assert opening_line(text) is None


DATE_LINES = [
    ("Published on January 23, 2024", "en", {"published": "2024-01-23"}),
    ("Updated: Jan. 23, 2024 6:21 p.m. ET", "en", {"updated": "2024-01-23T18:21:00"}),
    ("Veröffentlicht am 23.01.2024, 17:47 Uhr", "de", {"published": "2024-01-23T17:47:00"}),
    ("Stand: 23.01.2024", "de", {"updated": "2024-01-23"}),
    ("Aktualisiert am 23. Januar 2024", "de", {"updated": "2024-01-23"}),
    ("Mardi 23 janvier 2024 à 17h47", "fr", {"published": "2024-01-23T17:47:00"}),
    ("Mis à jour le 23/01/2024 à 18h21", "fr", {"updated": "2024-01-23T18:21:00"}),
    ("Publicado el 23 de enero de 2024", "es", {"published": "2024-01-23"}),
    ("Pubblicato il 23 gennaio 2024", "it", {"published": "2024-01-23"}),
    ("Atualizado em 23 de janeiro de 2024", "pt", {"updated": "2024-01-23"}),
    ("Opublikowano: 23 stycznia 2024 r.", "pl", {"published": "2024-01-23"}),
    ("22. Dezember 2019 22. Dezember 2019", "de", {"published": "2019-12-22"}),
    ("12. März 2020 14. März 2020", "de", {"published": "2020-03-12", "updated": "2020-03-14"}),
]


@pytest.mark.parametrize(("text", "language", "values"), DATE_LINES, ids=[d[0] for d in DATE_LINES])
def test_date_line(text: str, language: str, values: dict) -> None:
    found = date_line(text, language)
    assert found is not None and found.values == values


NOT_DATE_LINES = [
    "Am 23. Januar 2024 trat das Gesetz in Kraft.",
    "Published in 2024, the report found rising rents.",
    "Stand der Dinge: Die Verhandlungen laufen.",
    "Le 23 janvier 2024, le gouvernement a démissionné.",
    "Er kam am 3. Mai 2020 und ging am 4. Mai 2020",
]


@pytest.mark.parametrize("text", NOT_DATE_LINES)
def test_prose_is_not_a_date_line(text: str) -> None:
    assert date_line(text, "de") is None


DATELINES = [
    ("Washington DC (UPI) Jan 23, 2024 -", "Washington DC", "UPI"),
    ("NEW YORK (AP) —", "NEW YORK", "AP"),
    ("Frankfurt am Main (dpa)", "Frankfurt am Main", "dpa"),
    ("Mülheim an der Ruhr (dpa/epd) -", "Mülheim an der Ruhr", "dpa/epd"),
    ("Rio de Janeiro (AFP)", "Rio de Janeiro", "AFP"),
    ("Stratford-upon-Avon (PA)", "Stratford-upon-Avon", "PA"),
    ("Sydney (AAP)", "Sydney", "AAP"),
    ("ATLANTA (CNN) March 3, 2024 -", "ATLANTA", "CNN"),
]


@pytest.mark.parametrize(("text", "place", "agency"), DATELINES, ids=[d[0] for d in DATELINES])
def test_dateline_line(text: str, place: str, agency: str) -> None:
    found = dateline_line(text, "de")
    assert found is not None
    assert (found.values["dateline"], found.values["agency"]) == (place, agency)


NOT_DATELINES = [
    "Das Digitale Wörterbuch der deutschen Sprache (DWDS)",
    "Die Stiftung für internationale Zusammenarbeit (SIZ)",
    "Berlin (dpa) Die Regierung hat am Dienstag das Gesetz beschlossen.",
    "Halle (Saale)",
    "Häufige Fragen (FAQ)",
    "Name (Pflichtfeld)",
    "Bundeskriminalamt (BKA)",
    "Georg Fischer (GF)",
    "Cookie-Richtlinie (EU)",
]


@pytest.mark.parametrize("text", NOT_DATELINES)
def test_name_with_its_acronym_is_not_a_dateline(text: str) -> None:
    """A place is capitalised words joined by particles ("am", "de", "an der"); a name
    with lowercase words and its acronym in brackets is a heading, not a dateline. Without
    a date the bracket must name a known agency: a place or name with a word in brackets
    after it is a heading or a form label far more often than a dateline."""
    assert dateline_line(text, "de") is None


BODY = (
    "Die Stadtverwaltung hat am Dienstag angekündigt, dass die Brücke über den Fluss im "
    "kommenden Frühjahr erneuert wird, weil die alten Stahlträger nicht mehr sicher sind."
)


@pytest.mark.parametrize(
    "first",
    [
        "Ihr kennt es sicher auch!",
        "Was meinen Sie: haben sie? Haben sich die Eltern jemals Sorgen gemacht?",
        "- Presseförderung: Studie zweifelt an Stütze vom Staat",
        "„Außen knusprig, innen cremig“",
        "Die Masse berechnest du aus dem Volumen. Siehe Kapitel Masse",
        "Künstlerischer Lebenslauf",
        "Am Montag kam Dr. Berg. Er blieb bis zum 3. Mai",
    ],
)
def test_first_line_of_body_is_not_a_title(first: str) -> None:
    """Without page metadata, a first line that reads as a sentence, list item or quote, or a
    two-word heading, stays in the body."""
    result = Cleaner().clean_text(f"{first}\n{BODY}\n")
    assert result.text.splitlines() == [first, BODY]
    assert result.metadata["article"]["title"] is None


@pytest.mark.parametrize(
    "first",
    [
        "Brücke über den Fluss wird im Frühjahr erneuert",
        "Wird die Brücke endlich erneuert?",
        "Tanz in der St. Galler Lokremise: Mit allen Wassern gewaschen",
        "So sähe die Tabelle nach dem 10. Spieltag aus",
    ],
)
def test_headline_is_a_title(first: str) -> None:
    result = Cleaner().clean_text(f"{first}\n{BODY}\n")
    assert result.text.splitlines() == [BODY]
    assert result.metadata["article"]["title"] == first


MORE_BODY = (
    "Die Arbeiten sollen im März beginnen und etwa achtzehn Monate dauern, sagte der "
    "Bürgermeister, und eine Fähre bringt in dieser Zeit Radfahrer über den Fluss."
)


def test_the_headline_repeating_the_title_line_goes_too() -> None:
    """A page dump starts with the page's own title, and its headline stands again over the
    body: both go, the title into the metadata. The same words as a line inside the body
    (a closing heading) stay: there they are the text's own."""
    title = "Brücke über den Fluss wird im Frühjahr erneuert"
    lines = [f"{title} | Stadtanzeiger", "Startseite", "Lokales", title, BODY, MORE_BODY, title]
    result = Cleaner().clean_text("\n\n".join(lines) + "\n")
    assert result.metadata["article"]["title"] == title
    kept = [line for line in result.text.splitlines() if line]
    assert kept[-3:] == [BODY, MORE_BODY, title]
    assert kept.count(title) == 1
    repeats = [r for r in result.removed if "repeating the title" in r.evidence]
    assert [(r.rule, r.text) for r in repeats] == [("header.title", title)]


def test_a_headline_that_is_part_of_the_title_names_the_article() -> None:
    """The page's title line does not tell which of its parts names the site; the headline
    over the body does: it goes, and its part becomes the title. With the site's name over
    the page too, both go and the part nearest the body names the article."""
    tab = "Plejaden, M45 - Abenteuer Astronomie"
    lines = [tab, "Sternwarte", "Startseite", "Plejaden, M45", BODY, MORE_BODY]
    result = Cleaner().clean_text("\n\n".join(lines) + "\n")
    assert result.metadata["article"]["title"] == "Plejaden, M45"
    assert [r.text for r in result.removed if r.rule == "header.title"] == [tab, "Plejaden, M45"]
    assert [line for line in result.text.splitlines() if line][-2:] == [BODY, MORE_BODY]
    lines[1] = "Abenteuer Astronomie"
    result = Cleaner().clean_text("\n\n".join(lines) + "\n")
    assert result.metadata["article"]["title"] == "Plejaden, M45"
    gone = [r.text for r in result.removed if r.rule == "header.title"]
    assert gone == [tab, "Abenteuer Astronomie", "Plejaden, M45"]


def test_a_headline_with_other_dashes_and_quotes_repeats_the_title() -> None:
    tab = 'Brücke "am Fluss" - Arbeiten beginnen im März'
    headline = "Brücke „am Fluss“ – Arbeiten beginnen im März"
    result = Cleaner().clean_text("\n\n".join([tab, "Lokales", headline, BODY]) + "\n")
    assert [r.text for r in result.removed if r.rule == "header.title"] == [tab, headline]


def test_a_kept_title_keeps_its_headline() -> None:
    title = "Brücke über den Fluss wird im Frühjahr erneuert"
    text = "\n\n".join([title, "Lokales", title, BODY]) + "\n"
    result = Cleaner(Config(keep_title=True)).clean_text(text)
    assert [line for line in result.text.splitlines() if line] == [title, "Lokales", title, BODY]


def test_an_extractors_output_keeps_its_headline_in_the_body() -> None:
    """Declared extractor output: the headline is read as the title and stays (the
    extractor judged it content); the same text not declared loses it to the metadata."""
    title = "Brücke über den Fluss wird im Frühjahr erneuert"
    text = "\n\n".join([title, BODY, MORE_BODY]) + "\n"
    extracted = Cleaner(Config(extracted=True)).clean_text(text)
    assert extracted.metadata["article"]["title"] == title
    assert [line for line in extracted.text.splitlines() if line] == [title, BODY, MORE_BODY]
    assert not [r for r in extracted.removed if r.rule == "header.title"]
    scraped = Cleaner().clean_text(text)
    assert scraped.metadata["article"]["title"] == title
    assert [line for line in scraped.text.splitlines() if line] == [BODY, MORE_BODY]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        (
            "Veröffentlicht am 17. Dezember 2019 von Anna Berg",
            {"published": "2019-12-17", "authors": ["Anna Berg"]},
        ),
        ("Posted 11. April 2018 by Jane Doe", {"published": "2018-04-11", "authors": ["Jane Doe"]}),
        (
            "22. Dezember 2019 22. Dezember 2019 von Peter Addor",
            {"published": "2019-12-22", "authors": ["Peter Addor"]},
        ),
        (
            "Posted on 28. Juli 2019 28. Juli 2019 Author Andreas Kalt",
            {"published": "2019-07-28", "authors": ["Andreas Kalt"]},
        ),
        (
            "Datum: 13. April 2017 Autor: www.koffergepackt.com",
            {"published": "2017-04-13", "authors": ["www.koffergepackt.com"]},
        ),
    ],
)
def test_date_signed_by_its_author_is_a_byline(text: str, values: dict) -> None:
    found = opening_line(text, "de")
    assert found is not None
    assert (found.kind, found.values) == ("byline", values)


def test_date_signed_with_a_site_account_gives_only_the_date() -> None:
    """A site's account after the date ("von admin") is no author's name; a blogger's user
    name is the name the post is signed with."""
    found = opening_line("Publiziert am 13. Januar 2014 von admin", "de")
    assert found is not None
    assert (found.kind, found.values) == ("date", {"published": "2014-01-13"})
    found = opening_line("Publiziert am 13. Januar 2014 von uriebe", "de")
    assert found is not None
    assert (found.kind, found.values) == (
        "byline",
        {"published": "2014-01-13", "authors": ["uriebe"]},
    )


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("12/04/2020 by Kay 24 Comments", {"published": "2020-04-12", "authors": ["Kay"]}),
        (
            "Dezember 10, 2019 · von freeman1984 · in Uncategorized · Hinterlasse einen Kommentar",
            {"published": "2019-12-10", "authors": ["freeman1984"]},
        ),
        ("Posted by T. V. Raman at 2:33 PM", {"authors": ["T. V. Raman"]}),
        (
            "By Amelie Marie Nishizawa Feb 8, 2020 5 min read",
            {"authors": ["Amelie Marie Nishizawa"], "published": "2020-02-08"},
        ),
        ("By Eric Levitz @EricLevitz", {"authors": ["Eric Levitz"]}),
        ("12. März 2020 | 3 Kommentare", {"published": "2020-03-12"}),
    ],
)
def test_a_posts_meta_line_is_read_without_its_tail(text: str, values: dict) -> None:
    assert opening_line(text, "de") is None
    found = post_meta_line(text, "de")
    assert found is not None
    assert found.values == values


@pytest.mark.parametrize(
    "text",
    [
        "Die Ausstellung wurde von Anna Berg in Berlin eröffnet.",
        "Autorin: Uta Staschewski, Projektleiterin der HSS in Tunesien.",
        "Wir sehen uns am Montag um 18:30 Uhr",
        "Folgen Sie uns auf Twitter @example",
        "von Kathrin in Rezepte",
        "3 Kommentare",
    ],
)
def test_prose_ending_like_a_posts_meta_line_names_no_author(text: str) -> None:
    found = post_meta_line(text, "de")
    assert found is None or "authors" not in found.values


def test_a_blog_posts_meta_line_under_its_headline() -> None:
    """Under a blog post's headline, its meta line names the author and dates the post, and
    leaves the text."""
    meta = "10. Dezember 2019 · von freeman1984 · in Allgemein · Hinterlasse einen Kommentar"
    text = "\n".join(["Brücke wird erneuert", meta, *PARAGRAPHS])
    result = Cleaner(Config(language="de")).clean_text(f"Stadtanzeiger\n{text}")
    article = result.metadata["article"]
    assert (article["authors"], article["published"]) == (["freeman1984"], "2019-12-10")
    assert meta not in result.text
    assert any(r.rule == "header.byline" and r.text == meta for r in result.removed)


def test_a_posts_meta_line_under_the_first_paragraph_is_a_byline() -> None:
    """With its tail cut off, a post's meta line is a byline as its head alone would be: under
    the article's first paragraph too (a standfirst over the byline), it leaves the text."""
    for line in ("Von Thilo / 6. November 2023", "Von Thilo / 6. November 2023 / Keine Kommentare"):
        text = "\n".join([PARAGRAPHS[0], line, *PARAGRAPHS[1:]])
        result = Cleaner(Config(language="de")).clean_text(text)
        article = result.metadata["article"]
        assert (article["authors"], article["published"]) == (["Thilo"], "2023-11-06")
        [removal] = result.removed
        assert (removal.rule, removal.text) == ("header.byline", line)


PAGE_TOP = ["Startseite", "Politik", "Mittwoch, 8. Juli 2020", "Login", "Abo", "Suche"]
PARAGRAPHS = [
    BODY,
    "Die Arbeiten sollen im März beginnen und etwa achtzehn Monate dauern, sagte der "
    "Bürgermeister, und eine Fähre bringt in dieser Zeit Radfahrer über den Fluss.",
    "Anwohner auf beiden Seiten hatten seit Jahren eine neue Brücke gefordert, und das Land "
    "hat zugesagt, die Hälfte der Kosten des Vorhabens zu übernehmen.",
]


def test_byline_and_date_above_the_body_of_a_full_page() -> None:
    """On a full page the byline and date sit between the headline and the body, below the
    site's header; the header's date there is today's, and the one above the body wins."""
    head = ["Brücke über den Fluss wird erneuert", "Von Anna Berg", "12. März 2020"]
    text = "\n".join([*PAGE_TOP, *["Menü"] * 4, *head, *PARAGRAPHS, "Impressum"])
    result = Cleaner(Config(language="de")).clean_text(text)
    article = result.metadata["article"]
    assert article["authors"] == ["Anna Berg"]
    assert article["published"] == "2020-03-12"
    assert article["sources"]["published"] == "header.date (line 13)"
    removed = {r.text: r.rule for r in result.removed}
    assert removed["Von Anna Berg"] == "header.byline"
    assert removed["12. März 2020"] == "header.date"
    assert all(p in result.text for p in PARAGRAPHS)


def _after_first_paragraph(line: str) -> dict:
    """The sidecar's article of `line` between the first and second paragraphs, which the
    header must leave in the body."""
    text = "\n".join([PARAGRAPHS[0], line, *PARAGRAPHS[1:]])
    result = Cleaner(Config(language="de")).clean_text(text)
    assert not any(r.rule.startswith("header.") for r in result.removed)
    return result.metadata["article"]


def test_a_date_inside_the_body_stays_and_dates_the_article_only_without_another() -> None:
    """Only lines above the body's first paragraph are taken out: a date between paragraphs
    may be the text's own (an event, a deadline), so it stays in the body. With no other
    date it is read as the article's, the source saying where it stands; a date the header
    took wins over it."""
    article = _after_first_paragraph("12. März 2020")
    assert article["published"] == "2020-03-12"
    assert article["sources"]["published"] == "header.date-near-body (line 2)"
    text = "\n".join([PARAGRAPHS[0], "12. März 2020", *PARAGRAPHS[1:]])
    dated = "\n".join(["Brücke wird erneuert", "3. Februar 2021", text])
    article = Cleaner(Config(language="de")).clean_text(dated).metadata["article"]
    assert article["published"] == "2021-02-03"


def test_metadata_of_a_page_describes_its_main_article() -> None:
    """A page whose header holds a sentence (a cookie notice) is read as two articles, the
    header and the article its headline and byline open; the document's metadata is that of
    the article holding the body, with the page's title line when the article confirms it."""
    page = [
        "Brücke über den Fluss wird erneuert | Stadtanzeiger",
        "Wir verwenden Cookies, damit Sie unsere Website bestmöglich nutzen können.",
        "Startseite",
        "Politik",
    ]
    head = ["Brücke über den Fluss wird erneuert", "Von Anna Berg | 12.03.2020"]
    text = "\n".join([*page, *head, *PARAGRAPHS])
    result = Cleaner(Config(language="de")).clean_text(text)
    articles = result.metadata["articles"]
    assert [a["lines"] for a in articles] == [[1, 4], [5, 9]]
    article = result.metadata["article"]
    assert article["authors"] == ["Anna Berg"]
    assert article["published"] == "2020-03-12"
    assert article["title"] == "Brücke über den Fluss wird erneuert"
    assert article["sources"]["title"] == "header.title (line 5)"


def test_byline_under_the_standfirst() -> None:
    """A byline between the first paragraph (the standfirst) and the next is the article's;
    it leaves the body like a byline at the top."""
    text = "\n".join([PARAGRAPHS[0], "Von Anna Berg", *PARAGRAPHS[1:]])
    result = Cleaner(Config(language="de")).clean_text(text)
    assert result.metadata["article"]["authors"] == ["Anna Berg"]
    [removal] = [r for r in result.removed if r.rule == "header.byline"]
    assert removal.text == "Von Anna Berg"
    assert "under the article's first paragraph" in removal.evidence
    assert result.text == "\n".join(PARAGRAPHS) + "\n"


@pytest.mark.parametrize(
    ("line", "title"),
    [
        (
            "Brücke über den Fluss wird erneuert | Stadtanzeiger",
            "Brücke über den Fluss wird erneuert",
        ),
        ("Warum wir jetzt Demut brauchen - Die Tagespost", "Warum wir jetzt Demut brauchen"),
        (
            "Update | Deceased crash victims identified",
            "Update | Deceased crash victims identified",
        ),
        (
            "Auto leasen, finanzieren oder kaufen – was ist günstiger?",
            "Auto leasen, finanzieren oder kaufen – was ist günstiger?",
        ),
        (
            "Remote Support mit Smart Glasses – Zukunft?",
            "Remote Support mit Smart Glasses – Zukunft?",
        ),
        ("Elektro-Zapfsäulen für alle", "Elektro-Zapfsäulen für alle"),
        ("Chronik: Lotte Tobisch ist tot - wien.ORF.at", "Chronik: Lotte Tobisch ist tot"),
        (
            "Der Umbau der Brücke geht weiter - langsam",
            "Der Umbau der Brücke geht weiter - langsam",
        ),
    ],
)
def test_title_line_without_the_site_name(line: str, title: str) -> None:
    """A page's title line loses the site's name after its last bar or dash, not a label
    before it nor the headline's own subtitle."""
    assert without_site_name(line) == title


def test_date_under_the_standfirst_of_a_headline() -> None:
    """A date between a headline's standfirst and the next paragraph is the article's when
    nothing above gave one; without the headline it may be the text's own (see above)."""
    head = ["Brücke über den Fluss wird erneuert", PARAGRAPHS[0], "12. März 2020"]
    text = "\n".join(["Startseite", "Politik", "Login", *head, *PARAGRAPHS[1:]])
    result = Cleaner(Config(language="de")).clean_text(text)
    assert result.metadata["article"]["published"] == "2020-03-12"
    [removal] = [r for r in result.removed if r.rule == "header.date"]
    assert removal.text == "12. März 2020"
    assert "under the article's first paragraph" in removal.evidence
    assert all(p in result.text for p in PARAGRAPHS)


def test_a_byline_near_the_body_names_the_authors_for_want_of_another() -> None:
    """A byline after the first paragraphs, which the header does not take out, names the
    article's authors when no other line did; the sidecar says where it stands."""
    text = "\n".join([*PARAGRAPHS[:2], "Teilen", "Drucken", "Von Anna Berg", PARAGRAPHS[2]])
    result = Cleaner(Config(language="de")).clean_text(text)
    assert not any(r.rule.startswith("header.") for r in result.removed)
    article = result.metadata["article"]
    assert article["authors"] == ["Anna Berg"]
    assert article["sources"]["authors"] == "header.byline-near-body (line 5)"
    bylined = "\n".join(["Brücke wird erneuert", "Von Carl Nowak", text])
    assert Cleaner(Config(language="de")).clean_text(bylined).metadata["article"]["authors"] == [
        "Carl Nowak"
    ]


@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("21.01.2022 Aktuelle Meldung", "2022-01-21"),
        ("Aktuelle Meldung vom 21.01.2022", "2022-01-21"),
        ("Bettina Kugler 19.10.2019, 05:00 Uhr", "2019-10-19T05:00:00"),
        ("Thilo / 6. November 2023 / Keine Kommentare", "2023-11-06"),
        # Look-alikes: an updated date, an event's, a deadline's, an embedded post's.
        ("zuletzt aktualisiert am 04.02.2022", None),
        ("Termin: Montag, 15. November 2021 um 10.30 Uhr", None),
        ("Einsendeschluss: 03.11.2019 (Poststempel)", None),
        ("— Hertha BSC (@HerthaBSC) June 1, 2017", None),
    ],
)
def test_a_short_line_holding_a_date_near_the_body_dates_the_article(
    line: str, published: str | None
) -> None:
    """A short line with a date among a few other words ("21.01.2022 Aktuelle Meldung",
    a name then the date) is no date line, but near the body it dates an article nothing
    else dated, unless its words say the date is not the publication's."""
    article = _after_first_paragraph(line)
    assert article["published"] == published
    if published:
        assert article["sources"]["published"] == "header.date-near-body (line 2)"


def test_names_then_a_date_by_the_body_name_the_authors() -> None:
    """A line of names then a date with no by-word, right by the body's first paragraph,
    signs the article: it names the authors and dates it, and stays in the text."""
    article = _after_first_paragraph("Bettina Kugler 19.10.2019, 05:00 Uhr")
    assert article["authors"] == ["Bettina Kugler"]
    assert article["sources"]["authors"] == "header.byline-near-body (line 2)"
    assert article["published"] == "2019-10-19T05:00:00"
    # Further from the body's first paragraph (open lines: the menu below is left to the
    # line model), a section's name over a date names no one.
    text = "\n".join([*PARAGRAPHS, *["Menüpunkt"] * 2, "Ehrenamt Jugendverbände 23.01.2020"])
    article = Cleaner(Config(language="de")).clean_text(text).metadata["article"]
    assert article["authors"] == []


def test_byline_over_an_opening_paragraph_cut_off_by_a_caption() -> None:
    """A byline may sit over the standfirst and an opening paragraph that a caption cuts off
    from the longest run of paragraphs; a bare date there is not taken out of the text (it is
    as often a teaser's), and is read as the article's only for want of another."""
    opening = [PARAGRAPHS[1], "Bild", "Archiv", "Grafik"]
    for signed, authors, published in (
        ("Von Anna Berg", ["Anna Berg"], None),
        ("12. März 2020", [], "2020-03-12"),
        ("Von Anna Berg | 12.03.2020", ["Anna Berg"], "2020-03-12"),
    ):
        text = "\n".join(["Brücke wird erneuert", signed, PARAGRAPHS[0], *opening, *PARAGRAPHS])
        result = Cleaner(Config(language="de")).clean_text(f"Stadtanzeiger\n{text}")
        article = result.metadata["article"]
        assert (article["authors"], article["published"]) == (authors, published)
        if authors:
            [removal] = [r for r in result.removed if r.rule == "header.byline"]
            assert removal.evidence == "byline line far above the article's first paragraph"
        else:
            assert not any(r.rule == "header.date" for r in result.removed)
            assert article["sources"]["published"] == "header.date-near-body (line 3)"


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("Anna Berg | 12.03.2020", "2020-03-12"),
        ("Christian Kahle, 03.11.2023 15:32 Uhr", "2023-11-03T15:32:00"),
        ("Christoph von Ritter 24. April 2020", "2020-04-24"),
    ],
)
def test_signed_date_gives_the_date_only(text: str, published: str) -> None:
    found = signed_date(text, "de")
    assert found is not None
    assert (found.kind, found.values) == ("date", {"published": published})
    assert opening_line(text, "de") is None


@pytest.mark.parametrize(
    "text",
    [
        "Berlin ist seit dem 12.03.2020 im Ausnahmezustand",
        "Am 12.03.2020 kam Anna Berg",
        "Anna Berg",
        "Anna Berg | Redaktion",
    ],
)
def test_not_a_signed_date(text: str) -> None:
    assert signed_date(text, "de") is None


def test_signed_date_is_taken_out_above_the_body_only() -> None:
    """Above the body's first paragraph a signed date gives the article's date; between
    paragraphs it may be a comment's or a teaser's, so it stays in the text, and its date is
    read only for want of another (a date the header took wins)."""
    above = "\n".join(
        ["Stadtanzeiger", "Brücke wird erneuert", "Anna Berg | 12.03.2020", *PARAGRAPHS]
    )
    result = Cleaner(Config(language="de")).clean_text(above)
    assert result.metadata["article"]["published"] == "2020-03-12"
    assert result.metadata["article"]["authors"] == []
    inside = ["Stadtanzeiger", PARAGRAPHS[0], "Anna Berg | 12.03.2020", *PARAGRAPHS[1:]]
    result = Cleaner(Config(language="de")).clean_text("\n".join(inside))
    assert "Anna Berg | 12.03.2020" in result.text
    assert result.metadata["article"]["published"] == "2020-03-12"
    assert result.metadata["article"]["sources"]["published"] == "header.date-near-body (line 3)"
    dated = ["Stadtanzeiger", "Brücke wird erneuert", "3. Februar 2021", *inside[1:]]
    result = Cleaner(Config(language="de")).clean_text("\n".join(dated))
    assert "Anna Berg | 12.03.2020" in result.text
    assert result.metadata["article"]["published"] == "2021-02-03"


@pytest.mark.parametrize(
    ("first", "second", "values"),
    [
        ("By", "Jane Doe", {"authors": ["Jane Doe"]}),
        ("Von:", "Anna Berg", {"authors": ["Anna Berg"]}),
        ("AUTOR/IN", "Anna Berg", {"authors": ["Anna Berg"]}),
        (
            "21.01.2022 11:46 von",
            "Anna Berg",
            {"published": "2022-01-21T11:46:00", "authors": ["Anna Berg"]},
        ),
    ],
)
def test_byline_broken_after_its_by_word(first: str, second: str, values: dict) -> None:
    found = byline_across(first, second, "de")
    assert found is not None
    assert (found.kind, found.values) == ("byline", values)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("By", "the end of the year the bridge will be open again."),
        ("Teilen", "Anna Berg"),
        ("Von", ""),
        ("21.01.2022 11:46", "Anna Berg"),
        ("Kommentar von", "Anna Berg"),
        ("DE", "English EN"),
        ("DE", "Liberales Institut"),
    ],
)
def test_not_a_broken_byline(first: str, second: str) -> None:
    """Only a line that ends with a by-word joins the next, and only into an author's name; a
    language switcher's "DE" is no by-word."""
    assert byline_across(first, second, "de") is None


def test_broken_byline_above_the_body_leaves_with_both_lines() -> None:
    top = ["Stadtanzeiger", "Brücke wird erneuert", "Von", "Anna Berg"]
    result = Cleaner(Config(language="de")).clean_text("\n".join([*top, *PARAGRAPHS]))
    assert result.metadata["article"]["authors"] == ["Anna Berg"]
    assert result.metadata["article"]["sources"]["authors"] == "header.byline (line 3 and 4)"
    removed = [(r.text, r.rule) for r in result.removed if r.rule == "header.byline"]
    assert removed == [("Von", "header.byline"), ("Anna Berg", "header.byline")]
    assert result.text == "\n".join(["Stadtanzeiger", "Brücke wird erneuert", *PARAGRAPHS]) + "\n"


def test_title_line_loses_the_site_by_the_pages_host() -> None:
    """With the page's URL known, a text's title line loses everything from the part that
    names the site's host, as the HTML input's page title does; without it, only the shape
    of the line tells, and a part that names the site in the middle stays."""
    title = "Brücke über den Fluss wird erneuert | stadtanzeiger.de | Ihre Zeitung für die Region"
    text = "\n".join([title, *PARAGRAPHS])
    url = "https://www.stadtanzeiger.de/lokales/bruecke"
    with_url = Cleaner(Config(language="de")).clean_text(text, url=url)
    assert with_url.metadata["article"]["title"] == "Brücke über den Fluss wird erneuert"
    without = Cleaner(Config(language="de")).clean_text(text)
    assert without.metadata["article"]["title"] == title.rsplit(" | ", 1)[0]


@pytest.mark.parametrize(
    ("text", "authors"),
    [
        ("von eseppelt · 31. Oktober 2023", ["eseppelt"]),
        ("Beitrag von r23 » 21.01.2009, 05:42", ["r23"]),
        ("Accueil | Par Loïc Le Clerc | 30 septembre 2018", ["Loïc Le Clerc"]),
        ("11.12.2019 - Amelie Loevenich", ["Amelie Loevenich"]),
        ("30. Oktober 2023 Carola Pönisch Kultur", ["Carola Pönisch"]),
        ("Arne Sjöström | 29. Dezember 2022 30. Dezember 2022 | HR-Welt", ["Arne Sjöström"]),
    ],
)
def test_a_stamp_names_its_author(text: str, authors: list[str]) -> None:
    found = stamp(text, "de")
    assert found is not None
    assert found.kind == "byline"
    assert found.values["authors"] == authors


@pytest.mark.parametrize(
    "text",
    [
        "von eseppelt",
        "03.11.2023 Olaf Scholz trifft Macron in Paris",
        "Ehrenamt Jugendverbände 23.01.2020",
        "12.03.2020 | von admin",
        "Foto: Anna Berg | 12.03.2020",
        "Am 3. Mai 2020 kam Anna Berg nach Berlin.",
    ],
)
def test_not_a_stamp(text: str) -> None:
    assert stamp(text, "de") is None


def test_a_stamp_dates_the_article_unless_a_label_says_otherwise() -> None:
    found = stamp("Beitrag von r23 » 21.01.2009, 05:42", "de")
    assert found is not None
    assert found.values == {"authors": ["r23"], "published": "2009-01-21T05:42:00"}
    updated = stamp("Anna Berg | aktualisiert am 12.03.2020", "de")
    assert updated is not None
    assert updated.values == {"authors": ["Anna Berg"]}


def test_a_stamp_above_the_body_names_the_authors_and_stays() -> None:
    """A post's stamp above the body names the article's author; the header leaves the line
    for the later stages to judge, and the sidecar says where the names came from."""
    stamp = "26. September 2019 Ulrike Stockhausen Schreibe einen Kommentar"
    text = "\n".join(["Stadtanzeiger", "Brücke wird erneuert", stamp, *PARAGRAPHS])
    result = Cleaner(Config(language="de")).clean_text(text)
    article = result.metadata["article"]
    assert article["authors"] == ["Ulrike Stockhausen"]
    assert article["sources"]["authors"] == "header.byline-near-body (line 3)"
    assert not any(r.stage == "header" and r.start_line <= 3 <= r.end_line for r in result.removed)


def test_a_date_far_above_the_body_dates_the_article_only_as_the_last_resort() -> None:
    """A page whose date stands over a long menu: more than 20 open lines above the body's
    first paragraph, a line of only a date dates the article when no reader gave a date,
    and the header leaves it where it is; an "updated" or an event's date there does not,
    and a date line near the body comes first."""
    menu = "\n".join(f"Rubrik {n}" for n in range(30))

    def article(date_line: str, body: str = "\n\n".join(PARAGRAPHS)) -> dict:
        top = "\n".join(f"Bereich {n}" for n in range(8))
        text = "\n\n".join([top, date_line, menu, body])
        return Cleaner(Config(language="de")).clean_text(text).metadata["article"]

    found = article("Veröffentlicht: 12. März 2020")
    assert found["published"] == "2020-03-12"
    assert found["sources"]["published"] == "header.date-above-body (line 10)"
    assert article("Aktualisiert: 12. März 2020").get("published") is None
    assert article("Einsendeschluss: 12. März 2020").get("published") is None
    near = "\n\n".join([PARAGRAPHS[0], "3. Februar 2021", *PARAGRAPHS[1:]])
    assert article("12. März 2020", near)["published"] == "2021-02-03"
