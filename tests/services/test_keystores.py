"""Where the keys live: an existing encrypted key file is never opened without its passphrase."""

from __future__ import annotations

from pathlib import Path

import pytest

from exporter_desk.services.keystores import KEY_FILE, PassphraseNeededError, open_keystore
from exporter_desk.signing import EncryptedFileKeystore


@pytest.mark.parametrize("given", [None, ""])
def test_a_key_file_without_its_passphrase_says_where_the_keys_are(
    tmp_path: Path, given: str | None
) -> None:
    key_file = tmp_path / KEY_FILE
    EncryptedFileKeystore(key_file, "correct horse battery").store_token(
        "default", "example.org/log", "token-1"
    )
    with pytest.raises(PassphraseNeededError) as caught:
        open_keystore(tmp_path, lambda: given)
    assert caught.value.user_message == (
        f"Your keys are in the encrypted file {key_file}; enter its passphrase "
        "(scripts set EXPORTER_DESK_PASSPHRASE)."
    )
    reopened = open_keystore(tmp_path, lambda: "correct horse battery")
    assert reopened.load_token("default", "example.org/log") == "token-1"
