"""The assessment file (JSON, ``assessment.schema.json``): read, write, score and results as JSON.

Pure apart from ``jsonschema``: imports the domain objects and the scoring core, nothing
of the web, the database or the PDF.  Reading is checked by the scoring core's own
input rules, so a file and a stored assessment are judged alike.
"""

from assessor.files.aggregate import aggregate_document
from assessor.files.read import AssessmentFileError, Problem, json_path, load_schema, parse_assessment
from assessor.files.results import RESULT_FORMAT, comparison_to_dict, result_to_dict
from assessor.files.scoring import ScoredFiles, score_file_document, score_files
from assessor.files.write import FORMAT_VERSION, document_bytes, to_document

__all__ = [
    "aggregate_document",
    "document_bytes",
    "FORMAT_VERSION",
    "RESULT_FORMAT",
    "AssessmentFileError",
    "Problem",
    "ScoredFiles",
    "comparison_to_dict",
    "json_path",
    "load_schema",
    "parse_assessment",
    "result_to_dict",
    "score_file_document",
    "score_files",
    "to_document",
]
