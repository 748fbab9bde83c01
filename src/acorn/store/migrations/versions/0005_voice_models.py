"""voice models: per-agent speech models (the pocketsphinx language model built at indexing)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 09:00:00.000000

One row per (agent, kind), replaced by each ingest; agents indexed before this revision have
none and are decoded with the generic model until their next crawl.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "voice_models",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("agent_id", sa.String(length=32), nullable=False),
        sa.Column("generation", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["agent_id"], ["agents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("agent_id", "kind", name="uq_voice_models_agent_kind"),
    )
    op.create_index("ix_voice_models_agent_id", "voice_models", ["agent_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_voice_models_agent_id", table_name="voice_models")
    op.drop_table("voice_models")
