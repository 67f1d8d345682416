"""Shared fixtures. Tests that read raw sources need them fetched or mirrored (HELPERS_DATA_MIRROR)."""

import pytest


@pytest.fixture(scope="session")
def headlines():
    from helpers.kcna.corpus import load_headlines

    return load_headlines()


@pytest.fixture(scope="session")
def stories():
    from helpers.kcna.corpus import load_stories

    return load_stories()


@pytest.fixture(scope="session")
def un_votes():
    from helpers.unvotes import load_un_votes

    return load_un_votes()
