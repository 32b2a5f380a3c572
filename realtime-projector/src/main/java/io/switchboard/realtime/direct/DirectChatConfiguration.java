package io.switchboard.realtime.direct;

import io.switchboard.api.identity.TokenVerifier;
import io.switchboard.realtime.hub.Hub;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seed 002 on the main HTTP port: {@code /ws/{username}/}, {@code /ws/notifications/{username}/},
 * {@code /ws/notifications/} (with or without the trailing slash). Any origin may connect: sockets authenticate with
 * a bearer token, never a cookie, so another site's page gains nothing by opening one.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
@EnableConfigurationProperties(DirectChatProperties.class)
class DirectChatConfiguration implements WebSocketConfigurer {

    private static final int CONTAINER_TEXT_BUFFER_CHARS = 4096;
    private static final int CONTAINER_BINARY_BUFFER_BYTES = 1024;

    private final TokenVerifier tokens;
    private final Hub hub;
    private final CommandGateway commands;
    private final QueryGateway queries;
    private final DirectChatProperties properties;

    DirectChatConfiguration(TokenVerifier tokens, Hub hub, CommandGateway commands, QueryGateway queries,
                            DirectChatProperties properties) {
        this.tokens = tokens;
        this.hub = hub;
        this.commands = commands;
        this.queries = queries;
        this.properties = properties;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        // A repeated key could say one thing to a validator and another to the code that acts on it.
        JsonMapper json = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        DirectChatHandler handler = new DirectChatHandler(new DirectChatSession.Services(hub, commands, queries,
                new DirectFrames(json), json, properties));
        DirectConversations conversations = new DirectConversations(commands);
        registry.addHandler(handler, "/ws/notifications/", "/ws/notifications")
                .addInterceptors(new DirectChatHandshake(DirectEndpoint.ALL_NOTIFICATIONS, tokens, conversations, json))
                .setAllowedOriginPatterns("*");
        registry.addHandler(handler, "/ws/notifications/{username}/", "/ws/notifications/{username}")
                .addInterceptors(new DirectChatHandshake(DirectEndpoint.CONVERSATION_NOTIFICATIONS, tokens,
                        conversations, json))
                .setAllowedOriginPatterns("*");
        registry.addHandler(handler, "/ws/{username}/", "/ws/{username}")
                .addInterceptors(new DirectChatHandshake(DirectEndpoint.CHAT, tokens, conversations, json))
                .setAllowedOriginPatterns("*");
    }

    /**
     * The container's per-socket buffers, allocated for every socket: small, because frames are put together by the
     * handler (which closes a socket with 1009 when one passes {@code max-frame-bytes}).
     */
    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(CONTAINER_TEXT_BUFFER_CHARS);
        container.setMaxBinaryMessageBufferSize(CONTAINER_BINARY_BUFFER_BYTES);
        if (!properties.idleTimeout().isZero()) {
            container.setMaxSessionIdleTimeout(properties.idleTimeout().toMillis());
        }
        return container;
    }
}
