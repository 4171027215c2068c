"""The ``exporter-desk verify`` path: it loads only what a verdict needs (measured in a fresh
interpreter, as a person's command runs), checks folders and many files on every core, and
stops cleanly on Ctrl-C."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from exporter_desk.signing import CertificateAuthority
from exporter_desk.trustnet import format_descriptor
from tests.verify._build import ACME, TestLog, draw_revision_one, issue

HEAVY = (
    "PySide6",
    "shiboken6",
    "reportlab",
    "pypdf",
    "openpyxl",
    "PIL",
    "sqlite3",
    "sqlite_utils",
    "requests",
    "urllib3",
    "aiohttp",
    "uvicorn",
    "starlette",
    "keyring",
    "exporter_desk.store",
    "exporter_desk.notary",
    "exporter_desk.gui",
    "exporter_desk.documents",
    "exporter_desk.signing",
    "exporter_desk.domain",
    "exporter_desk.trustnet.client",
    "pyhanko.sign.signers",
    "pyhanko.sign.timestamps",
    "pyhanko.stamp",
)
"""Nothing of these serves a verdict: the GUI, the renderers, the database, the notary, the
HTTP client (only ``--online`` needs it, in the workers) and pyHanko's signing half."""

PYHANKO = ("pyhanko.sign.validation", "pyhanko.pdf_utils", "pyhanko_certvalidator")
"""The verifier proper: loaded by the worker processes, never by the command's own process."""

REPORT = """
import json, sys
from exporter_desk.cli import main
code = main(sys.argv[2:])
with open(sys.argv[1], "w") as out:
    json.dump({"code": code, "modules": sorted(sys.modules)}, out)
"""

WORKER = """
import json, sys
from pathlib import Path
from exporter_desk.services.trust import read_descriptor_file
from exporter_desk.services.verify_batch import _TrustSpec, _worker_main
from exporter_desk.verify import Trust
import exporter_desk.verify.pack, exporter_desk.verify.verifier  # what a worker loads first
from exporter_desk.services.verifying import verify_one
trust = _TrustSpec.of(Trust(networks=(read_descriptor_file(Path(sys.argv[3])),))).build()
result = verify_one(Path(sys.argv[2]), trust).result.value
with open(sys.argv[1], "w") as out:
    json.dump({"result": result, "modules": sorted(sys.modules)}, out)
"""


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """An issued PDF and the network file that verifies it."""
    now = datetime.now(UTC).replace(microsecond=0)
    ca = CertificateAuthority.create("Verify Path Member CA", now=now)
    log = TestLog("path.test.example/log", ca)
    folder = tmp_path_factory.mktemp("issued")
    pdf = folder / "invoice.pdf"
    pdf.write_bytes(
        issue(draw_revision_one(), ca.issue_credentials(ACME, now=now), log, when=now).pdf
    )
    network = folder / "network.json"
    network.write_bytes(format_descriptor(log.descriptor))
    return pdf, network


def _loaded(modules: list[str], names: tuple[str, ...]) -> list[str]:
    return [n for n in names if any(m == n or m.startswith(n + ".") for m in modules)]


def _run(code: str, *args: str, tmp_path: Path) -> dict[str, object]:
    report = tmp_path / "report.json"
    env = {**os.environ, "EXPORTER_DESK_DATA": str(tmp_path / "no-data")}
    subprocess.run(
        [sys.executable, "-c", code, str(report), *args], check=True, env=env, timeout=120
    )
    data: dict[str, object] = json.loads(report.read_text())
    return data


@pytest.mark.parametrize("online", [False, True], ids=["offline", "online"])
def test_the_verify_command_loads_neither_heavy_modules_nor_pyhanko_itself(
    files: tuple[Path, Path], tmp_path: Path, online: bool
) -> None:
    pdf, network = files
    args = ["verify", str(pdf), "--network", str(network)] + (["--online"] * online)
    report = _run(REPORT, *args, tmp_path=tmp_path)
    # Online, step 9 cannot reach the test network's address: the verdict stays "as of".
    assert report["code"] == 0
    modules = report["modules"]
    assert isinstance(modules, list) and "exporter_desk.services.verify_batch" in modules
    assert _loaded(modules, HEAVY) == []
    assert _loaded(modules, PYHANKO) == []  # the worker verifies; this process only reports


def test_a_verify_worker_loads_the_verifier_and_nothing_heavy(
    files: tuple[Path, Path], tmp_path: Path
) -> None:
    pdf, network = files
    report = _run(WORKER, str(pdf), str(network), tmp_path=tmp_path)
    assert report["result"] == "authentic"
    modules = report["modules"]
    assert isinstance(modules, list)
    assert _loaded(modules, PYHANKO) == list(PYHANKO)  # the check above is not vacuous
    assert _loaded(modules, HEAVY) == []


def test_the_verdict_types_load_no_pyhanko() -> None:
    # The window imports them at start; pyHanko loads with the verifier, on first use.
    code = (
        "import sys, exporter_desk.verify\n"
        "assert not [m for m in sys.modules if m.startswith('pyhanko')], sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


def test_signing_still_works_after_the_lean_verifier_loaded(tmp_path: Path) -> None:
    # The verifier registers pyHanko's signing half without running it; code that signs in
    # the same process (the app issues and verifies) finds every name it asks for.
    code = (
        "import exporter_desk.verify.verifier, sys\n"
        "assert 'pyhanko.sign.signers' not in sys.modules\n"
        "from pyhanko.sign import PdfSigner, signers\n"
        "import pyhanko.sign\n"
        "assert pyhanko.sign.sign_pdf is signers.sign_pdf\n"
        "assert PdfSigner is signers.PdfSigner\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


def _exporter_desk(*args: str, data: Path) -> list[str]:
    return [sys.executable, "-m", "exporter_desk.cli", *args, "--data", str(data)]


def test_a_folder_and_files_are_checked_on_every_core_in_the_order_given(
    files: tuple[Path, Path], tmp_path: Path
) -> None:
    pdf, network = files
    folder = tmp_path / "incoming"
    folder.mkdir()
    for name in ("b.pdf", "a.pdf", "c.pdf"):
        (folder / name).write_bytes(pdf.read_bytes())
    (folder / "notes.txt").write_text("not a PDF")
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"not a PDF at all")
    args = ["verify", str(junk), str(folder), "--jobs", "2", "--json", "--network", str(network)]
    done = subprocess.run(
        _exporter_desk(*args, data=tmp_path / "no-data"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1  # one file is not AUTHENTIC
    verdicts = json.loads(done.stdout)
    assert [(Path(v["file"]).name, v["result"]) for v in verdicts] == [
        ("junk.pdf", "unreadable"),
        ("a.pdf", "authentic"),
        ("b.pdf", "authentic"),
        ("c.pdf", "authentic"),
    ]


def test_jobs_must_be_a_positive_number(files: tuple[Path, Path], tmp_path: Path) -> None:
    pdf, _ = files
    done = subprocess.run(
        _exporter_desk("verify", str(pdf), "--jobs", "0", data=tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert "--jobs needs a number of 1 or more" in done.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="sends SIGINT to a process group")
def test_ctrl_c_stops_a_batch_with_its_workers(files: tuple[Path, Path], tmp_path: Path) -> None:
    pdf, network = files
    many = [str(pdf)] * 2000
    process = subprocess.Popen(
        _exporter_desk("verify", *many, "--jobs", "2", "--network", str(network), data=tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal's foreground job
    )
    assert process.stdout is not None
    first = process.stdout.readline()  # the batch is running: a verdict was printed
    assert "AUTHENTIC" in first
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
    out, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert "cancelled after" in err
    assert "Traceback" not in err
    assert out.count("AUTHENTIC") < 1999
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:  # the workers went with it
        try:
            os.killpg(process.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        pytest.fail("verify workers outlived the cancelled command")
