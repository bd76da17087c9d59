"""Log records as one JSON object per line on stdout: easy to ship, grep and parse."""

import json
import logging

from gunicorn import glogging


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path"):
            entry["method"], entry["path"] = request.method, request.path
        if getattr(record, "status_code", None):
            entry["status"] = record.status_code
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class JsonAtoms(glogging.SafeAtoms):
    """gunicorn's access-log values escaped for a JSON string (gunicorn escapes only `"`): a
    backslash or a control character in a request's path or headers would end the line's JSON."""

    def __init__(self, atoms):
        # json.dumps escapes everything; gunicorn then escapes the quotes itself, so those are left to it.
        super().__init__(
            {k: json.dumps(v)[1:-1].replace('\\"', '"') if isinstance(v, str) else v for k, v in atoms.items()}
        )


class AccessLogger(glogging.Logger):
    """gunicorn's logger, with access-log values fit for the JSON line of gunicorn.conf.py."""

    atoms_wrapper_class = JsonAtoms
