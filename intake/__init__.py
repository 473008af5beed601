"""Scanner folder → registered incoming documents.

A pipeline of small parts, each testable alone (Paperless-ngx's consumer was the model):

    watch.py    watchdog observer (inotify; polling on network shares or when asked)
    settle.py   quiet time + unchanged size/mtime + complete content → ready
    content.py  type by magic bytes (PDF, JPEG, PNG, TIFF) and "written to the end" checks
    claim.py    atomic rename into a per-process hidden folder; orphan recovery
    prefill.py  sender from the subfolder, number/summary/date/pages from a PDF's text layer
    ingest.py   hash → file store → one transaction (models.scans.register_scan) → remove
    service.py  the loop tying them together: IntakeService (TUI worker or `vanphong intake`)

Imports ``models`` only, never ``tui``.
"""

import logging as _logging

# the host decides where log records go (the CLI: errors to stderr; the TUI: its own log)
_logging.getLogger("vanphong.intake").addHandler(_logging.NullHandler())
