package io.switchboard.realtime.direct;

import io.switchboard.api.audit.AuditMetadata;
import io.switchboard.api.audit.Dialect;
import io.switchboard.api.conversation.CommandRejectedException;
import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.ErrorCode;
import io.switchboard.api.conversation.Participant;
import io.switchboard.api.conversation.StartConversation;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.Role;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The direct conversation of two users of a tenant, started on first use. The command side keys it by the user pair
 * (whoever starts it), so a second start is refused naming the existing one; ids never change, so this node
 * remembers them.
 */
final class DirectConversations {

    private static final int REMEMBERED = 10_000;

    private final CommandGateway commands;
    private final Map<String, Long> known = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > REMEMBERED;
        }
    };

    DirectConversations(CommandGateway commands) {
        this.commands = commands;
    }

    /**
     * @param me    the caller, identified by username ({@link AuthenticatedUser#byUsername()})
     * @param other the other user's username; its role is unknown until it acts, so it is recorded as customer
     * @throws CommandRejectedException when the command side refuses (e.g. an invalid username)
     */
    long with(AuthenticatedUser me, String other) {
        String key = me.tenant() + '\0' + (me.userId().compareTo(other) <= 0
                ? me.userId() + '\0' + other : other + '\0' + me.userId());
        synchronized (known) {
            Long id = known.get(key);
            if (id != null) {
                return id;
            }
        }
        long id = start(me, other);
        synchronized (known) {
            known.put(key, id);
        }
        return id;
    }

    private long start(AuthenticatedUser me, String other) {
        StartConversation start = new StartConversation(ConversationKind.DIRECT, me.tenant(), null,
                List.of(new Participant(other, other, Role.CUSTOMER)), me);
        try {
            Object id = commands.sendAndWait(start, MetaData.from(AuditMetadata.of(me, Dialect.DIRECT_WEBSOCKET, null)));
            return ((Number) id).longValue();
        } catch (CommandRejectedException e) {
            if (e.code() == ErrorCode.CONVERSATION_EXISTS && e.conversationId() != null) {
                return e.conversationId();
            }
            throw e;
        }
    }
}
