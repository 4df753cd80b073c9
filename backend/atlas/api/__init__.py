"""The HTTP layer: thin controllers over the plain functions the CLI shares."""
