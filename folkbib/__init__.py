"""folkbib: one catalogue and one library card for a region's public libraries."""
