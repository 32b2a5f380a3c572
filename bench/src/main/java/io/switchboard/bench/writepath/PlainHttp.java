package io.switchboard.bench.writepath;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's sending client: HTTP/1.1 on blocking sockets, one kept-alive connection per concurrent request, as
 * browsers talk to the server.
 * <p>
 * Why not the JDK's {@code HttpClient}: the client shares the 2 cores with the server, PostgreSQL and soketi, and the
 * JDK client's selector and executor hand-offs used 0.3–0.6 ms of CPU per request (a quarter of the machine at
 * 1,000 requests/s in phase d), CPU taken from the server being measured. pgbench, the ceiling the figures are divided
 * by, is a lean C client too. A request here is one write and a blocking read on the caller's thread.
 */
final class PlainHttp implements AutoCloseable {

    /** A request ready to send: its bytes on the wire. */
    record Request(byte[] bytes) {
    }

    record Response(int status, String body) {
    }

    /** The server closes connections idle past its keep-alive timeout; ones idle this long are not reused. */
    private static final long MAX_IDLE_NANOS = TimeUnit.SECONDS.toNanos(20);

    private final String host;
    private final int port;
    private final int timeoutMillis;
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
    private final ThreadPoolExecutor async;

    PlainHttp(String host, int port, Duration timeout, int maxConcurrent) {
        this.host = host;
        this.port = port;
        this.timeoutMillis = Math.toIntExact(timeout.toMillis());
        this.async = new ThreadPoolExecutor(maxConcurrent, maxConcurrent, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), ClosedLoop.daemonThreads("http"));
        this.async.allowCoreThreadTimeOut(true);
    }

    Request post(String path, String authorization, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nAuthorization: "
                + authorization + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, bytes, 0, headBytes.length);
        System.arraycopy(body, 0, bytes, headBytes.length, body.length);
        return new Request(bytes);
    }

    /**
     * Sends on an idle kept-alive connection, or a new one. A reused connection that the server had closed fails
     * before any answer byte: then, and only then, the request goes again on a new connection (the server never read
     * it).
     *
     * @throws SocketTimeoutException no answer within the timeout
     */
    Response exchange(Request request) throws IOException {
        Connection connection = idleConnection();
        if (connection != null) {
            try {
                return exchange(connection, request);
            } catch (StaleConnection stale) {
                // closed by the server while idle: the request never reached it, send it on a new connection
            }
        }
        try {
            return exchange(new Connection(host, port, timeoutMillis), request);
        } catch (StaleConnection closedAtOnce) {
            throw new IOException("connection closed before an answer", closedAtOnce);
        }
    }

    /** As {@link #exchange(Request)} on a pool thread; fails with the IOException. */
    CompletableFuture<Response> exchangeAsync(Request request) {
        CompletableFuture<Response> answer = new CompletableFuture<>();
        async.execute(() -> {
            try {
                answer.complete(exchange(request));
            } catch (IOException | RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        return answer;
    }

    private Connection idleConnection() {
        for (Connection connection = idle.pollFirst(); connection != null; connection = idle.pollFirst()) {
            if (System.nanoTime() - connection.idleSince < MAX_IDLE_NANOS) {
                return connection;
            }
            connection.close();
        }
        return null;
    }

    private Response exchange(Connection connection, Request request) throws IOException {
        Response response;
        try {
            response = connection.exchange(request);
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
        if (connection.keepAlive) {
            connection.idleSince = System.nanoTime();
            idle.addFirst(connection);
        } else {
            connection.close();
        }
        return response;
    }

    @Override
    public void close() {
        async.shutdownNow();
        for (Connection connection = idle.poll(); connection != null; connection = idle.poll()) {
            connection.close();
        }
    }

    /** The connection ended before the first byte of an answer. */
    private static final class StaleConnection extends IOException {
        StaleConnection(String message) {
            super(message);
        }
    }

    private static final class Connection {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        private boolean keepAlive = true;
        private long idleSince;

        Connection(String host, int port, int timeoutMillis) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 8192);
        }

        Response exchange(Request request) throws IOException {
            try {
                out.write(request.bytes());
                out.flush();
            } catch (IOException e) {
                throw new StaleConnection("write failed: " + e.getMessage());
            }
            int first;
            try {
                first = in.read();
            } catch (SocketTimeoutException e) {
                throw e;
            } catch (IOException e) {
                throw new StaleConnection("read failed: " + e.getMessage());
            }
            if (first < 0) {
                throw new StaleConnection("closed by the server");
            }
            String statusLine = (char) first + line();
            // "HTTP/1.1 201 " or "HTTP/1.1 201"
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long contentLength = -1;
            boolean chunked = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> contentLength = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection" -> keepAlive = !value.equalsIgnoreCase("close");
                    default -> { }
                }
            }
            byte[] body;
            if (chunked) {
                body = chunkedBody();
            } else if (contentLength >= 0) {
                body = in.readNBytes(Math.toIntExact(contentLength));
                if (body.length < contentLength) {
                    throw new IOException("answer ended after " + body.length + " of " + contentLength + " bytes");
                }
            } else {
                keepAlive = false; // the body runs to the end of the connection
                body = in.readAllBytes();
            }
            return new Response(status, new String(body, StandardCharsets.UTF_8));
        }

        private byte[] chunkedBody() throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (;;) {
                String sizeLine = line();
                int extension = sizeLine.indexOf(';');
                int size = Integer.parseInt((extension < 0 ? sizeLine : sizeLine.substring(0, extension)).trim(), 16);
                if (size == 0) {
                    while (!line().isEmpty()) {
                        // trailers
                    }
                    return body.toByteArray();
                }
                byte[] chunk = in.readNBytes(size);
                if (chunk.length < size) {
                    throw new IOException("chunk ended early");
                }
                body.write(chunk);
                line();
            }
        }

        /** One header line without its CRLF. */
        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("connection closed in the middle of an answer");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
