package io.switchboard.app.eventstore;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.api.audit.AuditMetadata;
import io.switchboard.api.audit.Dialect;
import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.MarkConversationRead;
import io.switchboard.api.conversation.MessageAccepted;
import io.switchboard.api.conversation.MessageType;
import io.switchboard.api.conversation.Participant;
import io.switchboard.api.conversation.SendMessage;
import io.switchboard.api.conversation.StartConversation;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.Role;
import io.switchboard.app.SwitchboardIntegrationTest;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A snapshot is only a cache: one that cannot be read back (here: a property name holding a lone surrogate, as a
 * client message id once wrote it) must not break its conversation. The aggregate is rebuilt from its events.
 */
@SwitchboardIntegrationTest
class UnreadableSnapshotTests {

    @Autowired
    CommandGateway commands;
    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MeterRegistry meters;

    private final String tenant = "snap-" + UUID.randomUUID().toString().substring(0, 8);
    private final AuthenticatedUser alice = AuthenticatedUser.of("45", "Alice", tenant, Role.STAFF);
    private final AuthenticatedUser bob = AuthenticatedUser.of("46", "Bob", tenant, Role.STAFF);

    @Test
    void aConversationWithAnUnreadableSnapshotIsRebuiltFromItsEventsAndKeepsTakingCommands() {
        long id = ((Number) commands.sendAndWait(new StartConversation(ConversationKind.STAFF, tenant, null,
                List.of(new Participant("46", "Bob", Role.STAFF)), alice), metaData(alice))).longValue();
        for (int i = 0; i < 120; i++) {
            send(id, i % 2 == 0 ? alice : bob, "message " + i);
        }
        String aggregate = String.valueOf(id);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "select count(*) from snapshot_event_entry where aggregate_identifier = ?", Long.class, aggregate) > 0);

        byte[] payload = jdbc.queryForObject("select payload from snapshot_event_entry where aggregate_identifier = ?",
                byte[].class, aggregate);
        jdbc.update("update snapshot_event_entry set payload = ? where aggregate_identifier = ?",
                withLoneSurrogateKey(payload), aggregate);
        double discardedBefore = discarded();

        // a refused command rolls back its unit of work, which drops the conversation from this node's cache
        assertThatThrownBy(() -> send(id, alice, " ")).isInstanceOf(CommandExecutionException.class);

        MessageAccepted accepted = send(id, bob, "after the bad snapshot");
        assertThat(accepted.sequence()).isEqualTo(121);
        commands.sendAndWait(new MarkConversationRead(id, ConversationKind.STAFF, alice, Long.MAX_VALUE),
                metaData(alice));
        assertThat(discarded()).isGreaterThan(discardedBefore);
        // the rebuilt conversation takes a fresh snapshot, which replaces the unreadable one
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(new String(jdbc.queryForObject(
                "select payload from snapshot_event_entry where aggregate_identifier = ?", byte[].class, aggregate),
                StandardCharsets.ISO_8859_1)).doesNotContain("\u00ED\u00A0\u0080"));
        assertThat(eventStore.readEvents(aggregate).asStream().count()).isPositive();
    }

    /** The snapshot's readPositions map gains a key holding an unpaired surrogate, encoded as raw UTF-8-like bytes. */
    private static byte[] withLoneSurrogateKey(byte[] payload) {
        String json = new String(payload, StandardCharsets.UTF_8);
        int at = json.indexOf("\"readPositions\":{");
        assertThat(at).as("snapshot JSON has readPositions").isNotNegative();
        int insert = at + "\"readPositions\":{".length();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] head = json.substring(0, insert).getBytes(StandardCharsets.UTF_8);
        out.write(head, 0, head.length);
        out.write('"');
        out.write(0xED);
        out.write(0xA0);
        out.write(0x80);
        String rest = "\":1" + (json.charAt(insert) == '}' ? "" : ",") + json.substring(insert);
        byte[] tail = rest.getBytes(StandardCharsets.UTF_8);
        out.write(tail, 0, tail.length);
        return out.toByteArray();
    }

    private double discarded() {
        var counter = meters.find("switchboard.snapshots.discarded").counter();
        return counter == null ? 0 : counter.count();
    }

    private MessageAccepted send(long id, AuthenticatedUser sender, String text) {
        return commands.sendAndWait(new SendMessage(id, ConversationKind.STAFF, sender, MessageType.TEXT, text, null,
                List.of(), null), metaData(sender));
    }

    private static MetaData metaData(AuthenticatedUser user) {
        return MetaData.from(AuditMetadata.of(user, Dialect.INTERNAL, null));
    }
}
