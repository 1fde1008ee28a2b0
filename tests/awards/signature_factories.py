"""Certificates made in the test: a test CA, signer certificates below it, wrapped as PKCS#12."""

import datetime
import io
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.core.files.uploadedfile import SimpleUploadedFile

PASSPHRASE = "mat-khau-chu-ky-1"
NOW = datetime.datetime.now(datetime.UTC)


def _name(common_name, organisation):
    return x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
        x509.NameAttribute(NameOID.COMMON_NAME, common_name),
    ])


def _usage(*, ca):
    return x509.KeyUsage(digital_signature=True, content_commitment=not ca, key_encipherment=False,
                         data_encipherment=False, key_agreement=False, key_cert_sign=ca, crl_sign=ca,
                         encipher_only=False, decipher_only=False)


@dataclass
class TestCA:
    key: ec.EllipticCurvePrivateKey
    cert: x509.Certificate

    @property
    def pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)


def make_ca(common_name="CA thử nghiệm Ban Cơ yếu", organisation="Ban Cơ yếu Chính phủ (thử nghiệm)") -> TestCA:
    key = ec.generate_private_key(ec.SECP256R1())
    name = _name(common_name, organisation)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(NOW - datetime.timedelta(days=3650)).not_valid_after(NOW + datetime.timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(_usage(ca=True), critical=True)
            .sign(key, hashes.SHA256()))
    return TestCA(key, cert)


@dataclass
class SignerIdentity:
    key: ec.EllipticCurvePrivateKey
    cert: x509.Certificate
    ca: TestCA

    @property
    def pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)

    @property
    def der(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.DER)

    def pkcs12(self, passphrase=PASSPHRASE) -> bytes:
        return pkcs12.serialize_key_and_certificates(
            b"chu-ky", self.key, self.cert, [self.ca.cert],
            serialization.BestAvailableEncryption(passphrase.encode("utf-8")))


def make_signer(ca: TestCA, common_name="Nguyễn Văn Bình", organisation="UBND xã Hạ Hòa", *,
                not_before=None, not_after=None) -> SignerIdentity:
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (x509.CertificateBuilder().subject_name(_name(common_name, organisation)).issuer_name(ca.cert.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(not_before or NOW - datetime.timedelta(days=30))
            .not_valid_after(not_after or NOW + datetime.timedelta(days=365))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(_usage(ca=False), critical=True)
            .sign(ca.key, hashes.SHA256()))
    return SignerIdentity(key, cert, ca)


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def register(identity, *, unit, actor, passphrase=PASSPHRASE, label="Chữ ký số Chủ tịch UBND xã"):
    """Register ``identity``'s PKCS#12 for ``unit`` through the service."""
    from awards import signatures

    return signatures.register_certificate(actor=actor, unit=unit, label=label,
                                           upload=upload("chu-ky.p12", identity.pkcs12(passphrase)),
                                           passphrase=passphrase)


def issued_plan(unit, *, actor, number=7, items=0):
    """A plan of ``unit`` issued through the service, so it has a frozen PDF with its SHA-256."""
    from campaigns import services

    from tests.conftest import make_plan

    fields = {}
    plan = make_plan(unit, **fields)
    if items:
        from campaigns.models import PlanSection

        body = "\n".join(f"- Nội dung thi đua số {i}: tổ chức thực hiện, kiểm tra, đánh giá kết quả hằng quý, "
                         "báo cáo về Thường trực Hội đồng Thi đua - Khen thưởng đúng thời hạn quy định."
                         for i in range(1, items + 1))
        PlanSection.objects.create(plan=plan, position=30, level=1, number="III.", heading="NỘI DUNG THI ĐUA",
                                   kind="content", body=body)
    return services.issue_plan(plan, actor=actor, number=number, issue_date=datetime.date(2026, 3, 4))


def pdf_pages(data: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)
