"""Verify benchmark: ``verify_pdf`` against pyHanko's bare signature validation, same files, same run.

Run: ``uv run python benchmarks/verify_bench.py [--runs N] [--batch N] [--documents K]``.

It issues K real invoices (``documents.layout``, English + Chinese, QR code, seal in the reserved
box), registers them in an in-memory log (checkpoint signed by the log, cosigned by two witnesses),
embeds the receipts and signs them, all as the app does. Then, warm (after untimed runs):

* one PDF: the median and 95th percentile of N verifications, ``verify_pdf`` and pyHanko
  interleaved so that both see the same machine state;
* a batch of B files cycling over the K issued PDFs, each verified by both (alternately), the
  total time of each and per file.

"pyHanko bare" is what a plain PAdES validator does: open the file, find the signature and
``validate_pdf_signature`` it against the member CA (difference analysis included). The targets
are DESIGN.md section 9: < 50 ms per file, within 1.5x of pyHanko.
"""

from __future__ import annotations

import argparse
import io
import math
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal

from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives.serialization import Encoding
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from exporter_desk.documents.layout import (
    Attachment,
    Column,
    CompanyHeader,
    DocumentLayout,
    Field,
    ItemRow,
    Label,
    Mark,
    TotalLine,
)
from exporter_desk.signing import (
    CertificateAuthority,
    CompanyIdentity,
    SealAppearance,
    SigningCredentials,
    embed_associated_file,
    sign_pdf,
)
from exporter_desk.trustnet import (
    Checkpoint,
    Entry,
    NetworkDescriptor,
    Receipt,
    add_cosignatures,
    cosign_checkpoint,
    document_digest,
    format_proof,
    generate_key,
    generate_witness_key,
    inclusion_proof,
    root_hash,
    sign_checkpoint,
)
from exporter_desk.verify import Result, Trust, verify_pdf

TARGET_MS = 50.0
TARGET_RATIO = 1.5
ORIGIN = "bench.notary.example/log"


def render(number: str, data: dict[str, object]) -> tuple[bytes, int, tuple[int, int, int, int]]:
    layout = DocumentLayout(
        title=Label("Commercial Invoice", "商业发票"),
        document_number=number,
        company=CompanyHeader(
            name="Shanghai Bright Star Import & Export Co., Ltd.",
            name_zh="上海明星进出口有限公司",
            lines=("Room 1208, 88 Century Avenue, Pudong, Shanghai",),
        ),
        created=datetime(2025, 3, 14, 9, 30, tzinfo=UTC),
        language="en+zh",
        mark=Mark("ORIGINAL", "正本"),
    )
    columns = [
        Column(Label("No.", "序号"), 0.5),
        Column(Label("Description", "品名"), 4.0),
        Column(Label("HS code", "海关编码"), 1.2),
        Column(Label("Amount (USD)", "金额（美元）"), 1.5, "right", summed=True),
    ]
    items = [
        ItemRow(
            (str(n), f"Stainless ball valve DN{10 * n}", "8481.80", f"{n * 125}.00"),
            (Decimal(n * 125),),
        )
        for n in range(1, 13)
    ]
    total = sum((item.amounts[0] for item in items), Decimal(0))
    story = [
        layout.fields(
            [[Field(Label("Buyer", "买方"), "Muller & Sohne GmbH\nHamburg", min_lines=2)]]
        ),
        layout.line_items(columns, items),
        layout.totals([TotalLine(Label("Total", "总计"), f"{total:,}", strong=True)]),
        layout.signature_block(
            [Field(Label("Place and date of issue", "签发地点及日期"), "Shanghai, 14 March 2025")],
            qr_payload=f"exporter-desk:v1;number={number}",
        ),
    ]
    rendered = layout.render(story, attachments=[Attachment.json(data)])
    placed = rendered.signature_boxes[0]
    x0, y0, x1, y1 = placed.box
    box = (math.ceil(x0), math.ceil(y0), math.floor(x1), math.floor(y1))
    return rendered.pdf, placed.page_index, box


def issue_documents(
    count: int, credentials: SigningCredentials, ca: CertificateAuthority, now: datetime
) -> tuple[list[bytes], NetworkDescriptor]:
    log_signer, log_verifier = generate_key(ORIGIN)
    witnesses = [generate_witness_key(f"w{i}.bench.example") for i in range(2)]
    leaves = [f"earlier registration {i}".encode() for i in range(1000)]
    drafts = []
    for i in range(count):
        number = f"CI-2025-{i:05d}"
        data: dict[str, object] = {"kind": "commercial-invoice", "number": number}
        _, page, box = render(number, data)  # learn the box, then record it (deterministic)
        data["signature_box"] = {"page": page, "rect": list(box)}
        revision_one, page, box = render(number, data)
        entry = Entry.build(
            kind="commercial-invoice",
            number=number,
            issuer=credentials.fingerprint,
            digest=document_digest(revision_one),
            length=len(revision_one),
            time=now,
        ).sign(credentials.key)
        leaves.append(entry.format())
        drafts.append((revision_one, page, box, len(leaves) - 1))
    note = sign_checkpoint(Checkpoint(ORIGIN, len(leaves), root_hash(leaves)), log_signer)
    stamp = int(now.timestamp())
    note = add_cosignatures(note, [cosign_checkpoint(note, s, stamp) for s, _ in witnesses])
    pdfs = []
    for revision_one, page, box, index in drafts:
        receipt = format_proof(
            Receipt(leaves[index], index, tuple(inclusion_proof(leaves, index)), note)
        )
        with_receipt = embed_associated_file(
            revision_one, "receipt.tlog-proof", receipt.encode(), "text/plain", "receipt"
        )
        seal = SealAppearance(page=page, box=box, company_name="Shanghai Bright Star")
        pdfs.append(sign_pdf(with_receipt, credentials, now=now, appearance=seal))
    policy = (
        f"log {log_verifier}\n"
        + "".join(f"witness w{i} {v}\n" for i, (_, v) in enumerate(witnesses))
        + "group both 2 w0 w1\nquorum both\n"
    )
    descriptor = NetworkDescriptor(
        origin=ORIGIN,
        api_url="https://bench.notary.example/",
        member_ca_pem=ca.certificate.public_bytes(Encoding.PEM).decode(),
        policy_text=policy,
    )
    return pdfs, descriptor


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=200, help="timed runs for one PDF")
    parser.add_argument("--batch", type=int, default=1000, help="files in the batch")
    parser.add_argument("--documents", type=int, default=20, help="distinct issued PDFs")
    args = parser.parse_args(argv)

    now = datetime.now(UTC).replace(microsecond=0)
    ca = CertificateAuthority.create("Bench Member CA", now=now, crl_url="http://ca.invalid/c.crl")
    credentials = ca.issue_credentials(
        CompanyIdentity("Shanghai Bright Star", "CN", "91310000MA1FL4CT3U"), now=now
    )
    started = time.perf_counter()
    pdfs, descriptor = issue_documents(args.documents, credentials, ca, now)
    print(
        f"issued {len(pdfs)} invoices of {statistics.mean(map(len, pdfs)) / 1024:.0f} KiB "
        f"in {time.perf_counter() - started:.1f} s"
    )
    trust = Trust(networks=(descriptor,))
    root = asn1_x509.Certificate.load(ca.certificate.public_bytes(Encoding.DER))

    def ours(pdf: bytes) -> None:
        if verify_pdf(pdf, trust).result is not Result.AUTHENTIC:
            raise SystemExit("verify_pdf did not find the issued document AUTHENTIC")

    def bare(pdf: bytes) -> None:
        signature = PdfFileReader(io.BytesIO(pdf)).embedded_signatures[0]
        status = validate_pdf_signature(signature, ValidationContext(trust_roots=[root]))
        if not status.bottom_line:
            raise SystemExit("pyHanko did not find the issued document valid")

    for pdf in pdfs:  # warm: imports, caches, the trust manager
        ours(pdf)
        bare(pdf)

    def clock(fn: Callable[[bytes], None], pdf: bytes) -> float:
        start = time.perf_counter()
        fn(pdf)
        return (time.perf_counter() - start) * 1000

    one_ours: list[float] = []
    one_bare: list[float] = []
    for _ in range(args.runs):
        one_ours.append(clock(ours, pdfs[0]))
        one_bare.append(clock(bare, pdfs[0]))

    # The batch: each file verified by both, alternately, so that both see the same machine.
    batch_ours = batch_bare = 0.0
    for i in range(args.batch):
        pdf = pdfs[i % len(pdfs)]
        batch_ours += clock(ours, pdf) / 1000
        batch_bare += clock(bare, pdf) / 1000

    def p95(values: list[float]) -> float:
        return statistics.quantiles(values, n=20)[-1]

    rows = [
        ("one PDF, warm: median (ms)", statistics.median(one_ours), statistics.median(one_bare)),
        ("one PDF, warm: p95 (ms)", p95(one_ours), p95(one_bare)),
        (f"batch of {args.batch}: total (s)", batch_ours, batch_bare),
        (
            f"batch of {args.batch}: per file (ms)",
            batch_ours * 1000 / args.batch,
            batch_bare * 1000 / args.batch,
        ),
    ]
    print()
    print(f"{'what':<32} {'verify_pdf':>11} {'pyHanko bare':>13} {'ratio':>6}  target")
    print("-" * 88)
    failures = 0
    for label, value, base in rows:
        ratio = value / base
        per_file = "(s)" not in label
        ok = ratio <= TARGET_RATIO and (not per_file or value < TARGET_MS)
        failures += not ok
        target = f"< {TARGET_MS:g} ms, <= {TARGET_RATIO}x" if per_file else f"<= {TARGET_RATIO}x"
        print(
            f"{label:<32} {value:>11.2f} {base:>13.2f} {ratio:>5.2f}x  {target} "
            f"{'ok' if ok else 'MISSED'}"
        )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
