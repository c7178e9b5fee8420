"""Alembic environment: runs on the connection the practice hands over.

The app never builds an engine here from a URL (the passphrase is only in
memory); `kapdesk.storage.schema` passes an open connection in
`config.attributes["connection"]`.
"""

from alembic import context

from kapdesk.storage.tables import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=True,  # SQLite has little ALTER TABLE
)
with context.begin_transaction():
    context.run_migrations()
