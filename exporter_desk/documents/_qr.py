"""A QR code drawn as one path: reportlab's QrCodeWidget draws each module as its own
rectangle (thousands of drawing operations, and the code is encoded twice), which was most of
the time of rendering a one-page invoice."""

from __future__ import annotations

from reportlab.graphics.barcode import qrencoder
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

QUIET_ZONE = 2  # modules of white border, as the widget's barBorder=2


def qr_modules(payload: str) -> list[list[bool]]:
    """The QR code of ``payload`` (error correction M, smallest version), dark = True."""
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(payload)
    code.make()
    count = code.getModuleCount()
    return [[bool(code.isDark(row, col)) for col in range(count)] for row in range(count)]


class QrFlowable(Flowable):  # type: ignore[misc]
    """A square QR code ``size`` points wide, quiet zone included."""

    def __init__(self, payload: str, size: float) -> None:
        super().__init__()
        self.modules = qr_modules(payload)
        self.width = self.height = size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas: Canvas = self.canv
        count = len(self.modules)
        unit = self.width / (count + 2 * QUIET_ZONE)
        path = canvas.beginPath()
        for row, cells in enumerate(self.modules):
            y = self.height - (row + QUIET_ZONE + 1) * unit
            col = 0
            while col < count:  # one rectangle per horizontal run of dark modules
                if not cells[col]:
                    col += 1
                    continue
                start = col
                while col < count and cells[col]:
                    col += 1
                path.rect((start + QUIET_ZONE) * unit, y, (col - start) * unit, unit)
        canvas.saveState()
        canvas.setFillColorRGB(0, 0, 0)
        canvas.drawPath(path, stroke=0, fill=1)
        canvas.restoreState()
