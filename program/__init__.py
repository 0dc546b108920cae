"""program: turn a conference or workshop schedule into a booklet, handout and badge cards."""

__version__ = "0.1.0"
