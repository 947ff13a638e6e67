"""The social library: ratings, tags, reviews, reading lists, forums and their moderation."""
