"""Small-cell suppression with complementary (secondary) suppression.

A *cell* is a count of people or events that a snapshot would publish (or that
a reader can work out from published cells, such as ``denominator −
numerator``). A *relation* says that a total cell equals the sum of its part
cells; a reader who sees the total and every part but one can recover that one
by subtraction.

Primary suppression protects every cell with ``0 < value < threshold``.
Secondary suppression then repeats until nothing changes: whenever the only
unknown of a relation (a cell protected or never published) is a protected
cell, the smallest published non-zero part of that relation (or, when there
is none, its total) is protected as well, so a protected cell is never the only
unknown of a sum. Cells that are never published but can be derived (the
complement ``denominator − numerator``, the people with no job specialist)
take part like any other: when such a cell is small it is protected, and a
published cell of its relation goes with it.

This is the usual per-table heuristic (as in τ-ARGUS's hypercube method): it
checks each sum on its own, not every combination of sums.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import Final

DEFAULT_THRESHOLD: Final = 5


@dataclass(slots=True)
class Cell:
    """One count; ``published`` is False for cells only derivable from others."""

    value: int
    published: bool = True
    protected: bool = False


@dataclass(slots=True)
class CellTable:
    """Cells by id and the sums that tie them together."""

    cells: dict[Hashable, Cell] = field(default_factory=dict)
    relations: list[tuple[Hashable, tuple[Hashable, ...]]] = field(default_factory=list)
    _remainders: int = 0

    def add(self, cell_id: Hashable, value: float | int, *, published: bool = True) -> None:
        if cell_id in self.cells:
            raise ValueError(f"cell {cell_id!r} added twice")
        self.cells[cell_id] = Cell(round(value), published)

    def has(self, cell_id: Hashable) -> bool:
        return cell_id in self.cells

    def relate(self, total: Hashable, parts: Iterable[Hashable]) -> None:
        """``total = sum(parts) + remainder``; a non-zero remainder becomes an unpublished cell
        (e.g. participants with no job specialist). A negative remainder means the sum does
        not hold (distinct counts): no relation is recorded."""
        part_ids = tuple(p for p in parts if p in self.cells)
        if total not in self.cells or not part_ids:
            return
        rest = self.cells[total].value - sum(self.cells[p].value for p in part_ids)
        if rest < 0:
            return
        if rest > 0:
            self._remainders += 1
            rid = ("remainder", self._remainders, total)
            self.cells[rid] = Cell(rest, published=False)
            part_ids = (*part_ids, rid)
        self.relations.append((total, part_ids))

    def suppress(self, threshold: int = DEFAULT_THRESHOLD) -> None:
        for cell in self.cells.values():
            if 0 < cell.value < threshold:
                cell.protected = True
        changed = True
        while changed:
            changed = False
            for total, parts in self.relations:
                unknown = [
                    m
                    for m in (total, *parts)
                    if self.cells[m].protected or not self.cells[m].published
                ]
                if len(unknown) != 1 or not self.cells[unknown[0]].protected:
                    continue
                candidates = sorted(
                    (p for p in parts if self.cells[p].published and not self.cells[p].protected),
                    key=lambda p: (self.cells[p].value == 0, self.cells[p].value),
                )
                if candidates:
                    self.cells[candidates[0]].protected = True
                    changed = True
                elif self.cells[total].published and not self.cells[total].protected:
                    self.cells[total].protected = True
                    changed = True

    def protected(self, cell_id: Hashable) -> bool:
        cell = self.cells.get(cell_id)
        return cell is not None and cell.protected
