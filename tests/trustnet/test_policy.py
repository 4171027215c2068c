"""Trust policies, network descriptors, and checking a receipt offline against them."""

from __future__ import annotations

import base64
import contextlib
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from hypothesis import given, settings
from hypothesis import strategies as st

from exporter_desk.trustnet import NoteError, PolicyError, ProofError, QuorumError, ReceiptError
from exporter_desk.trustnet.checkpoint import (
    Checkpoint,
    add_cosignatures,
    cosign_checkpoint,
    generate_witness_key,
    sign_checkpoint,
)
from exporter_desk.trustnet.entry import Entry, certificate_fingerprint, document_digest
from exporter_desk.trustnet.merkle import inclusion_proof, root_hash
from exporter_desk.trustnet.note import generate_key, parse_note, parse_verifier_key
from exporter_desk.trustnet.policy import (
    DESCRIPTOR_FORMAT,
    NetworkDescriptor,
    format_descriptor,
    format_policy,
    key_fingerprint,
    parse_descriptor,
    parse_policy,
    verify_receipt,
)
from exporter_desk.trustnet.receipt import Receipt, format_proof, parse_proof

GO = json.loads((Path(__file__).parent / "vectors" / "go_interop.json").read_text())
ORIGIN = "log.example.org/exporter-desk"
GO_W1, GO_W2 = (w["verifier_key"] for w in GO["witnesses"])

# transparency-dev/formats policy/tlog_policy_test.go: Ed25519 keys, rewrapped there as 0x04.
WIT1_ED25519 = "Wit1+55ee4561+AVhZSmQj9+SoL+p/nN0Hh76xXmF7QcHfytUrI1XfSClk"
WIT2_ED25519 = "Wit2+85ecc407+AWVbwFJte9wMQIPSnEnj4KibeO6vSIOEDUTDp3o63c2x"


def _rewrap(vkey: str, name: str) -> str:
    """The same public key as a 0x04 cosignature key under ``name`` (with a correct key ID)."""
    from exporter_desk.trustnet.note import Verifier

    return Verifier(name, 0x04, parse_verifier_key(vkey).public_key).verifier_key()


WIT1, WIT2 = _rewrap(WIT1_ED25519, "Wit1"), _rewrap(WIT2_ED25519, "Wit2")
WITS = [generate_witness_key(f"w{i}.example")[1] for i in range(7)]
LOG = generate_key(ORIGIN)[1]


def _ca_pem(*, ca: bool = True) -> str:
    key = ec.derive_private_key(0xCA, ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Example Members CA")])
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(datetime(2024, 1, 1, tzinfo=UTC))
        .not_valid_after(datetime(2034, 1, 1, tzinfo=UTC))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    return certificate.public_bytes(serialization.Encoding.PEM).decode()


CA_PEM = _ca_pem()
GO_POLICY = f"log {GO['log_verifier_key']}\nwitness w1 {GO_W1}\nwitness w2 {GO_W2}\ngroup both all w1 w2\nquorum both\n"


def _descriptor(policy: str = GO_POLICY, origin: str = ORIGIN) -> NetworkDescriptor:
    return NetworkDescriptor(origin, "https://notary.example.org/", CA_PEM, policy)


# --- tlog-policy ----------------------------------------------------------------------------------


def test_parses_the_spec_example() -> None:
    policy = parse_policy(
        f"log {LOG}\n\n"
        f"witness X1 {WITS[1]}\nwitness X2 {WITS[2]}\nwitness X3 {WITS[3]}\n"
        "group X-witnesses 2 X1 X2 X3\n\n"
        f"witness Y1 {WITS[4]}\nwitness Y2 {WITS[5]}\nwitness Y3 {WITS[6]}\n"
        "group Y-witnesses any Y1 Y2 Y3\n\n"
        "group X-and-Y all X-witnesses Y-witnesses\nquorum X-and-Y\n"
    )
    assert [log.verifier.verifier_key() for log in policy.logs] == [LOG]
    assert [w.name for w in policy.witnesses] == ["X1", "X2", "X3", "Y1", "Y2", "Y3"]
    assert [(g.name, g.threshold, g.members) for g in policy.groups] == [
        ("X-witnesses", 2, ("X1", "X2", "X3")),
        ("Y-witnesses", 1, ("Y1", "Y2", "Y3")),
        ("X-and-Y", 2, ("X-witnesses", "Y-witnesses")),
    ]
    assert policy.quorum == "X-and-Y"
    assert policy.is_satisfied({"X1", "X3", "Y2"})
    assert not policy.is_satisfied({"X1", "Y1", "Y2", "Y3"})
    assert not policy.is_satisfied({"X1", "X2", "X3"})


def test_parses_minimal_policy() -> None:
    policy = parse_policy("quorum none\n")
    assert (policy.logs, policy.witnesses, policy.groups, policy.quorum) == ((), (), (), "none")
    assert policy.is_satisfied(())


def test_whitespace_and_comment_lines_are_ignored() -> None:
    policy = parse_policy(
        f"\n# comment\n\t # another comment\n\twitness \t w1  {WIT1}   https://w1.example.com/  \n\n  quorum\tw1"
    )
    assert [(w.name, w.url) for w in policy.witnesses] == [("w1", "https://w1.example.com/")]
    assert policy.quorum == "w1"


def test_urls_are_optional_and_opaque() -> None:
    policy = parse_policy(f"log {LOG} https://log.example.com/\nwitness w1 {WIT1}\nquorum w1\n")
    assert policy.logs[0].url == "https://log.example.com/"
    assert policy.witnesses[0].url is None


def test_non_ascii_names_are_opaque_octets() -> None:
    # transparency-dev/formats: a name with a Kelvin sign and a lone high octet (not UTF-8).
    name = b"K\xe2\x84\xaalvin-w\x80"
    policy = parse_policy(b"witness " + name + b" " + WIT1.encode() + b"\nquorum " + name + b"\n")
    assert policy.is_satisfied({policy.witnesses[0].name})
    assert parse_policy(format_policy(policy)) == policy
    assert format_policy(policy).encode("utf-8", "surrogateescape").startswith(b"witness " + name)
    with pytest.raises(PolicyError, match="unknown member"):
        parse_policy(f"witness K {WIT1}\ngroup g any \u212a\nquorum g\n")  # Kelvin sign is not K


def test_keywords_other_than_none_are_valid_names() -> None:
    policy = parse_policy(
        f"witness all {WIT1}\nwitness any {WIT2}\ngroup group 2 all any\nquorum group\n"
    )
    assert [w.name for w in policy.witnesses] == ["all", "any"]
    assert policy.groups[0].threshold == 2


def test_quorum_of_nested_groups() -> None:
    # transparency-dev/formats TestSatisfied
    policy = parse_policy(
        f"witness w1 {WITS[1]}\nwitness w2 {WITS[2]}\nwitness w3 {WITS[3]}\n"
        "group inner any w2 w3\ngroup outer all w1 inner\nquorum outer\n"
    )
    assert policy.is_satisfied({"w1", "w2", "w3"})
    assert policy.is_satisfied({"w1", "w3"})
    assert not policy.is_satisfied({"w1"})
    assert not policy.is_satisfied({"w2", "w3"})
    assert not policy.is_satisfied(set())


def test_format_policy_round_trips() -> None:
    # transparency-dev/formats TestMarshalRoundTrip
    policy = parse_policy(
        f"# A policy.\nlog {LOG} https://log.example.com/\nwitness w1 {WIT1} https://w1.example.com/\n"
        f"witness w2 {WIT2}\ngroup g1 any w1 w2\nquorum g1\n"
    )
    text = format_policy(policy)
    assert text == (
        f"log {LOG} https://log.example.com/\nwitness w1 {WIT1} https://w1.example.com/\n"
        f"witness w2 {WIT2}\ngroup g1 1 w1 w2\nquorum g1\n"
    )
    assert parse_policy(text) == policy


@pytest.mark.parametrize(
    ("policy", "message"),
    [
        # transparency-dev/formats TestUnmarshal_Errors
        ("quorum none\n\x01", "invalid octet 0x01"),
        ("quorum none\r\n", "invalid octet 0x0d"),
        ("quorum none\x7f\n", "invalid octet 0x7f"),
        ("quibble w1\nquorum none\n", "unknown keyword"),
        (
            f"witness w1 {WIT1} https://w1.example.com/ # comment\nquorum w1\n",
            "invalid witness definition",
        ),
        ("log\nquorum none\n", "invalid log definition"),
        ("log garbage\nquorum none\n", "invalid log vkey"),
        (
            f"log {LOG}\nlog {LOG} https://log.example.com/\nquorum none\n",
            "duplicate log public key",
        ),
        ("witness w1\nquorum none\n", "invalid witness definition"),
        (f"witness w1 {WIT1_ED25519}\nquorum w1\n", "key type 0x01 is not a cosignature"),
        (f"log {WIT1}\nquorum none\n", "key type 0x04 is not a log"),
        (f"witness none {WIT1}\nquorum none\n", "reserved"),
        (f"witness w1 {WIT1}\nwitness w1 {WIT2}\nquorum w1\n", "duplicate name"),
        (f"witness w1 {WIT1}\ngroup w1 any w1\nquorum w1\n", "duplicate name"),
        (f"witness w1 {WIT1}\ngroup g1 1\nquorum w1\n", "invalid group definition"),
        (f"witness w1 {WIT1}\ngroup none any w1\nquorum none\n", "reserved"),
        (f"witness w1 {WIT1}\ngroup g1 0 w1\nquorum g1\n", "outside \\[1, 1\\]"),
        (f"witness w1 {WIT1}\ngroup g1 -1 w1\nquorum g1\n", "invalid threshold"),
        (f"witness w1 {WIT1}\ngroup g1 2 w1\nquorum g1\n", "outside \\[1, 1\\]"),
        (f"witness w1 {WIT1}\ngroup g1 any w2\nquorum g1\n", "unknown member"),
        (f"group g1 any w1\nwitness w1 {WIT1}\nquorum g1\n", "unknown member"),
        (f"witness w1 {WIT1}\ngroup g1 any none w1\nquorum g1\n", "unknown member"),
        (f"witness w1 {WIT1}\ngroup g1 all w1 w1\nquorum g1\n", "more than once"),
        (
            f"witness w1 {WIT1}\nwitness w2 {WIT2}\ngroup g1 any w1 w2\ngroup g2 any w1\nquorum g1\n",
            "more than once",
        ),
        (f"witness w1 {WIT1}\n", "exactly one quorum"),
        (f"witness w1 {WIT1}\nquorum w1\nquorum w1\n", "exactly one quorum"),
        ("quorum unknown\n", "not defined"),
        (f"quorum w1\nwitness w1 {WIT1}\n", "not defined"),
        ("quorum\n", "invalid quorum definition"),
        # ours
        (
            f"witness w1 {WIT1}\nwitness impostor {_rewrap(WIT1, 'impostor.example.com')}\nquorum w1\n",
            "duplicate witness public key",
        ),
        (f"witness w1 {WIT1.replace('+', '+0', 1)[:-1]}\nquorum w1\n", "invalid witness vkey"),
        (f"witness w1 {WIT1}\ngroup g1 \uff11 w1\nquorum g1\n", "invalid threshold"),
        (f"witness w1 {WIT1}\u00a0\nquorum w1\n", "invalid witness vkey"),
    ],
)
def test_rejects_invalid_policy(policy: str, message: str) -> None:
    with pytest.raises(PolicyError, match=message) as caught:
        parse_policy(policy)
    assert "trust policy of this network is invalid" in caught.value.user_message


def test_rejects_policy_key_with_wrong_hash() -> None:
    name, _, key = WIT1.split("+", 2)
    with pytest.raises(PolicyError, match="claims key ID"):
        parse_policy(f"witness w1 {name}+00000000+{key}\nquorum w1\n")


# --- network descriptors --------------------------------------------------------------------------


def test_descriptor_round_trips_and_keeps_the_policy_verbatim() -> None:
    policy = "# the witnesses\n" + GO_POLICY
    descriptor = _descriptor(policy)
    data = format_descriptor(descriptor)
    document = json.loads(data)
    assert list(document) == ["format", "origin", "api_url", "member_ca_pem", "policy"]
    assert document["format"] == DESCRIPTOR_FORMAT and document["policy"] == policy
    parsed = parse_descriptor(data)
    assert parsed == descriptor
    assert parsed.policy == descriptor.policy
    assert format_descriptor(parsed) == data


def test_descriptor_shows_fingerprints_of_every_pinned_key() -> None:
    fingerprints = _descriptor().fingerprints()
    assert [(f.role, f.name) for f in fingerprints] == [
        ("log", ORIGIN),
        ("witness", "w1 (witness.example.com/w1)"),
        ("witness", "w2 (witness.example.net/w2)"),
        ("member CA", "CN=Example Members CA"),
    ]
    assert all(len(f.fingerprint) == 79 for f in fingerprints)  # 16 groups of 4 hex digits
    assert fingerprints[0].fingerprint == key_fingerprint(
        parse_verifier_key(GO["log_verifier_key"])
    )


def _document(**changes: object) -> bytes:
    document: dict[str, object] = json.loads(format_descriptor(_descriptor()))
    document.update(changes)
    return json.dumps(document).encode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xff{}", "not UTF-8 JSON"),
        (b"[]", "not a JSON object"),
        (b"{" * 100_000, "not UTF-8 JSON"),
        (b'{"format": "a", "format": "b"}', "duplicate key"),
        (_document(extra="x"), "descriptor keys"),
        (_document(policy=None), "must all be strings"),
        (_document(origin="other.example/log"), "not named after origin"),
        (_document(origin="bad origin"), "not a valid key name"),
        (_document(api_url="notary.example.org"), "not a URL"),
        (_document(api_url="https://exa mple.org/"), "not a URL"),
        (_document(member_ca_pem="not a certificate"), "not exactly one PEM"),
        (_document(member_ca_pem=CA_PEM + CA_PEM), "not exactly one PEM"),
        (_document(member_ca_pem=_ca_pem(ca=False)), "not a CA certificate"),
        (_document(policy=f"witness w1 {GO_W1}\nquorum w1\n"), "names no log"),
        (_document(policy="quorum nobody\n"), "not defined"),
        (_document(policy=GO_POLICY + "# \udc80\n"), "not valid UTF-8"),
    ],
)
def test_rejects_invalid_descriptor(data: bytes, message: str) -> None:
    with pytest.raises(PolicyError, match=message):
        parse_descriptor(data)


def test_rejects_descriptor_of_unknown_format_with_advice() -> None:
    with pytest.raises(PolicyError, match="is not exporter-desk-network/v1") as caught:
        parse_descriptor(_document(format="exporter-desk-network/v2"))
    assert "Update Exporter Desk" in caught.value.user_message


# --- verify_receipt --------------------------------------------------------------------------------


def test_verifies_go_receipt_against_pinned_network() -> None:
    check = verify_receipt(parse_proof(GO["receipt"]), _descriptor())
    assert check.index == 5
    assert check.entry == Entry.parse(base64.b64decode(GO["leaves"][5]))
    assert check.checkpoint.size == 8
    assert dict(check.cosigners) == {"w1": 1700000000, "w2": 1700000061}
    assert check.checkpoint_time == 1700000061  # upper median of two: the newer
    assert check.leaf_hash == check.entry.leaf_hash()


def _without_signature(receipt: Receipt, name: str) -> Receipt:
    note = parse_note(receipt.checkpoint)
    kept = "".join(sig.line for sig in note.signatures if sig.name != name)
    return Receipt(receipt.extra, receipt.index, receipt.proof, note.text + "\n" + kept)


def test_rejects_receipt_below_witness_quorum() -> None:
    receipt = _without_signature(parse_proof(GO["receipt"]), "witness.example.net/w2")
    with pytest.raises(QuorumError, match="does not meet quorum 'both'") as caught:
        verify_receipt(receipt, _descriptor())
    assert "Not enough of the trust network's independent witnesses" in caught.value.user_message
    one_of_two = GO_POLICY.replace("group both all", "group both any")
    assert dict(verify_receipt(receipt, _descriptor(one_of_two)).cosigners) == {"w1": 1700000000}


def test_rejects_cosignatures_dated_in_the_future() -> None:
    receipt = parse_proof(GO["receipt"])
    assert verify_receipt(receipt, _descriptor(), now=1700000000).checkpoint_time == 1700000061
    with pytest.raises(ReceiptError, match="dated in the future: w1, w2"):
        verify_receipt(receipt, _descriptor(), now=1700000000 - 601)


def test_rejects_receipt_without_log_signature() -> None:
    receipt = _without_signature(parse_proof(GO["receipt"]), ORIGIN)
    with pytest.raises(NoteError, match="not signed by the log key") as caught:
        verify_receipt(receipt, _descriptor())
    assert "not signed by the trust network's log" in caught.value.user_message


def test_rejects_receipt_of_another_network() -> None:
    other_log = generate_key("other.example/log")[1]
    policy = f"log {other_log}\nwitness w1 {GO_W1}\nwitness w2 {GO_W2}\nquorum w1\n"
    with pytest.raises(ReceiptError, match="not of network") as caught:
        verify_receipt(parse_proof(GO["receipt"]), _descriptor(policy, "other.example/log"))
    assert "different trust network" in caught.value.user_message


def test_rejects_receipt_checkpoint_signed_by_a_rotated_out_log_key() -> None:
    new_key = generate_key(ORIGIN)[1]
    policy = GO_POLICY.replace(GO["log_verifier_key"], new_key)
    with pytest.raises(NoteError):
        verify_receipt(parse_proof(GO["receipt"]), _descriptor(policy))


def test_rejects_receipt_with_tampered_proof() -> None:
    receipt = parse_proof(GO["receipt"])
    flipped = (bytes([receipt.proof[0][0] ^ 1]) + receipt.proof[0][1:], *receipt.proof[1:])
    with pytest.raises(ProofError) as caught:
        verify_receipt(
            Receipt(receipt.extra, receipt.index, flipped, receipt.checkpoint), _descriptor()
        )
    assert "does not check out" in caught.value.user_message


def test_rejects_receipt_with_another_index() -> None:
    receipt = parse_proof(GO["receipt"])
    for index in (4, 6, 8, 9):
        with pytest.raises(ProofError):
            verify_receipt(
                Receipt(receipt.extra, index, receipt.proof, receipt.checkpoint), _descriptor()
            )


def test_rejects_receipt_whose_entry_was_swapped() -> None:
    receipt = parse_proof(GO["receipt"])
    key = ec.derive_private_key(0x5EC2E7, ec.SECP256R1())
    forged = Entry.build(
        kind="commercial-invoice",
        number="INV-2024/0042",
        issuer=certificate_fingerprint(b"test certificate"),
        digest=document_digest(b"a different document"),
        length=21,
        time=datetime(2024, 5, 17, 9, 30, tzinfo=UTC),
    ).sign(key)
    swapped = Receipt(forged.format(), receipt.index, receipt.proof, receipt.checkpoint)
    with pytest.raises(ProofError):
        verify_receipt(swapped, _descriptor())


def test_rejects_receipt_without_a_valid_entry() -> None:
    receipt = parse_proof(GO["receipt"])
    with pytest.raises(ReceiptError, match="carries no entry"):
        verify_receipt(
            Receipt(None, receipt.index, receipt.proof, receipt.checkpoint), _descriptor()
        )
    filler = base64.b64decode(GO["leaves"][4])
    with pytest.raises(ReceiptError, match="entry is malformed"):
        verify_receipt(Receipt(filler, 4, receipt.proof, receipt.checkpoint), _descriptor())


def test_ignores_cosignatures_of_witnesses_outside_the_policy() -> None:
    receipt = parse_proof(GO["receipt"])
    stranger_skey, _ = generate_witness_key("stranger.example/w")
    note = add_cosignatures(
        receipt.checkpoint, [cosign_checkpoint(receipt.checkpoint, stranger_skey, 1)]
    )
    check = verify_receipt(
        Receipt(receipt.extra, receipt.index, receipt.proof, note), _descriptor()
    )
    assert set(check.cosigners) == {"w1", "w2"}


# --- the whole path, written by us: log, three witnesses, receipt, check --------------------------


def test_end_to_end_receipt_with_median_witness_time() -> None:
    origin = "notary.example.org/log"
    log_skey, log_vkey = generate_key(origin)
    witnesses = [generate_witness_key(f"w{i}.witness.example") for i in range(3)]
    policy = (
        f"log {log_vkey}\n"
        + "".join(f"witness w{i} {vkey}\n" for i, (_, vkey) in enumerate(witnesses))
        + "group two-of-three 2 w0 w1 w2\nquorum two-of-three\n"
    )
    descriptor = parse_descriptor(
        json.dumps(
            {
                "format": DESCRIPTOR_FORMAT,
                "origin": origin,
                "api_url": "http://127.0.0.1:8080/",
                "member_ca_pem": CA_PEM,
                "policy": policy,
            }
        ).encode()
    )
    issuer_key = ec.generate_private_key(ec.SECP256R1())
    entries = [
        Entry.build(
            kind="packing-list",
            number=f"PL-{i:04d}",
            issuer="ab" * 32,
            digest=document_digest(b"document %d" % i),
            length=1000 + i,
            time=datetime(2025, 1, 2, 3, 4, i, tzinfo=UTC),
        )
        .sign(issuer_key)
        .format()
        for i in range(11)
    ]
    checkpoint = Checkpoint(origin, len(entries), root_hash(entries))
    note = sign_checkpoint(checkpoint, log_skey)
    times = [1750000300, 1750000100, 1750000200]
    note = add_cosignatures(
        note,
        [cosign_checkpoint(note, skey, t) for (skey, _), t in zip(witnesses, times, strict=True)],
    )
    receipt_text = format_proof(Receipt(entries[7], 7, tuple(inclusion_proof(entries, 7)), note))

    check = verify_receipt(parse_proof(receipt_text), descriptor, now=1750000400)
    assert check.entry.number == "PL-0007"
    assert check.checkpoint_time == 1750000200  # the median of three
    check.entry.verify_signature(issuer_key.public_key())


def test_quorum_none_gives_no_checkpoint_time() -> None:
    policy = f"log {GO['log_verifier_key']}\nquorum none\n"
    check = verify_receipt(
        _without_signature(parse_proof(GO["receipt"]), "witness.example.com/w1"),
        _descriptor(policy),
    )
    assert check.checkpoint_time is None and dict(check.cosigners) == {}


# --- fuzz -----------------------------------------------------------------------------------------

_FUZZ = settings(max_examples=250, deadline=None)
_policy_alphabet = st.sampled_from(
    [
        "log ",
        "witness ",
        "group ",
        "quorum ",
        "none",
        "any ",
        "all ",
        "2 ",
        "w1 ",
        "g ",
        "\n",
        "\t",
        "# ",
        WIT1,
        WIT2,
        LOG,
        "\x00",
        "\x80",
        "é",
    ]
)


@_FUZZ
@given(st.one_of(st.lists(_policy_alphabet, max_size=25).map("".join), st.binary(max_size=200)))
def test_fuzz_policy_parser_raises_only_policy_errors(text: str | bytes) -> None:
    try:
        policy = parse_policy(text)
    except PolicyError:
        return
    assert parse_policy(format_policy(policy)) == policy


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=10,
)


@_FUZZ
@given(
    st.one_of(
        st.binary(max_size=200),
        _json_values.map(lambda v: json.dumps(v).encode()),
        st.dictionaries(
            st.sampled_from(["format", "origin", "api_url", "member_ca_pem", "policy", "x"]),
            _json_values,
        ).map(lambda v: json.dumps(v).encode()),
    )
)
def test_fuzz_descriptor_parser_raises_only_policy_errors(data: bytes) -> None:
    with contextlib.suppress(PolicyError):
        parse_descriptor(data)
