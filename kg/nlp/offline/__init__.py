"""The offline NLP backend: rule-based tokenisation and NER from packaged data, no models."""
