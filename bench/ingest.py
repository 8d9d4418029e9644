"""Ingest benchmark: records/s over HTTP into SQLite, side by side.

    python bench/ingest.py [--flows 100000] [--products 20000] [--semantic 300]

(a) floor: a bare endpoint that only parses JSON and inserts rows (executemany), once into
    one table and once as the three rows the hub stores per flow, in the hub's schema;
(b) the real pipeline: POST /api/v1/submissions in batches of 1,000 to `junkan serve`;
(c) reference "semantic" pipeline: pyld expansion + pyshacl validation per record + ORM
    insert, timed on a sample (it is too slow for the full set) and reported as records/s.
Also: single-record POST latency (p50/p99), two clients posting batches at once (records/s and
per-batch latency: writers queue for SQLite's one write lock), and the server's peak RSS
during a 100,000-record upload. Every server runs as its own process on 127.0.0.1; all
figures come from this run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
CONTEXT = "https://w3id.org/junkan/contexts/v1.jsonld"
REPORTER = "https://example.org/orgs/bench"
MATERIALS = ["pet", "pp", "hdpe", "aluminium", "paper", "glass", "iron_steel", "copper"]
STAGES = [
    ("collection", "sorting"),
    ("sorting", "recycling"),
    ("use", "collection"),
    ("recycling", "manufacturing"),
    ("collection", "incineration"),
]
REGIONS = ["131016", "131041", "011002", "13", "27", "23"]


def make_flows(n: int, seed: int = 7, prefix: str = "f") -> list[dict]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        src, dst = rng.choice(STAGES)
        out.append(
            {
                "@context": CONTEXT,
                "@id": f"https://bench.example/flows/{prefix}{i}",
                "@type": "MaterialFlow",
                "reporter": REPORTER,
                "material": rng.choice(MATERIALS),
                "mass": {"value": round(rng.uniform(0.1, 500), 3), "unit": "TNE"},
                "fromStage": src,
                "toStage": dst,
                "period": f"FY{rng.randint(2020, 2024)}",
                "region": rng.choice(REGIONS),
                "dataQuality": "measured",
                "disclosure": "confidential",
                "uncertainty": 0.05,
                "sourceSystem": "bench",
                "sourceRecordId": f"{prefix}{i}",
            }
        )
    return out


def make_products(n: int, seed: int = 11) -> list[dict]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        a = round(rng.uniform(0.5, 0.9), 3)
        out.append(
            {
                "@context": CONTEXT,
                "@id": f"https://bench.example/products/p{i}",
                "@type": "Product",
                "producer": REPORTER,
                "name": {"ja": f"製品{i}", "en": f"Product {i}"},
                "modelNumber": f"M-{i}",
                "unitMass": {"value": round(rng.uniform(10, 900), 1), "unit": "GRM"},
                "materialComposition": [
                    {"material": "pet", "massFraction": a, "recycledFractionPostConsumer": 0.3},
                    {
                        "material": "pp",
                        "massFraction": round(1 - a, 3),
                        "recycledFractionPreConsumer": 0.1,
                    },
                ],
                "recyclableFraction": 0.9,
                "disclosure": "public",
            }
        )
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(url: str, timeout: float = 30) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            if httpx.get(url, timeout=1).status_code < 500:
                return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise RuntimeError(f"server at {url} did not start")


def start_hub(workdir: Path) -> tuple[subprocess.Popen, str, str]:
    """A real `junkan serve` on a fresh SQLite database, with a member whose IRI is REPORTER."""
    env = os.environ | {"JUNKAN_DATA_DIR": str(workdir), "JUNKAN_LOG_LEVEL": "WARNING"}
    env.pop("JUNKAN_DATABASE_URL", None)
    junkan = str(Path(sys.executable).parent / "junkan")
    subprocess.run([junkan, "db", "upgrade"], env=env, check=True, capture_output=True)
    from junkan.db.engine import make_engine
    from junkan.db.uow import Database
    from junkan.members.schemas import ApiKeyCreate, OrganizationCreate, Role
    from junkan.members.service import MembersService

    database = Database(make_engine(f"sqlite:///{workdir / 'junkan.db'}"))
    with database.unit_of_work() as session:
        service = MembersService(session)
        org = service.create_organization(
            "bench", OrganizationCreate(kind="company", name_ja="ベンチ", iri=REPORTER)
        )
        _, key = service.issue_key("bench", org.id, ApiKeyCreate(role=Role.member), 30)
    database.dispose()
    port = free_port()
    proc = subprocess.Popen(
        [junkan, "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    wait_ready(url + "/healthz")
    return proc, url, key


def start_floor(workdir: Path, mode: str) -> tuple[subprocess.Popen, str]:
    """mode: one-table, or hub-rows (the hub's own three rows per flow, in its schema)."""
    database = workdir / f"floor-{mode}.db"
    if mode == "hub-rows":
        env = os.environ | {"JUNKAN_DATA_DIR": str(workdir / "floor-schema")}
        env.pop("JUNKAN_DATABASE_URL", None)
        junkan = str(Path(sys.executable).parent / "junkan")
        subprocess.run([junkan, "db", "upgrade"], env=env, check=True, capture_output=True)
        (workdir / "floor-schema" / "junkan.db").replace(database)
    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "bench" / "floor_server.py"),
            str(database),
            str(port),
            mode,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    wait_ready(url + "/healthz")
    return proc, url


def post_batches(
    url: str, records: list[dict], key: str | None, batch: int = 1000, ndjson: bool = False
) -> float:
    headers = {"Content-Type": "application/x-ndjson" if ndjson else "application/ld+json"}
    if key:
        headers["Authorization"] = f"Bearer {key}"
    chunks = [records[i : i + batch] for i in range(0, len(records), batch)]
    if ndjson:
        bodies = ["\n".join(json.dumps(r) for r in chunk).encode() for chunk in chunks]
    else:
        bodies = [json.dumps(chunk).encode() for chunk in chunks]
    with httpx.Client(timeout=600) as client:
        started = time.perf_counter()
        for body in bodies:
            response = client.post(url, content=body, headers=headers)
            if response.status_code == 202:  # a large upload became a job: wait for it
                response = wait_job(client, url, response.json()["job"], headers)
            if response.status_code not in (200, 201):
                raise RuntimeError(f"{response.status_code}: {response.text[:500]}")
        return time.perf_counter() - started


def wait_job(client: httpx.Client, url: str, job: str, headers: dict) -> httpx.Response:
    base = url.split("/api/")[0]
    while True:
        response = client.get(base + job, headers=headers)
        if response.json()["status"] not in ("queued", "processing"):
            if response.json()["status"] != "stored":
                raise RuntimeError(response.text[:500])
            return httpx.Response(201, json=response.json())
        time.sleep(0.2)


def peak_rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def semantic_reference(records: list[dict], workdir: Path) -> float:
    """pyld expand + pyshacl per record + ORM insert, as a typical JSON-LD pipeline does."""
    import pyshacl
    from pyld import jsonld
    from rdflib import Graph
    from sqlalchemy import Column, Float, String, create_engine
    from sqlalchemy.orm import Session, declarative_base

    from junkan.submissions.contexts import frozen_loader
    from junkan_connect.vocab import read_text

    shapes = Graph().parse(data=read_text("shapes.ttl"), format="turtle")
    base = declarative_base()

    class Row(base):
        __tablename__ = "flows"
        id = Column(String, primary_key=True)
        material = Column(String)
        mass = Column(Float)

    engine = create_engine(f"sqlite:///{workdir / 'semantic.db'}")
    base.metadata.create_all(engine)
    started = time.perf_counter()
    with Session(engine) as session:
        for record in records:
            expanded = jsonld.expand(record, {"documentLoader": frozen_loader})
            graph = Graph().parse(data=json.dumps(expanded), format="json-ld")
            conforms, _, _ = pyshacl.validate(graph, shacl_graph=shapes)
            if not conforms:
                raise RuntimeError("reference pipeline rejected a valid record")
            session.add(
                Row(id=record["@id"], material=record["material"], mass=record["mass"]["value"])
            )
            session.commit()
    return time.perf_counter() - started


def single_latency(url: str, key: str, n: int = 300) -> tuple[float, float]:
    records = make_flows(n, seed=99, prefix="single")
    headers = {"Content-Type": "application/ld+json", "Authorization": f"Bearer {key}"}
    times = []
    with httpx.Client() as client:
        for record in records:
            body = json.dumps(record).encode()
            t = time.perf_counter()
            response = client.post(url, content=body, headers=headers)
            times.append(time.perf_counter() - t)
            assert response.status_code == 201, response.text
    times.sort()
    return statistics.median(times) * 1000, times[int(len(times) * 0.99) - 1] * 1000


def two_clients(url: str, key: str, n: int) -> tuple[float, float, float]:
    """Two clients post batches of 1,000 at the same time: (records/s, p50, max batch ms)."""
    records = make_flows(n, seed=13, prefix="two")
    bodies = [json.dumps(records[i : i + 1000]).encode() for i in range(0, n, 1000)]
    headers = {"Content-Type": "application/ld+json", "Authorization": f"Bearer {key}"}
    times: list[float] = []

    def client_loop(mine: list[bytes]) -> None:
        with httpx.Client(timeout=600) as client:
            for body in mine:
                t = time.perf_counter()
                response = client.post(url, content=body, headers=headers)
                times.append(time.perf_counter() - t)
                assert response.status_code == 201, response.text[:500]

    threads = [threading.Thread(target=client_loop, args=(bodies[k::2],)) for k in (0, 1)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    times.sort()
    return n / elapsed, statistics.median(times) * 1000, times[-1] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--flows", type=int, default=100_000)
    parser.add_argument("--products", type=int, default=20_000)
    parser.add_argument("--semantic", type=int, default=300)
    args = parser.parse_args()
    flows, products = make_flows(args.flows), make_products(args.products)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        floor_s = {}
        for mode in ("one-table", "hub-rows"):
            floor, floor_url = start_floor(work, mode)
            try:
                floor_s[mode] = post_batches(floor_url + "/ingest", flows, None)
            finally:
                floor.terminate()
        hub, url, key = start_hub(work)
        try:
            flows_s = post_batches(url + "/api/v1/submissions", flows, key)
            products_s = post_batches(url + "/api/v1/submissions", products, key)
            p50, p99 = single_latency(url + "/api/v1/submissions", key)
            two = two_clients(url + "/api/v1/submissions", key, args.flows // 5)
        finally:
            hub.terminate()
            hub.wait()
        hub, url, key = start_hub(work / "big")
        try:
            big = make_flows(100_000, seed=3, prefix="big")
            post_batches(url + "/api/v1/submissions", big, key, batch=100_000, ndjson=True)
            rss = peak_rss_mb(hub.pid)
        finally:
            hub.terminate()
        semantic_s = semantic_reference(make_flows(args.semantic, seed=5), work)
    floor_rate, flow_rate = args.flows / floor_s["one-table"], args.flows / flows_s
    rows_rate = args.flows / floor_s["hub-rows"]
    semantic_rate = args.semantic / semantic_s
    print(f"floor (parse + insert only)      {floor_rate:>10,.0f} flow records/s  (one table)")
    print(
        f"floor, the hub's rows            {rows_rate:>10,.0f} flow records/s  "
        "(records + versions + flows in the hub's schema, no checks)"
    )
    print(
        f"pipeline, flows, batches of 1000 {flow_rate:>10,.0f} records/s  "
        f"({floor_rate / flow_rate:.2f}x slower than floor; target <= 2.5x, >= 50,000/s; "
        f"{rows_rate / flow_rate:.2f}x the hub's-rows floor)"
    )
    print(
        f"pipeline, products               {args.products / products_s:>10,.0f} records/s  "
        "(target >= 10,000/s)"
    )
    print(
        f"reference semantic pipeline      {semantic_rate:>10,.1f} records/s  "
        f"(pipeline is {flow_rate / semantic_rate:,.0f}x faster; target >= 50x)"
    )
    print(
        f"single-record POST               p50 {p50:.2f} ms, p99 {p99:.2f} ms  (target p50 <= 3 ms)"
    )
    print(
        f"two clients at once, flows        {two[0]:>10,.0f} records/s  "
        f"(per batch of 1,000: p50 {two[1]:.0f} ms, max {two[2]:.0f} ms)"
    )
    print(f"server peak RSS, 100,000-record upload: {rss:,.0f} MB  (target <= 500 MB)")
    own_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"benchmark process max RSS: {own_rss:,.0f} MB")


if __name__ == "__main__":
    main()
