package io.switchboard.command.hotel;

import io.switchboard.api.conversation.Attachment;
import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.FirstMessage;
import io.switchboard.api.conversation.MessageAccepted;
import io.switchboard.api.conversation.MessageType;
import io.switchboard.api.conversation.SendMessage;
import io.switchboard.api.conversation.query.MessageView;
import io.switchboard.api.identity.AuthenticatedUser;

import java.util.List;

/** A validated message on its way to a conversation. */
record OutgoingMessage(String text, List<Attachment> attachments, String clientMessageId) {

    /** @param expectedKind the kind the URL addresses, so one product's URL never reaches another's conversation */
    SendMessage command(long conversationId, ConversationKind expectedKind, AuthenticatedUser sender) {
        return new SendMessage(conversationId, expectedKind, sender, MessageType.TEXT, text, null, attachments,
                clientMessageId);
    }

    /** The same message as the first of a conversation being started. */
    FirstMessage firstMessage() {
        return new FirstMessage(MessageType.TEXT, text, null, attachments, clientMessageId);
    }

    /**
     * The message as the command side accepted it, built from the command and its answer rather than the read model,
     * which may not have caught up yet.
     */
    MessageView accepted(MessageAccepted accepted, AuthenticatedUser sender) {
        return new MessageView(accepted.messageId(), accepted.conversationId(), accepted.sequence(), sender.userId(),
                sender.name(), sender.role(), MessageType.TEXT, text, null, attachments, clientMessageId,
                accepted.sentAt());
    }
}
