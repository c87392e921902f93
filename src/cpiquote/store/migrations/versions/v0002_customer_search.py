"""Search quotes by customer whatever the letter case: a casefolded copy of the customer, indexed.

Revision ID: 0002
Revises: 0001
Create Date: 2026-05-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision: str | None = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add quotes.customer_search, fill it from the customers stored so far, and index it."""
    with op.batch_alter_table("quotes") as batch:
        batch.add_column(sa.Column("customer_search", sa.Text, nullable=False, server_default=""))
    quotes = sa.table("quotes", sa.column("id", sa.Integer), sa.column("customer", sa.Text), sa.column("customer_search", sa.Text))
    bind = op.get_bind()
    # casefold in Python, as the app does when it saves: SQL's lower() does not fold every script the same way
    for quote_id, customer in bind.execute(sa.select(quotes.c.id, quotes.c.customer)).all():
        bind.execute(sa.update(quotes).where(quotes.c.id == quote_id).values(customer_search=customer.casefold()))
    op.create_index("quotes_customer_search", "quotes", ["customer_search"])


def downgrade() -> None:
    """Drop the search column."""
    op.drop_index("quotes_customer_search", "quotes")
    with op.batch_alter_table("quotes") as batch:
        batch.drop_column("customer_search")
