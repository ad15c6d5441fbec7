"""bytes -> str: byte-order marks, charset detection, and a clear refusal of binary data."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from cleaner.model import Document, InputError
from cleaner.stages.base import Context, Stage

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
BINARY_SIGNATURES = (
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"%PDF",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"\x7fELF",
)
CONTROL_BYTES = frozenset(range(0, 32)) - {9, 10, 12, 13}


def decode(data: bytes) -> tuple[str, str, str | None]:
    """Decode input bytes; returns (text, encoding, warning). Raises InputError for non-text."""
    if not data.strip():
        raise InputError("empty file" if not data else "whitespace only")
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"invalid {encoding} after its byte-order mark: {exc.reason}"
                ) from exc
            return _require_text(text), encoding, None
    if data.startswith(BINARY_SIGNATURES) or b"\x00" in data[:8192]:
        raise InputError("binary data, not text")
    try:
        return _require_text(data.decode("utf-8")), "utf-8", None
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[:65536]).best()
    encoding = best.encoding if best is not None else "cp1252"
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        encoding = "latin-1"
        text = data.decode(encoding)
    return _require_text(text), encoding, f"not valid UTF-8; decoded as {encoding} (detected)"


def _require_text(text: str) -> str:
    if not text.strip():
        raise InputError("whitespace only")
    sample = text[:8192]
    controls = sum(1 for ch in sample if ord(ch) in CONTROL_BYTES)
    if controls > max(8, len(sample) // 100):
        raise InputError("binary data, not text (too many control characters)")
    return text


class Read(Stage):
    """Turn input bytes into text once, recording the encoding in the source metadata."""

    name = "read"

    def run(self, doc: Document, ctx: Context) -> None:
        if doc.original is not None:
            return
        if doc.raw is None:
            raise InputError("no input")
        text, encoding, warning = decode(doc.raw)
        doc.original = text
        doc.source.encoding = encoding
        if warning:
            doc.warnings.append(warning)
