"""Messages of the core (domain validation, store and other ``ExporterError``\\ s) in the
interface language.

The core never imports Qt and writes its messages in English. The GUI translates them here,
with the English text as the key: a fixed message is looked up as it is; a message with values
in it (``"The English name is required."``) is matched against the templates below, the
template is translated, and each value that is itself a known phrase (a field's name, a record
kind) is translated too, while codes and numbers stay as they are. Every template and phrase
is written out below so that ``pyside6-lupdate`` extracts it into the catalogue; their Chinese
is in ``resources/translations/exporter_desk_zh_CN.glossary.json``.

A message that matches nothing is shown in English; ``tests/gui/test_messages_coverage.py``
makes the errors a person sees and the examiner's findings and fails on any left in English.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale

from exporter_desk.gui.i18n import Language, current_language

if TYPE_CHECKING:
    from exporter_desk._catalogue import Reason

CONTEXT = "Messages"

# Templates tried before all others: each is a more specific form of a later one
# ("... is required; use ..." of "{label} is required.", a named file of "{name} cannot be
# read").
_SPECIFIC = (
    QT_TRANSLATE_NOOP("Messages", "{label} is required; {example}."),
    QT_TRANSLATE_NOOP("Messages", "The network file {name} cannot be read: {reason}."),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The database file '{path}' is damaged ({where}). Exporter Desk did not change it and will not write to it. {advice}",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "Exporter Desk could not upgrade the database (step {number}, {name}); nothing was changed. A copy made before the upgrade is in '{backup}'. Please report this problem.",
    ),
)

# Messages with values: {name} matches any text. Order matters where two templates could match:
# the more specific first.
_TEMPLATES = (
    # domain/_checks.py
    QT_TRANSLATE_NOOP("Messages", "{label} is required."),
    QT_TRANSLATE_NOOP("Messages", "{label} is {size} characters long; at most {limit} fit."),
    QT_TRANSLATE_NOOP("Messages", "{label} contains invisible control characters; retype it."),
    QT_TRANSLATE_NOOP("Messages", "{label} must be zero or more."),
    QT_TRANSLATE_NOOP("Messages", "{label} must be more than zero."),
    QT_TRANSLATE_NOOP("Messages", "{label} has more than {places} decimal place."),
    QT_TRANSLATE_NOOP("Messages", "{label} has more than {places} decimal places."),
    QT_TRANSLATE_NOOP("Messages", "{label} has more decimals than {currency} allows ({units})."),
    # domain/codes.py
    QT_TRANSLATE_NOOP(
        "Messages",
        "'{code}' is not an ISO 3166 country code; use two letters such as CN, DE or VN, or the "
        "English name such as China.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "'{code}' is not an ISO 4217 currency; use three letters such as USD, EUR or CNY.",
    ),
    QT_TRANSLATE_NOOP("Messages", "'{code}' is not an Incoterms 2020 rule; use one of {rules}."),
    QT_TRANSLATE_NOOP(
        "Messages",
        "'{code}' is not a UN/LOCODE; use the country code and three letters, such as CNSHA "
        "(Shanghai) or DEHAM (Hamburg).",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "'{code}' is not an HS code; use 6, 8 or 10 digits, such as 8471.30 or 8471300000.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "'{code}' starts with chapter {chapter}, which the HS does not have (chapters are 01 to "
        "97, 77 unused).",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "'{code}' is not a valid {what} for {country}: {reason}. Check it against the company's "
        "licence.",
    ),
    # domain/money.py
    QT_TRANSLATE_NOOP("Messages", "The {what} is too long to be a number."),
    QT_TRANSLATE_NOOP(
        "Messages",
        "'{text}' has a comma where none belongs; write the {what} with a decimal point, and "
        "commas only between groups of three digits, such as 1,234.50.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "'{text}' is not a number; write the {what} with digits and an optional decimal point, "
        "such as 1234.50.",
    ),
    QT_TRANSLATE_NOOP("Messages", "The {what} must be an ordinary number."),
    QT_TRANSLATE_NOOP("Messages", "The {what} is too large."),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The amount {amount} cannot be written on a document; check the quantities and prices.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages", "{currency} amounts have {units} decimal places; {amount} has more."
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "Amounts in {currency} and {other} cannot be added; use one currency per document.",
    ),
    # domain objects
    QT_TRANSLATE_NOOP("Messages", "{incoterm} is a sea term: give both ports as UN/LOCODEs."),
    QT_TRANSLATE_NOOP("Messages", "The named place for {incoterm}"),
    QT_TRANSLATE_NOOP("Messages", "Sold {sold} of {product} but bought {bought}."),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The invoice line '{line}' names no known product (SKU); pack it by hand or link the "
        "line to a product.",
    ),
    QT_TRANSLATE_NOOP("Messages", "'{text}' is not an e-mail address."),
    QT_TRANSLATE_NOOP(
        "Messages",
        "'{text}' is not a SWIFT/BIC code (8 or 11 characters, such as BKCHCNBJ300).",
    ),
    QT_TRANSLATE_NOOP("Messages", "This looks like an IBAN but is not valid ({reason})."),
    QT_TRANSLATE_NOOP(
        "Messages",
        "'{text}' is not an ISO 6346 container number ({reason}); it is 4 letters and 7 digits, "
        "such as CSQU3054383.",
    ),
    # services and document packs
    QT_TRANSLATE_NOOP(
        "Messages", "Deal {reference} has no contract yet, so there is nothing to print."
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "No invoice refers to shipment {reference} yet, so there is nothing to print. Set the "
        "shipment on its commercial invoice first.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages", "{label} {number} changed while the pack was being built; build it again."
    ),
    QT_TRANSLATE_NOOP(
        "Messages", "{label} {number} is not a readable PDF; render or choose it again."
    ),
    QT_TRANSLATE_NOOP("Messages", "{label} {number} is a damaged PDF; render or choose it again."),
    QT_TRANSLATE_NOOP(
        "Messages", "{label} {number}: print between 1 and {most} originals and copies in all."
    ),
    QT_TRANSLATE_NOOP("Messages", "{label} {number} has no pages; render it again."),
    # services/preferences.py
    QT_TRANSLATE_NOOP(
        "Messages", "'{value}' is not a {what} Exporter Desk knows; use one of {choices}."
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The pack could not be saved to {path}: {reason}. Nothing was written; choose another "
        "place for the file.",
    ),
    # documents: what a document needs to be printed (documents/context.py)
    QT_TRANSLATE_NOOP(
        "Messages",
        "{what} cannot be printed: it needs {listed}. Add the missing data and print it again.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages", "{what} cannot be printed: {listed}. Correct the data and print it again."
    ),
    # keys, certificates and networks (signing/errors.py, services/keystores.py, network.py)
    QT_TRANSLATE_NOOP(
        "Messages",
        "No {what} is stored for this company profile on this computer. Create or import one in Settings, or restore it from your backup.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "Choose a passphrase of at least {minimum} characters to protect the company's signing key. Without it, nobody can recover the key: keep it safe.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "This computer has no system keyring to keep the company's signing key safe (usual on Linux without a desktop session). Exporter Desk can keep the key in a file encrypted with a passphrase instead ({key_file}): give one when asked, or set EXPORTER_DESK_PASSPHRASE (at least 8 characters) for scripts.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "Your keys are in the encrypted file {key_file}; enter its passphrase (scripts set EXPORTER_DESK_PASSPHRASE).",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The network {origin} chosen in Settings is no longer trusted here. Import its descriptor again, or choose the local network.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "Your company is not enrolled with {origin} yet. Enrol with the invitation code the network operator sent you (Settings > Networks).",
    ),
    QT_TRANSLATE_NOOP("Messages", "The {subject} has {count} problem to fix: {lines}"),
    QT_TRANSLATE_NOOP("Messages", "The {subject} has {count} problems to fix: {lines}"),
    # services/spreadsheets and packs
    QT_TRANSLATE_NOOP(
        "Messages",
        "'{name}' is not a spreadsheet Exporter Desk can read ({reason}). Save it from Excel, WPS "
        "or LibreOffice as .xlsx or .csv and try again.",
    ),
    # store/errors.py
    QT_TRANSLATE_NOOP(
        "Messages",
        "The {subject} (#{id}) no longer exists; it may have been deleted. Refresh the list and "
        "try again.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "Another {subject} already has the {what} '{value}'. Each {subject2} needs its own "
        "{what2}; choose another.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The {subject} refers to a {target} (#{id}) that does not exist ({field}); pick one from "
        "the list.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "This {subject} cannot be deleted: it is used by {listed}. Remove those first, or keep it.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The {field} of the {subject} is {size} characters long; at most {limit} fit. Shorten it "
        "(was something pasted by mistake?).",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The data breaks a rule of the database and was not saved ({cause}). Please report this "
        "problem.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "Exporter Desk could not write to its database ({cause}). Check free disk space and "
        "folder permissions; nothing was saved.",
    ),
    # trust roots through TUF (services/trust_roots.py, trustnet/policy.py)
    QT_TRANSLATE_NOOP("Messages", "The trust-root file {name} cannot be read: {reason}."),
    QT_TRANSLATE_NOOP(
        "Messages",
        "{name} is not a network trust-root file. Ask the network's operator for the "
        "trust-root.json that 'exporter-desk-notary tuf init' wrote.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The network's trust root at {url} publishes no network descriptor. Tell the network's "
        "operator.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The network's trust root at {url} has expired, so it cannot be refreshed. The network's "
        "operator must re-sign it; until then the network you already trust stays as it was.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The network's trust root at {url} cannot be reached. Check the Internet connection and "
        "try again; the network you already trust stays as it was.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The network's trust root at {url} is not signed by the keys you trust, or was rolled "
        "back. Nothing was changed. Tell the network's operator.",
    ),
    QT_TRANSLATE_NOOP("Messages", "Its trust-root record is missing: pin it again."),
    QT_TRANSLATE_NOOP(
        "Messages",
        "Its trust root now names another network ({origin}); the pin is unchanged.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "This receipt is vouched for by witnesses that your copy of the network {origin} does "
        "not know ({names}): your trust root for it is out of date. Refresh the network "
        "(Settings, or 'exporter-desk network refresh') and verify again.",
    ),
)

# Fixed messages and the phrases that fill templates (field names, record kinds).
_PHRASES = (
    QT_TRANSLATE_NOOP("Messages", "A proforma cannot expire before its date."),
    QT_TRANSLATE_NOOP("Messages", "Add at least one line item."),
    QT_TRANSLATE_NOOP("Messages", "Add at least one package."),
    QT_TRANSLATE_NOOP("Messages", "Air shipments have no sea containers."),
    QT_TRANSLATE_NOOP("Messages", "An L/C number belongs to L/C terms only."),
    QT_TRANSLATE_NOOP("Messages", "An account number has at most 34 letters and digits."),
    QT_TRANSLATE_NOOP("Messages", "An advance payment applies to T/T terms only."),
    QT_TRANSLATE_NOOP("Messages", "An issuing bank belongs to L/C terms only."),
    QT_TRANSLATE_NOOP("Messages", "At least one unit goes in a package."),
    QT_TRANSLATE_NOOP("Messages", "D/A terms need the number of days after sight (such as 60)."),
    QT_TRANSLATE_NOOP("Messages", "Discounts exceed the goods value: the total would be negative."),
    QT_TRANSLATE_NOOP("Messages", "Only a proforma invoice has a validity date."),
    QT_TRANSLATE_NOOP("Messages", "Package numbers overlap an earlier range."),
    QT_TRANSLATE_NOOP("Messages", "Package numbers run from the first to the last, starting at 1."),
    QT_TRANSLATE_NOOP("Messages", "Payment days must be between 0 and 365."),
    QT_TRANSLATE_NOOP("Messages", "The ETA is before the ETD."),
    QT_TRANSLATE_NOOP("Messages", "The advance is a percentage between 0 and 100."),
    QT_TRANSLATE_NOOP("Messages", "The buyer and the seller must be different parties."),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The company buying on the purchase leg must be the seller on the sales leg.",
    ),
    QT_TRANSLATE_NOOP("Messages", "The gross weight cannot be less than the net weight."),
    QT_TRANSLATE_NOOP("Messages", "The latest delivery date is before the earliest."),
    QT_TRANSLATE_NOOP("Messages", "The purchase leg must be a purchase contract."),
    QT_TRANSLATE_NOOP("Messages", "The sales leg must be a sales contract."),
    QT_TRANSLATE_NOOP("Messages", "The sales leg must be another contract than the purchase leg."),
    QT_TRANSLATE_NOOP("Messages", "The registration id must be at most 40 printable characters."),
    QT_TRANSLATE_NOOP("Messages", "A pack needs the issuing company."),
    QT_TRANSLATE_NOOP("Messages", "A pack needs at least one document; select some."),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The visible seal cannot be placed on this document; issue it without the visible seal.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "Set up your company first (Settings > Company): its name, address and registration id "
        "go on every document.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "There is no signing key yet. Create one or import your certificate (.p12/.pfx) in "
        "Settings > Keys and certificates.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The database is in use by another program (is Exporter Desk open twice?). Close the "
        "other window and try again; nothing was saved.",
    ),
    # field names the checks name
    QT_TRANSLATE_NOOP("Messages", "Account name"),
    QT_TRANSLATE_NOOP("Messages", "Account number"),
    QT_TRANSLATE_NOOP("Messages", "Bank address"),
    QT_TRANSLATE_NOOP("Messages", "Bank name"),
    QT_TRANSLATE_NOOP("Messages", "Contact"),
    QT_TRANSLATE_NOOP("Messages", "Marks and numbers"),
    QT_TRANSLATE_NOOP("Messages", "Notes"),
    QT_TRANSLATE_NOOP("Messages", "The Chinese address"),
    QT_TRANSLATE_NOOP("Messages", "The Chinese description"),
    QT_TRANSLATE_NOOP("Messages", "The Chinese name"),
    QT_TRANSLATE_NOOP("Messages", "The English address"),
    QT_TRANSLATE_NOOP("Messages", "The English description"),
    QT_TRANSLATE_NOOP("Messages", "The English name"),
    QT_TRANSLATE_NOOP("Messages", "The port of loading"),
    QT_TRANSLATE_NOOP("Messages", "The port of discharge"),
    QT_TRANSLATE_NOOP("Messages", "The country"),
    QT_TRANSLATE_NOOP("Messages", "The country of origin"),
    QT_TRANSLATE_NOOP(
        "Messages", "The HS code is required; use 6, 8 or 10 digits, such as 8471.30."
    ),
    # spreadsheets: why a file is not one (services/spreadsheets/_reading.py)
    QT_TRANSLATE_NOOP("Messages", "it is a PDF"),
    QT_TRANSLATE_NOOP("Messages", "it is a folder"),
    QT_TRANSLATE_NOOP("Messages", "it is an old Excel 97-2003 .xls file"),
    QT_TRANSLATE_NOOP("Messages", "it is a damaged zip file"),
    QT_TRANSLATE_NOOP("Messages", "it is a zip file but not an Excel workbook"),
    QT_TRANSLATE_NOOP("Messages", "it holds binary data, not text"),
    QT_TRANSLATE_NOOP("Messages", "it is a PNG image"),
    QT_TRANSLATE_NOOP("Messages", "it is a JPEG image"),
    QT_TRANSLATE_NOOP("Messages", "it is a GIF image"),
    QT_TRANSLATE_NOOP("Messages", "it is a database"),
    QT_TRANSLATE_NOOP("Messages", "it is a gzip archive"),
    QT_TRANSLATE_NOOP("Messages", "it is a RAR archive"),
    QT_TRANSLATE_NOOP("Messages", "it is a 7-Zip archive"),
    QT_TRANSLATE_NOOP("Messages", "The L/C number"),
    QT_TRANSLATE_NOOP("Messages", "The SKU"),
    QT_TRANSLATE_NOOP("Messages", "The amount"),
    QT_TRANSLATE_NOOP("Messages", "The buyer's reference"),
    QT_TRANSLATE_NOOP("Messages", "The container type"),
    QT_TRANSLATE_NOOP("Messages", "The contents"),
    QT_TRANSLATE_NOOP("Messages", "The contract number"),
    QT_TRANSLATE_NOOP("Messages", "The deal reference"),
    QT_TRANSLATE_NOOP("Messages", "The description"),
    QT_TRANSLATE_NOOP("Messages", "The gross weight"),
    QT_TRANSLATE_NOOP("Messages", "The invoice number"),
    QT_TRANSLATE_NOOP("Messages", "The issuing bank"),
    QT_TRANSLATE_NOOP("Messages", "The net weight"),
    QT_TRANSLATE_NOOP("Messages", "The notes"),
    QT_TRANSLATE_NOOP("Messages", "The packing list number"),
    QT_TRANSLATE_NOOP("Messages", "The quantity"),
    QT_TRANSLATE_NOOP("Messages", "The seal number"),
    QT_TRANSLATE_NOOP("Messages", "The shipment reference"),
    QT_TRANSLATE_NOOP("Messages", "The unit price"),
    QT_TRANSLATE_NOOP("Messages", "Packing"),
    QT_TRANSLATE_NOOP("Messages", "Inspection"),
    QT_TRANSLATE_NOOP("Messages", "Insurance"),
    QT_TRANSLATE_NOOP("Messages", "Arbitration"),
    QT_TRANSLATE_NOOP("Messages", "Length"),
    QT_TRANSLATE_NOOP("Messages", "Width"),
    QT_TRANSLATE_NOOP("Messages", "Height"),
    QT_TRANSLATE_NOOP("Messages", "Vessel"),
    QT_TRANSLATE_NOOP("Messages", "Voyage"),
    QT_TRANSLATE_NOOP("Messages", "Flight"),
    QT_TRANSLATE_NOOP("Messages", "Transport document no"),
    QT_TRANSLATE_NOOP("Messages", "Place of delivery"),
    QT_TRANSLATE_NOOP("Messages", "number"),
    QT_TRANSLATE_NOOP("Messages", "amount"),
    QT_TRANSLATE_NOOP("Messages", "price"),
    QT_TRANSLATE_NOOP("Messages", "quantity"),
    QT_TRANSLATE_NOOP("Messages", "percentage"),
    QT_TRANSLATE_NOOP("Messages", "weight"),
    # settings (services/preferences.py)
    QT_TRANSLATE_NOOP("Messages", "paper size"),
    QT_TRANSLATE_NOOP("Messages", "copy mark"),
    QT_TRANSLATE_NOOP("Messages", "document language"),
    QT_TRANSLATE_NOOP("Messages", "number of copies"),
    QT_TRANSLATE_NOOP("Messages", "company record"),
    QT_TRANSLATE_NOOP("Messages", "network"),
    # record kinds the store names
    QT_TRANSLATE_NOOP("Messages", "party"),
    QT_TRANSLATE_NOOP("Messages", "product"),
    QT_TRANSLATE_NOOP("Messages", "contract"),
    QT_TRANSLATE_NOOP("Messages", "invoice"),
    QT_TRANSLATE_NOOP("Messages", "shipment"),
    QT_TRANSLATE_NOOP("Messages", "deal"),
    QT_TRANSLATE_NOOP("Messages", "packing list"),
    QT_TRANSLATE_NOOP("Messages", "document"),
    # registration ids (domain/codes.py) and python-stdnum's reasons
    QT_TRANSLATE_NOOP("Messages", "; "),  # between the items of a list inside a message
    QT_TRANSLATE_NOOP("Messages", "unified social credit code"),
    QT_TRANSLATE_NOOP("Messages", "tax or registration number"),
    QT_TRANSLATE_NOOP("Messages", "The number's checksum or check digit is invalid"),
    QT_TRANSLATE_NOOP("Messages", "The number has an invalid format"),
    QT_TRANSLATE_NOOP("Messages", "The number has an invalid length"),
    QT_TRANSLATE_NOOP("Messages", "One of the parts of the number are invalid or unknown"),
)

# What a document needs or where its parts disagree (``documents/_issue.py`` and the renderers),
# and the documents' printed titles.
_DOCUMENT_NEEDS = (
    QT_TRANSLATE_NOOP("Messages", "Commercial Invoice"),
    QT_TRANSLATE_NOOP("Messages", "Proforma Invoice"),
    QT_TRANSLATE_NOOP("Messages", "Packing List"),
    QT_TRANSLATE_NOOP("Messages", "Sales Contract"),
    QT_TRANSLATE_NOOP("Messages", "Purchase Contract"),
    QT_TRANSLATE_NOOP("Messages", "Certificate of Origin"),
    QT_TRANSLATE_NOOP("Messages", "Shipping Instruction"),
    QT_TRANSLATE_NOOP("Messages", "Beneficiary's Certificate"),
    QT_TRANSLATE_NOOP("Messages", "Bill of Exchange"),
    QT_TRANSLATE_NOOP("Messages", "a bill of exchange is printed in 1 or 2 parts"),
    QT_TRANSLATE_NOOP("Messages", "a draft cannot be drawn for a zero amount"),
    QT_TRANSLATE_NOOP("Messages", "at least one line item"),
    QT_TRANSLATE_NOOP("Messages", "at least one package"),
    QT_TRANSLATE_NOOP("Messages", "at least one statement to certify"),
    QT_TRANSLATE_NOOP("Messages", "the L/C number"),
    QT_TRANSLATE_NOOP("Messages", "the applicant"),
    QT_TRANSLATE_NOOP("Messages", "the applicant is not the invoice's buyer"),
    QT_TRANSLATE_NOOP("Messages", "the beneficiary"),
    QT_TRANSLATE_NOOP("Messages", "the beneficiary is not the invoice's seller"),
    QT_TRANSLATE_NOOP("Messages", "the buyer"),
    QT_TRANSLATE_NOOP("Messages", "the buyer is not the contract's"),
    QT_TRANSLATE_NOOP("Messages", "the buyer is not the invoice's"),
    QT_TRANSLATE_NOOP("Messages", "the certificate number"),
    QT_TRANSLATE_NOOP("Messages", "the consignee"),
    QT_TRANSLATE_NOOP("Messages", "the consignee is not the invoice's"),
    QT_TRANSLATE_NOOP("Messages", "the consignee named on the invoice"),
    QT_TRANSLATE_NOOP("Messages", "the contract is not the invoice's"),
    QT_TRANSLATE_NOOP("Messages", "the contract named on the invoice"),
    QT_TRANSLATE_NOOP("Messages", "the contract number"),
    QT_TRANSLATE_NOOP("Messages", "the country of origin of the goods"),
    QT_TRANSLATE_NOOP("Messages", "the country of origin on the invoice"),
    QT_TRANSLATE_NOOP("Messages", "the date until which the proforma is valid"),
    QT_TRANSLATE_NOOP("Messages", "the draft number"),
    QT_TRANSLATE_NOOP("Messages", "the drawee (the buyer)"),
    QT_TRANSLATE_NOOP("Messages", "the drawee (the issuing bank of the L/C)"),
    QT_TRANSLATE_NOOP("Messages", "the drawer (the seller)"),
    QT_TRANSLATE_NOOP("Messages", "the drawer is not the invoice's seller"),
    QT_TRANSLATE_NOOP("Messages", "the exporter"),
    QT_TRANSLATE_NOOP("Messages", "the exporter is not the invoice's seller"),
    QT_TRANSLATE_NOOP("Messages", "the forwarder to instruct"),
    QT_TRANSLATE_NOOP("Messages", "the instruction number"),
    QT_TRANSLATE_NOOP("Messages", "the invoice given is not the packing list's"),
    QT_TRANSLATE_NOOP("Messages", "the invoice it belongs to"),
    QT_TRANSLATE_NOOP("Messages", "the invoice number"),
    QT_TRANSLATE_NOOP("Messages", "the notify party is not the invoice's"),
    QT_TRANSLATE_NOOP("Messages", "the notify party named on the invoice"),
    QT_TRANSLATE_NOOP("Messages", "the number of B/L copies must be 0 to 20"),
    QT_TRANSLATE_NOOP("Messages", "the number of original B/Ls must be 0 to 9"),
    QT_TRANSLATE_NOOP("Messages", "the packing list (packages, weights and measurement)"),
    QT_TRANSLATE_NOOP("Messages", "the packing list is for another invoice"),
    QT_TRANSLATE_NOOP("Messages", "the packing list number"),
    QT_TRANSLATE_NOOP("Messages", "the seller"),
    QT_TRANSLATE_NOOP("Messages", "the seller is not the contract's"),
    QT_TRANSLATE_NOOP("Messages", "the seller is not the invoice's"),
    QT_TRANSLATE_NOOP("Messages", "the seller's bank account, for the payment instructions"),
    QT_TRANSLATE_NOOP("Messages", "the shipment"),
    QT_TRANSLATE_NOOP("Messages", "the shipment (booking)"),
    QT_TRANSLATE_NOOP("Messages", "the shipment (means of transport and route)"),
    QT_TRANSLATE_NOOP("Messages", "the shipment is not the invoice's"),
    QT_TRANSLATE_NOOP("Messages", "the shipment is not the packing list's"),
    QT_TRANSLATE_NOOP("Messages", "the shipment named on the invoice"),
    QT_TRANSLATE_NOOP("Messages", "the shipper"),
    QT_TRANSLATE_NOOP("Messages", "the shipper is not the invoice's seller"),
)

# Keys and certificates (signing/errors.py): what a person sees when signing fails.
_SIGNING = (
    QT_TRANSLATE_NOOP(
        "Messages",
        "This computer has no system keyring that Exporter Desk can use to keep the company's signing key safe (this is usual on Linux without a desktop session). Choose Settings > Security > 'Keep keys in an encrypted file' and pick a passphrase: the key is then stored in a file encrypted with that passphrase.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The system keyring refused access to Exporter Desk's secrets. Unlock the keyring (or allow access when the system asks) and try again.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The passphrase is not correct for this encrypted key file. Check the keyboard layout and Caps Lock, and try again.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The stored signing key or the encrypted key file is damaged, or was written by a newer version of Exporter Desk. Restore it from your backup or update the app.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The encrypted key file could not be saved. Check that the disk is not full and that you may write to the app's data folder, then try again.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The company profile name cannot be used: it must be 1 to 100 characters without ':' or control characters.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "This file is not a PKCS#12 certificate file (.p12 or .pfx). Export your certificate from your certificate authority's tool as .p12/.pfx with its private key, then import that file.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The password of this .p12/.pfx file is not correct. Use the password chosen when the file was exported.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "This .p12/.pfx file holds a certificate but no private key, so it cannot sign. Export it again with the private key included.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "This .p12/.pfx file holds a private key but not its certificate. Export it again with the certificate included.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "This certificate uses a key type Exporter Desk does not sign with. Only ECDSA P-256 (prime256v1) keys are supported: ask your certificate authority for an ECDSA P-256 certificate.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The certificate does not belong to this private key. Import the certificate that was issued for this key.",
    ),
    QT_TRANSLATE_NOOP("Messages", "This file is not a readable X.509 certificate (PEM or DER)."),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The company details cannot be put into a certificate: the name must be 1 to 64 characters, the country a two-letter ISO code such as CN, and the registration number (e.g. the unified social credit code) 1 to 64 letters and digits.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The certificate request is not valid (unreadable, wrongly signed, or not an ECDSA P-256 key), so no certificate was issued.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The document is not a PDF that Exporter Desk can sign (it is damaged, encrypted, or not a PDF).",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The document is already signed, and changing it now would break that signature. Issue it again from the start instead.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The document already carries an attached file of this name; it was not attached twice.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The visible company seal cannot be placed: check that the seal image is a PNG file and that the seal box lies on an existing page.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The time-stamping service could not be reached or gave an invalid answer, so the document was not signed. Try again later, or sign without a time stamp.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The document could not be signed or changed. The details have been logged; please report them if this happens again.",
    ),
    QT_TRANSLATE_NOOP("Messages", "signing key"),
    QT_TRANSLATE_NOOP("Messages", "certificate"),
)

# Countries a small exporter deals with most, by their ISO 3166 English short name (the
# domain's ``country_name``); others show in English.
_COUNTRIES = (
    QT_TRANSLATE_NOOP("Messages", "China"),
    QT_TRANSLATE_NOOP("Messages", "Hong Kong"),
    QT_TRANSLATE_NOOP("Messages", "Taiwan"),
    QT_TRANSLATE_NOOP("Messages", "Germany"),
    QT_TRANSLATE_NOOP("Messages", "Vietnam"),
    QT_TRANSLATE_NOOP("Messages", "United States"),
    QT_TRANSLATE_NOOP("Messages", "United Kingdom"),
    QT_TRANSLATE_NOOP("Messages", "France"),
    QT_TRANSLATE_NOOP("Messages", "Netherlands"),
    QT_TRANSLATE_NOOP("Messages", "Italy"),
    QT_TRANSLATE_NOOP("Messages", "Spain"),
    QT_TRANSLATE_NOOP("Messages", "Japan"),
    QT_TRANSLATE_NOOP("Messages", "South Korea"),
    QT_TRANSLATE_NOOP("Messages", "Singapore"),
    QT_TRANSLATE_NOOP("Messages", "India"),
    QT_TRANSLATE_NOOP("Messages", "Thailand"),
    QT_TRANSLATE_NOOP("Messages", "Malaysia"),
    QT_TRANSLATE_NOOP("Messages", "Indonesia"),
    QT_TRANSLATE_NOOP("Messages", "United Arab Emirates"),
    QT_TRANSLATE_NOOP("Messages", "Poland"),
    QT_TRANSLATE_NOOP("Messages", "Belgium"),
    QT_TRANSLATE_NOOP("Messages", "Austria"),
    QT_TRANSLATE_NOOP("Messages", "Switzerland"),
    QT_TRANSLATE_NOOP("Messages", "Australia"),
    QT_TRANSLATE_NOOP("Messages", "Canada"),
    QT_TRANSLATE_NOOP("Messages", "Brazil"),
    QT_TRANSLATE_NOOP("Messages", "Mexico"),
    QT_TRANSLATE_NOOP("Messages", "Russian Federation"),
    QT_TRANSLATE_NOOP("Messages", "Türkiye"),
    QT_TRANSLATE_NOOP("Messages", "Sweden"),
    QT_TRANSLATE_NOOP("Messages", "Denmark"),
)

# Errors of the services, the store and the trust network with values in them (files,
# backups, the database, issuing, packs, presentments); each is raised where the GUI calls in.
_SERVICE_TEMPLATES = (
    QT_TRANSLATE_NOOP(
        "Messages",
        "There is not enough free space on the disk to write '{path}' ({size}). Nothing was written. Free some space on that disk, or choose another place for the file, and try again.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "Exporter Desk may not write '{path}' ({cause}): the folder is read-only or belongs to someone else. Nothing was written; choose another place for the file.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "'{name}': Exporter Desk exports to .xlsx (Excel, WPS) or .csv; give the file one of these endings.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "'{path}' could not be written ({reason}). Choose another folder, or close the file if Excel has it open.",
    ),
    QT_TRANSLATE_NOOP("Messages", "The network file could not be saved to {path}: {reason}."),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The font needed to print documents is missing from this installation ({name}). Reinstall Exporter Desk.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The font needed to print documents is damaged ({name}). Reinstall Exporter Desk.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "'{text}' is not a container type; use 2 to 10 letters and digits, such as 40HC or 22G1.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "'{text}' is not a {label}; use at most {limit} letters, digits, hyphens, dots or slashes, such as {example}.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "'{text}' is not an account number: an account number has at most 34 letters and digits (and hyphens).",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "'{text}' looks like an IBAN but is not valid ({reason}); check it against the bank's statement.",
    ),
    QT_TRANSLATE_NOOP("Messages", "such as {example}"),
    QT_TRANSLATE_NOOP(
        "Messages",
        "'{text}' is not a SWIFT date; SWIFT writes dates as YYMMDD, such as 261102 for 2 November 2026.",
    ),
    QT_TRANSLATE_NOOP("Messages", "'{text}' is not a real date (YYMMDD)."),
    QT_TRANSLATE_NOOP(
        "Messages",
        "'{text}' is not a SWIFT amount; it is the currency code and the amount with a decimal comma, such as USD123456,78.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The text is {size} characters long; an MT700 is at most about 10,000. Paste only the message.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages", "'{name}' is not an Exporter Desk backup ({reason}). Nothing was changed."
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The backup '{name}' is damaged ({reason}); it was not restored and nothing was changed. Copy the file again from where it was made.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The backup '{name}' was made by a newer Exporter Desk ({made_by}) than this one ({version}). Install the newer version, then restore it. Nothing was changed.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The restored data did not open: {reason} Your previous data is back in {folder} unchanged.",
    ),
    QT_TRANSLATE_NOOP("Messages", "There is no Exporter Desk data in {folder} to back up."),
    QT_TRANSLATE_NOOP(
        "Messages",
        "Choose a passphrase of at least {minimum} characters to protect the signing key in the backup.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The backup '{name}' cannot be used: {reason}. Choose another backup; your current data was not changed.",
    ),
    QT_TRANSLATE_NOOP("Messages", "it cannot be read: {reason}"),
    QT_TRANSLATE_NOOP("Messages", "its contents differ from its manifest: {names}"),
    QT_TRANSLATE_NOOP("Messages", "it names a file outside the data folder: {name}"),
    QT_TRANSLATE_NOOP("Messages", "{name} is longer than recorded"),
    QT_TRANSLATE_NOOP("Messages", "{name} cannot be unpacked"),
    QT_TRANSLATE_NOOP("Messages", "{name} does not match its checksum"),
    QT_TRANSLATE_NOOP("Messages", "its database is damaged: {problem}"),
    QT_TRANSLATE_NOOP(
        "Messages", "This file cannot be used as the {what}: {problem}. Choose {accepted}."
    ),
    QT_TRANSLATE_NOOP("Messages", "it is {size} MB, too large"),
    QT_TRANSLATE_NOOP("Messages", "it is {width} x {height} pixels, too large"),
    QT_TRANSLATE_NOOP("Messages", "{name} is too large to be an MT700 message."),
    QT_TRANSLATE_NOOP("Messages", "{name} is not a text file; save the MT700 as plain text."),
    QT_TRANSLATE_NOOP("Messages", "{name} is {size} MB; attach a file under {limit} MB."),
    QT_TRANSLATE_NOOP("Messages", "{name} is too large to be a network descriptor."),
    QT_TRANSLATE_NOOP("Messages", "{name} cannot be read: {reason}."),
    QT_TRANSLATE_NOOP(
        "Messages",
        "'{name}' is protected with a password. Open it in Excel or WPS, remove the password (File > Info > Protect Workbook), save it and import it again.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "'{name}' is {size} MB; Exporter Desk imports files of up to {limit} MB. Split it into smaller files, or remove columns and sheets you do not import.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "'{name}' has no rows to import: the first sheet is empty or has no row of column titles.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "Nothing was imported: the file has {count} problem to fix first (see the list by row and column).",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "Nothing was imported: the file has {count} problems to fix first (see the list by row and column).",
    ),
    QT_TRANSLATE_NOOP("Messages", "Choose a column for: {fields}."),
    QT_TRANSLATE_NOOP(
        "Messages",
        "{label} {number} was issued on {when}, and its data has changed since. Issuing it again registers a new document that supersedes the earlier one: the earlier PDF stays in the register marked superseded, and anyone who verifies it online is told it was replaced.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "{label} {number} was issued with other data and still waits for registration. Retry the registration first (Documents); then issue it again to supersede it.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "Nothing to pack for {title}: tick at least one document that is issued or has all its data.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "A bank pack holds only issued, signed documents; these are not issued yet: {listed}. Issue them (or untick them) and build the pack again.",
    ),
    QT_TRANSLATE_NOOP("Messages", "{what} (lacks {missing})"),
    QT_TRANSLATE_NOOP(
        "Messages",
        "{name} is not an authentic registered document ({result}); a presentment records only authentic documents.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The document is registered with {origin}, but your bank is a member of {bank}: its presentment must be recorded on the network the document is registered with.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The {label} '{value}' cannot identify the document: it must have 1 to 60 letters and digits (spaces, dots, dashes and slashes are ignored).",
    ),
    QT_TRANSLATE_NOOP("Messages", "The amount '{value}' must be a positive amount."),
    QT_TRANSLATE_NOOP("Messages", "The amount '{value}' is not a number."),
    QT_TRANSLATE_NOOP("Messages", "'{value}' is not a currency code such as USD or EUR."),
    QT_TRANSLATE_NOOP("Messages", "{origin} did not send an API token; try again later."),
    QT_TRANSLATE_NOOP(
        "Messages",
        "{origin} answered with a certificate its pinned member CA did not issue; nothing was changed. Check the network file with the operator.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The {what} of your local network is missing from the keystore (was the keyring reset?). Documents issued before still verify; to issue new ones, move the 'network' folder of the data folder aside and restart.",
    ),
    QT_TRANSLATE_NOOP("Messages", "The trust network refused the registration: {message}"),
    QT_TRANSLATE_NOOP(
        "Messages",
        "A document number must be 1 to {limit} characters of plain letters, digits and punctuation, without spaces.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The certificate {subject} cannot be trusted as an issuer of signing certificates: it is not a certificate authority (CA) certificate. Ask its owner for their CA certificate instead.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "'{path}' is not an Exporter Desk database ({reason}). The file was not changed. Choose another data folder, or restore a backup.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The database file '{path}' is damaged. Exporter Desk did not change it and will not write to it. {advice}",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The database file '{path}' is empty (0 bytes), but its folder holds a company's files ({found}). Exporter Desk will not start a new company over them; a failed copy or sync may have emptied the file, and nothing was changed. {advice}",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "There is no backup in '{folder}'. Keep a copy of the whole folder and do not start a new company in it; ask for help to recover the data.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "Your latest backup is from {when} ('{name}'): restore it with exporter-desk restore --data \"{folder}\" (the current file is kept beside it). Work done since that backup has to be entered again.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The folder '{folder}' is on a read-only disk or share, or you may not write to it, so Exporter Desk cannot {action}. Nothing was written. Choose a folder you can write to.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The data folder '{folder}' is read-only, so Exporter Desk opened it read-only: you can look at, print and export your data, but not {action}. Your data is intact. To change it, make the folder writable (check that the disk or network share is not read-only and that you may write to the folder), or copy the folder to a writable place and use that one.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The data folder '{folder}' is read-only, so Exporter Desk cannot {action}. Nothing was changed. Your data is intact. To change it, make the folder writable (check that the disk or network share is not read-only and that you may write to the folder), or copy the folder to a writable place and use that one.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "This database was last used by a newer version of Exporter Desk (data version {found}; this version knows up to {supported}). Install the latest Exporter Desk to open it; the file was not changed.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "Exporter Desk could not upgrade the database (step {number}, {name}); nothing was changed. Please report this problem.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The setting '{key}' looks like a secret (password, key or token). Secrets are kept in the system keyring, not in the company database.",
    ),
)

# Their fixed messages, and the phrases that fill them (what a read-only folder stopped,
# why a file could not be written, what a backup lacks).
_SERVICE_PHRASES = (
    QT_TRANSLATE_NOOP("Messages", "The company logo is empty. Choose another logo in Settings."),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The company logo cannot be read as a PNG or JPEG image. Choose another logo in Settings.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "Part of this document is too large to fit on one page (for example a very long item description or address). Shorten it and try again.",
    ),
    QT_TRANSLATE_NOOP("Messages", "The currency"),
    QT_TRANSLATE_NOOP("Messages", "The port (UN/LOCODE)"),
    QT_TRANSLATE_NOOP("Messages", "The HS code"),
    QT_TRANSLATE_NOOP("Messages", "The container number"),
    QT_TRANSLATE_NOOP("Messages", "The voyage number"),
    QT_TRANSLATE_NOOP("Messages", "The flight number"),
    QT_TRANSLATE_NOOP("Messages", "The transport document number"),
    QT_TRANSLATE_NOOP("Messages", "The IBAN"),
    QT_TRANSLATE_NOOP("Messages", "The account number"),
    QT_TRANSLATE_NOOP("Messages", "The SWIFT/BIC code"),
    QT_TRANSLATE_NOOP("Messages", "seal number"),
    QT_TRANSLATE_NOOP("Messages", "voyage number"),
    QT_TRANSLATE_NOOP("Messages", "flight number"),
    QT_TRANSLATE_NOOP("Messages", "transport document number"),
    QT_TRANSLATE_NOOP(
        "Messages", "use two letters such as CN, DE or VN, or the English name such as China"
    ),
    QT_TRANSLATE_NOOP("Messages", "use three letters such as USD, EUR or CNY"),
    QT_TRANSLATE_NOOP("Messages", "use the country code and three letters, such as CNSHA"),
    QT_TRANSLATE_NOOP("Messages", "use 6, 8 or 10 digits, such as 8471.30"),
    QT_TRANSLATE_NOOP("Messages", "it is 4 letters and 7 digits, such as CSQU3054383"),
    QT_TRANSLATE_NOOP("Messages", "use a size/type code such as 40HC or 22G1"),
    QT_TRANSLATE_NOOP("Messages", "such as 4563 5870 1234 or an IBAN"),
    QT_TRANSLATE_NOOP("Messages", "8 or 11 characters such as BKCHCNBJ300"),
    QT_TRANSLATE_NOOP(
        "Messages",
        "No SWIFT field (a line such as ':20:LC123') was found; paste the MT700 text as the bank sent it.",
    ),
    QT_TRANSLATE_NOOP("Messages", "Permission denied"),
    QT_TRANSLATE_NOOP("Messages", "Read-only file system"),
    QT_TRANSLATE_NOOP("Messages", "Operation not permitted"),
    QT_TRANSLATE_NOOP("Messages", "No space left on device"),
    QT_TRANSLATE_NOOP("Messages", "No such file or directory"),
    QT_TRANSLATE_NOOP("Messages", "Is a directory"),
    QT_TRANSLATE_NOOP(
        "Messages",
        "That passphrase does not open the keys in this backup. Nothing was changed; try again with the passphrase given when the backup was made.",
    ),
    QT_TRANSLATE_NOOP("Messages", "it has no manifest"),
    QT_TRANSLATE_NOOP("Messages", "it is not a zip file"),
    QT_TRANSLATE_NOOP("Messages", "its manifest is unreadable"),
    QT_TRANSLATE_NOOP("Messages", "its manifest is of another program"),
    QT_TRANSLATE_NOOP("Messages", "it holds no database"),
    QT_TRANSLATE_NOOP("Messages", "file is not a database"),
    QT_TRANSLATE_NOOP("Messages", "the restored database fails its check"),
    QT_TRANSLATE_NOOP("Messages", "the keys in it are unreadable"),
    QT_TRANSLATE_NOOP("Messages", "logo"),
    QT_TRANSLATE_NOOP("Messages", "company seal"),
    QT_TRANSLATE_NOOP("Messages", "a PNG or JPEG image of at most 2 MB and 4000 x 4000 pixels"),
    QT_TRANSLATE_NOOP(
        "Messages",
        "a PNG image (transparent background recommended) of at most 2 MB and 4000 x 4000 pixels",
    ),
    QT_TRANSLATE_NOOP("Messages", "it is not a PNG image"),
    QT_TRANSLATE_NOOP("Messages", "it is not a PNG or JPEG image"),
    QT_TRANSLATE_NOOP("Messages", "the image is damaged"),
    # why a payment method does not fit a document (services/checklist.py)
    QT_TRANSLATE_NOOP(
        "Messages", "A beneficiary's certificate belongs to an L/C: set the payment to L/C."
    ),
    QT_TRANSLATE_NOOP(
        "Messages", "A bill of exchange is drawn under L/C, D/P or D/A: change the payment."
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "There is no company certificate yet, so there is nothing to watch for. Create or import one in Settings > Keys and certificates.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages", "A bank pack needs at least one document; tick the documents to present."
    ),
    QT_TRANSLATE_NOOP("Messages", "A bank pack is made for a deal: start it from the deal."),
    QT_TRANSLATE_NOOP(
        "Messages",
        "This document names neither an invoice total nor a carrier and transport document number. Give the carrier and the transport document number.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The document does not carry its data (document.json) exactly once, so what identifies it cannot be read. Enter the carrier and transport document number instead.",
    ),
    QT_TRANSLATE_NOOP("Messages", "The document's data (document.json) cannot be read."),
    QT_TRANSLATE_NOOP("Messages", "The document's data (document.json) is damaged."),
    QT_TRANSLATE_NOOP(
        "Messages",
        "Presentments are recorded on a shared trust network; the local network holds only your own company's documents. Join your banks' network in Settings > Networks.",
    ),
    QT_TRANSLATE_NOOP("Messages", "seller registration id"),
    QT_TRANSLATE_NOOP("Messages", "invoice number"),
    QT_TRANSLATE_NOOP("Messages", "carrier"),
    QT_TRANSLATE_NOOP("Messages", "NOT REGISTERED"),
    QT_TRANSLATE_NOOP("Messages", "UNTRUSTED ISSUER"),
    QT_TRANSLATE_NOOP("Messages", "UNSIGNED"),
    QT_TRANSLATE_NOOP("Messages", "UNREADABLE"),
    QT_TRANSLATE_NOOP("Messages", "INCOMPLETE"),
    QT_TRANSLATE_NOOP("Messages", "TAMPERED"),
    QT_TRANSLATE_NOOP(
        "Messages",
        "Your network is not set up yet: finish the setup assistant or issue a first document, then export the network file.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The verifier could not start its worker processes, so no file was checked. Try again; if it keeps failing, reinstall Exporter Desk.",
    ),
    QT_TRANSLATE_NOOP("Messages", "create a database in it"),
    QT_TRANSLATE_NOOP("Messages", "save anything in it"),
    QT_TRANSLATE_NOOP("Messages", "restore a backup into it"),
    QT_TRANSLATE_NOOP("Messages", "change it"),
    QT_TRANSLATE_NOOP("Messages", "save changes"),
    QT_TRANSLATE_NOOP("Messages", "open its database for changes"),
    QT_TRANSLATE_NOOP("Messages", "upgrade its database to this version of Exporter Desk"),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The trust-network data attached to this document could not be checked. Treat the document as not registered until the problem is resolved.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The proof that this record is part of the trust network's log does not check out. The receipt may have been altered, or it belongs to a different record or log.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "A signature from the trust network is missing, invalid or made with a key you do not trust. The data may have been altered, or it comes from a network you have not imported.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The trust network's statement of its log (the checkpoint) is damaged or does not come from the expected log.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The registration record of this document is damaged or was not signed by its issuer. Do not rely on the registration.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The registration receipt of this document is damaged, comes from another network, or is not vouched for by enough independent witnesses. The registration cannot be confirmed.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The trust-network settings (the network descriptor or its trust policy) are invalid. Import the descriptor again from the network operator.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The trust policy of this network is invalid. Import the network descriptor again from its operator.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The registration receipt is damaged: it is not a valid transparency-log proof. The registration cannot be confirmed.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The trust network cannot be reached right now. The document waits in the outbox and is registered automatically when the network is back.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The trust network's published log files are damaged or inconsistent, so the log could not be checked from them.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The trust network's published log files cannot be reached right now; the check can be repeated later.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "This checkpoint comes from a different transparency log than the one pinned for this trust network.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The trust network answered with a receipt for another document; the registration was not accepted. Contact the network operator.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "This registration record has a format this version of Exporter Desk does not know. Update Exporter Desk to check it.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The registration record was not signed by this document's issuer, or it was altered after signing.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "Not enough of the trust network's witnesses vouch for its latest checkpoint; the monitor tries again later.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "A trust-network key is damaged: its check digits do not match the key. Import it again from the network operator.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "A signature by a trusted trust-network key does not match the signed data: the data was altered after it was signed.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "This network descriptor has a format this version of Exporter Desk does not know. Update Exporter Desk, or ask the operator for a compatible descriptor.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The registration receipt comes from a different trust network than the one pinned in your settings.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages", "The registration receipt is not signed by the trust network's log."
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "Not enough of the trust network's independent witnesses vouch for this registration receipt, so it cannot be confirmed.",
    ),
)

# The examiner's findings (examine/*_rules.py), the first line of each discrepancy in the
# list; their why and fix are reasons of the examiner's catalogue, rendered by reason_text.
_EXAMINER_TEMPLATES = (
    QT_TRANSLATE_NOOP(
        "Messages",
        "Invoice {number} is issued by {seller}, but the credit's beneficiary is {beneficiary}.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "Invoice {number} is made out to {buyer}, but the credit's applicant is {applicant}.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages", "Invoice {number} is in {currency}; the credit is in {credit_currency}."
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The invoices total {total}, more than the credit allows ({limit}, {amount} plus {plus}%).",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "Invoice {number} line {line} describes '{description}', which the credit's goods (45A) do not name.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages", "Invoice {number} is {incoterm}; the credit says {credit_incoterm}."
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The port of loading is {actual}; the credit's port of loading (44E) is {wanted}.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The port of discharge is {actual}; the credit's port of discharge (44F) is {wanted}.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The goods were shipped on board on {shipped}, after the latest shipment date {latest}.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages", "Presentation on {date} is after the credit expired on {expiry}."
    ),
    QT_TRANSLATE_NOOP(
        "Messages", "Presentation on {date} is more than {days} days after shipment on {shipped}."
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The goods travel on {count} transport documents ({numbers}); the credit does not allow partial shipments.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The documents name {count} vessels ({vessels}); the credit does not allow transhipment.",
    ),
    QT_TRANSLATE_NOOP("Messages", "The credit is {term}, but no insurance document is attached."),
    QT_TRANSLATE_NOOP(
        "Messages", "The insurance is in {currency}; the credit is in {credit_currency}."
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The insurance covers {amount} {currency}; at least {needed} (110% of {value}) is required.",
    ),
    QT_TRANSLATE_NOOP("Messages", "The insurance is dated {date}, after shipment on {shipped}."),
    QT_TRANSLATE_NOOP("Messages", "The credit requires {document}: {missing}."),
    QT_TRANSLATE_NOOP("Messages", "no {kind} attached"),
    QT_TRANSLATE_NOOP("Messages", "{have} original(s) of the {required} required"),
    QT_TRANSLATE_NOOP("Messages", "The purchase is in {purchase}, the sale in {sale}."),
    QT_TRANSLATE_NOOP(
        "Messages", "The sale ({sold}) is below the purchase ({bought}): a loss of {loss}."
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The margin is {rate}% of the sale; the company's other deals have a median of {median}%.",
    ),
    QT_TRANSLATE_NOOP("Messages", "Transport document {number} is also used by deal {deal}."),
    QT_TRANSLATE_NOOP(
        "Messages",
        "Invoice {invoice} bills {quantity} of {description}; packing list {packing} packs {packed}.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "Packing list {packing} describes {sku} as '{packed}'; invoice {invoice} as '{invoiced}'.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The {document} {number} states a net weight of {stated} kg; the packing list {packing} totals {expected} kg.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The {document} {number} states a gross weight of {stated} kg; the packing list {packing} totals {expected} kg.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The {document} {number} states {count} packages; the packing list {packing} has {packed}.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages", "The marks on invoice {invoice} differ from those on packing list {packing}."
    ),
    QT_TRANSLATE_NOOP(
        "Messages", "The {document} {number} lists containers {theirs}; the shipment has {ours}."
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "Container {number} carries seal {seal} on the {document} but {ours} on the shipment.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages", "The {document} states {field} {theirs}; shipment {shipment} has {ours}."
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The supplier's invoice {number} is in {currency}; the purchase contract is in {contract_currency}.",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The supplier's invoice {number} is for {amount}; the purchase contract totals {total}.",
    ),
)

# What the findings name: kinds of received and required documents (as the rules write
# them, in lower case) and the transport details a shipment is compared on.
_EXAMINER_PHRASES = (
    QT_TRANSLATE_NOOP("Messages", "supplier's invoice"),
    QT_TRANSLATE_NOOP("Messages", "bill of lading"),
    QT_TRANSLATE_NOOP("Messages", "air waybill"),
    QT_TRANSLATE_NOOP("Messages", "cmr consignment note"),
    QT_TRANSLATE_NOOP("Messages", "rail consignment note"),
    QT_TRANSLATE_NOOP("Messages", "insurance certificate"),
    QT_TRANSLATE_NOOP("Messages", "inspection certificate"),
    QT_TRANSLATE_NOOP("Messages", "other document"),
    QT_TRANSLATE_NOOP("Messages", "commercial invoice"),
    QT_TRANSLATE_NOOP("Messages", "packing list"),
    QT_TRANSLATE_NOOP("Messages", "transport document"),
    QT_TRANSLATE_NOOP("Messages", "insurance"),
    QT_TRANSLATE_NOOP("Messages", "certificate of origin"),
    QT_TRANSLATE_NOOP("Messages", "beneficiary certificate"),
    QT_TRANSLATE_NOOP("Messages", "draft"),
    QT_TRANSLATE_NOOP("Messages", "no commercial invoice"),
    QT_TRANSLATE_NOOP("Messages", "no packing list"),
    QT_TRANSLATE_NOOP("Messages", "vessel"),
    QT_TRANSLATE_NOOP("Messages", "voyage"),
    QT_TRANSLATE_NOOP("Messages", "port of loading"),
    QT_TRANSLATE_NOOP("Messages", "port of discharge"),
    QT_TRANSLATE_NOOP("Messages", "on board date"),
)

# A pack's title, and a value inside other messages: tried last, as "Invoice {number}" also
# matches the start of any sentence about an invoice.
_TITLES = (
    QT_TRANSLATE_NOOP("Messages", "Deal {reference}"),
    QT_TRANSLATE_NOOP("Messages", "Shipment {reference}"),
    QT_TRANSLATE_NOOP("Messages", "Invoice {number}"),
)

TEMPLATES: tuple[str, ...] = tuple(
    str(t) for t in (*_SPECIFIC, *_TEMPLATES, *_SERVICE_TEMPLATES, *_EXAMINER_TEMPLATES, *_TITLES)
)
# Tried most specific first: where two templates match ("{label} is required." and a finding
# that ends in "is required."), the one with more of its own words is the message's.
_BY_SPECIFICITY: tuple[str, ...] = tuple(
    sorted(TEMPLATES, key=lambda template: -len(re.sub(r"\{\w+\}", "", template)))
)
PHRASES: tuple[str, ...] = tuple(
    str(p)
    for p in (
        *_PHRASES,
        *_DOCUMENT_NEEDS,
        *_SIGNING,
        *_SERVICE_PHRASES,
        *_EXAMINER_PHRASES,
        *_COUNTRIES,
    )
)


@cache
def _pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"\{(\w+)\}", template)
    regex = "".join(
        re.escape(part) if index % 2 == 0 else f"(?P<{part}>.*?)"
        for index, part in enumerate(parts)
    )
    return re.compile(regex, re.DOTALL)


def _phrase(text: str) -> str:
    """A fixed message or phrase in the interface language (itself when unknown); the names
    of record and document kinds are shared with the lists (``gui/labels.py``)."""
    for context in (CONTEXT, "Labels"):
        translated = QCoreApplication.translate(context, text)
        if translated != text:
            return translated
    return text


def _value(text: str) -> str:
    """A value inside a message, translated where it is known: a phrase (with or without its
    full stop), a list of phrases ("the buyer; the shipment"), or a phrase followed by a code
    ("Commercial Invoice INV-1"); else kept as it is (a code, a number, a name)."""
    for candidate in (text, text.rstrip(".")):
        translated = _phrase(candidate)
        if translated != candidate:
            return translated
    # A message inside a message: "The named place for FOB" in "{label} is required.", or a
    # whole error in "The restored data did not open: {reason}" (before the split below would
    # cut its sentences apart).
    nested = translate_message(text) if text else text
    if nested != text:
        return nested
    if "; " in text:
        return _phrase("; ").join(_value(part) for part in text.split("; "))
    words = text.split(" ")
    for cut in range(len(words) - 1, 0, -1):
        head = " ".join(words[:cut])
        translated = _phrase(head)
        if translated != head:
            return f"{translated} {' '.join(words[cut:])}"
    return text


def _resplit(template: str, found: dict[str, str]) -> dict[str, str]:
    """Where a template puts two values side by side ("{label} {number}"), the pattern cuts
    them at the first space ("Commercial" / "Invoice INV-1"); cut them instead after the
    longest run of words that is a known phrase ("Commercial Invoice" / "INV-1")."""
    found = dict(found)
    for first, second in re.findall(r"\{(\w+)\} \{(\w+)\}", template):
        words = f"{found[first]} {found[second]}".split(" ")
        for cut in range(len(words) - 1, 0, -1):
            head = " ".join(words[:cut])
            if _phrase(head) != head:
                found[first], found[second] = head, " ".join(words[cut:])
                break
    return found


def country_in_language(name: str) -> str:
    """A country's English short name in the interface language, where the catalogue has it."""
    return _phrase(name)


def translate_message(message: str) -> str:
    """``message`` from the core, in the interface language (unchanged when not known)."""
    fixed = _phrase(message)
    if fixed != message:
        return fixed
    for template in _BY_SPECIFICITY:
        match = _pattern(template).fullmatch(message)
        if match is None:
            continue
        translated = _phrase(template)
        if translated == template:
            return message  # English, or no translation yet: the original reads best
        found = _resplit(template, match.groupdict())
        values = {name: _value(value) for name, value in found.items()}
        try:
            return translated.format(**values)
        except (KeyError, IndexError, ValueError):
            return message  # a translation that names other placeholders: keep the original
    return message


def reason_text(reason: Reason, *, chinese: bool | None = None) -> str:
    """A reason of the core's catalogues (a verdict's check, an examiner's why and fix) in the
    interface language (or Chinese / English when ``chinese`` says so), rendered from its code
    and parameters, with quantities formatted for the current locale. Unlike the messages
    above, these never go through English: each code has its Chinese template."""
    if chinese is None:
        chinese = current_language() is Language.CHINESE
    return reason.render("zh" if chinese else "en", number=QLocale().toString)


def is_known(message: str) -> bool:
    """Whether ``message`` is a fixed message or matches a template of this catalogue."""
    return message in PHRASES or any(_pattern(t).fullmatch(message) for t in TEMPLATES)


__all__ = [
    "PHRASES",
    "TEMPLATES",
    "country_in_language",
    "is_known",
    "reason_text",
    "translate_message",
]
