package be.micmons.warehouse.intake;

/**
 * Published once, after the commit, when an import has been HELD (DESIGN §9, §15): the alerts
 * listen to it ({@code @EventListener}); nothing else needs to know.
 */
public record ImportHeldEvent(long importId, String source, String partner, String fileName, long rows,
                              long largestEarlierRows, double ratio) {
}
