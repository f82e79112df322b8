"""forecast capability."""
