"""Crash safety: a batch killed with SIGKILL leaves no partial output a reader could see, and a
re-run finishes the job with outputs byte-identical to an uninterrupted run.

Outputs are written whole before they get their names (unnamed files linked in, or hidden
temporary files, `.<name>.<random>.tmp`, renamed into place), so a visible `.txt` or `.json`
is always complete. A re-run deletes the temporary files a killed run left behind before it
writes anything.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from .conftest import RAW, ROOT

FILES = 300
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def make_inputs(folder: Path) -> None:
    samples = [p.read_text(encoding="utf-8") for p in sorted(RAW.glob("*.txt"))]
    for i in range(FILES):
        sub = folder / f"site-{i % 6}"
        sub.mkdir(parents=True, exist_ok=True)
        extra = f"\n\nThe committee will meet again on day {i} of the session, a spokesman said.\n"
        (sub / f"doc-{i:04d}.txt").write_text(samples[i % len(samples)] + extra, encoding="utf-8")


# The interrupted run pauses 10 ms before each output it writes, so that the kill lands
# midway on any machine; what is written, and how, is unchanged.
SLOW_WRITER = """
import sys, time
import cleaner.corpus.work as work
from cleaner.cli import main
write = work.write_output
def slow(*args, **kwargs):
    time.sleep(0.01)
    write(*args, **kwargs)
work.write_output = slow
sys.argv[0] = "cleaner"
main()
"""


def clean(source: Path, target: Path, *extra: str, slow: bool = False) -> subprocess.Popen[bytes]:
    """The batch in a process of its own, whose temporary folder (which a killed run cannot
    remove) is one of the test's own."""
    command = ["-c", SLOW_WRITER] if slow else ["-m", "cleaner"]
    temporary = source.parent / "tmp"
    temporary.mkdir(exist_ok=True)
    return subprocess.Popen(
        [sys.executable, *command, "clean", str(source), str(target), "--quiet", *extra],
        env={**ENV, "TMPDIR": str(temporary)},
        cwd=source.parent,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def visible_outputs(root: Path) -> list[Path]:
    found = []
    for folder, _, names in os.walk(root):
        found += [Path(folder) / n for n in names if not n.startswith(".")]
    return found


def check_complete(root: Path, reference: dict[str, bytes]) -> int:
    """Every visible file is whole: a body equal to the reference, a sidecar that parses."""
    checked = 0
    for path in visible_outputs(root):
        name = path.relative_to(root).as_posix()
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            continue
        if name.startswith("_"):
            if name.endswith(".json"):
                json.loads(data)
            continue
        assert data == reference[name], f"{name} differs from the uninterrupted run"
        if name.endswith(".json"):
            json.loads(data)
        checked += 1
    return checked


def test_sigkill_midway_then_rerun(tmp_path: Path) -> None:
    source = tmp_path / "raw"
    make_inputs(source)
    reference_dir = tmp_path / "reference"
    done = clean(source, reference_dir, "--jobs", "2")
    assert done.wait(timeout=600) == 0, done.stderr.read() if done.stderr else ""
    reference = tree(reference_dir)
    assert sum(name.endswith(".txt") for name in reference) == FILES

    target = tmp_path / "clean"
    run = clean(source, target, "--jobs", "1", slow=True)
    seen = 0
    deadline = time.monotonic() + 300
    while run.poll() is None and time.monotonic() < deadline:
        seen = check_complete(target, reference) if target.exists() else 0
        if seen >= 40:
            break
        time.sleep(0.01)
    assert run.poll() is None, "the batch finished before it could be killed"
    os.killpg(run.pid, signal.SIGKILL)
    run.wait(timeout=60)
    assert seen >= 40
    left = check_complete(target, reference)
    assert 0 < left < 2 * FILES, "the kill came too late to test anything"
    # The manifest saved before the first output records no input as done.
    if (target / "_manifest.json").exists():
        inputs = json.loads((target / "_manifest.json").read_text())["inputs"]
        assert all(entry["sha256"] == "" for entry in inputs.values())

    stale = target / "site-0" / ".doc-0000.txt.k1ll3d00.tmp"
    stale.write_bytes(b"half a bo")
    rerun = clean(source, target, "--jobs", "2")
    assert rerun.wait(timeout=600) == 0, rerun.stderr.read() if rerun.stderr else ""
    assert not stale.exists()
    assert not [p for p in target.rglob("*.tmp")]
    assert tree(target) == reference
