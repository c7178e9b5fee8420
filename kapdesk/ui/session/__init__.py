"""A dosing session on screen: before the dose, the room, the debrief, discharge, resume."""
