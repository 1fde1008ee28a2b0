"""Forms of the council pages: opening a session, and the session sheet (attendance and one tally per candidate).

They check what each field holds; whether the tallies fit the room and the rule is the service's
to say (awards.councils), and its messages are shown on the form with what was typed kept.
"""

from django import forms
from django.utils import timezone

from units import fields as text_fields
from units.fields import CleanCharField
from units.forms import DateField

from awards.models import CouncilSession
from awards.services.councils import applicable, downgrades_by_award


class SessionOpenForm(forms.Form):
    unit = forms.ChoiceField(label="Hội đồng của đơn vị")
    held_on = DateField(label="Ngày họp")
    started_at = forms.TimeField(label="Giờ họp", required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    place = CleanCharField(label="Địa điểm", max_length=255)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.units = {str(unit.pk): unit for unit in units}
        self.fields["unit"].choices = [(str(unit.pk), unit.name) for unit in units]
        self.fields["held_on"].initial = timezone.localdate()  # sessions are usually recorded on the day
        if len(units) == 1:
            self.fields["unit"].initial = str(units[0].pk)

    def clean_unit(self):
        return self.units[self.cleaned_data["unit"]]


VOTE_FIELDS = (("votes_for", "Đồng ý (dự họp)"), ("votes_against", "Không đồng ý (dự họp)"),
               ("written_for", "Đồng ý (văn bản)"), ("written_against", "Không đồng ý (văn bản)"))


class SessionSheetForm(forms.Form):
    """Who chaired and attended, and per ballot: four counts and an optional lower award."""

    chair = forms.TypedChoiceField(label="Người chủ trì", coerce=int, required=False, empty_value=None)
    attendees = forms.TypedMultipleChoiceField(label="Thành viên dự họp", coerce=int, required=False,
                                               widget=forms.CheckboxSelectMultiple)
    place = CleanCharField(label="Địa điểm", max_length=255)
    started_at = forms.TimeField(label="Giờ họp", required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    ended_at = forms.TimeField(label="Giờ kết thúc", required=False, widget=forms.TimeInput(attrs={"type": "time"}),
                               help_text="Để trống: ghi giờ kết thúc phiên họp trên hệ thống.")
    # Not posted (an older page): the session keeps its method.
    voting_method = forms.ChoiceField(label="Hình thức biểu quyết", choices=CouncilSession.VotingMethod.choices,
                                      required=False)
    briefing = CleanCharField(label="Chủ trì quán triệt, báo cáo", required=False, max_length=text_fields.NOTE,
                              widget=forms.Textarea(attrs={"rows": 3}))
    discussion = CleanCharField(label="Ý kiến thảo luận", required=False, max_length=text_fields.NOTE,
                                widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, session, members, ballots, **kwargs):
        initial = {"chair": session.chair_id, "attendees": [m.pk for m in session.attendees.all()],
                   "place": session.place, "started_at": session.started_at, "ended_at": session.ended_at,
                   "voting_method": session.voting_method, "briefing": session.briefing,
                   "discussion": session.discussion}
        for ballot in ballots:
            initial[f"analysis_{ballot.pk}"] = ballot.analysis
            for name, _label in VOTE_FIELDS:
                initial[f"{name}_{ballot.pk}"] = getattr(ballot, name)
            initial[f"downgrade_{ballot.pk}"] = ballot.downgrade_id or ""
        super().__init__(*args, initial=initial, **kwargs)
        self.ballots = ballots
        self.fields["chair"].choices = [("", "— Chọn người chủ trì —")] + [
            (m.pk, f"{m.full_name} ({m.get_role_display()})") for m in members]
        self.fields["attendees"].choices = [(m.pk, f"{m.full_name} — {m.get_role_display()}") for m in members]
        lower_awards = downgrades_by_award([b.line.nomination_line.award_id for b in ballots], session.held_on)
        for ballot in ballots:
            name = ballot.line.nomination_line.subject_name
            for field, label in VOTE_FIELDS:
                self.fields[f"{field}_{ballot.pk}"] = forms.IntegerField(
                    label=f"{label} — {name}", min_value=0, max_value=999,
                    error_messages={"min_value": "Số phiếu không âm.", "invalid": "Nhập số phiếu.",
                                    "required": "Nhập số phiếu (0 nếu không có)."})
            lower = applicable(lower_awards.get(ballot.line.nomination_line.award_id, []),
                               ballot.line.nomination_line.award_class)
            self.fields[f"downgrade_{ballot.pk}"] = forms.TypedChoiceField(
                label=f"Nếu không đạt, chuyển hình thức — {name}", coerce=int, required=False, empty_value=None,
                choices=[("", "— Không chuyển —")] + [(row.pk, row.label) for row in lower])
            self.fields[f"analysis_{ballot.pk}"] = CleanCharField(
                label=f"Ý kiến, phân tích — {name}", required=False, max_length=text_fields.NOTE,
                widget=forms.Textarea(attrs={"rows": 2}))

    def rows(self):
        """(ballot, its four count fields, its downgrade field, its analysis field) for the template."""
        return [(ballot, [self[f"{name}_{ballot.pk}"] for name, _l in VOTE_FIELDS], self[f"downgrade_{ballot.pk}"],
                 self[f"analysis_{ballot.pk}"]) for ballot in self.ballots]

    def minutes(self):
        """What the minutes print of the meeting, for save_session."""
        texts = {name: self.cleaned_data[name] for name in ("ended_at", "briefing", "discussion")}
        return {**texts, "voting_method": self.cleaned_data["voting_method"]} if self.cleaned_data["voting_method"] \
            else texts

    def analyses(self):
        return {ballot.pk: self.cleaned_data[f"analysis_{ballot.pk}"] for ballot in self.ballots}

    def tallies(self):
        data = self.cleaned_data
        return {ballot.pk: (*(data[f"{name}_{ballot.pk}"] for name, _l in VOTE_FIELDS), data[f"downgrade_{ballot.pk}"])
                for ballot in self.ballots}
