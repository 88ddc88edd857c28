"""Computation: figures for periods and org units, flags, series, changes, rankings.

Functions take checked data and return frames, arrays and flags; never words or HTML.
"""
