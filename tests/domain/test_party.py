"""Parties and bank accounts: every rule with a good and a bad example, tied to its field."""

from __future__ import annotations

import pytest

from exporter_desk.domain import ValidationError
from tests.domain._factories import (
    VALID_BIC,
    VALID_DE_VAT,
    VALID_IBAN,
    assert_sentence,
    bank,
    fields_of,
    only_problem,
    party,
)

# --- bank accounts ---------------------------------------------------------------------------


def test_a_complete_bank_account_has_no_problems() -> None:
    assert bank().problems() == []


@pytest.mark.parametrize(
    "number",
    [VALID_IBAN, VALID_IBAN.replace(" ", ""), VALID_IBAN.lower(), "DE89 3704 0044 0532 0130 00"],
)
def test_a_valid_iban_is_accepted(number: str) -> None:
    assert bank(account_number=number).problems() == []


@pytest.mark.parametrize(
    "number",
    ["GB82 WEST 1234 5698 7654 33", "GB82 WEST 1234", "DE89 3704 0044 0532 0130 01"],
    ids=["wrong-check-digits", "too-short", "wrong-bban"],
)
def test_an_invalid_iban_is_reported_on_the_account_number(number: str) -> None:
    problem = only_problem(bank(account_number=number).problems())
    assert problem.field == "account_number"
    assert "looks like an IBAN but is not valid" in problem.message


@pytest.mark.parametrize("number", ["6222 0210 0112 3456 789", "0012-345-678901", "123456789012"])
def test_a_domestic_account_number_of_letters_and_digits_is_accepted(number: str) -> None:
    assert bank(account_number=number).problems() == []


@pytest.mark.parametrize("number", ["1" * 35, "1234/5678", "12345#"])
def test_a_domestic_account_number_that_is_too_long_or_has_symbols_is_refused(number: str) -> None:
    problem = only_problem(bank(account_number=number).problems())
    assert problem.field == "account_number"
    assert "an account number has at most 34 letters and digits" in problem.message


@pytest.mark.parametrize("swift", [VALID_BIC, "BKCHCNBJ", "DEUTDEFF", "deutdeff500"])
def test_a_swift_code_of_8_or_11_characters_is_accepted(swift: str) -> None:
    assert bank(swift=swift).problems() == []


def test_a_bank_account_may_leave_out_the_swift_code() -> None:
    assert bank(swift="").problems() == []


@pytest.mark.parametrize("swift", ["BKCH", "BKCHCNBJ30", "1KCHCNBJ", "BKCHZZBJ"])
def test_a_malformed_swift_code_is_refused(swift: str) -> None:
    problem = only_problem(bank(swift=swift).problems())
    assert problem.field == "swift"
    assert f"'{swift}' is not a SWIFT/BIC code" in problem.message


def test_bank_name_and_account_number_are_required() -> None:
    problems = bank(bank_name=" ", account_number="").problems()
    assert fields_of(problems) == ["bank_name", "account_number"]
    assert [p.message for p in problems] == [
        "Bank name is required.",
        "Account number is required.",
    ]


def test_bank_address_and_account_name_are_limited_in_length() -> None:
    problems = bank(bank_address="x" * 2001, account_name="y" * 201).problems()
    assert fields_of(problems) == ["bank_address", "account_name"]
    assert problems[0].message == "Bank address is 2,001 characters long; at most 2,000 fit."
    assert problems[1].message == "Account name is 201 characters long; at most 200 fit."


# --- parties -----------------------------------------------------------------------------------


def test_a_complete_party_has_no_problems_and_validates_to_itself() -> None:
    good = party()
    assert good.problems() == []
    assert good.validated() is good


def test_the_english_name_is_required() -> None:
    problem = only_problem(party(name_en="   ").problems())
    assert (problem.field, problem.message) == ("name_en", "The English name is required.")


def test_an_english_name_over_200_characters_is_one_problem() -> None:
    problem = only_problem(party(name_en="N" * 201).problems())
    assert problem.field == "name_en"
    assert problem.message == "The English name is 201 characters long; at most 200 fit."


def test_a_name_with_control_characters_is_reported_once() -> None:
    # the name used to be checked twice, so the same sentence appeared twice beside the field
    problem = only_problem(party(name_en="ACME\x00 Ltd").problems())
    assert problem.field == "name_en"
    assert problem.message == "The English name contains invisible control characters; retype it."


def test_an_address_may_span_lines() -> None:
    assert party(address_en="88 Century Avenue\nPudong\tShanghai").problems() == []


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("address_en", "", "The English address is required."),
        ("name_zh", "名" * 201, "The Chinese name is 201 characters long; at most 200 fit."),
        (
            "address_zh",
            "址" * 2001,
            "The Chinese address is 2,001 characters long; at most 2,000 fit.",
        ),
        ("contact", "c" * 201, "Contact is 201 characters long; at most 200 fit."),
        ("email", "sales.example.cn", "'sales.example.cn' is not an e-mail address."),
        ("email", "sales @example.cn", "'sales @example.cn' is not an e-mail address."),
    ],
)
def test_each_text_field_reports_its_own_problem(field: str, value: str, message: str) -> None:
    problem = only_problem(party(**{field: value}).problems())
    assert (problem.field, problem.message) == (field, message)


def test_an_unknown_country_is_reported_on_the_country() -> None:
    problem = only_problem(party(country="XX").problems())
    assert problem.field == "country"
    assert "'XX' is not an ISO 3166 country code" in problem.message


def test_the_country_may_be_given_as_alpha_3() -> None:
    assert party(country="CHN").problems() == []


def test_a_registration_id_is_checked_for_the_party_country() -> None:
    assert party(country="DE", registration_id=VALID_DE_VAT).problems() == []
    problem = only_problem(party(country="DE", registration_id="DE136695977").problems())
    assert problem.field == "registration_id"
    assert "tax or registration number for Germany" in problem.message


def test_a_wrong_unified_social_credit_code_is_reported_on_the_registration_id() -> None:
    problem = only_problem(party(registration_id="91310000MA1FL4CT3A").problems())
    assert problem.field == "registration_id"
    assert "unified social credit code for China" in problem.message


def test_the_registration_id_is_not_judged_while_the_country_is_wrong() -> None:
    assert fields_of(party(country="??", registration_id="whatever").problems()) == ["country"]


def test_bank_problems_are_nested_under_bank() -> None:
    problems = party(bank=bank(swift="BAD", account_number="GB00 0000")).problems()
    assert fields_of(problems) == ["bank.account_number", "bank.swift"]
    for problem in problems:
        assert_sentence(problem.message)


def test_validated_lists_every_problem_of_the_party() -> None:
    with pytest.raises(ValidationError) as caught:
        party(name_en="", country="XX").validated()
    error = caught.value
    assert error.subject == "party"
    assert fields_of(list(error.problems)) == ["name_en", "country"]
    assert error.user_message.startswith("The party has 2 problems to fix: name_en: ")
    assert error.messages_for("name_en") == ["The English name is required."]


def test_display_name_adds_the_chinese_name_on_request() -> None:
    assert party().display_name() == "Shanghai Ceramics Export Co., Ltd."
    assert party().display_name(with_chinese=True) == (
        "Shanghai Ceramics Export Co., Ltd.\n上海陶瓷出口有限公司"
    )
    assert party(name_zh="").display_name(with_chinese=True) == "Shanghai Ceramics Export Co., Ltd."
