"""The client accepts a receipt only for the entry it submitted (real HTTP on 127.0.0.1)."""

from __future__ import annotations

import base64

import pytest

from exporter_desk.trustnet import Entry
from exporter_desk.trustnet.client import HttpTransport, ReceiptMismatchError, TrustnetClient
from tests.trustnet.test_client import ScriptedServer
from tests.trustnet.test_entry import VECTOR_KEY, _entry
from tests.trustnet.test_policy import GO, _descriptor


def _client(url: str) -> TrustnetClient:
    transport = HttpTransport(url, timeout=5, attempts=1, backoff=0.5, sleep=lambda _s: None)
    return TrustnetClient(_descriptor(), transport)


def test_a_receipt_for_the_submitted_entry_is_accepted() -> None:
    ours = Entry.parse(base64.b64decode(GO["leaves"][5]))
    with ScriptedServer([(200, {}, GO["receipt"].encode())]) as server:
        registration = _client(server.url).register(ours, "tok")
    assert registration.check.entry == ours
    assert registration.receipt_text == GO["receipt"]


def test_a_valid_receipt_for_another_entry_is_refused_with_a_message() -> None:
    ours = _entry(number="INV-OURS-1").sign(VECTOR_KEY)  # well formed, not the one proven
    with (
        ScriptedServer([(200, {}, GO["receipt"].encode())]) as server,
        pytest.raises(ReceiptMismatchError) as caught,
    ):
        _client(server.url).register(ours, "tok")
    assert server.requests[0][2] == ours.format()
    assert caught.value.user_message == (
        "The trust network answered with a receipt for another document; the registration was "
        "not accepted. Contact the network operator."
    )
