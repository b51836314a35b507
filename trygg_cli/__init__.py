"""trygg: a plain-text budget ledger for a municipal safety package, and its checks."""

__version__ = "0.1.0"
