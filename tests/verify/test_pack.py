"""Verifying a pack: the bank pack itself, every signed original embedded in it, and every
printed page against its original. Packs are built from documents really issued on the local
network, then attacked with pypdf and qpdf."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import keyring
import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ContentStream, NameObject

from exporter_desk.cli import main
from exporter_desk.domain import DocumentKind, IssuedDocument
from exporter_desk.services.demo import seed_demo
from exporter_desk.services.network import open_local_network
from exporter_desk.services.packs import build_pack, issue_bank_pack, plan_pack
from exporter_desk.services.trust import load_trust
from exporter_desk.services.verifying import verify_file, verify_files
from exporter_desk.signing import KeyringKeystore
from exporter_desk.store import database_path, open_store
from exporter_desk.verify import Result, Trust, verify_pdf
from exporter_desk.verify.pack import is_pack, verify_pack
from tests.conftest import MemoryKeyring


@dataclass
class Issued:
    data_dir: Path
    trust: Trust
    bank_pack: IssuedDocument
    print_pack: bytes
    originals: dict[str, bytes]  # embedded name -> the issued file's bytes


@pytest.fixture(scope="module")
def issued(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Issued]:
    folder = tmp_path_factory.mktemp("desk")
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    store = open_store(database_path(folder))
    try:
        seed_demo(store)
        keystore = KeyringKeystore()
        with open_local_network(folder, store, keystore) as network:
            # The member certificate is issued at enrolment (now): documents come after it.
            now = dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(minutes=1)
            plan = plan_pack(store, deal=1)
            bank = issue_bank_pack(store, keystore, folder, network, plan, now=now)
            plan = plan_pack(store, deal=1)  # now with every ticked document issued
            print_pack = build_pack(store, plan.with_sets(1, 1), now=now)
        reader = PdfReader(io.BytesIO(print_pack))
        originals = {
            name: Path(doc.issued.path).read_bytes()
            for name, doc in zip(
                sorted(n for n in reader.attachments if n.startswith("original-")),
                _in_pack_order(plan.ticked),
                strict=True,
            )
            if doc.issued is not None
        }
        yield Issued(folder, load_trust(folder), bank, print_pack, originals)
    finally:
        store.close()
        keyring.set_keyring(previous)


def _in_pack_order(candidates: tuple[object, ...]) -> list[object]:
    from exporter_desk.documents import PACK_ORDER

    return sorted(candidates, key=lambda c: PACK_ORDER.index(c.kind))  # type: ignore[attr-defined]


def _replace_embedded(pdf: bytes, name: str, data: bytes) -> bytes:
    """Rewrite the whole file with the embedded file ``name`` holding ``data`` (pypdf)."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    pairs = writer.root_object["/Names"]["/EmbeddedFiles"]["/Names"]
    for index in range(0, len(pairs), 2):
        if pairs[index] == name:
            stream = pairs[index + 1].get_object()["/EF"]["/F"].get_object()
            stream.set_data(data)
            break
    else:
        raise AssertionError(f"{name} not embedded")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_the_bank_pack_and_each_original_in_it_are_authentic(issued: Issued) -> None:
    verdict = verify_pack(Path(issued.bank_pack.path), issued.trust)
    assert verdict.is_issued
    assert verdict.container.result is Result.AUTHENTIC, verdict.container.headline_en
    assert verdict.container.document is not None
    assert verdict.container.document.kind == DocumentKind.BANK_PACK.value
    assert len(verdict.originals) == len(issued.originals) >= 4
    for original in verdict.originals:
        assert original.result is Result.AUTHENTIC, (original.name, original.findings)
        assert original.sha256 == hashlib.sha256(issued.originals[original.name]).hexdigest()
    assert verdict.result is Result.AUTHENTIC and not verdict.findings


def test_pdfsig_calls_the_issued_bank_pack_validly_signed(issued: Issued) -> None:
    out = subprocess.run(
        ["pdfsig", "-no-ocsp", issued.bank_pack.path],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    ).stdout
    assert "Signature is Valid" in out


def test_the_registered_record_lists_every_originals_sha256(issued: Issued) -> None:
    reader = PdfReader(issued.bank_pack.path)
    (raw,) = reader.attachments["document.json"]
    record = json.loads(raw)
    listed = {o["name"]: o["sha256"] for o in record["originals"]}
    assert listed == {
        name: hashlib.sha256(data).hexdigest() for name, data in issued.originals.items()
    }
    assert record["kind"] == "bank-pack" and record["rules_run"]


def test_swapping_an_embedded_original_for_another_authentic_one_is_tampered(
    issued: Issued,
) -> None:
    names = sorted(issued.originals)
    swapped = _replace_embedded(
        Path(issued.bank_pack.path).read_bytes(), names[0], issued.originals[names[1]]
    )
    verdict = verify_pack(swapped, issued.trust)
    assert verdict.result is Result.TAMPERED
    assert verdict.container.result is Result.TAMPERED  # the pack's signature no longer holds
    first = next(o for o in verdict.originals if o.name == names[0])
    assert first.verdict is not None and first.verdict.result is Result.AUTHENTIC
    assert {f.code for f in first.findings} >= {"digest", "page"}
    assert first.result is Result.TAMPERED


def test_an_original_altered_inside_the_pack_with_qpdf_is_tampered(
    issued: Issued, tmp_path: Path
) -> None:
    name = sorted(issued.originals)[0]
    altered = tmp_path / name
    # One more revision appended to the signed original, as an editor's "save" would.
    altered.write_bytes(issued.originals[name] + b"\n% altered after signing\n")
    source = tmp_path / "bank.pdf"
    source.write_bytes(Path(issued.bank_pack.path).read_bytes())
    target = tmp_path / "bank-altered.pdf"
    subprocess.run(
        [
            "qpdf",
            str(source),
            f"--remove-attachment={name}",
            "--add-attachment",
            str(altered),
            f"--key={name}",
            "--",
            str(target),
        ],
        check=True,
        timeout=60,
    )
    assert is_pack(target)
    verdict = verify_pack(target, issued.trust)
    assert verdict.result is Result.TAMPERED
    original = next(o for o in verdict.originals if o.name == name)
    assert original.verdict is not None and original.verdict.result is Result.TAMPERED
    assert "digest" in {f.code for f in original.findings}
    others = [o for o in verdict.originals if o.name != name]
    assert others and all(o.result is Result.AUTHENTIC for o in others)


def test_a_pack_for_printing_is_unsigned_but_its_originals_are_authentic(
    issued: Issued,
) -> None:
    verdict = verify_pack(issued.print_pack, issued.trust)
    assert not verdict.is_issued
    assert verdict.container.result is Result.UNSIGNED
    assert verdict.originals and all(o.result is Result.AUTHENTIC for o in verdict.originals)
    assert verdict.result is Result.AUTHENTIC


def test_a_printed_page_that_differs_from_its_original_is_flagged(issued: Issued) -> None:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(issued.print_pack)))
    page = writer.pages[2]  # the first document's second set (its copy)
    contents = page["/Contents"]
    streams = [ref.get_object() for ref in contents]
    assert streams[0].get_data() == b"q\n" and len(streams) == 3  # stamp, own content, stamp
    changed = ContentStream(None, None)  # the page's own content, with a new amount drawn on it
    changed.set_data(streams[1].get_data() + b"\nBT /F1 9 Tf 100 100 Td (USD 1.00) Tj ET\n")
    contents[1] = writer._add_object(changed)
    page[NameObject("/Contents")] = contents
    out = io.BytesIO()
    writer.write(out)
    verdict = verify_pack(out.getvalue(), issued.trust)
    assert verdict.result is Result.TAMPERED
    first = verdict.originals[0]
    assert first.verdict is not None and first.verdict.result is Result.AUTHENTIC
    (finding,) = [f for f in first.findings if f.code == "page"]
    assert finding.reason.code == "pack.pages_differ"
    assert "3" in str(dict(finding.reason.params)["pages"]).split(", ")
    assert all(not o.findings for o in verdict.originals[1:])


def test_a_page_slipped_into_a_pack_belongs_to_no_original(issued: Issued) -> None:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(issued.print_pack)))
    writer.add_blank_page()
    out = io.BytesIO()
    writer.write(out)
    verdict = verify_pack(out.getvalue(), issued.trust)
    assert verdict.result is Result.TAMPERED
    assert [f.code for f in verdict.findings] == ["stray-page"]


def test_the_verify_service_routes_a_pack_and_keeps_a_plain_pdf_plain(issued: Issued) -> None:
    bank = Path(issued.bank_pack.path)
    (item,) = verify_files([bank], issued.trust)
    assert item.pack is not None and item.result is Result.AUTHENTIC
    summary = verify_file(bank, issued.trust)
    assert summary.result is Result.AUTHENTIC
    assert sum(c.code == "pack.original_passed" for c in summary.checks) == len(issued.originals)
    plain = issued.data_dir / "plain.pdf"
    plain.write_bytes(next(iter(issued.originals.values())))
    assert not is_pack(plain)
    (plain_item,) = verify_files([plain], issued.trust)
    assert plain_item.pack is None and plain_item.result is Result.AUTHENTIC
    assert verify_pdf(plain, issued.trust).result is Result.AUTHENTIC


def test_cli_verify_reports_each_original_of_a_pack(issued: Issued, tmp_path: Path) -> None:
    out = io.StringIO()
    code = main(["--data", str(issued.data_dir), "verify", issued.bank_pack.path], out=out)
    text = out.getvalue()
    assert code == 0, text
    assert text.count(": AUTHENTIC") == 1 + 1 + len(issued.originals)  # file, pack, originals
    names = sorted(issued.originals)
    swapped = tmp_path / "swapped.pdf"
    swapped.write_bytes(
        _replace_embedded(
            Path(issued.bank_pack.path).read_bytes(), names[0], issued.originals[names[1]]
        )
    )
    out = io.StringIO()
    code = main(["--data", str(issued.data_dir), "verify", "--json", str(swapped)], out=out)
    assert code == 1
    (report,) = json.loads(out.getvalue())
    assert report["pack"]["result"] == "tampered"
    assert report["pack"]["originals"][0]["result"] == "tampered"


@pytest.mark.parametrize(
    "manifest",
    [
        b"{",
        b'{"format": "exporter-desk-pack/v9", "documents": [], "cover_pages": 1}',
        json.dumps(
            {
                "format": "exporter-desk-pack/v2",
                "cover_pages": 1,
                "documents": [
                    {
                        "original": "x.pdf",
                        "sha256": "0" * 64,
                        "first_page": 2,
                        "pages_each": 10_000,
                        "originals": 10_000,
                        "copies": 0,
                    }
                ],
            }
        ).encode(),
    ],
    ids=["truncated-json", "unknown-format", "billions-of-pages"],
)
def test_a_damaged_or_hostile_list_of_contents_is_tampered_not_a_crash(
    issued: Issued, manifest: bytes
) -> None:
    damaged = _replace_embedded(issued.print_pack, "pack.json", manifest)
    verdict = verify_pack(damaged, issued.trust)
    assert verdict.result is Result.TAMPERED
    assert [f.code for f in verdict.findings] == ["manifest"]
