package io.switchboard.command.conversation;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A conversation that is not in a node's cache ({@link ConversationRepositoryConfiguration}) loads from its latest
 * snapshot plus the events after it, instead of its whole history.
 */
@Configuration(proxyBeanMethods = false)
class ConversationSnapshotConfiguration {

    @Bean
    SnapshotTriggerDefinition conversationSnapshotTrigger(Snapshotter snapshotter,
                                                          @Value("${switchboard.snapshot.threshold:100}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }
}
