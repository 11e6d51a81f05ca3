/**
 * A node's process, as far as crashes go: while it is down, every call into its ports throws, so
 * nothing it was doing gets persisted; what was persisted before stays (the stores are the
 * platform's storage, not the process's memory).
 */

/** Thrown by every port of a node whose process is down. */
export class NodeCrashedError extends Error {
  constructor(side: string) {
    super(`The ${side} node's process is down.`);
    this.name = 'NodeCrashedError';
  }
}

/** Whether a node's process is up; `crash` takes it down until `restart`. */
export class CrashGate {
  private up = true;

  constructor(private readonly side: string) {}

  /** Whether the process is down. */
  get crashed(): boolean {
    return !this.up;
  }

  /** Takes the process down. */
  crash(): void {
    this.up = false;
  }

  /** Brings it back up. */
  restart(): void {
    this.up = true;
  }

  /** Throws when the process is down. */
  check(): void {
    if (!this.up) throw new NodeCrashedError(this.side);
  }
}

/** `target` with every method guarded by `gate`: a call while the process is down throws. */
export function guarded<T extends object>(target: T, gate: CrashGate): T {
  return new Proxy(target, {
    get(object, property) {
      const value: unknown = Reflect.get(object, property);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]): unknown => {
        gate.check();
        return (value as (...parameters: unknown[]) => unknown).apply(object, args);
      };
    },
  });
}
