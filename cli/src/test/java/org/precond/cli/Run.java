package org.precond.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One invocation of the command line as a test sees it: exit code, standard output and error. */
record Run(int exitCode, String out, String err) {

  static Run of(String... args) {
    CommandLine cl = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exitCode = cl.execute(args);
    return new Run(exitCode, out.toString(), err.toString());
  }
}
