package dev.shutdowncheck.checks;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;
import static com.google.errorprone.matchers.Description.NO_MATCH;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;
import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.matchers.Matchers;
import com.google.errorprone.util.ASTHelpers;
import com.google.errorprone.util.FindIdentifiers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Kinds.KindSelector;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.shutdowncheck.analysis.LifecycleAnalysis;
import dev.shutdowncheck.model.BlockingWaits;
import dev.shutdowncheck.model.MethodNames;
import dev.shutdowncheck.model.Receivers;
import dev.shutdowncheck.model.Scopes;
import dev.shutdowncheck.model.Tasks;
import dev.shutdowncheck.model.TestCode;
import dev.shutdowncheck.model.TypeMember;
import dev.shutdowncheck.model.LocalEscapes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.inject.Inject;

/**
 * Outbound HTTP clients built without timeouts: a {@code java.net.http.HttpClient} with no connect
 * timeout, an {@code HttpRequest} with no request timeout, an {@code HttpURLConnection} with no
 * connect or read timeout. Each can wait forever on a peer that does not answer.
 */
@AutoService(BugChecker.class)
@BugPattern(
    summary = "Outbound HTTP client or request without a timeout: a peer that does not answer blocks it forever",
    severity = WARNING,
    linkType = BugPattern.LinkType.CUSTOM,
    link = "https://github.com/shutdown-check/shutdown-check/blob/main/docs/rules/MissingTimeout.md",
    tags = BugPattern.StandardTags.LIKELY_ERROR)
public final class MissingTimeout extends CallRule {

  private static final String HTTP_CLIENT = "java.net.http.HttpClient";
  private static final String HTTP_REQUEST = "java.net.http.HttpRequest";
  private static final String HTTP_URL_CONNECTION = "java.net.HttpURLConnection";

  private static final Matcher<ExpressionTree> NEW_HTTP_CLIENT =
      staticMethod().onClass(HTTP_CLIENT).named("newHttpClient");

  private static final Matcher<ExpressionTree> OPEN_CONNECTION =
      instanceMethod().onExactClass("java.net.URL").named("openConnection");

  private static final String TIMEOUT_FIX = "Duration.ofSeconds(10)";

  /** A builder chain that must set a timeout before {@code build()}. */
  private record BuilderKind(Matcher<ExpressionTree> build, Matcher<ExpressionTree> start, String setter) {}

  private static final BuilderKind CLIENT_BUILDER =
      new BuilderKind(
          instanceMethod().onDescendantOf(HTTP_CLIENT + ".Builder").named("build"),
          staticMethod().onClass(HTTP_CLIENT).named("newBuilder"),
          "connectTimeout");

  private static final BuilderKind REQUEST_BUILDER =
      new BuilderKind(
          instanceMethod().onDescendantOf(HTTP_REQUEST + ".Builder").named("build"),
          staticMethod().onClass(HTTP_REQUEST).named("newBuilder"),
          "timeout");

  private static final Matcher<ExpressionTree> ANY_SHAPE =
      Matchers.anyOf(NEW_HTTP_CLIENT, CLIENT_BUILDER.build(), REQUEST_BUILDER.build(), OPEN_CONNECTION);

  private static final MethodNames ANY_SHAPE_NAMES =
      MethodNames.of("newHttpClient", "build", "openConnection");

  public MissingTimeout() {
    this(ErrorProneFlags.empty(), LifecycleAnalysis.withoutFlags());
  }

  @Inject
  public MissingTimeout(ErrorProneFlags flags, LifecycleAnalysis analysis) {
    super(flags, analysis, ANY_SHAPE_NAMES, ANY_SHAPE);
  }

  @Override
  Description checkCall(MethodInvocationTree call, VisitorState state) {
    if (TestCode.isInTestClass(state.getPath(), state)) {
      return NO_MATCH; // tests talk to local stubs: their clients need no timeouts
    }
    if (NEW_HTTP_CLIENT.matches(call, state)) {
      return finding(
          call,
          "HttpClient.newHttpClient() has no connect timeout: connecting to a peer that does not"
              + " answer waits as long as the operating system lets it; build the client with"
              + " connectTimeout(..)",
          replaceWithTimedBuilder(call, state),
          state);
    }
    if (CLIENT_BUILDER.build().matches(call, state)) {
      return builtWithoutSetter(call, CLIENT_BUILDER, state)
          ? finding(
              call,
              "HttpClient built without connectTimeout(..): connecting to a peer that does not"
                  + " answer waits as long as the operating system lets it",
              addConnectTimeout(call, state),
              state)
          : NO_MATCH;
    }
    if (REQUEST_BUILDER.build().matches(call, state)) {
      return builtWithoutSetter(call, REQUEST_BUILDER, state) && !exchangeBoundedHere(state)
          ? finding(
              call,
              "HttpRequest built without timeout(..): if the server never answers, send() blocks"
                  + " and sendAsync() never completes; set timeout(Duration) on the request",
              state)
          : NO_MATCH;
    }
    if (OPEN_CONNECTION.matches(call, state)) {
      return checkOpenConnection(call, state);
    }
    return NO_MATCH;
  }

  /**
   * Whether the whole builder chain that {@code build} ends is visible, from the factory call
   * to {@code build()}, and never calls the timeout setter. A builder that comes from anywhere
   * else (a parameter, a helper, a field) may have its timeout already: no finding.
   */
  private static boolean builtWithoutSetter(
      MethodInvocationTree build, BuilderKind kind, VisitorState state) {
    ExpressionTree start = chainStart(ASTHelpers.getReceiver(build), kind, state);
    if (start instanceof IdentifierTree local) {
      return localBuilderHasNoSetter(local, kind, state);
    }
    return start instanceof MethodInvocationTree factory && !copiesARequest(factory, state);
  }

  /**
   * Follows a chain of builder calls back to where it starts: the factory call, or a local
   * variable's name. Null where it calls the setter or starts anywhere else.
   */
  private static ExpressionTree chainStart(ExpressionTree chain, BuilderKind kind, VisitorState state) {
    ExpressionTree link = chain == null ? null : ASTHelpers.stripParentheses(chain);
    while (link instanceof MethodInvocationTree step) {
      if (kind.start().matches(step, state)) {
        return step;
      }
      Symbol method = ASTHelpers.getSymbol(step);
      if (method == null || method.isStatic() || method.getSimpleName().contentEquals(kind.setter())) {
        return null; // the setter, or a helper that returns a configured builder
      }
      ExpressionTree receiver = ASTHelpers.getReceiver(step);
      link = receiver == null ? null : ASTHelpers.stripParentheses(receiver);
    }
    return link instanceof IdentifierTree ? link : null;
  }

  /**
   * Whether the method bounds the wait for the response another way: {@code
   * client.sendAsync(request, ..).orTimeout(..)} or {@code .get(timeout, unit)}.
   */
  private static boolean exchangeBoundedHere(VisitorState state) {
    TreePath body = Scopes.enclosingBodyPath(state.getPath());
    if (body == null) {
      return false;
    }
    boolean[] bounded = new boolean[1];
    Scopes.forEachCallBefore(
        body.getLeaf(),
        Integer.MAX_VALUE,
        call ->
            bounded[0] |=
                BlockingWaits.returnsSelfBoundedFuture(call, state)
                    || BlockingWaits.isBoundedWait(call, state));
    return bounded[0];
  }

  /** {@code HttpRequest.newBuilder(request, filter)} copies the timeout of the request. */
  private static boolean copiesARequest(MethodInvocationTree factory, VisitorState state) {
    return !factory.getArguments().isEmpty()
        && TypeMember.isSubtypeOfNamed(ASTHelpers.getType(factory.getArguments().get(0)), HTTP_REQUEST, state);
  }

  /**
   * For a builder held in a local: it was initialised from a visible chain without the setter,
   * is never re-assigned or handed elsewhere, and no call chain on it sets the timeout.
   */
  private static boolean localBuilderHasNoSetter(
      IdentifierTree reference, BuilderKind kind, VisitorState state) {
    Symbol local = ASTHelpers.getSymbol(reference);
    TreePath body = Scopes.enclosingBodyPath(state.getPath());
    if (local == null || local.getKind() != ElementKind.LOCAL_VARIABLE || body == null) {
      return false;
    }
    VariableTree declaration = declarationOf(local, body);
    if (declaration == null
        || !(chainStart(declaration.getInitializer(), kind, state) instanceof MethodInvocationTree factory)
        || copiesARequest(factory, state)) {
      return false;
    }
    LocalEscapes.Facts facts = LocalEscapes.scan(body, local);
    if (facts.assignments().size() != 1 || !facts.escapes().isEmpty()) {
      return false; // re-assigned, aliased, returned or handed to a helper
    }
    boolean[] set = new boolean[1];
    Scopes.forEachCallBefore(
        body.getLeaf(),
        Integer.MAX_VALUE,
        call -> {
          Symbol method = ASTHelpers.getSymbol(call);
          if (call instanceof MethodInvocationTree invocation
              && method != null
              && method.getSimpleName().contentEquals(kind.setter())
              && local.equals(chainRoot(invocation))) {
            set[0] = true;
          }
        });
    return !set[0];
  }

  /** The variable a chain of calls such as {@code b.version(..).connectTimeout(..)} starts from. */
  private static Symbol chainRoot(MethodInvocationTree call) {
    ExpressionTree link = ASTHelpers.getReceiver(call);
    while (link instanceof MethodInvocationTree step) {
      link = ASTHelpers.getReceiver(step);
    }
    return link == null ? null : Receivers.symbolOf(link);
  }

  private static VariableTree declarationOf(Symbol local, TreePath body) {
    VariableTree[] found = new VariableTree[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree declaration, Void unused) {
        if (local.equals(ASTHelpers.getSymbol(declaration))) {
          found[0] = declaration;
        }
        return super.visitVariable(declaration, null);
      }
    }.scan(body.getLeaf(), null);
    return found[0];
  }

  /**
   * {@code url.openConnection()} used for HTTP (cast to or held as {@code HttpURLConnection},
   * opened on an {@code http(s):} literal, sent request headers, or given one timeout of the two)
   * in a method that never sets both timeouts on it.
   * Connections handed to other code, returned or stored in fields may get their timeouts there.
   */
  private Description checkOpenConnection(MethodInvocationTree open, VisitorState state) {
    TreePath valuePath = state.getPath();
    boolean http = opensHttpLiteral(open);
    TreePath parent = valuePath.getParentPath();
    while (parent != null
        && (parent.getLeaf() instanceof ParenthesizedTree || parent.getLeaf() instanceof TypeCastTree)) {
      http |= TypeMember.isSubtypeOfNamed(ASTHelpers.getType(parent.getLeaf()), HTTP_URL_CONNECTION, state);
      valuePath = parent;
      parent = parent.getParentPath();
    }
    if (parent == null) {
      return NO_MATCH;
    }
    Tree holder = parent.getLeaf();
    Symbol connection = null;
    if (holder instanceof VariableTree declaration && declaration.getInitializer() == valuePath.getLeaf()) {
      connection = ASTHelpers.getSymbol(declaration);
    } else if (holder instanceof AssignmentTree assignment && assignment.getExpression() == valuePath.getLeaf()) {
      connection = ASTHelpers.getSymbol(assignment.getVariable());
    } else if (!(holder instanceof MemberSelectTree)) {
      return NO_MATCH; // returned or passed on: whoever receives it may set the timeouts
    }
    if (connection == null) {
      // url.openConnection().getInputStream(): no timeout can be set on it.
      return http ? describeMissing(open, "setConnectTimeout and setReadTimeout", state) : NO_MATCH;
    }
    if (connection.getKind() != ElementKind.LOCAL_VARIABLE) {
      return NO_MATCH; // a field: other methods may set the timeouts
    }
    ConnectionUse use = ConnectionUse.of(connection, state.getPath());
    // One timeout set shows the connection goes over the network: file: and jar: ones have none.
    http |=
        use.sendsHeaders()
            || use.connectTimeout() != use.readTimeout()
            || TypeMember.isSubtypeOfNamed(connection.type, HTTP_URL_CONNECTION, state);
    if (!http) {
      return NO_MATCH; // not visibly HTTP: file:, jar: and class-path resources need no timeouts
    }
    boolean connect = use.connectTimeout();
    boolean read = use.readTimeout();
    String where = "in this method";
    if (use.escapes()) {
      List<ConnectionUse> callers = usesOfReturnedConnection(connection, state);
      if (callers == null) {
        return NO_MATCH; // handed on: whoever receives it may set the timeouts
      }
      // Set in the helper, or after it at every place that uses what it returns.
      connect |= callers.stream().allMatch(ConnectionUse::connectTimeout);
      read |= callers.stream().allMatch(ConnectionUse::readTimeout);
      where = "in this helper or where the class uses the connection it returns";
    }
    if (connect && read) {
      return NO_MATCH;
    }
    String missing =
        connect ? "setReadTimeout" : read ? "setConnectTimeout" : "setConnectTimeout and setReadTimeout";
    return describeMissing(open, missing, where, state);
  }

  /**
   * How the class uses a connection that a private helper opens and returns: its use at each call
   * of the helper, kept in a local there (X-Road's {@code createConnection(url)}, which set only
   * the connect timeout, and its caller, which read the answer). Null where the connection leaves
   * the helper another way, or a call of the helper hands the result on or does not keep it.
   */
  private List<ConnectionUse> usesOfReturnedConnection(Symbol connection, VisitorState state) {
    TreePath helperPath = Scopes.enclosingBodyPath(state.getPath());
    MethodSymbol helper =
        helperPath != null && helperPath.getLeaf() instanceof MethodTree method
            ? ASTHelpers.getSymbol(method)
            : null;
    if (helper == null || !helper.getModifiers().contains(Modifier.PRIVATE)) {
      return null; // other classes may call it
    }
    LocalEscapes.Facts facts = LocalEscapes.scan(helperPath, connection);
    if (facts == null) {
      return null;
    }
    for (TreePath escape : facts.escapes()) {
      if (!(escape.getParentPath().getLeaf() instanceof ReturnTree)
          || Tasks.enclosingCode(escape).getLeaf() != helperPath.getLeaf()) {
        return null;
      }
    }
    List<TreePath> calls = lifecycle(state).callSitesOf(helper);
    List<ConnectionUse> uses = new ArrayList<>();
    for (TreePath call : calls) {
      Symbol kept = localKeeping(call);
      ConnectionUse use = kept == null ? null : ConnectionUse.of(kept, call);
      if (use == null || use.escapes()) {
        return null;
      }
      uses.add(use);
    }
    return uses.isEmpty() ? null : uses;
  }

  /** The local that the value at {@code value} initialises, through casts and parentheses; or null. */
  private static Symbol localKeeping(TreePath value) {
    TreePath child = value;
    TreePath parent = value.getParentPath();
    while (parent != null
        && (parent.getLeaf() instanceof ParenthesizedTree || parent.getLeaf() instanceof TypeCastTree)) {
      child = parent;
      parent = parent.getParentPath();
    }
    return parent != null
            && parent.getLeaf() instanceof VariableTree declaration
            && declaration.getInitializer() == child.getLeaf()
            && ASTHelpers.getSymbol(declaration).getKind() == ElementKind.LOCAL_VARIABLE
        ? ASTHelpers.getSymbol(declaration)
        : null;
  }

  private Description describeMissing(MethodInvocationTree open, String missing, VisitorState state) {
    return describeMissing(open, missing, "in this method", state);
  }

  private Description describeMissing(
      MethodInvocationTree open, String missing, String where, VisitorState state) {
    return finding(
        open,
        "HTTP connection opened without "
            + missing
            + " "
            + where
            + ": the default is to wait forever, so a server that does not answer"
            + " blocks this thread (and a shutdown that waits for it); set both before connecting",
        state);
  }

  /** What the method that opens a connection into a local does with it. */
  private record ConnectionUse(
      boolean escapes, boolean connectTimeout, boolean readTimeout, boolean sendsHeaders) {

    /** The use of {@code connection} in the method around {@code at}. */
    static ConnectionUse of(Symbol connection, TreePath at) {
      TreePath body = Scopes.enclosingBodyPath(at);
      if (body == null) {
        return new ConnectionUse(true, false, false, false);
      }
      LocalEscapes.Facts facts = LocalEscapes.scan(body, connection);
      Set<String> called = new HashSet<>();
      Scopes.forEachCallBefore(
          body.getLeaf(),
          Integer.MAX_VALUE,
          call -> {
            Symbol method = ASTHelpers.getSymbol(call);
            if (method != null && connection.equals(Receivers.receiverOf(call))) {
              called.add(method.getSimpleName().toString());
            }
          });
      return new ConnectionUse(
          facts == null || !facts.escapes().isEmpty(), // handed to a helper, aliased or returned
          called.contains("setConnectTimeout"),
          called.contains("setReadTimeout"),
          // Request headers only mean something to HTTP: resources from the class path have none.
          called.contains("setRequestProperty") || called.contains("addRequestProperty"));
    }
  }

  private static boolean opensHttpLiteral(MethodInvocationTree open) {
    ExpressionTree url = ASTHelpers.stripParentheses(ASTHelpers.getReceiver(open));
    if (url instanceof NewClassTree newUrl
        && !newUrl.getArguments().isEmpty()
        && newUrl.getArguments().get(0) instanceof LiteralTree literal
        && literal.getValue() instanceof String text) {
      return text.startsWith("http://") || text.startsWith("https://");
    }
    return false;
  }

  /** {@code HttpClient.newHttpClient()} becomes a builder with a connect timeout. */
  private static SuggestedEdits replaceWithTimedBuilder(MethodInvocationTree call, VisitorState state) {
    SuggestedEdits.Builder fix = SuggestedEdits.builder();
    String client;
    if (call.getMethodSelect() instanceof MemberSelectTree select) {
      client = state.getSourceForNode(select.getExpression());
    } else {
      client = "HttpClient"; // statically imported newHttpClient()
      fix.addImport(HTTP_CLIENT, state);
    }
    if (client == null) {
      return SuggestedEdits.NONE;
    }
    String timeout = durationOfTenSeconds(fix, state);
    return fix.replace(call, client + ".newBuilder().connectTimeout(" + timeout + ").build()", state).build();
  }

  /** {@code ...build()} gets {@code .connectTimeout(Duration.ofSeconds(10))} before it. */
  private static SuggestedEdits addConnectTimeout(MethodInvocationTree build, VisitorState state) {
    ExpressionTree builder = ASTHelpers.getReceiver(build);
    if (builder == null) {
      return SuggestedEdits.NONE;
    }
    SuggestedEdits.Builder fix = SuggestedEdits.builder();
    String timeout = durationOfTenSeconds(fix, state);
    return fix.insertAfter(builder, ".connectTimeout(" + timeout + ")", state).build();
  }

  /** {@code Duration.ofSeconds(10)}, importing java.time.Duration unless another Duration is in scope. */
  private static String durationOfTenSeconds(SuggestedEdits.Builder fix, VisitorState state) {
    Symbol visible = FindIdentifiers.findIdent("Duration", state, KindSelector.TYP);
    if (visible != null && !visible.getQualifiedName().contentEquals("java.time.Duration")) {
      return "java.time." + TIMEOUT_FIX;
    }
    fix.addImport("java.time.Duration", state);
    return TIMEOUT_FIX;
  }
}
