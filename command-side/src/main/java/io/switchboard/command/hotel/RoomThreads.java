package io.switchboard.command.hotel;

import io.switchboard.api.conversation.query.MessagePage;

/** A page of a room thread, for the staff and the guest URL alike. */
final class RoomThreads {

    private RoomThreads() {
    }

    static MessagePageJson<RoomMessage> page(HotelQueries queries, String tenant, long conversationId,
                                             RoomMessage.Thread thread, Paging paging) {
        MessagePage page = queries.page(tenant, conversationId, paging);
        return MessagePageJson.of(conversationId, page, message -> RoomMessage.of(message, thread,
                page.readMarkers()));
    }
}
