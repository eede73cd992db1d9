"""`python -m kg` runs the command line."""

from kg.cli.main import run

if __name__ == "__main__":
    run()
