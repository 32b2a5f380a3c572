package io.switchboard.app.eventstore;

import io.switchboard.api.conversation.MessageSent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.boot.test.context.TestComponent;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A projection with a bug that bites once: the first time it sees a message whose text starts with
 * {@value #FAIL_ONCE}, its handler throws (an exception in the handler itself, not in the database). Part of every
 * app test context (see SwitchboardIntegrationTest) so that pinning the processors' error handling needs no context of
 * its own; it ignores every other message.
 */
@TestComponent
@ProcessingGroup("test-fail-once")
public class FailOnceProjection {

    static final String FAIL_ONCE = "fail-once:";

    private final Set<Long> failed = ConcurrentHashMap.newKeySet();
    final List<String> handled = new CopyOnWriteArrayList<>();

    @EventHandler
    void on(MessageSent event) {
        if (!event.text().startsWith(FAIL_ONCE)) {
            return;
        }
        if (failed.add(event.messageId())) {
            throw new IllegalStateException("a projection bug, on message " + event.messageId());
        }
        handled.add(event.text());
    }
}
