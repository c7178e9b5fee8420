"""Encrypted local storage of the practice: SQLCipher through SQLAlchemy 2.

No Qt here. The UI layer decides *where* the practice lives and asks for the
passphrase; this package opens, creates, checks and migrates the database.
"""
