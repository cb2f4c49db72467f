/**
 * Implementation of the GCP module. Unsupported: not part of the public API, may change in any
 * release.
 */
package io.github.cloudeventshandler.gcp.internal;
