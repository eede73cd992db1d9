"""One error hierarchy: every user-facing failure is a KgError with a code, a cause and a fix.

Library code raises these; only the CLI turns them into a message and an exit code.
"""

from __future__ import annotations

# Exit codes (documented in the README).
EXIT_OK = 0
EXIT_PARTIAL = 1  # build finished but some documents were skipped
EXIT_FAILURE = 2  # nothing useful produced / user error
EXIT_USAGE = 2


class KgError(Exception):
    """Base of all kg errors. ``code`` is a stable identifier such as 'E001'."""

    code = "E000"
    exit_code = EXIT_FAILURE

    def __init__(self, message: str, *, fix: str | None = None, path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.fix = fix
        self.path = path

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        text = f"[{self.code}] {where}{self.message}"
        if self.fix:
            text += f" (fix: {self.fix})"
        return text


class InputError(KgError):
    """A user-given input (file, folder, option) is missing or unusable."""

    code = "E001"


class ManifestError(InputError):
    """A manifest file has a bad line."""

    code = "E002"


class DocumentError(KgError):
    """One document cannot be read; the build reports it and goes on."""

    code = "E003"


class UnknownNameError(KgError):
    """A registry was asked for a name it does not have."""

    code = "E004"


class ModelMissingError(KgError):
    """An NLP model needed for a language is not installed."""

    code = "E005"


class BackendError(KgError):
    """An NLP backend failed."""

    code = "E006"


class StoreError(KgError):
    """The graph store cannot be opened, read or written."""

    code = "E007"


class QueryError(KgError):
    """A SPARQL query is invalid or failed."""

    code = "E008"


class OutputError(KgError):
    """An output cannot be written."""

    code = "E009"


class EvaluationError(KgError):
    """A gold file is malformed."""

    code = "E010"


class RemoteError(KgError):
    """A remote server (triple store, model hub) refused or failed."""

    code = "E011"
