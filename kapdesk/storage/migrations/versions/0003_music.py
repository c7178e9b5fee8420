"""The music library, playlists, and a client's music likes and dislikes.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("clients") as batch:
        batch.add_column(sa.Column("music_likes", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("music_dislikes", sa.Text(), nullable=False, server_default=""))
    op.create_table(
        "music_folders",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("path", sa.Text(), nullable=False, unique=True),
        sa.Column("added_at", sa.Float(), nullable=False),
    )
    op.create_table(
        "library_tracks",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("path", sa.Text(), nullable=False, unique=True),
        sa.Column("folder_id", sa.Integer(), sa.ForeignKey("music_folders.id"), nullable=True),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("artist", sa.String(300), nullable=False, server_default=""),
        sa.Column("album", sa.String(300), nullable=False, server_default=""),
        sa.Column("duration_s", sa.Float(), nullable=False, server_default="0"),
        sa.Column("bundled", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.create_table(
        "playlists",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("volume", sa.Float(), nullable=False, server_default="0.8"),
        sa.Column("created_at", sa.Float(), nullable=False),
    )
    op.create_table(
        "playlist_items",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("playlist_id", sa.Integer(),
                  sa.ForeignKey("playlists.id", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("track_id", sa.Integer(), sa.ForeignKey("library_tracks.id"), nullable=False),
        sa.UniqueConstraint("playlist_id", "position", name="uq_playlist_items_position"),
    )
    op.create_index("ix_playlist_items_playlist_id", "playlist_items", ["playlist_id"])


def downgrade() -> None:
    op.drop_table("playlist_items")
    op.drop_table("playlists")
    op.drop_table("library_tracks")
    op.drop_table("music_folders")
    with op.batch_alter_table("clients") as batch:
        batch.drop_column("music_dislikes")
        batch.drop_column("music_likes")
