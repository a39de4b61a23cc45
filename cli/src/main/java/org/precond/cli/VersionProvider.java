package org.precond.cli;

import org.precond.Version;
import org.precond.kernel.Kernels;
import picocli.CommandLine;

/** The version printed by {@code --version}. */
final class VersionProvider implements CommandLine.IVersionProvider {

  @Override
  public String[] getVersion() {
    return new String[] {
      "precond " + Version.current(),
      "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")",
      "kernels: " + Kernels.get().name()
    };
  }
}
