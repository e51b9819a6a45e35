package io.github.minibatchkmeans.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Docs are code: every Java snippet in README.md is a complete program that compiles against the
 * project and runs on the data it generates, and every shell block is valid bash that runs only the
 * commands it names (an unquoted {@code ||}, say, would run its next word as a command).
 */
class ReadmeTest {
    private static final Path README = Path.of("..", "README.md");
    private static final Pattern BLOCK = Pattern.compile("```(java|sh|xml)\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern PUBLIC_CLASS = Pattern.compile("public (?:final )?class (\\w+)");

    @TempDir
    Path dir;

    private static List<String> blocks(String language) throws IOException {
        List<String> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(Files.readString(README));
        while (m.find()) {
            if (m.group(1).equals(language)) {
                blocks.add(m.group(2));
            }
        }
        return blocks;
    }

    @Test
    void everyJavaSnippetIsACompleteProgramThatCompilesAndRuns() throws Exception {
        List<String> snippets = blocks("java");
        assertTrue(snippets.size() >= 4, "the README's Java snippets: " + snippets.size());
        List<String> names = new ArrayList<>();
        List<String> files = new ArrayList<>();
        for (String snippet : snippets) {
            Matcher m = PUBLIC_CLASS.matcher(snippet);
            assertTrue(m.find(), "a snippet without a public class:\n" + snippet);
            Path file = dir.resolve(m.group(1) + ".java");
            Files.writeString(file, snippet);
            names.add(m.group(1));
            files.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("-d", dir.toString(), "-cp", System.getProperty("java.class.path"),
                "-proc:none", "-Xlint:none"));
        args.addAll(files);
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int code = javac.run(null, errors, errors, args.toArray(String[]::new));
        assertEquals(0, code, errors.toString(StandardCharsets.UTF_8));

        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            for (String name : names) {
                Method main = loader.loadClass(name).getMethod("main", String[].class);
                PrintStream original = System.out;
                ByteArrayOutputStream printed = new ByteArrayOutputStream();
                System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
                try {
                    main.invoke(null, (Object) new String[0]);
                } finally {
                    System.setOut(original);
                }
                assertTrue(printed.size() > 0, name + " printed nothing");
            }
        }
    }

    @Test
    void everyShellBlockIsCopyPasteableInBash() throws Exception {
        List<String> blocks = blocks("sh");
        assertTrue(blocks.size() >= 3, "the README's shell blocks: " + blocks.size());
        for (String block : blocks) {
            // The tools are stubbed and fail, so that bash also runs what an unintended `||` would
            // start: what is tested is how bash reads the lines, not what the tools do.
            String script = "set -u\ncommand_not_found_handle() { echo \"not a command: $1\"; exit 127; }\n"
                    + "java() { return 1; }\nmvn() { return 1; }\ncat() { return 1; }\nspark-submit() { return 1; }\n"
                    + block + "\nexit 0\n";
            Process bash = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
            String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(bash.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, bash.exitValue(), "bash could not run\n" + block + "\n" + output);
            assertEquals("", output.strip(), "bash said something about\n" + block);
        }
    }

    @Test
    void everyDependencySnippetIsWhatTheConsumerProjectBuildsWith() throws Exception {
        // consumer-it builds that project against the installed artifacts during the build: the snippets are tested there
        List<String> blocks = blocks("xml");
        assertTrue(blocks.size() >= 3, "the README's dependency snippets: " + blocks.size());
        String consumer = Files.readString(Path.of("..", "consumer-it", "src", "it", "readme-consumer", "pom.xml"))
                .replaceAll("\\s*<!--.*?-->", "").replaceAll("\\s+", " ");
        for (String block : blocks) {
            String snippet = block.replaceAll("\\s+", " ").strip();
            assertTrue(consumer.contains(snippet), "the consumer project lacks the README's\n" + block);
        }
    }
}
