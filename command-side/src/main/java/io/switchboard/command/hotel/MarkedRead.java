package io.switchboard.command.hotel;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The answer to a mark-read request; {@code marked_read} is false only for a guest who has no thread yet. */
record MarkedRead(Long conversation, @JsonProperty("marked_read") boolean markedRead) {
}
