"""Semantic checks beyond the vocabulary's shapes, and the derived rows for analytics.

Runs on records that already passed the fast validator, so types and ranges hold here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from junkan.canonical import content_hash
from junkan.submissions.report import Report
from junkan_connect.vocab import to_kg
from junkan_connect.vocab.sizes import size_issues

COMPOSITION_TOLERANCE = 0.001
# Fields naming the organisation responsible for the record: must be the submitter.
OWNER_FIELDS = ("reporter", "owner")
# Fields naming other organisations: must be organisations the hub knows.
ORG_FIELDS = ("reporter", "owner", "producer", "operator", "coordinator")
RECORD_REF_FIELDS = {"facility": "Facility", "target": "Target"}


@dataclass
class CheckSettings:
    caller_iri: str
    caller_is_secretariat: bool
    mass_balance_tolerance: float = 0.05
    mass_balance_severity: str = "warning"


@dataclass(slots=True)
class Prepared:
    index: int
    record: dict[str, Any]
    iri: str
    record_type: str
    disclosure: str
    source_system: str | None
    source_record_id: str | None
    content_hash: str
    body: str  # the canonical JSON stored as the version body
    org_refs: list[tuple[str, str]] = field(default_factory=list)  # (path, iri)
    record_refs: list[tuple[str, str, str]] = field(default_factory=list)  # (path, type, iri)
    flow: tuple | None = None
    product: tuple | None = None
    components: list[tuple] = field(default_factory=list)


def period_year(period: str) -> int:
    return int(period[2:6]) if period.startswith("FY") else int(period[:4])


def _mass_kg(quantity: dict[str, Any]) -> float:
    return to_kg(quantity["value"], quantity["unit"])


def _flow_row(record: dict[str, Any], disclosure: str) -> tuple:
    """Values in the order of store.FLOW_COLUMNS after record_id and organization_id."""
    region = record["region"]
    mass = record["mass"]
    period = record["period"]
    get = record.get
    return (
        record["material"],
        record["fromStage"],
        record["toStage"],
        period,
        period_year(period),
        region,
        region[:2] if region[:2].isdigit() else None,
        get("facility"),
        get("recoveryType"),
        get("flowClass"),
        get("origin"),
        get("dataQuality"),
        get("uncertainty"),
        disclosure,
        to_kg(mass["value"], mass["unit"]),
        mass["value"],
        mass["unit"],
    )


def _check_composition(prepared: Prepared, report: Report) -> None:
    record = prepared.record
    components = record.get("materialComposition") or []
    total = sum(c.get("massFraction", 0.0) for c in components)
    if total > 1 + COMPOSITION_TOLERANCE:
        report.error(
            prepared.index,
            "$.materialComposition",
            "composition-exceeds-total",
            f"mass fractions add up to {total:.4f}, more than 1",
        )
    for i, component in enumerate(components):
        recycled = component.get("recycledFractionPreConsumer", 0.0) + component.get(
            "recycledFractionPostConsumer", 0.0
        )
        reused = component.get("reusedFraction", 0.0)
        if recycled + reused > 1 + COMPOSITION_TOLERANCE:
            report.error(
                prepared.index,
                f"$.materialComposition[{i}]",
                "recycled-exceeds-total",
                f"recycled ({recycled:g}) and reused ({reused:g}) shares exceed the whole",
            )
        get = component.get
        # Values in the order of store.COMPONENT_COLUMNS after record_id.
        prepared.components.append(
            (
                i,
                component["material"],
                get("massFraction"),
                _mass_kg(component["mass"]) if "mass" in component else None,
                get("recycledFractionPreConsumer"),
                get("recycledFractionPostConsumer"),
                get("reusedFraction"),
                get("renewableFraction"),
            )
        )
    name = record.get("name") or {}
    # Values in the order of store.PRODUCT_COLUMNS after record_id and organization_id.
    prepared.product = (
        record.get("gtin"),
        record.get("modelNumber"),
        name.get("ja"),
        name.get("en"),
        record.get("category"),
        _mass_kg(record["unitMass"]) if "unitMass" in record else None,
        prepared.disclosure,
    )


def _check_mass_balance(prepared: Prepared, settings: CheckSettings, report: Report) -> None:
    record = prepared.record
    if not record.get("inputs"):
        # Inputs not weighed (e.g. counted in pieces): nothing to balance, but a process
        # record must say something.
        if not record.get("outputs") and not record.get("losses"):
            report.error(
                prepared.index,
                "$",
                "empty-process-record",
                "a process record needs inputs or outputs",
            )
        return
    inputs = sum(_mass_kg(a["mass"]) for a in record.get("inputs", []))
    outputs = sum(_mass_kg(a["mass"]) for a in record.get("outputs", []))
    losses = sum(_mass_kg(a["mass"]) for a in record.get("losses", []))
    if inputs <= 0 and outputs + losses <= 0:
        return
    imbalance = inputs - outputs - losses
    relative = abs(imbalance) / max(inputs, outputs + losses)
    if relative > settings.mass_balance_tolerance:
        (report.error if settings.mass_balance_severity == "error" else report.warning)(
            prepared.index,
            "$",
            "mass-imbalance",
            f"inputs {inputs:.6g} kg vs outputs {outputs:.6g} kg + losses {losses:.6g} kg: "
            f"{relative:.1%} off (tolerance {settings.mass_balance_tolerance:.0%})",
        )


_ORG_PATHS = tuple((name, f"$.{name}", name in OWNER_FIELDS) for name in ORG_FIELDS)
_RECORD_REF_PATHS = tuple((name, f"$.{name}", kind) for name, kind in RECORD_REF_FIELDS.items())


def _collect_refs(prepared: Prepared, settings: CheckSettings, report: Report) -> None:
    record = prepared.record
    org_refs = prepared.org_refs
    for name, path, must_be_caller in _ORG_PATHS:
        iri = record.get(name)
        if iri is None:
            continue
        org_refs.append((path, iri))
        if must_be_caller and iri != settings.caller_iri and not settings.caller_is_secretariat:
            report.error(
                prepared.index,
                path,
                "reporter-not-caller",
                f"{name} must be your organisation's IRI ({settings.caller_iri})",
            )
    for i, participant in enumerate(record.get("participants", ())):
        org_refs.append((f"$.participants[{i}]", participant))
    for name, path, record_type in _RECORD_REF_PATHS:
        iri = record.get(name)
        if iri is not None:
            prepared.record_refs.append((path, record_type, iri))


def prepare(
    record: dict[str, Any], index: int, settings: CheckSettings, report: Report
) -> Prepared:
    """Semantic checks and derived rows for one valid record."""
    digest, canonical = content_hash(record)
    disclosure = record.get("disclosure", "confidential")
    prepared = Prepared(
        index=index,
        record=record,
        iri=record["@id"],
        record_type=record["@type"],
        disclosure=disclosure,
        source_system=record.get("sourceSystem"),
        source_record_id=record.get("sourceRecordId"),
        content_hash=digest,
        # A compact copy: orjson's buffers are over-allocated (kilobytes per record).
        body=canonical.decode("utf-8"),
    )
    _collect_refs(prepared, settings, report)
    # Text longer than the hub's columns keep (the version body keeps the record whole, but
    # PostgreSQL would refuse the row; SQLite does not enforce sizes).
    for issue in size_issues(record):
        report.error(index, issue.path, issue.code, issue.message)
    if prepared.record_type == "MaterialFlow":
        prepared.flow = _flow_row(record, disclosure)
    elif prepared.record_type == "Product":
        _check_composition(prepared, report)
    elif prepared.record_type == "ProcessRecord":
        _check_mass_balance(prepared, settings, report)
    return prepared
