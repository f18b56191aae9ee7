#!/usr/bin/python3
"""Independent checks of hookbench-cli's reports with Debian's own parsers (issue #12).

  check_reports.py junit FILE          parse with junitparser, print what it read as JSON
  check_reports.py schema SCHEMA FILE  validate FILE (JSON) against a JSON Schema (2020-12)
"""
import json
import sys


def junit(path):
    from junitparser import JUnitXml, Failure, Error
    xml = JUnitXml.fromfile(path)
    suites = []
    for suite in xml:
        cases = []
        for case in suite:
            failures = [r for r in case.result if isinstance(r, (Failure, Error))]
            cases.append({"classname": case.classname, "name": case.name, "time": case.time,
                          "failed": bool(failures),
                          "message": failures[0].message if failures else None})
        suites.append({"name": suite.name, "tests": suite.tests, "failures": suite.failures,
                       "errors": suite.errors, "time": suite.time, "cases": cases})
    print(json.dumps({"tests": xml.tests, "failures": xml.failures, "suites": suites}))


def schema(schema_path, path):
    from jsonschema import Draft202012Validator
    with open(schema_path) as f:
        validator = Draft202012Validator(json.load(f))
    Draft202012Validator.check_schema(validator.schema)
    with open(path) as f:
        document = json.load(f)
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
    for error in errors:
        print("%s: /%s: %s" % (path, "/".join(str(p) for p in error.path), error.message),
              file=sys.stderr)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "junit":
        junit(sys.argv[2])
    elif len(sys.argv) == 4 and sys.argv[1] == "schema":
        schema(sys.argv[2], sys.argv[3])
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
