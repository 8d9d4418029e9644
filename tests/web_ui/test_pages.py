"""The dashboard pages over HTTP (no browser): content, disclosure, language, downloads."""

from __future__ import annotations

import io
import json
import re
import string

import pyarrow.parquet as pq
import pytest
from webui_seed import COMPANIES, MSW_RECYCLING_RATE, flow

from junkan.analytics.export import AGGREGATE_SCHEMA
from junkan.web.pages.assets import PLOTLY_PATH
from junkan.web.pages.messages import MESSAGES

EN = {"Accept-Language": "en-GB,en;q=0.9"}
PAGES = ["/", "/flows", "/regions", "/regions/131016", "/members", "/indicators"]
PAGES += ["/indicators/jp.cyc_in", "/indicators/jp.msw.recycling_rate", "/data-quality"]


def _sankey(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="sankey-data">(.*?)</script>', html)
    assert match, "no Sankey figure on the page"
    return json.loads(match.group(1))["data"][0]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_renders_in_both_languages(seeded, path) -> None:
    hub, _ = seeded
    english = hub.client.get(path, headers=EN)
    assert english.status_code == 200, english.text[:300]
    assert '<html lang="en">' in english.text
    assert "default-src 'self'" in english.headers["content-security-policy"]
    japanese = hub.client.get(path, params={"lang": "ja"}, headers=EN)
    assert '<html lang="ja">' in japanese.text
    assert "概要" in japanese.text  # the navigation, from the message catalogue
    # Nothing on any page points outside this origin.
    assert not re.search(r'(src|href)="(https?:)?//', english.text)


def test_accept_language_picks_the_default(seeded) -> None:
    hub, _ = seeded
    page = hub.client.get("/flows", headers={"Accept-Language": "ja,en;q=0.5"})
    assert '<html lang="ja">' in page.text
    assert "収集" in page.text  # stage label from the vocabulary's code list


def test_flows_show_protected_cells_only_and_explain_the_hidden_ones(seeded) -> None:
    hub, _ = seeded
    page = hub.client.get("/flows", headers=EN)  # default: Tokyo (13), FY2023
    assert "selected>Tokyo (13)" in page.text
    labels = set(_sankey(page.text)["node"]["label"])
    assert {"Planned collection", "Recycling", "Manufacturing", "Use"} <= labels
    assert "hidden to protect confidential data" in page.text
    assert 'id="hidden-note"' in page.text
    # The PET loop is drawn: manufacturing → use → collection → sorting → recycling → manufacturing.
    trace = _sankey(hub.client.get(f"/flows?material=pet&region={COMPANIES}", headers=EN).text)
    names = trace["node"]["label"]
    edges = {
        (names[s], names[t])
        for s, t in zip(trace["link"]["source"], trace["link"]["target"], strict=True)
    }
    assert {
        ("Recycling", "Manufacturing"),
        ("Manufacturing", "Use"),
        ("Use", "Collection"),
    } <= edges
    # A lone recycler's edges are not in the figure.
    assert ("Recycling", "Energy recovery") not in edges


def test_csv_download_is_the_protected_view(seeded) -> None:
    hub, _ = seeded
    response = hub.client.get("/flows/download.csv", params={"region": COMPANIES})
    assert response.status_code == 200
    assert response.headers["content-disposition"].startswith("attachment;")
    lines = response.text.splitlines()
    assert lines[0].split(",") == AGGREGATE_SCHEMA.names
    rows = [dict(zip(AGGREGATE_SCHEMA.names, line.split(","), strict=True)) for line in lines[1:]]
    hidden = [r for r in rows if r["suppressed"] == "true"]
    assert hidden and all(r["value"] == "" for r in hidden)
    lone = [r for r in rows if (r["from_stage"], r["to_stage"]) == ("recycling", "energy_recovery")]
    assert lone and lone[0]["suppressed"] == "true"
    assert all(r["region"] == COMPANIES and r["period"] == "FY2023" for r in rows)


def test_parquet_download_has_the_export_schema(seeded) -> None:
    hub, _ = seeded
    response = hub.client.get("/flows/download.parquet", params={"material": "pet"})
    table = pq.read_table(io.BytesIO(response.content))
    assert table.schema.names == AGGREGATE_SCHEMA.names
    assert set(table.column("material").to_pylist()) == {"pet"}


def test_a_material_filter_changes_the_figure(seeded) -> None:
    hub, _ = seeded
    everything = _sankey(hub.client.get(f"/flows?region={COMPANIES}", headers=EN).text)
    aluminium = _sankey(
        hub.client.get(f"/flows?region={COMPANIES}&material=aluminium", headers=EN).text
    )
    assert "Sorting" in everything["node"]["label"]
    assert "Sorting" not in aluminium["node"]["label"]
    unknown = hub.client.get("/flows?material=unobtainium&unit=furlong", headers=EN)
    assert unknown.status_code == 200  # unknown filter values are dropped, not errors


def test_overview_computes_the_national_indicators(seeded) -> None:
    hub, _ = seeded
    page = hub.client.get("/", headers=EN).text
    # FY2006 from DOMAIN.md §2.3: 228/1,819 = 12.5 %, 228/583 = 39.1 %; FY2019 13.04 Mt.
    assert "12.5" in page and "39.1" in page and "13.0" in page
    assert f"{MSW_RECYCLING_RATE:.1f}" in page  # the region's recycling rate


def test_region_page_has_its_own_sankey(seeded) -> None:
    hub, _ = seeded
    page = hub.client.get("/regions/131016", headers=EN)
    assert "Intermediate treatment" in _sankey(page.text)["node"]["label"]
    assert hub.client.get("/regions/999999").status_code == 404
    assert hub.client.get("/regions/1").status_code == 404
    prefecture = hub.client.get("/regions/13", headers=EN).text
    assert "/regions/131016" in prefecture  # lists its municipalities


def test_members_show_published_targets_and_latest_follow_up(seeded) -> None:
    hub, _ = seeded
    page = hub.client.get("/members", headers=EN).text
    assert "Bottler 0" in page
    assert "30 %" in page and "17.5 %" in page and "FY2023" in page


def test_indicator_page_shows_formula_value_and_lineage(seeded) -> None:
    hub, _ = seeded
    page = hub.client.get("/indicators/jp.msw.recycling_rate", headers=EN).text
    assert "total recycled" in page
    assert f"{MSW_RECYCLING_RATE:.2f}" in page
    assert "total_recycled" in page  # lineage figure names
    assert hub.client.get("/indicators/nope").status_code == 404


def test_data_quality_needs_a_key_and_shows_only_ones_own(seeded) -> None:
    hub, data = seeded
    anonymous = hub.client.get("/data-quality", headers=EN).text
    assert 'id="quality-note"' in anonymous and "Authorization" in anonymous
    own = hub.client.get("/data-quality", headers=EN | hub.auth(data.keys["recycler-1"])).text
    assert own.count("<tr>") == 2  # header + its one submission
    everyone = hub.client.get("/data-quality", headers=EN | hub.auth(hub.secretariat_key)).text
    assert everyone.count("<tr>") > 10
    assert (
        hub.client.get("/data-quality", headers={"Authorization": "Bearer jk_x_y"}).status_code
        == 401
    )


def test_plotly_is_served_from_the_installed_package(hub) -> None:
    response = hub.client.get(PLOTLY_PATH, headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert "immutable" in response.headers["cache-control"]
    assert response.headers["content-encoding"] == "gzip"
    assert b"plotly" in response.content[:2000].lower()
    assert hub.client.get("/static/..%2Fassets.py").status_code == 404


def test_message_catalogue_is_complete() -> None:
    fields = string.Formatter()
    for key, (en, ja) in MESSAGES.items():
        assert en and ja, key
        names = [{f for _, f, _, _ in fields.parse(text) if f} for text in (en, ja)]
        assert names[0] == names[1], f"placeholders differ in {key}"


def test_views_follow_new_submissions(seeded) -> None:
    hub, data = seeded

    def use_to_collection() -> float:
        url = f"/flows?material=aluminium&region={COMPANIES}"
        trace = _sankey(hub.client.get(url, headers=EN).text)
        names = trace["node"]["label"]
        link = trace["link"]
        pairs = zip(link["source"], link["target"], link["value"], strict=True)
        return next(v for s, t, v in pairs if (names[s], names[t]) == ("Use", "Collection"))

    assert use_to_collection() == 217
    iri = "https://example.org/webui/orgs/collector-3"
    record = flow(iri, "use", "collection", "aluminium", 58)
    response = hub.client.post(
        "/api/v1/submissions",
        json=[record],
        headers=hub.auth(data.keys["collector-3"]) | {"Content-Type": "application/ld+json"},
    )
    assert response.status_code in (200, 201), response.text
    assert use_to_collection() == 275


def test_a_category_filter_takes_every_material_below_it(seeded) -> None:
    hub, _ = seeded
    plastics = _sankey(
        hub.client.get(f"/flows?material=plastics&region={COMPANIES}", headers=EN).text
    )
    assert "Sorting" in plastics["node"]["label"]  # PET lies under plastics
    url = f"/flows/download.csv?material=plastics&region={COMPANIES}"
    csv = hub.client.get(url).text.splitlines()
    assert all(line.startswith(",plastics,") for line in csv[1:])
