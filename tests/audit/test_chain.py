"""The audit log: hash chained, written with the change it records, append-only in the DB."""

from __future__ import annotations

import itertools

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from junkan.audit import service as audit
from junkan.audit.models import AuditEntry


def _write(database, n: int) -> None:
    for i in range(n):
        with database.unit_of_work() as session:
            audit.record(
                session,
                actor="test",
                action="thing.create",
                entity_type="thing",
                entity_id=f"t{i}",
                data={"n": i, "名前": "値", "mass": 1.5},
            )


def _verify(database) -> audit.ChainReport:
    with database.unit_of_work(write=False) as session:
        return audit.verify(session)


def _tamper(database, statement: str) -> None:
    """Bypass the append-only guard the way an attacker with DB access would."""
    with database.engine.begin() as conn:
        if database.engine.dialect.name == "sqlite":
            conn.execute(text("DROP TRIGGER audit_log_no_update"))
            conn.execute(text("DROP TRIGGER audit_log_no_delete"))
            conn.exec_driver_sql(statement)
        else:
            conn.execute(text("ALTER TABLE audit_log DISABLE TRIGGER USER"))
            conn.exec_driver_sql(statement)
            conn.execute(text("ALTER TABLE audit_log ENABLE TRIGGER USER"))


def test_chain_links_every_entry(database) -> None:
    _write(database, 5)
    with database.unit_of_work(write=False) as session:
        entries = session.scalars(select(AuditEntry).order_by(AuditEntry.seq)).all()
    assert [e.seq for e in entries] == [1, 2, 3, 4, 5]
    assert entries[0].prev_hash == "0" * 64
    assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(entries))
    report = _verify(database)
    assert report.ok and report.entries_checked == 5


def test_entry_rolls_back_with_its_change(database) -> None:
    with pytest.raises(RuntimeError), database.unit_of_work() as session:
        audit.record(session, actor="t", action="a", entity_type="e", entity_id="1", data={})
        raise RuntimeError("the audited change failed")
    with database.unit_of_work(write=False) as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == 0


def test_api_changes_are_audited(hub) -> None:
    org_id, _ = hub.new_org()
    with hub.database.unit_of_work(write=False) as session:
        actions = session.execute(select(AuditEntry.action, AuditEntry.entity_id)).all()
    assert ("organization.create", org_id) in actions
    assert any(action == "api_key.issue" for action, _ in actions)


@pytest.mark.parametrize(
    "statement",
    ["UPDATE audit_log SET actor = 'mallory' WHERE seq = 2", "DELETE FROM audit_log WHERE seq = 2"],
)
def test_database_refuses_changes_to_the_log(database, statement) -> None:
    _write(database, 3)
    with pytest.raises(DBAPIError, match="append-only"), database.engine.begin() as conn:
        conn.execute(text(statement))
    assert _verify(database).ok


def test_tampered_content_is_reported_at_the_first_broken_entry(database) -> None:
    _write(database, 5)
    _tamper(database, """UPDATE audit_log SET data = '{"n":99}' WHERE seq = 3""")
    report = _verify(database)
    assert not report.ok
    assert report.first_broken_seq == 3
    assert "hash" in report.reason


def test_removed_entry_is_reported(database) -> None:
    _write(database, 5)
    _tamper(database, "DELETE FROM audit_log WHERE seq = 4")
    report = _verify(database)
    assert report.first_broken_seq == 4
    assert "missing" in report.reason


def test_rehashed_entry_breaks_the_next_link(database) -> None:
    """Recomputing a forged entry's own hash still breaks the link to its successor."""
    _write(database, 4)
    with database.unit_of_work(write=False) as session:
        entry = session.get(AuditEntry, 2)
        payload = audit._payload(entry) | {"actor": "mallory"}
        forged = audit._entry_hash(entry.prev_hash, payload)
    _tamper(database, f"UPDATE audit_log SET actor = 'mallory', hash = '{forged}' WHERE seq = 2")
    report = _verify(database)
    assert report.first_broken_seq == 3
    assert "prev_hash" in report.reason
