"""The whole schema in one metadata: every table module imported, for migrations and checks."""

from __future__ import annotations

from sqlalchemy import MetaData

from app.storage import member_models, models, promotion_models
from app.storage.base import Base

#: Modules whose tables make up the counter's database.
TABLE_MODULES = (models, member_models, promotion_models)
METADATA: MetaData = Base.metadata
