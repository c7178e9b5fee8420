"""The PySide6 screens, one sub-package per screen (see the README's Layout)."""
