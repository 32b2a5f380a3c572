package io.switchboard.command.hotel;

import io.switchboard.api.conversation.ErrorCode;
import io.switchboard.api.text.InputText;
import org.axonframework.commandhandling.CommandExecutionException;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

import java.util.Optional;

import static io.switchboard.api.conversation.MessageLimits.MAX_ATTACHMENTS;
import static io.switchboard.api.conversation.MessageLimits.MAX_TEXT_LENGTH;

/**
 * Validation failures the Django REST way: a 400 whose detail names the field ({@code "message: This field may not be
 * blank."}), worded like DRF's own messages so the hotel frontends can show them unchanged.
 */
final class FieldErrors {

    static final String REQUIRED = "This field is required.";
    static final String BLANK = "This field may not be blank.";
    static final String NULL = "This field may not be null.";

    private FieldErrors() {
    }

    static ResponseStatusException invalid(String field, String problem) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, field + ": " + problem);
    }

    /**
     * The one text check ({@link InputText}) with this dialect's wording: refused, never rewritten.
     *
     * @return {@code value}, unchanged
     */
    static String text(String field, String value, int maxLength) {
        InputText.Problem problem = InputText.problem(value, maxLength);
        if (problem == InputText.Problem.TOO_LONG) {
            throw invalid(field, maxLength(maxLength));
        }
        if (problem != null) {
            throw invalid(field, problem.detail());
        }
        return value;
    }

    static String maxLength(int characters) {
        return "Ensure this field has no more than " + characters + " characters.";
    }

    static String maxElements(int elements) {
        return "Ensure this field has no more than " + elements + " elements.";
    }

    /**
     * The command side enforces the same limits this adapter validates up front; should a refusal get through anyway
     * (limits changed on one side only), it still reaches the client as a field error. Codes that name no field are
     * left to the application's generic error handling.
     */
    static Optional<ResponseStatusException> fromRejection(CommandExecutionException rejection) {
        return rejection.getDetails()
                .filter(ErrorCode.class::isInstance)
                .map(ErrorCode.class::cast)
                .flatMap(code -> Optional.ofNullable(switch (code) {
                    case MESSAGE_EMPTY -> invalid("message", BLANK);
                    case MESSAGE_TOO_LONG -> invalid("message", maxLength(MAX_TEXT_LENGTH));
                    case INVALID_CHARACTERS -> invalid("message", sentence(rejection.getMessage()));
                    case TOO_MANY_ATTACHMENTS -> invalid("attachments", maxElements(MAX_ATTACHMENTS));
                    case INVALID_ATTACHMENT -> invalid("attachments", sentence(rejection.getMessage()));
                    case INVALID_CLIENT_MESSAGE_ID -> invalid("client_message_id", sentence(rejection.getMessage()));
                    case INVALID_PARTICIPANTS -> invalid("participant_ids", sentence(rejection.getMessage()));
                    case INVALID_SUBJECT -> invalid("title", sentence(rejection.getMessage()));
                    default -> null;
                }));
    }

    private static String sentence(String message) {
        if (message == null || message.isBlank()) {
            return "Invalid value.";
        }
        String capitalised = Character.toUpperCase(message.charAt(0)) + message.substring(1);
        return capitalised.endsWith(".") ? capitalised : capitalised + ".";
    }
}
