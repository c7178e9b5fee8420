"""The practice's versioned contraindication list and consent document.

Each edit in settings is stored as the next version (core's `edited_list` /
`edited_document`) and never changed again: a screening or a consent names the
version it answered, and reads it back here with the words the client saw.
A practice that never edited them uses core's labelled defaults, version 1;
version 1 is written into the practice the first time anything refers to it
(a screening, a consent or the next version), so its words stay as they were
even if a later KAPDesk ships another default.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import sqlalchemy as sa

from kapdesk.core.clock import Clock
from kapdesk.core.consent import DEFAULT_DOCUMENT, ConsentDocument, edited_document
from kapdesk.core.screening import (DEFAULT_CONTRAINDICATIONS, ContraindicationItem,
                                    ContraindicationList, edited_list)
from kapdesk.storage.course_errors import CourseRecordRefused
from kapdesk.storage.practice import Practice
from kapdesk.storage.tables import consent_documents, contraindication_lists


class PracticeDocumentStore:
    def __init__(self, practice: Practice, clock: Clock) -> None:
        self._engine = practice.engine
        self._clock = clock

    # --- contraindication lists ------------------------------------------------

    def contraindications(self) -> ContraindicationList:
        """The practice's current list (the labelled default until it edits one)."""
        with self._engine.connect() as connection:
            return current_list(connection)

    def contraindication_list(self, version: int) -> ContraindicationList:
        """One version, as a screening answered it; KeyError if there is none."""
        with self._engine.connect() as connection:
            found = list_version(connection, version)
        if found is None:
            raise KeyError(version)
        return found

    def save_contraindications(self, items: Sequence[ContraindicationItem]) -> ContraindicationList:
        """The edited list stored as the next version (nothing stored if unchanged)."""
        with self._engine.begin() as connection:
            current = current_list(connection)
            try:
                edited = edited_list(current, items)
            except ValueError as error:
                raise CourseRecordRefused([str(error)]) from None
            if edited is not current:
                pin_default_list(connection, self._clock.now())
                connection.execute(contraindication_lists.insert().values(
                    _list_row(edited, self._clock.now())))
        return edited

    def made_at(self, items: ContraindicationList | ConsentDocument) -> float | None:
        """When this version of the list or the document was stored (epoch seconds);
        None for the shipped default while the practice has not stored it."""
        table = contraindication_lists if isinstance(items, ContraindicationList) else consent_documents
        with self._engine.connect() as connection:
            return connection.execute(sa.select(table.c.recorded_at)
                                      .where(table.c.version == items.version)).scalar()

    # --- consent documents -----------------------------------------------------

    def consent_document(self) -> ConsentDocument:
        """The practice's current consent document (the shipped template until edited)."""
        with self._engine.connect() as connection:
            return current_document(connection)

    def consent_documents(self) -> list[ConsentDocument]:
        """Every version, the first first (the template when none was stored)."""
        with self._engine.connect() as connection:
            return all_documents(connection)

    def save_consent_document(self, template: str, title: str,
                              published_on: dt.date) -> ConsentDocument:
        """The edited document stored as the next version (nothing stored if unchanged)."""
        with self._engine.begin() as connection:
            current = current_document(connection)
            try:
                edited = edited_document(current, template, title, published_on)
            except ValueError as error:
                raise CourseRecordRefused([str(error)]) from None
            if edited is not current:
                pin_default_document(connection, self._clock.now())
                connection.execute(consent_documents.insert().values(
                    _document_row(edited, self._clock.now())))
        return edited


# --- shared with the other course stores (one connection, no store of their own) ---

def current_list(connection: sa.Connection) -> ContraindicationList:
    row = connection.execute(sa.select(contraindication_lists)
                             .order_by(contraindication_lists.c.version.desc()).limit(1)
                             ).mappings().first()
    return DEFAULT_CONTRAINDICATIONS if row is None else _list(row)


def list_version(connection: sa.Connection, version: int) -> ContraindicationList | None:
    row = connection.execute(sa.select(contraindication_lists)
                             .where(contraindication_lists.c.version == version)).mappings().first()
    if row is not None:
        return _list(row)
    return DEFAULT_CONTRAINDICATIONS if version == DEFAULT_CONTRAINDICATIONS.version else None


def current_document(connection: sa.Connection) -> ConsentDocument:
    row = connection.execute(sa.select(consent_documents)
                             .order_by(consent_documents.c.version.desc()).limit(1)
                             ).mappings().first()
    return DEFAULT_DOCUMENT if row is None else _document(row)


def all_documents(connection: sa.Connection) -> list[ConsentDocument]:
    """Every version, the first first; version 1 is the template until one is stored."""
    rows = connection.execute(sa.select(consent_documents)
                              .order_by(consent_documents.c.version)).mappings().all()
    stored = [_document(row) for row in rows]
    return stored if stored and stored[0].version == 1 else [DEFAULT_DOCUMENT, *stored]


def pin_default_list(connection: sa.Connection, now: float) -> None:
    """Store the default list as version 1 unless a version 1 is stored already."""
    if list_version_stored(connection, DEFAULT_CONTRAINDICATIONS.version):
        return
    connection.execute(contraindication_lists.insert().values(
        _list_row(DEFAULT_CONTRAINDICATIONS, now)))


def list_version_stored(connection: sa.Connection, version: int) -> bool:
    return connection.execute(sa.select(contraindication_lists.c.version)
                              .where(contraindication_lists.c.version == version)).first() is not None


def pin_default_document(connection: sa.Connection, now: float) -> None:
    """Store the shipped template as version 1 unless a version 1 is stored already."""
    stored = connection.execute(sa.select(consent_documents.c.version)
                                .where(consent_documents.c.version == DEFAULT_DOCUMENT.version)).first()
    if stored is None:
        connection.execute(consent_documents.insert().values(_document_row(DEFAULT_DOCUMENT, now)))


def _list(row: sa.RowMapping) -> ContraindicationList:
    return ContraindicationList.from_data({"version": row["version"], "label": row["label"],
                                           "items": row["items"]})


def _list_row(items: ContraindicationList, now: float) -> dict:
    data = items.to_data()
    return {"version": data["version"], "label": data["label"], "items": data["items"],
            "recorded_at": now}


def _document(row: sa.RowMapping) -> ConsentDocument:
    return ConsentDocument.from_data(dict(row))


def _document_row(document: ConsentDocument, now: float) -> dict:
    return {**document.to_data(), "recorded_at": now}
