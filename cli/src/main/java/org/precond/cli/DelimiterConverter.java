package org.precond.cli;

import java.util.Locale;
import org.precond.data.Delimiter;
import picocli.CommandLine;

/** Reads {@code --delimiter}: {@code ,} {@code ;} {@code tab} or {@code auto} (detect). */
final class DelimiterConverter implements CommandLine.ITypeConverter<Delimiter> {

  /** Detection from the header line, the default; the reader takes {@code null} to mean it. */
  static final String AUTO = "auto";

  @Override
  public Delimiter convert(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case AUTO -> null;
      case ",", "comma" -> Delimiter.COMMA;
      case ";", "semicolon" -> Delimiter.SEMICOLON;
      case "\t", "\\t", "tab" -> Delimiter.TAB;
      default ->
          throw new CommandLine.TypeConversionException(
              "expected ',', ';', 'tab' or 'auto', found '" + value + "'");
    };
  }
}
