"""Malformed input never crashes a reference connector: it becomes report entries."""

from __future__ import annotations

import pytest

from junkan_connect import registry
from junkan_connect.sources import Blob

CONFIG = {"reporter": "https://example.org/orgs/x", "region": "13"}
JUNK = [
    b"",
    b"null",
    b"42",
    b'"text"',
    b"[]",
    b"[1, null, []]",
    b"{not json",
    b"\xff\xfe\x00\x00garbage",
    b'{"epcisBody": 5}',
    b'{"@context": ["https://ref.gs1.org/standards/epcis/epcis-context.jsonld"],'
    b' "epcisBody": {"eventList": [5, null, {"type": "ObjectEvent"},'
    b' {"type": "TransformationEvent", "eventTime": "2025-01-01T00:00:00Z",'
    b' "inputQuantityList": [{"epcClass": 5, "quantity": 1, "uom": "KGM"}]}]}}',
    b'{"credentialSubject": 5}',
    b'{"type": ["VerifiablePresentation"], "verifiableCredential": [5, {"credentialSubject":'
    b' [{"type": "Product", "name": 5}]}]}',
    b'{"childProcessSteps": [5], "processInformation": 3}',
    b'{"childProcessSteps": "x"}',
    b'{"metadata": {}, "identification": [], "materials": 5}',
    b'{"secondaryMaterialContent": [5, {"inorganic": []}]}',
    b'{"productLifeCycleStagesAndEmissions": 5}',
    b'{"recycledContent": "x", "batteryMaterials": [5], "batteryMass": "heavy"}',
    # shapes that crashed the JSON connectors (found by replacing values of real samples)
    b'{"@context": ["https://ref.gs1.org/standards/epcis/epcis-context.jsonld"],'
    b' "type": ["ObjectEvent"], "epcisBody": "x"}',
    b'{"@context": ["https://ref.gs1.org/standards/epcis/epcis-context.jsonld"],'
    b' "epcisBody": {"queryResults": "x"}}',
    b'{"type": null, "credentialSubject": {"type": "Product"}}',
    b'{"type": ["VerifiablePresentation"], "verifiableCredential": [{"a": null}]}',
    b'{"type": ["VerifiableCredential"], "proof": "x",'
    b' "credentialSubject": {"type": ["Product"], "name": "p"}}',
    b"source,target,value\n",
    b"a;b;c\n1;2\n;;;;\n",
    "地方公共団体コード,年度\n131016\n".encode("cp932"),
    b"product_id,material,mass_fraction\nP,pet,\nP,,x\n",
]
NAMES = ["epcis", "untp", "catenax", "batterypass", "table", "csv", "jp_msw"]


@pytest.mark.parametrize("name", NAMES)
def test_junk_becomes_report_entries(name: str) -> None:
    for i, data in enumerate(JUNK):
        connector = registry.load(name)(CONFIG)
        source = Blob(f"junk{i}.json" if data[:1] in (b"{", b"[") else f"junk{i}.csv", data)
        records = list(connector.convert([source]))  # must not raise
        report = connector.report
        assert report.items or report.notes or records, (name, data[:40])
