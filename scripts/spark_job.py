"""spark-submit entry point for the stimmung job (same arguments as `python -m stimmung.spark`).

spark-submit runs a file, not a module; this file imports the installed package instead of running
stimmung/spark.py as a script, whose relative imports would fail outside its package.
"""

import sys

from stimmung.spark import main

if __name__ == "__main__":
    sys.exit(main())
