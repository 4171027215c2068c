"""Choosing and opening a log's storage from its configuration (notary.storage._open)."""

from __future__ import annotations

from pathlib import Path

import pytest

from exporter_desk.notary._files import LogFiles
from exporter_desk.notary.errors import SetupError
from exporter_desk.notary.provision import init_log
from exporter_desk.notary.storage import open_log_storage, write_database_url
from tests.notary.helpers import free_port


def test_a_log_without_configuration_keeps_its_sqlite_file(tmp_path: Path) -> None:
    init_log(tmp_path / "log", origin="log.test/sqlite", api_url="http://127.0.0.1:1")
    storage = open_log_storage(LogFiles(tmp_path / "log"))
    assert (storage.kind, storage.shared) == ("sqlite", False)
    assert (tmp_path / "log" / "log.sqlite3").exists()


def test_a_database_that_is_not_a_postgresql_url_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SetupError) as caught:
        write_database_url(LogFiles(tmp_path), "mysql://db/log")
    assert "postgresql://" in caught.value.user_message
    (tmp_path / "database.url").write_text("sqlite:///elsewhere\n")
    with pytest.raises(SetupError) as unreadable:
        open_log_storage(LogFiles(tmp_path))
    assert "must hold one postgresql://" in unreadable.value.user_message


def test_an_unreachable_postgresql_server_says_where_without_the_password(tmp_path: Path) -> None:
    url = f"postgresql://notary:s3cret@127.0.0.1:{free_port()}/log"
    with pytest.raises(SetupError) as caught:
        init_log(
            tmp_path / "log", origin="log.test/down", api_url="http://127.0.0.1:1", database=url
        )
    message = caught.value.user_message
    assert "cannot be reached" in message and "127.0.0.1" in message
    assert "s3cret" not in message and "s3cret" not in str(caught.value)


def test_a_second_log_on_a_database_that_holds_one_is_refused(
    tmp_path: Path, pg_database: str
) -> None:
    init_log(
        tmp_path / "a", origin="log.test/a", api_url="http://127.0.0.1:1", database=pg_database
    )
    with pytest.raises(SetupError) as caught:
        init_log(
            tmp_path / "b", origin="log.test/b", api_url="http://127.0.0.1:1", database=pg_database
        )
    assert "already holds a log" in caught.value.user_message
    assert "log.test/a" in str(caught.value)
