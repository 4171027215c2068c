"""The error tree: one root, a message for people on every class, never a ValueError."""

from __future__ import annotations

import pytest

from exporter_desk.errors import ExporterError
from exporter_desk.trustnet import (
    CheckpointError,
    EntryError,
    NoteError,
    PolicyError,
    ProofError,
    QuorumError,
    ReceiptError,
    TrustnetError,
)

EXPECTED = {
    TrustnetError: "could not be checked",
    ProofError: "part of the trust network's log does not check out",
    NoteError: "signature from the trust network is missing, invalid",
    CheckpointError: "statement of its log (the checkpoint) is damaged",
    EntryError: "registration record of this document is damaged",
    ReceiptError: "not vouched for by enough independent witnesses",
    QuorumError: "not vouched for by enough independent witnesses",
    PolicyError: "Import the descriptor again from the network operator",
}


@pytest.mark.parametrize("error_class", list(EXPECTED))
def test_every_error_tells_a_person_what_it_means(error_class: type[TrustnetError]) -> None:
    error = error_class("technical detail 42")
    assert str(error) == "technical detail 42"
    assert EXPECTED[error_class] in error.user_message
    assert "technical detail" not in error.user_message


@pytest.mark.parametrize("error_class", list(EXPECTED))
def test_errors_are_caught_by_the_root_and_never_by_except_value_error(
    error_class: type[TrustnetError],
) -> None:
    assert issubclass(error_class, TrustnetError)
    assert issubclass(error_class, ExporterError)
    assert not issubclass(error_class, ValueError)


def test_a_specific_user_message_overrides_the_default() -> None:
    error = NoteError("invalid signature for key x+00000000", user_message="Specific advice.")
    assert error.user_message == "Specific advice."
