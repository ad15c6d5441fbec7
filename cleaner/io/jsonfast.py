"""Sidecar JSON, indented, fast: the text `json.dumps(value, ensure_ascii=False, indent=2)`
gives, written by orjson.

With `indent` the standard library falls back to its pure-Python encoder, which took a
sixth of a batch's time writing sidecars. orjson writes the same text for everything a
sidecar holds (strings, ints, booleans, None, floats rounded to a few decimals, lists, and
dicts with string keys); `tests/test_jsonfast.py` checks that against `json.dumps`. What
orjson refuses (an int beyond 64 bits, a key that is not a string) goes to the standard
library, so no value a sidecar could hold fails here.
"""

from __future__ import annotations

import json
from typing import Any

import orjson


def dumps_indented(value: Any) -> bytes:
    """`json.dumps(value, ensure_ascii=False, indent=2)` as UTF-8, for sidecar values."""
    try:
        return orjson.dumps(value, option=orjson.OPT_INDENT_2)
    except orjson.JSONEncodeError:
        return json.dumps(value, ensure_ascii=False, indent=2).encode("utf-8")
