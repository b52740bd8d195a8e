"""Command line of the @pyrel/nx demo."""

import argparse

from demo_models import User

__version__ = "0.1.0"


def main() -> None:
    parser = argparse.ArgumentParser(prog="demo-cli", description="Greets a user.")
    parser.add_argument("name", nargs="?", default="world")
    print(User(parser.parse_args().name).welcome())
