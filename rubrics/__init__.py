"""Built-in rubrics. Each module holds one rubric; its lexicons live in `rubrics/data/`."""
