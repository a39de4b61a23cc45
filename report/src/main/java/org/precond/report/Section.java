package org.precond.report;

import java.util.List;

/**
 * One part of the HTML report, under its own heading. A report is a list of sections, so a new
 * kind of result (calibration, say) joins the page as one more implementation.
 */
public interface Section {

  /** The section's anchor, unique within the page: lower-case letters, digits and hyphens. */
  String id();

  /** The heading, plain text. */
  String title();

  /** The HTML under the heading, with each plot's {@link Plot#placeholder()} where it goes. */
  String body();

  /** The plots whose placeholders the body holds. */
  List<Plot> plots();
}
