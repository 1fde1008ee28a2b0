"""Running service calls at the same moment on real connections, as two people pressing a button at once."""

import threading

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection


def race(*calls, told=None, timeout=120):
    """Run ``calls`` in parallel threads, each on its own connection; return their outcomes sorted by kind.

    An outcome is ("done", result), (label, message) for an error class ``told`` names — {StaleDossier:
    "stale"}, checked first — or ("refused", message) for any other refusal.
    """
    start, outcomes, told = threading.Barrier(len(calls)), [], told or {}

    def run(call):
        try:
            start.wait()
            outcomes.append(("done", call()))
        except tuple(told) as error:
            label = next(label for kind, label in told.items() if isinstance(error, kind))
            outcomes.append((label, " ".join(error.messages)))
        except ValidationError as error:
            outcomes.append(("refused", " ".join(error.messages)))
        except PermissionDenied as error:
            outcomes.append(("refused", str(error)))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return sorted(outcomes, key=lambda outcome: outcome[0])
