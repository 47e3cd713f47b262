"""Hand-annotated test articles, their gold, and helpers to score extraction against them."""
