"""KAPDesk: an in-room companion for ketamine-assisted psychotherapy sessions."""

__version__ = "0.1.0"
