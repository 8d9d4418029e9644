"""Debounced snapshot rebuilds after submissions.

A burst of submissions (a connector pushing 200 batches) should cause one rebuild, not 200:
each ``notify()`` pushes the deadline out by the debounce interval (but never beyond
``max_wait`` after the first change not yet in a snapshot, so a long push still reaches the
dashboard), and one background thread builds when it passes (``notify`` runs after every
stored submission, so it only moves a number). Builds are serialised by a lock; readers keep
using the previous snapshot meanwhile, because a snapshot only appears once complete.
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

from sqlalchemy import Engine

from junkan.flows.snapshots import build_snapshot

log = logging.getLogger("junkan.flows")


class SnapshotScheduler:
    def __init__(
        self,
        engine: Engine,
        root: Path,
        *,
        debounce: float,
        keep: int,
        max_wait: float | None = None,
    ) -> None:
        self.engine, self.root, self.debounce, self.keep = engine, Path(root), debounce, keep
        self.max_wait = max_wait
        self._latest: float | None = None  # the deadline may not move past this
        self._build_lock = threading.Lock()
        self._state = threading.Condition()
        self._deadline: float | None = None
        self._building = False
        self._thread: threading.Thread | None = None
        self._closed = False
        self.builds = 0

    def notify(self) -> None:
        """Data changed: (re)start the countdown to a rebuild."""
        with self._state:
            if self._closed:
                return
            idle = self._deadline is None
            now = time.monotonic()
            if idle and self.max_wait is not None:
                self._latest = now + max(self.max_wait, self.debounce)
            self._deadline = now + self.debounce
            if self._latest is not None:
                self._deadline = min(self._deadline, self._latest)
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._loop, name="junkan-snapshots", daemon=True
                )
                self._thread.start()
            elif idle:
                # A countdown in progress re-reads the deadline when its wait ends.
                self._state.notify()

    def pending(self) -> bool:
        """A rebuild is scheduled or running."""
        with self._state:
            return self._deadline is not None or self._building

    def build_now(self) -> dict:
        with self._build_lock:
            manifest = build_snapshot(self.engine, self.root, keep=self.keep)
            self.builds += 1
            return manifest

    def _loop(self) -> None:
        while True:
            with self._state:
                while not self._closed:
                    if self._deadline is None:
                        self._state.wait()
                        continue
                    remaining = self._deadline - time.monotonic()
                    if remaining <= 0:
                        break
                    self._state.wait(remaining)
                if self._closed:
                    return
                self._deadline, self._latest, self._building = None, None, True
            try:
                self._run()
            finally:
                with self._state:
                    self._building = False

    def _run(self) -> None:
        try:
            manifest = self.build_now()
            log.info("snapshot built", extra={"snapshot_id": manifest["id"]})
        except Exception:  # a failed build must not end the scheduler's thread silently
            log.exception("snapshot build failed")

    def shutdown(self) -> None:
        """No new builds; a scheduled one is dropped (the next start builds from the data)."""
        with self._state:
            self._closed = True
            self._state.notify_all()
