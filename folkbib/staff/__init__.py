"""The circulation desk: staff pages over the circulation services (HTTP only)."""
