package io.switchboard.realtime.livechat;

import io.switchboard.api.audit.AuditMetadata;
import io.switchboard.api.audit.Dialect;
import io.switchboard.api.conversation.query.FindMessages;
import io.switchboard.api.conversation.query.MessagePage;
import io.switchboard.api.conversation.query.MessageView;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.livechat.FindOpenLiveChat;
import io.switchboard.realtime.hub.Hub;
import io.switchboard.realtime.hub.Room;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** What every live-chat connection of this node shares. */
record LiveChatServices(Hub hub, CommandGateway commands, QueryGateway queries, LiveChatDirectory directory,
                        LiveChatPayloads payloads) {

    /** Messages a {@code visitor_init} or {@code agent_new_chat} carries at most (the latest ones). */
    static final int HISTORY_LIMIT = 100;

    static Room staffRoom(String tenant) {
        return new Room(tenant, "livechat:staff");
    }

    static Room visitorsRoom(String tenant) {
        return new Room(tenant, "livechat:visitors");
    }

    /** Where typing travels: every live-chat connection of the tenant observes it; each keeps its own chat's. */
    static Room typingRoom(String tenant) {
        return new Room(tenant, "livechat:typing");
    }

    CompletableFuture<Object> send(Object command, AuthenticatedUser caller) {
        return commands.send(command, MetaData.from(AuditMetadata.of(caller, Dialect.LIVECHAT_SOCKETIO, null)));
    }

    CompletableFuture<Optional<Long>> openChatOf(String tenant, String visitorId) {
        return queries.query(new FindOpenLiveChat(tenant, visitorId), ResponseTypes.optionalInstanceOf(Long.class));
    }

    /** The chat's latest messages, oldest first. */
    CompletableFuture<List<MessageView>> history(String tenant, long conversationId) {
        return history(tenant, conversationId, 0);
    }

    /** As {@link #history(String, long)}, once the read model holds message {@code atLeast} (briefly waited for). */
    CompletableFuture<List<MessageView>> history(String tenant, long conversationId, long atLeast) {
        return hub.freshReads().until(
                        () -> queries.query(FindMessages.latest(tenant, conversationId, HISTORY_LIMIT), MessagePage.class),
                        page -> atLeast <= 0 || !page.messages().isEmpty() && page.messages().get(0).sequence() >= atLeast)
                .thenApply(page -> {
                    List<MessageView> messages = new ArrayList<>(page.messages());
                    Collections.reverse(messages);
                    return messages;
                });
    }
}
