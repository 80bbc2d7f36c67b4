"""fieldapp: the field app for electricity-use inspectors (用电检查) of a power-supply company."""

__version__ = "0.1.0"
