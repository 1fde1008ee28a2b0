"""Text fields that normalise what comes in: the one door every form of the portal goes through.

Every typed text passes ``units.text.checked_text`` (NFC, control characters removed, bidi
controls refused, trimmed, length checked) before it is stored. Rather than a ``clean_*`` method
in each form, the fields themselves do it, at three levels that together reach every form:

- ``CharField`` / ``TextField`` / ``MultilineCharField`` are the model fields of every free text of
  the portal's models. Their ``formfield()`` gives ``CleanCharField``, so every ModelForm built
  from them — the pages' ModelForms and inline formsets, and every form and inline of the Django
  admin (which builds its forms from the model fields too) — normalises without a line of its own.
  Their ``clean()`` (run by ``full_clean()``) normalises as well, so a service or an import that
  validates its rows before saving stores the same text a form would. A TextField carries a
  ``max_length`` (forms and ``full_clean`` check it; the database checks it through the named
  constraint ``length_limit`` builds, since a TEXT column has no length of its own).
- ``CleanCharField`` is the form field of every plain form (``forms.Form``): the form modules
  declare it where they would declare ``forms.CharField`` (passwords keep Django's field: they
  are hashed as typed). A Textarea widget makes it multi-line (line breaks and tabs kept).
- The model fields deconstruct as Django's own fields: the columns are Django's, only what
  happens before a value reaches them differs, so migrations record no change of type.

tests/units/test_text_at_the_door.py walks every model, every form class and every admin form
of the portal and fails if one of them lets text in another way.
"""

from django import forms
from django.core import validators
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils.text import capfirst

from units.text import checked_text, vi_number

# How long the models' multi-line texts may be (characters), with wide room over real texts: the
# longest plan section of the seed plans is under 1,000 characters, a whole plan under 14,000. A
# summary of 20,000 characters prints on about eight pages; a million would stall every PDF.
TITLE = 1_000  # a plan's or decision's trích yếu
NOTE = 5_000  # notes, citations, a plan's theme
REASON = 5_000  # a reason typed for a refusal, a revocation, an extension
RECIPIENTS = 5_000  # nơi nhận, one a line
SUMMARY = 20_000  # achievement summaries, standards, a decision's articles, a plan's preamble and closing
BODY = 50_000  # one section of a plan
RECORD = 50_000  # texts the portal writes itself: events, signature checks, job errors

MAX_LENGTH_MESSAGE = "Tối đa %(limit_value)s ký tự (nội dung đang có %(show_value)s ký tự)."


class MaxLengthValidator(validators.MaxLengthValidator):
    """Django's check, in the portal's words, with both numbers written as Vietnamese writes them (20.000)."""

    message = MAX_LENGTH_MESSAGE

    def __call__(self, value):
        if len(value) > self.limit_value:
            params = {"limit_value": vi_number(self.limit_value), "show_value": vi_number(len(value)), "value": value}
            raise ValidationError(self.message, code=self.code, params=params)


class CleanCharField(forms.CharField):
    """A form's text field whose value is normalised (units.text.checked_text) before it is validated."""

    default_error_messages = {"max_length": MAX_LENGTH_MESSAGE}

    def __init__(self, *, multiline=None, **kwargs):
        super().__init__(**kwargs)
        self._multiline = multiline
        self.validators = [MaxLengthValidator(v.limit_value) if type(v) is validators.MaxLengthValidator else v
                           for v in self.validators]

    @property
    def multiline(self):
        """Line breaks and tabs are kept where the field says so, or else where they can be typed (a Textarea)."""
        return isinstance(self.widget, forms.Textarea) if self._multiline is None else self._multiline

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return value
        # The length is checked by the field's own validator, after cleaning, with its message.
        value = checked_text(value, multiline=self.multiline, label=capfirst(self.label or "Nội dung"))
        return value or self.empty_value


class _Normalising:
    """What the portal's text model fields share: the form field, cleaning, Django's own path."""

    multiline = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Django checks a CharField's length in its own words, a TextField's not at all: ours for both.
        self.validators[:] = [v for v in self.validators if type(v) is not validators.MaxLengthValidator]
        if self.max_length is not None:
            self.validators.append(MaxLengthValidator(self.max_length))

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": CleanCharField, **kwargs})

    def clean(self, value, model_instance):
        value = self.to_python(value)
        if isinstance(value, str):
            value = checked_text(value, multiline=self.multiline, label=capfirst(self.verbose_name))
        self.validate(value, model_instance)
        self.run_validators(value)
        return value

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        django_field = next(cls for cls in type(self).__mro__ if cls.__module__.startswith("django.db.models"))
        return name, f"django.db.models.{django_field.__name__}", args, kwargs


class CharField(_Normalising, models.CharField):
    """A one-line text column (a name, a number, a title): line breaks and tabs become spaces."""


class MultilineCharField(_Normalising, models.CharField):
    """A short text column printed on several lines (an issuer's name in a document header)."""

    multiline = True

    def formfield(self, **kwargs):
        return super().formfield(**{"multiline": True, **kwargs})


class TextField(_Normalising, models.TextField):
    """A multi-line text column; ``max_length`` is required and checked in forms, full_clean and
    (with ``length_limit`` in the model's Meta) by the database."""

    multiline = True

    def __init__(self, *args, **kwargs):
        if kwargs.get("max_length") is None:
            raise TypeError("A portal TextField needs max_length (and a length_limit constraint).")
        super().__init__(*args, **kwargs)


def length_limit(field_name: str, limit: int) -> models.CheckConstraint:
    """The database's own check that ``field_name`` holds at most ``limit`` characters.

    SQLite and PostgreSQL both refuse a longer value (IntegrityError), whatever wrote it. The
    name is the model's: ``<app>_<model>_<field>_max_length``.
    """
    return models.CheckConstraint(condition=LessThanOrEqual(Length(field_name), limit),
                                  name=f"%(app_label)s_%(class)s_{field_name}_max_length")
