#!/usr/bin/env node
// forkvm command-line entry: loads the TypeScript sources through tsx's loader and runs boot/cli.ts.
import { register } from 'tsx/esm/api';
register();
const { main } = await import('../boot/cli.ts');
process.exitCode = await main(process.argv.slice(2));
