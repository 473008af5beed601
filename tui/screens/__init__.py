"""Screens: one per area, plus login, wizard, help, menu and the palette."""
