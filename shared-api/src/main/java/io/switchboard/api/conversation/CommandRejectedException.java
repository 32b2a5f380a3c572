package io.switchboard.api.conversation;

import org.axonframework.commandhandling.CommandExecutionException;

/**
 * A command refused by a business rule. The {@link ErrorCode} travels as the exception's details,
 * so it survives a distributed command bus too.
 */
public class CommandRejectedException extends CommandExecutionException {

    private final Long conversationId;

    public CommandRejectedException(ErrorCode code, String message) {
        this(code, message, null);
    }

    /** @param conversationId for {@link ErrorCode#CONVERSATION_EXISTS}: the existing conversation */
    public CommandRejectedException(ErrorCode code, String message, Long conversationId) {
        super(message, null, code);
        this.conversationId = conversationId;
    }

    public ErrorCode code() {
        return getDetails().map(ErrorCode.class::cast).orElseThrow();
    }

    public Long conversationId() {
        return conversationId;
    }
}
