"""check capability."""
