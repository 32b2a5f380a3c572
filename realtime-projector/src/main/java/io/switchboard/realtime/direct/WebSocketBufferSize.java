package io.switchboard.realtime.direct;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Sizes the three buffers Tomcat's WebSocket implementation allocates for every socket when it opens (frame input,
 * output, and the UTF-8 encoder's), 8 KiB each by default: 24 KiB of every idle chat socket's ~65 KiB
 * (bench/README.md, "Direct chat", heap per idle socket). Messages larger than a buffer still pass, in more pieces
 * (the handler puts partial frames together). Tomcat reads the size once, from a system property, when its WebSocket
 * classes load, so it is set here, before the web server starts, from
 * {@code switchboard.direct-chat.socket-buffer-bytes} (default 2048), unless the JVM already sets
 * {@code org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE}. Registered in META-INF/spring.factories.
 */
public final class WebSocketBufferSize implements EnvironmentPostProcessor, Ordered {

    static final String TOMCAT_PROPERTY = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";
    static final String PROPERTY = "switchboard.direct-chat.socket-buffer-bytes";
    private static final int DEFAULT_BYTES = 2048;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (System.getProperty(TOMCAT_PROPERTY) != null) {
            return;
        }
        int bytes = environment.getProperty(PROPERTY, Integer.class, DEFAULT_BYTES);
        if (bytes < 256 || bytes > 1 << 20) {
            throw new IllegalArgumentException(PROPERTY + " must be from 256 to 1048576, not " + bytes);
        }
        System.setProperty(TOMCAT_PROPERTY, Integer.toString(bytes));
    }

    /** After the configuration files are read, so the property may come from them. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
