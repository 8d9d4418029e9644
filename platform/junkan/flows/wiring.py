"""What the app needs for analytics: the rules from settings, the snapshot reader and the
debounced rebuild scheduler, plus the hook submissions call when data changed."""

from __future__ import annotations

from fastapi import FastAPI

from junkan.analytics.disclosure import DisclosureRules
from junkan.db.uow import Database
from junkan.flows.reader import SnapshotReader
from junkan.flows.rebuild import SnapshotScheduler
from junkan.settings import Settings


def disclosure_rules(settings: Settings) -> DisclosureRules:
    return DisclosureRules(
        min_groups=settings.disclosure_min_groups,
        p=settings.disclosure_p,
        min_groups_signed=settings.disclosure_min_groups_signed,
        min_group_difference=settings.disclosure_min_group_difference,
    )


def snapshot_root(settings: Settings):
    return settings.data_dir / "snapshots"


def install_analytics(app: FastAPI, settings: Settings, database: Database) -> None:
    root = snapshot_root(settings)
    app.state.disclosure_rules = disclosure_rules(settings)
    app.state.snapshot_reader = SnapshotReader(root)
    app.state.snapshots = SnapshotScheduler(
        database.engine,
        root,
        debounce=settings.snapshot_debounce_seconds,
        max_wait=settings.snapshot_max_wait_seconds,
        keep=settings.snapshot_keep,
    )


def data_changed(app: FastAPI) -> None:
    """Called after a submission stored records: schedule a (debounced) snapshot rebuild."""
    scheduler = getattr(app.state, "snapshots", None)
    if scheduler is not None:
        scheduler.notify()
