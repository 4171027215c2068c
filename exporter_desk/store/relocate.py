"""Moving a data folder: issued documents record where their PDF is, under the data folder."""

from __future__ import annotations

from exporter_desk.store.database import Store


def relocate_documents(store: Store, old_root: str, new_root: str) -> int:
    """Point documents stored under ``old_root`` at the same file under ``new_root``.

    Returns:
        How many documents were moved.
    """
    old = old_root.rstrip("/\\")
    new = new_root.rstrip("/\\")
    if not old or old == new:
        return 0
    with store.transaction():
        cursor = store._session.execute(
            "UPDATE documents SET path = ? || substr(path, ?) "
            "WHERE substr(path, 1, ?) = ? AND substr(path, ?, 1) IN ('/', '\\')",
            (new, len(old) + 1, len(old), old, len(old) + 1),
        )
    return int(cursor.rowcount)


__all__ = ["relocate_documents"]
