package io.switchboard.app.web;

import io.switchboard.api.identity.AuthenticatedUser;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Supplies the caller the {@link BearerAuthenticationFilter} verified; never anything from the request body. */
class AuthenticatedUserArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType().equals(AuthenticatedUser.class);
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
                                  NativeWebRequest request, WebDataBinderFactory binderFactory) {
        Object user = request.getAttribute(BearerAuthenticationFilter.USER_ATTRIBUTE,
                RequestAttributes.SCOPE_REQUEST);
        if (user == null) {
            // Only reachable if a controller outside /api/** asks for a user: a wiring bug, not a client error.
            throw new IllegalStateException("no authenticated user for " + parameter.getExecutable());
        }
        return user;
    }
}
