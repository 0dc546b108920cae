"""Layout: pure geometry (grid cells, fitted text), measured with font metrics, no canvas."""
