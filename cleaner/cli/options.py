"""Options shared by several commands, declared once, and how they become a Cleaner.

`cleaner clean` and `cleaner check` take the same output-shaping options: `check` must be able
to re-make any output `clean` made. They are declared here once, as the fields of `Settings`;
`takes_settings` adds them to a command's signature and hands the command one `Settings`.
Every field defaults to None ("not given"), so that `check` can tell an option given on its
command line from one to take from the output folder's manifest, where `clean` records them.
"""

from __future__ import annotations

import functools
import inspect
import os
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Annotated, Any, get_type_hints

import typer

from cleaner.config import ConfigError, find_pyproject, load_config
from cleaner.corpus.repeats import DEFAULT_MIN_DOCS, DEFAULT_MIN_SHARE
from cleaner.pipeline import Cleaner, settings_problems
from cleaner.rules.registry import Registry, RulePackError

PackOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--pack", help="A user rule pack (TOML); repeat for several.", exists=True, metavar="FILE"
    ),
]
SelectOption = Annotated[
    list[str] | None,
    typer.Option("--select", help="Only rules whose id matches this glob.", metavar="GLOB"),
]
IgnoreOption = Annotated[
    list[str] | None,
    typer.Option("--ignore", help="Leave out rules whose id matches this glob.", metavar="GLOB"),
]
LanguageOption = Annotated[
    str | None,
    typer.Option("--language", help="Document language (ISO 639-1), if known.", metavar="CODE"),
]
UrlOption = Annotated[
    str | None, typer.Option("--url", help="Source URL, to choose site packs.", metavar="URL")
]
JobsOption = Annotated[
    int | None,
    typer.Option("--jobs", "-j", help="Worker processes (default: all cores).", min=1),
]


def _flag(name: str, help: str) -> Any:
    """A boolean option as --NAME/--no-NAME; not given is None."""
    return Annotated[bool | None, typer.Option(f"--{name}/--no-{name}", help=help, metavar="")]


def _field(option: str, what: str) -> Any:
    return Annotated[str | None, typer.Option(option, help=f"JSONL: {what} field.", metavar="NAME")]


SiteOption = Annotated[
    str | None,
    typer.Option("--site", help="Site of every input (site packs, repeats).", metavar="SITE"),
]
KeepTitleOption = _flag("keep-title", "Keep the title as the first body line.")
ExtractedOption = _flag(
    "extracted",
    "The text inputs are an extractor's output, not page dumps: no block classifier,"
    " and a headline at the top stays in the body.",
)


DECLARATIONS: dict[str, Any] = {
    "pack": PackOption,
    "select": SelectOption,
    "ignore": IgnoreOption,
    "language": LanguageOption,
    "url": UrlOption,
    "site": SiteOption,
    "urls": Annotated[
        Path | None,
        typer.Option(
            "--urls",
            help="Mapping file: <path or id><TAB><url> per line.",
            exists=True,
            dir_okay=False,
            metavar="FILE",
        ),
    ],
    "split_articles": _flag("split-articles", "Write each article of a file separately."),
    "keep_title": KeepTitleOption,
    "extracted": ExtractedOption,
    "repeats": _flag("repeats", "Count site-template lines first and remove them (default: on)."),
    "min_docs": Annotated[
        int | None,
        typer.Option(
            "--repeats-min-docs",
            help=f"A template line is in this many docs (default: {DEFAULT_MIN_DOCS}).",
            min=1,
        ),
    ],
    "min_share": Annotated[
        float | None,
        typer.Option(
            "--repeats-min-share",
            help=f"...and in this share of its site's docs (default: {DEFAULT_MIN_SHARE}).",
            min=0.0,
            max=1.0,
        ),
    ],
    "id_field": _field("--id-field", "id"),
    "text_field": _field("--text-field", "text"),
    "html_field": _field("--html-field", "HTML"),
    "url_field": _field("--url-field", "URL"),
    "metadata_field": _field("--metadata-field", "metadata"),
}
"""Each output-shaping option of `clean` (and so of `check`), by its `Settings` field."""


@dataclass(frozen=True)
class Settings:
    """The output-shaping options of one command line; None where an option was not given."""

    pack: list[Path] | None = None
    select: list[str] | None = None
    ignore: list[str] | None = None
    language: str | None = None
    url: str | None = None
    site: str | None = None
    urls: Path | None = None
    split_articles: bool | None = None
    keep_title: bool | None = None
    extracted: bool | None = None
    repeats: bool | None = None
    min_docs: int | None = None
    min_share: float | None = None
    id_field: str | None = None
    text_field: str | None = None
    html_field: str | None = None
    url_field: str | None = None
    metadata_field: str | None = None

    def given(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None}

    def over(self, base: Settings) -> Settings:
        """These settings where given, `base`'s elsewhere."""
        return Settings(**{**base.given(), **self.given()})

    def cleaner(self) -> Cleaner:
        """The Cleaner of these settings over `[tool.cleaner]`; errors exit with code 2."""
        return build_cleaner(
            self.pack,
            self.select,
            self.ignore,
            language=self.language,
            url=self.url,
            site=self.site,
            split_articles=self.split_articles,
            keep_title=self.keep_title,
            extracted=self.extracted,
        )

    def batch_options(self, folder: Path | None = None, **run: Any) -> Any:
        """BatchOptions with these settings (defaults where not given) and the `run` options
        (jobs, force, engine, ...); with `folder`, the settings to record in its manifest."""
        from cleaner.corpus.batch import BatchOptions
        from cleaner.corpus.items import Fields, load_url_map

        try:
            mapping = tuple(sorted(load_url_map(self.urls).items())) if self.urls else ()
        except OSError as exc:
            raise fail(f"{self.urls}: {exc.strerror or exc}") from exc
        except ValueError as exc:
            raise fail(str(exc)) from exc
        default = Fields()
        names = (
            self.id_field or default.id,
            self.text_field or default.text,
            self.html_field or default.html,
            self.url_field or default.url,
            self.metadata_field or default.metadata,
        )
        return BatchOptions(
            repeats=self.repeats is not False,
            min_docs=self.min_docs if self.min_docs is not None else DEFAULT_MIN_DOCS,
            min_share=self.min_share if self.min_share is not None else DEFAULT_MIN_SHARE,
            fields=Fields(*names),
            urls=mapping,
            settings=None if folder is None else self.to_record(folder),
            **run,
        )

    def to_record(self, folder: Path) -> dict[str, Any]:
        """The given settings as JSON for `folder`'s manifest: file paths relative to the
        folder (a committed snapshot names no absolute path), lists as lists."""
        base = folder.resolve()

        def relative(path: Path) -> str:
            return Path(os.path.relpath(path.resolve(), base)).as_posix()

        record = self.given()
        if self.pack is not None:
            record["pack"] = [relative(p) for p in self.pack]
        if self.urls is not None:
            record["urls"] = relative(self.urls)
        return record

    @classmethod
    def from_record(cls, record: Any, folder: Path, where: str) -> Settings:
        """The settings a manifest recorded; paths were relative to `folder`."""
        if not isinstance(record, dict):
            raise fail(f"{where}: settings must be an object")
        hints = get_type_hints(cls)
        values: dict[str, Any] = {}
        for key, value in record.items():
            if key not in hints:
                raise fail(f"{where}: unknown setting {key!r}")
            if not _recorded_type_ok(hints[key], value):
                raise fail(f"{where}: setting {key!r} has a value of the wrong type: {value!r}")
            if key == "pack":
                value = [folder / p for p in value]
            elif key == "urls":
                value = folder / value
            values[key] = value
        for path in [*values.get("pack", ()), *([values["urls"]] if "urls" in values else [])]:
            if not path.is_file():
                raise fail(f"{where}: the recorded file {path} is not there")
        return cls(**values)

    def as_options(self) -> str:
        """The given settings as command-line options, to say where they came from."""
        parts = []
        for key, value in self.given().items():
            option = _option_name(key, value)
            if isinstance(value, bool):
                parts.append(option)
            elif isinstance(value, list):
                parts += [f"{option} {item}" for item in value]
            else:
                parts.append(f"{option} {value}")
        return " ".join(parts)


NOT_GIVEN = Settings()
"""No option given: the `settings` default of a command that `takes_settings`."""


def _recorded_type_ok(hint: Any, value: Any) -> bool:
    """Whether a manifest's JSON value fits a `Settings` field (paths are strings there)."""
    if hint == list[Path] | None or hint == list[str] | None:
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if hint == bool | None:
        return isinstance(value, bool)
    if hint == int | None:
        return isinstance(value, int) and not isinstance(value, bool)
    if hint == float | None:
        return isinstance(value, int | float) and not isinstance(value, bool)
    return isinstance(value, str)


def _option_name(key: str, value: Any) -> str:
    """The option that sets a `Settings` field to `value`: its first flag (--no-X for False)."""
    info = DECLARATIONS[key].__metadata__[0]
    declared = info.param_decls[0] if info.param_decls else info.default
    on, _, off = declared.partition("/")
    return off if value is False and off else on


def takes_settings(command: Callable[..., None]) -> Callable[..., None]:
    """The command with every `Settings` option added to its options; it is called with
    `settings=Settings(...)` in place of them."""
    signature = inspect.signature(command, eval_str=True)
    hints = get_type_hints(command, include_extras=True)
    own = [
        p.replace(annotation=hints[p.name], kind=inspect.Parameter.KEYWORD_ONLY)
        for p in signature.parameters.values()
        if p.name != "settings"
    ]
    shared = [
        inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=kind)
        for name, kind in DECLARATIONS.items()
    ]
    names = [f.name for f in fields(Settings)]

    @functools.wraps(command)
    def wrapper(**values: Any) -> None:
        settings = Settings(**{name: values.pop(name) for name in names})
        command(settings=settings, **values)

    arguments = [p for p in own if _is_argument(p)]
    options = [p for p in own if not _is_argument(p)]
    wrapper.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=[*arguments, *shared, *options], return_annotation=None
    )
    wrapper.__annotations__ = {p.name: p.annotation for p in [*arguments, *shared, *options]}
    del wrapper.__wrapped__  # typer reads the signature above, not the command's
    return wrapper


def _is_argument(parameter: inspect.Parameter) -> bool:
    metadata = getattr(parameter.annotation, "__metadata__", ())
    return any(isinstance(m, typer.models.ArgumentInfo) for m in metadata)


def fail(message: str) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(2)


def build_cleaner(
    packs: list[Path] | None = None,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    **overrides: object,
) -> Cleaner:
    """Config from pyproject.toml overlaid with command-line values; errors exit with code 2.

    A setting that names no rule or no known language is an error naming where it was set:
    the option, or the pyproject.toml key."""
    try:
        config = load_config()
        config = config.with_overrides(
            packs=config.packs + tuple(str(p) for p in packs or ()),
            select=tuple(select or ()),
            ignore=config.ignore + tuple(ignore or ()),
            **overrides,
        )
        registry = Registry.load(config.packs)
    except (ConfigError, RulePackError) as exc:
        raise fail(str(exc)) from exc
    given = {"select": select or (), "ignore": ignore or (), **overrides}
    problems = settings_problems(config, registry)
    for problem in problems:
        value = given.get(problem.field)
        from_cli = value == problem.value or (
            isinstance(value, list | tuple) and problem.value in value
        )
        where = (
            f"--{problem.field}"
            if from_cli
            else f"{find_pyproject(Path.cwd().resolve())}: [tool.cleaner] {problem.field}"
        )
        typer.echo(f"error: {where} {problem.value!r}: {problem.reason}", err=True)
    if problems:
        raise typer.Exit(2)
    return Cleaner(config, registry)
