"""The bad-input matrix: every kind of broken input gets one clear line, the batch goes on.

All cases sit in one input folder next to the sample files and go through `cleaner clean`
together. Each bad input gets exactly one `error: <path>: <reason>` line and one entry in
`_errors.jsonl`, never a traceback; inputs that can be fixed safely are cleaned with a
warning in their sidecar; the samples are cleaned as usual; the exit code is 1.

An unreadable file is simulated in-process: the tests may run as root, for whom
`chmod 000` does not stop reads, and a FIFO would not raise at all (the batch refuses FIFOs
as "not a regular file" before opening them, which is its own case below). Patching
`Path.open` to raise `PermissionError` for one file exercises the same code path as a real
EACCES; with a non-root user the real `chmod 000` case runs as well.
"""

from __future__ import annotations

import codecs
import errno
import gzip
import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner.cli import app

from .conftest import RAW

runner = CliRunner()

PROSE = (
    "The city council met on Monday evening to vote on the budget for next year, the mayor "
    "said.\n\nShe said the vote had been close, and that the new budget would pay for two "
    "schools, a library and the repair of the old bridge over the river.\n\nCouncillors who "
    "voted against it said that the city could not afford to borrow more money this year.\n"
)
LATIN = (
    "Le conseil municipal s'est réuni lundi soir pour voter le budget de l'année prochaine, "
    "a déclaré la maire.\n\nÇa coûte très cher, a-t-il dit à la presse après la séance, "
    "mais l'école et la bibliothèque en ont besoin.\n"
)
CP1252 = (
    "Der Stadtrat hat am Montag den Haushalt für das nächste Jahr beschlossen – „mit knapper "
    "Mehrheit“, sagte die Bürgermeisterin.\n\nDie Brücke über den Fluss soll 5 Millionen € "
    "kosten, und die Arbeiten sollen im Frühjahr beginnen.\n"
)

# name -> (bytes, the reason its error line must give)
ERRORS: dict[str, tuple[bytes, str]] = {
    "empty.txt": (b"", "empty file"),
    "whitespace.txt": (b" \n\t\r\n   \n", "whitespace only"),
    "nul-bytes.txt": (b"abc\x00def\x00" * 50, "binary data, not text (NUL bytes)"),
    "image.txt": (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256)),
        "binary data, not text",
    ),
    "one-line-50mb.txt": (
        (PROSE.replace("\n", " ") * 200_000)[: 50 * 1024 * 1024].encode(),
        "too large: 52,428,800 bytes (limit max_bytes = 16,000,000)",
    ),
    "truncated.txt.gz": (gzip.compress(PROSE.encode() * 20, mtime=0)[:60], "corrupt gzip data"),
    "corrupt.txt.gz": (b"\x1f\x8b\x08\x00" + b"not deflate data" * 4, "corrupt gzip data"),
}
# name -> (bytes, the warning its sidecar must start with, or None for no decoding warning)
FIXED: dict[str, tuple[bytes, str | None]] = {
    "latin-1.txt": (LATIN.encode("latin-1"), "not valid UTF-8; decoded as cp1252 (detected)"),
    "cp1252.txt": (CP1252.encode("cp1252"), "not valid UTF-8; decoded as cp125"),
    "utf-16-bom.txt": (LATIN.encode("utf-16"), None),
    "utf-16-no-bom.txt": (
        PROSE.encode("utf-16-le"),
        "no byte-order mark; decoded as utf-16-le (detected)",
    ),
    "invalid-utf8.txt": (
        CP1252.encode("utf-8").replace(b"Montag", b"Mon\xfftag"),
        "invalid UTF-8: 1 byte sequence(s) replaced by U+FFFD",
    ),
    "crlf.txt": (PROSE.replace("\n", "\r\n").encode(), None),
    "lone-cr.txt": (PROSE.replace("\n", "\r").encode(), None),
    "lf.txt": (PROSE.encode(), None),
    "utf-8-bom.txt": (codecs.BOM_UTF8 + PROSE.encode(), None),
}


def tree_digest(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def build_inputs(raw: Path, outside: Path) -> dict[str, str]:
    """Write every case under `raw`; returns file -> expected error reason (a substring)."""
    shutil.copytree(RAW, raw)
    expected = {}
    for name, (data, reason) in ERRORS.items():
        (raw / name).write_bytes(data)
        expected[name] = reason
    for name, (data, _) in FIXED.items():
        (raw / name).write_bytes(data)
    (raw / "loop.txt").symlink_to("loop.txt")
    expected["loop.txt"] = "Too many levels of symbolic links"
    (raw / "a-loop.txt").symlink_to("b-loop.txt")
    (raw / "b-loop.txt").symlink_to("a-loop.txt")
    expected["a-loop.txt"] = expected["b-loop.txt"] = "Too many levels of symbolic links"
    (raw / "dangling.txt").symlink_to(outside / "missing.txt")
    expected["dangling.txt"] = "No such file or directory"
    (raw / "dir-loop").symlink_to(".")
    (raw / "folder.txt").mkdir()
    (raw / "folder.txt" / "inner.txt").write_text(PROSE, encoding="utf-8")
    os.mkfifo(raw / "fifo.txt")
    expected["fifo.txt"] = "not a regular file"
    (raw / "unreadable.txt").write_text(PROSE, encoding="utf-8")
    expected["unreadable.txt"] = "Permission denied"
    (raw / "escape").mkdir()
    (raw / "escape" / "x.txt").write_text(PROSE, encoding="utf-8")
    expected["escape/x.txt"] = "would leave the output folder"
    return expected


def deny_unreadable(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on, opening a file named unreadable.txt for reading fails as EACCES would."""
    real_open = Path.open

    def guarded(self: Path, *args: object, **kwargs: object):
        mode = str(args[0] if args else kwargs.get("mode", "r"))
        if self.name == "unreadable.txt" and mode.startswith("r"):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", guarded)


def test_bad_input_matrix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    raw, out, outside = tmp_path / "raw", tmp_path / "clean", tmp_path / "outside"
    outside.mkdir()
    expected = build_inputs(raw, outside)
    out.mkdir()
    (out / "escape").symlink_to(outside, target_is_directory=True)
    before = tree_digest(raw)

    deny_unreadable(monkeypatch)
    result = runner.invoke(app, ["clean", str(raw), str(out), "--jobs", "1", "--no-repeats"])
    monkeypatch.undo()

    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    errors = {
        line.split(": ", 2)[1]: line.split(": ", 2)[2]
        for line in result.output.splitlines()
        if line.startswith("error: ")
    }
    assert sorted(errors) == sorted(str(raw / name) for name in expected)
    for name, reason in expected.items():
        assert reason in errors[str(raw / name)], name
        assert "\n" not in errors[str(raw / name)]
    report = [json.loads(line) for line in (out / "_errors.jsonl").read_text().splitlines()]
    assert {entry["input"]: entry["error"] for entry in report} == {
        name: errors[str(raw / name)] for name in expected
    }

    for name, (_, warning) in FIXED.items():
        stem = name.removesuffix(".txt")
        sidecar = json.loads((out / f"{stem}.json").read_text(encoding="utf-8"))
        if warning:
            assert sidecar["warnings"][0].startswith(warning), name
        else:
            assert not [w for w in sidecar["warnings"] if "UTF" in w or "decoded" in w], name
        assert (out / f"{stem}.txt").is_file(), name
    for sample in RAW.glob("*.txt"):
        assert (out / sample.name).is_file()
    assert (out / "folder.txt" / "inner.txt").is_file()
    assert list(outside.iterdir()) == []
    assert tree_digest(raw) == before


def test_decoded_text_is_right(tmp_path: Path) -> None:
    """Legacy charsets and line endings come out as the text that was meant."""
    raw, outside = tmp_path / "raw", tmp_path / "outside"
    raw.mkdir()
    outside.mkdir()
    for name, (data, _) in FIXED.items():
        (raw / name).write_bytes(data)
    out = tmp_path / "clean"
    result = runner.invoke(
        app, ["clean", str(raw), str(out), "--jobs", "1", "--no-repeats", "--quiet"]
    )
    assert result.exit_code == 0, result.output
    sidecars = {
        p.stem: json.loads(p.read_text(encoding="utf-8"))
        for p in out.glob("*.json")
        if p.stem[0] != "_"
    }
    encodings = {k: v["source"]["encoding"] for k, v in sidecars.items()}
    # cp1250 decodes this German text to the same characters; the text check below counts.
    assert encodings.pop("cp1252") in ("cp1252", "cp1250")
    assert encodings == {
        "latin-1": "cp1252",
        "utf-16-bom": "utf-16",
        "utf-16-no-bom": "utf-16-le",
        "invalid-utf8": "utf-8",
        "crlf": "utf-8",
        "lone-cr": "utf-8",
        "lf": "utf-8",
        "utf-8-bom": "utf-8-sig",
    }
    body = (out / "lf.txt").read_bytes()
    for name in ("crlf", "lone-cr", "utf-8-bom", "utf-16-no-bom"):
        assert (out / f"{name}.txt").read_bytes() == body, name
    normalized = {k: v["removed"] for k, v in sidecars.items()}
    assert normalized["crlf"] == normalized["lf"] == normalized["lone-cr"]
    for name, text in (("latin-1", LATIN), ("utf-16-bom", LATIN), ("cp1252", CP1252)):
        kept = (out / f"{name}.txt").read_text(encoding="utf-8")
        assert kept, name
        for line in kept.splitlines():
            assert line in text, name
    assert "5 Millionen €" in (out / "cp1252.txt").read_text(encoding="utf-8") + "".join(
        r["text"] for r in sidecars["cp1252"]["removed"]
    )


def test_many_short_lines_are_cleaned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """500,000 short lines (8.5 MB): cleaned, every line accounted for. The document time
    limit is off here: how long this takes depends on the machine's load, and the limit
    itself is tested in test_reliability_limits."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text("[tool.cleaner]\ndoc_timeout = 0\n")
    raw = tmp_path / "raw"
    raw.mkdir()
    lines = "".join(f"Item {i} of the list.\n" for i in range(500_000))
    (raw / "lines.txt").write_text(lines, encoding="utf-8")
    out = tmp_path / "clean"
    result = runner.invoke(
        app, ["clean", str(raw), str(out), "--jobs", "1", "--no-repeats", "--quiet"]
    )
    assert result.exit_code == 0, result.output
    sidecar = json.loads((out / "lines.json").read_text(encoding="utf-8"))
    assert sidecar["stats"]["lines_in"] == 500_000
    assert sidecar["stats"]["lines_out"] + sidecar["stats"]["lines_removed"] == 500_000


def test_deeply_nested_html(tmp_path: Path) -> None:
    """HTML nested 10,000 levels deep: a clear error or a cleaned page, never a crash."""
    raw = tmp_path / "raw"
    raw.mkdir()
    body = "".join(f"<p>{p}</p>" for p in PROSE.split("\n\n"))
    page = "<html><body>" + "<div>" * 10_000 + body + "</div>" * 10_000 + "</body></html>"
    (raw / "deep.html").write_text(page, encoding="utf-8")
    out = tmp_path / "clean"
    result = runner.invoke(app, ["clean", str(raw), str(out), "--jobs", "1", "--quiet"])
    assert "Traceback" not in result.output
    if result.exit_code == 0:
        assert (out / "deep.txt").is_file()
    else:
        assert result.exit_code == 1
        errors = [line for line in result.output.splitlines() if line.startswith("error: ")]
        assert len(errors) == 1 and errors[0].startswith(f"error: {raw / 'deep.html'}: ")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_real_unreadable_file(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    locked = raw / "locked.txt"
    locked.write_text(PROSE, encoding="utf-8")
    locked.chmod(0)
    try:
        result = runner.invoke(app, ["clean", str(raw), str(tmp_path / "out"), "--jobs", "1"])
    finally:
        locked.chmod(0o644)
    assert result.exit_code == 1
    assert f"error: {locked}: Permission denied" in result.output


def test_jsonl_bad_records(tmp_path: Path) -> None:
    """Malformed line, record without text, non-string text, duplicate id, ids that look
    like paths: each bad record is one error; ids never become file paths."""
    records = [
        {"id": "good-1", "text": PROSE},
        "{not json",
        {"id": "no-text"},
        {"id": "number-text", "text": 42},
        {"id": "good-1", "text": PROSE.replace("Monday", "Tuesday")},
        {"id": "../escape", "text": PROSE},
        {"id": "/etc/absolute", "text": PROSE},
        [1, 2, 3],
    ]
    source = tmp_path / "in.jsonl"
    source.write_text(
        "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records),
        encoding="utf-8",
    )
    target = tmp_path / "out" / "out.jsonl"
    result = runner.invoke(app, ["clean", str(source), str(target), "--jobs", "1"])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if line.startswith("error: ")]
    reasons = " | ".join(errors)
    assert "line 2: not valid JSON" in reasons
    assert "line 3: no string field 'text'" in reasons
    assert "line 4: no string field 'text'" in reasons
    assert "line 8: a record must be a JSON object" in reasons
    assert "line 5: duplicate id 'good-1' (first on line 1)" in reasons
    assert len(errors) == 5, errors
    written = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in written] == ["good-1", "../escape", "/etc/absolute"]
    assert sorted(p.name for p in target.parent.iterdir()) == [
        "out.errors.jsonl",
        "out.jsonl",
        "out.repeats.json",
    ]
    assert len((target.parent / "out.errors.jsonl").read_text().splitlines()) == 5


def test_truncated_jsonl_gz(tmp_path: Path) -> None:
    """Records before the break are cleaned; the break is one error; the exit code says so."""
    lines = [json.dumps({"id": f"r{i}", "text": f"Record {i}. {PROSE}"}) for i in range(400)]
    data = gzip.compress(("\n".join(lines) + "\n").encode(), mtime=0)
    source = tmp_path / "in.jsonl.gz"
    source.write_bytes(data[: len(data) * 3 // 4])
    target = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["clean", str(source), str(target), "--jobs", "1"])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "Aborted" not in result.output
    errors = [line for line in result.output.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1 and "cannot read on (Compressed file ended" in errors[0]
    assert 0 < len(target.read_text(encoding="utf-8").splitlines()) < 400


def test_a_bug_in_a_stage_fails_only_its_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An exception that is not bad input (a bug) is that document's error, named as an
    internal error; the other files are cleaned and the exit code is 1."""
    from cleaner.stages.read import Read

    real = Read.run

    def broken(self, doc, ctx) -> None:
        if doc.source.path.endswith("003_430c59adcde6e4d8.txt"):
            raise KeyError("boom")
        real(self, doc, ctx)

    monkeypatch.setattr(Read, "run", broken)
    out = tmp_path / "clean"
    result = runner.invoke(app, ["clean", str(RAW), str(out), "--jobs", "1"])
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error: ")]
    assert errors == [
        f"error: {RAW / '003_430c59adcde6e4d8.txt'}: internal error (KeyError: 'boom'); "
        "please report it with this input"
    ]
    assert len(list(out.glob("*.txt"))) == len(list(RAW.glob("*.txt"))) - 1


def test_output_that_is_a_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "clean"
    target.write_text("not a folder")
    result = runner.invoke(app, ["clean", str(RAW), str(target)])
    assert result.exit_code == 2
    assert result.output == f"error: {target}: the output must be a folder, and this is a file\n"
    assert target.read_text() == "not a folder"


def test_input_inside_the_output_folder_is_refused(tmp_path: Path) -> None:
    """`cleaner clean data/raw data` could write an output over an input (the input
    `raw/x.txt` has its output at `data/raw/x.txt`), so it is refused like the reverse."""
    data = tmp_path / "data"
    shutil.copytree(RAW, data / "raw")
    before = tree_digest(data)
    result = runner.invoke(app, ["clean", str(data / "raw"), str(data)])
    assert result.exit_code == 2
    assert "the input folder must not be inside the output folder" in result.output
    assert tree_digest(data) == before


def test_stale_outputs_named_outside_the_folder_are_not_deleted(tmp_path: Path) -> None:
    """Outputs of vanished inputs are deleted by the names in the manifest; a name that
    leaves the output folder (a doctored manifest) is ignored."""
    out = tmp_path / "clean"
    first = runner.invoke(app, ["clean", str(RAW), str(out), "--jobs", "1"])
    assert first.exit_code == 0, first.output
    manifest = json.loads((out / "_manifest.json").read_text())
    manifest["inputs"]["gone.txt"] = {
        "sha256": "0" * 64,
        "group": None,
        "group_hash": None,
        "outputs": ["gone.txt", "../outside.txt", str(tmp_path / "absolute.txt")],
    }
    (out / "_manifest.json").write_text(json.dumps(manifest))
    (out / "gone.txt").write_text("an output whose input is gone")
    for name in ("outside.txt", "absolute.txt"):
        (tmp_path / name).write_text("keep me")
    second = runner.invoke(app, ["clean", str(RAW), str(out), "--jobs", "1"])
    assert second.exit_code == 0, second.output
    assert not (out / "gone.txt").exists()
    assert (tmp_path / "outside.txt").read_text() == "keep me"
    assert (tmp_path / "absolute.txt").read_text() == "keep me"
