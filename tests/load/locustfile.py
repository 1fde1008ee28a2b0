"""Clerks, reviewers and leaders working the portal at once (run by ``make loadtest``, see tests/load/run.sh).

Each simulated person logs in with an account of ``manage.py prepare_load_test`` and works as that
role would, through the pages and their forms only: commune clerks send their lists and follow them,
the province's clerks receive packets, its reviewers pass every line, its leaders keep the reviewed
packets for the province's decision and issue decisions over what waits. Several people reach for the
same packet at once: the portal must let one win and tell the others, never answer an error.

A request counts as failed when it answers 4xx/5xx or when a step the page offered ends on an error
message other than "someone else did it first".
"""

import itertools
import json
import os
import random
import re

from locust import HttpUser, between, task

from tests.browsing import form_to, forms_of, totp

DATA = json.loads(open(os.environ["LOADTEST_ACCOUNTS"], encoding="utf-8").read())
POOLS = {role: itertools.cycle([a for a in DATA["accounts"] if a["role"] == role])
         for role in {a["role"] for a in DATA["accounts"]}}
COUNTS = {role: sum(1 for a in DATA["accounts"] if a["role"] == role) for role in POOLS}
PACKET = re.compile(r'href="(/khen-thuong/ho-so/(\d+)/)"')
DECISION = re.compile(r"/khen-thuong/quyet-dinh/(\d+)/$")
# A long packet's review form keeps each page and goes on to the next with this button.
NEXT_REVIEW_PAGE = re.compile(r'formaction="([^"]+)" name="sang_trang" value="(\d+)">Lưu và sang trang sau')
# What the portal says when another person acted first: expected under contention, not a failure.
RACE_WORDS = ("vừa được", "đã được", "không còn", "đã ban hành", "đã có quyết định", "trạng thái",
              "Không có đề nghị nào chờ quyết định")


class Person(HttpUser):
    abstract = True
    wait_time = between(0.5, 2.0)
    role = ""

    def on_start(self):
        self.account = next(POOLS[self.role])
        # As the province's reverse proxy would pass on each person's own address.
        self.client.headers["X-Forwarded-For"] = self.account["address"]
        page = self.client.get("/dang-nhap/", name="đăng nhập")
        form = form_to(page.text, "") or forms_of(page.text)[0]
        data = dict(form["fields"]) | {"username": self.account["username"], "password": self.account["password"]}
        with self.client.post("/dang-nhap/", data=data, name="đăng nhập", catch_response=True) as answer:
            if "/dang-nhap/" in answer.url:
                answer.failure(f"{self.account['username']} could not log in")
            second_step = "/xac-thuc-hai-buoc/" in answer.url
            page_url, page_html = answer.url.replace(self.host, ""), answer.text
        if second_step:
            form = form_to(page_html, "", page_url=page_url)
            data = dict(form["fields"]) | {"code": totp(self.account["totp_key"])}
            with self.client.post(form["action"] or page_url, data=data, name="xác thực hai bước",
                                  catch_response=True) as answer:
                if "/xac-thuc-hai-buoc/" in answer.url:
                    answer.failure(f"{self.account['username']} did not pass the second step")

    def post_form(self, page_url, form, name, extra=None):
        """Send ``form`` as the page filled it (plus ``extra``); a lost race is fine, any other error is not."""
        data = form["fields"] + list((extra or {}).items())
        with self.client.post(form["action"] or page_url, data=data, name=name, catch_response=True,
                              headers={"Referer": self.host + page_url}) as answer:
            lost_race = any(word in answer.text for word in RACE_WORDS)
            if answer.status_code == 400 and lost_race:
                answer.success()  # the form came back saying someone else took these lines first
            elif answer.status_code >= 400:
                answer.failure(f"{name}: {answer.status_code}")
            elif 'alert-danger' in answer.text and not lost_race:
                answer.failure(f"{name}: the page offered the step and then refused it")
            return answer

    def a_packet_waiting(self):
        inbox = self.client.get("/khen-thuong/ho-so/", name="hộp việc")
        links = sorted({link for link, _pk in PACKET.findall(inbox.text)})
        if not links:
            return None, None
        link = random.choice(links)
        return link, self.client.get(link, name="trang hồ sơ")


class CommuneClerk(Person):
    role = "clerk"
    fixed_count = COUNTS.get("clerk", 0)

    @task(1)
    def send_the_list(self):
        url = f"/khen-thuong/de-nghi/{self.account['list_id']}/"
        page = self.client.get(url, name="danh sách đề nghị")
        # Sending is confirmed on a page of its own (what goes where, the checks passed), as a clerk does.
        confirm_url = f"{url}gui/"
        if f'href="{confirm_url}"' not in page.text:
            return
        confirm = self.client.get(confirm_url, name="xác nhận gửi danh sách")
        form = form_to(confirm.text, "/gui/", confirm_url)
        if form is not None:
            self.post_form(confirm_url, form, "gửi danh sách")

    @task(3)
    def follow_the_work(self):
        self.client.get("/", name="trang chủ")
        self.client.get("/khen-thuong/ho-so/tat-ca/", name="danh sách hồ sơ")


class ProvinceReceiver(Person):
    role = "receiver"
    fixed_count = COUNTS.get("receiver", 0)

    @task
    def receive(self):
        link, page = self.a_packet_waiting()
        if page is not None and (form := form_to(page.text, "/tiep-nhan/")) is not None:
            self.post_form(link, form, "tiếp nhận hồ sơ")


class ProvinceReviewer(Person):
    role = "reviewer"
    fixed_count = COUNTS.get("reviewer", 0)

    @task
    def review(self):
        """Pass every line, page by page on a long packet (each page kept, then the next), and finish the review."""
        link, page = self.a_packet_waiting()
        while page is not None and (form := form_to(page.text, "/tham-dinh/")) is not None:
            verdicts = {name: "approve" for name, values in form["radios"].items()
                        if name.startswith("ket_qua_") and "approve" in values}
            following = NEXT_REVIEW_PAGE.search(page.text)
            if following is None:
                if verdicts:
                    self.post_form(link, form, "thẩm định", verdicts)
                return
            page = self.post_form(link, {**form, "action": following.group(1)}, "lưu trang thẩm định",
                                  {**verdicts, "sang_trang": following.group(2)})
            if page.status_code != 200 or "alert-danger" in page.text:
                return
            link = f"{link.split('?')[0]}?trang={following.group(2)}"


class ProvinceApprover(Person):
    role = "approver"
    fixed_count = COUNTS.get("approver", 0)

    @task(2)
    def keep_for_the_province(self):
        link, page = self.a_packet_waiting()
        if page is not None and (form := form_to(page.text, "/trinh-quyet-dinh/")) is not None:
            self.post_form(link, form, "trình quyết định")

    @task(1)
    def issue_a_decision(self):
        url = f"/khen-thuong/quyet-dinh/moi/{self.account['unit_id']}/"
        page = self.client.get(url, name="dự thảo quyết định")
        form = form_to(page.text, url, page_url=url)
        if form is None or not any(name == "lines" for name, _value in form["fields"]):
            return
        fields = dict(form["fields"])
        extra = {} if fields.get("signer_name") else {"signer_name": "Người Ký Thử Tải"}
        created = self.post_form(url, form, "lưu dự thảo quyết định", extra)
        if DECISION.search(created.url or "") and (issue := form_to(created.text, "/ban-hanh/")) is not None:
            self.post_form(created.url.replace(self.host, ""), issue, "ban hành quyết định")
