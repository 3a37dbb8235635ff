"""Reading inputs: files, folders, JSONL/CSV records and web pages become Documents (or LoadErrors)."""
