/**
 * Contracts that cross a service boundary: plain records and enums, serialised with Jackson annotations only.
 * Nothing here depends on Spring, so UI clients, the simulator and every service share one definition.
 */
package io.llmplatform.contracts;
