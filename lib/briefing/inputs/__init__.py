"""Inputs: the data contract, reading CSV folders and workbooks, every check, the org tree, the checked data set.

Nothing here computes a figure or writes a word of a report; every other layer builds on it.
"""
