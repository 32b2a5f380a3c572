/**
 * What every dialect's URLs share: the one spelling of an id in a path ({@link io.switchboard.api.path.PathIds}) and
 * the refusal of a path that names nothing. Dialect-neutral: no HTTP types, no wire shapes.
 */
package io.switchboard.api.path;
