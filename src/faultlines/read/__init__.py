"""read capability."""
