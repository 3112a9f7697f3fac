package io.llmplatform.contracts.models;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GPUs written down rather than discovered, as {@code NAME:COUNT[:MEMORY_GIB]} and comma-separated, e.g.
 * {@code NVIDIA A100-SXM4-80GB:2,NVIDIA L4:1:24}. Without a memory size the name must carry one ({@code 80GB}).
 * The configuration of model-manager and the simulator's {@code --gpus} flag both use this form.
 */
public record GpuDeclaration(String name, int count, long memoryMib) {

    private static final Pattern MEMORY_IN_NAME = Pattern.compile("(\\d+)\\s*GB", Pattern.CASE_INSENSITIVE);

    public GpuDeclaration {
        if (name == null || name.isBlank() || count < 1 || memoryMib < 1) {
            throw new IllegalArgumentException("a GPU declaration needs a name, a count of at least 1 and a size");
        }
    }

    /** Every declared GPU, numbered from 0 in the order written; nothing for a blank declaration. */
    public static List<GpuDevice> devices(String declaration) {
        List<GpuDevice> devices = new ArrayList<>();
        for (GpuDeclaration gpu : parseAll(declaration)) {
            for (int i = 0; i < gpu.count(); i++) {
                devices.add(new GpuDevice(devices.size(), gpu.name(), null, gpu.memoryMib(), null, null));
            }
        }
        return List.copyOf(devices);
    }

    public static List<GpuDeclaration> parseAll(String declaration) {
        if (declaration == null || declaration.isBlank()) {
            return List.of();
        }
        List<GpuDeclaration> gpus = new ArrayList<>();
        for (String part : declaration.split(",")) {
            gpus.add(parse(part.trim()));
        }
        return List.copyOf(gpus);
    }

    public static GpuDeclaration parse(String text) {
        String[] parts = text.split(":");
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException("'" + text + "' is not NAME:COUNT[:MEMORY_GIB]");
        }
        String name = parts[0].trim();
        int count = number(parts[1], text);
        long memoryGib = parts.length == 3 ? number(parts[2], text) : memoryInName(name, text);
        return new GpuDeclaration(name, count, memoryGib * 1024);
    }

    private static long memoryInName(String name, String text) {
        Matcher matcher = MEMORY_IN_NAME.matcher(name);
        if (!matcher.find()) {
            throw new IllegalArgumentException("'" + text + "' names no memory size: write NAME:COUNT:MEMORY_GIB");
        }
        return Long.parseLong(matcher.group(1));
    }

    private static int number(String value, String text) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not NAME:COUNT[:MEMORY_GIB]", e);
        }
    }
}
