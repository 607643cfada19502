package jp.lgwansim.sim.topology;

import java.util.List;

/**
 * A topology file that cannot be run, with every problem found in it (not only the first), so a
 * user fixes them all in one pass. Nothing of the simulation starts when this is thrown.
 *
 * <p>Unchecked, like a configuration error in most launchers: the one place that can do something
 * about it (the CLI) prints {@link #getMessage()} and exits.
 */
public final class TopologyException extends RuntimeException {

  private final List<TopologyProblem> problems;

  public TopologyException(List<TopologyProblem> problems) {
    super(render(problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a TopologyException needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** Every problem, in file order. */
  public List<TopologyProblem> problems() {
    return problems;
  }

  private static String render(List<TopologyProblem> problems) {
    StringBuilder out =
        new StringBuilder()
            .append("トポロジファイルに ")
            .append(problems.size())
            .append(" 件の問題があります / The topology file has ")
            .append(problems.size())
            .append(problems.size() == 1 ? " problem" : " problems");
    for (TopologyProblem p : problems) {
      out.append(System.lineSeparator()).append(p);
    }
    return out.toString();
  }
}
