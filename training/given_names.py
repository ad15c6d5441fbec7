"""The given names the core reads a bare name line by, built from Faker's person providers.

    python training/given_names.py [--write | --check]

A line that is only a person's name ("Christian Mihatsch") just above an article's first
paragraph is usually its byline without a by-word, and a short heading of two capitalised
words ("Green Economy", "Young Branding") is not: the header tells them apart by the first
word, a given name. The names are the first names of every locale of Faker's person
providers (MIT licence, pinned below) written in Latin letters, capitalised, at least two
letters long. `--write` writes `core/data/given_names.txt` (one name per line, sorted by
code point, after a header naming the source); `--check` fails when that file is not what
this script writes, as in the tests (`tests/test_given_names.py`).
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
import unicodedata
from pathlib import Path

FAKER_VERSION = "40.63.0"
"""The Faker release the list is built from: another one may add or drop names."""

TARGET = Path(__file__).resolve().parent.parent / "core" / "data" / "given_names.txt"
ATTRIBUTES = ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary")
LATIN_END = 0x250
"""Code points below this are Latin (Basic Latin to Latin Extended-B)."""


def is_given_name(name: object) -> bool:
    """A capitalised name of Latin letters only: the shape the core's bare-name line has."""
    if not isinstance(name, str) or len(name) < 2:
        return False
    if not all(unicodedata.category(c).startswith("L") and ord(c) < LATIN_END for c in name):
        return False
    return name[0].isupper() and name[1:].islower()


def provider_names(module_name: str) -> set[str]:
    """The first names one locale's person provider lists (a dict of weights or a sequence)."""
    provider = importlib.import_module(module_name).Provider
    names: set[str] = set()
    for attribute in ATTRIBUTES:
        for klass in provider.__mro__:
            value = klass.__dict__.get(attribute)
            if value is not None:
                break
        if isinstance(value, (dict, list, tuple, set, frozenset)):
            names.update(value)
    return {name for name in names if is_given_name(name)}


def given_names() -> list[str]:
    """Every locale's given names, sorted by code point."""
    import faker
    import faker.providers.person as person

    if faker.VERSION != FAKER_VERSION:
        raise SystemExit(f"Faker {FAKER_VERSION} is needed (found {faker.VERSION})")
    names: set[str] = set()
    for info in pkgutil.iter_modules(person.__path__):
        if info.ispkg:
            names |= provider_names(f"{person.__name__}.{info.name}")
    return sorted(names)


def render(names: list[str]) -> str:
    header = (
        f"# Given names: the first names of Faker {FAKER_VERSION}'s person providers (MIT\n"
        "# licence, Copyright (c) 2012 Daniele Faraglia), in Latin letters, capitalised.\n"
        "# Written by training/given_names.py; do not edit.\n"
    )
    return header + "".join(f"{name}\n" for name in names)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", action="store_true", help=f"write {TARGET.name}")
    group.add_argument("--check", action="store_true", help=f"check {TARGET.name}")
    args = parser.parse_args()
    text = render(given_names())
    if args.write:
        TARGET.parent.mkdir(parents=True, exist_ok=True)
        partial = TARGET.with_name(f".{TARGET.name}.tmp")
        partial.write_text(text, encoding="utf-8")
        partial.replace(TARGET)
        print(f"wrote {TARGET} ({text.count(chr(10)) - 3} names)")
        return 0
    if not TARGET.exists() or TARGET.read_text(encoding="utf-8") != text:
        print(f"{TARGET} is not what this script writes: run it with --write", file=sys.stderr)
        return 1
    print(f"{TARGET.name}: up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
