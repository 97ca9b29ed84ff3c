package be.micmons.warehouse.intake;

/** What a loader did with a file's rows. Rejected rows are counted by the job's reject sink. */
public record LoadResult(long rowsRead, long rowsLoaded, long rowsDuplicate) {}
