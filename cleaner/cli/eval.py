"""`cleaner eval ANNOTATIONS OUTPUTS`: score cleaned outputs against annotated data.

ANNOTATIONS is either a JSONL file of snippet cases (`{"id", "with": [...], "without": [...]}`,
scored with trafilatura's snippet metric) or a folder of gold texts `<id>.txt` (token
4-shingle precision and recall per document, averaged). OUTPUTS is what `cleaner clean`
wrote: a folder of `<id>.txt` bodies and `<id>.json` sidecars, or its JSONL(.gz) output. Every
missed must-contain snippet is listed with the rule or stage whose removal holds it. Cases
without an output are counted and named; when none has one, the outputs are the wrong ones
and the command fails rather than print a score of zero.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cleaner.cli.options import fail


def eval_(
    annotations: Annotated[
        Path,
        typer.Argument(
            help="Snippet cases (.jsonl) or a folder of gold texts <id>.txt.", exists=True
        ),
    ],
    outputs: Annotated[
        Path,
        typer.Argument(
            help="Folder of cleaned outputs <id>.txt (+ <id>.json sidecars), or the JSONL(.gz) "
            "output of `cleaner clean`.",
            exists=True,
        ),
    ],
) -> None:
    """Score cleaned outputs: precision, recall, F1, and who removed each missed snippet."""
    # Imported when scoring, so that the other commands start without them.
    from cleaner.evaluation.run import OutputsError, evaluate_gold, evaluate_snippets
    from cleaner.evaluation.snippets import CaseFileError

    if annotations.is_dir():
        try:
            scores, (precision, recall, f1), missing = evaluate_gold(annotations, outputs)
        except OutputsError as exc:
            raise fail(str(exc)) from exc
        _say_missing(missing, len(scores), "gold texts")
        typer.echo(f"gold texts: {len(scores)} documents (token 4-shingles, mean per document)")
        typer.echo(f"precision {precision:.4f}  recall {recall:.4f}  F1 {f1:.4f}")
        for score in scores:
            if score.recall < 1.0 or score.precision < 1.0:
                typer.echo(
                    f"  {score.id}: precision {score.precision:.3f} recall {score.recall:.3f}"
                )
        return
    try:
        report = evaluate_snippets(annotations, outputs)
    except (CaseFileError, OutputsError) as exc:
        raise fail(str(exc)) from exc
    _say_missing(report.missing, len(report.scores), "cases")
    c = report.counts
    typer.echo(f"snippet cases: {len(report.scores)} (TP {c.tp} FP {c.fp} FN {c.fn} TN {c.tn})")
    typer.echo(
        f"precision {c.precision:.4f}  recall {c.recall:.4f}  F1 {c.f1:.4f}"
        f"  accuracy {c.accuracy:.4f}"
    )
    for miss in report.misses:
        typer.echo(f"  missed {miss.id}: {miss.snippet!r} <- {miss.culprit}")


def _say_missing(missing: list[str], total: int, kind: str) -> None:
    """One warning line naming the annotated ids without an output (they score as misses)."""
    if missing:
        shown = ", ".join(missing[:5]) + (", ..." if len(missing) > 5 else "")
        typer.echo(
            f"warning: {len(missing)} of {total} {kind} have no output (scored as misses): {shown}",
            err=True,
        )
