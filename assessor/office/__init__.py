"""Office files of an assessment: spreadsheets (and, beside them, Word and PowerPoint deliverables)."""
