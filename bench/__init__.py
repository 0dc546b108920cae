"""The benchmark and the synthetic schedules it builds: project tools, not part of the
installed package (``make bench`` runs ``python -m bench``)."""
