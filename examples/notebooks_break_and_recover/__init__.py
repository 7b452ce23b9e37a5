"""Code the notebooks in docs/notebooks/ call: small, tested, and shown where it matters."""
