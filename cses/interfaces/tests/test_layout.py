import datetime as dt

import pytest

from cses.interfaces.layout import Field, FieldError, FieldType, FileLayout, Layout, LayoutError

PERSON = Layout(
    "P",
    (
        Field("key", required=True, max_length=5),
        Field("born", FieldType.DATE),
        Field("kind", FieldType.CODE, codes=("A", "B")),
        Field("ssn", FieldType.SSN),
        Field("fein", FieldType.FEIN),
        Field("zip", FieldType.ZIP),
        Field("count", FieldType.COUNT),
    ),
)


def test_a_line_parses_to_typed_values():
    record = PERSON.parse("P|K1|20200229|A|123-45-6789|06-1234567|06103-1234|12\n")

    assert record.ok
    assert record.values == {
        "key": "K1",
        "born": dt.date(2020, 2, 29),
        "kind": "A",
        "ssn": "123456789",
        "fein": "061234567",
        "zip": "06103-1234",
        "count": 12,
    }


@pytest.mark.parametrize(
    ("line", "error"),
    [
        (
            "P||||||",
            FieldError("record", "a P record has 7 fields after the record type, this one has 6"),
        ),
        ("P|||||||", FieldError("key", "is required")),
        ("P|K123456||||||", FieldError("key", "longer than 5 characters")),
        (
            "P|K|2020-01-01|||||",
            FieldError("born", "'2020-01-01' is not a date in the form YYYYMMDD"),
        ),
        ("P|K|20210229|||||", FieldError("born", "'20210229' is not a real date")),
        ("P|K||C||||", FieldError("kind", "'C' is not one of A, B")),
        ("P|K|||000-12-3456|||", FieldError("ssn", "area number 000 is never issued")),
        ("P|K||||1234||", FieldError("fein", "an FEIN has nine digits")),
        ("P|K|||||6103|", FieldError("zip", "'6103' is not a ZIP code (12345 or 12345-6789)")),
        ("P|K||||||x", FieldError("count", "'x' is not a whole number")),
    ],
)
def test_each_fault_names_its_field_and_reason(line, error):
    assert PERSON.parse(line).errors == [error]


def test_the_writer_produces_what_the_reader_reads():
    values = {"key": "K1", "born": dt.date(2019, 12, 31), "kind": "B", "ssn": "123456789"}

    line = PERSON.write(values)

    assert line == "P|K1|20191231|B|123456789|||"
    assert PERSON.parse(line).values["born"] == dt.date(2019, 12, 31)


def test_the_writer_refuses_values_the_layout_does_not_allow():
    with pytest.raises(LayoutError) as e:
        PERSON.write({"key": "K|1", "kind": "Z"})
    assert [err.field for err in e.value.errors] == ["key"]

    with pytest.raises(LayoutError) as e:
        PERSON.write({"key": "K1", "kind": "Z"})
    assert e.value.errors == [FieldError("kind", "'Z' is not one of A, B")]

    with pytest.raises(LayoutError):
        PERSON.write({"key": "K1", "colour": "red"})


def test_a_file_layout_dispatches_on_the_record_type():
    file_layout = FileLayout("test", (PERSON, Layout("T", (Field("n", FieldType.COUNT),))))

    assert file_layout.parse("T|3").values == {"n": 3}
    assert file_layout.parse("X|3").errors == [
        FieldError("record_type", "'X' is not a record type (P, T)")
    ]
