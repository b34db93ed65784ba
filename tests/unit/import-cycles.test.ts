import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../..");
const SKIP = new Set(["node_modules", "generated", ".next", ".data", "test-results", "playwright-report"]);
const EXTENSIONS = ["", ".ts", ".tsx", ".mjs", "/index.ts", "/index.tsx"];

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (SKIP.has(name)) return [];
    if (statSync(join(ROOT, path)).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|mjs)$/.test(name) && !name.endsWith(".d.ts") ? [path] : [];
  });
}

// Every static import, re-export and dynamic import, type-only ones included.
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"'\n]+)["']/g;

function resolveImport(file: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith("@/")) base = specifier.slice(2);
  else if (specifier.startsWith(".")) base = normalize(join(dirname(file), specifier));
  else return null;
  const found = EXTENSIONS.map((ext) => base + ext).find(
    (path) => existsSync(join(ROOT, path)) && statSync(join(ROOT, path)).isFile(),
  );
  return found ?? null;
}

type Graph = Map<string, string[]>;

function importGraph(files: string[]): Graph {
  return new Map(
    files.map((file) => {
      const text = readFileSync(join(ROOT, file), "utf8");
      const targets = [...text.matchAll(SPECIFIER)].map((m) => resolveImport(file, m[1]!));
      return [file, [...new Set(targets.filter((t): t is string => t !== null))]];
    }),
  );
}

/** Strongly connected components of more than one file, or a file importing itself (Tarjan). */
function importCycles(graph: Graph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let next = 0;
  const visit = (node: string) => {
    index.set(node, next);
    low.set(node, next++);
    stack.push(node);
    onStack.add(node);
    for (const to of graph.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) low.set(node, Math.min(low.get(node)!, index.get(to)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || graph.get(node)?.includes(node)) cycles.push(component.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return cycles;
}

describe("imports", () => {
  it("form no circle anywhere in the repository", () => {
    const files = ["app", "lib", "components", "emulator", "scripts", "bench", "tests", "prisma"]
      .filter((dir) => existsSync(join(ROOT, dir)))
      .flatMap(sourceFiles)
      .concat(readdirSync(ROOT).filter((name) => /\.(ts|mjs)$/.test(name)));
    expect(files.length).toBeGreaterThan(100);
    expect(importCycles(importGraph(files))).toEqual([]);
  });

  it("the check finds a circle when there is one", () => {
    const graph: Graph = new Map([
      ["a.ts", ["b.ts"]],
      ["b.ts", ["c.ts"]],
      ["c.ts", ["a.ts"]],
      ["d.ts", ["a.ts"]],
    ]);
    expect(importCycles(graph)).toEqual([["a.ts", "b.ts", "c.ts"]]);
    expect(importCycles(new Map([["a.ts", ["b.ts"]]]))).toEqual([]);
  });
});
