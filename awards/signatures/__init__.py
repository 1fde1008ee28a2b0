"""Digital signatures (PAdES) on the PDFs the portal issues: register a certificate, sign, verify.

Signing and checking take bytes and give bytes or a report; they know nothing of plans or
decisions, so any issued document can be signed with ``sign_document_pdf(unit, pdf, …)``.
A PKCS#12 file is kept exactly as uploaded, still locked by its passphrase; the passphrase is
never stored and is asked again at every signing. A certificate registered without a key only
makes signatures made elsewhere (a USB token in desktop software) count as the unit's.

Trust is the portal's register: a signature is trusted when its certificate, or a certificate
above it in its chain, is registered and in use, and the certificate was valid on the signing
date. No revocation list is fetched (many intranets cannot reach the CA); that is said on the page.
"""

from awards.signatures.keys import (
    CERTIFICATE_MAX_BYTES,
    MANAGING_ROLES,
    SIGNING_ROLES,
    can_manage_certificates,
    certificate_facts,
    deactivate_certificate,
    managed_units,
    official_datetime,
    read_certificate,
    read_pkcs12,
    register_certificate,
)
from awards.signatures.signing import (
    SignedPdf,
    can_sign_for,
    sign_document_pdf,
    sign_pdf,
    sign_plan,
    signable_plans,
    signing_certificates,
)
from awards.signatures.verification import (  # noqa: F401
    MODIFICATION_WORDS,
    SignatureFinding,
    SignatureReport,
    verify_pdf,
)
