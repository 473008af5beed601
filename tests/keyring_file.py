"""A password store in a JSON file ($VANPHONG_TEST_KEYRING), for tests: a real keyring backend,
plugged in the way keyring allows (``keyring.set_keyring`` in-process, or
PYTHON_KEYRING_BACKEND=tests.keyring_file.FileKeyring for the program)."""
from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend, properties
from keyring.errors import PasswordDeleteError


class FileKeyring(KeyringBackend):
    @properties.classproperty
    def priority(cls) -> float:
        # keyring registers every backend class it sees: never chosen on its own by a test
        # (or the program) that did not ask for it
        if "VANPHONG_TEST_KEYRING" not in os.environ:
            raise RuntimeError("only where VANPHONG_TEST_KEYRING names the file")
        return 1

    def _path(self) -> Path:
        return Path(os.environ["VANPHONG_TEST_KEYRING"])

    def _load(self) -> dict:
        p = self._path()
        return json.loads(p.read_text()) if p.exists() else {}

    def get_password(self, service, username):
        return self._load().get(f"{service}\n{username}")

    def set_password(self, service, username, password):
        data = self._load()
        data[f"{service}\n{username}"] = password
        self._path().write_text(json.dumps(data))

    def delete_password(self, service, username):
        data = self._load()
        if data.pop(f"{service}\n{username}", None) is None:
            raise PasswordDeleteError("no such password")
        self._path().write_text(json.dumps(data))
