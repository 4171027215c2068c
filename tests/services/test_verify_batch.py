"""Batches on every core (services.verify_batch): verdicts in the order given, the same as with
one worker, and a file that hangs, crashes or exhausts its worker is UNREADABLE while the batch
goes on. Real worker processes, real issued PDFs and the hostile files of tests/verify."""

from __future__ import annotations

import ctypes
import os
import random
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from exporter_desk.services.verify_batch import (
    VerifierStartError,
    VerifyPool,
    default_jobs,
    pdfs_in_folder,
    verify_many,
)
from exporter_desk.signing import CertificateAuthority, SigningCredentials
from exporter_desk.trustnet import NetworkDescriptor, ReceiptCheck
from exporter_desk.verify import Limits, OnlineStatus, Result, Step, Trust
from exporter_desk.verify.stopped import StopReason
from tests.verify._build import ACME, TestLog, draw_revision_one, issue
from tests.verify.test_hostile import HAND_MADE_TRAPS, bomb_receipt_pdf, huge_dictionary_pdf

ALL_CORES = max(2, default_jobs())  # two workers even on one core: the parallel path runs


@pytest.fixture(scope="module")
def now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


@pytest.fixture(scope="module")
def member_ca(now: datetime) -> CertificateAuthority:
    return CertificateAuthority.create("Batch Test Member CA", now=now)


@pytest.fixture(scope="module")
def acme(member_ca: CertificateAuthority, now: datetime) -> SigningCredentials:
    return member_ca.issue_credentials(ACME, now=now)


@pytest.fixture(scope="module")
def log(member_ca: CertificateAuthority) -> TestLog:
    return TestLog("batch.test.example/log", member_ca)


@pytest.fixture(scope="module")
def trust(log: TestLog) -> Trust:
    return Trust(networks=(log.descriptor,))


@pytest.fixture(scope="module")
def revision_one() -> bytes:
    return draw_revision_one()


@pytest.fixture(scope="module")
def good(revision_one: bytes, acme: SigningCredentials, log: TestLog, now: datetime) -> bytes:
    return issue(revision_one, acme, log, when=now).pdf


@pytest.fixture(scope="module")
def tampered(good: bytes) -> bytes:
    pdf = bytearray(good)
    pdf[pdf.index(b"ReportLab PDF Library")] = ord("r")  # one byte of the signed content
    return bytes(pdf)


def _write(folder: Path, files: dict[str, bytes]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, data in files.items():
        path = folder / f"{name}.pdf"
        path.write_bytes(data)
        paths.append(path)
    return paths


def _mutations(pdf: bytes, count: int) -> dict[str, bytes]:
    """Byte flips, truncations and splices of an issued PDF, the same every run."""
    rng = random.Random(17)
    out = {}
    for n in range(count):
        data = bytearray(pdf)
        kind = ("flip", "truncate", "splice")[n % 3]
        at = rng.randrange(len(data))
        if kind == "flip":
            data[at] ^= 1 << rng.randrange(8)
        elif kind == "truncate":
            del data[at:]
        else:
            data[at:at] = rng.randbytes(rng.randrange(1, 64))
        out[f"mutation-{n:02d}-{kind}"] = bytes(data)
    return out


def _cause(item: object) -> tuple[object, ...]:
    """The result and the first failed check's code and detail: what a difference is about."""
    verdict = item.verdict  # type: ignore[attr-defined]
    failed = [c for c in verdict.checks if c.status.value == "failed"][:1]
    return (verdict.result, *((failed[0].code, failed[0].detail[:300]) if failed else ()))


def _summary(results: list[object]) -> list[tuple[object, ...]]:
    return [
        (
            item.path.name,  # type: ignore[attr-defined]
            item.result,  # type: ignore[attr-defined]
            tuple(
                (c.step, c.status, c.outcome, c.reason_en)
                for c in item.verdict.checks  # type: ignore[attr-defined]
            ),
        )
        for item in results
    ]


def test_every_verdict_is_the_same_with_one_worker_and_with_every_core(
    tmp_path: Path,
    good: bytes,
    tampered: bytes,
    revision_one: bytes,
    acme: SigningCredentials,
    trust: Trust,
    now: datetime,
) -> None:
    corpus = {
        "good": good,
        "tampered": tampered,
        "unsigned": revision_one,
        "bomb-receipt": bomb_receipt_pdf(revision_one, acme, now),
        **{f"trap-{name}": data for name, data in HAND_MADE_TRAPS.items()},
        **_mutations(good, 24),
    }
    paths = _write(tmp_path, corpus)
    # A budget no file nears even on a loaded machine: the time a file takes must not decide
    # its verdict here (the time limits have their own tests below and in tests/verify).
    patient = Limits(time_budget=60.0)
    one = list(verify_many(paths, trust, jobs=1, limits=patient))
    every = list(verify_many(paths, trust, jobs=ALL_CORES, limits=patient))
    assert [item.path for item in one] == paths  # the order given, both times
    differ = [
        (a[0], _cause(x), _cause(y))
        for a, b, x, y in zip(_summary(one), _summary(every), one, every, strict=True)
        if a != b
    ]
    assert differ == [], "verdicts differ (file, with one worker, with every core)"
    results = {item.path.stem: item.result for item in one}
    assert results["good"] is Result.AUTHENTIC
    assert results["tampered"] is Result.TAMPERED
    assert results["unsigned"] is Result.UNSIGNED
    assert len(set(results.values())) >= 4  # the corpus reaches several verdicts, not one


def test_results_come_in_the_order_given_and_progress_counts_every_file(
    tmp_path: Path, good: bytes, tampered: bytes, trust: Trust
) -> None:
    # A slow file first: the quick ones finish before it but are yielded after it.
    paths = _write(
        tmp_path, {"a-slow": huge_dictionary_pdf(200_000), "b": good, "c": tampered, "d": good}
    )
    seen: list[tuple[int, int]] = []
    results = list(
        verify_many(
            paths, trust, jobs=2, progress=lambda done, total, _: seen.append((done, total))
        )
    )
    assert [item.path for item in results] == paths
    assert [r.result for r in results[1:]] == [Result.AUTHENTIC, Result.TAMPERED, Result.AUTHENTIC]
    assert seen == [(n, 4) for n in range(1, 5)]


def test_a_file_that_outruns_the_hard_deadline_is_unreadable_and_the_batch_goes_on(
    tmp_path: Path, good: bytes, trust: Trust
) -> None:
    # One pyHanko call parses this catalog for half a minute (in process, with this budget, the
    # verdict comes after about 30 s): no check between steps can stop it. The worker is killed
    # at the budget plus the grace, and a fresh one takes the rest.
    paths = _write(tmp_path, {"a": good, "b-huge": huge_dictionary_pdf(), "c": good, "d": good})
    start = time.perf_counter()
    results = list(verify_many(paths, trust, jobs=2, limits=Limits(time_budget=2.0)))
    # Generous for a slow CI machine (2 s budget + 1 s grace per killed worker, plus starting a
    # fresh one), and still half of the ~30 s the huge file takes when nothing kills it.
    assert time.perf_counter() - start < 15
    assert [r.result for r in results] == [
        Result.AUTHENTIC,
        Result.UNREADABLE,
        Result.AUTHENTIC,
        Result.AUTHENTIC,
    ]
    parse = results[1].verdict.check(Step.PARSE)
    assert parse.detail == StopReason.TIME.value
    assert "took longer than the 2 seconds allowed" in parse.reason_en
    assert all(c.step is Step.PARSE or c.outcome is None for c in results[1].verdict.checks)


class _CrashingChecker:
    """Step 9 of a real verification, in the worker, kills the process the way a crashing
    parser would: a segmentation fault, or an abrupt exit."""

    def __init__(self, how: str) -> None:
        self.how = how

    def fetch_status(self, network: NetworkDescriptor, registration: ReceiptCheck) -> OnlineStatus:
        if self.how == "segfault":
            ctypes.string_at(0)
        elif self.how == "exit":
            os._exit(3)
        elif self.how == "memory":
            bytearray(8 * 1024 * 1024 * 1024)  # past the worker's address-space limit
        raise AssertionError(self.how)


def segfaulting(trust: Trust) -> _CrashingChecker:
    return _CrashingChecker("segfault")


def exiting(trust: Trust) -> _CrashingChecker:
    return _CrashingChecker("exit")


def exhausting(trust: Trust) -> _CrashingChecker:
    return _CrashingChecker("memory")


def failing_to_start(trust: Trust) -> _CrashingChecker:
    raise RuntimeError("this worker cannot start")


@pytest.mark.parametrize(
    ("factory", "reason"),
    [(segfaulting, StopReason.CRASH), (exiting, StopReason.CRASH), (exhausting, StopReason.MEMORY)],
    ids=["segfault", "os-exit", "memory-error"],
)
def test_a_file_that_kills_its_worker_is_unreadable_and_the_batch_goes_on(
    tmp_path: Path,
    good: bytes,
    revision_one: bytes,
    trust: Trust,
    factory: object,
    reason: StopReason,
) -> None:
    # Only a registered file reaches step 9, where the checker strikes; the unsigned ones
    # around it stop at step 1 and come back from the fresh workers.
    paths = _write(
        tmp_path, {"a": revision_one, "b-fatal": good, "c": revision_one, "d": revision_one}
    )
    results = list(verify_many(paths, trust, jobs=2, online=factory))  # type: ignore[arg-type]
    assert [r.result for r in results] == [
        Result.UNSIGNED,
        Result.UNREADABLE,
        Result.UNSIGNED,
        Result.UNSIGNED,
    ]
    assert results[1].verdict.check(Step.PARSE).detail == reason.value


def broken_clock() -> float:
    raise RuntimeError("the clock is broken")


def test_an_error_of_ours_in_a_worker_is_incomplete_not_blamed_on_the_file(
    tmp_path: Path, good: bytes, trust: Trust
) -> None:
    # The budget's clock is read before the first step, outside the plan's own error handling:
    # what it raises escapes verify_pdf, as a bug of ours would.
    paths = _write(tmp_path, {"a": good, "b": good})
    limits = Limits(clock=broken_clock)
    results = list(verify_many(paths, trust, jobs=1, limits=limits))
    assert [r.result for r in results] == [Result.INCOMPLETE, Result.INCOMPLETE]
    parse = results[0].verdict.check(Step.PARSE)
    assert parse.detail == "RuntimeError: the clock is broken"
    assert "unexpected error in Exporter Desk itself" in parse.reason_en
    later = results[0].verdict.check(Step.SIGNATURE)
    assert later.outcome is None and "step 1 could not be completed" in later.reason_en


def test_workers_that_cannot_start_give_a_clear_error(tmp_path: Path, good: bytes) -> None:
    paths = _write(tmp_path, {"a": good})
    with pytest.raises(VerifierStartError) as caught:
        list(verify_many(paths, Trust(), online=failing_to_start))
    assert "could not start its worker processes" in caught.value.user_message


def test_cancelling_stops_the_batch_early(tmp_path: Path, good: bytes, trust: Trust) -> None:
    paths = _write(tmp_path, {f"f{n:02d}": good for n in range(20)})
    done: list[int] = []
    results = list(
        verify_many(
            paths,
            trust,
            jobs=1,
            progress=lambda n, total, _: done.append(n),
            is_cancelled=lambda: len(done) >= 3,
        )
    )
    assert 3 <= len(results) < 20


def test_a_kept_pool_checks_file_after_file_with_its_warm_workers(
    tmp_path: Path, good: bytes, tampered: bytes, trust: Trust
) -> None:
    good_path, tampered_path = _write(tmp_path, {"good": good, "tampered": tampered})
    with VerifyPool(trust, jobs=1) as pool:
        pool.warm()
        first = pool._workers[0].process.pid
        assert pool.verify_one(good_path).result is Result.AUTHENTIC
        assert pool.verify_one(tampered_path).result is Result.TAMPERED
        assert [w.process.pid for w in pool._workers] == [first]  # the same worker, reused


def test_a_folder_gives_its_pdfs_in_name_order(tmp_path: Path) -> None:
    for name in ("b.pdf", "A.PDF", "c.txt"):
        (tmp_path / name).write_bytes(b"%PDF-1.7")
    (tmp_path / "sub.pdf").mkdir()
    assert [p.name for p in pdfs_in_folder(tmp_path)] == ["A.PDF", "b.pdf"]
