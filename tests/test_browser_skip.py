"""Without Chromium the browser test says what to install, loudly, and fails on CI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_browser_test(tmp_path: Path, ci: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CLEANER_CHROMIUM": str(tmp_path / "no-chromium"), "CI": ci}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:randomly",
            "-p",
            "no:cacheprovider",
            "tests/test_report_browser.py",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_without_chromium_the_skip_says_what_to_install(tmp_path: Path) -> None:
    result = run_browser_test(tmp_path, "")
    assert result.returncode in (0, 5), result.stdout + result.stderr  # 5: nothing ran
    assert "1 skipped" in result.stdout
    assert "the review page's browser test did not run" in result.stdout
    summary = result.stdout.split("the review page's browser test did not run", 1)[1]
    assert "apt-get install chromium" in summary
    assert str(tmp_path / "no-chromium") in summary


def test_without_chromium_ci_fails(tmp_path: Path) -> None:
    result = run_browser_test(tmp_path, "true")
    assert result.returncode != 0, result.stdout
    assert "apt-get install chromium" in result.stdout
    assert "CI=true: the browser test must run" in result.stdout
