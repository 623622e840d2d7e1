package dev.shutdowncheck.model;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * Every {@link LifecycleLibraryModels} in effect, merged table by table: the built-in libraries
 * and any others found on the processor path (loaded once), and the user's flags.
 */
public final class LibraryModels {

  /** The implementations found next to the checker, in a fixed order (by class name). */
  private static final ImmutableList<LifecycleLibraryModels> INSTALLED = load();

  /** What every compilation knows before the user's flags. */
  public static final LibraryModels BUILT_IN = new LibraryModels(INSTALLED);

  public final ImmutableSet<String> executorTypes;
  public final ImmutableSet<String> threadTypes;
  public final ImmutableSet<String> timerTypes;
  public final ImmutableList<TypeMember> stopMethods;
  public final ImmutableList<TypeMember> unownedExecutorSources;
  public final ImmutableList<TypeMember> borrowers;
  public final ImmutableList<TypeMember> releaseHelpers;
  public final ImmutableList<TypeMember> completionCallbacks;
  public final ImmutableList<TypeMember> afterWorkStoppedCallbacks;
  public final ImmutableList<TypeMember> shutdownCallbacks;
  public final ImmutableSet<String> shutdownAnnotations;
  public final ImmutableSet<String> shutdownEvents;
  public final ImmutableSet<String> containerFactoryAnnotations;
  public final ImmutableSet<String> managedFieldAnnotations;
  public final ImmutableSet<String> nonReleasingTypes;
  public final ImmutableList<TypeMember> resourceReleases;
  public final ImmutableList<TypeMember> resourceFactories;
  public final ImmutableList<TypeMember> blockingWaits;
  public final ImmutableList<TypeMember> timedWaits;
  public final ImmutableList<TypeMember> intakeStops;
  public final ImmutableList<TypeMember> selfBoundedFutures;
  public final ImmutableList<TypeMember> watchdogStarts;
  public final ImmutableList<TypeMember> blockingPuts;
  public final ImmutableList<TypeMember> inPlaceRunners;
  public final ImmutableList<TypeMember> taskMethods;
  public final ImmutableList<TypeMember> exitMethods;
  public final ImmutableList<TypeMember> interruptDroppingWrappers;

  private LibraryModels(List<LifecycleLibraryModels> models) {
    executorTypes = set(models, LifecycleLibraryModels::executorTypes);
    threadTypes = set(models, LifecycleLibraryModels::threadTypes);
    timerTypes = set(models, LifecycleLibraryModels::timerTypes);
    stopMethods = rows(models, LifecycleLibraryModels::stopMethods);
    unownedExecutorSources = rows(models, LifecycleLibraryModels::unownedExecutorSources);
    borrowers = rows(models, LifecycleLibraryModels::borrowers);
    releaseHelpers = rows(models, LifecycleLibraryModels::releaseHelpers);
    completionCallbacks = rows(models, LifecycleLibraryModels::completionCallbacks);
    afterWorkStoppedCallbacks = rows(models, LifecycleLibraryModels::afterWorkStoppedCallbacks);
    shutdownCallbacks = rows(models, LifecycleLibraryModels::shutdownCallbacks);
    shutdownAnnotations = set(models, LifecycleLibraryModels::shutdownAnnotations);
    shutdownEvents = set(models, LifecycleLibraryModels::shutdownEvents);
    containerFactoryAnnotations = set(models, LifecycleLibraryModels::containerFactoryAnnotations);
    managedFieldAnnotations = set(models, LifecycleLibraryModels::managedFieldAnnotations);
    nonReleasingTypes = set(models, LifecycleLibraryModels::nonReleasingTypes);
    resourceReleases = rows(models, LifecycleLibraryModels::resourceReleases);
    resourceFactories = rows(models, LifecycleLibraryModels::resourceFactories);
    blockingWaits = rows(models, LifecycleLibraryModels::blockingWaits);
    timedWaits = rows(models, LifecycleLibraryModels::timedWaits);
    intakeStops = rows(models, LifecycleLibraryModels::intakeStops);
    selfBoundedFutures = rows(models, LifecycleLibraryModels::selfBoundedFutures);
    watchdogStarts = rows(models, LifecycleLibraryModels::watchdogStarts);
    blockingPuts = rows(models, LifecycleLibraryModels::blockingPuts);
    inPlaceRunners = rows(models, LifecycleLibraryModels::inPlaceRunners);
    taskMethods = rows(models, LifecycleLibraryModels::taskMethods);
    exitMethods = rows(models, LifecycleLibraryModels::exitMethods);
    interruptDroppingWrappers = rows(models, LifecycleLibraryModels::interruptDroppingWrappers);
  }

  /** The installed models and one more, such as the one the user's flags make. */
  static LibraryModels withExtra(LifecycleLibraryModels extra) {
    return new LibraryModels(ImmutableList.<LifecycleLibraryModels>builder().addAll(INSTALLED).add(extra).build());
  }

  /** The names of the installed models' classes, for tests and diagnostics. */
  public static ImmutableList<String> installed() {
    return INSTALLED.stream().map(m -> m.getClass().getName()).collect(ImmutableList.toImmutableList());
  }

  private static ImmutableList<LifecycleLibraryModels> load() {
    List<LifecycleLibraryModels> found = new ArrayList<>();
    for (LifecycleLibraryModels model :
        ServiceLoader.load(LifecycleLibraryModels.class, LifecycleLibraryModels.class.getClassLoader())) {
      found.add(model);
    }
    found.sort(Comparator.comparing(m -> m.getClass().getName()));
    return ImmutableList.copyOf(found);
  }

  // Plain loops, not streams: these run before the first class is checked, while the JVM still
  // interprets them.

  private static ImmutableList<TypeMember> rows(
      List<LifecycleLibraryModels> models, Function<LifecycleLibraryModels, ImmutableList<TypeMember>> table) {
    ImmutableSet.Builder<TypeMember> rows = ImmutableSet.builder(); // each row once, in order
    for (LifecycleLibraryModels model : models) {
      rows.addAll(table.apply(model));
    }
    return rows.build().asList();
  }

  private static ImmutableSet<String> set(
      List<LifecycleLibraryModels> models, Function<LifecycleLibraryModels, ImmutableSet<String>> table) {
    ImmutableSet.Builder<String> names = ImmutableSet.builder();
    for (LifecycleLibraryModels model : models) {
      names.addAll(table.apply(model));
    }
    return names.build();
  }
}
