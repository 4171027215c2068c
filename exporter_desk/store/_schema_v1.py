"""Migration 1: the full schema as first released. Frozen: never edit, add a migration instead.

Conventions: every table is STRICT (SQLite refuses a REAL where TEXT or INTEGER is declared);
money is INTEGER minor units next to its currency; quantities, weights and prices are exact
decimal TEXT written without an exponent (``"12.3456"``); dates are ISO ``YYYY-MM-DD`` TEXT and
instants ISO-8601 UTC TEXT. Aggregate ids use AUTOINCREMENT so that a deleted invoice's id is
never given to another: issued documents name their source by id.

Full-text search uses FTS5 with the trigram tokenizer (substring search that also works for
Chinese, which has no spaces between words). The FTS tables keep their own copy of the text,
kept in step by triggers, so that the text can include names from other tables (an invoice is
found by its buyer's name) and stays consistent whatever code writes the base tables.
"""

from __future__ import annotations

# Cheap shape checks, repeated inline below because SQL has no macros:
#   decimal:  x <> '' AND x NOT GLOB '*[^0-9.-]*'
#   date:     x GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
#   sha256:   x = '' OR (length(x) = 64 AND x NOT GLOB '*[^0-9a-f]*')

SCHEMA_V1 = r"""
CREATE TABLE parties (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name_en TEXT NOT NULL CHECK (length(trim(name_en)) BETWEEN 1 AND 200),
    name_zh TEXT NOT NULL DEFAULT '' CHECK (length(name_zh) <= 200),
    address_en TEXT NOT NULL CHECK (length(trim(address_en)) >= 1),
    address_zh TEXT NOT NULL DEFAULT '',
    country TEXT NOT NULL CHECK (country <> ''),
    registration_id TEXT NOT NULL DEFAULT '',
    contact TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    bank_name TEXT,
    bank_account_number TEXT,
    bank_swift TEXT,
    bank_address TEXT,
    bank_account_name TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    CHECK ((bank_name IS NULL) + (bank_account_number IS NULL) + (bank_swift IS NULL)
           + (bank_address IS NULL) + (bank_account_name IS NULL) IN (0, 5))
) STRICT;
CREATE INDEX parties_by_name ON parties (name_en COLLATE NOCASE);
CREATE INDEX parties_by_country ON parties (country);

CREATE TABLE party_roles (
    party_id INTEGER NOT NULL REFERENCES parties (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (length(role) BETWEEN 1 AND 40),
    PRIMARY KEY (party_id, role)
) STRICT, WITHOUT ROWID;
CREATE INDEX party_roles_by_role ON party_roles (role);

CREATE TABLE products (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    sku TEXT NOT NULL UNIQUE CHECK (length(trim(sku)) BETWEEN 1 AND 64),
    description_en TEXT NOT NULL CHECK (length(trim(description_en)) >= 1),
    description_zh TEXT NOT NULL DEFAULT '',
    hs_code TEXT NOT NULL CHECK (hs_code <> ''),
    unit TEXT NOT NULL CHECK (length(unit) BETWEEN 1 AND 40),
    unit_price TEXT NOT NULL CHECK (unit_price <> '' AND unit_price NOT GLOB '*[^0-9.-]*'),
    currency TEXT NOT NULL CHECK (currency <> ''),
    net_weight_kg TEXT NOT NULL
        CHECK (net_weight_kg <> '' AND net_weight_kg NOT GLOB '*[^0-9.-]*'),
    gross_weight_kg TEXT NOT NULL
        CHECK (gross_weight_kg <> '' AND gross_weight_kg NOT GLOB '*[^0-9.-]*'),
    origin_country TEXT NOT NULL CHECK (origin_country <> ''),
    package_type TEXT NOT NULL CHECK (length(package_type) BETWEEN 1 AND 40),
    units_per_package INTEGER NOT NULL CHECK (units_per_package >= 1),
    package_length_cm TEXT CHECK (package_length_cm NOT GLOB '*[^0-9.-]*'),
    package_width_cm TEXT CHECK (package_width_cm NOT GLOB '*[^0-9.-]*'),
    package_height_cm TEXT CHECK (package_height_cm NOT GLOB '*[^0-9.-]*'),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    CHECK ((package_length_cm IS NULL) + (package_width_cm IS NULL)
           + (package_height_cm IS NULL) IN (0, 3))
) STRICT;
CREATE INDEX products_by_description ON products (description_en COLLATE NOCASE);
CREATE INDEX products_by_hs_code ON products (hs_code);

CREATE TABLE contracts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN ('sales', 'purchase')),
    number TEXT NOT NULL CHECK (length(trim(number)) BETWEEN 1 AND 64),
    date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    seller_id INTEGER NOT NULL REFERENCES parties (id) ON DELETE RESTRICT,
    buyer_id INTEGER NOT NULL REFERENCES parties (id) ON DELETE RESTRICT,
    currency TEXT NOT NULL CHECK (currency <> ''),
    incoterm TEXT NOT NULL
        CHECK (incoterm IN ('EXW', 'FCA', 'CPT', 'CIP', 'DAP', 'DPU', 'DDP', 'FAS', 'FOB', 'CFR', 'CIF')),
    incoterm_place TEXT NOT NULL CHECK (length(trim(incoterm_place)) >= 1),
    port_of_loading TEXT NOT NULL DEFAULT '',
    port_of_discharge TEXT NOT NULL DEFAULT '',
    payment_method TEXT NOT NULL CHECK (payment_method IN ('T/T', 'L/C', 'D/P', 'D/A')),
    payment_days INTEGER NOT NULL CHECK (payment_days BETWEEN 0 AND 365),
    payment_advance_percent TEXT NOT NULL
        CHECK (payment_advance_percent <> '' AND payment_advance_percent NOT GLOB '*[^0-9.-]*'),
    payment_lc_number TEXT NOT NULL DEFAULT '',
    payment_issuing_bank TEXT NOT NULL DEFAULT '',
    payment_lc_expiry TEXT
        CHECK (payment_lc_expiry GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    payment_notes TEXT NOT NULL DEFAULT '',
    delivery_earliest TEXT
        CHECK (delivery_earliest GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    delivery_latest TEXT
        CHECK (delivery_latest GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    partial_shipment INTEGER NOT NULL CHECK (partial_shipment IN (0, 1)),
    transhipment INTEGER NOT NULL CHECK (transhipment IN (0, 1)),
    packing TEXT NOT NULL DEFAULT '',
    inspection TEXT NOT NULL DEFAULT '',
    insurance TEXT NOT NULL DEFAULT '',
    arbitration TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    total_minor INTEGER NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    UNIQUE (kind, number),
    CHECK (seller_id <> buyer_id)
) STRICT;
CREATE INDEX contracts_by_number ON contracts (number);
CREATE INDEX contracts_by_date ON contracts (date);

CREATE TABLE contract_lines (
    contract_id INTEGER NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 0),
    description_en TEXT NOT NULL CHECK (length(trim(description_en)) >= 1),
    description_zh TEXT NOT NULL DEFAULT '',
    hs_code TEXT NOT NULL CHECK (hs_code <> ''),
    quantity TEXT NOT NULL CHECK (quantity <> '' AND quantity NOT GLOB '*[^0-9.-]*'),
    unit TEXT NOT NULL CHECK (length(unit) BETWEEN 1 AND 40),
    unit_price TEXT NOT NULL CHECK (unit_price <> '' AND unit_price NOT GLOB '*[^0-9.-]*'),
    amount_minor INTEGER NOT NULL,
    product_id INTEGER REFERENCES products (id) ON DELETE RESTRICT,
    sku TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (contract_id, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE shipments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    reference TEXT NOT NULL UNIQUE CHECK (length(trim(reference)) BETWEEN 1 AND 64),
    mode TEXT NOT NULL CHECK (mode IN ('sea', 'air', 'rail', 'road', 'multimodal')),
    port_of_loading TEXT NOT NULL CHECK (port_of_loading <> ''),
    port_of_discharge TEXT NOT NULL CHECK (port_of_discharge <> ''),
    carrier TEXT NOT NULL DEFAULT '',
    vessel TEXT NOT NULL DEFAULT '',
    voyage TEXT NOT NULL DEFAULT '',
    flight TEXT NOT NULL DEFAULT '',
    transport_document_no TEXT NOT NULL DEFAULT '',
    place_of_delivery TEXT NOT NULL DEFAULT '',
    etd TEXT CHECK (etd GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    eta TEXT CHECK (eta GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
CREATE INDEX shipments_by_etd ON shipments (etd);
CREATE INDEX shipments_by_eta ON shipments (eta);

CREATE TABLE containers (
    shipment_id INTEGER NOT NULL REFERENCES shipments (id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 0),
    number TEXT NOT NULL CHECK (length(number) BETWEEN 1 AND 20),
    seal TEXT NOT NULL DEFAULT '',
    size_type TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (shipment_id, position)
) STRICT, WITHOUT ROWID;
CREATE INDEX containers_by_number ON containers (number);

CREATE TABLE invoices (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN ('proforma', 'commercial')),
    number TEXT NOT NULL CHECK (length(trim(number)) BETWEEN 1 AND 64),
    date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    seller_id INTEGER NOT NULL REFERENCES parties (id) ON DELETE RESTRICT,
    buyer_id INTEGER NOT NULL REFERENCES parties (id) ON DELETE RESTRICT,
    consignee_id INTEGER REFERENCES parties (id) ON DELETE RESTRICT,
    notify_id INTEGER REFERENCES parties (id) ON DELETE RESTRICT,
    contract_id INTEGER REFERENCES contracts (id) ON DELETE RESTRICT,
    shipment_id INTEGER REFERENCES shipments (id) ON DELETE RESTRICT,
    currency TEXT NOT NULL CHECK (currency <> ''),
    incoterm TEXT NOT NULL
        CHECK (incoterm IN ('EXW', 'FCA', 'CPT', 'CIP', 'DAP', 'DPU', 'DDP', 'FAS', 'FOB', 'CFR', 'CIF')),
    incoterm_place TEXT NOT NULL CHECK (length(trim(incoterm_place)) >= 1),
    port_of_loading TEXT NOT NULL DEFAULT '',
    port_of_discharge TEXT NOT NULL DEFAULT '',
    payment_method TEXT NOT NULL CHECK (payment_method IN ('T/T', 'L/C', 'D/P', 'D/A')),
    payment_days INTEGER NOT NULL CHECK (payment_days BETWEEN 0 AND 365),
    payment_advance_percent TEXT NOT NULL
        CHECK (payment_advance_percent <> '' AND payment_advance_percent NOT GLOB '*[^0-9.-]*'),
    payment_lc_number TEXT NOT NULL DEFAULT '',
    payment_issuing_bank TEXT NOT NULL DEFAULT '',
    payment_lc_expiry TEXT
        CHECK (payment_lc_expiry GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    payment_notes TEXT NOT NULL DEFAULT '',
    buyer_reference TEXT NOT NULL DEFAULT '',
    origin_country TEXT NOT NULL DEFAULT '',
    marks TEXT NOT NULL DEFAULT '',
    valid_until TEXT CHECK (valid_until GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    notes TEXT NOT NULL DEFAULT '',
    subtotal_minor INTEGER NOT NULL,
    total_minor INTEGER NOT NULL CHECK (total_minor >= 0),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    UNIQUE (kind, number),
    CHECK (seller_id <> buyer_id)
) STRICT;
CREATE INDEX invoices_by_number ON invoices (number);
CREATE INDEX invoices_by_date ON invoices (date);
CREATE INDEX invoices_by_total ON invoices (total_minor);

CREATE TABLE invoice_lines (
    invoice_id INTEGER NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 0),
    description_en TEXT NOT NULL CHECK (length(trim(description_en)) >= 1),
    description_zh TEXT NOT NULL DEFAULT '',
    hs_code TEXT NOT NULL CHECK (hs_code <> ''),
    quantity TEXT NOT NULL CHECK (quantity <> '' AND quantity NOT GLOB '*[^0-9.-]*'),
    unit TEXT NOT NULL CHECK (length(unit) BETWEEN 1 AND 40),
    unit_price TEXT NOT NULL CHECK (unit_price <> '' AND unit_price NOT GLOB '*[^0-9.-]*'),
    amount_minor INTEGER NOT NULL,
    product_id INTEGER REFERENCES products (id) ON DELETE RESTRICT,
    sku TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (invoice_id, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE invoice_charges (
    invoice_id INTEGER NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 0),
    kind TEXT NOT NULL CHECK (kind IN ('freight', 'insurance', 'discount', 'other')),
    amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
    description TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (invoice_id, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE packing_lists (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    number TEXT NOT NULL UNIQUE CHECK (length(trim(number)) >= 1),
    date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    invoice_id INTEGER NOT NULL REFERENCES invoices (id) ON DELETE RESTRICT,
    shipment_id INTEGER REFERENCES shipments (id) ON DELETE RESTRICT,
    marks TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
CREATE INDEX packing_lists_by_date ON packing_lists (date);

CREATE TABLE package_ranges (
    packing_list_id INTEGER NOT NULL REFERENCES packing_lists (id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 0),
    first_no INTEGER NOT NULL CHECK (first_no >= 1),
    last_no INTEGER NOT NULL,
    package_type TEXT NOT NULL CHECK (length(package_type) BETWEEN 1 AND 40),
    description TEXT NOT NULL CHECK (length(trim(description)) >= 1),
    quantity_per_package TEXT NOT NULL
        CHECK (quantity_per_package <> '' AND quantity_per_package NOT GLOB '*[^0-9.-]*'),
    unit TEXT NOT NULL CHECK (length(unit) BETWEEN 1 AND 40),
    net_kg_per_package TEXT NOT NULL
        CHECK (net_kg_per_package <> '' AND net_kg_per_package NOT GLOB '*[^0-9.-]*'),
    gross_kg_per_package TEXT NOT NULL
        CHECK (gross_kg_per_package <> '' AND gross_kg_per_package NOT GLOB '*[^0-9.-]*'),
    length_cm TEXT CHECK (length_cm NOT GLOB '*[^0-9.-]*'),
    width_cm TEXT CHECK (width_cm NOT GLOB '*[^0-9.-]*'),
    height_cm TEXT CHECK (height_cm NOT GLOB '*[^0-9.-]*'),
    sku TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (packing_list_id, position),
    CHECK (last_no >= first_no),
    CHECK ((length_cm IS NULL) + (width_cm IS NULL) + (height_cm IS NULL) IN (0, 3))
) STRICT, WITHOUT ROWID;

CREATE TABLE deals (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    reference TEXT NOT NULL UNIQUE CHECK (length(trim(reference)) BETWEEN 1 AND 64),
    purchase_contract_id INTEGER REFERENCES contracts (id) ON DELETE RESTRICT,
    sales_contract_id INTEGER REFERENCES contracts (id) ON DELETE RESTRICT,
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    CHECK (purchase_contract_id IS NULL OR purchase_contract_id IS NOT sales_contract_id)
) STRICT;

CREATE TABLE documents (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 64),
    number TEXT NOT NULL CHECK (length(trim(number)) BETWEEN 1 AND 64),
    source_table TEXT NOT NULL
        CHECK (source_table IN ('contracts', 'invoices', 'packing_lists', 'shipments', 'deals')),
    source_id INTEGER NOT NULL CHECK (source_id >= 1),
    status TEXT NOT NULL
        CHECK (status IN ('draft', 'awaiting-registration', 'registered', 'superseded')),
    path TEXT NOT NULL DEFAULT '',
    digest_r1 TEXT NOT NULL DEFAULT ''
        CHECK (digest_r1 = '' OR (length(digest_r1) = 64 AND digest_r1 NOT GLOB '*[^0-9a-f]*')),
    digest_final TEXT NOT NULL DEFAULT ''
        CHECK (digest_final = '' OR (length(digest_final) = 64 AND digest_final NOT GLOB '*[^0-9a-f]*')),
    receipt TEXT NOT NULL DEFAULT '',
    log_index INTEGER CHECK (log_index >= 0),
    supersedes_id INTEGER REFERENCES documents (id) ON DELETE RESTRICT,
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX documents_by_source ON documents (source_table, source_id);
CREATE INDEX documents_by_number ON documents (kind, number);
CREATE INDEX documents_by_created ON documents (created_at);

CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    entry BLOB NOT NULL CHECK (length(entry) BETWEEN 1 AND 65536),
    entry_digest TEXT NOT NULL UNIQUE
        CHECK (length(entry_digest) = 64 AND entry_digest NOT GLOB '*[^0-9a-f]*'),
    document_id INTEGER REFERENCES documents (id) ON DELETE RESTRICT,
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'rejected')),
    attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at TEXT NOT NULL,
    last_error TEXT NOT NULL DEFAULT '' CHECK (length(last_error) <= 2000),
    receipt TEXT,
    delivered_at TEXT,
    created_at TEXT NOT NULL,
    CHECK ((state = 'delivered') = (receipt IS NOT NULL))
) STRICT;
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE state = 'pending';

CREATE TABLE settings (
    key TEXT PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 100),
    value TEXT NOT NULL CHECK (length(value) <= 10000),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT, WITHOUT ROWID;

-- Full-text search ------------------------------------------------------------------------

CREATE VIRTUAL TABLE parties_fts USING fts5 (
    name_en, name_zh, address_en, address_zh, registration_id, tokenize = 'trigram'
);
CREATE TRIGGER parties_fts_insert AFTER INSERT ON parties BEGIN
    INSERT INTO parties_fts (rowid, name_en, name_zh, address_en, address_zh, registration_id)
    VALUES (new.id, new.name_en, new.name_zh, new.address_en, new.address_zh, new.registration_id);
END;
CREATE TRIGGER parties_fts_update AFTER UPDATE ON parties BEGIN
    DELETE FROM parties_fts WHERE rowid = old.id;
    INSERT INTO parties_fts (rowid, name_en, name_zh, address_en, address_zh, registration_id)
    VALUES (new.id, new.name_en, new.name_zh, new.address_en, new.address_zh, new.registration_id);
END;
CREATE TRIGGER parties_fts_delete AFTER DELETE ON parties BEGIN
    DELETE FROM parties_fts WHERE rowid = old.id;
END;

CREATE VIRTUAL TABLE products_fts USING fts5 (
    sku, description_en, description_zh, hs_code, tokenize = 'trigram'
);
CREATE TRIGGER products_fts_insert AFTER INSERT ON products BEGIN
    INSERT INTO products_fts (rowid, sku, description_en, description_zh, hs_code)
    VALUES (new.id, new.sku, new.description_en, new.description_zh, new.hs_code);
END;
CREATE TRIGGER products_fts_update AFTER UPDATE ON products BEGIN
    DELETE FROM products_fts WHERE rowid = old.id;
    INSERT INTO products_fts (rowid, sku, description_en, description_zh, hs_code)
    VALUES (new.id, new.sku, new.description_en, new.description_zh, new.hs_code);
END;
CREATE TRIGGER products_fts_delete AFTER DELETE ON products BEGIN
    DELETE FROM products_fts WHERE rowid = old.id;
END;

CREATE VIRTUAL TABLE contracts_fts USING fts5 (number, seller, buyer, tokenize = 'trigram');
CREATE TRIGGER contracts_fts_insert AFTER INSERT ON contracts BEGIN
    INSERT INTO contracts_fts (rowid, number, seller, buyer) VALUES (
        new.id, new.number,
        (SELECT trim(name_en || ' ' || name_zh) FROM parties WHERE id = new.seller_id),
        (SELECT trim(name_en || ' ' || name_zh) FROM parties WHERE id = new.buyer_id));
END;
CREATE TRIGGER contracts_fts_update AFTER UPDATE ON contracts BEGIN
    DELETE FROM contracts_fts WHERE rowid = old.id;
    INSERT INTO contracts_fts (rowid, number, seller, buyer) VALUES (
        new.id, new.number,
        (SELECT trim(name_en || ' ' || name_zh) FROM parties WHERE id = new.seller_id),
        (SELECT trim(name_en || ' ' || name_zh) FROM parties WHERE id = new.buyer_id));
END;
CREATE TRIGGER contracts_fts_delete AFTER DELETE ON contracts BEGIN
    DELETE FROM contracts_fts WHERE rowid = old.id;
END;

CREATE VIRTUAL TABLE invoices_fts USING fts5 (number, buyer, buyer_reference, tokenize = 'trigram');
CREATE TRIGGER invoices_fts_insert AFTER INSERT ON invoices BEGIN
    INSERT INTO invoices_fts (rowid, number, buyer, buyer_reference) VALUES (
        new.id, new.number,
        (SELECT trim(name_en || ' ' || name_zh) FROM parties WHERE id = new.buyer_id),
        new.buyer_reference);
END;
CREATE TRIGGER invoices_fts_update AFTER UPDATE ON invoices BEGIN
    DELETE FROM invoices_fts WHERE rowid = old.id;
    INSERT INTO invoices_fts (rowid, number, buyer, buyer_reference) VALUES (
        new.id, new.number,
        (SELECT trim(name_en || ' ' || name_zh) FROM parties WHERE id = new.buyer_id),
        new.buyer_reference);
END;
CREATE TRIGGER invoices_fts_delete AFTER DELETE ON invoices BEGIN
    DELETE FROM invoices_fts WHERE rowid = old.id;
END;

-- A renamed party is found under its new name on its contracts and invoices.
CREATE TRIGGER parties_names_update AFTER UPDATE OF name_en, name_zh ON parties
WHEN old.name_en IS NOT new.name_en OR old.name_zh IS NOT new.name_zh
BEGIN
    DELETE FROM invoices_fts WHERE rowid IN (SELECT id FROM invoices WHERE buyer_id = new.id);
    INSERT INTO invoices_fts (rowid, number, buyer, buyer_reference)
    SELECT id, number, trim(new.name_en || ' ' || new.name_zh), buyer_reference
    FROM invoices WHERE buyer_id = new.id;
    DELETE FROM contracts_fts WHERE rowid IN (
        SELECT id FROM contracts WHERE seller_id = new.id OR buyer_id = new.id);
    INSERT INTO contracts_fts (rowid, number, seller, buyer)
    SELECT c.id, c.number,
        (SELECT trim(name_en || ' ' || name_zh) FROM parties WHERE id = c.seller_id),
        (SELECT trim(name_en || ' ' || name_zh) FROM parties WHERE id = c.buyer_id)
    FROM contracts AS c WHERE c.seller_id = new.id OR c.buyer_id = new.id;
END;

CREATE VIRTUAL TABLE shipments_fts USING fts5 (
    reference, vessel, transport_document_no, containers, tokenize = 'trigram'
);
CREATE TRIGGER shipments_fts_insert AFTER INSERT ON shipments BEGIN
    INSERT INTO shipments_fts (rowid, reference, vessel, transport_document_no, containers)
    VALUES (new.id, new.reference, new.vessel, new.transport_document_no,
        coalesce((SELECT group_concat(trim(number || ' ' || seal), ' ')
                  FROM containers WHERE shipment_id = new.id), ''));
END;
CREATE TRIGGER shipments_fts_update AFTER UPDATE ON shipments BEGIN
    DELETE FROM shipments_fts WHERE rowid = old.id;
    INSERT INTO shipments_fts (rowid, reference, vessel, transport_document_no, containers)
    VALUES (new.id, new.reference, new.vessel, new.transport_document_no,
        coalesce((SELECT group_concat(trim(number || ' ' || seal), ' ')
                  FROM containers WHERE shipment_id = new.id), ''));
END;
CREATE TRIGGER shipments_fts_delete AFTER DELETE ON shipments BEGIN
    DELETE FROM shipments_fts WHERE rowid = old.id;
END;
CREATE TRIGGER containers_fts_insert AFTER INSERT ON containers BEGIN
    DELETE FROM shipments_fts WHERE rowid = new.shipment_id;
    INSERT INTO shipments_fts (rowid, reference, vessel, transport_document_no, containers)
    SELECT s.id, s.reference, s.vessel, s.transport_document_no,
        coalesce((SELECT group_concat(trim(number || ' ' || seal), ' ')
                  FROM containers WHERE shipment_id = s.id), '')
    FROM shipments AS s WHERE s.id = new.shipment_id;
END;
CREATE TRIGGER containers_fts_delete AFTER DELETE ON containers BEGIN
    DELETE FROM shipments_fts WHERE rowid = old.shipment_id;
    INSERT INTO shipments_fts (rowid, reference, vessel, transport_document_no, containers)
    SELECT s.id, s.reference, s.vessel, s.transport_document_no,
        coalesce((SELECT group_concat(trim(number || ' ' || seal), ' ')
                  FROM containers WHERE shipment_id = s.id), '')
    FROM shipments AS s WHERE s.id = old.shipment_id;
END;
CREATE TRIGGER containers_fts_update AFTER UPDATE ON containers BEGIN
    DELETE FROM shipments_fts WHERE rowid IN (old.shipment_id, new.shipment_id);
    INSERT INTO shipments_fts (rowid, reference, vessel, transport_document_no, containers)
    SELECT s.id, s.reference, s.vessel, s.transport_document_no,
        coalesce((SELECT group_concat(trim(number || ' ' || seal), ' ')
                  FROM containers WHERE shipment_id = s.id), '')
    FROM shipments AS s WHERE s.id IN (old.shipment_id, new.shipment_id);
END;

CREATE VIRTUAL TABLE packing_lists_fts USING fts5 (number, marks, tokenize = 'trigram');
CREATE TRIGGER packing_lists_fts_insert AFTER INSERT ON packing_lists BEGIN
    INSERT INTO packing_lists_fts (rowid, number, marks) VALUES (new.id, new.number, new.marks);
END;
CREATE TRIGGER packing_lists_fts_update AFTER UPDATE ON packing_lists BEGIN
    DELETE FROM packing_lists_fts WHERE rowid = old.id;
    INSERT INTO packing_lists_fts (rowid, number, marks) VALUES (new.id, new.number, new.marks);
END;
CREATE TRIGGER packing_lists_fts_delete AFTER DELETE ON packing_lists BEGIN
    DELETE FROM packing_lists_fts WHERE rowid = old.id;
END;

CREATE VIRTUAL TABLE deals_fts USING fts5 (reference, notes, tokenize = 'trigram');
CREATE TRIGGER deals_fts_insert AFTER INSERT ON deals BEGIN
    INSERT INTO deals_fts (rowid, reference, notes) VALUES (new.id, new.reference, new.notes);
END;
CREATE TRIGGER deals_fts_update AFTER UPDATE ON deals BEGIN
    DELETE FROM deals_fts WHERE rowid = old.id;
    INSERT INTO deals_fts (rowid, reference, notes) VALUES (new.id, new.reference, new.notes);
END;
CREATE TRIGGER deals_fts_delete AFTER DELETE ON deals BEGIN
    DELETE FROM deals_fts WHERE rowid = old.id;
END;

CREATE VIRTUAL TABLE documents_fts USING fts5 (number, kind, tokenize = 'trigram');
CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts (rowid, number, kind) VALUES (new.id, new.number, new.kind);
END;
CREATE TRIGGER documents_fts_update AFTER UPDATE ON documents BEGIN
    DELETE FROM documents_fts WHERE rowid = old.id;
    INSERT INTO documents_fts (rowid, number, kind) VALUES (new.id, new.number, new.kind);
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
    DELETE FROM documents_fts WHERE rowid = old.id;
END;
"""

__all__ = ["SCHEMA_V1"]
