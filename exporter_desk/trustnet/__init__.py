"""trustnet."""
