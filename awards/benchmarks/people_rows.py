"""The benchmark's people with their postings, five years of their awards (each with its decision) and ratings.

Names are the demo's, folded as ``Person.save`` folds them (units.text.fold). Each year a person is rated,
and the rating leads what they receive: Lao động tiên tiến for most of those who did well, Chiến sĩ thi đua
cơ sở and Giấy khen for some, the province's Bằng khen for a few. One decision per unit, year and award
grants them, numbered in the unit's yearly sequence and published on the public register.
"""

import base64
import datetime

from units.models import Person, Posting, Unit
from units.text import fold, normalize_name

from awards.benchmarks.rows import NOW, Table, next_id
from awards.demo.people import FAMILY_NAMES, GIVEN_NAMES, MIDDLE_NAMES, POSITIONS
from awards.models import AwardRecord, AwardType, Decision, TaskRating

YEARS = range(2021, 2026)
# (award, share of the rated who get it, who decides: "home" — the person's commune or department — or "province")
AWARDS = [("LDTT", 0.45, "home"), ("CSTDCS", 0.07, "home"), ("GIAY_KHEN", 0.05, "home"),
          ("BK_TINH", 0.03, "province")]
RATINGS = [("excellent", 0.25), ("good", 0.55), ("done", 0.17), ("not_done", 0.03)]
TITLES = {"LDTT": "Về việc công nhận danh hiệu Lao động tiên tiến năm {year}",
          "CSTDCS": "Về việc công nhận danh hiệu Chiến sĩ thi đua cơ sở năm {year}",
          "GIAY_KHEN": "Về việc tặng Giấy khen cho cá nhân có thành tích xuất sắc năm {year}",
          "BK_TINH": "Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh năm {year}"}


def _rating(rng):
    draw = rng.random()
    for value, share in RATINGS:
        draw -= share
        if draw < 0:
            return value
    return RATINGS[-1][0]


def build_people(tree, count, rng) -> dict:
    """Write ``count`` people, their postings, ratings, awards and decisions; returns the counts and the pools
    (province id -> person ids) the proposals draw from."""
    first = next_id(Person)
    units = tree.work_units
    pools = {pk: [] for pk, _name in tree.provinces}
    people = Table(Person, ["id", "full_name", "gender", "date_of_birth", "cccd", "position", "unit_id",
                            "search_key"])
    postings = Table(Posting, ["id", "person_id", "unit_id", "position", "start_date"])
    first_posting = next_id(Posting)

    def person_rows():
        for i in range(count):
            gender = "male" if i % 2 == 0 else "female"
            name = normalize_name(" ".join([rng.choice(FAMILY_NAMES), rng.choice(MIDDLE_NAMES[gender]),
                                            rng.choice(GIVEN_NAMES[gender])]))
            birth = datetime.date(1965 + rng.randrange(35), rng.randrange(1, 13), rng.randrange(1, 29))
            sex_digit = ("0" if birth.year < 2000 else "2") if gender == "male" else ("1" if birth.year < 2000 else "3")
            # Twelve digits, unique by the running number: three of it, the sex digit, the year, six more of it.
            cccd = f"{i // 1_000_000:03d}{sex_digit}{birth.year % 100:02d}{i % 1_000_000:06d}"
            unit = units[i % len(units)]
            pools[tree.homes[unit][1]].append(first + i)
            yield (first + i, name, gender, birth, cccd, rng.choice(POSITIONS), unit, fold(name))

    people.write(person_rows())
    postings.write((first_posting + i, first + i, units[i % len(units)], "Chuyên viên", datetime.date(2025, 7, 1))
                   for i in range(count))
    records, ratings, decisions = _history(tree, first, count, rng)
    return {"people": count, "postings": count, "award_records": records, "task_ratings": ratings,
            "decisions": decisions, "pools": pools}


def _history(tree, first, count, rng):
    award_ids = dict(AwardType.objects.filter(code__in=[code for code, _s, _w in AWARDS]).values_list("code", "pk"))
    awards = [(code, share, who) for code, share, who in AWARDS if code in award_ids]
    units = tree.work_units
    decisions = {}  # (issuing unit, year, award code) -> (id, number, signed_on)
    numbers = {}  # (issuing unit, year) -> last number
    next_decision = next_id(Decision)
    record_table = Table(AwardRecord, ["id", "person_id", "award_id", "year", "decision_number", "decision_date",
                                       "issuing_body", "source", "decision_id"])
    rating_table = Table(TaskRating, ["id", "person_id", "year", "rating"])
    first_record, first_rating = next_id(AwardRecord), next_id(TaskRating)
    ratings = []

    def decision_of(issuer, year, code):
        nonlocal next_decision
        key = (issuer, year, code)
        if key not in decisions:
            number = numbers.get((issuer, year + 1), 0) + 1
            numbers[(issuer, year + 1)] = number
            decisions[key] = (next_decision, number, datetime.date(year + 1, 1, 10 + number % 18))
            next_decision += 1
        return decisions[key]

    def record_rows():
        serial, rated = first_record, 0
        for i in range(count):
            home, province = tree.homes[units[i % len(units)]]
            for year in YEARS:
                rating = _rating(rng)
                ratings.append((first_rating + rated, first + i, year, rating))
                rated += 1
                if rating not in ("excellent", "good"):
                    continue
                for code, share, who in awards:
                    # Shares are of everyone rated; those rated well are 80 % of them.
                    if rng.random() >= share / 0.8:
                        continue
                    issuer = home if who == "home" else province
                    pk, number, signed_on = decision_of(issuer, year, code)
                    yield (serial, first + i, award_ids[code], year, f"{number:02d}/QĐ-UBND", signed_on,
                           tree.names[issuer], AwardRecord.Source.PORTAL, pk)
                    serial += 1
            if len(ratings) >= 50_000:
                rating_table.write(ratings)
                ratings.clear()

    records = record_table.write(record_rows())
    rating_table.write(ratings)
    _decisions(tree, decisions, rng)
    return records, rating_table.written, len(decisions)


def _decisions(tree, decisions, rng):
    actor = next(iter(tree.officials.values()))
    table = Table(Decision, ["id", "issuing_unit_id", "status", "number", "symbol", "place", "signed_on", "title",
                             "authority", "signer_name", "issued_at", "issued_by_id", "published", "public_id",
                             "created_by_id", "search_key"])

    def rows():
        for (issuer, year, code), (pk, number, signed_on) in decisions.items():
            title = TITLES[code].format(year=year)
            kind = tree.kinds[issuer]
            authority = ("GIÁM ĐỐC " if kind == Unit.Kind.DEPARTMENT else "CHỦ TỊCH ỦY BAN NHÂN DÂN ") + \
                tree.names[issuer].upper()
            yield (pk, issuer, Decision.Status.ISSUED, number, "QĐ-UBND", tree.names[issuer][:100], signed_on, title,
                   authority[:255], "Người Ký Đo", NOW, actor, True, _public_id(rng), actor,
                   fold(f"{number:02d}/QĐ-UBND {title}"))

    table.write(rows())


def _public_id(rng):
    # As new_public_id's 16 URL-safe characters, from the seeded generator: the same on every database.
    return base64.urlsafe_b64encode(rng.getrandbits(96).to_bytes(12, "big")).decode()
