"""Readers and writers around the pure core."""
