"""Loading the style sheets from assets/ui."""

from __future__ import annotations

from functools import cache

from kapdesk.assets import asset_path


@cache
def style_sheet(name: str = "style.qss") -> str:
    return asset_path("ui", name).read_text("utf-8")
