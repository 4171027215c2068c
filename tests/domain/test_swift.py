"""The MT700/MT707 reader, on credits written in the published field format."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from exporter_desk.domain.codes import Incoterm
from exporter_desk.domain.credit import Permission, RequiredKind
from exporter_desk.domain.samples import sample_book, sample_credit_mt700
from exporter_desk.domain.swift import (
    SwiftFormatError,
    parse_mt700,
    parse_mt707,
    parse_swift_amount,
    parse_swift_date,
    required_document,
)

# A Chinese bank's credit for Vietnamese cashew kernels, usance, partial shipments allowed.
CASHEW = """{1:F01VCBVVNVXAXXX0000000000}{2:O7000915261010ICBKCNBJXXXXN}{3:{108:LC26CN0301}}{4:
:27:1/1
:40A:IRREVOCABLE
:20:LC2610ICBK0301
:31C:261010
:40E:UCP LATEST VERSION
:31D:270115HO CHI MINH CITY
:51A:ICBKCNBJXXX
:50:XIAMEN GOLDEN HARVEST FOODS CO., LTD.
NO. 18 HAICANG ROAD, XIAMEN, CHINA
:59:/0071001234567
VINACASHEW EXPORT JOINT STOCK COMPANY
BINH PHUOC PROVINCE, VIET NAM
:32B:USD245000,
:39A:05/05
:41A:VCBVVNVXXXX
BY NEGOTIATION
:42C:AT 90 DAYS AFTER B/L DATE
:42A:ICBKCNBJXXX
:43P:ALLOWED
:43T:NOT ALLOWED
:44E:HO CHI MINH CITY (VNSGN), VIET NAM
:44F:XIAMEN (CNXMN), CHINA
:44C:261220
:45A:+35 MT CASHEW KERNELS WW320, CROP 2026
+CFR XIAMEN INCOTERMS 2020
:46A:+SIGNED COMMERCIAL INVOICE IN TRIPLICATE
+2/3 SET OF CLEAN ON BOARD BILLS OF LADING MADE OUT TO ORDER
+PHYTOSANITARY CERTIFICATE ISSUED BY PLANT PROTECTION DEPARTMENT
+INSPECTION CERTIFICATE OF QUALITY AND WEIGHT ISSUED BY VINACONTROL
:47A:+ONE THIRD ORIGINAL B/L TO BE SENT DIRECTLY TO THE APPLICANT
:71D:ALL CHARGES OUTSIDE CHINA FOR BENEFICIARY
:48:21/FROM THE DATE OF SHIPMENT
:49:WITHOUT
-}"""

# A German importer's air credit in euros, written with continuation lines throughout and CRLF.
CONTINUED = "\r\n".join(
    [
        ":27:1/1",
        ":40A:IRREVOCABLE",
        ":20:COBADE26LC7781",
        ":31C:260905",
        ":40E:UCP LATEST VERSION",
        ":31D:261130FRANKFURT AM MAIN",
        ":50:OPTIK WETZLAR GMBH",
        "INDUSTRIESTRASSE 12",
        "35578 WETZLAR, GERMANY",
        ":59:SHENZHEN BRIGHT LENS",
        "TECHNOLOGY CO., LTD.",
        "BAO'AN DISTRICT, SHENZHEN, CHINA",
        ":32B:EUR88450,50",
        ":41D:ANY BANK",
        "BY NEGOTIATION",
        ":42C:AT SIGHT",
        ":42A:COBADEFFXXX",
        ":43P:NOT ALLOWED",
        ":43T:ALLOWED",
        ":44E:SHENZHEN BAO'AN AIRPORT (CNSZX)",
        ":44F:FRANKFURT AIRPORT (DEFRA)",
        ":44C:261031",
        ":45A:+ABOUT 12,000 PCS OPTICAL LENS MODULES, TYPE",
        "OL-25, AS PER PROFORMA INVOICE NO. SBL-PI-2608",
        "DATED 20 AUGUST 2026",
        "+FCA SHENZHEN AIRPORT INCOTERMS 2020",
        ":46A:+COMMERCIAL INVOICE IN 2 ORIGINALS AND 1 COPY",
        "SHOWING THE CREDIT NUMBER",
        "+AIR WAYBILL CONSIGNED TO OPTIK WETZLAR GMBH,",
        "MARKED FREIGHT COLLECT, NOTIFY APPLICANT",
        "+PACKING LIST IN ONE ORIGINAL AND THREE COPIES",
        ":47A:+DOCUMENTS ISSUED EARLIER THAN THE CREDIT",
        "DATE ARE ACCEPTABLE",
        ":71D:ALL CHARGES OUTSIDE GERMANY",
        "ARE FOR THE BENEFICIARY",
        ":48:DOCUMENTS TO BE PRESENTED WITHIN 15 DAYS",
        "AFTER THE DATE OF SHIPMENT BUT WITHIN THE",
        "VALIDITY OF THE CREDIT",
        ":49:CONFIRM",
    ]
)

# A credit with fields the form does not hold and values the reader must refuse, not guess.
UNPLACED = """Received from SWIFT Alliance, printed 2026-10-02
:27:1/1
:40A:IRREVOCABLE
:23:PREADV/2609-118
:20:HSBCHK26LC0455
:31C:261332
:31D:270228HONG KONG
:50:PACIFIC RIM HOUSEWARES LTD
:59:NINGBO HOMESTAR CERAMICS CO LTD
:32B:XYZ150000,00
:39A:TEN PERCENT
:43P:SUBJECT TO APPROVAL
:44E:NINGBO (CNNGB), CHINA
:44F:HONG KONG (HKHKG)
:45A:+20,000 SETS STONEWARE DINNER SETS, 16 PIECES
+FOB NINGBO
:46A:+COMMERCIAL INVOICE IN 3 ORIGINALS
:57A:HSBCCNSHNBO
:72Z:PLEASE ACKNOWLEDGE RECEIPT
:78:ON RECEIPT OF COMPLIANT DOCUMENTS WE SHALL REMIT
:20:HSBCHK26LC0999
"""

# A Japanese yen credit: no decimals, 48 as a bare number, older 43P wording.
YEN = """:40A:IRREVOCABLE
:20:MUFG-26-LC-0093
:31C:260801
:40E:UCP LATEST VERSION
:31D:261015OSAKA
:50:KANSAI MACHINE PARTS K.K.
OSAKA, JAPAN
:59:DALIAN PRECISION BEARING CO LTD
DALIAN, CHINA
:32B:JPY12500000,
:39A:10/10
:41D:ANY BANK BY NEGOTIATION
:42C:AT SIGHT
:42A:BOTKJPJTXXX
:43P:PROHIBITED
:43T:PERMITTED
:44E:DALIAN (CNDLC)
:44F:OSAKA (JPOSA)
:44C:260930
:45A:+BALL BEARINGS 6204-2RS, 40,000 PCS
+CIF OSAKA INCOTERMS 2020
:46A:+SIGNED COMMERCIAL INVOICE IN 5 COPIES
+FULL SET OF CLEAN ON BOARD OCEAN BILLS OF LADING
+MARINE INSURANCE POLICY OR CERTIFICATE IN DUPLICATE FOR 110 PCT OF CIF VALUE
+CERTIFICATE OF ORIGIN FORM E IN ONE ORIGINAL AND ONE COPY
+BENEFICIARY'S CERTIFICATE THAT ONE SET OF COPIES WAS SENT TO THE APPLICANT
:48:10
:49:WITHOUT
"""


def test_the_sample_credit_is_read_completely() -> None:
    book = sample_book(dt.date(2026, 11, 2))
    reading = parse_mt700(sample_credit_mt700(book))
    credit = reading.credit
    assert reading.unplaced == () and reading.missing == () and credit.problems() == []
    assert credit.number == "DEUTLC26889120"
    assert (credit.currency, credit.amount) == ("USD", book.invoice.total().amount)
    assert credit.expiry_place == "HAMBURG"
    assert credit.beneficiary.startswith("SHANGHAI HUAYANG")  # the account line is dropped
    assert [d.kind for d in credit.documents] == [
        RequiredKind.COMMERCIAL_INVOICE,
        RequiredKind.PACKING_LIST,
        RequiredKind.TRANSPORT_DOCUMENT,
        RequiredKind.INSURANCE,
        RequiredKind.CERTIFICATE_OF_ORIGIN,
        RequiredKind.BENEFICIARY_CERTIFICATE,
    ]
    assert [(d.originals, d.copies) for d in credit.documents] == [
        (3, 2), (1, 2), (3, 0), (1, 1), (1, 1), (1, 0)
    ]  # fmt: skip


def test_a_usance_credit_inside_the_swift_envelope() -> None:
    reading = parse_mt700(CASHEW)
    credit = reading.credit
    assert credit.problems() == []
    assert [(u.tag, u.reason) for u in reading.unplaced] == [
        ("51A", "Field 51A is not one the credit form holds.")
    ]
    assert credit.number == "LC2610ICBK0301"
    assert credit.issue_date == dt.date(2026, 10, 10)
    assert credit.expiry_date == dt.date(2027, 1, 15)
    assert credit.expiry_place == "HO CHI MINH CITY"
    assert (credit.currency, credit.amount) == ("USD", Decimal("245000"))
    assert (credit.tolerance_plus, credit.tolerance_minus) == (Decimal(5), Decimal(5))
    assert credit.available_with == "VCBVVNVXXXX\nBY NEGOTIATION"
    assert credit.drafts_at == "AT 90 DAYS AFTER B/L DATE"
    assert credit.partial_shipment is Permission.ALLOWED
    assert credit.transhipment is Permission.NOT_ALLOWED
    assert (credit.port_of_loading_code, credit.port_of_discharge_code) == ("VNSGN", "CNXMN")
    assert credit.latest_shipment_date == dt.date(2026, 12, 20)
    assert credit.incoterm is Incoterm.CFR
    assert [(d.kind, d.originals) for d in credit.documents] == [
        (RequiredKind.COMMERCIAL_INVOICE, 1),  # in triplicate: art. 17(e)
        (RequiredKind.TRANSPORT_DOCUMENT, 2),
        (RequiredKind.OTHER, 0),
        (RequiredKind.INSPECTION_CERTIFICATE, 1),
    ]
    assert credit.presentation_days == 21


def test_continuation_lines_join_their_field_and_their_item() -> None:
    reading = parse_mt700(CONTINUED)
    credit = reading.credit
    assert reading.unplaced == () and reading.missing == ()
    assert credit.applicant == "OPTIK WETZLAR GMBH\nINDUSTRIESTRASSE 12\n35578 WETZLAR, GERMANY"
    assert credit.beneficiary.splitlines()[1] == "TECHNOLOGY CO., LTD."
    assert (credit.currency, credit.amount) == ("EUR", Decimal("88450.50"))
    assert credit.incoterm is Incoterm.FCA
    assert credit.is_about  # "ABOUT 12,000 PCS": UCP 600 art. 30(a)
    assert credit.max_amount().amount == Decimal("97295.55")
    assert [d.wording for d in credit.documents] == [
        "COMMERCIAL INVOICE IN 2 ORIGINALS AND 1 COPY SHOWING THE CREDIT NUMBER",
        "AIR WAYBILL CONSIGNED TO OPTIK WETZLAR GMBH, MARKED FREIGHT COLLECT, NOTIFY APPLICANT",
        "PACKING LIST IN ONE ORIGINAL AND THREE COPIES",
    ]
    assert [(d.originals, d.copies) for d in credit.documents] == [(2, 1), (1, 0), (1, 3)]
    assert credit.presentation_days == 15
    assert credit.charges == "ALL CHARGES OUTSIDE GERMANY\nARE FOR THE BENEFICIARY"
    assert credit.confirmation == "CONFIRM"


def test_fields_it_cannot_place_are_reported_never_guessed() -> None:
    reading = parse_mt700(UNPLACED)
    by_tag = {u.tag: u for u in reading.unplaced}
    assert set(by_tag) == {"", "23", "31C", "32B", "39A", "43P", "57A", "72Z", "78", "20"}
    assert by_tag[""].line == 1 and "outside any" in by_tag[""].reason
    assert "not a real date" in by_tag["31C"].reason
    assert "XYZ" in by_tag["32B"].reason or "currency" in by_tag["32B"].reason.lower()
    assert by_tag["20"].text == "HSBCHK26LC0999" and "first one is kept" in by_tag["20"].reason
    credit = reading.credit
    assert credit.number == "HSBCHK26LC0455"
    assert credit.issue_date is None  # not a guessed 2026-12-31
    assert credit.amount == 0 and credit.currency == ""
    assert credit.partial_shipment is None
    assert {p.field for p in credit.problems()} == {"currency", "amount"}
    assert reading.missing == ()


def test_older_wording_and_a_yen_amount_without_decimals() -> None:
    reading = parse_mt700(YEN)
    credit = reading.credit
    assert reading.unplaced == () and credit.problems() == []
    assert (credit.currency, credit.amount) == ("JPY", Decimal("12500000"))
    assert credit.partial_shipment is Permission.NOT_ALLOWED
    assert credit.transhipment is Permission.ALLOWED
    assert credit.presentation_days == 10
    assert [(d.kind, d.originals, d.copies) for d in credit.documents] == [
        (RequiredKind.COMMERCIAL_INVOICE, 1, 4),  # "in 5 copies": art. 17(e)
        (RequiredKind.TRANSPORT_DOCUMENT, 3, 0),
        (RequiredKind.INSURANCE, 1, 1),
        (RequiredKind.CERTIFICATE_OF_ORIGIN, 1, 1),
        (RequiredKind.BENEFICIARY_CERTIFICATE, 1, 0),
    ]


def test_mandatory_fields_missing_are_listed() -> None:
    reading = parse_mt700(":20:ABC123\n:31D:261231LONDON\n")
    assert reading.missing == ("32B", "46A", "50", "59")
    assert {p.field for p in reading.credit.problems()} >= {"amount", "currency"}


def test_text_without_fields_is_refused_with_advice() -> None:
    with pytest.raises(SwiftFormatError) as caught:
        parse_mt700("Dear customer, please find our credit attached.")
    assert "paste the MT700 text" in caught.value.user_message


def test_swift_dates_and_amounts() -> None:
    assert parse_swift_date("261102") == dt.date(2026, 11, 2)
    with pytest.raises(SwiftFormatError) as caught:
        parse_swift_date("2026-11-02")
    assert "YYMMDD" in caught.value.user_message
    assert parse_swift_amount("USD123456,78") == ("USD", Decimal("123456.78"))
    assert parse_swift_amount("EUR1,5") == ("EUR", Decimal("1.5"))
    with pytest.raises(SwiftFormatError) as bad:
        parse_swift_amount("USD123456.78")  # a decimal point is not SWIFT's format
    assert "decimal comma" in bad.value.user_message


def test_the_earliest_keyword_decides_a_documents_kind() -> None:
    item = required_document("PACKING LIST AS PER COMMERCIAL INVOICE IN 2 COPIES")
    # "in 2 copies": one original and one copy (UCP 600 art. 17(e))
    assert (item.kind, item.originals, item.copies) == (RequiredKind.PACKING_LIST, 1, 1)


AMENDMENT = """:20:DEUTLC26889120
:21:NONREF
:26E:01
:30:261120
:31E:270131
:32B:USD2500,00
:44C:261215
:46B:/ADD/+CERTIFICATE OF INSPECTION ISSUED BY SGS
:47B:/DELETE/+ALL DOCUMENTS MUST INDICATE THE CREDIT NUMBER
:79Z:EXPIRY EXTENDED AT THE APPLICANT'S REQUEST
"""


def test_an_mt707_amends_the_credit_and_keeps_the_history() -> None:
    credit = parse_mt700(sample_credit_mt700(sample_book(dt.date(2026, 11, 2)))).credit
    reading = parse_mt707(AMENDMENT, credit)
    assert reading.credit_number == credit.number
    assert [(u.tag, u.reason) for u in reading.unplaced] == [
        ("47B", "A deletion must be applied by hand: say which item goes.")
    ]
    amended = credit.amended(reading.amendment)
    assert amended.expiry_date == dt.date(2027, 1, 31)
    assert amended.latest_shipment_date == dt.date(2026, 12, 15)
    assert amended.amount == credit.amount + Decimal("2500")
    assert amended.documents[-1].kind is RequiredKind.INSPECTION_CERTIFICATE
    assert len(amended.documents) == len(credit.documents) + 1
    (record,) = amended.amendments
    assert (record.sequence, record.date) == (1, dt.date(2026, 11, 20))
    changed = {name: (before, after) for name, before, after in record.changes}
    assert changed["amount"] == (f"{credit.amount:f}", f"{credit.amount + 2500:f}")
    assert changed["expiry_date"][1] == "2027-01-31"
    assert record.narrative == "EXPIRY EXTENDED AT THE APPLICANT'S REQUEST"
    assert credit.amendments == ()  # the original is unchanged


def test_an_amendment_in_another_currency_is_not_applied() -> None:
    credit = parse_mt700(YEN).credit
    reading = parse_mt707(":20:X\n:26E:2\n:32B:USD100,00\n", credit)
    assert reading.amendment.updates == ()
    assert "the credit in JPY" in reading.unplaced[0].reason


def test_an_mt707_replacing_the_goods_rereads_the_trade_term() -> None:
    credit = parse_mt700(YEN).credit
    text = ":20:MUFG-26-LC-0093\n:26E:2\n:45B:/REPALL/+BALL BEARINGS 6205-2RS\n+CFR OSAKA\n"
    amended = credit.amended(parse_mt707(text, credit).amendment)
    assert amended.goods == "+BALL BEARINGS 6205-2RS\n+CFR OSAKA"
    assert amended.incoterm is Incoterm.CFR
    assert [c[0] for c in amended.amendments[0].changes] == ["goods", "incoterm"]
