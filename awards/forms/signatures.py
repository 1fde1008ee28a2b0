"""Forms of the digital-signature pages. They check what was typed; the services read the files."""

from django import forms

from units.fields import CleanCharField
from units.forms import UnitChoiceField
from units.models import Unit

from awards.models import SigningCertificate


class CertificateUploadForm(forms.Form):
    unit = UnitChoiceField(label="Đơn vị", queryset=Unit.objects.none())
    label = CleanCharField(label="Tên gọi", max_length=200, required=False,
                           help_text="Ví dụ: “Chữ ký số Chủ tịch UBND xã”. Để trống: dùng tên người được cấp.")
    # Empty files pass here so the service can say, in its own words, why they are refused.
    file = forms.FileField(label="Tệp chứng thư số", allow_empty_file=True,
                           help_text="Tệp .p12/.pfx (có khóa, để ký trên cổng) hoặc .cer/.crt/.pem (chỉ chứng thư, "
                                     "để công nhận chữ ký đã ký bằng phần mềm, USB token).",
                           widget=forms.ClearableFileInput(attrs={"accept": ".p12,.pfx,.cer,.crt,.pem,.der"}))
    passphrase = forms.CharField(label="Mật khẩu của tệp .p12/.pfx", required=False, strip=False,
                                 help_text="Chỉ dùng để kiểm tra tệp, không được lưu lại.",
                                 widget=forms.PasswordInput(attrs={"autocomplete": "off"}))

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        first_two = list(units[:2])
        if len(first_two) == 1:
            self.fields["unit"].initial = first_two[0].pk

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload and upload.name.lower().endswith((".p12", ".pfx")) and not data.get("passphrase"):
            self.add_error("passphrase", "Nhập mật khẩu của tệp .p12/.pfx để cổng kiểm tra được tệp.")
        return data


class SignatureCheckForm(forms.Form):
    file = forms.FileField(label="Tệp PDF cần kiểm tra", allow_empty_file=True,
                           widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}))


class DocumentSignForm(forms.Form):
    certificate = forms.ModelChoiceField(label="Chứng thư số", queryset=SigningCertificate.objects.none(),
                                         empty_label=None)
    passphrase = forms.CharField(label="Mật khẩu của chứng thư", strip=False,
                                 help_text="Mật khẩu không được lưu; cần nhập lại mỗi lần ký.",
                                 widget=forms.PasswordInput(attrs={"autocomplete": "off"}))
    reason = CleanCharField(label="Lý do ký", max_length=200, initial="Ký ban hành văn bản")

    def __init__(self, *args, certificates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["certificate"].queryset = certificates
        self.fields["certificate"].label_from_instance = (
            lambda c: f"{c.label} — {c.subject_name} (hiệu lực đến {c.not_after:%d/%m/%Y})")


class SignedCopyUploadForm(forms.Form):
    """A copy of an issued document signed outside the portal (a USB token in desktop software)."""

    file = forms.FileField(label="Tệp quyết định đã ký số", allow_empty_file=True,
                           help_text="Tệp PDF tải từ trang này rồi ký bằng phần mềm ký số của đơn vị.",
                           widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}))
