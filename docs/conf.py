"""Sphinx configuration: MyST Markdown pages, API reference from the installed package's docstrings.

Built by scripts/build-docs.sh with warnings as errors (``-W``) against the stimmung installed in .venv.
"""

import stimmung

project = "stimmung"
author = "The stimmung team"
copyright = "2026, The stimmung team"
release = stimmung.__version__
version = release

extensions = ["myst_parser", "sphinx.ext.autodoc", "sphinx.ext.napoleon"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence"]
myst_heading_anchors = 3

# The API reference documents the package as installed; optional extras need not be.
autodoc_mock_imports = ["pyspark", "matplotlib", "spacy", "polars"]
autodoc_member_order = "bysource"
autodoc_typehints = "description"
napoleon_google_docstring = True
napoleon_numpy_docstring = False

html_theme = "furo"
html_title = f"stimmung {release}"
html_theme_options = {"navigation_with_keys": True}
