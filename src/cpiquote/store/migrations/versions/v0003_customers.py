"""Customers: one row per customer (name and account number or Site ID) with its billing address and contacts, each
quote linked to its customer, and each revision's sales person, notes and terms beside its document.

The customers and contacts are filled from the quotes stored so far (their documents), so nothing is lost; a quote
without a customer name or account links to none.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-05
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision: str | None = "0002"
branch_labels = None
depends_on = None

WHEN = sa.DateTime(timezone=True)
REVISION_TEXTS = ("sales_person", "notes", "terms")
FROZEN = "a revision marked sent is frozen: its inputs, price book and figures cannot change; make a new revision"


def search_key(text: str) -> str:
    """How a customer's name or account is matched: letter case and runs of spaces do not make another customer."""
    return " ".join(text.split()).casefold()


def upgrade() -> None:
    """Create customers and their contacts, link quotes to them, add the revisions' texts; then fill them in."""
    _customers()
    if op.get_bind().dialect.name == "sqlite":  # in place: a batch copy of quotes would orphan its revisions' references
        op.execute("ALTER TABLE quotes ADD COLUMN customer_id INTEGER CONSTRAINT quotes_customer REFERENCES customers (id)")
    else:
        op.add_column("quotes", sa.Column("customer_id", sa.Integer, sa.ForeignKey("customers.id", name="quotes_customer")))
    op.create_index("quotes_customer_id", "quotes", ["customer_id"])
    for name in REVISION_TEXTS:  # plain ADD COLUMN: a batch copy of revisions would drop its triggers on SQLite
        op.add_column("revisions", sa.Column(name, sa.Text, nullable=False, server_default=""))
    _fill_in(op.get_bind())
    _freeze_the_new_columns()
    if op.get_bind().dialect.name == "postgresql":
        op.execute("GRANT SELECT, INSERT, UPDATE ON customers, customer_contacts TO cpiquote_users")
        sequences = "format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO cpiquote_users', current_schema())"
        op.execute(f"DO $$ BEGIN EXECUTE {sequences}; END $$")  # the new tables' id sequences


def _customers() -> None:
    op.create_table(
        "customers",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("account", sa.Text, nullable=False),
        sa.Column("name_search", sa.Text, nullable=False),
        sa.Column("account_search", sa.Text, nullable=False),
        sa.Column("billing_address", sa.Text, nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("updated_at", WHEN, nullable=False),
        sa.UniqueConstraint("name_search", "account_search", name="customers_name_account"),
    )
    op.create_index("customers_account_search", "customers", ["account_search"])
    op.create_table(
        "customer_contacts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("customer_id", sa.Integer, sa.ForeignKey("customers.id"), nullable=False),
        sa.Column("contact", sa.Text, nullable=False),
        sa.UniqueConstraint("customer_id", "contact", name="customer_contacts_once"),
    )


_quotes = sa.table("quotes", sa.column("id", sa.Integer), sa.column("customer_id", sa.Integer), sa.column("updated_at", WHEN))
_revisions = sa.table(
    "revisions", sa.column("id", sa.Integer), sa.column("quote_id", sa.Integer), sa.column("n", sa.Integer), sa.column("document", sa.Text),
    *(sa.column(name, sa.Text) for name in REVISION_TEXTS),
)  # fmt: skip
_customers_table = sa.table(
    "customers", sa.column("id", sa.Integer), sa.column("name", sa.Text), sa.column("account", sa.Text), sa.column("name_search", sa.Text),
    sa.column("account_search", sa.Text), sa.column("billing_address", sa.Text), sa.column("created_at", WHEN),
    sa.column("updated_at", WHEN),
)  # fmt: skip
_contacts = sa.table("customer_contacts", sa.column("customer_id", sa.Integer), sa.column("contact", sa.Text))


def _text(document: dict[str, Any], key: str) -> str:
    value = document.get(key, "")
    return value.strip() if isinstance(value, str) else ""


def _fill_in(bind: sa.Connection) -> None:
    """Each quote's customer from its revisions' documents (oldest first, so the latest name and address win)."""
    rows = bind.execute(sa.select(_revisions).order_by(_revisions.c.quote_id, _revisions.c.n)).all()
    by_quote: dict[int, list[dict[str, Any]]] = {}
    for row in rows:
        document = json.loads(row.document)
        by_quote.setdefault(row.quote_id, []).append(document)
        texts = {name: _text(document, name) for name in REVISION_TEXTS}
        if any(texts.values()):  # format 1 documents have none: the columns' default stands
            bind.execute(sa.update(_revisions).where(_revisions.c.id == row.id).values(**texts))
    for quote_id, documents in by_quote.items():
        latest = documents[-1]
        name, account = _text(latest, "customer"), _text(latest, "account")
        if name or account:
            customer_id = _customer_id(bind, name, account, _text(latest, "billing_address"))
            contacts = dict.fromkeys(_text(document, "contact") for document in documents)
            _add_contacts(bind, customer_id, [contact for contact in contacts if contact])
            bind.execute(sa.update(_quotes).where(_quotes.c.id == quote_id).values(customer_id=customer_id))


def _customer_id(bind: sa.Connection, name: str, account: str, billing_address: str) -> int:
    table = _customers_table
    key = (table.c.name_search == search_key(name)) & (table.c.account_search == search_key(account))
    found = bind.execute(sa.select(table.c.id).where(key)).scalar()
    now = dt.datetime.now(dt.UTC)
    if found is not None:
        changes = {"name": name, "account": account, **({"billing_address": billing_address} if billing_address else {})}
        bind.execute(sa.update(table).where(table.c.id == found).values(**changes))
        return int(found)
    values = {
        "name": name, "account": account, "name_search": search_key(name), "account_search": search_key(account),
        "billing_address": billing_address, "created_at": now, "updated_at": now,
    }  # fmt: skip
    return int(bind.execute(sa.insert(table).values(**values).returning(table.c.id)).scalar_one())


def _add_contacts(bind: sa.Connection, customer_id: int, contacts: list[str]) -> None:
    known = set(bind.execute(sa.select(_contacts.c.contact).where(_contacts.c.customer_id == customer_id)).scalars())
    for contact in contacts:
        if contact not in known:
            bind.execute(sa.insert(_contacts).values(customer_id=customer_id, contact=contact))
            known.add(contact)


def _freeze_the_new_columns() -> None:
    """A sent revision's sales person, notes and terms are as frozen as its document."""
    _revision_rules(("document", "quotation", "pricebook_sha256", "approval_required", *REVISION_TEXTS))


def _revision_rules(frozen: tuple[str, ...]) -> None:
    """The rules of 0001 on revisions, freezing the columns `frozen` once a revision is sent."""
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS revisions_frozen")
        op.execute(
            f"CREATE TRIGGER revisions_frozen BEFORE UPDATE OF {', '.join(frozen)} ON revisions "
            f"WHEN OLD.status NOT IN ('draft', 'approval_required') BEGIN SELECT RAISE(ABORT, '{FROZEN}'); END"
        )
        return
    changed = " OR ".join(f"NEW.{column} IS DISTINCT FROM OLD.{column}" for column in frozen)
    op.execute(f"""
        CREATE OR REPLACE FUNCTION cpiquote_revision_rules() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'INSERT' AND NEW.status NOT IN ('draft', 'approval_required') THEN
            RAISE EXCEPTION 'a new revision starts as a draft' USING ERRCODE = 'check_violation';
          END IF;
          IF TG_OP = 'UPDATE' AND OLD.status NOT IN ('draft', 'approval_required') AND ({changed}) THEN
            RAISE EXCEPTION '{FROZEN}' USING ERRCODE = 'check_violation';
          END IF;
          IF NEW.approval_required AND NEW.status IN ('approved', 'sent', 'accepted')
             AND NOT EXISTS (SELECT 1 FROM approvals WHERE revision_id = NEW.id) THEN
            RAISE EXCEPTION 'revision % needs an approval by a member of cpiquote_approvers first', NEW.n
              USING ERRCODE = 'insufficient_privilege';
          END IF;
          RETURN NEW;
        END $$""")


def downgrade() -> None:
    """Back to 0002: the rules of 0001, without the revisions' texts, the links and the customers."""
    _revision_rules(("document", "quotation", "pricebook_sha256", "approval_required"))
    for name in REVISION_TEXTS:
        with op.batch_alter_table("revisions", recreate="never") as batch:
            batch.drop_column(name)
    op.drop_index("quotes_customer_id", "quotes")
    if op.get_bind().dialect.name == "sqlite":  # a copy of quotes without the column, checked against its revisions at commit
        op.execute("PRAGMA defer_foreign_keys = ON")
        with op.batch_alter_table("quotes", recreate="always") as batch:
            batch.drop_column("customer_id")
    else:
        op.drop_constraint("quotes_customer", "quotes", type_="foreignkey")
        op.drop_column("quotes", "customer_id")
    op.drop_table("customer_contacts")
    op.drop_table("customers")
