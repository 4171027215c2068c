"""The trust-network node: the log (sequencer, storage, members, HTTP API), the witness, and the
in-process local network the desktop app uses by default (DESIGN.md §6).

Servers run through the ``exporter-desk-notary`` command (:mod:`exporter_desk.notary.cli`);
in-process callers use :class:`LocalNetwork`, or :class:`LogService` and :class:`Witness`.
"""

from exporter_desk.notary.batch import Registration
from exporter_desk.notary.errors import ApiError, NotaryError, SetupError
from exporter_desk.notary.local import LocalNetwork
from exporter_desk.notary.log import Enrolment, LogService, LogSettings
from exporter_desk.notary.provision import (
    WitnessSpec,
    create_invitation,
    init_log,
    init_witness,
    request_revocation,
)
from exporter_desk.notary.witness import Witness, WitnessReply

__all__ = [
    "ApiError",
    "Enrolment",
    "LocalNetwork",
    "LogService",
    "LogSettings",
    "NotaryError",
    "Registration",
    "SetupError",
    "Witness",
    "WitnessReply",
    "WitnessSpec",
    "create_invitation",
    "init_log",
    "init_witness",
    "request_revocation",
]
