package io.github.minibatchkmeans.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the tool in this JVM, with what it printed. */
record CliRun(int exitCode, String out, String err) {

    /** A run with {@code stdin} as standard input. */
    static synchronized CliRun withInput(String stdin, String... args) {
        java.io.InputStream saved = System.in;
        System.setIn(new java.io.ByteArrayInputStream(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        try {
            return of(args);
        } finally {
            System.setIn(saved);
        }
    }

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(code, out.toString(), err.toString());
    }
}
