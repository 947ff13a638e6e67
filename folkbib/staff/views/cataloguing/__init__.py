"""Cataloguing in the staff workspace: the MARC editor, copy cataloguing, items in bulk,
withdrawal with a reason, and the clean-up lists. URLs in ``staff/urls_cataloguing.py``.
"""
