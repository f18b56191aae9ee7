#!/usr/bin/python3
"""Writes Hookbench's bundled synthetic EHR data (deterministic: no randomness, no clock).

Every person, organisation and record here is invented ("Synthea-style", not Synthea output).
Dates are written relative to ANCHOR; the FHIR store shifts them at load time so that "3 weeks
ago" stays 3 weeks ago whenever Hookbench runs (fhir/fhirstore.h). Run from anywhere:
    /usr/bin/python3 resources/fhir/generate.py
and commit the outputs next to this script.
"""
import datetime
import json
import os

ANCHOR = datetime.date(2026, 6, 1)
HERE = os.path.dirname(os.path.abspath(__file__))
SNOMED = "http://snomed.info/sct"
LOINC = "http://loinc.org"
RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm"
SYNTHETIC_TAG = {"system": "http://hookbench.org/fhir/CodeSystem/tags", "code": "synthetic",
                 "display": "Synthetic demo data - not a real person"}


def day(offset):
    return (ANCHOR + datetime.timedelta(days=offset)).isoformat()


def at(offset, hhmm="09:00"):
    return f"{day(offset)}T{hhmm}:00Z"


def cc(system, code, display):
    return {"coding": [{"system": system, "code": code, "display": display}], "text": display}


def ref(kind, ident):
    return {"reference": f"{kind}/{ident}"}


# --- formulary (RxNorm-coded) and imaging catalogue ------------------------------------------
FORMULARY = [
    # rxnorm, display, ingredient, classes, brand of (generic rxnorm), renal flag
    ("308191", "Amoxicillin 500 MG Oral Capsule", "amoxicillin", ["penicillin", "antibiotic"], None),
    ("308182", "Amoxicillin 250 MG/5ML Oral Suspension", "amoxicillin", ["penicillin", "antibiotic"], None),
    ("308460", "Azithromycin 250 MG Oral Tablet", "azithromycin", ["macrolide", "antibiotic"], None),
    ("855332", "Warfarin Sodium 5 MG Oral Tablet", "warfarin", ["anticoagulant"], None),
    ("1364445", "Apixaban 5 MG Oral Tablet", "apixaban", ["anticoagulant"], None),
    ("197805", "Ibuprofen 400 MG Oral Tablet", "ibuprofen", ["nsaid"], None),
    ("198013", "Naproxen 500 MG Oral Tablet", "naproxen", ["nsaid"], None),
    ("243670", "Aspirin 81 MG Oral Tablet", "aspirin", ["antiplatelet", "nsaid"], None),
    ("313782", "Acetaminophen 325 MG Oral Tablet", "acetaminophen", ["analgesic"], None),
    ("314076", "Lisinopril 10 MG Oral Tablet", "lisinopril", ["ace-inhibitor"], None),
    ("858817", "Enalapril Maleate 10 MG Oral Tablet", "enalapril", ["ace-inhibitor"], None),
    ("197361", "Amlodipine 5 MG Oral Tablet", "amlodipine", ["calcium-channel-blocker"], None),
    ("212549", "Norvasc 5 MG Oral Tablet", "amlodipine", ["calcium-channel-blocker"], "197361"),
    ("617310", "Atorvastatin 20 MG Oral Tablet", "atorvastatin", ["statin"], None),
    ("617318", "Lipitor 20 MG Oral Tablet", "atorvastatin", ["statin"], "617310"),
    ("861007", "Metformin Hydrochloride 500 MG Oral Tablet", "metformin", ["biguanide"], None),
    ("861008", "Glucophage 500 MG Oral Tablet", "metformin", ["biguanide"], "861007"),
    ("745679", "Albuterol 90 MCG/ACTUATION Inhalation Aerosol", "albuterol", ["bronchodilator"], None),
]
RENAL = {"metformin": {"egfrBelow": 30, "advice": "Contraindicated when eGFR < 30 mL/min/1.73m2."},
         "ibuprofen": {"egfrBelow": 30, "advice": "Avoid NSAIDs when eGFR < 30 mL/min/1.73m2."},
         "naproxen": {"egfrBelow": 30, "advice": "Avoid NSAIDs when eGFR < 30 mL/min/1.73m2."}}
ALLERGY_CLASSES = {"penicillin": [f"{RXNORM}|7980", f"{SNOMED}|91936005", f"{SNOMED}|764146007"],
                   "sulfonamide": [f"{RXNORM}|10831", f"{SNOMED}|91939003"]}
INTERACTIONS = [{"classes": ["anticoagulant", "nsaid"], "severity": "warning",
                 "summary": "Bleeding risk: NSAID with an anticoagulant",
                 "alternative": "313782"}]
# "cpt" is the code the public sample services (pama-imaging) read; the catalogue code stays
# as a second coding for the demo services. "reason" is the SNOMED reasonCode order entry
# proposes (the user may pick others from IMAGING_REASONS).
IMAGING = [
    {"code": "IMG-MRI-LSPINE", "display": "MRI lumbar spine without contrast", "modality": "MR",
     "contrast": False, "lowBackPainRule": True, "cpt": "72148", "reason": "279039007"},
    {"code": "IMG-XR-LSPINE", "display": "X-ray lumbar spine, 2 views", "modality": "DX",
     "contrast": False, "lowBackPainRule": True, "cpt": "72100", "reason": "279039007"},
    {"code": "IMG-CT-LSPINE", "display": "CT lumbar spine", "modality": "CT",
     "contrast": False, "lowBackPainRule": True, "cpt": "72133", "reason": "279039007"},
    {"code": "IMG-CT-HEAD-C", "display": "CT head with contrast", "modality": "CT", "contrast": True,
     "cpt": "70460", "reason": "25064002"},
    {"code": "IMG-CT-HEAD", "display": "CT head without contrast", "modality": "CT", "contrast": False,
     "cpt": "70450", "reason": "25064002"},
    {"code": "IMG-CT-ABD-C", "display": "CT abdomen and pelvis with contrast", "modality": "CT",
     "contrast": True, "cpt": "74177", "reason": "21522001"},
    {"code": "IMG-CTA-CHEST-C", "display": "CT angiography chest with contrast", "modality": "CT",
     "contrast": True, "cpt": "71275", "reason": "29857009"},
    {"code": "IMG-MRI-CARDIAC", "display": "Cardiac MRI", "modality": "MR", "contrast": False,
     "cpt": "75561", "reason": "13213009"},
    {"code": "IMG-XR-CHEST", "display": "X-ray chest, 2 views", "modality": "DX", "contrast": False,
     "cpt": "71046", "reason": "29857009"},
    {"code": "IMG-US-ABD", "display": "Ultrasound abdomen, complete", "modality": "US", "contrast": False,
     "cpt": "76700", "reason": "21522001"},
]
CPT = "http://www.ama-assn.org/go/cpt"
# Reasons for an imaging order (ServiceRequest.reasonCode), SNOMED CT.
IMAGING_REASONS = [
    {"code": "279039007", "display": "Low back pain"},
    {"code": "25064002", "display": "Headache"},
    {"code": "423341008", "display": "Optic disc edema"},
    {"code": "13213009", "display": "Congenital heart disease"},
    {"code": "29857009", "display": "Chest pain"},
    {"code": "21522001", "display": "Abdominal pain"},
]
# Laboratory orders (ServiceRequest, category laboratory), LOINC.
LAB_ORDERS = [
    {"code": "4548-4", "display": "Hemoglobin A1c/Hemoglobin.total in Blood"},
    {"code": "24323-8", "display": "Comprehensive metabolic panel"},
    {"code": "58410-2", "display": "CBC panel - Blood by Automated count"},
    {"code": "57698-3", "display": "Lipid panel with direct LDL"},
    {"code": "2160-0", "display": "Creatinine [Mass/volume] in Serum or Plasma"},
    {"code": "6301-6", "display": "INR in Platelet poor plasma by Coagulation assay"},
    {"code": "3016-3", "display": "Thyrotropin [Units/volume] in Serum or Plasma"},
]
# Medication order details: routes (SNOMED CT) and frequencies (FHIR Timing.repeat).
ROUTES = [
    {"code": "26643006", "display": "Oral route"},
    {"code": "18679011", "display": "Inhalation route"},
    {"code": "47625008", "display": "Intravenous route"},
    {"code": "78421000", "display": "Intramuscular route"},
    {"code": "34206005", "display": "Subcutaneous route"},
]
FREQUENCIES = [
    {"code": "QD", "display": "once daily", "frequency": 1, "period": 1, "periodUnit": "d"},
    {"code": "BID", "display": "twice daily", "frequency": 2, "period": 1, "periodUnit": "d"},
    {"code": "TID", "display": "three times daily", "frequency": 3, "period": 1, "periodUnit": "d"},
    {"code": "QID", "display": "four times daily", "frequency": 4, "period": 1, "periodUnit": "d"},
    {"code": "Q6H", "display": "every 6 hours", "frequency": 1, "period": 6, "periodUnit": "h"},
    {"code": "QHS", "display": "at bedtime", "frequency": 1, "period": 1, "periodUnit": "d",
     "when": "HS"},
]
IMAGING_SYSTEM = "http://hookbench.org/fhir/CodeSystem/imaging-catalogue"

CONDITIONS = {
    "htn": ("38341003", "Hypertensive disorder"),
    "t2dm": ("44054006", "Diabetes mellitus type 2"),
    "afib": ("49436004", "Atrial fibrillation"),
    "ckd4": ("431857002", "Chronic kidney disease stage 4"),
    "asthma": ("195967001", "Asthma"),
    "lbp": ("279039007", "Low back pain"),
    "hld": ("55822004", "Hyperlipidemia"),
    "osteo": ("64859006", "Osteoporosis"),
    "oa": ("239873007", "Osteoarthritis of knee"),
    "prostate-ca": ("399068003", "Malignant neoplasm of prostate"),
    "otitis": ("65363002", "Otitis media"),
    "pneumonia": ("233604007", "Pneumonia"),
}
LABS = {
    "hba1c": ("4548-4", "Hemoglobin A1c/Hemoglobin.total in Blood", "%"),
    "creatinine": ("2160-0", "Creatinine [Mass/volume] in Serum or Plasma", "mg/dL"),
    "egfr": ("33914-3", "Glomerular filtration rate/1.73 sq M.predicted", "mL/min/{1.73_m2}"),
    "inr": ("6301-6", "INR in Platelet poor plasma by Coagulation assay", "{INR}"),
}

# --- people --------------------------------------------------------------------------------
PRACTITIONERS = [
    ("pr-olivia-chen", "Chen", "Olivia", "female", "419772000", "Family practice", "gp"),
    ("pr-rafael-santos", "Santos", "Rafael", "male", "17561000", "Cardiology", "cardio"),
    ("pr-sofia-weber", "Weber", "Sofia", "female", "394537008", "Pediatric specialty", "peds"),
    ("pr-liam-oconnor", "O'Connor", "Liam", "male", "394592004", "Clinical oncology", "onc"),
]

# id, family, given, gender, birth offset (days from anchor), demonstrates, conditions, meds,
# allergies, labs [(kind, value, offset)], encounters [(class, status, offset, length, reason)],
# appointments [(status, offset, description)]
PATIENTS = [
    ("pt-amelia-hart", "Hart", "Amelia", "female", -68 * 365 - 40,
     "Penicillin allergy (anaphylaxis) and lisinopril: medication-safety allergy and duplicate-therapy cards",
     ["htn"], [("314076", 400)], [("penicillin", "high", "anaphylaxis")],
     [("creatinine", 0.9, -120)], [("AMB", "finished", -120, 0, "htn")], []),
    ("pt-bruno-keller", "Keller", "Bruno", "male", -77 * 365 - 100,
     "Warfarin therapy in hospital, no follow-up booked: interaction card (NSAID) and discharge checklist",
     ["afib", "htn"], [("855332", 900), ("197361", 700)], [],
     [("inr", 2.6, -2), ("creatinine", 1.1, -2)],
     [("IMP", "in-progress", -3, None, "afib"), ("AMB", "finished", -90, 0, "afib")], []),
    ("pt-carmen-ortiz", "Ortiz", "Carmen", "female", -55 * 365 - 12,
     "Type 2 diabetes with HbA1c overdue (last 10 months ago): care-gaps and appointment-reminder cards",
     ["t2dm", "htn"], [("861007", 1200), ("314076", 800)], [],
     [("hba1c", 8.1, -300), ("creatinine", 0.8, -300)],
     [("AMB", "arrived", 0, None, "t2dm"), ("AMB", "finished", -300, 0, "t2dm")],
     [("booked", 21, "Diabetes review")]),
    ("pt-dmitri-volkov", "Volkov", "Dmitri", "male", -71 * 365 - 200,
     "CKD stage 4 (eGFR 24): renal-dosing card for metformin or NSAIDs, contrast warning for imaging",
     ["ckd4", "t2dm", "htn"], [("314076", 1500)], [],
     [("creatinine", 2.6, -30), ("egfr", 24, -30), ("hba1c", 7.0, -30)],
     [("AMB", "finished", -30, 0, "ckd4")], []),
    ("pt-eli-brooks", "Brooks", "Eli", "male", -7 * 365 - 30,
     "Pediatric patient (7 years) with asthma: pediatric dosing reminder on patient-view",
     ["asthma"], [("745679", 200)], [],
     [], [("AMB", "finished", -60, 0, "asthma")], []),
    ("pt-fatima-rahman", "Rahman", "Fatima", "female", -42 * 365 - 77,
     "Type 2 diabetes with a recent HbA1c (2 months ago): no care-gap card",
     ["t2dm"], [("861007", 600)], [],
     [("hba1c", 6.8, -60), ("creatinine", 0.7, -60)], [("AMB", "planned", 0, None, "t2dm"),
                                                       ("AMB", "finished", -60, 0, "t2dm")], []),
    ("pt-george-lindqvist", "Lindqvist", "George", "male", -60 * 365 - 300,
     "Acute low back pain (3 weeks) without red flags: MRI lumbar spine rated not appropriate",
     ["lbp"], [("313782", 21)], [],
     [], [("AMB", "finished", -21, 0, "lbp")], []),
    ("pt-hana-sato", "Sato", "Hana", "female", -36 * 365 - 150,
     "Healthy adult, no medications or allergies: triggers nothing but the greeting",
     [], [], [], [], [("AMB", "finished", -400, 0, None)], []),
    ("pt-ibrahim-diallo", "Diallo", "Ibrahim", "male", -48 * 365 - 222,
     "Hyperlipidemia on atorvastatin with a booked visit in 14 days: appointment-book double booking",
     ["hld"], [("617310", 700)], [],
     [("creatinine", 1.0, -200)], [("AMB", "finished", -200, 0, "hld")],
     [("booked", 14, "Lipid clinic follow-up")]),
    ("pt-julia-novak", "Novak", "Julia", "female", -64 * 365 - 15,
     "Inpatient with pneumonia, follow-up already booked and no high-risk drugs: no discharge card",
     ["pneumonia"], [("308460", 4)], [],
     [("creatinine", 0.9, -4)], [("IMP", "in-progress", -4, None, "pneumonia")],
     [("booked", 10, "Post-discharge review")]),
    ("pt-kofi-mensah", "Mensah", "Kofi", "male", -14 * 365 - 60,
     "Teenager (14 years) with sulfonamide allergy and otitis media: pediatric greeting card",
     ["otitis"], [], [("sulfonamide", "low", "rash")],
     [], [("AMB", "finished", -10, 0, "otitis")], []),
    ("pt-lena-fischer", "Fischer", "Lena", "female", -82 * 365 - 5,
     "Elderly, osteoarthritis on naproxen plus low-dose aspirin: duplicate NSAID therapy",
     ["osteo", "oa"], [("198013", 500), ("243670", 2000)], [],
     [("creatinine", 1.0, -90), ("egfr", 58, -90)], [("AMB", "finished", -90, 0, "oa")], []),
    ("pt-marco-rossi", "Rossi", "Marco", "male", -66 * 365 - 90,
     "Low back pain with a cancer history (red flag): MRI lumbar spine rated appropriate",
     ["lbp", "prostate-ca"], [], [],
     [], [("AMB", "finished", -14, 0, "lbp")], []),
    ("pt-nadia-haddad", "Haddad", "Nadia", "female", -2 * 365 - 100,
     "Toddler (2 years) with penicillin allergy: pediatric card and allergy card for amoxicillin suspension",
     ["otitis"], [], [("penicillin", "low", "urticaria")],
     [], [("AMB", "finished", -5, 0, "otitis")], []),
]
VITALS = {  # patient -> (systolic, diastolic, heart rate, weight kg, height cm)
    "pt-amelia-hart": (152, 94, 78, 71.0, 164), "pt-bruno-keller": (138, 82, 96, 84.5, 178),
    "pt-carmen-ortiz": (134, 86, 74, 92.0, 160), "pt-dmitri-volkov": (146, 88, 70, 80.0, 175),
    "pt-eli-brooks": (98, 60, 92, 23.5, 122), "pt-fatima-rahman": (122, 78, 68, 76.0, 168),
    "pt-george-lindqvist": (128, 80, 72, 88.0, 182), "pt-hana-sato": (112, 70, 62, 58.0, 163),
    "pt-ibrahim-diallo": (130, 84, 70, 90.0, 180), "pt-julia-novak": (118, 72, 104, 66.0, 167),
    "pt-kofi-mensah": (110, 68, 80, 52.0, 165), "pt-lena-fischer": (140, 76, 66, 55.0, 158),
    "pt-marco-rossi": (132, 82, 70, 79.0, 176), "pt-nadia-haddad": (92, 58, 118, 12.4, 88),
}


def build():
    res = []
    org = {"resourceType": "Organization", "id": "org-hookbench-general", "active": True,
           "name": "Hookbench General Hospital (synthetic)",
           "identifier": [{"system": "http://hookbench.org/fhir/sid/org", "value": "HBGH"}],
           "type": [cc("http://terminology.hl7.org/CodeSystem/organization-type", "prov",
                       "Healthcare Provider")]}
    res.append(org)
    gp_of_patient = {}
    for pid, family, given, gender, spec_code, spec, role in PRACTITIONERS:
        res.append({"resourceType": "Practitioner", "id": pid, "active": True,
                    "identifier": [{"system": "http://hl7.org/fhir/sid/us-npi",
                                    "value": f"99{abs(hash_str(pid)) % 10**8:08d}"}],
                    "name": [{"use": "official", "family": family, "given": [given],
                              "prefix": ["Dr."]}], "gender": gender})
        res.append({"resourceType": "PractitionerRole", "id": f"prr-{role}", "active": True,
                    "practitioner": ref("Practitioner", pid),
                    "organization": ref("Organization", org["id"]),
                    "code": [cc("http://terminology.hl7.org/CodeSystem/practitioner-role", "doctor",
                                "Doctor")],
                    "specialty": [cc(SNOMED, spec_code, spec)]})
    for idx, p in enumerate(PATIENTS):
        (pid, family, given, gender, born, _demo, conds, meds, allergies, labs, encs, appts) = p
        age = -born // 365
        doctor = "pr-sofia-weber" if age < 18 else ("pr-rafael-santos" if "afib" in conds
                                                     else "pr-olivia-chen")
        gp_of_patient[pid] = doctor
        res.append({"resourceType": "Patient", "id": pid, "active": True,
                    "meta": {"tag": [SYNTHETIC_TAG]},
                    "identifier": [{"system": "http://hookbench.org/fhir/sid/mrn",
                                    "value": f"HB{100001 + idx}"}],
                    "name": [{"use": "official", "family": family, "given": [given]}],
                    "gender": gender, "birthDate": day(born),
                    "telecom": [{"system": "phone", "value": f"555-01{idx:02d}", "use": "home"}],
                    "address": [{"line": [f"{10 + idx} Synthetic Lane"], "city": "Sampleton",
                                 "postalCode": f"0{idx:02d}42", "country": "XX"}],
                    "generalPractitioner": [ref("Practitioner", doctor)],
                    "managingOrganization": ref("Organization", org["id"])})
        subj = ref("Patient", pid)
        for n, key in enumerate(conds):
            code, display = CONDITIONS[key]
            onset = {"lbp": -21 if pid == "pt-george-lindqvist" else -14, "pneumonia": -5,
                     "otitis": -10}.get(key, -2000 + 100 * n)
            res.append({"resourceType": "Condition", "id": f"cond-{pid[3:]}-{key}",
                        "clinicalStatus": cc("http://terminology.hl7.org/CodeSystem/condition-clinical",
                                             "active", "Active"),
                        "verificationStatus": cc(
                            "http://terminology.hl7.org/CodeSystem/condition-ver-status",
                            "confirmed", "Confirmed"),
                        "category": [cc("http://terminology.hl7.org/CodeSystem/condition-category",
                                        "problem-list-item", "Problem List Item")],
                        "code": cc(SNOMED, code, display), "subject": subj,
                        "onsetDateTime": at(onset), "recordedDate": at(onset, "10:00")})
        for n, (rx, started) in enumerate(meds):
            entry = next(f for f in FORMULARY if f[0] == rx)
            res.append({"resourceType": "MedicationRequest", "id": f"medrx-{pid[3:]}-{n + 1}",
                        "status": "active", "intent": "order",
                        "category": [cc("http://terminology.hl7.org/CodeSystem/medicationrequest-category",
                                        "community", "Community")],
                        "medicationCodeableConcept": cc(RXNORM, rx, entry[1]), "subject": subj,
                        "authoredOn": at(-started), "requester": ref("Practitioner", doctor),
                        "dosageInstruction": [{"text": "As directed, once daily"}]})
        for n, (klass, crit, reaction) in enumerate(allergies):
            code = {"penicillin": (RXNORM, "7980", "Penicillin G"),
                    "sulfonamide": (RXNORM, "10831", "Sulfamethoxazole")}[klass]
            res.append({"resourceType": "AllergyIntolerance", "id": f"allergy-{pid[3:]}-{n + 1}",
                        "clinicalStatus": cc(
                            "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical",
                            "active", "Active"),
                        "verificationStatus": cc(
                            "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification",
                            "confirmed", "Confirmed"),
                        "type": "allergy", "category": ["medication"], "criticality": crit,
                        "code": cc(*code), "patient": subj, "recordedDate": at(-1000),
                        "reaction": [{"manifestation": [cc(SNOMED, {"anaphylaxis": "39579001",
                                                                     "rash": "271807003",
                                                                     "urticaria": "126485001"}[reaction],
                                                            reaction.capitalize())]}]})
        for n, (kind, value, when) in enumerate(labs):
            code, display, unit = LABS[kind]
            res.append(obs(f"obs-{pid[3:]}-{kind}-{n + 1}", subj, "laboratory", code, display,
                           value, unit, when))
        sys_, dia, hr, wt, ht = VITALS[pid]
        vdays = sorted({-365, encs[0][2] if encs[0][1] == "finished" else -1})
        for v, when in enumerate(vdays):
            shift = 4 if v == 0 else 0
            bp = {"resourceType": "Observation", "id": f"obs-{pid[3:]}-bp-{v + 1}",
                  "status": "final", "category": [vital_cat()],
                  "code": cc(LOINC, "85354-9", "Blood pressure panel with all children optional"),
                  "subject": subj, "effectiveDateTime": at(when, "08:30"),
                  "component": [
                      {"code": cc(LOINC, "8480-6", "Systolic blood pressure"),
                       "valueQuantity": qty(sys_ + shift, "mm[Hg]")},
                      {"code": cc(LOINC, "8462-4", "Diastolic blood pressure"),
                       "valueQuantity": qty(dia + shift // 2, "mm[Hg]")}]}
            res.append(bp)
            res.append(obs(f"obs-{pid[3:]}-hr-{v + 1}", subj, "vital-signs", "8867-4", "Heart rate",
                           hr, "/min", when))
            res.append(obs(f"obs-{pid[3:]}-weight-{v + 1}", subj, "vital-signs", "29463-7",
                           "Body weight", wt, "kg", when))
        res.append(obs(f"obs-{pid[3:]}-height-1", subj, "vital-signs", "8302-2", "Body height", ht,
                       "cm", vdays[0]))
        for n, (klass, status, when, length, reason) in enumerate(encs):
            enc = {"resourceType": "Encounter", "id": f"enc-{pid[3:]}-{n + 1}", "status": status,
                   "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode",
                             "code": klass,
                             "display": "inpatient encounter" if klass == "IMP" else "ambulatory"},
                   "type": [cc(SNOMED, "32485007" if klass == "IMP" else "185349003",
                               "Hospital admission" if klass == "IMP" else "Encounter for check up")],
                   "subject": subj,
                   "participant": [{"individual": ref("Practitioner", doctor)}],
                   "period": {"start": at(when, "08:00")},
                   "serviceProvider": ref("Organization", org["id"])}
            if length is not None:
                enc["period"]["end"] = at(when + length, "08:40")
            if reason:
                code, display = CONDITIONS[reason]
                enc["reasonCode"] = [cc(SNOMED, code, display)]
            res.append(enc)
        for n, (status, when, description) in enumerate(appts):
            res.append({"resourceType": "Appointment", "id": f"appt-{pid[3:]}-{n + 1}",
                        "status": status, "description": description,
                        "serviceType": [cc(SNOMED, "394814009", "General practice")],
                        "start": at(when, "10:00"), "end": at(when, "10:20"),
                        "minutesDuration": 20,
                        "participant": [{"actor": dict(ref("Patient", pid), display=f"{given} {family}"),
                                         "status": "accepted"},
                                        {"actor": ref("Practitioner", doctor), "status": "accepted"}]})
    return res, {p[0]: p[5] for p in PATIENTS}


def hash_str(text):  # stable across runs (Python's hash() is salted)
    value = 0
    for ch in text:
        value = (value * 131 + ord(ch)) % 2**61
    return value


def qty(value, unit):
    return {"value": value, "unit": unit, "system": "http://unitsofmeasure.org", "code": unit}


def vital_cat():
    return cc("http://terminology.hl7.org/CodeSystem/observation-category", "vital-signs",
              "Vital Signs")


def obs(oid, subj, category, code, display, value, unit, when):
    return {"resourceType": "Observation", "id": oid, "status": "final",
            "category": [cc("http://terminology.hl7.org/CodeSystem/observation-category", category,
                            "Laboratory" if category == "laboratory" else "Vital Signs")],
            "code": cc(LOINC, code, display), "subject": subj,
            "effectiveDateTime": at(when, "07:45"), "issued": at(when, "11:00"),
            "valueQuantity": qty(value, unit)}


def main():
    resources, notes = build()
    bundle = {"resourceType": "Bundle", "id": "hookbench-synthetic-ehr", "type": "collection",
              "meta": {"tag": [SYNTHETIC_TAG]},
              "entry": [{"fullUrl": f"urn:hookbench:{r['resourceType']}/{r['id']}", "resource": r}
                        for r in resources]}
    catalogue = {
        "anchorDate": ANCHOR.isoformat(),
        "note": "Synthetic demo data. RxNorm codes chosen to the best of our knowledge; not for clinical use.",
        "formulary": [{"system": RXNORM, "code": rx, "display": disp, "ingredient": ing,
                       "classes": classes, **({"brandOf": brand} if brand else {})}
                      for rx, disp, ing, classes, brand in FORMULARY],
        "renal": RENAL, "allergyClasses": ALLERGY_CLASSES, "interactions": INTERACTIONS,
        "imagingSystem": IMAGING_SYSTEM, "imaging": IMAGING,
        "cptSystem": CPT, "imagingReasons": IMAGING_REASONS, "labs": LAB_ORDERS,
        "routes": ROUTES, "frequencies": FREQUENCIES,
    }
    write("synthetic-ehr.json", bundle)
    write("catalogue.json", catalogue)
    write("patient-notes.json", {"anchorDate": ANCHOR.isoformat(), "demonstrates": notes})


def write(name, data):
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as out:
        json.dump(data, out, indent=1, ensure_ascii=False, sort_keys=False)
        out.write("\n")


if __name__ == "__main__":
    main()
