package be.micmons.warehouse.intake;

/** Loads one file of a source into the warehouse, inside the import's transaction. */
public interface SourceLoader {

    /** The source id of DESIGN §1: incubators, exams or hr. */
    String source();

    /**
     * Streams the file, records row problems in {@link ImportJob#rejects()} and merges the good rows
     * set-based. Throws {@link FileRejectedException} when the file as a whole cannot be imported.
     */
    LoadResult load(ImportJob job) throws Exception;
}
