"""Determinism: the same inputs and config give byte-identical outputs, sidecars, manifests,
repeats tables and errors reports, whatever the worker count, the order the inputs were
created or listed in, the hash seed of the processes, or the engine.

Runs go through `python -m cleaner clean` in fresh processes with different
PYTHONHASHSEED values, so any dependence on set or dict iteration order of strings would
show up as a difference.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner.config import Config
from cleaner.corpus.batch import BatchOptions, run_batch

from .conftest import RAW, ROOT
from .corpus_site import ARTICLES, OTHER_OUTLETS, outlet_page, site_page


def inputs() -> dict[str, bytes]:
    """Relative path -> bytes: a site with a template, other outlets, samples, bad files."""
    files = {f"gazette/{i:02d}.txt": site_page(a).encode() for i, a in enumerate(ARTICLES)}
    files |= {f"outlets/{name}.txt": outlet_page(a).encode() for name, a in OTHER_OUTLETS.items()}
    files |= {f"samples/{p.name}": p.read_bytes() for p in sorted(RAW.glob("*.txt"))}
    files["bad/empty.txt"] = b""
    files["bad/binary.txt"] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
    files["bad/latin.txt"] = "Ça coûte très cher, a-t-il dit à la presse.".encode("latin-1")
    return files


def write_tree(root: Path, files: dict[str, bytes], order: list[str]) -> Path:
    for name in order:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(files[name])
    return root


def tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def cli(source: Path, target: Path, seed: str, *extra: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONHASHSEED": seed}
    done = subprocess.run(
        [sys.executable, "-m", "cleaner", "clean", str(source), str(target), "-q", *extra],
        env=env,
        cwd=source.parent,
        capture_output=True,
        timeout=600,
    )
    assert done.returncode == 1, done.stderr.decode()
    assert done.stderr.decode().count("error: ") == 2


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The same files twice: created in sorted order, and in reverse order elsewhere."""
    files = inputs()
    first = write_tree(tmp_path_factory.mktemp("a") / "raw", files, sorted(files))
    # The same folder name: the manifest records it (a run over another folder prunes nothing).
    second = write_tree(tmp_path_factory.mktemp("b") / "raw", files, sorted(files)[::-1])
    return first, second


@pytest.fixture(scope="module")
def reference(folders: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("ref") / "clean"
    cli(folders[0], out, "0", "--jobs", "1")
    return out


def test_reference_has_every_artifact(reference: Path) -> None:
    names = set(tree(reference))
    assert {"_manifest.json", "_repeats.json", "_errors.jsonl"} <= names
    assert "gazette/00.txt" in names and "bad/latin.txt" in names
    sidecar = json.loads((reference / "gazette" / "00.json").read_text(encoding="utf-8"))
    assert any(r["stage"] == "repeats" for r in sidecar["removed"])


def test_two_jobs_other_order_other_seed(
    folders: tuple[Path, Path], reference: Path, tmp_path: Path
) -> None:
    cli(folders[1], tmp_path / "clean", "12345", "--jobs", "2")
    assert tree(tmp_path / "clean") == tree(reference)


def test_rerun_over_existing_outputs_is_identical(
    folders: tuple[Path, Path], reference: Path, tmp_path: Path
) -> None:
    """A forced re-run over a folder that already holds outputs rewrites the same bytes."""
    out = tmp_path / "clean"
    shutil.copytree(reference, out)
    cli(folders[0], out, "777", "--jobs", "2", "--force")
    assert tree(out) == tree(reference)


def test_dask_engine_with_worker_processes(
    folders: tuple[Path, Path], reference: Path, tmp_path: Path
) -> None:
    pytest.importorskip("dask.bag")
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        options = BatchOptions(engine="dask", scheduler=cluster.scheduler_address, chunk_size=3)
        report = run_batch(Config(), folders[1], tmp_path / "clean", options)
    assert len(report.failed) == 2
    assert tree(tmp_path / "clean") == tree(reference)


def test_jsonl_records_in_another_order(tmp_path: Path) -> None:
    records = [
        {"id": name, "text": data.decode("utf-8", "replace"), "url": f"https://{name}"}
        for name, data in sorted(inputs().items())
    ]
    shuffled = records[:]
    random.Random(7).shuffle(shuffled)
    outputs = []
    for index, batch in enumerate((records, shuffled)):
        source = tmp_path / f"in{index}.jsonl"
        source.write_text("".join(json.dumps(r) + "\n" for r in batch), encoding="utf-8")
        target = tmp_path / f"out{index}" / "out.jsonl"
        run_batch(Config(), source, target, BatchOptions(jobs=2 - index, chunk_size=1))
        lines = target.read_text(encoding="utf-8").splitlines()
        outputs.append(
            (
                {json.loads(line)["id"]: line for line in lines},
                (target.parent / "out.repeats.json").read_bytes(),
                (target.parent / "out.errors.jsonl").read_bytes(),
            )
        )
    assert outputs[0] == outputs[1]
    assert len(outputs[0][0]) == len(records) - 2
