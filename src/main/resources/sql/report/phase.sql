-- One convention phase by its name (bind: the phase, e.g. 2009-2011).
select phase, year_from, year_to from ops.convention_phase where phase = ?
