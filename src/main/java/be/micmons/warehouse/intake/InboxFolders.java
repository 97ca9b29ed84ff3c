package be.micmons.warehouse.intake;

import java.io.IOException;
import java.util.List;

/** A source whose inbox has one folder per partner (site or provider): {@code <inbox>/<source>/<id>/}. */
public interface InboxFolders {
    String source();

    /** The configured partner ids, one watched folder each. */
    List<String> ids() throws IOException;
}
