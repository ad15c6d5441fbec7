"""Bad input: one clear error naming the file, the batch goes on, the exit code says so."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner import Cleaner, InputError
from cleaner.cli import app
from cleaner.stages.read import decode

from .conftest import RAW

runner = CliRunner()


def tree_digest(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\t\n", "whitespace only"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data"),
        (b"abc\x00def\x00" * 10, "binary data"),
    ],
)
def test_unusable_input_raises(data: bytes, reason: str, cleaner: Cleaner) -> None:
    with pytest.raises(InputError, match=reason):
        cleaner.clean_bytes(data, path="x.txt")


def test_invalid_utf8_is_decoded_and_said(cleaner: Cleaner) -> None:
    text = "Die Bürgermeisterin eröffnete am Montag die neue Brücke über den Fluß."
    result = cleaner.clean_bytes(text.encode("cp1252"), path="x.txt")
    assert result.text == text + "\n"
    assert result.metadata["source"]["encoding"] != "utf-8"
    assert any("not valid UTF-8" in w for w in result.metadata["warnings"])


SHORT_LATIN_1 = [
    "café",
    "Un café crème, s'il vous plaît.",
    "Ça va? Où est l'hôtel?",
    "Müller",
    "Äpfel",
    "Grüße aus Köln, die Straße ist schön.",
    "año",
    "Señor",
    "El niño comió piña en España; ¿qué más?",
    "ação",
    "Olá, João! Não há pão.",
    "Perché è così difficile? Città.",
]


@pytest.mark.parametrize("text", SHORT_LATIN_1)
def test_short_latin_1_text_is_read_as_latin_1(text: str) -> None:
    """A few accented letters cannot tell the single-byte charsets apart, nor from UTF-16 or
    Big5: among equally plausible readings, the Western one wins ("café", not "cafť")."""
    decoded, encoding, warning = decode(text.encode("latin-1"))
    assert decoded == text
    assert encoding == "cp1252"
    assert warning == "not valid UTF-8; decoded as cp1252 (detected)"


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Příliš žluťoučký kůň úpěl ďábelské ódy.", "cp1250"),
        ("Zażółć gęślą jaźń.", "cp1250"),
        ("Węgierska gospodarka rośnie szybciej niż się spodziewano.", "cp1250"),
        ("Съешь же ещё этих мягких французских булок, да выпей чаю.", "koi8-r"),
        ("Привет, как дела?", "cp1251"),
        ("Η οικονομία της Ελλάδας αναπτύσσεται.", "cp1253"),
    ],
)
def test_other_legacy_charsets_still_decode(text: str, encoding: str) -> None:
    decoded, detected, _ = decode(text.encode(encoding))
    assert decoded == text, detected


def test_batch_goes_on_and_fails(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    (raw / "empty.txt").write_bytes(b"")
    (raw / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (raw / "latin.txt").write_bytes("Ça coûte très cher, a-t-il dit à la presse.".encode("latin-1"))
    before = tree_digest(raw)
    result = runner.invoke(app, ["clean", str(raw), str(tmp_path / "clean")])
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert errors == [
        f"error: {raw / 'empty.txt'}: empty file",
        f"error: {raw / 'image.txt'}: binary data, not text",
    ]
    assert "Traceback" not in result.output
    cleaned = sorted(p.name for p in (tmp_path / "clean").glob("*.txt"))
    assert len(cleaned) == len(list(RAW.glob("*.txt"))) + 1
    assert "latin.txt" in cleaned
    assert tree_digest(raw) == before


def test_missing_path(tmp_path: Path) -> None:
    result = runner.invoke(app, ["clean", str(tmp_path / "nope"), str(tmp_path / "out")])
    assert result.exit_code == 2
    assert f"error: {tmp_path / 'nope'}: no such file or folder" in result.output


def test_output_inside_input_is_refused(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    result = runner.invoke(app, ["clean", str(raw), str(raw / "clean")])
    assert result.exit_code == 2
    assert "must not be inside the input folder" in result.output
    assert not (raw / "clean").exists()
