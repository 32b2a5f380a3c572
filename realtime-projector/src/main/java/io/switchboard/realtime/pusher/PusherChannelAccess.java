package io.switchboard.realtime.pusher;

import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.path.PathIds;
import io.switchboard.hotel.HotelAccess;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who may join which private Pusher channel. Only the two kinds of private channel the fan-out publishes on exist
 * here; every other name (public, presence, encrypted, misspelt) is refused, so the endpoint cannot be used to sign
 * arbitrary channels.
 * <ul>
 *   <li>{@code private-{hotel}.guest-chat-notifications}: staff of that hotel;</li>
 *   <li>{@code private-{hotel}.guest-chat.{id}}: staff of that hotel, or the guest whose room and booking are the
 *   thread's, for a guest-room conversation of that hotel.</li>
 * </ul>
 * An unknown conversation, another hotel's, a staff chat's id and another room's thread are refused alike, so a
 * refusal never tells whether a conversation exists.
 */
@Component
final class PusherChannelAccess {

    /**
     * Anchored at the end: a conversation id is digits and the suffixes are fixed, so even a hotel slug containing
     * dots parses one way only. The id's one spelling is {@link PathIds}', as in every URL.
     */
    private static final Pattern GUEST_CHANNEL = Pattern.compile(
            "private-(?<hotel>.+)\\.guest-chat(?:-notifications|\\.(?<id>[0-9]+))");
    /** Pusher's end-to-end encrypted channels, which the fan-out never uses and this server holds no key for. */
    private static final String ENCRYPTED_PREFIX = "private-encrypted-";

    private final LongFunction<Optional<PusherAudience>> audiences;

    @Autowired
    PusherChannelAccess(PusherAudienceRepository audiences) {
        this(audiences::find);
    }

    /** @param audiences the fan-out's own audience table, by conversation id */
    PusherChannelAccess(LongFunction<Optional<PusherAudience>> audiences) {
        this.audiences = audiences;
    }

    boolean mayJoin(AuthenticatedUser user, String channel) {
        if (channel == null || !PusherPublisher.isValidChannel(channel) || channel.startsWith(ENCRYPTED_PREFIX)) {
            return false;
        }
        Matcher matcher = GUEST_CHANNEL.matcher(channel);
        if (!matcher.matches()) {
            return false;
        }
        String hotel = matcher.group("hotel");
        String id = matcher.group("id");
        boolean staff = HotelAccess.staff(user, hotel) == HotelAccess.GRANTED;
        if (id == null) {
            return staff;
        }
        if (!staff && HotelAccess.guest(user, hotel) != HotelAccess.GRANTED) {
            return false;
        }
        OptionalLong conversationId = PathIds.parse(id);
        if (conversationId.isEmpty()) {
            return false;
        }
        Optional<PusherAudience> thread = audiences.apply(conversationId.getAsLong())
                .filter(audience -> audience.kind() == ConversationKind.GUEST_ROOM && audience.tenant().equals(hotel));
        return staff ? thread.isPresent() : thread
                .filter(audience -> user.room().equals(audience.subject())
                        && user.booking().equals(audience.subjectReference()))
                .isPresent();
    }
}
