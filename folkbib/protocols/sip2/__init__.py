"""SIP2 (3M Standard Interchange Protocol 2.00) for self-service machines."""
