package io.switchboard.command.conversation;

/** Allocates the numeric id of a new message: unique across nodes and conversations, increasing over time, JS-safe. */
interface MessageIdProvider {

    long nextMessageId();
}
