"""Text at the door: whatever is typed, pasted or loaded is stored composed (NFC), without control
characters, and never with a bidi control; every form of the portal, the admin's included, goes
through the same fields (units.fields), and the last tests here fail if one stops doing so."""

import importlib
import pkgutil
import sys
import unicodedata

import pytest
from django import forms
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.forms import UsernameField
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.formsets import BaseFormSet
from django.test import RequestFactory
from django.urls import reverse

from units import fields
from units.models import Person
from units.text import checked_text, clean_text, normalize_name

from awards.models import RegulationVersion

NAME = "Nguyễn Văn An"
NFD_NAME = unicodedata.normalize("NFD", NAME)
RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: "An\u202e3202" is shown as "An2023"
APPS = ("units", "campaigns", "awards")


# --- The normaliser -------------------------------------------------------------------------------

@pytest.mark.parametrize("typed", ["Nguyễn\x07 Văn An", "Nguyễn Văn\x1b An", "\x08Nguyễn Văn An\x7f",
                                   "Nguyễn\x9b Văn An", "Nguyễn Văn\u200b An"])
def test_it_drops_control_and_invisible_characters(typed):
    assert clean_text(typed) == NAME


def test_it_composes_decomposed_text():
    assert NFD_NAME != NAME and clean_text(NFD_NAME) == NAME


def test_a_one_line_text_keeps_its_words_apart_where_a_line_break_or_tab_was():
    assert clean_text("Nguyễn\tVăn\r\nAn") == "Nguyễn Văn An"


def test_a_multi_line_text_keeps_line_breaks_and_tabs_with_windows_line_ends_unified():
    assert clean_text("  Dòng một\r\nDòng\thai\rDòng ba\x0c ", multiline=True) == "Dòng một\nDòng\thai\nDòng ba"


@pytest.mark.parametrize("control", ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068",
                                     "\u2069", "\u200e", "\u200f", "\u061c"])
def test_it_refuses_every_bidi_control_with_a_message_naming_the_field(control):
    with pytest.raises(ValidationError) as refusal:
        checked_text(f"Nguyễn Văn An{control}", label="Họ và tên")
    assert refusal.value.messages == ["Họ và tên chứa ký tự điều khiển hướng chữ (bidi) không được phép."]


def test_names_saved_by_any_path_are_one_line_without_controls():
    assert normalize_name(f"  {NFD_NAME}\x07\n ") == NAME


# --- Forms of the pages ---------------------------------------------------------------------------

def person_data(tree, full_name):
    return {"full_name": full_name, "gender": "male", "unit": tree.van_phong.pk, "position": "Chuyên\x1b viên"}


def test_a_name_typed_with_control_characters_is_stored_without_them(login, cast, tree):
    response = login(cast.alice).post(reverse("units:person_create"), person_data(tree, "Nguyễn\x07 Văn\x1b An"))
    assert response.status_code == 302
    person = Person.objects.get()
    assert (person.full_name, person.position) == (NAME, "Chuyên viên")


def test_a_name_pasted_in_decomposed_form_is_stored_composed(login, cast, tree):
    login(cast.alice).post(reverse("units:person_create"), person_data(tree, NFD_NAME))
    assert Person.objects.get().full_name == NAME
    assert Person.objects.filter(full_name=NAME).exists()


def test_a_bidi_override_is_refused_and_the_form_keeps_what_was_typed(login, cast, tree):
    typed = f"Nguyễn Văn An{RLO}3202"
    response = login(cast.alice).post(reverse("units:person_create"), person_data(tree, typed))
    assert response.status_code == 200
    assert response.context["form"]["full_name"].value() == typed
    assert ("Họ và tên chứa ký tự điều khiển hướng chữ (bidi) không được phép."
            in response.context["form"].errors["full_name"])
    assert "không được phép" in response.content.decode()
    assert not Person.objects.exists()


def test_a_text_too_long_is_refused_with_the_limit_written_the_vietnamese_way():
    field = fields.CleanCharField(label="Tóm tắt", max_length=20_000, widget=forms.Textarea)
    with pytest.raises(ValidationError) as refusal:
        field.clean("x" * 1_000_000)
    assert refusal.value.messages == ["Tối đa 20.000 ký tự (nội dung đang có 1.000.000 ký tự)."]


def test_a_text_of_control_characters_only_is_empty_and_so_required():
    with pytest.raises(ValidationError, match="required|bắt buộc|Trường này"):
        fields.CleanCharField(label="Họ và tên").clean("\x07\x1b")


# --- The admin ------------------------------------------------------------------------------------

def test_the_admin_normalises_what_it_stores(login, cast):
    response = login(cast.root).post(reverse("admin:awards_regulationversion_add"), {
        "code": "ND\x07-2027", "name": unicodedata.normalize("NFD", "Nghị định mới\x1b"),
        "note": "Dòng một\r\nDòng\x08 hai", "valid_from": "01/01/2027"})
    assert response.status_code == 302, response.context["adminform"].form.errors
    version = RegulationVersion.objects.get(code="ND-2027")
    assert (version.name, version.note) == ("Nghị định mới", "Dòng một\nDòng hai")


def test_the_admin_refuses_a_bidi_override(login, cast):
    response = login(cast.root).post(reverse("admin:awards_regulationversion_add"), {
        "code": "ND-2027", "name": f"Nghị định{RLO} mới", "note": ""})
    assert response.status_code == 200
    assert "Tên chứa ký tự điều khiển hướng chữ (bidi) không được phép." in response.content.decode()
    assert not RegulationVersion.objects.filter(code="ND-2027").exists()


def test_a_model_validated_by_a_service_is_normalised_as_a_form_would(tree):
    person = Person(full_name=f"{NFD_NAME}\x07", gender="male", unit=tree.ha_hoa, position="Chuyên\tviên")
    person.full_clean()
    assert (person.full_name, person.position) == (NAME, "Chuyên viên")
    person.full_name = f"Nguyễn{RLO} Văn An"
    with pytest.raises(ValidationError) as refusal:
        person.full_clean()
    assert "bidi" in refusal.value.message_dict["full_name"][0]


# --- Nothing lets text in another way -------------------------------------------------------------

TEXT_FIELDS = (fields.CharField, fields.MultilineCharField, fields.TextField)
# Django's own account fields: the user name's validator admits letters, digits and @.+-_ only (no control
# or bidi character), the password is hashed as typed, the address is checked as an e-mail address.
DJANGO_ACCOUNT_FIELDS = {"username", "password", "email"}


def portal_models():
    return [m for m in apps.get_models() if m._meta.app_label in APPS]


def test_every_text_column_of_the_portal_normalises():
    plain = [f"{model._meta.label}.{field.name}" for model in portal_models() for field in model._meta.concrete_fields
             if isinstance(field, (models.CharField, models.TextField)) and not isinstance(field, TEXT_FIELDS)
             and not (model._meta.label == "units.User" and field.name in DJANGO_ACCOUNT_FIELDS)]
    assert plain == []


def test_every_multi_line_text_column_has_a_limit_the_database_checks():
    missing = []
    for model in portal_models():
        checks = {c.name: c for c in model._meta.constraints}
        for field in model._meta.concrete_fields:
            if isinstance(field, models.TextField):
                check = checks.get(f"{model._meta.app_label}_{model._meta.model_name}_{field.name}_max_length")
                if not (field.max_length and check and check.condition.rhs == field.max_length):
                    missing.append(f"{model._meta.label}.{field.name}")
    assert missing == []


def portal_form_classes():
    for app in APPS:
        package = importlib.import_module(app)
        for module in pkgutil.walk_packages(package.__path__, f"{app}."):
            if ".migrations" not in module.name and ".management" not in module.name:
                importlib.import_module(module.name)
    found, stack = set(), [forms.BaseForm]
    while stack:
        for sub in stack.pop().__subclasses__():
            stack.append(sub)
            if sub.__module__.split(".")[0] in APPS:
                found.add(sub)
    for app in APPS:  # inline formsets build their forms in Django's module: reach them through the formsets
        for module_name in [m for m in list(sys.modules) if m.split(".")[0] == app]:
            for value in vars(sys.modules[module_name]).values():
                if isinstance(value, type) and issubclass(value, BaseFormSet) and hasattr(value, "form"):
                    found.add(value.form)
    return found


# Not free text: JSON is parsed, an e-mail address and a user name pass validators that admit no control or
# bidi character, and a password is hashed as typed.
NOT_FREE_TEXT = (fields.CleanCharField, forms.JSONField, forms.EmailField, UsernameField)


def plain_text_fields(form_fields):
    return [name for name, field in form_fields.items()
            if isinstance(field, forms.CharField) and not isinstance(field, NOT_FREE_TEXT)
            and not isinstance(field.widget, forms.PasswordInput)]


def test_every_form_of_the_pages_normalises_its_text_fields():
    classes = portal_form_classes()
    assert len(classes) > 30  # the walk found the forms (a broken walk must not pass as "all clean")
    plain = {f"{cls.__module__}.{cls.__name__}": names for cls in classes
             if (names := plain_text_fields(cls.base_fields))}
    assert plain == {}


@pytest.mark.django_db
def test_every_admin_form_and_inline_normalises_its_text_fields(cast):
    request = RequestFactory().get("/quan-tri/")
    request.user = cast.root
    plain = {}
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in APPS:
            continue
        forms_of = [model_admin.get_form(request), model_admin.get_form(request, model())]
        forms_of += [inline.get_formset(request).form for inline in model_admin.get_inline_instances(request)]
        for form_class in forms_of:
            if names := plain_text_fields(form_class.base_fields):
                plain[f"{model._meta.label} {form_class.__name__}"] = names
    assert plain == {}
