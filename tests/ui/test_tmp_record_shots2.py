from tests.helpers.practice_builder import T0, add_client
from tests.ui.review_helpers import demo_session, settle

pytest_plugins = ("tests.ui.review_fixtures",)


def test_shot(area, practice, qtbot) -> None:
    client = add_client(practice.engine, "Maya Alexandra Fitzgerald-Nakamura")
    made = demo_session(practice, client, T0 - 7 * 86_400, pause=True, gap_min=6)
    area.resize(1000, 700)
    area.show()
    area.show_session(made.session_id)
    view = area.session
    view.select(next(m.seq for m in view.record.marks if m.kind.value == "paused"))
    qtbot.wait(50)
    area.grab().save("/tmp/record/review2.png")
