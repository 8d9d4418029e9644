"""The differencing guard: never publish two contributor sets for one cell that differ by
fewer than ``min_group_difference`` enterprise groups.

Two totals of the "same" cell (say PET, FY2023) asked with different filters differ by the
contributions of the groups in one set and not the other; with one or two such groups the
difference is their figure. The memory is per cell label across all viewers and all
filters, because an intruder can use two keys or vary a filter.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from junkan.analytics.disclosure import DisclosureRules, differencing_risk
from junkan.db.base import utcnow
from junkan.flows.errors import DisclosureRisk
from junkan.flows.models import AnsweredCell

_CHUNK = 500


def cell_key(dims: dict) -> str:
    """The cell's label: its group-by values, filters deliberately left out."""
    text = json.dumps(sorted(dims.items()), default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def hash_groups(groups: Iterable[str]) -> str:
    return hashlib.sha256("\n".join(sorted(groups)).encode()).hexdigest()


class DifferencingGuard:
    def __init__(self, session: Session, rules: DisclosureRules) -> None:
        self.session, self.rules = session, rules

    def check_and_remember(self, cells: list[tuple[str, frozenset[str]]]) -> None:
        """Refuse with 403 ``disclosure-risk`` if any cell would difference; else remember.

        A set already answered for the same cell was checked against every other set when it
        was stored, so only new sets are compared, and only they are loaded in full (sets of
        hundreds of groups are costly to decode on every request).
        """
        if not cells:
            return
        self.check_hashed([(key, groups, hash_groups(groups)) for key, groups in cells])

    def check_hashed(self, hashed: list[tuple[str, frozenset[str], str]]) -> None:
        """As ``check_and_remember`` with each set's hash precomputed (and cacheable)."""
        known = self._hashes({key for key, _, _ in hashed})
        new = [(k, g, h) for k, g, h in hashed if h not in known.get(k, ())]
        if not new:
            return
        seen = self._answered({key for key, _, _ in new})
        fresh = []
        for key, groups, _ in new:
            for previous in seen.get(key, ()):
                if differencing_risk(previous, groups, self.rules):
                    raise DisclosureRisk(
                        "A cell of this query was already answered for a set of contributors "
                        "that differs by too few enterprise groups; widen or change the filters."
                    )
            if groups not in seen.get(key, ()):
                fresh.append((key, groups))
                seen.setdefault(key, set()).add(groups)
        self._remember(fresh)

    def _hashes(self, keys: set[str]) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        ordered = sorted(keys)
        for i in range(0, len(ordered), _CHUNK):
            stmt = select(AnsweredCell.cell_key, AnsweredCell.groups_hash).where(
                AnsweredCell.cell_key.in_(ordered[i : i + _CHUNK])
            )
            for key, digest in self.session.execute(stmt):
                out.setdefault(key, set()).add(digest)
        return out

    def _answered(self, keys: set[str]) -> dict[str, set[frozenset[str]]]:
        out: dict[str, set[frozenset[str]]] = {}
        ordered = sorted(keys)
        for i in range(0, len(ordered), _CHUNK):
            stmt = select(AnsweredCell.cell_key, AnsweredCell.groups).where(
                AnsweredCell.cell_key.in_(ordered[i : i + _CHUNK])
            )
            for key, groups in self.session.execute(stmt):
                out.setdefault(key, set()).add(frozenset(json.loads(groups)))
        return out

    def _remember(self, cells: list[tuple[str, frozenset[str]]]) -> None:
        if not cells:
            return
        now = utcnow()
        rows = [
            {
                "cell_key": key,
                "groups_hash": hash_groups(groups),
                "groups": json.dumps(sorted(groups)),
                "first_answered_at": now,
            }
            for key, groups in cells
        ]
        dialect = self.session.get_bind().dialect.name
        insert = pg_insert if dialect == "postgresql" else sqlite_insert
        # Two viewers may answer the same new set at once; the second insert is a no-op.
        stmt = insert(AnsweredCell).on_conflict_do_nothing()
        self.session.execute(stmt, rows)
