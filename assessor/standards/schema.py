"""The schema of every standards file (pydantic models, strict: unknown fields are errors)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from assessor.domain import Text

NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Id = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9]*$")]
Code = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9]*-[0-9]{2,3}$")]
Version = Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z][0-9A-Za-z.\-]*$")]


class Schema(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class TextSchema(Schema):
    en: NonEmpty
    ja: NonEmpty

    def domain(self) -> Text:
        return Text(en=self.en, ja=self.ja)


class EntrySchema(Schema):
    id: Id
    name: TextSchema
    description: TextSchema


class ElementSchema(EntrySchema):
    dimension: Id


class LevelSchema(EntrySchema):
    rank: int = Field(ge=1, le=10)
    outcome: Literal["satisfaction", "delight"]


class FileHeaderSchema(Schema):
    id: NonEmpty
    version: Version
    reference: NonEmpty | None = None


class Iso23592Schema(FileHeaderSchema):
    principles: list[EntrySchema] = Field(min_length=1)
    dimensions: list[EntrySchema] = Field(min_length=1)
    elements: list[ElementSchema] = Field(min_length=1)


class IsoTs24082Schema(FileHeaderSchema):
    principles: list[EntrySchema] = Field(min_length=1)
    activities: list[EntrySchema] = Field(min_length=1)


class PyramidSchema(FileHeaderSchema):
    levels: list[LevelSchema] = Field(min_length=2)


class ScaleLevelSchema(Schema):
    value: int = Field(ge=0, le=10)
    name: TextSchema
    description: TextSchema


class ScaleSchema(FileHeaderSchema):
    levels: list[ScaleLevelSchema] = Field(min_length=2)


class ItemSchema(Schema):
    code: Code
    element: Id
    pyramid_level: Id
    principles: list[Id] = Field(min_length=1)
    design_principles: list[Id] = []
    design_activities: list[Id] = []
    weight: float = Field(gt=0, le=10)
    allow_na: bool
    question: TextSchema
    guidance: TextSchema
    levels: dict[int, TextSchema]


class ItemFileSchema(Schema):
    items: list[ItemSchema] = Field(min_length=1)


class RangeSchema(Schema):
    min: int = Field(ge=1)
    max: int = Field(ge=1)


class CoverageSchema(Schema):
    element: int = Field(default=0, ge=0)
    principle: int = Field(default=0, ge=0)
    design_principle: int = Field(default=0, ge=0)
    design_activity: int = Field(default=0, ge=0)
    pyramid_level: int = Field(default=0, ge=0)


class RulesSchema(Schema):
    items: RangeSchema
    min_items_per: CoverageSchema = CoverageSchema()


ActionId = Annotated[str, StringConstraints(pattern=r"^R-[A-Z][A-Z0-9]*-[0-9]{2}$")]
KpiId = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9_]*$")]


class KpiSchema(Schema):
    id: KpiId
    name: TextSchema
    formula: TextSchema
    description: TextSchema
    unit: Literal["percent", "points", "scale", "hours", "minutes", "count"]
    direction: Literal["higher", "lower"]
    kind: Literal["customer", "operational"]
    range: list[float | None] = Field(min_length=2, max_length=2)
    """``[lowest, highest]``; ``highest`` may be null (no upper bound)."""
    elements: list[Id] = Field(min_length=1)
    pyramid_levels: list[Id] = Field(min_length=1)
    variants: list[NonEmpty] = []
    min_n: int | None = Field(default=None, ge=1)


class KpiFileSchema(FileHeaderSchema):
    kpis: list[KpiSchema] = Field(min_length=1)


class ActionSchema(Schema):
    id: ActionId
    element: Id
    pyramid_level: Id
    design_activities: list[Id] = []
    bands: list[NonEmpty] = Field(min_length=1)
    effort: int = Field(ge=1, le=5)
    impact: int = Field(ge=1, le=5)
    prerequisites: list[ActionId] = []
    kpis: list[KpiId] = Field(min_length=1)
    title: TextSchema
    why: TextSchema
    what: TextSchema
    verify: TextSchema


class ActionFileSchema(Schema):
    id: NonEmpty | None = None
    version: Version | None = None
    actions: list[ActionSchema] = Field(min_length=1)


class QuestionnaireSchema(FileHeaderSchema):
    title: TextSchema
    description: TextSchema
    estimated_minutes: int = Field(ge=1, le=600)
    rules: RulesSchema
    items: list[Code] = Field(min_length=1)
