"""Tutor plugin for spoc-xblocks; its version is the spoc-xblocks version it installs."""

__version__ = "0.1.0"
