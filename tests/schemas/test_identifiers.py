"""Check digits with real codes, in the runtime helpers and in the generated validators."""

from __future__ import annotations

import pytest

from junkan_connect.identifiers import (
    corporate_number_check_digit,
    is_valid_corporate_number,
    is_valid_municipality_code,
    municipality_check_digit,
)
from junkan_connect.vocab import CONTEXT_URL, validate
from junkan_connect.vocab.generated.models import Organization

# JIS X 0402: Chiyoda, Shinjuku, Sapporo, Hokkaido (prefecture), Kitakyushu, Okinawa (prefecture)
MUNICIPALITIES = ["131016", "131041", "011002", "010006", "401005", "470007"]
# National Tax Agency; Toyota Motor Corporation
CORPORATE = ["7000012050002", "1180301018771"]


@pytest.mark.parametrize("code", MUNICIPALITIES)
def test_municipality_codes(code):
    assert is_valid_municipality_code(code)
    assert municipality_check_digit(code[:5]) == int(code[5])
    wrong = code[:5] + str((int(code[5]) + 1) % 10)
    assert not is_valid_municipality_code(wrong)


@pytest.mark.parametrize("number", CORPORATE)
def test_corporate_numbers(number):
    assert is_valid_corporate_number(number)
    assert corporate_number_check_digit(number[1:]) == int(number[0])
    assert not is_valid_corporate_number(str(int(number[0]) % 9 + 1) + number[1:])


def _org(**extra):
    return {
        "@context": CONTEXT_URL,
        "@id": "https://example.org/o",
        "@type": "Organization",
        "name": {"en": "x"},
        "organizationKind": "company",
        "disclosure": "public",
        **extra,
    }


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("corporateNumber", "7000012050003", "invalid-corporate-number"),
        ("corporateNumber", "70000120500", "invalid-corporate-number"),
        ("municipalityCode", "131017", "invalid-municipality-code"),
        ("municipalityCode", "481016", "invalid-municipality-code"),
    ],
)
def test_validators_reject_wrong_check_digits(field, value, code):
    assert [i.code for i in validate(_org(**{field: value}))] == [code]
    with pytest.raises(ValueError):
        Organization.model_validate(_org(**{field: value}))


def test_validators_accept_real_codes():
    doc = _org(corporateNumber=CORPORATE[0], municipalityCode="131016")
    assert validate(doc) == []
    Organization.model_validate(doc)
