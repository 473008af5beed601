"""The office's data and rules. Imports nothing from tui, printouts or intake."""
