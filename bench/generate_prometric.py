#!/usr/bin/env python3
"""Writes a Prometric export (DESIGN §5.3) of N rows: ~5% exact duplicate rows, ~1% invalid rows.

Usage: generate_prometric.py ROWS OUT.csv
Invalid rows have an impossible AppointmentDate (month 13); the pipeline rejects them and the
baseline filters them with a WHERE. Deterministic (fixed seed) so runs compare.
"""
import random
import sys

HEADER = ("TestCenterID,RegistrationID,CandidateID,LastName,FirstName,Email,ExamCode,ExamTitle,"
          "AppointmentDate,ExamStatus,Score,PassingScore,Result\n")
EXAMS = [("070-410", "Installing and Configuring Windows Server 2012"),
         ("070-411", "Administering Windows Server 2012"),
         ("070-412", "Configuring Advanced Windows Server 2012 Services"),
         ("070-480", "Programming in HTML5 with JavaScript and CSS3"),
         ("070-486", "Developing ASP.NET MVC 4 Web Applications"),
         ("070-487", "Developing Windows Azure and Web Services"),
         ("098-361", "Software Development Fundamentals"),
         ("098-349", "Windows Operating System Fundamentals"),
         ("070-461", "Querying Microsoft SQL Server 2012"),
         ("070-462", "Administering Microsoft SQL Server 2012 Databases")]
LAST = ["Dupont", "Lambert", "Dubois", "Martin", "Peeters", "Janssens", "Maes", "Jacobs", "Willems", "Claes",
        "Goossens", "Wouters", "De Smet", "Mertens", "Renard", "Leclercq", "Lejeune", "Hermans", "Simon", "Laurent"]
FIRST = ["Marie", "Luc", "Sophie", "Thomas", "Julie", "Nicolas", "Camille", "Antoine", "Laura", "Maxime"]
STATUSES = ["Delivered"] * 90 + ["No Show"] * 5 + ["Cancelled"] * 3 + ["Delivery Failed"] * 2


def main():
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    out = sys.argv[2] if len(sys.argv) > 2 else "prometric.csv"
    rnd = random.Random(20091112)
    persons = max(1000, rows // 4)
    written = 0
    last_line = None
    reg = 10_000_000
    with open(out, "w", encoding="utf-8", newline="\n", buffering=1 << 20) as f:
        f.write(HEADER)
        while written < rows:
            if last_line is not None and rnd.random() < 0.05:
                f.write(last_line)  # an exact duplicate row, as overlapping exports deliver
                written += 1
                continue
            reg += 1
            p = rnd.randrange(persons)
            last, first = LAST[p % len(LAST)], FIRST[(p // len(LAST)) % len(FIRST)]
            code, title = EXAMS[rnd.randrange(len(EXAMS))]
            status = STATUSES[rnd.randrange(len(STATUSES))]
            month = rnd.randint(1, 12)
            if rnd.random() < 0.0105:
                month = 13  # invalid row
            date = "%02d/%02d/%d" % (month, rnd.randint(1, 28), rnd.randint(2009, 2014))
            if status == "Delivered":
                score = rnd.randint(300, 1000)
                result = "Pass" if score >= 700 else "Fail"
            else:
                score, result = "", ""
            line = "%d,%d,PRM%07d,%s,%s,%s.%s%d@example.org,%s,%s,%s,%s,%s,700,%s\n" % (
                rnd.choice((74521, 74522, 80233)), reg, p, last, first, first.lower(), last.lower().replace(" ", ""),
                p, code, title, date, status, score, result)
            f.write(line)
            last_line = line
            written += 1


if __name__ == "__main__":
    main()
