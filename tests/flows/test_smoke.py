from flow_helpers import build


def test_aggregate_end_to_end(hub, members, analyst):
    for i, m in enumerate(members):
        m.flows("pet", 100 + i)
    snapshot_id = build(hub)
    r = analyst.get("/api/v1/flows/aggregate", group_by="material", unit="t")
    assert r.status_code == 200, r.text
    body = r.json()
    print(body)
    assert body["snapshot_id"] == snapshot_id
