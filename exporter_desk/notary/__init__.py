"""notary."""
