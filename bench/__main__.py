"""``python -m bench [NAME ...]``: run every benchmark (or the named ones) into bench/RESULTS.md."""

from bench.run import main

if __name__ == "__main__":
    main()
