"""A realistic sample company and offshore deal, for the demo, screenshots and tests.

Shanghai Huayang buys power tools from a supplier in Viet Nam (purchase leg, FOB Ho Chi Minh
City) and sells them to a buyer in Hamburg (sales leg, CIF Hamburg, L/C at sight); the goods
ship directly from Viet Nam to Germany, the classic merchanting trade. Ids are those a fresh
store assigns when the objects are saved in the order of :attr:`SampleBook.in_save_order`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, replace
from decimal import ROUND_UP, Decimal

from exporter_desk.domain.codes import Incoterm
from exporter_desk.domain.contract import (
    Contract,
    ContractId,
    ContractKind,
    PaymentMethod,
    PaymentTerms,
    TradeTerms,
)
from exporter_desk.domain.deal import Deal, DealId
from exporter_desk.domain.invoice import Invoice, InvoiceId, InvoiceKind
from exporter_desk.domain.lines import Charge, ChargeKind, LineItem
from exporter_desk.domain.packing import PackingList, PackingListId
from exporter_desk.domain.party import BankAccount, Party, PartyId, PartyRole
from exporter_desk.domain.product import Dimensions, PackageType, Product, ProductId, Unit
from exporter_desk.domain.received import ReceivedDocument, ReceivedKind, ReceivedLine
from exporter_desk.domain.shipment import Container, Shipment, ShipmentId, TransportMode


@dataclass(frozen=True, slots=True)
class SampleBook:
    exporter: Party
    supplier: Party
    buyer: Party
    forwarder: Party
    products: tuple[Product, ...]
    purchase: Contract
    sales: Contract
    deal: Deal
    shipment: Shipment
    invoice: Invoice
    proforma: Invoice
    packing_list: PackingList

    @property
    def in_save_order(self) -> tuple[object, ...]:
        return (
            self.exporter,
            self.supplier,
            self.buyer,
            self.forwarder,
            *self.products,
            self.purchase,
            self.sales,
            self.deal,
            self.shipment,
            self.invoice,
            self.proforma,
            self.packing_list,
        )


def _line(product: Product, quantity: str, unit_price: str) -> LineItem:
    return LineItem(
        description_en=product.description_en,
        description_zh=product.description_zh,
        hs_code=product.hs_code,
        quantity=Decimal(quantity),
        unit=product.unit,
        unit_price=Decimal(unit_price),
        product_id=product.id,
        sku=product.sku,
    )


def sample_book(today: dt.date = dt.date(2026, 11, 2)) -> SampleBook:
    """The sample data set, dated around ``today``."""
    exporter = Party(
        id=PartyId(1),
        name_en="Shanghai Huayang International Trading Co., Ltd.",
        name_zh="上海华扬国际贸易有限公司",
        address_en="Room 1203, No. 88 Century Avenue, Pudong New Area, Shanghai 200120, China",
        address_zh="中国上海市浦东新区世纪大道88号1203室 邮编200120",
        country="CN",
        roles=frozenset({PartyRole.EXPORTER}),
        registration_id="91310000MA1FL4CT3U",
        contact="Li Wei",
        email="liwei@huayang-trading.example",
        phone="+86 21 5888 1203",
        bank=BankAccount(
            bank_name="Bank of China, Shanghai Branch",
            bank_address="200 Yincheng Road Central, Shanghai, China",
            account_name="Shanghai Huayang International Trading Co., Ltd.",
            account_number="4563 5870 1234",
            swift="BKCHCNSHXXX",
        ),
    )
    supplier = Party(
        id=PartyId(2),
        name_en="Saigon Precision Tools Joint Stock Company",
        address_en="Lot C4, Tan Thuan Export Processing Zone, District 7, Ho Chi Minh City, Viet Nam",
        country="VN",
        roles=frozenset({PartyRole.SUPPLIER}),
        registration_id="0100233583",
        contact="Nguyen Thi Lan",
        email="sales@saigonprecision.example",
    )
    buyer = Party(
        id=PartyId(3),
        name_en="Hanse Werkzeughandel GmbH",
        address_en="Grosse Elbstrasse 145, 22767 Hamburg, Germany",
        country="DE",
        roles=frozenset({PartyRole.BUYER, PartyRole.CONSIGNEE}),
        registration_id="DE136695976",
        contact="Jonas Petersen",
        email="einkauf@hanse-werkzeug.example",
    )
    forwarder = Party(
        id=PartyId(4),
        name_en="Elbe Logistics Hamburg GmbH & Co. KG",
        address_en="Am Sandtorkai 50, 20457 Hamburg, Germany",
        country="DE",
        roles=frozenset({PartyRole.FORWARDER, PartyRole.NOTIFY}),
        phone="+49 40 3009 5000",
    )
    carton = Dimensions(Decimal("48"), Decimal("36"), Decimal("32"))
    drill = Product(
        id=ProductId(1),
        sku="HY-CD18",
        description_en="Cordless drill 18 V, 2 batteries, case",
        description_zh="18V锂电充电钻(含两块电池及工具箱)",
        hs_code="846721",
        unit=Unit.SET,
        unit_price=Decimal("38.50"),
        currency="USD",
        net_weight_kg=Decimal("2.6"),
        gross_weight_kg=Decimal("3.1"),
        origin_country="VN",
        package_type=PackageType.CARTON,
        units_per_package=4,
        package=carton,
    )
    grinder = Product(
        id=ProductId(2),
        sku="HY-AG125",
        description_en="Angle grinder 125 mm, 900 W",
        description_zh="125毫米角磨机 900瓦",
        hs_code="84672910",
        unit=Unit.PCS,
        unit_price=Decimal("21.75"),
        currency="USD",
        net_weight_kg=Decimal("1.9"),
        gross_weight_kg=Decimal("2.2"),
        origin_country="VN",
        package_type=PackageType.CARTON,
        units_per_package=6,
        package=carton,
    )
    bits = Product(
        id=ProductId(3),
        sku="HY-DB13",
        description_en="HSS drill bit set, 13 pieces",
        description_zh="高速钢钻头套装 13件",
        hs_code="820750",
        unit=Unit.SET,
        unit_price=Decimal("4.20"),
        currency="USD",
        net_weight_kg=Decimal("0.45"),
        gross_weight_kg=Decimal("0.5"),
        origin_country="VN",
        package_type=PackageType.CARTON,
        units_per_package=40,
        package=Dimensions(Decimal("40"), Decimal("30"), Decimal("25")),
    )
    products = (drill, grinder, bits)

    purchase = Contract(
        id=ContractId(1),
        kind=ContractKind.PURCHASE,
        number="HY-P-2026-031",
        date=today - dt.timedelta(days=30),
        seller_id=supplier.id or PartyId(2),
        buyer_id=exporter.id or PartyId(1),
        terms=TradeTerms("USD", Incoterm.FOB, "Ho Chi Minh City", "VNSGN", "DEHAM"),
        payment=PaymentTerms(PaymentMethod.TT, days=30, advance_percent=Decimal(30)),
        lines=(
            _line(drill, "800", "31.20"),
            _line(grinder, "1200", "17.40"),
            _line(bits, "2000", "3.10"),
        ),
        delivery_earliest=today + dt.timedelta(days=5),
        delivery_latest=today + dt.timedelta(days=25),
        inspection="Pre-shipment inspection by SGS Viet Nam at the supplier's works.",
        arbitration="Vietnam International Arbitration Centre (VIAC), Ho Chi Minh City",
    )
    sales = Contract(
        id=ContractId(2),
        kind=ContractKind.SALES,
        number="HY-S-2026-047",
        date=today - dt.timedelta(days=28),
        seller_id=exporter.id or PartyId(1),
        buyer_id=buyer.id or PartyId(3),
        terms=TradeTerms("USD", Incoterm.CIF, "Hamburg", "VNSGN", "DEHAM"),
        payment=PaymentTerms(
            PaymentMethod.LC,
            lc_number="DEUT-LC-26-889120",
            issuing_bank="Deutsche Bank AG, Hamburg",
            lc_expiry=today + dt.timedelta(days=60),
        ),
        lines=(
            _line(drill, "800", "38.50"),
            _line(grinder, "1200", "21.75"),
            _line(bits, "2000", "4.20"),
        ),
        delivery_earliest=today + dt.timedelta(days=5),
        delivery_latest=today + dt.timedelta(days=30),
        insurance="All risks for 110% of the invoice value, as per ICC (A).",
        inspection="Quantity and quality as per supplier's inspection certificate.",
    )
    deal = Deal(
        id=DealId(1),
        reference="DEAL-2026-012",
        purchase_contract_id=purchase.id,
        sales_contract_id=sales.id,
        notes="Goods ship directly from Ho Chi Minh City to Hamburg.",
    )
    shipment = Shipment(
        id=ShipmentId(1),
        reference="SHP-2026-0088",
        mode=TransportMode.SEA,
        port_of_loading="VNSGN",
        port_of_discharge="DEHAM",
        carrier="Orient Overseas Container Line",
        vessel="OOCL GERMANY",
        voyage="061W",
        transport_document_no="OOLU2718456780",
        containers=(Container("CSQU3054383", seal="OOLGK8812", size_type="40HC"),),
        place_of_delivery="Hamburg",
        etd=today + dt.timedelta(days=8),
        eta=today + dt.timedelta(days=40),
        on_board_date=today + dt.timedelta(days=8),
    )
    invoice = Invoice(
        id=InvoiceId(1),
        kind=InvoiceKind.COMMERCIAL,
        number="HY-CI-2026-0112",
        date=today,
        seller_id=exporter.id or PartyId(1),
        buyer_id=buyer.id or PartyId(3),
        consignee_id=buyer.id,
        notify_id=forwarder.id,
        contract_id=sales.id,
        shipment_id=shipment.id,
        terms=sales.terms,
        payment=sales.payment,
        lines=sales.lines,
        charges=(
            Charge(ChargeKind.FREIGHT, Decimal("2350.00"), "Ocean freight VNSGN-DEHAM"),
            Charge(ChargeKind.INSURANCE, Decimal("187.40"), "Insurance, 110% all risks"),
        ),
        buyer_reference="PO 4500192837",
        origin_country="VN",
        marks="HANSE WERKZEUG\nHAMBURG\nC/NO. 1-UP\nMADE IN VIET NAM",
    )
    proforma = Invoice(
        id=InvoiceId(2),
        kind=InvoiceKind.PROFORMA,
        number="HY-PI-2026-0047",
        date=today - dt.timedelta(days=35),
        seller_id=exporter.id or PartyId(1),
        buyer_id=buyer.id or PartyId(3),
        terms=sales.terms,
        payment=sales.payment,
        lines=sales.lines,
        valid_until=today - dt.timedelta(days=5),
        origin_country="VN",
    )
    packing_list = PackingList.from_invoice(
        invoice, {p.sku: p for p in products}, number="HY-PL-2026-0112", date=today
    )
    packing_list = PackingList(
        id=PackingListId(1),
        number=packing_list.number,
        date=packing_list.date,
        invoice_id=packing_list.invoice_id,
        packages=packing_list.packages,
        shipment_id=shipment.id,
        marks=packing_list.marks,
    )
    return SampleBook(
        exporter=exporter,
        supplier=supplier,
        buyer=buyer,
        forwarder=forwarder,
        products=products,
        purchase=purchase,
        sales=sales,
        deal=deal,
        shipment=shipment,
        invoice=invoice,
        proforma=proforma,
        packing_list=packing_list,
    )


def sample_credit_mt700(book: SampleBook) -> str:
    """The MT700 the buyer's bank sends for the sample sales leg: it matches the sample
    invoice, packing list, B/L and insurance, so the sample deal examines clean."""
    sales, shipment = book.sales, book.shipment
    issued = sales.date + dt.timedelta(days=3)
    latest = sales.delivery_latest or issued + dt.timedelta(days=45)
    expiry = sales.payment.lc_expiry or latest + dt.timedelta(days=30)
    amount = f"{book.invoice.total().amount:f}".replace(".", ",")
    lines = "\n".join(
        f"+{line.quantity.normalize():f} {line.unit.value} {line.description_en.upper()}"
        for line in sales.lines
    )
    return f"""{{1:F01BKCHCNSHAXXX0000000000}}{{2:O700DEUTDEHHXXXXN}}{{4:
:27:1/1
:40A:IRREVOCABLE
:20:{sales.payment.lc_number.replace("-", "")[:16]}
:31C:{issued:%y%m%d}
:40E:UCP LATEST VERSION
:31D:{expiry:%y%m%d}HAMBURG
:50:{book.buyer.name_en.upper()}
{book.buyer.address_en.upper()}
:59:/{book.exporter.bank.account_number if book.exporter.bank else ""}
{book.exporter.name_en.upper()}
{book.exporter.address_en.upper()}
:32B:USD{amount}
:39A:05/05
:41D:ANY BANK BY NEGOTIATION
:42C:AT SIGHT
:42A:DEUTDEHHXXX
:43P:NOT ALLOWED
:43T:ALLOWED
:44E:HO CHI MINH CITY ({shipment.port_of_loading}), VIET NAM
:44F:HAMBURG ({shipment.port_of_discharge}), GERMANY
:44C:{latest:%y%m%d}
:45A:{lines}
+CIF HAMBURG INCOTERMS 2020
:46A:+SIGNED COMMERCIAL INVOICE IN 3 ORIGINALS AND 2 COPIES
+PACKING LIST IN TRIPLICATE SHOWING NET AND GROSS WEIGHTS
+FULL SET (3/3) OF CLEAN ON BOARD OCEAN BILLS OF LADING MADE OUT TO ORDER OF
DEUTSCHE BANK AG, HAMBURG, MARKED FREIGHT PREPAID, NOTIFY APPLICANT
+INSURANCE CERTIFICATE IN DUPLICATE, BLANK ENDORSED, FOR 110 PCT OF THE
INVOICE VALUE, COVERING INSTITUTE CARGO CLAUSES (A)
+CERTIFICATE OF ORIGIN IN 1 ORIGINAL AND 1 COPY
+BENEFICIARY'S CERTIFICATE CERTIFYING THAT ONE SET OF NON-NEGOTIABLE
DOCUMENTS HAS BEEN SENT TO THE APPLICANT
:47A:+ALL DOCUMENTS MUST INDICATE THE CREDIT NUMBER
+THIRD PARTY DOCUMENTS EXCEPT INVOICE AND DRAFT ACCEPTABLE
:71D:ALL BANKING CHARGES OUTSIDE GERMANY ARE FOR THE BENEFICIARY'S ACCOUNT
:48:21/FROM THE DATE OF SHIPMENT
:49:WITHOUT
-}}
"""


def sample_received_documents(book: SampleBook) -> tuple[tuple[ReceivedDocument, bytes], ...]:
    """The supplier's invoice, the carrier's B/L and the insurance certificate of the sample
    deal, each with the bytes of its (plain-text) file; their fields agree with the book."""
    deal_id = book.deal.id or DealId(1)
    packing, shipment, purchase = book.packing_list, book.shipment, book.purchase
    shipped = shipment.on_board_date or book.invoice.date
    insured = (book.invoice.total().amount * Decimal("1.1")).quantize(Decimal("0.01"), ROUND_UP)
    documents = (
        ReceivedDocument(
            deal_id,
            ReceivedKind.SUPPLIER_INVOICE,
            "saigon-precision-invoice-SPT-INV-26-0815.txt",
            "",
            0,
            number="SPT-INV-26-0815",
            date=shipped,
            issuer=book.supplier.name_en,
            consignee=book.exporter.name_en,
            currency=purchase.currency,
            amount=purchase.total().amount,
            lines=tuple(
                ReceivedLine(line.description_en, line.quantity, line.unit.value)
                for line in purchase.lines
            ),
            net_kg=packing.net_kg(),
            gross_kg=packing.gross_kg(),
            packages=packing.package_count(),
        ),
        ReceivedDocument(
            deal_id,
            ReceivedKind.BILL_OF_LADING,
            f"oocl-bl-{shipment.transport_document_no}.txt",
            "",
            0,
            number=shipment.transport_document_no,
            date=shipped,
            issuer=shipment.carrier,
            consignee="TO ORDER OF DEUTSCHE BANK AG, HAMBURG",
            gross_kg=packing.gross_kg(),
            packages=packing.package_count(),
            port_of_loading=shipment.port_of_loading,
            port_of_discharge=shipment.port_of_discharge,
            vessel=shipment.vessel,
            voyage=shipment.voyage,
            on_board_date=shipped,
            containers=shipment.containers,
            originals=3,
        ),
        ReceivedDocument(
            deal_id,
            ReceivedKind.INSURANCE_CERTIFICATE,
            "insurance-certificate-BV-HCM-26-55120.txt",
            "",
            0,
            number="BV-HCM-26-55120",
            date=shipped - dt.timedelta(days=1),
            issuer="Bao Viet Insurance Corporation",
            currency="USD",
            amount=insured,
            originals=2,
        ),
    )
    result = []
    for doc in documents:
        text = "\n".join(
            f"{name}: {value}"
            for name, value in (
                ("Document", doc.kind.label),
                ("Number", doc.number),
                ("Date", doc.date),
                ("Issuer", doc.issuer),
                ("Amount", f"{doc.currency} {doc.amount}" if doc.amount is not None else ""),
                ("Net weight kg", doc.net_kg or ""),
                ("Gross weight kg", doc.gross_kg or ""),
                ("Packages", doc.packages or ""),
                ("Vessel", f"{doc.vessel} {doc.voyage}".strip()),
                ("On board", doc.on_board_date or ""),
            )
            if value
        ).encode()
        result.append((replace(doc, sha256=hashlib.sha256(text).hexdigest(), size=len(text)), text))
    return tuple(result)


__all__ = ["SampleBook", "sample_book", "sample_credit_mt700", "sample_received_documents"]
