"""consistency: keep sales talk and marketing copy on one message."""

__version__ = "0.1.0"
