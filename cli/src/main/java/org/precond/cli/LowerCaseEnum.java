package org.precond.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.precond.conformal.Difficulty;
import org.precond.conformal.SetScore;
import org.precond.model.NeighborSearch;
import org.precond.nn.Initializer;
import org.precond.prep.InputScaling;
import org.precond.space.Space;
import org.precond.train.Objective;
import org.precond.train.OptimizerType;
import org.precond.train.Schedule;
import picocli.CommandLine;

/** Reads enum options written in lower case, naming the choices when the value is none of them. */
abstract class LowerCaseEnum<E extends Enum<E>> implements CommandLine.ITypeConverter<E> {

  private final Class<E> type;

  LowerCaseEnum(Class<E> type) {
    this.type = type;
  }

  @Override
  public E convert(String value) {
    for (E e : type.getEnumConstants()) {
      if (e.name().replace('_', '-').equalsIgnoreCase(value)) {
        return e;
      }
    }
    throw new CommandLine.TypeConversionException(
        "'" + value + "' is not one of " + choices(type));
  }

  static <E extends Enum<E>> String choices(Class<E> type) {
    return Arrays.stream(type.getEnumConstants())
        .map(e -> e.name().replace('_', '-').toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(", "));
  }

  static final class OptimizerConverter extends LowerCaseEnum<OptimizerType> {
    OptimizerConverter() {
      super(OptimizerType.class);
    }
  }

  static final class NeighborSearchConverter extends LowerCaseEnum<NeighborSearch> {
    NeighborSearchConverter() {
      super(NeighborSearch.class);
    }
  }

  static final class ObjectiveConverter extends LowerCaseEnum<Objective> {
    ObjectiveConverter() {
      super(Objective.class);
    }
  }

  static final class ScheduleConverter extends LowerCaseEnum<Schedule> {
    ScheduleConverter() {
      super(Schedule.class);
    }
  }

  static final class SpaceConverter extends LowerCaseEnum<Space> {
    SpaceConverter() {
      super(Space.class);
    }
  }

  static final class DifficultyConverter extends LowerCaseEnum<Difficulty> {
    DifficultyConverter() {
      super(Difficulty.class);
    }
  }

  static final class InputScalingConverter extends LowerCaseEnum<InputScaling> {
    InputScalingConverter() {
      super(InputScaling.class);
    }
  }

  static final class InitializerConverter extends LowerCaseEnum<Initializer> {
    InitializerConverter() {
      super(Initializer.class);
    }
  }

  static final class SetScoreConverter extends LowerCaseEnum<SetScore> {
    SetScoreConverter() {
      super(SetScore.class);
    }
  }
}
