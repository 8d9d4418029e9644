"""The Junkan vocabulary at runtime: artefacts, code lists, units and the fast validator.

Imports only the standard library and pydantic (through the generated models), so it runs in
a connector without the hub's dependencies.
"""

from junkan_connect.vocab.codes import (
    Code,
    CodeList,
    UnknownCodeError,
    code_list,
    is_code,
    lookup,
    to_csv,
)
from junkan_connect.vocab.resources import (
    CONTEXT_URL,
    NAMESPACE,
    code_schemes,
    context_document,
    read_text,
)
from junkan_connect.vocab.units import (
    UnitError,
    is_known_unit,
    is_mass_unit,
    kg_factor,
    normalise_mass,
    to_kg,
)
from junkan_connect.vocab.validate import RECORD_TYPES, Issue, is_valid, validate

__all__ = [
    "CONTEXT_URL",
    "NAMESPACE",
    "RECORD_TYPES",
    "Code",
    "CodeList",
    "Issue",
    "UnitError",
    "UnknownCodeError",
    "code_list",
    "code_schemes",
    "context_document",
    "is_code",
    "is_known_unit",
    "is_mass_unit",
    "is_valid",
    "kg_factor",
    "lookup",
    "normalise_mass",
    "read_text",
    "to_csv",
    "to_kg",
    "validate",
]
