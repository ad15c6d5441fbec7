"""The structure stage: a page's article ends at a related-reading, comment or share marker
that follows most of its prose; a marker inside the article ends nothing."""

from __future__ import annotations

import textwrap

import pytest
from cleaner._core import date_only

from cleaner import Cleaner, Config

from .test_classify import ARTICLE, FOOTER, HEADLINE, NAVIGATION

TEASERS = [
    "Brand in der Altstadt",
    "Die Feuerwehr musste am Wochenende zu einem Brand in der Altstadt ausrücken, bei dem "
    "niemand verletzt wurde.",
    "Höhere Gebühren",
    "Der Stadtrat will die Gebühren für die Müllabfuhr im nächsten Jahr um drei Prozent "
    "anheben, wie er mitteilte.",
]
MARKER = "Das könnte Sie auch interessieren"
MENU = [*NAVIGATION, "Politik", "Wirtschaft", "Reisen", "Auto", "Digital", "Gesundheit"]


def dump(*blocks: list[str] | str) -> str:
    parts = ["\n".join(b) if isinstance(b, list) else b for b in blocks]
    return "\n\n".join(parts) + "\n"


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner()


def test_prose_after_the_article_end_goes(cleaner: Cleaner) -> None:
    text = dump(MENU, *ARTICLE, MARKER, *TEASERS, FOOTER)
    result = cleaner.clean_text(text)
    kept = result.text.splitlines()
    for paragraph in ARTICLE:
        assert paragraph in kept
    for teaser in TEASERS:
        assert teaser not in kept
    ends = [r for r in result.removed if r.rule == "structure.after-article-end"]
    assert ends and all(MARKER in r.evidence for r in ends)
    assert all("prose chars before" in r.evidence for r in ends)


def test_marker_inside_the_article_ends_nothing(cleaner: Cleaner) -> None:
    text = dump(MENU, ARTICLE[0], MARKER, *ARTICLE[1:], FOOTER)
    result = cleaner.clean_text(text)
    kept = result.text.splitlines()
    for paragraph in ARTICLE:
        assert paragraph in kept
    assert not [r for r in result.removed if r.rule == "structure.after-article-end"]


def test_marker_before_the_longest_run_of_paragraphs_ends_nothing(cleaner: Cleaner) -> None:
    """Teasers above a share bar can hold as much prose as the article below it; the article
    is the page's longest run of paragraphs, and a marker before that run ends nothing."""
    share = "Facebook Twitter WhatsApp E-Mail"
    text = dump(MENU, TEASERS * 12, MENU, share, *ARTICLE, FOOTER, MENU)
    result = cleaner.clean_text(text)
    kept = result.text.splitlines()
    for paragraph in ARTICLE:
        assert paragraph in kept
    assert not [r for r in result.removed if r.rule == "structure.after-article-end"]


HEADLINES = ["Brand in der Altstadt", "Höhere Gebühren für die Müllabfuhr", "Neuer Radweg"]


def test_the_headlines_under_a_related_header_go(cleaner: Cleaner) -> None:
    """A box of other pages' headlines under a related-reading header between the article's
    paragraphs: the headlines go, each citing the header; the article's paragraphs after the
    box stay (the box ends nothing), and so does a subheading right over one of them."""
    text = dump(MENU, *ARTICLE[:2], MARKER, HEADLINES, "Die Kosten", *ARTICLE[2:], FOOTER)
    result = cleaner.clean_text(text)
    kept = result.text.splitlines()
    for paragraph in ARTICLE:
        assert paragraph in kept
    assert "Die Kosten" in kept
    listed = [r for r in result.removed if r.rule == "structure.related-list"]
    assert sorted(r.text for r in listed) == sorted(HEADLINES)
    assert all(f"header {MARKER!r}" in r.evidence for r in listed)
    header = [r for r in result.removed if r.text == MARKER]
    assert header and header[0].rule.startswith("related.header")


def test_a_related_header_above_the_article_takes_nothing(cleaner: Cleaner) -> None:
    """Above the article (its paragraphs all under the header: a sidebar's list in the
    page's head) the lines under such a header may be the article's headline and lead: the
    rule leaves them to the other stages."""
    text = dump(MENU, MARKER, HEADLINES, HEADLINE, *ARTICLE, FOOTER)
    result = cleaner.clean_text(text)
    assert not [r for r in result.removed if r.rule == "structure.related-list"]


def test_related_list_can_be_ignored() -> None:
    text = dump(MENU, *ARTICLE[:2], MARKER, HEADLINES, *ARTICLE[2:], FOOTER)
    result = Cleaner(Config(ignore=("structure.related-list",))).clean_text(text)
    assert not [r for r in result.removed if r.rule == "structure.related-list"]


def test_article_end_can_be_ignored() -> None:
    text = dump(MENU, *ARTICLE, MARKER, *TEASERS, FOOTER)
    result = Cleaner(Config(ignore=("structure.after-article-end",))).clean_text(text)
    assert not [r for r in result.removed if r.rule == "structure.after-article-end"]


def test_clean_text_needs_more_evidence(cleaner: Cleaner) -> None:
    """The same marker and prose end the article in a page dump, not in extracted text."""
    blocks = [*ARTICLE[:3], MARKER, ARTICLE[3], *TEASERS]
    ends = "structure.after-article-end"
    in_dump = cleaner.clean_text(dump(MENU, *blocks, FOOTER))
    assert [r for r in in_dump.removed if r.rule == ends]
    extracted = cleaner.clean_text(dump(*blocks))
    assert not [r for r in extracted.removed if r.rule == ends]
    assert ARTICLE[3] in extracted.text.splitlines()


GEAR = [
    "Packing for a first night in the backcountry feels daunting, and most of the worry comes "
    "from not knowing which of the many things on the shelf will really be needed on the trail.",
    "This list grew over ten years of trips in the mountains of New Hampshire and Vermont, from "
    "single nights to four-day loops, some of them in snow and most of them in steady rain.",
    "It is sorted by what each thing is for rather than by weight, because the lightest pack is "
    "of no use to anyone who finds on the second evening that the one thing they need stayed "
    "at home on the kitchen table.",
]
SECTIONS = [
    (
        f"{name}",
        f"The {name.lower()} matter more than anything else you carry, so choose them before the "
        f"rest: a good fit on the first morning saves the whole trip, and a poor one spoils it. "
        f"Try the {name.lower()} at home on a long walk with a full load before you trust them.",
    )
    for name in ("Tents", "Sleeping Bags", "Stoves", "Water Filters", "Boots", "Rain Jackets")
]
NEWSLETTER_BOX = ["Join my newsletter!", "Name*", "Email*"]


def test_a_newsletter_box_between_the_sections_ends_nothing(cleaner: Cleaner) -> None:
    """A newsletter box set between a post's sections (its sign-up line, then the form's
    "Name*" and "Email*" fields, which a comment form's rule also reads) is not the article's
    end where most of the prose follows it, though the longest run of paragraphs is above
    it; the comment section's heading after the post still is."""
    sections = [line for section in SECTIONS for line in section]
    comments = ["Leave a Reply", "Your email address will not be published."]
    text = dump(MENU, *GEAR, *NEWSLETTER_BOX, *sections, *comments, *TEASERS, FOOTER)
    result = cleaner.clean_text(text)
    kept = result.text.splitlines()
    for paragraph in GEAR + [body for _, body in SECTIONS]:
        assert paragraph in kept
    ends = [r for r in result.removed if r.rule == "structure.after-article-end"]
    assert ends and all("'Leave a Reply'" in r.evidence for r in ends)
    # The same box after the post, with most of the prose above it, ends it.
    text = dump(MENU, *GEAR, *sections, *NEWSLETTER_BOX, *TEASERS, FOOTER)
    ends = [r for r in cleaner.clean_text(text).removed if r.rule == "structure.after-article-end"]
    assert ends and all("'Join my newsletter!'" in r.evidence for r in ends)


def numbered(count: int, first: int = 0) -> list[str]:
    """`count` distinct paragraphs of the article's kind, about 180 characters each."""
    return [f"Im Abschnitt {first + i} heißt es: {ARTICLE[i % len(ARTICLE)]}" for i in range(count)]


def test_paragraphs_after_a_marker_in_an_extractors_output_stay() -> None:
    """An extractor's output keeps a box heading from between the article's paragraphs
    ("Related Articles"); a run of 1,000 characters of paragraphs after it is the article's,
    however much longer the text before it is. Headlines after it still go."""
    extracted = Cleaner(Config(extracted=True))
    ends = "structure.after-article-end"
    after = numbered(6, first=40)
    assert len("".join(after)) >= 1000
    result = extracted.clean_text(dump(*numbered(36), MARKER, *after))
    assert not [r for r in result.removed if r.rule == ends]
    kept = result.text.splitlines()
    assert all(paragraph in kept for paragraph in after)
    result = extracted.clean_text(dump(*numbered(36), MARKER, *TEASERS))
    assert [r for r in result.removed if r.rule == ends]
    assert not any(teaser in result.text.splitlines() for teaser in TEASERS)


@pytest.mark.parametrize(
    "line", ["7. oktober 2020", "Publikacja: 04.05.2021", "Stand: 07.11.2023, 07:30 Uhr"]
)
def test_date_only_lines_go(line: str) -> None:
    assert date_only(line, None) is not None


@pytest.mark.parametrize(
    "line",
    [
        "Am 7. Oktober 2020 begann der Prozess.",
        "Bis 04.05.2021: Anmeldung im Rathaus möglich",
        "2020 in Zahlen",
    ],
)
def test_lines_with_more_than_a_date_stay(line: str) -> None:
    assert date_only(line, None) is None


def test_date_line_removed_with_its_date(cleaner: Cleaner) -> None:
    text = dump(MENU, *ARTICLE[:2], "12.12.2022, 08:30 Uhr", *ARTICLE[2:], FOOTER)
    result = cleaner.clean_text(text)
    dated = [r for r in result.removed if r.rule == "structure.date-line"]
    assert [r.text for r in dated] == ["12.12.2022, 08:30 Uhr"]
    assert "2022-12-12T08:30" in dated[0].evidence


def test_closing_box_after_the_last_sentence_goes(cleaner: Cleaner) -> None:
    box = [
        "Weitere Informationen zum Thema:",
        "Neue Regeln für den Einzelhandel ab Montag",
        "Was Eltern jetzt über die Schulen wissen müssen",
    ]
    result = cleaner.clean_text("\n".join([*ARTICLE, *box]) + "\n")
    kept = result.text.splitlines()
    for paragraph in ARTICLE:
        assert paragraph in kept
    closing = [r for r in result.removed if r.rule == "structure.closing-list"]
    assert [r.text for r in closing] == box
    assert "Weitere Informationen zum Thema:" in closing[0].evidence


@pytest.mark.parametrize(
    "tail",
    [
        # The article's own list: items with sentences.
        [
            "Die wichtigsten Punkte:",
            "Die Gebühren steigen um drei Prozent.",
            "Die Abfuhr bleibt wöchentlich.",
        ],
        # List marks: the article's structure.
        ["Die Zutaten:", "- 200 g Mehl", "- 100 g Zucker"],
        # A label that names its item points to the article's own document.
        ["Das Konzeptpapier finden Sie hier:", "Konzeptpapier zur Reform der Müllabfuhr"],
        # A label before a sentence is no closing box.
        ["Fazit:", *ARTICLE[:1]],
    ],
)
def test_closing_lists_of_the_article_stay(cleaner: Cleaner, tail: list[str]) -> None:
    result = cleaner.clean_text("\n".join([*ARTICLE, *tail]) + "\n")
    assert not [r for r in result.removed if r.rule == "structure.closing-list"]


def test_closing_box_can_be_ignored() -> None:
    text = "\n".join([*ARTICLE, "Mehr lesen:", "Neue Regeln für den Einzelhandel"]) + "\n"
    result = Cleaner(Config(ignore=("structure.closing-list",))).clean_text(text)
    assert not [r for r in result.removed if r.rule == "structure.closing-list"]


BIO = (
    "Jana Kowalczyk ist Architektin und Stadtplanerin und leitet seit 2019 das Büro für "
    "Baukultur in Leipzig."
)


def test_last_paragraph_introducing_a_stranger_goes(cleaner: Cleaner) -> None:
    result = cleaner.clean_text("\n".join([*ARTICLE, BIO]) + "\n")
    assert BIO not in result.text.splitlines()
    bios = [r for r in result.removed if r.rule == "structure.author-bio"]
    assert [r.text for r in bios] == [BIO]
    assert "Jana Kowalczyk" in bios[0].evidence


@pytest.mark.parametrize(
    "last",
    [
        # The article's own person, named before.
        BIO,
        # A sentence that starts with a stopword, not a name.
        "Die Wahrheit ist allerdings banal: Wir brauchen nur wenig, um glücklich zu sein.",
    ],
)
def test_last_paragraph_about_the_articles_subject_stays(cleaner: Cleaner, last: str) -> None:
    lines = [*ARTICLE, "Architektin Kowalczyk hat den Entwurf vorgestellt.", last]
    result = cleaner.clean_text("\n".join(lines) + "\n")
    assert last in result.text.splitlines()
    assert not [r for r in result.removed if r.rule == "structure.author-bio"]


AUTHOR_BIO = (
    "Celia Parbey ist Berlinerin und Afrikawissenschaftlerin. Sie arbeitet als Redakteurin "
    "und schreibt über Kultur und Gesellschaft."
)


def test_a_paragraph_introducing_the_bylines_author_goes(cleaner: Cleaner) -> None:
    """An author box that is not the last paragraph (a site blurb follows it): it introduces
    the person the byline names, whom the text does not speak of in the third person."""
    blurb = "Das Magazin erscheint viermal im Jahr und ist im Bahnhofsbuchhandel erhältlich."
    text = "\n".join(["Von Celia Parbey", *ARTICLE, AUTHOR_BIO, blurb]) + "\n"
    result = cleaner.clean_text(text)
    assert result.metadata["article"]["authors"] == ["Celia Parbey"]
    bios = [r for r in result.removed if r.rule == "structure.author-bio"]
    assert [r.text for r in bios] == [AUTHOR_BIO]
    assert "'Celia Parbey'" in bios[0].evidence and "byline" in bios[0].evidence
    for paragraph in ARTICLE:
        assert paragraph in result.text.splitlines()


def test_a_paragraph_introducing_someone_else_than_the_author_stays(cleaner: Cleaner) -> None:
    """The same paragraph under another author's byline, followed by more of the article,
    is the article introducing its subject."""
    text = "\n".join(["Von Jana Kowalczyk", *ARTICLE[:2], AUTHOR_BIO, *ARTICLE[2:]]) + "\n"
    result = cleaner.clean_text(text)
    assert result.metadata["article"]["authors"] == ["Jana Kowalczyk"]
    assert AUTHOR_BIO in result.text.splitlines()
    assert not [r for r in result.removed if r.rule == "structure.author-bio"]


WRAPPED = [
    "The city council met on Tuesday evening to discuss the new budget for the coming year, "
    "which includes more money for schools, roads and the public library in the old town.",
    "Members of the public were invited to speak, and several residents raised concerns about "
    "the proposed increase in property taxes and the closing of a swimming pool.",
    "The treasurer explained the figures line by line, and answered questions about the cost "
    "of the new fire station and the repairs to the bridge over the river.",
    "The mayor said that the plan would be published in full on the city's website next "
    "week, and that the council would ask the public for its",
]


def hard_wrapped(width: int = 60) -> tuple[str, list[str]]:
    """An extractor's output of a `<pre>` block: the paragraphs broken into lines of a
    width, one of which ends on the word "comments." (a comments header's word)."""
    after = textwrap.wrap(
        "The final vote is expected next month, after a second round of hearings.", width
    )
    lines = [line for paragraph in WRAPPED for line in textwrap.wrap(paragraph, width)]
    lines += ["comments.", *after]
    return "\n".join(lines) + "\n", lines


@pytest.mark.parametrize("extracted", [False, True])
def test_hard_wrapped_text_goes_on_over_its_line_breaks(extracted: bool) -> None:
    """A lower-case line that goes on with the sentence above it, in hard-wrapped text, is
    no heading: it starts no tail (the lines after it stay), and the first line, which
    breaks off mid-sentence, is no title."""
    text, lines = hard_wrapped()
    result = Cleaner(Config(extracted=extracted)).clean_text(text)
    assert result.metadata["article"]["title"] is None
    kept = result.text.splitlines()
    assert [line for line in lines if line not in kept] == ["comments."]
    assert not [r for r in result.removed if r.rule.startswith("structure.")]


def test_a_comments_header_after_a_sentence_still_starts_the_tail(cleaner: Cleaner) -> None:
    """The same header on a line of its own, after a sentence's end, ends the article."""
    text = dump(MENU, *ARTICLE, "Comments", *TEASERS, FOOTER)
    result = cleaner.clean_text(text)
    gone = {r.rule for r in result.removed}
    assert gone & {"structure.after-article-end", "structure.after-tail-marker"}


COMMENTS = [
    "Gabi Lorenz sagt:",
    "4. November 2023 um 9:29 Uhr",
    "Ich finde den Plan richtig, auch wenn die Umleitung durch die Innenstadt ein Jahr lang "
    "für viel Verkehr sorgen wird. Die Brücke war wirklich in einem schlimmen Zustand.",
    "Antworten",
    "Marco sagt:",
    "4. November 2023 um 11:19 Uhr",
    "Zwölf Millionen Euro sind eine Menge Geld, aber eine neue Brücke hält dann auch wieder "
    "fünfzig Jahre, und die Anwohner haben lange genug darauf gewartet.",
    "Antworten",
    "Gabi Lorenz sagt:",
    "5. November 2023 um 8:02 Uhr",
    "Das sehe ich genauso, die Unterschriften haben sich am Ende doch gelohnt, und die Stadt "
    "hat endlich reagiert, wie es die Anwohner seit Jahren verlangt hatten.",
]


def test_a_thread_of_reader_comments_goes(cleaner: Cleaner) -> None:
    """Comments under the article, each under an attribution with a date, go from the first
    to the end of the page, prose as they are, with no comments header above them (one the
    rules know would end the article); the article stays."""
    text = dump(MENU, *ARTICLE, "Leserstimmen", *COMMENTS, FOOTER)
    result = cleaner.clean_text(text)
    kept = result.text.splitlines()
    for paragraph in ARTICLE:
        assert paragraph in kept
    for line in COMMENTS:
        assert line not in kept
    threads = [r for r in result.removed if r.rule == "structure.comment-thread"]
    assert threads and "3 reader comments from 'Gabi Lorenz sagt:'" in threads[0].evidence


@pytest.mark.parametrize(
    "lines",
    [
        # One dated statement quoted in the text is no thread.
        [
            *ARTICLE[:2],
            "Der Bürgermeister sagt:",
            "4. November 2023",
            "Wir werden die Brücke so schnell wie möglich erneuern, und die Umleitung wird gut "
            "ausgeschildert sein, damit niemand lange im Stau steht.",
            *ARTICLE[2:],
        ],
        # An interview's speakers, without dates under them.
        [
            *ARTICLE[:2],
            "Die Sprecherin sagt:",
            "Die Arbeiten beginnen im März und enden im Herbst, wenn das Wetter mitspielt.",
            "Der Anwohner sagt:",
            "Wir haben lange genug gewartet und sind froh, dass die Stadt endlich handelt.",
            *ARTICLE[2:],
        ],
        # A forum page: the first post opens the page, with no article before it.
        [*COMMENTS, *COMMENTS],
    ],
    ids=["quoted-statement", "interview", "forum"],
)
def test_look_alikes_of_a_comment_thread_stay(cleaner: Cleaner, lines: list[str]) -> None:
    result = cleaner.clean_text("\n\n".join(lines) + "\n")
    assert not [r for r in result.removed if r.rule == "structure.comment-thread"]


def test_the_comment_thread_rule_can_be_ignored() -> None:
    text = dump(MENU, *ARTICLE, *COMMENTS, FOOTER)
    result = Cleaner(Config(ignore=("structure.comment-thread",))).clean_text(text)
    assert not [r for r in result.removed if r.rule == "structure.comment-thread"]
