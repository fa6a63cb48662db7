"""Errors with stable codes and a hint, in the manner of spaCy's.

E1xx: input (files, transcripts, requests); E2xx: models; E3xx: configuration.
"""

from __future__ import annotations


class ConsistencyError(Exception):
    """Base error. ``code`` is stable across releases; ``hint`` says how to fix it;
    ``location`` names the file, line or field that failed."""

    code = "E000"
    hint = ""

    def __init__(self, message: str, *, location: str | None = None, hint: str | None = None, code: str | None = None):
        self.message = message
        self.location = location
        if hint is not None:
            self.hint = hint
        if code is not None:
            self.code = code
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f" ({self.location})" if self.location else ""
        hint = f" Hint: {self.hint}" if self.hint else ""
        return f"[{self.code}] {self.message}{where}.{hint}" if not self.message.endswith(".") else f"[{self.code}] {self.message}{where}{hint}"

    def to_dict(self) -> dict:
        return {"code": self.code, "message": self.message, "location": self.location, "hint": self.hint}


class InputError(ConsistencyError):
    """Bad user input: empty text, broken transcript, undecodable bytes, unknown format."""

    code = "E100"


class ModelError(ConsistencyError):
    """A model package is missing or a model directory is broken."""

    code = "E200"


class ConfigError(ConsistencyError):
    """The configuration file is invalid; ``location`` names the bad key."""

    code = "E300"


# Stable codes. Add new ones at the end of their range; never renumber.
CODES = {
    "E101": "empty input text",
    "E102": "input is not valid UTF-8",
    "E103": "malformed transcript (JSON turns, plain text, WebVTT or SRT)",
    "E104": "unknown or unsupported format",
    "E105": "malformed email or mbox",
    "E106": "input file not found or unreadable",
    "E107": "input too large",
    "E108": "invalid field value",
    "E201": "model package not installed",
    "E202": "model directory missing or broken",
    "E203": "training rows file malformed or not the rows this training would use",
    "E301": "unknown configuration key",
    "E302": "invalid configuration value",
    "E303": "configuration file unreadable",
}
