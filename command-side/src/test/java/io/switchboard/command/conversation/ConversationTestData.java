package io.switchboard.command.conversation;

import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.ConversationStarted;
import io.switchboard.api.conversation.MessageSent;
import io.switchboard.api.conversation.MessageType;
import io.switchboard.api.conversation.Participant;
import io.switchboard.api.conversation.ParticipantJoined;
import io.switchboard.api.conversation.SendMessage;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.Role;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Users, events and a fixture wired like the app, shared by the aggregate's rule tests. */
final class ConversationTestData {

    static final String TENANT = "killarney";
    static final Instant NOW = Instant.parse("2026-11-21T10:15:30Z");
    static final long ID = 42;
    static final long FIRST_MESSAGE_ID = 1000;

    static final AuthenticatedUser GUEST =
            new AuthenticatedUser("guest-1", "Ann Guest", null, TENANT, Role.GUEST, "101", "BK-1");
    /** The same room's next booking. */
    static final AuthenticatedUser NEXT_GUEST =
            new AuthenticatedUser("guest-2", "Ben Guest", null, TENANT, Role.GUEST, "101", "BK-2");
    static final AuthenticatedUser OTHER_ROOM_GUEST =
            new AuthenticatedUser("guest-3", "Cara Guest", null, TENANT, Role.GUEST, "102", "BK-1");
    static final AuthenticatedUser STAFF = AuthenticatedUser.of("staff-1", "Sam Staff", TENANT, Role.STAFF);
    static final AuthenticatedUser AGENT = AuthenticatedUser.of("agent-1", "Alex Agent", TENANT, Role.AGENT);
    static final AuthenticatedUser SUPERVISOR = AuthenticatedUser.of("super-1", "Sue Visor", TENANT, Role.SUPERVISOR);
    static final AuthenticatedUser ROBOT = AuthenticatedUser.of("robot-1", "Robbie", TENANT, Role.ROBOT);
    static final AuthenticatedUser CUSTOMER = AuthenticatedUser.of("customer-1", "Cy Customer", TENANT, Role.CUSTOMER);
    static final AuthenticatedUser VISITOR = AuthenticatedUser.of("visitor-1", "Vi Visitor", TENANT, Role.VISITOR);
    static final AuthenticatedUser FOREIGN_STAFF = AuthenticatedUser.of("staff-9", "Fay", "galway", Role.STAFF);

    private ConversationTestData() {
    }

    /** A fixture with the collaborators the app injects: ids, key registry and a fixed clock. */
    static FixtureConfiguration<Conversation> fixture(CountingIds ids, InMemoryKeys keys) {
        FixtureConfiguration<Conversation> fixture = new AggregateTestFixture<>(Conversation.class);
        fixture.registerInjectableResources(ids, keys, Clock.fixed(NOW, ZoneOffset.UTC));
        return fixture;
    }

    static FixtureConfiguration<Conversation> fixture() {
        return fixture(new CountingIds(), new InMemoryKeys());
    }

    static Participant participant(AuthenticatedUser user) {
        return new Participant(user.userId(), user.name(), user.role());
    }

    static ConversationStarted guestRoomStarted() {
        return new ConversationStarted(ID, TENANT, ConversationKind.GUEST_ROOM, GUEST.room(), GUEST.booking(),
                List.of(participant(GUEST)), GUEST.userId(), NOW);
    }

    /** A conversation of {@code kind} without natural key, started by the first of {@code participants}. */
    static ConversationStarted started(ConversationKind kind, AuthenticatedUser... participants) {
        return new ConversationStarted(ID, TENANT, kind, null, null,
                Arrays.stream(participants).map(ConversationTestData::participant).toList(),
                participants[0].userId(), NOW);
    }

    static SendMessage send(AuthenticatedUser sender, String text) {
        return send(sender, text, null);
    }

    static SendMessage send(AuthenticatedUser sender, String text, String clientMessageId) {
        return new SendMessage(ID, null, sender, null, text, null, null, clientMessageId);
    }

    static MessageSent sent(long messageId, long sequence, AuthenticatedUser sender, String text,
                            String clientMessageId) {
        return new MessageSent(ID, TENANT, messageId, sequence, sender.userId(), sender.name(), sender.role(),
                MessageType.TEXT, text, null, List.of(), clientMessageId, NOW);
    }

    static ParticipantJoined joined(AuthenticatedUser user) {
        return new ParticipantJoined(ID, TENANT, user.userId(), user.name(), user.role(), NOW);
    }

    /** Ids as the sequences hand them out: conversations from {@link #ID}, messages from {@link #FIRST_MESSAGE_ID}. */
    static final class CountingIds implements ConversationIdProvider, MessageIdProvider {

        private final AtomicLong conversationIds = new AtomicLong(ID);
        private final AtomicLong messageIds = new AtomicLong(FIRST_MESSAGE_ID);

        @Override
        public long nextConversationId() {
            return conversationIds.getAndIncrement();
        }

        @Override
        public long nextMessageId() {
            return messageIds.getAndIncrement();
        }
    }

    /** The key registry's contract without a database. */
    static final class InMemoryKeys implements ConversationKeyRegistry {

        private final Map<List<String>, Long> claims = new ConcurrentHashMap<>();

        @Override
        public boolean claim(String tenant, String naturalKey, long conversationId) {
            return claims.putIfAbsent(List.of(tenant, naturalKey), conversationId) == null;
        }

        @Override
        public boolean release(String tenant, String naturalKey, long conversationId) {
            return claims.remove(List.of(tenant, naturalKey), conversationId);
        }

        @Override
        public Optional<Long> find(String tenant, String naturalKey) {
            return Optional.ofNullable(claims.get(List.of(tenant, naturalKey)));
        }
    }
}
