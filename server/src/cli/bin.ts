import { main } from './main';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`okr: ${(e as Error)?.message ?? e}\n`);
    process.exitCode = 2;
  },
);
