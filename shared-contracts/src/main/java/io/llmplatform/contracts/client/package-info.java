/**
 * The HTTP APIs services call on each other, as interfaces with Spring MVC annotations only. A caller declares
 * {@code @FeignClient(...) interface XClient extends XApi {}}; the callee's controller implements the same paths.
 */
package io.llmplatform.contracts.client;
