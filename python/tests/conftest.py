"""Shared fixtures: the known-answer vectors, and the reference packages with their salt and
time pinned.

The reference packages draw the salt from ``secrets.SystemRandom().randint`` and the time
from ``time.time()``, looked up as module globals at call time: ``agora_token_builder``
in ``agora_token_builder.AccessToken`` and ``agoraiotools`` in ``agoraiotools.AccessToken2``.
The ``pins`` fixture replaces those two globals in both modules with stand-ins that return
the values of the case being built; everything else is the packages' own code. Our builders
get the same values through their keyword-only ``issued_at`` and ``salt``.
"""

import base64
import importlib
import json
import pathlib
import types
import zlib

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
VECTORS = json.loads((REPO / "tests" / "vectors" / "vectors.json").read_text())["vectors"]

APP_ID = "970CA35de60c44645bbae8a215061b33"
APP_CERTIFICATE = "5CFd2fd1755d40ecb72977518be15d3b"


def inflate(token):
    """The payload of a 007 token: base64-decoded, then zlib-inflated."""
    assert token.startswith("007"), token[:8]
    return zlib.decompress(base64.b64decode(token[3:], validate=True))


class Pins:
    """The salt and issue time the reference packages draw next."""

    def __init__(self):
        self.salt = 1
        self.issued_at = 0

    def set(self, *, salt, issued_at):
        self.salt = salt
        self.issued_at = issued_at

    def _system_random(self):
        return types.SimpleNamespace(randint=lambda lo, hi: self._salt_in(lo, hi))

    def _salt_in(self, lo, hi):
        assert lo <= self.salt <= hi, (lo, self.salt, hi)
        return self.salt


@pytest.fixture
def pins(monkeypatch):
    """Pins the salt and time of agora_token_builder and agoraiotools (see the module doc)."""
    p = Pins()
    fake_secrets = types.SimpleNamespace(SystemRandom=p._system_random)
    fake_time = types.SimpleNamespace(time=lambda: float(p.issued_at))
    for name in ("agora_token_builder.AccessToken", "agoraiotools.AccessToken2"):
        module = importlib.import_module(name)
        # The reference modules must still draw from these names, or pinning proves nothing.
        assert module.secrets.__name__ == "secrets" and module.time.__name__ == "time"
        monkeypatch.setattr(module, "secrets", fake_secrets)
        monkeypatch.setattr(module, "time", fake_time)
    return p
