"""Corpus analysis over many scored documents: the source ranking and the editorial-lean audit."""
