"""Patron work in the staff workspace: find, register, edit, cards, blocks, merge, GDPR."""

from . import accounts, changes, pages

__all__ = ["accounts", "changes", "pages"]
