package jp.lgwansim.sim.cli;

import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Makes picocli's generated texts bilingual where it would show only one language: the list of
 * commands shows both lines of each command's description (Japanese, then English), and a wrong
 * option gets a Japanese line before picocli's English one.
 */
final class BilingualHelp {
  private BilingualHelp() {}

  /** Applies to {@code cli} and every subcommand below it. */
  static CommandLine apply(CommandLine cli) {
    cli.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, BilingualHelp::commands);
    cli.setParameterExceptionHandler(BilingualHelp::badArguments);
    cli.getSubcommands().values().forEach(BilingualHelp::apply);
    return cli;
  }

  private static String commands(Help help) {
    Map<String, Help> subcommands = help.subcommands();
    if (subcommands.isEmpty()) {
      return "";
    }
    int width = subcommands.keySet().stream().mapToInt(String::length).max().orElse(0) + 2;
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, Help> e : subcommands.entrySet()) {
      String[] lines = e.getValue().commandSpec().usageMessage().description();
      String indent = " ".repeat(width + 2);
      out.append("  ").append(pad(e.getKey(), width));
      out.append(lines.length > 0 ? lines[0] : "").append('\n');
      for (int i = 1; i < lines.length; i++) {
        out.append(indent).append(lines[i]).append('\n');
      }
    }
    return out.toString();
  }

  private static int badArguments(CommandLine.ParameterException e, String[] args) {
    CommandLine cli = e.getCommandLine();
    PrintWriter err = cli.getErr();
    err.println("コマンドの指定が正しくありません: " + e.getMessage());
    err.println("Invalid command line: " + e.getMessage());
    cli.usage(err);
    return cli.getCommandSpec().exitCodeOnInvalidInput();
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(Math.max(1, width - s.length()));
  }
}
