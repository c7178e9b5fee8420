"""Consent: the versioned document, a client's consent, consent to touch, and
whether the consent is current."""

from __future__ import annotations

import datetime as dt

import pytest

from kapdesk.core.consent import (DEFAULT_DOCUMENT, NO_TOUCH, PLACEHOLDERS, ClientConsent,
                                  ConsentDocument, ConsentHow, TouchConsent, consent_problems,
                                  consent_verdict, edited_document, latest_consent,
                                  latest_document, render, template_problems, touch_problems)

TODAY = dt.date(2026, 3, 2)
SHOULDER = TouchConsent(True, "a hand on the shoulder only")


def consent(version: int = 1, touch: TouchConsent | None = SHOULDER,
            how: ConsentHow = ConsentHow.PAPER, typed: str = "") -> ClientConsent:
    return ClientConsent(client_id=1, document_version=version, given_on=dt.date(2026, 1, 5),
                         how=how, touch=touch, typed_name=typed, id=1)


def test_the_shipped_template_is_neutral_and_fills_its_placeholders() -> None:
    assert template_problems(DEFAULT_DOCUMENT.template) == []
    text = render(DEFAULT_DOCUMENT, "Ann Lee", "Dr Kay", TODAY)
    assert text.splitlines()[2].startswith("I, Ann Lee, have talked with Dr Kay")
    assert text.endswith("Date: 2026-03-02")
    assert "{" not in text
    assert set(PLACEHOLDERS) == {"client_name", "therapist_name", "date"}


@pytest.mark.parametrize(("template", "problem"), [
    ("", "The consent text is empty."),
    ("I, {client}, agree.", "Unknown placeholder {client}; the text may use {client_name}, "
                            "{therapist_name}, {date}."),
    ("I, {client_name, agree.", "A brace { or } is not closed; write {{ or }} for a brace itself."),
])
def test_a_bad_template_is_refused_in_words(template: str, problem: str) -> None:
    assert problem in template_problems(template)


def test_each_edit_is_a_new_version() -> None:
    second = edited_document(DEFAULT_DOCUMENT, "I, {client_name}, consent.", "Our consent", TODAY)
    assert (second.version, second.title, second.published_on) == (2, "Our consent", TODAY)
    assert edited_document(second, second.template, second.title, TODAY) is second
    with pytest.raises(ValueError, match="Unknown placeholder"):
        edited_document(second, "{name}", "x", TODAY)
    assert latest_document([DEFAULT_DOCUMENT, second]) is second
    assert latest_document([]) is DEFAULT_DOCUMENT
    assert ConsentDocument.from_data(second.to_data()) == second


def test_consent_to_the_latest_version_with_touch_is_current() -> None:
    verdict = consent_verdict(consent(), DEFAULT_DOCUMENT)
    assert verdict.passes and verdict.current
    assert verdict.words == ("Consent version 1, 2026-01-05, signed on paper. "
                             "Touch: a hand on the shoulder only.")
    assert verdict.touch_words == "Touch: a hand on the shoulder only"


def test_consent_to_an_older_version_is_not_current() -> None:
    second = ConsentDocument(2, "I, {client_name}, consent.")
    verdict = consent_verdict(consent(version=1), second)
    assert verdict.given and not verdict.current and not verdict.passes
    assert "The practice's consent is now version 2: ask the client to consent again." in \
        verdict.words


def test_no_consent_and_no_touch_are_named() -> None:
    assert consent_verdict(None, DEFAULT_DOCUMENT).words == "No consent recorded."
    verdict = consent_verdict(consent(touch=None), DEFAULT_DOCUMENT)
    assert not verdict.passes and verdict.words.endswith("Consent to touch not recorded.")


def test_touch_is_none_or_limits_in_words() -> None:
    assert NO_TOUCH.words == "Touch: none"
    assert SHOULDER.words == "Touch: a hand on the shoulder only"
    assert touch_problems(TouchConsent(True, "  ")) == [
        "Write the limits of touch in words (for example \u201ca hand on the shoulder only\u201d),"
        " or choose no touch."]
    assert touch_problems(NO_TOUCH) == []
    assert consent_verdict(consent(touch=NO_TOUCH), DEFAULT_DOCUMENT).passes


def test_a_typed_name_must_be_the_clients_name() -> None:
    documents = [DEFAULT_DOCUMENT]
    typed = consent(how=ConsentHow.TYPED_NAME, typed=" ann  LEE ")
    assert consent_problems(typed, "Ann Lee", TODAY, documents) == []
    assert consent_problems(consent(how=ConsentHow.TYPED_NAME), "Ann Lee", TODAY, documents) == [
        "The client has not typed their name."]
    assert consent_problems(consent(how=ConsentHow.TYPED_NAME, typed="Bob"), "Ann Lee", TODAY,
                            documents) == [
        "The typed name \u201cBob\u201d is not the client's name \u201cAnn Lee\u201d."]
    assert consent_verdict(typed, DEFAULT_DOCUMENT).words.startswith(
        "Consent version 1, 2026-01-05, name typed on screen.")


def test_what_else_a_consent_must_be() -> None:
    late = ClientConsent(1, 3, dt.date(2026, 4, 1), ConsentHow.PAPER, TouchConsent(True, ""))
    assert consent_problems(late, "Ann Lee", TODAY, [DEFAULT_DOCUMENT]) == [
        "There is no consent document version 3.",
        "The consent date is in the future.",
        "Write the limits of touch in words (for example \u201ca hand on the shoulder only\u201d),"
        " or choose no touch."]


def test_consents_round_trip_and_the_latest_is_found() -> None:
    first = consent()
    assert ClientConsent.from_data(first.to_data()) == first
    assert ClientConsent.from_data(consent(touch=None).to_data()).touch is None
    again = ClientConsent(1, 2, dt.date(2026, 2, 1), ConsentHow.PAPER, NO_TOUCH, id=2)
    assert latest_consent([again, first]) is again
    assert latest_consent([]) is None
