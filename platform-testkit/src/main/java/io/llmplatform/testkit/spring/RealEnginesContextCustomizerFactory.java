package io.llmplatform.testkit.spring;

import io.llmplatform.testkit.Engine;
import io.llmplatform.testkit.RealEngines;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

/** Reads {@link RealEngines} from a test class (or its hierarchy) and wires the engines into its context. */
public final class RealEnginesContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        var annotation = MergedAnnotations.from(testClass, SearchStrategy.TYPE_HIERARCHY).get(RealEngines.class);
        if (!annotation.isPresent()) {
            return null;
        }
        Set<Engine> engines = EnumSet.noneOf(Engine.class);
        engines.addAll(List.of(annotation.getEnumArray("value", Engine.class)));
        return new RealEnginesContextCustomizer(engines);
    }
}
