"""focusbuild: the publishing system for IZB Focus."""

__version__ = "0.1.0"
