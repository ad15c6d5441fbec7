"""What every stage is: a name, a docstring that says why it exists, and `run(doc, ctx)`."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
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
    stoplists: Stoplists = field(default_factory=Stoplists.load)
    repeats: RepeatsTable | None = None
    extractions: ExtractionSpool | None = None


class Stage(ABC):
    """One step of the pipeline. Stages mark removals and metadata; they never edit text."""

    name: ClassVar[str]
    rules: ClassVar[tuple[StageRule, ...]] = ()

    @abstractmethod
    def run(self, doc: Document, ctx: Context) -> None:
        """Process one document in place."""
