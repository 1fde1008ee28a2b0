"""Forms of the emulation block pages: a new block, its head and deputy, a covenant target, a scoring table
line, a member's self-score sheet, the head's cross-check of one line."""

from django import forms

from units import fields
from units.fields import CleanCharField
from units.models import Unit

from awards.models import TIE_BREAK_RULES, Criterion, EmulationBlock, ScoreGroup

POINTS = {"max_digits": 7, "decimal_places": 2, "min_value": 0, "localize": True,
          "error_messages": {"invalid": "Ghi điểm bằng số, ví dụ 8 hoặc 7,5.",
                             "min_value": "Điểm không được âm."}}


class BlockForm(forms.Form):
    name = CleanCharField(label="Tên khối, cụm", max_length=255)
    kind = forms.ChoiceField(label="Loại", choices=EmulationBlock.Kind.choices)
    year = forms.IntegerField(label="Năm", min_value=2000, max_value=2100)
    units = forms.ModelMultipleChoiceField(
        label="Đơn vị thành viên", queryset=Unit.objects.none(),
        help_text="Thứ tự luân phiên theo thứ tự tên; đơn vị đầu tiên là trưởng khối năm đầu (sửa được sau).")

    def __init__(self, *args, organiser, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = Unit.objects.filter(parent=organiser).order_by("name")


class LeadersForm(forms.Form):
    head = forms.ModelChoiceField(label="Đơn vị trưởng khối", queryset=Unit.objects.none(), required=False)
    deputy = forms.ModelChoiceField(label="Đơn vị phó khối", queryset=Unit.objects.none(), required=False)

    def __init__(self, *args, block, **kwargs):
        super().__init__(*args, **kwargs)
        members = Unit.objects.filter(block_places__block=block).order_by("block_places__position")
        self.fields["head"].queryset = self.fields["deputy"].queryset = members


class TargetForm(forms.Form):
    text = CleanCharField(label="Chỉ tiêu giao ước", max_length=fields.NOTE, widget=forms.Textarea(attrs={"rows": 2}))


class CovenantForm(forms.Form):
    signed_on = forms.DateField(label="Ngày ký giao ước", input_formats=["%d/%m/%Y", "%Y-%m-%d"],
                                error_messages={"invalid": "Ghi ngày theo dạng ngày/tháng/năm, ví dụ 15/01/2026."})
    file = forms.FileField(label="Bản giao ước đã ký (PDF)", required=False)

    def clean_file(self):
        """A quick refusal of what is plainly not a PDF; the service checks the whole file."""
        upload = self.cleaned_data.get("file")
        if upload and not upload.read(5).startswith(b"%PDF"):
            raise forms.ValidationError("Tệp giao ước phải là PDF.")
        if upload:
            upload.seek(0)
        return upload


class GroupForm(forms.Form):
    name = CleanCharField(label="Tên nhóm", max_length=500)
    kind = forms.ChoiceField(label="Loại", choices=ScoreGroup.Kind.choices)
    max_points = forms.DecimalField(label="Điểm tối đa (giới hạn)", **POINTS)


class CriterionForm(forms.Form):
    group = forms.ModelChoiceField(label="Nhóm", queryset=ScoreGroup.objects.none())
    name = CleanCharField(label="Tiêu chí", max_length=fields.TITLE)
    max_points = forms.DecimalField(label="Điểm tối đa", **POINTS)

    def __init__(self, *args, block, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = block.groups.all()


class SheetForm(forms.Form):
    """One points field and one evidence field per criterion of the block's table."""

    def __init__(self, *args, criteria, entries, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            entry = entries.get(criterion.pk)
            self.fields[f"points_{criterion.pk}"] = forms.DecimalField(
                label="Điểm", required=False, max_value=criterion.max_points,
                initial=entry.self_points if entry else None,
                **{**POINTS, "error_messages": {**POINTS["error_messages"],
                                                "max_value": "Điểm tối đa của tiêu chí này là %(limit_value)s."}})
            self.fields[f"evidence_{criterion.pk}"] = CleanCharField(
                label="Minh chứng", max_length=fields.NOTE, required=False,
                initial=entry.evidence if entry else "", widget=forms.Textarea(attrs={"rows": 2}))

    def rows(self):
        """Each criterion with its bound fields, for the template."""
        return [(c, self[f"points_{c.pk}"], self[f"evidence_{c.pk}"]) for c in self.criteria]

    def scores(self):
        return [(c, self.cleaned_data[f"points_{c.pk}"], self.cleaned_data[f"evidence_{c.pk}"])
                for c in self.criteria]


class CrossCheckForm(forms.Form):
    points = forms.DecimalField(label="Điểm trưởng khối chấm", **POINTS)
    reason = CleanCharField(label="Lý do điều chỉnh", max_length=fields.REASON, required=False)
    seen_points = forms.DecimalField(widget=forms.HiddenInput, required=False, max_digits=7, decimal_places=2,
                                     localize=True)


class VotesForm(forms.Form):
    """The votes of each member at the block's meeting."""

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = members
        for member in members:
            self.fields[f"votes_{member.pk}"] = forms.IntegerField(
                label=member.unit.name, min_value=0, max_value=len(members), initial=member.votes, required=True)

    def votes(self):
        return {m.pk: self.cleaned_data[f"votes_{m.pk}"] for m in self.members}


LEAD_CHOICES = (("", "—"), ("flag", "Cờ thi đua"), ("merit", "Bằng khen"))


class MeetingForm(forms.Form):
    """The block's meeting: when and where, who chaired and kept the minutes, and per member: attended, votes,
    voted forward for what."""

    held_on = forms.DateField(label="Ngày họp", input_formats=["%d/%m/%Y", "%Y-%m-%d"],
                              error_messages={"invalid": "Ghi ngày theo dạng ngày/tháng/năm, ví dụ 20/12/2026."})
    place = CleanCharField(label="Địa điểm", max_length=255)
    chair = CleanCharField(label="Người chủ trì", max_length=255)
    secretary = CleanCharField(label="Thư ký", max_length=255)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = members
        for m in members:
            lead = ""
            if m.proposed_award_id:
                lead = "flag" if m.proposed_award.code == "CO_BT" else "merit"
            self.fields[f"present_{m.pk}"] = forms.BooleanField(label="Dự họp", required=False,
                                                                initial=bool(m.present))
            self.fields[f"votes_{m.pk}"] = forms.IntegerField(label="Số phiếu", min_value=0, required=False,
                                                              initial=m.votes)
            self.fields[f"lead_{m.pk}"] = forms.ChoiceField(label="Đề nghị", choices=LEAD_CHOICES, required=False,
                                                            initial=lead)

    def rows(self):
        return [(m, self[f"present_{m.pk}"], self[f"votes_{m.pk}"], self[f"lead_{m.pk}"]) for m in self.members]

    def meeting(self):
        d = self.cleaned_data
        return {
            "held_on": d["held_on"], "place": d["place"], "chair": d["chair"], "secretary": d["secretary"],
            "present": [m.pk for m in self.members if d[f"present_{m.pk}"]],
            "votes": {m.pk: d[f"votes_{m.pk}"] for m in self.members if d[f"votes_{m.pk}"] is not None},
            "flag": [m.pk for m in self.members if d[f"lead_{m.pk}"] == "flag"],
            "merit": [m.pk for m in self.members if d[f"lead_{m.pk}"] == "merit"],
        }


class BlockRulesForm(forms.Form):
    """The block's rules: the order in which ties are broken, and the quota of leading units."""

    first = forms.ChoiceField(label="Khi bằng điểm, xét trước", choices=TIE_BREAK_RULES.items())
    second = forms.ChoiceField(label="Rồi xét", choices=(("", "—"), *TIE_BREAK_RULES.items()), required=False)
    third = forms.ChoiceField(label="Cuối cùng xét", choices=(("", "—"), *TIE_BREAK_RULES.items()), required=False)
    flag_places = forms.IntegerField(label="Số đơn vị đề nghị Cờ thi đua", min_value=0, max_value=50)
    leading_share = forms.IntegerField(label="Tỷ lệ tối đa đơn vị dẫn đầu (%)", min_value=1, max_value=100)

    def clean(self):
        data = super().clean()
        codes = [data.get(k) for k in ("first", "second", "third") if data.get(k)]
        if len(set(codes)) != len(codes):
            raise forms.ValidationError("Mỗi quy tắc chỉ chọn một lần.")
        data["tie_break"] = ",".join(codes)
        return data

    @classmethod
    def of(cls, block):
        codes = [*block.tie_break.split(","), "", "", ""][:3]
        return cls(initial={"first": codes[0], "second": codes[1], "third": codes[2],
                            "flag_places": block.flag_places, "leading_share": block.leading_share})


class EvidenceForm(forms.Form):
    """One PDF for one criterion of the member's sheet; whether it is a real, safe PDF the service decides."""

    criterion = forms.ModelChoiceField(label="Tiêu chí", queryset=Criterion.objects.none(),
                                       error_messages={"required": "Chọn tiêu chí của tệp minh chứng.",
                                                       "invalid_choice": "Tiêu chí không thuộc bảng điểm của khối."})
    file = forms.FileField(label="Tệp minh chứng (PDF)", allow_empty_file=True,
                           error_messages={"required": "Chọn tệp PDF minh chứng."})

    def __init__(self, *args, block, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criterion"].queryset = Criterion.objects.filter(group__block=block).select_related("group")


class MemberPositionForm(forms.Form):
    position = forms.IntegerField(label="Thứ tự luân phiên", min_value=1, max_value=500,
                                  error_messages={"required": "Ghi thứ tự luân phiên.",
                                                  "invalid": "Thứ tự luân phiên là một số, ví dụ 2.",
                                                  "min_value": "Thứ tự luân phiên bắt đầu từ 1."})
