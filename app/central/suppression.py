"""Small-cell suppression with complementary (secondary) suppression.

A *cell* is a count of people or events that a snapshot would publish (or that
a reader can work out from published cells, such as ``denominator −
numerator``). A *relation* says that a total cell equals the sum of its part
cells; a reader who sees the total and every part but one can recover that one
by subtraction.

Primary suppression protects every cell with ``0 < value < threshold`` (and every
cell :meth:`CellTable.force` names: hidden in an earlier revision). Secondary
suppression then repeats until nothing changes:

- *derivation*: starting from the cells a reader sees, any relation with exactly
  one unknown member makes it known, and so on through chains of sums; when a
  protected cell becomes known, the derivation is broken by protecting the
  smallest published non-zero part of the relation that gave it away (or, when
  there is none, its total, or else one of the derived cells it was worked out
  from);
- *small sums*: when a known total minus its known parts leaves ``1 .. threshold−1``
  for two or more unknown parts of which one is protected (two hidden months whose
  sum is 3, say), one more part (or the total) is protected too.

Cells that are never published but can be derived (the complement
``denominator − numerator``, the people with no job specialist) take part like
any other. *Fixed* cells belong to snapshots already published (the months of a
quarter, or the quarter of a month): a reader knows them as published, so they
count in the derivations but are never chosen for protection.

This is the usual heuristic (as in τ-ARGUS's hypercube method) extended to
chains of sums; it does not solve every combination of sums as a linear system.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import Final

DEFAULT_THRESHOLD: Final = 5


@dataclass(slots=True)
class Cell:
    """One count; ``published`` is False for cells only derivable from others.

    ``fixed``: already published elsewhere (``value`` is None when that snapshot hid
    it); ``forced``: protected whatever its value (hidden in an earlier revision).
    """

    value: int | None
    published: bool = True
    protected: bool = False
    fixed: bool = False
    forced: bool = False


@dataclass(slots=True)
class CellTable:
    """Cells by id and the sums that tie them together."""

    cells: dict[Hashable, Cell] = field(default_factory=dict)
    relations: list[tuple[Hashable, tuple[Hashable, ...]]] = field(default_factory=list)
    #: Protected cells still derivable because every cell that could hide them is fixed
    #: (those at or over the threshold that were hidden only for another's sake are shown).
    unresolved: set[Hashable] = field(default_factory=set)
    _remainders: int = 0

    def add(self, cell_id: Hashable, value: float | int, *, published: bool = True) -> None:
        if cell_id in self.cells:
            raise ValueError(f"cell {cell_id!r} added twice")
        self.cells[cell_id] = Cell(round(value), published)

    def add_fixed(self, cell_id: Hashable, value: int | None, *, published: bool = True) -> None:
        """A cell of a snapshot already published: ``value`` as shown, None when hidden.

        ``published=False`` for a snapshot not published yet: unknown, and protected like
        a hidden cell, since it may well be hidden when it is published (and could then
        no longer be helped)."""
        if cell_id in self.cells:
            raise ValueError(f"cell {cell_id!r} added twice")
        hidden = value is None or not published
        self.cells[cell_id] = Cell(None if hidden else value, published, hidden, fixed=True)

    def force(self, cell_id: Hashable) -> None:
        """Protect ``cell_id`` whatever its value (no-op for unknown cells)."""
        cell = self.cells.get(cell_id)
        if cell is not None and not cell.fixed:
            cell.forced = True

    def has(self, cell_id: Hashable) -> bool:
        return cell_id in self.cells

    def relate(self, total: Hashable, parts: Iterable[Hashable]) -> None:
        """``total = sum(parts) + remainder``; a non-zero remainder becomes an unpublished cell
        (e.g. participants with no job specialist). A negative remainder means the sum does
        not hold (distinct counts): no relation is recorded."""
        part_ids = tuple(p for p in parts if p in self.cells)
        if total not in self.cells or not part_ids:
            return
        rest = self.cells[total].value or 0
        rest -= sum(self.cells[p].value or 0 for p in part_ids)
        if rest < 0:
            return
        if rest > 0:
            self._remainders += 1
            rid = ("remainder", self._remainders, total)
            self.cells[rid] = Cell(rest, published=False)
            part_ids = (*part_ids, rid)
        self.relations.append((total, part_ids))

    def link(self, total: Hashable, parts: Iterable[Hashable]) -> None:
        """``total = sum(parts)`` as a reader would assume it (a quarter and its months):
        recorded as is, without a remainder, even where the sum holds only roughly."""
        part_ids = tuple(p for p in parts if p in self.cells)
        if total in self.cells and part_ids:
            self.relations.append((total, part_ids))

    # ------------------------------------------------------------------ suppression

    def _visible(self, cell: Cell) -> bool:
        return cell.published and not cell.protected and cell.value is not None

    def derive(self) -> tuple[dict[Hashable, float], dict[Hashable, int]]:
        """What a reader can work out: known values, and for each derived cell the
        index of the relation it came from."""
        known: dict[Hashable, float] = {
            cid: c.value
            for cid, c in self.cells.items()
            if self._visible(c) and c.value is not None
        }
        via: dict[Hashable, int] = {}
        changed = True
        while changed:
            changed = False
            for i, (total, parts) in enumerate(self.relations):
                unknown = [m for m in (total, *parts) if m not in known]
                if len(unknown) != 1:
                    continue
                x = unknown[0]
                if x == total:
                    known[x] = sum(known[p] for p in parts)
                else:
                    known[x] = known[total] - sum(known[p] for p in parts if p != x)
                via[x] = i
                changed = True
        return known, via

    def _candidate(
        self, parts: Iterable[Hashable], total: Hashable | None = None
    ) -> Hashable | None:
        """The cell to hide next: the smallest published, unprotected non-zero part that
        may still be hidden; else the total; else a zero part."""
        found = sorted(
            (c.value or 0, n, m)
            for n, m in enumerate(parts)
            if (c := self.cells[m]).published and not c.protected and not c.fixed
        )
        nonzero = [m for v, _, m in found if v != 0]
        if nonzero:
            return nonzero[0]
        if total is not None and self._hideable_total(total):
            return total
        return found[0][2] if found else None

    def _hideable_total(self, total: Hashable) -> bool:
        c = self.cells[total]
        return c.published and not c.protected and not c.fixed

    def _break(self, leaked: Hashable, via: dict[Hashable, int], seen: set[Hashable]) -> bool:
        """Protect one cell so that ``leaked`` is no longer derived the way it was.

        In the relation that gave it away: first the derivation of a member that is
        protected too (it leaks as well, and hiding it better may hide both); else the
        smallest published non-zero part; else the total; else a zero part; else the
        derivation of an unpublished member."""
        if leaked in seen or leaked not in via:
            return False
        seen.add(leaked)
        total, parts = self.relations[via[leaked]]
        others = [p for p in parts if p != leaked]
        upstream = [m for m in (total, *others) if m != leaked and m in via]
        hidden = [m for m in upstream if self.cells[m].protected]
        if any(self._break(m, via, seen) for m in hidden):
            return True
        pick = self._candidate(others, total if total != leaked else None)
        if pick is None:
            return any(self._break(m, via, seen) for m in upstream if m not in hidden)
        self.cells[pick].protected = True
        return True

    def _small_sum(
        self, known: dict[Hashable, float], via: dict[Hashable, int], threshold: int
    ) -> bool:
        """Protect one more cell where a relation's unknown parts (one protected) add up to
        less than the threshold; False when there is no such relation left to fix."""
        for total, parts in self.relations:
            if total not in known:
                continue
            unknown = [p for p in parts if p not in known]
            if len(unknown) < 2 or not any(self.cells[p].protected for p in unknown):
                continue
            rest = known[total] - sum(known[p] for p in parts if p in known)
            if not 0 < rest < threshold:
                continue  # (0: every unknown part is 0, which is never hidden)
            pick = self._candidate([p for p in parts if p in known], total)
            if pick is not None:
                self.cells[pick].protected = True
                return True
            if self._break(total, via, set()):  # a total worked out from other cells
                return True
        return False

    def suppress(self, threshold: int = DEFAULT_THRESHOLD) -> None:
        for cell in self.cells.values():
            if cell.fixed:
                continue
            if cell.forced or (cell.value is not None and 0 < cell.value < threshold):
                cell.protected = True
        while True:
            known, via = self.derive()
            leaks = [
                cid
                for cid, c in self.cells.items()
                if c.protected and cid in known and cid not in self.unresolved
            ]
            if leaks:
                for cid in leaks:
                    if self._break(cid, via, set()):
                        break
                    self.unresolved.add(cid)
                continue
            if not self._small_sum(known, via, threshold):
                break
        # A cell hidden only to protect another, which a reader works out from published
        # snapshots anyway, is shown: hiding it protects nothing.
        known, _ = self.derive()
        for cid in self.unresolved:
            cell = self.cells[cid]
            small = cell.value is not None and 0 < cell.value < threshold
            if cid in known and not cell.fixed and not cell.forced and not small:
                cell.protected = False

    def protected(self, cell_id: Hashable) -> bool:
        cell = self.cells.get(cell_id)
        return cell is not None and cell.protected
