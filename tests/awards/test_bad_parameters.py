"""A parameter a page cannot read answers 400, an id that cannot exist 404: never a 500 from the database."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter

from units.params import BadParameter, id_param, year_param

pytestmark = pytest.mark.django_db

BIGGEST_ID = 2**63 - 1
# Each page with the query parameters it reads as numbers, and which kind they are.
PAGES = [
    ("units:person_list", "don_vi"),
    ("units:person_create", "don_vi"),
    ("awards:dossier_list", "danh_sach"),
    ("awards:nomination_lists", "ke_hoach"),
    ("awards:certificate_list", "nam"),
    ("awards:certificate_register_xlsx", "nam"),
    ("awards:decision_list", "nam"),
    ("awards:decision_create", "ho_so"),
    ("awards:decision_create", "hinh_thuc"),
]
BAD = ["-1", "abc", "x", "1.5", "0x10", "١٢", "\x00", "99999999999999999999", str(BIGGEST_ID + 1)]
LIST_PAGES = ["units:unit_list", "units:person_list", "campaigns:plan_list", "awards:nomination_lists",
              "awards:dossier_list", "awards:certificate_list", "awards:council_index",
              "awards:decision_list"]


def url_of(name, tree):
    return reverse(name, args=[tree.phu_tho.pk]) if name == "awards:decision_create" else reverse(name)


@pytest.fixture
def viewer(login, cast):
    """The superuser, who may open every one of these pages."""
    return login(cast.root)


@pytest.mark.parametrize("name, parameter", PAGES)
@pytest.mark.parametrize("value", BAD)
def test_a_number_parameter_the_page_cannot_read_answers_400(viewer, tree, name, parameter, value):
    response = viewer.get(url_of(name, tree), {parameter: value})
    assert response.status_code == 400


@pytest.mark.parametrize("name, parameter", PAGES)
def test_a_blank_parameter_means_no_filter_and_a_missing_id_is_not_found(viewer, tree, name, parameter):
    assert viewer.get(url_of(name, tree), {parameter: ""}).status_code == 200
    if parameter in ("don_vi", "ke_hoach"):  # an id the page looks up itself
        assert viewer.get(url_of(name, tree), {parameter: str(BIGGEST_ID)}).status_code == 404


@pytest.mark.parametrize("year, status", [("2026", 200), ("1944", 400), ("-1", 400), ("2101", 400),
                                          ("999999999999", 400)])
def test_the_year_of_the_certificate_list_is_a_real_year(viewer, year, status):
    assert viewer.get(reverse("awards:certificate_list"), {"nam": year}).status_code == status


@pytest.mark.parametrize("name", LIST_PAGES)
@pytest.mark.parametrize("page", ["999999999999", "99999999999999999999", "-1", "abc"])
def test_a_page_number_out_of_range_shows_a_page_of_the_list(viewer, name, page):
    # Django's paginator shows the last page for a number past the end and the first for anything else.
    assert viewer.get(reverse(name), {"trang": page}).status_code == 200


DETAIL_ROUTES = ["units:unit_detail", "units:person_detail", "units:job_detail", "campaigns:plan_detail",
                 "awards:nomination_list_detail", "awards:dossier_detail", "awards:decision_detail",
                 "awards:council_session_detail"]


@pytest.mark.parametrize("name", DETAIL_ROUTES)
@pytest.mark.parametrize("pk", ["0", str(BIGGEST_ID), str(BIGGEST_ID + 1), "99999999999999999999",
                                "9" * 40])
def test_an_id_that_cannot_exist_in_a_url_is_not_found(viewer, name, pk):
    path = reverse(name, args=[1]).replace("/1/", f"/{pk}/")
    assert viewer.get(path).status_code == 404


def test_no_route_takes_an_unbounded_whole_number():
    # Every id in a path goes through <id:...>, which turns down numbers no row can have.
    def routes(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from routes(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                yield prefix + str(pattern.pattern), pattern.pattern.converters

    unbounded = [route for route, converters in routes(get_resolver().url_patterns)
                 if any(isinstance(converter, IntConverter) for converter in converters.values())]
    assert unbounded == []


@pytest.mark.parametrize("reader, value, sentence", [
    (lambda request: id_param(request, "don_vi"), "x", "Tham số “don_vi” trên đường dẫn phải là một số nguyên dương"),
    (lambda request: id_param(request, "don_vi"), "0", "không phải mã số hợp lệ"),
    (lambda request: year_param(request, "nam"), "-1", "phải là một số nguyên dương"),
    (lambda request: year_param(request, "nam"), "3000", "Năm “3000” không hợp lệ: hãy chọn một năm từ 1945 đến 2100"),
])
def test_the_refusal_says_in_vietnamese_which_parameter_is_wrong(rf, reader, value, sentence):
    with pytest.raises(BadParameter, match=sentence):
        reader(rf.get("/", {"don_vi": value, "nam": value}))


@pytest.mark.parametrize("name", LIST_PAGES)
@pytest.mark.parametrize("parameter", ["q", "trang_thai", "tim"])
def test_a_nul_character_in_a_search_or_filter_answers_400_in_vietnamese(viewer, name, parameter):
    # PostgreSQL refuses NUL in any text it compares: read into a filter, it was a 500 there.
    page = viewer.get(reverse(name), {parameter: "Hoàn thành\x00' OR '1'='1"})
    assert page.status_code == 400
    assert "ký tự không hợp lệ" in page.content.decode()
