"""The `junkan` command: config, migrations, members, keys, audit — on real databases."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from typer.testing import CliRunner

from junkan.app import create_app
from junkan.cli.main import app as cli
from junkan.settings import Settings

runner = CliRunner()


@pytest.fixture
def env(backend, tmp_path, monkeypatch):
    monkeypatch.setenv("JUNKAN_DATABASE_URL", backend.url)
    monkeypatch.setenv("JUNKAN_DATA_DIR", str(tmp_path))
    return backend


def _ok(*args: str):
    result = runner.invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_config_show_masks_secrets(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv(
        "JUNKAN_DATABASE_URL", "postgresql+psycopg://hub:s3cret-pw@db.internal:5432/junkan"
    )
    monkeypatch.setenv("JUNKAN_PORT", "9123")
    output = runner.invoke(cli, ["config", "show"], terminal_width=300).output
    assert "s3cret-pw" not in output
    assert "9123" in output
    assert "JUNKAN_MAX_JSON_BODY_BYTES" in output


def test_links_follow_the_port_unless_a_public_url_is_set(monkeypatch) -> None:
    monkeypatch.delenv("JUNKAN_PUBLIC_BASE_URL", raising=False)
    assert Settings(port=8765).effective_public_base_url() == "http://127.0.0.1:8765"
    assert Settings(host="0.0.0.0", port=9000).effective_public_base_url() == (
        "http://127.0.0.1:9000"
    )
    assert Settings(host="::1", port=9001).effective_public_base_url() == "http://[::1]:9001"
    given = Settings(port=8765, public_base_url="https://hub.example.org/")
    assert given.effective_public_base_url() == "https://hub.example.org"
    monkeypatch.setenv("JUNKAN_PORT", "9124")
    output = runner.invoke(cli, ["config", "show"], terminal_width=300).output
    assert "http://127.0.0.1:9124" in output


def test_settings_are_read_when_built_not_at_import(monkeypatch) -> None:
    monkeypatch.setenv("JUNKAN_PORT", "8123")
    assert Settings().port == 8123
    monkeypatch.setenv("JUNKAN_PORT", "not-a-port")
    with pytest.raises(ValueError):
        Settings()


def test_every_setting_is_described() -> None:
    assert all(field.description for field in Settings.model_fields.values())


def test_bootstrap_a_secretariat_and_call_the_api(env) -> None:
    """The newcomer's path: organisation and key from the CLI, then an authenticated call."""
    _ok("db", "upgrade")
    created = _ok(
        "members", "add", "--kind", "secretariat", "--name-ja", "事務局", "--name-en", "Secretariat"
    )
    org_id = re.search(r"organisation ([0-9a-f]{32})", created).group(1)
    assert org_id in _ok("members", "list")
    issued = _ok("keys", "create", org_id, "--role", "secretariat")
    key = re.search(r"(jk_[0-9a-f]{12}_\S{43})", issued).group(1)
    client = TestClient(create_app(Settings()))
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {key}"})
    assert me.status_code == 200
    assert me.json()["organization"]["id"] == org_id
    _ok("keys", "revoke", key.split("_")[1])
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {key}"}).status_code == 401
    assert "intact: 3 entries" in _ok("audit", "verify")


def test_bad_member_input_is_reported_with_its_code(env) -> None:
    result = runner.invoke(
        cli,
        [
            "members",
            "add",
            "--kind",
            "municipality",
            "--name-ja",
            "x",
            "--municipality-code",
            "131017",
        ],
    )
    assert result.exit_code == 1
    assert "invalid-municipality-code" in result.output
    assert "no organisations" not in _ok("members", "list")


def test_audit_verify_fails_on_a_tampered_chain(env, database) -> None:
    _ok("members", "add", "--kind", "company", "--name-ja", "甲")
    _ok("members", "add", "--kind", "company", "--name-ja", "乙")
    with database.engine.begin() as conn:
        if env.name == "sqlite":
            conn.execute(text("DROP TRIGGER audit_log_no_update"))
        else:
            conn.execute(text("ALTER TABLE audit_log DISABLE TRIGGER USER"))
        conn.execute(text("UPDATE audit_log SET actor = 'mallory' WHERE seq = 1"))
    result = runner.invoke(cli, ["audit", "verify"])
    assert result.exit_code == 1
    assert "broken at entry 1" in result.output


def test_serve_refuses_an_outdated_schema(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("JUNKAN_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("JUNKAN_DATABASE_URL", raising=False)
    result = runner.invoke(cli, ["serve", "--port", "1"])
    assert result.exit_code == 2
    assert "junkan db upgrade" in result.output


def test_serve_tunes_the_garbage_collector_before_serving(env, monkeypatch) -> None:
    """The server process freezes what startup built and collects young objects less often
    (with Python's defaults, collections took a fifth of ingest time)."""
    import gc

    from junkan.cli import serving

    _ok("db", "upgrade")
    seen = {}

    def run(app, **_options) -> None:
        seen.update(threshold=gc.get_threshold(), frozen=gc.get_freeze_count())

    monkeypatch.setattr(serving.uvicorn, "run", run)
    before = gc.get_threshold()
    try:
        serving.serve(host=None, port=None, demo=False)
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
    assert seen["threshold"] == serving.GC_THRESHOLD
    assert seen["frozen"] > 10_000  # the app's modules, routes, models ...
