package io.switchboard.realtime.pusher;

import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.ConversationStarted;
import io.switchboard.api.conversation.Participant;
import io.switchboard.api.conversation.ParticipantJoined;
import io.switchboard.api.conversation.ParticipantLeft;
import io.switchboard.api.identity.Role;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.EnumSet;
import java.util.Set;

/**
 * Keeps the audience of every conversation published to Pusher. It runs in the fan-out's own processing group rather
 * than reading the query side, so a message is handled strictly after the participants events that precede it.
 */
@Component
@ProcessingGroup(PusherFanout.PROCESSING_GROUP)
class PusherAudienceProjection {

    private static final Set<ConversationKind> PUBLISHED_KINDS =
            EnumSet.of(ConversationKind.STAFF, ConversationKind.GUEST_ROOM);
    /** Column width of display-only subject fields. */
    private static final int MAX_SUBJECT_LENGTH = 255;

    private static final Logger log = LoggerFactory.getLogger(PusherAudienceProjection.class);

    private final PusherAudienceRepository audiences;
    private final PusherAudienceCache cache;

    PusherAudienceProjection(PusherAudienceRepository audiences, PusherAudienceCache cache) {
        this.audiences = audiences;
        this.cache = cache;
    }

    @EventHandler
    void on(ConversationStarted event) {
        cache.forget(event.conversationId());
        if (!PUBLISHED_KINDS.contains(event.kind())) {
            return;
        }
        if (!fitsChannelName(event.tenant())) {
            log.warn("Conversation {} will not be published to Pusher: tenant '{}' cannot be part of a channel name",
                    event.conversationId(), event.tenant());
            return;
        }
        audiences.conversationStarted(event.conversationId(), event.tenant(), event.kind(),
                crop(event.subject()), crop(event.subjectReference()));
        for (Participant participant : event.participants()) {
            join(event.conversationId(), participant.userId(), participant.role());
        }
    }

    @EventHandler
    void on(ParticipantJoined event) {
        cache.forget(event.conversationId());
        join(event.conversationId(), event.userId(), event.role());
    }

    @EventHandler
    void on(ParticipantLeft event) {
        cache.forget(event.conversationId());
        audiences.participantLeft(event.conversationId(), event.userId());
    }

    @ResetHandler
    void reset() {
        cache.clear();
        audiences.clear();
    }

    private void join(long conversationId, String userId, Role role) {
        // Such an id could never form a valid notification channel, and would not fit the column either.
        if (!fitsChannelName(userId)) {
            log.warn("Participant '{}' of conversation {} gets no Pusher notifications: id too long for a channel name",
                    userId, conversationId);
            return;
        }
        audiences.participantJoined(conversationId, userId, role);
    }

    private static boolean fitsChannelName(String id) {
        return id.length() <= PusherPublisher.MAX_CHANNEL_LENGTH;
    }

    private static String crop(String value) {
        return value == null || value.length() <= MAX_SUBJECT_LENGTH ? value : value.substring(0, MAX_SUBJECT_LENGTH);
    }
}
