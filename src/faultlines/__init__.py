"""faultlines: read geopolitical writing into an explicit model of the system it describes."""

__version__ = "0.1.0"
