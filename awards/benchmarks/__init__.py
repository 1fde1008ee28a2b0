"""The national benchmark (``manage.py benchmark --national``): a country-sized dataset and the pages timed on it.

- ``rows``: writing many rows fast (SQLite ``executemany``, PostgreSQL ``COPY``), with ids chosen here;
- ``dataset`` (with ``tree_rows``, ``people_rows``, ``dossier_rows``, ``plan_rows``): the dataset, built once
  per database and recorded in a marker table with its parameters, so a second run reuses it;
- ``pages`` and ``floors``: what is timed — each page as a user of its role opens it, and its floor, the same
  rows read by one hand-written query and written out as a bare table;
- ``measure``: the timing loop, the table printed and the JSON written for comparing runs;
- ``load`` (with the locust file ``locust/national_mix.py``): the same pages served by gunicorn as deployed,
  many people at once;
- ``export``: the long Excel export of a nominee list, timed and its memory taken as its job runs it.
"""
