#!/usr/bin/env python3
"""Writes a start-up list and HR declarations on those start-ups, for the jobs layer at volume.

Usage: generate_partners.py STARTUPS DECLARATIONS OUT_DIR
OUT_DIR/startups.csv is in the mons-mic partner layout (drop it in inbox/incubators/mons-mic/);
OUT_DIR/declarations.csv is an HR CSV (drop it in inbox/hr/): one IN per declaration id, a third of
them followed by an OUT, on valid enterprise numbers and NISS (mod-97). Deterministic (fixed seed).
"""
import random
import sys


def enterprise_number(rnd):
    base = rnd.randint(10000000, 19999999)
    return '%08d%02d' % (base, 97 - base % 97)


def niss(rnd):
    base = int('%02d%02d%02d%03d' % (rnd.randint(60, 99), rnd.randint(1, 12), rnd.randint(1, 28), rnd.randint(1, 997)))
    s = '%09d%02d' % (base, 97 - base % 97)
    return '%s.%s.%s-%s.%s' % (s[0:2], s[2:4], s[4:6], s[6:9], s[9:11])


def main(startups, declarations, out):
    rnd = random.Random(7)
    numbers = []
    with open(out + '/startups.csv', 'w', encoding='utf-8') as f:
        f.write('Company;Legal form;VAT / BCE;Founded;Zip;Town;Track;Programme;Status\n')
        for i in range(startups):
            en = enterprise_number(rnd)
            numbers.append(en)
            founded = '%02d/%02d/%d' % (rnd.randint(1, 28), rnd.randint(1, 12), rnd.randint(2009, 2020))
            f.write('Startup %05d;SRL;%s.%s.%s;%s;7000;Mons;cloud;Boostcamp;created\n'
                    % (i, en[:4], en[4:7], en[7:], founded))
    with open(out + '/declarations.csv', 'w', encoding='utf-8') as f:
        f.write('declaration_id;action;employer_enterprise_number;employer_name;worker_niss;contract_type;fte;'
                'start_date;end_date;job_title;declared_at\n')
        k = 0
        while k < declarations:
            year, month = rnd.randint(2009, 2020), rnd.randint(1, 12)
            did = 'G-%06d' % k
            f.write('%s;IN;%s;Employer;%s;CDI;1;01/%02d/%d;;Dev;%d-%02d-01T09:00:00+01:00\n'
                    % (did, rnd.choice(numbers), niss(rnd), month, year, year, month))
            k += 1
            if rnd.random() < 0.3 and k < declarations:
                f.write('%s;OUT;;;;;;;28/%02d/%d;;%d-%02d-02T09:00:00+01:00\n' % (did, month, year + 1, year + 1, month))
                k += 1


if __name__ == '__main__':
    main(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3])
