"""PAdES B-T against an RFC 3161 time-stamping authority on a loopback port (never the network)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from asn1crypto import keys as asn1_keys
from asn1crypto import tsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

from exporter_desk.signing import (
    CertificateAuthority,
    SigningCredentials,
    TimestampError,
    sign_pdf,
)
from tests.signing.conftest import validate


def rsa_tsa_certificate(
    ca: CertificateAuthority, now: datetime
) -> tuple[x509.Certificate, rsa.RSAPrivateKey]:
    # pyHanko's test TSA signs with RSA only, so this one certificate is built by hand.
    key = rsa.generate_private_key(65537, 2048)
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test TSA")]))
        .issuer_name(ca.certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(hours=1))
        .not_valid_after(now + timedelta(days=30))
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .sign(ca.key, hashes.SHA256())
    )
    return cert, key


def serve(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/tsa"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def tsa_url(member_ca: CertificateAuthority, now: datetime) -> Iterator[str]:
    cert, key = rsa_tsa_certificate(member_ca, now)
    stamper = DummyTimeStamper(
        tsa_cert=asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER)),
        tsa_key=asn1_keys.PrivateKeyInfo.load(
            key.private_bytes(
                serialization.Encoding.DER,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        ),
    )

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            answer = stamper.request_tsa_response(tsp.TimeStampReq.load(body)).dump()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, format: str, *args: object) -> None:
            pass

    yield from serve(Handler)


@pytest.fixture
def broken_tsa_url() -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.send_response(500)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.wfile.write(b"down")

        def log_message(self, format: str, *args: object) -> None:
            pass

    yield from serve(Handler)


def test_signature_carries_a_trusted_time_stamp(
    small_pdf: bytes,
    credentials: SigningCredentials,
    member_ca: CertificateAuthority,
    tsa_url: str,
) -> None:
    status = validate(
        sign_pdf(small_pdf, credentials, timestamp_url=tsa_url), member_ca.certificate
    )
    assert status.bottom_line
    assert status.timestamp_validity is not None
    assert status.timestamp_validity.intact and status.timestamp_validity.valid
    assert status.timestamp_validity.trusted


def test_failing_time_stamp_service_is_reported(
    small_pdf: bytes, credentials: SigningCredentials, broken_tsa_url: str
) -> None:
    with pytest.raises(TimestampError) as excinfo:
        sign_pdf(small_pdf, credentials, timestamp_url=broken_tsa_url)
    assert "time-stamping service" in excinfo.value.user_message


def test_unreachable_time_stamp_service_is_reported(
    small_pdf: bytes, credentials: SigningCredentials
) -> None:
    # Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
    with pytest.raises(TimestampError):
        sign_pdf(small_pdf, credentials, timestamp_url="http://127.0.0.1:9/tsa")
