package io.switchboard.realtime.direct;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Limits of the WebSocket direct chat ({@code switchboard.direct-chat.*}), documented in docs/direct-chat.md.
 *
 * @param maxFrameBytes   a larger text frame closes the socket with 1009 (the container's limit)
 * @param framesPerSecond sustained client frames per socket; more are refused with {@code rate_limited}
 * @param frameBurst      frames a socket may send at once before the rate applies
 * @param sendTimeout     a socket that takes longer than this to accept a frame is closed (slow client)
 * @param sendBufferBytes frames buffered for a socket that is still writing the previous one, before it is closed
 * @param idleTimeout     a socket silent this long (no frames, no pongs) is closed; 0 keeps idle sockets open
 */
@ConfigurationProperties("switchboard.direct-chat")
record DirectChatProperties(@DefaultValue("65536") int maxFrameBytes,
                            @DefaultValue("20") double framesPerSecond,
                            @DefaultValue("40") int frameBurst,
                            @DefaultValue("10s") Duration sendTimeout,
                            @DefaultValue("1048576") int sendBufferBytes,
                            @DefaultValue("0s") Duration idleTimeout) {
}
