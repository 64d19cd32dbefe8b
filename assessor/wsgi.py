"""WSGI entry point for gunicorn: ``gunicorn assessor.wsgi:app``.

Refuses to start with a readable message (file, line, problem) when the
standards data is invalid, instead of a traceback.
"""

import sys

from assessor import create_app
from assessor.reports.pdf import warm_up
from assessor.standards import StandardsError

try:
    app = create_app()
except StandardsError as exc:
    sys.stderr.write(f"assessor cannot start: the standards data is invalid.\n{exc}\n")
    sys.exit(4)  # gunicorn's "application failed to load" code: the master stops instead of looping

# Load fonts and WeasyPrint's caches now and take them out of the cyclic GC, so the first
# report a worker renders is as fast as the next ones (see assessor/reports/pdf.py).
warm_up()
