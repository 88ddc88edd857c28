"""The report classes notebooks call: a briefing, a comparison of units, administrative procedures."""
