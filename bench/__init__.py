"""Benchmarks with their targets: ``make bench`` runs them all and prints one line per figure."""
