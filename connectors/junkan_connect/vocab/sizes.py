"""How much text the hub keeps: the sizes of its text columns and index keys.

The vocabulary bounds numbers, not the length of text. The hub keeps some text fields in
columns of a fixed size (and source ids and `@id` as keys of unique indexes, whose entries are
bounded in bytes) and refuses a longer value at its field. Its tables are declared with these
sizes, and the same check runs here, so a connector or `junkan-connect validate` reports such
a value before anything is sent.
"""

from __future__ import annotations

from typing import Any

from junkan_connect.vocab.validate import Issue

IRI_BYTES = 2048  # an @id (UTF-8 bytes)
SOURCE_SYSTEM_BYTES = 200
SOURCE_RECORD_ID_BYTES = 500
PRODUCT_TEXT_CHARS = 200  # modelNumber, category
PRODUCT_NAME_CHARS = 500  # each language of name

# (key, language or None, limit, measured in UTF-8 bytes rather than characters)
Size = tuple[str, str | None, int, bool]
RECORD_SIZES: tuple[Size, ...] = (
    ("sourceSystem", None, SOURCE_SYSTEM_BYTES, True),
    ("sourceRecordId", None, SOURCE_RECORD_ID_BYTES, True),
)
TYPE_SIZES: dict[str, tuple[Size, ...]] = {
    "Product": (
        ("modelNumber", None, PRODUCT_TEXT_CHARS, False),
        ("category", None, PRODUCT_TEXT_CHARS, False),
        ("name", "ja", PRODUCT_NAME_CHARS, False),
        ("name", "en", PRODUCT_NAME_CHARS, False),
    ),
}

_SIZES = {record_type: RECORD_SIZES + sizes for record_type, sizes in TYPE_SIZES.items()}


def utf8_length(value: str) -> int:
    return len(value) if value.isascii() else len(value.encode("utf-8", "surrogatepass"))


def size_issues(record: dict[str, Any]) -> list[Issue]:
    """Text of a (valid) record that is longer than the hub keeps: `iri-too-long` for the
    `@id`, `literal-too-long` for the others."""
    issues: list[Issue] = []
    iri = record.get("@id")
    if isinstance(iri, str) and utf8_length(iri) > IRI_BYTES:
        issues.append(Issue("$.@id", "iri-too-long", f"at most {IRI_BYTES} bytes (UTF-8)"))
    record_type = record.get("@type")
    sizes = _SIZES.get(record_type, RECORD_SIZES) if isinstance(record_type, str) else RECORD_SIZES
    for key, language, limit, in_bytes in sizes:
        value = record.get(key)
        if language is not None and isinstance(value, dict):
            value = value.get(language)
        if not isinstance(value, str):
            continue
        if (utf8_length(value) if in_bytes else len(value)) > limit:
            name = f"{key}.{language}" if language else key
            unit = "bytes (UTF-8)" if in_bytes else "characters"
            issues.append(Issue(f"$.{name}", "literal-too-long", f"{name}: at most {limit} {unit}"))
    return issues
