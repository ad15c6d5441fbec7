"""The guard: an output that came out empty or mostly removed is flagged, never passed on
silently, and with --split-articles each article written apart is checked on its own."""

from __future__ import annotations

from cleaner import Cleaner, Config
from cleaner.config import GuardConfig

COOKIES = (
    "We use cookies to improve your experience on our website. By continuing to browse, you "
    "agree to our use of cookies."
)
BODY = [
    "The city council said on Tuesday that the old steel bridge over the river will be replaced "
    "next spring because its girders are no longer safe.",
    "According to the authority the works will take about eight months, and traffic will be "
    "diverted through the town centre during that time.",
]
PAGE = "\n\n".join(
    [COOKIES, "Bridge over the river will be replaced next spring\nBy Jane Doe", *BODY]
)


def test_an_output_of_residue_only_is_flagged_empty() -> None:
    result = Cleaner().clean_text(COOKIES + "\n")
    assert result.text == ""
    assert result.metadata["flags"] == ["empty-output"]
    assert result.metadata["warnings"][0].startswith("guard: empty-output")


def test_an_output_that_lost_most_of_its_text_is_flagged() -> None:
    strict = Cleaner(Config(guard=GuardConfig(max_removed_share=0.2)))
    result = strict.clean_text(PAGE)
    assert result.text.splitlines() == BODY
    assert result.metadata["flags"] == ["mostly-removed"]


def test_each_article_written_apart_is_checked_on_its_own() -> None:
    """The cookie notice before the headline makes an "article" of its own, which comes out
    empty: that part says so, the article beside it does not."""
    result = Cleaner(Config(split_articles=True)).clean_text(PAGE)
    (first, first_meta), (second, second_meta) = result.parts
    assert first == ""
    assert first_meta["flags"] == ["empty-output"]
    assert first_meta["warnings"] == ["guard: empty-output (article 1 of 2)"]
    assert second.splitlines() == BODY
    assert second_meta["flags"] == []
    assert result.metadata["flags"] == []
