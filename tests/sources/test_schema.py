"""The JSON Schema for editors says what the loader accepts."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from program.sources import yaml_schedule
from program.sources.strictyaml import compose

from conftest import DATA

SCHEMA = json.loads((Path(yaml_schedule.__file__).parent.parent / "schedule.schema.json").read_text())


def test_schema_keys_match_the_loader():
    props = SCHEMA["properties"]
    defs = SCHEMA["$defs"]
    assert set(props) == set(yaml_schedule.TOP_KEYS)
    assert set(props["event"]["properties"]) == set(yaml_schedule.EVENT_KEYS)
    assert set(props["theme"]["properties"]) == set(yaml_schedule.THEME_KEYS)
    assert set(defs["day"]["properties"]) == set(yaml_schedule.DAY_KEYS)
    assert set(defs["item"]["properties"]) == set(yaml_schedule.ITEM_KEYS)
    assert set(defs["session"]["properties"]) == set(yaml_schedule.SESSION_KEYS)


def test_example_data_validates():
    data = compose(DATA.read_text(encoding="utf-8"), str(DATA)).plain()
    jsonschema.validate(data, SCHEMA)


def test_schema_rejects_an_unknown_key():
    data = compose(DATA.read_text(encoding="utf-8"), str(DATA)).plain()
    data["days"][0]["itmes"] = []
    try:
        jsonschema.validate(data, SCHEMA)
    except jsonschema.ValidationError:
        return
    raise AssertionError("unknown key accepted")
