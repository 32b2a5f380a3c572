package io.switchboard.realtime.pusher;

import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.Role;
import io.switchboard.hotel.HotelAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.server.ResponseStatusException;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The endpoint's request and response shapes under Spring MVC; the caller is supplied the way the app's bearer filter
 * does, and the app renders the refusals as {@code {"detail"}} (its own tests cover that over HTTP).
 */
class PusherAuthControllerTests {

    private static final String THREAD = "private-killarney.guest-chat.55";
    private static final PusherChannelSigner SIGNER = PusherChannelSigner.of("app-key", "app-secret");
    private static final PusherChannelAccess ACCESS = new PusherChannelAccess(id -> Optional.of(
            new PusherAudience(55, "killarney", ConversationKind.GUEST_ROOM, "305", "BK-9", List.of()))
            .filter(audience -> audience.conversationId() == id));

    private AuthenticatedUser caller = new AuthenticatedUser("guest-1", "Ann", null, "killarney", Role.GUEST,
            "305", "BK-9");

    private MockMvc mvc(PusherChannelSigner signer) {
        return MockMvcBuilders.standaloneSetup(new PusherAuthController(ACCESS, signer))
                .setCustomArgumentResolvers(new CallerResolver())
                .build();
    }

    private ResultActions form(String socketId, String channel) throws Exception {
        return mvc(SIGNER).perform(post(PusherAuthController.PATH).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("socket_id", socketId).param("channel_name", channel));
    }

    private static String reason(ResultActions result) {
        return ((ResponseStatusException) result.andReturn().getResolvedException()).getReason();
    }

    @Test
    void signsAnAllowedChannelForAFormEncodedRequestAsPusherClientsSendIt() throws Exception {
        form("123.456", THREAD)
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(content().json("{\"auth\": \"" + SIGNER.auth("123.456", THREAD) + "\"}", true));
    }

    @Test
    void acceptsJsonToo() throws Exception {
        mvc(SIGNER).perform(post(PusherAuthController.PATH).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"socket_id\": \"123.456\", \"channel_name\": \"" + THREAD + "\", \"extra\": 1}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.auth").value(SIGNER.auth("123.456", THREAD)));
    }

    @Test
    void refusesAChannelTheCallerMayNotJoinWithoutSayingWhy() throws Exception {
        caller = new AuthenticatedUser("guest-2", "Ned", null, "killarney", Role.GUEST, "306", "BK-10");

        ResultActions refused = form("123.456", THREAD).andExpect(status().isForbidden());
        ResultActions unknown = form("123.456", "private-killarney.guest-chat.57").andExpect(status().isForbidden());

        assertThat(reason(refused)).isEqualTo(HotelAccess.FORBIDDEN.detail()).isEqualTo(reason(unknown));
        assertThat(refused.andReturn().getResponse().getContentAsString()).doesNotContain("auth");
    }

    /** A socket id with a colon could make the signature of one channel valid for another. */
    @ParameterizedTest
    @ValueSource(strings = {"123", "123.", ".456", "abc.def", "123.456:private-killarney.guest-chat.56",
            "123.456\n", " 123.456", "١٢٣.٤٥٦", ""})
    void refusesAMalformedSocketId(String socketId) throws Exception {
        ResultActions refused = form(socketId, THREAD).andExpect(status().isForbidden());

        assertThat(reason(refused)).isEqualTo("socket_id: Invalid value.");
    }

    @Test
    void refusesARequestWithoutSocketIdOrChannel() throws Exception {
        mvc(SIGNER).perform(post(PusherAuthController.PATH).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("channel_name", THREAD)).andExpect(status().isForbidden());
        mvc(SIGNER).perform(post(PusherAuthController.PATH).contentType(MediaType.APPLICATION_JSON)
                .content("{\"socket_id\": \"123.456\"}")).andExpect(status().isForbidden());
    }

    @Test
    void answers503WhenPublishingIsOff() throws Exception {
        ResultActions off = mvc(PusherChannelSigner.disabled()).perform(post(PusherAuthController.PATH)
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .param("socket_id", "123.456").param("channel_name", THREAD))
                .andExpect(status().isServiceUnavailable());

        assertThat(reason(off)).isEqualTo("Pusher is not configured on this server.");
    }

    /** Stands in for the app's argument resolver, which hands controllers the bearer token's verified caller. */
    private final class CallerResolver implements HandlerMethodArgumentResolver {

        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return parameter.getParameterType().equals(AuthenticatedUser.class);
        }

        @Override
        public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
                                      NativeWebRequest request, WebDataBinderFactory binderFactory) {
            return caller;
        }
    }
}
