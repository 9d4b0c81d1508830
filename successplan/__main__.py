"""`python -m successplan` runs the command line."""

from successplan.cli import main

if __name__ == "__main__":
    main()
