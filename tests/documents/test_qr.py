"""The QR payload: it names the digest of the embedded data, never of the PDF holding it."""

from __future__ import annotations

import pytest

from exporter_desk.documents import QrPayload, QrPayloadError, format_qr_payload, parse_qr_payload
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
