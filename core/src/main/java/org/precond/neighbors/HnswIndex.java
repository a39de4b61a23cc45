package org.precond.neighbors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.IntConsumer;
import java.util.function.ObjIntConsumer;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopKnnCollector;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.util.SparseFixedBitSet;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.apache.lucene.util.hnsw.NeighborQueue;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;
import org.apache.lucene.util.hnsw.UpdateableRandomVectorScorer;
import org.precond.concurrent.Workers;
import org.precond.kernel.Kernels;

/**
 * Approximate k-nearest-neighbour search in a hierarchical navigable small-world graph (HNSW),
 * built and searched by Apache Lucene's graph code over the points in place. The graph is built on
 * one thread from a seed, so the same points and seed give the same graph and the same answers.
 *
 * <p>Unlike the exact indexes it may miss a true neighbour (recall is measured by the tests and
 * the bench module), but what it returns follows the same rules: distances computed by {@link
 * IndexedPoints#squaredDistance}, ascending, ties broken by the lower row number. Lucene's types
 * stay in this class and {@link HnswGraphLayers}: its low-level graph API changes between majors.
 */
public final class HnswIndex extends BlockedSearch<HnswIndex.Search> {

  /**
   * Neighbours per node above the bottom layer, twice as many on it (Lucene's default, 16): at 32
   * dimensions fewer lose recall, more slow the build with little gain.
   */
  static final int MAX_CONNECTIONS = 16;

  /**
   * Candidates kept while inserting a node. Lucene's default, 100, is for text embeddings of
   * hundreds of dimensions; the networks' embeddings lie near low-dimensional manifolds, where the
   * bench module's {@code HnswBenchmark} finds 40 builds the graph 2.4 times as fast (200,000
   * points of the 1M-row scale model's embedding: 14 s against 34 s) for the same recall@10 at
   * every search beam (1.0000 from 32; on protein's embedding 0.9997 against 0.9999).
   */
  static final int BUILD_BEAM = 40;

  /**
   * Candidates kept while searching, at least k + 1: the bench module's {@code HnswBenchmark} has
   * 10-NN recall 0.9999 from 32 at a million points in a 32-dimensional embedding, where 64 only
   * searches more slowly (20,294 against 12,141 queries/s on 2 threads).
   */
  static final int SEARCH_BEAM = 32;

  private final HnswGraphLayers graph;
  private final int searchBeam;

  /**
   * Indexes {@code points}, row-major with {@code dimension} coordinates each, building the graph
   * from {@code seed}; {@code progress} is told each point inserted (by count). The points are not
   * copied: a model's nodes are large, and it never changes them.
   */
  public HnswIndex(float[] points, int dimension, long seed, IntConsumer progress) {
    this(new IndexedPoints(points, dimension, Kernels.get(), false), seed, progress);
  }

  private HnswIndex(IndexedPoints points, long seed, IntConsumer progress) {
    super(points);
    this.graph = build(points, seed, progress);
    this.searchBeam = SEARCH_BEAM;
  }

  private HnswIndex(IndexedPoints points, HnswGraphLayers graph, int searchBeam) {
    super(points);
    this.graph = graph;
    this.searchBeam = searchBeam;
  }

  /**
   * An index over {@code points} (not copied, as by the constructor) with a graph built before
   * ({@link #layers}), so that loading a model does not build it again.
   */
  public static HnswIndex restore(float[] points, int dimension, int[][] layers) {
    IndexedPoints indexed = new IndexedPoints(points, dimension, Kernels.get(), false);
    return new HnswIndex(indexed, HnswGraphLayers.fromArrays(layers, indexed.size), SEARCH_BEAM);
  }

  /**
   * The same graph searched keeping {@code beam} candidates (at least k) instead of {@value
   * #SEARCH_BEAM}: more is slower and finds more true neighbours. For measuring that trade.
   */
  public HnswIndex withSearchBeam(int beam) {
    if (beam < 1) {
      throw new IllegalArgumentException("the search beam must be at least 1, got " + beam);
    }
    return new HnswIndex(points, graph, beam);
  }

  /** The graph as plain arrays, to be stored and given back to {@link #restore}. */
  public int[][] layers() {
    return graph.toArrays();
  }

  private static HnswGraphLayers build(IndexedPoints points, long seed, IntConsumer progress) {
    try {
      HnswGraphBuilder builder =
          HnswGraphBuilder.create(new NodeScorers(points), MAX_CONNECTIONS, BUILD_BEAM, seed);
      for (int node = 0; node < points.size; node++) {
        builder.addGraphNode(node);
        progress.accept(node + 1);
      }
      return HnswGraphLayers.of(builder.getCompletedGraph());
    } catch (IOException e) {
      // Nothing here reads a file; Lucene's signatures merely allow it.
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A search of this graph that finds only rows {@code rows} (ascending, no repeats), answering
   * with their row numbers here: one graph serves a subset of its points, as the filtered searches
   * of Lucene's graph do; {@link NeighborIndex#searchTraining} finds each row's nearest other rows
   * of the subset.
   */
  public NeighborIndex among(int[] rows) {
    FixedBitSet accepted = new FixedBitSet(points.size);
    for (int i = 0; i < rows.length; i++) {
      if (rows[i] < 0 || rows[i] >= points.size || (i > 0 && rows[i] <= rows[i - 1])) {
        throw new IllegalArgumentException("rows must be ascending row numbers of the index");
      }
      accepted.set(rows[i]);
    }
    HnswIndex all = this;
    return new NeighborIndex() {
      @Override
      public int size() {
        return rows.length;
      }

      @Override
      public int dimension() {
        return points.dimension;
      }

      @Override
      public Neighbors search(float[] queries, int k, Workers workers) {
        int count = points.checkQueries(queries);
        IndexedPoints.checkK(k, rows.length, "accepted points");
        return searchEach(count, k, workers, (s, q) -> s.run(queries, q, -1));
      }

      /** Each accepted row's neighbours among the others: the rows searched with their own. */
      @Override
      public Neighbors searchTraining(int k, Workers workers) {
        IndexedPoints.checkK(k, rows.length - 1, "other accepted points");
        return searchEach(rows.length, k, workers, (s, i) -> s.run(points.rows, rows[i], rows[i]));
      }

      private Neighbors searchEach(int count, int k, Workers workers, ObjIntConsumer<Search> run) {
        Neighbors out = new Neighbors(count, k);
        Search[] scratch = new Search[workers.threads()];
        workers.forEach(
            (count + QUERY_BLOCK - 1) / QUERY_BLOCK,
            (worker, item) -> {
              Search s = scratch[worker] == null ? scratch[worker] = all.new Search(k, accepted)
                  : scratch[worker];
              for (int q = item * QUERY_BLOCK, end = Math.min(count, q + QUERY_BLOCK); q < end;
                  q++) {
                run.accept(s, q);
                s.best.drainAscending(out.indices, out.distances, q * k);
              }
            });
        return out;
      }
    };
  }

  @Override
  Search scratch(int k) {
    return new Search(k, null);
  }

  @Override
  void searchBlock(
      float[] queries, int from, int to, int k, boolean excludeSelf, Search s, Neighbors out) {
    for (int q = from; q < to; q++) {
      s.run(queries, q, excludeSelf ? q : -1);
      s.best.drainAscending(out.indices, out.distances, q * k);
    }
  }

  /** One worker's search state: its own cursor on the graph, visited set and candidate queues. */
  final class Search {
    final TopK best;
    private final int beam;
    private final HnswGraphLayers.Cursor cursor = graph.cursor();
    private final HnswGraphSearcher searcher;
    private final Bits accepted;

    Search(int k, Bits accepted) {
      this.accepted = accepted;
      best = new TopK(k);
      // One more candidate when a query may be an indexed point that is left out.
      beam = Math.min(points.size, Math.max(searchBeam, k + 1));
      searcher = new HnswGraphSearcher(new NeighborQueue(beam, true), new SparseFixedBitSet(points.size));
    }

    void run(float[] queries, int q, int exclude) {
      int qOff = q * points.dimension;
      TopKnnCollector collector = new TopKnnCollector(beam, Integer.MAX_VALUE);
      try {
        searcher.search(collector, new QueryScorer(queries, qOff), cursor, accepted);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      TopDocs found = collector.topDocs();
      best.clear();
      for (var hit : found.scoreDocs) {
        if (hit.doc != exclude) {
          float squared = points.squaredDistance(queries, qOff, points.rows, hit.doc * points.dimension);
          best.offer((float) Math.sqrt(squared), hit.doc);
        }
      }
    }
  }

  /**
   * Lucene's Euclidean similarity, {@code 1 / (1 + d²)}: higher is nearer, as its graph code
   * expects.
   */
  private static float similarity(float squaredDistance) {
    return 1f / (1f + squaredDistance);
  }

  /** Scores of one query against indexed points. */
  private final class QueryScorer implements RandomVectorScorer {
    private final float[] queries;
    private final int offset;

    QueryScorer(float[] queries, int offset) {
      this.queries = queries;
      this.offset = offset;
    }

    @Override
    public float score(int node) {
      return similarity(points.squaredDistance(queries, offset, points.rows, node * points.dimension));
    }

    @Override
    public int maxOrd() {
      return points.size;
    }
  }

  /** What the graph builder scores with: one indexed point against the others. */
  private record NodeScorers(IndexedPoints points) implements RandomVectorScorerSupplier {
    @Override
    public UpdateableRandomVectorScorer scorer() {
      return new UpdateableRandomVectorScorer() {
        private int from;

        @Override
        public void setScoringOrdinal(int node) {
          from = node * points.dimension;
        }

        @Override
        public float score(int node) {
          return similarity(
              points.squaredDistance(points.rows, from, points.rows, node * points.dimension));
        }

        @Override
        public int maxOrd() {
          return points.size;
        }
      };
    }

    @Override
    public RandomVectorScorerSupplier copy() {
      // Its scorers share nothing but the read-only points.
      return this;
    }
  }
}
