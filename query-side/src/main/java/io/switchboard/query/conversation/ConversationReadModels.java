package io.switchboard.query.conversation;

/** The one processing group of every conversation projection, so list rows, messages and markers move together. */
final class ConversationReadModels {

    /** Configure the processor (segments, replay) under this name. */
    static final String PROCESSING_GROUP = "conversation-read-models";

    private ConversationReadModels() {
    }
}
