package io.llmplatform.e2e;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests the {@link PlatformUnderTest}: started by the first test that asks, shared by every test class of the
 * run, and stopped when the run ends.
 */
public final class PlatformExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == PlatformUnderTest.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(PlatformUnderTest.class, type -> {
                    try {
                        return PlatformUnderTest.start();
                    } catch (Exception e) {
                        throw new IllegalStateException("The platform did not start: " + e.getMessage(), e);
                    }
                }, PlatformUnderTest.class);
    }
}
