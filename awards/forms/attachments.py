from django import forms

from awards.models import DocumentKind


class AttachmentForm(forms.Form):
    """One PDF for a list or a line. Which kinds fit where, and whether the file is a real PDF, the service decides."""

    kind = forms.ChoiceField(label="Loại tài liệu", choices=DocumentKind.choices)
    # Empty files pass here so the service can say, in its own words, why they are refused.
    file = forms.FileField(label="Tệp PDF", allow_empty_file=True)
