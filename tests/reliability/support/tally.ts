/** A scenario's count of what it tried and which invariants held; the first few violations are kept to print. */
export class Tally {
  tried = 0;
  held = 0;
  violated = 0;
  readonly examples: string[] = [];
  readonly notes: string[] = [];

  constructor(readonly scenario: string) {}

  /** One unit tried (a callback, a checkout, an order): it held when it has no problems. */
  unit(problems: (string | false | null | undefined)[]) {
    const found = problems.filter((p): p is string => typeof p === "string");
    this.tried++;
    if (found.length === 0) {
      this.held++;
      return;
    }
    this.violated++;
    if (this.examples.length < 8) this.examples.push(found.join("; "));
  }

  /** A whole-scenario invariant counts as one more unit. */
  invariant(ok: boolean, problem: string) {
    this.unit([ok ? null : problem]);
  }

  note(line: string) {
    this.notes.push(line);
    console.log(`  [${this.scenario}] ${line}`);
  }

  summary(): string {
    return `${this.scenario} tried=${this.tried} held=${this.held} violated=${this.violated}`;
  }
}
