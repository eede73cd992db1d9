"""Fact extraction: time expressions, relation rules, and merging facts across documents."""
