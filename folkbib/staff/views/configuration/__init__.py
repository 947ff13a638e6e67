"""The configuration screens under /personal/administration/: the region's municipalities
and branches, opening hours and closed days, the rules matrix and fees, notice texts,
staff roles, devices and the audit log. Routes in ``staff/urls_admin.py``."""
