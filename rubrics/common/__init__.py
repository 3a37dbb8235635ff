"""What every lexicon rubric shares: the one cue matcher, data-file loading, syllable counts."""
