"""The language guess over jusText stoplists, and the page's own language tag."""

from __future__ import annotations

import pytest
from cleaner._core import line_tokens, machine_text
from hypothesis import given
from hypothesis import strategies as st

from cleaner import Cleaner, Config
from cleaner.language import Stoplists, language_from_tag, tokens


@pytest.fixture(scope="module")
def stoplists() -> Stoplists:
    return Stoplists.load()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Der Hund läuft über die Straße, weil er die Katze auf der anderen Seite sehen will.",
            "de",
        ),
        ("Le chien traverse la rue parce qu'il veut voir le chat qui dort dans le jardin.", "fr"),
        (
            "El gobierno de España ha anunciado que las medidas para los ciudadanos se "
            "mantendrán durante todo el año.",
            "es",
        ),
        ("The dog crosses the street because it wants to see the cat on the other side.", "en"),
    ],
)
def test_guess_short_texts(stoplists: Stoplists, text: str, expected: str) -> None:
    language, confidence = stoplists.guess(text)
    assert language == expected
    assert 0 < confidence <= 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Players' names: jusText's Finnish stoplist lists Diego, Carlos, Kevin, Luis ...
        (
            "Alajuelense venció 3-1 a Pérez Zeledón con goles de Diego Campos, Carlos Mora y "
            "Kevin Luis; Herediano ganó con Manuel Arteaga, Luis Díaz, Allan Cruz y Jonathan "
            "Moya tras el descanso.",
            "es",
        ),
        # Model names: the letters of T30 and T-series are no English word, and the
        # Finnish stoplist lists "t".
        (
            "The new T30 vacuums and mops the floor in one pass, and the T20 and T10 empty "
            "themselves into the station. Compare the T30, T20, T10 and T9 side by side: each "
            "T-series robot maps your home and cleans the rooms you choose.",
            "en",
        ),
        # Look-alikes that stay: names inside Finnish, and German's "Sie", which is also
        # a given name, at the start of its sentences.
        (
            "Hallitus kertoi maanantaina, että Walter ja Diego ovat mukana hankkeessa, joka "
            "alkaa ensi vuonna ja jonka tavoitteena on parantaa palveluja.",
            "fi",
        ),
        (
            "Sie finden hier alle Informationen, die Sie für Ihre Reise brauchen. Sie können "
            "uns jederzeit fragen, wenn Sie Hilfe brauchen.",
            "de",
        ),
    ],
)
def test_names_and_the_letters_of_codes_do_not_decide_the_guess(
    stoplists: Stoplists, text: str, expected: str
) -> None:
    assert stoplists.guess(text)[0] == expected


SHOP_PAGE = (
    "BILLY bookcase, white, 80x28x202 cm. BILLY bookcase with glass doors, brown walnut "
    "effect. BILLY bookcase, black oak effect, 40x28x106 cm. BILLY / OXBERG bookcase with "
    "doors, white. HEMNES bookcase, white stain, 90x197 cm. KALLAX shelving unit, white, "
    "77x147 cm. Add it to your cart and pick it up in the store, or have it delivered to your "
    "home. BILLY bookcase, white, 40x28x202 cm. More options: brown, black, white. The BILLY "
    "is a classic: it has been in our range since 1979 and it is still one of the best. BILLY "
    "height extension unit, white. Adjustable shelves, so you can adapt the space to your needs."
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # jusText's Finnish stoplist lists "billy", "white", "brown", "black", "your": the
        # words outweighed English's, but a Finnish text of this length holds ä or ö.
        (SHOP_PAGE, "en"),
        (
            "Hallitus kertoi maanantaina, että uusi laki tulee voimaan ensi vuoden alussa. "
            "Ministerin mukaan muutos koskee kaikkia kuntia, ja sen tavoitteena on parantaa "
            "palveluja ja vähentää hallinnollista työtä koko maassa.",
            "fi",
        ),
        (
            "Rząd ogłosił w poniedziałek, że nowe przepisy wejdą w życie od stycznia przyszłego "
            "roku. Zmiany obejmą wszystkie gminy, a ich celem jest poprawa usług publicznych.",
            "pl",
        ),
    ],
)
def test_a_language_is_not_guessed_for_text_without_its_own_letters(
    stoplists: Stoplists, text: str, expected: str
) -> None:
    assert stoplists.guess(text)[0] == expected


def test_no_guess_without_function_words(stoplists: Stoplists) -> None:
    assert stoplists.guess("12345 67890 !!! ???") == (None, 0.0)


@pytest.mark.parametrize(
    ("tag", "code"),
    [
        ("de-DE", "de"),
        ("en", "en"),
        ("de_CH", "de"),
        ("PT-br", "pt"),
        ("lang=", None),
        (None, None),
    ],
)
def test_language_from_tag(tag: str | None, code: str | None) -> None:
    assert language_from_tag(tag) == code


def test_pipeline_records_guess_and_source() -> None:
    text = "Die Regierung hat am Montag beschlossen, dass die neuen Regeln ab Januar gelten.\n"
    meta = Cleaner().clean_text(text).metadata["article"]
    assert meta["language"] == "de"
    assert meta["sources"]["language"].startswith("language.stoplists")


WARNING = (
    "Warning: Use of undefined constant comments - assumed 'comments' (this will throw an Error "
    "in a future version of PHP) in /homepages/15/d39327265/htdocs/example/wp-content/plugins/"
    "get-recent-comments/get-recent-comments.php on line {}"
)


def test_a_servers_error_messages_do_not_decide_the_language() -> None:
    body = (
        "Es ist schon einige Zeit her, als Henry auf die Welt kam. Vor ein paar Tagen hat es "
        "auch Leo geschafft, Nummer zwei."
    )
    text = "\n\n".join(["Nummer zwei: Leo", body, *(WARNING.format(n) for n in range(900, 904))])
    result = Cleaner().clean_text(text + "\n")
    assert result.metadata["article"]["language"] == "de"
    assert body in result.text


@pytest.mark.parametrize(
    ("line", "machine"),
    [
        (WARNING.format(12), True),
        ("Notice: Undefined index: page in C:\\xampp\\htdocs\\site\\index.php on line 7", True),
        ("Mehr dazu steht unter https://www.example.de/politik/2024/regierung/artikel.html", False),
        ("Die Linie 1/2/3 fährt heute nicht, und der Bus 5/6 fällt wegen Bauarbeiten aus.", False),
    ],
)
def test_machine_text_is_a_file_path_standing_alone(line: str, machine: bool) -> None:
    assert machine_text(line) is machine


def test_configured_language_wins() -> None:
    text = "Die Regierung hat am Montag beschlossen, dass die neuen Regeln ab Januar gelten.\n"
    meta = Cleaner(Config(language="fr")).clean_text(text).metadata["article"]
    assert meta["language"] == "fr"
    assert meta["sources"]["language"] == "config"


def test_a_wrong_page_tag_gives_way_to_the_text() -> None:
    """A template's lang="en" around a Spanish article: the stoplists decide, and the article
    is not judged by English stopwords."""
    paragraphs = [
        "El presidente de la Asamblea exigió desde la tarima a los periodistas críticos que se "
        "vayan del país, después de una semana de ataques contra la prensa en El Salvador.",
        "Durante la sesión plenaria del martes, el presidente coronó a gritos una semana en la "
        "que el oficialismo insultó y atacó a distintos periodistas de los medios del país.",
        "La ofensiva comenzó tras la aprobación de una ley que penaliza a los medios que "
        "reproduzcan mensajes de las pandillas, según explicaron varios abogados.",
    ]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    page = f'<html lang="en"><head><title>Asamblea</title></head><body><article>{body}'
    result = Cleaner().clean_html(page + "</article></body></html>")
    meta = result.metadata["article"]
    assert meta["language"] == "es"
    assert "page said en" in meta["sources"]["language"]
    for paragraph in paragraphs:
        assert paragraph in result.text


def test_a_right_page_tag_stays() -> None:
    page = (
        '<html lang="de"><body><article><p>Die Regierung hat am Montag beschlossen, dass die '
        "neuen Regeln ab Januar für alle Bürger gelten sollen, wie ein Sprecher sagte.</p>"
        "</article></body></html>"
    )
    meta = Cleaner().clean_html(page).metadata["article"]
    assert meta["language"] == "de"
    assert meta["sources"]["language"] == "trafilatura"


LINE_TEXT = st.text(
    alphabet=st.sampled_from(list("aZ ΣσςΑ'’\u00adİß.-\tÉ1"))
    | st.characters(exclude_categories=("Cs",)),
    max_size=30,
).map(lambda text: text.replace("\n", " "))


@given(st.lists(LINE_TEXT, min_size=1, max_size=6))
def test_line_tokens_are_each_lines_tokens(lines: list[str]) -> None:
    assert line_tokens(lines) == [tokens(line) for line in lines]


def test_tokens_lower_a_final_sigma_by_its_own_token() -> None:
    assert line_tokens(["ΟΔΟΣ.Α ΟΔΟΣ'Α", "İSTANBUL Straße", ""]) == [
        ["οδος", "α", "οδοσ'α"],
        ["i\u0307stanbul", "straße"],
        [],
    ]


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("This entry was posted in Allgemein. Bookmark the permalink.", "post.footer"),
        ("RELATED POSTS", "related.header"),
        ("Leave a Reply Cancel reply", "comments.header"),
    ],
)
def test_english_theme_lines_are_removed_on_a_page_in_another_language(
    line: str, rule: str
) -> None:
    """Blog themes print their English labels whatever the page's language: the rules for
    those labels hold for every language, not only for English pages."""
    paragraphs = [
        "Die Stadtverwaltung hat am Dienstag angekündigt, dass die Brücke über den Fluss im "
        "kommenden Frühjahr erneuert wird, weil die alten Stahlträger nicht mehr sicher sind.",
        "Die Arbeiten sollen im März beginnen und etwa achtzehn Monate dauern, sagte der "
        "Bürgermeister, und eine Fähre bringt in dieser Zeit Radfahrer über den Fluss.",
    ]
    result = Cleaner(Config(language="de")).clean_text("\n".join([*paragraphs, line]))
    assert [(r.rule, r.text) for r in result.removed] == [(rule, line)]
    assert result.text == "\n".join(paragraphs) + "\n"


def test_the_core_reads_the_stoplists_as_justext_gives_them(stoplists: Stoplists) -> None:
    """The core reads jusText's stoplist files itself; its lists guess as the lists that
    `justext.get_stoplist` gives do, on a text of each language's own words."""
    import justext
    from cleaner._core import Stoplists as CoreStoplists

    from cleaner.language import STOPLIST_NAMES

    given = CoreStoplists(
        [
            (code, sorted(w.lower() for w in justext.get_stoplist(name)))
            for code, name in STOPLIST_NAMES.items()
        ]
    )
    for name in STOPLIST_NAMES.values():
        words = sorted(justext.get_stoplist(name))
        for start in range(0, len(words), 37):
            text = " ".join(words[start : start + 37]) + ".\n"
            assert stoplists.guess(text) == given.guess(text), (name, start)
