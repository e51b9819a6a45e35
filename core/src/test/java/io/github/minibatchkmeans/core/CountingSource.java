package io.github.minibatchkmeans.core;

import io.github.minibatchkmeans.core.spi.BatchReader;
import io.github.minibatchkmeans.core.spi.BatchSource;
import java.io.IOException;

/** Counts the passes made over a source; wrapping an in-memory source, it also makes the engine stream it through readers. */
public final class CountingSource implements BatchSource {
    private final BatchSource inner;
    private int opens;

    public CountingSource(BatchSource inner) {
        this.inner = inner;
    }

    public int passes() {
        return opens;
    }

    @Override
    public int dimensions() {
        return inner.dimensions();
    }

    @Override
    public BatchReader open() throws IOException {
        opens++;
        return inner.open();
    }

    @Override
    public String name() {
        return inner.name();
    }
}
