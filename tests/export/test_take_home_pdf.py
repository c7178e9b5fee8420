"""The take-home sheet as a PDF: one page, the client's words, written atomically."""

from __future__ import annotations

import pypdf

from kapdesk.core.take_home import HeardTrack, TakeHomeSheet
from kapdesk.export.take_home_pdf import write_take_home

SHEET = TakeHomeSheet(
    first_name="Maya", day="Monday 7 December 2026",
    music=tuple(HeardTrack(f"Track {n}", "Some Artist") for n in range(14)),
    after_care=("Rest for the rest of today.", "Do not drive until tomorrow, after sleep."),
    check_in="By Thursday 10 December, about 15:00: we will check in with you.",
    integration="By Monday 14 December, about 15:00: your integration session.",
    contact="If you are worried or need to talk: Dr Ana Rivera, 555 0101")


def test_one_page_with_everything_the_client_needs(qapp, tmp_path) -> None:  # noqa: ANN001
    target = write_take_home(SHEET, tmp_path / "after-your-session.pdf", page_size="a4")
    pages = pypdf.PdfReader(target).pages
    assert len(pages) == 1  # fourteen tracks still fit on one page
    text = " ".join(pages[0].extract_text().split())
    for words in ("For Maya", "Monday 7 December 2026", "Do not drive until tomorrow",
                  "By Thursday 10 December", "Dr Ana Rivera, 555 0101", "Track 13 — Some Artist"):
        assert words in text
    assert [p.name for p in tmp_path.iterdir()] == ["after-your-session.pdf"]  # no temp left
