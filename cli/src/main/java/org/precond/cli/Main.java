package org.precond.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code precond} command: sub-commands for data, training, prediction and reports. */
@Command(
    name = "precond",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Neural-network preconditioning for nearest-neighbour regression.",
    subcommands = {
      CommandLine.HelpCommand.class,
      InspectCommand.class,
      GenerateCommand.class,
      FitCommand.class,
      PredictCommand.class,
      EmbedCommand.class,
      EvaluateCommand.class,
      ExplainCommand.class,
      ReportCommand.class,
      DemoCommand.class
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Builds the command line with precond's conventions: defaults in help, one-line errors. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler(new ErrorHandler());
    cl.setParameterExceptionHandler(new UsageErrorHandler());
    cl.setExecutionStrategy(Main::runTellingHeap);
    return cl;
  }

  /**
   * Runs the command; running out of heap ends it as any other failure, in one line that says how
   * much heap there was and how to give more. By then the command's own large arrays are out of
   * reach, and a model being written has been removed ({@code AtomicFile}).
   */
  private static int runTellingHeap(CommandLine.ParseResult parseResult) {
    try {
      return new CommandLine.RunLast().execute(parseResult);
    } catch (OutOfMemoryError e) {
      CommandLine command = parseResult.asCommandLineList().getLast();
      throw new CommandLine.ExecutionException(
          command, "out of memory", new HeapExhausted(Runtime.getRuntime().maxMemory()));
    }
  }

  public static void main(String[] args) {
    Logging.configure();
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
      if (e instanceof UncheckedIOException unchecked) {
        // Such as a model file that changed after it was opened, found when a part is read.
        e = unchecked.getCause();
      }
      if (e instanceof UsageException) {
        err.println("precond: " + e.getMessage());
        err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help'.");
        return ExitCodes.USAGE;
      }
      err.println("precond: " + describe(e));
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

    /** The message, or for file errors that carry only the file name, the name and the cause. */
    static String describe(Exception e) {
      if (e instanceof FileSystemException f && f.getReason() == null) {
        String reason =
            switch (f) {
              case NoSuchFileException x -> "no such file or directory";
              case AccessDeniedException x -> "permission denied";
              case FileAlreadyExistsException x -> "already exists";
              case NotDirectoryException x -> "not a directory";
              case DirectoryNotEmptyException x -> "a directory that is not empty";
              default -> e.getClass().getSimpleName();
            };
        return f.getMessage() + ": " + reason;
      }
      return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
  }
}
