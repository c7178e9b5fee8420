"""Real-display tests: the real KAPDesk process on an X server, driven by real keys.

Each test starts `main.py --data-dir TMP` on a private Xvfb display (:30-:39)
under openbox, with a session D-Bus and the AT-SPI accessibility bus, presses
keys and clicks with xdotool, and reads back the screen (screenshots, the
accessible tree over AT-SPI) and the practice file. Nothing calls a widget.

Needs the system packages of `tools/system_packages.sh --test`; then

    .venv/bin/python -m pytest tests/desktop

Screenshots, the app's output and each test's steps.log are kept under
artifacts/desktop/<test>/; a failed wait adds NN-FAILED.png and
FAILED-tree.txt (the accessible tree at that moment).

Modules: display.py (the desktop), driver.py (App: start, key, type, click on
an accessible name, screenshot, tree), atspi_dump.py (run by the system
python, which has pyatspi), practice_file.py (reading the practice), flows.py
(getting to a state by keys), and the tests: test_walk.py (a session that
works today), test_items.py (issue 16's items 1-12, 23, 25),
test_item27_accessibility.py, test_welcome.py (the first-run welcome, the demo
from it, the About box), test_client_mode.py (a form filled in client mode;
its app is client_mode_app.py, the app's window handing the laptop over),
and issue 14's course of care: test_due_and_check_in.py, test_adverse_and_take_home.py,
test_grounding.py, test_client_page.py, test_course_at_a_glance.py,
test_adverse_after_signing.py, test_after_dose_settings.py, test_pace_gate.py.
"""
