package io.modulemigrations.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A distribution-free 95% confidence interval for a median: the k-th smallest and k-th largest
 * sample, k the largest rank whose binomial tail (n samples, one half) is at most 2.5%. It assumes
 * nothing about the samples' spread, which for Spring Boot starts on a shared machine is wide and
 * uneven; it needs at least 6 samples.
 *
 * @param low  the interval's lower end
 * @param high the interval's upper end
 */
record MedianInterval(double low, double high) {

    /** The interval, or empty with fewer than 6 samples (then no rank gives 95%). */
    static Optional<MedianInterval> of95(List<Double> samples) {
        int n = samples.size();
        int k = rank(n);
        if (k == 0) {
            return Optional.empty();
        }
        List<Double> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        return Optional.of(new MedianInterval(sorted.get(k - 1), sorted.get(n - k)));
    }

    /** The largest k with P(B ≤ k − 1) ≤ 0.025 for B ~ Binomial(n, 1/2); 0 when there is none. */
    static int rank(int n) {
        if (n > 1_000) {
            // 0.5^n underflows past about 1,070; the normal approximation is exact enough there.
            return (int) Math.floor((n - 1.96 * Math.sqrt(n)) / 2);
        }
        double probability = Math.pow(0.5, n);
        double cumulative = 0;
        int k = 0;
        for (int j = 0; j < n; j++) {
            cumulative += probability;
            if (cumulative > 0.025) {
                break;
            }
            k = j + 1;
            probability = probability * (n - j) / (j + 1);
        }
        return k;
    }
}
