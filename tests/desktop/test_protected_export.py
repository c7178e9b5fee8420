"""A session's PDF exported from Records protected with a password, by real keys on a real display.

Records (Ctrl+Shift+R), the newest session (Enter), the Export tab (Alt+X),
"Protect with a password" (Alt+P), the PDF (Ctrl+Shift+P), the file's name in
the save dialog, then the password twice: mistyped once (said beside the
field, nothing written), then agreed. The file opens only with the password.
"""

from __future__ import annotations

import pypdf
import pytest

from kapdesk.core.export_password import MISMATCH
from tests.desktop.flows import name_the_pdf
from tests.desktop.practice_file import seed_dosed_session, seed_practice

pytestmark = pytest.mark.slow

CLIENT = "Rosa Vidal"
PASSWORD = "calm-lake-at-dusk"


def test_a_protected_pdf_from_records_by_keys(make_app, tmp_path):  # noqa: ANN001
    app = make_app()
    seed_practice(app.data_dir, app.passphrase, (CLIENT,))
    seed_dosed_session(app.data_dir, app.passphrase, CLIENT)
    app.start()
    app.wait_node(CLIENT, "list item")
    app.key("ctrl+shift+r")
    app.wait_words(f"Client: {CLIENT}")
    app.key("Return")  # the selected (newest) session
    app.wait_node("Sign record", "push button")
    app.key("alt+x")  # the Export tab
    app.wait_node("Export PDF report", "push button")
    app.key("alt+p")
    app.wait_node("About protected exports")  # shown once the box is ticked
    app.shot("protect-ticked")

    target = tmp_path / "record.pdf"
    name_the_pdf(app, target)
    app.wait_focus(lambda node: node.name == "Password", "the password field")
    app.shot("password-dialog")
    app.type(PASSWORD)
    app.key("Tab")
    app.wait_focus(lambda node: node.name == "Password again", "the repeat field")
    app.type("calm-lake-at-dawn")  # mistyped
    app.key("Return")
    app.wait_words(MISMATCH)
    app.wait_focus(lambda node: node.name == "Password again", "the repeat field again")
    app.shot("password-mismatch")
    assert not target.exists() and list(tmp_path.glob(".record.pdf*")) == []

    app.type(PASSWORD)  # the mistyped one is selected: typing replaces it
    app.key("Return")
    app.wait_for(lambda: target.exists() and target.stat().st_size > 1000, "the PDF to be written", 30)
    app.wait_words("protected with your password")
    app.shot("protected-pdf-saved")
    # The keys are back on the timeline, never on its zoom-out button: Right chooses the
    # timeline's first mark (on the button it would only move to "+").
    assert app.tree().mentions("Select a note")
    app.key("Right")
    app.wait_for(lambda: not app.tree().mentions("Select a note"), "a mark chosen on the timeline")
    reader = pypdf.PdfReader(str(target))
    assert reader.is_encrypted and reader.decrypt("calm-lake-at-dawn") == pypdf.PasswordType.NOT_DECRYPTED
    assert reader.decrypt(PASSWORD) == pypdf.PasswordType.USER_PASSWORD
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert CLIENT in text and "ketamine 200 mg" in text
