"""Numpy synthesis of KAPDesk's bundled calming tracks.

- `voices`: pads, bells and noise beds, each a pure function of the sample index;
- `tracks`: the five tracks, their catalogue facts and how their voices are built;
- `render`: block-wise rendering, loudness scaling and OGG Vorbis writing;
- `analysis`: level measurements of decoded files (used by the tests and the plots).

`tools/generate_music.py` is the command that runs it all.
"""
