package io.switchboard.realtime.pusher;

import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.identity.Role;

import java.util.ArrayList;
import java.util.List;

/**
 * A conversation as the Pusher fan-out sees it: where it lives and who is in it. Channel names follow seed 000:
 * {@code {hotel}.staff-chat.{id}} and {@code {hotel}.staff-{staffId}-notifications}; guest rooms use
 * {@code {hotel}.guest-chat.{id}} and the hotel's front-office channel {@code {hotel}.guest-chat-notifications}.
 *
 * @param subject          the room of a {@code GUEST_ROOM} conversation
 * @param subjectReference the booking of a {@code GUEST_ROOM} conversation
 */
record PusherAudience(long conversationId, String tenant, ConversationKind kind, String subject,
                      String subjectReference, List<Member> members) {

    record Member(String userId, Role role, boolean active) {
    }

    PusherAudience {
        members = List.copyOf(members);
    }

    String conversationChannel() {
        return tenant + (kind == ConversationKind.GUEST_ROOM ? ".guest-chat." : ".staff-chat.") + conversationId;
    }

    String frontOfficeChannel() {
        return tenant + ".guest-chat-notifications";
    }

    String notificationChannel(String staffId) {
        return tenant + ".staff-" + staffId + "-notifications";
    }

    /**
     * The conversation channel (every open client of the thread), for guest rooms the front-office channel (staff
     * learn of a guest's message before anyone joined), and the notification channel of every active participant
     * who should hear about it: everyone in staff chat, staff in guest rooms. Never the sender's own.
     */
    List<String> messageChannels(String senderId) {
        List<String> channels = new ArrayList<>();
        channels.add(conversationChannel());
        if (kind == ConversationKind.GUEST_ROOM) {
            channels.add(frontOfficeChannel());
        }
        for (Member member : members) {
            if (member.active() && !member.userId().equals(senderId)
                    && (kind == ConversationKind.STAFF || member.role().isStaff())) {
                channels.add(notificationChannel(member.userId()));
            }
        }
        return channels;
    }

    /** Read markers concern the thread and the front office's unread badges, not personal notifications. */
    List<String> readChannels() {
        return List.of(conversationChannel(), frontOfficeChannel());
    }
}
