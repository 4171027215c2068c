"""The one key type we sign with (ECDSA P-256), and its checks and encodings."""

from __future__ import annotations

import base64
import binascii

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.types import (
    CertificatePublicKeyTypes,
    PrivateKeyTypes,
)

from exporter_desk.signing.errors import KeystoreDamagedError, UnsupportedKeyTypeError

CURVE_NAME = "secp256r1"


def describe_key(key: PrivateKeyTypes | CertificatePublicKeyTypes) -> str:
    """A technical description of a key's type, for error messages (never its value)."""
    if isinstance(key, ec.EllipticCurvePrivateKey | ec.EllipticCurvePublicKey):
        return f"EC {key.curve.name}"
    size = getattr(key, "key_size", None)
    return type(key).__name__ + (f" ({size} bits)" if size else "")


def require_p256_private_key(key: PrivateKeyTypes) -> ec.EllipticCurvePrivateKey:
    """Return ``key`` as a P-256 private key.

    Raises:
        UnsupportedKeyTypeError: any other key type or curve.
    """
    if isinstance(key, ec.EllipticCurvePrivateKey) and key.curve.name == CURVE_NAME:
        return key
    raise UnsupportedKeyTypeError(f"expected an EC {CURVE_NAME} key, got {describe_key(key)}")


def require_p256_public_key(key: CertificatePublicKeyTypes) -> ec.EllipticCurvePublicKey:
    """Return ``key`` as a P-256 public key.

    Raises:
        UnsupportedKeyTypeError: any other key type or curve.
    """
    if isinstance(key, ec.EllipticCurvePublicKey) and key.curve.name == CURVE_NAME:
        return key
    raise UnsupportedKeyTypeError(f"expected an EC {CURVE_NAME} key, got {describe_key(key)}")


def format_private_key(key: ec.EllipticCurvePrivateKey) -> str:
    """Base64 of the unencrypted PKCS#8 DER: one line, for a secret store that protects it."""
    der = key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return base64.b64encode(der).decode("ascii")


def parse_private_key(text: str) -> ec.EllipticCurvePrivateKey:
    """Inverse of :func:`format_private_key`.

    Raises:
        KeystoreDamagedError: not base64 PKCS#8 DER.
        UnsupportedKeyTypeError: a readable key that is not P-256.
    """
    try:
        der = base64.b64decode(text.encode("ascii"), validate=True)
        key = serialization.load_der_private_key(der, password=None)
    except (binascii.Error, UnicodeEncodeError, ValueError, TypeError) as exc:
        raise KeystoreDamagedError(
            f"stored signing key is not base64 PKCS#8 DER ({type(exc).__name__})"
        ) from exc
    return require_p256_private_key(key)
