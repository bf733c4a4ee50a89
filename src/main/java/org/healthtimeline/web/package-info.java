/**
 * HTTP plumbing shared by every feature: JSON, request bodies and parameters, bearer-token access,
 * RFC 9457 problem responses, request log and metrics.
 */
package org.healthtimeline.web;
