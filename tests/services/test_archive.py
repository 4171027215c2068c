"""Moving a company: a backup restored on a fresh folder gives the same data and documents
that still verify AUTHENTIC; a bad archive changes nothing."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path

import pytest

from exporter_desk.services.archive import (
    ArchiveError,
    ArchivePassphraseError,
    DamagedArchiveError,
    NewerArchiveError,
    NotAnArchiveError,
    RestoreFailedError,
    backup_archive,
    restore_archive,
)
from exporter_desk.services.demo import issue_demo_documents, seed_demo
from exporter_desk.services.identity import DEFAULT_PROFILE
from exporter_desk.services.trust import load_trust
from exporter_desk.services.verifying import verify_files
from exporter_desk.signing import KeyringKeystore, Keystore
from exporter_desk.store import StorageFailedError, Store, database_path, export_json, open_store
from tests.conftest import MemoryKeyring

COMPANY_KEYRING: list[MemoryKeyring] = []  # the company's keys, as its own computer holds them


@pytest.fixture(scope="module")
def company(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with the demo company and every sample document issued and registered."""
    import keyring

    previous = keyring.get_keyring()
    COMPANY_KEYRING[:] = [MemoryKeyring()]
    keyring.set_keyring(COMPANY_KEYRING[0])
    try:
        root = tmp_path_factory.mktemp("company")
        data = root / "data"
        with open_store(database_path(data)) as store:
            seed_demo(store)
            issue_demo_documents(store, KeyringKeystore(), data, root / "out")
            store.settings.set("import.mapping.products.test", "[]")
        return data
    finally:
        keyring.set_keyring(previous)


def exported(data: Path) -> str:
    with open_store(database_path(data)) as store:
        return json.dumps(export_json(store), sort_keys=True)


def test_restore_on_a_fresh_folder_gives_the_same_data_and_authentic_documents(
    company: Path, tmp_path: Path
) -> None:
    archive = tmp_path / "move.zip"
    summary = backup_archive(company, archive)
    assert not summary.with_keys
    fresh = tmp_path / "new-computer" / "data"
    restored = restore_archive(archive, fresh)
    assert restored.set_aside is None
    assert exported(fresh) == exported(company).replace(str(company), str(fresh))
    pdfs = sorted(fresh.glob("documents/*/*.pdf"))
    assert len(pdfs) >= 9
    verdicts = verify_files(pdfs, load_trust(fresh))  # the pinned network came along
    assert [v.verdict.result.value for v in verdicts] == ["authentic"] * len(pdfs)


def test_restore_keeps_the_previous_folder_aside(company: Path, tmp_path: Path) -> None:
    archive = tmp_path / "move.zip"
    backup_archive(company, archive)
    target = tmp_path / "data"
    with open_store(database_path(target)) as store:
        store.settings.set("marker", "old")
    summary = restore_archive(archive, target)
    assert summary.set_aside is not None
    with open_store(database_path(summary.set_aside)) as old:
        assert old.settings.get("marker") == "old"
    with open_store(database_path(target)) as new:
        assert new.settings.get("marker") is None


def test_keys_travel_only_with_a_passphrase(
    company: Path, tmp_path: Path, memory_keyring: object
) -> None:
    source = KeyringKeystore()
    from cryptography.hazmat.primitives.asymmetric import ec

    key = ec.generate_private_key(ec.SECP256R1())
    source.store_signing_key(DEFAULT_PROFILE, key)
    archive = tmp_path / "with-key.zip"
    with pytest.raises(ArchivePassphraseError):
        backup_archive(company, archive, keystore=source, key_passphrase="short")
    backup_archive(company, archive, keystore=source, key_passphrase="correct horse")
    with zipfile.ZipFile(archive) as opened:
        sealed = opened.read("secrets.enc")
    assert (
        b"BEGIN" not in sealed
        and key.private_numbers().private_value.to_bytes(32, "big") not in sealed
    )
    source.delete_signing_key(DEFAULT_PROFILE)

    def keystore(_folder: Path) -> Keystore:
        return source

    target = tmp_path / "data"
    with pytest.raises(ArchivePassphraseError) as raised:
        restore_archive(archive, target, key_passphrase="wrong horse", open_keystore=keystore)
    assert "does not open the keys" in raised.value.user_message
    assert not target.exists()
    summary = restore_archive(
        archive, target, key_passphrase="correct horse", open_keystore=keystore
    )
    assert summary.keys_restored
    restored = source.load_signing_key(DEFAULT_PROFILE)
    assert restored.private_numbers() == key.private_numbers()


def test_a_restored_folder_that_does_not_open_puts_the_previous_one_back(
    company: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The restored database passed its check in the staging folder, then fails to open once
    moved into place. That only happens when the disk fails (or the folder is taken) between
    the two opens, which no test can make happen: the one open of the moved-in database is made
    to fail with the store's own error, as SQLite's "disk I/O error" reaches it."""
    archive = tmp_path / "move.zip"
    backup_archive(company, archive)
    target = tmp_path / "data"
    with open_store(database_path(target)) as store:
        store.settings.set("marker", "old")
    (target / "note.txt").write_text("mine")
    failed_opens: list[Path] = []

    def open_store_failing_in_place(path: Path) -> Store:
        if Path(path) == database_path(target):
            assert Path(path).is_file()  # the restored folder is in place when it fails
            failed_opens.append(Path(path))
            raise StorageFailedError("disk I/O error")
        return open_store(path)

    monkeypatch.setattr("exporter_desk.services.archive.open_store", open_store_failing_in_place)
    when = dt.datetime(2026, 3, 4, 5, 6, 7)
    with pytest.raises(RestoreFailedError) as raised:
        restore_archive(archive, target, now=when)
    monkeypatch.undo()
    assert failed_opens == [database_path(target)]
    assert raised.value.user_message == (
        "The restored data did not open: Exporter Desk could not write to its database (disk "
        "I/O error). Check free disk space and folder permissions; nothing was saved. Your "
        f"previous data is back in {target} unchanged."
    )
    assert (target / "note.txt").read_text() == "mine"
    with open_store(database_path(target)) as store:
        assert store.settings.get("marker") == "old"
        assert store.invoices.list() == []  # the previous data, not the archive's
    failed = tmp_path / "data.failed-restore-20260304-050607"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["data", failed.name, "move.zip"]
    )  # the restored folder kept aside; nothing else set aside or left half-built
    assert exported(failed) == exported(company).replace(str(company), str(failed))


def _rewrite(archive: Path, out: Path, change: dict[str, bytes]) -> None:
    with zipfile.ZipFile(archive) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            dst.writestr(item.filename, change.get(item.filename, src.read(item.filename)))


def test_a_newer_archive_is_refused_with_a_clear_message(company: Path, tmp_path: Path) -> None:
    archive = tmp_path / "move.zip"
    backup_archive(company, archive)
    with zipfile.ZipFile(archive) as opened:
        manifest = json.loads(opened.read("manifest.json"))
    manifest.update(format_version=2, format="exporter-desk-archive/v2", app_version="9.0.0")
    newer = tmp_path / "newer.zip"
    _rewrite(archive, newer, {"manifest.json": json.dumps(manifest).encode()})
    target = tmp_path / "data"
    with open_store(database_path(target)) as store:
        store.settings.set("marker", "kept")
    with pytest.raises(NewerArchiveError) as raised:
        restore_archive(newer, target)
    assert "newer Exporter Desk (9.0.0)" in raised.value.user_message
    with open_store(database_path(target)) as store:
        assert store.settings.get("marker") == "kept"


def test_a_tampered_member_is_caught_before_anything_is_replaced(
    company: Path, tmp_path: Path
) -> None:
    archive = tmp_path / "move.zip"
    backup_archive(company, archive)
    with zipfile.ZipFile(archive) as opened:
        pdf = next(n for n in opened.namelist() if n.endswith(".pdf"))
        data = opened.read(pdf)
    tampered = tmp_path / "tampered.zip"
    _rewrite(archive, tampered, {pdf: data.replace(b"Invoice", b"Invoicf", 1) + b" "})
    target = tmp_path / "data"
    target.mkdir()
    (target / "note.txt").write_text("mine")
    with pytest.raises(DamagedArchiveError) as raised:
        restore_archive(tampered, target)
    assert "checksum" in raised.value.user_message or "longer" in raised.value.user_message
    assert (target / "note.txt").read_text() == "mine"
    assert [p.name for p in tmp_path.iterdir() if "restoring" in p.name] == []


def test_a_file_that_is_no_archive_is_refused(tmp_path: Path) -> None:
    bogus = tmp_path / "photo.zip"
    bogus.write_bytes(b"\x89PNG not a zip")
    with pytest.raises(NotAnArchiveError) as raised:
        restore_archive(bogus, tmp_path / "data")
    assert "not an Exporter Desk backup" in raised.value.user_message
    other = tmp_path / "other.zip"
    with zipfile.ZipFile(other, "w") as opened:
        opened.writestr("readme.txt", "hello")
    with pytest.raises(NotAnArchiveError):
        restore_archive(other, tmp_path / "data")


def test_an_empty_folder_has_nothing_to_back_up(tmp_path: Path) -> None:
    with pytest.raises(ArchiveError) as raised:
        backup_archive(tmp_path / "nothing", tmp_path / "out.zip")
    assert "no Exporter Desk data" in raised.value.user_message
    assert not (tmp_path / "out.zip").exists()


def test_branding_images_travel_with_the_data(company: Path, tmp_path: Path) -> None:
    import shutil

    own = tmp_path / "own"
    shutil.copytree(company, own)  # the shared company stays as it is
    (own / "branding").mkdir(exist_ok=True)
    (own / "branding" / "logo.png").write_bytes(b"\x89PNG logo bytes")
    archive = tmp_path / "move.zip"
    backup_archive(own, archive)
    fresh = tmp_path / "fresh"
    restore_archive(archive, fresh)
    assert (fresh / "branding" / "logo.png").read_bytes() == b"\x89PNG logo bytes"


def test_with_its_keys_a_restored_company_issues_on_its_local_network(
    company: Path, tmp_path: Path
) -> None:
    import dataclasses

    import keyring

    from exporter_desk.domain import DocumentKind
    from exporter_desk.services.issuing import issue_document
    from exporter_desk.services.network import open_local_network

    archive = tmp_path / "move.zip"
    keyring.set_keyring(COMPANY_KEYRING[0])  # the old computer's keyring
    backup_archive(company, archive, keystore=KeyringKeystore(), key_passphrase="move me please")
    keyring.set_keyring(MemoryKeyring())  # a new computer: an empty keyring
    fresh = tmp_path / "new-computer"
    summary = restore_archive(
        archive, fresh, key_passphrase="move me please", open_keystore=lambda _f: KeyringKeystore()
    )
    assert summary.keys_restored
    keystore = KeyringKeystore()
    with open_store(database_path(fresh)) as store:
        invoice = store.invoices.list()[0]
        copy = store.invoices.save(dataclasses.replace(invoice, id=None, number="HY-CI-2026-0999"))
        assert copy.id is not None
        with open_local_network(fresh, store, keystore) as network:
            doc = issue_document(
                store, keystore, fresh, network, DocumentKind.COMMERCIAL_INVOICE, copy.id
            )
    assert doc.status.value == "registered"
    verdicts = verify_files([Path(doc.path)], load_trust(fresh))
    assert verdicts[0].verdict.result.value == "authentic"
