package io.switchboard.command.hotel;

import io.switchboard.api.audit.AuditMetadata;
import io.switchboard.api.audit.Dialect;
import io.switchboard.api.conversation.CommandRejectedException;
import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.ErrorCode;
import io.switchboard.api.conversation.MarkConversationRead;
import io.switchboard.api.conversation.MessageAccepted;
import io.switchboard.api.conversation.SendMessage;
import io.switchboard.api.conversation.StartConversation;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.command.conversation.ConversationKeyRegistry;
import io.switchboard.command.conversation.ConversationKeys;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

import java.util.List;
import java.util.Optional;

/**
 * The hotel dialect's way onto the command bus: every command carries the caller's audit metadata, and refusals that
 * name a request field become field-named 400s (the rest reach the application's error handler unchanged).
 */
@Component
class HotelCommands {

    private final CommandGateway commands;
    private final ConversationKeyRegistry keys;

    HotelCommands(CommandGateway commands, ConversationKeyRegistry keys) {
        this.commands = commands;
        this.keys = keys;
    }

    MessageAccepted send(SendMessage command, String requestId) {
        return dispatch(command, command.sender(), requestId);
    }

    long start(StartConversation command, String requestId) {
        Number conversationId = dispatch(command, command.startedBy(), requestId);
        return conversationId.longValue();
    }

    /** Marks everything up to the newest message read; a marker that does not advance adds nothing. */
    void markRead(long conversationId, ConversationKind kind, AuthenticatedUser reader, String requestId) {
        dispatch(new MarkConversationRead(conversationId, kind, reader, Long.MAX_VALUE), reader, requestId);
    }

    /** The guest's thread: one per room booking (the command side's natural key), if the guest has written yet. */
    Optional<Long> guestConversation(AuthenticatedUser guest) {
        return keys.find(guest.tenant(), ConversationKeys.guestRoom(guest.room(), guest.booking()));
    }

    /**
     * A guest's message to the guest's thread; the first one starts the thread, as one command, so the aggregate
     * refuses a bad first message before any thread (or natural key) exists. Two first messages may race: the loser's
     * start is refused as {@link ErrorCode#CONVERSATION_EXISTS} naming the winner's conversation, which it then
     * writes to.
     */
    MessageAccepted sendAsGuest(AuthenticatedUser guest, OutgoingMessage message, String requestId) {
        Optional<Long> existing = guestConversation(guest);
        if (existing.isPresent()) {
            return send(message.command(existing.get(), ConversationKind.GUEST_ROOM, guest), requestId);
        }
        try {
            return dispatch(new StartConversation(ConversationKind.GUEST_ROOM, guest.tenant(), guest.room(), List.of(),
                    guest, message.firstMessage()), guest, requestId);
        } catch (CommandRejectedException e) {
            if (e.code() == ErrorCode.CONVERSATION_EXISTS && e.conversationId() != null) {
                return send(message.command(e.conversationId(), ConversationKind.GUEST_ROOM, guest), requestId);
            }
            throw e;
        }
    }

    private <R> R dispatch(Object command, AuthenticatedUser caller, String requestId) {
        try {
            return commands.sendAndWait(command, MetaData.from(AuditMetadata.of(caller, Dialect.HOTEL_REST,
                    requestId)));
        } catch (CommandExecutionException e) {
            Optional<ResponseStatusException> fieldError = FieldErrors.fromRejection(e);
            if (fieldError.isPresent()) {
                throw fieldError.get();
            }
            throw e;
        }
    }
}
