"""Check digits on real published codes, and RFC 8785 canonical JSON."""

from __future__ import annotations

import json

import pytest

from junkan_connect.canonical import canonical_json, content_hash
from junkan_connect.identifiers import (
    is_valid_corporate_number,
    is_valid_municipality_code,
    is_valid_prefecture_code,
)

# Municipality codes published by MIC: Chiyoda, Shinjuku, Sapporo, Hokkaido (the prefecture).
VALID_MUNICIPALITIES = ["131016", "131041", "011002", "010006", "271004", "401005", "472018"]
# Corporate numbers published by the National Tax Agency's register (国税庁, トヨタ自動車).
VALID_CORPORATE = ["7000012050002", "1180301018771"]


@pytest.mark.parametrize("code", VALID_MUNICIPALITIES)
def test_real_municipality_codes_are_valid(code) -> None:
    assert is_valid_municipality_code(code)


@pytest.mark.parametrize(
    "code", ["131017", "13101", "1310160", "481001", "00000X", "", "１３１０１６"]
)
def test_bad_municipality_codes(code) -> None:
    assert not is_valid_municipality_code(code)


@pytest.mark.parametrize("code", VALID_CORPORATE)
def test_real_corporate_numbers_are_valid(code) -> None:
    assert is_valid_corporate_number(code)


def test_every_wrong_check_digit_is_caught() -> None:
    for number in VALID_CORPORATE:
        for digit in "0123456789":
            if digit != number[0]:
                assert not is_valid_corporate_number(digit + number[1:])
    for code in VALID_MUNICIPALITIES:
        for digit in "0123456789":
            if digit != code[5]:
                assert not is_valid_municipality_code(code[:5] + digit)


def test_prefecture_codes() -> None:
    assert all(is_valid_prefecture_code(f"{n:02d}") for n in range(1, 48))
    assert not any(is_valid_prefecture_code(c) for c in ["00", "48", "1", "013"])


@pytest.mark.parametrize(
    ("number", "text"),
    [
        (333333333.33333329, "333333333.3333333"),
        (1e30, "1e+30"),
        (4.50, "4.5"),
        (2e-3, "0.002"),
        (0.000000000000000000000000001, "1e-27"),
        (1e-5, "0.00001"),
        (-1e-6, "-0.000001"),
        (1e-7, "1e-7"),
        (1e16, "10000000000000000"),
        (1e21, "1e+21"),
        (-0.0, "0"),
        (123.0, "123"),
    ],
)
def test_rfc8785_numbers(number, text) -> None:
    assert canonical_json(number).decode() == text


def test_rfc8785_sorting_and_strings() -> None:
    value = {"b": [1, True, None], "a": 'é\n"', "€": 1, "\u0080": 2, "1": 3}
    assert (
        canonical_json(value) == '{"1":3,"a":"é\\n\\"","b":[1,true,null],"\u0080":2,"€":1}'.encode()
    )
    assert json.loads(canonical_json(value)) == value


def test_content_hash_ignores_key_order_and_whitespace() -> None:
    assert content_hash({"a": 1, "b": 2.0}) == content_hash(json.loads('{ "b" : 2, "a" : 1 }'))


def test_non_finite_numbers_have_no_canonical_form() -> None:
    with pytest.raises(ValueError):
        canonical_json(float("nan"))
