"""omslag — command-line entry point (`omslag run`, …). Imports `flows`; holds no logic."""

__version__ = "0.1.0"
