"""The colours of a session's charts, on the screen and on paper, as plain hex strings.

The review timeline (ui/review/timeline_paint.py) and the PDF report
(export/pdf_chart.py, pdf_report.py, report_html.py) take their colours from
here instead of each keeping its own copies. There are two palettes, and they
are different on purpose: SCREEN is the day theme's, muted, with rust for
alerts, on the Records screen's warm background; PAPER is darker and plainer,
for a white page that may be printed in grey. Where the meaning is the same,
the name is the same (ink, muted, grid, band, alert), so a colour that means
"alert" is changed for both in one place.

COURSE is the client page's trend charts: severity bands from calm to warm.

Plain strings, no Qt: core stays pure, and both the screens (ui) and the PDF
(export) reach core without either reaching into the other. Each painter
turns them into QColor itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from kapdesk.core.events import EventKind


@dataclass(frozen=True)
class ScreenPalette:
    """The review timeline's colours."""

    background: str = "#fbf9f5"
    gutter: str = "#f3efe8"
    lane: str = "#f7f4ee"
    ink: str = "#2e2a25"
    muted: str = "#6b635a"
    grid: str = "#e6dfd3"
    accent: str = "#2f6b5c"  # blood pressure, the selection, the focus frame
    alert: str = "#9a3b2f"
    dose: str = "#a0643c"
    note: str = "#5b7f73"
    debrief: str = "#7a6a8a"
    tag: str = "#8a6f3a"
    tag_fill: str = "#f1e3c4"
    tag_fill_selected: str = "#e8d3a6"
    band_edge: str = "#b9ae9c"  # the outline of a phase's or a track's band
    pause: str = "#50463c"  # laid faintly over the lanes while the session was paused
    gap_hatch: str = "#c8b9a4"  # hatching where the app was not running
    systolic_line: str = "#93a79e"
    diastolic_line: str = "#b8c6bf"
    phase_other: str = "#e2dccf"  # a phase of a kind not named below
    event_other: str = "#8a8070"  # an event of a kind not named below
    # A phase's band by its kind; music bands alternate between two shades.
    phases: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({
        "check-in": "#e2d9c8", "dose": "#ecd3b0", "journey": "#c3d8cc",
        "observation": "#c9d6e0", "debrief": "#ddd0de", "discharge": "#d3ddc4"}))
    music: tuple[str, str] = ("#e9e2d4", "#ddd4c3")
    events: Mapping[EventKind, str] = field(default_factory=lambda: MappingProxyType({
        EventKind.DOSE_GIVEN: "#a0643c", EventKind.CHECKPOINT_DONE: "#6f8a55",
        EventKind.CHECKPOINT_DISMISSED: "#b08a4a", EventKind.PHASE_SKIPPED: "#8a6a9a",
        EventKind.PHASE_EXTENDED: "#8a6a9a", EventKind.APP_RECOVERED: "#b0553a"}))


@dataclass(frozen=True)
class PaperPalette:
    """The PDF report's colours: its vitals chart, its text and its page furniture."""

    text: str = "#1a1a1a"  # the report's body text
    ink: str = "#404040"  # the chart's axes and labels
    muted: str = "#595959"  # secondary words: running header, footer, keys, "none" lines
    quiet: str = "#7f7f7f"  # "silence" in the music column
    rule: str = "#a6a6a6"  # the header's and footer's rules; "same" in the music column
    grid: str = "#d9d9d9"
    band: str = "#f2f2f2"  # every other phase behind the chart
    alert: str = "#c00000"
    blood_pressure: str = "#1f4e79"
    heart_rate: str = "#c55a11"
    heading: str = "#1f4e79"  # the section headings: the blood pressure's blue
    table_head: str = "#e7edf3"
    stripe: str = "#f4f6f8"  # every other table row: easier to follow across the page than rules


@dataclass(frozen=True)
class CoursePalette:
    """The client page's trend charts (ui/clients/trend_chart.py), on the day theme's cards."""

    background: str = "#fbf9f5"
    ink: str = "#2e2a25"
    muted: str = "#5f574e"  # axis numbers, dates: still readable in a dim room
    grid: str = "#ddd5c8"
    line: str = "#7f9c91"  # between two measured forms (never a point of its own)
    point: str = "#2f6b5c"
    point_ring: str = "#fbf9f5"
    dose: str = "#8f5531"  # a dosing session's tick and words (darker than SCREEN's: small text)
    # Severity bands, mildest first: calm green to a soft rust, pale enough for
    # the points and numbers on them to stay the strongest thing on the chart.
    bands: tuple[str, ...] = ("#dfece4", "#ecefd9", "#f6ebd3", "#f4dfca", "#f0d2c4")
    # Each measure's line and points on the course at a glance (ui/clients/course_view.py):
    # dark enough to stand out on the pale bands in a dimmed room, and apart in hue
    # as well as in lane, so the three are never taken for one another.
    measures: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({
        "phq9": "#24584b", "gad7": "#2b4f86", "pcl5": "#74365f"}))

    def band(self, index: int, count: int) -> str:
        """The shade of band `index` of `count` (a scale with fewer bands spans
        the same range, so its worst band is always the warmest)."""
        if count <= 1:
            return self.bands[0]
        return self.bands[round(index * (len(self.bands) - 1) / (count - 1))]


SCREEN = ScreenPalette()
PAPER = PaperPalette()
COURSE = CoursePalette()
