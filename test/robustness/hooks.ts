// Mocha root hooks: an unhandled promise rejection anywhere in the run fails it, instead of a warning
// that scrolls by. Registered through .mocharc.json "require".
// The loader may evaluate this file twice (CommonJS and ESM): one list and one listener per process.
const g = globalThis as { __okrRejections?: unknown[] };
const rejections: unknown[] = g.__okrRejections ?? [];
if (!g.__okrRejections) {
  g.__okrRejections = rejections;
  process.on('unhandledRejection', (reason: unknown) => {
    rejections.push(reason);
    console.error(`unhandled rejection: ${(reason as Error)?.stack ?? reason}`);
  });
}

export const mochaHooks = {
  afterEach() {
    if (rejections.length === 0) return;
    const all = rejections.splice(0);
    throw new Error(`${all.length} unhandled promise rejection(s): ${(all[0] as Error)?.message ?? all[0]}`);
  },
  afterAll() {
    if (rejections.length) throw new Error(`${rejections.length} unhandled promise rejection(s) after the last test`);
  },
};
