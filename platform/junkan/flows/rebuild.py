"""Debounced snapshot rebuilds after submissions.

A burst of submissions (a connector pushing 200 batches) should cause one rebuild, not 200:
each ``notify()`` pushes the deadline out by the debounce interval, and one background timer
builds when it passes. Builds are serialised by a lock; readers keep using the previous
snapshot meanwhile, because a snapshot only appears once complete.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from sqlalchemy import Engine

from junkan.flows.snapshots import build_snapshot

log = logging.getLogger("junkan.flows")


class SnapshotScheduler:
    def __init__(self, engine: Engine, root: Path, *, debounce: float, keep: int) -> None:
        self.engine, self.root, self.debounce, self.keep = engine, Path(root), debounce, keep
        self._build_lock = threading.Lock()
        self._timer_lock = threading.Lock()
        self._timer: threading.Timer | None = None
        self._closed = False
        self.builds = 0

    def notify(self) -> None:
        """Data changed: (re)start the countdown to a rebuild."""
        with self._timer_lock:
            if self._closed:
                return
            if self._timer is not None:
                self._timer.cancel()
            self._timer = threading.Timer(self.debounce, self._run)
            self._timer.daemon = True
            self._timer.start()

    def pending(self) -> bool:
        with self._timer_lock:
            return self._timer is not None and self._timer.is_alive()

    def build_now(self) -> dict:
        with self._build_lock:
            manifest = build_snapshot(self.engine, self.root, keep=self.keep)
            self.builds += 1
            return manifest

    def _run(self) -> None:
        try:
            manifest = self.build_now()
            log.info("snapshot built", extra={"snapshot_id": manifest["id"]})
        except Exception:  # a failed build must not kill the timer thread silently
            log.exception("snapshot build failed")

    def shutdown(self) -> None:
        with self._timer_lock:
            self._closed = True
            if self._timer is not None:
                self._timer.cancel()
