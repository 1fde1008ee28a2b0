"""The ``<id:...>`` path converter: a row id in a URL, or no match (404) when it cannot be one.

Django's ``<int:...>`` takes any run of digits; an id past the 64-bit range then reached the database
(SQLite raised OverflowError, PostgreSQL DataError) and the page answered 500. Registered when this
module is imported: every urls module that uses ``<id:...>`` imports it.
"""

from django.urls import register_converter

from units.params import MAX_ID


class IdConverter:
    regex = "[0-9]+"

    def to_python(self, value: str) -> int:
        number = int(value)
        if not 1 <= number <= MAX_ID:
            raise ValueError("not a row id")  # the URL does not match: 404
        return number

    def to_url(self, value) -> str:
        return str(int(value))


register_converter(IdConverter, "id")
