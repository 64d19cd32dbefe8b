"""Office deliverables: the report as Word, PowerPoint and Excel files."""
