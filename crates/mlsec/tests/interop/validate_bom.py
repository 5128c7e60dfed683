"""Validate CycloneDX JSON documents with cyclonedx-python-lib's strict
JSON validator (the schema bundled with that library).

usage: validate_bom.py BOM.json...   (the spec version is read from each file)
"""
import json
import sys

from cyclonedx.schema import OutputFormat, SchemaVersion
from cyclonedx.validation import make_schemabased_validator

failed = False
for path in sys.argv[1:]:
    text = open(path, encoding="utf-8").read()
    version = SchemaVersion.from_version(json.loads(text)["specVersion"])
    errors = make_schemabased_validator(OutputFormat.JSON, version).validate_str(text)
    if errors:
        failed = True
        print(f"{path}: INVALID ({version.to_version()}): {errors}")
    else:
        print(f"{path}: valid CycloneDX {version.to_version()}")
sys.exit(1 if failed else 0)
