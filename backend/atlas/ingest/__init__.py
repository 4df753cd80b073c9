"""Ingest: new texts in, linked to the directory, with suggestions for what it does not know yet.

`sources` reads files, folders, standard input and uploads; `fetch` downloads a URL safely;
`link` finds the known actors, initiatives and events a text names; `suggest` proposes new
entities and relations; `pipeline` stores a text and all of that in one transaction per
document; `review` accepts or rejects the suggestions.
"""
