"""The first schema: counters, price books, quotes, revisions and approvals; on PostgreSQL, who may approve.

Revision ID: 0001
Revises:
Create Date: 2026-05-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision: str | None = None
branch_labels = None
depends_on = None

WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    """Create the tables; then the rules the database itself enforces."""
    op.create_table("counters", sa.Column("name", sa.String(40), primary_key=True), sa.Column("value", sa.Integer, nullable=False))
    op.create_table(
        "pricebooks",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("version", sa.Text, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("content", sa.Text, nullable=False),
        sa.Column("stored_at", WHEN, nullable=False),
    )
    _quotes()
    _revisions()
    op.create_table(
        "approvals",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("revision_id", sa.Integer, sa.ForeignKey("revisions.id"), nullable=False, unique=True),
        sa.Column("approved_by", sa.Text, nullable=False),
        sa.Column("approved_at", WHEN, nullable=False),
    )
    _frozen_revisions()
    if op.get_bind().dialect.name == "postgresql":
        _postgresql_roles()


def _quotes() -> None:
    op.create_table(
        "quotes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("number", sa.String(20), nullable=False, unique=True),
        sa.Column("customer", sa.Text, nullable=False),
        sa.Column("author", sa.Text, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("latest_revision", sa.Integer, nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("total_contract_value", sa.Text, nullable=False),
        sa.Column("valid_until", sa.Date, nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("updated_at", WHEN, nullable=False),
    )
    op.create_index("quotes_status", "quotes", ["status"])
    op.create_index("quotes_updated_at", "quotes", ["updated_at"])


def _revisions() -> None:
    op.create_table(
        "revisions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("quote_id", sa.Integer, sa.ForeignKey("quotes.id"), nullable=False),
        sa.Column("n", sa.Integer, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("author", sa.Text, nullable=False),
        sa.Column("document", sa.Text, nullable=False),
        sa.Column("pricebook_sha256", sa.String(64), sa.ForeignKey("pricebooks.sha256"), nullable=False),
        sa.Column("quotation", sa.Text, nullable=False),
        sa.Column("discount_percent", sa.Text, nullable=False),
        sa.Column("approval_required", sa.Boolean, nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("total_contract_value", sa.Text, nullable=False),
        sa.Column("quote_date", sa.Date, nullable=False),
        sa.Column("valid_until", sa.Date, nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("sent_at", WHEN),
        sa.UniqueConstraint("quote_id", "n", name="revisions_quote_n"),
    )


FROZEN = "a revision marked sent is frozen: its inputs, price book and figures cannot change; make a new revision"


def _frozen_revisions() -> None:
    """A sent revision's inputs and figures cannot be changed, whatever program writes to the database."""
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE TRIGGER revisions_frozen BEFORE UPDATE OF document, quotation, pricebook_sha256, approval_required ON revisions "
            f"WHEN OLD.status NOT IN ('draft', 'approval_required') BEGIN SELECT RAISE(ABORT, '{FROZEN}'); END"
        )
        return
    op.execute(f"""
        CREATE FUNCTION cpiquote_revision_rules() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'INSERT' AND NEW.status NOT IN ('draft', 'approval_required') THEN
            RAISE EXCEPTION 'a new revision starts as a draft' USING ERRCODE = 'check_violation';
          END IF;
          IF TG_OP = 'UPDATE' AND OLD.status NOT IN ('draft', 'approval_required') AND (
               NEW.document IS DISTINCT FROM OLD.document OR NEW.quotation IS DISTINCT FROM OLD.quotation
               OR NEW.pricebook_sha256 IS DISTINCT FROM OLD.pricebook_sha256
               OR NEW.approval_required IS DISTINCT FROM OLD.approval_required) THEN
            RAISE EXCEPTION '{FROZEN}' USING ERRCODE = 'check_violation';
          END IF;
          IF NEW.approval_required AND NEW.status IN ('approved', 'sent', 'accepted')
             AND NOT EXISTS (SELECT 1 FROM approvals WHERE revision_id = NEW.id) THEN
            RAISE EXCEPTION 'revision % needs an approval by a member of cpiquote_approvers first', NEW.n
              USING ERRCODE = 'insufficient_privilege';
          END IF;
          RETURN NEW;
        END $$""")
    op.execute(
        "CREATE TRIGGER revisions_rules BEFORE INSERT OR UPDATE ON revisions FOR EACH ROW EXECUTE FUNCTION cpiquote_revision_rules()"
    )


def _postgresql_roles() -> None:
    """cpiquote_users work with quotes; only cpiquote_approvers approve, through a function the server checks."""
    op.execute("""
        DO $$ BEGIN
          IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'cpiquote_users') THEN CREATE ROLE cpiquote_users NOLOGIN; END IF;
          IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'cpiquote_approvers') THEN CREATE ROLE cpiquote_approvers NOLOGIN; END IF;
        END $$""")
    op.execute("GRANT cpiquote_users TO cpiquote_approvers")
    op.execute("""
        DO $$ BEGIN
          EXECUTE format('GRANT USAGE ON SCHEMA %I TO cpiquote_users', current_schema());
          EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO cpiquote_users', current_schema());
        END $$""")
    op.execute("GRANT SELECT, INSERT, UPDATE ON counters, pricebooks, quotes, revisions TO cpiquote_users")
    op.execute("GRANT SELECT ON approvals, alembic_version TO cpiquote_users")
    # SECURITY DEFINER: the function inserts approvals with its owner's rights, after checking the caller's
    # membership itself; session_user is who logged in, whatever role they set.
    op.execute("""
        CREATE FUNCTION cpiquote_approve(p_revision integer) RETURNS text
        LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
        BEGIN
          IF NOT pg_has_role(session_user, 'cpiquote_approvers', 'MEMBER') THEN
            RAISE EXCEPTION 'database role % may not approve quotes: only members of cpiquote_approvers may', session_user
              USING ERRCODE = 'insufficient_privilege';
          END IF;
          INSERT INTO approvals (revision_id, approved_by, approved_at) VALUES (p_revision, session_user, now());
          RETURN session_user;
        END $$""")
    op.execute("REVOKE ALL ON FUNCTION cpiquote_approve(integer) FROM PUBLIC")
    op.execute("GRANT EXECUTE ON FUNCTION cpiquote_approve(integer) TO cpiquote_users")


def downgrade() -> None:
    """Before the first schema there is nothing: drop everything but the roles, which other databases may use."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS cpiquote_approve(integer)")
        op.execute("DROP TRIGGER IF EXISTS revisions_rules ON revisions")
        op.execute("DROP FUNCTION IF EXISTS cpiquote_revision_rules()")
    for table in ("approvals", "revisions", "quotes", "pricebooks", "counters"):
        op.drop_table(table)
