"""Storage: engine construction, the shared metadata, units of work and migrations."""
