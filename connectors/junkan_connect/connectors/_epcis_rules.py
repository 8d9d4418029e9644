"""EPCIS 2.0 / CBV 2.0 facts the epcis connector checks events against, and GS1 identifiers.

Context URLs are recognised by string; nothing is ever fetched.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

GS1_CONTEXTS = frozenset(
    {
        "https://ref.gs1.org/standards/epcis/epcis-context.jsonld",
        "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
        "https://gs1.github.io/EPCIS/epcis-context.jsonld",
    }
)

EVENT_TYPES = frozenset(
    {
        "ObjectEvent",
        "AggregationEvent",
        "TransactionEvent",
        "TransformationEvent",
        "AssociationEvent",
    }
)
ACTIONS = frozenset({"ADD", "OBSERVE", "DELETE"})


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# CBV 2.0 business steps and dispositions (bare forms)
BIZ_STEPS = _words("""accepting arriving assembling collecting commissioning consigning
creating_class_instance cycle_counting decommissioning departing destroying disassembling
dispensing encoding entering_exiting holding inspecting installing killing loading other
packing picking receiving removing repackaging repairing replacing reserving retail_selling
sampling sensor_reporting shipping staging_outbound stock_taking stocking storing transporting
unloading unpacking void_shipping""")
DISPOSITIONS = _words("""active available completeness_verified completeness_inferred
conformant container_closed container_open damaged destroyed dispensed disposed encoded expired
in_progress in_transit inactive mismatch_instance mismatch_class mismatch_quantity
needs_replacement no_pedigree_match non_conformant non_sellable_other partially_dispensed
recalled reserved retail_sold returned sellable_accessible sellable_not_accessible
stolen unavailable unknown""")
SOURCE_TYPES = frozenset({"owning_party", "possessing_party", "location"})
QUANTITY_KEYS = frozenset({"epcClass", "quantity", "uom"})
PIECE_UNITS = frozenset({"H87", "C62", "EA", "NAR"})

_CBV_PREFIXES = (
    "https://ref.gs1.org/cbv/BizStep-",
    "https://ref.gs1.org/cbv/Disp-",
    "https://ref.gs1.org/cbv/SDT-",
    "urn:epcglobal:cbv:bizstep:",
    "urn:epcglobal:cbv:disp:",
    "urn:epcglobal:cbv:sdt:",
    "cbv:BizStep-",
    "cbv:Disp-",
    "cbv:SDT-",
    "gs1:BizStep-",
)

_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DL_GTIN = re.compile(r"/01/(\d{14})(?:[/?#]|$)")
_URN_GTIN = re.compile(r"^urn:epc:(?:id|class|idpat):(?:sgtin|lgtin):(\d+)\.(\d+)\.")


@lru_cache(maxsize=4096)
def bare_cbv(value: str) -> str:
    """'urn:epcglobal:cbv:bizstep:shipping' / 'https://ref.gs1.org/cbv/BizStep-shipping' →
    'shipping'; extension values (other CURIEs and URIs) are returned unchanged."""
    for prefix in _CBV_PREFIXES:
        if value.startswith(prefix):
            return value[len(prefix) :]
    return value


def is_extension(value: str) -> bool:
    return ":" in value


def _check_digit(digits13: str) -> str:
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(digits13)))
    return str((10 - total % 10) % 10)


@lru_cache(maxsize=65536)
def gtin_of(identifier: str) -> str | None:
    """The GTIN-14 inside a GS1 Digital Link or an SGTIN/LGTIN URN, else None."""
    found = _DL_GTIN.search(identifier)
    if found:
        return found.group(1)
    found = _URN_GTIN.match(identifier)
    if found and len(found.group(1)) + len(found.group(2)) == 13:
        company, ref = found.groups()
        body = ref[0] + company + ref[1:]
        return body + _check_digit(body)
    return None


def _check_scalar_fields(event: dict[str, Any]) -> list[tuple[str, str]]:
    problems = []
    etype = event.get("type")
    time = event.get("eventTime")
    if time is None:
        problems.append(("missing-event-time", "eventTime is required"))
    elif not (isinstance(time, str) and _DATETIME.match(time)):
        problems.append(("invalid-event-time", f"eventTime {time!r} is not an ISO 8601 date-time"))
    action = event.get("action")
    if etype != "TransformationEvent" and action is None:
        problems.append(("missing-action", f"{etype} needs an action (ADD/OBSERVE/DELETE)"))
    elif action is not None and action not in ACTIONS:
        problems.append(("invalid-action", f"action {action!r} is not ADD/OBSERVE/DELETE"))
    for key, allowed, code in (
        ("bizStep", BIZ_STEPS, "unknown-biz-step"),
        ("disposition", DISPOSITIONS, "unknown-disposition"),
    ):
        value = event.get(key)
        if value is None:
            continue
        bare = bare_cbv(value) if isinstance(value, str) else None
        if key == "disposition" and bare is not None and bare != value:
            continue  # URI form: see cbv_warnings
        if bare is None or (not is_extension(bare) and bare not in allowed):
            problems.append(
                (code, f"{key} {value!r} is neither a CBV 2.0 value nor an extension URI/CURIE")
            )
    return problems


def cbv_warnings(event: dict[str, Any]) -> list[tuple[str, str]]:
    """Unknown values written in the CBV namespace's URI form ('urn:epcglobal:cbv:disp:sold'):
    not CBV 2.0, but unambiguous and irrelevant to the material mapping, so only warned."""
    found = []
    value = event.get("disposition")
    if (
        isinstance(value, str)
        and bare_cbv(value) != value
        and ":" not in bare_cbv(value)
        and bare_cbv(value) not in DISPOSITIONS
    ):
        found.append(("unknown-disposition", f"disposition {value!r} is not a CBV 2.0 value"))
    return found


def _check_quantities(event: dict[str, Any]) -> list[tuple[str, str]]:
    problems = []
    for key in _QUANTITY_LISTS:
        elements = event.get(key)
        if not elements:
            continue
        for i, element in enumerate(elements):
            # the common case, checked without allocating: a well-formed element
            if (
                element.__class__ is dict
                and "epcClass" in element
                and QUANTITY_KEYS.issuperset(element)
                and element.get("quantity", 0).__class__ in (int, float)
            ):
                continue
            problems += _quantity_problems(key, i, element)
    return problems


_QUANTITY_LISTS = ("quantityList", "inputQuantityList", "outputQuantityList", "childQuantityList")


def _quantity_problems(key: str, i: int, element: Any) -> list[tuple[str, str]]:
    if not isinstance(element, dict) or "epcClass" not in element:
        return [("invalid-quantity", f"{key}[{i}] needs an epcClass")]
    problems = []
    extra = sorted(set(element) - QUANTITY_KEYS)
    if extra:
        problems.append(("unknown-field", f"{key}[{i}] has unknown fields {extra}"))
    quantity = element.get("quantity")
    if quantity is not None and type(quantity) not in (int, float):
        problems.append(("invalid-quantity", f"{key}[{i}].quantity {quantity!r} is not a number"))
    return problems


def _check_parties_and_ilmd(event: dict[str, Any]) -> list[tuple[str, str]]:
    problems = []
    for key in ("sourceList", "destinationList"):
        for i, entry in enumerate(event.get(key) or ()):
            kind = entry.get("type") if isinstance(entry, dict) else None
            bare = bare_cbv(kind) if isinstance(kind, str) else None
            if bare is None or (not is_extension(bare) and bare not in SOURCE_TYPES):
                problems.append(
                    (
                        "unknown-source-type",
                        f"{key}[{i}].type {kind!r} is not a CBV source/destination type",
                    )
                )
    ilmd = event.get("ilmd")
    if isinstance(ilmd, dict):
        bare_keys = sorted(k for k in ilmd if ":" not in k)
        if bare_keys:
            problems.append(
                ("ilmd-field-without-namespace", f"ilmd fields {bare_keys} need a namespace prefix")
            )
    return problems


def _dates_in(value: Any, path: str) -> list[tuple[str, str]]:
    problems = []
    if isinstance(value, dict):
        for key, item in value.items():
            if (
                key.lower().endswith("date")
                and isinstance(item, str)
                and not (_DATE.match(item) or _DATETIME.match(item))
            ):
                problems.append(("invalid-date", f"{path}.{key} {item!r} is not a date"))
            else:
                problems += _dates_in(item, f"{path}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            problems += _dates_in(item, f"{path}[{i}]")
    return problems


def check_event(event: dict[str, Any]) -> list[tuple[str, str]]:
    """(code, message) for everything that makes this event invalid EPCIS 2.0."""
    if event.get("type") not in EVENT_TYPES:
        return [("unknown-event-type", f"type {event.get('type')!r} is not an EPCIS event")]
    problems = _check_scalar_fields(event) + _check_quantities(event)
    problems += _check_parties_and_ilmd(event)
    problems += _dates_in(event.get("certificationInfo"), "certificationInfo")
    # EPCIS 2.0 allows an empty epcList (a sensor reading at a place), not a missing one
    if event["type"] == "ObjectEvent" and "epcList" not in event and "quantityList" not in event:
        problems.append(("missing-identifiers", "an ObjectEvent needs epcList or quantityList"))
    return problems
