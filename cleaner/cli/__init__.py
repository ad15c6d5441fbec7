"""The `cleaner` command line: one typer app, one module per command."""

from __future__ import annotations

import typer

from cleaner.cli import check as check_cmd
from cleaner.cli import clean as clean_cmd
from cleaner.cli import eval as eval_cmd
from cleaner.cli import explain as explain_cmd
from cleaner.cli import report as report_cmd
from cleaner.cli import rules as rules_cmd

app = typer.Typer(
    name="cleaner",
    help="Turn scraped article files into clean article text with provenance metadata.",
    no_args_is_help=True,
    add_completion=False,
)
app.command("clean")(clean_cmd.clean)
app.command("explain")(explain_cmd.explain)
app.command("rules")(rules_cmd.rules)
app.command("report")(report_cmd.report)
app.command("check")(check_cmd.check)
app.command("eval")(eval_cmd.eval_)


def main() -> None:
    app()
