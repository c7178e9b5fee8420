"""Opening the practice from a terminal tool: passphrase from the environment or a prompt."""

from __future__ import annotations

import getpass
import os
import sys

from kapdesk.app import PASSPHRASE_ENV
from kapdesk.locations import resolve_data_dir
from kapdesk.storage.errors import PracticeError, PracticeMissing, WrongPassphrase
from kapdesk.storage.practice import Practice, open_practice, practice_exists

PROMPT_TRIES = 3


def open_practice_from_terminal(data_dir_option: str | None) -> Practice | None:
    """The open practice, or None after telling the user why not on stderr."""
    opened = open_practice_with_passphrase(data_dir_option)
    return opened[0] if opened is not None else None


def open_practice_with_passphrase(data_dir_option: str | None) -> tuple[Practice, str] | None:
    """The open practice and the passphrase that opened it (a backup is keyed with it)."""
    data_dir = resolve_data_dir(data_dir_option)
    if not practice_exists(data_dir):
        # Say so before asking for a passphrase that could not help.
        print(f"kapdesk: {PracticeMissing(data_dir)}", file=sys.stderr)
        return None
    from_env = os.environ.get(PASSPHRASE_ENV)
    # A wrong passphrase from the environment is an error, not a cue to prompt:
    # a script must not hang waiting for a person.
    tries = 1 if from_env is not None else PROMPT_TRIES
    for _ in range(tries):
        passphrase = from_env if from_env is not None else _prompt()
        if passphrase is None:
            return None
        try:
            return open_practice(data_dir, passphrase), passphrase
        except WrongPassphrase as error:
            print(f"kapdesk: {error}", file=sys.stderr)
        except PracticeError as error:
            print(f"kapdesk: {error}", file=sys.stderr)
            return None
    return None


def passphrase_from_terminal(tries: int = PROMPT_TRIES):  # noqa: ANN201 - Iterator[str]
    """Passphrases to try: the one in the environment alone, else up to `tries` typed ones."""
    from_env = os.environ.get(PASSPHRASE_ENV)
    if from_env is not None:
        yield from_env
        return
    for _ in range(tries):
        passphrase = _prompt()
        if passphrase is None:
            return
        yield passphrase


def _prompt() -> str | None:
    try:
        return getpass.getpass("Practice passphrase: ")
    except (EOFError, KeyboardInterrupt):
        print(file=sys.stderr)
        print(f"kapdesk: no passphrase given. Type it at the prompt, or set {PASSPHRASE_ENV}.",
              file=sys.stderr)
        return None
