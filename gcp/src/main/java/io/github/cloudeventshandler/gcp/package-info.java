/** Google Cloud Functions / Cloud Run entry points and GCP event sources. */
package io.github.cloudeventshandler.gcp;
