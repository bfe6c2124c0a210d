"""Every handler of every block, found by introspection, and the workbench scenarios that reach each
block.

A handler made with `spoc_handler` carries its payload shape (`payload_shape`) and body limit; any
other XBlock handler is a plain one (files, CSV, calendar) that gets hostile requests of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.metadata import entry_points

PACKAGE = "spoc_xblocks."


@dataclass(frozen=True)
class HandlerInfo:
    block_type: str
    name: str
    shape: dict | None  # None for a plain handler
    max_bytes: int | None

    @property
    def is_json(self) -> bool:
        return self.shape is not None

    def __str__(self) -> str:
        return f"{self.block_type}.{self.name}"


def our_blocks() -> dict[str, type]:
    """Our XBlock classes by block type, as the platform finds them (the `xblock.v1` entry
    points)."""
    return {
        point.name: point.load()
        for point in entry_points(group="xblock.v1")
        if point.value.startswith(PACKAGE)
    }


def handlers_of(block_type: str, block_class: type) -> list[HandlerInfo]:
    found = []
    for name in sorted(dir(block_class)):
        method = getattr(block_class, name, None)
        if not getattr(method, "_is_xblock_handler", False):
            continue
        shape = getattr(method, "payload_shape", None)
        found.append(HandlerInfo(block_type, name, shape, getattr(method, "max_body_bytes", None)))
    return found


def every_handler() -> list[HandlerInfo]:
    return [
        info
        for block_type, block_class in sorted(our_blocks().items())
        for info in handlers_of(block_type, block_class)
    ]


def scenarios_of(scenarios: dict, block_type: str) -> list[str]:
    """The workbench scenario ids whose block is of `block_type` (ids read '<block type>.<n>')."""
    return sorted(
        scenario_id for scenario_id in scenarios if scenario_id.rsplit(".", 1)[0] == block_type
    )
