"""The QR payload: it names the digest of the embedded data, never of the PDF holding it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from exporter_desk.documents import (
    DocumentContext,
    QrPayload,
    QrPayloadError,
    RenderOptions,
    format_qr_payload,
    parse_qr_payload,
    render_document,
)
from exporter_desk.domain import DocumentKind

DIGEST = "ab" * 32


def test_round_trips_with_awkward_numbers() -> None:
    payload = QrPayload(DocumentKind.PACKING_LIST, "PL 2026/07&x=1 上海", DIGEST, "log.example/a")
    text = format_qr_payload(payload)
    assert text.startswith("exporter-desk:v1?kind=packing-list&number=PL%202026%2F07%26x%3D1%20")
    assert f"&data-sha256={DIGEST}&origin=log.example%2Fa" in text
    assert parse_qr_payload(text) == payload


def test_origin_is_left_out_when_there_is_no_network() -> None:
    text = format_qr_payload(QrPayload(DocumentKind.BILL_OF_EXCHANGE, "B-1", DIGEST))
    assert "origin" not in text
    assert parse_qr_payload(text).origin == ""


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("https://example.com/?kind=x", "it does not start with exporter-desk:v1"),
        (
            f"exporter-desk:v1?kind=invoice&number=1&data-sha256={DIGEST}",
            "'invoice' is not a document kind",
        ),
        (
            "exporter-desk:v1?kind=packing-list&number=1&data-sha256=00ff",
            "its data digest is not a SHA-256 in hex",
        ),
        (f"exporter-desk:v1?kind=packing-list&data-sha256={DIGEST}", "it lacks number"),
        (
            f"exporter-desk:v1?kind=packing-list&number=1&number=2&data-sha256={DIGEST}",
            "it has repeated or unknown parameters",
        ),
        (
            f"exporter-desk:v1?kind=packing-list&number=1&pdf-sha256={DIGEST}",
            "it has repeated or unknown parameters",
        ),
        ("exporter-desk:v1?kind", "its parameters are malformed"),
    ],
)
def test_rejects_what_is_not_our_payload(text: str, why: str) -> None:
    with pytest.raises(QrPayloadError) as info:
        parse_qr_payload(text)
    assert info.value.user_message == f"This QR code is not an Exporter Desk document code: {why}."


def test_a_malformed_digest_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="64 lower-case hex"):
        format_qr_payload(QrPayload(DocumentKind.PACKING_LIST, "1", DIGEST.upper()))


def test_the_printed_qr_code_scans_to_the_digest_of_the_embedded_data(
    contexts: dict[DocumentKind, DocumentContext], tmp_path: Path
) -> None:
    import hashlib
    import io
    import subprocess

    import zxingcpp
    from PIL import Image
    from pypdf import PdfReader

    options = RenderOptions(
        created=dt.datetime(2026, 11, 2, tzinfo=dt.UTC), network_origin="log.example/a"
    )
    rendered = render_document(
        DocumentKind.COMMERCIAL_INVOICE, contexts[DocumentKind.COMMERCIAL_INVOICE], options
    )
    pdf = tmp_path / "invoice.pdf"
    pdf.write_bytes(rendered.pdf)
    png = subprocess.run(
        ["pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", str(pdf)],
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout
    found = [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]
    assert len(found) == 1
    payload = parse_qr_payload(found[0])
    data = PdfReader(pdf).attachments["document.json"][0]
    assert payload == QrPayload(
        DocumentKind.COMMERCIAL_INVOICE,
        "HY-CI-2026-0112",
        hashlib.sha256(data).hexdigest(),
        "log.example/a",
    )


def test_qr_modules_are_those_of_reportlabs_own_encoder() -> None:
    from reportlab.graphics.barcode.qr import QrCodeWidget

    from exporter_desk.documents._qr import qr_modules

    text = format_qr_payload(QrPayload(DocumentKind.PACKING_LIST, "PL-1", DIGEST, "log.example/a"))
    widget = QrCodeWidget(text, barLevel="M", barBorder=2)
    widget.draw()
    count = widget.qr.getModuleCount()
    expected = [[bool(widget.qr.isDark(r, c)) for c in range(count)] for r in range(count)]
    assert qr_modules(text) == expected
