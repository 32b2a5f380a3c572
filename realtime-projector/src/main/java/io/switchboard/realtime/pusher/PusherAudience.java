package io.switchboard.realtime.pusher;

import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.identity.Role;

import java.util.ArrayList;
import java.util.List;

/**
 * A conversation as the Pusher fan-out sees it: where it lives and who is in it. Staff chat uses seed 000's public
 * channels, {@code {hotel}.staff-chat.{id}} and {@code {hotel}.staff-{staffId}-notifications}. Guest rooms carry a
 * guest's words, name and booking, so they only ever go to <em>private</em> channels, which Pusher lets a client join
 * only with a signature from {@link PusherAuthController}: the room's thread {@code private-{hotel}.guest-chat.{id}}
 * and the front office's {@code private-{hotel}.guest-chat-notifications}.
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

    static String frontOfficeChannel(String tenant) {
        return "private-" + tenant + ".guest-chat-notifications";
    }

    String conversationChannel() {
        return kind == ConversationKind.GUEST_ROOM ? "private-" + tenant + ".guest-chat." + conversationId
                : tenant + ".staff-chat." + conversationId;
    }

    String notificationChannel(String staffId) {
        return tenant + ".staff-" + staffId + "-notifications";
    }

    /**
     * Staff chat: the conversation channel (every open client of the thread) and the notification channel of every
     * active participant but the sender. Guest rooms: their two private channels only, never the public staff
     * notification channels (anyone holding the app key could read those, and a guest learns staff ids from replies).
     */
    List<String> messageChannels(String senderId) {
        if (kind == ConversationKind.GUEST_ROOM) {
            return guestRoomChannels();
        }
        List<String> channels = new ArrayList<>();
        channels.add(conversationChannel());
        for (Member member : members) {
            if (member.active() && !member.userId().equals(senderId)) {
                channels.add(notificationChannel(member.userId()));
            }
        }
        return channels;
    }

    /** The room's thread, and the front office, which hears a guest before any staff joined and keeps unread badges. */
    List<String> guestRoomChannels() {
        return List.of(conversationChannel(), frontOfficeChannel(tenant));
    }
}
