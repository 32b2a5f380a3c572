package io.switchboard.realtime.pusher;

import com.pusher.rest.Pusher;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class PusherChannelSignerTests {

    @Test
    void signsLikePusherHttpJavasAuthenticate() throws Exception {
        PusherChannelSigner signer = PusherChannelSigner.of("app-key", "app-secret");

        try (Pusher library = new Pusher("1", "app-key", "app-secret")) {
            for (String channel : new String[]{"private-killarney.guest-chat.55",
                    "private-killarney.guest-chat-notifications"}) {
                String expected = JsonMapper.builder().build().readTree(library.authenticate("123.456", channel))
                        .get("auth").stringValue();

                assertThat(signer.auth("123.456", channel)).isEqualTo(expected);
            }
        }
    }

    @Test
    void matchesPushersPublishedExample() {
        // https://pusher.com/docs/channels/library_auth_reference/auth-signatures/
        assertThat(PusherChannelSigner.of("278d425bdf160c739803", "7ad3773142a6692b25b8")
                .auth("1234.1234", "private-foobar"))
                .isEqualTo("278d425bdf160c739803:58df8b0c36d6982b82c3ecf6b4662e34fe8c25bba48f5369f135bf843651c3a4");
    }

    @Test
    void signsNothingWhenPublishingIsOff() {
        PusherChannelSigner off = PusherChannelSigner.disabled();

        assertThat(off.enabled()).isFalse();
        assertThatIllegalStateException().isThrownBy(() -> off.auth("1.2", "private-a.guest-chat-notifications"));
    }
}
