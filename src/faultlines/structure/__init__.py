"""Structure: signed-network analysis of the modelled system.

Plain functions over one graph type (a ``networkx.Graph`` whose edges carry ``sign``, ``weight``,
``kinds``, ``first``, ``last`` and ``evidence``): build it from stored relations or a CSV edge
list, then ask for triads, the exact frustration index, blocs, change over time and what-ifs.
"""

from faultlines.structure.frustration import (
    FrustrationResult,
    frustrated,
    frustration_index,
    frustration_of,
    is_balanced,
)
from faultlines.structure.graph import graph_from_csv, signed_graph, window_graph

__all__ = [
    "FrustrationResult",
    "frustrated",
    "frustration_index",
    "frustration_of",
    "graph_from_csv",
    "is_balanced",
    "signed_graph",
    "window_graph",
]
