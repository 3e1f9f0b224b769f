package io.travobooks.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** One {@code BENCH name=... value=... unit=...} line, the format every benchmark prints (docs/benchmarks.md). */
final class BenchLine {
    private final Map<String, String> fields = new LinkedHashMap<>();

    BenchLine(String name, double value, String unit) {
        fields.put("name", name);
        fields.put("value", format(value));
        fields.put("unit", unit);
    }

    BenchLine ceiling(double ceiling) {
        fields.put("ceiling", format(ceiling));
        fields.put("ratio", String.format(Locale.ROOT, "%.3f", Double.parseDouble(fields.get("value")) / ceiling));
        return this;
    }

    BenchLine with(String key, double value) {
        fields.put(key, format(value));
        return this;
    }

    BenchLine with(String key, String value) {
        fields.put(key, value);
        return this;
    }

    void print() {
        StringBuilder line = new StringBuilder("BENCH");
        fields.forEach((key, value) -> line.append(' ').append(key).append('=').append(value));
        System.out.println(line);
        System.out.flush();
    }

    private static String format(double value) {
        if (value == Math.rint(value) || value >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
