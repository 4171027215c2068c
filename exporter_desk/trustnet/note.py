"""C2SP signed notes (c2sp.org/signed-note): keys, signing, and opening with trusted keys.

Byte-compatible with Go's ``golang.org/x/mod/sumdb/note``: the same key strings
(``name+hash8hex+base64(type || key)`` and ``PRIVATE+KEY+name+hash8hex+base64(type || seed)``),
the same note layout, the same deterministic Ed25519 signatures. Signature types are chosen by
their type byte: 0x01 Ed25519 (log signatures) and 0x04 timestamped Ed25519 witness
cosignatures (c2sp.org/tlog-cosignature, whose checkpoint-level helpers live in
:mod:`exporter_desk.trustnet.checkpoint`).

Key IDs are always recomputed from the name, type and public key and compared with the one a
string claims; a string whose ID does not match is refused. Where the spec lets a verifier choose,
we choose the stricter option: every signature from a known key is verified (even a repeated
one), and base64 must be canonical.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from exporter_desk.trustnet.encoding import decode_base64, encode_base64
from exporter_desk.trustnet.errors import NoteError

__all__ = [
    "COSIGNATURE_TIMESTAMP_MAX",
    "MAX_NOTE_SIZE",
    "MAX_SIGNATURES",
    "SIGNATURE_TYPE_COSIGNATURE_V1",
    "SIGNATURE_TYPE_ED25519",
    "NoteSignature",
    "OpenedNote",
    "SignedNote",
    "Signer",
    "VerifiedSignature",
    "Verifier",
    "add_signature_lines",
    "add_signatures",
    "cosignature_message",
    "generate_key",
    "is_valid_key_name",
    "key_id",
    "open_note",
    "parse_note",
    "parse_signature_line",
    "parse_signer_key",
    "parse_verifier_key",
    "sign_note",
]

SIGNATURE_TYPE_ED25519 = 0x01
"""Plain Ed25519 over the note text (c2sp.org/signed-note): what a log signs with."""

SIGNATURE_TYPE_COSIGNATURE_V1 = 0x04
"""Timestamped Ed25519 cosignature (c2sp.org/tlog-cosignature): what a witness signs with."""

MAX_SIGNATURES = 100
"""A note with more signature lines than this is malformed (Go's limit; the spec asks >= 16)."""

MAX_NOTE_SIZE = 1 << 20
"""A note larger than this many bytes is malformed: bounds the work a hostile note can cause."""

COSIGNATURE_TIMESTAMP_MAX = 2**63 - 1
"""The largest timestamp a cosignature may carry (tlog-cosignature)."""

_SUPPORTED_TYPES = frozenset({SIGNATURE_TYPE_ED25519, SIGNATURE_TYPE_COSIGNATURE_V1})
_PUBLIC_KEY_SIZE = 32
_SEED_SIZE = 32
_ED25519_SIGNATURE_SIZE = 64
_TIMESTAMP_SIZE = 8
_SIGNATURE_PREFIX = "\u2014 "  # em dash, space
_PRIVATE_PREFIX = "PRIVATE+KEY+"
_KEY_ID_HEX = re.compile(r"[0-9a-fA-F]{8}")
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f]")
_GO_SPACES = frozenset("\t\n\v\f\r \x85\xa0")  # Go's unicode.IsSpace, besides categories Z*


# --- keys -----------------------------------------------------------------------------------------


def is_valid_key_name(name: str) -> bool:
    """Tell whether ``name`` is a valid key name: non-empty, UTF-8, no '+', no Unicode space."""
    if not isinstance(name, str) or not name or "+" in name:
        return False
    for char in name:
        if char in _GO_SPACES or ord(char) < 0x20:
            return False
        if unicodedata.category(char) in ("Zs", "Zl", "Zp"):
            return False
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate is not UTF-8
        return False
    return True


def key_id(name: str, key_type: int, public_key: bytes) -> int:
    """Return the key ID: the first 4 bytes, big-endian, of SHA-256(name || 0x0A || type || key)."""
    digest = hashlib.sha256(
        name.encode("utf-8") + b"\n" + bytes([key_type]) + bytes(public_key)
    ).digest()
    return int.from_bytes(digest[:4], "big")


def cosignature_message(text: bytes, timestamp: int) -> bytes:
    """Return what a cosignature/v1 signs: its header and time lines, then the note text.

    Raises:
        NoteError: if ``timestamp`` is outside [0, 2^63 - 1].
    """
    _check_timestamp(timestamp)
    return b"cosignature/v1\ntime %d\n" % timestamp + bytes(text)


@dataclass(frozen=True, slots=True)
class Verifier:
    """A public key that can verify note signatures: its name, signature type and 32-byte key."""

    name: str
    key_type: int
    public_key: bytes

    def __post_init__(self) -> None:
        _check_key_fields(self.name, self.key_type, self.public_key, "public key")
        try:
            Ed25519PublicKey.from_public_bytes(self.public_key)
        except ValueError as exc:
            raise NoteError(f"public key of {self.name!r} is not an Ed25519 key") from exc

    @property
    def key_id(self) -> int:
        """The key ID, always computed from the name, type and key."""
        return key_id(self.name, self.key_type, self.public_key)

    def verifier_key(self) -> str:
        """Return the standard verifier key string ``name+hash8hex+base64(type || key)``."""
        key = encode_base64(bytes([self.key_type]) + self.public_key)
        return f"{self.name}+{self.key_id:08x}+{key}"

    def verify(self, text: bytes, signature: bytes) -> bool:
        """Tell whether ``signature`` (without its 4-byte key ID) signs the note ``text``."""
        if self.key_type == SIGNATURE_TYPE_COSIGNATURE_V1:
            if len(signature) != _TIMESTAMP_SIZE + _ED25519_SIGNATURE_SIZE:
                return False
            timestamp = int.from_bytes(signature[:_TIMESTAMP_SIZE], "big")
            if timestamp > COSIGNATURE_TIMESTAMP_MAX:
                return False
            message = cosignature_message(text, timestamp)
            signature = signature[_TIMESTAMP_SIZE:]
        else:
            if len(signature) != _ED25519_SIGNATURE_SIZE:
                return False
            message = bytes(text)
        try:
            Ed25519PublicKey.from_public_bytes(self.public_key).verify(bytes(signature), message)
        except (InvalidSignature, ValueError):
            return False
        return True


@dataclass(frozen=True, slots=True)
class Signer:
    """A private key that signs notes: its name, signature type and 32-byte Ed25519 seed."""

    name: str
    key_type: int
    seed: bytes = field(repr=False)

    def __post_init__(self) -> None:
        _check_key_fields(self.name, self.key_type, self.seed, "seed")

    @property
    def public_key(self) -> bytes:
        """The 32-byte Ed25519 public key derived from the seed."""
        return self._private_key().public_key().public_bytes_raw()

    @property
    def key_id(self) -> int:
        """The key ID, computed from the name, type and derived public key."""
        return key_id(self.name, self.key_type, self.public_key)

    def verifier(self) -> Verifier:
        """Return the matching public :class:`Verifier`."""
        return Verifier(self.name, self.key_type, self.public_key)

    def signer_key(self) -> str:
        """Return the standard signer key string ``PRIVATE+KEY+name+hash8hex+base64(type||seed)``.

        The string is a secret: whoever holds it can sign as this key.
        """
        key = encode_base64(bytes([self.key_type]) + self.seed)
        return f"{_PRIVATE_PREFIX}{self.name}+{self.key_id:08x}+{key}"

    def sign(self, text: bytes, *, timestamp: int | None = None) -> bytes:
        """Return the signature of the note ``text`` (without the 4-byte key ID).

        A cosignature (type 0x04) is ``8-byte big-endian timestamp || Ed25519 signature`` over
        :func:`cosignature_message`; it needs ``timestamp`` (seconds since the epoch), since this
        module never reads a clock.

        Raises:
            NoteError: if a cosigning key is given no timestamp, or the timestamp is out of range.
        """
        if self.key_type == SIGNATURE_TYPE_COSIGNATURE_V1:
            if timestamp is None:
                raise NoteError(f"cosigning key {self.name!r} needs a timestamp")
            message = cosignature_message(text, timestamp)
            return timestamp.to_bytes(_TIMESTAMP_SIZE, "big") + self._private_key().sign(message)
        return self._private_key().sign(bytes(text))

    def _private_key(self) -> Ed25519PrivateKey:
        return Ed25519PrivateKey.from_private_bytes(self.seed)


def generate_key(name: str, key_type: int = SIGNATURE_TYPE_ED25519) -> tuple[str, str]:
    """Generate a fresh Ed25519 key; return ``(signer_key, verifier_key)`` strings.

    ``key_type`` is 0x01 for a log key (the default) or 0x04 for a witness cosigning key.

    Raises:
        NoteError: if ``name`` is not a valid key name or the type is not supported.
    """
    seed = Ed25519PrivateKey.generate().private_bytes_raw()
    signer = Signer(name, key_type, seed)
    return signer.signer_key(), signer.verifier().verifier_key()


def parse_verifier_key(vkey: str) -> Verifier:
    """Parse a verifier key string ``name+hash8hex+base64(type || key)``.

    Raises:
        NoteError: if the string is malformed, the type is not 0x01 or 0x04, the key is not 32
            bytes, or the key ID in the string is not the one computed from the key.
    """
    if not isinstance(vkey, str):
        raise NoteError("verifier key is not text")
    name, key_hex, key_bytes = _split_key_string(vkey, "verifier key")
    return Verifier(*_checked_key_parts(name, key_hex, key_bytes, public_from=None))


def parse_signer_key(skey: str) -> Signer:
    """Parse a signer key string ``PRIVATE+KEY+name+hash8hex+base64(type || seed)``.

    Raises:
        NoteError: if the string is malformed, the type is not supported, the seed is not 32
            bytes, or the key ID is not the one computed from the derived public key.
    """
    if not isinstance(skey, str) or not skey.startswith(_PRIVATE_PREFIX):
        raise NoteError("signer key does not start with PRIVATE+KEY+")
    name, key_hex, key_bytes = _split_key_string(skey[len(_PRIVATE_PREFIX) :], "signer key")
    parts = _checked_key_parts(name, key_hex, key_bytes, public_from="seed")
    return Signer(parts[0], parts[1], key_bytes[1:])


def _split_key_string(text: str, what: str) -> tuple[str, str, bytes]:
    name, plus, rest = text.partition("+")
    key_hex, plus2, key64 = rest.partition("+")
    if not plus or not plus2:
        raise NoteError(f"{what} is not of the form name+hash+key")
    if not is_valid_key_name(name):
        raise NoteError(f"{what} has an invalid key name {name!r}")
    if not _KEY_ID_HEX.fullmatch(key_hex):
        raise NoteError(f"{what} key ID {key_hex!r} is not 8 hexadecimal digits")
    key_bytes = decode_base64(key64)
    if not key_bytes:
        raise NoteError(f"{what} key material is not canonical, non-empty base64")
    return name, key_hex, key_bytes


def _checked_key_parts(
    name: str, key_hex: str, key_bytes: bytes, *, public_from: str | None
) -> tuple[str, int, bytes]:
    key_type, material = key_bytes[0], key_bytes[1:]
    if key_type not in _SUPPORTED_TYPES:
        raise NoteError(f"key {name!r} has unsupported signature type 0x{key_type:02x}")
    if len(material) != _PUBLIC_KEY_SIZE:
        raise NoteError(f"key {name!r} has {len(material)} bytes of key material, not 32")
    public = material
    if public_from == "seed":
        public = Ed25519PrivateKey.from_private_bytes(material).public_key().public_bytes_raw()
    computed = key_id(name, key_type, public)
    if int(key_hex, 16) != computed:
        raise NoteError(
            f"key {name!r} claims key ID {key_hex.lower()} but its key gives {computed:08x}",
            user_message=(
                "A trust-network key is damaged: its check digits do not match the key. "
                "Import it again from the network operator."
            ),
        )
    return name, key_type, material


def _check_key_fields(name: str, key_type: int, key: bytes, what: str) -> None:
    if not is_valid_key_name(name):
        raise NoteError(f"invalid key name {name!r}")
    if key_type not in _SUPPORTED_TYPES:
        raise NoteError(f"unsupported signature type {key_type!r}")
    if not isinstance(key, bytes) or len(key) != _PUBLIC_KEY_SIZE:
        raise NoteError(f"{what} of {name!r} is not 32 bytes")


def _check_timestamp(timestamp: int) -> None:
    if isinstance(timestamp, bool) or not isinstance(timestamp, int):
        raise NoteError("cosignature timestamp is not an integer")
    if not 0 <= timestamp <= COSIGNATURE_TIMESTAMP_MAX:
        raise NoteError(f"cosignature timestamp {timestamp} is outside [0, 2^63 - 1]")


# --- notes ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NoteSignature:
    """One signature line of a note, trusted or not: key name, key ID and signature bytes."""

    name: str
    key_id: int
    signature: bytes

    @property
    def line(self) -> str:
        """The signature line, ``— name base64(key ID || signature)`` and a newline."""
        payload = self.key_id.to_bytes(4, "big") + self.signature
        return f"{_SIGNATURE_PREFIX}{self.name} {encode_base64(payload)}\n"

    @property
    def timestamp(self) -> int | None:
        """The timestamp a cosignature/v1 carries, or None if the signature is too short.

        Only meaningful once a type-0x04 verifier has accepted the signature.
        """
        if len(self.signature) != _TIMESTAMP_SIZE + _ED25519_SIGNATURE_SIZE:
            return None
        return int.from_bytes(self.signature[:_TIMESTAMP_SIZE], "big")


@dataclass(frozen=True, slots=True)
class SignedNote:
    """A note split into its text and signature lines; nothing in it is trusted yet."""

    text: str
    signatures: tuple[NoteSignature, ...]

    def format(self) -> str:
        """Return the note: text, blank line, signature lines."""
        return self.text + "\n" + "".join(sig.line for sig in self.signatures)


@dataclass(frozen=True, slots=True)
class VerifiedSignature:
    """A signature that a trusted :class:`Verifier` accepted."""

    verifier: Verifier
    signature: NoteSignature

    @property
    def timestamp(self) -> int | None:
        """For a cosignature (type 0x04), the time it asserts; None for other types."""
        if self.verifier.key_type != SIGNATURE_TYPE_COSIGNATURE_V1:
            return None
        return self.signature.timestamp


@dataclass(frozen=True, slots=True)
class OpenedNote:
    """A note whose text at least one trusted key has signed.

    ``verified`` holds one entry per trusted key that signed (all its signatures verified);
    ``unverified`` holds signatures from unknown keys, kept for display and never trusted.
    """

    text: str
    verified: tuple[VerifiedSignature, ...]
    unverified: tuple[NoteSignature, ...]

    @property
    def verified_names(self) -> frozenset[str]:
        """Names of the trusted keys whose signatures verified."""
        return frozenset(item.verifier.name for item in self.verified)


def parse_note(note: str | bytes) -> SignedNote:
    """Split a signed note into text and signature lines, checking only its syntax.

    Raises:
        NoteError: if the note is not UTF-8, is too large, contains control characters other
            than newline, lacks the blank line before the signatures, has no signature or more
            than :data:`MAX_SIGNATURES`, or has a malformed signature line.
    """
    message = _note_text(note, "note")
    split = message.rfind("\n\n")
    if split < 0:
        raise NoteError("malformed note: no blank line before the signatures")
    text, block = message[: split + 1], message[split + 2 :]
    if not block or not block.endswith("\n"):
        raise NoteError("malformed note: no signature, or the last line has no newline")
    lines = block[:-1].split("\n")
    if len(lines) > MAX_SIGNATURES:
        raise NoteError(f"malformed note: {len(lines)} signatures, at most {MAX_SIGNATURES}")
    return SignedNote(text, tuple(_parse_signature_line(line) for line in lines))


def parse_signature_line(line: str) -> NoteSignature:
    """Parse one signature line ``— name base64(key ID || signature)`` (a final newline is allowed).

    Raises:
        NoteError: if the line is malformed.
    """
    if not isinstance(line, str):
        raise NoteError("signature line is not text")
    body = line[:-1] if line.endswith("\n") else line
    if _CONTROL.search(body) or "\n" in body:
        raise NoteError("signature line contains a control character")
    return _parse_signature_line(body)


def _parse_signature_line(line: str) -> NoteSignature:
    if not line.startswith(_SIGNATURE_PREFIX):
        raise NoteError(f"malformed note: signature line {line[:40]!r} does not start with '— '")
    name, _, encoded = line[len(_SIGNATURE_PREFIX) :].partition(" ")
    if not is_valid_key_name(name):
        raise NoteError(f"malformed note: invalid key name {name[:40]!r} in a signature line")
    payload = decode_base64(encoded)
    if payload is None or len(payload) < 5:
        raise NoteError(
            f"malformed note: signature of {name!r} is not canonical base64 of 5+ bytes"
        )
    return NoteSignature(name, int.from_bytes(payload[:4], "big"), payload[4:])


def open_note(note: str | bytes, verifiers: Iterable[Verifier | str]) -> OpenedNote:
    """Parse ``note`` and verify its signatures with the trusted ``verifiers``.

    Signatures from keys not in ``verifiers`` (by name *and* key ID) are kept as unverified.

    Raises:
        NoteError: if the note is malformed (see :func:`parse_note`), a signature from a known key
            does not verify, two different trusted keys share a name and key ID, or no signature
            from a known key is present.
    """
    parsed = parse_note(note)
    known: dict[tuple[str, int], Verifier] = {}
    ambiguous: set[tuple[str, int]] = set()
    for item in verifiers:
        verifier = parse_verifier_key(item) if isinstance(item, str) else item
        slot = (verifier.name, verifier.key_id)
        if slot in known and known[slot] != verifier:
            ambiguous.add(slot)
        known.setdefault(slot, verifier)

    text = parsed.text.encode("utf-8")
    verified: dict[tuple[str, int], VerifiedSignature] = {}
    unverified: dict[NoteSignature, None] = {}
    for signature in parsed.signatures:
        slot = (signature.name, signature.key_id)
        if slot in ambiguous:
            raise NoteError(f"ambiguous key {signature.name}+{signature.key_id:08x}")
        trusted = known.get(slot)
        if trusted is None:
            unverified.setdefault(signature, None)
            continue
        if not trusted.verify(text, signature.signature):
            raise NoteError(
                f"invalid signature for key {signature.name}+{signature.key_id:08x}",
                user_message=(
                    "A signature by a trusted trust-network key does not match the signed data: "
                    "the data was altered after it was signed."
                ),
            )
        verified.setdefault(slot, VerifiedSignature(trusted, signature))
    if not verified:
        names = ", ".join(sorted({sig.name for sig in parsed.signatures}))
        raise NoteError(f"note has no verifiable signatures (signed by: {names})")
    return OpenedNote(parsed.text, tuple(verified.values()), tuple(unverified))


def sign_note(text: str, signers: Sequence[Signer | str], *, now: int | None = None) -> str:
    """Sign ``text`` with every signer and return the note.

    ``now`` (seconds since the epoch) is the timestamp of cosigning (type 0x04) signers.

    Raises:
        NoteError: if ``text`` does not end in a newline, contains control characters other
            than newline or is too large, no signer is given, or a cosigner has no ``now``.
    """
    return _sign(SignedNote(_check_text(text), ()), signers, now)


def add_signatures(note: str, signers: Sequence[Signer | str], *, now: int | None = None) -> str:
    """Add the signatures of ``signers`` to a signed note, as Go's ``note.Sign`` does.

    Existing signatures stay in order, except those by the same key (name and key ID) as a new
    one, which the new one replaces; new signatures come last.

    Raises:
        NoteError: if the note is malformed, no signer is given, or a cosigner has no ``now``.
    """
    return _sign(parse_note(note), signers, now)


def _sign(parsed: SignedNote, signers: Sequence[Signer | str], now: int | None) -> str:
    chosen: dict[tuple[str, int], Signer] = {}
    for item in signers:
        signer = parse_signer_key(item) if isinstance(item, str) else item
        chosen.setdefault((signer.name, signer.key_id), signer)
    if not chosen:
        raise NoteError("no signer given")
    text = parsed.text.encode("utf-8")
    fresh = [
        NoteSignature(name, ident, signer.sign(text, timestamp=now))
        for (name, ident), signer in chosen.items()
    ]
    kept = [sig for sig in parsed.signatures if (sig.name, sig.key_id) not in chosen]
    return _bounded(SignedNote(parsed.text, (*kept, *fresh))).format()


def add_signature_lines(note: str, lines: Iterable[str]) -> str:
    """Append signature lines (such as witness cosignatures) to a signed note, checking syntax.

    A line replaces an existing signature by the same key (name and key ID). Nothing is verified:
    open the result with :func:`open_note`.

    Raises:
        NoteError: if the note or a line is malformed, or the result has too many signatures.
    """
    parsed = parse_note(note)
    added: dict[tuple[str, int], NoteSignature] = {}
    for line in lines:
        signature = parse_signature_line(line)
        added[(signature.name, signature.key_id)] = signature
    kept = [sig for sig in parsed.signatures if (sig.name, sig.key_id) not in added]
    return _bounded(SignedNote(parsed.text, (*kept, *added.values()))).format()


def _bounded(note: SignedNote) -> SignedNote:
    if len(note.signatures) > MAX_SIGNATURES:
        raise NoteError(f"a note may carry at most {MAX_SIGNATURES} signatures")
    return note


def _check_text(text: str) -> str:
    checked = _note_text(text, "note text")
    if not checked.endswith("\n"):
        raise NoteError("note text does not end with a newline")
    return checked


def _note_text(value: str | bytes, what: str) -> str:
    if isinstance(value, bytes | bytearray):
        if len(value) > MAX_NOTE_SIZE:
            raise NoteError(f"{what} is {len(value)} bytes, more than {MAX_NOTE_SIZE}")
        try:
            text = bytes(value).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise NoteError(f"{what} is not valid UTF-8") from exc
    elif isinstance(value, str):
        text = value
        try:
            size = len(text.encode("utf-8"))
        except UnicodeEncodeError as exc:
            raise NoteError(f"{what} is not valid UTF-8") from exc
        if size > MAX_NOTE_SIZE:
            raise NoteError(f"{what} is {size} bytes, more than {MAX_NOTE_SIZE}")
    else:
        raise NoteError(f"{what} is {type(value).__name__}, not text")
    control = _CONTROL.search(text)
    if control:
        raise NoteError(f"{what} contains control character {control.group()!r}")
    return text
