"""Shared helpers of the @pyrel/nx demo."""

__version__ = "0.1.0"


def greet(name: str) -> str:
    return f"hello, {name}"
