package io.github.minibatchkmeans.cli;

import io.github.minibatchkmeans.core.spi.BatchReader;
import io.github.minibatchkmeans.core.spi.BatchSource;
import io.github.minibatchkmeans.core.spi.ReadThreads;
import java.io.IOException;
import java.util.OptionalLong;

/** A float32 source held as doubles ({@code --dtype float64}): the same rows, read through their widening reader. */
record AsFloat64(BatchSource source) implements BatchSource {
    @Override
    public int dimensions() {
        return source.dimensions();
    }

    @Override
    public String name() {
        return source.name();
    }

    @Override
    public OptionalLong rows() {
        return source.rows();
    }

    @Override
    public Rereading rereading() {
        return source.rereading();
    }

    @Override
    public BatchReader open() throws IOException {
        return source.open();
    }

    @Override
    public BatchReader open(ReadThreads threads) throws IOException {
        return source.open(threads);
    }
}
