/**
 * Contracts that cross a service boundary: plain records and enums, serialised with Jackson annotations only, so UI
 * clients, the simulator and every service share one definition. The one Spring dependency is spring-web's
 * annotations on the service-to-service API interfaces in {@code client}.
 */
package io.llmplatform.contracts;
