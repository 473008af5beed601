"""Constants the TUI tests import by name. Kept out of conftest.py: `from conftest import …`
finds whichever conftest is first on sys.path (tests/intake has one too) when both folders are
collected in one run."""
import datetime as _dt

TODAY = _dt.date(2026, 3, 5)          # a Thursday
SIZE = (80, 24)
