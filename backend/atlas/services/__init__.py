"""Business rules shared by the API and the CLI."""
