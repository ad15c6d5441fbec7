"""Apply the rule registry: the site pack that recognises the document, then generic packs.

The patterns are compiled and matched by the core (`core/src/rules`), all of a document's
lines in one call: linear time, but for look-around patterns, which backtrack within a
limit. A pattern that runs past it fails this document with the rule id and line, and the
batch goes on.
"""

from __future__ import annotations

import regex

from cleaner import _core
from cleaner.limits import LimitError, check_deadline
from cleaner.model import Document
from cleaner.rules.registry import Pack, Rule
from cleaner.stages.base import Context, Stage

ZONE_SETS = (
    frozenset({"any"}),
    frozenset({"any", "tail"}),
    frozenset({"any", "head"}),
    frozenset({"any", "head", "tail"}),
)


def zone_of(position: int, total: int) -> frozenset[str]:
    """Zones a text line at `position` (0-based among `total` text lines) belongs to."""
    third = max(1, total / 3)
    return ZONE_SETS[2 * (position < third) + (position >= total - third)]


NON_SPACE = regex.compile(r"\S")
LAST_NON_SPACE = regex.compile(r"(?r)\S")


def widen_spans(text: str, found: list[tuple[int, int, Rule]]) -> list[tuple[int, int, Rule]]:
    """The spans that do not overlap an earlier one, each widened over the whitespace it would
    leave at the end or start of the kept text, or doubled inside it.

    Without this a caption credit cut from the end of a line left a trailing space in the
    body, and cleaning the output again gave a different text. The whitespace goes into
    the removal's text, so replaying the removals still gives the line back exactly. Works
    on span bounds only, so a very long line costs no per-character memory.
    """
    chosen: list[tuple[int, int, Rule]] = []
    for begin, end, rule in found:
        if all(end <= b or e <= begin for b, e, _ in chosen):
            chosen.append((begin, end, rule))
    chosen.sort(key=lambda span: span[0])
    starts = [0] + [end for _, end, _ in chosen]
    gaps = list(zip(starts, [begin for begin, _, _ in chosen] + [len(text)], strict=True))
    firsts = (NON_SPACE.search(text, a, b) for a, b in gaps)
    lasts = (LAST_NON_SPACE.search(text, a, b) for a, b in reversed(gaps))
    first = next((m.start() for m in firsts if m), len(text))
    last = next((m.start() for m in lasts if m), -1)
    widened = []
    floor = 0
    for index, (begin, end, rule) in enumerate(chosen):
        ceiling = chosen[index + 1][0] if index + 1 < len(chosen) else len(text)
        if last < begin:
            while begin > floor and text[begin - 1].isspace():
                begin -= 1
        elif first >= end or (begin > 0 and text[begin - 1].isspace()):
            while end < ceiling and text[end].isspace():
                end += 1
        widened.append((begin, end, rule))
        floor = end
    return widened


def recognising_pack(
    ctx: Context, text: str, url: str | None, site: str | None
) -> tuple[Pack, str] | None:
    """The site pack that recognises the document (`Registry.site_pack`): the rules stage
    and the counting pass (a document's site group) ask the same question the same way.
    Fingerprints are linear-time patterns of the core, so the search cannot stall."""
    return ctx.registry.site_pack(text, url, site)


class Rules(Stage):
    """Mark every line (or span) that a rule of the registry matches, with the rule's id."""

    name = "rules"

    def run(self, doc: Document, ctx: Context) -> None:
        config = ctx.config
        registry = ctx.registry
        chosen = recognising_pack(ctx, doc.text, doc.meta.url or config.url, config.site)
        site_pack = None
        if chosen:
            site_pack, reason = chosen
            doc.site_pack = site_pack.name
            doc.meta.set("site", site_pack.site, f"rules.site-pack ({reason})")
        rules = registry.rules_for(doc.meta.language or ctx.config.language, site_pack)
        texts = [ln for ln in doc.lines if not ln.blank]
        removed = doc.removed_lines
        open_lines = [(p, ln) for p, ln in enumerate(texts) if ln.number not in removed]
        zones = [zone_of(position, len(texts)) for position, _ in open_lines]
        check_deadline(doc, config, "rules")
        try:
            found = registry.ruleset().scan(
                registry.index(rules),
                [line.text for _, line in open_lines],
                [("head" in z) | 2 * ("tail" in z) for z in zones],
            )
        except _core.BacktrackLimit as exc:
            rule, index = registry.rules[exc.args[0]], exc.args[1]
            raise LimitError(
                f"rule {rule.id!r} on line {open_lines[index][1].number} ran past the "
                f"backtrack limit ({_core.BACKTRACK_LIMIT:,} steps)"
            ) from None
        every = registry.rules
        for index, line_rule, spans in found:
            number = open_lines[index][1].number
            if number in removed:
                continue
            if line_rule >= 0:
                self._apply(doc, every[line_rule], number, "tail" in zones[index])
            else:
                self._spans(doc, number, [(b, e, every[r]) for b, e, r in spans])

    def _spans(self, doc: Document, number: int, found: list[tuple[int, int, Rule]]) -> None:
        """Mark span matches (rule by rule, each rule's left to right); a line that spans
        would empty is removed whole instead."""
        text = doc.line(number).text
        left = list(text)
        for begin, end, _ in found:
            left[begin:end] = [" "] * (end - begin)
        if not "".join(left).strip():
            rule = found[0][2]
            doc.remove(number, number, stage=self.name, rule=rule.id, evidence=rule.summary)
            return
        for begin, end, rule in widen_spans(text, found):
            doc.remove_span(
                number, begin, end, stage=self.name, rule=rule.id, evidence=rule.summary
            )

    def _apply(self, doc: Document, rule: Rule, number: int, in_tail: bool) -> None:
        """Remove the matched line (or block); a tail rule in the tail zone starts the tail."""
        end = number
        if rule.scope == "block":
            while end < len(doc.lines) and not doc.line(end + 1).blank:
                end += 1
        doc.remove(number, end, stage=self.name, rule=rule.id, evidence=rule.summary)
        starts_tail = rule.scope == "tail" and in_tail
        if starts_tail and (doc.tail_marker is None or number < doc.tail_marker):
            doc.tail_marker = number
