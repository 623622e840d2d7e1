package dev.shutdowncheck.analysis;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.shutdowncheck.model.LifecycleKind;
import dev.shutdowncheck.model.LifecycleModel;
import dev.shutdowncheck.model.MethodNames;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Name;

/**
 * The lifecycle facts of one top-level class, nested classes included, shared by every rule that
 * checks it: where its shutdowns start and what they run, and what it does with the executors and
 * resources it holds. Each part is computed the first time a rule asks for it, then kept while
 * Error Prone checks the class.
 */
public final class ClassLifecycle {

  private final TreePath classPath;
  private final LifecycleModel model;
  private final SourceSubclasses subclasses;
  private final VisitorState state;
  private ClassOutline outline;
  private ShutdownEntries shutdownEntries;
  private OwnCalls ownCalls;
  private boolean usesScanned;
  private LifecycleUses uses;
  private List<UnreleasedField> unreleasedFields;
  private ShutdownPlan shutdownPlan;
  private List<CollectedLifecycleObjects.Collected> keptInCollections;
  private ClassNodes nodes;

  ClassLifecycle(
      TreePath classPath, LifecycleModel model, SourceSubclasses subclasses, VisitorState state) {
    this.classPath = classPath;
    this.model = model;
    this.subclasses = subclasses;
    this.state = state;
  }

  /** The subclasses that this compilation compiles from source. */
  SourceSubclasses subclasses() {
    return subclasses;
  }

  /** Whether this is the analysis of {@code topLevel} in the compilation {@code state} belongs to. */
  boolean isFor(Tree topLevel, VisitorState state) {
    return classPath.getLeaf() == topLevel && this.state.context == state.context;
  }

  /** The path to the top-level class. */
  public TreePath classPath() {
    return classPath;
  }

  public LifecycleModel model() {
    return model;
  }

  /** The one pass over the class that every other part starts from. */
  private ClassOutline outline() {
    if (outline == null) {
      outline = ClassOutline.scan(classPath, model, state);
    }
    return outline;
  }

  /** Where the shutdowns of the classes in the file start, and the code they run. */
  public ShutdownEntries shutdownEntries() {
    if (shutdownEntries == null) {
      shutdownEntries = ShutdownEntries.of(outline(), state);
    }
    return shutdownEntries;
  }

  /** Whether the class calls a method named {@code name} anywhere (a cheap first look). */
  public boolean callsMethodNamed(String name) {
    return outline().calls(state.getName(name));
  }

  /** Whether the class (nested classes included) refers to a method of this name by method reference. */
  public boolean referencesMethodNamed(String name) {
    return outline().references(state.getName(name));
  }

  /**
   * The calls of the class (nested classes included) to methods that {@code names} names, as
   * written at each call: the rules that judge single calls read them here, so that Error Prone
   * does not hand each of them every call of the code.
   */
  public List<TreePath> callsNamed(MethodNames names) {
    List<TreePath> calls = new ArrayList<>();
    for (Name name : names.spelledIn(state)) {
      calls.addAll(outline().callsNamed(name));
    }
    return calls;
  }

  /** What runs when any class of the file is shut down. */
  public ShutdownPaths shutdownPaths() {
    return shutdownEntries().all();
  }

  /** What runs when {@code owner} itself is shut down (see {@link ShutdownEntries#of}). */
  public ShutdownPaths shutdownPathsOf(ClassSymbol owner) {
    return shutdownEntries().of(owner);
  }

  /**
   * Whether {@code type} inherits a shutdown method it does not override (a superclass's {@code
   * close()}, an interface's {@code default} one).
   */
  public boolean inheritsShutdown(ClassSymbol type) {
    return InheritedShutdown.of(type, model, state) != null;
  }

  /**
   * Where the class calls or references {@code method}, one of its own methods (empty for the
   * methods of other classes), in source order.
   */
  public List<TreePath> callSitesOf(MethodSymbol method) {
    if (ownCalls == null) {
      ownCalls = OwnCalls.scan(classPath, ASTHelpers.getSymbol((ClassTree) classPath.getLeaf()));
    }
    return ownCalls.of(method);
  }

  /**
   * What the class does with the executors and resources it holds; null when it creates none (most
   * classes), so that nothing it holds can be its own to stop.
   */
  LifecycleUses uses() {
    if (!usesScanned) {
      usesScanned = true;
      ClassSymbol symbol = ASTHelpers.getSymbol((ClassTree) classPath.getLeaf());
      if (symbol != null && outline().makesLifecycleObjects()) {
        uses = LifecycleUses.scan(symbol, classPath, this::callSitesOf, model, state);
      }
    }
    return uses;
  }

  /**
   * The owned executor and resource fields that nothing in the source releases or hands off, in
   * source order.
   */
  public List<UnreleasedField> unreleasedFields() {
    if (unreleasedFields == null) {
      unreleasedFields = UnreleasedFields.of(this, state);
    }
    return unreleasedFields;
  }

  /**
   * Each shutdown entry point of the file with the steps it runs, in order (see {@link
   * ShutdownPlan}); empty for a class with no shutdown entry point.
   */
  public ShutdownPlan shutdownPlan() {
    if (shutdownPlan == null) {
      shutdownPlan = ShutdownPlan.of(shutdownEntries(), classPath, model, state);
    }
    return shutdownPlan;
  }

  /**
   * The class's calls, returns, assignments and other nodes that values pass through, in scan
   * order (see {@link ClassNodes}): listed the first time a rule asks, for the rules that read the
   * whole class in order.
   */
  public ClassNodes nodes() {
    if (nodes == null) {
      nodes = ClassNodes.scan(classPath);
    }
    return nodes;
  }

  /** A field that the class gives a lifecycle object it created, with what it does with it. */
  public record OwnedField(
      VarSymbol field,
      VariableTree declaration,
      LifecycleKind kind,
      List<TreePath> creations,
      List<TreePath> releases,
      List<TreePath> handOffs) {}

  /** An owned field and the assignments that replace what it holds without releasing it first. */
  public record Replacement(OwnedField field, List<TreePath> sites) {}

  /**
   * The owned fields of {@code kind} given a new executor or resource while the one made on
   * construction may still be running or open (see {@link Replacements}); fields never released at
   * all are left out, since their rules report them once, at the declaration.
   */
  public List<Replacement> leakingReplacements(LifecycleKind kind) {
    Set<VarSymbol> unreleased = new HashSet<>();
    for (UnreleasedField field : unreleasedFields()) {
      unreleased.add(field.field());
    }
    List<Replacement> replacements = new ArrayList<>();
    for (OwnedField field : ownedFields()) {
      if (field.kind() == kind && !unreleased.contains(field.field())) {
        List<TreePath> sites = Replacements.leaking(field, this);
        if (!sites.isEmpty()) {
          replacements.add(new Replacement(field, sites));
        }
      }
    }
    return replacements;
  }

  /** Every field that the class gives an executor or resource it created, in source order. */
  public List<OwnedField> ownedFields() {
    LifecycleUses scanned = uses();
    if (scanned == null) {
      return List.of();
    }
    List<OwnedField> owned = new ArrayList<>();
    scanned.fields().forEach(
        (field, declared) -> {
          LifecycleUses.Facts facts = scanned.factsOf(field);
          if (facts != null && facts.isOwned()) {
            owned.add(
                new OwnedField(
                    field,
                    declared.tree(),
                    facts.kind(),
                    facts.creations.stream().map(LifecycleUses.Creation::site).toList(),
                    List.copyOf(facts.releases),
                    List.copyOf(facts.escapes)));
          }
        });
    return owned;
  }

  /**
   * The declarations of the local variables that a new lifecycle object of {@code kind}
   * initialises, in source order (try-with-resources variables aside: the statement closes them).
   */
  public List<TreePath> localsDeclaredWith(LifecycleKind kind) {
    LifecycleUses scanned = uses();
    return scanned == null ? List.of() : sitesOf(scanned.localDeclarations(), kind);
  }

  /**
   * The executors or timers ({@code kind}) that no variable ever holds, at their creation, in
   * source order: given a task on the spot or lent to a call that never stops them, so nothing can
   * stop them.
   */
  public List<TreePath> dropped(LifecycleKind kind) {
    LifecycleUses scanned = uses();
    return scanned == null ? List.of() : sitesOf(scanned.dropped(), kind);
  }

  private static List<TreePath> sitesOf(List<LifecycleUses.Creation> creations, LifecycleKind kind) {
    List<TreePath> sites = new ArrayList<>();
    for (LifecycleUses.Creation creation : creations) {
      if (creation.kind() == kind) {
        sites.add(creation.site());
      }
    }
    return sites;
  }

  /**
   * The collection fields that the class fills with executors it creates and that nothing stops
   * (see {@link CollectedLifecycleObjects}), with the expressions that create them, in source order.
   */
  public Map<VarSymbol, List<ExpressionTree>> executorsKeptInCollections() {
    Map<VarSymbol, List<ExpressionTree>> executors = new LinkedHashMap<>();
    for (CollectedLifecycleObjects.Collected kept : keptInCollections()) {
      if (kept.kind() == LifecycleKind.EXECUTOR) {
        executors.put(kept.field(), kept.created());
      }
    }
    return executors;
  }

  /** The collection fields filled with executors or resources the class creates that nothing stops. */
  List<CollectedLifecycleObjects.Collected> keptInCollections() {
    if (keptInCollections == null) {
      keptInCollections =
          outline().makesLifecycleObjects()
              ? CollectedLifecycleObjects.of(ASTHelpers.getSymbol((ClassTree) classPath.getLeaf()), nodes(), model, state)
              : List.of();
    }
    return keptInCollections;
  }

  /**
   * Executors the class makes and gives to a superclass compiled here that keeps each in a field
   * which neither it nor this class ever stops, at their creation, in source order.
   */
  public List<ExecutorLeftBySuperclass> executorsLeftBySuperclass() {
    LifecycleUses scanned = uses();
    if (scanned == null || scanned.executorsGivenToSuperclass().isEmpty()) {
      return List.of();
    }
    ClassSymbol symbol = ASTHelpers.getSymbol((ClassTree) classPath.getLeaf());
    return ExecutorsLeftBySuperclass.of(scanned, symbol, classPath, model, state);
  }

  /** An executor made at {@code creation}, kept and never stopped in the superclass's {@code field}. */
  public record ExecutorLeftBySuperclass(TreePath creation, VarSymbol field) {}

  /**
   * What the code does with the executor or resource that the local variable {@code local} holds:
   * null where the class creates none.
   */
  public LocalUse localUse(Symbol local) {
    LifecycleUses scanned = uses();
    LifecycleUses.Facts facts = scanned == null ? null : scanned.factsOf(local);
    return facts == null ? null : new LocalUse(facts);
  }

  /** What a method does with a lifecycle object it keeps in a local variable. */
  public static final class LocalUse {
    private final LifecycleUses.Facts facts;

    private LocalUse(LifecycleUses.Facts facts) {
      this.facts = facts;
    }

    public boolean isOwned() {
      return facts.isOwned();
    }

    public boolean isReleased() {
      return !facts.releases.isEmpty() || facts.releasedWithHolder;
    }

    /**
     * The first exit of its method that skips every stop, where the method stops it outside any
     * finally block (see {@link SkippedRelease}); null when there is none.
     *
     * @param declaration the local's declaration
     * @param runsWhenMade whether it has a thread from its creation on, as a {@code Timer} has
     */
    public SkippedRelease skippedRelease(TreePath declaration, boolean runsWhenMade, VisitorState state) {
      if (facts.releasedWithHolder || escapes()) {
        return null;
      }
      return SkippedRelease.find(declaration, facts.releases, runsWhenMade, state);
    }

    /** Whether the method reads it at all: an executor nobody reads is never given a task. */
    public boolean isRead() {
      return facts.reads > 0;
    }

    /** Returned, stored, handed off, or passed to a call that may keep it. */
    public boolean escapes() {
      return facts.handedOff || !facts.escapes.isEmpty();
    }
  }
}
