"""The demo hub: the secretariat, a fresh key, and the demo region from `examples/demo/data/`.

Members are created through MembersService and every record goes through the submission
pipeline as the member that owns it, exactly as `POST /api/v1/submissions` would store it.
Loading is idempotent: organisations are looked up by IRI, and each file is sent with an
Idempotency-Key derived from its bytes, so a second start replays stored responses instead of
writing anything (and a changed file is resubmitted, its unchanged records kept by content hash).
"""

from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import select
from sqlalchemy.orm import Session

from junkan.auth.principal import Principal
from junkan.db.base import utcnow
from junkan.db.uow import Database
from junkan.members.models import ApiKey, Organization
from junkan.members.repository import MembersRepository
from junkan.members.schemas import ApiKeyCreate, OrganizationCreate, OrganizationKind, Role
from junkan.members.service import MembersService
from junkan.settings import Settings
from junkan.submissions.errors import ValidationFailed
from junkan.submissions.limits import Limits
from junkan.submissions.service import SubmissionService, SubmitRequest

DEMO_ACTOR = "demo"
LOADER_KEY_LABEL = "demo-loader"
# Present in a source checkout (and an editable install); a wheel install has no demo data.
DEMO_DATA_DIR = Path(__file__).resolve().parents[2] / "examples" / "demo" / "data"
NDJSON = "application/x-ndjson"
log = logging.getLogger("junkan.demo")


class DemoDataError(RuntimeError):
    """A demo file the hub refuses: the data set and the vocabulary have drifted apart."""


@dataclass
class DemoLoad:
    """What one load did: organisations created and, per submission file, the hub's answer."""

    organizations_created: int = 0
    submissions: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0

    def total(self, name: str) -> int:
        """A summary count over every file (a replayed file repeats its first answer)."""
        return sum(s["summary"][name] for s in self.submissions)

    def written(self, name: str) -> int:
        """A summary count over the files this load actually stored."""
        return sum(s["summary"][name] for s in self.submissions if not s["replayed"])

    @property
    def replayed(self) -> int:
        return sum(1 for s in self.submissions if s["replayed"])


def prepare_demo(
    database: Database,
    settings: Settings,
    *,
    load_data: bool = False,
    data_dir: Path | None = None,
) -> str:
    """Ensure the demo secretariat (and with `load_data` the demo region); return a new key.

    `junkan serve --demo` loads the region; tests that just need a secretariat do not.
    """
    source = data_dir or DEMO_DATA_DIR
    if load_data and (source / "manifest.json").is_file():
        result = load_demo(database, settings, source)
        log.info(
            "demo data loaded: %d organisations created, %d records created, %d unchanged, "
            "%d submissions replayed, %.1f s",
            result.organizations_created,
            result.written("created"),
            result.written("unchanged"),
            result.replayed,
            result.seconds,
        )
        # The analytics API answers from a snapshot: have one of the demo data at start.
        from junkan.flows.snapshots import build_snapshot
        from junkan.flows.wiring import snapshot_root

        manifest = build_snapshot(
            database.engine, snapshot_root(settings), keep=settings.snapshot_keep
        )
        log.info("demo snapshot %s built: %d flows", manifest["id"], manifest["rows"])
    with database.unit_of_work() as session:
        service = MembersService(session)
        secretariat = _find_secretariat(session)
        if secretariat is None:
            secretariat = service.create_organization(
                DEMO_ACTOR,
                OrganizationCreate(
                    kind=OrganizationKind.secretariat,
                    name_ja="サーキュラーパートナーズ事務局（デモ）",
                    name_en="Circular Partners Secretariat (demo)",
                    prefecture_code="13",
                ),
            )
        _, secret = service.issue_key(
            DEMO_ACTOR,
            secretariat.id,
            ApiKeyCreate(role=Role.secretariat, label="demo", ttl_days=30),
            settings.api_key_ttl_days,
        )
    return secret


def _find_secretariat(session: Session) -> Organization | None:
    query = select(Organization).where(Organization.kind == OrganizationKind.secretariat)
    return session.scalar(query.order_by(Organization.created_at).limit(1))


def load_demo(database: Database, settings: Settings, data_dir: Path | None = None) -> DemoLoad:
    """Load a generated demo data set (organisations, then every submission file in order)."""
    source = data_dir or DEMO_DATA_DIR
    started = time.perf_counter()
    result = DemoLoad()
    manifest = orjson.loads((source / "manifest.json").read_bytes())
    orgs = [
        orjson.loads(line) for line in (source / "organizations.ndjson").read_bytes().splitlines()
    ]
    with database.unit_of_work() as session:
        principals, result.organizations_created = _ensure_members(session, orgs, settings)
    limits = Limits.from_settings(settings)
    checks = {
        "mass_balance_tolerance": settings.mass_balance_tolerance,
        "mass_balance_severity": settings.mass_balance_severity,
    }
    for entry in manifest["submissions"]:
        body = (source / entry["file"]).read_bytes()
        request = SubmitRequest(
            body,
            NDJSON,
            mode=entry["mode"],
            idempotency_key="demo-" + hashlib.sha256(body).hexdigest()[:40],
        )
        try:
            with database.unit_of_work() as session:
                service = SubmissionService(session, limits, checks)
                answer = service.submit(principals[entry["submitter"]], request)
        except ValidationFailed as exc:
            raise DemoDataError(f"{entry['file']}: {exc} {exc.body['report']}") from exc
        result.submissions.append(
            {
                "file": entry["file"],
                "id": answer.body["id"],
                "replayed": answer.replayed,
                "summary": answer.body["summary"],
                "report": answer.body["report"],
            }
        )
    result.seconds = time.perf_counter() - started
    return result


def _ensure_members(
    session: Session, orgs: list[dict[str, Any]], settings: Settings
) -> tuple[dict[str, Principal], int]:
    """Create missing organisations (parents first) and a loader key each; map IRI to Principal."""
    service = MembersService(session)
    repo = MembersRepository(session)
    principals: dict[str, Principal] = {}
    created = 0
    ids: dict[str, str] = {}
    for data in sorted(orgs, key=lambda o: o["group"] is not None):
        org = repo.find_by_iri(data["iri"])
        if org is None:
            org = service.create_organization(DEMO_ACTOR, _organization_create(data, ids))
            created += 1
        ids[org.iri] = org.id
        principals[org.iri] = _loader_principal(service, repo, org, settings)
    return principals, created


def _organization_create(data: dict[str, Any], ids: dict[str, str]) -> OrganizationCreate:
    return OrganizationCreate(
        iri=data["iri"],
        kind=OrganizationKind(data["kind"]),
        name_ja=data["name_ja"],
        name_en=data["name_en"],
        corporate_number=data["corporate_number"],
        municipality_code=data["municipality_code"],
        prefecture_code=data["prefecture_code"],
        group_id=ids[data["group"]] if data["group"] else None,
        member_since=data["member_since"],
    )


def _loader_principal(
    service: MembersService, repo: MembersRepository, org: Organization, settings: Settings
) -> Principal:
    """The member's own identity for its submissions, backed by a real (never shown) key."""
    role = Role.secretariat if org.kind == OrganizationKind.secretariat else Role.member
    now = utcnow()
    key: ApiKey | None = next(
        (
            k
            for k in repo.list_keys(org.id)
            if k.label == LOADER_KEY_LABEL
            and k.revoked_at is None
            and k.expires_at > now + timedelta(days=1)
        ),
        None,
    )
    if key is None:
        key, _ = service.issue_key(
            DEMO_ACTOR, org.id, ApiKeyCreate(role=role, label=LOADER_KEY_LABEL), 3650
        )
    return Principal(org.id, org.group_id or org.id, key.role, key.id)
