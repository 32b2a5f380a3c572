package io.switchboard.command.conversation;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.SnapshotTrigger;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class ConversationSnapshotTriggerTests {

    private final List<String> scheduled = new CopyOnWriteArrayList<>();
    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(ConversationSnapshotConfiguration.class)
            .withBean(Snapshotter.class, () -> (type, id) -> scheduled.add(type.getSimpleName() + "-" + id));

    @Test
    void snapshotsEveryHundredEventsByDefault() {
        context.run(beans -> {
            SnapshotTrigger trigger = trigger(beans.getBean("conversationSnapshotTrigger",
                    SnapshotTriggerDefinition.class));
            handle(trigger, 1, 99);
            assertThat(scheduled).isEmpty();
            handle(trigger, 100, 100);
            assertThat(scheduled).containsExactly("Conversation-42");
        });
    }

    @Test
    void thresholdIsConfigurable() {
        context.withPropertyValues("switchboard.snapshot.threshold=3").run(beans -> {
            SnapshotTrigger trigger = trigger(beans.getBean("conversationSnapshotTrigger",
                    SnapshotTriggerDefinition.class));
            handle(trigger, 1, 2);
            assertThat(scheduled).isEmpty();
            handle(trigger, 3, 3);
            assertThat(scheduled).containsExactly("Conversation-42");
        });
    }

    private static SnapshotTrigger trigger(SnapshotTriggerDefinition definition) {
        SnapshotTrigger trigger = definition.prepareTrigger(Conversation.class);
        trigger.initializationFinished();
        return trigger;
    }

    private static void handle(SnapshotTrigger trigger, long fromSequence, long toSequence) {
        for (long sequence = fromSequence; sequence <= toSequence; sequence++) {
            trigger.eventHandled(new GenericDomainEventMessage<>("Conversation", "42", sequence, "event"));
        }
    }
}
