"""structure capability."""
