/**
 * Implementation of the servlet bridge. Unsupported: these types may change in any release; use
 * {@link io.github.cloudeventshandler.servlet.ServletApplication}.
 */
package io.github.cloudeventshandler.servlet.internal;
