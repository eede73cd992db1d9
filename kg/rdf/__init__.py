"""RDF side of kg: namespaces, graph building from pipeline results, the store, exports."""
