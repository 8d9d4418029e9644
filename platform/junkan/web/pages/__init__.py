"""The public dashboard: server-rendered pages, their static files and message catalogue."""
