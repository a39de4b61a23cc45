package org.precond.model;

import java.util.ArrayList;
import java.util.List;
import org.precond.Version;
import org.precond.data.Dataset;
import org.precond.io.DataFingerprint;
import org.precond.prep.Standardizer;
import org.precond.train.MlpTrainer;
import org.precond.train.TrainingConfig;
import org.precond.train.TrainingListener;
import org.precond.train.TrainingResult;

/**
 * Fits a {@link PrecondModel} to a data set: standardises inputs and targets, trains the network
 * on them, and records how the model was made.
 */
public final class PrecondTrainer {

  private final TrainingConfig config;

  public PrecondTrainer(TrainingConfig config) {
    this.config = config;
  }

  public PrecondModel fit(Dataset data, TrainingListener listener) {
    if (data.targetCount() == 0) {
      throw new IllegalArgumentException("training data has no target column");
    }
    Standardizer inputs = Standardizer.fitFeatures(data);
    Standardizer targets = Standardizer.fitTargets(data);
    TrainingResult result =
        new MlpTrainer(config)
            .fit(
                inputs.transform(data.features()),
                data.featureCount(),
                targets.transform(data.targets()),
                data.targetCount(),
                listener);
    List<String> columns = new ArrayList<>(data.featureNames());
    columns.addAll(data.targetNames());
    return new PrecondModel(
        data.featureNames(),
        data.targetNames(),
        inputs,
        targets,
        result.mlp(),
        config,
        result.history(),
        data.rows(),
        DataFingerprint.of(columns, data.features(), data.targets()),
        Version.current());
  }
}
