package io.switchboard.realtime.livechat;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The live-chat Socket.IO server ({@code switchboard.livechat.*}; {@code SWITCHBOARD_LIVECHAT_PORT}).
 *
 * @param enabled         false: no server is started
 * @param port            seed 004's frontends use 5000; 0 picks a free port (tests)
 * @param maxPayloadBytes a larger WebSocket frame or polling body is refused by the transport
 * @param eventsPerSecond sustained events per connection; more are answered {@code (false, "rate limited...")}
 * @param eventBurst      events a connection may send at once
 * @param pingInterval    Engine.IO's ping interval (Socket.IO 4's default)
 * @param pingTimeout     a client silent this much longer is dropped (a vanished visitor goes offline after at most
 *                        interval + timeout)
 */
@ConfigurationProperties("switchboard.livechat")
record LiveChatProperties(@DefaultValue("true") boolean enabled,
                          @DefaultValue("5000") int port,
                          @DefaultValue("65536") int maxPayloadBytes,
                          @DefaultValue("20") double eventsPerSecond,
                          @DefaultValue("40") int eventBurst,
                          @DefaultValue("25s") java.time.Duration pingInterval,
                          @DefaultValue("20s") java.time.Duration pingTimeout) {
}
