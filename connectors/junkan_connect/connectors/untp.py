"""UN Transparency Protocol credentials (0.3–0.7) → Product, Facility and ProcessRecord.

Accepted envelopes: a Verifiable Credential, a Verifiable Presentation holding credentials,
a JSON array of either, or a bare credential subject. `credentialSubject` may be an object or
an array; every subject is one input item. Field names of the versions 0.3 to 0.7 are read:
- Digital Product Passport → Product (name, producer, unit mass, materials provenance with
  mass fractions and recycled fractions, circularity scorecard);
- Digital Traceability Event → ProcessRecord for transformation events, MaterialFlow for
  object events whose bizStep moves material (as in the epcis connector);
- Digital Facility Record → Facility.
Conformity credentials and identity anchors are skipped with the reason. Signed credentials
keep their proof in the source: the report names the proof; it is not verified here.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import Field

from junkan_connect.connector import Connector, ConnectorConfig, ItemError, Record, Skip
from junkan_connect.connectors._untp_events import UntpEvents, iri_of
from junkan_connect.records import (
    as_number,
    drop_none,
    mass,
    mass_unit,
    mint_iri,
    new_record,
)
from junkan_connect.sources import Source, read_json, source_name

SKIPPED_TYPES = {
    "DigitalConformityCredential": "a conformity attestation makes claims about "
    "a product or facility; it holds no masses or compositions",
    "DigitalIdentityAnchor": "an identity anchor links a DID to a registration",
    "ConformityAttestation": "a conformity attestation holds no masses",
    "RegisteredIdentity": "an identity anchor links a DID to a registration",
}


class UntpConfig(ConnectorConfig):
    materials: dict[str, str] = Field(
        default_factory=dict, description="material type code, id or name → material code"
    )
    default_material: str | None = None
    process_types: dict[str, str] = Field(default_factory=dict)
    default_process_type: str = "manufacturing"
    facility_kind: str = Field("other", description="facilityKind for facility records")
    facilities: dict[str, str] = Field(
        default_factory=dict, description="bizLocation IRI → hub Facility IRI"
    )


def _types(value: Any) -> set[str]:
    kinds = value.get("type") if isinstance(value, dict) else None
    if isinstance(kinds, str):
        return {kinds}
    return {k for k in kinds if isinstance(k, str)} if isinstance(kinds, list) else set()


def _fraction(value: Any) -> float | None:
    """UNTP shares are 0..1 in later versions and 0..100 in some samples."""
    number = as_number(value)
    if number is None or number < 0:
        return None
    number = number / 100 if number > 1 else number
    return round(number, 12) if number <= 1 else None


class UntpConnector(UntpEvents, Connector):
    name = "untp"
    version = "0.1.0"
    description = "UNTP credentials (DPP, DTE, DFR; VC/VP; 0.3–0.7) → records"
    Config = UntpConfig
    config: UntpConfig

    def read(self, source: Source) -> Iterator[Record]:
        name = source_name(source)
        doc = read_json(source)
        credentials = list(self._credentials(doc, name))
        if not credentials:
            self.report.skipped(
                name,
                "not-a-credential",
                "no Verifiable Credential or UNTP credential subject found",
            )
            return
        for pointer, credential in credentials:
            self._note_proof(credential, f"{name}#{pointer}" if pointer else name)
            for sub, subject in self._subjects(credential):
                location = f"{name}#{pointer}{sub}"
                yield from self.map_item(location, self._subject, subject, credential, location)

    def _credentials(self, doc: Any, name: str) -> Iterator[tuple[str, dict[str, Any]]]:
        if isinstance(doc, list):
            for i, item in enumerate(doc):
                for pointer, credential in self._credentials(item, name):
                    yield f"/{i}{pointer}", credential
            return
        if not isinstance(doc, dict):
            return
        if "VerifiablePresentation" in _types(doc):
            held = doc.get("verifiableCredential") or []
            for i, item in enumerate(held if isinstance(held, list) else [held]):
                if isinstance(item, dict) and item.get("type") == "EnvelopedVerifiableCredential":
                    self.report.note(
                        f"{name}#/verifiableCredential/{i}",
                        "enveloped-credential",
                        "an enveloped (JWT) credential is not decoded",
                    )
                elif isinstance(item, dict):
                    yield f"/verifiableCredential/{i}", item
        elif "credentialSubject" in doc:
            yield "", doc
        elif _types(doc) & {"Product", "Facility", "TransformationEvent", "ObjectEvent"}:
            yield "", {"credentialSubject": doc}

    def _subjects(self, credential: dict[str, Any]) -> Iterator[tuple[str, Any]]:
        subject = credential.get("credentialSubject")  # missing: "not an object", reported
        if isinstance(subject, list):
            for i, item in enumerate(subject):
                yield f"/credentialSubject/{i}", item
        else:
            yield "/credentialSubject", subject

    def _note_proof(self, credential: dict[str, Any], location: str) -> None:
        proofs = credential.get("proof")
        for proof in proofs if isinstance(proofs, list) else [proofs] if proofs else []:
            if not isinstance(proof, dict):
                continue  # not a Data Integrity proof; nothing to describe
            self.report.note(
                location,
                "proof-not-verified",
                f"signed with {proof.get('type')} "
                f"({proof.get('cryptosuite', '')}); the proof stays with the source "
                "credential and is not verified by this connector",
                severity="info",
                verification_method=proof.get("verificationMethod"),
            )

    # -- one subject ------------------------------------------------------------------------

    def _subject(self, subject: Any, credential: dict[str, Any], location: str) -> list[Record]:
        if not isinstance(subject, dict):
            raise ItemError("not-an-object", "credentialSubject entry is not an object")
        kinds = _types(subject) | _types(credential)
        for kind, reason in SKIPPED_TYPES.items():
            if kind in kinds:
                raise Skip("credential-not-mapped", reason)
        if kinds & {"TransformationEvent"} or "inputQuantityList" in subject:
            return self._event(subject, location)
        if kinds & {"ObjectEvent"}:
            return self._object_event(subject, location)
        if kinds & {"AggregationEvent", "TransactionEvent", "AssociationEvent"}:
            raise Skip(
                "not-a-material-flow", "packing, assembly links and transactions move no material"
            )
        if kinds & {"DigitalFacilityRecord", "FacilityRecord", "Facility"}:
            return [self._facility(subject.get("facility") or subject, location)]
        if kinds & {"DigitalProductPassport", "ProductPassport", "Product"}:
            return [self._product(subject, credential, location)]
        raise Skip("unknown-subject", f"no mapping for subject types {sorted(kinds)}")

    def _material(self, *keys: Any) -> str | None:
        for key in keys:
            if isinstance(key, str) and key in self.config.materials:
                return self.config.materials[key]
        return self.config.default_material

    def _reporter(self, *candidates: Any) -> str:
        found = self.config.reporter or next(filter(None, map(iri_of, candidates)), None)
        if found is None:
            raise ItemError(
                "missing-reporter", "set `reporter` (the party is not an http or urn IRI)"
            )
        return found

    # -- products ---------------------------------------------------------------------------

    def _product(
        self, subject: dict[str, Any], credential: dict[str, Any], location: str
    ) -> Record:
        product = subject.get("product") if isinstance(subject.get("product"), dict) else subject
        title = product.get("name")
        if not isinstance(title, str) or not title:
            raise ItemError("missing-name", "the product has no name")
        producer = self._reporter(
            product.get("producedByParty"), product.get("manufacturer"), credential.get("issuer")
        )
        key = product.get("id") or credential.get("id") or title
        record = new_record("Product", mint_iri(self.id_base, "product", key))
        record.update(
            disclosure=self.config.disclosure,
            name={"en": title[:2000]},
            producer=producer,
            sourceRecordId=str(key),
            sourceSystem=self.source_system,
        )
        self._product_details(record, product, subject, location)
        return record

    def _product_details(
        self, record: Record, product: dict[str, Any], subject: dict[str, Any], location: str
    ) -> None:
        weight = (product.get("dimensions") or {}).get("weight") or {}
        if mass_unit(weight.get("unit")) and (as_number(weight.get("value")) or 0) > 0:
            record["unitMass"] = mass(as_number(weight["value"]), weight["unit"])
        gtin = str(product.get("registeredId", ""))
        if gtin.isdigit() and len(gtin) in (8, 12, 13, 14):
            record["gtin"] = gtin
        category = (product.get("productCategory") or [{}])[0]
        if isinstance(category, dict) and category.get("name"):
            record["category"] = f"{category.get('code', '')} {category['name']}".strip()
        provenance = (
            subject.get("materialsProvenance")
            or product.get("materialsProvenance")
            or subject.get("materialProvenance")
            or []
        )
        components = [
            c
            for i, entry in enumerate(provenance)
            if (c := self._component(entry, f"{location}/materialsProvenance/{i}"))
        ]
        if components:
            record["materialComposition"] = components
        self._scorecard(record, product, subject, location)

    def _scorecard(
        self, record: Record, product: dict[str, Any], subject: dict[str, Any], location: str
    ) -> None:
        scorecard = (
            subject.get("circularityScorecard")
            or product.get("circularityScorecard")
            or product.get("circularityInformation")
            or {}
        )
        recyclable = _fraction(scorecard.get("recyclableContent"))
        if recyclable is not None:
            record["recyclableFraction"] = recyclable
        if scorecard.get("recycledContent") is not None:
            self.report.note(
                location,
                "recycled-content-per-material",
                "the scorecard's product-level recycled content is kept per material only",
                severity="info",
                recycled=_fraction(scorecard["recycledContent"]),
            )

    def _component(self, entry: dict[str, Any], location: str) -> dict[str, Any] | None:
        kind = entry.get("materialType") or {}
        material = self._material(
            kind.get("code"), kind.get("id"), kind.get("name"), entry.get("name")
        )
        if material is None:
            self.report.note(
                location,
                "unknown-material",
                f"no material code for {entry.get('name')!r} ({kind.get('code')})",
            )
            return None
        recycled = _fraction(
            entry.get("recycledMassFraction", entry.get("recycledAmount", entry.get("recycled")))
        )
        component = {
            "material": material,
            "massFraction": _fraction(entry.get("massFraction")),
            "recycledFractionPostConsumer": recycled,
        }
        if recycled is not None:
            self.report.note(
                location,
                "recycled-assumed-post-consumer",
                "UNTP does not split recycled content by origin; stored as post-consumer",
                severity="info",
            )
        amount = entry.get("massAmount") or entry.get("mass") or {}
        if (
            mass_unit(amount.get("unit"))
            and (as_number(amount.get("value")) or 0) >= 0
            and as_number(amount.get("value")) is not None
        ):
            component["mass"] = mass(as_number(amount["value"]), amount["unit"])
        origin = entry.get("originCountry")
        if isinstance(origin, str) and len(origin) == 2 and origin.isupper():
            component["originCountry"] = origin
        return drop_none(component)

    # -- facilities and events ----------------------------------------------------------------

    def _facility(self, facility: dict[str, Any], location: str) -> Record:
        title = facility.get("name")
        if not isinstance(title, str) or not title:
            raise ItemError("missing-name", "the facility has no name")
        if self.config.region is None:
            raise ItemError("missing-region", "set `region` (UNTP has no JIS region codes)")
        operator = self._reporter(facility.get("operatedByParty"))
        key = facility.get("id") or facility.get("registeredId") or title
        record = new_record("Facility", mint_iri(self.id_base, "facility", key))
        record.update(
            disclosure=self.config.disclosure,
            name={"en": title[:2000]},
            operator=operator,
            facilityKind=self.config.facility_kind,
            region=self.config.region,
            sourceRecordId=str(key),
            sourceSystem=self.source_system,
        )
        point = (facility.get("locationInformation") or {}).get("geoLocation") or {}
        coordinates = point.get("coordinates") or []
        if point.get("type") == "Point" and len(coordinates) == 2:
            longitude, latitude = (as_number(c) for c in coordinates)  # GeoJSON: lon, lat
            if latitude is not None and longitude is not None:
                record.update(latitude=latitude, longitude=longitude)
        return record
