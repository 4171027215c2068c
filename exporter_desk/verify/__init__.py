"""Offline verification of an issued PDF (DESIGN.md section 4): ``verify_pdf(source, trust)``
returns a :class:`Verdict`, data with one :class:`Check` per numbered step of the plan in
:mod:`exporter_desk.verify.verifier`. Imports ``signing``-free parts of ours only: ``trustnet``
and ``errors``.

``verify_pdf`` loads pyHanko, which takes most of a second: it is imported on first use, so that
importing this package (for the verdict types) stays cheap for the app's cold start; and only
pyHanko's validation half is loaded (see :mod:`._lazy_pyhanko`).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from exporter_desk.verify.errors import TrustSettingsError, VerifyError
from exporter_desk.verify.trust import (
    DEFAULT_LIMITS,
    Limits,
    OnlineChecker,
    OnlineStatus,
    Trust,
    TrustRoot,
)
from exporter_desk.verify.verdict import (
    PLAN,
    VERDICT_FORMAT,
    Check,
    CheckStatus,
    DocumentInfo,
    IssuerInfo,
    RegistrationInfo,
    Result,
    Step,
    Verdict,
    decide_result,
)

if TYPE_CHECKING:
    from exporter_desk.verify.verifier import RECEIPT_NAME, verify_pdf

_LAZY = frozenset({"RECEIPT_NAME", "verify_pdf"})


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module("exporter_desk.verify.verifier"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "DEFAULT_LIMITS",
    "PLAN",
    "RECEIPT_NAME",
    "VERDICT_FORMAT",
    "Check",
    "CheckStatus",
    "DocumentInfo",
    "IssuerInfo",
    "Limits",
    "OnlineChecker",
    "OnlineStatus",
    "RegistrationInfo",
    "Result",
    "Step",
    "Trust",
    "TrustRoot",
    "TrustSettingsError",
    "Verdict",
    "VerifyError",
    "decide_result",
    "verify_pdf",
]
