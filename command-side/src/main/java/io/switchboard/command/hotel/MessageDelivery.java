package io.switchboard.command.hotel;

import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.MessageAccepted;
import io.switchboard.api.conversation.query.MessageView;
import io.switchboard.api.identity.AuthenticatedUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import java.util.function.Function;

/**
 * Sends one message and answers with it: 201 with the new message, or 200 with the original when the
 * {@code client_message_id} was seen before (a client retrying after a lost response must not post twice).
 */
@Component
class MessageDelivery {

    private final HotelCommands commands;
    private final AnswerLookups lookups;

    MessageDelivery(HotelCommands commands, AnswerLookups lookups) {
        this.commands = commands;
        this.lookups = lookups;
    }

    record Delivered(MessageView message, boolean created) {

        <T> ResponseEntity<T> respond(Function<MessageView, T> render) {
            return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(render.apply(message));
        }
    }

    Delivered deliver(long conversationId, ConversationKind kind, AuthenticatedUser sender, OutgoingMessage message,
                      String requestId) {
        return answer(commands.send(message.command(conversationId, kind, sender), requestId), sender, message);
    }

    /** A guest's message to the guest's own thread, which the first message starts. */
    Delivered deliverAsGuest(AuthenticatedUser guest, OutgoingMessage message, String requestId) {
        return answer(commands.sendAsGuest(guest, message, requestId), guest, message);
    }

    private Delivered answer(MessageAccepted accepted, AuthenticatedUser sender, OutgoingMessage message) {
        if (!accepted.duplicate()) {
            return new Delivered(message.accepted(accepted, sender), true);
        }
        // The original is the truth (the resend may differ); should the read model lag beyond the bounded wait,
        // the resend, under the original's ids, is the best answer at hand.
        MessageView original = lookups.awaitMessage(sender.tenant(), accepted.messageId())
                .orElseGet(() -> message.accepted(accepted, sender));
        return new Delivered(original, false);
    }
}
