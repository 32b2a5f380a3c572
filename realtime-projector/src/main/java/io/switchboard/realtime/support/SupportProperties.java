package io.switchboard.realtime.support;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The support Socket.IO server ({@code switchboard.support.*}; {@code SWITCHBOARD_SUPPORT_PORT}).
 *
 * @param enabled         false: no server is started
 * @param port            seed 003's clients use 3500; 0 picks a free port (tests)
 * @param maxPayloadBytes a larger WebSocket frame or polling body is refused by the transport
 * @param eventsPerSecond sustained events per connection; more are answered {@code {success: false, error}}
 * @param eventBurst      events a connection may send at once
 * @param typingExpiry    a typing indicator never stopped stops by itself after this long
 */
@ConfigurationProperties("switchboard.support")
record SupportProperties(@DefaultValue("true") boolean enabled,
                         @DefaultValue("3500") int port,
                         @DefaultValue("65536") int maxPayloadBytes,
                         @DefaultValue("20") double eventsPerSecond,
                         @DefaultValue("40") int eventBurst,
                         @DefaultValue("25s") Duration pingInterval,
                         @DefaultValue("20s") Duration pingTimeout,
                         @DefaultValue("5s") Duration typingExpiry) {
}
