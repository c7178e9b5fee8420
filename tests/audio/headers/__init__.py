"""Tests of the music file header readers (kapdesk.audio.headers)."""
