"""The package version, importable without the package (which loads the engine)."""
__version__ = "0.1.0"
