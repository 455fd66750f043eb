import pytest

from cses.accounts.roles import Role
from cses.synthetic.factories import make_case, make_user


@pytest.fixture
def worker(db):
    return make_user(Role.OCSS_WORKER, "HFD")


@pytest.fixture
def case(db, worker):
    return make_case(by=worker)


@pytest.fixture
def user_of(db):
    """user_of(role, office_code="HFD") -> a user with that role."""
    return make_user


@pytest.fixture
def case_of(db):
    return make_case
