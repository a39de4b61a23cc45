package org.precond.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Every help text is a format string: picocli passes it through {@link String#format}, and one
 * with a stray {@code %} is printed raw after a warning on standard error instead.
 */
class HelpTextTest {

  @Test
  void everyHelpTextFormats() {
    List<CommandSpec> commands = new ArrayList<>();
    collect(Main.commandLine(), commands);
    assertFalse(commands.size() < 2, "expected the sub-commands too");
    for (CommandSpec command : commands) {
      List<String> texts = new ArrayList<>();
      texts.addAll(List.of(command.usageMessage().description()));
      texts.addAll(List.of(command.usageMessage().header()));
      texts.addAll(List.of(command.usageMessage().footer()));
      for (ArgSpec arg : command.args()) {
        texts.addAll(List.of(arg.description()));
      }
      for (String text : texts) {
        assertDoesNotThrow(
            () -> String.format(text), () -> command.qualifiedName() + ": cannot format: " + text);
      }
    }
  }

  private static void collect(CommandLine line, List<CommandSpec> out) {
    out.add(line.getCommandSpec());
    for (CommandLine sub : line.getSubcommands().values()) {
      collect(sub, out);
    }
  }
}
