"""Data models of the @pyrel/nx demo."""

from dataclasses import dataclass

from demo_core import greet

__version__ = "0.1.0"


@dataclass
class User:
    name: str

    def welcome(self) -> str:
        return greet(self.name)
