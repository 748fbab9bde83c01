"""widget: leads left by visitors, and "was this helpful?" on conversation turns

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 09:00:00.000000

``conversations.turn_id`` is the id a query response hands the widget; feedback names it.
Turns logged before this revision have none and cannot be rated.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "leads",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("agent_id", sa.String(length=32), nullable=False),
        sa.Column("session_id", sa.String(length=64), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("phone", sa.String(length=32), nullable=True),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["agent_id"], ["agents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_leads_agent_id", "leads", ["agent_id"])
    op.create_index("ix_leads_created_at", "leads", ["created_at"])
    with op.batch_alter_table("conversations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("turn_id", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("satisfaction_score", sa.Integer(), nullable=True))
        batch_op.create_index("ix_conversations_turn_id", ["turn_id"])


def downgrade() -> None:
    with op.batch_alter_table("conversations", schema=None) as batch_op:
        batch_op.drop_index("ix_conversations_turn_id")
        batch_op.drop_column("satisfaction_score")
        batch_op.drop_column("turn_id")
    op.drop_index("ix_leads_created_at", table_name="leads")
    op.drop_index("ix_leads_agent_id", table_name="leads")
    op.drop_table("leads")
