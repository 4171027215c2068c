"""The trust-network monitor in the app: passes in the background, alerts in a red banner.

:class:`NetworkMonitor` waits until the window is first shown (start-up never waits for it),
shows the alerts an earlier session left open, then runs a monitor pass
(``services.monitoring.monitor_pass``) every ``interval_ms`` on a worker thread with its own
store connection, bounded by a stop event. Only a pinned remote network is monitored: the local
network is written by this installation alone. Failures (the network is down) are logged and
retried at the next interval: a background check never interrupts the user with a dialog.

:class:`MonitorBanner` says what happened and what to do, and stays until the user presses
"I have read this", which acknowledges the alerts in the store.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from exporter_desk.gui.tasks import Progress, TaskManager, Worker, start_worker
from exporter_desk.store import Store

translate = QCoreApplication.translate
log = logging.getLogger(__name__)

__all__ = ["MonitorBanner", "NetworkMonitor"]


def alert_message(kind: str) -> str:
    """What an alert of ``kind`` means and what to do (translated)."""
    if kind == "foreign-entry":
        return translate(
            "MonitorBanner",
            "A document was registered in your company's name that this installation did not "
            "issue: your signing key may have been copied. Ask the network operator to revoke "
            "your certificate now, then re-enrol with a new key (Settings > Networks).",
        )
    if kind == "foreign-enrolment":
        return translate(
            "MonitorBanner",
            "Someone enrolled a certificate under your company's registration id. If it was not "
            "you, ask the network operator to revoke it now.",
        )
    if kind == "revoked":
        return translate(
            "MonitorBanner",
            "Your company's certificate has been revoked: documents signed with it no longer "
            "verify as trusted. If you did not ask for this, contact the network operator; to "
            "issue again, re-enrol with a new key (Settings > Networks).",
        )
    if kind == "split-view":
        return translate(
            "MonitorBanner",
            "The trust network showed this computer a history that contradicts what it showed "
            "before (a split view): it may be showing different records to different people. "
            "Report it to the network operator and keep this alert as evidence.",
        )
    return translate("MonitorBanner", "The trust-network monitor raised an alert.")


class MonitorBanner(QFrame):
    """A red banner over the window while alerts are open; hidden otherwise."""

    acknowledge_requested = Signal(list)  # alert ids

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("monitorBanner")
        self.setStyleSheet(
            "#monitorBanner { background: #b3261e; border-bottom: 2px solid #8c1d18; }"
            "#monitorBanner QLabel { color: white; }"
            "#monitorBanner QPushButton { background: white; color: #b3261e; "
            "font-weight: 600; padding: 4px 12px; border-radius: 3px; }"
        )
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: 700; font-size: 14px;")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setStyleSheet("font-size: 11px;")
        self.button = QPushButton()
        self.button.clicked.connect(self._on_acknowledge)
        text = QVBoxLayout()
        text.addWidget(self.title)
        text.addWidget(self.message)
        text.addWidget(self.detail)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addLayout(text, 1)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignTop)
        self.alerts: list[Any] = []
        self.retranslate()
        self.hide()

    def show_alerts(self, alerts: list[Any]) -> None:
        """Show the open alerts (``store.monitor.MonitorAlert``, newest first), or hide."""
        self.alerts = list(alerts)
        self.retranslate()
        self.setVisible(bool(self.alerts))

    def retranslate(self) -> None:
        self.button.setText(translate("MonitorBanner", "I have read this"))
        if not self.alerts:
            return
        newest = self.alerts[0]
        count = len(self.alerts)
        if count == 1:
            self.title.setText(translate("MonitorBanner", "Trust network alert"))
        else:
            self.title.setText(
                translate("MonitorBanner", "Trust network alerts: {count}").format(count=count)
            )
        self.message.setText(alert_message(newest.kind))
        when = newest.raised_at.astimezone().strftime("%Y-%m-%d %H:%M")
        self.detail.setText(f"{when} · {newest.detail}")

    @Slot()
    def _on_acknowledge(self) -> None:
        self.acknowledge_requested.emit([alert.id for alert in self.alerts])


def _open_alerts(store: Store) -> list[Any]:
    from exporter_desk.services.monitoring import open_alerts

    return open_alerts(store)


class NetworkMonitor(QObject):
    """See the module docstring. ``passes`` counts finished passes (for tests)."""

    POLL_MS = 300_000
    FIRST_PASS_MS = 5_000
    STEP_LIMIT = 10_000  # entries between two looks at the stop event (a few seconds)

    pass_finished = Signal(object)  # the open alerts after the pass

    def __init__(
        self,
        tasks: TaskManager,
        data_dir: Path,
        banner: MonitorBanner,
        window: QWidget,
        *,
        interval_ms: int = POLL_MS,
        first_pass_ms: int = FIRST_PASS_MS,
    ) -> None:
        super().__init__(window)
        self.tasks = tasks
        self.data_dir = data_dir
        self.banner = banner
        self.passes = 0
        self._stop = threading.Event()
        self._worker: Worker | None = None
        self._started = False
        self.timer = QTimer(self)
        self.timer.setInterval(max(1_000, min(interval_ms, 3_600_000)))
        self.timer.timeout.connect(self.poll)
        # Child timers, not QTimer.singleShot: they die with the window, never firing after it.
        self._first = QTimer(self)
        self._first.setSingleShot(True)
        self._first.setInterval(first_pass_ms)
        self._first.timeout.connect(self.poll)
        self._deferred_start = QTimer(self)
        self._deferred_start.setSingleShot(True)
        self._deferred_start.setInterval(0)
        self._deferred_start.timeout.connect(self.start)
        banner.acknowledge_requested.connect(self.acknowledge)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and not self._started:
            self._started = True
            self._deferred_start.start()
        return False

    @Slot()
    def start(self) -> None:
        """Show the alerts left open, then poll (first after ``first_pass_ms``)."""
        self._stop.clear()
        self.tasks.run_db(_open_alerts, self._on_alerts, self._on_failed)
        self._first.start()
        self.timer.start()

    def stop(self) -> None:
        """Stop polling; a pass in flight ends at its next step."""
        self._stop.set()
        self.timer.stop()
        self._first.stop()
        self._deferred_start.stop()

    @property
    def is_running(self) -> bool:
        return self._worker is not None

    @Slot()
    def poll(self) -> None:
        if self._worker is not None or self._stop.is_set():
            return
        data_dir, stop, limit = self.data_dir, self._stop, self.STEP_LIMIT

        def run(progress: Progress) -> list[Any]:
            return _background_pass(data_dir, stop, limit)

        worker = Worker(run)
        worker.signals.succeeded.connect(self._on_pass)
        worker.signals.failed.connect(self._on_pass_failed)
        self._worker = worker
        start_worker(worker)

    @Slot(object)
    def _on_pass(self, alerts: list[Any]) -> None:
        self._worker = None
        self.passes += 1
        self._on_alerts(alerts)
        self.pass_finished.emit(alerts)

    @Slot(object)
    def _on_pass_failed(self, error: BaseException) -> None:
        self._worker = None
        self.passes += 1
        log.warning("trust-network monitor: %s", error)

    @Slot(object)
    def _on_alerts(self, alerts: list[Any]) -> None:
        self.banner.show_alerts(alerts)

    @Slot(object)
    def _on_failed(self, error: BaseException) -> None:
        log.warning("trust-network monitor: cannot read the alerts: %s", error)

    @Slot(list)
    def acknowledge(self, alert_ids: list[int]) -> None:
        def done(store: Store) -> list[Any]:
            from exporter_desk.services.monitoring import acknowledge_alerts, open_alerts

            acknowledge_alerts(store, alert_ids)
            return open_alerts(store)

        self.tasks.run_db(done, self._on_alerts)


def _background_pass(data_dir: Path, stop: threading.Event, limit: int) -> list[Any]:
    """One pass on a worker thread with its own connection; the open alerts after it."""
    from exporter_desk.services.monitoring import (
        NothingToMonitorError,
        monitor_pass,
        monitored_network,
        open_alerts,
    )
    from exporter_desk.store import database_path, open_store
    from exporter_desk.trustnet.client import HttpTransport

    with open_store(database_path(data_dir)) as store:
        descriptor = monitored_network(data_dir, store)
        if descriptor is not None:
            transport = HttpTransport(descriptor.api_url, attempts=1)
            try:
                monitor_pass(store, transport, descriptor, limit=limit, stop=stop)
            except NothingToMonitorError:
                pass
            finally:
                transport.close()
        return open_alerts(store)
