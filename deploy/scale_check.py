"""The scale-out check run by deploy/scale_demo.sh: two app servers, two RQ workers, one bucket.

Works the portal as people do, through its pages and forms only, with the accounts that
``manage.py prepare_load_test`` wrote (leaders pass the second login step with their authenticator
code, as in the load test). A commune clerk sends a list on app A; on app B the province receives it,
reviews it, keeps it for the province's decision and issues the decision; the papers are printed as a
job that one of the RQ workers takes; the pack is found in the bucket and downloaded through app B's
permission-checked view with exactly the bucket's bytes. Exits non-zero at the first step that fails.

Usage: scale_check.py ACCOUNTS.json APP_A_URL APP_B_URL  (bucket settings from S3_* / AWS_* variables)
"""

import hashlib
import io
import json
import os
import re
import sys
import time
from pathlib import Path

import boto3
import requests
from pypdf import PdfReader

# Started as a script (deploy/scale_demo.sh): the portal's folder goes on the path for the page helpers it shares
# with the load test, as locust puts it there for the locust file.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.browsing import form_to, totp  # noqa: E402

PACKET = re.compile(r'href="(/khen-thuong/ho-so/(\d+)/)"')
DECISION = re.compile(r"/khen-thuong/quyet-dinh/(\d+)/$")
JOB = re.compile(r"/viec-nen/(\d+)/$")
# An error the page shows (a hidden one, d-none, is only a place for the job page's script to fill).
SHOWN_ERROR = re.compile(r'class="alert alert-danger(?![^"]*d-none)')


def step(text):
    print(f"-- {text}", flush=True)


def fail(text):
    print(f"FAILED: {text}", flush=True)
    sys.exit(1)


class Person:
    """One account's browser, on one app server."""

    def __init__(self, account, base):
        self.account, self.base = account, base.rstrip("/")
        self.http = requests.Session()
        # As the reverse proxy in front would pass on the person's own address (TRUSTED_PROXIES).
        self.http.headers["X-Forwarded-For"] = account["address"]

    def get(self, path, **kwargs):
        answer = self.http.get(self.base + path, timeout=60, **kwargs)
        if answer.status_code >= 400:
            fail(f"GET {self.base}{path} answered {answer.status_code}")
        return answer

    def send(self, page_path, ending, extra=None, html=None):
        """Post the form of ``page_path`` whose action ends with ``ending``, as the page filled it (plus ``extra``)."""
        html = html if html is not None else self.get(page_path).text
        form = form_to(html, ending, page_path)
        if form is None and (link := re.search(rf'href="([^"]*{re.escape(ending)})"', html)):
            # A step asked for on a page of its own (a confirmation): its form posts to that page.
            page_path = link.group(1)
            form = form_to(self.get(page_path).text, ending, page_path)
        if form is None:
            fail(f"{self.account['username']}: no form ending {ending} on {self.base}{page_path}")
        data = form["fields"] + list((extra or {}).items())
        answer = self.http.post(self.base + (form["action"] or page_path), data=data, timeout=120,
                                headers={"Referer": self.base + page_path})
        if answer.status_code >= 400 or SHOWN_ERROR.search(answer.text):
            fail(f"{self.account['username']}: {ending} on {self.base}{page_path} answered {answer.status_code}")
        return answer

    def log_in(self):
        answer = self.send("/dang-nhap/", "/dang-nhap/", {"username": self.account["username"],
                                                          "password": self.account["password"]})
        if "/xac-thuc-hai-buoc/" in answer.url:
            path = answer.url.removeprefix(self.base)
            answer = self.send(path, path.split("?")[0], {"code": totp(self.account["totp_key"])}, html=answer.text)
        if "/dang-nhap/" in answer.url or "/xac-thuc-hai-buoc/" in answer.url:
            fail(f"{self.account['username']} could not log in on {self.base}")
        return self


def main(accounts_path, app_a, app_b):
    started = time.monotonic()
    accounts = json.load(open(accounts_path, encoding="utf-8"))["accounts"]
    first = {role: next(a for a in accounts if a["role"] == role)
             for role in ("clerk", "receiver", "reviewer", "approver")}
    bucket = os.environ["S3_BUCKET"]
    s3 = boto3.client("s3", endpoint_url=os.environ["S3_ENDPOINT_URL"], region_name=os.environ.get("S3_REGION"))

    step(f"app A {app_a}: the commune clerk sends the list")
    clerk = Person(first["clerk"], app_a).log_in()
    list_path = f"/khen-thuong/de-nghi/{first['clerk']['list_id']}/"
    clerk.send(list_path, "/gui/")
    step("app B reads the session app A opened (sessions in Redis)")
    clerk_on_b = Person(first["clerk"], app_b)
    clerk_on_b.http.cookies.update(clerk.http.cookies)
    if "/dang-nhap/" in clerk_on_b.get("/").url:
        fail("app B did not know app A's session")

    step(f"app B {app_b}: the province receives, reviews and keeps the dossier for its decision")
    receiver = Person(first["receiver"], app_b).log_in()
    links = sorted({link for link, _pk in PACKET.findall(receiver.get("/khen-thuong/ho-so/").text)})
    if not links:
        fail("the dossier sent on app A is not in the province's inbox on app B")
    packet = links[0]
    receiver.send(packet, "/tiep-nhan/")
    reviewer = Person(first["reviewer"], app_b).log_in()
    html = reviewer.get(packet).text
    form = form_to(html, "/tham-dinh/", packet)
    if form is None:
        fail("no review form on the received dossier")
    verdicts = {name: "approve" for name, values in form["radios"].items()
                if name.startswith("ket_qua_") and "approve" in values}
    reviewer.send(packet, "/tham-dinh/", verdicts, html=html)
    approver = Person(first["approver"], app_b).log_in()
    approver.send(packet, "/trinh-quyet-dinh/")

    step("app B: the leader drafts and issues the decision")
    draft = f"/khen-thuong/quyet-dinh/moi/{first['approver']['unit_id']}/"
    html = approver.get(draft).text
    fields = dict((form_to(html, draft, draft) or fail("no decision form"))["fields"])
    created = approver.send(draft, draft, {} if fields.get("signer_name") else {"signer_name": "Người Ký Thử"},
                            html=html)
    decision_path = created.url.removeprefix(app_b.rstrip("/"))
    if not DECISION.search(decision_path):
        fail(f"the draft decision was not saved (ended on {created.url})")
    approver.send(decision_path, "/ban-hanh/", html=created.text)
    decision_id = DECISION.search(decision_path).group(1)
    issued = approver.get(f"{decision_path}quyet-dinh.pdf")
    if not issued.content.startswith(b"%PDF"):
        fail("the issued decision's PDF did not come back from the bucket")

    step("app B: the papers are printed as a job by an RQ worker")
    queued = approver.send(decision_path, "/giay-khen.pdf")
    if not JOB.search(queued.url):
        fail(f"printing the papers did not become a job (ended on {queued.url})")
    job_path = queued.url.removeprefix(app_b.rstrip("/"))
    deadline = time.monotonic() + 120
    while True:
        state = approver.get(f"{job_path}trang-thai/").json()
        if state["finished"] or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    if state["state"] != "succeeded":
        fail(f"the print job ended {state['state']}: {state['error'] or state['message']}")
    print(f"   job: {state['message']}")

    step("the pack is in the bucket, and app B hands out exactly its bytes")
    wanted = f"giay-khen-quyet-dinh-{decision_id}"
    objects = s3.list_objects_v2(Bucket=bucket, Prefix=os.environ.get("S3_PRIVATE_PREFIX", "private") + "/jobs/result/")
    keys = [item["Key"] for item in objects.get("Contents", []) if wanted in item["Key"]]
    if len(keys) != 1:
        fail(f"expected one pack in s3://{bucket}, found {keys}")
    stored = s3.get_object(Bucket=bucket, Key=keys[0])["Body"].read()
    downloaded = approver.get(state["download_url"])
    if downloaded.content != stored:
        fail("the pack downloaded through app B differs from the bucket's object")
    pages = len(PdfReader(io.BytesIO(downloaded.content)).pages)
    print(f"   s3://{bucket}/{keys[0]}: {len(stored):,} bytes, {pages} pages, sha256 "
          f"{hashlib.sha256(stored).hexdigest()[:16]}…; app B sent the same bytes")
    outsider = requests.get(app_b.rstrip("/") + state["download_url"], timeout=30, allow_redirects=False)
    if outsider.status_code not in (302, 403, 404):
        fail(f"the pack answered {outsider.status_code} to someone not signed in")
    print(f"   not signed in: {outsider.status_code} (the bucket object has no public address)")
    print(f"OK in {time.monotonic() - started:.1f} s")


if __name__ == "__main__":
    main(*sys.argv[1:4])
