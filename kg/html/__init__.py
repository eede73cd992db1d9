"""The interactive HTML graph."""
