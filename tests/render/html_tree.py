"""HTML fragments as element trees, for tests that check structure rather than search text.

The standard library's ``html.parser`` reads the fragment; every start tag
must be closed by its own end tag (void elements such as ``<img>`` excepted),
so a parse that succeeds also says the fragment is well nested. Elements are
:mod:`xml.etree.ElementTree` elements: ``iter``, ``findall`` with simple
paths (``.//td[@class='num']``) and ``itertext`` work on them.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


class _TreeParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = ET.Element("fragment")
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        element = ET.SubElement(self.stack[-1], tag, {name: value or "" for name, value in attrs})
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs):
        ET.SubElement(self.stack[-1], tag, {name: value or "" for name, value in attrs})

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        open_tag = self.stack[-1].tag if len(self.stack) > 1 else None
        if tag != open_tag:
            raise ValueError(f"</{tag}> closes <{open_tag}>")
        self.stack.pop()

    def handle_data(self, data):
        parent = self.stack[-1]
        if len(parent):
            parent[-1].tail = (parent[-1].tail or "") + data
        else:
            parent.text = (parent.text or "") + data


def parse_html(markup) -> ET.Element:
    """The fragment ``markup`` under a ``<fragment>`` root; raises ``ValueError`` when a tag is
    closed out of order or left open."""
    parser = _TreeParser()
    parser.feed(str(markup))
    parser.close()
    if len(parser.stack) > 1:
        raise ValueError(f"<{parser.stack[-1].tag}> is never closed")
    return parser.root


def text(element: ET.Element) -> str:
    """The text a reader sees in ``element``, whitespace collapsed."""
    return re.sub(r"\s+", " ", "".join(element.itertext())).strip()


def classes(element: ET.Element) -> list[str]:
    """The element's CSS classes, in order."""
    return element.get("class", "").split()


def by_class(root: ET.Element, name: str, tag: str = "*") -> list[ET.Element]:
    """Every element under ``root`` (in document order) with the class ``name``."""
    return [e for e in root.iter(tag) if name in classes(e)]


def one(root: ET.Element, name: str, tag: str = "*") -> ET.Element:
    """The single element with class ``name``; fails when there is none or several."""
    found = by_class(root, name, tag)
    assert len(found) == 1, f"{len(found)} elements of class {name!r}"
    return found[0]


def child_tags(element: ET.Element) -> list[str]:
    """Direct children as ``tag.class`` (``p.issuer``, ``span.rule.long``), in order."""
    return [".".join([child.tag, *classes(child)]) for child in element]
