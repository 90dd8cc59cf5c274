"""Where the installed wheel puts Feltjournal's code (the metadata is in pyproject.toml).

The checkout keeps its packages at the top (app/, ui/, storage/, sync/, server/,
resources/). Names that plain would collide with other distributions' in site-packages,
so the wheel installs them one level down, in ``feltjournal/lib/``, and the only top-level
name it adds is ``feltjournal``. The entry points (feltjournal/entry.py) put that folder
first on ``sys.path`` before they import anything of ours.
"""

from setuptools import find_namespace_packages, setup

# The checkout's top-level packages, in the order of the layers (DESIGN.md §1).
CODE = ("resources", "storage", "sync", "app", "ui", "server")
LIB = "feltjournal.lib"

# Every subpackage (a folder of data too, such as resources/translations), found rather
# than listed, each under its installed name.
found = [
    name
    for name in find_namespace_packages(include=[p for n in CODE for p in (n, f"{n}.*")])
    if "__pycache__" not in name
]

setup(
    packages=["feltjournal", *(f"{LIB}.{name}" for name in found)],
    package_dir={f"{LIB}.{name}": name for name in CODE},
    package_data={f"{LIB}.resources": ["*.qss"], f"{LIB}.resources.translations": ["*.qm", "*.mo"]},
)
