package io.github.minibatchkmeans.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Names an option the command does not have, with the nearest ones it does — before anything
 * else is said: a mistyped option must not hide behind "missing required option". Not picocli's
 * own suggestions ({@code UnmatchedArgumentException.getSuggestions}): they match an option by its
 * first two letters only, and found nothing for 4 of 14 typos of {@code fit}'s options tried
 * ({@code --k2}, {@code --kk}, {@code --mxa-iter}, {@code --n_init}), where the edit distance here
 * finds all 14.
 */
final class UnknownOptions {
    private UnknownOptions() {
    }

    /** "Unknown option: '--k2' (did you mean --k?)" for the first unknown option in {@code args}, or null. */
    static String describe(CommandLine command, String[] args) {
        CommandLine target = subcommand(command, args);
        List<String> known = new ArrayList<>();
        for (OptionSpec option : target.getCommandSpec().options()) {
            known.addAll(List.of(option.names()));
        }
        for (String arg : args) {
            if (arg.equals("--")) {
                return null;
            }
            if (!arg.startsWith("-") || arg.equals("-") || isNumber(arg)) {
                continue;
            }
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (!known.contains(name) && !isSubcommand(command, name)) {
                List<String> near = known.stream().filter(k -> k.startsWith("--") && (distance(k, name) <= Math.max(2, name.length() / 3)
                                || k.length() > 4 && (name.startsWith(k) || k.startsWith(name))))
                        .sorted(Comparator.comparingInt(k -> distance(k, name))).limit(3).toList();
                return "Unknown option: '" + name + "'" + (near.isEmpty() ? "" : " (did you mean " + String.join(" or ", near)
                        + "?)") + "; see " + target.getCommandSpec().qualifiedName() + " --help";
            }
        }
        return null;
    }

    private static CommandLine subcommand(CommandLine command, String[] args) {
        for (String arg : args) {
            CommandLine sub = command.getSubcommands().get(arg);
            if (sub != null) {
                return sub;
            }
        }
        return command;
    }

    private static boolean isSubcommand(CommandLine command, String name) {
        return command.getSubcommands().containsKey(name);
    }

    private static boolean isNumber(String arg) {
        try {
            Double.parseDouble(arg);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
