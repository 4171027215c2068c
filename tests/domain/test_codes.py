"""Code lists: ISO 3166, ISO 4217, Incoterms 2020, UN/LOCODE, HS codes, registration ids."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from stdnum.cn import uscc
from stdnum.de import vat as de_vat

from exporter_desk.domain import (
    Incoterm,
    InvalidRegistrationIdError,
    MissingCodeError,
    Port,
    UnknownCodeError,
    country_name,
    format_hs_code,
    minor_units,
    normalize_country,
    normalize_currency,
    normalize_hs_code,
    normalize_locode,
    normalize_registration_id,
)
from exporter_desk.domain.codes import all_countries, all_currencies
from tests.domain._factories import VALID_DE_VAT, VALID_USCC, assert_sentence

# --- countries -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "expected"),
    [("CN", "CN"), ("cn", "CN"), (" de ", "DE"), ("CHN", "CN"), ("deu", "DE"), ("VNM", "VN")],
)
def test_country_accepts_iso_3166_alpha_2_and_alpha_3_in_any_case(code: str, expected: str) -> None:
    assert normalize_country(code) == expected


@pytest.mark.parametrize("code", ["ZZ", "UK", "XXX", "C", "CHNA", "Chinaa", "E1"])
def test_unknown_country_is_refused_with_an_example_of_a_good_code(code: str) -> None:
    with pytest.raises(UnknownCodeError) as caught:
        normalize_country(code)
    message = caught.value.user_message
    assert_sentence(message)
    assert "ISO 3166" in message and "CN" in message


def test_country_names_print_the_common_name() -> None:
    assert country_name("CN") == "China"
    assert country_name("TW") == "Taiwan"
    assert country_name("ZZ") == "ZZ"


def test_the_country_picker_lists_every_country_sorted_by_name() -> None:
    countries = all_countries()
    assert len(countries) >= 249
    assert [name for _, name in countries] == sorted(name for _, name in countries)
    assert ("DE", "Germany") in countries


# --- currencies ----------------------------------------------------------------------------


@pytest.mark.parametrize(("code", "expected"), [("USD", "USD"), ("usd", "USD"), (" eur ", "EUR")])
def test_currency_accepts_iso_4217_codes_in_any_case(code: str, expected: str) -> None:
    assert normalize_currency(code) == expected


@pytest.mark.parametrize("code", ["XXX", "XAU", "XTS", "XDR", "ABC", "US", "USDD", "RMB"])
def test_unknown_and_non_invoice_currencies_are_refused(code: str) -> None:
    with pytest.raises(UnknownCodeError) as caught:
        normalize_currency(code)
    message = caught.value.user_message
    assert_sentence(message)
    assert "ISO 4217" in message and "USD" in message


@pytest.mark.parametrize(
    ("currency", "units"),
    [
        ("JPY", 0),
        ("KRW", 0),
        ("VND", 0),
        ("USD", 2),
        ("IDR", 2),
        ("KWD", 3),
        ("BHD", 3),
        ("CLF", 4),
    ],
)
def test_minor_units_follow_iso_4217(currency: str, units: int) -> None:
    assert minor_units(currency) == units
    assert minor_units(currency.lower()) == units


def test_the_currency_picker_leaves_out_codes_that_are_not_money() -> None:
    codes = {code for code, _ in all_currencies()}
    assert {"USD", "EUR", "CNY", "JPY", "KWD"} <= codes
    assert not {"XXX", "XAU", "XTS"} & codes


# --- Incoterms -----------------------------------------------------------------------------

INCOTERMS_2020 = ["EXW", "FCA", "CPT", "CIP", "DAP", "DPU", "DDP", "FAS", "FOB", "CFR", "CIF"]


def test_there_are_exactly_the_eleven_incoterms_2020_rules() -> None:
    assert sorted(member.value for member in Incoterm) == sorted(INCOTERMS_2020)


@pytest.mark.parametrize("code", INCOTERMS_2020)
def test_every_incoterms_2020_rule_parses_in_any_case(code: str) -> None:
    assert Incoterm.parse(code) is Incoterm(code)
    assert Incoterm.parse(f" {code.lower()} ") is Incoterm(code)
    assert Incoterm(code).label


@pytest.mark.parametrize("code", ["DAT", "DDU", "DAF", "DES", "DEQ", "FOB Shanghai", "", "C&F"])
def test_incoterms_2010_and_older_rules_are_refused(code: str) -> None:
    with pytest.raises(UnknownCodeError) as caught:
        Incoterm.parse(code)
    message = caught.value.user_message
    assert_sentence(message)
    assert "Incoterms 2020" in message and "DPU" in message


def test_only_fas_fob_cfr_and_cif_are_sea_terms() -> None:
    assert {t for t in Incoterm if t.is_sea_only} == {
        Incoterm.FAS,
        Incoterm.FOB,
        Incoterm.CFR,
        Incoterm.CIF,
    }
    assert {t for t in Incoterm if t.seller_insures} == {Incoterm.CIF, Incoterm.CIP}
    assert Incoterm.DPU.label == "Delivered at Place Unloaded"


# --- UN/LOCODE -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("CNSHA", "CNSHA"),
        ("CN SHA", "CNSHA"),
        ("cnsha", "CNSHA"),
        (" DEHAM ", "DEHAM"),
        ("CNSZ9", "CNSZ9"),
    ],
)
def test_locode_is_normalised_to_five_characters(code: str, expected: str) -> None:
    assert normalize_locode(code) == expected


@pytest.mark.parametrize(
    "code",
    ["CNSH0", "CNSH1", "CN-SHA", "CNSHAX", "CNSH", "1NSHA", "Shanghai"],
    ids=["digit-0", "digit-1", "dash", "six-chars", "four-chars", "digit-country", "name"],
)
def test_malformed_locode_is_refused(code: str) -> None:
    with pytest.raises(UnknownCodeError) as caught:
        normalize_locode(code)
    message = caught.value.user_message
    assert_sentence(message)
    assert "UN/LOCODE" in message and "CNSHA" in message


def test_locode_with_an_unknown_country_is_refused() -> None:
    with pytest.raises(UnknownCodeError) as caught:
        normalize_locode("XXSHA")
    assert "'XX' is not an ISO 3166 country code" in caught.value.user_message


def test_a_port_prints_its_name_and_locode() -> None:
    assert str(Port("CNSHA", "Shanghai")) == "Shanghai, CNSHA"
    assert str(Port("CNSHA")) == "CNSHA"


# --- HS codes ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("847130", "847130"),
        ("8471.30", "847130"),
        ("8471.30.00", "84713000"),
        ("8471 30 00 00", "8471300000"),
        ("8471300000", "8471300000"),
        ("010121", "010121"),
        ("9706.10", "970610"),
    ],
)
def test_hs_code_of_six_eight_or_ten_digits_is_accepted_without_dots(
    code: str, expected: str
) -> None:
    assert normalize_hs_code(code) == expected


@pytest.mark.parametrize(
    "code",
    ["84713", "8471300", "847130000", "84713000000", "8471AB", "HS8471", "8471.30x"],
    ids=["5", "7", "9", "11", "letters", "prefix", "trailing-letter"],
)
def test_malformed_hs_code_is_refused(code: str) -> None:
    with pytest.raises(UnknownCodeError) as caught:
        normalize_hs_code(code)
    message = caught.value.user_message
    assert_sentence(message)
    assert "6, 8 or 10 digits" in message


@pytest.mark.parametrize("code", ["000000", "7700.00", "980100", "99010000"])
def test_hs_code_in_a_chapter_that_does_not_exist_is_refused(code: str) -> None:
    with pytest.raises(UnknownCodeError) as caught:
        normalize_hs_code(code)
    message = caught.value.user_message
    assert_sentence(message)
    assert f"chapter {code[:2]}" in message


def test_hs_code_prints_with_dots_as_customs_forms_do() -> None:
    assert format_hs_code("847130") == "8471.30"
    assert format_hs_code("84713000") == "8471.30.00"
    assert format_hs_code("8471300000") == "8471.30.00.00"


# --- registration ids ----------------------------------------------------------------------


def test_chinese_unified_social_credit_code_with_its_check_digit_is_accepted() -> None:
    assert uscc.is_valid(VALID_USCC)  # the reference agrees it is valid
    assert normalize_registration_id("CN", VALID_USCC) == VALID_USCC
    assert normalize_registration_id("cn", " 91310000ma1fl4ct3u ") == VALID_USCC


def test_chinese_unified_social_credit_code_with_a_wrong_check_digit_is_refused() -> None:
    wrong = VALID_USCC[:-1] + "A"
    assert not uscc.is_valid(wrong)
    with pytest.raises(InvalidRegistrationIdError) as caught:
        normalize_registration_id("CN", wrong)
    message = caught.value.user_message
    assert_sentence(message)
    assert "unified social credit code for China" in message
    assert wrong in str(caught.value)


def test_german_vat_number_is_accepted_and_keeps_its_country_prefix() -> None:
    assert de_vat.is_valid(VALID_DE_VAT)
    assert normalize_registration_id("DE", VALID_DE_VAT) == "DE136695976"
    assert normalize_registration_id("DE", "DE 136 695 976") == "DE136695976"
    assert normalize_registration_id("DE", "136695976") == "DE136695976"


def test_bidirectional_override_characters_are_refused_in_text() -> None:
    from exporter_desk.domain._checks import Checker

    check = Checker()
    assert not check.text("name_en", "Total USD 1\u202e000", "The name")
    assert check.problems[0].message == "The name contains invisible control characters; retype it."


@pytest.mark.parametrize("value", ["DE136695977", "DE12345", "FR40303265045"])
def test_bad_german_vat_number_is_refused(value: str) -> None:
    with pytest.raises(InvalidRegistrationIdError) as caught:
        normalize_registration_id("DE", value)
    message = caught.value.user_message
    assert_sentence(message)
    assert "tax or registration number for Germany" in message


def test_registration_id_of_a_country_without_a_checker_is_kept_as_text() -> None:
    assert normalize_registration_id("AE", " 100123456700003 ") == "100123456700003"


@pytest.mark.parametrize("value", ["x" * 41, "123\x00456", "12\n34"])
def test_registration_id_without_a_checker_must_be_short_printable_text(value: str) -> None:
    with pytest.raises(InvalidRegistrationIdError) as caught:
        normalize_registration_id("AE", value)
    assert caught.value.user_message == (
        "The registration id must be at most 40 printable characters."
    )


@pytest.mark.parametrize(
    ("parse", "message"),
    [
        (normalize_currency, "The currency is required; use three letters such as USD"),
        (normalize_hs_code, "The HS code is required; use 6, 8 or 10 digits, such as 8471.30."),
    ],
)
def test_an_empty_required_code_says_it_is_required_and_how_to_write_it(
    parse: Callable[[str], str], message: str
) -> None:
    with pytest.raises(MissingCodeError) as caught:
        parse("  ")
    assert caught.value.user_message.startswith(message)
