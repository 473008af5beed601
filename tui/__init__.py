"""The Textual front end and the command line (the program's front door)."""
__version__ = "0.1.0"
