"""kg: turn multilingual news articles into one queryable knowledge graph."""

__version__ = "0.1.0"
