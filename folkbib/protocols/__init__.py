"""Protocol edges: SIP2 for self-service machines, SRU/CQL search, OAI-PMH harvesting.

Each edge only translates: it parses its protocol, calls the domain services and
selectors, and maps results and typed errors back to its medium.
"""
