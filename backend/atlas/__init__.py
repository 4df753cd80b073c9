"""Atlas: a searchable, linked directory of the partners and initiatives of international
cooperation."""
