"""Text processing done once per document: normalisation, script and language, segmentation."""
