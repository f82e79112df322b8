"""gazetteer capability."""
