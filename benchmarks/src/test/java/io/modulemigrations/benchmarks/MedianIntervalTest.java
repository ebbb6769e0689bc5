package io.modulemigrations.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The interval's ranks are the binomial ones a statistics table gives; its ends are samples of that rank. */
class MedianIntervalTest {

    @Test
    void ranksAreTheLargestWhoseTailIsAtMostTwoAndAHalfPercent() {
        assertThat(MedianInterval.rank(5)).isZero();   // 1/32 > 2.5%: no 95% interval from 5 samples
        assertThat(MedianInterval.rank(6)).isEqualTo(1);
        assertThat(MedianInterval.rank(10)).isEqualTo(2);
        assertThat(MedianInterval.rank(20)).isEqualTo(6);
        assertThat(MedianInterval.rank(40)).isEqualTo(14);
        assertThat(MedianInterval.rank(100)).isEqualTo(40);
        assertThat(MedianInterval.rank(2_000)).isEqualTo(956);
    }

    @Test
    void theEndsAreTheSamplesOfThatRankWhateverTheirOrder() {
        List<Double> samples = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            samples.add((double) i * 10);
        }
        Collections.shuffle(samples, new java.util.Random(7));

        assertThat(MedianInterval.of95(samples)).contains(new MedianInterval(140, 270));
        assertThat(MedianInterval.of95(samples.subList(0, 5))).isEmpty();
    }
}
