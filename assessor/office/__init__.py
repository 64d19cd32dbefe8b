"""Office deliverables: the report as Word and PowerPoint files, its data as an Excel workbook and a CSV."""
