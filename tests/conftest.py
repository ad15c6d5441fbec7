"""Shared fixtures: the repository's raw/ and clean/ folders, one reusable Cleaner, and the
line model's training script as a module."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from cleaner import Cleaner

pytest_plugins = ["pytester"]
ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "raw"
CLEAN = ROOT / "clean"
DATASET = ROOT.parent / "shared" / "datasets" / "trafilatura-eval"


@pytest.fixture(scope="session")
def cleaner() -> Cleaner:
    return Cleaner()


@pytest.fixture(scope="session")
def line_model() -> ModuleType:
    """`training/line_model.py`, for the tests of its freshness check and its feature bins
    (it needs numpy; the training library only where a test asks for it)."""
    pytest.importorskip("numpy")
    spec = importlib.util.spec_from_file_location("line_model", ROOT / "training" / "line_model.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["line_model"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def samples(cleaner: Cleaner) -> dict[str, object]:
    """The cleaned result of each sample file, keyed by its three-digit prefix."""
    return {path.name[:3]: cleaner.clean_file(path) for path in sorted(RAW.glob("*.txt"))}


@pytest.fixture
def extraction_calls(monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    """The URLs of the pages trafilatura is asked to extract while the test runs."""
    from cleaner.stages import extract

    calls: list[str | None] = []
    real = extract.extract_page

    def counted(html: str, url: str | None, **options: bool) -> extract.Extraction:
        calls.append(url)
        return real(html, url, **options)

    monkeypatch.setattr(extract, "extract_page", counted)
    return calls


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say loudly, at the end of the run, that the browser test did not run and why."""
    for report in terminalreporter.stats.get("skipped", []):
        reason = str(report.longrepr[2]) if isinstance(report.longrepr, tuple) else ""
        if "browser test not run" in reason:
            terminalreporter.write_sep("!", "the review page's browser test did not run", red=True)
            terminalreporter.write_line(reason.removeprefix("Skipped: "), red=True, bold=True)
