package io.switchboard.command.conversation;

import io.switchboard.api.conversation.CommandRejectedException;
import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.ConversationStarted;
import io.switchboard.api.conversation.ErrorCode;
import io.switchboard.api.conversation.FirstMessage;
import io.switchboard.api.conversation.MessageAccepted;
import io.switchboard.api.conversation.MessageSent;
import io.switchboard.api.conversation.MessageType;
import io.switchboard.api.conversation.Participant;
import io.switchboard.api.conversation.SendMessage;
import io.switchboard.api.conversation.StartConversation;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.Role;
import io.switchboard.api.livechat.ClaimChat;
import io.switchboard.api.livechat.FindOpenLiveChat;
import io.switchboard.api.livechat.LeaveChat;
import io.switchboard.api.support.FindSupportConversation;
import io.switchboard.api.support.RobotMessageShared;
import io.switchboard.api.support.ShareRobotMessage;
import io.switchboard.testsupport.TestDatabase;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.ContextConfiguration;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
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
    @Autowired
    private QueryGateway queries;

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
    void aVisitorHasOneOpenLiveChatWhichTheLookupAnswersUntilItClosesInTheSameTransaction() {
        AuthenticatedUser visitor = new AuthenticatedUser("visitor-1", "Vi", "vi@example.com", tenant, Role.VISITOR,
                null, null);
        AuthenticatedUser agent = AuthenticatedUser.of("agent-1", "Alex", tenant, Role.AGENT);
        Supplier<Optional<Long>> openChat = () -> queries.query(new FindOpenLiveChat(tenant, visitor.userId()),
                ResponseTypes.optionalInstanceOf(Long.class)).join();
        Supplier<MessageAccepted> firstMessage = () -> commands.sendAndWait(new StartConversation(
                ConversationKind.LIVE_CHAT, tenant, null, List.of(), visitor,
                new FirstMessage(MessageType.TEXT, "Hello?", null, null, null)));
        assertThat(openChat.get()).isEmpty();

        long chat = firstMessage.get().conversationId();
        assertThat(openChat.get()).contains(chat);
        CommandRejectedException again = catchThrowableOfType(CommandRejectedException.class, firstMessage::get);
        assertThat(again.code()).isEqualTo(ErrorCode.CONVERSATION_EXISTS);
        assertThat(again.conversationId()).isEqualTo(chat);

        commands.sendAndWait(new ClaimChat(chat, agent));
        CommandRejectedException claimedAgain = catchThrowableOfType(CommandRejectedException.class,
                () -> commands.sendAndWait(new ClaimChat(chat, agent)));
        assertThat(claimedAgain.code()).isEqualTo(ErrorCode.CHAT_ALREADY_CLAIMED);
        assertThat(claimedAgain).hasMessageContaining("already claimed");

        commands.sendAndWait(new LeaveChat(chat, agent, false));
        assertThat(openChat.get()).as("the close released the key").isEmpty();
        // six events past the threshold of three: the live chat, routing included, is snapshotted with Jackson 3
        await().untilAsserted(() -> assertThat(events.readEvents(String.valueOf(chat)).next().getPayload())
                .isInstanceOf(Conversation.class));
        long next = firstMessage.get().conversationId();
        assertThat(next).isNotEqualTo(chat);
        assertThat(openChat.get()).contains(next);
    }

    @Test
    void aLiveChatCommandToAnotherKindIsAnUnknownConversationThroughTheBus() {
        long conversationId = startGuestRoom();
        CommandRejectedException refused = catchThrowableOfType(CommandRejectedException.class,
                () -> commands.sendAndWait(new ClaimChat(conversationId,
                        AuthenticatedUser.of("agent-1", "Alex", tenant, Role.AGENT))));
        assertThat(refused.code()).isEqualTo(ErrorCode.UNKNOWN_CONVERSATION);
    }

    @Test
    void aSupportConversationIsFoundByItsClientIdAndAnAgentSharesARobotMessageThroughTheBuses() {
        AuthenticatedUser customer = AuthenticatedUser.of("customer-1", "Cy", tenant, Role.CUSTOMER);
        AuthenticatedUser agent = AuthenticatedUser.of("agent-1", "Alex", tenant, Role.AGENT);
        AuthenticatedUser robot = AuthenticatedUser.of("robot-1", "Robbie", tenant, Role.ROBOT);
        Supplier<Optional<Long>> find = () -> queries.query(new FindSupportConversation(tenant, "conv-1"),
                ResponseTypes.optionalInstanceOf(Long.class)).join();
        Supplier<Long> start = () -> commands.sendAndWait(new StartConversation(ConversationKind.SUPPORT, tenant,
                "conv-1", List.of(new Participant(agent.userId(), agent.name(), agent.role()),
                new Participant(robot.userId(), robot.name(), robot.role())), customer));
        assertThat(find.get()).isEmpty();

        long conversationId = start.get();
        assertThat(find.get()).contains(conversationId);
        CommandRejectedException again = catchThrowableOfType(CommandRejectedException.class, start::get);
        assertThat(again.code()).isEqualTo(ErrorCode.CONVERSATION_EXISTS);
        assertThat(again.conversationId()).isEqualTo(conversationId);

        MessageAccepted suggestion = commands.sendAndWait(new SendMessage(conversationId, ConversationKind.SUPPORT,
                robot, MessageType.ROBOT, "Refunds take 3 days", null, null, null));
        MessageAccepted copy = commands.sendAndWait(
                new ShareRobotMessage(conversationId, agent, suggestion.messageId()));
        assertThat(copy.sequence()).isEqualTo(2);
        assertThat(copy.messageId()).isGreaterThan(suggestion.messageId());
        // from the first event: a snapshot may already stand in for them
        List<Object> stored = events.readEvents(String.valueOf(conversationId), 0).asStream()
                .map(DomainEventMessage::getPayload).map(Object.class::cast).toList();
        assertThat(stored.get(stored.size() - 2)).isEqualTo(new RobotMessageShared(conversationId, tenant,
                suggestion.messageId(), copy.messageId(), agent.userId(), copy.sentAt()));
        assertThat(stored.get(stored.size() - 1)).isInstanceOfSatisfying(MessageSent.class, sent -> {
            assertThat(sent.type()).isEqualTo(MessageType.TEXT);
            assertThat(sent.senderId()).isEqualTo(agent.userId());
            assertThat(sent.text()).isEqualTo("Refunds take 3 days");
        });

        // four events past the threshold of three: snapshotted with its robot messages, and still refuses a repeat
        await().untilAsserted(() -> assertThat(events.readEvents(String.valueOf(conversationId)).next()
                .getPayload()).isInstanceOf(Conversation.class));
        CommandRejectedException twice = catchThrowableOfType(CommandRejectedException.class,
                () -> commands.sendAndWait(new ShareRobotMessage(conversationId, agent, suggestion.messageId())));
        assertThat(twice.code()).isEqualTo(ErrorCode.ALREADY_SHARED);
    }

    @Test
    void aSupportCommandToAnotherKindIsAnUnknownConversationThroughTheBus() {
        long conversationId = startGuestRoom();
        CommandRejectedException refused = catchThrowableOfType(CommandRejectedException.class,
                () -> commands.sendAndWait(new ShareRobotMessage(conversationId,
                        AuthenticatedUser.of("agent-1", "Alex", tenant, Role.AGENT), 1)));
        assertThat(refused.code()).isEqualTo(ErrorCode.UNKNOWN_CONVERSATION);
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
