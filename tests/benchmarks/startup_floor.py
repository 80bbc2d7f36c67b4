"""A floor for the `startup` benchmark, printed beside it: the bare window of startup_bare.py, after only
importing the storage layer's models (SQLAlchemy's ORM) and configuring their mappers, which any start on
the database must do. It shows what painting after opening storage would cost at best, which is why the
app paints first and opens storage after."""

import runpy
from pathlib import Path

from sqlalchemy.orm import configure_mappers

import fieldapp.store.models  # noqa: F401

configure_mappers()

runpy.run_path(str(Path(__file__).with_name("startup_bare.py")), run_name="__main__")
