import datetime

from django import forms
from django.forms import BaseInlineFormSet, inlineformset_factory

from units import dates
from units.fields import TITLE, CleanCharField
from units.forms import DateField, PersonChoiceField, UnitChoiceField, find_person, person_picker, person_query_field
from units.models import Unit

from campaigns.models import AwardTier, DossierRequirement, Milestone, Plan, PlanReference, PlanSection
from campaigns.plan_import import MAX_FILE_BYTES, last_day

TEXTAREA = {"rows": 3}
BODY_HELP = "Đoạn văn cách nhau một dòng trống; dòng bắt đầu bằng “- ” là gạch đầu dòng; **in đậm**, *in nghiêng*."


def _offer_units(field, units):
    """Limit a unit field to ``units``; with only one, choose it for the user."""
    field.queryset = units
    if len(units) == 1:
        field.initial, field.empty_label = units[0], None


class PlanCreateForm(forms.Form):
    issuing_unit = UnitChoiceField(label="Đơn vị ban hành", queryset=Unit.objects.none())
    title = CleanCharField(label="Trích yếu", max_length=TITLE, widget=forms.Textarea(attrs=TEXTAREA),
                           help_text="Ví dụ: Phát động phong trào thi đua …")
    kind = forms.ChoiceField(label="Loại phong trào thi đua", required=False,
                             choices=[("", "Theo trích yếu (cổng tự nhận ra)"), *Plan.Kind.choices],
                             help_text=Plan._meta.get_field("kind").help_text)

    def __init__(self, *args, unit_queryset, **kwargs):
        super().__init__(*args, **kwargs)
        _offer_units(self.fields["issuing_unit"], unit_queryset)


class PlanForm(forms.ModelForm):
    """The plan's header, rules, closing, recipients and signature."""

    class Meta:
        model = Plan
        fields = [
            "superior_body", "issuer_name", "symbol", "place", "issue_year", "issue_month", "issue_day", "doc_type",
            "title", "kind", "preamble", "theme", "period_start", "period_end", "period_from_issue", "dossier_deadline",
            "dossier_place",
            "closing", "recipients", "sign_prefix", "sign_on_behalf", "signer_title", "signer_name", "number_sections",
        ]
        widgets = {
            "issuer_name": forms.Textarea(attrs={"rows": 2}),
            "title": forms.Textarea(attrs=TEXTAREA),
            "preamble": forms.Textarea(attrs={"rows": 5}),
            "theme": forms.Textarea(attrs={"rows": 2}),
            "closing": forms.Textarea(attrs=TEXTAREA),
            "recipients": forms.Textarea(attrs={"rows": 6}),
        }
        field_classes = {"period_start": DateField, "period_end": DateField, "dossier_deadline": DateField}
        help_texts = {"preamble": BODY_HELP, "closing": BODY_HELP}

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", "Ngày kết thúc phải sau ngày bắt đầu.")
        return data


class IssueForm(forms.Form):
    number = forms.IntegerField(label="Số văn bản", min_value=1)
    issue_date = DateField(label="Ngày ban hành", initial=datetime.date.today)


class IssuingUnitField(UnitChoiceField):
    """Units as a tree; one that has ended is labelled so, with its last day."""

    def label_from_instance(self, unit):
        label = super().label_from_instance(unit)
        last = last_day(unit)
        return f"{label} — đã kết thúc, hoạt động đến hết ngày {dates.in_figures(last)}" if last else label


class ImportForm(forms.Form):
    issuing_unit = IssuingUnitField(
        label="Đơn vị ban hành", queryset=Unit.objects.none(),
        help_text="Kế hoạch cũ của một đơn vị đã kết thúc (cấp huyện trước 01/7/2025, tỉnh đã hợp nhất …) nhập "
                  "dưới chính đơn vị đó: ngày ban hành phải nằm trong thời gian đơn vị còn hoạt động.")
    file = forms.FileField(label="Tệp kế hoạch (.docx, .pdf hoặc .txt)",
                           help_text="Tối đa 5 MB. Cổng đọc nội dung tệp, không dựa vào đuôi tên tệp. PDF phải có lớp "
                                     "chữ (xuất từ Word); bản quét chỉ gồm hình ảnh thì không đọc được.")

    MAX_BYTES = MAX_FILE_BYTES

    def __init__(self, *args, unit_queryset, **kwargs):
        super().__init__(*args, **kwargs)
        _offer_units(self.fields["issuing_unit"], unit_queryset)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError("Tệp lớn hơn 5 MB.")
        return upload


def _formset(model, fields, widgets=None, labels=None, formset=BaseInlineFormSet):
    return inlineformset_factory(Plan, model, formset=formset, fk_name="plan", fields=fields, extra=1,
                                 can_delete=True, widgets=widgets or {}, labels=labels or {})


class ReferenceFormSetBase(BaseInlineFormSet):
    """References may link to plans in the portal: only to those in ``citable``, set by the view."""

    citable = Plan.objects.none()

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["referenced_plan"].queryset = self.citable


SectionFormSet = _formset(
    PlanSection, ["position", "level", "number", "heading", "kind", "body"],
    widgets={"body": forms.Textarea(attrs={"rows": 4}),
             "position": forms.NumberInput(attrs={"class": "position-input"})},
)
AwardTierFormSet = _formset(
    AwardTier, ["position", "award", "award_name", "authority", "for_collectives", "for_individuals",
                "for_households", "quota", "quota_note"],
)
DossierRequirementFormSet = _formset(DossierRequirement, ["position", "name", "form_reference", "copies"])
MilestoneFormSet = _formset(Milestone, ["kind", "date", "label"],
                            widgets={"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")})

ReferenceFormSet = _formset(
    PlanReference, ["position", "kind", "doc_type", "doc_number", "doc_date", "issuer", "text", "referenced_plan"],
    widgets={"doc_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
             "text": forms.Textarea(attrs={"rows": 2})},
    formset=ReferenceFormSetBase,
)

PART_FORMSETS = [
    ("references", "Văn bản căn cứ, kế hoạch được thực hiện", ReferenceFormSet),
    ("sections", "Các mục của kế hoạch", SectionFormSet),
    ("award_tiers", "Hình thức khen thưởng", AwardTierFormSet),
    ("dossier_requirements", "Thành phần hồ sơ đề nghị khen thưởng", DossierRequirementFormSet),
    ("milestones", "Mốc thời gian", MilestoneFormSet),
]


class RegistrationForm(forms.Form):
    unit = UnitChoiceField(label="Đơn vị đăng ký", queryset=Unit.objects.none())
    person_query = person_query_field(label="Cá nhân (số CCCD hoặc họ và tên)", help_text=(
        "Gõ vài chữ đầu của họ tên (không cần dấu) hoặc số CCCD rồi chọn trong danh sách gợi ý; hoặc ghi đủ số "
        "CCCD, họ và tên. Đăng ký tập thể: để trống, chọn ở ô dưới."))
    # Filled in by the person picker or the lookup; offered as choices only when several people share the name.
    person = PersonChoiceField()
    collective = UnitChoiceField(label="Tập thể", queryset=Unit.objects.none(), required=False)
    award_tier = forms.ModelChoiceField(label="Danh hiệu, hình thức khen thưởng", queryset=None, required=False)
    target = CleanCharField(label="Danh hiệu, hình thức khác (nếu không có trong kế hoạch)", max_length=255,
                            required=False)
    initiative_title = CleanCharField(label="Tên sáng kiến đăng ký", max_length=500, required=False)

    def __init__(self, *args, units, people, tiers, picker_unit=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = people
        self.fields["unit"].queryset = units
        self.fields["collective"].queryset = units
        self.fields["person"].queryset = people
        self.fields["award_tier"].queryset = tiers
        person_picker(self.fields["person_query"], unit_id=picker_unit)

    def clean(self):
        data = super().clean()
        query = (data.pop("person_query", None) or "").strip()
        if data.get("person") is None and query and "person" not in self.errors:
            data["person"] = find_person(self, query, people=self.people, place="các đơn vị đăng ký",
                                         submit="Đăng ký")
            if data["person"] is None:
                return data
        if bool(data.get("person")) == bool(data.get("collective")):
            raise forms.ValidationError("Chọn một cá nhân hoặc một tập thể (không chọn cả hai).")
        if not (data.get("award_tier") or data.get("target") or data.get("initiative_title")):
            raise forms.ValidationError("Chọn danh hiệu, hình thức khen thưởng hoặc ghi tên sáng kiến.")
        return data
