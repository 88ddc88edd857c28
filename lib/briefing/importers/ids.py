"""Ids from names, and names that probably mean the same thing.

Vietnamese names lose their marks (``Hồng Dân`` -> ``hong_dan``); codes from
other systems are lower-cased (DHIS2's ``ImspTQPwCqd`` -> ``imsptqpwcqd``); two names
that would give one id get ``_2``, ``_3`` ... in the order they were met.
"""

from __future__ import annotations

import difflib
import re
import unicodedata

#: Longest id made: org unit ids become folder names and must stay at most 64 characters.
MAX_ID_LENGTH = 48
#: Words that name the level of an org unit rather than the unit, dropped when names are compared.
LEVEL_WORDS = (
    "tinh", "thanh pho", "tp", "huyen", "quan", "thi xa", "tx", "xa", "phuong", "thi tran", "tt",
    "province", "district", "commune", "city", "region", "county", "municipality",
    "provincia autonoma di", "provincia di", "provincia", "p a", "pa", "regione", "comune di",
)
_LEVEL = re.compile(r"^(?:" + "|".join(sorted(LEVEL_WORDS, key=len, reverse=True)) + r")\b\s*")
#: Similarity (0..1, difflib's ratio of the compared forms) from which two names are "close".
CLOSE = 0.8


def plain(text: str) -> str:
    """Lower case without marks; ``đ`` becomes ``d``.

    >>> plain("Thực hiện tháng Đắk Lắk")
    'thuc hien thang dak lak'
    """
    text = str(text).replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def make_id(name: str) -> str:
    """An id the contract accepts for both indicators and org units, made from a name.

    >>> make_id("Số người được tạo việc làm")
    'so_nguoi_duoc_tao_viec_lam'
    >>> make_id("P.A. Bolzano/Bozen")
    'p_a_bolzano_bozen'
    >>> make_id("ImspTQPwCqd")
    'imsptqpwcqd'
    >>> make_id("***")
    'x'
    """
    slug = re.sub(r"[^a-z0-9]+", "_", plain(name)).strip("_")
    slug = slug[:MAX_ID_LENGTH].rstrip("_")
    return slug or "x"


def unique_ids(keys: list[str], wanted: dict[str, str]) -> dict[str, str]:
    """Each key's wanted id, with ``_2``, ``_3`` ... added where an id is taken already.

    >>> unique_ids(["Ab", "aB", "c"], {"Ab": "ab", "aB": "ab", "c": "c"})
    {'Ab': 'ab', 'aB': 'ab_2', 'c': 'c'}
    """
    taken: set[str] = set()
    ids = {}
    for key in keys:
        candidate, number = wanted[key], 1
        while candidate in taken:
            number += 1
            candidate = f"{wanted[key]}_{number}"
        taken.add(candidate)
        ids[key] = candidate
    return ids


def compared_form(name: str) -> str:
    """A name as compared with others: plain, punctuation and level words dropped.

    >>> compared_form("P.A. Bolzano"), compared_form("Huyện Hồng Dân"), compared_form("TP. Bạc Liêu")
    ('bolzano', 'hong dan', 'bac lieu')
    """
    text = re.sub(r"[^a-z0-9]+", " ", plain(name)).strip()
    previous = None
    while previous != text:
        previous, text = text, _LEVEL.sub("", text).strip()
    return text or re.sub(r"[^a-z0-9]+", " ", plain(name)).strip()


def close_matches(name: str, others: list[str], limit: int = 3) -> list[str]:
    """Names among ``others`` that probably mean ``name`` (same compared form, or close to it).

    >>> close_matches("Bolzano", ["P.A. Bolzano", "Trento", "Bolzano/Bozen"])
    ['P.A. Bolzano', 'Bolzano/Bozen']
    """
    form = compared_form(name)
    scored = []
    for other in others:
        if other == name:
            continue
        other_form = compared_form(other)
        if not form or not other_form:
            continue
        if form == other_form:
            score = 1.0
        elif form in other_form.split("/") or _starts_as(form, other_form):
            score = 0.95
        else:
            score = difflib.SequenceMatcher(None, form, other_form).ratio()
        if score >= CLOSE:
            scored.append((-score, other))
    return [other for _, other in sorted(scored)[:limit]]


def _starts_as(form: str, other: str) -> bool:
    """One form is the other's first words ("bolzano" and "bolzano bozen")."""
    short, long = sorted((form, other), key=len)
    return long.startswith(short + " ")
