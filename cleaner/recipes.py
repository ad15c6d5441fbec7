"""Ingredient lists: short lines that the line model could take for a menu.

A recipe's ingredients are a run of short lines without stopwords ("350 g Mehl", "2 Eier
(Größe M)", "Salz"), often between a page's menus, so that a line classifier reads them as one
more menu. What tells them apart is that most of them start with an amount. A run counts
as an ingredient list when at least three of its lines start with an amount, at most two
other short lines stand between two of them (an ingredient without an amount, a
sub-heading such as "Für die Füllung:"), and either an ingredients heading stands in or
just above it, or at least two amounts have a unit of measure followed by what they
measure ("1 TL Wasser"): a gallery counter ("1/199 Simone32"), a product's size picker
("1KG", "500g") or a nutrition table ("16g") has neither.

The classify stage finds them in the core (`core/src/recipes.rs`); `ingredient_lines` is
the core's function, for a list of a document's open lines.
"""

from __future__ import annotations

from cleaner._core import ingredient_lines

__all__ = ["ingredient_lines"]
