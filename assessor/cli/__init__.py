"""The ``assessor`` console command: the Flask CLI with the app loaded, plus batch jobs.

Examples:

\b
    assessor run                       # development server
    assessor db upgrade                # apply database migrations
    assessor standards check           # validate standards/ and print the coverage matrix
    assessor demo seed                 # create the demo organisations with completed workshops
    assessor users create EMAIL --role consultant   # create an account (prompts for the password)
    assessor score FILE.json           # score an assessment file and print the result as JSON
    assessor export 3 --out a.json     # write a stored assessment as an assessment file
    assessor export 3 --format xlsx --lang ja   # the same data as an Excel workbook (or csv: items)
    assessor extract REPORT.pdf        # write out the assessment file a report PDF carries
    assessor import 3 answers.xlsx --dry-run   # check offline answers (template or Forms export)
    assessor report 3 4 --lang ja      # write the PDF reports of assessments 3 and 4
    assessor report --file FILE.json   # write the PDF report of an assessment file
    assessor questionnaire print quick --lang ja --out quick-ja.pdf   # the printable questionnaire
"""

from __future__ import annotations

from flask import Flask

from assessor.cli.demo import demo_cli
from assessor.cli.files import export_command, extract_command, score_command
from assessor.cli.imports import import_command
from assessor.cli.questionnaires import questionnaire_cli
from assessor.cli.reports import report_command
from assessor.cli.users import users_cli

COMMANDS = (
    demo_cli,
    users_cli,
    score_command,
    export_command,
    extract_command,
    import_command,
    report_command,
    questionnaire_cli,
)
"""Commands that need the app (``standards check`` does not: it is on the group, see :mod:`.main`)."""


def register_commands(app: Flask) -> None:
    """Add the batch jobs to the app's CLI (the factory calls this)."""
    for command in COMMANDS:
        app.cli.add_command(command)
