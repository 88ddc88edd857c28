"""The fixed parts of an official document: header block, title, signature and recipients.

Their layout follows Decree 30/2020/NĐ-CP: the issuing body on the left, the
national motto on the right, the dateline in italics under it, then the
title; at the end, the recipients on the left and the signature on the right.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from markupsafe import Markup, escape

from briefing.render.formatting import format_period, format_place_date, in_sentence
from briefing.render.languages import language


@dataclass(frozen=True)
class DocumentInfo:
    """Header and signature fields of the official document, from the params file."""

    issuer: str = ""
    parent_body: str = ""
    place: str = ""
    report_date: str = ""
    doc_number: str = ""
    subject: str = ""
    signer: str = ""
    signer_title: str = ""
    recipients: tuple[str, ...] = ()


def header_block(document, unit_name: str, lang: str) -> Markup:
    """Issuing body, number, national motto and dateline, in two columns."""
    words = language(lang)
    issuer = document.issuer or unit_name
    number = document.doc_number or words.text("document.number_blank")
    day = document.report_date or dt.date.today().isoformat()
    left = ""
    if document.parent_body:
        left += f'<p class="parent-body">{escape(document.parent_body)}</p>'
    left += (f'<p class="issuer">{escape(issuer)}</p><span class="rule"></span>'
             f'<p class="number">{escape(words.text("document.number", number=number))}</p>')
    right = (f'<p class="motto">{escape(words.text("document.nation"))}</p>'
             f'<p class="motto">{escape(words.text("document.motto"))}</p>'
             f'<span class="rule long"></span>'
             f'<p class="dateline">{escape(format_place_date(document.place, day, lang))}</p>')
    return Markup(f'<header class="doc-header"><div class="left">{left}</div>'
                  f'<div class="right">{right}</div></header>')


def title_block(document, period, unit_name: str, lang: str,
                subject_key: str = "document.subject") -> Markup:
    """``BÁO CÁO`` and the subject line under it (the params' ``subject``, or a default)."""
    words = language(lang)
    subject = document.subject or words.text(
        subject_key, period=in_sentence(format_period(period, lang), lang),
        unit=in_sentence(unit_name, lang))
    return Markup(f'<div class="doc-title"><h1>{escape(words.text("document.title"))}</h1>'
                  f'<p class="subject">{escape(subject)}</p></div>')


def closing_block(document, lang: str) -> Markup:
    """Recipients (``Nơi nhận:``) on the left, the signature on the right."""
    words = language(lang)
    recipients = "".join(f"<p>- {escape(line)}</p>" for line in document.recipients)
    if recipients:
        recipients = f'<p class="heading">{escape(words.text("document.recipients"))}</p>' + recipients
    titles = "".join(f'<p class="title">{escape(line)}</p>'
                     for line in document.signer_title.splitlines() if line.strip())
    signature = ""
    if titles or document.signer:
        signature = (f'{titles}<div class="space"></div>'
                     f'<p class="name">{escape(document.signer)}</p>')
    return Markup(f'<section class="closing"><div class="recipients">{recipients}</div>'
                  f'<div class="signature">{signature}</div></section>')
