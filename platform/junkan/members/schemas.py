"""Request and response bodies for organisations and API keys."""

from __future__ import annotations

import re
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from junkan_connect.identifiers import (
    is_valid_corporate_number,
    is_valid_municipality_code,
    is_valid_prefecture_code,
)
from junkan_connect.vocab.sizes import IRI_BYTES, utf8_length


class OrganizationKind(StrEnum):
    company = "company"
    industry_body = "industry_body"
    municipality = "municipality"
    university = "university"
    research_institute = "research_institute"
    related_org = "related_org"
    secretariat = "secretariat"


class Role(StrEnum):
    member = "member"
    analyst = "analyst"
    secretariat = "secretariat"


class IdentifierError(ValueError):
    """A malformed identifier; `code` becomes the problem code of the 422."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def _corporate_number(value: str) -> str:
    if not is_valid_corporate_number(value):
        raise IdentifierError(
            "invalid-corporate-number",
            "corporate number must be 13 digits with a valid check digit",
        )
    return value


def _municipality_code(value: str) -> str:
    if not is_valid_municipality_code(value):
        raise IdentifierError(
            "invalid-municipality-code",
            "municipality code must be 6 digits (JIS X 0402) with a valid check digit",
        )
    return value


def _prefecture_code(value: str) -> str:
    if not is_valid_prefecture_code(value):
        raise IdentifierError(
            "invalid-prefecture-code", "prefecture code must be 01..47 (JIS X 0401)"
        )
    return value


CorporateNumber = Annotated[str, AfterValidator(_corporate_number)]
MunicipalityCode = Annotated[str, AfterValidator(_municipality_code)]
PrefectureCode = Annotated[str, AfterValidator(_prefecture_code)]
Name = Annotated[str, Field(min_length=1, max_length=300)]


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @field_validator("*", mode="before")
    @classmethod
    def _no_control_characters(cls, value: object) -> object:
        # Names, codes and IRIs are one line of text; a NUL would not even reach PostgreSQL.
        if isinstance(value, str) and _CONTROL.search(value):
            raise ValueError("must not contain control characters (U+0000-U+001F, U+007F)")
        return value


ORG_IRI_BASE = "https://w3id.org/junkan/org/"
_IRI_PATTERN = r"^(https?|urn):[^\s<>\"{}|\\^`]+$"


class OrganizationCreate(_Strict):
    iri: str | None = Field(
        None,
        max_length=IRI_BYTES,
        pattern=_IRI_PATTERN,
        description=f"The IRI records use for this organisation; default {ORG_IRI_BASE}<id>.",
    )
    kind: OrganizationKind
    name_ja: Name
    name_en: Name | None = None
    corporate_number: CorporateNumber | None = None
    municipality_code: MunicipalityCode | None = None
    prefecture_code: PrefectureCode | None = None
    group_id: str | None = Field(None, description="Parent organisation (enterprise group).")
    member_since: date | None = None

    @field_validator("iri")
    @classmethod
    def _iri_bytes(cls, value: str | None) -> str | None:
        if value is not None and utf8_length(value) > IRI_BYTES:
            raise ValueError(f"an IRI may have at most {IRI_BYTES} bytes (UTF-8)")
        return value

    @model_validator(mode="after")
    def _municipality_rules(self) -> OrganizationCreate:
        if self.kind == OrganizationKind.municipality and not self.municipality_code:
            raise ValueError("a municipality needs a municipality_code")
        if self.kind != OrganizationKind.municipality and self.municipality_code:
            raise ValueError("only municipalities have a municipality_code")
        if self.municipality_code and self.prefecture_code is None:
            self.prefecture_code = self.municipality_code[:2]
        if self.municipality_code and self.municipality_code[:2] != self.prefecture_code:
            raise ValueError("municipality_code does not lie in prefecture_code")
        return self


class OrganizationUpdate(_Strict):
    """Fields a member may change on its own organisation (all optional)."""

    name_ja: Name | None = None
    name_en: Name | None = None
    corporate_number: CorporateNumber | None = None
    prefecture_code: PrefectureCode | None = None


class OrganizationRead(BaseModel):
    id: str
    iri: str
    kind: OrganizationKind
    name_ja: str
    name_en: str | None
    corporate_number: str | None
    municipality_code: str | None
    prefecture_code: str | None
    group_id: str | None
    member_since: date | None
    created_at: datetime
    updated_at: datetime
    version: int

    model_config = ConfigDict(from_attributes=True)


class ApiKeyCreate(_Strict):
    role: Role = Role.member
    label: str | None = Field(None, max_length=200)
    ttl_days: int | None = Field(
        None, ge=1, le=3650, description="Lifetime; default from settings."
    )


class ApiKeyRead(BaseModel):
    id: str
    organization_id: str
    role: Role
    label: str | None
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None

    model_config = ConfigDict(from_attributes=True)


class ApiKeyIssued(ApiKeyRead):
    secret: str = Field(description="The full key. Shown once; store it now.")


class Whoami(BaseModel):
    organization: OrganizationRead
    role: Role
    key_id: str
