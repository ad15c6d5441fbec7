"""What every stage is: a name, a docstring that says why it exists, and the rules it applies
in code. The stages that read input run in Python (`PythonStage.run`); the text stages after
them run in the compiled core, all in one call per document (`cleaner.plan`)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from cleaner.config import Config
from cleaner.corpus.repeats import RepeatsTable
from cleaner.language import Stoplists
from cleaner.model import Document
from cleaner.rules.registry import Registry

if TYPE_CHECKING:
    from cleaner.stages.extract import ExtractionSpool


@dataclass(frozen=True)
class StageRule:
    """A rule a stage applies in code rather than from a pack: its id, as removals cite it,
    and what it removes, so that `cleaner rules` can explain every id a sidecar holds."""

    id: str
    summary: str


@dataclass(frozen=True)
class Context:
    """Read-only inputs shared by all documents of a run: settings, rules, stoplists, the
    repeats table, and in a batch the folder of extraction results its passes share."""

    config: Config
    registry: Registry
    stoplists: Stoplists | None = None
    """jusText's stoplists; None: loaded when the core's plan is built (`cleaner.plan`)."""
    repeats: RepeatsTable | None = None
    extractions: ExtractionSpool | None = None


class Stage:
    """One step of the pipeline. Stages mark removals and metadata; they never edit text.

    A stage declared with this class alone is a text stage: the core runs it, under the
    same name (`core/src/pipeline.rs`, `STAGES`)."""

    name: ClassVar[str]
    rules: ClassVar[tuple[StageRule, ...]] = ()


class PythonStage(Stage, ABC):
    """A stage that runs in Python: reading and decoding input, extracting a page's text."""

    @abstractmethod
    def run(self, doc: Document, ctx: Context) -> None:
        """Process one document in place."""
