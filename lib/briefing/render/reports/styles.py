"""The report's stylesheet in a notebook: a section shown in JupyterLab looks like the page.

A section's rich output carries ``report.css`` scoped under one wrapper class
(:data:`WRAPPER_CLASS`), so that it styles the section and nothing else of
JupyterLab; the print rules (``@page``, ``@media print``) are left out. The
section's own HTML sits between two comment markers, and the export template
keeps only what is between them: the exported page has its one stylesheet.
"""

from __future__ import annotations

import re
from functools import lru_cache

from briefing.paths import stylesheet

WRAPPER_CLASS = "briefing-notebook"
#: The section's own HTML lies between these; the export keeps only that.
SECTION_START = "<!--briefing:section-->"
SECTION_END = "<!--/briefing:section-->"
#: Selectors of the page itself, which in a notebook mean the wrapper.
_PAGE_SELECTORS = {":root", "html", "body", "main.briefing"}
#: In a notebook the wrapper is one cell of a page, not a sheet of paper on a desk; and
#: what JupyterLab's own output style sets that the report's leaves to the browser.
_NOTEBOOK_RULES = f"""
.{WRAPPER_CLASS} {{ margin: 0; padding-top: 0.3rem; padding-bottom: 0.3rem; box-shadow: none; }}
.{WRAPPER_CLASS} table {{ table-layout: auto; margin: 0; color: inherit; border-spacing: 0; }}
.{WRAPPER_CLASS}.{WRAPPER_CLASS} :is(thead, tbody, tr, th, td) {{ line-height: inherit; }}
.{WRAPPER_CLASS}.{WRAPPER_CLASS} tbody tr {{ background: none; }}
.{WRAPPER_CLASS}.{WRAPPER_CLASS} :is(th, td) {{ text-align: left; vertical-align: top;
  padding: 0.25rem 0.4rem; border: 1px solid var(--rule); }}
.{WRAPPER_CLASS}.{WRAPPER_CLASS} td.num {{ text-align: right; }}
.{WRAPPER_CLASS}.{WRAPPER_CLASS} thead th {{ text-align: center; }}
.{WRAPPER_CLASS} :is(h1, h2, h3) {{ color: inherit; font-family: inherit; line-height: 1.3; }}
.{WRAPPER_CLASS} :is(h1, h2) {{ font-weight: bold; }}
.{WRAPPER_CLASS} img {{ max-width: 100%; }}
"""


def notebook_html(html: str) -> str:
    """``html`` wrapped for a notebook: the scoped stylesheet, then the section between markers."""
    if not html:
        return ""
    return (f'<div class="{WRAPPER_CLASS}"><style>{scoped_stylesheet()}</style>'
            f"{SECTION_START}{html}{SECTION_END}</div>")


def section_of(html: str) -> str:
    """The section's own HTML from a notebook output (as is when it has no markers)."""
    if SECTION_START not in html:
        return html
    return html.split(SECTION_START, 1)[1].rsplit(SECTION_END, 1)[0]


@lru_cache(maxsize=1)
def scoped_stylesheet() -> str:
    """``report.css`` for the screen, every rule limited to the wrapper, in one compact text."""
    css = re.sub(r"/\*.*?\*/", "", stylesheet("report.css"), flags=re.S)
    return _compact(_scope_rules(css) + _NOTEBOOK_RULES)


def _scope_rules(css: str) -> str:
    """Each rule's selectors under the wrapper; ``@page`` and ``@media print`` dropped."""
    out = []
    for prelude, body in _blocks(css):
        if prelude.startswith("@page") or re.fullmatch(r"@media\s+print", prelude):
            continue
        if prelude.startswith("@"):
            out.append(f"{prelude} {{ {_scope_rules(body)} }}")
        else:
            out.append(f"{_scope_selectors(prelude)} {{ {body} }}")
    return "\n".join(out)


def _blocks(css: str):
    """``(prelude, body)`` of each top-level block, braces nested inside a body kept."""
    depth, start, prelude = 0, 0, ""
    for index, char in enumerate(css):
        if char == "{":
            if depth == 0:
                prelude, start = css[start:index].strip(), index + 1
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                yield prelude, css[start:index].strip()
                start = index + 1


def _scope_selectors(prelude: str) -> str:
    scoped = []
    for selector in (s.strip() for s in prelude.split(",")):
        scoped.append(f".{WRAPPER_CLASS}" if selector in _PAGE_SELECTORS
                      else f".{WRAPPER_CLASS} {selector}")
    return ", ".join(scoped)


def _compact(css: str) -> str:
    return re.sub(r"\s*([{};,])\s*", r"\1", re.sub(r"\s+", " ", css)).strip()
