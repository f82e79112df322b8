"""ontology capability."""
