"""Reusable widgets: register table, form fields, dialogs, header."""
