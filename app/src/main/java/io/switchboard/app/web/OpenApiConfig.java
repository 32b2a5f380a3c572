package io.switchboard.app.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.switchboard.api.identity.AuthenticatedUser;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** OpenAPI at /api-docs: every /api endpoint takes a bearer JWT (docs/auth.md). */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    static {
        // The caller comes from the token (AuthenticatedUserArgumentResolver), never from a request parameter.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(AuthenticatedUser.class);
    }

    @Bean
    OpenAPI switchboardOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Switchboard").description(
                        "Event-sourced chat backend. Errors are {\"detail\": \"...\"} with 400/401/403/404."))
                .components(new Components().addSecuritySchemes("bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
