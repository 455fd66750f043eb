"""An SSN is never stored as itself: not in any column of any table."""

import pytest
from django.db import connection

from cses.cases.intake import find_likely_duplicates, submit_application
from cses.cases.models import CaseSource
from cses.people.models import Person
from cses.synthetic.factories import make_case, sample_application

SSNS = ["123-45-6789", "078-05-1120"]


def _every_text_value():
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            description = connection.introspection.get_table_description(cursor, table)
            columns = [c.name for c in description]
            quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
            cursor.execute(f"SELECT {quoted} FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                for value in row:
                    if value is not None:
                        yield table, str(value)


@pytest.mark.django_db
def test_raw_ssn_is_in_no_table():
    # given cases and a queued online application carrying SSNs
    make_case(ncp_ssn=SSNS[0], cp_ssn=SSNS[1])
    submit_application(application=sample_application(ncp_ssn=SSNS[0]), channel=CaseSource.ONLINE)
    # then neither SSN appears, formatted or bare, in any table
    needles = {s for ssn in SSNS for s in (ssn, ssn.replace("-", ""))}
    leaks = [(t, v) for t, v in _every_text_value() if any(n in v for n in needles)]
    assert leaks == []


@pytest.mark.django_db
def test_exact_ssn_search_uses_the_blind_index_and_masking_shows_last_four():
    make_case(ncp_ssn="123-45-6789")
    found = find_likely_duplicates(ssn="123456789")
    assert [p.ssn_masked for p in found] == ["***-**-6789"]
    assert found[0].ssn_plaintext() == "123456789"
    assert Person.objects.filter(ssn_last4="6789").count() == 1
