package be.micmons.warehouse.security;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import be.micmons.warehouse.privacy.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Failed sign-ins per remote address (DESIGN §9): {@code max-failures} within {@code window} and
 * the address gets 429 for {@code block}, said once in the log.
 */
@Component
public class SignInThrottle {
    private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);
    private static final int MAX_ADDRESSES = 10_000;

    private final int maxFailures;
    private final long windowNanos;
    private final long blockNanos;
    private final Map<String, State> byAddress = new ConcurrentHashMap<>();

    public SignInThrottle(SecurityProperties props) {
        this.maxFailures = props.signInThrottle().maxFailures();
        this.windowNanos = props.signInThrottle().window().toNanos();
        this.blockNanos = props.signInThrottle().block().toNanos();
    }

    private static final class State {
        final Deque<Long> failures = new ArrayDeque<>();
        long blockedUntil;
    }

    /** How long the address is still blocked, or null when it may try. */
    public Duration blocked(String address) {
        State s = byAddress.get(address);
        if (s == null) {
            return null;
        }
        synchronized (s) {
            long left = s.blockedUntil - System.nanoTime();
            return left > 0 ? Duration.ofNanos(left) : null;
        }
    }

    /** Counts one failed sign-in; starts a block when it completes a burst. */
    public void failed(String address) {
        if (byAddress.size() > MAX_ADDRESSES) {
            long now = System.nanoTime();
            byAddress.values().removeIf(s -> {
                synchronized (s) {
                    return s.blockedUntil - now < 0 && (s.failures.isEmpty() || now - s.failures.peekLast() > windowNanos);
                }
            });
        }
        State s = byAddress.computeIfAbsent(address, a -> new State());
        synchronized (s) {
            long now = System.nanoTime();
            s.failures.addLast(now);
            while (!s.failures.isEmpty() && now - s.failures.peekFirst() > windowNanos) {
                s.failures.removeFirst();
            }
            if (s.failures.size() >= maxFailures && s.blockedUntil - now <= 0) {
                s.blockedUntil = now + blockNanos;
                s.failures.clear();
                log.warn("{} failed sign-ins from {} within {}: that address gets 429 for {}", maxFailures,
                        LogSafe.text(address), Duration.ofNanos(windowNanos), Duration.ofNanos(blockNanos));
            }
        }
    }

    /** Forgets every address (tests; an operator restart does the same). */
    public void reset() {
        byAddress.clear();
    }
}
