package be.micmons.warehouse.ops;

/** Starts a piece of work beside the caller (a pull, a nightly run) and returns at once. */
@FunctionalInterface
public interface BackgroundWork {
    void start(String what, Task task);

    /** A piece of background work. */
    @FunctionalInterface
    interface Task {
        void run() throws Exception;
    }
}
