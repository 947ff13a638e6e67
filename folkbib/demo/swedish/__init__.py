"""Hand-catalogued Swedish records: the works (``works/``) and the MARCXML builder (``build``)."""
