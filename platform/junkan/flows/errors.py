"""Client errors of the analytics API, as problem documents with stable codes."""

from __future__ import annotations

from junkan.errors import Forbidden, InvalidRequest, JunkanError


class QueryTooComplex(InvalidRequest):
    code, title = "query-too-complex", "The query groups by too many or unknown fields"


class InvalidQuery(InvalidRequest):
    code, title = "invalid-query", "The query can never match"


class UnknownFormat(InvalidRequest):
    code, title = "unknown-format", "Unknown output format"


class DisclosureRisk(Forbidden):
    code, title = "disclosure-risk", "Answering would disclose confidential figures"


class NoSnapshot(JunkanError):
    status, code, title = 503, "no-snapshot", "No analytics snapshot has been built yet"
