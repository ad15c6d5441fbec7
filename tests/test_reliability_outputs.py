"""No output is ever an input, and no run deletes what it was not asked to replace.

A file input into a folder writes its own outputs only; a folder run deletes the outputs of
inputs gone from that same folder; inputs whose outputs would coincide fail; outputs that
would replace an input are refused before anything is written; an interrupted run cannot
pass for a finished one; and what comes from outside (file names, special files, a broken
manifest, signals) costs one clear line, never a traceback.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import cleaner.corpus.batch as batch_module
from cleaner.cli import app
from cleaner.config import Config
from cleaner.corpus.batch import BatchError, BatchOptions, run_batch
from cleaner.corpus.manifest import MANIFEST_NAME

from .conftest import RAW
from .test_reliability_crash import ENV

runner = CliRunner()
SAMPLES = sorted(RAW.glob("*.txt"))


def _inputs(folder: Path, count: int = 3) -> Path:
    folder.mkdir(parents=True)
    for sample in SAMPLES[:count]:
        shutil.copy(sample, folder / sample.name)
    return folder


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))}


def _run(source: Path, target: Path, config: Config | None = None):
    return run_batch(config or Config(), source, target, BatchOptions(jobs=1))


# --- a file input into a folder; pruning only for the same folder ---------------------------


def test_one_file_into_the_folder_keeps_every_other_output(tmp_path: Path) -> None:
    raw, out = _inputs(tmp_path / "raw"), tmp_path / "clean"
    _run(raw, out)
    before = _tree(out)
    first = SAMPLES[0].name
    (raw / SAMPLES[1].name).unlink()  # gone, but not named by the next run
    report = _run(raw / first, out)
    assert report.ok and not report.stale
    assert _tree(out) == before
    # The folder run over the same folder is the one that deletes the gone input's outputs.
    report = _run(raw, out)
    assert report.stale == [SAMPLES[1].name]


def test_a_folder_of_another_name_deletes_nothing(tmp_path: Path) -> None:
    raw, out = _inputs(tmp_path / "raw"), tmp_path / "clean"
    _run(raw, out)
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(SAMPLES[0], other / "new.txt")
    report = _run(other, out)
    assert report.ok and not report.stale
    for sample in SAMPLES[:3]:
        assert (out / sample.with_suffix(".json").name).is_file()
    assert (out / "new.txt").is_file()


def test_a_file_cleaned_with_other_options_does_not_pass_for_the_folder(tmp_path: Path) -> None:
    raw, out = _inputs(tmp_path / "raw"), tmp_path / "clean"
    _run(raw, out)
    _run(raw / SAMPLES[0].name, out, Config(keep_title=True))
    assert (out / SAMPLES[1].with_suffix(".json").name).is_file()
    # The other files were cleaned without keep_title: a folder run with it cleans them.
    report = _run(raw, out, Config(keep_title=True))
    assert report.skipped == 1 and report.cleaned_count == 2


# --- no output is an input, none is two inputs' ---------------------------------------------


def test_output_folder_holding_the_input_file_is_refused(tmp_path: Path) -> None:
    folder = _inputs(tmp_path / "x", 1)
    before = _tree(folder)
    with pytest.raises(BatchError, match="must not hold the input"):
        _run(folder / SAMPLES[0].name, folder)
    assert _tree(folder) == before


@pytest.mark.parametrize(
    ("source", "target"),
    [("c.jsonl", "c.jsonl"), ("x.errors.jsonl", "x.jsonl"), ("x.jsonl.gz", "x.jsonl.gz")],
)
def test_jsonl_output_or_artifact_that_is_the_input_is_refused(
    tmp_path: Path, source: str, target: str
) -> None:
    path = tmp_path / source
    path.write_text('{"id": "a", "text": "A line of text."}\n')
    before = path.read_bytes()
    with pytest.raises(BatchError, match="would replace the input"):
        _run(path, tmp_path / target)
    assert path.read_bytes() == before


def test_inputs_that_share_an_output_fail_and_are_not_written(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    text = SAMPLES[0].read_bytes()
    (raw / "a.txt").write_bytes(text)
    (raw / "a.html").write_bytes(b"<html><body><p>" + text[:400] + b"</p></body></html>")
    (raw / "a.txt.gz").write_bytes(gzip.compress(text))
    (raw / "_manifest.txt").write_bytes(text)
    (raw / "b.txt").write_bytes(text)
    out = tmp_path / "clean"
    report = _run(raw, out)
    assert sorted(key for key, _ in report.failed) == [
        "_manifest.txt",
        "a.html",
        "a.txt",
        "a.txt.gz",
    ]
    assert report.cleaned == ["b.txt"]
    assert not (out / "a.txt").exists()
    assert json.loads((out / MANIFEST_NAME).read_text())["schema"].startswith("cleaner.")
    result = runner.invoke(app, ["clean", str(raw), str(tmp_path / "c"), "-q"])
    assert result.exit_code == 1


def test_a_renamed_input_keeps_its_new_outputs(tmp_path: Path) -> None:
    raw, out = _inputs(tmp_path / "raw", 1), tmp_path / "clean"
    _run(raw, out)
    name = SAMPLES[0].name
    (raw / name).rename(raw / (Path(name).stem + ".text"))
    report = _run(raw, out)
    assert report.ok and report.stale == [name]
    assert (out / name).is_file() and (out / Path(name).with_suffix(".json")).is_file()


def test_a_killed_run_with_other_options_is_not_taken_as_done(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = _inputs(tmp_path / "raw")
    reference = tmp_path / "reference"
    _run(raw, reference)
    out = tmp_path / "clean"
    _run(raw, out)

    def killed(self, outcome) -> None:
        raise KeyboardInterrupt  # after the first outputs of the other options were written

    with monkeypatch.context() as patch:
        patch.setattr(batch_module.BatchReport, "add", killed)
        with pytest.raises(KeyboardInterrupt):
            _run(raw, out, Config(keep_title=True))
    report = _run(raw, out)
    assert report.skipped < 3
    assert _tree(out) == _tree(reference)


def test_sidecar_that_is_the_input_or_a_folder_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    shutil.copy(SAMPLES[0], source)
    before = source.read_bytes()
    result = runner.invoke(app, ["clean", str(source), "-", "--sidecar", str(source)])
    assert result.exit_code == 2 and "would replace the input" in result.output
    assert source.read_bytes() == before
    result = runner.invoke(app, ["clean", str(source), "-", "--sidecar", str(tmp_path)])
    assert result.exit_code == 2 and "is a folder" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_text_file_output_gets_the_body_and_the_sidecar_beside_it(tmp_path: Path) -> None:
    source = tmp_path / "in.txt"
    shutil.copy(SAMPLES[0], source)
    result = runner.invoke(app, ["clean", str(source), str(tmp_path / "out.txt")])
    assert result.exit_code == 0, result.output
    body = tmp_path / "out.txt"
    assert body.is_file()
    assert json.loads((tmp_path / "out.json").read_text())["source"]["path"] == str(source)
    stdout = runner.invoke(app, ["clean", str(source), "-"])
    assert body.read_text(encoding="utf-8") == stdout.stdout
    result = runner.invoke(app, ["clean", str(source), str(source)])
    assert result.exit_code == 2 and "would replace the input" in result.output


# --- what comes from outside: names, special files, manifests --------------------------------


def test_a_file_name_that_is_not_utf8_fails_alone(tmp_path: Path) -> None:
    raw = _inputs(tmp_path / "raw", 2)
    os.rename(raw / SAMPLES[0].name, os.fsencode(raw) + b"/caf\xe9.txt")
    out = tmp_path / "clean"
    for _ in range(2):  # the manifest is written, so a second run works as well
        report = _run(raw, out)
        assert [key for key, _ in report.failed] == ["caf\\xe9.txt"]
        assert "not valid UTF-8" in report.failed[0][1]
    assert (out / MANIFEST_NAME).is_file()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_given_as_the_input_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(BatchError, match="not a regular file or folder"):
        _run(fifo, tmp_path / "clean")


@pytest.mark.parametrize(
    "content",
    [
        "not json",
        '{"schema": "cleaner.manifest/3", "inputs": {"a.txt": {"x": 1}}}',
        '{"schema": "cleaner.manifest/3", "inputs": []}',
        '{"schema": "cleaner.manifest/3", "inputs": {"a.txt": {"sha256": 1, "outputs": []}}}',
        b"\xff\xfe",
    ],
)
def test_a_broken_manifest_is_taken_as_absent(tmp_path: Path, content: str | bytes) -> None:
    raw, out = _inputs(tmp_path / "raw", 2), tmp_path / "clean"
    _run(raw, out)
    data = content if isinstance(content, bytes) else content.encode()
    (out / MANIFEST_NAME).write_bytes(data)
    report = _run(raw, out)
    assert report.ok and report.cleaned_count == 2 and not report.stale
    assert any("taken as absent" in note for note in report.notes)
    result = runner.invoke(app, ["clean", str(raw), str(out)])
    assert result.exit_code == 0


def test_the_first_file_does_not_pay_the_start_up(tmp_path: Path) -> None:
    from cleaner.cli.clean import summary

    raw = _inputs(tmp_path / "raw", 3)
    report = _run(raw, tmp_path / "clean")
    assert report.warmups == 1 and report.warmup > 0
    assert "start-up" in summary(report, "clean")


# --- signals: Ctrl-C, a killed parent --------------------------------------------------------


def _big_inputs(folder: Path, files: int = 96) -> None:
    """Inputs a pool of two cleans for many seconds."""
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in SAMPLES) * 3
    folder.mkdir(parents=True)
    for i in range(files):
        (folder / f"doc-{i:03d}.txt").write_text(text + f"\n\nDay {i}.\n", encoding="utf-8")


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _with_ctrl_c() -> None:
    """Ctrl-C as a terminal gives it: a shell without job control starts background commands
    with SIGINT ignored (a CI job run with `&`), and that would be inherited by the batch."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _start(source: Path, target: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "cleaner", "clean", str(source), str(target), "-j", "2", "-q"],
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        preexec_fn=_with_ctrl_c,
    )


def _wait_for_workers(process: subprocess.Popen[bytes], count: int) -> list[int]:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        children = _children(process.pid)
        if len(children) >= count:
            return children
        time.sleep(0.02)
    pytest.fail("the batch started no workers")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_ctrl_c_while_workers_start_is_one_line_and_130(tmp_path: Path) -> None:
    _big_inputs(tmp_path / "raw")
    process = _start(tmp_path / "raw", tmp_path / "clean")
    _wait_for_workers(process, 3)  # the resource tracker and two workers, importing
    os.killpg(process.pid, signal.SIGINT)  # as a terminal's Ctrl-C: the whole group
    _, stderr = process.communicate(timeout=60)
    text = stderr.decode()
    assert process.returncode == 130, text
    assert "Traceback" not in text and len(text.strip().splitlines()) == 1, text


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_workers_end_with_a_killed_parent(tmp_path: Path) -> None:
    _big_inputs(tmp_path / "raw")
    process = _start(tmp_path / "raw", tmp_path / "clean")
    children = _wait_for_workers(process, 3)
    time.sleep(3)  # the workers are cleaning now
    process.kill()
    process.wait()
    deadline = time.monotonic() + 3
    alive = children
    while alive and time.monotonic() < deadline:
        alive = [pid for pid in children if Path(f"/proc/{pid}").exists()]
        alive = [pid for pid in alive if " Z " not in Path(f"/proc/{pid}/stat").read_text()]
        time.sleep(0.1)
    for pid in alive:
        os.kill(pid, signal.SIGKILL)
    assert not alive, "workers still running after their parent was killed"


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="needs pthread_sigmask")
def test_a_ctrl_c_while_workers_start_interrupts_the_batch_once_they_have() -> None:
    """While workers start, SIGINT is ignored (they inherit that) and, in the parent,
    blocked: a Ctrl-C in that moment is kept and interrupts the batch right after,
    where it used to be lost and the batch ran to the end."""
    from cleaner.corpus.local import _workers_ignore_sigint

    inherited = signal.signal(signal.SIGINT, signal.default_int_handler)  # see _with_ctrl_c
    try:
        with pytest.raises(KeyboardInterrupt):
            with _workers_ignore_sigint():
                # To this thread: a signal to the process may go to another thread of the
                # test run, one that does not block it (see _workers_ignore_sigint).
                signal.pthread_kill(threading.get_ident(), signal.SIGINT)
                time.sleep(0.05)
            time.sleep(0.05)
    finally:
        signal.signal(signal.SIGINT, inherited)
