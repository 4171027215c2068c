"""Attaching a document received from others (supplier's invoice, B/L, insurance or inspection
certificate) to a deal: hash it, keep a copy in the data folder, verify it when it is a PDF
carrying our registration receipt, and record it with its typed fields.

Public API: ``attach_received_document(store, data_dir, deal_id, source, kind, *, details=None,
trust=None) -> ReceivedDocument``; ``RECEIVED_FOLDER``; ``ReceivedFileError``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from pathlib import Path

from exporter_desk.domain.deal import DealId
from exporter_desk.domain.received import ReceivedDocument, ReceivedKind
from exporter_desk.errors import ExporterError
from exporter_desk.services._files import safe_file_name, write_atomically
from exporter_desk.store import Store
from exporter_desk.verify import Result, Trust

RECEIVED_FOLDER = "received"
MAX_BYTES = 100 * 1024 * 1024  # a scanned B/L is a few MB; 100 MB is not a trade document


class ReceivedFileError(ExporterError):
    """The file to attach cannot be read, or is too large."""


def attach_received_document(
    store: Store,
    data_dir: Path,
    deal_id: DealId,
    source: Path,
    kind: ReceivedKind,
    *,
    details: ReceivedDocument | None = None,
    trust: Trust | None = None,
) -> ReceivedDocument:
    """Copy ``source`` into ``data_dir/received/<sha256>-<name>``, verify it if it is a signed
    PDF (one that carries our registration receipt gets its full verdict; an unsigned PDF or
    another file gets none) (with ``trust``, default the data folder's pinned
    networks), and save the record: ``details`` gives the typed fields the user entered or
    confirmed (its file fields are replaced by the file's own).

    Raises:
        ReceivedFileError: when the file cannot be read or is over MAX_BYTES.
        ValidationError, MissingReferenceError: from the store; the copied file is then removed
        unless another record uses it.
    """
    try:
        size = source.stat().st_size
        if size > MAX_BYTES:
            raise ReceivedFileError(
                f"{source}: {size} bytes",
                user_message=f"{source.name} is {size / 1e6:.0f} MB; attach a file under "
                f"{MAX_BYTES // 1_000_000} MB.",
            )
        data = source.read_bytes()
    except OSError as exc:
        raise ReceivedFileError(
            f"cannot read {source}: {exc}",
            user_message=f"{source.name} cannot be read: {exc.strerror or exc}.",
        ) from exc
    digest = hashlib.sha256(data).hexdigest()
    relative = Path(RECEIVED_FOLDER) / f"{digest[:16]}-{safe_file_name(source.name)}"
    target = data_dir / relative
    existed = target.exists()
    if not existed:
        write_atomically(target, data)
    verdict, detail = "", ""
    if data.lstrip()[:5] == b"%PDF-":
        from exporter_desk.services.trust import load_trust
        from exporter_desk.services.verifying import verify_file

        # The receipt sits in a (usually compressed) embedded file: only the verifier can say
        # whether one is there. An ordinary unsigned PDF has nothing to verify: no verdict kept.
        result = verify_file(target, trust if trust is not None else load_trust(data_dir))
        if result.result is not Result.UNSIGNED:
            verdict = result.result.value
            detail = json.dumps(result.to_json(), ensure_ascii=False, sort_keys=True)
    base = details or ReceivedDocument(deal_id, kind, source.name, digest, len(data))
    record = replace(
        base,
        deal_id=deal_id,
        kind=kind,
        file_name=source.name,
        sha256=digest,
        size=len(data),
        stored_path=relative.as_posix(),
        verdict=verdict,
        verdict_detail=detail,
    )
    try:
        return store.received.save(record)
    except ExporterError:
        if not existed:
            target.unlink(missing_ok=True)
        raise


__all__ = ["MAX_BYTES", "RECEIVED_FOLDER", "ReceivedFileError", "attach_received_document"]
