package io.switchboard.realtime.pusher;

import java.util.List;

/** One trigger call to a Pusher-protocol HTTP API; kept small so the retry rules are testable without a network. */
interface PusherTransport extends AutoCloseable {

    /**
     * @param channels at most {@link PusherPublisher#MAX_CHANNELS_PER_TRIGGER}, all valid channel names
     * @param data     the event data, already JSON text
     * @throws PusherTransportException when the API did not accept the event
     */
    void trigger(List<String> channels, String eventName, String data);

    @Override
    void close();

    /** @param transientFailure true when the same call may succeed later (network, HTTP 5xx, 429, 408) */
    final class PusherTransportException extends RuntimeException {

        private final boolean transientFailure;

        PusherTransportException(String message, boolean transientFailure) {
            super(message);
            this.transientFailure = transientFailure;
        }

        boolean isTransient() {
            return transientFailure;
        }
    }
}
