"""SRU 1.2/2.0 search and retrieve over HTTP, with a CQL parser."""
