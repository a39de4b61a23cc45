package org.precond.train;

import org.precond.nn.Mlp;

/** A trained network and the story of its training. */
public record TrainingResult(Mlp mlp, TrainingHistory history) {}
