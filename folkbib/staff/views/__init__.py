"""The desk's pages. Edges only translate: parse a scan or a form, call one circulation
service or selector, keep the outcome (or the typed error's message) for the next page.

Every POST ends in a redirect (so a reload never scans twice); its outcome is shown once.
"""
