"""show capability."""
