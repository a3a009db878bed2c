#!/usr/bin/env python3
"""Writes a large, realistic complaints log (CSV, in the columns `casebook import` reads) for a
fictional shared standards service: three councils, a councillor for every 25 complaints, ten years
of complaints spread over the calendar, every stage of the procedure, tags, post text and
outcomes. The same N and seed always give the same file.

    python3 scripts/gen-council.py 100000 > big.csv          # then: casebook import big.csv
    python3 scripts/gen-council.py 50000 --start 100001 ...  # references that follow on

Dates are working days (Monday to Friday) so the procedure's steps fall where a council would
record them; every step is dated after the one before and none is in the future.
"""

import argparse
import csv
import datetime as dt
import random
import sys

COUNCILS = ["Northbridge District Council", "Eastvale Borough Council", "Kingsmere Town Council"]
PARTIES = ["Labour", "Conservative", "Liberal Democrat", "Green", "Independent", "Reform UK"]
WARDS = ["Abbey", "Brookside", "Castle", "Deanery", "Elmfield", "Fairmead", "Greenhill", "Harbour",
         "Ivybridge", "Juniper", "Kingsway", "Lowfield", "Millbrook", "Northgate", "Orchard"]
FIRST = ["Alex", "Sam", "Jo", "Priya", "Tom", "Aisha", "Gareth", "Helen", "Imran", "Julia", "Kwame",
         "Laura", "Mohammed", "Nia", "Owen", "Patricia", "Rhys", "Sofia", "Tariq", "Vera", "Wendy",
         "Yusuf", "Zoe", "Bernard", "Chloe", "Dev", "Eleanor", "Finn", "Grace", "Hamza"]
LAST = ["Ashworth", "Bennett", "Chowdhury", "Davies", "Evans", "Fletcher", "Gill", "Hughes",
        "Iqbal", "Jenkins", "Khan", "Lloyd", "Morgan", "Nowak", "O'Brien", "Patel", "Quinn",
        "Roberts", "Singh", "Thomas", "Underwood", "Vaughan", "Williams", "Young", "Zielinski"]
PLATFORMS = ["Facebook", "X", "Instagram", "TikTok", "YouTube", "LinkedIn", "WhatsApp", "Nextdoor",
             "Threads", "Bluesky"]
TYPES = ["public", "public", "public", "public", "councillor", "officer", "other"]
CHANNELS = ["email", "email", "web form", "letter", "phone", "in person"]
TOPICS = [
    ("a post about the planning application at {w} Road", "R3;L4"),
    ("comments about a named council officer", "R5;C3;N7"),
    ("a post sharing a resident's address", "R8;L6"),
    ("abusive replies to residents on the ward page", "R5;C1;N7"),
    ("a video filmed at the council meeting", "R2;L8"),
    ("a post about the rats at {w} recycling centre", "R4"),
    ("a meme about another councillor", "R5;C2"),
    ("a post the complainant says was racist", "R6;L2;C4"),
    ("comments about a live court case", "L3"),
    ("a post using the council's logo during the election", "R9;L7"),
    ("a retweet of a defamatory claim about a business", "L1;R7"),
    ("a post disclosing a confidential committee report", "R10;C6"),
]
POST = ("This is what I think about {w} and I won't apologise for it. Residents deserve better "
        "than the council's officers give them. Share if you agree. #{w}")


def working_days_after(day, n, rng):
    """A working day n working days (plus a little jitter) after `day`."""
    n += rng.randint(0, 3)
    while n > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            n -= 1
    return day


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("cases", type=int, help="how many complaints")
    ap.add_argument("--start", type=int, default=1, help="number of the first complaint")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--until", default="2026-11-30", help="the last day complaints may be dated")
    a = ap.parse_args()
    rng = random.Random(a.seed * 1_000_003 + a.start)
    until = dt.date.fromisoformat(a.until)
    first_day = until - dt.timedelta(days=3650)
    span = (until - first_day).days
    councillors = max(3, (a.start + a.cases) // 25)
    # References are numbered per year; a run that follows on (--start) keeps them apart by
    # putting its number in the sequence.
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["reference", "received_on", "channel", "complainant_name", "complainant_contact",
                  "complainant_type", "confidential", "confidentiality_reason", "councillor_name",
                  "council", "ward", "party", "platform", "post_url", "posted_at", "summary",
                  "post_text", "tags", "capacity_determination", "capacity_reasons", "stage",
                  "outcome", "acknowledged_on", "decided_on", "closed_on", "sanctions"])
    for i in range(a.start, a.start + a.cases):
        received = first_day + dt.timedelta(days=int(span * (i - a.start + 0.5) / a.cases))
        while received.weekday() >= 5:
            received -= dt.timedelta(days=1)
        c = rng.randrange(councillors)
        crng = random.Random(c)
        councillor = f"Cllr {FIRST[c % len(FIRST)]} {LAST[(c // len(FIRST)) % len(LAST)]} {c}"
        council = COUNCILS[c % len(COUNCILS)]
        ward = WARDS[crng.randrange(len(WARDS))]
        topic, tags = TOPICS[rng.randrange(len(TOPICS))]
        summary = "Complaint about " + topic.format(w=ward) + "."
        platform = PLATFORMS[rng.randrange(len(PLATFORMS))]
        posted = received - dt.timedelta(days=rng.randint(0, 6))
        confidential = rng.random() < 0.05
        age = (until - received).days
        # Older complaints are further on; recent ones are still open.
        roll = rng.random()
        stage, outcome, ack, dec, closed, sanctions = "", "", "", "", "", ""
        ack_day = working_days_after(received, 3, rng)
        dec_day = working_days_after(ack_day, 15, rng)
        close_day = working_days_after(dec_day, 4, rng)
        if age < 10 and roll < 0.5:
            stage = "received"
        elif age < 25 and roll < 0.6:
            stage, ack = "acknowledged", ack_day
        elif age < 40 and roll < 0.5:
            stage, ack = "initial assessment", ack_day
        else:
            ack, dec, closed = ack_day, dec_day, close_day
            kind = rng.random()
            if kind < 0.08:
                stage, outcome = "closed", "breach found"
                sanctions = "formal letter;training"
                closed = working_days_after(dec_day, 60, rng)
            elif kind < 0.12:
                stage, outcome = "closed", "no breach"
                closed = working_days_after(dec_day, 60, rng)
            elif kind < 0.25:
                stage, outcome, sanctions = "closed", "informal resolution", "apology"
            elif kind < 0.35:
                stage, outcome = "closed", "out of scope: not acting in capacity"
            else:
                stage, outcome = "closed", "no further action"
            if closed > until:
                stage, closed = "decision", ""
                if outcome in ("breach found", "no breach"):
                    outcome, sanctions = "investigation", ""
                if dec > until:
                    stage, outcome, dec, sanctions = "initial assessment", "", "", ""
        for d in (ack, dec, closed):
            if d and d > until:
                stage = "received" if not ack or ack > until else stage
        if ack and ack > until:
            ack, dec, closed, stage, outcome, sanctions = "", "", "", "received", "", ""
        determination = "" if stage in ("received", "acknowledged") else rng.choice(
            ["in capacity", "in capacity", "not in capacity", "undetermined"])
        out.writerow([
            "", received.isoformat(), CHANNELS[rng.randrange(len(CHANNELS))],
            f"{FIRST[rng.randrange(len(FIRST))]} {LAST[rng.randrange(len(LAST))]}",
            f"resident{i}@example.org", TYPES[rng.randrange(len(TYPES))],
            "yes" if confidential else "no",
            "Fears reprisals from the councillor's supporters" if confidential else "",
            councillor, council, ward, PARTIES[crng.randrange(len(PARTIES))], platform,
            f"https://social.example/{platform.lower()}/posts/{i}", posted.isoformat(), summary,
            POST.format(w=ward) if rng.random() < 0.6 else "", tags, determination,
            "Posted on the councillor's ward page, which names their role" if determination else "",
            stage, outcome, ack and ack.isoformat(), dec and dec.isoformat(),
            closed and closed.isoformat(), sanctions,
        ])


if __name__ == "__main__":
    main()
