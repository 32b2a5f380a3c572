package io.switchboard.command.hotel;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.MessageLimits;
import io.switchboard.api.conversation.Participant;
import io.switchboard.api.conversation.StartConversation;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.Role;
import io.switchboard.hotel.UserIds;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static io.switchboard.api.conversation.MessageLimits.MAX_PARTICIPANTS;
import static io.switchboard.api.conversation.MessageLimits.MAX_SUBJECT_LENGTH;

/**
 * {@code {"participant_ids": [46, "47"], "title": "Night shift"}}: ids as numbers or strings (the frontends hold
 * numeric staff ids, tokens carry string subjects); the caller is always a participant and may be listed or not.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record CreateStaffChatRequest(@JsonProperty("participant_ids") List<Object> participantIds, String title) {

    private static final String IDS = "participant_ids";

    StartConversation command(AuthenticatedUser starter) {
        if (participantIds == null) {
            throw FieldErrors.invalid(IDS, FieldErrors.REQUIRED);
        }
        Set<String> others = new LinkedHashSet<>();
        for (int index = 0; index < participantIds.size(); index++) {
            String id = UserIds.fromJson(participantIds.get(index));
            if (id == null) {
                throw FieldErrors.invalid(IDS + "." + index, "A valid staff id (integer or string) is required.");
            }
            if (!id.equals(starter.userId())) {
                others.add(id);
            }
            // the aggregate's rule (distinct users, the caller included), checked as the list is read: no work,
            // and no command, for a longer list
            if (MessageLimits.tooManyParticipants(others.size())) {
                throw FieldErrors.invalid(IDS, "Ensure the conversation has no more than " + MAX_PARTICIPANTS
                        + " participants, yourself included.");
            }
        }
        if (others.isEmpty()) {
            throw FieldErrors.invalid(IDS, "Name at least one staff member besides yourself.");
        }
        String subject = title == null || title.isBlank() ? null : FieldErrors.text("title", title, MAX_SUBJECT_LENGTH);
        // Only ids are known here (no staff directory): the others are recorded as staff of the caller's hotel,
        // without names; their messages carry their names from their own tokens.
        List<Participant> participants = new ArrayList<>(others.size());
        others.forEach(id -> participants.add(new Participant(id, null, Role.STAFF)));
        return new StartConversation(ConversationKind.STAFF, starter.tenant(), subject, List.copyOf(participants),
                starter);
    }
}
