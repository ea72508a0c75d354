"""A demo store made once per run; each data-safety test copies its database."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.storage.store_files import make_store


@pytest.fixture(scope="session")
def store_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_store(tmp_path_factory.mktemp("store-template"))


@pytest.fixture
def store(tmp_path: Path, store_template: Path) -> Path:
    """A data directory with the demo store's database in it; returns the database."""
    return make_store(tmp_path / "data", store_template)
