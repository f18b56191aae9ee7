#!/usr/bin/python3
"""Writes the FHIR Bundle bench/run serves for the scale cases (deterministic, no network):
- pt-bench-big: one patient with OBSERVATIONS observations (weights, heart rates, blood
  pressures, HbA1c, creatinine spread over 20 years), for prefetch against a long chart;
- PATIENTS more patients (pt-bench-00000...) with varied names, for the patient search.
Usage: gen_bundle.py OUT.json [OBSERVATIONS] [PATIENTS]"""
import datetime
import json
import sys

out = sys.argv[1]
observations = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
patients = int(sys.argv[3]) if len(sys.argv) > 3 else 10000

FAMILY = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis",
          "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson",
          "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White",
          "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young"]
GIVEN = ["James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David",
         "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas",
         "Sarah", "Charles", "Karen", "Chloe", "Noah", "Amara", "Yusuf", "Ines", "Kenji"]
CODES = [("29463-7", "Body weight", "kg", 50.0, 40.0), ("8867-4", "Heart rate", "/min", 55.0, 50.0),
         ("4548-4", "Hemoglobin A1c/Hemoglobin.total in Blood", "%", 5.0, 5.0),
         ("2160-0", "Creatinine [Mass/volume] in Serum or Plasma", "mg/dL", 0.6, 1.0),
         ("8480-6", "Systolic blood pressure", "mm[Hg]", 100.0, 70.0)]

entries = [{"resource": {"resourceType": "Patient", "id": "pt-bench-big",
                         "name": [{"family": "Longchart", "given": ["Benedikt"]}],
                         "gender": "male", "birthDate": "1950-03-14"}}]
start = datetime.datetime(2006, 1, 1, 8, 0, 0)
for i in range(observations):
    code, display, unit, low, span = CODES[i % len(CODES)]
    when = start + datetime.timedelta(hours=17 * i + (i % 7))
    entries.append({"resource": {
        "resourceType": "Observation", "id": "obs-bench-%05d" % i, "status": "final",
        "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category",
                                  "code": "vital-signs" if i % 5 != 2 else "laboratory"}]}],
        "code": {"coding": [{"system": "http://loinc.org", "code": code, "display": display}],
                 "text": display},
        "subject": {"reference": "Patient/pt-bench-big"},
        "effectiveDateTime": when.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "valueQuantity": {"value": round(low + (i * 7919 % 1000) / 1000.0 * span, 1), "unit": unit,
                          "system": "http://unitsofmeasure.org", "code": unit}}})
for i in range(patients):
    entries.append({"resource": {
        "resourceType": "Patient", "id": "pt-bench-%05d" % i,
        "name": [{"family": FAMILY[i % len(FAMILY)] + ("" if i < len(FAMILY) else "-%d" % (i // 97)),
                  "given": [GIVEN[(i * 7) % len(GIVEN)]]}],
        "gender": "female" if i % 2 else "male",
        "birthDate": "%04d-%02d-%02d" % (1930 + i % 80, 1 + i % 12, 1 + i % 28)}})

with open(out, "w") as f:
    json.dump({"resourceType": "Bundle", "type": "collection", "entry": entries}, f,
              separators=(",", ":"))
