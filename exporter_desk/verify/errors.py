"""Errors of the verify package. Verification itself never raises for a bad PDF (the verdict
says what is wrong); these are for a verifier that is set up wrongly."""

from __future__ import annotations

from exporter_desk.errors import ExporterError

__all__ = ["TrustSettingsError", "VerifyError"]


class VerifyError(ExporterError):
    """Root of the verify package's errors."""


class TrustSettingsError(VerifyError):
    """A certificate the user asked to trust cannot serve as a trust root."""
