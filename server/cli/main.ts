import { compileCommand, simulateCommand, testCommand, validateCommand } from './commands.ts';
import { InputError } from './files.ts';

const USAGE = `voronka — marketing automation funnels

usage:
  voronka validate FUNNEL [--json]       check a funnel file; exit 1 on errors
  voronka compile FUNNEL                 print the XState machine config
  voronka simulate FUNNEL SCENARIO [--json]  run a QA scenario on a virtual clock
  voronka test DIR                       run every scenario in DIR against its funnel
  voronka serve [--port 8787] [--data ./data] [--clock manual]   API + web app + scheduler + dispatcher
  voronka worker [--data ./data]         scheduler and dispatcher only
  voronka import PATH... [--data ./data] [--publish]
                                         funnels, scenarios and contact CSVs (files or folders) into the workspace
`;

/** The CLI entry: returns the exit code (0 ok, 1 check failed, 2 bad input or usage). */
export async function main(argv: string[], print: (s: string) => void = (s) => console.log(s), printErr: (s: string) => void = (s) => console.error(s)): Promise<number> {
  const json = argv.includes('--json');
  const args = argv.filter((a) => a !== '--json');
  const [cmd, ...rest] = args;
  try {
    if (cmd === 'validate' && rest.length === 1) return validateCommand(rest[0], print, json);
    if (cmd === 'compile' && rest.length === 1) return compileCommand(rest[0], print);
    if (cmd === 'simulate' && rest.length === 2) return simulateCommand(rest[0], rest[1], print, json);
    if (cmd === 'test' && rest.length === 1) return testCommand(rest[0], print);
    if (cmd === 'serve') return (await import('./serve.ts')).serveCommand(rest);
    if (cmd === 'worker') return (await import('./serve.ts')).serveCommand(rest, true);
    if (cmd === 'import') return await (await import('./import.ts')).importCommand(rest, print);
    printErr(USAGE);
    return cmd === undefined || cmd === 'help' || cmd === '--help' ? 0 : 2;
  } catch (e) {
    if (e instanceof InputError) {
      printErr(e.message);
      return 2;
    }
    throw e;
  }
}
