"""The locust file of the national benchmark's load run (``manage.py benchmark --national --load``).

It imports no Django: locust runs it in a process of its own, against the portal served by gunicorn.
Everything it needs is in the JSON file named by ``NATIONAL_LOAD_MIX`` (written by
awards.benchmarks.load): the pages of the benchmark with their weights, and for each role a session
cookie already past the second step, so no simulated person logs in while the clock runs. Each
simulated person clicks again as soon as a page has arrived (no pause): the run measures what the
server can answer, not how slowly people read.

A request fails when it does not answer 200 — a redirect to the login page included.
"""

import itertools
import json
import os
import random

from locust import FastHttpUser, constant, task

MIX = json.loads(open(os.environ["NATIONAL_LOAD_MIX"], encoding="utf-8").read()) \
    if os.environ.get("NATIONAL_LOAD_MIX") else {"cookie_name": "sessionid", "sessions": {}, "pages": []}
PAGES = MIX["pages"]
WEIGHTS = [page["weight"] for page in PAGES]
# Each simulated person comes from an address of its own, as the proxy in front would pass it on:
# the portal's per-address limits are meant for one person, not for the whole benchmark.
ADDRESSES = (f"10.77.{n // 250}.{n % 250 + 1}" for n in itertools.count())


def page_names() -> list[str]:
    return [page["name"] for page in PAGES]


class NationalVisitor(FastHttpUser):
    wait_time = constant(0)

    def on_start(self):
        self.address = next(ADDRESSES)

    @task
    def open_a_page(self):
        page = random.choices(PAGES, weights=WEIGHTS)[0] if PAGES else None
        if page is None:
            return
        headers = {"X-Forwarded-For": self.address}
        session = MIX["sessions"].get(page["session"] or "")
        if session:
            headers["Cookie"] = f"{MIX['cookie_name']}={session}"
        with self.client.get(page["url"], name=page["name"], headers=headers, allow_redirects=False,
                             catch_response=True) as answer:
            if answer.status_code != 200:
                answer.failure(f"{page['name']}: {answer.status_code}")
