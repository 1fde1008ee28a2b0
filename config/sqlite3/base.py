"""Django's SQLite backend, creating the database file readable by the portal's own account only.

SQLite creates a missing database file with the process's umask (usually 0644: every account on the
server could copy the whole portal, ID numbers included), and its -wal and -shm files copy the mode of
the database file. So a file the portal creates is made first, empty, with mode 0600; SQLite takes an
empty file for a new database. A file that already exists is left as its owner set it.
"""

import os

from django.db.backends.sqlite3 import base

DATABASE_FILE_MODE = 0o600


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        name = conn_params.get("database")
        if isinstance(name, (str, os.PathLike)) and not self.is_in_memory_db() and not str(name).startswith("file:"):
            try:
                os.close(os.open(name, os.O_CREAT | os.O_EXCL | os.O_WRONLY, DATABASE_FILE_MODE))
            except FileExistsError:
                pass
        return super().get_new_connection(conn_params)
