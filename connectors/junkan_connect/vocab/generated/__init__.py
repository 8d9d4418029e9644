"""Artefacts generated from schemas/junkan.yaml by schemas/build.py. Do not edit."""
