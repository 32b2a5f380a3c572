package io.switchboard.realtime.pusher;

import com.pusher.rest.Pusher;
import com.pusher.rest.data.Result;

import java.util.List;

/** The real transport: pusher-http-java against Pusher's cluster or any Pusher-protocol host (soketi). */
final class HttpPusherTransport implements PusherTransport {

    private final Pusher pusher;

    HttpPusherTransport(PusherProperties properties) {
        pusher = new Pusher(properties.appId(), properties.key(), properties.secret());
        if (properties.host() != null && !properties.host().isBlank()) {
            // The library puts the host verbatim into the request URI, so host:port addresses a custom port.
            pusher.setHost(properties.port() == null ? properties.host() : properties.host() + ":" + properties.port());
        } else {
            pusher.setCluster(properties.cluster());
        }
        pusher.setEncrypted(properties.encrypted());
        pusher.setRequestTimeout(Math.toIntExact(properties.requestTimeout().toMillis()));
        // Envelopes arrive as JSON text; the default Gson marshaller would encode them a second time, as a string.
        pusher.setDataMarshaller(data -> (String) data);
    }

    @Override
    public void trigger(List<String> channels, String eventName, String data) {
        Result result = pusher.trigger(channels, eventName, data);
        if (result.getStatus() != Result.Status.SUCCESS) {
            Integer status = result.getHttpStatus();
            throw new PusherTransportException("Pusher answered " + result.getStatus()
                    + (status == null ? "" : " (HTTP " + status + ")") + ": " + result.getMessage(),
                    isTransient(status));
        }
    }

    /** No HTTP status means the request never got an answer (connection refused, timeout). */
    static boolean isTransient(Integer httpStatus) {
        return httpStatus == null || httpStatus >= 500 || httpStatus == 429 || httpStatus == 408;
    }

    @Override
    public void close() {
        try {
            pusher.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot close the Pusher HTTP client", e);
        }
    }
}
