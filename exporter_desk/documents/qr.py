"""The QR code payload printed beside the signature: which document, and a digest of its data.

A PDF cannot contain its own digest, so the digest is that of the embedded ``document.json``
(its canonical bytes), and the payload says so by its key, ``data-sha256``::

    exporter-desk:v1?kind=commercial-invoice&number=HY-CI-2026-0112&data-sha256=<64 hex>&origin=<network>

Values are percent-encoded (RFC 3986 unreserved characters stay as they are); ``origin`` is left
out when the document is not meant for a network.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, urlencode

from exporter_desk.domain import DocumentKind
from exporter_desk.errors import ExporterError

__all__ = ["QR_PREFIX", "QrPayload", "QrPayloadError", "format_qr_payload", "parse_qr_payload"]

QR_PREFIX = "exporter-desk:v1?"
_HEX64 = re.compile(r"[0-9a-f]{64}")
_MAX_PAYLOAD = 1024  # a QR code of error level M holds about 2,300 bytes; ours stay far below


class QrPayloadError(ExporterError):
    """A QR code that is not an Exporter Desk document payload."""


@dataclass(frozen=True, slots=True)
class QrPayload:
    kind: DocumentKind
    number: str
    data_sha256: str  # lower-case hex SHA-256 of the embedded document.json
    origin: str = ""


def format_qr_payload(payload: QrPayload) -> str:
    """The payload as text; ``parse_qr_payload`` gives the same ``QrPayload`` back.

    Raises:
        ValueError: the digest is not 64 lower-case hex digits (a programming error).
    """
    if not _HEX64.fullmatch(payload.data_sha256):
        raise ValueError(f"data_sha256 must be 64 lower-case hex digits: {payload.data_sha256!r}")
    params = [
        ("kind", payload.kind.value),
        ("number", payload.number),
        ("data-sha256", payload.data_sha256),
    ]
    if payload.origin:
        params.append(("origin", payload.origin))
    return QR_PREFIX + urlencode(params, quote_via=quote, safe="")


def parse_qr_payload(text: str) -> QrPayload:
    """Read a payload written by ``format_qr_payload``.

    Raises:
        QrPayloadError: not our prefix, a missing, repeated or unknown key, an unknown kind, or a
            malformed digest.
    """
    if len(text) > _MAX_PAYLOAD or not text.startswith(QR_PREFIX):
        raise _bad(text, "it does not start with exporter-desk:v1")
    try:
        pairs = parse_qsl(
            text[len(QR_PREFIX) :], keep_blank_values=True, strict_parsing=True, errors="strict"
        )
    except (ValueError, UnicodeDecodeError) as exc:
        raise _bad(text, "its parameters are malformed") from exc
    keys = [k for k, _v in pairs]
    allowed = {"kind", "number", "data-sha256", "origin"}
    if len(set(keys)) != len(keys) or not set(keys) <= allowed:
        raise _bad(text, "it has repeated or unknown parameters")
    values = dict(pairs)
    missing = {"kind", "number", "data-sha256"} - values.keys()
    if missing:
        raise _bad(text, f"it lacks {', '.join(sorted(missing))}")
    try:
        kind = DocumentKind(values["kind"])
    except ValueError as exc:
        raise _bad(text, f"'{values['kind']}' is not a document kind") from exc
    digest = values["data-sha256"]
    if not _HEX64.fullmatch(digest):
        raise _bad(text, "its data digest is not a SHA-256 in hex")
    return QrPayload(kind, values["number"], digest, values.get("origin", ""))


def _bad(text: str, why: str) -> QrPayloadError:
    return QrPayloadError(
        f"not an exporter-desk QR payload ({why}): {text[:80]!r}",
        user_message=f"This QR code is not an Exporter Desk document code: {why}.",
    )
