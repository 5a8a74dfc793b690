import type { Fault } from '../../models/test-control.ts';

interface Armed {
  fault: Fault;
  target: string | null;
}

/**
 * One-shot faults injected through test control (`models/test-control.ts`): the next
 * operation that matches the fault (and the target, when one was given: a username or a
 * flow id) fails, and the fault is gone.
 */
export class FaultBox {
  #armed: Armed[] = [];

  inject(fault: Fault, target?: string): void {
    this.#armed.push({ fault, target: target ?? null });
  }

  /** Consumes the first armed `fault` whose target is unset or among `targets`. */
  take(fault: Fault, targets: (string | null | undefined)[]): boolean {
    const index = this.#armed.findIndex((a) => a.fault === fault && (a.target === null || targets.includes(a.target)));
    if (index < 0) return false;
    this.#armed.splice(index, 1);
    return true;
  }

  peek(fault: Fault, targets: (string | null | undefined)[]): boolean {
    return this.#armed.some((a) => a.fault === fault && (a.target === null || targets.includes(a.target)));
  }

  list(): Armed[] {
    return this.#armed.map((a) => ({ ...a }));
  }
}
