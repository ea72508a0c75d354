"""Store counter: an offline-first point of sale with membership."""
