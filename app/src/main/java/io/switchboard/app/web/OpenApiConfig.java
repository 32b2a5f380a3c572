package io.switchboard.app.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.switchboard.api.identity.AuthenticatedUser;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OpenAPI at /api-docs: every /api endpoint takes a bearer JWT (docs/auth.md), and the document says what the API
 * really answers, which the handler signatures alone cannot tell springdoc: 201 for what a POST creates, the
 * {@code {"detail"}} errors, ids as JavaScript-safe integers.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    static final String ERROR_SCHEMA = "Error";
    private static final String ERROR_REF = "#/components/schemas/" + ERROR_SCHEMA;

    static {
        // The caller comes from the token (AuthenticatedUserArgumentResolver), never from a request parameter.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(AuthenticatedUser.class);
    }

    @Bean
    OpenAPI switchboardOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Switchboard").description("Event-sourced chat backend. Every error is "
                        + "{\"detail\": \"...\"} (docs/hotel.md#errors)."))
                .components(new Components().addSecuritySchemes("bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }

    @Bean
    OpenApiCustomizer answersAsServed() {
        return openApi -> {
            Schema<?> error = new ObjectSchema()
                    .addProperty("detail", new StringSchema().description("what went wrong, for people"))
                    .addProperty("code", new StringSchema().description("the command side's refusal code, if any"))
                    .required(List.of("detail"));
            openApi.getComponents().addSchemas(ERROR_SCHEMA, error);
            if (openApi.getPaths() != null) {
                openApi.getPaths().forEach((path, item) -> item.readOperationsMap()
                        .forEach((method, operation) -> describe(path, method, operation)));
            }
        };
    }

    private static void describe(String path, PathItem.HttpMethod method, Operation operation) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        boolean sends = method == PathItem.HttpMethod.POST
                && (path.endsWith("/messages/") || path.endsWith("/send-message/"));
        boolean creates = method == PathItem.HttpMethod.POST && path.endsWith("/staff-chat/conversations/");
        if ((sends || creates) && responses.containsKey("200")) {
            ApiResponse ok = responses.remove("200");
            Map<String, ApiResponse> reordered = new LinkedHashMap<>();
            reordered.put("201", new ApiResponse()
                    .description(sends ? "the message, sent" : "the conversation, created").content(ok.getContent()));
            if (sends) {
                reordered.put("200", new ApiResponse().description("the original message: its client_message_id was"
                        + " sent before, so nothing new was stored").content(ok.getContent()));
            }
            reordered.putAll(responses);
            responses = new ApiResponses();
            reordered.forEach(responses::addApiResponse);
        }
        boolean hasBody = operation.getRequestBody() != null;
        error(responses, "400", "invalid input; the detail names the field");
        error(responses, "401", "missing, malformed or expired token");
        error(responses, "403", "the caller's role or membership does not allow this");
        error(responses, "404", "unknown, another hotel's, or a malformed id");
        if (hasBody) {
            error(responses, "413", "request body over 1 MiB");
            error(responses, "415", "not application/json in UTF-8");
        }
        error(responses, "503", "the database is unreachable; nothing was stored, retry after Retry-After seconds");
        operation.setResponses(responses);
        if (operation.getParameters() != null) {
            operation.getParameters().stream()
                    .filter(parameter -> "path".equals(parameter.getIn())
                            && "conversationId".equals(parameter.getName()))
                    .forEach(parameter -> parameter.schema(new IntegerSchema().format("int64")
                            .minimum(BigDecimal.ONE).maximum(BigDecimal.valueOf((1L << 53) - 1))
                            .description("plain decimal digits, no sign or leading zero; anything else is 404")));
        }
    }

    private static void error(ApiResponses responses, String status, String description) {
        responses.putIfAbsent(status, new ApiResponse().description(description).content(new Content()
                .addMediaType("application/json", new MediaType().schema(new Schema<>().$ref(ERROR_REF)))));
    }
}
