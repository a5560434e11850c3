"""The image builder (BuildKit behaviour): see build.py."""
from .build import Builder, BuildResult

__all__ = ["Builder", "BuildResult"]
