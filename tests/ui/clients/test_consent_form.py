"""The client's consent as the therapist records it: the practice's document shown for this
client, how it was given, consent to touch; a typed name that is not the client's, or a
choice left open, is refused in words beside its field and nothing is stored."""

from __future__ import annotations

from kapdesk.core.consent import ConsentHow, TouchConsent
from kapdesk.core.practice_settings import THERAPIST_NAME
from kapdesk.core.readiness import PieceKey, PieceStatus
from tests.helpers.course_form_keys import focused, keys, save, type_into
from tests.helpers.course_records import TODAY

pytest_plugins = ("tests.helpers.course_form_fixtures",)


def test_consent_on_paper_with_limits_of_touch_is_stored(forms, player, services,
                                                         client_id) -> None:  # noqa: ANN001
    services.settings.set(THERAPIST_NAME, "Dr. Ana Rivera")
    seen = {}

    def fill(form) -> None:  # noqa: ANN001
        seen["document"] = form.document_view.toPlainText()
        seen["read_only"] = form.document_view.isReadOnly()
        assert focused() is form.how_row
        assert not form.typed_edit.isEnabled() and not form.limits_edit.isEnabled()
        keys("P")
        form.touch_row.setFocus()
        keys("L")
        assert focused() is form.limits_edit
        keys("a hand on the shoulder only")
        save(form)

    player.then(fill)
    assert forms.record_consent(client_id) is True
    assert "I, Anna M., have talked with Dr. Ana Rivera" in seen["document"]
    assert "Date: 2026-01-01" in seen["document"] and seen["read_only"]
    [stored] = services.consents.history(client_id)
    assert (stored.how, stored.document_version, stored.given_on) == (ConsentHow.PAPER, 1, TODAY)
    assert stored.touch == TouchConsent(True, "a hand on the shoulder only")
    assert services.course.touch_for(client_id) == "Touch: a hand on the shoulder only"
    state = services.course.readiness_for(client_id, TODAY)
    assert state.piece(PieceKey.CONSENT).status is PieceStatus.READY


def test_a_typed_name_must_be_the_clients(forms, player, services, client_id) -> None:  # noqa: ANN001
    def fill(form) -> None:  # noqa: ANN001
        keys("T")
        assert focused() is form.typed_edit
        keys("Anna N.")
        form.touch_row.setFocus()
        keys("N")
        save(form)
        assert form.typed_problem.text() == ("The typed name \u201cAnna N.\u201d is not the "
                                             "client's name \u201cAnna M.\u201d.")
        assert services.consents.history(client_id) == []
        form.typed_edit.setText(" anna  m. ")
        assert form.typed_problem.text() == ""
        save(form)

    player.then(fill)
    assert forms.record_consent(client_id) is True
    [stored] = services.consents.history(client_id)
    assert (stored.how, stored.typed_name, stored.touch) == (
        ConsentHow.TYPED_NAME, "anna  m.", TouchConsent(False))


def test_choices_left_open_are_named_beside_them(forms, player, services, client_id) -> None:  # noqa: ANN001
    def fill(form) -> None:  # noqa: ANN001
        save(form)
        assert form.how_row.problem.text().startswith("Choose how the client gave consent")
        assert form.touch_row.problem.text().startswith("Choose the consent to touch")
        form.touch_row.buttons[1].click()  # within limits, but none written
        assert form.touch_row.problem.text().startswith("Write the limits of touch in words")

    player.then(fill)
    assert forms.record_consent(client_id) is False
    assert services.consents.history(client_id) == []


def test_touch_not_asked_yet_is_stored_and_readiness_names_it(forms, player, services,
                                                              client_id) -> None:  # noqa: ANN001
    def fill(form) -> None:  # noqa: ANN001
        keys("P")
        type_into(form.note_edit, "Touch to be discussed at the preparation session.")
        form.touch_row.setFocus()
        keys("A")
        save(form)

    player.then(fill)
    assert forms.record_consent(client_id) is True
    assert services.consents.history(client_id)[0].touch is None
    piece = services.course.readiness_for(client_id, TODAY).piece(PieceKey.CONSENT)
    assert piece.status is PieceStatus.MISSING and "Consent to touch not recorded." in piece.words
