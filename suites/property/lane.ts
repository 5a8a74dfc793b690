/**
 * A property lane process (pool.ts): prepares the plan from the run's options (its first
 * message), says it is ready, then runs each property id it is sent on a driver of its own and
 * sends the result back.
 */
import { prepare } from '../runner/engine.ts';
import { propertyJobs, runIsolated } from './plan.ts';
import type { LaneMessage, LaneOptions } from './pool.ts';

const post = (message: LaneMessage): void => {
  process.send!(message);
};
// The run that started this lane is gone (ended, or killed): so is the lane.
process.on('disconnect', () => process.exit(0));

process.once('message', (first: { options: LaneOptions }) => {
  const { options } = first;
  void prepare(options).then((prepared) => {
    const byId = new Map(propertyJobs(prepared.plan, prepared.run).map((p) => [p.id, p]));
    process.on('message', (id: string) => {
      const property = byId.get(id);
      if (!property) {
        post({ id, error: `no property ${id} in this lane's plan` });
        return;
      }
      runIsolated(property, options, prepared.run).then(
        (run) => post({ id, run }),
        (error: unknown) => post({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
      );
    });
    post({ ready: true });
  }, (error: unknown) => {
    console.error(error);
    process.exit(1);
  });
});
