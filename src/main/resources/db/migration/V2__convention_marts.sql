-- Convention phases and targets (DESIGN §8); the pinned KPI views are in R__90_convention.sql.
-- Phases and targets are written from config/convention.yaml at every start.
create table ops.metric (
    name  text primary key,
    ord   int  not null,
    label text not null
);
insert into ops.metric (name, ord, label) values
    ('startups_created', 1, 'Start-ups created'),
    ('jobs_created', 2, 'Jobs created'),
    ('jobs_created_fte', 3, 'Jobs created (FTE)'),
    ('certifications_delivered', 4, 'Certifications delivered'),
    ('exams_passed', 5, 'Exams passed'),
    ('certified_persons', 6, 'Certified persons');

create table ops.convention_phase (
    phase     text primary key,
    year_from int not null,
    year_to   int not null check (year_to >= year_from)
);

-- year null = a target for the whole phase
create table ops.convention_target (
    phase  text    not null references ops.convention_phase (phase) on delete cascade,
    year   int,
    metric text    not null references ops.metric (name),
    target numeric not null
);
create unique index convention_target_uq on ops.convention_target (phase, coalesce(year, 0), metric);

