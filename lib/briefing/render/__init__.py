"""Rendering: languages and their message catalogues, formatters, sentences, tables, charts, reports."""
