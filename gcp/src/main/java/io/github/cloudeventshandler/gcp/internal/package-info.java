/**
 * Implementation of the GCP module: classifiers, legacy event conversion, CloudEvent reading and
 * the runtime shared by the entry points. Unsupported: these types may change in any release.
 */
package io.github.cloudeventshandler.gcp.internal;
