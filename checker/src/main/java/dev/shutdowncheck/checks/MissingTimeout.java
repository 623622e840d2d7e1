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
import dev.shutdowncheck.model.SourceTrees;
import dev.shutdowncheck.model.Tasks;
import dev.shutdowncheck.model.TestCode;
import dev.shutdowncheck.model.TypeMember;
import dev.shutdowncheck.model.LocalEscapes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ElementKind;
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
   * where the code that uses it never sets both timeouts on it. That code is the method that
   * opens it, the class's own helpers it is passed to, and, when the method returns it, every
   * place where the class calls that method. A connection handed to other code or stored in a
   * field may get its timeouts there.
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
    if (holder instanceof MemberSelectTree) {
      // url.openConnection().getInputStream(): no timeout can be set on it.
      return http
          ? describeMissing(open, "setConnectTimeout and setReadTimeout", "in this method", state)
          : NO_MATCH;
    }
    if (holder instanceof ReturnTree) {
      return checkAtCallers(open, ConnectionUse.NONE, http, state);
    }
    ConnectionUse use = useOf(holder, valuePath, state);
    if (use == null) {
      return NO_MATCH; // stored in a field or handed to other code, which may set the timeouts
    }
    if (use.returned()) {
      return checkAtCallers(open, use, http, state);
    }
    if (use.escapes() || !(http || use.showsHttp())) {
      // Handed on, whoever receives it may set the timeouts; or not visibly HTTP: file:, jar:
      // and class-path resources need no timeouts.
      return NO_MATCH;
    }
    return describeMissing(open, use.connectTimeout(), use.readTimeout(), "in this method", state);
  }

  /**
   * What the code does with the connection opened at {@code value}: kept in a local, or passed
   * straight to a helper whose body is here to read. Null when {@code holder}, the tree around the
   * value, stores it in a field or hands it to other code.
   */
  private static ConnectionUse useOf(Tree holder, TreePath value, VisitorState state) {
    Symbol connection = null;
    if (holder instanceof VariableTree declaration && declaration.getInitializer() == value.getLeaf()) {
      connection = ASTHelpers.getSymbol(declaration);
    } else if (holder instanceof AssignmentTree assignment && assignment.getExpression() == value.getLeaf()) {
      connection = ASTHelpers.getSymbol(assignment.getVariable());
    }
    if (connection == null) {
      return ConnectionUse.inHelper(value, state, 0);
    }
    return connection.getKind() == ElementKind.LOCAL_VARIABLE ? ConnectionUse.of(connection, value, state) : null;
  }

  /**
   * A connection that the method opens and returns, and that the class itself uses: the timeouts
   * it leaves out must be set at every place where the class calls the method and keeps what it
   * returns (X-Road's {@code createConnection(url)}, which set only the connect timeout, and its
   * caller, which read the answer; Retrofit's {@code openConnection(request)}, whose caller sent
   * the request with none). No finding where the class never calls the method, or a call hands
   * the result on or drops it: other code may set the timeouts.
   */
  private Description checkAtCallers(
      MethodInvocationTree open, ConnectionUse inOpener, boolean http, VisitorState state) {
    TreePath openerPath = Scopes.enclosingBodyPath(state.getPath());
    MethodSymbol opener =
        openerPath != null && openerPath.getLeaf() instanceof MethodTree method
            ? ASTHelpers.getSymbol(method)
            : null;
    TreePath code = Tasks.enclosingCode(state.getPath());
    if (opener == null || inOpener.escapes() || code == null || code.getLeaf() != openerPath.getLeaf()) {
      return NO_MATCH; // also handed to other code, or returned by a lambda
    }
    List<ConnectionUse> callers = new ArrayList<>();
    for (TreePath call : lifecycle(state).callSitesOf(opener)) {
      Symbol kept = localKeeping(call);
      ConnectionUse use = kept == null ? null : ConnectionUse.of(kept, call, state);
      if (use == null || use.escapes() || use.returned()) {
        return NO_MATCH;
      }
      callers.add(use);
    }
    if (callers.isEmpty()
        || !(http || inOpener.showsHttp() || callers.stream().anyMatch(ConnectionUse::showsHttp))) {
      return NO_MATCH;
    }
    // Set in the opener, or after it at every place that uses what it returns.
    boolean connect = inOpener.connectTimeout() || callers.stream().allMatch(ConnectionUse::connectTimeout);
    boolean read = inOpener.readTimeout() || callers.stream().allMatch(ConnectionUse::readTimeout);
    return describeMissing(
        open, connect, read, "in this method or where the class uses the connection it returns", state);
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

  private Description describeMissing(
      MethodInvocationTree open, boolean connect, boolean read, String where, VisitorState state) {
    if (connect && read) {
      return NO_MATCH;
    }
    String missing =
        connect ? "setReadTimeout" : read ? "setConnectTimeout" : "setConnectTimeout and setReadTimeout";
    return describeMissing(open, missing, where, state);
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

  /**
   * What the code that holds a connection does with it: the method that keeps it in a local, and
   * the helpers of the class that it is passed to (Retrofit's {@code prepareRequest(connection,
   * request)}), which are read as part of that method.
   */
  private record ConnectionUse(
      boolean escapes,
      boolean returned,
      boolean connectTimeout,
      boolean readTimeout,
      boolean sendsHeaders,
      boolean typedHttp) {

    static final ConnectionUse NONE = new ConnectionUse(false, false, false, false, false, false);
    private static final ConnectionUse ESCAPED = new ConnectionUse(true, false, false, false, false, false);
    private static final ConnectionUse RETURNED = new ConnectionUse(false, true, false, false, false, false);

    /** Helpers of helpers are followed this deep; anything deeper counts as handed on. */
    private static final int HELPER_DEPTH = 3;

    /** The use of {@code connection} in the method around {@code at}. */
    static ConnectionUse of(Symbol connection, TreePath at, VisitorState state) {
      TreePath body = Scopes.enclosingBodyPath(at);
      return body == null ? ESCAPED : in(body, connection, state, 0);
    }

    /**
     * The use of a connection passed, at {@code argument}, to a method of the class (or one that
     * no subclass can override) whose body is here to read; null for any other call.
     */
    static ConnectionUse inHelper(TreePath argument, VisitorState state, int depth) {
      if (depth >= HELPER_DEPTH
          || !(argument.getParentPath().getLeaf() instanceof MethodInvocationTree call)) {
        return null;
      }
      int index = call.getArguments().indexOf(argument.getLeaf());
      MethodSymbol callee = ASTHelpers.getSymbol(call);
      MethodTree helper = callee == null ? null : SourceTrees.bodyThatRuns(callee, state);
      if (index < 0
          || helper == null
          || index >= helper.getParameters().size()
          || (callee.isVarArgs() && index >= helper.getParameters().size() - 1)) {
        return null;
      }
      TreePath helperPath = SourceTrees.pathOf(callee, state);
      if (helperPath == null) {
        return null;
      }
      Symbol parameter = ASTHelpers.getSymbol(helper.getParameters().get(index));
      return in(helperPath, parameter, state, depth + 1);
    }

    /** The use of {@code connection} within {@code body}, the path to a method (or initializer). */
    private static ConnectionUse in(TreePath body, Symbol connection, VisitorState state, int depth) {
      LocalEscapes.Facts facts = LocalEscapes.scan(body, connection);
      if (facts == null) {
        return ESCAPED;
      }
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
      ConnectionUse use =
          new ConnectionUse(
              false,
              false,
              called.contains("setConnectTimeout"),
              called.contains("setReadTimeout"),
              // Request headers only mean something to HTTP: resources from the class path have none.
              called.contains("setRequestProperty") || called.contains("addRequestProperty"),
              TypeMember.isSubtypeOfNamed(connection.type, HTTP_URL_CONNECTION, state));
      for (TreePath escape : facts.escapes()) {
        TreePath code = Tasks.enclosingCode(escape);
        boolean returned =
            depth == 0
                && escape.getParentPath().getLeaf() instanceof ReturnTree
                && code != null
                && code.getLeaf() == body.getLeaf();
        use = use.and(returned ? RETURNED : inHelper(escape, state, depth));
      }
      return use;
    }

    /** This use together with another part of it; null stands for a hand-off to other code. */
    private ConnectionUse and(ConnectionUse other) {
      if (other == null) {
        other = ESCAPED;
      }
      return new ConnectionUse(
          escapes || other.escapes,
          returned || other.returned,
          connectTimeout || other.connectTimeout,
          readTimeout || other.readTimeout,
          sendsHeaders || other.sendsHeaders,
          typedHttp || other.typedHttp);
    }

    /**
     * Whether the use shows the connection goes over HTTP: request headers, a variable typed
     * {@code HttpURLConnection}, or one timeout set of the two (file: and jar: ones have none).
     */
    boolean showsHttp() {
      return sendsHeaders || typedHttp || connectTimeout != readTimeout;
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
