package io.switchboard.command.conversation;

import io.switchboard.api.conversation.CommandRejectedException;
import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.ConversationStarted;
import io.switchboard.api.conversation.ErrorCode;
import io.switchboard.api.conversation.MessageAccepted;
import io.switchboard.api.conversation.SendMessage;
import io.switchboard.api.conversation.StartConversation;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.Role;
import io.switchboard.testsupport.TestDatabase;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.ContextConfiguration;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * The aggregate as Spring and Axon run it: collaborators injected from beans, the snapshot trigger found by name,
 * the key claim on the database. Fixtures cannot show these; an in-memory event store keeps the event schema (the
 * app's) out of this module.
 */
@SpringBootTest(properties = {
        TestDatabase.SCHEMA_PROPERTY + "=command_side_tests",
        "spring.flyway.locations=classpath:db/migration/command",
        "axon.axonserver.enabled=false",
        "axon.serializer.general=jackson3", "axon.serializer.events=jackson3", "axon.serializer.messages=jackson3",
        "switchboard.snapshot.threshold=3"})
@ContextConfiguration(initializers = TestDatabase.class)
class ConversationAxonWiringTests {

    @SpringBootApplication
    static class CommandSideOnly {

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }

        @Bean
        EventStorageEngine eventStorageEngine() {
            return new InMemoryEventStorageEngine();
        }
    }

    @Autowired
    private CommandGateway commands;
    @Autowired
    private EventStore events;
    @Autowired
    private ConversationKeyRegistry keys;

    private final String tenant = "hotel-" + UUID.randomUUID();
    private final AuthenticatedUser guest =
            new AuthenticatedUser("guest-1", "Ann Guest", null, tenant, Role.GUEST, "101", "BK-1");

    private long startGuestRoom() {
        return commands.<Long>sendAndWait(
                new StartConversation(ConversationKind.GUEST_ROOM, tenant, null, List.of(), guest));
    }

    private MessageAccepted send(long conversationId, String clientMessageId) {
        return commands.sendAndWait(new SendMessage(conversationId, ConversationKind.GUEST_ROOM, guest, null,
                "text " + clientMessageId, null, null, clientMessageId));
    }

    @Test
    void startingFilesTheConversationUnderItsNewIdAndClaimsItsKey() {
        long conversationId = startGuestRoom();

        DomainEventMessage<?> started = events.readEvents(String.valueOf(conversationId)).next();
        assertThat(started.getPayload()).isInstanceOf(ConversationStarted.class);
        assertThat(started.getAggregateIdentifier()).isEqualTo(String.valueOf(conversationId));
        assertThat(keys.find(tenant, ConversationKeys.guestRoom("101", "BK-1"))).contains(conversationId);

        CommandRejectedException again = catchThrowableOfType(CommandRejectedException.class, this::startGuestRoom);
        assertThat(again.code()).isEqualTo(ErrorCode.CONVERSATION_EXISTS);
        assertThat(again.conversationId()).isEqualTo(conversationId);
    }

    @Test
    void messagesGetSequencesAndIncreasingIdsFromTheDatabase() {
        long conversationId = startGuestRoom();

        MessageAccepted first = send(conversationId, "c-1");
        MessageAccepted second = send(conversationId, "c-2");

        assertThat(List.of(first.sequence(), second.sequence())).containsExactly(1L, 2L);
        assertThat(second.messageId()).isGreaterThan(first.messageId());
        assertThat(send(conversationId, "c-1")).isEqualTo(
                new MessageAccepted(conversationId, first.messageId(), 1, first.sentAt(), true));
    }

    @Test
    void aLongConversationIsSnapshottedAndGoesOnFromTheSnapshot() {
        long conversationId = startGuestRoom();
        LongStream.rangeClosed(1, 5).forEach(i -> send(conversationId, "c-" + i));

        await().untilAsserted(() -> assertThat(events.readEvents(String.valueOf(conversationId)).next().getPayload())
                .isInstanceOf(Conversation.class));

        assertThat(send(conversationId, "c-6").sequence()).isEqualTo(6);
        assertThat(send(conversationId, "c-2").duplicate()).isTrue();
    }
}
