"""The quote library's tables, as the newest migration leaves them (SQLAlchemy Core).

Money and percentages are TEXT holding decimal strings: SQLite's NUMERIC would turn them into floating point.
A revision's document and figures are JSON text, written once and read back byte for byte.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

counters = Table(
    "counters",
    metadata,
    Column("name", String(40), primary_key=True),  # "quote-2026": one numbering a year
    Column("value", Integer, nullable=False),
)

pricebooks = Table(
    "pricebooks",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("name", Text, nullable=False),
    Column("version", Text, nullable=False),
    Column("source", Text, nullable=False),  # the file name it was read from
    Column("content", Text, nullable=False),  # the TOML text, exactly: its UTF-8 bytes hash to sha256
    Column("stored_at", DateTime(timezone=True), nullable=False),
)

customers = Table(
    "customers",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False),  # as the latest quote for them spelled it
    Column("account", Text, nullable=False),  # account number or Site ID; "" when not given
    Column("name_search", Text, nullable=False),  # search_key(name): one customer whatever the letter case and spacing
    Column("account_search", Text, nullable=False),
    Column("billing_address", Text, nullable=False),  # the latest one given; lines separated by "\n"
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("name_search", "account_search", name="customers_name_account"),
    Index("customers_account_search", "account_search"),
)

customer_contacts = Table(
    "customer_contacts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("customer_id", Integer, ForeignKey("customers.id"), nullable=False),
    Column("contact", Text, nullable=False),  # as a quote named them: name, e-mail or phone
    UniqueConstraint("customer_id", "contact", name="customer_contacts_once"),
)

quotes = Table(
    "quotes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("number", String(20), nullable=False, unique=True),
    Column("customer", Text, nullable=False),
    Column("customer_search", Text, nullable=False),  # the customer casefolded, for searching (migration 0002)
    Column("customer_id", Integer, ForeignKey("customers.id", name="quotes_customer")),  # None: no customer named (0003)
    Column("author", Text, nullable=False),
    # the latest revision's summary, so that listing 100,000 quotes reads one table
    Column("status", String(20), nullable=False),
    Column("latest_revision", Integer, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("total_contract_value", Text, nullable=False),
    Column("valid_until", Date, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Index("quotes_status", "status"),
    Index("quotes_updated_at", "updated_at"),
    Index("quotes_customer_search", "customer_search"),
    Index("quotes_customer_id", "customer_id"),
)

revisions = Table(
    "revisions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("quote_id", Integer, ForeignKey("quotes.id"), nullable=False),
    Column("n", Integer, nullable=False),
    Column("status", String(20), nullable=False),
    Column("author", Text, nullable=False),
    Column("document", Text, nullable=False),  # the .cpiquote file's JSON: the inputs
    Column("pricebook_sha256", String(64), ForeignKey("pricebooks.sha256"), nullable=False),
    Column("quotation", Text, nullable=False),  # every figure: documents.json.quotation_to_dict
    Column("discount_percent", Text, nullable=False),
    Column("approval_required", Boolean, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("total_contract_value", Text, nullable=False),
    Column("quote_date", Date, nullable=False),
    Column("valid_until", Date, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("sent_at", DateTime(timezone=True)),
    # the document's sales person, notes and terms, frozen with it once sent (migration 0003)
    Column("sales_person", Text, nullable=False, server_default=""),
    Column("notes", Text, nullable=False, server_default=""),
    Column("terms", Text, nullable=False, server_default=""),
    UniqueConstraint("quote_id", "n", name="revisions_quote_n"),
)

approvals = Table(
    "approvals",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("revision_id", Integer, ForeignKey("revisions.id"), nullable=False, unique=True),
    Column("approved_by", Text, nullable=False),
    Column("approved_at", DateTime(timezone=True), nullable=False),
)
