"""Linear-time graph algorithms on integer-indexed graphs, and the node graph of a scenario."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .model import Scenario


def strongly_connected_components(successors: Sequence[Sequence[int]]) -> list[list[int]]:
    """Tarjan's algorithm without recursion; components come out sinks first (reverse topological
    order)."""
    count = len(successors)
    index = [-1] * count
    low = [0] * count
    on_stack = [False] * count
    stack: list[int] = []
    components: list[list[int]] = []
    counter = 0
    for root in range(count):
        if index[root] != -1:
            continue
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack[root] = True
        work = [(root, iter(successors[root]))]
        while work:
            vertex, following = work[-1]
            for successor in following:
                if index[successor] == -1:
                    index[successor] = low[successor] = counter
                    counter += 1
                    stack.append(successor)
                    on_stack[successor] = True
                    work.append((successor, iter(successors[successor])))
                    break
                if on_stack[successor] and index[successor] < low[vertex]:
                    low[vertex] = index[successor]
            else:
                work.pop()
                if work and low[vertex] < low[work[-1][0]]:
                    low[work[-1][0]] = low[vertex]
                if low[vertex] == index[vertex]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack[member] = False
                        component.append(member)
                        if member == vertex:
                            break
                    components.append(component)
    return components


def is_cycle(component: Sequence[int], successors: Sequence[Sequence[int]]) -> bool:
    """Whether a strongly connected component contains a cycle (several members, or one with a
    self-loop)."""
    return len(component) > 1 or component[0] in successors[component[0]]


def reachable(successors: Sequence[Sequence[int]], sources: Iterable[int]) -> list[bool]:
    """Breadth-first search: which vertices can be reached from `sources`."""
    seen = [False] * len(successors)
    queue = deque()
    for source in sources:
        if not seen[source]:
            seen[source] = True
            queue.append(source)
    while queue:
        for successor in successors[queue.popleft()]:
            if not seen[successor]:
                seen[successor] = True
                queue.append(successor)
    return seen


def reversed_edges(successors: Sequence[Sequence[int]]) -> list[list[int]]:
    predecessors: list[list[int]] = [[] for _ in successors]
    for vertex, following in enumerate(successors):
        for successor in following:
            predecessors[successor].append(vertex)
    return predecessors


@dataclass(frozen=True)
class ScenarioGraph:
    """The scenario's nodes as integers (authored order, first of duplicate ids) and the edges of
    existing targets.

    Edges follow every choice regardless of its condition. `component_of[i]` numbers the strongly
    connected components so that an edge never goes from a lower to a higher component number.
    """

    ids: list[str]
    index: dict[str, int]
    successors: list[list[int]]
    components: list[list[int]]
    component_of: list[int]
    cyclic: list[bool]

    def in_cycle(self, node_id: str) -> bool:
        return self.cyclic[self.component_of[self.index[node_id]]]


@lru_cache(maxsize=4)
def scenario_graph(scenario: Scenario) -> ScenarioGraph:
    """The node graph; cached because the validator and the state exploration both need it."""
    ids = list(dict.fromkeys(scenario.node_ids))
    index = {node_id: position for position, node_id in enumerate(ids)}
    successors = [
        [
            index[choice.target]
            for choice in scenario.node(node_id).choices
            if choice.target in index
        ]
        for node_id in ids
    ]
    components = strongly_connected_components(successors)
    component_of = [0] * len(ids)
    for number, component in enumerate(components):
        for member in component:
            component_of[member] = number
    cyclic = [is_cycle(component, successors) for component in components]
    return ScenarioGraph(ids, index, successors, components, component_of, cyclic)
