"""The fast indented writer gives exactly the bytes `json.dumps(..., indent=2)` gives."""

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
    | st.floats(allow_nan=True, allow_infinity=True)
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
    assert dumps_indented(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_same_text_for_real_sidecars(cleaner) -> None:
    for path in sorted(RAW.glob("*.txt")):
        sidecar = cleaner.clean_file(path).metadata
        assert dumps_indented(sidecar) == json.dumps(sidecar, ensure_ascii=False, indent=2)
