"""Reading a params YAML file as written: plain keys and text values, nothing else.

YAML 1.1 guesses types: ``doc_number: 010`` would be the octal 8, ``signer:
0x1F`` 31, ``unit: 007`` 7, ``signer: No`` false. Every value of a params
file is text, so the only type guessed here is ``null`` (an empty value); the
few keys that are not text (``period``, ``report_date``, ``to``) are parsed by
:mod:`briefing.run.params` from the text as written. Tags (``!!python/...``) and
anchors or aliases (``&a``, ``*a``: a 449-byte file of nested aliases expands
to gigabytes) are refused before anything is built.
"""

from __future__ import annotations

import yaml

from briefing.errors import ParamsError, shown

#: The largest params file read: a params file is a screenful of keys.
MAX_PARAMS_BYTES = 1_000_000
_KEPT_RESOLVERS = {"tag:yaml.org,2002:null"}


class TextLoader(yaml.SafeLoader):
    """The safe loader with every implicit type but ``null`` removed: scalars stay text."""


TextLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag in _KEPT_RESOLVERS]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_params_yaml(text: str, source: str):
    """The document in ``text``, its scalars as text (or None for an empty value).

    Raises
    ------
    ParamsError
        When the text is not YAML, or uses tags, anchors or aliases; names
        ``source`` and the line.
    """
    if len(text.encode("utf-8")) > MAX_PARAMS_BYTES:
        raise ParamsError(f"{source}: expected a params file of at most "
                          f"{MAX_PARAMS_BYTES:,} bytes; this one is larger")
    try:
        _refuse_tags_and_aliases(text, source)
        return yaml.load(text, Loader=TextLoader)  # noqa: S506 (a SafeLoader subclass)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        raise ParamsError(f"{source}{where}: not valid YAML ({problem[:200]})") from None


def _refuse_tags_and_aliases(text: str, source: str) -> None:
    """Scan the events of ``text``; stop at the first tag, anchor or alias."""
    for event in yaml.parse(text, Loader=TextLoader):
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise ParamsError(
                f"{source}, line {line}: YAML anchors and aliases ('&name', '*name') are not "
                "allowed in a params file; write each value out in full")
        tag = getattr(event, "tag", None)
        if tag is not None:
            raise ParamsError(
                f"{source}, line {line}: YAML tags such as '!!python/...' are not allowed "
                f"(found {shown(tag, 80)}); a params file holds plain keys and values")

