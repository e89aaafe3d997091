"""The fuzz walks' world: one object of every kind, a person in every role."""

from __future__ import annotations

import pytest

from tests.fuzz.world import World, world_build


@pytest.fixture
def world(db) -> World:
    return world_build()
