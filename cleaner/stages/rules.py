"""Apply the rule registry: the site pack that recognises the document, then generic packs.

Every pattern, a site pack's fingerprints included, runs under the per-call `rule_timeout`
and the document's deadline (`cleaner.limits`): a pattern that backtracks catastrophically
fails this document with the rule id and line (the pack and fingerprint), and the batch goes
on.
"""

from __future__ import annotations

import regex

from cleaner.limits import regex_timeout, timed_out
from cleaner.model import Document
from cleaner.rules.registry import FingerprintTimeout, Pack, Rule
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
    doc: Document, ctx: Context, url: str | None, site: str | None
) -> tuple[Pack, str] | None:
    """The site pack that recognises the document (see `Registry.site_pack`), its fingerprints
    searched under the regex limits; one that runs past them fails the document, naming the
    pack and the fingerprint."""
    timeout = regex_timeout(doc, ctx.config, "site pack fingerprints")
    try:
        return ctx.registry.site_pack(doc.text, url, site, timeout)
    except FingerprintTimeout as exc:
        raise timed_out(doc, ctx.config, str(exc)) from None


class Rules(Stage):
    """Mark every line (or span) that a rule of the registry matches, with the rule's id."""

    name = "rules"

    def run(self, doc: Document, ctx: Context) -> None:
        config = ctx.config
        chosen = recognising_pack(doc, ctx, doc.meta.url or config.url, config.site)
        site_pack = None
        if chosen:
            site_pack, reason = chosen
            doc.site_pack = site_pack.name
            doc.meta.set("site", site_pack.site, f"rules.site-pack ({reason})")
        rules = ctx.registry.rules_for(doc.meta.language or ctx.config.language, site_pack)
        line_rules = [r for r in rules if r.scope != "span"]
        span_rules = [r for r in rules if r.scope == "span"]
        prefilter = ctx.registry.prefilter()
        line_view, span_view = prefilter.view(line_rules), prefilter.view(span_rules)
        texts = [ln for ln in doc.lines if not ln.blank]
        masks = prefilter.view(rules).masks([line.text for line in texts])
        removed = doc.removed_lines
        for position, line in enumerate(texts):
            number = line.number
            if number in removed:
                continue
            mask = masks[position]
            maybe_line, maybe_span = line_view.candidates(mask), span_view.candidates(mask)
            if not maybe_line and not maybe_span:
                continue
            zones = zone_of(position, len(texts))
            timeout = regex_timeout(doc, config, f"rules on line {number}")
            if maybe_line:
                rule = self._first_line_rule(
                    doc, ctx, line_view.in_zones(mask, zones), number, timeout
                )
                if rule is not None:
                    self._apply(doc, rule, number, "tail" in zones)
                    continue
            if maybe_span:
                self._spans(doc, ctx, number, span_view.in_zones(mask, zones), timeout)

    def _first_line_rule(
        self,
        doc: Document,
        ctx: Context,
        rules: tuple[Rule, ...],
        number: int,
        timeout: float | None,
    ) -> Rule | None:
        """The first of `rules` (line-scoped, of this line's zones) that matches line
        `number` whole."""
        text = doc.line(number).text
        for rule in rules:
            try:
                if rule.matches_line(text, timeout):
                    return rule
            except TimeoutError:
                raise timed_out(doc, ctx.config, f"rule {rule.id!r} on line {number}") from None
        return None

    def _spans(
        self,
        doc: Document,
        ctx: Context,
        number: int,
        rules: tuple[Rule, ...],
        timeout: float | None,
    ) -> None:
        """Mark span matches; a line that spans would empty is removed whole instead."""
        text = doc.line(number).text
        found = []
        for rule in rules:
            try:
                found += [(b, e, rule) for b, e in rule.spans(text, timeout)]
            except TimeoutError:
                raise timed_out(doc, ctx.config, f"rule {rule.id!r} on line {number}") from None
        if not found:
            return
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
