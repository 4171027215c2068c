"""Typed codes are written canonical, and databases from before are made so by a migration;
register paths are relative to the data folder (the next migration), so a copied folder finds
its PDFs. The migrations are found by name, so that renumbering them changes no test.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import shutil
import sqlite3
from pathlib import Path

from exporter_desk.domain import (
    BankAccount,
    Container,
    DocumentKind,
    DocumentStatus,
    Invoice,
    InvoiceKind,
    IssuedDocument,
    Party,
    PartyRole,
)
from exporter_desk.store import Store, open_store
from exporter_desk.store._convert import instant_text
from exporter_desk.store._session import Session
from exporter_desk.store.backup import backups, default_backup_dir
from exporter_desk.store.migrations import MIGRATIONS, migrate
from tests.store.conftest import (
    World,
    buyer,
    exporter,
    led_panel,
    lines_for,
    sea_terms,
    shipment,
    t_shirt,
    tt_terms,
)

TYPED_PARTY = dict(
    country=" cn ",
    registration_id="9131 0000 ma1f l4ct 3u",
    bank=BankAccount(
        bank_name="Deutsche Bank",
        account_number="de89 3704 0044 0532 0130 00",
        swift="deutdeff",
        bank_address="Frankfurt",
        account_name="Bright Star",
    ),
)


def _column(store: Store, sql: str) -> list[object]:
    return [row[0] for row in store._session.rows(sql)]


def test_a_product_typed_by_a_person_is_stored_and_read_back_canonical(store: Store) -> None:
    typed = dataclasses.replace(
        led_panel(), hs_code="８５３９．５２", currency="usd", origin_country="China"
    )
    saved = store.products.save(typed)
    assert _column(
        store, "SELECT hs_code || ' ' || currency || ' ' || origin_country FROM products"
    ) == ["853952 USD CN"]
    loaded = store.products.get(saved.id)  # type: ignore[arg-type]
    assert (loaded.hs_code, loaded.currency, loaded.origin_country) == ("853952", "USD", "CN")
    assert store.products.search("853952")[0].id == saved.id  # the search index sees it too


def test_a_party_typed_by_a_person_is_stored_canonical(store: Store) -> None:
    saved = store.parties.save(dataclasses.replace(exporter(), **TYPED_PARTY))  # type: ignore[arg-type]
    row = store._session.one(
        "SELECT country, registration_id, bank_account_number, bank_swift FROM parties"
    )
    assert tuple(row) == ("CN", "91310000MA1FL4CT3U", "DE89370400440532013000", "DEUTDEFF")
    assert store.parties.get(saved.id) == saved  # type: ignore[arg-type]


def test_a_shipment_typed_by_a_person_is_stored_canonical(store: Store) -> None:
    typed = dataclasses.replace(
        shipment(),
        port_of_loading="cn sha",
        port_of_discharge="ｄｅｈａｍ",
        voyage="042 w",
        containers=(Container("msku 123456 5", seal="ml 778 1234", size_type="20gp"),),
    )
    saved = store.shipments.save(typed)
    row = store._session.one("SELECT port_of_loading, port_of_discharge, voyage FROM shipments")
    assert tuple(row) == ("CNSHA", "DEHAM", "042W")
    row = store._session.one("SELECT number, seal, size_type FROM containers")
    assert tuple(row) == ("MSKU1234565", "ML7781234", "20GP")
    assert store.shipments.get(saved.id).containers == (  # type: ignore[arg-type]
        Container("MSKU1234565", "ML7781234", "20GP"),
    )


# --- the codes migration: rows stored raw by earlier versions ---------------------------------------


def _number(name: str) -> int:
    return next(m.number for m in MIGRATIONS if m.name == name)


CODES = _number("store typed codes in their canonical form")
PATHS = _number("document paths relative to the data folder")


def _old_database(path: Path, version: int = CODES - 1) -> Store:
    """A database as version ``version`` of the schema left it, opened without migrating."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, target=version)
    conn.execute("PRAGMA foreign_keys = ON")
    return Store(Session(conn, path))


RAW = [
    # (table, column, raw value as typed, canonical value)
    ("products", "hs_code", "8539.52", "853952"),
    ("products", "currency", "usd", "USD"),
    ("products", "origin_country", "cn", "CN"),
    ("parties", "country", " de ", "DE"),
    ("parties", "registration_id", "de 136 695 976", "DE136695976"),
    ("parties", "bank_account_number", "de89 3704 0044 0532 0130 00", "DE89370400440532013000"),
    ("parties", "bank_swift", "deutdeff", "DEUTDEFF"),
    ("shipments", "port_of_loading", "cn sha", "CNSHA"),
    ("shipments", "voyage", "042 w", "042W"),
    ("containers", "number", "msku 123456 5", "MSKU1234565"),
    ("containers", "seal", "ml 7781234", "ML7781234"),
]


def test_the_migration_makes_raw_stored_codes_canonical_and_keeps_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "data" / "exporter-desk.sqlite3"
    old = _old_database(path)
    old.products.save(led_panel())
    old.parties.save(dataclasses.replace(buyer(), bank=TYPED_PARTY["bank"]))  # type: ignore[arg-type]
    # The shipment row as the old schema holds it: today's repository also writes columns that
    # later migrations added (on_board_date), which this old schema does not have yet.
    old._session.execute(
        "INSERT INTO shipments (id, reference, mode, port_of_loading, port_of_discharge, voyage) "
        "VALUES (1, 'SHP-2025-0042', 'sea', 'CNSHA', 'DEHAM', '042W')"
    )
    old._session.execute(
        "INSERT INTO containers (shipment_id, position, number, seal, size_type) "
        "VALUES (1, 0, 'MSKU1234565', 'ML7781234', '20GP')"
    )
    for table, column, raw, _canonical in RAW:
        old._session.execute(f"UPDATE {table} SET {column} = ?", (raw,))
    old.close()

    with open_store(path) as store:
        for table, column, raw, canonical in RAW:
            assert _column(store, f"SELECT {column} FROM {table}") == [canonical], (table, raw)
        assert store.products.list()[0].hs_code == "853952"
        assert store.migration_notes() == []
        assert store.integrity_check() == ["ok"]
    [copy] = backups(default_backup_dir(path), f"before-v{CODES}")
    conn = sqlite3.connect(copy)
    try:  # the backup holds the rows exactly as they were
        assert conn.execute("SELECT hs_code FROM products").fetchall() == [("8539.52",)]
    finally:
        conn.close()


def test_the_migration_leaves_a_value_it_cannot_parse_untouched_and_reports_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / "data" / "exporter-desk.sqlite3"
    old = _old_database(path)
    led = old.products.save(led_panel())
    shirt = old.products.save(dataclasses.replace(led_panel(), sku="LP-2"))
    old._session.execute("UPDATE products SET hs_code = '8539.5' WHERE id = ?", (led.id,))
    old._session.execute("UPDATE products SET hs_code = '８５３９　５２' WHERE id = ?", (shirt.id,))
    old.close()

    with open_store(path) as store:
        assert _column(store, "SELECT hs_code FROM products ORDER BY id") == ["8539.5", "853952"]
        [note] = store.migration_notes()
        assert (note.migration, note.table_name, note.row_key, note.column_name, note.value) == (
            CODES,
            "products",
            str(led.id),
            "hs_code",
            "8539.5",
        )
        assert "'8539.5' is not an HS code" in note.problem
        # the product still loads, and says what is wrong with it
        kept = store.products.get(led.id)  # type: ignore[arg-type]
        assert kept.hs_code == "8539.5"
        assert [p.field for p in kept.problems()] == ["hs_code"]


def test_the_migration_reports_a_bad_registration_id_and_keeps_it(tmp_path: Path) -> None:
    path = tmp_path / "data" / "exporter-desk.sqlite3"
    old = _old_database(path)
    party = old.parties.save(Party("Acme", "1 Road, Shanghai", "CN", frozenset({PartyRole.BUYER})))
    old._session.execute(
        "UPDATE parties SET registration_id = '91310000MA1FL4CT3A' WHERE id = ?", (party.id,)
    )
    old.close()
    with open_store(path) as store:
        [note] = store.migration_notes()
        assert (note.column_name, note.value) == ("registration_id", "91310000MA1FL4CT3A")
        assert _column(store, "SELECT registration_id FROM parties") == ["91310000MA1FL4CT3A"]


# --- the paths migration and the register: paths relative to the data folder ------------------------


def _document(world_invoice_id: int, path: str, digest: str = "") -> IssuedDocument:
    return IssuedDocument(
        kind=DocumentKind.COMMERCIAL_INVOICE,
        number="BS-CI-2025-0042",
        source_table="invoices",
        source_id=world_invoice_id,
        status=DocumentStatus.DRAFT,
        created_at=dt.datetime(2025, 3, 15, 9, 30, tzinfo=dt.UTC),
        path=path,
        digest_final=digest,
    )


def _insert_old_document(store: Store, doc: IssuedDocument) -> None:
    store._session.execute(
        "INSERT INTO documents (kind, number, source_table, source_id, status, path, digest_r1, "
        "digest_final, receipt, log_index, supersedes_id, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            doc.kind.value,
            doc.number,
            doc.source_table,
            doc.source_id,
            doc.status.value,
            doc.path,
            doc.digest_r1,
            doc.digest_final,
            doc.receipt,
            doc.log_index,
            doc.supersedes_id,
            instant_text(doc.created_at),
        ),
    )


def _invoice(store: Store) -> int:
    seller = store.parties.save(exporter())
    buyer_ = store.parties.save(buyer())
    led = store.products.save(led_panel())
    shirt = store.products.save(t_shirt())
    assert seller.id and buyer_.id
    invoice = store.invoices.save(
        Invoice(
            kind=InvoiceKind.COMMERCIAL,
            number="BS-CI-2025-0042",
            date=dt.date(2025, 3, 15),
            seller_id=seller.id,
            buyer_id=buyer_.id,
            terms=sea_terms(),
            payment=tt_terms(),
            lines=lines_for(led, shirt),
        )
    )
    assert invoice.id
    return invoice.id


def test_the_register_stores_paths_inside_the_data_folder_relative(
    store: Store, world: World, db_path: Path
) -> None:
    inside = db_path.parent / "documents" / "commercial_invoice" / "BS-CI-2025-0042.pdf"
    outside = db_path.parent.parent / "elsewhere" / "x.pdf"
    first = store.documents.save(_document(world.invoice.id or 0, str(inside)))
    second = store.documents.save(_document(world.invoice.id or 0, str(outside)))
    assert _column(store, "SELECT path FROM documents ORDER BY id") == [
        "documents/commercial_invoice/BS-CI-2025-0042.pdf",
        str(outside),
    ]
    assert store.documents.get(first.id).path == str(inside.resolve())  # type: ignore[arg-type]
    assert store.documents.get(second.id).path == str(outside)  # type: ignore[arg-type]


def test_a_copied_data_folder_finds_its_own_pdfs(store: Store, world: World, db_path: Path) -> None:
    pdf = db_path.parent / "documents" / "commercial_invoice" / "BS-CI-2025-0042.pdf"
    pdf.parent.mkdir(parents=True)
    pdf.write_bytes(b"%PDF-1.7 original")
    saved = store.documents.save(_document(world.invoice.id or 0, str(pdf)))
    store.close()
    copy = db_path.parent.parent / "restored"
    shutil.copytree(db_path.parent, copy)
    shutil.rmtree(db_path.parent)
    with open_store(copy / db_path.name) as restored:
        path = Path(restored.documents.get(saved.id).path)  # type: ignore[arg-type]
        assert path == (copy / "documents" / "commercial_invoice" / pdf.name).resolve()
        assert path.read_bytes() == b"%PDF-1.7 original"


def test_the_paths_migration_makes_old_absolute_paths_relative(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    path = folder / "exporter-desk.sqlite3"
    old = _old_database(path, version=min(CODES, PATHS) - 1)
    invoice_id = _invoice(old)
    pdf = folder / "documents" / "commercial_invoice" / "A.pdf"
    pdf.parent.mkdir(parents=True)
    pdf.write_bytes(b"%PDF A")
    moved_away = tmp_path / "old-place" / "documents" / "commercial_invoice" / "B.pdf"
    copy_of_b = folder / "documents" / "commercial_invoice" / "B.pdf"
    copy_of_b.write_bytes(b"%PDF B")
    digest_b = hashlib.sha256(b"%PDF B").hexdigest()
    outside = tmp_path / "exports" / "C.pdf"
    for doc_path, digest in ((pdf, ""), (moved_away, digest_b), (outside, "")):
        # as version 3 wrote it (the absolute path it was given), with only its columns: today's
        # repository writes columns later migrations add
        _insert_old_document(old, _document(invoice_id, str(doc_path), digest))
    old.close()

    with open_store(path) as store:
        assert _column(store, "SELECT path FROM documents ORDER BY id") == [
            "documents/commercial_invoice/A.pdf",
            "documents/commercial_invoice/B.pdf",  # the folder was copied: this copy is the file
            str(outside),
        ]
        [note] = store.migration_notes()
        assert (note.migration, note.column_name, note.value) == (PATHS, "path", str(outside))
        paths = [Path(d.path) for d in store.documents.list()]
        assert pdf.resolve() in paths and copy_of_b.resolve() in paths
