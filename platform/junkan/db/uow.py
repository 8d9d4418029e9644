"""One unit of work per request (or CLI command): commit on success, roll back otherwise.

Services receive the session and never commit; only the unit of work does.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from junkan.db.engine import WRITE_OPTION


@dataclass
class Database:
    engine: Engine

    def __post_init__(self) -> None:
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        self._write = sessionmaker(
            self.engine.execution_options(**{WRITE_OPTION: True}), expire_on_commit=False
        )

    def session(self, *, write: bool) -> Session:
        return (self._write if write else self._read)()

    @contextmanager
    def unit_of_work(self, *, write: bool = True) -> Iterator[Session]:
        session = self.session(write=write)
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()
