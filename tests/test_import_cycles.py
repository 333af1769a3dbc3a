"""No module imports another that imports it back, at any depth (imports inside functions count).

A cycle makes import order matter and hides which part depends on which; graphene types that refer
to each other use import paths (`graphene.Field("storefront_api.catalog.types.products.Product")`)
instead.
"""

from __future__ import annotations

import grimp

PACKAGES = ("backend", "storefront_api", "plugins")


def _import_cycles(graph: grimp.ImportGraph) -> set[frozenset[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm, iterative)."""
    imports = {module: graph.find_modules_directly_imported_by(module) for module in graph.modules}
    index: dict[str, int] = {}
    lowest: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: set[frozenset[str]] = set()
    for start in sorted(imports):
        if start in index:
            continue
        work = [(start, iter(sorted(imports[start])))]
        index[start] = lowest[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            module, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = lowest[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(imports[child]))))
                elif child in on_stack:
                    lowest[module] = min(lowest[module], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                lowest[parent] = min(lowest[parent], lowest[module])
            if lowest[module] == index[module]:
                group = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.add(member)
                    if member == module:
                        break
                if len(group) > 1:
                    groups.add(frozenset(group))
    return groups


def test_no_module_imports_one_that_imports_it_back():
    # given the import graph of Haat's own packages
    graph = grimp.build_graph(*PACKAGES)
    # when its cycles are found
    cycles = _import_cycles(graph)
    # then there are none
    assert sorted(sorted(cycle) for cycle in cycles) == []
