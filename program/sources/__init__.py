"""Readers, one module per input format, registered in :mod:`program.sources.registry`."""
