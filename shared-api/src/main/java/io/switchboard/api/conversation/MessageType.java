package io.switchboard.api.conversation;

public enum MessageType {
    TEXT, SYSTEM, ROBOT
}
