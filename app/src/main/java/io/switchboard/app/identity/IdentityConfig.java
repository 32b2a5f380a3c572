package io.switchboard.app.identity;

import io.switchboard.api.identity.TokenVerifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Path;
import java.time.Clock;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuthProperties.class)
class IdentityConfig {

    private static final Logger log = LoggerFactory.getLogger(IdentityConfig.class);

    /** The verifier every entry point uses: the JWT check below, remembered per token until it expires. */
    @Bean
    TokenVerifier tokenVerifier(AuthProperties properties, @Value("${switchboard.data-dir}") Path dataDirectory,
                                Clock clock) {
        return new CachingTokenVerifier(jwtVerifier(properties, dataDirectory), JwtTokenVerifier::expiryOf, clock,
                10_000);
    }

    private static JwtTokenVerifier jwtVerifier(AuthProperties properties, Path dataDirectory) {
        if (properties.jwkSetUri() != null && !properties.jwkSetUri().isBlank()) {
            log.info("Bearer tokens: RS256, keys from {}", properties.jwkSetUri());
            return JwtTokenVerifier.rs256(properties.jwkSetUri());
        }
        if (properties.jwtSecret() == null || properties.jwtSecret().isBlank()) {
            log.info("Bearer tokens: HS256 with the generated secret in {} (set SWITCHBOARD_AUTH_JWT_SECRET to "
                    + "share one with your identity provider)", dataDirectory.resolve(SigningSecret.FILE_NAME));
        }
        return JwtTokenVerifier.hs256(SigningSecret.resolve(properties.jwtSecret(), dataDirectory));
    }
}
