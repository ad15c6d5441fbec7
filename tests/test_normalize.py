"""The normalize stage's character classes mean what their names say, over all of Unicode."""

from __future__ import annotations

import regex
from cleaner._core import normalize_text

EVERY = (
    "".join(map(chr, range(0x110000))).encode("utf-8", "surrogatepass").decode("utf-8", "replace")
)


def test_invisible_is_zero_width_and_control_characters_but_tab_and_newline() -> None:
    wanted = regex.compile(r"[\u200b\u200c\u200d\u2060\ufeff\p{Cc}--[\n\t]]", regex.V1)
    line_breaks = {"\r", "\x0b", "\x0c", "\x85"}
    dropped = {c for c in EVERY if normalize_text(f"|{c}|")[0] == "||"}
    assert dropped == set(wanted.findall(EVERY)) - line_breaks
