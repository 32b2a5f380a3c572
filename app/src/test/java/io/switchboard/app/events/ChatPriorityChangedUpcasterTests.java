package io.switchboard.app.events;

import io.switchboard.api.audit.AuditMetadata;
import io.switchboard.api.identity.Role;
import io.switchboard.api.livechat.ChatPriorityChanged;
import io.switchboard.api.livechat.VisitorWentOffline;
import io.switchboard.app.config.ProductionEventSerializer;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ChatPriorityChangedUpcaster} on payloads as they are stored: the revision-1 JSON (pinned in
 * {@code old-events/ChatPriorityChanged-1.json}, what revision 1 wrote), with revision "1" and with the null revision
 * of rows stored before events carried one, read through Axon's upcaster chain and the production event serializer.
 */
class ChatPriorityChangedUpcasterTests {

    private static final String TYPE = ChatPriorityChanged.class.getName();

    private final Serializer serializer = ProductionEventSerializer.create();
    private final EventUpcasterChain chain = new EventUpcasterChain(new ChatPriorityChangedUpcaster());

    @ParameterizedTest(name = "revision {0}")
    @NullSource
    @ValueSource(strings = "1")
    void anOldChatPriorityChangedTakesTheRoleItsAuditMetadataNamesForTheChanger(String revision) throws IOException {
        IntermediateEventRepresentation upcast = upcast(TYPE, revision, revisionOnePayload(),
                actor("agent-1", "agent"));

        assertThat(upcast.getType().getName()).isEqualTo(TYPE);
        assertThat(upcast.getType().getRevision()).isEqualTo("2");
        assertThat(read(upcast)).isEqualTo(EventSamples.all().get(ChatPriorityChanged.class));
    }

    @ParameterizedTest(name = "revision {0}")
    @NullSource
    @ValueSource(strings = "1")
    void anOldChatPriorityChangedWithoutAuditMetadataGetsNoRole(String revision) throws IOException {
        ChatPriorityChanged read = (ChatPriorityChanged) read(upcast(TYPE, revision, revisionOnePayload(),
                MetaData.emptyInstance()));

        assertThat(read.changedByRole()).isNull();
        assertThat(read.changedBy()).isEqualTo("agent-1");
        assertThat(read.severityLevel()).isEqualTo(3);
    }

    @Test
    void metadataNamingAnotherActorOrAnUnknownRoleGivesNoRole() throws IOException {
        assertThat(((ChatPriorityChanged) read(upcast(TYPE, "1", revisionOnePayload(),
                actor("agent-2", "agent")))).changedByRole()).isNull();
        assertThat(((ChatPriorityChanged) read(upcast(TYPE, "1", revisionOnePayload(),
                actor("agent-1", "janitor")))).changedByRole()).isNull();
    }

    @Test
    void revisionTwoAndOtherEventsPassUnchanged() {
        ChatPriorityChanged current = new ChatPriorityChanged(7, "t", "visitor-1", "super-1", Role.SUPERVISOR, 0,
                EventSamples.AT);
        SerializedObject<byte[]> stored = serializer.serialize(current, byte[].class);
        IntermediateEventRepresentation passed = upcast(TYPE, "2", stored.getData(), actor("agent-1", "agent"));
        assertThat(passed.getType().getRevision()).isEqualTo("2");
        assertThat(read(passed)).isEqualTo(current);

        VisitorWentOffline other = new VisitorWentOffline(7, "t", "visitor-1", EventSamples.AT);
        IntermediateEventRepresentation untouched = upcast(VisitorWentOffline.class.getName(), null,
                serializer.serialize(other, byte[].class).getData(), MetaData.emptyInstance());
        assertThat(untouched.getType().getRevision()).isNull();
        assertThat(read(untouched)).isEqualTo(other);
    }

    private IntermediateEventRepresentation upcast(String type, String revision, byte[] payload, MetaData metaData) {
        GenericDomainEventEntry<byte[]> row = new GenericDomainEventEntry<>("Conversation", "7", 3,
                UUID.randomUUID().toString(), EventSamples.AT, type, revision, payload,
                serializer.serialize(metaData, byte[].class).getData());
        List<IntermediateEventRepresentation> upcast = chain.upcast(
                java.util.stream.Stream.of(new InitialEventRepresentation(row, serializer))).toList();
        assertThat(upcast).hasSize(1);
        return upcast.get(0);
    }

    private Object read(IntermediateEventRepresentation representation) {
        return serializer.deserialize(representation.getData());
    }

    private static MetaData actor(String id, String role) {
        return MetaData.from(Map.of(AuditMetadata.ACTOR_ID, id, AuditMetadata.ACTOR_ROLE, role,
                AuditMetadata.TENANT, EventSamples.TENANT));
    }

    static byte[] revisionOnePayload() throws IOException {
        return Files.readAllBytes(Path.of("src/test/resources/old-events/ChatPriorityChanged-1.json"));
    }
}
