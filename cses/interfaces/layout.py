"""Declarative record layouts for the files exchanged with partner agencies.

A ``Layout`` lists a record type's fields in order; the same description parses and validates an
inbound line and writes an outbound one, so a file's reader and its writer cannot drift apart.
A ``FileLayout`` groups the record types of one file, told apart by the first field of a line.
Pure Python: no Django imports.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from cses.rules.ssn import InvalidSSN, normalize_ssn


class FieldType(StrEnum):
    STR = "str"
    DATE = "date"  # YYYYMMDD
    CODE = "code"  # one of the field's codes
    SSN = "ssn"  # nine digits, dashes allowed, never an unissued number
    FEIN = "fein"  # nine digits, a dash after the second allowed
    ZIP = "zip"  # 12345 or 12345-6789
    COUNT = "count"  # a whole number, zero or more
    YYMMDD = "yymmdd"  # six digits, a date of this century (NACHA files)


_ZIP = re.compile(r"^\d{5}(-\d{4})?$")
_FEIN = re.compile(r"^\d{2}-?\d{7}$")


@dataclass(frozen=True)
class Field:
    name: str
    type: FieldType = FieldType.STR
    required: bool = False
    codes: tuple[str, ...] = ()
    max_length: int | None = None
    description: str = ""
    width: int | None = None  # in a fixed-width record: the field's length in characters


@dataclass(frozen=True)
class FieldError:
    field: str
    reason: str


@dataclass
class Record:
    """One parsed line: its values by field name (``None`` when blank) and what was wrong."""

    record_type: str
    values: dict[str, Any]
    errors: list[FieldError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class LayoutError(ValueError):
    """A record could not be written: the values break the layout."""

    def __init__(self, errors: list[FieldError]):
        self.errors = errors
        super().__init__("; ".join(f"{e.field}: {e.reason}" for e in errors))


def _parse_value(f: Field, raw: str) -> Any:
    """The typed value of a non-blank ``raw``; ValueError says why it is not valid."""
    if f.max_length is not None and len(raw) > f.max_length:
        raise ValueError(f"longer than {f.max_length} characters")
    if f.type is FieldType.DATE:
        if not re.fullmatch(r"\d{8}", raw):
            raise ValueError(f"{raw!r} is not a date in the form YYYYMMDD")
        try:
            return dt.date(int(raw[:4]), int(raw[4:6]), int(raw[6:]))
        except ValueError:
            raise ValueError(f"{raw!r} is not a real date") from None
    if f.type is FieldType.YYMMDD:
        if not re.fullmatch(r"\d{6}", raw):
            raise ValueError(f"{raw!r} is not a date in the form YYMMDD")
        try:
            return dt.date(2000 + int(raw[:2]), int(raw[2:4]), int(raw[4:]))
        except ValueError:
            raise ValueError(f"{raw!r} is not a real date") from None
    if f.type is FieldType.CODE:
        if raw not in f.codes:
            raise ValueError(f"{raw!r} is not one of {', '.join(f.codes)}")
        return raw
    if f.type is FieldType.SSN:
        try:
            return normalize_ssn(raw)
        except InvalidSSN as e:
            raise ValueError(str(e)) from None
    if f.type is FieldType.FEIN:
        if not _FEIN.match(raw):
            raise ValueError("an FEIN has nine digits")
        return raw.replace("-", "")
    if f.type is FieldType.COUNT:
        if not raw.isdigit():
            raise ValueError(f"{raw!r} is not a whole number")
        return int(raw)
    if f.type is FieldType.ZIP:
        if not _ZIP.match(raw):
            raise ValueError(f"{raw!r} is not a ZIP code (12345 or 12345-6789)")
        return raw
    return raw


def parse_value(f: Field, raw: str) -> Any:
    """The typed value of a non-blank ``raw`` for field ``f`` (for readers of other framings,
    such as CSV); ValueError says why it is not valid."""
    return _parse_value(f, raw)


def _format_value(f: Field, value: Any) -> str:
    if value is None or value == "":
        return ""
    if f.type is FieldType.DATE:
        if not isinstance(value, dt.date):
            raise ValueError("a date is required")
        return value.strftime("%Y%m%d")
    if f.type is FieldType.YYMMDD:
        if not isinstance(value, dt.date):
            raise ValueError("a date is required")
        return value.strftime("%y%m%d")
    return str(value)


@dataclass(frozen=True)
class Layout:
    """One record type: its code (the line's first field) and its fields in order."""

    record_type: str
    fields: tuple[Field, ...]
    description: str = ""
    delimiter: str = "|"

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def parse(self, line: str) -> Record:
        parts = line.rstrip("\r\n").split(self.delimiter)
        if parts[0] != self.record_type:
            return Record(
                parts[0],
                {},
                [FieldError("record_type", f"expected {self.record_type!r}, found {parts[0]!r}")],
            )
        raw_values = parts[1:]
        if len(raw_values) != len(self.fields):
            return Record(
                self.record_type,
                {},
                [
                    FieldError(
                        "record",
                        f"a {self.record_type} record has {len(self.fields)} fields after the "
                        f"record type, this one has {len(raw_values)}",
                    )
                ],
            )
        values: dict[str, Any] = {}
        errors: list[FieldError] = []
        for f, raw in zip(self.fields, raw_values, strict=True):
            raw = raw.strip()
            if not raw:
                values[f.name] = None
                if f.required:
                    errors.append(FieldError(f.name, "is required"))
                continue
            try:
                values[f.name] = _parse_value(f, raw)
            except ValueError as e:
                values[f.name] = None
                errors.append(FieldError(f.name, str(e)))
        return Record(self.record_type, values, errors)

    def write(self, values: dict[str, Any]) -> str:
        """The line for ``values`` (no line end), checked against the layout as a reader would."""
        unknown = set(values) - set(self.field_names)
        if unknown:
            raise LayoutError(
                [FieldError(n, "is not a field of this layout") for n in sorted(unknown)]
            )
        errors: list[FieldError] = []
        out = [self.record_type]
        for f in self.fields:
            try:
                text = _format_value(f, values.get(f.name))
            except ValueError as e:
                errors.append(FieldError(f.name, str(e)))
                continue
            if self.delimiter in text or "\n" in text or "\r" in text:
                errors.append(FieldError(f.name, "contains the delimiter or a line break"))
                continue
            out.append(text)
        if errors:
            raise LayoutError(errors)
        line = self.delimiter.join(out)
        check = self.parse(line)
        if check.errors:
            raise LayoutError(check.errors)
        return line


class _RecordTypes:
    """What a file of several record types does: find a line's layout by its record type, then
    parse it, or write a record of a named type. Subclasses say where the type is in a line."""

    layouts: tuple

    def record_type_of(self, line: str) -> str:
        raise NotImplementedError

    def layout_for(self, record_type: str):
        return next((lay for lay in self.layouts if lay.record_type == record_type), None)

    def parse(self, line: str) -> Record:
        record_type = self.record_type_of(line)
        layout = self.layout_for(record_type)
        if layout is None:
            codes = ", ".join(lay.record_type for lay in self.layouts)
            return Record(
                record_type,
                {},
                [FieldError("record_type", f"{record_type!r} is not a record type ({codes})")],
            )
        return layout.parse(line)

    def write(self, record_type: str, values: dict[str, Any]) -> str:
        layout = self.layout_for(record_type)
        if layout is None:
            raise LayoutError([FieldError("record_type", f"{record_type!r} is not a record type")])
        return layout.write(values)


@dataclass(frozen=True)
class FileLayout(_RecordTypes):
    """The record types of one file."""

    name: str
    layouts: tuple[Layout, ...]
    delimiter: str = "|"

    def record_type_of(self, line: str) -> str:
        return line.split(self.delimiter, 1)[0].strip()


# --- Fixed-width records ----------------------------------------------------------------------


@dataclass(frozen=True)
class FixedLayout:
    """A fixed-width record type: its code (the line's first characters) and its fields, each
    with a ``width``. Counts are right-justified and zero-filled, everything else left-justified
    and space-filled (the NACHA conventions)."""

    record_type: str
    fields: tuple[Field, ...]
    description: str = ""

    @property
    def length(self) -> int:
        return len(self.record_type) + sum(f.width or 0 for f in self.fields)

    def positions(self) -> list[tuple[Field, int, int]]:
        """Each field with its first and last position, counted from 1 as layouts print them."""
        out, start = [], len(self.record_type) + 1
        for f in self.fields:
            out.append((f, start, start + (f.width or 0) - 1))
            start += f.width or 0
        return out

    def parse(self, line: str) -> Record:
        line = line.rstrip("\r\n")
        if not line.startswith(self.record_type):
            return Record(
                line[: len(self.record_type)],
                {},
                [FieldError("record_type", f"expected {self.record_type!r}")],
            )
        if len(line) != self.length:
            return Record(
                self.record_type,
                {},
                [
                    FieldError(
                        "record",
                        f"a {self.record_type} record is {self.length} characters long, "
                        f"this one is {len(line)}",
                    )
                ],
            )
        values: dict[str, Any] = {}
        errors: list[FieldError] = []
        for f, start, end in self.positions():
            raw = line[start - 1 : end].strip()
            if not raw:
                values[f.name] = None
                if f.required:
                    errors.append(FieldError(f.name, "is required"))
                continue
            try:
                values[f.name] = _parse_value(f, raw)
            except ValueError as e:
                values[f.name] = None
                errors.append(FieldError(f.name, str(e)))
        return Record(self.record_type, values, errors)

    def write(self, values: dict[str, Any]) -> str:
        """The record for ``values``, checked against the layout as a reader would."""
        unknown = set(values) - {f.name for f in self.fields}
        if unknown:
            raise LayoutError(
                [FieldError(n, "is not a field of this layout") for n in sorted(unknown)]
            )
        errors: list[FieldError] = []
        out = [self.record_type]
        for f in self.fields:
            width = f.width or 0
            try:
                text = _format_value(f, values.get(f.name))
            except ValueError as e:
                errors.append(FieldError(f.name, str(e)))
                continue
            if len(text) > width:
                errors.append(FieldError(f.name, f"longer than {width} characters"))
                continue
            out.append(text.rjust(width, "0") if f.type is FieldType.COUNT else text.ljust(width))
        if errors:
            raise LayoutError(errors)
        line = "".join(out)
        check = self.parse(line)
        if check.errors:
            raise LayoutError(check.errors)
        return line


@dataclass(frozen=True)
class FixedFileLayout(_RecordTypes):
    """The fixed-width record types of one file, told apart by the line's first character."""

    name: str
    layouts: tuple[FixedLayout, ...]

    def record_type_of(self, line: str) -> str:
        return line[:1]
