package be.micmons.warehouse.intake;

import java.nio.file.Path;
import java.sql.Connection;

/**
 * One import in progress: its ledger id, the file and the transaction's connection.
 *
 * @param partner the partner site or exam provider (the inbox sub-folder), null for hr
 */
public record ImportJob(long importId, String source, String partner, Path file, String fileName,
                        Connection connection, RejectSink rejects, ImportProgress progress) {}
