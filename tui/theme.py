"""The program's colours: the terminal's own 16-colour palette (ANSI), readable on old PCs and
over SSH, whatever the terminal's own colours are (``VanphongApp._use_theme``)."""
from __future__ import annotations

from textual.theme import Theme

# ANSI colours only: the terminal's own 16-colour palette, readable on old PCs and over SSH.
THEME = Theme(
    name="vanphong",
    ansi=True,
    dark=True,
    primary="ansi_blue",
    secondary="ansi_cyan",
    accent="ansi_yellow",
    warning="ansi_yellow",
    error="ansi_red",
    success="ansi_green",
    foreground="ansi_default",
    background="ansi_default",
    surface="ansi_default",
    panel="ansi_default",
    boost="ansi_default",
    variables={
        "ansi-background": "ansi_black",
        "ansi-foreground": "ansi_white",
        "border": "ansi_cyan",
        "border-blurred": "ansi_white",
        "block-cursor-foreground": "ansi_black",
        "block-cursor-background": "ansi_cyan",
        "block-cursor-blurred-foreground": "ansi_black",
        "block-cursor-blurred-background": "ansi_white",
        "input-cursor-background": "ansi_bright_white",
        "input-cursor-foreground": "ansi_black",
        "input-cursor-text-style": "none",
        "input-selection-background": "ansi_cyan",
        "input-selection-foreground": "ansi_black",
        "footer-foreground": "ansi_bright_white",
        "footer-background": "ansi_blue",
        "footer-key-foreground": "ansi_bright_yellow",
        "footer-key-background": "ansi_blue",
        "footer-description-foreground": "ansi_bright_white",
        "footer-description-background": "ansi_blue",
        "footer-item-background": "ansi_blue",
        "text-muted": "ansi_white",
        "text-disabled": "ansi_bright_black",
    },
)
