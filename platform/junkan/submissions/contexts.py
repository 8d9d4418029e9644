"""JSON-LD context handling: the pinned context fast, anything else through pyld, offline.

pyld gets a frozen document loader that knows only the contexts the hub ships. A context
it does not know, a `file:` URL, `@import`, or an inline context that redefines protected
terms ends in `context-not-allowed`: the hub never dereferences a URL.
"""

from __future__ import annotations

import copy
from typing import Any

from pyld import jsonld

from junkan.submissions.report import Report
from junkan_connect.vocab import CONTEXT_URL, context_document

NOT_ALLOWED = "context-not-allowed"


class ContextNotAllowed(Exception):
    pass


def frozen_loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    if url == CONTEXT_URL:
        return {"contextUrl": None, "documentUrl": url, "document": context_document()}
    raise jsonld.JsonLdError(
        f"context {url!r} is not one the hub ships",
        "jsonld.LoadDocumentError",
        code="loading document failed",
    )


# Defence in depth: even a pyld call that forgets its options must not reach the network.
jsonld.set_document_loader(frozen_loader)


def _check_context(context: Any) -> None:
    """Refuse context references the hub does not ship, and @import, before pyld runs."""
    if isinstance(context, str):
        if context != CONTEXT_URL:
            raise ContextNotAllowed(f"the context {context!r} is not one the hub ships")
    elif isinstance(context, list):
        for item in context:
            _check_context(item)
    elif isinstance(context, dict):
        if "@import" in context:
            raise ContextNotAllowed("@import is not allowed in a context")
        for definition in context.values():
            if isinstance(definition, dict) and "@context" in definition:
                _check_context(definition["@context"])
    elif context is not None:
        raise ContextNotAllowed("@context must be a string, an object or an array")


def _translate(record: dict[str, Any]) -> dict[str, Any]:
    """Expand with the record's own context, compact to the pinned one."""
    _check_context(record["@context"])
    options = {"documentLoader": frozen_loader}
    try:
        expanded = jsonld.expand(copy.deepcopy(record), options)
        if len(expanded) != 1:
            raise ContextNotAllowed("a record must expand to exactly one node")
        compacted = jsonld.compact(expanded[0], CONTEXT_URL, options)
    except jsonld.JsonLdError as exc:
        reason = getattr(exc, "code", None) or exc.type
        raise ContextNotAllowed(f"the context cannot be used: {reason}") from exc
    compacted["@context"] = CONTEXT_URL
    return compacted


def normalise(record: dict[str, Any], index: int, report: Report) -> dict[str, Any] | None:
    """The record in canonical compact form, or None after reporting why it cannot be."""
    context = record.get("@context")
    if context == CONTEXT_URL:
        return record
    if context is None:
        report.error(
            index, "$.@context", "missing-context", f'records need "@context": "{CONTEXT_URL}"'
        )
        return None
    try:
        return _translate(record)
    except ContextNotAllowed as exc:
        report.error(index, "$.@context", NOT_ALLOWED, str(exc))
        return None
