// Rules on Apex tests; what each catches, and what the call graph cannot see: docs/quality-gate.md, "Apex rules".
// - `test-user-mode-outside-runas`: in the package build org tests run as a user with no permission set, so
//   user-mode code a test reaches outside System.runAs(<a user with the package's permission sets>) fails there.
// - `datetime-millisecond-assert`: Datetime fields store whole seconds (the platform keeps no milliseconds, e.g.
//   albasfdc.com/2016/03/28/working-with-datetimes and robbieduncan.com "SObject Datetime Precision and Testing"),
//   so a value from System.now() differs from its re-read copy; CallPanelController_Tests once failed about 999
//   runs in 1000 for it.
// - `limits-across-starttest`: Test.startTest() gives the code after it a fresh set of governor limits (Apex
//   Developer Guide, "Using the startTest and stopTest Methods"), so `Limits.getDmlStatements() - before` goes
//   negative: an equality fails in every org and a bound passes whatever happens (CallerLookupService_Tests once
//   did both).
import { idOf, nodeLine, nodesOf, typeOf, untilStable } from "./apex-ast.mjs";
import { PLATFORM, bareName, callOf, dmlOf, recordsObject, staticCall, walkBodies } from "./apex-model.mjs";

/**
 * TestDataFactory methods that insert a user holding the package's permission sets, and insertMinimumAccessUser: a
 * test may run as a user without them on purpose, to assert what such a user is told
 * (HealthService_Tests.minimum_access_user_sees_what_is_missing); that is a decision, not the accident this rule is about.
 */
const USER_FACTORIES = [
  "insertintegrationuser",
  "insertrepuser",
  "insertadminuser",
  "insertstandarduserwithpermissionsets",
  "insertuserwithpermissionsets",
  "insertminimumaccessuser"
].map((method) => `testdatafactory#${method}`);
const WITH_USER_MODE = /\bwith\s+user_mode\b/i;
const ASYNC_INTERFACES = /^(system\.)?(queueable|schedulable|database\.batchable|finalizer)$/;

/**
 * isCall(expr, cls): a call that returns a test user the rule accepts: a TestDataFactory method above, or a project
 * method whose every `return` is such a call (a test class's `private static User rep()`) or a local that holds one
 * (a helper that adjusts the factory's user, e.g. ticks Marketing User, then returns it).
 */
function userFactoryCalls(model) {
  const accepted = new Set(USER_FACTORIES);
  const target = (expr, cls) => {
    if (expr?.$ !== "Expr$MethodCallExpr" || expr.dottedExpr) return null;
    const ids = expr.names.map(idOf);
    const qualifier = ids.slice(0, -1).join("."); // "" for a call of an own method
    const owner = qualifier
      ? model.classNamed(qualifier, cls)
      : model.methodNamed(model.ownLookupClasses(cls), ids[0])?.cls;
    return `${owner?.qualified ?? qualifier}#${ids.at(-1)}`;
  };
  const isCall = (expr, cls) => accepted.has(target(expr, cls));
  untilStable(methodsOf(model), ({ cls, method }) => {
    const key = `${cls.qualified}#${method.name}`;
    const returns = nodesOf(method.decl, "Stmnt$ReturnStmnt");
    const locals = returns.length ? localsAssigned(method.decl, (e) => isCall(e, cls)) : new Set();
    const returnsUser = (r) => isCall(r.expr, cls) || locals.has(bareName(r.expr));
    if (accepted.has(key) || returns.length === 0 || !returns.every(returnsUser)) return false;
    accepted.add(key);
    return true;
  });
  return isCall;
}

/** Every method of the model's classes, as { cls, method }. */
const methodsOf = (model) =>
  [...model.classes.values()].flatMap((cls) => cls.methods.map((method) => ({ cls, method })));

/** Locals of a method declared or assigned with a value `accepts` takes, added to `names`. */
function localsAssigned(methodDecl, accepts, names = new Set()) {
  for (const d of nodesOf(methodDecl, "VariableDecl")) if (accepts(d.assignment)) names.add(idOf(d.name));
  for (const a of nodesOf(methodDecl, "Expr$AssignmentExpr"))
    if (bareName(a.left) && accepts(a.right)) names.add(bareName(a.left));
  return names;
}

/** Where a node uses user mode, as a short description, or null (dml: the node's dmlOf). */
function userModeMarker(node, dml) {
  if (node.$ === "Expr$SoqlExpr" || node.$ === "Expr$SoslExpr") {
    const withIds = (node.query?.withIdentifiers ?? []).map((w) => idOf(w.identifier));
    if (withIds.includes("user_mode") || WITH_USER_MODE.test(node.rawQuery ?? "")) return "WITH USER_MODE";
  }
  if (dml && !dml.call && idOf(node.runAsMode) === "user") return `${dml.operation} as user`;
  const ids = node.$ === "Expr$VariableExpr" ? (node.names ?? []).map(idOf) : [];
  if (ids.at(-1) === "user_mode" && ids.at(-2) === "accesslevel") return "AccessLevel.USER_MODE";
  const dynamic = node.$ === "Expr$LiteralExpr" && typeof node.literal === "string";
  return dynamic && WITH_USER_MODE.test(node.literal) ? "WITH USER_MODE (dynamic query)" : null;
}

/** The call graph: key -> { key, label, marker: { what, line } of its first user-mode use, edges: [{ to, line }] }. */
function callGraph(model) {
  const graph = new Map();
  const methodKey = (cls, name) => `${cls.qualified}#${name}`;
  const methodsNamed = (classes, name) =>
    classes.flatMap((c) =>
      c.methods.some((m) => m.name === name && !m.isConstructor) ? [methodKey(c, name)] : []
    );
  const allClasses = [...model.classes.values()];
  // A platform event's trigger is never reached by DML: events are published (EventBus.publish), and the trigger
  // runs in a transaction of its own as its subscriber's user, not inside the test's runAs.
  const triggersOn = (sobject) =>
    model.triggers
      .filter((t) => !/__e$/i.test(t.object ?? "") && (!sobject || t.object === sobject))
      .map((t) => `trigger:${t.name}`);
  const approved = new WeakSet();
  const isUserCall = userFactoryCalls(model);
  const localsCache = new WeakMap();

  walkBodies(model, (node, ctx) => {
    const { cls, trigger } = ctx;
    const method = ctx.method?.isConstructor ? null : ctx.method; // constructors and initializers: <init>
    const key = trigger ? `trigger:${trigger.name}` : methodKey(cls, method?.name ?? "<init>");
    const label = trigger ? `trigger ${trigger.name}` : `${cls.display}.${method?.display ?? "<init>"}`;
    const from = graph.get(key) ?? graph.set(key, { key, label, marker: null, edges: [] }).get(key);
    if (node.$ === "Stmnt$RunAsBlock") {
      const arg = node.inputParameters?.[0];
      const scope = ctx.method?.decl ?? node;
      // locals assigned an accepted test user (User u = TestDataFactory.insertRepUser())
      const locals = localsCache.get(scope) ?? localsAssigned(scope, (e) => isUserCall(e, cls));
      localsCache.set(scope, locals);
      if (isUserCall(arg, cls) || locals.has(bareName(arg))) approved.add(node);
      return;
    }
    if (ctx.runAs.some((block) => approved.has(block))) return;
    const dml = dmlOf(node);
    const marker = userModeMarker(node, dml);
    if (marker && !from.marker) from.marker = { what: marker, line: nodeLine(node) };
    let line; // nodeLine reads the whole subtree: once per node, however many edges it has
    const edge = (to) => from.edges.push({ to, line: (line ??= nodeLine(node)) });
    // DML reaches the triggers of its object (every trigger when the records are untyped); Database.convertLead is
    // not DML here (dmlOf): platform code calling back into ours, not followed (docs/quality-gate.md, "Apex rules")
    if (dml) {
      triggersOn(recordsObject(model, dml.records, ctx)).forEach(edge);
    } else if (node.$ === "Expr$MethodCallExpr") {
      const { name, receiver, system, classes: known } = callOf(model, node, ctx);
      let classes = known ?? (system ? [] : allClasses); // untyped (a result the model cannot type): every method so named
      // a platform type: only project classes implementing it (Callable.call, Comparable.compareTo)
      if (!known && receiver) classes = receiver === PLATFORM ? [] : model.implementersOf(receiver.name);
      methodsNamed(classes, name).forEach(edge);
      if (receiver?.cls) edge(methodKey(receiver.cls, "<init>"));
    } else if (node.$ === "Expr$NewExpr") {
      const type = typeOf(node.creator?.type);
      const target = type && model.classNamed(type.name, cls);
      if (target) {
        edge(methodKey(target, "<init>"));
        if (target.interfaces.some((i) => ASYNC_INTERFACES.test(i)))
          for (const m of target.methods) if (!m.isConstructor) edge(methodKey(target, m.name));
      }
    }
  });
  return graph;
}

/** Keys that reach a user-mode marker, with the next step towards it. */
function reachingUserMode(graph) {
  const nodes = [...graph.values()];
  const next = new Map(nodes.filter((n) => n.marker).map((n) => [n.key, null]));
  untilStable(nodes, (n) => {
    const step = !next.has(n.key) && n.edges.find((e) => next.has(e.to));
    if (!step) return false;
    next.set(n.key, step.to);
    return true;
  });
  return next;
}

/** The labels from a key that reaches user mode to its marker (next only points at keys found earlier: no loops). */
function chain(graph, next, start) {
  const labels = [];
  let k = start;
  for (; next.get(k) !== null; k = next.get(k)) labels.push(graph.get(k).label);
  const { label, marker } = graph.get(k);
  return [...labels, `${label} (${marker.what} at line ${marker.line})`].join(" → ");
}

export const check = ({ model }) => [
  ...testsReachingUserMode(model),
  ...datetimeAsserts(model),
  ...limitsAcrossStartTest(model)
];

function testsReachingUserMode(model) {
  const graph = callGraph(model);
  const next = reachingUserMode(graph);
  return methodsOf(model).flatMap(({ cls, method }) => {
    const annotated = ["istest", "testsetup"].some((a) => method.annotations.has(a));
    const isEntry = annotated || method.kinds.has("testmethod");
    const node = cls.isTest && isEntry && graph.get(`${cls.qualified}#${method.name}`);
    const step = node && !node.marker && node.edges.find((e) => next.has(e.to));
    if (!node?.marker && !step) return [];
    const path = node.marker ? `${node.marker.what} in the test itself` : chain(graph, next, step.to);
    const message = `test ${cls.display}.${method.display} reaches user-mode code outside System.runAs(TestDataFactory.insertIntegrationUser()/insertRepUser()/insertAdminUser()/…): ${path}`;
    const line = node.marker?.line ?? step.line;
    return [{ file: cls.file, line, rule: "test-user-mode-outside-runas", message }];
  });
}

const ASSERT_EQUALS = /^(assert\.are(not)?equal|system\.assert(not)?equals)$/;

function datetimeAsserts(model) {
  return methodsOf(model).flatMap(({ cls, method }) => {
    const nowVars = new Set();
    const derived = (e) => isNowDerived(e, nowVars);
    for (let pass = 0; pass < 3; pass++) localsAssigned(method.decl, derived, nowVars);
    return nodesOf(method.decl, "Expr$MethodCallExpr").flatMap((call) => {
      const [expected, actual] = call.inputParameters ?? [];
      const culprit = ASSERT_EQUALS.test(staticCall(call)) && [expected, actual].find(derived);
      const other = culprit === expected ? actual : expected;
      if (!culprit || !other || other.$ === "Expr$LiteralExpr" || derived(other)) return [];
      const message = `${call.names.map((n) => n.value).join(".")} compares a Datetime from System.now()/Datetime.now() at millisecond precision; truncate both sides to seconds (e.g. Datetime.newInstance(t.getTime() / 1000 * 1000))`;
      return [{ file: cls.file, line: nodeLine(call), rule: "datetime-millisecond-assert", message }];
    });
  });
}

const MOVES = /^add(seconds|minutes|hours|days|months|years)$/;
/** System.now()/Datetime.now(), a local holding it, or either moved by add…(). */
function isNowDerived(expr, nowVars) {
  if (expr?.$ === "Expr$NestedExpr") return isNowDerived(expr.expr, nowVars);
  if (expr?.$ === "Expr$VariableExpr") return nowVars.has(bareName(expr));
  if (expr?.$ !== "Expr$MethodCallExpr") return false;
  const ids = (expr.names ?? []).map(idOf);
  if (/^(system|datetime)\.now$/.test(staticCall(expr))) return true;
  if (!MOVES.test(ids.at(-1) ?? "")) return false;
  if (expr.dottedExpr) return ids.length === 1 && isNowDerived(expr.dottedExpr, nowVars);
  return ids.length === 2 && nowVars.has(ids[0]);
}

const LIMITS_READ = /^limits\.get[^.]*$/;
function limitsAcrossStartTest(model) {
  return methodsOf(model).flatMap(({ cls, method }) => {
    const start = nodesOf(method.decl, "Expr$MethodCallExpr").find((c) => staticCall(c) === "test.starttest");
    if (!start) return [];
    const startLine = nodeLine(start);
    const early = (d) => LIMITS_READ.test(staticCall(d.assignment)) && nodeLine(d.assignment) < startLine;
    const readEarly = nodesOf(method.decl, "VariableDecl").filter(early); // before Test.startTest()
    const before = new Set(readEarly.map((d) => idOf(d.name)));
    const reported = new Set();
    return nodesOf(method.decl, "Expr$VariableExpr").flatMap((use) => {
      const name = bareName(use);
      if (!before.has(name) || reported.has(name) || nodeLine(use) <= startLine) return [];
      reported.add(name);
      const message = `${use.names[0].value} was read from Limits before Test.startTest(), which resets the limits: read it after Test.startTest()`;
      return [{ file: cls.file, line: nodeLine(use), rule: "limits-across-starttest", message }];
    });
  });
}
