"""Structure: signed-network analysis of the modelled system.

Plain functions over one graph type (a ``networkx.Graph`` whose edges carry ``sign``, ``weight``,
``kinds``, ``first``, ``last`` and ``evidence``): build it from stored relations or a CSV edge
list, then ask for triads, the exact frustration index, blocs, change over time and what-ifs.
"""

from faultlines.structure.blocs import BlocResult, blocs
from faultlines.structure.change import ChangeReport, align_labels, change_over_time
from faultlines.structure.export import to_gexf, to_graphml
from faultlines.structure.frustration import (
    FrustrationResult,
    frustrated,
    frustration_index,
    frustration_of,
    is_balanced,
)
from faultlines.structure.graph import graph_from_csv, signed_graph, window_graph
from faultlines.structure.report import analyse_graph, structure_report, windows_report
from faultlines.structure.triads import Triad, TriadEdge, triad_census, triads
from faultlines.structure.whatif import WhatIfResult, what_if

__all__ = [
    "BlocResult",
    "ChangeReport",
    "FrustrationResult",
    "Triad",
    "TriadEdge",
    "WhatIfResult",
    "align_labels",
    "analyse_graph",
    "blocs",
    "change_over_time",
    "frustrated",
    "frustration_index",
    "frustration_of",
    "graph_from_csv",
    "is_balanced",
    "signed_graph",
    "structure_report",
    "to_gexf",
    "to_graphml",
    "triad_census",
    "triads",
    "what_if",
    "window_graph",
    "windows_report",
]
