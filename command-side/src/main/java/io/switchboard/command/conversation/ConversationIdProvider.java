package io.switchboard.command.conversation;

/** Allocates the numeric id of a new conversation: unique across nodes, increasing over time, JS-safe. */
interface ConversationIdProvider {

    long nextConversationId();
}
