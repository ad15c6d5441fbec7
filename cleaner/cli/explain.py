"""`cleaner explain FILE`: every line of the normalized input, kept or removed, and why.

FILE is a document, `-` for stdin, or a JSONL(.gz) file (stdin too, by its first line) of
which one record is explained: the one `--id` names, or the only one there is.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from cleaner.cli.console import stdout_console
from cleaner.cli.options import (
    ExtractedOption,
    IgnoreOption,
    KeepTitleOption,
    LanguageOption,
    PackOption,
    SelectOption,
    SiteOption,
    UrlOption,
    build_cleaner,
)
from cleaner.corpus.items import Fields, Item, jsonl_items
from cleaner.io.jsonl import is_jsonl, looks_like_jsonl
from cleaner.io.stdin import DEFAULT_SPOOL_LIMIT, read_document, read_head, spool
from cleaner.model import InputError, Result
from cleaner.pipeline import Cleaner
from cleaner.stages.extract import PAGE_TEXT_RULE
from cleaner.stages.read import read_input

STAGE_STYLES = {"header": "cyan", "rules": "red", "structure": "magenta"}
EXTRACTED = "classify:extracted-document"
MODEL_LEFT_ALONE = {
    EXTRACTED: "the text reads as an extractor's output",
    "classify:skipped-no-stopwords": "the text has almost none of its language's stopwords",
    "classify:skipped-no-stoplist": "no stoplist for the text's language (or none guessed)",
}
"""The classify stage's counters of a page its line model did not judge, and why."""
LINE_EVIDENCE = ("classify",)
"""Stages whose removals' evidence is the line's own (the line model's score and the
features that pulled it down), shown under the line; a rule's evidence elsewhere is what
`cleaner rules` says of it."""


def explain(
    file: Annotated[
        str, typer.Argument(help="The file to explain, a JSONL(.gz) file, or - for stdin.")
    ],
    record_id: Annotated[
        str | None, typer.Option("--id", help="JSONL: the id of the record to explain.")
    ] = None,
    id_field: Annotated[str, typer.Option("--id-field", help="JSONL: id field.")] = "id",
    text_field: Annotated[str, typer.Option("--text-field", help="JSONL: text field.")] = "text",
    html_field: Annotated[str, typer.Option("--html-field", help="JSONL: HTML field.")] = "html",
    url_field: Annotated[str, typer.Option("--url-field", help="JSONL: URL field.")] = "url",
    pack: PackOption = None,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    language: LanguageOption = None,
    url: UrlOption = None,
    site: SiteOption = None,
    keep_title: KeepTitleOption = None,
    extracted: ExtractedOption = None,
    as_json: Annotated[
        bool,
        typer.Option("--json", help="Print lines, status, rules and metadata as JSON instead."),
    ] = False,
) -> None:
    """Show each line of FILE as kept or removed, with the rule that removed it."""
    # The options of `clean` that change how one document is cleaned, so that a file is
    # explained as the batch that wrote it cleaned it.
    cleaner = build_cleaner(
        pack,
        select,
        ignore,
        language=language,
        url=url,
        site=site,
        keep_title=keep_title,
        extracted=extracted,
    )
    fields = Fields(id=id_field, text=text_field, html=html_field, url=url_field)
    try:
        result, name = _explained(cleaner, file, record_id, fields)
    except (InputError, OSError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        typer.echo(f"error: {file}: {reason}", err=True)
        raise typer.Exit(1) from exc
    if as_json:
        # The review page's code, imported when used: other commands start without it.
        from cleaner.report.explain import explanation

        data = explanation(result, name)
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    doc = result.document
    console = stdout_console(highlight=False)
    width = len(str(len(doc.lines)))
    restored = doc.restored_lines
    kept = doc.kept_evidence
    for line in doc.lines:
        number = f"{line.number:>{width}}"
        removal = doc.removed_lines.get(line.number)
        if removal is not None:
            style = STAGE_STYLES.get(removal.stage, "yellow")
            moved = f" -> {removal.field}" if removal.field else ""
            console.print(
                f"[dim]{number}[/] [{style}]- {escape(removal.rule)}{moved}[/] "
                f"[strike dim]{escape(line.text)}[/]"
            )
            if removal.stage in LINE_EVIDENCE:
                console.print(f"[dim]{' ' * width}   {escape(removal.evidence)}[/]")
        elif line.blank:
            console.print(f"[dim]{number}[/]")
        else:
            spans = doc.spans(line.number)
            note = "".join(f" [red](span {escape(r.rule)}: {escape(r.text)!r})[/]" for r in spans)
            console.print(f"[dim]{number}[/] [green]+[/] {escape(line.text)}{note}")
            why = kept.get(line.number)
            if why is not None:
                console.print(f"[dim]{' ' * width}   {escape(why)}[/]")
            back = restored.get(line.number)
            if back is not None:
                console.print(
                    f"[dim]{' ' * width}   restored by {PAGE_TEXT_RULE.id}: score"
                    f" {back.score:.3f} in the page's text (its line {back.page_line})[/]"
                )
    stats = result.metadata["stats"]
    # The sidecar's `lines_removed` counts the blank lines inside a removed range too.
    removed = sum(1 for line in doc.lines if not line.blank and line.number in doc.removed_lines)
    console.print(
        f"\n[bold]{removed}[/] of {stats['text_lines_in']} text lines removed; "
        f"{stats['removed_share']:.1%} of characters"
        + (f"; flags: {', '.join(doc.flags)}" if doc.flags else "")
    )
    for counter, why in MODEL_LEFT_ALONE.items():
        if doc.counters.get(counter):
            if counter == EXTRACTED and (doc.source.format == "html" or cleaner.config.extracted):
                why = "the text is an extractor's output (an HTML page's, or `extracted` is set)"
            console.print(f"[dim]the line model judged no line: {why}[/]")
    articles = result.metadata["articles"]
    if len(articles) > 1:
        for article in articles:
            start, end = article["lines"]
            console.print(_meta_table(article, f"Article {article['index']} (lines {start}-{end})"))
    else:
        console.print(_meta_table(result.metadata["article"], "Article"))


class ChoiceError(InputError):
    """A JSONL input without a record to explain, or with several and no `--id`."""


def _explained(
    cleaner: Cleaner, file: str, record_id: str | None, fields: Fields
) -> tuple[Result, str]:
    """The cleaned document and the name it is shown under: a file, stdin, or one record."""
    head = read_head(sys.stdin.buffer) if file == "-" else b""
    if file == "-" and not looks_like_jsonl(head, (fields.text, fields.html)):
        if record_id is not None:
            raise ChoiceError("--id: stdin holds one document, not JSONL records")
        data = read_document(sys.stdin.buffer, head, cleaner.config.max_bytes)
        return _cleaned(cleaner, data, path="<stdin>"), "-"
    if file != "-" and not is_jsonl(file):
        if record_id is not None:
            raise ChoiceError("--id: only a JSONL(.gz) file holds records")
        data = read_input(Path(file), cleaner.config)
        return _cleaned(cleaner, data, path=Path(file).name), file
    with tempfile.TemporaryDirectory() as folder:
        source = Path(file)
        if file == "-":
            source = spool(sys.stdin.buffer, head, Path(folder), DEFAULT_SPOOL_LIMIT)
        item = _record(source, record_id, fields, cleaner.config.max_bytes)
    if item.error is not None:
        raise ChoiceError(f"record {item.key}: {item.error}")
    data = item.read(cleaner.config)
    result = _cleaned(cleaner, data, path=f"<jsonl>/{item.key}", url=item.url, format=item.format)
    return result, f"{file}#{item.key}"


def _cleaned(
    cleaner: Cleaner, data: bytes, *, path: str, url: str | None = None, format: str | None = None
) -> Result:
    """`data` cleaned as `Cleaner.clean_bytes` cleans it, keeping why each line the line
    model kept stayed."""
    doc = cleaner.document(data, path=path, url=url, format=format)
    return cleaner.run(doc, explain=True)


def _record(source: Path, record_id: str | None, fields: Fields, max_bytes: int) -> Item:
    """The record `record_id` names (the first of that id), or the file's only record."""
    count, first = 0, list[Item]()
    for item in jsonl_items(source, fields, max_bytes=max_bytes):
        if record_id is not None and item.key == record_id:
            return item
        count += 1
        if len(first) < 5:
            first.append(item)
    if record_id is not None:
        raise ChoiceError(f"no record with id {record_id!r} ({count} record(s) read)")
    if count == 1:
        return first[0]
    if not count:
        raise ChoiceError("no records to explain")
    shown = ", ".join(repr(item.key) for item in first) + (", ..." if count > 5 else "")
    raise ChoiceError(f"{count} records; choose one with --id ID (ids: {shown})")


def _meta_table(article: dict[str, Any], title: str) -> Table:
    from cleaner.report.explain import meta_rows

    table = Table(title=title, title_justify="left", show_edge=False)
    table.add_column("field", style="bold")
    table.add_column("value", overflow="fold")
    table.add_column("from", style="dim", overflow="fold")
    for name, value, source in meta_rows(article):
        table.add_row(name, escape(value), escape(source))
    if not table.row_count:
        table.add_row("-", "no metadata found", "")
    return table
