"""The entity graph and its two writers: GraphML and GEXF (Gephi, networkx, yEd, Cytoscape).

Nodes are entities (kind, country, mentions); edges are events between actors (one edge per pair, type
and subtype, with statuses, times and counts) and co-mentions (articles naming both). Read-only.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import combinations
from typing import IO, Any
from xml.etree import ElementTree as ET

from newsift.exports.tables import event_time
from newsift.model import Actor, Event
from newsift.store import Store, iter_articles

__all__ = ["EntityGraph", "GraphEdge", "GraphNode", "build_entity_graph", "write_gexf", "write_graphml"]

_STATUS_ORDER = ("denied", "confirmed", "alleged", "speculated", "planned", "attributed", "asserted")
NODE_ATTRS = (("label", "string"), ("kind", "string"), ("country", "string"), ("mentions", "int"))
EDGE_ATTRS = (
    ("relation", "string"),
    ("type", "string"),
    ("subtype", "string"),
    ("status", "string"),
    ("time", "string"),
    ("last_time", "string"),
    ("count", "int"),
    ("n_articles", "int"),
)


@dataclass(frozen=True, slots=True, kw_only=True)
class GraphNode:
    id: str
    label: str
    kind: str | None = None
    country: str | None = None
    mentions: int = 0


@dataclass(slots=True, kw_only=True)
class GraphEdge:
    """Events of one type between two actors (``relation="event"``), or a co-mention (``"co_mention"``)."""

    source: str
    target: str
    relation: str
    type: str
    subtype: str | None = None
    statuses: set[str] = field(default_factory=set)
    times: list[str] = field(default_factory=list)
    count: int = 0
    article_ids: set[str] = field(default_factory=set)

    @property
    def id(self) -> str:
        return ":".join((self.relation, self.source, self.target, self.type, self.subtype or ""))

    def attributes(self) -> dict[str, Any]:
        ordered = [s for s in _STATUS_ORDER if s in self.statuses]
        ordered += sorted(self.statuses - set(_STATUS_ORDER))
        return {
            "relation": self.relation,
            "type": self.type,
            "subtype": self.subtype,
            "status": "; ".join(ordered) or None,
            "time": min(self.times) if self.times else None,
            "last_time": max(self.times) if self.times else None,
            "count": self.count,
            "n_articles": len(self.article_ids),
        }


@dataclass(frozen=True, slots=True)
class EntityGraph:
    nodes: tuple[GraphNode, ...]
    edges: tuple[GraphEdge, ...]


def _key(actor: Actor) -> str | None:
    return actor.id or actor.code


def _pairs(event: Event) -> Iterator[tuple[Actor, Actor]]:
    if event.source and event.target:
        yield from ((s, t) for s in event.source for t in event.target)
    else:
        ordered = sorted(event.participants, key=lambda a: _key(a) or "")
        yield from combinations(ordered, 2)


def _event_edges(events: Iterable[Event], extra: dict[str, GraphNode]) -> list[GraphEdge]:
    edges: dict[tuple[str, str, str, str], GraphEdge] = {}
    for event in events:
        when = event_time(event)["time"]
        for first, second in _pairs(event):
            a, b = _key(first), _key(second)
            if not a or not b or a == b:
                continue
            for actor, key in ((first, a), (second, b)):
                extra.setdefault(key, GraphNode(id=key, label=actor.text, country=actor.code))
            type_ = str(event.type)
            edge = edges.setdefault(
                (a, b, type_, event.subtype or ""),
                GraphEdge(source=a, target=b, relation="event", type=type_, subtype=event.subtype),
            )
            edge.count += 1
            edge.statuses.add(str(event.status))
            edge.article_ids.add(event.evidence.article_id)
            if when:
                edge.times.append(when)
    return list(edges.values())


def _co_mention_edges(store: Store) -> list[GraphEdge]:
    edges: dict[tuple[str, str], GraphEdge] = {}
    for article in iter_articles(store):
        ids = sorted({m.entity_id for m in store.query_mentions(article.id) if m.entity_id})
        for a, b in combinations(ids, 2):
            edge = edges.setdefault(
                (a, b), GraphEdge(source=a, target=b, relation="co_mention", type="co_mention")
            )
            edge.count += 1
            edge.article_ids.add(article.id)
    return [edges[key] for key in sorted(edges)]


def build_entity_graph(store: Store) -> EntityGraph:
    """Entities as nodes; events and co-mentions as edges (actors not stored as entities become nodes)."""
    nodes = {
        e.id: GraphNode(id=e.id, label=e.name, kind=str(e.kind), country=e.country, mentions=n)
        for e, n in store.query_entities(limit=10**9)
    }
    extra: dict[str, GraphNode] = {}
    edges = _event_edges(store.query_events(), extra) + _co_mention_edges(store)
    for key, node in extra.items():
        nodes.setdefault(key, node)
    for edge in edges:  # a co-mention edge may name an entity the entities query left out
        for key in (edge.source, edge.target):
            nodes.setdefault(key, GraphNode(id=key, label=key))
    return EntityGraph(nodes=tuple(nodes.values()), edges=tuple(edges))


def _node_attributes(node: GraphNode) -> dict[str, Any]:
    return {"label": node.label, "kind": node.kind, "country": node.country, "mentions": node.mentions}


def _write(root: ET.Element, out: IO[bytes]) -> None:
    ET.indent(root)
    ET.ElementTree(root).write(out, encoding="utf-8", xml_declaration=True)


def write_graphml(graph: EntityGraph, out: IO[bytes]) -> int:
    """The graph as GraphML (directed; typed ``<key>``s); returns the number of nodes and edges."""
    ns = "http://graphml.graphdrawing.org/xmlns"
    root = ET.Element("graphml", {"xmlns": ns})
    for domain, attrs in (("node", NODE_ATTRS), ("edge", EDGE_ATTRS)):
        for name, kind in attrs:
            ET.SubElement(
                root, "key", {"id": f"{domain}_{name}", "for": domain, "attr.name": name, "attr.type": kind}
            )
    body = ET.SubElement(root, "graph", {"id": "newsift", "edgedefault": "directed"})
    for node in graph.nodes:
        _graphml_data(ET.SubElement(body, "node", {"id": node.id}), "node", _node_attributes(node))
    for edge in graph.edges:
        element = ET.SubElement(body, "edge", {"id": edge.id, "source": edge.source, "target": edge.target})
        _graphml_data(element, "edge", edge.attributes())
    _write(root, out)
    return len(graph.nodes) + len(graph.edges)


def _graphml_data(element: ET.Element, domain: str, values: dict[str, Any]) -> None:
    for name, value in values.items():
        if value is not None:
            ET.SubElement(element, "data", {"key": f"{domain}_{name}"}).text = str(value)


def write_gexf(graph: EntityGraph, out: IO[bytes]) -> int:
    """The graph as GEXF 1.2 (directed, edge weight = count); returns the number of nodes and edges."""
    root = ET.Element("gexf", {"xmlns": "http://www.gexf.net/1.2draft", "version": "1.2"})
    body = ET.SubElement(root, "graph", {"mode": "static", "defaultedgetype": "directed"})
    declarations: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
        ("node", NODE_ATTRS[1:]),
        ("edge", EDGE_ATTRS),
    )
    for domain, attrs in declarations:
        declared = ET.SubElement(body, "attributes", {"class": domain})
        for name, kind in attrs:
            ET.SubElement(
                declared, "attribute", {"id": name, "title": name, "type": kind.replace("int", "integer")}
            )
    nodes = ET.SubElement(body, "nodes")
    for node in graph.nodes:
        element = ET.SubElement(nodes, "node", {"id": node.id, "label": node.label})
        _gexf_values(element, {k: v for k, v in _node_attributes(node).items() if k != "label"})
    edges = ET.SubElement(body, "edges")
    for edge in graph.edges:
        ends = {"id": edge.id, "source": edge.source, "target": edge.target, "weight": str(edge.count)}
        _gexf_values(ET.SubElement(edges, "edge", ends), edge.attributes())
    _write(root, out)
    return len(graph.nodes) + len(graph.edges)


def _gexf_values(element: ET.Element, values: dict[str, Any]) -> None:
    present = {k: v for k, v in values.items() if v is not None}
    if present:
        holder = ET.SubElement(element, "attvalues")
        for name, value in present.items():
            ET.SubElement(holder, "attvalue", {"for": name, "value": str(value)})
