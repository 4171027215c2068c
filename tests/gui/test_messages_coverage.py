"""Guard: every error a person can see, and every finding of the examiner, reads in Chinese in the
Chinese interface. Each error is made by the code that raises it where that is cheap, else by its
class, with values a person meets (paths with spaces and Chinese folder names, sizes, codes); the
message must be in the catalogue, change in translation, and leave no English sentence behind
(file names, codes and numbers excepted)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from exporter_desk.errors import ExporterError
from exporter_desk.examine import Presentation
from exporter_desk.gui import i18n
from exporter_desk.gui.messages import PHRASES, TEMPLATES, is_known, translate_message
from tests.gui._walk import is_untranslated

TODAY = dt.date(2026, 11, 2)
HOME = Path("/home/li wei/外贸 单据")
BACKUP = HOME / "backups" / "exporter-desk backup 2.zip"
DATA = {
    str(HOME),
    str(BACKUP),
    BACKUP.name,
    "HY-CI-2026-0112.pdf",
    "客户 清单.txt",
    "订单 2026.xlsx",
    "NotoSansSC Regular.ttf",
    "exporter-desk restore --data",
    "MT700",
    "kB",
    "SKU (sku)",  # the field's name as the import dialog shows it beside its column
    "China",  # the English name a person may type, as the example says
    "40 HC high cube",
    "credits",  # a migration's name
    "keys.enc, documents",  # the files found beside an empty database
}


def _raised(action: Callable[[], object]) -> ExporterError:
    try:
        action()
    except ExporterError as error:
        return error
    raise AssertionError("no ExporterError was raised")


def _files(tmp: Path) -> Iterator[tuple[str, ExporterError]]:
    from exporter_desk.services._files import DiskFullError, NotWritableError
    from exporter_desk.services.exporting import ExportFormatError, ExportWriteError
    from exporter_desk.services.importing.errors import ImportHasProblemsError
    from exporter_desk.services.spreadsheets._errors import (
        EmptySpreadsheetError,
        EncryptedWorkbookError,
        FileTooLargeError,
    )

    pdf = HOME / "HY-CI-2026-0112.pdf"
    yield "disk-full", DiskFullError(pdf, 48_500_000, "No space left on device")
    yield "disk-full-small", DiskFullError(pdf, 820, "Disk quota exceeded")
    yield "not-writable", NotWritableError(pdf, "Permission denied")
    yield "not-writable-ro", NotWritableError(pdf, "Read-only file system")
    yield "export-format", ExportFormatError(HOME / "客户 清单.txt")
    yield "export-write", ExportWriteError(HOME / "订单 2026.xlsx", "Permission denied")
    yield "spreadsheet-password", EncryptedWorkbookError(HOME / "订单 2026.xlsx")
    yield "spreadsheet-large", FileTooLargeError(HOME / "订单 2026.xlsx", 61_000_000, 20_000_000)
    yield "spreadsheet-empty", EmptySpreadsheetError(HOME / "订单 2026.xlsx")
    yield "import-one-problem", ImportHasProblemsError(1)
    yield "import-problems", ImportHasProblemsError(1234)


def _printing(tmp: Path) -> Iterator[tuple[str, ExporterError]]:
    from exporter_desk.documents import _fonts, _page

    yield "font-missing", _raised(lambda: _fonts._register(tmp / "NotoSansSC Regular.ttf"))
    damaged = tmp / "damaged" / "NotoSansSC Regular.ttf"
    damaged.parent.mkdir()
    damaged.write_bytes(b"not a font at all")
    yield "font-damaged", _raised(lambda: _fonts._register(damaged))
    yield "logo-unreadable", _raised(lambda: _page._read_logo(b"GIF89a not really"))


def _typed(tmp: Path) -> Iterator[tuple[str, ExporterError]]:
    from exporter_desk.domain import codes, identifiers, swift

    yield "country-empty", _raised(lambda: codes.parse_country(" "))
    yield "currency-empty", _raised(lambda: codes.parse_currency(""))
    yield "port-empty", _raised(lambda: codes.parse_locode(""))
    yield "hs-empty", _raised(lambda: codes.parse_hs_code(""))
    yield "container-empty", _raised(lambda: identifiers.parse_container_number(""))
    yield "container-type", _raised(lambda: identifiers.parse_container_type("40 HC high cube"))
    yield "seal-empty", _raised(lambda: identifiers.parse_seal_number(""))
    yield "voyage-bad", _raised(lambda: identifiers.parse_voyage("061W *"))
    yield "flight-control", _raised(lambda: identifiers.parse_flight("CA\x071234"))
    yield "iban-bad", _raised(lambda: identifiers.parse_iban("DE89 3704 0044 0532 0130 01"))
    yield "account-bad", _raised(lambda: identifiers.parse_account_number("1" * 40))
    yield "account-empty", _raised(lambda: identifiers.parse_account_number(""))
    yield "bic-empty", _raised(lambda: identifiers.parse_bic(""))
    yield "swift-date", _raised(lambda: swift.parse_swift_date("2611O2"))
    yield "swift-date-unreal", _raised(lambda: swift.parse_swift_date("261302"))
    yield "swift-amount", _raised(lambda: swift.parse_swift_amount("USD 123456.78"))
    yield "mt700-nothing", _raised(lambda: swift.split_fields("Dear Sirs, please find the L/C"))
    yield "mt700-long", _raised(lambda: swift.split_fields(":20:LC1\n" + "X" * 120_000))


def _services(tmp: Path) -> Iterator[tuple[str, ExporterError]]:
    from exporter_desk.services import branding, crediting, trust
    from exporter_desk.services.archive import (
        DamagedArchiveError,
        NewerArchiveError,
        NotAnArchiveError,
        RestoreFailedError,
    )
    from exporter_desk.store.errors import NewerSchemaError
    from exporter_desk.trustnet.presentment import canonical_invoice_key, canonical_transport_key

    yield "logo-not-image", _raised(lambda: branding.save_image(tmp, "logo", b"GIF89a" * 10))
    yield "seal-not-png", _raised(lambda: branding.save_image(tmp, "seal", b"\xff\xd8\xff" * 9))
    yield "mt700-unreadable", _raised(lambda: crediting.read_mt700_file(tmp / "LC 0412.txt"))
    binary = tmp / "LC 0412.txt"
    binary.write_bytes(b"\x00\xff\xfe" * 100)
    yield "mt700-binary", _raised(lambda: crediting.read_mt700_file(binary))
    yield "descriptor-unreadable", _raised(lambda: trust.read_descriptor_file(tmp / "网络.json"))
    huge = tmp / "LC 0412 scan.txt"
    with huge.open("wb") as handle:
        handle.truncate(500_000_000)  # sparse: a file too large, without writing it
    yield "mt700-huge", _raised(lambda: crediting.read_mt700_file(huge))
    yield "descriptor-huge", _raised(lambda: trust.read_descriptor_file(huge))
    big_png = b"\x89PNG\r\n\x1a\n" + bytes(3_000_000)
    yield "logo-too-large", _raised(lambda: branding.save_image(tmp, "logo", big_png))
    seller = "91310000MA1FL8XQ3U"
    yield (
        "presentment-amount",
        _raised(lambda: canonical_invoice_key(seller, "HY-CI-2026-0112", "-5.00", "USD")),
    )
    yield (
        "presentment-number",
        _raised(lambda: canonical_invoice_key(seller, "HY-CI-2026-0112", "12,5x", "USD")),
    )
    yield (
        "presentment-currency",
        _raised(lambda: canonical_invoice_key(seller, "HY-CI-2026-0112", "12.50", "US$")),
    )
    yield "not-a-backup", NotAnArchiveError(BACKUP, "it is not a zip file")
    yield (
        "backup-damaged",
        DamagedArchiveError(BACKUP, "HY-CI-2026-0112.pdf does not match its checksum"),
    )
    yield "backup-newer", NewerArchiveError(BACKUP, "3.1.0")
    newer = NewerSchemaError(HOME / "exporter-desk.sqlite3", 14, 12)
    yield "restore-failed", RestoreFailedError(HOME, newer.user_message)
    yield "presentment-key", _raised(lambda: canonical_transport_key("  ", "OOLU2718456780"))


def _store(tmp: Path) -> Iterator[tuple[str, ExporterError]]:
    from exporter_desk.store.errors import (
        BackupError,
        DamagedDatabaseError,
        EmptyDatabaseError,
        MigrationError,
        NewerSchemaError,
        NotADatabaseError,
        ReadOnlyDataError,
        SecretSettingError,
    )

    database = HOME / "exporter-desk.sqlite3"
    taken = dt.datetime(2026, 11, 2, 9, 30)
    yield "not-a-database", NotADatabaseError(database, "file is not a database")
    yield "damaged-no-backup", DamagedDatabaseError(database, None, "malformed")
    yield (
        "damaged-with-backup",
        DamagedDatabaseError(database, None, "malformed", latest_backup=BACKUP, backup_time=taken),
    )
    yield (
        "empty-database",
        EmptyDatabaseError(
            database, ["keys.enc", "documents"], latest_backup=BACKUP, backup_time=taken
        ),
    )
    yield "read-only-new", ReadOnlyDataError(HOME, "create a database in it", has_data=False)
    yield "read-only-opened", ReadOnlyDataError(HOME, "change it", opened_read_only=True)
    yield "read-only-save", ReadOnlyDataError(HOME, "save changes")
    yield "newer-schema", NewerSchemaError(database, 14, 12)
    yield "migration", MigrationError(7, "credits", "disk I/O error", None)
    yield "migration-copy", MigrationError(7, "credits", "disk I/O error", BACKUP)
    yield "secret-setting", SecretSettingError("smtp_password")
    yield "backup-unusable", BackupError(BACKUP, "it is not a zip file")


def _trustnet(tmp: Path) -> Iterator[tuple[str, ExporterError]]:
    from exporter_desk.trustnet import errors
    from exporter_desk.trustnet.tiles import TileError, TileUnavailableError

    for kind in (
        errors.TrustnetError,
        errors.ProofError,
        errors.NoteError,
        errors.CheckpointError,
        errors.EntryError,
        errors.ReceiptError,
        errors.PolicyError,
        TileError,
        TileUnavailableError,
    ):
        yield kind.__name__, kind("technical")
    yield "network-unavailable", errors.NetworkUnavailableError("503")


def _errors() -> list[tuple[str, Callable[[Path], Iterator[tuple[str, ExporterError]]]]]:
    return [
        ("files", _files),
        ("printing", _printing),
        ("typed", _typed),
        ("services", _services),
        ("store", _store),
        ("trustnet", _trustnet),
    ]


def _in_chinese(message: str) -> str:
    i18n.set_language(i18n.Language.CHINESE)
    try:
        return translate_message(message)
    finally:
        i18n.set_language(i18n.Language.ENGLISH)


@pytest.mark.parametrize(("group", "make"), _errors(), ids=[name for name, _ in _errors()])
def test_every_error_a_person_sees_reads_in_chinese(
    app: QApplication,
    tmp_path: Path,
    group: str,
    make: Callable[[Path], Iterator[tuple[str, ExporterError]]],
) -> None:
    made = list(make(tmp_path))
    assert len(made) >= 3  # the group built its errors
    wrong = []
    for name, error in made:
        english = error.user_message
        chinese = _in_chinese(english)
        if not is_known(english) or chinese == english or is_untranslated(chinese, DATA):
            wrong.append(f"{group}/{name}: {english!r} -> {chinese!r}")
    assert wrong == [], "\n".join(wrong)


def test_every_template_and_phrase_of_the_catalogue_has_its_chinese(app: QApplication) -> None:
    missing = [text for text in (*TEMPLATES, *PHRASES) if _in_chinese(text) == text]
    # Codes that read the same in both languages need no translation.
    assert [text for text in missing if text not in {"The IBAN"}] == []


def test_two_values_side_by_side_are_cut_after_the_known_phrase(app: QApplication) -> None:
    assert _in_chinese("Commercial Invoice HY-CI-2026-0112 has no pages; render it again.") == (
        "商业发票 HY-CI-2026-0112 没有页面；请重新生成。"
    )


def _sample() -> Presentation:
    """The sample deal as a presentation, as ``tests/examine/conftest.py`` builds it: it
    examines clean."""
    from exporter_desk.domain.received import ReceivedDocumentId
    from exporter_desk.domain.samples import (
        sample_book,
        sample_credit_mt700,
        sample_received_documents,
    )
    from exporter_desk.domain.swift import parse_mt700

    book = sample_book(TODAY)
    return Presentation(
        deal=book.deal,
        purchase=book.purchase,
        sales=book.sales,
        invoices=(book.invoice,),
        packing_lists=(book.packing_list,),
        shipments=(book.shipment,),
        received=tuple(
            replace(doc, id=ReceivedDocumentId(index))
            for index, (doc, _) in enumerate(sample_received_documents(book), start=1)
        ),
        credit=parse_mt700(sample_credit_mt700(book)).credit,
        parties=(book.exporter, book.supplier, book.buyer, book.forwarder),
        presentation_date=TODAY + dt.timedelta(days=12),
    )


def _credit_and_documents_disagree(clean: Presentation) -> Presentation:
    """A credit that asks for other parties, currency, dates and goods; received documents
    whose weights, packages, containers, vessel and insurance disagree."""
    from exporter_desk.domain.credit import Permission
    from exporter_desk.domain.received import ReceivedKind
    from exporter_desk.domain.shipment import Container

    assert clean.credit is not None
    credit = replace(
        clean.credit,
        currency="EUR",
        latest_shipment_date=TODAY - dt.timedelta(days=60),
        expiry_date=TODAY,
        presentation_days=1,
        transhipment=Permission.NOT_ALLOWED,
        beneficiary="ANOTHER EXPORTER CO., LTD.",
        applicant="ANOTHER BUYER GMBH",
        goods="STEEL PIPES",
    )
    received = []
    for doc in clean.received:
        if doc.kind.is_transport:
            doc = replace(
                doc,
                net_kg=(doc.net_kg or Decimal(0)) + 55,
                gross_kg=(doc.gross_kg or Decimal(0)) + 55,
                packages=(doc.packages or 0) + 3,
                vessel="EVER GIVEN",
                voyage="999X",
                containers=(Container("MSKU1234565", "40HC", "OOLGK8812"),),
            )
        elif doc.kind is ReceivedKind.INSURANCE_CERTIFICATE:
            doc = replace(doc, currency="JPY", amount=Decimal(10), date=TODAY)
        elif doc.kind is ReceivedKind.SUPPLIER_INVOICE:
            doc = replace(doc, currency="JPY", net_kg=(doc.net_kg or Decimal(0)) + 1)
        received.append(doc)
    return replace(clean, credit=credit, received=tuple(received))


def _deal_and_pack_disagree(clean: Presentation) -> Presentation:
    """A credit for less, to another port, asking for more documents; a second shipment; a
    packing list with other marks, goods and quantities; a sale of more than was bought, in
    another currency, at an unusual margin, on a B/L another deal uses."""
    from exporter_desk.domain import DealId, TradeTerms
    from exporter_desk.domain.credit import Permission, RequiredDocument, RequiredKind
    from exporter_desk.domain.received import ReceivedKind
    from exporter_desk.domain.shipment import ShipmentId
    from exporter_desk.examine.presentation import TransportReuse

    assert clean.credit is not None and clean.sales is not None
    inspection = RequiredDocument(RequiredKind.INSPECTION_CERTIFICATE, 1, 0, "SGS CERTIFICATE")
    credit = replace(
        clean.credit,
        amount=clean.invoices[0].total().amount - 1000,
        tolerance_plus=Decimal(0),
        partial_shipment=Permission.NOT_ALLOWED,
        port_of_discharge="BREMERHAVEN (DEBRV), GERMANY",
        documents=(*clean.credit.documents, inspection),
    )
    second = replace(
        clean.shipments[0], id=ShipmentId(2), reference="SHP-2", transport_document_no="OOLU99"
    )
    packing = clean.packing_lists[0]
    first = packing.packages[0]
    renamed = replace(first, description="Impact drill 20 V", last=first.last - 1)
    packing = replace(packing, marks="N/M", packages=(renamed, *packing.packages[1:]))
    more = replace(clean.sales.lines[0], quantity=Decimal(900))
    terms = clean.sales.terms
    sales = replace(
        clean.sales,
        lines=(more, *clean.sales.lines[1:]),
        terms=TradeTerms("EUR", terms.incoterm, "Hamburg", "VNSGN", "DEHAM"),
    )
    bill = next(d for d in clean.received if d.kind is ReceivedKind.BILL_OF_LADING)
    received = tuple(replace(d, originals=2) if d is bill else d for d in clean.received)
    return replace(
        clean,
        credit=credit,
        shipments=(*clean.shipments, second),
        packing_lists=(packing,),
        sales=sales,
        received=received,
        other_margin_rates=tuple(Decimal(step) for step in (2, 3, 3, 4, 5, 5)),
        transport_reuse=(TransportReuse("OOLU2718456780", DealId(7), "DEAL-2026-099"),),
    )


def test_every_finding_of_the_examiner_reads_in_chinese(app: QApplication) -> None:
    from exporter_desk.examine import RULES, examine

    clean = _sample()
    assert examine(clean) == []
    found = [
        item
        for spoil in (_credit_and_documents_disagree, _deal_and_pack_disagree)
        for item in examine(spoil(clean))
    ]
    spoken = {item.rule for item in found}
    assert len(spoken) >= len(RULES) - 2, sorted({r.__name__ for r in RULES} - spoken)
    data = {  # what the documents say, as their issuers and the user wrote it
        value for party in clean.parties for value in (party.name_en, party.name_zh) if value
    } | {
        "EVER GIVEN",
        "OOCL GERMANY",
        "ANOTHER EXPORTER CO., LTD.",
        "ANOTHER BUYER GMBH",
        "SGS CERTIFICATE",
        "Impact drill 20 V",
        *(line.description_en for invoice in clean.invoices for line in invoice.lines),
    }
    wrong = []
    for item in found:
        chinese = _in_chinese(item.message)
        if chinese == item.message or is_untranslated(chinese, data):
            wrong.append(f"{item.rule}: {item.message!r} -> {chinese!r}")
    assert wrong == [], "\n".join(wrong)


def test_the_list_of_discrepancies_shows_the_finding_in_chinese(app: QApplication) -> None:
    from exporter_desk.examine import examine
    from exporter_desk.gui.discrepancies import DiscrepancyList

    found = examine(_deal_and_pack_disagree(_sample()))
    i18n.set_language(i18n.Language.CHINESE)
    try:
        shown = DiscrepancyList()
        shown.set_discrepancies(found)
        first = shown.topLevelItem(0)
        assert first is not None
        assert first.text(1) == translate_message(found[0].message) != found[0].message
        assert first.toolTip(1).startswith(first.text(1))
    finally:
        i18n.set_language(i18n.Language.ENGLISH)


def test_a_checklist_line_in_the_cores_words_reads_in_chinese(app: QApplication) -> None:
    from exporter_desk.documents import MissingDocumentDataError
    from exporter_desk.domain import DocumentKind
    from exporter_desk.gui.document_dialogs import checklist_text
    from exporter_desk.services.checklist import ChecklistItem

    lines = [
        ChecklistItem(
            "payment_method",
            "A bill of exchange is drawn under L/C, D/P or D/A: change the payment.",
            "invoices",
            12,
        ),
        ChecklistItem(
            "other",
            MissingDocumentDataError(
                DocumentKind.COMMERCIAL_INVOICE, "HY-CI-2026-0112", ["the buyer"]
            ).user_message,
            "invoices",
            12,
        ),
    ]
    i18n.set_language(i18n.Language.CHINESE)
    try:
        shown = [checklist_text(line) for line in lines]
    finally:
        i18n.set_language(i18n.Language.ENGLISH)
    assert [text for text in shown if is_untranslated(text, set())] == [], shown
