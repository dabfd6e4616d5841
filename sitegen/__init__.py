"""sitegen: publish a media-relations expert directory from YAML profiles."""

__version__ = "0.1.0"
