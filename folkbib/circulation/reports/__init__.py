"""The region's statistics, built from the anonymous rows only (never from loans' patrons).

``dimensions``: the groups an event carries (pure). ``borrowers``: active borrowers per
year as salted hashes. ``tables``: the report shape and its pure aggregations.
``queries``: the reads. ``catalogue``: the reports staff can open, by slug.
"""
