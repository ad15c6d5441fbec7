"""The fast indented writer gives exactly the bytes `json.dumps(..., indent=2)` gives, for
every kind of value a sidecar holds (its only float, a share, is rounded to 4 decimals)."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from cleaner.io.jsonfast import dumps_indented

from .conftest import RAW

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(min_value=0, max_value=1e6).map(lambda x: round(x, 4))
    | st.text()
)
values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=30,
)


@given(values)
def test_same_text_as_json_dumps(value: object) -> None:
    assert dumps_indented(value) == json.dumps(value, ensure_ascii=False, indent=2).encode()


def test_what_orjson_refuses_still_gets_the_standard_text() -> None:
    value = {"big": 2**70, 3: [None, True]}
    assert dumps_indented(value) == json.dumps(value, ensure_ascii=False, indent=2).encode()


def test_same_text_for_real_sidecars(cleaner) -> None:
    for path in sorted(RAW.glob("*.txt")):
        sidecar = cleaner.clean_file(path).metadata
        expected = json.dumps(sidecar, ensure_ascii=False, indent=2).encode()
        assert dumps_indented(sidecar) == expected
