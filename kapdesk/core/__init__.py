"""Pure-Python domain logic: scripts, the session timeline, clinical rules.

Nothing here imports Qt, pygame or SQLAlchemy, so all of it is testable with a
fake clock and plain data.
"""
