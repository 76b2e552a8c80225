#!/usr/bin/env python3
"""Generates Config/calendar/YYYY.yaml (the Russian production calendar) and the independent
working-day listing Tests/Fixtures/working-days-2020-2027.txt used to cross-check it.

The calendar comes from two sources typed in below from the legal texts:
  * Labour Code art. 112 part 1 (the non-working holidays) and part 2 (a holiday on a Saturday or
    Sunday moves the day off to the next working day, except the January holidays, two of which the
    Government moves by decree);
  * each year's Government decree «О переносе выходных дней в YYYY году» (TRANSFERS), and the
    pre-holiday shortened days (art. 95) of the Ministry of Labour's production calendar.

The listing comes from the PyPI package `holidays` (country RU) alone: a date is working when it is
a weekday that is not a holiday there, or one of its `weekend_workdays`. The script refuses to write
anything while the two disagree, unless the disagreement is explained in DISAGREEMENTS (the decree
wins; the explanation is written into the year file).

Usage:  pip install holidays && python3 scripts/generate_calendar.py
To add a year: add it to DECREES (title, transfers, shortened days), run the script, and run
`swift test --filter Calendar`.
"""
from __future__ import annotations

import datetime as dt
import pathlib
import sys

import holidays

ROOT = pathlib.Path(__file__).resolve().parent.parent
CONFIG = ROOT / "Config" / "calendar"
FIXTURE = ROOT / "Tests" / "Fixtures" / "working-days-2020-2027.txt"

D = dt.date.fromisoformat

# Labour Code art. 112 part 1, as amended by Federal Law of 23.04.2012 No. 35-FZ (in force for all
# years here). December 31 is not among them: it is a day off only when a decree moves one there.
ART112 = [
    ((1, 1), "Новогодние каникулы"), ((1, 2), "Новогодние каникулы"), ((1, 3), "Новогодние каникулы"),
    ((1, 4), "Новогодние каникулы"), ((1, 5), "Новогодние каникулы"), ((1, 6), "Новогодние каникулы"),
    ((1, 7), "Рождество Христово"), ((1, 8), "Новогодние каникулы"),
    ((2, 23), "День защитника Отечества"), ((3, 8), "Международный женский день"),
    ((5, 1), "Праздник Весны и Труда"), ((5, 9), "День Победы"), ((6, 12), "День России"),
    ((11, 4), "День народного единства"),
]

# year: (decree, [(weekend day moved, weekday that becomes the day off)], [shortened days])
DECREES: dict[int, tuple[str, list[tuple[str, str]], list[str]]] = {
    2020: ("Постановление Правительства РФ от 10.07.2019 № 875 «О переносе выходных дней в 2020 году»",
           [("2020-01-04", "2020-05-04"), ("2020-01-05", "2020-05-05")],
           ["2020-04-30", "2020-05-08", "2020-06-11", "2020-11-03", "2020-12-31"]),
    2021: ("Постановление Правительства РФ от 10.10.2020 № 1648 «О переносе выходных дней в 2021 году»",
           [("2021-01-02", "2021-11-05"), ("2021-01-03", "2021-12-31"), ("2021-02-20", "2021-02-22")],
           ["2021-02-20", "2021-04-30", "2021-06-11", "2021-11-03"]),
    2022: ("Постановление Правительства РФ от 16.09.2021 № 1564 «О переносе выходных дней в 2022 году»",
           [("2022-01-01", "2022-05-03"), ("2022-01-02", "2022-05-10"), ("2022-03-05", "2022-03-07")],
           ["2022-02-22", "2022-03-05", "2022-11-03"]),
    2023: ("Постановление Правительства РФ от 29.08.2022 № 1505 «О переносе выходных дней в 2023 году»",
           [("2023-01-01", "2023-02-24"), ("2023-01-08", "2023-05-08")],
           ["2023-02-22", "2023-03-07", "2023-11-03"]),
    2024: ("Постановление Правительства РФ от 10.08.2023 № 1314 «О переносе выходных дней в 2024 году»",
           [("2024-01-06", "2024-05-10"), ("2024-01-07", "2024-12-31"), ("2024-04-27", "2024-04-29"),
            ("2024-11-02", "2024-04-30"), ("2024-12-28", "2024-12-30")],
           ["2024-02-22", "2024-03-07", "2024-05-08", "2024-06-11", "2024-11-02"]),
    2025: ("Постановление Правительства РФ от 04.10.2024 № 1335 «О переносе выходных дней в 2025 году»",
           [("2025-01-04", "2025-05-02"), ("2025-01-05", "2025-12-31"), ("2025-02-23", "2025-05-08"),
            ("2025-03-08", "2025-06-13"), ("2025-11-01", "2025-11-03")],
           ["2025-03-07", "2025-04-30", "2025-06-11", "2025-11-01"]),
    2026: ("Постановление Правительства РФ от 24.09.2025 № 1466 «О переносе выходных дней в 2026 году»",
           [("2026-01-03", "2026-01-09"), ("2026-01-04", "2026-12-31")],
           ["2026-04-30", "2026-05-08", "2026-06-11", "2026-11-03"]),
    2027: ("Постановление Правительства РФ от 17.09.2026 № 1187 «О переносе выходных дней в 2027 году»",
           [("2027-01-02", "2027-11-05"), ("2027-01-03", "2027-12-31"), ("2027-02-20", "2027-02-22")],
           ["2027-02-20", "2027-04-30", "2027-06-11", "2027-11-03"]),
}

# Working days per year in the Ministry of Labour's production calendar (five-day week): a check on
# the typing above. 2020 is the count before the President's one-off non-working days (see NOTES).
KNOWN_WORKING_DAY_COUNTS = {2020: 248, 2021: 247, 2022: 247, 2023: 247, 2024: 248, 2025: 247, 2026: 247}

# Explained disagreements with the `holidays` package: {date: why}. The decree wins.
DISAGREEMENTS: dict[str, str] = {}

# Facts about a year that the calendar deliberately leaves out, written into the year file.
NOTES = {
    2020: [
        "Not included: the President's non-working days with pay retained — 30.03–30.04 and 06.05–08.05",
        "(Указы от 25.03.2020 № 206, от 02.04.2020 № 239, от 28.04.2020 № 294), 24.06 (Указ от 29.05.2020",
        "№ 345) and 01.07 (Указ от 01.06.2020 № 354). They were neither art. 112 holidays nor transfers,",
        "did not change the production calendar's working-time norm, and the spring decrees told local",
        "government bodies to keep working. To count them as days off anyway, add them to days_off.",
    ],
    2021: [
        "Not included: the President's non-working days with pay retained 04.05–07.05 (Указ от 23.04.2021",
        "№ 242) and 01.11–03.11 (Указ от 20.10.2021 № 595); see the note in 2020.yaml.",
    ],
}

HEADER = """\
# Производственный календарь Российской Федерации на {year} год — Russian production calendar, {year}.
# Read by Sources/Settings/CalendarLoader.swift; deadlines in working days (regulation § 7) use it.
#
# Generated by scripts/generate_calendar.py from Labour Code art. 112 and the decree below;
# cross-checked day by day with the PyPI package `holidays` (RU): {crosscheck}
#
# Keys: holidays     — non-working holidays, Labour Code art. 112 part 1;
#       days_off     — weekdays that are days off: moved by the decree, or by art. 112 part 2 (a holiday
#                      on a Saturday or Sunday gives the next working day off); `from` is the day moved;
#       working_days — Saturdays and Sundays made working days by the decree;
#       shortened    — pre-holiday working days, one hour shorter (art. 95); deadlines ignore this.
# Every date must belong to {year}; no date may be listed twice or be both a day off and a working day.
#
# How to add a year: when the Government publishes «О переносе выходных дней в YYYY году» (usually in
# August–October of the year before), add it to DECREES in scripts/generate_calendar.py (title,
# transfers, shortened days from the Ministry of Labour's production calendar), run
# `pip install holidays && python3 scripts/generate_calendar.py`, review the new YYYY.yaml and run
# `swift test --filter Calendar`. A year without a file falls back to weekends + art. 112, with a
# loud warning at start.
"""


def art112_holidays(year: int) -> dict[dt.date, str]:
    return {dt.date(year, m, d): name for (m, d), name in ART112}


def build_year(year: int):
    """Our calendar for one year from art. 112 and the decree: (holidays, days_off, working_days)."""
    _, transfers, _ = DECREES[year]
    hol = art112_holidays(year)
    moved_from = {D(a) for a, _ in transfers}
    working = {D(a) for a, _ in transfers if D(a) not in hol}
    days_off: dict[dt.date, tuple[dt.date, str]] = {D(b): (D(a), "decree") for a, b in transfers}

    def is_off(d: dt.date) -> bool:
        if d in working:
            return False
        return d.weekday() >= 5 or d in hol or d in days_off

    # Art. 112 part 2: outside January, a holiday on a weekend gives the next working day off,
    # unless the decree moved that day off elsewhere.
    for d in sorted(hol):
        if d.month == 1 or d.weekday() < 5 or d in moved_from:
            continue
        nxt = d + dt.timedelta(days=1)
        while is_off(nxt):
            nxt += dt.timedelta(days=1)
        days_off[nxt] = (d, "art. 112 part 2")
    return hol, days_off, working


def is_working_ours(d: dt.date, hol, days_off, working) -> bool:
    if d in working:
        return True
    return d.weekday() < 5 and d not in hol and d not in days_off


def is_working_package(d: dt.date, ru) -> bool:
    if d in ru.weekend_workdays:
        return True
    return d.weekday() < 5 and d not in ru


def days_of(year: int):
    d = dt.date(year, 1, 1)
    while d.year == year:
        yield d
        d += dt.timedelta(days=1)


WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def write_year(year: int, problems: list[str]) -> None:
    decree, _, shortened = DECREES[year]
    hol, days_off, working = build_year(year)
    ru = holidays.RU(years=year)
    explained = []
    for d in days_of(year):
        if is_working_ours(d, hol, days_off, working) != is_working_package(d, ru):
            why = DISAGREEMENTS.get(d.isoformat())
            if why is None:
                problems.append(f"{d}: decree says {'working' if is_working_ours(d, hol, days_off, working) else 'day off'}, "
                                f"holidays {holidays.__version__} disagrees; explain it in DISAGREEMENTS")
            else:
                explained.append(f"{d}: {why}")
    for s in shortened:
        if not is_working_ours(D(s), hol, days_off, working):
            problems.append(f"{s}: a shortened day must be a working day")
    count = sum(is_working_ours(d, hol, days_off, working) for d in days_of(year))
    if year in KNOWN_WORKING_DAY_COUNTS and count != KNOWN_WORKING_DAY_COUNTS[year]:
        problems.append(f"{year}: {count} working days, the production calendar has {KNOWN_WORKING_DAY_COUNTS[year]}")

    crosscheck = ("no disagreement." if not explained else
                  "disagreements, where the decree wins:\n" + "\n".join(f"#   {e}" for e in explained))
    lines = [HEADER.format(year=year, crosscheck=crosscheck)]
    for note in NOTES.get(year, []):
        lines.append(f"# {note}")
    if year in NOTES:
        lines.append("")
    lines.append(f"year: {year}")
    lines.append(f"working_day_count: {count}")
    lines.append("decrees:")
    lines.append(f'  - "{decree}"')
    lines.append("holidays:")
    for d, name in sorted(hol.items()):
        lines.append(f"  - {d}  # {WEEKDAYS[d.weekday()]}, {name}")
    lines.append("days_off:")
    for d, (src, why) in sorted(days_off.items()):
        lines.append(f"  - {{date: {d}, from: {src}}}  # {WEEKDAYS[d.weekday()]} from {WEEKDAYS[src.weekday()]}, {why}")
    lines.append("working_days:" + ("" if working else " []"))
    for d in sorted(working):
        lines.append(f"  - {d}  # {WEEKDAYS[d.weekday()]}")
    lines.append("shortened:")
    for s in shortened:
        lines.append(f"  - {s}  # {WEEKDAYS[D(s).weekday()]}")
    (CONFIG / f"{year}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_fixture(years: list[int]) -> None:
    out = [
        "# Working days in Russia by the PyPI package `holidays` "
        f"{holidays.__version__} alone (not by Config/calendar):",
        "# a weekday that is not in holidays.RU, or one of its weekend_workdays.",
        "# One line per month: YYYY-MM, then one character per day: W working, - day off.",
        "# Written by scripts/generate_calendar.py; Tests/SettingsTests compares Config/calendar with it.",
    ]
    for year in years:
        ru = holidays.RU(years=year)
        for month in range(1, 13):
            d = dt.date(year, month, 1)
            marks = ""
            while d.month == month:
                marks += "W" if is_working_package(d, ru) else "-"
                d += dt.timedelta(days=1)
            out.append(f"{year}-{month:02d} {marks}")
    FIXTURE.write_text("\n".join(out) + "\n", encoding="utf-8")


def main() -> int:
    problems: list[str] = []
    years = sorted(DECREES)
    CONFIG.mkdir(parents=True, exist_ok=True)
    FIXTURE.parent.mkdir(parents=True, exist_ok=True)
    for year in years:
        write_year(year, problems)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    write_fixture(years)
    print(f"wrote {len(years)} year files to {CONFIG.relative_to(ROOT)} and {FIXTURE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
