"""Typed errors raised by the rules and the use cases. Each carries a message a person can act on; the GUI
and the command line turn them into a dialog or a line on stderr in one place each."""


class FieldappError(Exception):
    """Base of every error the app expects and explains."""


class ValidationError(FieldappError):
    """Input that breaks a rule. `field` names the place when there is one."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class NotFoundError(FieldappError):
    """A record named by the caller does not exist (or was deleted)."""


class LockedError(FieldappError):
    """A finalized or voided record was asked to change."""


class DatabaseTooNewError(FieldappError):
    """The database was written by a newer version of fieldapp."""


class DatabaseError(FieldappError):
    """The database cannot be opened or upgraded."""
