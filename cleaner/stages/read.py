"""bytes -> str: gzip, byte-order marks, charset detection, and a clear refusal of binary data."""

from __future__ import annotations

import codecs
import gzip
import io
import stat
import zlib
from pathlib import Path

import regex

from cleaner.config import Config
from cleaner.limits import LimitError, check_size
from cleaner.model import Document, InputError
from cleaner.stages.base import Context, PythonStage

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
CONTROL_DELETE = bytes(sorted(CONTROL_BYTES))
"""The control characters as `bytes.translate` deletes them: in UTF-8 each is its own byte and
no other character has a byte below 32, so the bytes deleted from a sample's UTF-8 are its
control characters, counted in one C pass (a character-class search of the decoded text
took ten times as long, and ran twice per file in a batch)."""
HTML_START = regex.compile(
    rb"\s*+(?:<!--(?:[^-]++|-(?!->))*+-->\s*+)*+<(?:!doctype\s+html|html|head|body)\b",
    regex.I | regex.S,
)
"""Blanks and comments, then a doctype or an html, head or body tag. Each comment ends at its
first `-->` and nothing is matched twice: with `<!--.*?-->` a comment could also run on over
the next ones, and a few hundred comments before the first other character took hours."""


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
    if data.startswith(BINARY_SIGNATURES):
        raise InputError("binary data, not text")
    if b"\x00" in data[:8192]:
        return _decode_utf16_without_bom(data)
    try:
        return _require_text(data.decode("utf-8")), "utf-8", None
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    if len(text.encode("utf-8")) - len(text) - 2 * bad > bad:
        warning = f"invalid UTF-8: {bad} byte sequence(s) replaced by U+FFFD"
        return _require_text(text), "utf-8", warning
    encoding = detect_encoding(data)
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        encoding = "latin-1"
        text = data.decode(encoding)
    return _require_text(text), encoding, f"not valid UTF-8; decoded as {encoding} (detected)"


def gunzip(data: bytes, limit: int = 0) -> bytes:
    """Decompress a gzip file, or raise InputError saying it is corrupt. With a `limit`,
    at most that many bytes are inflated: a small file that inflates to gigabytes (a gzip
    bomb) is refused without being expanded."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as handle:
            out = handle.read(limit + 1 if limit else -1)
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(f"corrupt gzip data: {exc}") from exc
    if limit and len(out) > limit:
        raise LimitError(f"too large once decompressed: over max_bytes = {limit:,} bytes")
    return out


def looks_like_html(data: bytes | str) -> bool:
    """An HTML document starts (after blanks and comments) with a doctype or an html tag.
    The one test for every entry point: files of no known suffix, stdin, `clean_text`."""
    head = data[:4096]
    if isinstance(head, str):
        head = head.encode("utf-8", "replace")
    return HTML_START.match(head) is not None


def _decode_utf16_without_bom(data: bytes) -> tuple[str, str, str | None]:
    """NUL bytes mean binary data, unless nearly every other byte is NUL: Latin-script UTF-16
    text whose byte-order mark was lost. Anything else with NUL bytes is refused."""
    sample = data[:8192]
    half = max(1, len(sample) // 2)
    even, odd = sample[0::2].count(0) / half, sample[1::2].count(0) / half
    if odd > 0.9 > even * 90:
        encoding = "utf-16-le"
    elif even > 0.9 > odd * 90:
        encoding = "utf-16-be"
    else:
        encoding = ""
    if not encoding or len(data) % 2:
        raise InputError("binary data, not text (NUL bytes)")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError("binary data, not text (NUL bytes)") from exc
    return _require_text(text), encoding, f"no byte-order mark; decoded as {encoding} (detected)"


SHORT_TEXT = 2048
"""Bytes under which charset-normalizer's figures are noise: a few accented letters cannot
tell one single-byte charset from another, nor from UTF-16 or a CJK charset."""
PLAUSIBLE = 0.1
"""How much more "mess" (charset-normalizer's measure of unlikely characters) a short text's
cp1252 reading may have than the best candidate's and still count as equally plausible."""


def detect_encoding(data: bytes) -> str:
    """The charset of bytes that are not UTF-8.

    charset-normalizer breaks ties between equally good candidates by name, so French or
    Spanish Latin-1 text came out as cp1250 (è as č, û as ű), and a short Latin-1 text as
    UTF-16 or Big5 ("café" as two CJK characters). cp1252, the most common legacy charset of
    Western web text (a superset of Latin-1's letters), wins whenever it is as plausible as
    the best candidate: when a candidate as good as the best reads the bytes as cp1252 does,
    or, for a short text, when its cp1252 reading has no more mess than the best reading
    (plus PLAUSIBLE). Text in another charset reads as a mess in cp1252 (Polish ł as ³,
    Cyrillic as runs of capitals with accents), or cannot be read at all.
    """
    # Imported here: text that is UTF-8 (nearly all) never needs it, and it is a fifth of
    # the command line's start-up.
    from charset_normalizer import from_bytes
    from charset_normalizer.md import mess_ratio

    sample = data[:65536]
    try:
        western = sample.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    results = from_bytes(sample)
    best = results.best()
    if best is None:
        return "cp1252"
    if western is None:
        return best.encoding
    for match in results:
        if (
            match.chaos <= best.chaos
            and match.coherence >= best.coherence
            and (match.encoding == "cp1252" or str(match) == western)
        ):
            return "cp1252"
    if len(data) <= SHORT_TEXT and mess_ratio(western, 1.0) <= best.chaos + PLAUSIBLE:
        return "cp1252"
    return best.encoding


def read_input(path: Path, config: Config) -> bytes:
    """The bytes of an input file. What is not a regular file (a FIFO would block the batch)
    or is over `max_bytes` is refused before anything is read; a symlink loop or a missing
    target raises OSError with its reason."""
    info = path.stat()
    if stat.S_ISDIR(info.st_mode):
        raise InputError("a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise InputError("not a regular file")
    check_size(info.st_size, config)
    with path.open("rb") as handle:
        data = handle.read(config.max_bytes + 1 if config.max_bytes else -1)
    check_size(len(data), config)
    return data


def _require_text(text: str) -> str:
    if not text or text.isspace():
        raise InputError("whitespace only")
    sample = text[:8192]
    encoded = sample.encode("utf-8", "surrogatepass")
    controls = len(encoded) - len(encoded.translate(None, CONTROL_DELETE))
    if controls > max(8, len(sample) // 100):
        raise InputError("binary data, not text (too many control characters)")
    return text


class Read(PythonStage):
    """Turn input bytes into text once, recording the encoding in the source metadata.

    Gzip data (`doc.gzipped`: files named `*.gz`) is decompressed first. A source whose
    format the caller did not know (stdin, unknown suffix) is HTML when it starts like an
    HTML document.
    """

    name = "read"

    def run(self, doc: Document, ctx: Context) -> None:
        check_size(doc.source.bytes, ctx.config)
        if doc.original is not None:
            if not doc.original.strip():
                raise InputError("empty text" if not doc.original else "whitespace only")
            return
        if doc.raw is None:
            raise InputError("no input")
        data = doc.raw
        if doc.gzipped:
            data = gunzip(data, ctx.config.max_bytes)
            doc.source.compressed_bytes, doc.source.bytes = doc.source.bytes, len(data)
        if not doc.source.format:
            doc.source.format = "html" if looks_like_html(data) else "text"
        text, encoding, warning = decode(data)
        doc.original = text
        doc.source.encoding = encoding
        if warning:
            doc.warnings.append(warning)
