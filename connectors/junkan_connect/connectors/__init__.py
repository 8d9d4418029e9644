"""Reference connectors. Each registers through the `junkan.connectors` entry point exactly
like a third-party connector and imports only `junkan_connect`."""
