package io.switchboard.realtime.pusher;

import java.util.List;

/**
 * One Pusher event ready to send.
 *
 * @param data JSON text, at most {@link PusherEnvelopes#MAX_DATA_BYTES} bytes of UTF-8
 */
record PusherEvent(String name, List<String> channels, String data) {

    PusherEvent {
        channels = List.copyOf(channels);
    }
}
