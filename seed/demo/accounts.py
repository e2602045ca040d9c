"""Picks the demo accounts from a generated data set and prints accounts.tsv.

    python3 accounts.py DIR AS_OF

DIR holds profiles.jsonl, jobs.jsonl and connections.csv from `passerelle generate`;
AS_OF (YYYY-MM-DD) is the day it was generated as of. Each pick is a rule over the
data (ties go to the smaller member number), so the same files give the same accounts.
"""

import collections
import json
import sys


def number(member_id):
    return int(member_id.split("-")[1])


def main(directory, as_of):
    degree = collections.Counter()
    with open(f"{directory}/connections.csv", encoding="utf-8") as lines:
        next(lines)
        for line in lines:
            a, b = line.split(",")[:2]
            degree[a] += 1
            degree[b] += 1

    city, country, employees = {}, {}, collections.defaultdict(list)
    with open(f"{directory}/profiles.jsonl", encoding="utf-8") as lines:
        for line in lines:
            resume = json.loads(line)
            member = resume["meta"]["id"]
            city[member] = resume["basics"]["location"]["city"]
            country[member] = resume["basics"]["location"]["countryCode"]
            for work in resume.get("work", []):
                if "endDate" not in work:
                    employees[work["url"].removeprefix("https://").removesuffix(".example")].append(member)

    # Postings still open on AS_OF, per company and country.
    open_postings, names = collections.Counter(), {}
    with open(f"{directory}/jobs.jsonl", encoding="utf-8") as lines:
        for line in lines:
            posting = json.loads(line)
            company = posting["hiringOrganization"]["identifier"]
            names[company] = posting["hiringOrganization"]["name"]
            if posting["validThrough"][:10] > as_of:
                open_postings[company, posting["jobLocation"]["address"]["addressCountry"]] += 1

    picked = []

    def best(candidates):
        """The most connected member not picked yet."""
        member = min((m for m in candidates if m not in picked), key=lambda m: (-degree[m], number(m)))
        picked.append(member)
        return member

    rows = []
    for name, local, shown in [("toulouse", "Toulouse", "Toulouse"), ("munich", "München", "Munich (München)"),
                               ("shanghai", "上海", "Shanghai (上海)")]:
        member = best(m for m in city if city[m] == local)
        rows.append((name, member, "member", "", f"a member in {shown} with {degree[member]} connections"))

    recruiting = min(
        (c for (c, place) in open_postings if place == "FR"), key=lambda c: (-open_postings[c, "FR"], c))
    member = best(m for m in employees[recruiting] if country[m] == "FR")
    rows.append((
        "recruiter", member, "recruiter", recruiting,
        f"a recruiter at {names[recruiting]}, {open_postings[recruiting, 'FR']} open postings in France"))

    staffed = min((c for c in employees if c != recruiting and c in names), key=lambda c: (-len(employees[c]), c))
    member = best(employees[staffed])
    rows.append((
        "admin", member, "admin", staffed,
        f"the admin of {names[staffed]}, {len(employees[staffed])} current employees"))

    print("email\tpassword\tmember\trole\tcompany\tabout")
    for name, member, role, company, about in rows:
        print(f"{name}@demo.example\tdemo-{name}\t{member}\t{role}\t{company}\t{about}")


if __name__ == "__main__":
    main(*sys.argv[1:])
