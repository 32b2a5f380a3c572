package io.switchboard.query.conversation;

import io.switchboard.api.conversation.Attachment;
import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.ConversationRead;
import io.switchboard.api.conversation.ConversationStarted;
import io.switchboard.api.conversation.MessageSent;
import io.switchboard.api.conversation.MessageType;
import io.switchboard.api.conversation.Participant;
import io.switchboard.api.conversation.ParticipantJoined;
import io.switchboard.api.conversation.ParticipantLeft;
import io.switchboard.api.identity.Role;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Makes the events of one conversation as the command side would: unique ids across the JVM (tests share one
 * schema), gap-free sequences, and a clock that moves a minute per event unless told otherwise.
 */
final class ConversationScenario {

    static final Instant START = Instant.parse("2026-11-21T09:00:00Z");
    static final String SUBJECT = "101";
    static final String SUBJECT_REFERENCE = "booking-42";

    private static final AtomicLong IDS = new AtomicLong(1_000);
    private static final AtomicLong MESSAGE_IDS = new AtomicLong(9_000_000);

    private final long id = IDS.incrementAndGet();
    private final String tenant;
    private final ConversationKind kind;
    private long sequence;
    private Instant clock = START;

    ConversationScenario(String tenant, ConversationKind kind) {
        this.tenant = tenant;
        this.kind = kind;
    }

    static String newTenant() {
        return "tenant-" + IDS.incrementAndGet();
    }

    static Participant guest(String userId) {
        return new Participant(userId, "Guest " + userId, Role.GUEST);
    }

    static Participant staff(String userId) {
        return new Participant(userId, "Staff " + userId, Role.STAFF);
    }

    long id() {
        return id;
    }

    String tenant() {
        return tenant;
    }

    /** The next event happens at {@code time}. */
    ConversationScenario at(Instant time) {
        clock = time;
        return this;
    }

    ConversationStarted started(Participant... participants) {
        return startedAbout(SUBJECT, SUBJECT_REFERENCE, participants);
    }

    /** @param subject e.g. a room; {@code subjectReference} e.g. its booking */
    ConversationStarted startedAbout(String subject, String subjectReference, Participant... participants) {
        return new ConversationStarted(id, tenant, kind, subject, subjectReference, List.of(participants),
                participants[0].userId(), tick());
    }

    MessageSent message(Participant sender, String text) {
        return message(sender, text, null, List.of());
    }

    MessageSent message(Participant sender, String text, String content, List<Attachment> attachments) {
        sequence++;
        return new MessageSent(id, tenant, MESSAGE_IDS.incrementAndGet(), sequence, sender.userId(), sender.name(),
                sender.role(), MessageType.TEXT, text, content, attachments, "client-" + sequence, tick());
    }

    List<MessageSent> messages(Participant sender, int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> message(sender, "message " + i)).toList();
    }

    ParticipantJoined joined(Participant participant) {
        return new ParticipantJoined(id, tenant, participant.userId(), participant.name(), participant.role(), tick());
    }

    ParticipantLeft left(Participant participant) {
        return new ParticipantLeft(id, tenant, participant.userId(), participant.role(), tick());
    }

    ConversationRead read(Participant reader, long upToSequence) {
        return new ConversationRead(id, tenant, reader.userId(), reader.role(), upToSequence, tick());
    }

    /** The time of the next event; for scenarios of other events on this conversation ({@link LiveChatScenario}). */
    Instant tick() {
        Instant now = clock;
        clock = clock.plusSeconds(60);
        return now;
    }
}
