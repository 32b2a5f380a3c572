package io.switchboard.api.livechat;

/**
 * The visitor's open live chat, answered by the command side from its natural-key registry (never stale: the key
 * is written with the start and released with the close), as {@code Optional<Long>}.
 */
public record FindOpenLiveChat(String tenant, String visitorId) {
}
