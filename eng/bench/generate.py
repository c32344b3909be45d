#!/usr/bin/env python3
"""Writes N synthetic articles (our own template text) for the pipeline bench.

Forty cities each get one incident; every article about a city repeats that incident with the same toll from another
outlet, so only the first article of each city raises an alert and the rest are the common case: change detection that
finds nothing new. One article in five is unrelated business news with no event at all.
"""
import random
import sys
from pathlib import Path

CITIES = ["Kabul", "Mosul", "Aleppo", "Kherson", "Mogadishu", "Kandahar", "Basra", "Sanaa", "Tripoli", "Benghazi",
          "Khartoum", "Goma", "Maiduguri", "Peshawar", "Quetta", "Idlib", "Homs", "Raqqa", "Kirkuk", "Erbil",
          "Mariupol", "Odesa", "Kharkiv", "Timbuktu", "Gao", "Bamako", "Niamey", "Juba", "Aden", "Hodeidah",
          "Ramadi", "Fallujah", "Tikrit", "Herat", "Jalalabad", "Kunduz", "Lashkar Gah", "Deir ez-Zor", "Misrata", "Sirte"]
OUTLETS = ["Daily Courier", "Evening Ledger", "Morning Post", "Wire Service", "Gazette", "Chronicle", "Observer",
           "Tribune", "Herald", "Dispatch", "Sentinel", "Examiner", "Bulletin", "Record", "Standard"]
FILLER = ["Witnesses described a loud blast followed by gunfire.", "Ambulances rushed the wounded to the main hospital.",
          "Security forces sealed off the area afterwards.", "Residents said the streets emptied within minutes.",
          "The local governor called for calm.", "Shops in the nearby market stayed closed the next morning.",
          "An investigation has been opened, officials said.", "Roads into the district were closed for several hours."]
BUSINESS = ["The central bank left its main rate unchanged on {day}, citing steady prices.",
            "A regional airline said it would add three routes next spring.",
            "Wheat prices edged higher as traders weighed the harvest outlook.",
            "The port reported record container volumes for the quarter.",
            "A technology firm opened a new office and plans to hire two hundred staff."]


def main() -> None:
    count, folder = int(sys.argv[1]), Path(sys.argv[2])
    rng = random.Random(13)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        outlet = f"{rng.choice(OUTLETS)} {i}"
        if i % 5 == 4:
            title = f"Markets note {i}"
            body = " ".join(rng.choice(BUSINESS).format(day="Monday") for _ in range(3))
        else:
            c = (i * 7) % len(CITIES)
            city, killed = CITIES[c], 3 + c
            title = f"Attack in {city} kills {killed} ({i})"
            filler = " ".join(rng.sample(FILLER, 3))
            body = (f"Militants attacked a police checkpoint in {city} on Sunday, killing {killed} officers, officials said on Monday.\n\n"
                    f"{filler}\n\nReport number {i} by the {outlet}.")
        text = (f"Title: {title}\nPublished: 2026-11-16T09:30:00+00:00\nSource: {outlet}\n"
                f"Url: https://example.org/bench/{i}\n\n{body}\n")
        (folder / f"bench-{i:05d}.txt").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
