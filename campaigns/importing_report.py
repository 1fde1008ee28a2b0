"""The import report: what the importer recognised, what it looked for in vain, what it decided.

Labels are the Vietnamese names a clerk knows ("Thời gian thi đua", "Nơi nhận"), so the
report can be shown as it is after an import, on the terminal or on a page.
"""

from dataclasses import dataclass, field

from campaigns.importing_dates import format_date, format_span
from campaigns.importing_rules import KIND_NAMES, plain


@dataclass
class ImportReport:
    """Recognised fields (label → value), what was looked for in vain, and what was decided."""

    recognised: dict[str, str] = field(default_factory=dict)
    not_recognised: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def as_dict(self):
        return {"recognised": dict(self.recognised), "not_recognised": list(self.not_recognised),
                "notes": list(self.notes)}

    def lines(self) -> list[str]:
        """The report as lines for a terminal or a page."""
        lines = ["Đã nhận ra:"] + [f"  {label}: {value}" for label, value in self.recognised.items()]
        if self.not_recognised:
            lines += ["Chưa nhận ra:"] + [f"  {item}" for item in self.not_recognised]
        if self.notes:
            lines += ["Ghi chú:"] + [f"  {item}" for item in self.notes]
        return lines


def describe(plan) -> None:
    """Write each field and rule of a parsed plan found, and each one looked for in vain, into its report."""
    found, missing = plan.report.recognised, plan.report.not_recognised

    def check(label, value, absent):
        if value:
            found[label] = value
        elif absent:
            missing.append(absent)

    check("Cơ quan chủ quản", plan.superior_body.replace("\n", " / "), "")
    check("Cơ quan ban hành", plan.issuer_name.replace("\n", " / "), "Không thấy tên cơ quan ban hành")
    check("Số, ký hiệu", plan.symbol and f"{plan.number or ''}/{plan.symbol}", "Không nhận ra số, ký hiệu (Số: …/…)")
    if plan.symbol and plan.number is None:
        plan.report.notes.append("Số văn bản để trống (bản dự thảo).")
    check("Địa danh", plan.place, "Không nhận ra địa danh, ngày tháng (… , ngày … tháng … năm …)")
    if plan.issue_year:
        found["Ngày ban hành"] = f"ngày {plan.issue_day or '…'} tháng {plan.issue_month or '…'} năm {plan.issue_year}"
        if not plan.issue_day:
            missing.append("Không nhận ra ngày ban hành (để trống trong văn bản)")
    elif plan.place:
        missing.append("Không nhận ra năm ban hành")
    check("Tên loại văn bản", plan.doc_type, "Không nhận ra tên loại văn bản (KẾ HOẠCH …)")
    check("Trích yếu", plan.title.replace("\n", " "), "Không nhận ra trích yếu")
    check("Văn bản căn cứ", "; ".join(r.text for r in plan.references),
          "Không thấy văn bản căn cứ (Căn cứ …, Thực hiện …)")
    check("Chủ đề", plan.theme, "")
    check("Số mục", plan.sections and str(len(plan.sections)), "Không nhận ra mục nào (I., 1., a) …)")
    check("Thời gian thi đua", (plan.period_end or plan.period_start) and format_span(
        plan.period_start, plan.period_end, from_issue=plan.period_from_issue),
        "Không thấy thời gian thi đua (Từ ngày … đến ngày …)")
    check("Loại phong trào thi đua", plan.kind and f"{KIND_NAMES[plan.kind]} ({plan.kind_reason})",
          "Không nhận ra loại phong trào thi đua (thường xuyên, hay theo chuyên đề, theo đợt)")
    check("Mốc thời gian", "; ".join(f"{format_date(m.date)} {m.label}" for m in plan.milestones),
          "Không thấy mốc chỉ tiêu, sơ kết, tổng kết có ngày cụ thể")
    check("Hình thức khen thưởng", "; ".join(
        f"{t.award_name} ({_subjects(t)}{', ' + t.quota_note if t.quota_note else ''})" for t in plan.award_tiers),
        "Không thấy hình thức khen thưởng (Giấy khen, Bằng khen …) trong các mục khen thưởng")
    for tier in plan.award_tiers:
        if not tier.subjects_stated:
            missing.append(f"Không thấy đối tượng (tập thể, cá nhân) của {tier.award_name}")
    check("Hạn nộp hồ sơ", format_date(plan.dossier_deadline), "Không thấy hạn nộp hồ sơ đề nghị khen thưởng")
    check("Nơi nhận hồ sơ", plan.dossier_place, "Không thấy nơi nhận hồ sơ (gửi về …)")
    check("Thành phần hồ sơ", "; ".join(r.name for r in plan.dossier_requirements),
          "Không thấy danh sách thành phần hồ sơ (Mẫu số …)")
    check("Đoạn kết", plain(plan.closing)[:80], "Không thấy đoạn kết (…/.)")
    check("Nơi nhận", plan.recipients and f"{len(plan.recipients)} nơi", "Không thấy nơi nhận")
    check("Người ký", " / ".join(filter(None, [f"{plan.sign_prefix} {plan.sign_on_behalf}".strip(),
                                               plan.signer_title, plan.signer_name])), "Không thấy chữ ký")


def _subjects(tier):
    names = [name for name, on in (("tập thể", tier.for_collectives), ("cá nhân", tier.for_individuals),
                                   ("hộ gia đình", tier.for_households)) if on]
    return ", ".join(names)
