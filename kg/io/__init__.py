"""Reading articles: files and folders, manifests, formats, boilerplate, language."""
