"""NLP backends: turn a Document into an AnnotatedDoc (sentences, tokens, entity spans)."""
