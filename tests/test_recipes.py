"""Ingredient lists survive the classify stage; menus, counters and size pickers do not pass
for them."""

from __future__ import annotations

import pytest

from cleaner import Cleaner
from cleaner.recipes import ingredient_lines

MENU = ["Startseite", "Rezepte", "Backen", "Kochen", "Magazin", "Community", "Anmelden"]
FOOTER = ["Impressum", "Datenschutz", "Kontakt", "Mediadaten", "AGB", "Newsletter"]
INGREDIENTS = [
    "Zutaten",
    "Für den Teig:",
    "250 g Mehl",
    "125 g Butter",
    "1 Pck. Backpulver",
    "Salz",
    "2 Eier (Größe M)",
    "Für die Füllung:",
    "500 ml Milch",
    "½ TL Zimt",
]
METHOD = [
    "Den Backofen auf 180 Grad vorheizen und eine Springform mit etwas Butter einfetten, "
    "damit der Teig später nicht am Rand der Form kleben bleibt.",
    "Mehl, Butter, Backpulver und eine Prise Salz zu einem glatten Teig verkneten und ihn "
    "für eine halbe Stunde in den Kühlschrank stellen, bevor er ausgerollt wird.",
]


def recipe_dump() -> str:
    blocks = ["\n".join(MENU), "\n".join(INGREDIENTS), *METHOD, "\n".join(FOOTER)]
    return "\n\n".join(blocks) + "\n"


def test_an_ingredient_list_between_menus_is_kept_and_the_menus_go() -> None:
    kept = Cleaner().clean_text(recipe_dump()).text.splitlines()
    for line in INGREDIENTS + METHOD:
        assert line in kept
    for line in MENU + FOOTER:
        assert line not in kept


@pytest.mark.parametrize(
    "texts",
    [
        INGREDIENTS,
        ["So geht der Sazerac:", "1 Würfelzucker", "1-2 Spritzer Bitters", "1 TL Wasser"],
        ["Ingredients", "2/3 cup peanut butter", "3 tbsp maple syrup", "1/8 tsp sea salt"],
        ["Ingrédients", "200 g de farine", "3 œufs", "1 pincée de sel", "20 cl de lait"],
    ],
)
def test_ingredient_lists(texts: list[str]) -> None:
    assert ingredient_lines(texts) == set(range(len(texts)))


@pytest.mark.parametrize(
    "texts",
    [
        ["1/199 Simone32", "2/199 Ostholstein91", "3/199 mrsprincipessa", "4/199 Puffel"],
        ["Größe", "1KG", "500g", "250g"],
        ["Total Fat", "16g", "Saturated Fat", "5g", "Sodium", "310mg", "Sugars", "45g"],
        ["3. August 2015", "12. Juli 2014", "1. Mai 2012", "9. Juni 2010"],
        ["Zutaten", "Rezepte nach Zutaten", "Saisonkalender", "Warenkunde", "Lexikon"],
        [
            "Zutaten",
            "2 Eier",
            "Die Eier werden mit dem Zucker schaumig geschlagen, bis eine helle Creme entsteht.",
            "3 Äpfel",
        ],
    ],
    ids=["gallery counter", "size picker", "nutrition table", "dates", "menu", "too few"],
)
def test_not_ingredient_lists(texts: list[str]) -> None:
    assert ingredient_lines(texts) == set()


def test_the_list_ends_after_its_last_amount() -> None:
    texts = ["Zutaten", "250 g Mehl", "125 g Butter", "2 Eier", "Teilen", "Drucken", "Merken"]
    assert ingredient_lines(texts) == {0, 1, 2, 3}
