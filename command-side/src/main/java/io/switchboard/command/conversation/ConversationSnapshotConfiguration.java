package io.switchboard.command.conversation;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Long conversations load from a snapshot plus the events after it, instead of their whole history. There is
 * deliberately no in-memory aggregate cache: with several nodes a cached copy can be stale, and a command that
 * appends nothing (a read marker that seems not to advance) would decide on it unnoticed.
 */
@Configuration(proxyBeanMethods = false)
class ConversationSnapshotConfiguration {

    @Bean
    SnapshotTriggerDefinition conversationSnapshotTrigger(Snapshotter snapshotter,
                                                          @Value("${switchboard.snapshot.threshold:100}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }
}
