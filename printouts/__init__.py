"""Domain objects → PDF bytes (ReportLab, imported lazily inside each function).

``printouts.common`` holds the shared pieces (fonts, Party header, page numbers);
one module per kind of paper (``printouts.registers`` for the register books).
printouts imports models, never tui.
"""
