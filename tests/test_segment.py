"""Article boundaries: a later article starts at a headline followed by an opening line."""

from __future__ import annotations

from cleaner.config import Config
from cleaner.pipeline import Cleaner

ARTICLE = [
    "Die Stadtverwaltung hat am Dienstag angekündigt, dass die Brücke über den Fluss im "
    "kommenden Frühjahr erneuert wird, weil die alten Stahlträger nicht mehr sicher sind.",
    "Die Arbeiten sollen im März beginnen und etwa achtzehn Monate dauern, sagte der "
    "Bürgermeister, und eine Fähre bringt in dieser Zeit Radfahrer über den Fluss.",
]
COMMENT = "Endlich passiert etwas, wir warten seit Jahren auf die neue Brücke über den Fluss."


def articles(lines: list[str]) -> list[list[int]]:
    result = Cleaner(Config(language="de")).clean_text("\n".join(lines))
    return [a["lines"] for a in result.metadata["articles"]]


def test_headline_and_date_after_an_article_start_another() -> None:
    second = ["Neue Fähre für Radfahrer vorgestellt", "12. März 2020", *ARTICLE]
    assert articles([*ARTICLE, *second]) == [[1, 2], [3, 6]]


def test_comment_signed_with_a_name_and_date_starts_no_article() -> None:
    """A two-word line before a date is a comment's author (or a label), not a headline."""
    comments = ["Martin Mair", "3. Februar 2020 um 9:46", COMMENT]
    comments += ["Verwandte Themen", "31.01.2022", COMMENT]
    assert articles([*ARTICLE, *comments]) == [[1, 8]]
