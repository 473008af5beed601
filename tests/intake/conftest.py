"""Fixtures for the intake tests: an inbox folder and a running service."""
from __future__ import annotations

from pathlib import Path

import pytest

from intake_helpers import QUIET, Recorder, wait_for


@pytest.fixture
def inbox(tmp_path) -> Path:
    p = tmp_path / "scans inbox"
    p.mkdir()
    return p


@pytest.fixture
def run_service(office, home, inbox):
    """Start an IntakeService (real watcher) on ``inbox``; stopped at the end of the test."""
    from intake.service import IntakeService
    started = []

    def start(**kw):
        rec = Recorder()
        opts = dict(quiet=QUIET, max_wait=10, rescan=5, poll_interval=0.25)
        opts.update(kw)
        svc = IntakeService(home, opts.pop("inbox", inbox), on_event=rec, **opts)
        svc.start()
        started.append(svc)
        assert wait_for(lambda: rec.count("info") >= 1, 5)
        return svc, rec

    yield start
    for s in started:
        s.stop()


