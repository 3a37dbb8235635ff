"""The data every stage passes on: documents, evidence spans, flags and rubric results."""
