import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { PERMISSIONS } from '@/lib/auth/permissions';

/*
 * Fail-closed coverage, checked on the source: every door into the services goes through the wrapper
 * that authenticates and authorizes, and every service names its permission. Files added later are
 * found by walking the folders, so they are covered without touching this test.
 */

const ROOT = process.cwd();
const HTTP_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const GUARDED_BUILDERS = new Set(['apiRoute', 'mlflowRoute']);
/** Routes that answer without a signed-in caller on purpose (relative to app/). */
const PUBLIC_ROUTES = new Set(['api/health/route.ts', 'api/ready/route.ts', 'api/metrics/route.ts', 'api/v1/openapi.json/route.ts', 'api/auth/[...nextauth]/route.ts']);
/** Server actions that run without an actor: they are how an actor comes to be. */
const ACTIONS_WITHOUT_ACTOR = new Set(['app/login/actions.ts#signInAction', 'app/login/actions.ts#signOutAction']);

function walk(dir: string, keep: (rel: string) => boolean): string[] {
  const abs = path.join(ROOT, dir);
  return (readdirSync(abs, { recursive: true }) as string[])
    .map((f) => path.join(dir, f).split(path.sep).join('/'))
    .filter((rel) => !rel.includes('node_modules/') && keep(rel))
    .sort();
}

/** Parses a file of the repository, or the given text as if it were that file. */
function parse(rel: string, text = readFileSync(path.join(ROOT, rel), 'utf8')): ts.SourceFile {
  return ts.createSourceFile(rel, text, ts.ScriptTarget.Latest, true, rel.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
}

const isTest = (rel: string) => /\.(int\.)?test\.tsx?$/.test(rel);
const hasExport = (node: ts.Node) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
const hasDefault = (node: ts.Node) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);

function unwrap(expr: ts.Expression): ts.Expression {
  let e = expr;
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isAwaitExpression(e)) e = e.expression;
  return e;
}

/** Top-level `const x = …` and `function x() {}` of a file, by name. */
function topLevelDeclarations(sf: ts.SourceFile): Map<string, ts.Node> {
  const out = new Map<string, ts.Node>();
  for (const st of sf.statements) {
    if (ts.isVariableStatement(st)) for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name) && d.initializer) out.set(d.name.text, d.initializer);
    if (ts.isFunctionDeclaration(st) && st.name) out.set(st.name.text, st);
  }
  return out;
}

function calleeName(call: ts.CallExpression): string | null {
  const callee = unwrap(call.expression);
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return null;
}

/** Names of everything the node calls, at any depth. */
function calledNames(node: ts.Node): Set<string> {
  const names = new Set<string>();
  const visit = (n: ts.Node) => {
    if (ts.isCallExpression(n)) {
      const name = calleeName(n);
      if (name) names.add(name);
    }
    ts.forEachChild(n, visit);
  };
  visit(node);
  return names;
}

/** Does the node call `target`, directly or through a function declared at the top of the same file? */
function reaches(node: ts.Node, target: string, decls: Map<string, ts.Node>, seen = new Set<ts.Node>()): boolean {
  if (seen.has(node)) return false;
  seen.add(node);
  const names = calledNames(node);
  if (names.has(target)) return true;
  return [...names].some((n) => decls.has(n) && reaches(decls.get(n)!, target, decls, seen));
}

/** Is a route export built by one of the builders (following `const handler = …` aliases in the file)? */
function builtBy(expr: ts.Expression, builders: Set<string>, decls: Map<string, ts.Node>, depth = 0): boolean {
  const e = unwrap(expr);
  if (ts.isCallExpression(e)) {
    if (builders.has(calleeName(e) ?? '')) return true;
    // A wrapper such as `withRawBody((body) => apiRoute(op, …))`: the callback must return a guarded handler.
    return e.arguments.some((a) => (ts.isArrowFunction(a) || ts.isFunctionExpression(a)) && returnsBuilt(a, builders, decls, depth + 1));
  }
  if (ts.isIdentifier(e) && depth < 5) {
    const target = decls.get(e.text);
    return !!target && ts.isExpression(target as ts.Expression) && !ts.isFunctionDeclaration(target) && builtBy(target as ts.Expression, builders, decls, depth + 1);
  }
  return false;
}

/** Does every value the function returns come from a guarded builder? */
function returnsBuilt(fn: ts.ArrowFunction | ts.FunctionExpression, builders: Set<string>, decls: Map<string, ts.Node>, depth: number): boolean {
  if (depth > 5) return false;
  if (!ts.isBlock(fn.body)) return builtBy(fn.body, builders, decls, depth);
  const returns: ts.ReturnStatement[] = [];
  const visit = (n: ts.Node) => {
    if (ts.isFunctionLike(n)) return;
    if (ts.isReturnStatement(n)) returns.push(n);
    ts.forEachChild(n, visit);
  };
  fn.body.statements.forEach(visit);
  return returns.length > 0 && returns.every((r) => !!r.expression && builtBy(r.expression, builders, decls, depth));
}

/** Every HTTP method a route file exports that is not built by an allowed builder, as `file: METHOD (why)`. */
function routeViolations(rel: string, text?: string): string[] {
  const sf = parse(rel, text);
  const decls = topLevelDeclarations(sf);
  const isPublic = PUBLIC_ROUTES.has(rel.replace(/^app\//, ''));
  const builders = isPublic ? new Set([...GUARDED_BUILDERS, 'publicRoute']) : GUARDED_BUILDERS;
  const allowed = [...builders].join('/');
  const out: string[] = [];
  for (const st of sf.statements) {
    if (ts.isVariableStatement(st) && hasExport(st)) {
      for (const d of st.declarationList.declarations) {
        if (ts.isIdentifier(d.name) && HTTP_METHODS.has(d.name.text)) {
          if (!d.initializer || !builtBy(d.initializer, builders, decls)) out.push(`${rel}: export ${d.name.text} is not built by ${allowed}(…)`);
        } else if (ts.isObjectBindingPattern(d.name)) {
          for (const el of d.name.elements) {
            const name = (el.name as ts.Identifier).text;
            if (!HTTP_METHODS.has(name)) continue;
            const fromAuthHandlers = isPublic && !!d.initializer && /(^|\.)handlers$/.test(unwrap(d.initializer).getText(sf));
            if (!fromAuthHandlers) out.push(`${rel}: export ${name} is destructured from ${d.initializer?.getText(sf) ?? '?'}, not built by ${allowed}(…)`);
          }
        }
      }
    } else if (ts.isFunctionDeclaration(st) && hasExport(st) && st.name && HTTP_METHODS.has(st.name.text)) {
      out.push(`${rel}: export ${st.name.text} is a bare function, not built by ${allowed}(…)`);
    } else if (ts.isExportDeclaration(st) && st.exportClause && ts.isNamedExports(st.exportClause)) {
      for (const el of st.exportClause.elements) {
        if (!HTTP_METHODS.has(el.name.text)) continue;
        const local = decls.get((el.propertyName ?? el.name).text);
        const ok = !st.moduleSpecifier && !!local && !ts.isFunctionDeclaration(local) && builtBy(local as ts.Expression, builders, decls);
        if (!ok) out.push(`${rel}: export ${el.name.text} is re-exported, not built by ${allowed}(…)`);
      }
    } else if (ts.isExportAssignment(st)) {
      out.push(`${rel}: has a default export; route handlers must be named exports built by ${allowed}(…)`);
    }
  }
  return out;
}

function isUseServerFile(sf: ts.SourceFile): boolean {
  for (const st of sf.statements) {
    if (ts.isExpressionStatement(st) && ts.isStringLiteral(st.expression)) {
      if (st.expression.text === 'use server') return true;
      continue;
    }
    return false;
  }
  return false;
}

/** Exported functions of a 'use server' file, by name. */
function exportedFunctions(sf: ts.SourceFile, decls: Map<string, ts.Node>): Map<string, ts.Node | undefined> {
  const out = new Map<string, ts.Node | undefined>();
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) && hasExport(st)) out.set(st.name?.text ?? 'default', st);
    else if (ts.isVariableStatement(st) && hasExport(st)) {
      for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name)) out.set(d.name.text, d.initializer);
    } else if (ts.isExportDeclaration(st) && !st.isTypeOnly && st.exportClause && ts.isNamedExports(st.exportClause)) {
      for (const el of st.exportClause.elements) if (!el.isTypeOnly) out.set(el.name.text, st.moduleSpecifier ? undefined : decls.get((el.propertyName ?? el.name).text));
    } else if (ts.isExportAssignment(st)) out.set('default', st.expression);
  }
  return out;
}

function actionViolations(rel: string, text?: string): string[] {
  const sf = parse(rel, text);
  if (!isUseServerFile(sf)) return [];
  const decls = topLevelDeclarations(sf);
  const out: string[] = [];
  for (const [name, node] of exportedFunctions(sf, decls)) {
    if (ACTIONS_WITHOUT_ACTOR.has(`${rel}#${name}`)) continue;
    if (!node || !reaches(node, 'runAction', decls)) out.push(`${rel}: server action ${name} does not call runAction(…)`);
  }
  return out;
}

/** Functions with their own 'use server' directive (inline server actions) must go through runAction too. */
function inlineActionViolations(rel: string, text?: string): string[] {
  const sf = parse(rel, text);
  const decls = topLevelDeclarations(sf);
  const out: string[] = [];
  const visit = (n: ts.Node) => {
    if ((ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isArrowFunction(n) || ts.isMethodDeclaration(n)) && n.body && ts.isBlock(n.body)) {
      const first = n.body.statements[0];
      if (first && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression) && first.expression.text === 'use server' && !reaches(n.body, 'runAction', decls)) {
        const name = (n as ts.FunctionDeclaration).name?.getText(sf) ?? `line ${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
        out.push(`${rel}: inline server action ${name} does not call runAction(…)`);
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

function pageViolations(rel: string, text?: string): string[] {
  const sf = parse(rel, text);
  const decls = topLevelDeclarations(sf);
  let page: ts.Node | undefined;
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) && hasExport(st) && hasDefault(st)) page = st;
    if (ts.isExportAssignment(st)) {
      const e = unwrap(st.expression);
      page = ts.isIdentifier(e) ? decls.get(e.text) : e;
    }
  }
  if (!page) return [`${rel}: has no default-exported page component`];
  return reaches(page, 'requirePageActor', decls) ? [] : [`${rel}: default export does not call requirePageActor(…)`];
}

function serviceViolations(rel: string, text?: string): string[] {
  const sf = parse(rel, text);
  const out: string[] = [];
  const visit = (n: ts.Node) => {
    if (ts.isCallExpression(n) && calleeName(n) === 'defineService') {
      const line = sf.getLineAndCharacterOfPosition(n.getStart()).line + 1;
      const arg = n.arguments[0] && unwrap(n.arguments[0]);
      if (!arg || !ts.isObjectLiteralExpression(arg)) {
        out.push(`${rel}:${line}: defineService is not given an object literal, so its permission cannot be checked`);
      } else {
        const nameProp = arg.properties.find((p) => p.name?.getText(sf) === 'name');
        const label = nameProp && ts.isPropertyAssignment(nameProp) ? nameProp.initializer.getText(sf) : `at line ${line}`;
        const perm = arg.properties.find((p) => p.name?.getText(sf) === 'permission');
        if (!perm) out.push(`${rel}: defineService ${label} declares no permission`);
        else if (ts.isPropertyAssignment(perm) && ts.isStringLiteralLike(perm.initializer) && !(perm.initializer.text in PERMISSIONS)) {
          out.push(`${rel}: defineService ${label} names the unknown permission '${perm.initializer.text}'`);
        }
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

const routeFiles = walk('app', (rel) => rel.endsWith('/route.ts'));
const sourceFiles = ['app', 'components', 'lib'].flatMap((dir) => walk(dir, (rel) => /\.tsx?$/.test(rel) && !rel.endsWith('.d.ts') && !isTest(rel)));
const consolePages = walk('app/(console)', (rel) => rel.endsWith('/page.tsx'));
const libFiles = walk('lib', (rel) => /\.tsx?$/.test(rel) && !isTest(rel));

// Each check parses every source file with the TypeScript compiler: seconds on a busy 2-core machine.
describe('route coverage', { timeout: 30_000 }, () => {
  it('finds route files, console pages, server action files and services to check', () => {
    expect(routeFiles.length).toBeGreaterThan(0);
    expect(consolePages.length).toBeGreaterThan(0);
    expect(sourceFiles.filter((f) => isUseServerFile(parse(f))).length).toBeGreaterThan(0);
    expect(libFiles.filter((f) => readFileSync(path.join(ROOT, f), 'utf8').includes('defineService({')).length).toBeGreaterThan(0);
  });

  it('builds every HTTP export of app/**/route.ts with apiRoute/mlflowRoute (publicRoute or Auth.js handlers only on the allowlist)', () => {
    expect(routeFiles.flatMap((f) => routeViolations(f))).toEqual([]);
  });

  it('keeps the public allowlist to files that exist', () => {
    expect([...PUBLIC_ROUTES].filter((rel) => !routeFiles.includes(`app/${rel}`))).toEqual([]);
  });

  it("calls runAction in every exported function of a 'use server' file", () => {
    expect(sourceFiles.flatMap((f) => actionViolations(f))).toEqual([]);
  });

  it("calls runAction in every inline 'use server' function", () => {
    expect(sourceFiles.flatMap((f) => inlineActionViolations(f))).toEqual([]);
  });

  it('calls requirePageActor in every page under app/(console)', () => {
    expect(consolePages.flatMap((f) => pageViolations(f))).toEqual([]);
  });

  it('declares a known permission in every defineService in lib/', () => {
    expect(libFiles.flatMap((f) => serviceViolations(f))).toEqual([]);
  });
});

describe('the checks themselves', () => {
  // The checkers run on fixture text here, so that a checker that passes everything cannot go unnoticed.
  const check = (fn: (rel: string, text?: string) => string[], rel: string, text: string) => fn(rel, text);

  it('flags a bare route function and a publicRoute outside the allowlist, naming file and export', () => {
    const rel = 'app/api/v1/leak/route.ts';
    expect(
      check(routeViolations, rel, "export async function GET() { return new Response('x'); }\nexport const POST = publicRoute('/x', async () => new Response());\nexport const dynamic = 'force-dynamic';\n"),
    ).toEqual([`${rel}: export GET is a bare function, not built by apiRoute/mlflowRoute(…)`, `${rel}: export POST is not built by apiRoute/mlflowRoute(…)`]);
  });

  it('accepts a wrapper whose callback returns apiRoute(…), and flags one whose callback does not', () => {
    const rel = 'app/api/v1/upload/route.ts';
    const text = 'export const PUT = withRawBody((body) => apiRoute(op, async () => body));\nexport const POST = withRawBody((body) => async () => new Response(body));\n';
    expect(check(routeViolations, rel, text)).toEqual([`${rel}: export POST is not built by apiRoute/mlflowRoute(…)`]);
  });

  it('accepts a route built through a local alias', () => {
    const rel = 'app/api/2.0/mlflow/x/route.ts';
    expect(check(routeViolations, rel, 'const handler = mlflowRoute(async () => ({}));\nexport const GET = handler;\nexport { handler as POST };\n')).toEqual([]);
  });

  it('flags a server action that skips runAction, and follows local helpers that call it', () => {
    const rel = 'app/x/actions.ts';
    const text = "'use server';\nasync function submit() { return runAction(async () => 1); }\nexport async function good() { return submit(); }\nexport const bad = async () => doWrite();\n";
    expect(check(actionViolations, rel, text)).toEqual([`${rel}: server action bad does not call runAction(…)`]);
  });

  it('flags a page without requirePageActor and a service without a permission', () => {
    expect(check(pageViolations, 'app/p/page.tsx', 'export default async function Page() { return null; }\n')).toEqual([
      'app/p/page.tsx: default export does not call requirePageActor(…)',
    ]);
    expect(check(serviceViolations, 'lib/s.ts', "export const s = defineService({ name: 'x.y', input: z.object({}), async run() {} });\n")).toEqual([
      "lib/s.ts: defineService 'x.y' declares no permission",
    ]);
  });
});
