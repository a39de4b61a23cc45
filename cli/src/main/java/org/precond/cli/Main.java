package org.precond.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code precond} command: sub-commands for data, training, prediction and reports. */
@Command(
    name = "precond",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Neural-network preconditioning for nearest-neighbour regression.",
    subcommands = {CommandLine.HelpCommand.class})
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Builds the command line with precond's conventions: defaults in help, one-line errors. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler(new ErrorHandler());
    cl.setParameterExceptionHandler(new UsageErrorHandler());
    return cl;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** Bad usage: one line and a hint, exit code 2. */
  static final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {
    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
      PrintWriter err = e.getCommandLine().getErr();
      err.println("precond: " + e.getMessage());
      err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
      return ExitCodes.USAGE;
    }
  }

  /** A failure while running: one line naming what was wrong, exit code 1. */
  static final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(
        Exception e, CommandLine cl, CommandLine.ParseResult parseResult) {
      PrintWriter err = cl.getErr();
      if (e instanceof UsageException) {
        err.println("precond: " + e.getMessage());
        err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help'.");
        return ExitCodes.USAGE;
      }
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      err.println("precond: " + message);
      if (System.getenv("PRECOND_DEBUG") != null) {
        e.printStackTrace(err);
      } else if (!(e instanceof java.io.IOException
          || e instanceof java.io.UncheckedIOException
          || e instanceof IllegalArgumentException
          || e instanceof IllegalStateException)) {
        err.println("(set PRECOND_DEBUG=1 for the stack trace)");
      }
      return ExitCodes.FAILURE;
    }
  }
}
