#!/usr/bin/env python3
"""Writes data/demo/responses.csv: the seed document's unit and round.

The answers are made up, but chosen so that scoring them with
data/questionnaires/ita-internal-2568.json gives exactly the seed's figures:

  IIT (11 staff):  highest indicator 3 (100.00); lowest indicator 1, whose
                   lowest item is the reverse-worded i12 at 81.82 (9 of 11).
                   The two unfavourable i12 answers are "มากที่สุด" from staff
                   who answered every other item of indicator 1 favourably:
                   the misread pattern the seed describes.
  EIT (15 outside): indicator 6 at 93.33 (14 of 15 on each item, highest);
                   indicator 8 at 88.33 (53 of 60: e7, e8, e9 13 of 15 and
                   e10 14 of 15), lowest, with e7 at 86.67 among its lowest
                   items. The seed's counts force that tie: with 15 answers
                   per item, 53 of 60 cannot leave e7 alone at the bottom.

IIT answers are written as option numbers (1 = the first option as the scale
is written), EIT answers as their Thai labels, as a form tool exports them:
the CSV format accepts both.

Deterministic: run it again and the file is the same.
"""
import csv
import random
from pathlib import Path

UNIT = "ศูนย์ความร่วมมือระหว่างประเทศ (ศรป.)"
ROUND = "ITA 2568 รอบ 5 เดือนแรก"
IIT_ITEMS = [f"i{k}" for k in range(1, 31)]
EIT_ITEMS = [f"e{k}" for k in range(1, 11)]
REVERSE = {"i12", "i19", "i24"}
EIT_LABELS = ["ไม่เห็นด้วยอย่างยิ่ง", "ไม่เห็นด้วย", "ค่อนข้างไม่เห็นด้วย",
              "ค่อนข้างเห็นด้วย", "เห็นด้วย", "เห็นด้วยอย่างยิ่ง"]

rng = random.Random(2568)


def favourable(item):
    # Written option numbers: 1..6; upper three favourable, mirrored if reverse.
    if item in REVERSE:
        return rng.choice([1, 1, 1, 2, 2, 3])
    return rng.choice([6, 6, 6, 5, 5, 4])


def unfavourable(item):
    if item in REVERSE:
        return rng.choice([4, 5])
    return rng.choice([2, 3])


def iit_rows():
    n = 11
    rows = [{item: favourable(item) for item in IIT_ITEMS} for _ in range(n)]
    # i12: respondents 0 and 1 answered "มากที่สุด" (6) while favourable elsewhere.
    rows[0]["i12"] = 6
    rows[1]["i12"] = 6
    # One unfavourable answer each, never from respondents 0 and 1, so that
    # indicator 1 is lowest and indicator 3 (i18-i22) stays at 100.
    for respondent, item in [(2, "i3"), (3, "i7"), (4, "i15"), (5, "i25"), (6, "i28")]:
        rows[respondent][item] = unfavourable(item)
    rows[7]["i29"] = ""  # one item left unanswered: not counted
    return rows


def eit_rows():
    n = 15
    rows = [{item: favourable(item) for item in EIT_ITEMS} for _ in range(n)]
    unfavourable_answers = {
        "e1": [0], "e2": [1], "e3": [2],          # indicator 6: 14 of 15 each
        "e4": [3], "e5": [4], "e6": [12],         # indicator 7: 14/15, 14/15 and
        "e7": [5, 6], "e8": [7, 8], "e9": [9, 10],  # e6 13 of 14 (one skipped):
        "e10": [11],                                # 93.17, between 88.33 and 93.33
    }
    for item, respondents in unfavourable_answers.items():
        for r in respondents:
            rows[r][item] = unfavourable(item)
    rows[13]["e6"] = ""
    return rows


def main():
    out = Path(__file__).with_name("responses.csv")
    header = ["unit", "round", "instrument", "respondent"] + IIT_ITEMS + EIT_ITEMS
    with out.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for k, row in enumerate(iit_rows(), 1):
            w.writerow([UNIT, ROUND, "IIT", f"iit-{k:02d}"] + [row[i] for i in IIT_ITEMS]
                       + [""] * len(EIT_ITEMS))
        for k, row in enumerate(eit_rows(), 1):
            w.writerow([UNIT, ROUND, "EIT", f"eit-{k:02d}"] + [""] * len(IIT_ITEMS)
                       + [EIT_LABELS[row[i] - 1] if row[i] else "" for i in EIT_ITEMS])


if __name__ == "__main__":
    main()
