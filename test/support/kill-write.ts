import { writeOutputs } from '../../src/output';

// Writes release `a`'s set (argv[4]: JSON of name → content) into argv[2], killing this process
// with SIGKILL at the step named by argv[3] (as WriteHooks names them; '' for none): the test then
// looks at what a reader would see.
const [dir, dieAt, files] = process.argv.slice(2);
void writeOutputs(dir, 'a', Object.entries(JSON.parse(files) as Record<string, string>).map(([name, data]) => ({ name, data })), {
  step: (what) => { if (what === dieAt) process.kill(process.pid, 'SIGKILL'); },
}).then(() => process.stdout.write('done\n'));
