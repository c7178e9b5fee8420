"""`python -m kapdesk export --protect` as a process: the password from stdin (a script) or
typed twice at a real terminal (a pty); the files open only with it; the audit says so."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time

import pypdf
import pytest

from kapdesk.core.export_password import MISMATCH, TOO_SHORT
from tests.helpers.constants import PASSPHRASE
from tests.helpers.export_records import record_kap
from tests.helpers.practice_builder import add_client
from tests.helpers.processes import REPO, TIMEOUT_S, app_env, has_traceback, run_module
from tests.helpers.protected_files import PASSWORD, extract, holds_plain_text, pdf_text

pytestmark = pytest.mark.slow


@pytest.fixture
def recorded_kap(practice, clock):  # noqa: ANN001, ANN201
    client = add_client(practice.engine, "Maya Alvarez")
    session = record_kap(practice, clock, client)
    practice.close()
    return practice.data_dir, session


def export(data_dir, *args: str, home, stdin_text: str | None):  # noqa: ANN001, ANN201
    result = run_module("export", "--data-dir", str(data_dir), *args,
                        env=app_env(home, PASSPHRASE), stdin_text=stdin_text)
    assert not has_traceback(result.stderr), result.stderr
    return result


def test_the_password_on_stdin_protects_every_file(recorded_kap, tmp_path) -> None:  # noqa: ANN001
    data_dir, session = recorded_kap
    out = tmp_path / "out"
    out.mkdir()
    report, events, record = out / "report.pdf", out / "events.csv", out / "record.json"
    home = tmp_path / "home"
    result = export(data_dir, "--session", str(session), "--pdf", str(report), "--csv", str(events),
                    "--json", str(record), "--protect", home=home, stdin_text=PASSWORD + "\n")
    assert result.returncode == 0, result.stderr
    # A CSV or JSON becomes a zip of itself; the PDF stays a PDF.
    assert sorted(p.name for p in out.iterdir()) == ["events.csv.zip", "record.json.zip", "report.pdf"]
    assert f"Wrote {out / 'events.csv.zip'}: session {session} as CSV" in result.stdout
    assert "in a zip protected with your password" in result.stdout
    assert "pages, protected with your password." in result.stdout
    assert "not encrypted" not in result.stderr and "7-Zip (Windows)" in result.stderr
    for path in out.iterdir():
        assert not holds_plain_text(path.read_bytes()), path.name
    assert "Maya Alvarez" in pdf_text(report, PASSWORD)
    opened = extract(out / "events.csv.zip", PASSWORD, tmp_path / "opened")
    assert opened.returncode == 0 and (tmp_path / "opened" / "events.csv").is_file()
    listed = run_module("audit", "list", "--data-dir", str(data_dir),
                        env=app_env(home, PASSPHRASE)).stdout
    assert f"PDF, protected with a password, to {report}" in listed
    assert f"CSV, protected with a password, to {out / 'events.csv.zip'}" in listed
    assert PASSWORD not in listed


@pytest.mark.parametrize(("stdin_text", "said"), [
    ("", "--protect needs a password"),
    ("\n", "--protect needs a password"),
    ("seven77\n", TOO_SHORT),
])
def test_no_acceptable_password_writes_nothing(recorded_kap, tmp_path, stdin_text, said) -> None:  # noqa: ANN001
    data_dir, session = recorded_kap
    out = tmp_path / "out"
    out.mkdir()
    result = export(data_dir, "--session", str(session), "--pdf", str(out / "r.pdf"), "--protect",
                    home=tmp_path / "home", stdin_text=stdin_text)
    assert result.returncode == 1 and said in result.stderr
    assert "Nothing was written." in result.stderr or "nothing was written." in result.stderr
    assert list(out.iterdir()) == []


def test_spaces_are_part_of_a_password_from_stdin(recorded_kap, tmp_path) -> None:  # noqa: ANN001
    data_dir, session = recorded_kap
    target = tmp_path / "r.pdf"
    result = export(data_dir, "--session", str(session), "--pdf", str(target), "--protect",
                    home=tmp_path / "home", stdin_text=" calm lake \r\n")
    assert result.returncode == 0, result.stderr
    assert pypdf.PdfReader(target).decrypt(" calm lake ") == pypdf.PasswordType.USER_PASSWORD


class Terminal:
    """The export run on a pseudo-terminal of its own, as a person at a terminal runs it."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        # Not pty.fork(): the test process has threads (Qt's, the task runner's), and
        # Python code run between a fork and the exec may wait forever on a lock one of
        # them held. subprocess forks and execs in C; `setsid -c` gives the child a
        # session of its own with the pty as its controlling terminal, as getpass wants.
        self.fd, child_end = pty.openpty()
        self.process = subprocess.Popen(
            ["setsid", "-c", sys.executable, "-m", "kapdesk", *args], cwd=REPO, env=env,
            stdin=child_end, stdout=child_end, stderr=child_end)
        os.close(child_end)
        self.seen = ""  # everything the terminal has shown
        self._looked = 0  # where the next wait_for looks from: just past what it last found

    def wait_for(self, text: str) -> None:
        """Until `text` shows after what was last waited for. What came in with it stays
        for the next wait: one read may bring a message and the question after it."""
        deadline = time.monotonic() + TIMEOUT_S
        while (found := self.seen.find(text, self._looked)) < 0:
            ready, _, _ = select.select([self.fd], [], [], max(0.0, deadline - time.monotonic()))
            assert ready, f"waited for {text!r}; the terminal shows:\n{self.seen}"
            self.seen += os.read(self.fd, 4096).decode("utf-8", "replace")
        self._looked = found + len(text)

    def type(self, line: str) -> None:
        os.write(self.fd, (line + "\n").encode())

    def finish(self) -> int:
        with_output = self.seen
        try:
            while True:
                more = os.read(self.fd, 4096)
                if not more:
                    break
                with_output += more.decode("utf-8", "replace")
        except OSError:  # EIO: the child closed the terminal
            pass
        self.seen = with_output
        code = self.process.wait(timeout=TIMEOUT_S)
        os.close(self.fd)
        return code


def test_at_a_terminal_the_password_is_asked_twice_and_again_until_they_agree(recorded_kap,  # noqa: ANN001
                                                                             tmp_path) -> None:
    data_dir, session = recorded_kap
    target = tmp_path / "r.pdf"
    terminal = Terminal(["export", "--data-dir", str(data_dir), "--session", str(session),
                         "--pdf", str(target), "--protect", "--quiet"],
                        app_env(tmp_path / "home", PASSPHRASE))
    terminal.wait_for("Password for the exported files: ")
    terminal.type(PASSWORD)
    terminal.wait_for("The same password again: ")
    terminal.type(PASSWORD + "x")  # mistyped: said, and asked again
    terminal.wait_for(MISMATCH)
    terminal.wait_for("Password for the exported files: ")
    terminal.type(PASSWORD)
    terminal.wait_for("The same password again: ")
    terminal.type(PASSWORD)
    assert terminal.finish() == 0, terminal.seen
    assert PASSWORD not in terminal.seen  # never echoed
    assert pypdf.PdfReader(target).decrypt(PASSWORD) == pypdf.PasswordType.USER_PASSWORD
