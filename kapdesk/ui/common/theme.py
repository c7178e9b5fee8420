"""Loading the style sheets from assets/ui."""

from __future__ import annotations

from functools import cache

from kapdesk.assets import asset_path


@cache
def style_sheet(name: str = "style.qss") -> str:
    """A style sheet with @UI@ replaced by the absolute assets/ui folder
    (Qt resolves relative url()s against the working directory, not the sheet)."""
    text = asset_path("ui", name).read_text("utf-8")
    return text.replace("@UI@", asset_path("ui").as_posix())
