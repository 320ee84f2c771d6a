"""Reader tests."""
