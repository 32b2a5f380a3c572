package io.switchboard.app.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What every {@code /api} request must be before anything reads it: a body of at most {@link #MAX_BODY_BYTES}
 * (else 413), in strict UTF-8 (else 400: overlong forms such as {@code C0 AF}, lone continuation bytes and CESU-8
 * surrogates {@code ED A0 80} are refused, never decoded leniently into other characters), of one concrete media
 * type declared as UTF-8 if a charset is declared at all (else 415), and a path without {@code ;} parameters (else
 * 404: the router would drop them, so {@code /conversations/1;DROP/} would silently address conversation 1). Form
 * bodies (Pusher's channel authorization) are left to the container, which parses them itself, but are bounded by
 * the same limit.
 */
class StrictRequestFilter extends OncePerRequestFilter {

    /** 1 MiB: ten times the largest valid send (10 attachments with 2 KB URLs, 10,000 characters of 4-byte text). */
    static final int MAX_BODY_BYTES = 1 << 20;

    private final ErrorBodies errors;

    StrictRequestFilter(ErrorBodies errors) {
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String uri = request.getRequestURI();
        if (uri.indexOf(';') >= 0 || uri.toLowerCase(Locale.ROOT).contains("%3b")) {
            errors.write(response, HttpStatus.NOT_FOUND, "Not found.");
            return;
        }
        long declaredLength = request.getContentLengthLong();
        if (declaredLength > MAX_BODY_BYTES) {
            tooLarge(response);
            return;
        }
        if (!isConcreteUtf8OrNothing(request.getContentType())) {
            errors.write(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "Unsupported media type; send application/json in UTF-8.");
            return;
        }
        if (isForm(request.getContentType()) || !mayHaveBody(request)) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = readAtMost(request.getInputStream(), MAX_BODY_BYTES);
        if (body == null) {
            tooLarge(response);
            return;
        }
        if (!isStrictUtf8(body)) {
            errors.write(response, HttpStatus.BAD_REQUEST, "JSON parse error: the request body is not valid UTF-8.");
            return;
        }
        chain.doFilter(new BufferedBody(request, body), response);
    }

    private void tooLarge(HttpServletResponse response) throws IOException {
        // The rest of an unread body is not worth draining: the connection closes after this answer.
        response.setHeader("Connection", "close");
        errors.write(response, HttpStatus.PAYLOAD_TOO_LARGE,
                "Request body too large; at most " + MAX_BODY_BYTES + " bytes.");
    }

    private static boolean mayHaveBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    private static boolean isForm(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE) || type.startsWith("multipart/");
    }

    /** A body's type is one concrete type (no {@code *}: Spring MVC would fail on it), in UTF-8 if it says. */
    private static boolean isConcreteUtf8OrNothing(String contentType) {
        if (contentType == null) {
            return true;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            String charset = type.getParameter("charset");
            return !type.isWildcardType() && !type.isWildcardSubtype() && (charset == null
                    || charset.replace("\"", "").equalsIgnoreCase("utf-8"));
        } catch (RuntimeException unparseable) {
            return false;
        }
    }

    /** @return the body, or null when it is longer than {@code limit} (chunked bodies declare no length) */
    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int read;
        while ((read = in.read(buffer)) != -1) {
            if (out.size() + read > limit) {
                return null;
            }
            out.write(buffer, 0, read);
        }
        return out.toByteArray();
    }

    static boolean isStrictUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** The body, read once and checked, served again to whatever reads it next. */
    private static final class BufferedBody extends HttpServletRequestWrapper {

        private final byte[] body;

        BufferedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("bodies are read synchronously");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
