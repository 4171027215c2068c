"""Every coded value a person types: any reasonable spelling parses to one canonical form, which
prints in one display form, and the display form parses back to the same canonical value.

The spellings are what people type: the field's own example, dots and spaces, lower case, and
what a Chinese input method gives (full-width digits and letters, the ideographic space).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import pytest

from exporter_desk.domain import (
    BankAccount,
    Container,
    DomainError,
    Incoterm,
    LineItem,
    Party,
    Shipment,
    TradeTerms,
    TransportMode,
    Unit,
    format_account_number,
    format_bic,
    format_container_number,
    format_country,
    format_currency,
    format_hs_code,
    format_iban,
    format_locode,
    format_reference,
    format_registration_id,
    parse_account_number,
    parse_bic,
    parse_container_number,
    parse_container_type,
    parse_country,
    parse_currency,
    parse_flight,
    parse_hs_code,
    parse_iban,
    parse_locode,
    parse_registration_id,
    parse_seal_number,
    parse_transport_document_no,
    parse_voyage,
)
from tests.domain._factories import assert_sentence, bank, party, product


@dataclass(frozen=True)
class Code:
    """One kind of typed code: its parser, its display formatter and how people spell it."""

    name: str  # the words a user message must use to name the field
    parse: Callable[[str], str]
    format: Callable[[str], str]
    canonical: str
    display: str
    spellings: tuple[str, ...]
    bad: str


CODES = [
    Code(
        "HS code",
        parse_hs_code,
        format_hs_code,
        "846729",
        "8467.29",
        ("8467.29", "8467 29", "846729", "８４６７．２９", "８４６７　２９", " 8467-29 "),
        "8467.2",
    ),
    Code(
        "HS code",
        parse_hs_code,
        format_hs_code,
        "84672910",
        "8467.29.10",
        ("8467.29.10", "8467 29 10", "84672910", "８４６７２９１０", "8467.2910"),
        "8467.29.1",
    ),
    Code(
        "UN/LOCODE",
        parse_locode,
        format_locode,
        "CNSHA",
        "CNSHA",
        ("CNSHA", " cnsha ", "CN SHA", "cn sha", "ＣＮＳＨＡ", "ｃｎ　ｓｈａ"),
        "CN-SHA",
    ),
    Code(
        "ISO 6346 container number",
        parse_container_number,
        format_container_number,
        "MSKU1234565",
        "MSKU 123456 5",
        (
            "MSKU1234565",
            "msku 123456 5",
            "MSKU-123456-5",
            "ＭＳＫＵ１２３４５６５",
            " msku1234565 ",
        ),
        "MSKU1234566",
    ),
    Code(
        "IBAN",
        parse_iban,
        format_iban,
        "DE89370400440532013000",
        "DE89 3704 0044 0532 0130 00",
        (
            "DE89370400440532013000",
            "de89 3704 0044 0532 0130 00",
            "DE89 3704 0044 0532 0130 00",
            "ＤＥ８９３７０４００４４０５３２０１３０００",
            " de89370400440532013000 ",
        ),
        "DE89 3704 0044 0532 0130 01",
    ),
    Code(
        "account number",
        parse_account_number,
        format_account_number,
        "456358701234",
        "4563 5870 1234",
        (
            "456358701234",
            "4563 5870 1234",
            " 4563 5870 1234 ",
            "４５６３５８７０１２３４",
            "4563　5870　1234",
        ),
        "4563/5870",
    ),
    Code(
        "SWIFT/BIC",
        parse_bic,
        format_bic,
        "DEUTDEFF",
        "DEUTDEFF",
        ("DEUTDEFF", "deutdeff", " DeutDeff ", "ＤＥＵＴＤＥＦＦ", "DEUT DE FF"),
        "DEUT1EFF",
    ),
    Code(
        "ISO 4217 currency",
        parse_currency,
        format_currency,
        "USD",
        "USD",
        ("USD", "usd", " Usd ", "ＵＳＤ", "u s d"),
        "RMB",
    ),
    Code(
        "ISO 3166 country",
        parse_country,
        format_country,
        "CN",
        "CN",
        ("CN", "cn", " CHN ", "China", "ｃｎ", "People's Republic of China"),
        "PRC",
    ),
    Code(
        "unified social credit code",
        lambda text: parse_registration_id("CN", text),
        format_registration_id,
        "91310000MA1FL4CT3U",
        "91310000MA1FL4CT3U",
        (
            "91310000MA1FL4CT3U",
            "91310000ma1fl4ct3u",
            " 9131 0000 MA1F L4CT 3U ",
            "９１３１００００ＭＡ１ＦＬ４ＣＴ３Ｕ",
            "91310000-MA1FL4CT3-U",
        ),
        "91310000MA1FL4CT3A",
    ),
    Code(
        "tax or registration number",
        lambda text: parse_registration_id("DE", text),
        format_registration_id,
        "DE136695976",
        "DE136695976",
        ("DE136695976", "de136695976", "DE 136 695 976", "136695976", "ＤＥ１３６６９５９７６"),
        "DE136695977",
    ),
    Code(
        "tax or registration number",
        lambda text: parse_registration_id("FR", text),
        format_registration_id,
        "FR40303265045",
        "FR40303265045",
        (
            "FR40303265045",
            "fr 40 303 265 045",
            "40303265045",
            "ｆｒ４０３０３２６５０４５",
            "FR 403.032.650.45",
        ),
        "FR40303265046",
    ),
    Code(
        "seal number",
        parse_seal_number,
        format_reference,
        "OOLGK8812",
        "OOLGK8812",
        ("OOLGK8812", "oolgk8812", "OOLGK 8812", "ｏｏｌｇｋ８８１２", " oolgk 8812 "),
        "OOLGK#8812",
    ),
    Code(
        "voyage number",
        parse_voyage,
        format_reference,
        "061W",
        "061W",
        ("061W", "061w", "061 W", "０６１Ｗ", " 061 w "),
        "061W!",
    ),
    Code(
        "flight number",
        parse_flight,
        format_reference,
        "CA1234",
        "CA1234",
        ("CA1234", "ca1234", "CA 1234", "ＣＡ１２３４", " ca 1234 "),
        "CA#1234",
    ),
    Code(
        "transport document number",
        parse_transport_document_no,
        format_reference,
        "OOLU2718456780",
        "OOLU2718456780",
        (
            "OOLU2718456780",
            "oolu2718456780",
            "OOLU 2718456780",
            "ＯＯＬＵ２７１８４５６７８０",
            " oolu 2718 4567 80 ",
        ),
        "OOLU#2718",
    ),
    Code(
        "container type",
        parse_container_type,
        format_reference,
        "40HC",
        "40HC",
        ("40HC", "40hc", "40 HC", "４０ＨＣ", " 40 hc "),
        "40HC-REEFER",
    ),
]

SPELLINGS = [(code, spelling) for code in CODES for spelling in code.spellings]


def _id(value: object) -> str:
    return value.name if isinstance(value, Code) else repr(value)


def test_every_code_has_at_least_five_spellings() -> None:
    assert len({code.name for code in CODES}) >= 15
    assert all(len(code.spellings) >= 5 for code in CODES)


@pytest.mark.parametrize(("code", "spelling"), SPELLINGS, ids=_id)
def test_each_spelling_parses_to_the_canonical_value(code: Code, spelling: str) -> None:
    assert code.parse(spelling) == code.canonical


@pytest.mark.parametrize("code", CODES, ids=_id)
def test_the_canonical_value_prints_in_its_display_form_and_parses_back(code: Code) -> None:
    assert code.format(code.canonical) == code.display
    assert code.parse(code.display) == code.canonical
    assert code.parse(code.canonical) == code.canonical  # parsing twice changes nothing


@pytest.mark.parametrize("code", CODES, ids=_id)
def test_a_bad_spelling_is_refused_with_a_sentence_naming_the_field(code: Code) -> None:
    with pytest.raises(DomainError) as caught:
        code.parse(code.bad)
    message = caught.value.user_message
    assert_sentence(message)
    assert code.bad in message
    assert code.name in message


@pytest.mark.parametrize(
    ("parse", "message"),
    [
        (parse_country, "The country is required"),
        (parse_currency, "The currency is required"),
        (parse_hs_code, "The HS code is required"),
        (parse_locode, "The port (UN/LOCODE) is required"),
        (parse_container_number, "The container number is required"),
        (parse_iban, "The IBAN is required"),
        (parse_bic, "The SWIFT/BIC code is required"),
    ],
)
def test_an_empty_code_says_it_is_required_in_words(
    parse: Callable[[str], str], message: str
) -> None:
    for empty in ("", "   ", "\u3000"):
        with pytest.raises(DomainError) as caught:
            parse(empty)
        assert caught.value.user_message.startswith(message)
        assert "''" not in caught.value.user_message


# --- domain objects hold the canonical value ---------------------------------------------------


def test_a_product_holds_its_codes_canonical_whatever_was_typed() -> None:
    typed = product(hs_code="８４６７．２９", currency="usd", origin_country="China")
    assert (typed.hs_code, typed.currency, typed.origin_country) == ("846729", "USD", "CN")
    assert typed.problems() == []
    assert typed == product(hs_code="846729", currency="USD", origin_country="CN")


def test_a_line_and_the_trade_terms_hold_their_codes_canonical() -> None:
    line = LineItem("Drill", "8467 29", Decimal(1), Unit.SET, Decimal("45.9"))
    assert line.hs_code == "846729"
    terms = TradeTerms("eur", Incoterm.CIF, "Hamburg", " cnsha ", "de ham")
    assert (terms.currency, terms.port_of_loading, terms.port_of_discharge) == (
        "EUR",
        "CNSHA",
        "DEHAM",
    )


def test_a_party_holds_country_registration_id_iban_and_bic_canonical() -> None:
    typed = party(
        country="cn",
        registration_id="91310000ma1fl4ct3u",
        bank=bank(account_number="de89 3704 0044 0532 0130 00", swift="deutdeff"),
    )
    assert isinstance(typed, Party)
    assert typed.country == "CN"
    assert typed.registration_id == "91310000MA1FL4CT3U"
    assert isinstance(typed.bank, BankAccount)
    assert typed.bank.account_number == "DE89370400440532013000"
    assert typed.bank.swift == "DEUTDEFF"
    assert typed.problems() == []


def test_an_eu_vat_id_is_held_with_its_country_prefix() -> None:
    assert party(country="Germany", registration_id="136 695 976").registration_id == (
        "DE136695976"
    )


def test_a_shipment_holds_ports_containers_and_references_canonical() -> None:
    typed = Shipment(
        reference="SH-1",
        mode=TransportMode.SEA,
        port_of_loading="cn sha",
        port_of_discharge="ＤＥＨＡＭ",
        voyage="042 w",
        transport_document_no="cosu 6123456780",
        containers=(Container("msku 123456 5", seal="cn 1234567", size_type="40hc"),),
    )
    assert isinstance(typed, Shipment)
    assert (typed.port_of_loading, typed.port_of_discharge) == ("CNSHA", "DEHAM")
    assert (typed.voyage, typed.transport_document_no) == ("042W", "COSU6123456780")
    assert typed.containers[0] == Container("MSKU1234565", "CN1234567", "40HC")
    assert typed.problems() == []


def test_a_value_that_does_not_parse_is_kept_as_typed_and_reported() -> None:
    typed = product(hs_code="8467.2")
    assert typed.hs_code == "8467.2"  # never lost: the editor shows it back with the problem
    assert [p.field for p in typed.problems()] == ["hs_code"]


def test_an_empty_required_country_says_it_is_required() -> None:
    problems = party(country="").problems()
    assert [(p.field, p.message) for p in problems] == [("country", "The country is required.")]
    problems = product(origin_country=" ").problems()
    assert [(p.field, p.message) for p in problems] == [
        ("origin_country", "The country of origin is required.")
    ]


def test_a_display_form_that_is_not_canonical_is_never_cut_into_pieces() -> None:
    # a raw row the migration could not parse prints as it is, not as "8467..2.9"
    assert format_hs_code("8467.29") == "8467.29"
    assert format_hs_code("8467 29") == "8467.29"
    assert format_hs_code("84x") == "84x"
    assert format_container_number("ABC") == "ABC"
    assert format_account_number("0012-345-678901") == "0012-345-678901"
