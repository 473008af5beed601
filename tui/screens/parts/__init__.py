"""The parts the area screens are built from, one module per kind of part:

- ``columns``: a register's columns fitted to the terminal, and the table sources on them;
- ``filters``: the filters a register offers and the filter dialog;
- ``listing``: ``RegisterListScreen``, the list of a register with columns, filters and a book;
- ``forms``: ``FormScreen``, a form on a screen of its own;
- ``detail``: ``DetailScreen``, one record as read-only text, and its 'label: value' lines;
- ``dialogs``: the reason, print, export and file-path dialogs;
- ``fileview``: opening an attached file (the system viewer, or its path, pages and text);
- ``documents``: what the document registers add on top (the document list and detail, the
  attachment keys).

An area's screen module imports what it needs from here; nothing here imports an area's screen.
"""
