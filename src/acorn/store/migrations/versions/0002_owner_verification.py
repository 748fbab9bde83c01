"""owner verification: a token per agent and when the live site showed it

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02 10:00:00.000000

Both columns are nullable: agents made before this revision get their token the first time
the owner asks for it (``GET /v1/agents/{id}/verification``), and none is verified yet.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("agents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("verification_token", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("verified_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("agents", schema=None) as batch_op:
        batch_op.drop_column("verified_at")
        batch_op.drop_column("verification_token")
