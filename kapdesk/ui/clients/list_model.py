"""The client list as a Qt item model (model/view: no widget per client)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from kapdesk.core.clients import ClientRecord

RecordRole = Qt.ItemDataRole.UserRole + 1
ARCHIVED_COLOUR = QColor("#857c71")
_Index = QModelIndex | QPersistentModelIndex


class ClientListModel(QAbstractListModel):
    def __init__(self) -> None:
        super().__init__()
        self._clients: list[ClientRecord] = []

    def set_clients(self, clients: list[ClientRecord]) -> None:
        self.beginResetModel()
        self._clients = list(clients)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._clients)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid():
            return None
        client = self._clients[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{client.display_name}  (archived)" if client.archived else client.display_name
        if role == Qt.ItemDataRole.ForegroundRole and client.archived:
            return ARCHIVED_COLOUR  # quieter than the clients still in care
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{client.display_name}, archived" if client.archived else client.display_name
        if role == RecordRole:
            return client
        return None

    def row_of(self, client_id: int) -> int | None:
        for row, client in enumerate(self._clients):
            if client.id == client_id:
                return row
        return None
